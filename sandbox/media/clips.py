"""What a clip URL asks for: a ClipSpec, parsed from the path and query, and its ffmpeg command."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from sandbox import catalogue

# Bump when the encoding changes, so stale cache files are never served.
ENCODER_VERSION = "2"

CONTENT_TYPES = {
    "mp4": "video/mp4",
    "m4a": "audio/mp4",
    "webm": "audio/webm",
    "mp3": "audio/mpeg",
    "ogg": "audio/ogg",  # Opus in Ogg: what a Telegram or Discord voice message is
}
MIN_SECONDS, MAX_SECONDS, DEFAULT_SECONDS = 15, 180, 60
MAX_LONG_MINUTES, DEFAULT_LONG_MINUTES = 60, 15
# Pieces of PCM rendered and piped to ffmpeg one at a time, so a long clip never sits in memory.
PIECE_SECONDS = 60.0


@dataclass(frozen=True)
class ClipSpec:
    """One distinct media file: `talk` seconds of speech, then the song from `start`."""

    key: str
    fmt: str
    seconds: float
    start: float = 0.0
    talk: float = 0.0
    cheap: bool = False  # the too-long clip: mono, low bitrate, a tiny video

    @property
    def content_type(self) -> str:
        """The Content-Type a CDN sends for this format."""
        return CONTENT_TYPES[self.fmt]

    def digest(self) -> str:
        """A stable name for the encoded file: a hash of every parameter."""
        text = json.dumps({**asdict(self), "v": ENCODER_VERSION}, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:24]

    def pieces(self) -> list[tuple[str, float, float]]:
        """(key, seconds, start) pieces to render, in order."""
        parts = [("speech", self.talk, 0.0), (self.key, self.seconds - self.talk, self.start)]
        out = []
        for key, length, start in parts:
            done = 0.0
            while done < length:
                step = min(PIECE_SECONDS, length - done)
                # The too-long clip loops its first piece: rendering is the costly part.
                out.append((key, step, start + (0 if self.cheap else done)))
                done += step
        return out


def split_name(name: str) -> tuple[str, str]:
    """'40000001.mp4' -> ('40000001', 'mp4'); LookupError for an unknown format."""
    key, dot, fmt = name.rpartition(".")
    if not dot or fmt not in CONTENT_TYPES:
        raise LookupError(f"unknown media format in {name!r}")
    return key, fmt


def _number(query: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    raw = query.get(name)
    try:
        value = default if raw is None else float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number") from None
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}")
    return value


def _check_key(key: str) -> float:
    """The longest start offset allowed for this key; LookupError if the catalogue lacks it."""
    if any(sound.key == key for sound in catalogue.SOUNDS):
        return 3600.0
    return catalogue.song(key).duration_ms / 1000  # KeyError is a LookupError


def parse_clip(kind: str, name: str, query: Mapping[str, str]) -> ClipSpec:
    """The ClipSpec of /clip/<name> or /long/<name>; LookupError (404) or ValueError (400)."""
    key, fmt = split_name(name)
    song_length = _check_key(key)
    if kind == "long":
        minutes = _number(query, "minutes", DEFAULT_LONG_MINUTES, 1, MAX_LONG_MINUTES)
        return ClipSpec(key, fmt, minutes * 60, cheap=True)
    seconds = _number(query, "seconds", DEFAULT_SECONDS, MIN_SECONDS, MAX_SECONDS)
    start = _number(query, "start", 0.0, 0.0, max(0.0, song_length - 1))
    talk = _number(query, "talk", 0.0, 0.0, seconds - 1)
    return ClipSpec(key, fmt, seconds, start, talk)


def _audio_args(spec: ClipSpec) -> list[str]:
    # Mono: the synthetic audio is mono, and a second channel would double the encode time.
    codec, bitrate, rate = {
        "webm": (["-c:a", "libopus"], "64k", "48000"),
        "ogg": (["-c:a", "libopus"], "32k", "48000"),
        "mp3": (["-c:a", "libmp3lame"], "128k", "44100"),
    }.get(spec.fmt, (["-c:a", "aac"], "96k", "44100"))
    if spec.cheap:
        bitrate, rate = {"webm": ("12k", "48000"), "ogg": ("12k", "48000"),
                         "mp3": ("8k", "8000")}.get(spec.fmt, ("16k", "8000"))
        codec += ["-compression_level", "0"] if spec.fmt in ("webm", "ogg") else []
    return [*codec, "-b:a", bitrate, "-ar", rate, "-ac", "1"]


def ffmpeg_args(spec: ClipSpec, output: Path) -> list[str]:
    """Arguments for ffmpeg reading mono f32le PCM on stdin and writing `output`."""
    args = ["-hide_banner", "-loglevel", "error", "-y",
            "-f", "f32le", "-ar", str(catalogue.SAMPLE_RATE), "-ac", "1", "-i", "pipe:0"]
    if spec.fmt == "mp4":
        # A moving picture at a phone video's bitrate, so the video weighs what it does on a
        # platform and byte counts of an audio window mean something.
        pattern, size, fps, rate = (("color=c=0x1d3557:", "64x64", 1, "8k") if spec.cheap
                                    else ("testsrc2=", "360x640", 15, "800k"))
        source = f"{pattern}s={size}:r={fps}:d={spec.seconds:g}"
        args += ["-f", "lavfi", "-i", source, "-map", "1:v", "-map", "0:a",
                 "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                 "-b:v", rate, "-maxrate", rate, "-bufsize", rate]
    else:
        args += ["-map", "0:a"]
    args += _audio_args(spec)
    muxer = {"mp4": "mp4", "m4a": "ipod", "webm": "webm", "mp3": "mp3", "ogg": "ogg"}[spec.fmt]
    if muxer in ("mp4", "ipod"):
        args += ["-movflags", "+faststart"]  # moov first, as every platform serves it
    return [*args, "-f", muxer, str(output)]


MIB = 1024 * 1024
DEFAULT_HUGE_MB, MAX_HUGE_MB = 500, 4096


def parse_huge(name: str, query: Mapping[str, str]) -> tuple[int, str]:
    """(size in bytes, content type) of /huge/<name>?mb=N; LookupError or ValueError."""
    _, fmt = split_name(name)
    megabytes = _number(query, "mb", DEFAULT_HUGE_MB, 1, MAX_HUGE_MB)
    return int(megabytes * MIB), CONTENT_TYPES[fmt]
