"""Real `stash run` processes for end-to-end tests: several on one database and one encryption
key, each with its own port and log, started, killed or stopped as an operator would."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet

from tests.e2e.worlds import Services, environment, free_port, ready


@dataclass
class Process:
    """One `stash run`: its process, base URL and log file."""

    process: asyncio.subprocess.Process
    base: str
    log: Path

    async def kill(self) -> None:
        """SIGKILL: no clean-up, no goodbye."""
        self.process.kill()
        await self.process.wait()

    async def stop(self) -> str:
        """SIGTERM and a clean exit (or a kill after a minute); the log so far."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 60)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        return self.logs

    @property
    def logs(self) -> str:
        return self.log.read_text()


@dataclass
class Runs:
    """`stash run` processes on one database, started one after another or side by side."""

    services: Services
    folder: Path
    key: str = field(default_factory=lambda: Fernet.generate_key().decode())
    started: list[Process] = field(default_factory=list)

    async def start(self, *args: str, name: str = "stash", **env: str) -> Process:
        """Start `stash run ARGS` with extra settings; return once /readyz says ready."""
        port = free_port()
        settings = {**environment(self.services, self.folder, port, self.key),
                    "LOG_LEVEL": "INFO", **env}
        log = self.folder / f"{name}.log"
        with log.open("ab") as out:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", *args, env=settings,
                stdout=asyncio.subprocess.DEVNULL, stderr=out)
        started = Process(process, f"http://127.0.0.1:{port}", log)
        self.started.append(started)
        await ready(started.base, process)
        return started

    async def stop_all(self) -> None:
        """Stop whatever still runs."""
        await asyncio.gather(*(p.stop() for p in self.started if p.process.returncode is None))


async def until(holds: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll (logs and other processes' effects wake no waiter) until `holds()`, or fail."""
    for _ in range(int(seconds / 0.05)):
        if holds():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"never happened: {what}")
