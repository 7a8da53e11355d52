"""/_control/...: the stand-in's test controls over HTTP, for use from another process."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from sandbox.discord.errors import DiscordError

if TYPE_CHECKING:
    from sandbox.discord.standin import DiscordStandIn

_Handler = Callable[[web.Request], Awaitable[web.Response]]


def _ok(data: Any) -> web.Response:
    return web.json_response(data, dumps=lambda d: json.dumps(d, default=str))


def _int(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


async def _body(request: web.Request) -> dict[str, Any]:
    return await request.json() if request.can_read_body else {}


def _guarded(handler: _Handler) -> _Handler:
    """Turn a refused action into 400 and an expired wait into 408."""

    async def run(request: web.Request) -> web.Response:
        try:
            return await handler(request)
        except (LookupError, ValueError, PermissionError, DiscordError) as error:
            return web.json_response({"error": str(error)}, status=400)
        except TimeoutError:
            return web.json_response({"error": "timed out"}, status=408)

    return run


class ControlApi:
    """Each route is a thin call to the matching DiscordStandIn method."""

    def __init__(self, stand_in: DiscordStandIn) -> None:
        self.s = stand_in

    def routes(self) -> list[web.RouteDef]:
        """Every /_control route."""
        table: list[tuple[str, str, _Handler]] = [
            ("GET", "/_control/state", self.state),
            ("POST", "/_control/guilds", self.add_guild),
            ("POST", "/_control/channels", self.add_channel),
            ("POST", "/_control/members", self.add_member),
            ("POST", "/_control/messages", self.send_message),
            ("POST", "/_control/commands/run", self.run_command),
            ("POST", "/_control/buttons/click", self.click),
            ("GET", "/_control/interactions/{interaction_id}", self.interaction),
            ("GET", "/_control/channels/{channel_id}/transcript", self.transcript),
            ("GET", "/_control/dms/{user_id}/transcript", self.dm_transcript),
            ("GET", "/_control/commands", self.commands),
            ("POST", "/_control/faults/rate_limit", self.rate_limit),
            ("POST", "/_control/portal", self.portal),
            ("POST", "/_control/gateway/reconnect", self.reconnect),
        ]
        return [web.route(method, path, _guarded(handler)) for method, path, handler in table]

    async def state(self, request: web.Request) -> web.Response:
        """Ids of the scene, the gateway and what happened so far."""
        s = self.s
        identifies = [{k: v for k, v in i.items() if k != "token"} for i in s.identifies]
        return _ok(
            {
                "bot_id": s.bot_id,
                "application_id": s.application_id,
                "guild_id": s.guild_id,
                "channel_id": s.channel_id,
                "members": {u.username: u.id for u in s.world.users.values() if not u.bot},
                "gateway_url": s.gateway_url,
                "connected": s.connected,
                "identifies": identifies,
                "rate_limited": s.limits.limited,
            }
        )

    async def add_guild(self, request: web.Request) -> web.Response:
        """{name} -> {id}."""
        return _ok({"id": await self.s.add_guild((await _body(request))["name"])})

    async def add_channel(self, request: web.Request) -> web.Response:
        """{name, guild_id?} -> {id}."""
        data = await _body(request)
        return _ok({"id": await self.s.add_channel(data["name"], _int(data.get("guild_id")))})

    async def add_member(self, request: web.Request) -> web.Response:
        """{username, guild_id?, user_id?} -> {id}."""
        data = await _body(request)
        guild_id, user_id = _int(data.get("guild_id")), _int(data.get("user_id"))
        return _ok({"id": await self.s.add_member(data["username"], guild_id, user_id)})

    async def send_message(self, request: web.Request) -> web.Response:
        """{author_id, content, channel_id?, dm?} -> the message."""
        data = await _body(request)
        author, content = int(data["author_id"]), str(data["content"])
        if data.get("dm"):
            return _ok(await self.s.send_dm(author, content))
        return _ok(await self.s.send_message(author, content, _int(data.get("channel_id"))))

    async def run_command(self, request: web.Request) -> web.Response:
        """{user_id, name, options?, channel_id?, dm?} -> {interaction_id}."""
        data = await _body(request)
        interaction_id = await self.s.run_command(
            int(data["user_id"]),
            data["name"],
            data.get("options") or {},
            channel_id=_int(data.get("channel_id")),
            dm=bool(data.get("dm")),
        )
        return _ok({"interaction_id": interaction_id})

    async def click(self, request: web.Request) -> web.Response:
        """{user_id, message_id, custom_id, values?} -> {interaction_id}."""
        data = await _body(request)
        interaction_id = await self.s.click_button(
            int(data["user_id"]), int(data["message_id"]), data["custom_id"], data.get("values")
        )
        return _ok({"interaction_id": interaction_id})

    async def interaction(self, request: web.Request) -> web.Response:
        """The bot's answer; `?wait=SECONDS` waits for the first callback."""
        interaction_id = int(request.match_info["interaction_id"])
        if "wait" in request.query:
            seconds = float(request.query["wait"] or 5)
            return _ok(await self.s.wait_for_response(interaction_id, seconds))
        return _ok(self.s.interaction(interaction_id))

    async def transcript(self, request: web.Request) -> web.Response:
        """A channel's messages; `?wait_for=N&timeout=S` waits for N of them."""
        channel_id, query = int(request.match_info["channel_id"]), request.query
        if "wait_for" in query:
            seconds = float(query.get("timeout", 5))
            await self.s.wait_for_messages(int(query["wait_for"]), channel_id, seconds)
        return _ok(self.s.transcript(channel_id, include_deleted="include_deleted" in query))

    async def dm_transcript(self, request: web.Request) -> web.Response:
        """The DM between the bot and one person."""
        return _ok(self.s.dm_transcript(int(request.match_info["user_id"])))

    async def commands(self, request: web.Request) -> web.Response:
        """Registered commands; `?guild_id=` for a guild's."""
        return _ok(self.s.commands(_int(request.query.get("guild_id"))))

    async def rate_limit(self, request: web.Request) -> web.Response:
        """{count, retry_after?, global?}: the next requests get 429."""
        data = await _body(request)
        retry_after = float(data.get("retry_after", 0.05))
        self.s.rate_limit_next(int(data["count"]), retry_after, is_global=bool(data.get("global")))
        return _ok({"ok": True})

    async def portal(self, request: web.Request) -> web.Response:
        """{message_content?, members?, presences?}: the portal's privileged intent switches."""
        self.s.set_portal_intents(**{k: bool(v) for k, v in (await _body(request)).items()})
        return _ok({"ok": True})

    async def reconnect(self, request: web.Request) -> web.Response:
        """Send op 7 Reconnect to every gateway client."""
        self.s.reconnect_gateway()
        return _ok({"ok": True})
