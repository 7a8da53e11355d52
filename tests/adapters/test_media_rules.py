"""The media adapter's pure rules and its guard proxy, spoken to directly."""

from __future__ import annotations

import asyncio

import pytest

from adapters.media.classify import EXPIRED, NO_VIDEO, PRIVATE, REMOVED, UNREADABLE, classify
from adapters.media.guard import NetworkGuard
from adapters.media.proxy import GuardProxy
from adapters.media.windows import Window, plan_window
from core.errors import LinkError, LoginWall, MediaUnavailable, NetworkTrouble, StashError
from sandbox.media import MediaHost


@pytest.mark.parametrize(("number", "duration", "window"), [
    (0, 60.0, Window(2.0, False)),
    (1, 60.0, Window(24.0, False)),
    (2, 60.0, Window(48.0, True)),
    (5, 60.0, Window(48.0, True)),  # past the last window: the last one again
    (0, 20.0, Window(2.0, False)),
    (1, 20.0, Window(8.0, True)),  # a 20 s clip has two windows worth listening to
    (0, 13.0, Window(1.0, True)),  # barely longer than a window: one
    (0, 8.0, Window(0.0, True)),  # shorter than a window: all of it
    (0, None, Window(0.0, False)),  # a direct file before ffmpeg has told its length
])
def test_windows_start_in_the_first_seconds_then_the_middle_then_the_end(
    number: int, duration: float | None, window: Window
) -> None:
    assert plan_window(number, duration, seconds=12, lead=2) == window


@pytest.mark.parametrize(("message", "error", "user_message"), [
    ("ERROR: [Instagram] C0ffee: This content is only available for registered users who "
     "follow this account. Use --cookies, --cookies-from-browser ...", MediaUnavailable, PRIVATE),
    ("ERROR: [Instagram] C0ffee: Requested content is not available, rate-limit reached or "
     "login required. Use --cookies ...", LoginWall, LoginWall.user_message),
    ("ERROR: [youtube] abc: Sign in to confirm you're not a bot. Use --cookies ...", LoginWall,
     LoginWall.user_message),
    ("ERROR: [youtube] abc: Video unavailable. This video has been removed by the uploader",
     MediaUnavailable, REMOVED),
    ("ERROR: [youtube] abc: Private video. Sign in if you've been granted access",
     MediaUnavailable, PRIVATE),
    ("ERROR: unable to download video data: HTTP Error 403: Forbidden", MediaUnavailable,
     EXPIRED),
    ("[http @ 0x1] HTTP error 404 Not Found", MediaUnavailable, REMOVED),
    ("Stream map '0:a:0' matches no streams.", MediaUnavailable, NO_VIDEO),
    ("ERROR: [generic] Unable to download webpage: The read operation timed out",
     NetworkTrouble, NetworkTrouble.user_message),
    ("ERROR: No suitable extractor found for URL https://example.com/", LinkError, None),
    ("ERROR: [generic] x: An extractor error has occurred. (caused by KeyError('src')); "
     "please report this issue on https://github.com/yt-dlp/yt-dlp/issues", MediaUnavailable,
     UNREADABLE),
    ("something nobody has seen", StashError, StashError.user_message),
])
def test_library_messages_are_classified_by_their_words(
    message: str, error: type[StashError], user_message: str | None
) -> None:
    found = classify(message)

    assert type(found) is error
    if user_message is not None:
        assert found.user_message == user_message


async def exchange(proxy: GuardProxy, request: bytes) -> bytes:
    """Send raw bytes to the proxy and read everything it answers."""
    reader, writer = await asyncio.open_connection("127.0.0.1", int(proxy.url.rsplit(":", 1)[1]))
    writer.write(request)
    try:
        return await asyncio.wait_for(reader.read(), 5)
    finally:
        writer.close()


async def test_the_proxy_tunnels_to_a_listed_host_and_refuses_the_rest() -> None:
    async with MediaHost() as host:
        guard = NetworkGuard([f"127.0.0.1:{host.port}"])
        async with GuardProxy(guard, max_bytes=10**6) as proxy:
            tunnel = await exchange(proxy, (
                f"CONNECT 127.0.0.1:{host.port} HTTP/1.1\r\n\r\n"
                f"GET /accounts/login/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            ).encode())
            refused = await exchange(proxy, b"CONNECT 169.254.169.254:443 HTTP/1.1\r\n\r\n")
            plain = await exchange(proxy, b"GET http://10.0.0.1/ HTTP/1.1\r\nHost: x\r\n\r\n")

        assert tunnel.startswith(b"HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 200 OK")
        assert b"<title>Login" in tunnel
        assert refused.startswith(b"HTTP/1.1 403") and plain.startswith(b"HTTP/1.1 403")
        assert proxy.refused == ["169.254.169.254", "10.0.0.1"]


async def test_the_proxy_cuts_a_body_at_the_cap_without_content_length() -> None:
    async with MediaHost() as host:
        url = host.huge_url("mp4", mb=50, length=False)
        async with GuardProxy(NetworkGuard([f"127.0.0.1:{host.port}"]), 100_000) as proxy:
            answer = await exchange(proxy, f"GET {url} HTTP/1.1\r\nHost: x\r\n\r\n".encode())

        # Nothing past the cap reaches the client; the chunk that crossed it is dropped.
        assert proxy.over_cap and 100_000 - 16 * 1024 < len(answer) <= 100_000
