"""Locales in the Discord stand-in, through discord.py: a person's and a server's, carried by
interactions and guild updates; commands' localizations checked as Discord checks them."""

from __future__ import annotations

from typing import Any

import discord
import pytest
from discord import app_commands
from discord.app_commands import locale_str

from sandbox.discord import DiscordStandIn
from tests.sandbox.worlds import SHORT, make_client, running


class Saying(app_commands.Translator):
    """Every keyed string said as `words` in Russian; nothing else."""

    def __init__(self, words: str) -> None:
        self.words = words

    async def translate(self, string: locale_str, locale: discord.Locale, context: Any
                        ) -> str | None:
        keyed = string.extras.get("key")
        return self.words if keyed and locale is discord.Locale.russian else None


def tree_of(client: discord.Client, seen: list[discord.Interaction[Any]]
            ) -> app_commands.CommandTree[discord.Client]:
    tree = app_commands.CommandTree(client)

    @tree.command(name=locale_str("history", key="name"),
                  description=locale_str("What you stashed", key="description"))
    async def history(interaction: discord.Interaction[Any]) -> None:
        seen.append(interaction)
        await interaction.response.send_message("ok", ephemeral=True)

    return tree


async def test_localizations_are_recorded_and_checked(stand_in: DiscordStandIn) -> None:
    client = make_client()
    tree = tree_of(client, [])
    async with running(client):
        await tree.set_translator(Saying("история"))
        await tree.sync()
        [command] = stand_in.commands()
        assert command["name_localizations"] == {"ru": "история"}
        assert command["description_localizations"] == {"ru": "история"}
        await tree.set_translator(Saying("Слишком длинно " * 10))  # a name with spaces, 150 long
        with pytest.raises(discord.HTTPException) as refused:
            await tree.sync()
    assert refused.value.code == 50035
    assert "0.name_localizations.ru: Command name is invalid" in refused.value.text
    assert "0.description_localizations.ru: Must be between 1 and 100" in refused.value.text


async def test_interactions_carry_the_persons_locale_and_the_servers(
        stand_in: DiscordStandIn) -> None:
    client, seen = make_client(), []
    tree = tree_of(client, seen)
    async with running(client):
        await tree.sync()
        stand_in.world.user(stand_in.alice_id).locale = "pt-BR"
        await stand_in.set_server_locale("es-ES")
        await stand_in.run_command(stand_in.alice_id, "history")
        await stand_in.wait_for(lambda: bool(seen), SHORT)
        guild = client.get_guild(stand_in.guild_id)
    [asked] = seen
    assert (asked.locale, asked.guild_locale) == (discord.Locale.brazil_portuguese,
                                                 discord.Locale.spain_spanish)
    assert guild is not None and guild.preferred_locale is discord.Locale.spain_spanish
