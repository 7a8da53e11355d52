"""A stand-in for Discord's REST API and gateway, for discord.py (`DiscordStandIn`)."""

from sandbox.discord.standin import FAKE_BOT_TOKEN, DiscordStandIn

__all__ = ["FAKE_BOT_TOKEN", "DiscordStandIn"]
