"""`stash demo`: every outside service played by the sandbox, the bot in this terminal."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import TextIO

import aiohttp
from cryptography.fernet import Fernet

from adapters.console.front import ConsoleFront, stdin_lines
from adapters.media import YtdlpFetcher
from adapters.spotify.accounts import SpotifyAccounts
from bot.bootstrap import build_front
from bot.demo_host import connect_host, newcomer_scene
from bot.parts import build_fetcher
from bot.settings import Settings, load_settings
from core.connect_codes import parse_pasted_callback
from core.connecting import Connecting
from core.models import UserKey
from core.texts.languages import pick
from sandbox.media import MediaHost
from sandbox.media.platforms import SAMPLES, guard_hosts, offline_resolver, platforms_extractor
from sandbox.shazam import ShazamStandIn
from sandbox.spotify import SpotifyStandIn
from sandbox.spotify.standin import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET

DEMO_USER = UserKey("console", "demo")

PLAIN_FILE_SONG = "40000003"  # offered as a plain media file on a MEDIA_EXTRA_HOSTS host


@asynccontextmanager
async def sandbox(folder: Path
                  ) -> AsyncIterator[tuple[MediaHost, Settings, SpotifyStandIn]]:
    """Start the stand-ins; settings that point the real adapters at them."""
    async with AsyncExitStack() as stack:
        media = await stack.enter_async_context(MediaHost())
        shazam = await stack.enter_async_context(ShazamStandIn())
        spotify = await stack.enter_async_context(SpotifyStandIn())
        await shazam.ready()
        settings = load_settings(
            _env_file=None,
            database_url=f"sqlite:///{folder / 'demo.db'}",
            spotify_client_id=SANDBOX_CLIENT_ID,
            spotify_client_secret=SANDBOX_CLIENT_SECRET,
            spotify_api_base_url=spotify.api_base_url,
            spotify_accounts_base_url=spotify.accounts_base_url,
            token_encryption_keys=Fernet.generate_key().decode(),
            shazam_api_base_url=shazam.origin,
            shazam_requests_per_minute=120,
            media_extra_hosts=f"127.0.0.1:{media.port}",
        )
        yield media, settings, spotify


async def connect_demo_account(connecting: Connecting) -> str:
    """Link the demo person to the stand-in's demo Spotify account, as a browser would."""
    url = await connecting.start(DEMO_USER)
    async with aiohttp.ClientSession() as session, \
            session.get(url, allow_redirects=False) as response:
        location = response.headers["Location"]
    pasted = parse_pasted_callback(location)
    if pasted is None:
        raise RuntimeError("the Spotify stand-in did not redirect back with a code")
    return (await connecting.finish_pasted(DEMO_USER, pasted)).display_name


def build_demo_fetcher(media: MediaHost, settings: Settings) -> YtdlpFetcher:
    """The real fetcher, with the platforms' links mapped to the media host and no name lookups."""
    clips = {sample.media_id: media.url(sample.key, "mp4", **sample.clip) for sample in SAMPLES}
    return build_fetcher(settings, guard_hosts=guard_hosts(), resolver=offline_resolver,
                         extractors=[platforms_extractor(clips)])


def welcome(media: MediaHost, account: str, newcomer: str) -> str:
    """What the demo says first: what this is, a newcomer's share, and links to paste."""
    lines = ["Stash demo: every outside service is a local stand-in, and the operator linked "
             "a host account that keeps playlists for people who never link Spotify.",
             newcomer,
             f"You are linked to Spotify as {account}; your songs go to your Stash playlist.",
             "Paste one of these links (or several at once). They look like what the apps' share "
             "buttons give; here they lead to the demo's media host, nothing goes online:"]
    lines += [f"  {sample.label}:\n    {sample.shared}" for sample in SAMPLES]
    reel, short = SAMPLES[0].media_id, SAMPLES[1].media_id
    lines += [f"Other shapes of the same videos work too (youtu.be/{short}, "
              f"instagram.com/reels/{reel}), and so does a plain media file on a host "
              "listed in MEDIA_EXTRA_HOSTS:",
              f"    {media.url(PLAIN_FILE_SONG, 'm4a', seconds=30)}",
              "Then try /history, /playlist or /help. /quit leaves."]
    return "\n".join(lines)


async def run_demo(stdin: TextIO, stdout: TextIO, language: str | None = None) -> int:
    """Run the demo until /quit or the end of input, the bot speaking `language` (English when
    None or one Stash does not speak); nothing is left running."""
    with tempfile.TemporaryDirectory(prefix="stash-demo-") as folder:
        stdout.write("Starting the stand-ins…\n")
        stdout.flush()
        async with sandbox(Path(folder)) as (media, settings, spotify), \
                build_front(settings, fetcher=build_demo_fetcher(media, settings)) as app:
            assert isinstance(app.connector, SpotifyAccounts)  # noqa: S101 - the demo sets it up
            await connect_host(spotify, app.connector)
            newcomer = await newcomer_scene(
                app.stash, media.url(PLAIN_FILE_SONG, "m4a", seconds=30))
            account = await connect_demo_account(app.connecting)
            front = ConsoleFront(app.stash, app.connecting, user=DEMO_USER, out=stdout,
                                 in_place=stdout.isatty(),
                                 welcome=welcome(media, account, newcomer),
                                 language=pick(language))
            await front.run(stdin_lines(stdin))
    return 0
