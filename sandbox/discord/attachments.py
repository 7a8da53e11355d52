"""Attachments: files people post with a message, and the CDN that serves them.

As on Discord: an attachment object carries id, filename, size, url, proxy_url and content_type
(a voice message also duration_secs and waveform, and its message the IS_VOICE_MESSAGE flag).
Its url is signed (ex, is, hm): the CDN answers 404 to an unsigned, altered or expired URL.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field

from aiohttp import web

from sandbox.discord.model import Json, snowflake

CDN_PREFIX = "/cdn"
FLAG_IS_VOICE_MESSAGE = 1 << 13
LIFETIME = 24 * 3600
GONE = "This content is no longer available."


@dataclass(frozen=True)
class Upload:
    """A file a person attaches; `voice` makes it a voice message (audio/ogg, with duration)."""

    filename: str
    data: bytes = field(repr=False)
    content_type: str | None = None
    voice: bool = False
    duration_secs: float | None = None


@dataclass
class Stored:
    """An attachment on the CDN, and how often it was downloaded."""

    channel_id: int
    filename: str
    data: bytes = field(repr=False)
    content_type: str | None
    downloads: int = 0


class Cdn:
    """cdn.discordapp.com for attachments, under /cdn on the stand-in."""

    def __init__(self) -> None:
        self.files: dict[int, Stored] = {}
        self._secret = secrets.token_bytes(16)

    def attach(self, base: str, channel_id: int, upload: Upload) -> Json:
        """Store an upload; the attachment object a message carries."""
        attachment_id = snowflake()
        self.files[attachment_id] = Stored(channel_id, upload.filename, upload.data,
                                           upload.content_type)
        path = f"/attachments/{channel_id}/{attachment_id}/{upload.filename}"
        issued = int(time.time())
        query = f"ex={issued + LIFETIME:x}&is={issued:x}"
        signed = f"{path}?{query}&hm={self._sign(path, query)}"
        data: Json = {"id": str(attachment_id), "filename": upload.filename,
                      "size": len(upload.data), "url": base + signed,
                      "proxy_url": base.replace("/cdn", "/media") + signed}
        if upload.content_type:
            data["content_type"] = upload.content_type
        if upload.voice:
            data.update(duration_secs=upload.duration_secs or 1.0, waveform="AAAA",
                        flags=FLAG_IS_VOICE_MESSAGE)
        return data

    def downloads(self, attachment_id: int | str) -> int:
        """How many times an attachment was downloaded."""
        return self.files[int(attachment_id)].downloads

    def routes(self) -> list[web.RouteDef]:
        """The CDN's one route."""
        path = CDN_PREFIX + "/attachments/{channel_id}/{attachment_id}/{filename}"
        return [web.get(path, self.serve)]

    async def serve(self, request: web.Request) -> web.Response:
        """The attachment's bytes, for a valid signed URL only."""
        info = request.match_info
        path = f"/attachments/{info['channel_id']}/{info['attachment_id']}/{info['filename']}"
        query = f"ex={request.query.get('ex', '')}&is={request.query.get('is', '')}"
        stored = self.files.get(int(info["attachment_id"])) if info["attachment_id"].isdigit() \
            else None
        signed = hmac.compare_digest(request.query.get("hm", ""), self._sign(path, query))
        expired = int(request.query.get("ex", "0") or "0", 16) < time.time()
        if stored is None or not signed or expired or stored.filename != info["filename"]:
            return web.Response(status=404, text=GONE)
        stored.downloads += 1
        return web.Response(body=stored.data,
                            content_type=stored.content_type or "application/octet-stream")

    def _sign(self, path: str, query: str) -> str:
        return hmac.new(self._secret, f"{path}?{query}".encode(), hashlib.sha256).hexdigest()
