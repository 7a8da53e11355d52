"""Encode clips with imageio-ffmpeg's binary, lazily, once per distinct file, cached on disk."""

from __future__ import annotations

import asyncio
import itertools
import os
from pathlib import Path

import imageio_ffmpeg

from sandbox import catalogue
from sandbox.media.clips import ClipSpec, ffmpeg_args


class EncodeError(RuntimeError):
    """ffmpeg failed to encode a clip."""


class ClipCache:
    """Encoded clips in `directory`, named by a hash of their parameters."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.encodes = 0  # ffmpeg runs by this cache: proof that concurrent requests share one
        self._locks: dict[str, asyncio.Lock] = {}
        self._serial = itertools.count()

    async def path(self, spec: ClipSpec) -> Path:
        """The encoded file for `spec`, encoding it first if no earlier request did."""
        target = self.directory / f"{spec.digest()}.{spec.fmt}"
        if target.exists():
            return target
        async with self._locks.setdefault(target.name, asyncio.Lock()):
            if not target.exists():
                await self._encode(spec, target)
        return target

    async def _encode(self, spec: ClipSpec, target: Path) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        # A private partial name, then an atomic rename: other processes sharing the
        # directory never see half a file.
        partial = target.with_name(f"{target.name}.{os.getpid()}-{next(self._serial)}.part")
        process = await asyncio.create_subprocess_exec(
            imageio_ffmpeg.get_ffmpeg_exe(), *ffmpeg_args(spec, partial),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            _, (_, stderr) = await asyncio.gather(self._feed(process, spec), process.communicate())
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        if process.returncode != 0:
            partial.unlink(missing_ok=True)
            raise EncodeError(f"ffmpeg exited {process.returncode}: {stderr.decode()[-500:]}")
        os.replace(partial, target)
        self.encodes += 1

    @staticmethod
    async def _feed(process: asyncio.subprocess.Process, spec: ClipSpec) -> None:
        stdin = process.stdin
        if stdin is None:
            return
        last: tuple[tuple[str, float, float], bytes] | None = None
        try:
            for piece in spec.pieces():
                if last is None or last[0] != piece:
                    key, seconds, start = piece
                    pcm = await asyncio.to_thread(catalogue.render, key, seconds, start=start)
                    last = piece, pcm.tobytes()
                stdin.write(last[1])
                await stdin.drain()
        except (BrokenPipeError, ConnectionResetError):
            pass  # ffmpeg stopped reading: its exit code and stderr tell why
        finally:
            stdin.close()
