"""Real Stash processes, for end-to-end tests and benchmarks against the stand-ins: each started
on a loopback HTTP port of its own with its stderr in a log file, awaited until /readyz says
ready, then stopped (SIGTERM, a minute's grace) or killed as an operator, or a crash, would."""

from __future__ import annotations

import asyncio
import signal
import socket
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import aiohttp


def free_port() -> int:
    """A loopback port nothing listens on (now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class NotReady(RuntimeError):
    """A process that exited, or never said it was ready, before its time ran out."""


@dataclass
class Launched:
    """One started process: its name, its base URL (its own HTTP port) and its log."""

    name: str
    process: asyncio.subprocess.Process
    base: str
    log: Path

    @property
    def logs(self) -> str:
        """What it logged so far."""
        return self.log.read_text(errors="replace")

    async def ready(self, timeout: float = 120) -> dict[str, object]:  # noqa: ASYNC109
        """Its /readyz once every check passes; NotReady, with the end of its log, when it
        exits first or the time runs out (a fleet starting at once on a busy machine is slow)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        # Each ask short: a process that takes the connection but hangs must not hold this
        # past its time (aiohttp's own default waits five minutes).
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as session:
            while loop.time() < deadline:
                if self.process.returncode is not None:
                    raise NotReady(f"{self.name} exited with {self.process.returncode}: "
                                   f"{self.logs[-2000:]}")
                try:
                    async with session.get(self.base + "/readyz") as response:
                        if response.status == 200:
                            return dict(await response.json())
                except (aiohttp.ClientError, TimeoutError):
                    pass
                await asyncio.sleep(0.2)
        raise NotReady(f"{self.name} never became ready: {self.logs[-2000:]}")

    async def kill(self) -> None:
        """SIGKILL: no clean-up, no goodbye."""
        self.process.kill()
        await self.process.wait()

    async def stop(self, grace: float = 60) -> str:
        """SIGTERM and a clean exit (or a kill after `grace` seconds); what it logged."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), grace)
            except TimeoutError:
                await self.kill()
        return self.logs


async def launch(name: str, argv: Sequence[str], env: Mapping[str, str], log: Path,
                 port: int, *, stdout: bool = False) -> Launched:
    """Start `argv` with `env`, which gives it `port` for HTTP; its stderr appended to `log`
    (and its stdout, with `stdout`: what `--check` prints)."""
    with log.open("ab") as err:
        process = await asyncio.create_subprocess_exec(
            *argv, env=dict(env), stdout=err if stdout else asyncio.subprocess.DEVNULL,
            stderr=err)
    return Launched(name, process, f"http://127.0.0.1:{port}", log)
