"""The core world most tests share: Stash over fakes of every port, two people, two links and
the songs behind them (a reel of "Midnight Drive", a video of "Slow Tide")."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from core.kept import Reopen
from core.links import parse_links
from core.models import AudioClip, CatalogTrack, Recognition, UserKey
from core.ports import Playlists, ShareBook
from core.service import Policy, Stash
from tests.fakes import (
    Clock,
    FakeCatalog,
    FakeFetcher,
    FakePlaylists,
    FakeRecognizer,
    MemoryStore,
    RecordingTelemetry,
)

REEL = parse_links("https://www.instagram.com/reel/Cabc123xyz/")[0]
OTHER = parse_links("https://youtu.be/dQw4w9WgXcQ")[0]
ALICE = UserKey("telegram", "42")
BOB = UserKey("telegram", "43")
DRIVE = Recognition("Midnight Drive", ("Luna Vale",), "Night Roads", "QZ0000000001",
                    duration_ms=185_000)
ORIGINAL = CatalogTrack("spotify:track:orig", "Midnight Drive", ("Luna Vale",), "Night Roads",
                        185_000, 70, "QZ0000000001", url="https://open.spotify.com/track/orig")
REMIX = CatalogTrack("spotify:track:remix", "Midnight Drive - Remix", ("Luna Vale",), None,
                     200_000, 60, "QZ0000000002")
TIDE = Recognition("Slow Tide", ("Coral Bay",), duration_ms=226_000)
TIDE_A = CatalogTrack("spotify:track:tideA", "Slow Tide", ("Coral Bay",), "Shoreline", 226_000, 50)
# Not a copy of TIDE_A (copies of one recording are added without asking): a longer cut.
TIDE_B = CatalogTrack("spotify:track:tideB", "Slow Tide", ("Coral Bay",), "Shoreline (Deluxe)",
                      262_000, 49)


@dataclass
class World:
    stash: Stash
    fetcher: FakeFetcher
    recognizer: FakeRecognizer
    catalog: FakeCatalog
    playlists: FakePlaylists
    store: MemoryStore
    clock: Clock


def make_world(telemetry: RecordingTelemetry | None = None, **policy: float) -> World:
    clock = Clock()
    fetcher = FakeFetcher({REEL.canonical_url: [AudioClip(b"drive", "m4a")],
                           OTHER.canonical_url: [AudioClip(b"tide", "m4a")]})
    recognizer = FakeRecognizer({b"drive": DRIVE, b"tide": TIDE})
    catalog = FakeCatalog([ORIGINAL, REMIX, TIDE_A, TIDE_B])
    playlists = FakePlaylists({ALICE, BOB})
    store = MemoryStore()
    stash = Stash(fetcher=fetcher, recognizer=recognizer, catalog=catalog, playlists=playlists,
                  store=store, policy=Policy(**policy), clock=clock,  # type: ignore[arg-type]
                  telemetry=telemetry)
    return World(stash, fetcher, recognizer, catalog, playlists, store, clock)


def kept_stash(book: ShareBook, clock: Clock, fetcher: FakeFetcher | None = None, *,
               playlists: Playlists | None = None, store: MemoryStore | None = None) -> Stash:
    """Stash with its shares kept on record in `book` (leases of 15 s, resumed within 600 s),
    the reel its one song; `playlists` and `store` shared with another process's, if given."""
    fetcher = fetcher or FakeFetcher({REEL.canonical_url: [AudioClip(b"drive", "m4a")]})
    return Stash(fetcher=fetcher, recognizer=FakeRecognizer({b"drive": DRIVE}),
                 catalog=FakeCatalog([ORIGINAL]), playlists=playlists or FakePlaylists({ALICE}),
                 store=store or MemoryStore(), clock=clock, shares=book, share_lease=15.0,
                 resume_within=600.0)


async def take_over(stash: Stash, platform: str, reopen: Reopen) -> int:
    """One turn, now, of what `Stash.resume` runs in the background: renew `stash`'s leases, take
    over the shares stopped processes left (`platform`'s shown through `reopen`) and finish
    them; how many were taken, once they are finished."""
    kept = stash._kept  # the process's own kept shares: a test drives one turn of their loop
    kept.keeper.reopen_with(platform, reopen)
    await kept.keeper.renew()
    taken = await kept.keeper.take(kept.finish)
    if finishing := kept.keeper.finishing:
        await asyncio.wait(finishing)
    return taken
