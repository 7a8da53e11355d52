"""The Telegram front: a python-telegram-bot Application run in the shared event loop."""

from __future__ import annotations

import contextlib
import datetime as dtm
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
from adapters.telegram.accounts import Accounts, Pasted, StartCode
from adapters.telegram.commands import Commands, start_payload
from adapters.telegram.config import TelegramConfig, TelegramStartError
from adapters.telegram.deps import PLATFORM, Deps, PersonalPress
from adapters.telegram.downloads import FileAccess, TelegramFiles
from adapters.telegram.files import MEDIA, CaptionLinks, FileShares, RepliedFile
from adapters.telegram.groups import GroupPlaylistCommand
from adapters.telegram.history import PAGE, History
from adapters.telegram.http import AiohttpRequest
from adapters.telegram.language import PRESSED, LanguageCommand, set_commands, speak
from adapters.telegram.pacing import ChatPacer
from adapters.telegram.presses import CHOICE, COPY, FORGET, PLAYLIST, Presses
from adapters.telegram.redact import TokenRedactor
from adapters.telegram.sending import Sender
from adapters.telegram.shares import Shares
from adapters.telegram.webhook import ReceiptApplication, WebhookReceiver, derived_secret
from core import texts
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
        # PTB gives an update to the first handler that takes it, in the order added: payloads,
        # patterns and filters before the catch-alls.
        app, deps = self.application, self.deps
        app.add_handler(TypeHandler(Update, self._once), group=-1)
        history, language = History(deps, self.config.history_page), LanguageCommand(deps)
        shares = self.shares = Shares(deps)
        files = FileShares(deps, shares) if self._files is not None else None
        commands = Commands(deps)
        self._add_commands(commands, history, language, shares, files)
        self._add_presses(history, language)
        # A share runs for seconds (longer under flood control): it must not hold one of PTB's
        # concurrent update slots, or a herd queues behind its first 256 people. PTB still
        # waits for these tasks when the front stops.
        message = filters.UpdateType.MESSAGE & ~filters.COMMAND
        if files is not None:  # before text: a video is a file, unless its caption has links
            app.add_handler(MessageHandler(message & MEDIA & ~CaptionLinks(self._stash.links_in),
                                           files.on_file, block=False))
        text = message & (filters.TEXT | filters.CAPTION)
        if deps.connecting.available:  # a pasted callback finishes connecting, not a share
            app.add_handler(MessageHandler(text & filters.ChatType.PRIVATE & Pasted(),
                                           self.accounts.on_pasted, block=False))
        app.add_handler(MessageHandler(text, shares.on_message, block=False))
        app.add_handler(MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE
                                       & filters.UpdateType.MESSAGE, commands.on_unknown))
        app.add_error_handler(self._on_error)

    def _add_commands(self, commands: Commands, history: History, language: LanguageCommand,
                      shares: Shares, files: FileShares | None) -> None:
        app, accounts = self.application, self.accounts
        sent = filters.UpdateType.MESSAGE
        # /start's payloads: the callback page's t.me button (a link code), the "open a chat"
        # buttons that carry on privately what a group began; plain /start last.
        for handler, payload in ((accounts.on_code, filters.ChatType.PRIVATE & StartCode()),
                                 (accounts.on_link, start_payload("link")),
                                 (history.on_history, start_payload("history")),
                                 (accounts.on_forget, start_payload("forget")),
                                 (accounts.on_playlist, start_payload("playlist")),
                                 (commands.on_start, filters.ALL)):
            app.add_handler(CommandHandler("start", handler, sent & payload))
        if files is not None:  # /stash alone, in reply to a file: the file
            app.add_handler(CommandHandler("stash", files.on_stash, sent & RepliedFile(
                self._stash.links_in), has_args=False, block=False))
        for name, handler in (("stash", shares.on_stash), ("help", commands.on_help),
                              ("history", history.on_history), ("link", accounts.on_link),
                              ("unlink", accounts.on_unlink), ("playlist", accounts.on_playlist),
                              ("forget", accounts.on_forget),
                              ("groupplaylist", GroupPlaylistCommand(self.deps).on_command),
                              ("language", language.on_command)):
            app.add_handler(CommandHandler(name, handler, sent, block=name != "stash"))

    def _add_presses(self, history: History, language: LanguageCommand) -> None:
        presses = Presses(self.deps)
        for pattern, handler, press in (
                (CHOICE, presses.on_choice, CallbackQueryHandler),  # anyone's, in any chat
                (PRESSED, language.on_press, CallbackQueryHandler),  # anyone's own language
                (PAGE, history.on_page, PersonalPress),  # the rest: in the presser's own chat
                (FORGET, presses.on_forget, PersonalPress),
                (COPY, presses.on_copy, PersonalPress),
                (PLAYLIST, presses.on_playlist, PersonalPress)):
            self.application.add_handler(press(handler, pattern=pattern))
        self.application.add_handler(CallbackQueryHandler(presses.on_other))  # stale, forged

    async def _once(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Every message and button press is handled once, even when delivered again."""
        if not await self.deps.claim(update):
            raise ApplicationHandlerStop
        await speak(self.deps, update)  # the person's language, for everything said to them

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Logged; a press whose handling failed (forged and stale ones never reach here) still
        gets an alert: that it went wrong on our side."""
        log.error("a Telegram update failed", exc_info=context.error)
        query = update.callback_query if isinstance(update, Update) else None
        if query is not None:
            with contextlib.suppress(TelegramError):  # answered already, or Telegram is away
                await query.answer(texts.say("error.internal"), show_alert=True)

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

