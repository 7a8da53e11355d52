"""Languages on the Telegram stand-in, as python-telegram-bot reads them: a person's
language_code on their updates; a command menu per two-letter language code."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot, BotCommand
from telegram.error import BadRequest

from sandbox.telegram import TelegramStandIn

TOKEN = "123456:TEST-TOKEN"


@pytest.fixture
async def bot() -> AsyncIterator[tuple[TelegramStandIn, Bot]]:
    async with TelegramStandIn(TOKEN) as tg, Bot(TOKEN, base_url=tg.base_url) as client:
        yield tg, client


async def test_a_persons_updates_carry_their_language(bot: tuple[TelegramStandIn, Bot]) -> None:
    tg, client = bot
    tg.add_user(4001, "Carla", language_code="pt-br")
    tg.user_sends(4001, "oi")
    [update] = await client.get_updates(timeout=0)
    assert update.effective_user is not None
    assert update.effective_user.language_code == "pt-br"


async def test_command_menus_are_kept_per_language(bot: tuple[TelegramStandIn, Bot]) -> None:
    tg, client = bot
    await client.set_my_commands([BotCommand("help", "What Stash does")])
    await client.set_my_commands([BotCommand("help", "O que o Stash faz")], language_code="pt")
    assert [c.description for c in await client.get_my_commands(language_code="pt")] == [
        "O que o Stash faz"]
    assert [c.description for c in await client.get_my_commands()] == ["What Stash does"]
    with pytest.raises(BadRequest, match="Lang_code_invalid"):  # two letters only: not "pt-BR"
        await client.set_my_commands([BotCommand("help", "x")], language_code="pt-BR")
    assert set(tg.world().commands) == {('{"type": "default"}', ""), ('{"type": "default"}', "pt")}
