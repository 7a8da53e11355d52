"""How soon the windows of a file sent in a chat are ready, against decoding the whole file.

Run: python bench/bench_files.py   (one run; figures are printed, never asserted)

For each file (catalogue songs encoded by the sandbox), the time for the file reader's one
ffmpeg look plus one ffmpeg run that cuts every window (start, middle, end) as 16 kHz WAV,
side by side with ffmpeg decoding the whole file's audio; best of five each.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from adapters.media.ffmpeg import find_ffmpeg
from adapters.media.local import cut_windows
from sandbox.media.clips import ClipSpec
from sandbox.media.encoder import ClipCache

FILES = (("mp4", 60), ("mp4", 180), ("mp3", 180), ("ogg", 15))


async def best_of(runs: int, work: Callable[[], Awaitable[object]]) -> float:
    """The fastest of `runs` runs, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        times.append(time.perf_counter() - started)
    return min(times)


async def whole(ffmpeg: str, path: Path) -> None:
    """ffmpeg decoding every audio frame of the file."""
    process = await asyncio.create_subprocess_exec(
        ffmpeg, "-v", "error", "-i", str(path), "-vn", "-f", "null", "-",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    await process.wait()


async def main() -> None:
    ffmpeg = find_ffmpeg()
    with tempfile.TemporaryDirectory() as cache_dir:
        clips = ClipCache(Path(cache_dir))
        print("| file | size | windows | bytes kept | windows ready | whole decode |")
        print("|---|---|---|---|---|---|")
        for fmt, seconds in FILES:
            path = await clips.path(ClipSpec("40000001", fmt, seconds))
            kept: list[int] = []

            async def windows(path: Path = path, kept: list[int] = kept) -> None:
                with tempfile.TemporaryDirectory() as tmp:
                    cut = await cut_windows(ffmpeg, path, seconds=10, lead=2, into=Path(tmp))
                kept[:] = [len(w.data) for w in cut.windows]

            ready = await best_of(5, windows)
            full = await best_of(5, lambda path=path: whole(ffmpeg, path))  # type: ignore[misc]
            print(f"| {fmt} {seconds} s | {path.stat().st_size:,} | {len(kept)} | {sum(kept):,} "
                  f"| {ready:.3f} s | {full:.3f} s |")


if __name__ == "__main__":
    asyncio.run(main())
