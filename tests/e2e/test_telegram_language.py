"""Telegram speaks each person's language: their app's (`language_code`), or the one they chose
with /language, remembered across a restart; a group's choice prompt in the sharer's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import texts
from core.models import UserKey
from core.texts.fronts import LANGUAGE_NAMES
from sandbox.telegram import TranscriptEntry
from sandbox.telegram.actions import private_chat
from tests.language_helpers import said
from tests.telegram_helpers import ALICE_ID, BOB_ID, GROUP_ID, World, running_bot
from tests.worlds import OTHER, REEL

CARLA_ID = 1003  # a person whose Telegram is in Brazilian Portuguese
CARLA = UserKey("telegram", str(CARLA_ID))
ALICE = UserKey("telegram", str(ALICE_ID))
PT = "pt-BR"


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


def carla_joins(bot: World) -> None:
    bot.tg.add_user(CARLA_ID, "Carla", "carla", language_code="pt-br")
    bot.playlists.connected.add(CARLA)


async def answer(bot: World, chat_id: int, message_id: int, first: str) -> TranscriptEntry:
    """The bot's message answering `message_id` that began as `first`, once it is done."""
    def found() -> TranscriptEntry | None:
        return next((e for e in bot.answers(chat_id, message_id)
                     if e.history[0] == first and not (e.text or "").endswith("…")), None)

    await bot.tg.wait_for(found)
    entry = found()
    assert entry is not None
    return entry


async def test_a_portuguese_person_reads_stages_result_help_and_history_in_portuguese(
        tmp_path: Path) -> None:
    async with running_bot(tmp_path) as bot:
        carla_joins(bot)
        sent = bot.tg.user_sends(CARLA_ID, REEL.original)
        status = await answer(bot, CARLA_ID, sent["message_id"], said(PT, "received"))
        added = said(PT, "outcome.added", playlist="Stash", track="").split("\n")[0]
        assert (status.text or "").startswith(added)
        assert set(status.history[1:-1]) <= {said(PT, f"stage.{stage}") for stage in (
            "resolving", "downloading", "listening", "searching", "adding")}

        helped = bot.tg.user_sends(CARLA_ID, "/help")
        help_text = said(PT, "telegram.help", welcome=texts.say("welcome"))
        assert (await bot.reply_to(CARLA_ID, helped["message_id"], bool)).text == help_text

        asked = bot.tg.user_sends(CARLA_ID, "/history")
        page = said(PT, "history.page", page=1)
        await bot.tg.wait_for(lambda: any((e.text or "").startswith(page)
                                          for e in bot.bot_messages(CARLA_ID)))
        assert asked["message_id"] < bot.bot_messages(CARLA_ID)[-1].message_id
        assert said(PT, "history.outcome.added") in (bot.bot_messages(CARLA_ID)[-1].text or "")

        # Something Stash tells her first (here, from a test speaking English: as the connecting
        # callback or housekeeping would) is in her language too.
        await bot.front.accounts.tell(CARLA, texts.say("link.done", name="Carla"))
        assert bot.bot_messages(CARLA_ID)[-1].text == said(PT, "link.done", name="Carla")


async def test_language_switches_by_button_and_is_remembered_across_a_restart(
        tmp_path: Path) -> None:
    async with running_bot(tmp_path) as bot:
        asked = bot.tg.user_sends(ALICE_ID, "/language")
        prompt = await bot.reply_to(ALICE_ID, asked["message_id"], bool)
        assert prompt.text == texts.say("language.choose")
        assert [b["text"] for b in prompt.buttons] == list(LANGUAGE_NAMES.values())
        spanish = next(b["callback_data"] for b in prompt.buttons if b["text"] == "Español")
        await bot.tg.wait_for_answer(bot.tg.press_button(ALICE_ID, prompt.message_id, spanish))
        done = said("es", "language.chosen")
        await bot.tg.wait_for(lambda: bot.bot_messages(ALICE_ID)[0].text == done)
        assert await bot.store.chosen_language(ALICE) == "es"
    async with running_bot(tmp_path) as bot:  # the same storage, a new process
        world = bot.tg.world()  # Telegram's message ids carry on where they were
        private_chat(world, world.people[ALICE_ID].user).next_message_id = 100
        helped = bot.tg.user_sends(ALICE_ID, "/help")
        help_text = said("es", "telegram.help", welcome=texts.say("welcome"))
        assert (await bot.reply_to(ALICE_ID, helped["message_id"], bool)).text == help_text


async def test_language_by_name_and_an_unknown_one_changes_nothing(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as bot:
        unknown = bot.tg.user_sends(ALICE_ID, "/language klingon")
        refused = await bot.reply_to(ALICE_ID, unknown["message_id"], bool)
        assert refused.text == texts.say("language.unknown", value="klingon")
        assert [b["text"] for b in refused.buttons] == list(LANGUAGE_NAMES.values())
        assert await bot.store.chosen_language(ALICE) is None
        named = bot.tg.user_sends(ALICE_ID, "/language русский")
        assert (await bot.reply_to(ALICE_ID, named["message_id"], bool)).text == \
            said("ru", "language.chosen")
        assert await bot.store.chosen_language(ALICE) == "ru"


async def test_a_group_choice_prompt_is_in_the_sharers_language(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as bot:
        carla_joins(bot)
        sent = bot.tg.user_sends(CARLA_ID, f"/stash {OTHER.original}", chat_id=GROUP_ID)
        prompt = await answer(bot, GROUP_ID, sent["message_id"], said(PT, "received"))
        assert prompt.buttons[-1]["text"] == said(PT, "button.none_of_these")
        assert prompt.text == said(PT, "outcome.choice_heard", heard="Slow Tide — Coral Bay")
        # Bob (English) is told in English that it is not his to choose; the prompt stays.
        refused = bot.tg.press_button(BOB_ID, prompt.message_id, prompt.buttons[0]["callback_data"],
                                      chat_id=GROUP_ID)
        assert (await bot.tg.wait_for_answer(refused)).text == texts.say("error.not_your_choice")
        assert bot.bot_messages(GROUP_ID)[-1].text == prompt.text


async def test_the_command_menu_is_set_in_every_language(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as bot:
        menus = {lang: commands for (_, lang), commands in bot.tg.world().commands.items()}
        assert set(menus) == {"", "es", "pt", "id", "ru"}
        assert [c["command"] for c in menus["pt"]] == [c["command"] for c in menus[""]]
        assert "language" in [c["command"] for c in menus[""]]
        for lang, code in (("es", "es"), (PT, "pt"), ("id", "id"), ("ru", "ru")):
            assert [c["description"] for c in menus[code]] == [
                said(lang, f"telegram.command.{c['command']}") for c in menus[""]]
