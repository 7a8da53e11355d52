"""Interaction callbacks and the interaction webhook: original response and follow-ups."""

from __future__ import annotations

import time

from aiohttp import web

from sandbox.discord.checks import check_message
from sandbox.discord.errors import (
    DiscordError,
    already_acknowledged,
    field_error,
    invalid_form,
    unknown,
)
from sandbox.discord.events import message_created, message_deleted, message_edited
from sandbox.discord.limits import json_response
from sandbox.discord.message_shapes import message_payload
from sandbox.discord.model import FLAG_EPHEMERAL, FLAG_LOADING, Interaction, Json, Message
from sandbox.discord.rest import read_body, snowflake_arg
from sandbox.discord.world import World

REPLY, DEFERRED_REPLY, DEFERRED_UPDATE, UPDATE, MODAL = 4, 5, 6, 7, 9
COMPONENT = 3


class ResponsesApi:
    """POST /interactions/{id}/{token}/callback and /webhooks/{app}/{token}/..."""

    def __init__(self, world: World, *, response_window: float, token_lifetime: float) -> None:
        self.world = world
        self.response_window = response_window  # Discord: 3 s to send the initial callback
        self.token_lifetime = token_lifetime  # Discord: 15 min for follow-ups and edits

    def routes(self) -> list[web.RouteDef]:
        """The routes, relative to /api/v10."""
        one = "/webhooks/{app_id}/{token}/messages/{message_id}"
        return [
            web.post("/interactions/{interaction_id}/{token}/callback", self.callback),
            web.post("/webhooks/{app_id}/{token}", self.followup),
            web.get(one, self.get_message),
            web.patch(one, self.edit_message),
            web.delete(one, self.delete_message),
        ]

    async def callback(self, request: web.Request) -> web.Response:
        """The initial response: reply, deferred reply, deferred update, update, modal."""
        interaction = self.world.interactions.get(snowflake_arg(request, "interaction_id"))
        late = interaction and time.monotonic() - interaction.created > self.response_window
        if interaction is None or interaction.token != request.match_info["token"] or late:
            raise unknown("interaction")
        if interaction.acknowledged:
            raise already_acknowledged()
        body = await read_body(request)
        kind, data = int(body.get("type") or 0), body.get("data") or {}
        interaction.callbacks.append({"type": kind, "data": data})  # claimed before any await
        try:
            message = await self._respond(interaction, kind, data)
        except DiscordError:
            interaction.callbacks.pop()
            raise
        await self.world.notify()
        if request.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)
        return json_response(self._callback_answer(interaction, kind, message))

    async def _respond(self, interaction: Interaction, kind: int, data: Json) -> Message | None:
        if kind in (DEFERRED_UPDATE, UPDATE) and interaction.type != COMPONENT:
            raise invalid_form(
                {
                    "type": field_error(
                        "INTERACTION_RESPONSE_TYPE_INVALID", "Invalid interaction response type"
                    )
                }
            )
        if kind == REPLY:
            return await self._post(interaction, check_message(data, creating=True))
        if kind == DEFERRED_REPLY:
            interaction.deferred = True
            flags = (int(data.get("flags") or 0) & FLAG_EPHEMERAL) | FLAG_LOADING
            return await self._post(interaction, {"content": "", "flags": flags})
        if kind in (DEFERRED_UPDATE, UPDATE):
            message = self.world.message(None, interaction.message_id or 0)
            interaction.original_id = message.id
            if kind == UPDATE:
                self.world.edit_message(message, check_message(data, creating=False))
                await message_edited(self.world, message)
            return message
        if kind == MODAL:
            return None
        raise invalid_form(
            {"type": field_error("BASE_TYPE_CHOICES", "Value must be one of {4, 5, 6, 7, 9}.")}
        )

    async def _post(
        self, interaction: Interaction, body: Json, *, followup: bool = False
    ) -> Message:
        message = self.world.create_message(interaction.channel_id, self.world.bot.id, body)
        message.webhook_id = self.world.application_id
        message.interaction_id = interaction.id
        if followup:
            interaction.followup_ids.append(message.id)
        else:
            interaction.original_id = message.id
        await message_created(self.world, message)
        return message

    def _callback_answer(
        self, interaction: Interaction, kind: int, message: Message | None
    ) -> Json:
        summary: Json = {
            "id": str(interaction.id),
            "type": interaction.type,
            "response_message_loading": kind == DEFERRED_REPLY,
            "response_message_ephemeral": bool(message and message.ephemeral),
        }
        answer: Json = {"interaction": summary}
        if message is not None:
            summary["response_message_id"] = str(message.id)
            answer["resource"] = {"type": kind, "message": message_payload(self.world, message)}
        return answer

    def _interaction(self, request: web.Request) -> Interaction:
        token = request.match_info["token"]
        app_id = snowflake_arg(request, "app_id")
        found = [i for i in self.world.interactions.values() if i.token == token]
        if app_id != self.world.application_id or not found:
            raise unknown("Webhook")
        if time.monotonic() - found[0].created > self.token_lifetime:
            raise DiscordError(401, 50027, "Invalid Webhook Token")
        return found[0]

    def _target(self, request: web.Request) -> tuple[Interaction, Message]:
        interaction = self._interaction(request)
        raw = request.match_info["message_id"]
        message_id = (
            interaction.original_id if raw == "@original" else int(raw) if raw.isdigit() else None
        )
        mine = {interaction.original_id, *interaction.followup_ids}
        if message_id is None or message_id not in mine:
            raise unknown("Message")
        return interaction, self.world.message(None, message_id)

    async def followup(self, request: web.Request) -> web.Response:
        """POST /webhooks/{app}/{token}: a follow-up (the first one fills a deferred reply)."""
        interaction = self._interaction(request)
        if not interaction.acknowledged:
            raise unknown("Webhook")
        body = check_message(await read_body(request), creating=True)
        loading = self._loading_original(interaction)
        if loading is not None:
            self.world.edit_message(loading, body)
            await message_edited(self.world, loading)
            message = loading
        else:
            message = await self._post(interaction, body, followup=True)
        if request.query.get("wait") not in ("1", "true", "True"):
            return web.Response(status=204)
        return json_response(message_payload(self.world, message))

    def _loading_original(self, interaction: Interaction) -> Message | None:
        original = self.world.messages.get(interaction.original_id or 0)
        if original is not None and not original.deleted and original.flags & FLAG_LOADING:
            return original
        return None

    async def get_message(self, request: web.Request) -> web.Response:
        """GET @original or a follow-up."""
        _, message = self._target(request)
        return json_response(message_payload(self.world, message))

    async def edit_message(self, request: web.Request) -> web.Response:
        """PATCH @original or a follow-up."""
        _, message = self._target(request)
        self.world.edit_message(message, check_message(await read_body(request), creating=False))
        await message_edited(self.world, message)
        return json_response(message_payload(self.world, message))

    async def delete_message(self, request: web.Request) -> web.Response:
        """DELETE @original or a follow-up."""
        _, message = self._target(request)
        await message_deleted(self.world, message)
        return web.Response(status=204)
