"""Where a fleet round's time goes, read from outside Stash's processes: when each person shared
and was answered (the Telegram stand-in's clock), and the record saq keeps in Redis of their
link's job (when a front queued it, a worker took it and finished it)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from fleet import REDIS_URL

EVERY = 10.0  # seconds between reads of the job records (each is kept 10 minutes after its end)


class JobRecords:
    """The round's saq job records, read every few seconds while it runs and once at its end."""

    def __init__(self, queue: str) -> None:
        self._pattern = f"saq:job:{queue}:*"
        self.jobs: dict[str, dict[str, Any]] = {}  # job key -> its last record seen
        self._task: asyncio.Task[None] | None = None

    async def look(self) -> None:
        from redis.asyncio import Redis

        client = Redis.from_url(REDIS_URL)
        try:
            keys = [key async for key in client.scan_iter(match=self._pattern, count=1000)]
            for at in range(0, len(keys), 500):
                batch = keys[at:at + 500]
                for key, raw in zip(batch, await client.mget(batch), strict=True):
                    if raw is not None:
                        self.jobs[key.decode()] = json.loads(raw)
        finally:
            await client.aclose()

    async def _keep_looking(self) -> None:
        while True:
            await asyncio.sleep(EVERY)
            await self.look()

    async def __aenter__(self) -> Self:
        self.jobs.clear()
        self._task = asyncio.create_task(self._keep_looking())
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.look()

    def by_person(self) -> dict[int, dict[str, Any]]:
        """Each finished job under the person whose share queued it."""
        found = {}
        for job in self.jobs.values():
            who = str(job.get("kwargs", {}).get("requester") or "")
            if who.startswith("telegram:") and job.get("completed"):
                found[int(who.split(":", 1)[1])] = job
        return found


def spans(seen: dict[str, Any], ids: list[int], jobs: dict[int, dict[str, Any]]
          ) -> dict[str, list[float]]:
    """Per person, in seconds: share to job queued (front), queued to taken (queue wait),
    taken to finished (the worker), finished to answered (front: add and result message)."""
    began = seen["began_wall"]
    answered = dict(zip(seen["answered_ids"], seen["answered"], strict=True))
    out: dict[str, list[float]] = {"to queue": [], "queue wait": [], "in a worker": [],
                                   "to the answer": []}
    for person in ids:
        job = jobs.get(person)
        if job is None or person not in answered:
            continue
        queued, started, done = (job[k] / 1000 for k in ("queued", "started", "completed"))
        out["to queue"].append(queued - began)
        out["queue wait"].append(started - queued)
        out["in a worker"].append(done - started)
        out["to the answer"].append(began + answered[person] - done)
    return out


def pct(values: list[float], p: int) -> float:
    values = sorted(values)
    at = min(len(values) - 1, round(p / 100 * (len(values) - 1)))
    return values[at] if values else float("nan")


def show_spans(found: dict[str, list[float]]) -> None:
    print(f"  per person, from the job records ({len(found['queue wait'])} jobs): " + ", ".join(
        f"{name} mean {sum(v) / len(v):.2f} / p50 {pct(v, 50):.2f} / p95 {pct(v, 95):.2f} s"
        for name, v in found.items() if v))


def cpu_seconds(pids: dict[str, int]) -> dict[str, float]:
    """CPU seconds each process used so far, its finished children (ffmpeg) included."""
    tick, used = os.sysconf("SC_CLK_TCK"), {}
    for name, pid in pids.items():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        used[name] = sum(int(f) for f in fields[11:15]) / tick  # utime stime cutime cstime
    return used


def show_cpu(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """The round's CPU seconds by process (the machine has 2 cores); `after`, for the next."""
    spent = {name: after[name] - before[name] for name in after}
    print(f"  CPU seconds in the round ({sum(spent.values()):.0f} in all): " + ", ".join(
        f"{name} {seconds:.0f}" for name, seconds in spent.items()))
    return after


def peak_rss(pid: int) -> float:
    """A process's peak RSS in MB."""
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    return int(dict(line.split(":", 1) for line in lines)["VmHWM"].split()[0]) / 1024
