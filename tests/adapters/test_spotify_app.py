"""The app's shared sessions outlive each person's auth manager and client: spotipy closes a
client's session when it is freed, which dropped every keep-alive connection of the pool."""

from __future__ import annotations

import gc

import requests

from adapters.spotify.app import SpotifyApp
from adapters.spotify.tokens import TokenCache

HOST = "https://accounts.example.invalid/"


def app() -> SpotifyApp:
    return SpotifyApp("client-id", "client-secret", api_base_url=HOST,
                      accounts_base_url=HOST, redirect_uri="http://127.0.0.1:9/cb")


def pools(session: requests.Session) -> int:
    """Connection pools the session holds (requests' close() clears them all)."""
    return len(session.get_adapter(HOST).poolmanager.pools)


def test_freeing_a_persons_manager_and_client_keeps_the_shared_pools() -> None:
    spotify = app()
    for session in (spotify.http, spotify.token_http):
        session.get_adapter(HOST).poolmanager.connection_from_url(HOST)
    manager = spotify.auth_manager(TokenCache())
    client = spotify.client(manager)
    del manager, client
    gc.collect()
    assert (pools(spotify.http), pools(spotify.token_http)) == (1, 1)


def test_closing_the_app_closes_both_shared_sessions() -> None:
    spotify = app()
    for session in (spotify.http, spotify.token_http):
        session.get_adapter(HOST).poolmanager.connection_from_url(HOST)
    spotify.close()
    assert (pools(spotify.http), pools(spotify.token_http)) == (0, 0)
