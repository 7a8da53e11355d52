"""REST routes a bot uses: login, gateway discovery, channels, messages, DMs."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from sandbox.discord.checks import check_message
from sandbox.discord.errors import field_error, invalid_form, not_author
from sandbox.discord.events import message_created, message_deleted, message_edited
from sandbox.discord.limits import json_response
from sandbox.discord.message_shapes import message_payload
from sandbox.discord.model import Json
from sandbox.discord.payloads import channel_payload, me_payload, user_payload
from sandbox.discord.world import World


async def read_body(request: web.Request) -> Any:
    """A JSON body, or the `payload_json` part of a multipart upload."""
    if request.content_type.startswith("multipart/"):
        form = await request.post()
        raw = form.get("payload_json")
        return json.loads(str(raw)) if raw is not None else {}
    if not request.can_read_body:
        return {}
    try:
        return await request.json()
    except ValueError:
        raise invalid_form(field_error("JSON_DECODE", "Malformed JSON body")) from None


def snowflake_arg(request: web.Request, name: str) -> int:
    """A snowflake path parameter; a non-numeric one is a 404 like any unknown route."""
    raw = request.match_info[name]
    if not raw.isdigit():
        raise web.HTTPNotFound()
    return int(raw)


class RestApi:
    """Bot-token REST routes over a World."""

    def __init__(self, world: World, gateway_url: Any) -> None:
        self.world = world
        self._gateway_url = gateway_url  # a callable: the port is known only once serving

    def routes(self) -> list[web.RouteDef]:
        """The routes, relative to /api/v10."""
        return [
            web.get("/users/@me", self.get_me),
            web.get("/users/{user_id}", self.get_user),
            web.post("/users/@me/channels", self.open_dm),
            web.get("/oauth2/applications/@me", self.get_application),
            web.get("/gateway", self.get_gateway),
            web.get("/gateway/bot", self.get_gateway_bot),
            web.get("/channels/{channel_id}", self.get_channel),
            web.post("/channels/{channel_id}/typing", self.typing),
            web.get("/channels/{channel_id}/messages", self.list_messages),
            web.post("/channels/{channel_id}/messages", self.send_message),
            web.get("/channels/{channel_id}/messages/{message_id}", self.get_message),
            web.patch("/channels/{channel_id}/messages/{message_id}", self.edit_message),
            web.delete("/channels/{channel_id}/messages/{message_id}", self.delete_message),
        ]

    async def get_me(self, request: web.Request) -> web.Response:
        """GET /users/@me: the bot account (discord.py's login check)."""
        return json_response(me_payload(self.world.bot))

    async def get_user(self, request: web.Request) -> web.Response:
        """GET /users/{id}."""
        return json_response(user_payload(self.world.user(snowflake_arg(request, "user_id"))))

    async def get_application(self, request: web.Request) -> web.Response:
        """GET /oauth2/applications/@me: the bot's application."""
        bot = self.world.bot
        return json_response(
            {
                "id": str(self.world.application_id),
                "name": bot.username,
                "icon": None,
                "description": "",
                "summary": "",
                "type": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "flags": 1 << 23,
                "owner": user_payload(self.world.users[min(self.world.users)]),
                "team": None,
                "bot": user_payload(bot),
                "approximate_guild_count": len(self.world.guilds),
                "interactions_endpoint_url": None,
                "redirect_uris": [],
                "tags": [],
                "integration_types_config": {"0": {}},
            }
        )

    async def get_gateway(self, request: web.Request) -> web.Response:
        """GET /gateway: where to connect."""
        return json_response({"url": self._gateway_url()})

    async def get_gateway_bot(self, request: web.Request) -> web.Response:
        """GET /gateway/bot: this stand-in's own websocket, one shard."""
        limit = {"total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1}
        return json_response(
            {"url": self._gateway_url(), "shards": 1, "session_start_limit": limit}
        )

    async def get_channel(self, request: web.Request) -> web.Response:
        """GET /channels/{id}."""
        channel = self.world.channel(snowflake_arg(request, "channel_id"))
        return json_response(channel_payload(self.world, channel))

    async def typing(self, request: web.Request) -> web.Response:
        """POST /channels/{id}/typing."""
        self.world.channel(snowflake_arg(request, "channel_id"))
        return web.Response(status=204)

    async def open_dm(self, request: web.Request) -> web.Response:
        """POST /users/@me/channels {recipient_id}: the DM channel with that user."""
        body = await read_body(request)
        recipient = str(body.get("recipient_id", ""))
        if not recipient.isdigit():
            raise invalid_form(
                {"recipient_id": field_error("BASE_TYPE_REQUIRED", "This field is required")}
            )
        channel = self.world.dm_channel(int(recipient))
        return json_response(channel_payload(self.world, channel))

    async def list_messages(self, request: web.Request) -> web.Response:
        """GET /channels/{id}/messages: newest first, honouring limit/before/after."""
        channel = self.world.channel(snowflake_arg(request, "channel_id"))
        messages = [m for m in self.world.channel_messages(channel.id) if not m.ephemeral]
        before, after = request.query.get("before"), request.query.get("after")
        if before:
            messages = [m for m in messages if m.id < int(before)]
        if after:
            messages = [m for m in messages if m.id > int(after)]
        limit = min(max(int(request.query.get("limit", 50)), 1), 100)
        newest = sorted(messages, key=lambda m: m.id, reverse=True)[:limit]
        return json_response([message_payload(self.world, m) for m in newest])

    async def send_message(self, request: web.Request) -> web.Response:
        """POST /channels/{id}/messages."""
        channel = self.world.channel(snowflake_arg(request, "channel_id"))
        body = check_message(await read_body(request), creating=True)
        self._check_reference(channel.id, body.get("message_reference"))
        body = {
            **body,
            "flags": int(body.get("flags") or 0) & ~0x40,
        }  # bots cannot post ephemerally here
        message = self.world.create_message(channel.id, self.world.bot.id, body)
        await message_created(self.world, message)
        return json_response(message_payload(self.world, message))

    def _check_reference(self, channel_id: int, reference: Json | None) -> None:
        if not reference or reference.get("fail_if_not_exists") is False:
            return
        target = self.world.messages.get(int(reference.get("message_id") or 0))
        if target is None or target.deleted or target.channel_id != channel_id:
            error = field_error("MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")
            raise invalid_form({"message_reference": error})

    async def get_message(self, request: web.Request) -> web.Response:
        """GET /channels/{id}/messages/{id}."""
        message = self._message(request)
        return json_response(message_payload(self.world, message))

    async def edit_message(self, request: web.Request) -> web.Response:
        """PATCH /channels/{id}/messages/{id}: only the bot's own messages."""
        message = self._message(request)
        if message.author_id != self.world.bot.id:
            raise not_author()
        body = check_message(await read_body(request), creating=False)
        self.world.edit_message(message, body)
        await message_edited(self.world, message)
        return json_response(message_payload(self.world, message))

    async def delete_message(self, request: web.Request) -> web.Response:
        """DELETE /channels/{id}/messages/{id}."""
        await message_deleted(self.world, self._message(request))
        return web.Response(status=204)

    def _message(self, request: web.Request) -> Any:
        channel = self.world.channel(snowflake_arg(request, "channel_id"))
        return self.world.message(channel.id, snowflake_arg(request, "message_id"))
