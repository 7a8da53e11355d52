"""The HTTP control surface, /_control/..., for tests that run the stand-in in another process.

Every route takes an optional `?token=` naming the bot (default: the first one).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from sandbox.telegram.flood import EDIT_METHODS, FloodLimits
from sandbox.telegram.model import TgUser

if TYPE_CHECKING:
    from sandbox.telegram.standin import TelegramStandIn

Route = Callable[[web.Request, "TelegramStandIn", dict[str, Any]], Awaitable[Any]]


def add_control_routes(app: web.Application, tg: TelegramStandIn) -> None:
    """Register /_control/... on the stand-in's app."""
    routes: list[tuple[str, str, Route]] = [
        ("GET", "/_control/state", _state),
        ("POST", "/_control/users", _add_user),
        ("POST", "/_control/users/{user_id}/started", _started),
        ("POST", "/_control/users/{user_id}/blocked", _blocked),
        ("POST", "/_control/groups", _add_group),
        ("POST", "/_control/messages", _user_sends),
        ("POST", "/_control/callbacks", _press),
        ("GET", "/_control/callbacks/{query_id}", _answer),
        ("POST", "/_control/updates/{update_id}/replay", _replay),
        ("GET", "/_control/chats/{chat_id}/transcript", _transcript),
        ("POST", "/_control/flood", _flood),
        ("POST", "/_control/flood/force", _force),
        ("POST", "/_control/faults", _fault),
        ("GET", "/_control/calls", _calls),
    ]
    for verb, path, route in routes:
        app.router.add_route(verb, path, _wrap(tg, route))


def _wrap(tg: TelegramStandIn, route: Route) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handle(request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else {}
        try:
            return web.json_response(await route(request, tg, body))
        except (KeyError, ValueError, TypeError) as err:
            return web.json_response({"error": f"bad request: {err!r}"}, status=400)
        except LookupError as err:
            return web.json_response({"error": str(err)}, status=404)

    return handle


def _token(request: web.Request) -> str | None:
    return request.query.get("token")


async def _state(request: web.Request, tg: TelegramStandIn, body: dict[str, Any]) -> Any:
    return tg.world(_token(request)).describe()


async def _add_user(request: web.Request, tg: TelegramStandIn, body: dict[str, Any]) -> Any:
    user = tg.add_user(
        int(body["id"]),
        body["first_name"],
        body.get("username"),
        last_name=body.get("last_name"),
        started=body.get("started", True),
        token=_token(request),
    )
    return user.to_api()


async def _started(request: web.Request, tg: TelegramStandIn, body: dict[str, Any]) -> Any:
    tg.set_started(
        int(request.match_info["user_id"]), body.get("started", True), token=_token(request)
    )
    return {"ok": True}


async def _blocked(request: web.Request, tg: TelegramStandIn, body: dict[str, Any]) -> Any:
    tg.block(int(request.match_info["user_id"]), body.get("blocked", True), token=_token(request))
    return {"ok": True}


async def _add_group(request: web.Request, tg: TelegramStandIn, body: dict[str, Any]) -> Any:
    return tg.add_group(
        int(body["id"]),
        body["title"],
        supergroup=body.get("supergroup", True),
        username=body.get("username"),
        token=_token(request),
    )


async def _user_sends(request: web.Request, tg: TelegramStandIn, body: dict[str, Any]) -> Any:
    """Body: user_id, text, chat_id, caption, reply_to, forwarded_from (user id or a name)."""
    token = _token(request)
    origin = body.get("forwarded_from")
    forwarded: TgUser | str | None = origin
    if isinstance(origin, int):
        forwarded = tg.world(token).people[origin].user
    return tg.user_sends(
        int(body["user_id"]),
        body.get("text"),
        chat_id=body.get("chat_id"),
        caption=body.get("caption"),
        forwarded_from=forwarded,
        reply_to=body.get("reply_to"),
        token=token,
    )


async def _press(request: web.Request, tg: TelegramStandIn, body: dict[str, Any]) -> Any:
    query_id = tg.press_button(
        int(body["user_id"]),
        int(body["message_id"]),
        body["data"],
        chat_id=body.get("chat_id"),
        token=_token(request),
    )
    return {"callback_query_id": query_id}


async def _answer(request: web.Request, tg: TelegramStandIn, body: dict[str, Any]) -> Any:
    answer = tg.callback_answer(request.match_info["query_id"], token=_token(request))
    return {
        "answered": answer is not None,
        "answer": dataclasses.asdict(answer) if answer else None,
    }


async def _replay(request: web.Request, tg: TelegramStandIn, body: dict[str, Any]) -> Any:
    tg.replay(int(request.match_info["update_id"]), token=_token(request))
    return {"ok": True}


async def _transcript(request: web.Request, tg: TelegramStandIn, body: dict[str, Any]) -> Any:
    entries = tg.transcript(int(request.match_info["chat_id"]), token=_token(request))
    return [dataclasses.asdict(entry) for entry in entries]


async def _flood(request: web.Request, tg: TelegramStandIn, body: dict[str, Any]) -> Any:
    tg.set_flood_limits(FloodLimits(**body), token=_token(request))
    return {"ok": True}


async def _force(request: web.Request, tg: TelegramStandIn, body: dict[str, Any]) -> Any:
    tg.force_retry_after(
        int(body.get("count", 1)),
        int(body.get("retry_after", 5)),
        methods=body.get("methods", sorted(EDIT_METHODS)),
        token=_token(request),
    )
    return {"ok": True}


async def _fault(request: web.Request, tg: TelegramStandIn, body: dict[str, Any]) -> Any:
    tg.fail_next(
        body["method"],
        int(body["status"]),
        body["description"],
        count=int(body.get("count", 1)),
        token=_token(request),
    )
    return {"ok": True}


async def _calls(request: web.Request, tg: TelegramStandIn, body: dict[str, Any]) -> Any:
    return [dataclasses.asdict(call) for call in tg.calls]
