"""TelegramStandIn: the Bot API at /bot<token>/<method>, and the controls tests drive it with."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web

from sandbox.server import StandIn
from sandbox.telegram import botapi, files, members, messages
from sandbox.telegram.errors import ApiError
from sandbox.telegram.file_control import FileControlMixin
from sandbox.telegram.flood import FloodLimits
from sandbox.telegram.params import Params, read_params
from sandbox.telegram.webhook import deliver_forever
from sandbox.telegram.world import BotWorld, Notifier

DEFAULT_TOKEN = "123456:TEST-TOKEN"  # noqa: S105 - an obviously fake token
Handler = Callable[[BotWorld, Params], Awaitable[Any]]
# Method names are case-insensitive on Telegram.
METHODS: dict[str, Handler] = {
    "getme": botapi.get_me,
    "getupdates": botapi.get_updates,
    "setwebhook": botapi.set_webhook,
    "deletewebhook": botapi.delete_webhook,
    "getwebhookinfo": botapi.get_webhook_info,
    "setmycommands": botapi.set_my_commands,
    "getmycommands": botapi.get_my_commands,
    "deletemycommands": botapi.delete_my_commands,
    "answercallbackquery": botapi.answer_callback_query,
    "sendmessage": messages.send_message,
    "editmessagetext": messages.edit_message_text,
    "editmessagereplymarkup": messages.edit_message_reply_markup,
    "deletemessage": messages.delete_message,
    "sendchataction": messages.send_chat_action,
    "getfile": files.get_file,
    "getchat": botapi.get_chat,
    "getchatmember": members.get_chat_member,
}
# A well-formed but unknown token is 401; anything else under /bot is 404, as on Telegram.
_TOKEN_SHAPE = re.compile(r"\d+:[\w-]+")


@dataclass(frozen=True)
class ApiCall:
    """One Bot API request as received (raw arguments)."""

    token: str
    method: str
    params: dict[str, Any]


class TelegramStandIn(FileControlMixin, StandIn):
    """Plays api.telegram.org for one or more bot tokens."""

    name = "telegram"

    def __init__(
        self,
        tokens: str | Iterable[str] = DEFAULT_TOKEN,
        *,
        bot_username: str = "stash_test_bot",
        bot_name: str = "Stash",
        privacy_mode: bool = True,
        flood: FloodLimits | None = None,
        webhook_retry_delay: float = 0.5,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        super().__init__(host=host, port=port)
        self.notifier = Notifier()
        self.calls: list[ApiCall] = []
        self.flood_waits = 0  # calls answered 429 "retry after" by flood control
        self.webhook_retry_delay = webhook_retry_delay
        token_list = [tokens] if isinstance(tokens, str) else list(tokens)
        self.worlds = {
            token: BotWorld.create(
                token,
                self.notifier,
                first_name=bot_name,
                username=bot_username if i == 0 else f"{bot_username}{i + 1}",
                privacy_mode=privacy_mode,
                limits=flood or FloodLimits(),
            )
            for i, token in enumerate(token_list)
        }
        self._session: aiohttp.ClientSession | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self.app.router.add_route("*", "/bot{token}/{method}", self._api)
        self.app.router.add_route("*", "/file/bot{token}/{path:.*}", self._file)

    @property
    def base_url(self) -> str:
        """TELEGRAM_API_BASE_URL: PTB appends <token>/<method>."""
        return f"{self.origin}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's base_file_url."""
        return f"{self.origin}/file/bot"

    async def start(self) -> None:
        """Serve, and start one webhook deliverer per bot."""
        await super().start()
        self.notifier.closed = False
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        session = self._session
        self._tasks = [
            asyncio.create_task(deliver_forever(world, session, lambda: self.webhook_retry_delay))
            for world in self.worlds.values()
        ]

    async def stop(self) -> None:
        """Release long polls, stop webhook delivery, then the server."""
        self.notifier.close()
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._session is not None:
            await self._session.close()
            self._session = None
        await super().stop()

    async def _api(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        method = request.match_info["method"].lower()
        world = self.worlds.get(token)
        try:
            if world is None:
                unauthorized = _TOKEN_SHAPE.fullmatch(token)
                raise ApiError(401, "Unauthorized") if unauthorized else ApiError(404, "Not Found")
            params = await read_params(request)
            self.calls.append(ApiCall(token, method, params.raw))
            return _ok(await self._call(world, method, params))
        except ApiError as err:
            if err.status == 429:
                self.flood_waits += 1
            return web.json_response(err.body(), status=err.status)

    async def _call(self, world: BotWorld, method: str, params: Params) -> Any:
        handler = METHODS.get(method)
        if handler is None:
            raise ApiError(404, "Not Found")
        return await handler(world, params)

    async def _file(self, request: web.Request) -> web.Response:
        """A download of a file getFile named, for the bot that asked (any other: 404)."""
        world = self.worlds.get(request.match_info["token"])
        stored = files.by_path(world.files, request.match_info["path"]) if world else None
        if request.method != "GET" or stored is None:
            return web.json_response(ApiError(404, "Not Found").body(), status=404)
        stored.downloads += 1
        return web.Response(body=stored.data, content_type="application/octet-stream")


def _ok(result: Any) -> web.Response:
    if isinstance(result, botapi.Described):
        return web.json_response(
            {"ok": True, "result": result.result, "description": result.description}
        )
    return web.json_response({"ok": True, "result": result})
