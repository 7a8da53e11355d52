"""api.spotify.com/v1: authentication, armed faults, call counting, search, me and tracks."""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware

from sandbox.catalogue import SPOTIFY_TRACKS

from . import objects, search
from .state import AccessToken, Fault, SpotifyUser, Store

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
NOT_REGISTERED = ("The user is not registered for this application. "
                  "Please check your settings on https://developer.spotify.com/dashboard.")
FAULT_MESSAGES = {
    429: "API rate limit exceeded", 500: "Server error.", 502: "Bad gateway.",
    503: "Service unavailable", 504: "Gateway timeout",
}
SEARCH_TYPES = ("album", "artist", "playlist", "track", "show", "episode", "audiobook")
MAX_SEARCH_LIMIT = 10  # Development Mode since February 2026
_MARKET = re.compile(r"[A-Z]{2}|from_token")


class ApiError(Exception):
    """A Web API refusal: {"error": {"status", "message"}}."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{status} {message}")
        self.status = status
        self.message = message
        self.headers = headers or {}

    def response(self) -> web.Response:
        """The JSON answer."""
        return web.json_response(objects.api_error_body(self.status, self.message),
                                 status=self.status, headers=self.headers)


def _unauthorized(message: str) -> ApiError:
    challenge = f'Bearer realm="spotify", error="invalid_token", error_description="{message}"'
    return ApiError(401, message, {"WWW-Authenticate": challenge})


def authenticate(store: Store, request: web.Request) -> AccessToken:
    """The request's live token, or the error Spotify gives (401, or 403 for unlisted users)."""
    header = request.headers.get("Authorization", "")
    if not header:
        raise _unauthorized("No token provided")
    if not header.startswith("Bearer "):
        raise ApiError(400, "Only valid bearer authentication supported")
    token = store.access_tokens.get(header[7:].strip())
    if token is None:
        raise _unauthorized("Invalid access token")
    if token.expired:
        raise _unauthorized("The access token expired")
    if token.user_id is not None and not store.users[token.user_id].registered:
        raise ApiError(403, NOT_REGISTERED)
    return token


def user_of(store: Store, token: AccessToken) -> SpotifyUser:
    """The user behind a user token; app tokens cannot reach user endpoints."""
    if token.user_id is None:
        raise ApiError(401, "This request requires user authentication.")
    return store.users[token.user_id]


def int_param(request: web.Request, name: str, default: int, low: int, high: int) -> int:
    """An integer query parameter within [low, high], or 400 "Invalid <name>"."""
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"Invalid {name}") from None
    if not low <= value <= high:
        raise ApiError(400, f"Invalid {name}")
    return value


def middleware(store: Store) -> Middleware:
    """Count every call by route, serve armed faults, and turn ApiError into JSON."""

    @web.middleware
    async def handle(request: web.Request, handler: Handler) -> web.StreamResponse:
        resource = request.match_info.route.resource
        route = resource.canonical if resource else request.path
        store.calls[f"{request.method} {route.rstrip('/') or '/'}"] += 1
        is_api = request.path.startswith("/v1/")
        try:
            fault = store.faults.take(request.path[4:].strip("/")) if is_api else None
            if fault is not None:
                raise _fault_error(fault)
            return await handler(request)
        except ApiError as err:
            return err.response()
        except web.HTTPNotFound:
            if is_api:
                return ApiError(404, "Service not found").response()
            raise
        except web.HTTPMethodNotAllowed:
            if is_api:
                return ApiError(405, "Method not allowed").response()
            raise

    return handle


def _fault_error(fault: Fault) -> ApiError:
    headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
    return ApiError(fault.status, FAULT_MESSAGES.get(fault.status, "Server error."), headers)


def grey_png(size: int) -> bytes:
    """A valid size×size grey PNG, made without an imaging library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = b"".join(b"\x00" + b"\x80" * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


class Catalogue:
    """GET search, GET tracks/{id}, GET me."""

    def __init__(self, store: Store, api_base: Callable[[], str]) -> None:
        self.store = store
        self.api_base = api_base

    def add_routes(self, app: web.Application) -> None:
        """Mount the read-only catalogue and profile endpoints."""
        app.router.add_get("/v1/search", self.search)
        app.router.add_get("/v1/tracks/{track_id}", self.track)
        app.router.add_get("/v1/me", self.me)
        app.router.add_get("/v1/me/", self.me)
        app.router.add_get("/image/{image_id}", self.image)

    async def image(self, request: web.Request) -> web.Response:
        """An album cover: a flat grey square whose size ends the id (640, 300 or 64)."""
        size = next((s for s in (640, 300, 64) if request.match_info["image_id"].endswith(str(s))),
                    64)
        return web.Response(body=grey_png(size), content_type="image/png")

    async def me(self, request: web.Request) -> web.Response:
        """The current user's profile."""
        user = user_of(self.store, authenticate(self.store, request))
        return web.json_response(objects.user_object(self.api_base(), user))

    async def track(self, request: web.Request) -> web.Response:
        """One track by id."""
        authenticate(self.store, request)
        track_id = request.match_info["track_id"]
        found = next((t for t in SPOTIFY_TRACKS if t.id == track_id), None)
        if found is None:
            raise ApiError(404 if track_id.isalnum() else 400,
                           "Resource not found" if track_id.isalnum() else "Invalid base62 id")
        return web.json_response(objects.track_object(self.api_base(), found))

    async def search(self, request: web.Request) -> web.Response:
        """Tracks matching `q`, paged; other requested types come back empty."""
        authenticate(self.store, request)
        # Spotify's own next/previous links spell the query `query=`; both are accepted.
        q = request.query.get("q") or request.query.get("query", "")
        types = request.query.get("type", "")
        if not q.strip():
            raise ApiError(400, "No search query")
        if not types:
            raise ApiError(400, "Missing parameter type")
        kinds = types.split(",")
        if any(kind not in SEARCH_TYPES for kind in kinds):
            raise ApiError(400, "Bad search type field type")
        market = request.query.get("market")
        if market is not None and not _MARKET.fullmatch(market):
            raise ApiError(400, "Invalid market code")
        limit = int_param(request, "limit", 5, 0, MAX_SEARCH_LIMIT)
        offset = int_param(request, "offset", 0, 0, 1000)
        found = search.search(q, SPOTIFY_TRACKS, {t.id: objects.year_of(t) for t in SPOTIFY_TRACKS})
        body = {}
        for kind in kinds:
            hits = found if kind == "track" else []
            items = [objects.track_object(self.api_base(), t) for t in hits[offset:offset + limit]]
            body[kind + "s"] = objects.paging(f"{self.api_base()}search",
                                              {"query": q, "type": kind}, items, offset, limit,
                                              len(hits))
        return web.json_response(body)
