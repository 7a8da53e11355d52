"""Fixtures the adapter tests share: the Spotify rig, wired as the bot wires it."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from adapters.console.front import ConsoleFront
from adapters.crypto import TokenCipher
from adapters.spotify.accounts import SpotifyAccounts
from adapters.spotify.app import SpotifyApp
from adapters.storage import Database, SqlAccountStore, SqlStore
from core.connecting import Connecting
from core.models import AudioClip
from core.service import Stash
from sandbox.spotify import SpotifyStandIn
from tests.adapters.worlds import ME, REDIRECT, Clock, Rig
from tests.fakes import FakeCatalog, FakeFetcher, FakePlaylists, FakeRecognizer
from tests.worlds import DRIVE, ORIGINAL, OTHER, REEL, REMIX, TIDE, TIDE_A, TIDE_B


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


@pytest.fixture
async def console(tmp_path: Path) -> AsyncIterator[tuple[ConsoleFront, io.StringIO, SqlStore]]:
    database = await Database.open(str(tmp_path / "stash.db"))
    store = SqlStore(database)
    stash = Stash(
        fetcher=FakeFetcher({REEL.canonical_url: [AudioClip(b"drive", "m4a")],
                             OTHER.canonical_url: [AudioClip(b"tide", "m4a")]},
                            unknown=[AudioClip(b"unknown song", "m4a")]),
        recognizer=FakeRecognizer({b"drive": DRIVE, b"tide": TIDE}),
        catalog=FakeCatalog([ORIGINAL, REMIX, TIDE_A, TIDE_B]),
        playlists=FakePlaylists({ME}),
        store=store,
    )
    out = io.StringIO()
    yield ConsoleFront(stash, Connecting(None, store), user=ME, out=out), out, store
    await database.close()
