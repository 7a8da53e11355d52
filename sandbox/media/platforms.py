"""The platforms' pages for `stash demo`: share-shaped links answered from the media host, offline.

People paste what a share button gives (`https://www.instagram.com/reel/…/?igsh=…`), so the demo
offers links of that shape and Stash reads them as it reads real ones. yt-dlp then meets a
stand-in extractor instead of the platform's own: without any request, it names the clip on the
media host that a sample link's media id stands for; any other link on those hosts is a removed
post. The platforms' names resolve to this machine only, for the sample links' hosts on port
443, so nothing a person pastes into the demo can reach the internet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from yt_dlp.extractor.common import InfoExtractor
from yt_dlp.utils import ExtractorError

DOMAINS = ("instagram.com", "tiktok.com", "youtube.com", "facebook.com")
HOSTS = (*(prefix + domain for domain in DOMAINS for prefix in ("", "www.", "m.")), "youtu.be")
LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Sample:
    """A link as a platform's share button gives it, and the clip it stands for."""

    label: str
    shared: str
    media_id: str
    key: str  # a catalogue song or sound
    clip: Mapping[str, float] = field(default_factory=dict)


SAMPLES: tuple[Sample, ...] = (
    Sample("an Instagram reel with a song after a few seconds of talk",
           "https://www.instagram.com/reel/DEm0M1dN1te/?igsh=ZGVtbzE2MTE=", "DEm0M1dN1te",
           "40000001", {"talk": 4}),
    Sample("a YouTube Short of a song with several versions on Spotify",
           "https://youtube.com/shorts/dEm0EchoPk1?si=dEm0sHaReL1nK", "dEm0EchoPk1", "40000010"),
    Sample("a TikTok with a song Spotify doesn't have",
           "https://www.tiktok.com/@unsigned.ursula/video/7300000000000000008?is_from_webapp=1"
           "&sender_device=pc", "7300000000000000008", "40000008"),
    Sample("a Facebook reel of someone talking, no song",
           "https://www.facebook.com/reel/1000000000000004/?mibextid=dEm0", "1000000000000004",
           "speech"),
)


def guard_hosts() -> tuple[str, ...]:
    """The host:port entries the demo's network guard lets through (to this machine)."""
    return tuple(f"{host}:443" for host in HOSTS)


async def offline_resolver(host: str, port: int) -> list[str]:
    """DNS for the demo: the platforms' hosts are this machine, every other name is unknown."""
    if host.lower() in HOSTS:
        return [LOOPBACK]
    raise OSError(f"{host}: the demo resolves no names (it works offline)")


def platforms_extractor(clips: Mapping[str, str]) -> type[InfoExtractor]:
    """A yt-dlp extractor for every link on the platforms' hosts; `clips`: media id → clip URL."""
    hosts = "|".join(re.escape(host) for host in HOSTS)

    class DemoPlatformsIE(InfoExtractor):  # type: ignore[misc]
        IE_NAME = "stash-demo-platforms"
        _VALID_URL = rf"https?://(?:{hosts})(?::\d+)?/.*"

        def _real_extract(self, url: str) -> dict[str, Any]:
            for media_id, clip in clips.items():
                if media_id in url:
                    ext = PurePosixPath(urlsplit(clip).path).suffix.lstrip(".")
                    return {"id": media_id, "url": clip, "ext": ext, "title": f"Demo {media_id}"}
            raise ExtractorError("Video unavailable: the demo knows only its sample links",
                                 expected=True)

    return DemoPlatformsIE
