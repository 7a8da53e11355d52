"""getChat on the Telegram stand-in, as python-telegram-bot reads it: a person's private chat
names them; an id the bot never met is 'chat not found'."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.error import BadRequest

from sandbox.telegram import TelegramStandIn

TOKEN = "123456:TEST-TOKEN"


@pytest.fixture
async def bot() -> AsyncIterator[tuple[TelegramStandIn, Bot]]:
    async with TelegramStandIn(TOKEN) as tg, Bot(TOKEN, base_url=tg.base_url) as client:
        yield tg, client


async def test_a_person_s_chat_names_them(bot: tuple[TelegramStandIn, Bot]) -> None:
    tg, client = bot
    tg.add_user(4001, "Mallory", "mallory", last_name="Moe")
    chat = await client.get_chat(4001)
    assert (chat.id, chat.type, chat.full_name, chat.username) == (
        4001, "private", "Mallory Moe", "mallory")


async def test_an_unknown_chat_is_not_found(bot: tuple[TelegramStandIn, Bot]) -> None:
    _, client = bot
    with pytest.raises(BadRequest, match="Chat not found"):
        await client.get_chat(4999)
