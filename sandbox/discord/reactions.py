"""Reactions: the bot adds one to a message (PUT .../reactions/{emoji}/@me).

Discord limits this route on its own, apart from sending messages: one reaction a quarter second
per channel (see REACTION_LIMIT in sandbox/discord/limits.py). The MESSAGE_REACTION_ADD gateway
event is not sent: nothing here listens for reactions.
"""

from __future__ import annotations

import re

from aiohttp import web

from sandbox.discord.errors import DiscordError
from sandbox.discord.model import Reaction
from sandbox.discord.rest import snowflake_arg
from sandbox.discord.world import World

# A custom emoji is name:id; anything else must be a Unicode emoji (no plain words).
_CUSTOM = re.compile(r"^\w{2,32}:\d+$")


class ReactionsApi:
    """The bot's own reactions on messages."""

    def __init__(self, world: World) -> None:
        self.world = world

    def routes(self) -> list[web.RouteDef]:
        """The routes, relative to /api/v10."""
        return [web.put("/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
                        self.add)]

    async def add(self, request: web.Request) -> web.Response:
        """Add the bot's reaction once (adding it again changes nothing); 204."""
        channel_id = snowflake_arg(request, "channel_id")
        message = self.world.message(channel_id, snowflake_arg(request, "message_id"))
        emoji = request.match_info["emoji"]
        if not (_CUSTOM.match(emoji) or any(ord(c) > 0x2000 for c in emoji)):
            raise DiscordError(400, 10014, "Unknown Emoji")
        bot = self.world.bot.id
        if not any(r.emoji == emoji and r.user_id == bot for r in message.reactions):
            message.reactions.append(Reaction(emoji, bot))
        await self.world.notify()
        return web.Response(status=204)
