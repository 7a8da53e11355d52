"""The Python control surface of the Telegram stand-in: what tests make users do and read."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable

from sandbox.telegram import actions
from sandbox.telegram.flood import EDIT_METHODS, FloodControl, FloodLimits
from sandbox.telegram.model import JSON, CallbackAnswer, TgUser, TranscriptEntry
from sandbox.telegram.world import BotWorld, Notifier

UserRef = TgUser | int


class ControlMixin:
    """Control methods; `token` picks the bot (default: the first token given)."""

    worlds: dict[str, BotWorld]
    notifier: Notifier

    def world(self, token: str | None = None) -> BotWorld:
        """The state of one bot."""
        return self.worlds[token] if token else next(iter(self.worlds.values()))

    def add_user(
        self,
        user_id: int,
        first_name: str,
        username: str | None = None,
        *,
        last_name: str | None = None,
        started: bool = True,
        token: str | None = None,
        language_code: str | None = "en",
    ) -> TgUser:
        """A person; `started=False` means they never pressed Start in the bot's chat, and
        `language_code` is their app's language (IETF, as Telegram sends it: "pt-br")."""
        user = TgUser(user_id, first_name, username, last_name, language_code)
        self.world(token).person(user, started=started)
        return user

    def set_started(self, user: UserRef, started: bool = True, *, token: str | None = None) -> None:
        """Whether the user has started the bot (the bot may then write to them first)."""
        world = self.world(token)
        world.person(self._user(world, user), started=started)

    def block(self, user: UserRef, blocked: bool = True, *, token: str | None = None) -> None:
        """The user blocks (or unblocks) the bot: sends answer 403."""
        world = self.world(token)
        world.person(self._user(world, user)).blocked = blocked

    def add_group(
        self,
        chat_id: int,
        title: str,
        *,
        supergroup: bool = True,
        username: str | None = None,
        token: str | None = None,
    ) -> JSON:
        """A group or supergroup the bot is a member of (ids are negative on Telegram)."""
        return actions.add_group(
            self.world(token), chat_id, title, supergroup=supergroup, username=username
        ).to_api()

    def make_admin(self, chat_id: int, user_id: int, status: str = "administrator", *,
                   token: str | None = None) -> None:
        """`user_id` becomes the group's "administrator" (or "creator")."""
        self.world(token).chats[chat_id].admins[user_id] = status

    def user_sends(
        self,
        user: UserRef,
        text: str | None = None,
        *,
        chat_id: int | None = None,
        caption: str | None = None,
        forwarded_from: TgUser | str | None = None,
        reply_to: int | None = None,
        token: str | None = None,
    ) -> JSON:
        """The user writes in their private chat (or `chat_id`); returns the Message."""
        world = self.world(token)
        return actions.user_sends(
            world,
            self._user(world, user),
            text,
            chat_id=chat_id,
            caption=caption,
            forwarded_from=forwarded_from,
            reply_to=reply_to,
        )

    def press_button(
        self,
        user: UserRef,
        message_id: int,
        data: str,
        *,
        chat_id: int | None = None,
        token: str | None = None,
    ) -> str:
        """The user presses the inline button with this callback_data; returns the query id."""
        world = self.world(token)
        return actions.press_button(
            world, self._user(world, user), message_id, data, chat_id=chat_id
        )

    def callback_answer(self, query_id: str, *, token: str | None = None) -> CallbackAnswer | None:
        """What the bot answered to a button press, if it has."""
        return self.world(token).queries[query_id].answer

    def replay(self, update_id: int, *, token: str | None = None) -> None:
        """Deliver an update a second time, with the same update_id."""
        self.world(token).replay(update_id)

    def transcript(self, chat_id: int, *, token: str | None = None) -> list[TranscriptEntry]:
        """Every message of a chat in order, with its edit history and keyboard."""
        chat = self.world(token).chats.get(chat_id)
        return [TranscriptEntry.of(m) for m in chat.messages.values()] if chat else []

    def chat_actions(self, chat_id: int, *, token: str | None = None) -> list[str]:
        """The sendChatAction actions the bot showed in a chat."""
        chat = self.world(token).chats.get(chat_id)
        return list(chat.actions) if chat else []

    def set_flood_limits(self, limits: FloodLimits, *, token: str | None = None) -> None:
        """New flood thresholds (`FloodLimits(enabled=False)` turns flood control off)."""
        world = self.world(token)
        world.flood = FloodControl(limits)

    def force_retry_after(
        self,
        count: int,
        retry_after: int = 5,
        *,
        methods: Iterable[str] = EDIT_METHODS,
        token: str | None = None,
    ) -> None:
        """Answer the next `count` edits (or `methods`) with 429 "retry after N"."""
        self.world(token).flood.force(count, retry_after, frozenset(methods))

    # A `timeout` argument (not asyncio.timeout) keeps test code to one line per wait.
    async def wait_for(self, predicate: Callable[[], object], timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until `predicate()` is true, re-checking on every change (no busy loop)."""
        async with asyncio.timeout(timeout):
            while not predicate():
                await self.notifier.wait(None)

    async def wait_for_answer(
        self,
        query_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109
        *,
        token: str | None = None,
    ) -> CallbackAnswer:
        """Wait for the bot to answer a button press."""
        await self.wait_for(lambda: self.callback_answer(query_id, token=token), timeout)
        answer = self.callback_answer(query_id, token=token)
        if answer is None:  # unreachable: wait_for returned
            raise LookupError(query_id)
        return answer

    @staticmethod
    def _user(world: BotWorld, user: UserRef) -> TgUser:
        if isinstance(user, TgUser):
            return user
        if user not in world.people:
            raise LookupError(f"unknown user {user}: add_user() first")
        return world.people[user].user
