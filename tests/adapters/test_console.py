"""The console front on real storage, with fakes of the outside ports: what a person reads."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.console.front import ConsoleFront
from adapters.storage import Database, SqlStore
from core.accounts import PlaylistInfo
from core.connecting import Connecting
from core.service import Stash
from tests.adapters.worlds import ME, lines_from
from tests.fakes import FakeCatalog, FakeConnector, FakeFetcher, FakePlaylists, FakeRecognizer
from tests.worlds import OTHER, REEL, TIDE_A, TIDE_B


async def test_a_link_shows_each_stage_then_the_result(console: tuple) -> None:
    front, out, _ = console
    await front.run(lines_from(REEL.original))
    text = out.getvalue()
    stages = ["Downloading audio…", "Listening…", "Finding it on Spotify…",
              "Adding to your playlist…", "Added to Stash ✓"]
    positions = [text.index(stage) for stage in stages]
    assert positions == sorted(positions)
    assert "Midnight Drive — Luna Vale (Night Roads)" in text
    assert "https://open.spotify.com/track/orig" in text


async def test_history_lists_what_was_stashed(console: tuple) -> None:
    front, out, _ = console
    await front.run(lines_from(REEL.original, "/history"))
    line = "Midnight Drive — Luna Vale (added to your playlist) https://open.spotify.com/track/orig"
    assert line in out.getvalue()


async def test_an_ambiguous_match_is_answered_with_a_number(console: tuple) -> None:
    front, out, store = console
    await front.run(lines_from(OTHER.original, "2"))
    text = out.getvalue()
    assert "Which one is it?" in text
    assert "1) Shoreline · 3:46 · Slow Tide — Coral Bay" in text
    assert "0) None of these" in text
    [entry] = await store.history(ME, 10)
    assert entry.track_uri in (TIDE_A.uri, TIDE_B.uri)
    assert "Added to Stash ✓" in text.split("Which one is it?")[1]


async def test_none_of_these_adds_nothing(console: tuple) -> None:
    front, out, store = console
    await front.run(lines_from(OTHER.original, "0"))
    assert "OK, I didn't add anything." in out.getvalue()
    assert await store.history(ME, 10) == []


@pytest.mark.parametrize(("line", "answer"), [
    ("", "I didn't find a link in that."),
    ("hello there", "I didn't find a link in that."),
    ("x" * 10_000, "I didn't find a link in that."),
    ("\x00\x01\x02\ufffd\x7f" * 200, "I didn't find a link in that."),
    ("https://vimeo.com/123456", "I can't open links from that site."),
    ("https://www.instagram.com/luna.vale/", "That's a profile, not a video."),
    ("/nonsense", "I don't know /nonsense."),
])
async def test_bad_input_gets_a_clear_answer(console: tuple, line: str, answer: str) -> None:
    front, out, store = console
    before = out.getvalue()
    await front.handle(line)
    said = out.getvalue()[len(before):]
    assert answer in said
    assert await store.history(ME, 10) == []


async def test_fifty_links_are_capped_with_a_note(console: tuple) -> None:
    front, out, _ = console
    links = " ".join(f"https://www.tiktok.com/@u/video/73123456789012{n:05d}" for n in range(50))
    await front.handle(links)
    text = out.getvalue()
    assert "I skipped the last 40" in text
    assert text.count("couldn't recognize a song") == 10
    await front.handle(links)
    assert "You're sharing faster than I can listen." in out.getvalue()


@pytest.fixture
async def connected_console(tmp_path: Path) -> AsyncIterator[tuple[ConsoleFront, io.StringIO,
                                                                FakeConnector]]:
    database = await Database.open(str(tmp_path / "stash.db"))
    store = SqlStore(database)
    connector = FakeConnector()
    stash = Stash(fetcher=FakeFetcher(), recognizer=FakeRecognizer(), catalog=FakeCatalog(),
                  playlists=FakePlaylists(), store=store)
    out = io.StringIO()
    yield ConsoleFront(stash, Connecting(connector, store), user=ME, out=out), out, connector
    await database.close()


async def test_link_then_paste_the_address_back(connected_console: tuple) -> None:
    front, out, connector = connected_console
    await front.handle("/link")
    url = next(line for line in out.getvalue().splitlines() if line.startswith("https://"))
    state = url.rsplit("=", 1)[1]
    await front.handle(f"http://127.0.0.1:8080/spotify/callback?code=good-code&state={state}")
    assert "Linked as Name of me ✓" in out.getvalue()
    assert connector.connected[ME] == "Name of me"
    await front.handle("/unlink")
    assert "Unlinked" in out.getvalue() and ME not in connector.connected


async def test_a_bad_pasted_address_is_explained(connected_console: tuple) -> None:
    front, out, _ = connected_console
    await front.handle("/link")
    await front.handle("http://127.0.0.1:8080/spotify/callback?code=bad&state=nope")
    assert "doesn't come from a /link you ran here" in out.getvalue()


async def test_playlist_lists_chooses_and_creates(connected_console: tuple) -> None:
    front, out, connector = connected_console
    await front.handle("/playlist")
    assert "Link your Spotify account with /link" in out.getvalue()
    connector.connected[ME] = "me"
    connector.lists[ME] = [PlaylistInfo("p1", "Gym"), PlaylistInfo("p2", "Chill")]
    await front.handle("/playlist")
    assert "2) Chill" in out.getvalue()
    await front.handle("/playlist 2")
    assert "Songs you share now go to Chill ✓" in out.getvalue()
    await front.handle("/playlist new   Road   trip ")
    assert connector.chosen[ME] == "Road trip"


async def test_forget_asks_first_and_keeps_everything_on_no(console: tuple) -> None:
    front, out, store = console
    await front.run(lines_from(REEL.original, "/forget", "no", "/history"))
    assert "Are you sure?" in out.getvalue() and "OK, I kept everything." in out.getvalue()
    assert len(await store.history(ME, 10)) == 1
    await front.run(lines_from("/forget", "yes"))
    assert "I deleted everything I held on you (1 history entry)" in out.getvalue()
    assert "spotify.com/account/apps" in out.getvalue()
    assert await store.history(ME, 10) == []
