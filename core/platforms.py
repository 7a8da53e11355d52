"""What each platform's URLs name: media (with a canonical URL) or a page that is not media."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from core.models import Link, Platform
from core.refusals import Refusal

# Query parameters that only track who shared what; they never reach a canonical URL.
_TRACKING = re.compile(r"^(utm_.*|igsh|igshid|fbclid|gclid|si|feature|_t|_r|is_from_webapp|"
                       r"sender_device|share_.*|mibextid|ref|ref_src|s)$", re.IGNORECASE)
_YT_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_IG_ID = re.compile(r"^[A-Za-z0-9_-]{5,64}$")
_DIGITS = re.compile(r"^\d{5,30}$")
_SHORT_CODE = re.compile(r"^[A-Za-z0-9_-]{3,64}$")


@dataclass(frozen=True)
class ParsedUrl:
    """A URL split the way the platform rules read it."""

    original: str
    scheme: str
    host: str  # lower case, without www./m. prefixes
    port: int | None
    segments: tuple[str, ...]
    query: dict[str, list[str]]


def _link(platform: Platform, media_id: str, canonical: str, url: ParsedUrl, *,
          resolve: bool = False) -> Link:
    return Link(platform, media_id, canonical, url.original, needs_resolve=resolve)


_IG_MEDIA = {"p", "reel", "reels", "tv"}
_IG_RESERVED = {"accounts", "direct", "about", "developer", "legal", "privacy", "web", "explore",
                "challenge", "emails", "session", "api", "oauth", "static", "graphql"}


def _instagram(url: ParsedUrl) -> Link | Refusal:
    seg = [s.lower() for s in url.segments]
    if not seg:
        return Refusal.NOT_MEDIA
    if "audio" in seg[:2] or seg[0] == "music":
        return Refusal.MUSIC
    if seg[0] in ("stories", "s"):
        return Refusal.STORY
    if seg[0] == "explore":
        return Refusal.TAG if seg[1:2] == ["tags"] else Refusal.NOT_MEDIA
    if seg[0] == "share" and len(seg) >= 2:
        kind, token = (seg[1], url.segments[2]) if len(seg) >= 3 else ("p", url.segments[1])
        if _SHORT_CODE.match(token):
            canonical = f"https://www.instagram.com/share/{kind}/{token}/"
            return _link(Platform.INSTAGRAM, token, canonical, url, resolve=True)
        return Refusal.NOT_MEDIA
    # /reel/<id>/ or /<username>/reel/<id>/
    for at in (0, 1):
        if len(seg) > at + 1 and seg[at] in _IG_MEDIA and _IG_ID.match(url.segments[at + 1]):
            media_id = url.segments[at + 1]
            return _link(Platform.INSTAGRAM, media_id,
                         f"https://www.instagram.com/p/{media_id}/", url)
    if len(seg) == 1 and seg[0] not in _IG_RESERVED and seg[0] not in _IG_MEDIA:
        return Refusal.PROFILE
    if len(seg) == 2 and seg[1] in ("reels", "tagged", "saved"):
        return Refusal.PROFILE
    return Refusal.NOT_MEDIA


def _tiktok(url: ParsedUrl) -> Link | Refusal:
    seg = [s.lower() for s in url.segments]
    if url.host in ("vm.tiktok.com", "vt.tiktok.com") and seg:
        code = url.segments[0]
        if _SHORT_CODE.match(code):
            return _link(Platform.TIKTOK, code, f"https://{url.host}/{code}/", url, resolve=True)
        return Refusal.NOT_MEDIA
    if seg[:1] == ["t"] and len(seg) >= 2 and _SHORT_CODE.match(url.segments[1]):
        code = url.segments[1]
        return _link(Platform.TIKTOK, code, f"https://www.tiktok.com/t/{code}/", url, resolve=True)
    # /@user/video/<id>, tiktokv.com's /share/video/<id>/, and /@user/photo/<id>: a photo post
    # with a song, which yt-dlp reads at the same /video/ address as its audio alone.
    video_id = _tiktok_video_id(seg)
    if video_id:
        return _link(Platform.TIKTOK, video_id, f"https://www.tiktok.com/@_/video/{video_id}", url)
    if seg[:1] == ["music"]:
        return Refusal.MUSIC
    if seg[:1] == ["tag"]:
        return Refusal.TAG
    if (len(seg) == 1 and seg[0].startswith("@")) or seg[:2] == ["share", "user"]:
        return Refusal.PROFILE
    return Refusal.NOT_MEDIA


def _tiktok_video_id(seg: list[str]) -> str | None:
    for at, name in enumerate(seg[:-1]):
        if name in ("video", "photo", "embed", "v2") and _DIGITS.match(seg[at + 1]):
            return seg[at + 1]
    if len(seg) == 2 and seg[0] == "v" and seg[1].endswith(".html"):
        stem = seg[1].removesuffix(".html")
        return stem if _DIGITS.match(stem) else None
    return None


def _youtube(url: ParsedUrl) -> Link | Refusal:
    seg = list(url.segments)
    first = seg[0].lower() if seg else ""
    video_id = None
    if url.host == "youtu.be" and seg:
        video_id = seg[0]
    elif first in ("shorts", "live", "embed", "v", "e") and len(seg) >= 2:
        video_id = seg[1]
    elif first == "watch":
        video_id = url.query.get("v", [""])[0] or None
    if video_id and _YT_ID.match(video_id):
        return _link(Platform.YOUTUBE, video_id,
                     f"https://www.youtube.com/watch?v={video_id}", url)
    if "list" in url.query or first == "playlist":
        return Refusal.PLAYLIST
    if first.startswith("@") or first in ("channel", "c", "user"):
        return Refusal.CHANNEL
    return Refusal.NOT_MEDIA


def _facebook(url: ParsedUrl) -> Link | Refusal:
    seg = [s.lower() for s in url.segments]
    if url.host == "fb.watch" and seg and _SHORT_CODE.match(url.segments[0]):
        code = url.segments[0]
        return _link(Platform.FACEBOOK, code, f"https://fb.watch/{code}/", url, resolve=True)
    # The share button gives /share/r/ for a reel and /share/v/ for a video, resolved hop by hop;
    # /share/p/ is a post (photos, text), refused below as not a video.
    if seg[:1] == ["share"] and len(seg) >= 3 and seg[1] in ("r", "v") \
            and _SHORT_CODE.match(url.segments[2]):
        code = url.segments[2]
        canonical = f"https://www.facebook.com/share/{seg[1]}/{code}/"
        return _link(Platform.FACEBOOK, code, canonical, url, resolve=True)
    video_id = None
    if seg[:1] == ["reel"] and len(seg) >= 2:
        video_id = seg[1]
    elif seg[:1] == ["watch"]:
        video_id = url.query.get("v", [""])[0]
    elif len(seg) >= 3 and seg[1] == "videos":
        video_id = seg[-1]
    if video_id and _DIGITS.match(video_id):
        return _link(Platform.FACEBOOK, video_id, f"https://www.facebook.com/reel/{video_id}", url)
    if len(seg) == 1 and seg[0] not in ("watch", "reel", "reels", "groups", "events"):
        return Refusal.PROFILE
    return Refusal.NOT_MEDIA


def direct(url: ParsedUrl) -> Link:
    """A plain media link on a host listed in MEDIA_EXTRA_HOSTS."""
    kept = sorted((k, v) for k, values in url.query.items() if not _TRACKING.match(k)
                  for v in values)
    host = f"{url.host}:{url.port}" if url.port else url.host
    path = "/" + "/".join(url.segments)
    canonical = f"{url.scheme}://{host}{path}" + (f"?{urlencode(kept)}" if kept else "")
    return _link(Platform.DIRECT, host + path, canonical, url)


PLATFORMS: tuple[tuple[frozenset[str], Platform, Callable[[ParsedUrl], Link | Refusal]], ...] = (
    (frozenset({"instagram.com", "instagr.am"}), Platform.INSTAGRAM, _instagram),
    # tiktokv.com: the share links TikTok's apps produce in some regions and messengers.
    (frozenset({"tiktok.com", "vm.tiktok.com", "vt.tiktok.com", "tiktokv.com"}), Platform.TIKTOK,
     _tiktok),
    (frozenset({"youtube.com", "youtu.be", "music.youtube.com", "youtube-nocookie.com"}),
     Platform.YOUTUBE, _youtube),
    (frozenset({"facebook.com", "fb.com", "fb.watch"}), Platform.FACEBOOK, _facebook),
)
