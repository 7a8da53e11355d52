"""Discord speaks each person's language: the interaction's locale, for plain messages the
locale last seen of the person (else the server's), or the one chosen with /language."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from core import texts
from core.texts.fronts import LANGUAGE_NAMES
from core.tongues import Tongues
from tests.discord_helpers import Json, World, custom_ids, running_world
from tests.language_helpers import said
from tests.telegram_helpers import until
from tests.worlds import OTHER, REEL


@pytest.fixture
async def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    """A running bot; alice (whose Discord is in Spanish) has linked Spotify."""
    async with running_world(tmp_path, monkeypatch) as world:
        world.playlists.connected.add(world.user(world.dc.alice_id))
        world.dc.world.user(world.dc.alice_id).locale = "es-ES"
        yield world


async def ask(bot: World, name: str, options: dict[str, object] | None = None,
              user_id: int | None = None) -> Json:
    """Run a command; its first answer, once filled in."""
    asked = await bot.dc.run_command(user_id or bot.dc.alice_id, name, options)
    original: Json = (await bot.answered(asked))["original"]
    return original


async def settled(bot: World, message_id: int, lang: str) -> Json:
    """The status message answering `message_id` in `lang`, once it shows an outcome."""
    def status() -> Json | None:
        return next((m for m in bot.replies(message_id) if m["edits"] and m["edits"][0][
            "content"] == said(lang, "received") and not m["content"].endswith("…")), None)

    await bot.dc.wait_for(lambda: status() is not None)
    found = status()
    assert found is not None
    return found


async def test_an_interaction_in_spanish_is_answered_in_spanish(bot: World) -> None:
    asked = await bot.dc.run_command(bot.dc.alice_id, "stash", {"link": REEL.original})
    await bot.dc.wait_for(lambda: bot.dc.interaction(asked)["original"] is not None and not
                          bot.dc.interaction(asked)["original"]["content"].endswith("…"))
    status = bot.dc.interaction(asked)["original"]
    assert status["edits"][0]["content"] == said("es", "received")
    assert status["content"] == said("es", "outcome.added", playlist="Stash",
                                     track="").split("\n")[0]
    helped = await ask(bot, "help")
    assert helped["content"].startswith(said("es", "discord.help", welcome=texts.say("welcome")))
    assert said("es", "group.help") in helped["content"]
    history = await ask(bot, "history")
    assert history["content"].startswith(said("es", "history.page", page=1))
    assert said("es", "history.outcome.added") in history["content"]


async def test_a_plain_message_uses_the_locale_last_seen_else_the_servers(bot: World) -> None:
    await ask(bot, "help")  # alice's Discord is seen to be in Spanish
    shared = await bot.dc.send_message(bot.dc.alice_id, REEL.original)
    await settled(bot, shared["id"], "es")
    # Bob was never seen in an interaction: his server's language speaks for him.
    await bot.dc.set_server_locale("pt-BR")
    client = bot.front.client if bot.front else None
    await until(lambda: client is not None and client.guilds[0].preferred_locale.value == "pt-BR")
    by_bob = await bot.dc.send_message(bot.dc.bob_id, f"<@{bot.dc.bot_id}> {OTHER.original}")
    prompt = await settled(bot, by_bob["id"], "pt-BR")
    assert prompt["content"] == said("pt-BR", "outcome.choice_heard",
                                     heard="Slow Tide — Coral Bay")
    # The prompt in the channel stays in Bob's language when Alice (Spanish) presses his buttons.
    refused = await bot.press(bot.dc.alice_id, prompt["id"], custom_ids(prompt)[0])
    await bot.dc.wait_for(lambda: bool(bot.dc.interaction(refused["id"])["followups"]))
    (refusal,) = bot.dc.interaction(refused["id"])["followups"]
    assert refusal["content"] == said("es", "error.not_your_choice")
    assert bot.message(prompt["id"])["content"] == prompt["content"]


async def test_language_switches_by_button_and_is_remembered_across_a_restart(
        bot: World) -> None:
    bob = bot.dc.bob_id
    prompt = await ask(bot, "language", user_id=bob)
    assert prompt["content"] == texts.say("language.choose")
    labels = [c["label"] for row in prompt["components"] for c in row["components"]]
    assert labels == list(LANGUAGE_NAMES.values())
    russian = next(cid for cid in custom_ids(prompt) if cid.endswith(":ru"))
    await bot.press(bob, prompt["id"], russian)
    assert bot.message(prompt["id"])["content"] == said("ru", "language.chosen")
    assert bot.front is not None
    await bot.front.stop()
    bot.stash.tongues = Tongues(bot.store)  # a new process remembers nothing in memory
    async with bot.new_front():
        helped = await ask(bot, "help", user_id=bob)
        assert helped["content"].startswith(
            said("ru", "discord.help", welcome=texts.say("welcome")))


async def test_an_unknown_language_is_said_plainly_and_changes_nothing(bot: World) -> None:
    refused = await ask(bot, "language", {"language": "klingon"})
    assert refused["content"] == said("es", "language.unknown", value="klingon")
    assert await bot.store.chosen_language(bot.user(bot.dc.alice_id)) is None
    chosen = await ask(bot, "language", {"language": "Bahasa Indonesia"})
    assert chosen["content"] == said("id", "language.chosen")


async def test_command_descriptions_are_localized_on_sync(bot: World) -> None:
    commands = {c["name"]: c for c in bot.dc.commands()}
    stash = commands["stash"]
    assert not stash.get("name_localizations")  # names stay English: /stash everywhere
    for locale, lang in (("es-ES", "es"), ("es-419", "es"), ("pt-BR", "pt-BR"), ("id", "id"),
                         ("ru", "ru")):
        assert stash["description_localizations"][locale] == \
            said(lang, "discord.command.stash")
        assert stash["options"][0]["description_localizations"][locale] == \
            said(lang, "discord.command.stash.link")
        assert commands["language"]["description_localizations"][locale] == \
            said(lang, "discord.command.language")
    assert "en-US" not in stash["description_localizations"]
    assert "fr" not in stash["description_localizations"]
