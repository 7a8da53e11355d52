"""Messages with links: one status message per link, edited until it shows the outcome."""

from __future__ import annotations

import asyncio
import logging

from telegram import Message, Update, User
from telegram.ext import ContextTypes

from adapters.telegram import render
from adapters.telegram.deps import Deps, is_private, sent_by_person, user_key
from adapters.telegram.status import StatusMessage, View
from core import receipts, texts
from core.destinations import shared_in
from core.kept import Reopened
from core.labels import place_label, places
from core.models import KeptShare, Link
from core.service import ShownOn

log = logging.getLogger(__name__)
# How long a share waits for its first message before it goes on without its id on record
# (alone, the first message is out in milliseconds; in a flood-controlled herd, waiting longer
# would keep the result from replacing a first message still in the queue).
FIRST_MESSAGE_WAIT = 0.25
# How long the first message waits for the result when the answer is known already (cached):
# the person then gets one message, the result, instead of "Got it" edited into the result.
# Alone the add takes milliseconds; in a herd every add waits its turn at Spotify's threads and
# the event loop, and a herd of 1,000 held until its results had every result out by 4.0 s
# (measured: "Got it" at once for all but 30 took 2,000 calls and 7.3 s). An add slower than
# this (Spotify slow) sends "Got it" first.
KNOWN_HOLD = 5.0
# At most this many held at once: past that, "Got it" goes at once (a herd larger than any
# measured is not kept silent for long).
MAX_HELD = 2000


class Shares:
    """Handlers for links in messages and for /stash."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._held = 0  # shares of a known answer holding their first message now

    async def on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A text or caption (forwarded or not): stash its links."""
        sent = sent_by_person(update)
        if sent is None:
            return
        message, user = sent
        text = message.text or message.caption or ""
        mention = f"@{self._deps.bot_username}".lower() in text.lower()
        await self.stash_text(message, user, text, addressed=is_private(message.chat) or mention)

    async def on_stash(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/stash <link>, or /stash in reply to a message holding a link."""
        sent = sent_by_person(update)
        if sent is None:
            return
        message, user = sent
        text = " ".join(context.args or [])
        quoted = message.reply_to_message
        if not text.strip() and quoted is not None:
            text = quoted.text or quoted.caption or ""
        if not text.strip():
            await self._deps.sender.reply(message, texts.say("telegram.stash_usage"))
            return
        await self.stash_text(message, user, text, addressed=True)

    async def stash_text(self, message: Message, user: User, text: str, *,
                         addressed: bool) -> None:
        """Share every link of `text`; notes on refused or skipped links when addressed."""
        plan = self._deps.stash.admit_links(text, user_key(user))
        notes = plan.notes() if addressed or plan.links or plan.limited else []
        if notes:
            await self._deps.sender.reply(message, render.notes_text(notes))
        receipts.expect(len(plan.links))  # the update is safe once they are on record
        # Each first message goes after the one before it: the shares keep their places in
        # the chat ("[1/2]" above "[2/2]") whichever connection to Telegram is quicker.
        posted = [asyncio.Event() for _ in plan.links]
        await asyncio.gather(*(
            self._share(message, user, link, place, after=posted[i - 1] if i else None,
                        posted=posted[i])
            for i, (link, place) in enumerate(zip(plan.links, places(len(plan.links)),
                                                  strict=True))
        ))

    async def share(self, message: Message, user: User, link: Link) -> None:
        """Share one link, or a file sent in the chat, with its own status message."""
        await self._share(message, user, link, "")

    async def _share(self, message: Message, user: User, link: Link, place: str, *,
                     after: asyncio.Event | None = None, posted: asyncio.Event | None = None
                     ) -> None:
        # The status message goes out when Telegram lets it: a person whose first message is
        # held back by flood control still gets the song and the result (as that first message
        # if it is known by then). The share waits for it only briefly, to put its id on record;
        # a held first message is not waited for (a share resumed elsewhere sends anew).
        known, held = await self._hold(link)
        status = StatusMessage.start(self._deps.sender, message.chat_id, texts.say("received"),
                                     private=is_private(message.chat),
                                     reply_to=message.message_id, prefix=place_label(place),
                                     hold=KNOWN_HOLD if held else 0.0, known=known,
                                     after=after, posted=posted)
        message_id = None if held else await status.sent(within=FIRST_MESSAGE_WAIT)
        # Songs shared in a group also go to its group playlist, when its admins turned it on.
        token = shared_in.set(None if is_private(message.chat) else f"telegram:{message.chat_id}")
        try:
            # On record until shown: if this process dies, another finishes it on this message
            # (or in a new one when the first had not gone out).
            await self._deps.stash.share(user_key(user), link, status, ShownOn(
                lambda outcome: status.finish(*render.outcome_view(outcome, place)),
                str(message.chat_id), str(message_id or ""), place))
        finally:
            shared_in.reset(token)
            self._held -= held

    async def _hold(self, link: Link) -> tuple[bool, bool]:
        """Whether the answer is known, and whether this share's first message waits for its
        result (counted until the share ends): when known, and not too many already wait."""
        held = self._held < MAX_HELD
        self._held += held  # before asking, or a whole herd would pass the check at once
        if await self._deps.stash.known(link):
            return True, held
        self._held -= held
        return False, False

    async def reopen(self, kept: KeptShare) -> Reopened:
        """The status message of a share another process left, to finish it there."""
        chat_id = int(kept.chat_id)
        message_id = int(kept.message_id) if kept.message_id else None  # None: send anew
        status = StatusMessage(self._deps.sender, chat_id, message_id, private=chat_id > 0,
                               shown=View(""), prefix=place_label(kept.place))
        return Reopened(status,
                        lambda outcome: status.finish(*render.outcome_view(outcome, kept.place)),
                        lambda text: status.finish(text))

