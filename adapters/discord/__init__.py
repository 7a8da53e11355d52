"""The Discord front (discord.py): links in channels and DMs, slash commands, buttons."""

from adapters.discord.front import DiscordConfig, DiscordFront, DiscordStartError
from adapters.discord.status import EditPacing

__all__ = ["DiscordConfig", "DiscordFront", "DiscordStartError", "EditPacing"]
