"""REST plumbing: exact JSON responses, bot-token auth, X-RateLimit-* buckets and forced 429s."""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from sandbox.discord.errors import DiscordError, unauthorized

API_PREFIX = "/api/v10"
# Discord's own limits for routes that have one apart from the shared bucket, per channel.
# Sending messages: 5 per 5 s in a channel (opt in: most tests want a quick stand-in).
CHANNEL_SENDS = {"POST /channels/{channel_id}/messages": (5, 5.0)}
# Reactions: one a quarter second in a channel, on their own bucket (always on).
REACTIONS = {"PUT /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me": (1, 0.25)}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_TOKEN_ROUTES = ("/webhooks/", "/interactions/")  # authorised by the interaction token in the path


def json_response(data: Any, status: int = 200) -> web.Response:
    """JSON with exactly `Content-Type: application/json`, as discord.py requires."""
    return web.Response(
        status=status, body=json.dumps(data).encode(), content_type="application/json"
    )


@dataclass
class _Window:
    started: float
    used: int = 0


class RateLimits:
    """Per-route buckets that answer with Discord's headers, plus a switch for N forced 429s."""

    def __init__(self, limit: int, per: float,
                 routes: dict[str, tuple[int, float]] | None = None) -> None:
        self.limit = limit
        self.per = per
        self.routes = {**REACTIONS, **(routes or {})}  # "METHOD /template": (limit, per)
        self.windows: dict[str, _Window] = {}
        self.forced = 0
        self.forced_retry_after = 0.05
        self.forced_global = False
        self.limited: list[str] = []  # "METHOD path" of every request answered 429

    def force(self, count: int, retry_after: float, *, is_global: bool = False) -> None:
        """Answer the next `count` REST requests with 429 and this retry_after."""
        self.forced, self.forced_retry_after, self.forced_global = count, retry_after, is_global

    def check(self, request: web.Request) -> dict[str, str]:
        """Count a request in its bucket: the headers to send, or TooManyRequests."""
        route, bucket, key = _bucket_of(request)
        limit, per = self.routes.get(route, (self.limit, self.per))
        window = self._window(key, per)
        reset_after = max(window.started + per - time.monotonic(), 0.0)
        if self.forced > 0:
            self.forced -= 1
            self._refuse(request, bucket, self.forced_retry_after, self.forced_global)
        if window.used >= limit:
            self._refuse(request, bucket, reset_after, False)
        window.used += 1
        return _headers(bucket, limit, limit - window.used, reset_after)

    def _window(self, key: str, per: float) -> _Window:
        window = self.windows.get(key)
        if window is None or time.monotonic() >= window.started + per:
            window = self.windows[key] = _Window(started=time.monotonic())
        return window

    def _refuse(
        self, request: web.Request, bucket: str, retry_after: float, is_global: bool
    ) -> None:
        self.limited.append(f"{request.method} {request.path}")
        headers = _headers(bucket, self.limit, 0, retry_after)
        headers.update({"Retry-After": str(math.ceil(retry_after)), "X-RateLimit-Scope": "user"})
        if is_global:
            headers.update({"X-RateLimit-Global": "true", "X-RateLimit-Scope": "global"})
        body = {"message": "You are being rate limited.", "retry_after": retry_after}
        raise TooManyRequests({**body, "global": is_global}, headers)


class TooManyRequests(Exception):
    """A 429 answer, raised from the bucket check and rendered by the middleware."""

    def __init__(self, body: dict[str, Any], headers: dict[str, str]) -> None:
        super().__init__(body["message"])
        self.body = body
        self.headers = headers


def _bucket_of(request: web.Request) -> tuple[str, str, str]:
    """("METHOD /template" under /api/v10; Discord's bucket hash, which names the route; the
    window key, which adds major ids)."""
    resource = request.match_info.route.resource
    template = resource.canonical if resource is not None else request.path
    route = f"{request.method} {template.removeprefix(API_PREFIX)}"
    bucket = hashlib.sha1(route.encode(), usedforsecurity=False).hexdigest()[:16]
    major = [request.match_info.get(k, "") for k in ("channel_id", "guild_id", "app_id", "token")]
    return route, bucket, f"{bucket}:{':'.join(major)}"


def _headers(bucket: str, limit: int, remaining: int, reset_after: float) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
        "X-RateLimit-Reset-After": f"{reset_after:.3f}",
        "X-RateLimit-Bucket": bucket,
    }


def _authorised(request: web.Request, token: str) -> bool:
    return request.headers.get("Authorization") == f"Bot {token}"


def api_middleware(token: str, limits: RateLimits) -> Callable[..., Awaitable[web.StreamResponse]]:
    """Auth, rate limits and Discord-shaped errors for everything under /api/v10."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(API_PREFIX):
            return await handler(request)
        headers: dict[str, str] = {}
        try:
            headers = limits.check(request)
            route = request.path[len(API_PREFIX) :]
            if not route.startswith(_TOKEN_ROUTES) and not _authorised(request, token):
                raise unauthorized()
            response = await handler(request)
        except DiscordError as error:
            response = json_response(error.body(), error.status)
        except TooManyRequests as refusal:
            response = json_response(refusal.body, 429)
            response.headers.update(refusal.headers)
        except web.HTTPException as error:
            body = {"message": f"{error.status}: {error.reason}", "code": 0}
            response = json_response(body, error.status)
        response.headers.update(headers)
        # discord.py trusts a 429 only when it came through Discord's proxy.
        response.headers["Via"] = "1.1 google"
        return response

    return middleware
