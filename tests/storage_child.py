"""A second (third...) Stash process for the cross-process storage tests.

`python -m tests.storage_child ACTION DATABASE_URL [ARG...]` opens storage as `stash run` does,
prints "ready", waits for a line on stdin, does ACTION once and prints its result as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from adapters.storage import SqlAccountStore, SqlStore, open_database
from core.models import CatalogTrack, UserKey


async def _add(url: str, key: str, spotify: str, client: str, secret: str) -> Any:
    from adapters.crypto import TokenCipher
    from adapters.spotify.accounts import SpotifyAccounts
    from adapters.spotify.app import SpotifyApp
    from adapters.spotify.playlists import SpotifyPlaylists

    database = await open_database(url)
    app = SpotifyApp(client, secret, redirect_uri="http://127.0.0.1:9/cb",
                     api_base_url=f"{spotify}/v1/", accounts_base_url=spotify)
    accounts = SpotifyAccounts(app, store=SqlAccountStore(database), cipher=TokenCipher([key]))
    playlists = SpotifyPlaylists(accounts)
    await _ready()
    track = CatalogTrack("spotify:track:6runItUp0000000012", "Run It Up", ("Kiro",))
    try:
        added = await playlists.add(UserKey("telegram", "42"), track)
        return {"already_there": added.already_there}
    finally:
        await database.close()


async def _once(url: str, action: str, args: list[str]) -> Any:
    if action == "migrate":
        from adapters.storage.postgres import PgDatabase

        await _ready()
        import asyncpg

        pool = await asyncpg.create_pool(url, min_size=1, max_size=1)
        try:
            return await PgDatabase(pool).migrate()
        finally:
            await pool.close()
    database = await open_database(url)
    try:
        await _ready()
        if action == "claim":
            return await SqlStore(database).claim_message(*args)
        if action == "take-held":
            held = await SqlAccountStore(database).take_held(args[0], float(args[1]))
            return held.spotify_user_id if held else None
        taken = await SqlAccountStore(database).take_state(args[0], float(args[1]))
        return taken.code_verifier if taken else None
    finally:
        await database.close()


async def _ready() -> None:
    print("ready", flush=True)
    await asyncio.to_thread(sys.stdin.readline)


def main() -> None:
    action, url, *args = sys.argv[1:]
    work = _add(url, *args) if action == "add" else _once(url, action, args)
    print(json.dumps(asyncio.run(work)), flush=True)


if __name__ == "__main__":
    main()
