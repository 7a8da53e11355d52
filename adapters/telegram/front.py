"""The Telegram front: a python-telegram-bot Application run in the shared event loop."""

from __future__ import annotations

import datetime as dtm
import hashlib
import hmac
import logging
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from adapters import translations
from adapters.media.files import FileFetcher
from adapters.running import Running
from adapters.telegram.accounts import Accounts
from adapters.telegram.commands import Commands
from adapters.telegram.config import TelegramConfig, TelegramStartError
from adapters.telegram.deps import PLATFORM, Deps
from adapters.telegram.downloads import FileAccess, TelegramFiles
from adapters.telegram.files import MEDIA, FileShares
from adapters.telegram.groups import GroupPlaylistCommand
from adapters.telegram.history import History
from adapters.telegram.http import AiohttpRequest
from adapters.telegram.language import LanguageCommand, set_commands, speak
from adapters.telegram.pacing import ChatPacer
from adapters.telegram.presses import Presses
from adapters.telegram.redact import TokenRedactor
from adapters.telegram.sending import Sender
from adapters.telegram.shares import Shares
from adapters.telegram.webhook import ReceiptApplication, WebhookReceiver
from core import receipts
from core.connecting import Connecting
from core.service import Stash

log = logging.getLogger(__name__)

UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]


class TelegramFront(Running):
    """Builds the Application and its handlers; `start`/`stop` run it beside the other fronts."""

    def __init__(self, stash: Stash, connecting: Connecting, config: TelegramConfig,
                 files: FileFetcher | None = None, access: FileAccess | None = None, *,
                 rate_limiter: BaseRateLimiter[Any] | None = None,
                 requests: tuple[BaseRequest, BaseRequest] | None = None) -> None:
        self.config = config
        self._files = files
        translations.install()  # every sentence said in the language of the person spoken to
        builder = Application.builder().token(config.token).base_url(config.api_base_url)
        # Bot API calls, and the long poll for updates (default: over aiohttp, `http`).
        calls, polls = requests or (AiohttpRequest(), AiohttpRequest(connections=1))
        builder = builder.request(calls)
        builder = builder.base_file_url(config.file_base_url).concurrent_updates(True)
        if config.webhook_url:
            builder = builder.updater(None).application_class(ReceiptApplication)
        else:
            builder = builder.get_updates_request(polls)
        if rate_limiter is not None:  # send rates shared with other replicas (distributed mode)
            builder = builder.rate_limiter(rate_limiter)
        self.application = builder.build()
        self._stash = stash
        self._redactor = TokenRedactor(config.token)
        self.deps = Deps(stash, connecting, Sender(self.application.bot, ChatPacer(config.pacing)))
        self.accounts = Accounts(self.deps)
        # Replicas behind one webhook address must agree on the secret Telegram sends: without
        # TELEGRAM_WEBHOOK_SECRET each derives the same one from the token (which outranks it).
        self._secret = config.webhook_secret or derived_secret(config.token)
        self.webhook = WebhookReceiver(self.application, self._secret)
        self.webhook_handler = self.webhook.handle
        if files is not None:  # files sent to the bot are read through the configured base
            files.add_source(PLATFORM, TelegramFiles(self.application.bot, config,
                                                     access or FileAccess()))
        self._add_handlers()

    @property
    def webhook_path(self) -> str | None:
        """The path to mount `webhook_handler` on (POST), or None in polling mode."""
        if not self.config.webhook_url:
            return None
        return urlsplit(self.config.webhook_url).path or "/"

    def mount(self, app: web.Application) -> None:
        """Add the webhook route to the web server's app (before it starts); no-op if polling."""
        if self.webhook_path is not None:
            app.router.add_post(self.webhook_path, self.webhook_handler)

    def _add_handlers(self) -> None:
        app, deps = self.application, self.deps
        history = History(deps, self.config.history_page)
        shares = self.shares = Shares(deps)
        commands = Commands(deps, shares, self.accounts, history)
        language = LanguageCommand(deps)
        sent = FileShares(deps, shares, commands.on_text)
        app.add_handler(TypeHandler(Update, self._once), group=-1)
        stash = sent.on_stash if self._files is not None else shares.on_stash
        for name, handler in (("start", commands.on_start), ("help", commands.on_help),
                              ("stash", stash), ("history", history.on_history),
                              ("link", self.accounts.on_link), ("unlink", self.accounts.on_unlink),
                              ("playlist", self.accounts.on_playlist),
                              ("forget", self.accounts.on_forget),
                              ("groupplaylist", GroupPlaylistCommand(deps).on_command),
                              ("language", language.on_command)):
            app.add_handler(CommandHandler(name, handler, filters.UpdateType.MESSAGE,
                                           block=name != "stash"))
        app.add_handler(CallbackQueryHandler(Presses(deps, history, language).on_press))
        # A share runs for seconds (longer under flood control): it must not hold one of PTB's
        # concurrent update slots, or a herd queues behind its first 256 people. PTB still
        # waits for these tasks when the front stops.
        if self._files is not None:  # before text: a captioned video is a file first
            app.add_handler(MessageHandler(MEDIA & ~filters.COMMAND, sent.on_file, block=False))
        text = (filters.TEXT | filters.CAPTION) & ~filters.COMMAND & filters.UpdateType.MESSAGE
        app.add_handler(MessageHandler(text, commands.on_text, block=False))
        app.add_handler(MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE
                                       & filters.UpdateType.MESSAGE, commands.on_unknown))
        app.add_error_handler(self._on_error)

    async def _once(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Every message and button press is handled once, even when delivered again."""
        message, query = update.message, update.callback_query
        if message is not None:
            key = (str(message.chat_id), str(message.message_id))
        elif query is not None:
            key = ("callback", query.id)
        else:
            return
        sender = str(update.effective_user.id) if update.effective_user else None
        try:
            first = await self._stash.first_delivery(PLATFORM, *key, sender)
        except Exception as err:  # the database is away (past its retries)
            if receipts.receipt.get() is not None:  # a webhook's: Telegram sends it again
                receipts.refuse()
                log.warning("an update is left for Telegram to deliver again: %s",
                            type(err).__name__)
                raise ApplicationHandlerStop from None
            # A polled update is never sent again: handling it risks a double answer, not
            # handling it loses it.
            log.warning("an update is handled without its inbox claim: %s", type(err).__name__)
            first = True
        if not first:
            raise ApplicationHandlerStop
        await speak(self.deps, update)  # the person's language, for everything said to them

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("a Telegram update failed", exc_info=context.error)

    async def start(self) -> None:
        """Connect, register the command list, then poll or set the webhook.

        Raises TelegramStartError, whose message never holds the token (PTB's does).
        """
        self._redactor.install()
        try:
            await self._start()
        except InvalidToken:
            await self.stop()
            raise TelegramStartError(
                "Telegram rejected the bot token: check TELEGRAM_BOT_TOKEN") from None
        except TelegramError as err:
            await self.stop()
            why = err.message.replace(self.config.token, "<token>")
            raise TelegramStartError(f"could not start the Telegram front: {why}") from None
        self._stash.resume(PLATFORM, self._stash.tongues.speaking_to_sharer(self.shares.reopen))
        log.info("Telegram front running as @%s (%s)", self.application.bot.username,
                 "webhook" if self.config.webhook_url else "long polling")

    async def _start(self) -> None:
        app = self.application
        await app.initialize()
        await set_commands(app.bot)
        await app.start()
        if self.config.webhook_url:
            await app.bot.set_webhook(self.config.webhook_url, secret_token=self._secret,
                                      allowed_updates=UPDATES)
        elif app.updater is not None:
            await app.updater.start_polling(
                timeout=dtm.timedelta(seconds=self.config.poll_timeout), allowed_updates=UPDATES)

    async def pause(self) -> None:
        """Stopping: take no new updates (the ones already here are still handled)."""
        self.webhook.refusing = True
        if self.application.updater is not None and self.application.updater.running:
            await self.application.updater.stop()

    async def stop(self) -> None:
        """Stop taking updates, finish the ones in hand, disconnect."""
        app = self.application
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        self._redactor.remove()


def derived_secret(token: str) -> str:
    """A webhook secret every replica of one bot computes alike, and nobody without the token."""
    digest = hmac.new(token.encode(), b"stash telegram webhook", hashlib.sha256).hexdigest()
    return digest  # 64 characters of [0-9a-f]: what Telegram's secret_token allows
