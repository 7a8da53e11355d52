"""Several Stash processes on one database and one Redis queue: fronts (`stash run`) and workers
(`stash worker`), started, awaited, killed and stopped as an operator (or a crash) would."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from cryptography.fernet import Fernet

from sandbox.processes import Launched, free_port, launch
from tests.e2e.worlds import Services, environment, said
from tests.storage_engines import postgres_database, postgres_url  # noqa: F401 - fixtures


@dataclass
class Cluster:
    services: Services
    folder: Path
    queue: str
    redis_url: str
    database_url: str
    key: str = field(default_factory=lambda: Fernet.generate_key().decode())
    members: list[Launched] = field(default_factory=list)

    def env(self, port: int, **extra: str) -> dict[str, str]:
        env = environment(self.services, self.folder, port, self.key)
        env.update({"REDIS_URL": self.redis_url, "REDIS_QUEUE": self.queue,
                    "DATABASE_URL": self.database_url,
                    "WORKER_HEARTBEAT": "2", "SHAZAM_REQUESTS_PER_MINUTE": "600",
                    "SHAZAM_BUDGET_KEY": self.queue, "LOG_LEVEL": "INFO"})
        env.update(extra)
        return {k: v for k, v in env.items() if v}

    async def start(self, name: str, command: str, check: str = "", args: tuple[str, ...] = (),
                    **extra: str) -> Launched:
        """`stash COMMAND ARGS` (`--check` with `check`), its stderr (and stdout) in NAME.log."""
        port = free_port()
        env = self.env(port, **({"WORKER_HTTP_PORT": str(port)} if command == "worker" else {}),
                       **extra)
        argv = [sys.executable, "-m", "bot", command, *(["--check"] if check else []), *args]
        member = await launch(name, argv, env, self.folder / f"{name}.log", port,
                              stdout=bool(check))
        self.members.append(member)
        return member

    async def front(self, name: str, *, telegram: bool) -> Launched:
        """A `stash run` with one chat front: Telegram or Discord (one bot token, one poller)."""
        return await self.start(name, "run", **({"DISCORD_BOT_TOKEN": ""} if telegram
                                                else {"TELEGRAM_BOT_TOKEN": ""}))

    async def stop_all(self) -> dict[str, str]:
        """SIGTERM to everyone still running; each one's logs. A clean exit is asserted."""
        stopped = await asyncio.gather(*(member.stop() for member in self.members))
        logs = {member.name: log for member, log in zip(self.members, stopped, strict=True)}
        for member in self.members:
            if member.process.returncode != -signal.SIGKILL and "check" not in member.name:
                assert member.process.returncode == 0, (member.name, logs[member.name][-3000:])
        return logs


def kill(member: Launched) -> None:
    """SIGKILL: no clean-up, no goodbye, as a crash or the OOM killer."""
    os.kill(member.process.pid, signal.SIGKILL)


async def readyz(member: Launched) -> tuple[int, dict[str, object]]:
    async with aiohttp.ClientSession() as session, \
            session.get(member.base + "/readyz") as response:
        return response.status, dict(await response.json())


async def scrape(member: Launched) -> str:
    async with aiohttp.ClientSession() as session, \
            session.get(member.base + "/metrics") as page:
        return await page.text()


ALICE = 2001
SONG = ("40000003", "Golden Hour")


async def connect_telegram(world: Services, user: int, spotify_user: str) -> None:
    telegram = world.telegram
    world.spotify.login_as(spotify_user)
    telegram.user_sends(user, "/link", chat_id=user)
    await telegram.wait_for(lambda: "/authorize?" in said(world, user), 30)
    found = re.search(r"http://127\.0\.0\.1:\d+/authorize\?\S+", said(world, user))
    assert found is not None
    body = await _browse(found.group())
    button = re.search(r'href="https://t\.me/[A-Za-z0-9_]+\?start=([A-Za-z0-9]+)"', body)
    assert button is not None
    telegram.user_sends(user, f"/start {button[1]}", chat_id=user)
    await telegram.wait_for(lambda: "Linked as" in said(world, user), 30)


async def _browse(authorize: str) -> str:
    async with aiohttp.ClientSession() as browser:
        async with browser.get(authorize, allow_redirects=False) as consent:
            callback = consent.headers["Location"]
        async with browser.get(callback) as page:
            return await page.text()
