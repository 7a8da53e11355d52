"""Each kind of process is built with what it uses (bot/bootstrap.py): a front gets the whole
service, a worker only what identifies a link. A `stash worker` delivers nothing to anyone, so it
builds (and loads) no Deliverer, no Keeper of shares and no Spotify accounts with their token
cipher, and no chat library."""

from __future__ import annotations

import asyncio
import dataclasses
import sys
from pathlib import Path

from cryptography.fernet import Fernet

from bot.settings import Settings, load_settings
from sandbox.processes import free_port
from tests.jobs.redis_helpers import REDIS_URL, queue_name

# What only a front uses: a share's delivery, the shares kept for a restart, the whole service,
# Spotify accounts and their token cipher, hosted playlists, the chat libraries.
FRONT_ONLY = ("core.delivery", "core.keeper", "core.service", "adapters.spotify.accounts",
              "adapters.crypto", "adapters.spotify.hosted", "telegram", "discord")

WORKER = f"""
import asyncio, logging, sys

from bot.settings import load_settings
from bot.worker import run_worker


class Started(logging.Handler):
    def __init__(self, stop):
        super().__init__()
        self.stop = stop

    def emit(self, record):
        if record.getMessage().startswith("Stash worker is running"):
            self.stop.set()  # taking jobs: stop, and say what this process loaded


async def main():
    stop = asyncio.Event()
    log = logging.getLogger("bot.worker")
    log.setLevel(logging.INFO)
    log.addHandler(Started(stop))
    code = await run_worker(load_settings(), stop)
    print(code, sorted(set(sys.modules) & set({FRONT_ONLY!r})))


asyncio.run(main())
"""


def _settings(tmp_path: Path, queue: str) -> dict[str, str]:
    """A deployment with every Spotify feature on (none of it reachable: nothing is called)."""
    nowhere = "http://127.0.0.1:9"
    return {"database_url": f"sqlite:///{tmp_path / 'stash.db'}", "redis_url": REDIS_URL,
            "redis_queue": queue, "shazam_budget_key": queue,
            "worker_http_port": str(free_port()), "spotify_client_id": "client",
            "spotify_client_secret": "secret",
            "token_encryption_keys": Fernet.generate_key().decode(),
            "spotify_api_base_url": f"{nowhere}/v1/", "spotify_accounts_base_url": nowhere,
            "shazam_api_base_url": nowhere}


async def test_a_running_worker_loads_no_delivery_no_kept_shares_and_no_spotify_accounts(
        tmp_path: Path) -> None:
    async with queue_name() as queue:
        env = {"PATH": "/usr/bin:/bin"} | {name.upper(): value
                                           for name, value in _settings(tmp_path, queue).items()}
        worker = await asyncio.create_subprocess_exec(
            sys.executable, "-c", WORKER, env=env, cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(worker.communicate(), 120)
    assert out.decode().strip() == "0 []", err.decode()[-2000:]


def _fields(parts: object) -> set[str]:
    return {field.name for field in dataclasses.fields(parts)}  # type: ignore[arg-type]


async def test_a_front_gets_the_whole_service_and_a_worker_only_what_identifies(
        tmp_path: Path) -> None:
    from bot.bootstrap import build_front, build_worker

    async with queue_name() as queue:
        settings: Settings = load_settings(_env_file=None, **_settings(tmp_path, queue))
        shared = "hear this https://www.instagram.com/reel/C1a2b3/ and https://youtu.be/dQw4w9WgXcQ"
        async with build_front(settings) as front:
            assert {"stash", "connecting", "connector", "files", "jobs"} <= _fields(front)
            assert front.connector is not None and front.jobs is not None  # accounts; workers
            seen = front.stash.links_in(shared)
        async with build_worker(settings) as worker:
            assert not {"stash", "connecting", "connector", "files", "jobs"} & _fields(worker)
            assert worker.links_in(shared) == seen and len(seen) == 2  # parsed as a front does
            assert await worker.database.ping() and worker.queue.name == queue
