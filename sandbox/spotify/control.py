"""/_control/...: the stand-in's Python controls over HTTP (JSON), for tests in another process."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from .standin import SpotifyStandIn

Action = Callable[["SpotifyStandIn", dict[str, Any]], Any]


def _settings(s: SpotifyStandIn, body: dict[str, Any]) -> dict[str, Any]:
    if "token_lifetime" in body:
        s.token_lifetime = int(body["token_lifetime"])
    if "code_lifetime" in body:
        s.store.code_lifetime = int(body["code_lifetime"])
    if "deleted_playlists_gone" in body:
        s.deleted_playlists_gone = bool(body["deleted_playlists_gone"])
    if "rotate_refresh_tokens" in body:
        s.rotate_refresh_tokens = body["rotate_refresh_tokens"]
    return {"token_lifetime": s.token_lifetime, "code_lifetime": s.store.code_lifetime,
            "deleted_playlists_gone": s.deleted_playlists_gone,
            "rotate_refresh_tokens": s.rotate_refresh_tokens}


# POST /_control/<name> with a JSON body; each answers JSON.
POSTS: dict[str, Action] = {
    "login": lambda s, b: s.login_as(b.get("user_id", "stashdemo"),
                                     consent=b.get("consent", True)),
    "tokens": lambda s, b: s.issue_token(b.get("user_id", "stashdemo"),
                                         **({"scope": b["scope"]} if "scope" in b else {}),
                                         pkce=b.get("pkce", False)),
    "expire": lambda s, b: {"expired": s.expire_access_tokens(b.get("user_id"),
                                                              token=b.get("access_token"))},
    "revoke": lambda s, b: {"revoked": s.revoke_refresh_tokens(b["user_id"])},
    "rate_limit": lambda s, b: s.rate_limit(b.get("count", 1), retry_after=b.get("retry_after", 1),
                                            path=b.get("path")),
    "fail": lambda s, b: s.fail(b.get("count", 1), status=b.get("status", 500), path=b.get("path")),
    "fail_after_commit": lambda s, b: s.fail_after_commit(b.get("count", 1)),
    "reset_faults": lambda s, b: s.reset_faults(),
    "playlists": lambda s, b: {"id": s.create_playlist(b["user_id"], b["name"],
                                                       public=b.get("public", False),
                                                       uris=b.get("uris", ()))},
    "delete_playlist": lambda s, b: s.delete_playlist(b["playlist_id"]),
    "settings": _settings,
}

# GET /_control/<name>; the query string is the argument dict.
GETS: dict[str, Action] = {
    "users": lambda s, q: s.users(),
    "playlists": lambda s, q: s.playlists(q["user_id"]),
    "items": lambda s, q: s.playlist_items(q["playlist_id"]),
    "calls": lambda s, q: dict(s.calls),
    "settings": lambda s, q: _settings(s, {}),
}


def _handler(stand_in: SpotifyStandIn, action: Action, *, has_body: bool,
             ) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handle(request: web.Request) -> web.Response:
        args: dict[str, Any] = dict(request.query)
        if has_body and request.can_read_body:
            args = await request.json()
        try:
            result = action(stand_in, args)
        except KeyError as err:
            return web.json_response({"error": f"unknown or missing {err}"}, status=404)
        return web.json_response(result if result is not None else {"ok": True})

    return handle


def add_control_routes(app: web.Application, stand_in: SpotifyStandIn) -> None:
    """Mount every /_control route."""
    for name, action in POSTS.items():
        app.router.add_post(f"/_control/{name}", _handler(stand_in, action, has_body=True))
    for name, action in GETS.items():
        app.router.add_get(f"/_control/{name}", _handler(stand_in, action, has_body=False))
