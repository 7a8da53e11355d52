"""The Discord stand-in driven by the real discord.py client: REST, gateway and interactions."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
import pytest
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from sandbox.discord import DiscordStandIn
from tests.sandbox.worlds import SHORT, collect_messages, make_client, next_from, running

# -- login, gateway, intents -------------------------------------------------------------------


async def test_login_and_ready_show_the_bot_its_guild(stand_in: DiscordStandIn) -> None:
    client = make_client()
    async with running(client):
        assert client.user is not None and client.user.id == stand_in.bot_id
        assert client.application_id == stand_in.application_id
        (guild,) = client.guilds
        assert guild.name == "Stash Sandbox"
        assert [c.name for c in guild.text_channels] == ["general"]
        assert guild.member_count == 3
    identify = stand_in.identifies[0]
    assert identify["intents"] == client.intents.value
    assert identify["properties"]["browser"] == "discord.py"


async def test_sharded_client_finds_the_gateway_through_gateway_bot(
    stand_in: DiscordStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL("wss://gateway.invalid/"))
    client = discord.AutoShardedClient(intents=discord.Intents.default(), guild_ready_timeout=0.05)
    async with running(client):
        assert client.shard_count == 1
        assert [g.id for g in client.guilds] == [stand_in.guild_id]


async def test_wrong_token_is_refused_at_login(stand_in: DiscordStandIn) -> None:
    with pytest.raises(discord.LoginFailure):
        async with running(make_client(), token="not-the-token"):
            pass


async def test_privileged_intent_disabled_in_the_portal_closes_the_gateway(
    stand_in: DiscordStandIn,
) -> None:
    stand_in.set_portal_intents(message_content=False)
    with pytest.raises(discord.PrivilegedIntentsRequired):
        async with running(make_client(message_content=True)):
            pass


async def test_channel_message_carries_content_with_the_intent(stand_in: DiscordStandIn) -> None:
    client = make_client(message_content=True)
    heard = collect_messages(client)
    async with running(client):
        await stand_in.send_message(stand_in.alice_id, "https://www.instagram.com/reel/abc/")
        message = await next_from(heard, stand_in.alice_id)
    assert message.content == "https://www.instagram.com/reel/abc/"
    assert message.guild is not None and message.guild.id == stand_in.guild_id
    assert message.channel.id == stand_in.channel_id


async def test_without_the_intent_only_dms_and_mentions_carry_content(
    stand_in: DiscordStandIn,
) -> None:
    client = make_client(message_content=False)
    heard = collect_messages(client)
    async with running(client):
        await stand_in.send_message(stand_in.alice_id, "https://vm.tiktok.com/xyz/")
        plain = await next_from(heard, stand_in.alice_id)
        await stand_in.send_message(stand_in.alice_id, f"<@{stand_in.bot_id}> https://youtu.be/s")
        mention = await next_from(heard, stand_in.alice_id)
        await stand_in.send_dm(stand_in.bob_id, "https://youtube.com/shorts/q")
        direct = await next_from(heard, stand_in.bob_id)
    assert plain.content == ""
    assert mention.content.endswith("https://youtu.be/s")
    assert [u.id for u in mention.mentions] == [stand_in.bot_id]
    assert isinstance(direct.channel, discord.DMChannel)
    assert direct.content == "https://youtube.com/shorts/q"


async def test_reconnect_resumes_without_losing_events(stand_in: DiscordStandIn) -> None:
    client = make_client()
    heard = collect_messages(client)
    resumed = asyncio.Event()
    client.event(_set_on("on_resumed", resumed))
    async with running(client):
        stand_in.reconnect_gateway()
        await asyncio.wait_for(resumed.wait(), SHORT)
        await stand_in.send_message(stand_in.bob_id, "still there?")
        message = await next_from(heard, stand_in.bob_id)
    assert message.content == "still there?"
    assert len(stand_in.identifies) == 1  # resumed, not identified again


def _set_on(name: str, event: asyncio.Event) -> Any:
    async def handler() -> None:
        event.set()

    handler.__name__ = name
    return handler


async def test_new_channels_and_members_reach_a_connected_bot(stand_in: DiscordStandIn) -> None:
    intents = discord.Intents.default()
    intents.members = True
    client = discord.Client(intents=intents, guild_ready_timeout=0.05)
    async with running(client):
        guild = client.get_guild(stand_in.guild_id)
        assert guild is not None and guild.chunked
        assert sorted(m.name for m in guild.members) == ["Stash", "alice", "bob"]
        joined = asyncio.ensure_future(client.wait_for("member_join"))
        created = asyncio.ensure_future(client.wait_for("guild_channel_create"))
        carol = await stand_in.add_member("carol")
        links = await stand_in.add_channel("links")
        member, channel = await asyncio.wait_for(asyncio.gather(joined, created), SHORT)
    assert (member.id, member.name) == (carol, "carol")
    assert (channel.id, channel.name) == (links, "links")


async def test_the_bot_replies_and_writes_dms(stand_in: DiscordStandIn) -> None:
    client = make_client()
    heard = collect_messages(client)
    async with running(client):
        await stand_in.send_message(stand_in.alice_id, "https://www.instagram.com/reel/abc/")
        incoming = await next_from(heard, stand_in.alice_id)
        await incoming.reply("On it")
        alice = await client.fetch_user(stand_in.alice_id)
        await alice.send("Your Spotify is linked")
    assert [(m["content"], m["reply_to"]) for m in stand_in.transcript()] == [
        ("https://www.instagram.com/reel/abc/", None),
        ("On it", incoming.id),
    ]
    (dm,) = stand_in.dm_transcript(stand_in.alice_id)
    assert (dm["author"]["id"], dm["content"]) == (stand_in.bot_id, "Your Spotify is linked")


# -- messages, embeds, views -------------------------------------------------------------------


class ChoiceView(discord.ui.View):
    """A persistent view: only its owner may pick; others get an ephemeral refusal."""

    def __init__(self, owner_id: int) -> None:
        super().__init__(timeout=None)
        self.owner_id = owner_id

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message("That choice isn't yours.", ephemeral=True)
            return False
        return True

    @discord.ui.button(label="Song A", custom_id="stash:choice:a")
    async def pick(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        await interaction.response.edit_message(content="Added Song A ✓", embed=None, view=None)

    @discord.ui.button(label="Neither", custom_id="stash:choice:none")
    async def neither(
        self, interaction: discord.Interaction, button: discord.ui.Button[Any]
    ) -> None:
        await interaction.response.defer()  # a deferred update, then an edit of the same message
        await interaction.edit_original_response(content="Skipped", view=None)


async def test_send_and_edit_a_message_with_embed_and_view(stand_in: DiscordStandIn) -> None:
    client = make_client()
    async with running(client):
        channel = client.get_channel(stand_in.channel_id)
        assert isinstance(channel, discord.TextChannel)
        embed = discord.Embed(title="Which one?", description="Two matches on Spotify")
        sent = await channel.send("Listening…", embed=embed, view=ChoiceView(stand_in.alice_id))
        await sent.edit(content="Pick one")
    (shown,) = stand_in.transcript()
    assert shown["author"]["id"] == stand_in.bot_id
    assert shown["content"] == "Pick one"
    assert [e["title"] for e in shown["embeds"]] == ["Which one?"]
    button = shown["components"][0]["components"][0]
    assert (button["custom_id"], button["label"]) == ("stash:choice:a", "Song A")
    assert [v["content"] for v in shown["edits"]] == ["Listening…"]
    assert shown["edited_timestamp"] is not None


async def test_button_clicks_reach_the_view(stand_in: DiscordStandIn) -> None:
    client = make_client()
    async with running(client):
        client.add_view(ChoiceView(stand_in.alice_id))
        channel = client.get_channel(stand_in.channel_id)
        assert isinstance(channel, discord.TextChannel)
        sent = await channel.send("Pick one", view=ChoiceView(stand_in.alice_id))
        by_bob = await stand_in.click_button(stand_in.bob_id, sent.id, "stash:choice:a")
        refusal = await stand_in.wait_for_response(by_bob)
        by_alice = await stand_in.click_button(stand_in.alice_id, sent.id, "stash:choice:a")
        update = await stand_in.wait_for_response(by_alice)
    assert refusal["response"] == {
        "type": 4,
        "content": "That choice isn't yours.",
        "embeds": [],
        "components": [],
        "ephemeral": True,
    }
    assert update["response"]["type"] == 7
    (shown,) = [m for m in stand_in.transcript() if not m["ephemeral"]]
    assert shown["content"] == "Added Song A ✓"
    assert shown["components"] == []


async def test_a_deferred_update_edits_the_clicked_message(stand_in: DiscordStandIn) -> None:
    client = make_client()
    async with running(client):
        channel = client.get_channel(stand_in.channel_id)
        assert isinstance(channel, discord.TextChannel)
        sent = await channel.send("Pick one", view=ChoiceView(stand_in.alice_id))
        click = await stand_in.click_button(stand_in.alice_id, sent.id, "stash:choice:none")
        await stand_in.wait_for(lambda: stand_in.transcript()[0]["content"] == "Skipped")
    assert stand_in.interaction(click)["callbacks"][0]["type"] == 6
    (shown,) = stand_in.transcript()
    assert (shown["id"], shown["components"]) == (sent.id, [])


async def test_discord_limits_are_enforced(stand_in: DiscordStandIn) -> None:
    client = make_client()
    async with running(client):
        channel = client.get_channel(stand_in.channel_id)
        assert isinstance(channel, discord.TextChannel)
        with pytest.raises(discord.HTTPException) as too_long:
            await channel.send("x" * 2001)
        view = discord.ui.View(timeout=None)
        view.add_item(discord.ui.Button(label="ok", custom_id="c" * 101))
        with pytest.raises(discord.HTTPException) as long_id:
            await channel.send("hi", view=view)
        rows = [
            {"type": 1, "components": [{"type": 2, "style": 1, "label": "b", "custom_id": f"r{i}"}]}
            for i in range(6)
        ]
        route = Route("POST", "/channels/{channel_id}/messages", channel_id=channel.id)
        with pytest.raises(discord.HTTPException) as six_rows:
            await client.http.request(route, json={"content": "rows", "components": rows})
        long_field = discord.Embed(title="t").add_field(name="Album", value="v" * 1025)
        with pytest.raises(discord.HTTPException) as long_value:
            await channel.send(embed=long_field)
        heavy = discord.Embed(title="t" * 256, description="d" * 4096)
        for _ in range(2):
            heavy.add_field(name="n" * 256, value="v" * 1024)
        with pytest.raises(discord.HTTPException) as over_total:
            await channel.send(embed=heavy)
        sent = await channel.send("soon gone")
        await sent.delete()
        with pytest.raises(discord.NotFound) as gone:
            await channel.fetch_message(sent.id)
    assert (too_long.value.status, too_long.value.code) == (400, 50035)
    assert "2000 or fewer" in str(too_long.value)
    assert long_id.value.code == 50035 and "100 or fewer" in str(long_id.value)
    assert six_rows.value.code == 50035 and "5 or fewer" in str(six_rows.value)
    assert long_value.value.code == 50035 and "1024 or fewer" in str(long_value.value)
    assert over_total.value.code == 50035 and "maximum size of 6000" in str(over_total.value)
    assert (gone.value.code, gone.value.text) == (10008, "Unknown Message")
    assert stand_in.transcript() == []


async def test_429_is_waited_out_and_retried(stand_in: DiscordStandIn) -> None:
    client = make_client()
    async with running(client):
        channel = client.get_channel(stand_in.channel_id)
        assert isinstance(channel, discord.TextChannel)
        stand_in.rate_limit_next(2, retry_after=0.01)
        sent = await channel.send("after the rate limit")
    assert len(stand_in.limits.limited) == 2
    assert [m["id"] for m in stand_in.transcript()] == [sent.id]


async def test_exhausted_bucket_headers_make_discord_py_wait(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with DiscordStandIn(bucket=(2, 0.2)) as server:
        monkeypatch.setattr(Route, "BASE", server.base_url)
        monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(server.gateway_url))
        client = make_client()
        async with running(client):
            channel = client.get_channel(server.channel_id)
            assert isinstance(channel, discord.TextChannel)
            started = asyncio.get_running_loop().time()
            for text in ("one", "two", "three"):
                await channel.send(text)
            elapsed = asyncio.get_running_loop().time() - started
    assert [m["content"] for m in server.transcript()] == ["one", "two", "three"]
    assert server.limits.limited == []  # it waited for the reset instead of hitting 429
    assert elapsed >= 0.1


# -- slash commands ----------------------------------------------------------------------------


def stash_commands(client: discord.Client) -> app_commands.CommandTree[discord.Client]:
    """/history answers ephemerally; /stash defers, then follows up."""
    tree = app_commands.CommandTree(client)

    @tree.command(description="What you stashed")
    async def history(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Nothing stashed yet.", ephemeral=True)

    @tree.command(description="Stash the song of a reel")
    @app_commands.describe(link="A reel, TikTok or Short")
    async def stash(interaction: discord.Interaction, link: str) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send(f"Heard Song A in {link}")
        await interaction.followup.send("Link Spotify with /link first.", ephemeral=True)
        shown = await interaction.original_response()
        await interaction.edit_original_response(content=f"{shown.content} ✓")

    return tree


async def test_slash_commands_are_synced_and_answered(stand_in: DiscordStandIn) -> None:
    client = make_client()
    tree = stash_commands(client)
    async with running(client):
        synced = await tree.sync()
        guild = discord.Object(id=stand_in.guild_id)
        tree.copy_global_to(guild=guild)
        await tree.sync(guild=guild)
        quiet = await stand_in.run_command(stand_in.alice_id, "history")
        answered = await stand_in.wait_for_response(quiet)
        in_dm = await stand_in.run_command(stand_in.bob_id, "history", dm=True)
        answered_in_dm = await stand_in.wait_for_response(in_dm)
        slow = await stand_in.run_command(stand_in.bob_id, "stash", {"link": "https://youtu.be/x"})
        await stand_in.wait_for(lambda: _finished(stand_in.interaction(slow)))
    registered = stand_in.commands()
    assert sorted(c["name"] for c in registered) == ["history", "stash"]
    assert {c.id for c in synced} == {int(c["id"]) for c in registered}
    assert sorted(c["name"] for c in stand_in.commands(stand_in.guild_id)) == ["history", "stash"]
    stash_options = next(c for c in registered if c["name"] == "stash")["options"]
    assert [(o["name"], o["type"], o["required"]) for o in stash_options] == [("link", 3, True)]
    assert answered["response"]["content"] == "Nothing stashed yet."
    assert answered["response"]["ephemeral"] is True
    assert answered_in_dm["response"]["content"] == "Nothing stashed yet."
    assert answered_in_dm["channel_id"] == stand_in.dm_channel_id(stand_in.bob_id)
    deferred = stand_in.interaction(slow)
    assert deferred["response"]["type"] == 5
    assert deferred["original"]["content"] == "Heard Song A in https://youtu.be/x ✓"
    assert [e["content"] for e in deferred["original"]["edits"]][1:] == [
        "Heard Song A in https://youtu.be/x"
    ]
    assert [(m["content"], m["ephemeral"]) for m in deferred["followups"]] == [
        ("Link Spotify with /link first.", True)
    ]
    public = [m["content"] for m in stand_in.transcript() if not m["ephemeral"]]
    assert public == ["Heard Song A in https://youtu.be/x ✓"]


def _finished(interaction: dict[str, Any]) -> bool:
    """Whether /stash has filled its deferred reply and then marked it done."""
    original = interaction["original"]
    return original is not None and original["content"].endswith("✓")


async def test_an_answer_after_three_seconds_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    failures: list[BaseException] = []
    failed = asyncio.Event()
    async with DiscordStandIn(response_window=0.0) as server:
        monkeypatch.setattr(Route, "BASE", server.base_url)
        monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(server.gateway_url))
        client = make_client()
        tree = stash_commands(client)
        tree.on_error = _record_into(failures, failed)  # type: ignore[method-assign]
        async with running(client):
            await tree.sync()
            await server.run_command(server.alice_id, "history")
            await asyncio.wait_for(failed.wait(), SHORT)
    (error,) = failures
    assert isinstance(error, discord.NotFound) and error.code == 10062


def _record_into(failures: list[BaseException], failed: asyncio.Event) -> Any:
    async def on_error(
        interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        failures.append(error.__cause__ or error)
        failed.set()

    return on_error
