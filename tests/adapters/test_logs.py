"""Log lines as an operator reads them: text or JSON, each share's lines tied by one id."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.storage import open_database
from adapters.storage.shares import SqlShareBook
from bot import logs
from core.kept import Reopened, ShownOn
from core.models import KeptShare
from core.outcomes import Outcome, TrackAdded
from core.service import Stash
from tests.discord_helpers import running_world
from tests.fakes import Clock, RecordingReporter
from tests.telegram_helpers import ALICE_ID, running_bot
from tests.worlds import ALICE, REEL, kept_stash, make_world, take_over


@pytest.fixture
def stderr() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    quieted = {name: logging.getLogger(name).level for name in logs.QUIET + logs.NO_DEBUG}
    yield stream
    root.handlers[:], level = saved
    root.setLevel(level)
    for name, was in quieted.items():  # configure() quiets these for the whole process
        logging.getLogger(name).setLevel(was)


async def share_once() -> Stash:
    world = make_world()
    await world.stash.share(ALICE, REEL, RecordingReporter())
    return world.stash


async def test_json_lines_carry_the_share_id(stderr: io.StringIO) -> None:
    logs.configure("INFO", "json", stderr)
    await share_once()
    records = [json.loads(line) for line in stderr.getvalue().splitlines()]
    [done] = [r for r in records if r["logger"] == "core.service"]
    assert done["message"].startswith("share instagram: added")
    assert len(done["share"]) == 16 and done["share"] != "-"
    assert done["level"] == "INFO"


async def test_text_lines_carry_the_share_id(stderr: io.StringIO) -> None:
    logs.configure("INFO", "text", stderr)
    await share_once()
    logging.getLogger("stash.test").info("outside any share")
    lines = stderr.getvalue().splitlines()
    assert any("core.service: share instagram: added" in line and "[-]" not in line
               for line in lines)
    assert any("[-] stash.test: outside any share" in line for line in lines)


async def test_a_shares_log_lines_carry_the_id_of_its_row_in_the_shares_table(
        stderr: io.StringIO, tmp_path: Path) -> None:
    # An operator greps a share's log lines by the id they find in the shares table, and back.
    logs.configure("INFO", "json", stderr)
    database = await open_database(f"sqlite:///{tmp_path / 'stash.db'}")
    book, clock = SqlShareBook(database), Clock()
    stash = kept_stash(book, clock)
    rows: list[str] = []

    async def show(outcome: Outcome) -> None:
        rows.extend(row[0] for row in await database.fetchall("SELECT id FROM shares"))
        logging.getLogger("stash.front").info("shown")

    await stash.share(ALICE, REEL, RecordingReporter(), ShownOn(show, "42", "7"))
    # A share another process left: its lines carry the id of the row it is finished from.
    await book.open(KeptShare("0123456789abcdef", ALICE, REEL.original, "42", "8",
                              started_at=clock() - 5), "dead", clock() - 1)
    shown: list[object] = []

    async def reopen(share: KeptShare) -> Reopened:
        async def say(text: str) -> None:
            shown.append(text)  # a share too old to finish: not this one

        async def final(outcome: Outcome) -> None:
            shown.append(outcome)
            logging.getLogger("stash.front").info("shown again")
        return Reopened(RecordingReporter(), final, say)

    assert await take_over(stash, "telegram", reopen) == 1  # one turn of Stash.resume's loop
    assert isinstance(shown[0], TrackAdded)
    await database.close()
    records = [json.loads(line) for line in stderr.getvalue().splitlines()]
    [row_id] = rows
    cut = [r["message"] for r in records].index("shown") + 1
    fresh = {r["share"] for r in records[:cut] if r["logger"] in ("core.service", "stash.front")}
    resumed = {r["share"] for r in records[cut:]
               if r["logger"] in ("core.service", "core.keeper", "stash.front")}
    assert fresh == {row_id}
    assert resumed == {"0123456789abcdef"} and len(records[cut:]) >= 3


def test_secrets_and_bearer_tokens_are_blanked_on_every_logger(stderr: io.StringIO) -> None:
    logs.configure("DEBUG", "text", stderr, secrets=["999999:SECRET-BOT-TOKEN", "k3y-value"])
    logging.getLogger("telegram.ext.ExtBot").warning("URL http://x/bot999999:SECRET-BOT-TOKEN/getMe")
    logging.getLogger("some.library").debug("Headers: {'Authorization': 'Bearer BQDabc123xyz'}")
    try:
        raise RuntimeError("failed with k3y-value")
    except RuntimeError:
        logging.getLogger("x").exception("boom")
    text = stderr.getvalue()
    for secret in ("SECRET-BOT-TOKEN", "BQDabc123xyz", "k3y-value"):
        assert secret not in text
    assert "bot<redacted>/getMe" in text and "Bearer <redacted>" in text
    assert "traceback withheld" in text


CODE = "AQDf3kPz" + "x7" * 30  # as long as Spotify's authorization codes
STATE = "st8-" + "Qm" * 20


async def test_debug_logs_hold_no_oauth_code_state_or_token(
        stderr: io.StringIO, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    logs.configure("DEBUG", "text", stderr)
    assert logging.getLogger("telegram").level == logging.WARNING
    # Whatever the library: even with python-telegram-bot's debug lines let through again.
    logging.getLogger("telegram").setLevel(logging.DEBUG)
    async with running_bot(tmp_path) as bot:
        pasted = f"http://127.0.0.1:8080/spotify/callback?code={CODE}&state={STATE}"
        for text in (pasted, CODE, "/start ABCDE-23456"):
            before = len(bot.bot_messages(ALICE_ID))
            bot.tg.user_sends(ALICE_ID, text)
            await bot.tg.wait_for(lambda n=before: len(bot.bot_messages(ALICE_ID)) > n)
    logging.getLogger("some.client").debug("POST /api/token {'code': '%s', 'access_token': "
                                           "'BQ-secret-access', 'refresh_token': 'AQ-refresh'}",
                                           CODE)
    text = stderr.getvalue()
    assert "Calling Bot API endpoint `getUpdates`" in text  # the library did write debug lines
    for secret in (CODE, STATE, "ABCDE-23456", "BQ-secret-access", "AQ-refresh"):
        assert secret not in text
    assert "code=<redacted>&state=<redacted>" in text


async def test_discord_debug_lines_hold_no_connect_code_or_oauth_code(
        stderr: io.StringIO, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    logs.configure("DEBUG", "text", stderr)
    assert logging.getLogger("discord.gateway").level == logging.INFO
    for name in logs.NO_DEBUG:  # whatever the library: its event dumps let through again
        logging.getLogger(name).setLevel(logging.DEBUG)
    async with running_world(tmp_path, monkeypatch) as bot:
        alice = bot.dc.alice_id
        await bot.answered(await bot.dc.run_command(alice, "link", {"code": "QWERT23456"}))
        pasted = f"http://127.0.0.1:8080/spotify/callback?code={CODE}&state={STATE}"
        for text in (pasted, CODE, "QWERT-23457"):
            sent = await bot.dc.send_dm(alice, text)
            dm = bot.dc.dm_channel_id(alice)
            await bot.dc.wait_for(lambda m=sent["id"], c=dm: bool(bot.replies(m, c)))
    text = stderr.getvalue()
    assert "WebSocket Event" in text  # the library did write its debug lines
    for secret in (CODE, STATE, "QWERT23456", "QWERT-23457"):
        assert secret not in text
