"""Connecting Spotify accounts with real spotipy against the Spotify stand-in."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest

from adapters.spotify.accounts import SpotifyAccounts
from adapters.spotify.playlists import SpotifyPlaylists
from adapters.storage import SqlStore
from core.accounts import ConnectedAccount
from core.errors import (
    ConnectFailed,
    ForeignConnectCode,
    NetworkTrouble,
    SpotifyAccessDenied,
    SpotifyNotConnected,
    StashError,
)
from core.models import CatalogTrack, UserKey
from tests.adapters.worlds import ALICE, BOB, REDIRECT, Rig, consent, link


def raw_rows(rig: Rig) -> bytes:
    """Every byte of every account row, as someone reading the database file would see them."""
    with sqlite3.connect(rig.db_path) as connection:
        rows = connection.execute("SELECT * FROM spotify_accounts").fetchall()
    return b"".join(repr(row).encode() + (row[3] if isinstance(row[3], bytes) else b"")
                    for row in rows)


async def test_the_whole_pkce_flow_links_the_person_who_logged_in(rig: Rig) -> None:
    rig.spotify.login_as("alice")
    url = await rig.accounts.authorize_url(ALICE)
    params = parse_qs(urlsplit(url).query)
    assert url.startswith(rig.spotify.accounts_base_url + "/authorize?")
    assert params["code_challenge_method"] == ["S256"] and params["redirect_uri"] == [REDIRECT]
    assert set(params["scope"][0].split()) == {
        "playlist-modify-private", "playlist-modify-public", "playlist-read-private"}
    query = await consent(url)
    assert query["state"] == params["state"][0] and query["code"]

    linked = await rig.accounts.finish(query["state"], query["code"], ALICE)
    assert linked == ConnectedAccount(ALICE, "alice", "Alice")
    token = await rig.token_of(ALICE)
    assert token["access_token"] in rig.spotify.store.access_tokens and token["refresh_token"]
    raw = raw_rows(rig)
    assert token["access_token"].encode() not in raw and token["refresh_token"].encode() not in raw


def raw_held(rig: Rig) -> str:
    """The held_links table as someone reading the database file would see it."""
    with sqlite3.connect(rig.db_path) as connection:
        return repr(connection.execute("SELECT * FROM held_links").fetchall())


async def test_the_consent_screen_is_always_shown(rig: Rig) -> None:
    params = parse_qs(urlsplit(await rig.accounts.authorize_url(ALICE)).query)
    assert params["show_dialog"] == ["true"]


async def test_a_browser_callback_links_nothing_until_its_code_comes_from_the_asker(
        rig: Rig) -> None:
    rig.spotify.login_as("alice")
    query = await consent(await rig.accounts.authorize_url(ALICE))
    held = await rig.accounts.hold(query["state"], query["code"])
    assert held.user == ALICE and held.display_name == "Alice" and len(held.code) == 10
    assert await rig.store.account(ALICE) is None
    assert held.code not in raw_held(rig)  # only its hash: the file alone finishes nothing
    assert await rig.accounts.confirm(held.code, ALICE) == ConnectedAccount(ALICE, "alice", "Alice")
    assert (await rig.token_of(ALICE))["access_token"] in rig.spotify.store.access_tokens
    with pytest.raises(ConnectFailed):
        await rig.accounts.confirm(held.code, ALICE)  # once


async def test_a_connect_code_from_another_account_links_nobody_and_names_the_asker(
        rig: Rig) -> None:
    attacker, victim = UserKey("telegram", "666"), UserKey("telegram", "7")
    rig.spotify.login_as("alice")  # the victim opened the attacker's authorization link
    query = await consent(await rig.accounts.authorize_url(attacker))
    held = await rig.accounts.hold(query["state"], query["code"])
    with pytest.raises(ForeignConnectCode) as refused:
        await rig.accounts.confirm(held.code, victim)
    assert refused.value.starter == attacker
    assert await rig.store.account(victim) is None and await rig.store.account(attacker) is None
    with pytest.raises(ConnectFailed, match="sent from another chat account"):  # used up
        await rig.accounts.confirm(held.code, attacker)
    assert await rig.store.account(attacker) is None
    # What stays until the code expires holds no token and no Spotify account.
    with sqlite3.connect(rig.db_path) as connection:
        assert connection.execute("SELECT spotify_user_id, display_name, token_ciphertext,"
                                  " used_elsewhere FROM held_links").fetchall() == [
            ("", "", b"", 1)]


async def test_a_connect_code_expires_after_ten_minutes(rig: Rig) -> None:
    query = await consent(await rig.accounts.authorize_url(ALICE))
    held = await rig.accounts.hold(query["state"], query["code"])
    rig.clock.now += 601
    with pytest.raises(ConnectFailed):
        await rig.accounts.confirm(held.code, ALICE)
    assert await rig.store.account(ALICE) is None


async def test_a_callback_pasted_back_in_the_chat_finishes_with_its_state(rig: Rig) -> None:
    rig.spotify.login_as("bob")
    query = await consent(await rig.accounts.authorize_url(BOB))
    assert await rig.accounts.finish(query["state"], query["code"], BOB) == ConnectedAccount(
        BOB, "bob", "Bob")


async def test_a_state_works_once(rig: Rig) -> None:
    query = await consent(await rig.accounts.authorize_url(ALICE))
    await rig.accounts.finish(query["state"], query["code"], ALICE)
    with pytest.raises(ConnectFailed):
        await rig.accounts.finish(query["state"], query["code"], ALICE)


async def test_a_state_expires_after_ten_minutes(rig: Rig) -> None:
    query = await consent(await rig.accounts.authorize_url(ALICE))
    rig.clock.now += 601
    with pytest.raises(ConnectFailed):
        await rig.accounts.finish(query["state"], query["code"], ALICE)


async def test_someone_elses_state_is_refused_and_stays_usable_by_its_owner(rig: Rig) -> None:
    rig.spotify.login_as("alice")
    query = await consent(await rig.accounts.authorize_url(ALICE))
    with pytest.raises(ConnectFailed):
        await rig.accounts.finish(query["state"], query["code"], BOB)
    assert await rig.store.account(BOB) is None
    assert await rig.accounts.finish(query["state"], query["code"], ALICE) == ConnectedAccount(
        ALICE, "alice", "Alice")


async def test_a_refused_code_fails_the_link(rig: Rig) -> None:
    url = await rig.accounts.authorize_url(ALICE)
    state = parse_qs(urlsplit(url).query)["state"][0]
    with pytest.raises(ConnectFailed):
        await rig.accounts.finish(state, "not-a-code-spotify-gave", ALICE)
    assert await rig.store.account(ALICE) is None


async def test_an_account_not_on_the_apps_list_is_told_to_ask_the_owner(rig: Rig) -> None:
    with pytest.raises(SpotifyAccessDenied) as refused:
        await link(rig, ALICE, "outsider")
    assert "owner" in refused.value.user_message and "add your Spotify account" in (
        refused.value.user_message)
    assert await rig.store.account(ALICE) is None


async def test_a_token_close_to_expiry_is_refreshed_and_saved_reencrypted(rig: Rig) -> None:
    rig.spotify.token_lifetime = 30  # inside spotipy's 60 s margin: refreshed before use
    await link(rig, ALICE, "alice")
    before = await rig.store.account(ALICE)
    old = await rig.token_of(ALICE)
    rig.spotify.token_lifetime = 3600
    exchanges = rig.spotify.calls["POST /api/token"]
    assert await rig.accounts.playlists(ALICE) == []
    new = await rig.token_of(ALICE)
    after = await rig.store.account(ALICE)
    assert new["access_token"] != old["access_token"]
    assert new["refresh_token"] != old["refresh_token"]  # PKCE refresh tokens rotate
    assert before is not None and after is not None and after.token_blob != before.token_blob
    assert rig.spotify.calls["POST /api/token"] == exchanges + 1


async def test_a_token_spotify_expired_early_is_refreshed_once_and_the_call_goes_on(
        rig: Rig) -> None:
    await link(rig, ALICE, "alice")
    old = await rig.token_of(ALICE)
    rig.spotify.create_playlist("alice", "Road trip")
    rig.spotify.expire_access_tokens("alice")
    assert [p.name for p in await rig.accounts.playlists(ALICE)] == ["Road trip"]
    assert (await rig.token_of(ALICE))["access_token"] != old["access_token"]


async def test_a_revoked_refresh_token_unlinks_and_asks_to_link_again(rig: Rig) -> None:
    await link(rig, ALICE, "alice")
    rig.spotify.revoke_refresh_tokens("alice")
    rig.spotify.expire_access_tokens("alice")
    with pytest.raises(SpotifyAccessDenied) as refused:
        await rig.accounts.playlists(ALICE)
    assert "/link" in refused.value.user_message
    assert await rig.store.account(ALICE) is None
    with pytest.raises(SpotifyNotConnected):
        await rig.accounts.playlists(ALICE)


async def test_a_token_without_the_needed_scopes_asks_to_link_again_never_for_input(
        rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_terminal(prompt: str = "") -> str:
        raise AssertionError("spotipy asked for input()")

    monkeypatch.setattr("builtins.input", no_terminal)
    narrow = rig.spotify.issue_token("alice", "playlist-read-private", pkce=True)
    narrow["expires_at"] = int(time.time()) + 3600
    await rig.store.save_account(ALICE, "alice", "Alice", rig.cipher.encrypt(ALICE, narrow))
    with pytest.raises(SpotifyAccessDenied) as refused:
        await rig.accounts.playlists(ALICE)
    assert "/link" in refused.value.user_message and await rig.store.account(ALICE) is None


async def test_spotify_out_of_reach_is_network_trouble(rig: Rig) -> None:
    await link(rig, ALICE, "alice")
    unreachable = SpotifyAccounts(replace(rig.accounts.app, client_secret=None,
                                          api_base_url="http://127.0.0.1:9/v1/"),
                                  store=rig.store, cipher=rig.cipher)
    with pytest.raises(NetworkTrouble):
        await unreachable.playlists(ALICE)
    assert await rig.store.account(ALICE) is not None


async def test_listing_choosing_and_creating_playlists(rig: Rig) -> None:
    await link(rig, ALICE, "alice")
    road = rig.spotify.create_playlist("alice", "Road trip")
    rig.spotify.create_playlist("alice", "Gym", public=True)
    bobs = rig.spotify.create_playlist("bob", "Bob's")
    listed = await rig.accounts.playlists(ALICE)
    assert [(p.name, p.url) for p in listed] == [
        ("Gym", f"https://open.spotify.com/playlist/{listed[0].playlist_id}"),
        ("Road trip", f"https://open.spotify.com/playlist/{road}")]

    chosen = await rig.accounts.use_playlist(ALICE, road)
    assert chosen.name == "Road trip"
    account = await rig.store.account(ALICE)
    assert account is not None and (account.playlist_id, account.playlist_name) == (
        road, "Road trip")
    with pytest.raises(StashError) as not_hers:
        await rig.accounts.use_playlist(ALICE, bobs)
    assert "you own" in not_hers.value.user_message

    made = await rig.accounts.new_playlist(ALICE, "Found in reels")
    assert rig.spotify.playlists("alice")[0] == {
        "id": made.playlist_id, "name": "Found in reels", "public": False,
        "description": rig.spotify.playlists("alice")[0]["description"],
        "snapshot_id": rig.spotify.playlists("alice")[0]["snapshot_id"], "items": []}
    account = await rig.store.account(ALICE)
    assert account is not None and account.playlist_id == made.playlist_id


async def test_unlink_forgets_the_tokens(rig: Rig) -> None:
    await link(rig, ALICE, "alice")
    assert await rig.accounts.disconnect(ALICE) is True
    assert await rig.accounts.disconnect(ALICE) is False
    assert raw_rows(rig) == b""
    with pytest.raises(SpotifyNotConnected):
        await rig.accounts.new_playlist(ALICE, "Stash")


async def test_no_token_means_not_linked_before_any_request(rig: Rig) -> None:
    with pytest.raises(SpotifyNotConnected):
        await rig.accounts.playlists(BOB)
    assert not [call for call in rig.spotify.calls if "/v1/" in call or "/api/" in call]


async def test_relinking_another_spotify_account_drops_the_old_playlist(rig: Rig) -> None:
    await link(rig, ALICE, "alice")
    await rig.accounts.new_playlist(ALICE, "Stash")
    await link(rig, ALICE, "alice")
    kept = await rig.store.account(ALICE)
    assert kept is not None and kept.playlist_name == "Stash"
    await link(rig, ALICE, "bob")
    switched = await rig.store.account(ALICE)
    assert switched is not None and switched.spotify_user_id == "bob"
    assert switched.playlist_id is None


async def test_no_token_reaches_the_logs_or_reprs(rig: Rig,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    rig.spotify.token_lifetime = 30
    rig.spotify.login_as("alice")
    query = await consent(await rig.accounts.authorize_url(ALICE))
    await rig.accounts.finish(query["state"], query["code"], ALICE)
    first = await rig.token_of(ALICE)
    await rig.accounts.new_playlist(ALICE, "Stash")  # refreshes: the token lives 30 s
    track = CatalogTrack("spotify:track:6runItUp0000000012", "Run It Up", ("Kiro",))
    assert (await SpotifyPlaylists(rig.accounts).add(ALICE, track)).playlist_name == "Stash"
    second = await rig.token_of(ALICE)
    secrets = {first["access_token"], first["refresh_token"], second["access_token"],
               second["refresh_token"], query["code"], *rig.spotify.store.access_tokens}
    assert "Sending POST" in caplog.text and "Bearer <redacted>" in caplog.text
    leaked = [s for s in secrets if s in caplog.text or s in repr(rig.accounts)]
    assert leaked == []


async def test_a_configured_client_secret_is_sent_with_the_code(rig: Rig) -> None:
    wrong = SpotifyAccounts(replace(rig.accounts.app, client_secret="not-the-secret"),
                            store=rig.store, cipher=rig.cipher, clock=rig.clock)
    rig.spotify.login_as("alice")
    query = await consent(await wrong.authorize_url(ALICE))
    with pytest.raises(StashError) as refused:
        await wrong.finish(query["state"], query["code"], ALICE)
    assert "not-the-secret" not in str(refused.value)
    assert await rig.store.account(ALICE) is None
    assert (await link(rig, ALICE, "alice")).display_name  # the right secret links


async def test_forget_drops_a_held_account_too(rig: Rig) -> None:
    query = await consent(await rig.accounts.authorize_url(ALICE))
    held = await rig.accounts.hold(query["state"], query["code"])
    assert raw_held(rig) != "[]"
    await SqlStore(rig.store.database).forget(ALICE)
    assert raw_held(rig) == "[]"
    with pytest.raises(ConnectFailed):
        await rig.accounts.confirm(held.code, ALICE)
