"""A busy Discord channel: twenty people share at once, and the channel takes 5 messages per 5 s.

Each person's message gets a reaction at once (reactions have their own limit, four a second in
a channel), then their status message when the channel has room for it. Asserted in the order the
Discord stand-in recorded things, never as a time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.discord.render import SEEN
from sandbox.discord.limits import CHANNEL_SENDS
from tests.discord_helpers import done, is_status, running_world
from tests.unit.test_service import REEL

PEOPLE = 20
WINDOW = 5  # status messages the channel takes per 5 s


async def test_twenty_sharers_are_each_acknowledged_before_the_channel_has_room(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_world(tmp_path, monkeypatch, route_limits=CHANNEL_SENDS) as bot:
        people = [await bot.dc.add_member(f"person{n}") for n in range(PEOPLE)]
        shared = [await bot.dc.send_message(person, f"this one {REEL.original}")
                  for person in people]

        def statuses() -> dict[int, dict]:  # type: ignore[type-arg]
            return {m["reply_to"]: m for m in bot.bot_messages() if is_status(m)}

        await bot.dc.wait_for(lambda: len(statuses()) == PEOPLE
                              and all(done(m) for m in statuses().values()), 90)
        seen = {m["id"]: [r for r in m["reactions"] if r["emoji"] == SEEN]
                for m in bot.dc.transcript() if m["id"] in {s["id"] for s in shared}}
        status_of = statuses()
    assert all(len(reactions) == 1 for reactions in seen.values()), seen
    reacted = {message_id: reactions[0]["order"] for message_id, reactions in seen.items()}
    in_order = sorted(status["id"] for status in status_of.values())
    # The channel's first window of status messages went out at once; everyone after it had
    # their reaction first, and all twenty were acknowledged before its third window began.
    waited = [mid for mid, status in status_of.items() if status["id"] > in_order[WINDOW - 1]]
    assert len(waited) == PEOPLE - WINDOW
    assert all(reacted[mid] < status_of[mid]["id"] for mid in waited)
    assert max(reacted.values()) < in_order[2 * WINDOW]
