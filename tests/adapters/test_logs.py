"""Log lines as an operator reads them: text or JSON, each share's lines tied by one id."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot import logs
from core.service import Stash
from tests.fakes import RecordingReporter
from tests.unit.test_service import ALICE, REEL, make_world


@pytest.fixture
def stderr() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    quieted = {name: logging.getLogger(name).level for name in logs.QUIET}
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
    assert len(done["share"]) == 8 and done["share"] != "-"
    assert done["level"] == "INFO"


async def test_text_lines_carry_the_share_id(stderr: io.StringIO) -> None:
    logs.configure("INFO", "text", stderr)
    await share_once()
    logging.getLogger("stash.test").info("outside any share")
    lines = stderr.getvalue().splitlines()
    assert any("core.service: share instagram: added" in line and "[-]" not in line
               for line in lines)
    assert any("[-] stash.test: outside any share" in line for line in lines)


def test_secrets_and_bearer_tokens_are_blanked_on_every_logger(stderr: io.StringIO) -> None:
    logs.configure("DEBUG", "text", stderr, secrets=["999999:SECRET-BOT-TOKEN", "k3y-value"])
    logging.getLogger("telegram.ext.ExtBot").debug("URL http://x/bot999999:SECRET-BOT-TOKEN/getMe")
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
