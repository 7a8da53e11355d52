"""Files sent in a chat, in the core: one identity per file, and history that names no address."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from core import files
from core.errors import MediaTooLarge
from core.models import AudioClip, FileKind, Link, MediaFile, Platform
from core.outcomes import ChoiceOffered, ShareFailed, TrackAdded
from core.service import Held
from tests.fakes import RecordingReporter, RecordingTelemetry
from tests.worlds import ALICE, BOB, TIDE, make_world


def sent(kind: FileKind, identity: str = "telegram-file:AgAD1", handle: str = "f1"
         ) -> Link:
    return files.file_link(identity, MediaFile("telegram", handle, kind))


@pytest.mark.parametrize(("kind", "kept_as"), [
    (FileKind.VIDEO, "a video you sent"),
    (FileKind.VIDEO_NOTE, "a video message you sent"),
    (FileKind.AUDIO, "an audio file you sent"),
    (FileKind.VOICE, "a voice message you sent"),
    (FileKind.DOCUMENT, "a file you sent"),
])
def test_a_file_is_a_link_named_by_its_identity(kind: FileKind, kept_as: str) -> None:
    link = sent(kind)
    assert (link.platform, link.canonical_url, link.media_id) == (
        Platform.FILE, "telegram-file:AgAD1", "AgAD1")
    assert files.shown_as(link) == kept_as and "f1" not in repr(link)


@pytest.mark.parametrize(("mime", "taken"), [
    ("video/mp4", True), ("audio/ogg", True), ("VIDEO/QUICKTIME", True),
    ("application/pdf", False), ("image/gif", False), (None, False), ("", False)])
def test_only_audio_and_video_types_are_listened_to(mime: str | None, taken: bool) -> None:
    assert files.is_media_type(mime) is taken


async def test_copies_of_one_file_sent_by_many_are_identified_once() -> None:
    world = make_world()
    world.fetcher.delay = 0.05
    world.fetcher.clips["telegram-file:AgAD1"] = [AudioClip(b"drive", "wav", final_window=True)]
    # Each person's copy has its own handle (Telegram: file_id), the same identity.
    outcomes = await asyncio.gather(
        world.stash.share(ALICE, sent(FileKind.VIDEO, handle="a"), RecordingReporter()),
        world.stash.share(BOB, sent(FileKind.DOCUMENT, handle="b"), RecordingReporter()))
    assert all(isinstance(o, TrackAdded) for o in outcomes)
    assert world.fetcher.fetched == [("telegram-file:AgAD1", 0)]
    assert world.recognizer.heard == [b"drive"]
    [alice] = await world.stash.history(ALICE)
    [bob] = await world.stash.history(BOB)
    assert (alice.url, bob.url) == ("a video you sent", "a file you sent")


async def test_a_choice_on_a_file_keeps_the_file_kind_in_history() -> None:
    telemetry = RecordingTelemetry()
    world = make_world(telemetry)
    world.fetcher.clips["telegram-file:AgAD2"] = [AudioClip(b"tide", "wav", final_window=True)]
    voice = sent(FileKind.VOICE, "telegram-file:AgAD2")
    offered = await world.stash.share(ALICE, voice, RecordingReporter())
    assert isinstance(offered, ChoiceOffered) and offered.choice.recognition == TIDE
    chosen = await world.stash.choose(ALICE, offered.choice.choice_id, 0, RecordingReporter())
    assert isinstance(chosen, TrackAdded)
    assert [platform for platform, _, _ in telemetry.shares] == ["file", "file"]
    [entry] = await world.stash.history(ALICE)
    assert (entry.url, entry.title) == ("a voice message you sent", "Slow Tide")


async def test_a_file_read_before_it_is_known_is_shared_and_counted_as_a_file() -> None:
    telemetry = RecordingTelemetry()
    world = make_world(telemetry)
    world.fetcher.clips["discord-file:abc"] = [AudioClip(b"drive", "wav", final_window=True)]
    held: list[str] = []

    @asynccontextmanager
    async def hold() -> AsyncIterator[Link]:
        held.append("open")
        try:
            yield files.file_link("discord-file:abc", MediaFile("discord", "k", FileKind.VOICE))
        finally:
            held.append("closed")

    outcome = await world.stash.share(ALICE, Held(hold), RecordingReporter())
    assert isinstance(outcome, TrackAdded) and held == ["open", "closed"]
    assert telemetry.shares == [("file", "added", "")]


async def test_a_file_that_cannot_be_read_is_an_outcome_and_counted() -> None:
    telemetry = RecordingTelemetry()
    world = make_world(telemetry)

    @asynccontextmanager
    async def too_big() -> AsyncIterator[Link]:
        raise MediaTooLarge("That file is over 50 MB.")
        yield  # an async generator that never yields

    outcome = await world.stash.share(ALICE, Held(too_big), RecordingReporter())
    assert isinstance(outcome, ShareFailed)
    assert outcome.error.user_message == "That file is over 50 MB."
    assert telemetry.shares == [("file", "failed", "too_large")]
    assert world.fetcher.fetched == [] and await world.stash.history(ALICE) == []
