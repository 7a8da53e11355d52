"""The Discord front: a discord.py client run in the shared event loop."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

import aiohttp
import discord
from discord.http import Route

from adapters import translations
from adapters.discord.accounts import Accounts
from adapters.discord.client import StashClient, build_client
from adapters.discord.deps import PLATFORM, Deps
from adapters.discord.downloads import DiscordFiles
from adapters.discord.status import ChannelPacer, EditPacing
from adapters.media.files import MIB, FileFetcher
from adapters.running import Running
from core import texts
from core.connect_codes import ChatAccount
from core.connecting import Connecting
from core.kept import Reopened
from core.models import KeptShare, UserKey
from core.service import Stash

log = logging.getLogger(__name__)
DIRECT_MESSAGES = "https://discord.com/channels/@me"  # where Stash's direct messages are

PORTAL_SWITCH = ("Discord refused the message content intent: switch on Message Content Intent "
                 "(Developer Portal → your app → Bot → Privileged Gateway Intents)")


class DiscordStartError(RuntimeError):
    """The front could not start; the message names the cause and never the token."""


@dataclass(frozen=True)
class DiscordConfig:
    """What the front needs from settings; `token` is a secret and is never logged."""

    token: str = field(repr=False)
    api_base_url: str = "https://discord.com/api/v10"
    cdn_base_url: str = "https://cdn.discordapp.com"  # the only place attachments are read
    # Privileged: also switched on in the Developer Portal, or the front runs without it.
    message_content: bool = True
    pacing: EditPacing = field(default_factory=EditPacing)
    sync_commands: bool = True
    # discord.py waits this long after the last guild arrives before it calls the bot ready.
    guild_ready_timeout: float = 0.5
    ready_timeout: float = 60.0
    drain_timeout: float = 10.0  # how long stopping waits for shares in hand
    history_page: int = 5
    # Sharding: how many shards the bot has, and which this process carries (all when empty).
    shard_count: int | None = None
    shard_ids: tuple[int, ...] = ()


class DiscordFront(Running):
    """Builds the client and its handlers; `start`/`stop` run it beside the other fronts."""

    def __init__(self, stash: Stash, connecting: Connecting, config: DiscordConfig,
                 files: FileFetcher | None = None, file_max_bytes: int = 50 * MIB) -> None:
        self.config = config
        translations.install()  # every sentence said in the language of the person spoken to
        self.deps = Deps(stash, connecting, ChannelPacer(config.pacing), config.history_page)
        if files is not None:  # attachments are read from the configured CDN only
            source = DiscordFiles(config.cdn_base_url, file_max_bytes, files.slots)
            files.add_source(PLATFORM, source)
            self.deps.file_source = source
        self.client = self._client(message_content=config.message_content)
        connecting.reach(PLATFORM, self.tell, Accounts.guide, self.name_of,
                      lambda: (texts.say("discord.home"), DIRECT_MESSAGES))
        self.reads_channels = False  # whether channel messages carry their text (once started)
        self._gateway: asyncio.Task[None] | None = None

    def _client(self, *, message_content: bool) -> StashClient:
        return build_client(self.deps, message_content=message_content,
                            sync_commands=self.config.sync_commands,
                            guild_ready_timeout=self.config.guild_ready_timeout,
                            shard_count=self.config.shard_count,
                            shard_ids=self.config.shard_ids)

    async def start(self) -> None:
        """Log in, publish the commands, connect; raises DiscordStartError (never the token)."""
        # Without the portal's message content switch it runs on DMs, mentions and /stash.
        Route.BASE = self.config.api_base_url.rstrip("/")
        try:
            await self._connect()
        except discord.PrivilegedIntentsRequired:
            log.warning("%s. Until then I read links in DMs, mentions and /stash only.",
                        PORTAL_SWITCH)
            self.client = self._client(message_content=False)
            await self._connect()
        self.reads_channels = self.client.intents.message_content
        self.deps.stash.resume(
            PLATFORM, self.deps.stash.tongues.speaking_to_sharer(self.reopen, self._server_locale))
        log.info("Discord front running as %s", self.client.user)

    async def reopen(self, kept: KeptShare) -> Reopened:
        """A share another process left, on its status message (the client in use now)."""
        return await self.client.shares.reopen(self.client, kept)

    def _server_locale(self, kept: KeptShare) -> str | None:
        """The language of the server a kept share's channel is in (None: a direct message)."""
        channel = self.client.get_channel(int(kept.chat_id))
        guild = getattr(channel, "guild", None)
        return guild.preferred_locale.value if guild is not None else None

    async def _connect(self) -> None:
        try:
            await self.client.login(self.config.token)
        except discord.LoginFailure:
            await self.stop()
            raise DiscordStartError(
                "Discord rejected the bot token: check DISCORD_BOT_TOKEN") from None
        except (discord.DiscordException, aiohttp.ClientError, OSError) as err:
            await self.stop()
            raise DiscordStartError(
                f"could not start the Discord front: {type(err).__name__}") from None
        self._gateway = asyncio.create_task(self.client.connect(), name="discord gateway")
        ready = asyncio.ensure_future(self.client.wait_until_ready())
        await asyncio.wait({self._gateway, ready}, timeout=self.config.ready_timeout,
                           return_when=asyncio.FIRST_COMPLETED)
        if ready.done():
            self._gateway.add_done_callback(_gateway_ended)
            return
        ready.cancel()
        error = self._gateway.exception() if self._gateway.done() else None
        await self.stop()
        if isinstance(error, discord.PrivilegedIntentsRequired):
            raise error
        why = type(error).__name__ if error else "no answer from the gateway in time"
        raise DiscordStartError(f"could not connect to Discord: {why}") from None

    async def stop(self) -> None:
        """Let the shares in hand finish (for a while), then disconnect."""
        await self.deps.inflight.drain(self.config.drain_timeout)
        await self.client.close()
        if self._gateway is not None:
            # connect() returns once closed; a failure was reported when it happened.
            await asyncio.wait({self._gateway})
            self._gateway = None

    async def tell(self, user: UserKey, text: str) -> None:
        """A direct message to a person (the client in use now: it may have been rebuilt)."""
        await self.client.accounts.tell(self.client, user, text)

    async def name_of(self, user: UserKey) -> ChatAccount | None:
        """How Discord names a person (for the connecting page)."""
        return await Accounts.name_of(self.client, user)


def _gateway_ended(task: asyncio.Task[None]) -> None:
    """Say why the gateway connection ended for good, if it did not end by `stop`."""
    if not task.cancelled() and task.exception() is not None:
        log.error("the Discord gateway connection ended", exc_info=task.exception())
