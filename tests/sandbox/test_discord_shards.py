"""The Discord stand-in shards as Discord does: IDENTIFY's shard field decides which session
carries a guild's events ((guild_id >> 22) % shard_count), and direct messages go to shard 0."""

from __future__ import annotations

import discord

from sandbox.discord import DiscordStandIn
from tests.fakes import until
from tests.sandbox.worlds import SHORT, guild_on_other_shard, make_client, running


def heard_from(client: discord.Client, author_id: int) -> list[str]:
    """What `author_id` says, as `client` hears it (filled in as it arrives)."""
    heard: list[str] = []

    @client.event
    async def on_message(message: discord.Message) -> None:
        if message.author.id == author_id:
            heard.append(message.content)

    return heard


async def test_each_shard_hears_its_own_guilds_and_shard_zero_the_direct_messages(
        stand_in: DiscordStandIn) -> None:
    other, other_channel = await guild_on_other_shard(stand_in)
    home = (stand_in.guild_id >> 22) % 2
    await stand_in.add_member("alice", other, stand_in.alice_id)
    clients = [make_client(shard_id=n, shard_count=2) for n in (0, 1)]
    heard = [heard_from(client, stand_in.alice_id) for client in clients]
    async with running(clients[0]), running(clients[1]):
        for shard, client in enumerate(clients):
            assert {g.id for g in client.guilds} == {
                g for g in stand_in.world.guilds if (g >> 22) % 2 == shard}
        assert stand_in.guild_id in {g.id for g in clients[home].guilds}
        assert other in {g.id for g in clients[1 - home].guilds}
        assert sorted(i["shard"] for i in stand_in.identifies) == [[0, 2], [1, 2]]

        await stand_in.send_message(stand_in.alice_id, "at home")
        await stand_in.send_message(stand_in.alice_id, "elsewhere", other_channel)
        await stand_in.send_dm(stand_in.alice_id, "privately")
        # Then a last message to each shard: a session carries its events in order, so
        # whatever went to the wrong shard arrived there before that shard's last message.
        await stand_in.send_message(stand_in.alice_id, "last")
        await stand_in.send_message(stand_in.alice_id, "last", other_channel)
        expected: list[list[str]] = [[], []]
        expected[home] += ["at home"]
        expected[1 - home] += ["elsewhere"]
        expected[0] += ["privately"]
        await until(lambda: all(h and h[-1] == "last" for h in heard), SHORT)
        assert [sorted(h) for h in heard] == [sorted([*e, "last"]) for e in expected]
