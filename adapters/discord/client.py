"""The discord.py client: gateway set-up, persistent buttons, and where events go."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import discord
import yarl
from discord.gateway import DiscordWebSocket

from adapters.discord import views
from adapters.discord.accounts import Accounts
from adapters.discord.commands import Handlers, build_tree
from adapters.discord.deps import Deps, server_of, speak
from adapters.discord.files import FileShares
from adapters.discord.history import History
from adapters.discord.language import LanguageCommand, Translator
from adapters.discord.presses import Presses
from adapters.discord.shares import Shares
from core.destinations import shared_in


class StashClient(discord.Client):
    """A discord.Client that hands messages, commands and buttons to Stash's handlers."""

    def __init__(self, deps: Deps, *, message_content: bool, sync_commands: bool,
                 guild_ready_timeout: float, **shards: Any) -> None:
        intents = discord.Intents.default()
        intents.message_content = message_content
        super().__init__(intents=intents, guild_ready_timeout=guild_ready_timeout,
                         allowed_mentions=discord.AllowedMentions.none(), **shards)
        self.deps = deps
        self.presses, self.history = Presses(deps), History(deps)
        self.language = LanguageCommand(deps)
        self.accounts = Accounts(deps)
        self.shares = Shares(deps)
        source = deps.file_source
        self.files = FileShares(deps, source) if source else None
        self.tree = build_tree(self, deps, Handlers(self.shares, self.accounts, self.history,
                                                    self.language, self.files))
        self._sync_commands = sync_commands

    async def setup_hook(self) -> None:
        """Find the gateway, register the buttons, publish the slash commands."""
        # A plain Client connects to DEFAULT_GATEWAY without asking: ask, so that a
        # DISCORD_API_BASE_URL other than Discord's also moves the gateway.
        _, url, _ = await self.http.get_bot_gateway()
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
        # Each button's DynamicItem, bound to its handler: presses are answered after a restart.
        self.add_dynamic_items(*self.presses.items(), *self.history.items(),
                               *self.language.items())
        await self.tree.set_translator(Translator())  # descriptions in every language
        if self._sync_commands:
            await self.tree.sync()

    async def on_message(self, message: discord.Message) -> None:
        """A message in a channel Stash can read, or a direct message, to the handler it is for."""
        if message.author.bot:  # Stash itself, and other bots
            return
        shared_in.set(server_of(message.guild.id if message.guild else None))
        await self.deps.inflight.run(self._handling(message))

    def _handling(self, message: discord.Message) -> Awaitable[None]:
        """Files when it carries audio or video (and no links); a link code or callback address
        pasted in a direct message to Accounts; anything else to Shares."""
        if self.files is not None and self.files.media_of(message):
            return self.files.on_message(message)
        if isinstance(message.channel, discord.DMChannel) and self.accounts.pasted(message):
            return self.accounts.on_pasted(message)
        return self.shares.on_message(message, self.user)

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """Answer presses of buttons that none of Stash's buttons matches."""
        if interaction.type is not discord.InteractionType.component:
            return
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = str(data.get("custom_id", ""))
        if not views.answered_by_us(interaction.message, custom_id):
            await speak(self.deps, interaction)
            await self.presses.unknown(interaction)


class ShardedStashClient(StashClient, discord.AutoShardedClient):
    """The same client carrying several shards (DISCORD_SHARD_IDS) over one process."""


def build_client(deps: Deps, *, message_content: bool, sync_commands: bool,
                 guild_ready_timeout: float, shard_count: int | None,
                 shard_ids: tuple[int, ...]) -> StashClient:
    """A client for this process's shards: one shard, several, or (unsharded) all guilds."""
    common: dict[str, Any] = {"message_content": message_content,
                              "sync_commands": sync_commands,
                              "guild_ready_timeout": guild_ready_timeout}
    if shard_count is None:
        return StashClient(deps, **common)
    ids = shard_ids or tuple(range(shard_count))
    if len(ids) == 1:
        return StashClient(deps, shard_id=ids[0], shard_count=shard_count, **common)
    return ShardedStashClient(deps, shard_ids=list(ids), shard_count=shard_count, **common)
