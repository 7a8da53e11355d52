"""The records the Discord stand-in keeps: users, guilds, channels, messages, interactions."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

Json = dict[str, Any]

DISCORD_EPOCH_MS = 1_420_070_400_000
_increment = itertools.count()

# Gateway intents (https://discord.com/developers/docs/events/gateway#gateway-intents).
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_PRESENCES = 1 << 8
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT

# Message flags.
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7

CHANNEL_GUILD_TEXT = 0
CHANNEL_DM = 1


def snowflake() -> int:
    """A fresh, time-ordered Discord snowflake."""
    now_ms = int(time.time() * 1000)
    return ((now_ms - DISCORD_EPOCH_MS) << 22) | (next(_increment) & 0x3FFFFF)


def iso_now() -> str:
    """The current time as Discord writes timestamps."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass
class User:
    """A Discord account: a person or the bot."""

    id: int
    username: str
    bot: bool = False
    global_name: str | None = None
    discriminator: str = "0"  # "0" since the 2023 usernames; legacy accounts keep "#1234"
    locale: str = "en-US"  # the language their Discord app is in (each interaction carries it)


@dataclass
class Guild:
    """A server with its text channels and members."""

    id: int
    name: str
    owner_id: int
    channel_ids: list[int] = field(default_factory=list)
    member_ids: list[int] = field(default_factory=list)
    joined_at: str = field(default_factory=iso_now)
    managers: set[int] = field(default_factory=set)  # members whose roles grant Manage Server
    preferred_locale: str = "en-US"  # the server's language (Server Settings → Community)


@dataclass
class Channel:
    """A guild text channel, or a DM channel between the bot and one person."""

    id: int
    name: str | None
    type: int
    guild_id: int | None = None
    recipient_id: int | None = None
    last_message_id: int | None = None


@dataclass
class Reaction:
    """One account's reaction on a message; `order` is a snowflake taken when it was added, so
    it sorts with message ids (what came first, as the channel saw it)."""

    emoji: str
    user_id: int
    order: int = field(default_factory=snowflake)


@dataclass
class Message:
    """A message as stored, with its earlier versions kept in `history`."""

    id: int
    channel_id: int
    author_id: int
    content: str = ""
    embeds: list[Json] = field(default_factory=list)
    components: list[Json] = field(default_factory=list)
    flags: int = 0
    timestamp: str = field(default_factory=iso_now)
    edited_timestamp: str | None = None
    message_reference: Json | None = None
    mention_ids: list[int] = field(default_factory=list)
    # Who was notified when it was posted: the users mentioned and, for a reply, its author,
    # as the body's allowed_mentions let through (everyone, when it names nothing).
    pinged_ids: list[int] = field(default_factory=list)
    history: list[Json] = field(default_factory=list)
    deleted: bool = False
    webhook_id: int | None = None
    interaction_id: int | None = None
    attachments: list[Json] = field(default_factory=list)
    reactions: list[Reaction] = field(default_factory=list)

    @property
    def ephemeral(self) -> bool:
        """Whether only the interaction's user can see this message."""
        return bool(self.flags & FLAG_EPHEMERAL)


@dataclass
class Interaction:
    """A slash command or button press and everything the bot answered to it."""

    id: int
    token: str
    type: int
    user_id: int
    channel_id: int
    guild_id: int | None
    data: Json
    message_id: int | None = None
    created: float = field(default_factory=time.monotonic)
    callbacks: list[Json] = field(default_factory=list)
    original_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    deferred: bool = False

    @property
    def acknowledged(self) -> bool:
        """Whether the bot has sent its initial callback."""
        return bool(self.callbacks)


@dataclass
class Command:
    """A registered application command (global when guild_id is None)."""

    id: int
    guild_id: int | None
    body: Json
    version: int = field(default_factory=snowflake)

    @property
    def name(self) -> str:
        """The command's name as users type it."""
        return str(self.body["name"])
