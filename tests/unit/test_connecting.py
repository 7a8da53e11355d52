"""Connecting commands with a fake connector: pasted callbacks, states bound to people,
forgetting."""

from __future__ import annotations

import pytest

from core.connect_codes import (
    MAX_PASTE,
    ChatAccount,
    ConfirmStep,
    PastedCallback,
    new_connect_code,
    parse_connect_code,
    parse_pasted_callback,
    pasted,
    shown_code,
)
from core.connecting import FOREIGN_ATTEMPT, SEND_THE_CODE, Connecting
from core.errors import ConnectFailed, ForeignConnectCode, NotConfigured
from core.inert import visible
from core.models import HistoryEntry, UserKey
from tests.fakes import FakeConnector, MemoryStore

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


def test_the_paste_cap_is_the_same_for_every_front() -> None:
    address = f"https://stash.example/spotify/callback?code={CODE}&state=abc&pad="
    at_cap = address + "x" * (MAX_PASTE - len(address))
    assert parse_pasted_callback(at_cap) == PastedCallback(CODE, "abc")
    assert parse_pasted_callback(at_cap + "x") is None  # a message, not a callback


async def test_a_pasted_address_links_its_owner() -> None:
    connector = FakeConnector()
    connecting = Connecting(connector, MemoryStore())
    url = await connecting.start(ALICE)
    state = url.rsplit("=", 1)[1]
    account = await connecting.finish_pasted(ALICE, PastedCallback("good-code", state))
    assert account.display_name == "Name of 1"


async def test_a_bare_code_is_refused_even_with_a_pending_link() -> None:
    connector = FakeConnector()
    connecting = Connecting(connector, MemoryStore())
    await connecting.start(ALICE)
    with pytest.raises(ConnectFailed, match="not the whole address"):
        await connecting.finish_pasted(ALICE, PastedCallback("good-code", None))
    assert ALICE not in connector.connected


async def test_someone_elses_state_is_refused() -> None:
    connector = FakeConnector()
    connecting = Connecting(connector, MemoryStore())
    state = (await connecting.start(BOB)).rsplit("=", 1)[1]
    with pytest.raises(ConnectFailed):
        await connecting.finish_pasted(ALICE, PastedCallback("good-code", state))
    assert ALICE not in connector.connected


async def test_a_refusal_on_spotify_says_so() -> None:
    connecting = Connecting(FakeConnector(), MemoryStore())
    with pytest.raises(ConnectFailed, match="wasn't granted"):
        await connecting.finish_pasted(ALICE, PastedCallback(None, "s", "access_denied"))


async def test_without_spotify_configured_connecting_says_so() -> None:
    connecting = Connecting(None, MemoryStore())
    assert not connecting.available
    with pytest.raises(NotConfigured, match="isn't set up"):
        await connecting.start(ALICE)


async def test_forget_deletes_only_that_persons_history() -> None:
    store = MemoryStore()
    await store.record_history(ALICE, HistoryEntry("u", "added", 1.0))
    await store.record_history(BOB, HistoryEntry("u", "added", 1.0))
    assert await Connecting(None, store).forget(ALICE) == 1
    assert await store.history(ALICE, 10) == []
    assert len(await store.history(BOB, 10)) == 1


@pytest.mark.parametrize(("text", "dash_optional", "expected"), [
    ("ABCDE-23456", False, "ABCDE23456"),
    ("  abcde-23456 ", False, "ABCDE23456"),
    ("ABCDE23456", False, None),  # a ten-letter word in a chat is not a code
    ("HELLOWORLD", False, None),
    ("ABCDE23456", True, "ABCDE23456"),
    ("ABCDE-2345", True, None),
    ("ABCDE-23456-X", False, None),
    ("history", True, None),
])
def test_link_codes_are_recognized(text: str, dash_optional: bool, expected: str | None) -> None:
    assert parse_connect_code(text, dash_optional=dash_optional) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("abcde-23456", "ABCDE23456"),  # a link code first: what both fronts confirm with
    (f"http://127.0.0.1:8080/spotify/callback?code={CODE}&state=abc",
     PastedCallback(CODE, "abc")),
    (CODE, PastedCallback(CODE, None)),
    ("ABCDE23456", None),  # a ten-letter word, in a chat
    ("https://youtu.be/dQw4w9WgXcQ", None),  # a share, not a paste
])
def test_what_a_message_finishes_connecting_with(text: str,
                                                 expected: str | PastedCallback | None) -> None:
    assert pasted(text) == expected


def test_link_codes_are_fresh_and_read_back() -> None:
    codes = {new_connect_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 10 and parse_connect_code(shown_code(code)) == code
        assert not set(code) & set("01OIL")


async def test_a_code_sent_by_someone_else_links_nothing_and_the_asker_is_told() -> None:
    connector, told = FakeConnector(), []

    async def tell(user: UserKey, text: str) -> None:
        told.append((user, text))

    connecting = Connecting(connector, MemoryStore())
    connecting.reach("telegram", tell, lambda code: ConfirmStep(f"Send {code}."))
    state = (await connecting.start(BOB)).rsplit("=", 1)[1]
    held, step = await connecting.hold(state, "good-code")
    assert held.user == BOB and step == ConfirmStep(
        f"Send {held.code}.", account=ChatAccount("telegram", "2"))  # no name lookup here
    with pytest.raises(ForeignConnectCode, match="someone else asked for"):
        await connecting.confirm(ALICE, held.code)
    assert connector.connected == {} and told == [(BOB, FOREIGN_ATTEMPT)]
    with pytest.raises(ConnectFailed):
        await connecting.confirm(BOB, held.code)


async def test_the_asker_s_own_code_links_them_once() -> None:
    connector = FakeConnector()
    connecting = Connecting(connector, MemoryStore())
    state = (await connecting.start(ALICE)).rsplit("=", 1)[1]
    held, step = await connecting.hold(state, "good-code")
    assert step.url is None and step.text == SEND_THE_CODE  # no front registered
    assert (await connecting.confirm(ALICE, held.code)).user == ALICE
    with pytest.raises(ConnectFailed):
        await connecting.confirm(ALICE, held.code)


@pytest.mark.parametrize(("handle", "name", "shown"), [
    ("mallory", "Alice (@alice)", ("mallory", "Alice (@alice)")),
    ("@mallory", "\u202eecilA\u202c", ("mallory", "ecilA")),
    ("mal\u200blory", "A\u200bl\u2066i\u2069ce\u200f\n\u2028x", ("mallory", "Alice x")),
    ("alice (@bob)", "\u200b\u200d", (None, None)),  # a handle no chat app allows: none shown
    (None, "", (None, None)),
])
def test_a_chat_account_shows_no_invisible_or_direction_characters(
        handle: str | None, name: str, shown: tuple[str | None, str | None]) -> None:
    account = ChatAccount("telegram", "6666", handle, name)
    assert (account.handle, account.display_name) == shown


@pytest.mark.parametrize(("shown", "hidden"), [
    ("Alice", "\u115f\u1160\u3164\uffa0"),  # Hangul fillers
    ("Alice", "\ufe00\ufe0f\U000e0100\U000e01ef\u180b\u180d\u180f"),  # variation selectors
    ("Alice", "\u034f\u17b4\u17b5\u2800\U00016fe4\u00ad\u2064\U000e0041"),  # blanks, tags
    ("Alice", "\U000f0000\ue000\U0010fffd"),  # private use
    ("Alice", "\U000e0fff\u0378\ufdd0"),  # unassigned, noncharacter
    ("Alice", "\u0336\u0338\u20d2\u20e5\u20dd\u20e0\u0489"),  # overlays, enclosing marks
])
def test_a_name_shows_no_filler_selector_private_unassigned_or_overlay_character(
        shown: str, hidden: str) -> None:
    assert visible("Al" + hidden + "ice") == shown
    assert visible(hidden) == ""


@pytest.mark.parametrize("kept", [
    "Zoë", "José", "日本語", "한글", "Ελένη", "👍🏽", "e\u0301", "ＡＢ"])
def test_a_name_keeps_letters_accents_and_emoji(kept: str) -> None:
    assert visible(kept) == kept
