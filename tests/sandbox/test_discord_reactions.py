"""Reactions in the Discord stand-in, through discord.py: recorded in order, on their own limit."""

from __future__ import annotations

import asyncio

import discord
import pytest
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from sandbox.discord import DiscordStandIn
from tests.sandbox.worlds import make_client, running


async def test_the_bot_reacts_once_and_a_word_is_not_an_emoji(
        monkeypatch: pytest.MonkeyPatch) -> None:
    async with DiscordStandIn() as server:
        monkeypatch.setattr(Route, "BASE", server.base_url)
        monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(server.gateway_url))
        shared = await server.send_message(server.alice_id, "a reel")
        client = make_client()
        async with running(client):
            channel = client.get_channel(server.channel_id)
            assert isinstance(channel, discord.TextChannel)
            message = channel.get_partial_message(shared["id"])
            await message.add_reaction("👀")
            await message.add_reaction("👀")  # again: still one
            with pytest.raises(discord.HTTPException) as refused:
                await message.add_reaction("seen")
            fetched = await channel.fetch_message(shared["id"])
    assert refused.value.code == 10014
    assert [(str(r.emoji), r.count, r.me) for r in fetched.reactions] == [("👀", 1, True)]
    [seen] = server.transcript()[0]["reactions"]
    assert (seen["emoji"], seen["user_id"]) == ("👀", server.bot_id)


async def test_reactions_go_out_while_the_channels_messages_wait(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Messages: 2 a second in the channel here (Discord: 5 per 5 s); reactions: Discord's 4.
    sends = {"POST /channels/{channel_id}/messages": (2, 1.0)}
    async with DiscordStandIn(route_limits=sends) as server:
        monkeypatch.setattr(Route, "BASE", server.base_url)
        monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(server.gateway_url))
        shared = [await server.send_message(server.alice_id, f"reel {n}") for n in range(4)]
        client = make_client()
        async with running(client):
            channel = client.get_channel(server.channel_id)
            assert isinstance(channel, discord.TextChannel)
            await asyncio.gather(*(channel.send(f"status {n}") for n in range(3)),
                                 *(channel.get_partial_message(m["id"]).add_reaction("👀")
                                   for m in shared))
    transcript = server.transcript()
    reactions = sorted(r["order"] for m in transcript for r in m["reactions"])
    third_status = max(m["id"] for m in transcript if m["content"].startswith("status"))
    assert len(reactions) == 4 and reactions[-1] < third_status  # it waited for its window
    assert server.limits.limited == []  # discord.py read the buckets and waited, no 429
