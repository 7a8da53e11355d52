"""Fixtures the adapter tests share: the Spotify rig, wired as the bot wires it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from adapters.crypto import TokenCipher
from adapters.spotify.accounts import SpotifyAccounts
from adapters.spotify.app import SpotifyApp
from adapters.storage import Database, SqlAccountStore
from sandbox.spotify import SpotifyStandIn
from tests.adapters.worlds import REDIRECT, Clock, Rig


@pytest.fixture
async def rig(tmp_path: Path) -> AsyncIterator[Rig]:
    async with SpotifyStandIn(redirect_uris=[REDIRECT]) as spotify:
        database = await Database.open(str(tmp_path / "stash.db"))
        clock = Clock()
        store = SqlAccountStore(database, clock)
        cipher = TokenCipher([Fernet.generate_key().decode()])
        app = SpotifyApp(spotify.client_id, spotify.client_secret, redirect_uri=REDIRECT,
                         api_base_url=spotify.api_base_url,
                         accounts_base_url=spotify.accounts_base_url)
        accounts = SpotifyAccounts(app, store=store, cipher=cipher, clock=clock)
        yield Rig(spotify, tmp_path / "stash.db", store, cipher, accounts, clock)
        await database.close()
