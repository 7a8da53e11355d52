"""`stash run` on PostgreSQL, as an operator moving off SQLite would start it: connecting, a share
added to the playlist, housekeeping counted, a clean stop, and the database password in no log."""

from __future__ import annotations

from pathlib import Path

from cryptography.fernet import Fernet

from sandbox.processes import free_port
from sandbox.spotify.standin import SANDBOX_CLIENT_SECRET
from tests.e2e.worlds import (
    ALICE,
    Services,
    connect_spotify,
    environment,
    said,
    scrape,
    stash_run,
    stop,
)
from tests.storage_engines import postgres_database, postgres_url

__all__ = ["postgres_database", "postgres_url"]
PASSWORD = "pg-password-never-logged"  # the server trusts local logins; Stash must still hide it


async def test_stash_run_on_postgresql(services: Services, tmp_path: Path,
                                       postgres_url: str) -> None:
    port, key = free_port(), Fernet.generate_key().decode()
    url = postgres_url.replace("postgres@", f"postgres:{PASSWORD}@")
    env = {**environment(services, tmp_path, port, key), "DATABASE_URL": url}
    stash = await stash_run(env, tmp_path)
    try:
        assert (await stash.ready())["checks"] == {
            "storage": True, "telegram": True, "discord": True}
        services.telegram.add_user(ALICE, "Alice")
        await connect_spotify(services)
        services.telegram.user_sends(ALICE, services.media.url("40000003", "m4a"), chat_id=ALICE)
        await services.telegram.wait_for(lambda: "Added to Stash" in said(services, ALICE), 60)
        services.telegram.user_sends(ALICE, "/history", chat_id=ALICE)
        await services.telegram.wait_for(lambda: said(services, ALICE).count("Golden Hour") >= 2,
                                         20)
        [playlist] = services.spotify.playlists("stashdemo")
        assert len(playlist["items"]) == 1
        assert 'stash_storage_pruned_rows_total{table="inbox"} 0.0' in await scrape(stash.base)
    finally:
        logs = await stop(stash)
    for secret in (PASSWORD, key, SANDBOX_CLIENT_SECRET):
        assert secret not in logs
