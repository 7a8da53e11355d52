"""Finding the jobs of dead workers, without saq's race.

saq's own sweep takes every job on the active list whose stored status is not "active" for
stuck, but a job a worker has just moved there is still "queued" until that worker writes it
back as active: the sweep then aborts and re-queues a healthy job, which runs twice (saq issues
#124 and #277, open in 0.26.4). This sweep takes an active job only when its timeout or
heartbeat has passed, and a not-yet-active one only after it stayed so for a whole heartbeat
(its worker died between the two writes). Suspects are remembered in Redis, so that whichever
worker sweeps next knows them; one worker sweeps at a time (SET NX with an expiry).
"""

from __future__ import annotations

import logging
import time

from saq.job import Job, Status
from saq.queue.redis import RedisQueue

log = logging.getLogger(__name__)

SWEPT = "swept: its worker stopped answering"


async def sweep(queue: RedisQueue, every: int, grace: float) -> list[str]:
    """Put back (or, past its retries, end) each stuck job; the swept jobs' ids."""
    redis = queue.redis
    if not await redis.set(queue.namespace("stash-sweep"), 1, nx=True, ex=max(1, every)):
        return []  # another worker sweeps this round
    suspects_key = queue.namespace("stash-suspects")
    ids = await redis.lrange(queue.namespace("active"), 0, -1)
    raw_jobs = await redis.mget(ids) if ids else []
    stored = await redis.hgetall(suspects_key)
    suspects = {_text(k): float(v) for k, v in stored.items()}
    now = time.time()
    swept: list[str] = []
    still: dict[str, float] = {}
    for job_id, raw in zip(ids, raw_jobs, strict=True):
        job = queue.deserialize(raw)
        name = _text(job_id)
        if job is None:  # its data expired: only the list entries are left
            await redis.lrem(queue.namespace("active"), 0, name)
            await redis.zrem(queue.namespace("incomplete"), name)
            continue
        if job.status == Status.ACTIVE and not _stuck(job, now, grace):
            continue
        if job.status != Status.ACTIVE:
            # Seen so since when, in this very state (a retried job is touched anew)?
            seen = suspects.get(f"{name}@{job.touched}", now)
            if now - seen < grace:
                still[f"{name}@{job.touched}"] = seen
                continue
        log.warning("sweeping job %s (attempt %d): %s", job.key, job.attempts, job.status)
        await queue.abort(job, error=SWEPT)
        if job.retryable:
            await queue.retry(job, error=SWEPT)
        else:
            await queue.finish(job, Status.ABORTED, error=SWEPT)
        swept.append(name)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.delete(suspects_key)
        if still:
            for name, seen in still.items():
                pipe.hset(suspects_key, name, seen)
            pipe.expire(suspects_key, int(grace * 4) + 1)
        await pipe.execute()
    return swept


def _stuck(job: Job, now: float, grace: float) -> bool:
    silent = now - job.touched / 1000
    running = now - job.started / 1000
    return bool((job.heartbeat and silent > job.heartbeat)
                or (job.timeout and running > job.timeout + grace))


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
