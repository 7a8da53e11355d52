"""More songs for the fleet's world: D different reels need D different songs, each known to
the Shazam stand-in by its audio and on the Spotify stand-in as one track of its own.

The sandbox catalogue has ten songs; the fleet adds one more for each reel (up to `SONGS`) in
the stand-ins' process only (`extend`), before the stand-ins start. Each is a song like the
catalogue's (audio drawn from a generator seeded by its key, so no two sound alike), 40 s long
so that the Shazam stand-in's reference peaks of a thousand take minutes once (they are kept on
disk, as the catalogue's are), with a title, an artist and an ISRC of its own and one Spotify
track carrying them.
"""

from __future__ import annotations

import itertools

from sandbox import catalogue
from sandbox.catalogue import Song, SpotifyTrack
from sandbox.media import MediaHost

SONGS = 1024
SECONDS = 40  # the reference peaks on disk depend on it (keys carry no length): keep it
_ONSETS, _NUCLEI = "bdfgklmnprstvz", "aeiou"


def _word(n: int) -> str:
    """A made-up word of three syllables, a different one for each n < 70 ** 3."""
    syllables = [a + b for a, b in itertools.product(_ONSETS, _NUCLEI)]
    first, rest = divmod(n, len(syllables) ** 2)
    second, third = divmod(rest, len(syllables))
    return (syllables[first] + syllables[second] + syllables[third]).capitalize()


def song(n: int) -> Song:
    """The n-th added song: key 41xxxxxx, its title two words, its artist two others."""
    stride = 4099  # spreads neighbouring songs' words apart
    words = [_word((n * 4 + part) * stride % 70 ** 3) for part in range(4)]
    return Song(f"41{n:06d}", f"{words[0]} {words[1]}", (f"{words[2]} {words[3]}",),
                f"{words[0]} Sessions", f"QZFLT24{n:05d}", SECONDS * 1000)


def track(item: Song) -> SpotifyTrack:
    """Its one Spotify track (same title, artist, album and ISRC)."""
    return SpotifyTrack(f"6fleet{item.key:0>16}", item.title, item.artists, item.album,
                        item.isrc, item.duration_ms, 50, item.key)


def extend(count: int) -> None:
    """Add `count` songs and their tracks to every stand-in's view of the catalogue (this
    process only)."""
    from sandbox.spotify import playlists, webapi

    added = [song(n) for n in range(min(count, SONGS))]
    tracks = tuple(track(item) for item in added)
    catalogue.SONGS = (*catalogue.SONGS, *added)
    catalogue.SPOTIFY_TRACKS = webapi.SPOTIFY_TRACKS = (*catalogue.SPOTIFY_TRACKS, *tracks)
    playlists.TRACKS_BY_URI.update({t.uri: t for t in tracks})


def links(media: MediaHost, count: int) -> list[str]:
    """One reel of each added song: 30 s, in turn m4a, mp4 (with a picture), mp3 and webm."""
    return [media.url(f"41{n:06d}", ("m4a", "mp4", "mp3", "webm")[n % 4], seconds=30,
                      start=n % 8) for n in range(min(count, SONGS))]
