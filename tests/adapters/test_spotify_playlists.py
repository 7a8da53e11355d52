"""Adding tracks to people's playlists with real spotipy against the Spotify stand-in."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from adapters.spotify.playlists import SpotifyPlaylists
from core.errors import NetworkTrouble, RateLimited, SpotifyAccessDenied, SpotifyNotConnected
from core.models import PlaylistAdd
from sandbox.spotify import SpotifyStandIn
from tests.adapters.worlds import ALICE, BOB, GOLDEN, RUN_IT_UP, Rig, Sleeps, link
from tests.fakes import until

ADDS = "POST /v1/playlists/{playlist_id}/items"


@pytest.fixture
async def linked(rig: Rig) -> AsyncIterator[Rig]:
    await link(rig, ALICE, "alice")
    yield rig


def adder(rig: Rig, sleeps: Sleeps | None = None, max_wait: float = 10.0) -> SpotifyPlaylists:
    return SpotifyPlaylists(rig.accounts, sleep=sleeps or Sleeps(), max_wait=max_wait)


def only_playlist(spotify: SpotifyStandIn, user: str = "alice") -> dict[str, Any]:
    [playlist] = spotify.playlists(user)
    return playlist


async def test_the_first_add_creates_a_private_stash_playlist(linked: Rig) -> None:
    added = await adder(linked).add(ALICE, RUN_IT_UP)
    playlist = only_playlist(linked.spotify)
    assert (playlist["name"], playlist["public"], playlist["items"]) == (
        "Stash", False, [RUN_IT_UP.uri])
    assert added == PlaylistAdd("Stash", f"https://open.spotify.com/playlist/{playlist['id']}")


async def test_the_playlist_name_is_configurable(linked: Rig) -> None:
    linked.accounts.playlist_name = "From reels"
    assert (await adder(linked).add(ALICE, GOLDEN)).playlist_name == "From reels"
    assert only_playlist(linked.spotify)["name"] == "From reels"


async def test_adding_twice_adds_once(linked: Rig) -> None:
    playlists = adder(linked)
    await playlists.add(ALICE, RUN_IT_UP)
    again = await playlists.add(ALICE, RUN_IT_UP)
    assert again.already_there is True and again.playlist_name == "Stash"
    assert only_playlist(linked.spotify)["items"] == [RUN_IT_UP.uri]
    assert linked.spotify.calls[ADDS] == 1


async def test_a_song_added_by_hand_is_not_added_again(linked: Rig) -> None:
    mine = linked.spotify.create_playlist("alice", "Mine", uris=[GOLDEN.uri, RUN_IT_UP.uri])
    await linked.accounts.use_playlist(ALICE, mine)
    added = await adder(linked).add(ALICE, RUN_IT_UP)
    assert added.already_there is True and added.playlist_name == "Mine"
    assert linked.spotify.playlist_items(mine) == [GOLDEN.uri, RUN_IT_UP.uri]
    assert linked.spotify.calls[ADDS] == 0


async def test_items_are_read_page_by_page(linked: Rig) -> None:
    many = [GOLDEN.uri] * 60 + [RUN_IT_UP.uri]  # the track sits on the second page
    mine = linked.spotify.create_playlist("alice", "Long", uris=many)
    await linked.accounts.use_playlist(ALICE, mine)
    assert (await adder(linked).add(ALICE, RUN_IT_UP)).already_there is True
    assert linked.spotify.calls["GET /v1/playlists/{playlist_id}/items"] == 2


async def test_a_502_after_spotify_committed_does_not_add_twice(linked: Rig) -> None:
    sleeps = Sleeps()
    playlists = adder(linked, sleeps)
    await playlists.add(ALICE, GOLDEN)
    linked.spotify.fail_after_commit()
    added = await playlists.add(ALICE, RUN_IT_UP)
    assert added.already_there is False
    assert only_playlist(linked.spotify)["items"] == [GOLDEN.uri, RUN_IT_UP.uri]
    assert linked.spotify.calls[ADDS] == 2 and sleeps.waits == [0.5]


async def test_a_5xx_before_the_add_is_retried(linked: Rig) -> None:
    linked.spotify.fail(1, status=503, path="playlists/*/items")
    added = await adder(linked).add(ALICE, RUN_IT_UP)
    assert added.already_there is False
    assert only_playlist(linked.spotify)["items"] == [RUN_IT_UP.uri]


async def test_spotify_failing_on_and_on_is_network_trouble_after_a_few_tries(
        linked: Rig) -> None:
    sleeps = Sleeps()
    linked.spotify.fail(10, status=503, path="playlists/*/items")
    with pytest.raises(NetworkTrouble):
        await adder(linked, sleeps).add(ALICE, RUN_IT_UP)
    assert sleeps.waits == [0.5, 1.0, 1.5]  # four tries in all, the waits growing


async def test_a_429_is_waited_out_then_the_song_is_added(linked: Rig) -> None:
    sleeps = Sleeps()
    linked.spotify.rate_limit(1, retry_after=3, path="playlists")
    added = await adder(linked, sleeps).add(ALICE, RUN_IT_UP)
    assert sleeps.waits == [3.0] and added.already_there is False
    assert only_playlist(linked.spotify)["items"] == [RUN_IT_UP.uri]


async def test_a_long_retry_after_fails_at_once_without_sleeping(linked: Rig) -> None:
    sleeps = Sleeps()
    linked.spotify.rate_limit(1, retry_after=120, path="playlists")
    with pytest.raises(RateLimited) as limited:
        await adder(linked, sleeps, max_wait=10).add(ALICE, RUN_IT_UP)
    assert limited.value.retry_after == 120 and sleeps.waits == []


async def test_a_deleted_playlist_is_made_again_and_the_result_says_so(linked: Rig) -> None:
    playlists = adder(linked)
    await playlists.add(ALICE, GOLDEN)
    gone = only_playlist(linked.spotify)["id"]
    linked.spotify.delete_playlist(str(gone))
    added = await playlists.add(ALICE, RUN_IT_UP)
    fresh = only_playlist(linked.spotify)
    assert added.playlist_recreated is True and fresh["id"] != gone
    assert (fresh["name"], fresh["items"]) == ("Stash", [RUN_IT_UP.uri])
    assert added.playlist_url == f"https://open.spotify.com/playlist/{fresh['id']}"


async def test_a_song_added_before_goes_into_the_remade_playlist(linked: Rig) -> None:
    playlists = adder(linked)
    await playlists.add(ALICE, GOLDEN)
    linked.spotify.delete_playlist(str(only_playlist(linked.spotify)["id"]))
    added = await playlists.add(ALICE, GOLDEN)
    assert (added.already_there, added.playlist_recreated) == (False, True)
    assert only_playlist(linked.spotify)["items"] == [GOLDEN.uri]


async def test_two_adds_at_once_make_one_playlist(linked: Rig) -> None:
    playlists = adder(linked)
    results = await asyncio.gather(playlists.add(ALICE, RUN_IT_UP), playlists.add(ALICE, GOLDEN))
    assert [r.already_there for r in results] == [False, False]
    assert sorted(only_playlist(linked.spotify)["items"]) == sorted([RUN_IT_UP.uri, GOLDEN.uri])


async def test_one_persons_wait_does_not_hold_up_another(linked: Rig) -> None:
    await link(linked, BOB, "bob")
    release = asyncio.Event()
    waiting = asyncio.Event()

    async def held_sleep(seconds: float) -> None:
        waiting.set()
        await release.wait()

    playlists = SpotifyPlaylists(linked.accounts, sleep=held_sleep)
    linked.spotify.rate_limit(1, retry_after=2, path="me/playlists")
    alices = asyncio.create_task(playlists.add(ALICE, RUN_IT_UP))
    # Wait for Alice's sleep, or her failure: the test must fail, not hang, if she never sleeps.
    await asyncio.wait({alices, asyncio.create_task(waiting.wait())},
                       return_when=asyncio.FIRST_COMPLETED)
    assert waiting.is_set() and not alices.done()
    assert (await playlists.add(BOB, GOLDEN)).playlist_name == "Stash"
    assert not alices.done()
    release.set()
    assert (await alices).already_there is False
    assert only_playlist(linked.spotify, "bob")["items"] == [GOLDEN.uri]


async def test_not_linked(linked: Rig) -> None:
    with pytest.raises(SpotifyNotConnected):
        await adder(linked).add(BOB, RUN_IT_UP)


async def test_an_account_removed_from_the_apps_list_is_told_why(linked: Rig) -> None:
    outsider = linked.spotify.issue_token("outsider", pkce=True)
    outsider["expires_at"] = int(time.time()) + 3600
    await linked.store.save_account(BOB, "outsider", "Olive Outsider",
                                    linked.cipher.encrypt(BOB, outsider))
    with pytest.raises(SpotifyAccessDenied) as refused:
        await adder(linked).add(BOB, RUN_IT_UP)
    assert "owner" in refused.value.user_message
    assert await linked.store.account(BOB) is not None  # the owner may still add them


async def test_a_revoked_account_is_unlinked_during_an_add(linked: Rig) -> None:
    linked.spotify.revoke_refresh_tokens("alice")
    linked.spotify.expire_access_tokens("alice")
    with pytest.raises(SpotifyAccessDenied) as refused:
        await adder(linked).add(ALICE, RUN_IT_UP)
    assert "/link" in refused.value.user_message
    with pytest.raises(SpotifyNotConnected):
        await adder(linked).add(ALICE, RUN_IT_UP)


async def test_connecting_again_reuses_the_old_playlist(linked: Rig) -> None:
    playlists = adder(linked)
    await playlists.add(ALICE, RUN_IT_UP)
    assert await linked.accounts.disconnect(ALICE)
    await link(linked, ALICE, "alice")
    await playlists.add(ALICE, GOLDEN)
    assert only_playlist(linked.spotify, "alice")["items"] == [RUN_IT_UP.uri, GOLDEN.uri]


async def test_an_add_claimed_elsewhere_waits_and_takes_over_when_given_up(linked: Rig) -> None:
    playlist = linked.spotify.create_playlist("alice", "Stash")
    await linked.accounts.use_playlist(ALICE, playlist)
    # Another process holds the claim on this add (see test_storage_processes for real ones).
    assert await linked.store.claim_add(ALICE, playlist, RUN_IT_UP.uri, 60.0)
    claim, refused = linked.store.claim_add, []

    async def counted(*args: Any) -> bool:
        claimed = await claim(*args)
        refused.extend([] if claimed else [args])
        return claimed

    linked.store.claim_add = counted  # type: ignore[method-assign]
    adding = asyncio.create_task(adder(linked).add(ALICE, RUN_IT_UP))
    await until(lambda: len(refused) >= 2)  # it asked, waited, and asked again
    assert not adding.done() and linked.spotify.calls[ADDS] == 0  # it waits, adds nothing
    await linked.store.release_add(ALICE, playlist, RUN_IT_UP.uri)  # that add failed
    added = await asyncio.wait_for(adding, 10)  # far sooner than the 60 s lease
    assert added.already_there is False and linked.spotify.calls[ADDS] == 1
    assert linked.spotify.playlist_items(playlist) == [RUN_IT_UP.uri]
