"""Real `stash run` processes for end-to-end tests: several on one database and one encryption
key, each with its own port and log (launched by sandbox/processes.py, as the benchmarks' are),
started, killed or stopped as an operator would."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet

from sandbox.processes import Launched, free_port, launch
from tests.e2e.worlds import Services, environment


@dataclass
class Runs:
    """`stash run` processes on one database, started one after another or side by side."""

    services: Services
    folder: Path
    key: str = field(default_factory=lambda: Fernet.generate_key().decode())
    started: list[Launched] = field(default_factory=list)

    async def start(self, *args: str, name: str = "stash", **env: str) -> Launched:
        """Start `stash run ARGS` with extra settings; return once /readyz says ready."""
        port = free_port()
        settings = {**environment(self.services, self.folder, port, self.key),
                    "LOG_LEVEL": "INFO", **env}
        started = await launch(name, [sys.executable, "-m", "bot", "run", *args], settings,
                               self.folder / f"{name}.log", port)
        self.started.append(started)
        await started.ready(60)
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
