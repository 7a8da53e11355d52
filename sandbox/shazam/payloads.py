"""The JSON bodies amp.shazam.com answers a recognition with."""

from __future__ import annotations

import re
import zlib
from typing import Any
from urllib.parse import quote, quote_plus

from sandbox.catalogue import Song
from sandbox.shazam.fingerprint import Match

NO_MATCH_RETRY_MS = 4_000
LABEL = "Sandbox Sound Records"
_GENRES = ("Pop", "Alternative", "Electronic", "Hip-Hop/Rap", "R&B/Soul", "Singer/Songwriter")
_ICONS = "https://images.shazam.com/static/icons/hub/ios/v5"


def join_artists(artists: tuple[str, ...]) -> str:
    """Shazam's subtitle: "A", "A & B", "A, B & C"."""
    if len(artists) == 1:
        return artists[0]
    return ", ".join(artists[:-1]) + " & " + artists[-1]


def match_body(
    song: Song, match: Match, *, tag_id: str, request: dict[str, Any], images: str
) -> dict[str, Any]:
    """A recognition that found `song`; `images` is the origin serving cover art."""
    return {
        "matches": [
            {
                "id": song.key,
                "offset": match.offset,
                "timeskew": match.time_skew,
                "frequencyskew": match.frequency_skew,
            }
        ],
        "location": {"accuracy": 0.01},
        **_echo(request),
        "tagid": tag_id,
        "track": track(song, images=images),
    }


def no_match_body(*, tag_id: str, request: dict[str, Any]) -> dict[str, Any]:
    """A recognition that found nothing."""
    return {"matches": [], **_echo(request), "tagid": tag_id, "retryms": NO_MATCH_RETRY_MS}


def _echo(request: dict[str, Any]) -> dict[str, Any]:
    return {"timestamp": request.get("timestamp"), "timezone": request.get("timezone")}


def cover_url(images: str, key: str, size: int) -> str:
    """Where the stand-in serves a song's cover art at one size."""
    return f"{images}/image/thumb/{key}/{size}x{size}cc.jpg"


def track(song: Song, *, images: str) -> dict[str, Any]:
    """The `track` object of a match."""
    subtitle = join_artists(song.artists)
    cover, cover_hq = cover_url(images, song.key, 400), cover_url(images, song.key, 800)
    url = f"https://www.shazam.com/track/{song.key}/{_slug(song.title)}"
    return {
        "layout": "5",
        "type": "MUSIC",
        "key": song.key,
        "title": song.title,
        "subtitle": subtitle,
        "images": {"background": cover_hq, "coverart": cover, "coverarthq": cover_hq},
        "share": _share(song, subtitle, url, cover),
        "hub": _hub(song, subtitle),
        "url": url,
        "artists": [{"id": "42", "adamid": _fake_id("artist", song.artists[0])}],
        "isrc": song.isrc,
        "genres": {"primary": _GENRES[zlib.crc32(song.key.encode()) % len(_GENRES)]},
        "urlparams": {
            "{tracktitle}": quote_plus(song.title),
            "{trackartist}": quote_plus(subtitle),
        },
        "albumadamid": _fake_id("album", song.album),
        "sections": [_song_section(song, cover)],
    }


def _share(song: Song, subtitle: str, url: str, cover: str) -> dict[str, str]:
    text = f"I used Shazam to discover {song.title} by {subtitle}."
    return {
        "subject": f"{song.title} - {subtitle}",
        "text": text,
        "href": url,
        "image": cover,
        "twitter": text.replace("Shazam", "@Shazam"),
        "html": f"https://www.shazam.com/snippets/email-share/{song.key}?lang=en-US&country=GB",
        "snapchat": f"https://www.shazam.com/partner/sc/track/{song.key}",
    }


def _hub(song: Song, subtitle: str) -> dict[str, Any]:
    # Shazam's Spotify link is a search for the title and the first artist, never a track URI.
    spotify_query = quote(f"{song.title} {song.artists[0]}", safe="")
    deezer_query = quote(
        "{track:'" + quote_plus(song.title) + "' artist:'"
        + quote_plus(subtitle.replace("&", "")) + "'}", safe="+%",
    )
    return {
        "type": "APPLEMUSIC",
        "image": f"{_ICONS}/applemusic_{{scalefactor}}.png",
        "actions": [{"name": "apple", "type": "applemusicplay", "id": _fake_id("song", song.key)}],
        "providers": [
            _provider("Spotify", "hub:spotify:searchdeeplink", f"spotify:search:{spotify_query}"),
            _provider("Deezer", "hub:deezer:searchdeeplink",
                      f"deezer-query://www.deezer.com/play?query={deezer_query}"),
        ],
        "explicit": False,
        "displayname": "APPLE MUSIC",
    }


def _provider(name: str, action: str, uri: str) -> dict[str, Any]:
    icon = name.lower()
    return {
        "caption": f"Open in {name}",
        "images": {
            "overflow": f"{_ICONS}/{icon}-overflow_{{scalefactor}}.png",
            "default": f"{_ICONS}/{icon}_{{scalefactor}}.png",
        },
        "actions": [{"name": action, "type": "uri", "uri": uri}],
        "type": name.upper(),
    }


def _song_section(song: Song, cover: str) -> dict[str, Any]:
    return {
        "type": "SONG",
        "metapages": [{"image": cover, "caption": song.title}],
        "tabname": "Song",
        "metadata": [
            {"title": "Album", "text": song.album},
            {"title": "Label", "text": LABEL},
            {"title": "Released", "text": song.released},
        ],
    }


def _slug(title: str) -> str:
    return quote(re.sub(r"[^\w]+", "-", title.lower()).strip("-") or "-")


def _fake_id(kind: str, name: str) -> str:
    """A stable Apple-like numeric id; not a real one."""
    return str(1_000_000_000 + zlib.crc32(f"{kind}:{name}".encode()) % 900_000_000)
