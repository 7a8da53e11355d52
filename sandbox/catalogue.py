"""The one catalogue every stand-in shares: songs, their Spotify versions, sounds that are no song.

Audio is synthetic and deterministic: each song is a melody over a chord sequence drawn from a
random generator seeded by the song's key, so two songs never sound alike and the same song
always renders the same samples.
"""

from __future__ import annotations

import io
import wave
import zlib
from dataclasses import dataclass, field

import numpy as np

SAMPLE_RATE = 16_000


@dataclass(frozen=True)
class Song:
    """A recording Shazam knows."""

    key: str  # Shazam's track key
    title: str
    artists: tuple[str, ...]
    album: str
    isrc: str
    duration_ms: int
    released: str = "2024"


@dataclass(frozen=True)
class SpotifyTrack:
    """One Spotify track; `song_key` names the Song it is a version of (None: no Song)."""

    id: str
    name: str
    artists: tuple[str, ...]
    album: str
    isrc: str
    duration_ms: int
    popularity: int
    song_key: str | None
    explicit: bool = False
    version: str = "original"  # original, remix, live, sped up, slowed, karaoke, other artist
    album_type: str = "album"  # as Spotify says: "album", "single" or "compilation"

    @property
    def uri(self) -> str:
        """spotify:track:<id>"""
        return f"spotify:track:{self.id}"


@dataclass(frozen=True)
class Sound:
    """A sound that is not a song: Shazam must not recognize it."""

    key: str
    kind: str  # "speech" or "silence"
    tags: tuple[str, ...] = field(default=())


SONGS: tuple[Song, ...] = (
    Song("40000001", "Midnight Drive", ("Luna Vale",), "Night Roads", "QZSB12400001", 185_000),
    Song("40000002", "Paper Hearts", ("The Lanterns",), "Fold", "QZSB12400002", 201_000),
    Song("40000003", "Golden Hour", ("Mira Sol",), "Dusk", "QZSB12400003", 174_000),
    Song("40000004", "Don’t Look Back", ("Arlo Finch",), "Rear View", "QZSB12400004", 192_000),
    Song("40000005", "桜の雨", ("Hana Mori",), "Haru", "JPSB12400005", 210_000),
    Song("40000006", "Звёзды", ("Polina Grey",), "Nebo", "RUSB12400006", 168_000),
    Song("40000007", "Run It Up (feat. Dex Rivers)", ("Kiro",), "Up", "QZSB12400007", 158_000),
    Song("40000008", "Basement Tape 7", ("Unsigned Ursula",), "Demos", "QZSB12400008", 143_000),
    Song("40000009", "Slow Tide", ("Coral Bay",), "Shoreline", "QZSB12400009", 226_000),
    Song("40000010", "Echo Park", ("Nova Lane",), "Echo Park", "QZSB12400010", 198_000),
)

SPOTIFY_TRACKS: tuple[SpotifyTrack, ...] = (
    # Midnight Drive: an original with many versions.
    SpotifyTrack("6mdrv0riginal00000001", "Midnight Drive", ("Luna Vale",), "Night Roads",
                 "QZSB12400001", 185_000, 71, "40000001"),
    SpotifyTrack("6mdrvRemix0000000002", "Midnight Drive - Kaito Remix", ("Luna Vale", "Kaito"),
                 "Midnight Drive (Remixes)", "QZSB12400101", 203_000, 64, "40000001",
                 version="remix"),
    SpotifyTrack("6mdrvLive00000000003", "Midnight Drive (Live at Brixton)", ("Luna Vale",),
                 "Live at Brixton", "QZSB12400102", 241_000, 40, "40000001", version="live"),
    SpotifyTrack("6mdrvSpedUp000000004", "Midnight Drive - Sped Up", ("Luna Vale",),
                 "Midnight Drive (Sped Up)", "QZSB12400103", 148_000, 68, "40000001",
                 version="sped up"),
    SpotifyTrack("6mdrvKaraoke00000005", "Midnight Drive (Karaoke Version)", ("Karaoke Hits Band",),
                 "Karaoke Hits Vol. 9", "QZSB12400104", 186_000, 12, "40000001",
                 version="karaoke", album_type="compilation"),
    # Paper Hearts: Spotify drops the leading "The".
    SpotifyTrack("6paperHearts00000006", "Paper Hearts", ("Lanterns",), "Fold",
                 "QZSB12400002", 201_000, 55, "40000002"),
    # Golden Hour: the same title by another artist, more popular.
    SpotifyTrack("6goldenMira000000007", "Golden Hour", ("Mira Sol",), "Dusk",
                 "QZSB12400003", 174_000, 48, "40000003"),
    SpotifyTrack("6goldenOther00000008", "Golden Hour", ("Ocean Pike",), "Summer Static",
                 "QZSB12400203", 209_000, 83, None, version="other artist"),
    # Don't Look Back: straight apostrophe on Spotify, no ISRC match (a re-release).
    SpotifyTrack("6dontLookBack0000009", "Don't Look Back - Remastered 2024", ("Arlo Finch",),
                 "Rear View (Remastered)", "QZSB12400304", 192_000, 52, "40000004"),
    SpotifyTrack("6sakura000000000010", "桜の雨", ("Hana Mori",), "Haru", "JPSB12400005",
                 210_000, 44, "40000005"),
    SpotifyTrack("6zvezdy000000000011", "Звёзды", ("Polina Grey",), "Nebo", "RUSB12400006",
                 168_000, 39, "40000006"),
    # Run It Up: the featured artist is in the artist list on Spotify, not in the title.
    SpotifyTrack("6runItUp0000000012", "Run It Up", ("Kiro", "Dex Rivers"), "Up",
                 "QZSB12400007", 158_000, 61, "40000007", explicit=True),
    # Slow Tide: original and a slowed + reverb version with close scores.
    SpotifyTrack("6slowTide000000013", "Slow Tide", ("Coral Bay",), "Shoreline",
                 "QZSB12400009", 226_000, 50, "40000009"),
    SpotifyTrack("6slowTideSlowed0014", "Slow Tide - Slowed + Reverb", ("Coral Bay",),
                 "Slow Tide (Slowed + Reverb)", "QZSB12400409", 262_000, 58, "40000009",
                 version="slowed"),
    # Echo Park: the album cut and a longer deluxe cut, their own ISRCs, nothing in either title
    # to tell them apart and neither carrying the heard ISRC: ask (copies of one length would
    # be one recording, added without asking).
    SpotifyTrack("6echoPark000000015", "Echo Park", ("Nova Lane",), "Echo Park",
                 "QZSB12400510", 198_000, 55, "40000010"),
    SpotifyTrack("6echoParkDeluxe0016", "Echo Park", ("Nova Lane",), "Echo Park (Deluxe)",
                 "QZSB12400511", 236_000, 54, "40000010"),
    # "Basement Tape 7" is known to Shazam but absent from Spotify on purpose.
    # Spotify lists this one under "<native title> (<English title>)"; Shazam answers in English.
    SpotifyTrack("6nightSong00000017", "밤의 노래 (Night Song)", ("Mina Park",), "Moonrise",
                 "KRSB12400601", 203_000, 48, None),
    # A sped-up release that carries the album track's ISRC by the label's mistake.
    SpotifyTrack("6paperMoon00000018", "Paper Moon", ("Iris Kline",), "Paper Moon",
                 "QZSB12400701", 214_000, 47, None),
    SpotifyTrack("6paperMoonSped0019", "Paper Moon - Sped Up", ("Iris Kline",),
                 "Paper Moon (Sped Up)", "QZSB12400701", 171_000, 66, None, version="sped up"),
)

SOUNDS: tuple[Sound, ...] = (
    Sound("speech", "speech"),
    Sound("silence", "silence"),
)


def song(key: str) -> Song:
    """The Song with this Shazam key."""
    for item in SONGS:
        if item.key == key:
            return item
    raise KeyError(key)


def _rng(key: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(key.encode()))


def _song_samples(key: str, seconds: float, start: float) -> np.ndarray:
    """A melody and a chord pad, both drawn from the song's own generator."""
    rng = _rng(key)
    beat = rng.uniform(0.22, 0.38)  # seconds per note
    melody = 220.0 * 2 ** (rng.integers(0, 30, size=64) / 12)  # 64 notes over 2.5 octaves
    chords = 110.0 * 2 ** (rng.integers(0, 24, size=(16, 3)) / 12)  # 16 triads, 4 beats each
    t = start + np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    step = (t // beat).astype(np.int64)
    phase_in_note = (t % beat) / beat
    note = melody[step % len(melody)]
    envelope = np.exp(-3.0 * phase_in_note)
    signal = envelope * (np.sin(2 * np.pi * note * t) + 0.4 * np.sin(4 * np.pi * note * t))
    chord = chords[(step // 4) % len(chords)]
    for voice in range(3):
        signal += 0.25 * np.sin(2 * np.pi * chord[:, voice] * t)
    return signal


def _speech_samples(key: str, seconds: float, start: float) -> np.ndarray:
    """Noise shaped into syllables: talk-like, with no stable pitch for a fingerprint."""
    rng = _rng(key + ":" + str(int(start * 1000)))
    n = int(seconds * SAMPLE_RATE)
    noise = rng.standard_normal(n)
    smoothed = np.convolve(noise, np.ones(6) / 6, mode="same")  # lowpass, like a voice
    t = start + np.arange(n) / SAMPLE_RATE
    syllables = 0.5 + 0.5 * np.sin(2 * np.pi * 4.0 * t) * np.sin(2 * np.pi * 0.7 * t)
    return smoothed * syllables


def render(key: str, seconds: float, *, start: float = 0.0) -> np.ndarray:
    """Mono float32 samples in [-1, 1] at SAMPLE_RATE for a song or sound key."""
    sound = next((s for s in SOUNDS if s.key == key), None)
    if sound is not None and sound.kind == "silence":
        samples = np.zeros(int(seconds * SAMPLE_RATE))
    elif sound is not None:
        samples = _speech_samples(key, seconds, start)
    else:
        song(key)  # a KeyError for anything unknown
        samples = _song_samples(key, seconds, start)
    peak = float(np.max(np.abs(samples))) or 1.0
    return (0.8 * samples / peak).astype(np.float32)


def wav(samples: np.ndarray) -> bytes:
    """Samples from `render` as a 16-bit mono WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes((samples * 32767).astype("<i2").tobytes())
    return buffer.getvalue()
