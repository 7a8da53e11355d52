"""The service in distributed mode, with fakes: links go to the runner (a worker), files sent in
chats stay here, and the shared per-person gate answers a share past it plainly."""

from __future__ import annotations

from core.errors import TooManyShares
from core.models import (
    Candidate,
    FileKind,
    Identification,
    Link,
    MediaFile,
    Platform,
    UserKey,
    Verdict,
)
from core.outcomes import ShareFailed, TrackAdded
from core.ports import Stage, StatusReporter
from core.service import Stash
from tests.fakes import (
    FakeCatalog,
    FakeFetcher,
    FakeRecognizer,
    MemoryStore,
    RecordingReporter,
)
from tests.worlds import ALICE, DRIVE, ORIGINAL, REEL, make_world


class Worker:
    """An IdentificationRunner standing in for the queue and a remote worker."""

    def __init__(self, ident: Identification) -> None:
        self.ident = ident
        self.asked: list[str] = []

    async def run(self, link: Link, progress: StatusReporter) -> Identification:
        self.asked.append(link.canonical_url)
        await progress.stage(Stage.LISTENING)
        return Identification(link.canonical_url, self.ident.verdict, self.ident.recognition,
                              self.ident.candidates)


class Gate:
    def __init__(self, allowed: int) -> None:
        self.left = allowed

    async def admit(self, user: UserKey) -> bool:
        self.left -= 1
        return self.left >= 0


def distributed(gate: Gate | None = None) -> tuple[Stash, Worker, FakeFetcher]:
    local = make_world()
    worker = Worker(Identification(REEL.canonical_url, Verdict.MATCHED, DRIVE,
                                   (Candidate(ORIGINAL, 1.0),)))
    fetcher = FakeFetcher({})
    stash = Stash(fetcher=fetcher, recognizer=FakeRecognizer({}), catalog=FakeCatalog([]),
                  playlists=local.playlists, store=MemoryStore(), runner=worker, gate=gate)
    return stash, worker, fetcher


async def test_a_link_is_identified_by_the_runner_and_delivered_here() -> None:
    stash, worker, fetcher = distributed()
    reporter = RecordingReporter()
    outcome = await stash.share(ALICE, REEL, reporter)
    assert isinstance(outcome, TrackAdded) and outcome.track == ORIGINAL
    assert worker.asked == [REEL.canonical_url] and fetcher.fetched == []
    assert Stage.LISTENING in reporter.stages


async def test_a_share_past_the_shared_limit_is_answered_and_costs_nothing() -> None:
    stash, worker, _ = distributed(Gate(1))
    first = await stash.share(ALICE, REEL, RecordingReporter())
    second = await stash.share(ALICE, REEL, RecordingReporter())
    assert isinstance(first, TrackAdded)
    assert isinstance(second, ShareFailed) and isinstance(second.error, TooManyShares)
    assert len(worker.asked) == 1


async def test_a_file_sent_in_the_chat_is_identified_by_this_process() -> None:
    stash, worker, fetcher = distributed()
    file = Link(Platform.FILE, "f1", "file:abc", "clip.mp4",
                file=MediaFile("telegram", "handle", FileKind.VIDEO, 1000))
    await stash.share(ALICE, file, RecordingReporter())
    assert worker.asked == [] and fetcher.fetched  # tried here (the fake has no such clip)
