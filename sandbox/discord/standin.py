"""DiscordStandIn: Discord's REST API (v10) and gateway on one loopback port."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiohttp import web

from sandbox.discord import actions
from sandbox.discord.attachments import CDN_PREFIX, Cdn, Upload
from sandbox.discord.commands import CommandsApi
from sandbox.discord.gateway_server import GATEWAY_PATH, GatewayServer
from sandbox.discord.limits import API_PREFIX, RateLimits, api_middleware
from sandbox.discord.model import (
    INTENT_GUILD_MEMBERS,
    INTENT_GUILD_PRESENCES,
    INTENT_MESSAGE_CONTENT,
    Json,
    User,
    snowflake,
)
from sandbox.discord.observe import Observer
from sandbox.discord.payloads import (
    channel_payload,
    guild_create_payload,
    member_payload,
)
from sandbox.discord.reactions import ReactionsApi
from sandbox.discord.responses import ResponsesApi
from sandbox.discord.rest import RestApi
from sandbox.discord.views import message_view
from sandbox.discord.world import World
from sandbox.server import StandIn

FAKE_BOT_TOKEN = "fake-discord-bot-token"  # noqa: S105 - obviously not a real token


class DiscordStandIn(Observer, StandIn):
    """Discord for discord.py: REST under /api/v10 and the gateway at /gateway.

    Starts with one guild ("Stash Sandbox"), a text channel "general" and two members,
    alice and bob. The bot logs in with `token` (default FAKE_BOT_TOKEN). Every route shares
    `bucket` per channel, except those in `route_limits` (e.g. limits.CHANNEL_SENDS, Discord's
    5 messages per 5 s in a channel) and reactions (limits.REACTIONS, always).
    """

    name = "discord"

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str = FAKE_BOT_TOKEN,
        bot_name: str = "Stash",
        heartbeat_interval_ms: int = 41_250,
        response_window: float = 3.0,
        token_lifetime: float = 15 * 60.0,
        bucket: tuple[int, float] = (50, 1.0),
        route_limits: dict[str, tuple[int, float]] | None = None,
    ) -> None:
        super().__init__(host=host, port=port)
        self.token = token
        self.world = World(User(id=snowflake(), username=bot_name, bot=True), snowflake())
        self.gateway = GatewayServer(self.world, token, heartbeat_interval_ms)
        self.limits = RateLimits(*bucket, routes=route_limits)
        self.cdn = Cdn()
        self._build_app(response_window, token_lifetime)
        guild = self.world.add_guild("Stash Sandbox")
        self.guild_id = guild.id
        self.channel_id = self.world.add_channel(guild.id, "general").id
        self.alice_id = self.world.add_member(guild.id, "alice").id
        self.bob_id = self.world.add_member(guild.id, "bob").id

    def _build_app(self, response_window: float, token_lifetime: float) -> None:
        self.app.middlewares.append(api_middleware(self.token, self.limits))
        api = web.Application()
        api.add_routes(RestApi(self.world, lambda: self.gateway_url).routes())
        api.add_routes(CommandsApi(self.world).routes())
        api.add_routes(ReactionsApi(self.world).routes())
        responses = ResponsesApi(
            self.world, response_window=response_window, token_lifetime=token_lifetime
        )
        api.add_routes(responses.routes())
        self.app.add_subapp(API_PREFIX, api)
        self.app.router.add_get(GATEWAY_PATH, self.gateway.handle)
        self.app.add_routes(self.cdn.routes())
        self.app.on_shutdown.append(lambda _app: self.gateway.close_all())

    @property
    def base_url(self) -> str:
        """DISCORD_API_BASE_URL: set discord.http.Route.BASE to this."""
        return self.origin + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """The websocket URL GET /gateway/bot returns (and what DEFAULT_GATEWAY must become)."""
        return f"ws://{self.host}:{self.port}{GATEWAY_PATH}"

    async def start(self) -> None:
        """Serve, then tell READY which URL resumes go to."""
        await super().start()
        self.gateway.url = self.gateway_url

    @property
    def bot_id(self) -> int:
        """The bot account's user id."""
        return self.world.bot.id

    @property
    def application_id(self) -> int:
        """The bot's application id."""
        return self.world.application_id

    # -- setting the scene ---------------------------------------------------------------------

    async def add_guild(self, name: str) -> int:
        """Add the bot to a new guild (GUILD_CREATE to connected bots)."""
        guild = self.world.add_guild(name)
        self.world.dispatch("GUILD_CREATE", guild_create_payload(self.world, guild))
        await self.world.notify()
        return guild.id

    async def add_channel(self, name: str, guild_id: int | None = None) -> int:
        """Add a text channel (CHANNEL_CREATE)."""
        channel = self.world.add_channel(guild_id or self.guild_id, name)
        self.world.dispatch("CHANNEL_CREATE", channel_payload(self.world, channel))
        await self.world.notify()
        return channel.id

    async def add_member(
        self, username: str, guild_id: int | None = None, user_id: int | None = None
    ) -> int:
        """Add a person to a guild (GUILD_MEMBER_ADD to bots with the members intent)."""
        guild = self.world.guild(guild_id or self.guild_id)
        user = self.world.add_member(guild.id, username, user_id)
        payload = {**member_payload(self.world, guild, user.id), "guild_id": str(guild.id)}
        self.world.dispatch("GUILD_MEMBER_ADD", payload)
        await self.world.notify()
        return user.id

    async def set_server_locale(self, locale: str, guild_id: int | None = None) -> None:
        """An admin sets the server's language (GUILD_UPDATE, preferred_locale)."""
        guild = self.world.guild(guild_id or self.guild_id)
        guild.preferred_locale = locale
        self.world.dispatch("GUILD_UPDATE", guild_create_payload(self.world, guild))
        await self.world.notify()

    def grant_manage_server(self, user_id: int, guild_id: int | None = None) -> None:
        """Give a member a role with Manage Server (interactions then carry the permission)."""
        self.world.guild(guild_id or self.guild_id).managers.add(user_id)

    def set_portal_intents(
        self, *, message_content: bool = True, members: bool = True, presences: bool = True
    ) -> None:
        """The Developer Portal switches: identifying with a disabled one closes with 4014."""
        switches = (
            (INTENT_MESSAGE_CONTENT, message_content),
            (INTENT_GUILD_MEMBERS, members),
            (INTENT_GUILD_PRESENCES, presences),
        )
        self.gateway.portal_intents = sum(intent for intent, on in switches if on)

    # -- what people do ------------------------------------------------------------------------

    async def send_message(
        self, author_id: int, content: str, channel_id: int | None = None,
        files: Sequence[Upload] = (),
    ) -> Json:
        """A member writes in a guild channel; returns the message as a reader sees it."""
        where = channel_id or self.channel_id
        attached = [self.cdn.attach(self.cdn_base_url, where, f) for f in files]
        message = await actions.post_message(self.world, author_id, where, content, attached)
        return message_view(self.world, message)

    async def send_dm(self, author_id: int, content: str, files: Sequence[Upload] = ()) -> Json:
        """A person writes to the bot in a DM."""
        channel = self.world.dm_channel(author_id)
        return await self.send_message(author_id, content, channel.id, files)

    @property
    def cdn_base_url(self) -> str:
        """DISCORD_CDN_BASE_URL: where attachment URLs point (cdn.discordapp.com on Discord)."""
        return self.origin + CDN_PREFIX

    async def run_command(
        self,
        user_id: int,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        channel_id: int | None = None,
        dm: bool = False,
    ) -> int:
        """A person runs /name with options; returns the interaction id."""
        where = self.world.dm_channel(user_id).id if dm else channel_id or self.channel_id
        interaction = await actions.run_command(self.world, user_id, where, name, options or {})
        return interaction.id

    async def run_message_command(self, user_id: int, name: str, message_id: int) -> int:
        """A person picks Apps → `name` on a message; returns the interaction id."""
        interaction = await actions.run_message_command(self.world, user_id, message_id, name)
        return interaction.id

    async def click_button(
        self, user_id: int, message_id: int, custom_id: str, values: list[str] | None = None
    ) -> int:
        """A person presses a button (or picks select `values`); returns the interaction id."""
        interaction = await actions.press_component(
            self.world, user_id, message_id, custom_id, values
        )
        return interaction.id

    # -- faults --------------------------------------------------------------------------------

    def rate_limit_next(
        self, count: int, retry_after: float = 0.05, *, is_global: bool = False
    ) -> None:
        """Answer the next `count` REST requests with 429 Too Many Requests."""
        self.limits.force(count, retry_after, is_global=is_global)

    def reconnect_gateway(self) -> None:
        """Send op 7 Reconnect to every connected client; they resume and get missed events."""
        self.gateway.reconnect_all()
