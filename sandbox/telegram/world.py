"""One bot's world: its chats, the people it knows, its update queue and settings."""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass, field
from typing import Any

from sandbox.telegram.files import StoredFile
from sandbox.telegram.flood import FloodControl, FloodLimits
from sandbox.telegram.model import (
    JSON,
    CallbackQueryState,
    ChatState,
    Person,
    StoredMessage,
    TgUser,
    Webhook,
)

# What Telegram sends when allowed_updates is empty: everything but these.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class Notifier:
    """Wakes every waiter on any change: long polls, webhook delivery, `wait_for`."""

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self.closed = False

    def notify(self) -> None:
        """Something changed: wake the waiters."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, limit: float | None) -> None:
        """Return on the next change, or after `limit` seconds."""
        event = self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), limit)

    def close(self) -> None:
        """The server is stopping: release every waiter now."""
        self.closed = True
        self.notify()


@dataclass
class PendingUpdate:
    """An update not yet confirmed by the bot."""

    update: JSON
    delivered: bool = False
    replay: bool = False

    @property
    def kind(self) -> str:
        """The update type: message, callback_query, ..."""
        return next(key for key in self.update if key != "update_id")


@dataclass
class BotWorld:
    """Everything one bot token sees."""

    token: str
    notifier: Notifier
    me: TgUser
    privacy_mode: bool = True
    people: dict[int, Person] = field(default_factory=dict)
    chats: dict[int, ChatState] = field(default_factory=dict)
    pending: list[PendingUpdate] = field(default_factory=list)
    updates_by_id: dict[int, JSON] = field(default_factory=dict)
    next_update_id: int = 100_000_001
    allowed_updates: list[str] | None = None
    webhook: Webhook | None = None
    commands: dict[tuple[str, str], list[JSON]] = field(default_factory=dict)
    queries: dict[str, CallbackQueryState] = field(default_factory=dict)
    flood: FloodControl = field(default_factory=FloodControl)
    poll_generation: int = 0
    files: dict[str, StoredFile] = field(default_factory=dict)  # uploads, by file_id

    @staticmethod
    def create(
        token: str,
        notifier: Notifier,
        *,
        username: str,
        first_name: str,
        privacy_mode: bool,
        limits: FloodLimits,
    ) -> BotWorld:
        """A world for `token`; the bot's id is the token's numeric prefix, as on Telegram."""
        prefix = token.split(":", 1)[0]
        me = TgUser(
            int(prefix) if prefix.isdigit() else 1,
            first_name,
            username,
            language_code=None,
            is_bot=True,
        )
        return BotWorld(token, notifier, me, privacy_mode, flood=FloodControl(limits))

    def stored(self, chat_id: int, message_id: int) -> StoredMessage | None:
        """A message that exists and was not deleted."""
        chat = self.chats.get(chat_id)
        message = chat.messages.get(message_id) if chat else None
        return None if message is None or message.deleted else message

    def push_update(self, kind: str, payload: JSON) -> int:
        """Queue a new update for getUpdates or the webhook."""
        update_id = self.next_update_id
        self.next_update_id += 1
        update = {"update_id": update_id, kind: payload}
        self.updates_by_id[update_id] = update
        self.pending.append(PendingUpdate(update))
        self.notifier.notify()
        return update_id

    def replay(self, update_id: int) -> None:
        """Deliver an update again with the same update_id, as after a lost confirmation."""
        update = self.updates_by_id[update_id]
        self.pending.append(PendingUpdate(json.loads(json.dumps(update)), replay=True))
        self.notifier.notify()

    def acknowledge(self, offset: int | None) -> None:
        """getUpdates' offset: confirm everything below it (negative: keep the last -offset)."""
        if offset is None:
            return
        if offset < 0:
            self.pending = self.pending[offset:]
            return
        self.pending = [
            p
            for p in self.pending
            if p.update["update_id"] >= offset or (p.replay and not p.delivered)
        ]

    def take_batch(self, limit: int) -> list[JSON]:
        """Up to `limit` unconfirmed updates of the allowed kinds; others are dropped."""
        self.pending = [p for p in self.pending if self.allows(p.kind)]
        batch = self.pending[:limit]
        for entry in batch:
            entry.delivered = True
        return [entry.update for entry in batch]

    def allows(self, kind: str) -> bool:
        """Whether the allowed_updates setting in force lets this kind of update through."""
        allowed = self.webhook.allowed_updates if self.webhook else self.allowed_updates
        return kind in allowed if allowed else kind not in _OPT_IN_UPDATES

    def person(self, user: TgUser, started: bool | None = None) -> Person:
        """The known person for `user`, registered on first sight."""
        person = self.people.setdefault(user.id, Person(user))
        person.user = user
        if started is not None:
            person.started = started
        return person

    def describe(self) -> dict[str, Any]:
        """A summary for the control API."""
        hook = self.webhook
        return {
            "bot": self.me.to_api(),
            "pending_updates": len(self.pending),
            "webhook": hook.url if hook else "",
            "commands": {f"{scope}|{lang}": cmds for (scope, lang), cmds in self.commands.items()},
            "chats": sorted(self.chats),
        }
