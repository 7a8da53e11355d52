"""Hosted playlists with real spotipy against the Spotify stand-in, on both storage engines:
made on the first add, each song once, continued past the cap, removed on /forget."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import aiohttp
import pytest
from cryptography.fernet import Fernet

from adapters.crypto import TokenCipher
from adapters.spotify.accounts import SpotifyAccounts
from adapters.spotify.app import SpotifyApp
from adapters.spotify.groups import SpotifyGroupPlaylists
from adapters.spotify.host import HostAccount
from adapters.spotify.hosted import NAME, SpotifyHostedPlaylists
from adapters.spotify.hosted_copy import COPIED_ALREADY
from adapters.spotify.hosted_retry import PendingRetries
from adapters.spotify.playlists import SpotifyPlaylists
from adapters.storage import Engine, SqlAccountStore, SqlStore
from adapters.storage.hosted import SqlHostedStore
from core.errors import SpotifyAccessDenied, SpotifyNotConnected, StashError
from core.models import CatalogTrack, UserKey
from sandbox.catalogue import SPOTIFY_TRACKS
from sandbox.spotify import SpotifyStandIn
from sandbox.spotify.state import HOST_USER
from tests.adapters.worlds import GOLDEN, RUN_IT_UP, Sleeps
from tests.storage_engines import (  # noqa: F401 - fixtures
    database,
    database_url,
    postgres_database,
    postgres_url,
)

ALICE, BOB = UserKey("telegram", "1001"), UserKey("discord", "2002")
REDIRECT = "http://127.0.0.1:9/spotify/callback"
ADDS = "POST /v1/playlists/{playlist_id}/items"


@dataclass
class Host:
    spotify: SpotifyStandIn
    accounts: SpotifyAccounts
    hosted: SpotifyHostedPlaylists
    database: Engine

    def another_process(self) -> SpotifyHostedPlaylists:
        """The same storage and host, as a second front process has them."""
        accounts = SpotifyAccounts(self.accounts.app, store=SqlAccountStore(self.database),
                                   cipher=self.accounts.cipher)
        return SpotifyHostedPlaylists(accounts, SqlHostedStore(self.database), sleep=Sleeps())


@pytest.fixture
async def host(database: Engine) -> AsyncIterator[Host]:  # noqa: F811
    async with SpotifyStandIn(redirect_uris=[REDIRECT]) as spotify:
        app = SpotifyApp(spotify.client_id, spotify.client_secret, redirect_uri=REDIRECT,
                         api_base_url=spotify.api_base_url,
                         accounts_base_url=spotify.accounts_base_url)
        accounts = SpotifyAccounts(app, store=SqlAccountStore(database),
                                   cipher=TokenCipher([Fernet.generate_key().decode()]))
        yield Host(spotify, accounts,
                   SpotifyHostedPlaylists(accounts, SqlHostedStore(database), sleep=Sleeps()),
                   database)


async def connect_host(host: Host) -> None:
    host.spotify.login_as(HOST_USER)
    account = HostAccount(host.accounts)
    async with aiohttp.ClientSession() as browser, browser.get(
            await account.authorize_url(), allow_redirects=False) as page:
        await account.finish(page.headers["Location"])


async def test_without_a_host_nothing_is_added_and_nothing_is_targeted(host: Host) -> None:
    assert await host.hosted.target(ALICE) is None
    with pytest.raises(SpotifyNotConnected):
        await host.hosted.add(ALICE, RUN_IT_UP)


async def test_the_first_add_makes_a_public_playlist_each_song_goes_in_once(host: Host) -> None:
    await connect_host(host)
    assert await host.hosted.target(ALICE) == NAME
    first = await host.hosted.add(ALICE, RUN_IT_UP)
    [made] = host.spotify.playlists(HOST_USER)
    assert (made["name"], made["public"], made["items"]) == (NAME, True, [RUN_IT_UP.uri])
    assert first.hosted and first.new and not first.already_there
    assert first.playlist_url == f"https://open.spotify.com/playlist/{made['id']}"
    again = await host.hosted.add(ALICE, RUN_IT_UP)
    assert again.already_there and not again.new
    await host.hosted.add(ALICE, GOLDEN)
    assert host.spotify.playlist_items(made["id"]) == [RUN_IT_UP.uri, GOLDEN.uri]
    assert (await host.hosted.playlist(ALICE)) is not None
    assert await host.hosted.playlist(BOB) is None


async def test_two_processes_adding_for_one_person_at_once_make_one_playlist_one_add(
        host: Host) -> None:
    await connect_host(host)
    results = await asyncio.gather(host.hosted.add(ALICE, RUN_IT_UP),
                                   host.another_process().add(ALICE, RUN_IT_UP))
    [made] = host.spotify.playlists(HOST_USER)
    assert made["items"] == [RUN_IT_UP.uri]
    assert sorted(r.already_there for r in results) == [False, True]
    assert host.spotify.calls[ADDS] == 1


async def test_a_full_playlist_goes_on_in_a_second_one_said_once(host: Host) -> None:
    await connect_host(host)
    await host.hosted.add(ALICE, RUN_IT_UP)
    [first] = host.spotify.playlists(HOST_USER)
    host.spotify.fill(first["id"], 9_999)
    continued = await host.hosted.add(ALICE, GOLDEN)
    assert continued.new and continued.playlist_recreated  # said once: "the last was full"
    assert continued.playlist_name == f"{NAME} 2"
    later = await host.hosted.add(ALICE, RUN_IT_UP)
    assert not later.new and later.playlist_name == f"{NAME} 2"
    assert len(host.spotify.playlists(HOST_USER)) == 2


async def test_a_refused_creation_is_an_error_and_the_next_add_makes_it(host: Host) -> None:
    await connect_host(host)
    host.spotify.refuse_create(status=403, message="Premium required")
    with pytest.raises(StashError):
        await host.hosted.add(ALICE, RUN_IT_UP)
    assert host.spotify.playlists(HOST_USER) == [] and await host.hosted.playlist(ALICE) is None
    assert (await host.hosted.add(ALICE, RUN_IT_UP)).new


async def test_remove_empties_and_unfollows_every_part_and_forgets_them(host: Host) -> None:
    await connect_host(host)
    await host.hosted.add(ALICE, RUN_IT_UP)
    await host.hosted.add(BOB, RUN_IT_UP)
    alices = (await host.hosted.playlist(ALICE))
    assert alices is not None
    assert await host.hosted.remove(ALICE)
    assert host.spotify.playlist_items(alices.playlist_id) == []
    assert [p["id"] for p in host.spotify.playlists(HOST_USER)] != [alices.playlist_id]
    assert len(host.spotify.playlists(HOST_USER)) == 1  # Bob's stays
    assert await host.hosted.playlist(ALICE) is None and not await host.hosted.remove(ALICE)
    assert (await host.hosted.add(ALICE, RUN_IT_UP)).new  # a new one, from scratch


async def test_the_copy_into_ones_own_playlist_happens_once(host: Host) -> None:
    await connect_host(host)
    await host.hosted.add(ALICE, RUN_IT_UP)
    await host.hosted.add(ALICE, GOLDEN)
    assert await host.hosted.to_copy(ALICE) == 2
    host.spotify.login_as("alice")
    async with aiohttp.ClientSession() as browser, browser.get(
            await host.accounts.authorize_url(ALICE), allow_redirects=False) as page:
        query = dict(parse_qsl(urlsplit(page.headers["Location"]).query))
    held = await host.accounts.hold(query["state"], query["code"])
    await host.accounts.confirm(held.code, ALICE)
    copies = await asyncio.gather(host.hosted.copy_to_own(ALICE),
                                  host.another_process().copy_to_own(ALICE),
                                  return_exceptions=True)
    assert sorted(map(str, copies)) == ["(2, 0)", COPIED_ALREADY]
    [own] = host.spotify.playlists("alice")
    assert sorted(own["items"]) == sorted([RUN_IT_UP.uri, GOLDEN.uri])
    assert await host.hosted.to_copy(ALICE) == 0


async def test_a_hundred_people_sharing_one_reel_in_a_group_make_one_add(host: Host) -> None:
    await connect_host(host)
    groups = SpotifyGroupPlaylists(host.hosted)
    elsewhere = SpotifyGroupPlaylists(host.another_process())
    group = "telegram:-100555"
    assert not await groups.is_on(group)
    await groups.turn(group, True)
    results = await asyncio.gather(*((groups if n % 2 else elsewhere).add(group, RUN_IT_UP)
                                     for n in range(100)))
    [made] = host.spotify.playlists(HOST_USER)
    assert (made["name"], made["items"]) == ("Group songs from Stash", [RUN_IT_UP.uri])
    assert host.spotify.calls[ADDS] == 1
    assert sum(not r.already_there for r in results) == 1
    kept = await groups.playlist(group)
    assert kept is not None and kept.playlist_id == made["id"]
    await groups.turn(group, False)
    assert not await groups.is_on(group) and await groups.playlist(group) is not None
    assert not await host.hosted.remove(ALICE)  # a person's /forget leaves the group's songs
    assert host.spotify.playlist_items(made["id"]) == [RUN_IT_UP.uri]


async def test_songs_arriving_together_for_one_playlist_go_in_one_request(host: Host) -> None:
    await connect_host(host)
    groups = SpotifyGroupPlaylists(host.hosted)
    await groups.add("discord:1", RUN_IT_UP)  # the playlist exists; the first add made it
    before = host.spotify.calls[ADDS]
    songs = [CatalogTrack(track.uri, track.name, ()) for track in SPOTIFY_TRACKS
             if track.uri != RUN_IT_UP.uri][:10]
    results = await asyncio.gather(*(groups.add("discord:1", song) for song in songs))
    assert host.spotify.calls[ADDS] == before + 1
    assert not any(r.already_there for r in results)
    [made] = host.spotify.playlists(HOST_USER)
    assert made["items"][0] == RUN_IT_UP.uri
    assert sorted(made["items"][1:]) == sorted(song.uri for song in songs)


async def test_spotifys_retry_after_is_waited_out(host: Host) -> None:
    await connect_host(host)
    sleeps = Sleeps()
    host.hosted.sleep = sleeps
    host.spotify.rate_limit(1, retry_after=3, path="playlists/*/items")
    added = await host.hosted.add(ALICE, RUN_IT_UP)
    assert sleeps.waits == [3.0] and not added.already_there
    [made] = host.spotify.playlists(HOST_USER)
    assert made["items"] == [RUN_IT_UP.uri]


async def test_a_revoked_host_keeps_songs_waiting_and_adds_them_once_when_relinked(
        host: Host) -> None:
    await connect_host(host)
    await host.hosted.add(ALICE, RUN_IT_UP)
    counts: list[int] = []
    retries = PendingRetries(host.hosted, on_count=counts.append)
    host.spotify.revoke_refresh_tokens(HOST_USER)
    host.spotify.expire_access_tokens(HOST_USER)
    with pytest.raises(StashError):
        await host.hosted.add(ALICE, GOLDEN)
    with pytest.raises(StashError):  # the group's song waits too
        await SpotifyGroupPlaylists(host.hosted).add("telegram:-1", GOLDEN)
    assert await host.hosted.target(ALICE) == NAME  # the host stays, refused, until relinked
    assert await retries.tick() == 0 and counts == [2]

    await connect_host(host)
    assert await retries.tick() == 2 and counts == [2, 0]
    assert await retries.tick() == 0
    mine = await host.hosted.playlist(ALICE)
    assert mine is not None
    assert host.spotify.playlist_items(mine.playlist_id) == [RUN_IT_UP.uri, GOLDEN.uri]
    assert sum(p["items"] == [GOLDEN.uri] for p in host.spotify.playlists(HOST_USER)) == 1


async def test_a_forgotten_persons_waiting_songs_go_with_them(host: Host) -> None:
    await connect_host(host)
    host.spotify.refuse_create(status=403, message="Premium required")
    with pytest.raises(StashError):
        await host.hosted.add(ALICE, RUN_IT_UP)
    assert await host.hosted.pending.count() == 1
    await SqlStore(host.database).forget(ALICE)
    assert await host.hosted.pending.count() == 0


async def test_a_hosted_playlist_deleted_on_spotify_is_made_anew_and_its_link_given(
        host: Host) -> None:
    await connect_host(host)
    await host.hosted.add(ALICE, RUN_IT_UP)
    [gone] = host.spotify.playlists(HOST_USER)
    host.spotify.delete_playlist(gone["id"])
    again = await host.hosted.add(ALICE, GOLDEN)
    [made] = host.spotify.playlists(HOST_USER)
    assert again.new and not again.playlist_recreated and made["id"] != gone["id"]
    assert (again.playlist_name, made["items"]) == (NAME, [GOLDEN.uri])
    assert again.playlist_url == f"https://open.spotify.com/playlist/{made['id']}"


async def test_six_people_against_a_five_person_app_list_all_get_their_songs(
        host: Host) -> None:
    listed = [f"listed{n}" for n in range(4)]
    for name in [*listed, "sixth"]:
        host.spotify.add_user(name, name.title())
    host.spotify.app_users(*listed, HOST_USER)  # the host is one of the five
    await connect_host(host)
    people = [UserKey("telegram", str(4000 + n)) for n in range(6)]
    own = SpotifyPlaylists(host.accounts, sleep=Sleeps())

    async def link(person: UserKey, spotify_user: str) -> None:
        host.spotify.login_as(spotify_user)
        async with aiohttp.ClientSession() as browser, browser.get(
                await host.accounts.authorize_url(person), allow_redirects=False) as page:
            query = dict(parse_qsl(urlsplit(page.headers["Location"]).query))
        held = await host.accounts.hold(query["state"], query["code"])
        await host.accounts.confirm(held.code, person)

    for person, name in zip(people, listed, strict=False):
        await link(person, name)
        await own.add(person, RUN_IT_UP)
    with pytest.raises(SpotifyAccessDenied):  # the sixth account is not on the app's list
        await link(people[4], "sixth")
    for person in people[4:]:  # refused, and one who never tried: kept by the host
        assert (await host.hosted.add(person, RUN_IT_UP)).hosted
    for name in listed:
        assert [p["items"] for p in host.spotify.playlists(name)] == [[RUN_IT_UP.uri]]
    assert [p["items"] for p in host.spotify.playlists(HOST_USER)] == [[RUN_IT_UP.uri]] * 2
