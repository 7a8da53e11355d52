"""The Spotify stand-in, driven by the real spotipy (in threads: it is synchronous)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
import spotipy
from spotipy.cache_handler import CacheHandler
from spotipy.oauth2 import SpotifyClientCredentials, SpotifyOAuth, SpotifyOauthError, SpotifyPKCE

from sandbox.__main__ import load
from sandbox.spotify import SpotifyStandIn
from tests.sandbox.worlds import GOLDEN_MIRA, RUN_IT_UP, client, user_client

REDIRECT = "http://127.0.0.1:8765/spotify/callback"
SCOPE = "playlist-modify-private playlist-read-private"


class MemoryCache(CacheHandler):
    """One user's token, kept in memory as a bot would keep it in its database."""

    def __init__(self) -> None:
        self.token_info: dict[str, Any] | None = None

    def get_cached_token(self) -> dict[str, Any] | None:
        return self.token_info

    def save_token_to_cache(self, token_info: dict[str, Any]) -> None:
        self.token_info = token_info


@pytest.fixture
async def spotify() -> AsyncIterator[SpotifyStandIn]:
    async with SpotifyStandIn() as stand_in:
        yield stand_in


def pointed(manager_class: type, stand_in: SpotifyStandIn) -> type:
    """An auth manager class whose accounts host is the stand-in (LIBRARIES.md)."""
    return type("Local" + manager_class.__name__, (manager_class,), {
        "OAUTH_AUTHORIZE_URL": stand_in.accounts_base_url + "/authorize",
        "OAUTH_TOKEN_URL": stand_in.accounts_base_url + "/api/token",
    })


def pkce(stand_in: SpotifyStandIn, cache: CacheHandler | None = None) -> SpotifyPKCE:
    return pointed(SpotifyPKCE, stand_in)(
        client_id=stand_in.client_id, redirect_uri=REDIRECT, scope=SCOPE,
        cache_handler=cache or MemoryCache(), open_browser=False)


async def follow_authorize(url: str) -> tuple[int, str]:
    """Open the authorize URL as a browser would, stopping at the redirect."""
    async with aiohttp.ClientSession() as session, session.get(url, allow_redirects=False) as r:
        return r.status, r.headers.get("Location", await r.text())


async def code_for(stand_in: SpotifyStandIn, auth: SpotifyPKCE | SpotifyOAuth) -> str:
    status, location = await follow_authorize(auth.get_authorize_url(state="st4te"))
    assert status == 302
    return str(auth.parse_response_code(location))


# --- accounts ----------------------------------------------------------------------------------


async def test_pkce_authorization_links_the_user_who_logged_in(spotify: SpotifyStandIn) -> None:
    spotify.login_as("alice")
    spotify.token_lifetime = 120
    cache = MemoryCache()
    auth = pkce(spotify, cache)
    url = auth.get_authorize_url(state="st4te")
    assert url.startswith(spotify.accounts_base_url + "/authorize?")

    status, location = await follow_authorize(url)
    assert status == 302 and location.startswith(REDIRECT + "?")
    query = parse_qs(urlsplit(location).query)
    assert query["state"] == ["st4te"] and query["code"]

    await asyncio.to_thread(auth.get_access_token, query["code"][0], check_cache=False)
    assert cache.token_info is not None and cache.token_info["refresh_token"]
    assert cache.token_info["expires_in"] == 120 and cache.token_info["scope"] == SCOPE
    me = await asyncio.to_thread(client(spotify, manager=auth).current_user)
    assert me["id"] == "alice" and me["display_name"] == "Alice"


async def test_a_code_works_once_and_only_with_its_verifier_and_redirect(
        spotify: SpotifyStandIn) -> None:
    auth = pkce(spotify)
    code = await code_for(spotify, auth)
    verifier = auth.code_verifier
    auth.code_verifier = "not-the-verifier"
    with pytest.raises(SpotifyOauthError) as wrong:
        await asyncio.to_thread(auth.get_access_token, code, check_cache=False)
    assert (wrong.value.error, wrong.value.error_description) == (
        "invalid_grant", "code_verifier was incorrect")

    auth.code_verifier, auth.redirect_uri = verifier, "http://127.0.0.1:8765/elsewhere"
    with pytest.raises(SpotifyOauthError) as moved:
        await asyncio.to_thread(auth.get_access_token, code, check_cache=False)
    assert moved.value.error_description == "Invalid redirect URI"

    auth.redirect_uri = REDIRECT
    await asyncio.to_thread(auth.get_access_token, code, check_cache=False)
    with pytest.raises(SpotifyOauthError) as again:
        await asyncio.to_thread(auth.get_access_token, code, check_cache=False)
    assert again.value.error_description == "Invalid authorization code"


async def test_an_expired_code_is_refused(spotify: SpotifyStandIn) -> None:
    spotify.store.code_lifetime = 0
    auth = pkce(spotify)
    code = await code_for(spotify, auth)
    with pytest.raises(SpotifyOauthError) as expired:
        await asyncio.to_thread(auth.get_access_token, code, check_cache=False)
    assert expired.value.error == "invalid_grant"


async def test_a_user_who_refuses_comes_back_with_access_denied(spotify: SpotifyStandIn) -> None:
    spotify.login_as("bob", consent=False)
    status, location = await follow_authorize(pkce(spotify).get_authorize_url(state="st4te"))
    assert status == 302
    assert parse_qs(urlsplit(location).query) == {"error": ["access_denied"], "state": ["st4te"]}
    with pytest.raises(SpotifyOauthError) as refused:
        SpotifyPKCE.parse_auth_response_url(location)
    assert refused.value.error == "access_denied"


@pytest.mark.parametrize(("redirect", "page"), [
    ("http://localhost:8765/callback", "INVALID_CLIENT: Insecure redirect URI"),
    ("http://bot.example/callback", "INVALID_CLIENT: Insecure redirect URI"),
])
async def test_authorize_refuses_insecure_redirects(spotify: SpotifyStandIn, redirect: str,
                                                    page: str) -> None:
    auth = pkce(spotify)
    auth.redirect_uri = redirect
    status, body = await follow_authorize(auth.get_authorize_url())
    assert status == 400 and page in body


async def test_authorize_accepts_only_registered_redirects_and_the_app_client_id() -> None:
    async with SpotifyStandIn(redirect_uris=[REDIRECT]) as stand_in:
        auth = pkce(stand_in)
        assert (await follow_authorize(auth.get_authorize_url()))[0] == 302
        auth.redirect_uri = "https://bot.example/spotify/callback"
        status, body = await follow_authorize(auth.get_authorize_url())
        assert status == 400 and "INVALID_CLIENT: Invalid redirect URI" in body
        auth.redirect_uri, auth.client_id = REDIRECT, "someone-elses-app"
        status, body = await follow_authorize(auth.get_authorize_url())
        assert status == 400 and "INVALID_CLIENT: Invalid client" in body


async def test_confidential_code_flow_refreshes_without_a_new_refresh_token(
        spotify: SpotifyStandIn) -> None:
    cache = MemoryCache()
    auth = pointed(SpotifyOAuth, spotify)(
        client_id=spotify.client_id, client_secret=spotify.client_secret, redirect_uri=REDIRECT,
        scope=SCOPE, cache_handler=cache, open_browser=False)
    code = await code_for(spotify, auth)
    await asyncio.to_thread(auth.get_access_token, code, as_dict=False, check_cache=False)
    assert cache.token_info is not None
    first = dict(cache.token_info)

    refreshed = await asyncio.to_thread(auth.refresh_access_token, first["refresh_token"])
    assert refreshed["access_token"] != first["access_token"]
    assert refreshed["refresh_token"] == first["refresh_token"]  # spotipy keeps the old one
    await asyncio.to_thread(auth.refresh_access_token, first["refresh_token"])  # still valid


async def test_pkce_refresh_rotates_the_refresh_token(spotify: SpotifyStandIn) -> None:
    cache = MemoryCache()
    auth = pkce(spotify, cache)
    await asyncio.to_thread(auth.get_access_token, await code_for(spotify, auth),
                            check_cache=False)
    assert cache.token_info is not None
    old = cache.token_info["refresh_token"]
    fresh = await asyncio.to_thread(auth.refresh_access_token, old)
    assert fresh["refresh_token"] != old
    with pytest.raises(SpotifyOauthError) as reused:
        await asyncio.to_thread(auth.refresh_access_token, old)
    assert reused.value.error_description == "Invalid refresh token"


async def test_expired_token_is_refreshed_by_spotipy_through_the_cache(
        spotify: SpotifyStandIn) -> None:
    cache = MemoryCache()
    auth = pkce(spotify, cache)
    await asyncio.to_thread(auth.get_access_token, await code_for(spotify, auth),
                            check_cache=False)
    assert cache.token_info is not None
    cache.token_info["expires_at"] = 0
    me = await asyncio.to_thread(client(spotify, manager=auth).current_user)
    assert me["id"] == "stashdemo"
    assert spotify.calls["POST /api/token"] == 2


async def test_revoked_refresh_token(spotify: SpotifyStandIn) -> None:
    spotify.login_as("alice")
    cache = MemoryCache()
    auth = pkce(spotify, cache)
    await asyncio.to_thread(auth.get_access_token, await code_for(spotify, auth),
                            check_cache=False)
    assert cache.token_info is not None
    assert spotify.revoke_refresh_tokens("alice") == 1
    with pytest.raises(SpotifyOauthError) as revoked:
        await asyncio.to_thread(auth.refresh_access_token, cache.token_info["refresh_token"])
    assert (revoked.value.error, revoked.value.error_description) == (
        "invalid_grant", "Refresh token revoked")


async def test_client_credentials_search_and_bad_secret(spotify: SpotifyStandIn) -> None:
    app = pointed(SpotifyClientCredentials, spotify)
    good = app(client_id=spotify.client_id, client_secret=spotify.client_secret,
               cache_handler=MemoryCache())
    found = await asyncio.to_thread(client(spotify, manager=good).search, "isrc:QZSB12400007")
    assert [t["uri"] for t in found["tracks"]["items"]] == [RUN_IT_UP]

    bad = app(client_id=spotify.client_id, client_secret="wrong", cache_handler=MemoryCache())
    with pytest.raises(SpotifyOauthError) as refused:
        await asyncio.to_thread(bad.get_access_token, as_dict=False)
    assert (refused.value.error, refused.value.error_description) == (
        "invalid_client", "Invalid client secret")


async def test_expired_and_invalid_access_tokens_get_401(spotify: SpotifyStandIn) -> None:
    token = spotify.issue_token()["access_token"]
    spotify.expire_access_tokens(token=token)
    with pytest.raises(spotipy.SpotifyException) as expired:
        await asyncio.to_thread(client(spotify, auth=token).current_user)
    assert expired.value.http_status == 401 and "The access token expired" in expired.value.msg

    with pytest.raises(spotipy.SpotifyException) as invalid:
        await asyncio.to_thread(client(spotify, auth="BQ-made-up").current_user)
    assert invalid.value.http_status == 401 and "Invalid access token" in invalid.value.msg


async def test_unregistered_user_logs_in_but_every_call_is_403(spotify: SpotifyStandIn) -> None:
    spotify.login_as("outsider")
    auth = pkce(spotify)
    await asyncio.to_thread(auth.get_access_token, await code_for(spotify, auth),
                            check_cache=False)
    sp = client(spotify, manager=auth)
    for call in (sp.current_user, lambda: sp.search("Golden Hour")):
        with pytest.raises(spotipy.SpotifyException) as refused:
            await asyncio.to_thread(call)
        assert refused.value.http_status == 403
        assert "not registered for this application" in refused.value.msg


# --- search ------------------------------------------------------------------------------------


async def search_uris(stand_in: SpotifyStandIn, q: str, **kwargs: Any) -> list[str]:
    sp = client(stand_in, auth=stand_in.issue_token(None)["access_token"])
    result = await asyncio.to_thread(sp.search, q, **kwargs)
    return [item["uri"] for item in result["tracks"]["items"]]


@pytest.mark.parametrize(("q", "expected"), [
    ('track:"Midnight Drive" artist:"Luna Vale"', [
        "spotify:track:6mdrv0riginal00000001", "spotify:track:6mdrvSpedUp000000004",
        "spotify:track:6mdrvRemix0000000002", "spotify:track:6mdrvLive00000000003"]),
    ("track:Midnight artist:Kaito", ["spotify:track:6mdrvRemix0000000002"]),
    ('track:"golden hour"', ["spotify:track:6goldenOther00000008", GOLDEN_MIRA]),
    ("golden hour mira sol", [GOLDEN_MIRA]),
    ('track:"Golden Hour" artist:"Ocean Pike"', ["spotify:track:6goldenOther00000008"]),
    ("isrc:QZSB12400103", ["spotify:track:6mdrvSpedUp000000004"]),
    ('album:"Night Roads"', ["spotify:track:6mdrv0riginal00000001"]),
    ("track:midnight year:2022", ["spotify:track:6mdrvLive00000000003"]),
    ('track:"slow tide" year:2025-2026', ["spotify:track:6slowTideSlowed0014"]),
    ("ЗВЕЗДЫ", ["spotify:track:6zvezdy000000000011"]),
    ("don’t look back arlo", ["spotify:track:6dontLookBack0000009"]),
    ("kiro dex rivers", [RUN_IT_UP]),
    ('track:"Basement Tape 7"', []),
])
async def test_search_filters_and_ranking(spotify: SpotifyStandIn, q: str,
                                          expected: list[str]) -> None:
    assert await search_uris(spotify, q, limit=10, market="GB") == expected


async def test_search_limit_above_ten_is_refused(spotify: SpotifyStandIn) -> None:
    with pytest.raises(spotipy.SpotifyException) as refused:
        await search_uris(spotify, "Midnight Drive", limit=11)
    assert refused.value.http_status == 400 and "Invalid limit" in refused.value.msg


async def test_search_pages_with_next(spotify: SpotifyStandIn) -> None:
    sp = client(spotify, auth=spotify.issue_token(None)["access_token"])
    first = (await asyncio.to_thread(sp.search, "midnight drive", limit=2))["tracks"]
    assert (first["total"], first["offset"], first["previous"]) == (5, 0, None)
    assert first["next"].startswith(spotify.api_base_url + "search?")
    second = (await asyncio.to_thread(sp.next, first))["tracks"]
    assert second["offset"] == 2 and len(second["items"]) == 2
    assert {t["uri"] for t in first["items"]}.isdisjoint(t["uri"] for t in second["items"])


async def test_track_object_has_the_real_shape(spotify: SpotifyStandIn) -> None:
    sp = client(spotify, auth=spotify.issue_token(None)["access_token"])
    track = (await asyncio.to_thread(sp.search, "isrc:QZSB12400007"))["tracks"]["items"][0]
    assert track["type"] == "track" and track["id"] == "6runItUp0000000012"
    assert track["external_urls"]["spotify"] == "https://open.spotify.com/track/6runItUp0000000012"
    assert [a["name"] for a in track["artists"]] == ["Kiro", "Dex Rivers"]
    assert track["artists"][0]["uri"].startswith("spotify:artist:")
    assert track["album"]["name"] == "Up" and track["album"]["release_date"].startswith("2024")
    assert (track["duration_ms"], track["explicit"], track["is_local"]) == (158_000, True, False)
    assert track["external_ids"] == {"isrc": "QZSB12400007"} and track["popularity"] == 61
    cover = track["album"]["images"][0]["url"]
    async with aiohttp.ClientSession() as session, session.get(cover) as response:
        assert response.status == 200 and (await response.read()).startswith(b"\x89PNG")


# --- playlists ---------------------------------------------------------------------------------


async def test_create_a_playlist_add_and_read_items(spotify: SpotifyStandIn) -> None:
    sp = user_client(spotify)
    created = await asyncio.to_thread(sp.current_user_playlist_create, "Stash", public=False,
                                      description="Songs from reels")
    assert created["owner"]["id"] == "stashdemo" and created["items"]["total"] == 0
    added = await asyncio.to_thread(sp.playlist_add_items, created["id"], [RUN_IT_UP])
    assert added["snapshot_id"] != created["snapshot_id"]
    await asyncio.to_thread(sp.playlist_add_items, created["id"], [GOLDEN_MIRA], position=0)

    page = await asyncio.to_thread(sp.playlist_items, created["id"])
    assert [entry["item"]["uri"] for entry in page["items"]] == [GOLDEN_MIRA, RUN_IT_UP]
    mine = await asyncio.to_thread(sp.current_user_playlists)
    assert [p["name"] for p in mine["items"]] == ["Stash"]
    assert spotify.playlists("stashdemo")[0]["items"] == [GOLDEN_MIRA, RUN_IT_UP]
    assert spotify.calls["POST /v1/playlists/{playlist_id}/items"] == 2


async def test_items_can_come_as_a_uris_query_or_a_uris_object(spotify: SpotifyStandIn) -> None:
    sp = user_client(spotify)
    playlist_id = spotify.create_playlist("stashdemo", "Stash")
    await asyncio.to_thread(sp._post, f"playlists/{playlist_id}/items", uris=RUN_IT_UP)
    await asyncio.to_thread(sp._post, f"playlists/{playlist_id}/items",
                            payload={"uris": [GOLDEN_MIRA], "position": 0})
    assert spotify.playlist_items(playlist_id) == [GOLDEN_MIRA, RUN_IT_UP]
    with pytest.raises(spotipy.SpotifyException) as unknown:
        await asyncio.to_thread(sp.playlist_add_items, playlist_id, ["spotify:track:0nothing0"])
    assert unknown.value.http_status == 400


async def test_creating_a_playlist_needs_a_modify_scope(spotify: SpotifyStandIn) -> None:
    sp = client(spotify, auth=spotify.issue_token("alice", "playlist-read-private")["access_token"])
    with pytest.raises(spotipy.SpotifyException) as refused:
        await asyncio.to_thread(sp.current_user_playlist_create, "Stash", public=False)
    assert refused.value.http_status == 403 and "Insufficient client scope" in refused.value.msg


async def test_someone_elses_playlist_cannot_be_read_or_changed(spotify: SpotifyStandIn) -> None:
    bobs = spotify.create_playlist("bob", "Bob's", uris=[RUN_IT_UP])
    sp = user_client(spotify, "alice")
    with pytest.raises(spotipy.SpotifyException) as add:
        await asyncio.to_thread(sp.playlist_add_items, bobs, [GOLDEN_MIRA])
    assert add.value.http_status == 403
    with pytest.raises(spotipy.SpotifyException) as read:
        await asyncio.to_thread(sp.playlist_items, bobs)
    assert read.value.http_status == 403
    assert spotify.playlist_items(bobs) == [RUN_IT_UP]


async def test_endpoints_removed_from_development_mode_answer_403(spotify: SpotifyStandIn) -> None:
    sp = user_client(spotify)
    playlist_id = spotify.create_playlist("stashdemo", "Stash")
    with pytest.raises(spotipy.SpotifyException) as tracks:
        await asyncio.to_thread(sp._post, f"playlists/{playlist_id}/tracks", payload=[RUN_IT_UP])
    assert tracks.value.http_status == 403
    with pytest.warns(DeprecationWarning), pytest.raises(spotipy.SpotifyException) as create:
        await asyncio.to_thread(sp.user_playlist_create, "stashdemo", "Old way")
    assert create.value.http_status == 403
    assert spotify.playlist_items(playlist_id) == []


async def test_a_deleted_playlist_answers_404(spotify: SpotifyStandIn) -> None:
    sp = user_client(spotify)
    playlist_id = spotify.create_playlist("stashdemo", "Stash", uris=[RUN_IT_UP])
    await asyncio.to_thread(sp.current_user_unfollow_playlist, playlist_id)
    for call in (lambda: sp.playlist_add_items(playlist_id, [GOLDEN_MIRA]),
                 lambda: sp.playlist_items(playlist_id), lambda: sp.playlist(playlist_id)):
        with pytest.raises(spotipy.SpotifyException) as gone:
            await asyncio.to_thread(call)
        assert gone.value.http_status == 404 and "Resource not found" in gone.value.msg
    assert (await asyncio.to_thread(sp.current_user_playlists))["items"] == []


async def test_a_deleted_playlist_can_stay_reachable_by_id(spotify: SpotifyStandIn) -> None:
    spotify.deleted_playlists_gone = False
    sp = user_client(spotify)
    playlist_id = spotify.create_playlist("stashdemo", "Stash")
    spotify.delete_playlist(playlist_id)
    await asyncio.to_thread(sp.playlist_add_items, playlist_id, [GOLDEN_MIRA])
    assert spotify.playlists("stashdemo") == [] and spotify.playlist_items(playlist_id) == [
        GOLDEN_MIRA]


# --- faults ------------------------------------------------------------------------------------


async def test_rate_limit_surfaces_429_with_retry_after(spotify: SpotifyStandIn) -> None:
    spotify.rate_limit(1, retry_after=7, path="search")
    sp = user_client(spotify)
    await asyncio.to_thread(sp.current_user)  # another path is not limited
    with pytest.raises(spotipy.SpotifyException) as limited:
        await asyncio.to_thread(sp.search, "Golden Hour")
    assert limited.value.http_status == 429 and limited.value.headers["Retry-After"] == "7"
    assert (await asyncio.to_thread(sp.search, "Golden Hour"))["tracks"]["total"] == 2


async def test_502_after_the_add_was_committed(spotify: SpotifyStandIn) -> None:
    sp = user_client(spotify)
    playlist_id = spotify.create_playlist("stashdemo", "Stash")
    spotify.fail_after_commit()
    with pytest.raises(spotipy.SpotifyException) as lost:
        await asyncio.to_thread(sp.playlist_add_items, playlist_id, [RUN_IT_UP])
    assert lost.value.http_status == 502
    page = await asyncio.to_thread(sp.playlist_items, playlist_id)
    assert [entry["item"]["uri"] for entry in page["items"]] == [RUN_IT_UP]


async def test_5xx_in_spotipys_status_list_turns_into_a_fake_429(spotify: SpotifyStandIn) -> None:
    """Why clients must not list 5xx either with retries=0: spotipy reports 429 "Max Retries"."""
    spotify.fail(2, status=503)
    token = spotify.issue_token()["access_token"]
    with pytest.raises(spotipy.SpotifyException) as plain:
        await asyncio.to_thread(client(spotify, auth=token).current_user)
    assert plain.value.http_status == 503
    listed = client(spotify, auth=token, forcelist=(500, 502, 503, 504))
    with pytest.raises(spotipy.SpotifyException) as disguised:
        await asyncio.to_thread(listed.current_user)
    assert disguised.value.http_status == 429 and "Max Retries" in disguised.value.msg
    assert (await asyncio.to_thread(listed.current_user))["id"] == "stashdemo"


def test_registered_for_python_m_sandbox() -> None:
    assert load("spotify") is SpotifyStandIn
