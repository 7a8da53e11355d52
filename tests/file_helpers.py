"""What the file tests of both fronts share: real media files from the sandbox catalogue, real
ffmpeg, real shazamio against the Shazam stand-in, and the service wired as `stash run` wires it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from adapters.media.files import FileFetcher, WithFiles
from adapters.recognition.budget import RequestBudget
from adapters.recognition.shazam import ShazamRecognizer
from adapters.storage import SqlStore
from core.errors import MediaUnavailable
from core.models import CatalogTrack
from core.service import Stash
from sandbox import catalogue
from sandbox.media.clips import ClipSpec
from sandbox.media.encoder import ClipCache
from sandbox.shazam import ShazamStandIn
from tests.fakes import FakeCatalog, FakeFetcher, FakePlaylists

SONG = catalogue.song("40000001")  # Midnight Drive — Luna Vale: one clear Spotify original
ADDED = ("Added to Stash ✓\nMidnight Drive — Luna Vale (Night Roads)\n"
         "https://open.spotify.com/track/6mdrv0riginal00000001")
NOTHING = "I listened, but couldn't recognize a song in that clip."


def spotify_tracks() -> list[CatalogTrack]:
    """The catalogue's Spotify tracks as the Spotify adapter would return them."""
    return [CatalogTrack(t.uri, t.name, t.artists, t.album, t.duration_ms, t.popularity, t.isrc,
                         url=f"https://open.spotify.com/track/{t.id}")
            for t in catalogue.SPOTIFY_TRACKS]


async def media_file(clips: ClipCache, key: str, fmt: str, seconds: float = 20) -> bytes:
    """A real media file: `seconds` of a catalogue song (or "speech") in a format."""
    return (await clips.path(ClipSpec(key, fmt, seconds, start=30.0 if key != "speech" else 0))
            ).read_bytes()


@dataclass
class Pipeline:
    """The service with the real file fetcher and recognizer, fakes for Spotify and for the
    media behind links (`links`)."""

    stash: Stash
    files: FileFetcher
    recognizer: ShazamRecognizer
    playlists: FakePlaylists
    links: FakeFetcher


def pipeline(store: SqlStore, shazam: ShazamStandIn) -> Pipeline:
    """Files through ffmpeg to the Shazam stand-in; a link's video is unavailable unless a test
    gives `links` its clip."""
    files = FileFetcher(timeout=30)
    recognizer = ShazamRecognizer(shazam.origin, budget=RequestBudget(6000, burst=50),
                                  timeout=10, deadline=20)
    playlists = FakePlaylists()
    links = FakeFetcher(unknown=[MediaUnavailable()])
    stash = Stash(fetcher=WithFiles(links, files), recognizer=recognizer,
                  catalog=FakeCatalog(spotify_tracks()), playlists=playlists, store=store)
    return Pipeline(stash, files, recognizer, playlists, links)


def leftovers(directory: Path) -> list[Path]:
    """What jobs left in the temporary directory (nothing, on every path)."""
    return list(directory.iterdir())
