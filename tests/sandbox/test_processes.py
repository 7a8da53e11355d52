"""The launcher's wait for a process to be ready, against a process that hangs."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from sandbox.processes import NotReady, launch


async def test_a_process_that_takes_connections_but_never_answers_is_not_ready(
        tmp_path: Path) -> None:
    async def hang(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # reads the ask, never answers it

    server = await asyncio.start_server(hang, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    alive = await launch("hung", [sys.executable, "-c", "import time; time.sleep(120)"], {},
                         tmp_path / "hung.log", port)
    try:
        # The bound only keeps a broken wait from hanging the suite (aiohttp's own is 300 s).
        with pytest.raises(NotReady, match="never became ready"):
            await asyncio.wait_for(alive.ready(timeout=1), 60)
    finally:
        await alive.kill()
        server.close()
