"""/link, /unlink, /playlist and /forget, pasted callback addresses, and the linked notice."""

from __future__ import annotations

import logging

from telegram import Message, Update, User
from telegram.error import TelegramError
from telegram.ext import ContextTypes, filters

from adapters.telegram import render
from adapters.telegram.deps import PLATFORM, Deps, sent_by_person, user_key
from core import texts
from core.connect_codes import ChatAccount, ConfirmStep, parse_connect_code, pasted
from core.errors import SpotifyNotConnected, StashError
from core.models import UserKey

log = logging.getLogger(__name__)


class Pasted(filters.MessageFilter):
    """Text that finishes connecting: a link code shown with its dash, or the callback address
    (or its code) pasted back; None past the paste cap."""

    def filter(self, message: Message) -> bool:
        """Whether the text or caption is one."""
        text = message.text or message.caption or ""
        return pasted(text) is not None


class StartCode(filters.MessageFilter):
    """/start with a link code (the dash optional), as the callback page's t.me button sends."""

    def filter(self, message: Message) -> bool:
        """Whether the command's first argument is a link code."""
        words = (message.text or "").split()
        return len(words) > 1 and parse_connect_code(words[1], dash_optional=True) is not None


class Accounts:
    """Account commands. Anything holding a link or personal data goes to the private chat."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        deps.connecting.reach(PLATFORM, self.tell, self.guide, self.name_of, self.home)

    async def on_link(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/link: the authorization link, only ever sent privately."""
        if (sent := sent_by_person(update)) is not None:
            await self.link(*sent)

    async def link(self, message: Message, user: User) -> None:
        """Send the person their authorization link in the private chat."""
        try:
            url = await self._deps.connecting.start(user_key(user))
        except StashError as err:
            await self._deps.sender.reply(message, err.user_message)
            return

        async def answer(chat_id: int) -> None:
            await self._deps.sender.send(chat_id, texts.say("link.start", url=url), preview=False)

        await self._deps.privately(message, user, "link", answer)

    async def on_unlink(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/unlink: forget the Spotify tokens."""
        if (sent := sent_by_person(update)) is None:
            return
        message, user = sent
        try:
            gone = await self._deps.connecting.disconnect(user_key(user))
            text = texts.say("link.unlinked") if gone else texts.not_linked()
        except StashError as err:
            text = err.user_message
        await self._deps.sender.reply(message, text)

    async def on_playlist(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/playlist [new <name>]: list the person's playlists as buttons, or make one."""
        if (sent := sent_by_person(update)) is not None:
            await self.playlist(*sent, " ".join(context.args or []))

    async def playlist(self, message: Message, user: User, arg: str = "") -> None:
        """Answer /playlist privately: its buttons and names are the person's own."""
        async def answer(chat_id: int) -> None:
            send = self._deps.sender.send
            try:
                if arg.lower().startswith("new"):
                    made = await self._deps.connecting.new_playlist(user_key(user), arg[3:])
                    await send(chat_id, texts.playlist_text(render.inert(made.name)))
                    return
                mine = await self._deps.connecting.playlists(user_key(user))
            except SpotifyNotConnected as err:
                hosted = await self._deps.connecting.hosting.playlist_text(user_key(user))
                await send(chat_id, hosted or err.user_message)
                return
            except StashError as err:
                await send(chat_id, err.user_message)
                return
            pairs = [(p.playlist_id, p.name) for p in mine]
            if not pairs:
                await send(chat_id, texts.say("telegram.no_playlists"))
                return
            await send(chat_id, texts.say("telegram.playlists_head"),
                       markup=render.playlists_keyboard(pairs))

        await self._deps.privately(message, user, "playlist", answer)

    async def on_forget(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/forget: ask for confirmation with buttons, privately."""
        if (sent := sent_by_person(update)) is not None:
            await self.forget(*sent)

    async def forget(self, message: Message, user: User) -> None:
        """Ask, in the private chat, whether to delete everything."""
        async def answer(chat_id: int) -> None:
            await self._deps.sender.send(chat_id, texts.say("forget.confirm"),
                                         markup=render.forget_keyboard())

        await self._deps.privately(message, user, "forget", answer)

    async def on_pasted(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A link code, or the callback address, pasted in the private chat: finish connecting."""
        if (sent := sent_by_person(update)) is None:
            return
        message, user = sent
        found = pasted(message.text or message.caption or "")
        if isinstance(found, str):
            await self.confirm(message, user, found)
            return
        if found is None:
            return
        try:
            account = await self._deps.connecting.finish_pasted(user_key(user), found)
        except StashError as err:
            await self._deps.sender.reply(message, err.user_message)
            return
        await self._linked(message, user, account.display_name)

    async def on_code(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start <link code>: the callback page's t.me button, tapped by whoever connects."""
        sent = sent_by_person(update)
        code = parse_connect_code((context.args or [""])[0], dash_optional=True)
        if sent is not None and code is not None:
            await self.confirm(*sent, code)

    async def confirm(self, message: Message, user: User, code: str) -> None:
        """A link code from the callback page (through the t.me deep link, or typed)."""
        try:
            account = await self._deps.connecting.confirm(user_key(user), code)
        except StashError as err:
            await self._deps.sender.reply(message, err.user_message)
            return
        await self._linked(message, user, account.display_name)

    async def _linked(self, message: Message, user: User, display_name: str) -> None:
        """Say so, and offer to copy the songs of a hosted playlist (issue 24 item 3)."""
        await self._deps.sender.reply(message, texts.linked_text(render.inert(display_name)))
        offer = await self._deps.connecting.hosting.copy_offer(user_key(user))
        if offer is not None:
            await self._deps.sender.send(message.chat.id, offer, markup=render.copy_keyboard())

    def guide(self, code: str) -> ConfirmStep:
        """How to send a link code back: the deep link opens this chat as whoever taps it."""
        return ConfirmStep(texts.say("telegram.code_guide"),
                           f"https://t.me/{self._deps.bot_username}?start={code}")

    def home(self) -> tuple[str, str]:
        """Where Stash's chat opens in Telegram."""
        return texts.say("telegram.home"), f"https://t.me/{self._deps.bot_username}"

    async def name_of(self, user: UserKey) -> ChatAccount | None:
        """The person's @username and name as Telegram shows them (their private chat)."""
        if user.platform != PLATFORM or not user.user_id.lstrip("-").isdigit():
            return None
        try:
            chat = await self._deps.sender.bot.get_chat(int(user.user_id))
        except TelegramError as err:
            log.info("could not look a person up: %s", err.message)
            return None
        return ChatAccount(PLATFORM, user.user_id, chat.username, chat.full_name)

    async def tell(self, user: UserKey, text: str) -> None:
        """A message in a person's private chat."""
        if user.platform != PLATFORM or not user.user_id.lstrip("-").isdigit():
            return
        try:
            with texts.in_language(await self._deps.stash.tongues.known(user)):  # theirs
                await self._deps.sender.send(int(user.user_id), text)
        except TelegramError as err:
            log.warning("could not write to a person: %s", err.message)
