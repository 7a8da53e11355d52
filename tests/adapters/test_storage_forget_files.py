"""/forget and the identification cache of files: a decision, and the test that holds it.

A link's cached identification is deleted with the person's history: its key is an address
anyone reading the database can open. A file's is kept: its key is the file's identity (Telegram's
file_unique_id, which downloads nothing, or a SHA-256 of a Discord attachment's bytes) and its body
names the song, so nothing in it names the person or leads to the file. Only someone who already
has the file can tell it was identified, and then not by whom; it expires like any other.
"""

from __future__ import annotations

import json

from adapters.storage import Engine, SqlStore
from core import files
from core.models import FileKind, HistoryEntry, Identification, Recognition, UserKey, Verdict
from tests.storage_engines import database, database_url, postgres_database, postgres_url

__all__ = ["database", "database_url", "postgres_database", "postgres_url"]  # fixtures

ALICE = UserKey("telegram", "4242")
FILE = "telegram-file:AgADvoice123"
LINK = "https://www.instagram.com/reel/Cabc123xyz/"
SONG = Recognition("Midnight Drive", ("Luna Vale",))


async def test_forget_deletes_a_links_cache_and_keeps_a_files_that_names_no_one(
        database: Engine) -> None:
    store = SqlStore(database)
    await store.record_history(ALICE, HistoryEntry(files.SENT[FileKind.VOICE], "added", 1.0,
                                                   "Midnight Drive", ("Luna Vale",)))
    await store.record_history(ALICE, HistoryEntry(LINK, "added", 2.0, "Midnight Drive",
                                                   ("Luna Vale",)))
    for key in (FILE, LINK):
        await store.cache_identification(Identification(key, Verdict.NOT_ON_SPOTIFY, SONG), 1e12)

    assert await store.forget(ALICE) == 2
    assert await store.history(ALICE, 10) == []
    assert await store.cached_identification(LINK, 0.0) is None
    assert await store.cached_identification(FILE, 0.0) == Identification(
        FILE, Verdict.NOT_ON_SPOTIFY, SONG)
    [(key, body)] = await database.fetchall("SELECT canonical_url, body FROM identifications")
    stored = json.loads(body)
    assert key == FILE and set(stored) == {"canonical_url", "verdict", "recognition",
                                           "candidates"}
    assert ALICE.user_id not in body and "you sent" not in body


async def test_forget_deletes_the_links_an_answer_was_kept_under(database: Engine) -> None:
    """An answer's `link:` key is an address the person shared: it goes with them."""
    store = SqlStore(database)
    await store.record_history(ALICE, HistoryEntry(LINK, "added", 1.0, "Midnight Drive",
                                                   ("Luna Vale",)))
    await store.remember_answer(ALICE, [f"link:{LINK}", "shazam:1 spotify:track:a"],
                                "spotify:track:a")
    assert len(await database.fetchall("SELECT answer_key FROM answers")) == 2

    await store.forget(ALICE)
    assert await database.fetchall("SELECT answer_key FROM answers") == []
