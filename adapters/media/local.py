"""Audio windows out of a file on our own disk (a file sent in a chat), with ffmpeg."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from pathlib import Path

from adapters.media.ffmpeg import parse_duration, run_ffmpeg
from adapters.media.windows import window_starts

# The file is one we downloaded: ffmpeg may read it and nothing else. Only demuxers of audio and
# video files: never a playlist (HLS, concat, ...) that would name other files or addresses.
PROTOCOLS = "file"
DEMUXERS = ("mov,matroska,webm,ogg,mp3,wav,flac,aac,avi,mpegts,asf,amr,caf,aiff,flv,"
            "mpeg,w64,3gp")
# Windows are decoded to what the recognizer reads best, whatever codec the file used.
RATE = 16_000
_AUDIO_STREAM = re.compile(rb"Stream #\d+:\d+.*: Audio: ")


class Unreadable(Exception):
    """ffmpeg could not read the file as audio or video; the message is its last lines."""


class Silent(Exception):
    """The file plays, but has no audio stream."""


@dataclass(frozen=True)
class Window:
    """One audio window of a file: WAV bytes and where in the file it starts."""

    data: bytes
    start: float


@dataclass(frozen=True)
class FileWindows:
    """The windows worth listening to in a file, in the order to try them."""

    windows: tuple[Window, ...]
    duration: float | None


def _input(path: Path) -> list[str]:
    return ["-protocol_whitelist", PROTOCOLS, "-format_whitelist", DEMUXERS, "-i", str(path)]


async def probe_file(ffmpeg: str, path: Path) -> float | None:
    """The file's duration (None when it does not say); Unreadable or Silent otherwise."""
    # With no output ffmpeg only opens the input, prints what it found and exits 1.
    _, stderr = await run_ffmpeg(ffmpeg, _input(path))
    if b"Input #0" not in stderr:
        raise Unreadable(stderr.decode(errors="replace")[-600:])
    if not _AUDIO_STREAM.search(stderr):
        raise Silent()
    return parse_duration(stderr)


async def cut_windows(ffmpeg: str, path: Path, *, seconds: float, lead: float,
                      into: Path) -> FileWindows:
    """Every distinct window of the file (start, middle, end), decoded in one ffmpeg run."""
    duration = await probe_file(ffmpeg, path)
    starts = window_starts(duration, seconds, lead)
    args: list[str] = []
    for start in starts:  # one input per window: each seeks by itself, reading only its part
        args += ["-ss", f"{start:.3f}", "-t", f"{seconds:.3f}", *_input(path)]
    outputs = [into / f"window{n}.wav" for n in range(len(starts))]
    for n, out in enumerate(outputs):
        args += ["-map", f"{n}:a:0", "-ac", "1", "-ar", str(RATE), "-c:a", "pcm_s16le",
                 "-f", "wav", "-y", str(out)]
    code, stderr = await run_ffmpeg(ffmpeg, ["-loglevel", "error", *args])
    if code != 0 or not all(out.exists() and out.stat().st_size > 44 for out in outputs):
        raise Unreadable(stderr.decode(errors="replace")[-600:])
    data = await asyncio.to_thread(lambda: [out.read_bytes() for out in outputs])
    return FileWindows(tuple(Window(d, s) for d, s in zip(data, starts, strict=True)),
                       duration)
