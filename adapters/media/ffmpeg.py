"""Cutting an audio window out of a remote media file with ffmpeg, through the guard proxy."""

from __future__ import annotations

import asyncio
import functools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import imageio_ffmpeg

# ffmpeg may open only network protocols: never file:, pipe: or subfile:, whatever a playlist or
# a redirect names.
PROTOCOLS = "http,https,tcp,tls,httpproxy,crypto"
_DURATION = re.compile(rb"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
# Containers that take an audio stream as it is (-c copy), by the media file's extension.
_CONTAINERS = {"mp4": "m4a", "m4a": "m4a", "mov": "m4a", "m4v": "m4a", "webm": "webm",
               "mp3": "mp3", "ogg": "ogg", "opus": "ogg", "aac": "m4a"}
_MUXERS = {"m4a": "ipod", "webm": "webm", "mp3": "mp3", "ogg": "ogg", "mka": "matroska"}


# Each HTTP request asks for a bounded byte range: an open-ended one lets the host (and the guard
# proxy) push most of a small audio file ahead of what ffmpeg reads. ffmpeg 7.1 and later.
REQUEST_SIZE = 32 * 1024

# The address space ffmpeg may use while it reads remote media. Its own takes about 200 MiB (code,
# threads' stacks and arenas; measured with -c copy); a body that unpacks inside ffmpeg, where the
# guard proxy cannot see its encoding (an HTTPS tunnel), fails at this bound instead of growing
# to gigabytes (issue 23: 597 KB on the wire took ffmpeg to 1,230 MB).
MEMORY_LIMIT = 512 * 1024 * 1024
# The bound is set by a shell between fork and exec (`ulimit -v`, KiB), then ffmpeg replaces it:
# a Python preexec_fn may deadlock in a process with threads (yt-dlp's), as its docs warn.
_WITHIN = 'ulimit -v "$1" && shift && exec "$@"'


@functools.cache
def ranged_requests(ffmpeg: str) -> tuple[str, ...]:
    """The options that bound each HTTP request, when this ffmpeg has them (else none)."""
    try:
        shown = subprocess.run([ffmpeg, "-hide_banner", "-h", "protocol=http"],  # noqa: S603
                               capture_output=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    if b"-request_size" not in shown or b"-initial_request_size" not in shown:
        return ()
    size = str(REQUEST_SIZE)
    return ("-multiple_requests", "1", "-initial_request_size", size, "-request_size", size)


def find_ffmpeg() -> str:
    """A system ffmpeg when there is one, else the one shipped in the imageio-ffmpeg wheel."""
    return shutil.which("ffmpeg") or imageio_ffmpeg.get_ffmpeg_exe()


@dataclass(frozen=True)
class Source:
    """What ffmpeg reads: the media URL and the headers the platform wants with it."""

    url: str
    ext: str
    # Cookies travel here: kept out of reprs, so out of logs and error reports' locals.
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Cut:
    """An audio window on disk, and what ffmpeg said about the whole media."""

    path: Path
    container: str
    duration: float | None
    stderr: str


class FfmpegFailed(Exception):
    """ffmpeg could not read the media; the message is ffmpeg's own last lines."""


# In an FfmpegFailed message when ffmpeg died (at its memory bound, typically): classify() reads it.
UNREADABLE_MARK = "media too demanding to read"


def container_for(ext: str) -> str:
    """The audio container for a media file's extension (Matroska takes any codec)."""
    return _CONTAINERS.get(ext.lower(), "mka")


def parse_duration(stderr: bytes) -> float | None:
    """The media duration ffmpeg printed for its input, in seconds."""
    match = _DURATION.search(stderr)
    if match is None:
        return None
    hours, minutes, seconds = match.groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


async def run_ffmpeg(ffmpeg: str, args: list[str], env: dict[str, str] | None = None,
                     memory_limit: int | None = None) -> tuple[int, bytes]:
    """Run ffmpeg with `args` (its address space capped at `memory_limit` bytes); its exit code
    and what it printed on stderr."""
    command = [ffmpeg, "-hide_banner", "-nostdin", *args]
    if memory_limit is not None:
        command = ["/bin/sh", "-c", _WITHIN, "sh", str(memory_limit // 1024), *command]
    process = await asyncio.create_subprocess_exec(
        *command, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE, env=env)
    try:
        _, stderr = await process.communicate()
    finally:
        if process.returncode is None:  # cancelled (the job's timeout): ffmpeg must not linger
            process.kill()
            await process.wait()
    return process.returncode or 0, stderr


async def cut_window(ffmpeg: str, source: Source, start: float, seconds: float, *,
                     proxy: str, into: Path, rw_timeout: float) -> Cut:
    """Read `seconds` of audio from `start` (ffmpeg seeks with Range requests, reads no more)."""
    container = container_for(source.ext)
    out = into / f"window.{container}"
    args = ["-loglevel", "info", "-y",
            "-protocol_whitelist", PROTOCOLS, "-http_proxy", proxy,
            "-rw_timeout", str(int(rw_timeout * 1_000_000)), "-reconnect", "0"]
    if source.headers:
        args += ["-headers", "".join(f"{k}: {v}\r\n" for k, v in source.headers)]
    args += ranged_requests(ffmpeg)
    if start > 0:
        args += ["-ss", f"{start:.3f}"]
    # -vn on the input discards the video, so the seek goes by the audio's frames rather than
    # the video's keyframes (which may be a minute apart); only audio packets are read.
    args += ["-t", f"{seconds:.3f}", "-vn", "-sn", "-dn", "-i", source.url, "-map", "0:a:0",
             "-c", "copy", "-f", _MUXERS[container], str(out)]
    # ffmpeg skips its proxy for hosts in no_proxy: nothing may bypass the guard.
    env = {k: v for k, v in os.environ.items() if k.lower() != "no_proxy"}
    code, stderr = await run_ffmpeg(ffmpeg, args, env, MEMORY_LIMIT)
    text = stderr.decode(errors="replace")
    if code < 0:  # killed by a signal: at its memory bound, ffmpeg dies rather than says so
        raise FfmpegFailed(f"{text[-500:]}\nffmpeg ended by signal {-code}: {UNREADABLE_MARK}")
    if code != 0 or not out.exists() or out.stat().st_size == 0:
        raise FfmpegFailed(text[-600:])
    return Cut(out, container, parse_duration(stderr), text)
