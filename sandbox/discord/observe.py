"""What a test can see in the fake Discord: transcripts, interactions, commands, waits."""

from __future__ import annotations

from collections.abc import Callable

from sandbox.discord.gateway_server import GatewayServer
from sandbox.discord.message_shapes import command_payload
from sandbox.discord.model import Json
from sandbox.discord.views import interaction_view, message_view
from sandbox.discord.world import World


class Observer:
    """Read-side methods of DiscordStandIn, over its world and gateway."""

    world: World
    gateway: GatewayServer
    channel_id: int

    def interaction(self, interaction_id: int) -> Json:
        """The bot's answer to an interaction: callbacks, response, original and follow-ups."""
        return interaction_view(self.world, self.world.interactions[interaction_id])

    def transcript(
        self, channel_id: int | None = None, *, include_deleted: bool = False
    ) -> list[Json]:
        """Every message of a channel, oldest first, with edit history."""
        channel = self.world.channel(channel_id or self.channel_id)
        messages = [m for m in self.world.messages.values() if m.channel_id == channel.id]
        return [message_view(self.world, m) for m in messages if include_deleted or not m.deleted]

    def dm_channel_id(self, user_id: int) -> int:
        """The id of the DM channel between the bot and a person."""
        return self.world.dm_channel(user_id).id

    def dm_transcript(self, user_id: int) -> list[Json]:
        """Every message of the DM between the bot and a person."""
        return self.transcript(self.world.dm_channel(user_id).id)

    def commands(self, guild_id: int | None = None) -> list[Json]:
        """Registered application commands: global (None) or of one guild."""
        return [command_payload(self.world, c) for c in self.world.scope_commands(guild_id)]

    @property
    def identifies(self) -> list[Json]:
        """Every IDENTIFY payload received (token, intents, properties)."""
        return self.gateway.identified

    @property
    def connected(self) -> int:
        """How many gateway sessions are listening."""
        return len(self.world.listeners)

    async def wait_for(self, predicate: Callable[[], bool], seconds: float = 5.0) -> None:
        """Wait, without polling, until `predicate()` holds after some change."""
        await self.world.wait_for(predicate, seconds)

    async def wait_for_response(self, interaction_id: int, seconds: float = 5.0) -> Json:
        """Wait until the bot has answered an interaction; return interaction(id)."""
        await self.wait_for(lambda: self.world.interactions[interaction_id].acknowledged, seconds)
        return self.interaction(interaction_id)
