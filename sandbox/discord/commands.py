"""Application command registration: global and guild commands, bulk overwrite and upsert."""

from __future__ import annotations

from aiohttp import web

from sandbox.discord.checks import check_commands
from sandbox.discord.errors import DiscordError
from sandbox.discord.limits import json_response
from sandbox.discord.message_shapes import command_payload
from sandbox.discord.model import Json
from sandbox.discord.rest import read_body, snowflake_arg
from sandbox.discord.world import World


def missing_access() -> DiscordError:
    """403 for another application's or another guild's commands."""
    return DiscordError(403, 50001, "Missing Access")


class CommandsApi:
    """/applications/{app}/commands and /applications/{app}/guilds/{guild}/commands."""

    def __init__(self, world: World) -> None:
        self.world = world

    def routes(self) -> list[web.RouteDef]:
        """The routes, relative to /api/v10."""
        routes = []
        for path in (
            "/applications/{app_id}/commands",
            "/applications/{app_id}/guilds/{guild_id}/commands",
        ):
            routes += [
                web.get(path, self.list),
                web.put(path, self.overwrite),
                web.post(path, self.upsert),
            ]
        return routes

    def _scope(self, request: web.Request) -> int | None:
        if snowflake_arg(request, "app_id") != self.world.application_id:
            raise missing_access()
        if "guild_id" not in request.match_info:
            return None
        guild_id = snowflake_arg(request, "guild_id")
        if guild_id not in self.world.guilds:
            raise missing_access()
        return guild_id

    def _answer(self, guild_id: int | None, status: int = 200) -> web.Response:
        commands = self.world.scope_commands(guild_id)
        return json_response([command_payload(self.world, c) for c in commands], status)

    async def list(self, request: web.Request) -> web.Response:
        """GET: the commands of one scope."""
        return self._answer(self._scope(request))

    async def overwrite(self, request: web.Request) -> web.Response:
        """PUT: replace every command of the scope (what CommandTree.sync does)."""
        guild_id = self._scope(request)
        bodies = check_commands(await read_body(request))
        self.world.overwrite_commands(guild_id, bodies)
        await self.world.notify()
        return self._answer(guild_id)

    async def upsert(self, request: web.Request) -> web.Response:
        """POST: create one command, or replace the one with the same name (201 when new)."""
        guild_id = self._scope(request)
        (body,) = check_commands([await read_body(request)])
        existing = [c.body for c in self.world.scope_commands(guild_id)]
        others: list[Json] = [b for b in existing if b["name"] != body["name"]]
        created = len(others) == len(existing)
        commands = self.world.overwrite_commands(guild_id, [*others, body])
        await self.world.notify()
        command = next(c for c in commands if c.name == body["name"])
        return json_response(command_payload(self.world, command), 201 if created else 200)
