"""yt-dlp reading pages within a bound: a small compressed page cannot unpack to gigabytes.

The guard proxy counts bytes on the wire, and for plain HTTP refuses compressed answers. Over
HTTPS it sees only a tunnel, while yt-dlp unpacks gzip, deflate or brotli in its thread and then
scans the whole page with regular expressions, holding the interpreter (and so our event loop)
for as long as that takes. Here every read through yt-dlp counts unpacked bytes and stops past
the cap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yt_dlp
from yt_dlp.networking.common import Response
from yt_dlp.networking.exceptions import TransportError

MIB = 1024 * 1024
# Far above any page a platform's extractor reads (a YouTube player script is a few MiB).
PAGE_CAP = 16 * MIB
_CHUNK = MIB
# In yt-dlp's error message, which classify() reads.
OVER_CAP = "page unpacks to over the size cap"


class BoundedYoutubeDL(yt_dlp.YoutubeDL):  # type: ignore[misc]
    """A YoutubeDL whose responses unpack to at most `page_cap` bytes each."""

    def __init__(self, params: dict[str, Any], *, page_cap: int = PAGE_CAP,
                 **options: Any) -> None:
        super().__init__(params, **options)
        self.page_cap = page_cap

    def urlopen(self, req: Any) -> Response:
        """yt-dlp's urlopen, its response's reads counted and capped."""
        response = super().urlopen(req)
        response.read = _capped(response.read, self.page_cap)  # one instance, one bound
        return response


def _capped(read: Callable[[int | None], bytes], cap: int) -> Callable[..., bytes]:
    """`read`, raising yt-dlp's own read error once more than `cap` bytes came out of it."""
    total = 0

    def count(data: bytes) -> bytes:
        nonlocal total
        total += len(data)
        if total > cap:
            raise TransportError(f"{OVER_CAP} ({cap // MIB} MiB)")
        return data

    def bounded(amt: int | None = None) -> bytes:
        if amt is not None:
            return count(read(amt))
        chunks = []
        while chunk := count(read(_CHUNK)):  # never the whole body at once
            chunks.append(chunk)
        return b"".join(chunks)

    return bounded
