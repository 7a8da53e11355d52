"""Discord sharded over real `stash run` processes on one database: each process carries the
guilds of its shard, and a choice's buttons work in whichever process receives the press."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from tests.e2e.worlds import Services
from tests.run_helpers import Runs, until
from tests.sandbox.worlds import guild_on_other_shard

SHARDS = {"DISCORD_SHARD_COUNT": "2"}


def statuses(services: Services, channel: int) -> list[dict[str, Any]]:
    """The bot's messages in a channel, ephemeral ones left out."""
    return [m for m in services.discord.transcript(channel)
            if m["author"]["bot"] and not m["ephemeral"]]


def choice_buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    return [(button["label"], button["custom_id"]) for row in message["components"]
            for button in row["components"] if button["custom_id"].startswith("stash:c:")]


async def test_each_shard_process_answers_its_guilds_and_any_process_takes_a_press(
        services: Services, tmp_path: Path) -> None:
    dc, media = services.discord, services.media
    other, other_channel = await guild_on_other_shard(dc)
    await dc.add_member("alice", other, dc.alice_id)
    home = (dc.guild_id >> 22) % 2
    runs = Runs(services, tmp_path)
    try:
        carriers = await asyncio.gather(*(
            runs.start("--fronts", "discord,web", name=f"shard{n}", DISCORD_SHARD_IDS=str(n),
                       **SHARDS) for n in (0, 1)))
        assert sorted(i["shard"] for i in dc.identifies) == [[0, 2], [1, 2]]

        await dc.send_message(dc.alice_id, media.url("40000010", "mp3"))  # two releases: asked
        await dc.send_message(dc.alice_id, media.url("40000003", "m4a"), other_channel)
        await dc.wait_for(lambda: any(choice_buttons(m) for m in statuses(services, dc.channel_id))
                          and any("/link" in m["content"] or m["embeds"]
                                  for m in statuses(services, other_channel)), 60)
        assert "share direct: asked" in carriers[home].logs
        assert "share direct: asked" not in carriers[1 - home].logs
        assert "share direct: not_linked" in carriers[1 - home].logs

        # The home shard's process goes away; one process now carries both shards, and the
        # press on a button the first process posted is answered there.
        await carriers[home].stop()
        both = await runs.start("--fronts", "discord,web", name="both",
                                DISCORD_SHARD_IDS="0,1", **SHARDS)
        [asked] = [m for m in statuses(services, dc.channel_id) if choice_buttons(m)]
        custom_id = next(b for label, b in choice_buttons(asked) if "Echo Park" in label)
        await dc.click_button(dc.alice_id, asked["id"], custom_id)
        await until(lambda: "choice direct: not_linked" in both.logs, 30, "the press handled")
        assert len(statuses(services, dc.channel_id)) == 1  # the same message, edited
    finally:
        await runs.stop_all()
