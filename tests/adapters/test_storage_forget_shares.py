"""/forget on both engines: everything that came from the person goes, not only their history.

Issue 23: links a person shared that left no history line (not recognized, a choice still
pending) kept their cached identification, and the marks of the messages they sent stayed in
the inbox; on SQLite the bytes stayed readable in the files.
"""

from __future__ import annotations

from pathlib import Path

from adapters.storage import Engine, SqlStore
from core.links import parse_links
from core.models import AudioClip, CatalogTrack, Link, Recognition, UserKey
from core.outcomes import ChoiceOffered, NothingRecognized, TrackAdded
from core.service import Stash
from tests.fakes import FakeCatalog, FakeFetcher, FakePlaylists, FakeRecognizer, RecordingReporter
from tests.storage_engines import database, database_url, postgres_database, postgres_url

__all__ = ["database", "database_url", "postgres_database", "postgres_url"]  # fixtures

ALICE = UserKey("telegram", "424242")
BOB = UserKey("telegram", "777")
# What Alice pastes, with the tracking parameters her apps add when sharing.
UNHEARD = "https://www.instagram.com/reel/Cunheard9x/?igsh=YWxpY2UtdHJhY2tlcg=="
ASKED = "https://youtu.be/AskedVideo1?si=aliceSiToken"
SHORT = "https://vm.tiktok.com/ZMalice77/"
RESOLVED = parse_links("https://www.tiktok.com/@_/video/7300000000000000001?_t=alice&_r=1")[0]
BOBS = "https://www.facebook.com/reel/1234567890123"

TIDE = Recognition("Slow Tide", ("Coral Bay",), duration_ms=226_000)
TIDE_A = CatalogTrack("spotify:track:tideA", "Slow Tide", ("Coral Bay",), "Shoreline", 226_000, 50)
TIDE_B = CatalogTrack("spotify:track:tideB", "Slow Tide", ("Coral Bay",), "Shoreline (Deluxe)",
                      262_000, 49)
DRIVE = Recognition("Midnight Drive", ("Luna Vale",), isrc="QZ0000000001")
ORIGINAL = CatalogTrack("spotify:track:orig", "Midnight Drive", ("Luna Vale",), "Night Roads",
                        185_000, 70, "QZ0000000001")


def link(url: str) -> Link:
    return parse_links(url)[0]


def stash_on(store: SqlStore) -> Stash:
    talk = AudioClip(b"talk", "m4a", final_window=True)
    fetcher = FakeFetcher({link(UNHEARD).canonical_url: [talk],
                           link(ASKED).canonical_url: [AudioClip(b"tide", "m4a")],
                           RESOLVED.canonical_url: [AudioClip(b"drive", "m4a")],
                           link(BOBS).canonical_url: [AudioClip(b"drive", "m4a")]},
                          redirects={link(SHORT).canonical_url: RESOLVED})
    recognizer = FakeRecognizer({b"tide": TIDE, b"drive": DRIVE})
    return Stash(fetcher=fetcher, recognizer=recognizer,
                 catalog=FakeCatalog([TIDE_A, TIDE_B, ORIGINAL]),
                 playlists=FakePlaylists({ALICE, BOB}), store=store)


async def test_forget_removes_every_cached_link_and_message_mark_of_the_person(
        database: Engine, database_url: str, tmp_path: Path) -> None:
    store = SqlStore(database)
    stash = stash_on(store)
    for n in range(3):
        assert await stash.first_delivery("telegram", "alice-chat-9137", f"alice-msg-{n}",
                                          ALICE.user_id)
    outcomes = [await stash.share(ALICE, link(url), RecordingReporter())
                for url in (UNHEARD, ASKED, SHORT)]
    assert isinstance(outcomes[0], NothingRecognized)
    assert isinstance(outcomes[1], ChoiceOffered)
    assert isinstance(outcomes[2], TrackAdded)
    assert await stash.first_delivery("telegram", "bob-chat-5", "bob-msg-1", BOB.user_id)
    assert isinstance(await stash.share(BOB, link(BOBS), RecordingReporter()), TrackAdded)
    keys = {row[0] for row in await database.fetchall("SELECT canonical_url FROM identifications")}
    # Only canonical URLs are ever keys: no sharer's tracking parameter reaches the cache.
    assert keys == {link(UNHEARD).canonical_url, link(ASKED).canonical_url,
                    RESOLVED.canonical_url, link(BOBS).canonical_url}
    assert not any(mark in key for key in keys for mark in ("igsh", "si=", "_t=", "_r="))

    await stash_forget(store)

    keys = {row[0] for row in await database.fetchall("SELECT canonical_url FROM identifications")}
    assert keys == {link(BOBS).canonical_url}
    marks = await database.fetchall("SELECT chat_id, message_id FROM inbox")
    assert marks == [("bob-chat-5", "bob-msg-1")]
    if database.name == "sqlite":
        await database.close()
        raw = database_bytes(tmp_path)
        for trace in ("Cunheard9x", "AskedVideo1", "7300000000000000001", "alice-chat-9137",
                      "alice-msg", "Slow Tide", "ZMalice77", "424242"):
            assert trace.encode() not in raw, trace
        assert b"bob-msg-1" in raw


async def stash_forget(store: SqlStore) -> None:
    """/forget as the connecting service runs it, with the files wiped as after a while."""
    assert await store.forget(ALICE) == 1  # the one history line: the added TikTok
    assert await store.database.wipe_owed()


def database_bytes(folder: Path) -> bytes:
    """The database file and its write-ahead log, as bytes."""
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.name.startswith("stash.db"))
