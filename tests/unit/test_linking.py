"""Linking commands with a fake linker: pasted callbacks, states bound to people, forgetting."""

from __future__ import annotations

import pytest

from core.errors import LinkFailed, NotConfigured
from core.linking import Linking, PastedCallback, parse_pasted_callback
from core.models import HistoryEntry, UserKey
from tests.fakes import FakeLinker, MemoryStore

ALICE = UserKey("telegram", "1")
BOB = UserKey("telegram", "2")
CODE = "AQD" + "x" * 60


@pytest.mark.parametrize(("text", "expected"), [
    (f"http://127.0.0.1:8080/spotify/callback?code={CODE}&state=abc",
     PastedCallback(CODE, "abc")),
    (f"  https://stash.example/spotify/callback?state=abc&code={CODE}  ",
     PastedCallback(CODE, "abc")),
    (CODE, PastedCallback(CODE, None)),
    ("https://stash.example/spotify/callback?error=access_denied&state=abc",
     PastedCallback(None, "abc", "access_denied")),
    ("hello", None),
    ("https://youtu.be/dQw4w9WgXcQ", None),
    ("short-code", None),
    ("x" * 5000, None),
    ("https://stash.example/spotify/callback?code=", None),
])
def test_pasted_callbacks_are_recognized(text: str, expected: PastedCallback | None) -> None:
    assert parse_pasted_callback(text) == expected


async def test_a_pasted_address_links_its_owner() -> None:
    linker = FakeLinker()
    linking = Linking(linker, MemoryStore())
    url = await linking.start(ALICE)
    state = url.rsplit("=", 1)[1]
    account = await linking.finish_pasted(ALICE, PastedCallback("good-code", state))
    assert account.display_name == "Name of 1"


async def test_a_bare_code_uses_the_persons_own_pending_state() -> None:
    linker = FakeLinker()
    linking = Linking(linker, MemoryStore())
    await linking.start(BOB)
    with pytest.raises(LinkFailed):
        await linking.finish_pasted(ALICE, PastedCallback("good-code", None))
    await linking.start(ALICE)
    assert (await linking.finish_pasted(ALICE, PastedCallback("good-code", None))).user == ALICE


async def test_someone_elses_state_is_refused() -> None:
    linker = FakeLinker()
    linking = Linking(linker, MemoryStore())
    state = (await linking.start(BOB)).rsplit("=", 1)[1]
    with pytest.raises(LinkFailed):
        await linking.finish_pasted(ALICE, PastedCallback("good-code", state))
    assert ALICE not in linker.linked


async def test_a_refusal_on_spotify_says_so() -> None:
    linking = Linking(FakeLinker(), MemoryStore())
    with pytest.raises(LinkFailed, match="wasn't granted"):
        await linking.finish_pasted(ALICE, PastedCallback(None, "s", "access_denied"))


async def test_without_spotify_configured_linking_says_so() -> None:
    linking = Linking(None, MemoryStore())
    assert not linking.available
    with pytest.raises(NotConfigured, match="isn't set up"):
        await linking.start(ALICE)


async def test_forget_deletes_only_that_persons_history() -> None:
    store = MemoryStore()
    await store.record_history(ALICE, HistoryEntry("u", "added", 1.0))
    await store.record_history(BOB, HistoryEntry("u", "added", 1.0))
    assert await Linking(None, store).forget(ALICE) == 1
    assert await store.history(ALICE, 10) == []
    assert len(await store.history(BOB, 10)) == 1
