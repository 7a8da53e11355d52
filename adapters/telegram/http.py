"""python-telegram-bot's requests over aiohttp instead of httpx.

A profile of a herd of 1,000 (issue 28) found most of the event loop in PTB's Bot API calls, a
quarter of it in httpcore's pool bookkeeping: on every request it polls every pooled connection
(each through anyio's typed attributes), so each call cost more the more were in flight. aiohttp
keeps idle connections in a list and hands one out without looking at the others.

The proxy the environment names (HTTPS_PROXY, NO_PROXY...) is read once per address: with
aiohttp's trust_env every request read it, and ~/.netrc, in a thread of its own, two trips
through the default executor that a herd's loop waited for on every Bot API call."""

from __future__ import annotations

import logging
from urllib.parse import urlencode, urlsplit

import aiohttp
from aiohttp.helpers import get_env_proxy_for_url
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from yarl import URL

log = logging.getLogger(__name__)  # its request lines hold the token: see redact.py
_DEFAULT = BaseRequest.DEFAULT_NONE
_FORM = {"Content-Type": "application/x-www-form-urlencoded"}
Proxy = tuple[str | None, aiohttp.BasicAuth | None]


class AiohttpRequest(BaseRequest):
    """A BaseRequest on one aiohttp session; the timeouts mean what HTTPXRequest's mean.
    Proxies come from the environment (HTTPS_PROXY, ...), as httpx took them."""

    def __init__(self, connections: int = 256, read_timeout: float | None = 5.0,
                 write_timeout: float | None = 5.0, connect_timeout: float | None = 5.0,
                 pool_timeout: float | None = 1.0, media_write_timeout: float | None = 20.0
                 ) -> None:
        self._connections = connections
        # write_timeout and media_write_timeout are taken for HTTPXRequest's signature only.
        self._read, self._connect, self._pool = read_timeout, connect_timeout, pool_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, Proxy] = {}  # by scheme and host

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections),
                headers={"User-Agent": self.USER_AGENT})

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: object = _DEFAULT, write_timeout: object = _DEFAULT,
                         connect_timeout: object = _DEFAULT, pool_timeout: object = _DEFAULT
                         ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        # aiohttp has no write timeout: an upload is bounded by the read timeout that follows.
        read = _given(read_timeout, self._read)
        connect = _given(connect_timeout, self._connect)
        pool = _given(pool_timeout, self._pool)
        timeout = aiohttp.ClientTimeout(
            total=None, sock_read=read, sock_connect=connect,
            connect=None if pool is None or connect is None else pool + connect)
        proxy, proxy_auth = self._proxy(url)
        try:
            body, headers = _body(request_data)
            async with self._session.request(method, url, data=body, headers=headers,
                                             timeout=timeout, proxy=proxy,
                                             proxy_auth=proxy_auth) as response:
                log.info("Bot API request: %s %s %d", method, url, response.status)
                return response.status, await response.read()
        except TimeoutError as err:
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{type(err).__name__}: {err}") from err

    def _proxy(self, url: str) -> Proxy:
        """The environment's proxy for `url`'s scheme and host (None: none), read once."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._proxies:
            try:
                proxy, auth = get_env_proxy_for_url(URL(origin))
                self._proxies[origin] = (str(proxy), auth)
            except LookupError:  # none named, or NO_PROXY covers the host
                self._proxies[origin] = (None, None)
        return self._proxies[origin]


def _given(value: object, default: float | None) -> float | None:
    """A timeout passed for one call, else the default (PTB passes DEFAULT_NONE)."""
    return default if value is _DEFAULT else value  # type: ignore[return-value]


def _body(request_data: RequestData | None
          ) -> tuple[aiohttp.FormData | bytes | None, dict[str, str] | None]:
    """The request's body and its content type: a form, encoded here (aiohttp's FormData built
    a multipart writer for every call, files or not), or multipart when there are files."""
    if request_data is None:
        return None, None
    if not request_data.contains_files:
        return urlencode(request_data.json_parameters).encode(), _FORM
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form, None
