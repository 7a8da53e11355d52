"""/start, /help, unknown commands, and plain private text (links or a pasted callback)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from adapters.telegram import render
from adapters.telegram.accounts import Accounts
from adapters.telegram.deps import Deps, is_private, sent_by_person
from adapters.telegram.history import History
from adapters.telegram.shares import Shares
from core import texts
from core.connect_codes import parse_connect_code


class Commands:
    """The conversational basics, and /start payloads from the "open a chat" buttons."""

    def __init__(self, deps: Deps, shares: Shares, accounts: Accounts, history: History) -> None:
        self._deps = deps
        self._shares = shares
        self._accounts = accounts
        self._history = history

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start [link|history|forget|playlist|<link code>]: welcome, carry on what a group
        began, or finish connecting from the callback page's deep link."""
        if (sent := sent_by_person(update)) is None:
            return
        message, user = sent
        payload = (context.args or [""])[0]
        code = parse_connect_code(payload, dash_optional=True) if is_private(message.chat) else None
        if code is not None:
            await self._accounts.confirm(message, user, code)
        elif payload == "link":
            await self._accounts.link(message, user)
        elif payload == "history":
            await self._history.show(message, user)
        elif payload == "forget":
            await self._accounts.forget(message, user)
        elif payload == "playlist":
            await self._accounts.playlist(message, user)
        else:
            await self._deps.sender.reply(message, render.welcome())

    async def on_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/help."""
        if (sent := sent_by_person(update)) is not None:
            hosting = self._deps.connecting.hosting
            await self._deps.sender.reply(sent[0], texts.with_hosting(
                render.help_text(), hosting.hosted is not None, hosting.groups is not None))

    async def on_unknown(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A command Stash does not have (private chats only: groups have other bots)."""
        if (sent := sent_by_person(update)) is not None:
            await self._deps.sender.reply(sent[0], texts.say("telegram.unknown_command"))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Text or a caption: a pasted Spotify callback finishes connecting; else links."""
        if (sent := sent_by_person(update)) is None:
            return
        message, user = sent
        text = message.text or message.caption or ""
        if not await self._accounts.maybe_pasted(message, user, text):
            await self._shares.on_message(update, context)
