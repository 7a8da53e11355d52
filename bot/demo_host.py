"""The demo's host account and its newcomer: someone who never links Spotify shares a reel and
gets the song in a playlist Stash's host account keeps for them."""

from __future__ import annotations

import aiohttp

from adapters.spotify.accounts import SpotifyAccounts
from adapters.spotify.host import HostAccount
from core import texts
from core.models import UserKey
from core.ports import Stage
from core.service import Stash
from sandbox.spotify import SpotifyStandIn
from sandbox.spotify.state import DEMO_USER, HOST_USER

NEWCOMER = UserKey("console", "newcomer")


class _Quiet:
    """The newcomer's stages are not shown: only their answer."""

    async def stage(self, stage: Stage, detail: str = "") -> None:
        """StatusReporter.stage."""


async def connect_host(spotify: SpotifyStandIn, accounts: SpotifyAccounts) -> str:
    """`stash host link` as the operator does it, as the stand-in's host account."""
    host = HostAccount(accounts)
    spotify.login_as(HOST_USER)
    try:
        async with aiohttp.ClientSession() as session, \
                session.get(await host.authorize_url(), allow_redirects=False) as response:
            location = response.headers["Location"]
        return (await host.finish(location)).display_name
    finally:
        spotify.login_as(DEMO_USER)


async def newcomer_scene(stash: Stash, shared: str) -> str:
    """What a newcomer who never linked sees when they share `shared`."""
    [link] = stash.links_in(shared)
    outcome = await stash.share(NEWCOMER, link, _Quiet())
    answer = "\n".join("    " + line for line in texts.outcome_text(outcome).splitlines())
    return ("First, a newcomer who never linked Spotify shares a song. They get:\n"
            f"{answer}")
