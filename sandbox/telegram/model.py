"""Users, chats and stored messages, and their Bot API JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]


@dataclass(frozen=True)
class TgUser:
    """A Telegram account: a person, or the bot itself (`is_bot`)."""

    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = "en"
    is_bot: bool = False

    def to_api(self) -> JSON:
        """The User object."""
        data: JSON = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.language_code and not self.is_bot:
            data["language_code"] = self.language_code
        return data


@dataclass
class Person:
    """A user as the bot's world sees them: has the user started the bot, blocked it."""

    user: TgUser
    started: bool = False
    blocked: bool = False


@dataclass
class StoredMessage:
    """One message of a chat, its current JSON and every text it has had."""

    data: JSON
    sender: TgUser
    history: list[str] = field(default_factory=list)
    deleted: bool = False

    @property
    def message_id(self) -> int:
        """The id within its chat."""
        return int(self.data["message_id"])

    @property
    def content(self) -> str | None:
        """The text, or the caption of a media message."""
        return self.data.get("text", self.data.get("caption"))

    @property
    def keyboard(self) -> list[list[JSON]]:
        """The rows of the inline keyboard currently shown (empty when none)."""
        markup = self.data.get("reply_markup") or {}
        return list(markup.get("inline_keyboard", []))


@dataclass
class ChatState:
    """A chat the bot is in: private (id = the user's id), group or supergroup."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    actions: list[str] = field(default_factory=list)
    next_message_id: int = 1
    admins: dict[int, str] = field(default_factory=dict)  # user id: "creator" or "administrator"

    @property
    def is_private(self) -> bool:
        """Whether this is a one-to-one chat with a user."""
        return self.type == "private"

    def to_api(self) -> JSON:
        """The Chat object embedded in messages."""
        data: JSON = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data

    def take_message_id(self) -> int:
        """The next message id of this chat (ids count up per chat)."""
        self.next_message_id += 1
        return self.next_message_id - 1


@dataclass(frozen=True)
class TranscriptEntry:
    """One message of a chat as a test reads it."""

    message_id: int
    sender_id: int
    sender_name: str
    from_bot: bool
    text: str | None
    history: tuple[str, ...]
    keyboard: tuple[tuple[JSON, ...], ...]
    deleted: bool
    reply_to: int | None

    @property
    def buttons(self) -> list[JSON]:
        """Every inline button, row after row."""
        return [button for row in self.keyboard for button in row]

    @staticmethod
    def of(message: StoredMessage) -> TranscriptEntry:
        """The entry for a stored message."""
        reply = message.data.get("reply_to_message")
        return TranscriptEntry(
            message_id=message.message_id,
            sender_id=message.sender.id,
            sender_name=message.sender.first_name,
            from_bot=message.sender.is_bot,
            text=message.content,
            history=tuple(message.history),
            keyboard=tuple(tuple(row) for row in message.keyboard),
            deleted=message.deleted,
            reply_to=reply["message_id"] if reply else None,
        )


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot told a user who pressed a button (answerCallbackQuery)."""

    query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int


@dataclass
class CallbackQueryState:
    """A button press waiting for, or having received, the bot's answer."""

    query: JSON
    answer: CallbackAnswer | None = None


@dataclass
class Webhook:
    """The webhook a bot set, and the last delivery error getWebhookInfo reports."""

    url: str
    secret_token: str | None
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None
    deliveries: int = 0
