"""The Spotify stand-in as a host account meets it, through the real spotipy: the five-person
app list, public and private links, following, the 10,000-item cap, refused creations."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import spotipy

from sandbox.spotify import SpotifyStandIn
from sandbox.spotify.state import HOST_USER
from tests.sandbox.worlds import GOLDEN_MIRA, RUN_IT_UP, user_client


@pytest.fixture
async def spotify() -> AsyncIterator[SpotifyStandIn]:
    async with SpotifyStandIn() as stand_in:
        yield stand_in


async def test_only_the_five_people_on_the_app_list_get_in(spotify: SpotifyStandIn) -> None:
    for n in range(6):
        spotify.add_user(f"person{n}", f"Person {n}")
    spotify.app_users(*(f"person{n}" for n in range(5)))
    with pytest.raises(ValueError, match="at most 5"):
        spotify.app_users(*(f"person{n}" for n in range(6)))
    me = await asyncio.to_thread(user_client(spotify, "person4").current_user)
    assert me["id"] == "person4"
    with pytest.raises(spotipy.SpotifyException) as refused:
        await asyncio.to_thread(user_client(spotify, "person5").current_user)
    assert refused.value.http_status == 403 and "not registered" in refused.value.msg


async def test_a_public_playlist_opens_for_anyone_with_its_link_a_private_one_does_not(
        spotify: SpotifyStandIn) -> None:
    host = user_client(spotify, HOST_USER)
    public = await asyncio.to_thread(host.current_user_playlist_create, "Songs", public=True)
    private = await asyncio.to_thread(host.current_user_playlist_create, "Mine", public=False)
    assert spotify.follow("alice", public["id"])
    assert not spotify.follow("alice", private["id"])
    alice = user_client(spotify, "alice")
    await asyncio.to_thread(alice.current_user_follow_playlist, public["id"])  # PUT me/library
    with pytest.raises(spotipy.SpotifyException) as hidden:
        await asyncio.to_thread(alice.current_user_follow_playlist, private["id"])
    assert hidden.value.http_status == 404
    assert spotify.followers(public["id"]) == {"alice"}


async def test_the_owner_empties_and_unfollows_a_playlist_to_delete_it(
        spotify: SpotifyStandIn) -> None:
    host = user_client(spotify, HOST_USER)
    made = await asyncio.to_thread(host.current_user_playlist_create, "Songs", public=True)
    await asyncio.to_thread(host.playlist_add_items, made["id"], [RUN_IT_UP])
    await asyncio.to_thread(host.playlist_replace_items, made["id"], [])
    assert spotify.playlist_items(made["id"]) == []
    await asyncio.to_thread(host.current_user_unfollow_playlist, made["id"])
    assert spotify.playlists(HOST_USER) == []


async def test_a_playlist_holds_ten_thousand_items(spotify: SpotifyStandIn) -> None:
    host = user_client(spotify, HOST_USER)
    made = await asyncio.to_thread(host.current_user_playlist_create, "Songs", public=True)
    spotify.fill(made["id"], 9_999)
    with pytest.raises(spotipy.SpotifyException) as full:
        await asyncio.to_thread(host.playlist_add_items, made["id"], [RUN_IT_UP, GOLDEN_MIRA])
    assert full.value.http_status == 400 and "limit" in full.value.msg
    await asyncio.to_thread(host.playlist_add_items, made["id"], [RUN_IT_UP])
    assert len(spotify.playlist_items(made["id"])) == 10_000


async def test_creating_a_playlist_can_be_refused(spotify: SpotifyStandIn) -> None:
    spotify.refuse_create(status=403, message="Premium required")
    host = user_client(spotify, HOST_USER)
    with pytest.raises(spotipy.SpotifyException) as refused:
        await asyncio.to_thread(host.current_user_playlist_create, "Songs")
    assert refused.value.http_status == 403
    await asyncio.to_thread(host.current_user_playlist_create, "Songs")  # the next one works
