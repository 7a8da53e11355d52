"""`stash host link` driven as an operator does: open the printed address in a browser, paste
where it ended."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

import aiohttp


async def stash_host(env: dict[str, str], folder: Path, action: str,
                     answer: str | None = None) -> tuple[int, str]:
    """Run `stash host ACTION`; for link, follow its URL as a browser would and paste where
    the browser ended (or `answer`)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "host", action, env=env, cwd=folder,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT)
    assert process.stdin is not None and process.stdout is not None
    said = ""
    if action == "link":
        while (found := re.search(r"(http://\S+/authorize\?\S+)", said)) is None:
            line = await asyncio.wait_for(process.stdout.readline(), 30)
            assert line, said
            said += line.decode()
        async with aiohttp.ClientSession() as browser, browser.get(
                found[1], allow_redirects=False) as page:
            ended_on = page.headers["Location"]
        process.stdin.write(((answer or ended_on) + "\n").encode())
    rest, _ = await asyncio.wait_for(process.communicate(), 60)
    return await process.wait(), said + rest.decode()
