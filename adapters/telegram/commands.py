"""/start, /help and unknown commands."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes, filters

from adapters.telegram import render
from adapters.telegram.deps import Deps, sent_by_person
from core import texts


def start_payload(word: str) -> filters.Regex:
    """/start with `word` as its first argument, as the "open a chat" buttons send it (the deep
    link carries on in the private chat what a group began)."""
    return filters.Regex(rf"^\S+\s+{word}(?:\s|$)")


class Commands:
    """The conversational basics."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start (with no payload the handlers before it take): the welcome."""
        if (sent := sent_by_person(update)) is not None:
            await self._deps.sender.reply(sent[0], render.welcome())

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
