"""Fixtures the sandbox tests share: the Discord stand-in with discord.py pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from sandbox.discord import DiscordStandIn


@pytest.fixture
async def stand_in(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[DiscordStandIn]:
    """A running stand-in with discord.py pointed at it (restored afterwards)."""
    async with DiscordStandIn() as server:
        monkeypatch.setattr(Route, "BASE", server.base_url)
        monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(server.gateway_url))
        yield server
