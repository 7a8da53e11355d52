"""The Discord stand-in's state: who exists, what was said, and who is listening."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Protocol

from sandbox.discord.errors import unknown
from sandbox.discord.model import (
    CHANNEL_DM,
    CHANNEL_GUILD_TEXT,
    FLAG_LOADING,
    Channel,
    Command,
    Guild,
    Interaction,
    Json,
    Message,
    User,
    iso_now,
    snowflake,
)

_MENTION = re.compile(r"<@!?(\d+)>")


class Listener(Protocol):
    """A connected gateway session that receives dispatches."""

    def dispatch(self, event: str, data: Json) -> None:
        """Queue one DISPATCH (op 0) for the client."""


class World:
    """Users, guilds, channels, messages, commands and interactions of one fake Discord."""

    def __init__(self, bot: User, application_id: int) -> None:
        self.bot = bot
        self.application_id = application_id
        self.users: dict[int, User] = {bot.id: bot}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, Message] = {}
        self.commands: dict[int, Command] = {}
        self.interactions: dict[int, Interaction] = {}
        self.listeners: list[Listener] = []
        self.changed = asyncio.Condition()

    # -- people and places -------------------------------------------------------------------

    def add_user(self, username: str, user_id: int | None = None) -> User:
        """Create a Discord account."""
        user = User(id=user_id or snowflake(), username=username)
        self.users[user.id] = user
        return user

    def add_guild(self, name: str) -> Guild:
        """Create a guild the bot is a member of."""
        guild = Guild(id=snowflake(), name=name, owner_id=self.bot.id, member_ids=[self.bot.id])
        self.guilds[guild.id] = guild
        return guild

    def add_channel(self, guild_id: int, name: str) -> Channel:
        """Create a text channel in a guild."""
        guild = self.guild(guild_id)
        channel = Channel(id=snowflake(), name=name, type=CHANNEL_GUILD_TEXT, guild_id=guild.id)
        self.channels[channel.id] = channel
        guild.channel_ids.append(channel.id)
        return channel

    def add_member(self, guild_id: int, username: str, user_id: int | None = None) -> User:
        """Create (or reuse) an account and make it a member of a guild."""
        user = self.users.get(user_id or 0) or self.add_user(username, user_id)
        guild = self.guild(guild_id)
        if user.id not in guild.member_ids:
            guild.member_ids.append(user.id)
        return user

    def dm_channel(self, user_id: int) -> Channel:
        """The DM channel between the bot and a user, opened on first use."""
        self.user(user_id)
        for channel in self.channels.values():
            if channel.type == CHANNEL_DM and channel.recipient_id == user_id:
                return channel
        channel = Channel(id=snowflake(), name=None, type=CHANNEL_DM, recipient_id=user_id)
        self.channels[channel.id] = channel
        return channel

    def guild(self, guild_id: int) -> Guild:
        """A guild by id, or 404 Unknown Guild."""
        if guild_id not in self.guilds:
            raise unknown("Guild")
        return self.guilds[guild_id]

    def channel(self, channel_id: int) -> Channel:
        """A channel by id, or 404 Unknown Channel."""
        if channel_id not in self.channels:
            raise unknown("Channel")
        return self.channels[channel_id]

    def user(self, user_id: int) -> User:
        """A user by id, or 404 Unknown User."""
        if user_id not in self.users:
            raise unknown("User")
        return self.users[user_id]

    def message(self, channel_id: int | None, message_id: int) -> Message:
        """A live message (in that channel, if given), or 404 Unknown Message."""
        message = self.messages.get(message_id)
        if message is None or message.deleted:
            raise unknown("Message")
        if channel_id is not None and message.channel_id != channel_id:
            raise unknown("Message")
        return message

    # -- messages ------------------------------------------------------------------------------

    def create_message(self, channel_id: int, author_id: int, body: Json) -> Message:
        """Store a new message from a validated body."""
        channel = self.channel(channel_id)
        content = body.get("content") or ""
        message = Message(
            id=snowflake(),
            channel_id=channel.id,
            author_id=author_id,
            content=content,
            embeds=list(body.get("embeds") or []),
            components=list(body.get("components") or []),
            flags=int(body.get("flags") or 0),
            message_reference=body.get("message_reference"),
            mention_ids=self.mentioned_ids(content),
            attachments=list(body.get("attachments") or []),
        )
        message.pinged_ids = self._pinged(message, body.get("allowed_mentions"))
        self.messages[message.id] = message
        channel.last_message_id = message.id
        return message

    def edit_message(self, message: Message, body: Json) -> Message:
        """Apply an edit, keeping the previous version in the history."""
        message.history.append(
            {
                "content": message.content,
                "embeds": message.embeds,
                "components": message.components,
                "edited_timestamp": message.edited_timestamp,
            }
        )
        if "content" in body:
            message.content = body["content"] or ""
            message.mention_ids = self.mentioned_ids(message.content)
        for key in ("embeds", "components"):
            if key in body:
                setattr(message, key, list(body[key] or []))
        # An edit can only toggle suppress-embeds and components-v2; it ends a loading state.
        editable = (1 << 2) | (1 << 15)
        if body.get("flags") is not None:
            message.flags = (message.flags & ~editable) | (int(body["flags"]) & editable)
        if message.flags & FLAG_LOADING:
            message.flags &= ~FLAG_LOADING  # filling a deferred reply is not shown as an edit
        else:
            message.edited_timestamp = iso_now()
        return message

    def _pinged(self, message: Message, allowed: Json | None) -> list[int]:
        """Discord's notifications for a new message: mentions that `allowed` lets through, and
        the replied-to author unless `allowed` says replied_user false."""
        pinged = list(message.mention_ids)
        if allowed is not None:
            users = {int(u) for u in allowed.get("users", [])}
            pinged = [u for u in pinged if "users" in allowed.get("parse", []) or u in users]
        replied = self.messages.get(int((message.message_reference or {}).get("message_id", 0)))
        if replied is not None and (allowed is None or allowed.get("replied_user", False)):
            pinged.append(replied.author_id)
        return list(dict.fromkeys(pinged))

    def mentioned_ids(self, content: str) -> list[int]:
        """Ids of the known users a text mentions with <@id>."""
        found = [int(raw) for raw in _MENTION.findall(content)]
        return [user_id for user_id in dict.fromkeys(found) if user_id in self.users]

    def channel_messages(self, channel_id: int) -> list[Message]:
        """A channel's live messages, oldest first."""
        return [m for m in self.messages.values() if m.channel_id == channel_id and not m.deleted]

    # -- commands ------------------------------------------------------------------------------

    def overwrite_commands(self, guild_id: int | None, bodies: list[Json]) -> list[Command]:
        """Replace the command set of one scope, keeping ids of commands that stay."""
        old = {c.name: c for c in self.scope_commands(guild_id)}
        for command in old.values():
            del self.commands[command.id]
        kept = []
        for body in bodies:
            previous = old.get(str(body["name"]))
            command = Command(
                id=previous.id if previous else snowflake(), guild_id=guild_id, body=body
            )
            self.commands[command.id] = command
            kept.append(command)
        return kept

    def scope_commands(self, guild_id: int | None) -> list[Command]:
        """The commands registered globally (None) or in one guild."""
        return [c for c in self.commands.values() if c.guild_id == guild_id]

    # -- events --------------------------------------------------------------------------------

    def dispatch(self, event: str, data: Json) -> None:
        """Send a gateway event to every connected session."""
        for listener in list(self.listeners):
            listener.dispatch(event, data)

    async def notify(self) -> None:
        """Wake everyone waiting for a change."""
        async with self.changed:
            self.changed.notify_all()

    async def wait_for(self, predicate: Callable[[], bool], seconds: float) -> None:
        """Return once `predicate()` holds; TimeoutError after `seconds`."""
        async with asyncio.timeout(seconds), self.changed:
            await self.changed.wait_for(predicate)
