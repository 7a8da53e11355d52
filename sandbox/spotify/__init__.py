"""The Spotify stand-in: Web API (api.spotify.com/v1) and accounts service on one local server."""

from sandbox.spotify.standin import SpotifyStandIn

__all__ = ["SpotifyStandIn"]
