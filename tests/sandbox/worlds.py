"""What the sandbox tests share: discord.py clients run against the Discord stand-in, and
Spotify clients and songs for the Spotify stand-in."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import discord
import spotipy

from sandbox.discord import FAKE_BOT_TOKEN, DiscordStandIn
from sandbox.spotify import SpotifyStandIn

SHORT = 5.0  # generous upper bound for waits; they return as soon as the condition holds


def make_client(*, message_content: bool = True, **kwargs: Any) -> discord.Client:
    """A discord.Client that does not wait 2 s for more guilds before on_ready."""
    intents = discord.Intents.default()
    intents.message_content = message_content
    return discord.Client(intents=intents, guild_ready_timeout=0.05, **kwargs)


@asynccontextmanager
async def running(client: discord.Client, token: str = FAKE_BOT_TOKEN) -> AsyncIterator[None]:
    """Log in, connect to the gateway and wait for on_ready; close cleanly afterwards."""
    async with client:
        task = asyncio.create_task(client.start(token))
        waiter = asyncio.create_task(client.wait_until_ready())
        try:
            done, _ = await asyncio.wait(
                {task, waiter}, timeout=SHORT, return_when=asyncio.FIRST_COMPLETED
            )
            if task in done:
                task.result()  # re-raises why the client stopped
            assert waiter in done, "the client never became ready"
            yield
        finally:
            waiter.cancel()
            await client.close()
            await asyncio.wait_for(task, SHORT)


def collect_messages(client: discord.Client) -> asyncio.Queue[discord.Message]:
    """Every on_message the client sees, in order."""
    queue: asyncio.Queue[discord.Message] = asyncio.Queue()

    @client.event
    async def on_message(message: discord.Message) -> None:
        queue.put_nowait(message)

    return queue


async def next_from(queue: asyncio.Queue[discord.Message], author_id: int) -> discord.Message:
    """The next message from one author (the bot also hears its own messages)."""
    while True:
        message = await asyncio.wait_for(queue.get(), SHORT)
        if message.author.id == author_id:
            return message


async def guild_on_other_shard(stand_in: DiscordStandIn) -> tuple[int, int]:
    """A second guild whose events go to the other of two shards; (guild, its channel)."""
    for _ in range(200):
        guild = await stand_in.add_guild("Other")
        if (guild >> 22) % 2 != (stand_in.guild_id >> 22) % 2:
            return guild, await stand_in.add_channel("other-general", guild)
        await asyncio.sleep(0.003)  # the next snowflake's time part moves on
    raise AssertionError("no guild on the other shard")


RUN_IT_UP = "spotify:track:6runItUp0000000012"
GOLDEN_MIRA = "spotify:track:6goldenMira000000007"


def client(stand_in: SpotifyStandIn, *, auth: str | None = None, manager: Any = None,
           forcelist: tuple[int, ...] = (599,)) -> spotipy.Spotify:
    """A client that never retries by itself: the product handles 429 and 5xx."""
    sp = spotipy.Spotify(auth=auth, auth_manager=manager, retries=0, status_retries=0,
                         status_forcelist=forcelist)
    sp.prefix = stand_in.api_base_url
    return sp


def user_client(stand_in: SpotifyStandIn, user_id: str = "stashdemo") -> spotipy.Spotify:
    return client(stand_in, auth=stand_in.issue_token(user_id)["access_token"])
