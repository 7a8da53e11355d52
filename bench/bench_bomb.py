"""A gzip bomb page on a listed host: time, event-loop stall and peak memory of one fetch.

Run: python bench/bench_bomb.py [--mb 200]   (one run; figures are printed, never asserted)

A local server answers every request with an HTML page of `--mb` MiB of spaces, gzipped (about
1/1000 of that on the wire), as `Content-Encoding: gzip` whatever the request asked for. Each case
runs in a fresh process, so that its peak resident memory is its own:

    fetcher   the real fetcher, the host in MEDIA_EXTRA_HOSTS (plain HTTP: the proxy sees the head)
    https     yt-dlp's look at the page as the fetcher makes it, without the proxy, as over an
              HTTPS tunnel the proxy cannot read (only the page cap stands)
    unbounded plain yt-dlp reading the same page, no proxy and no cap: what the fetcher did before
    media     the real fetcher on an MP3 that unpacks to `--mb` MiB of ID3 pictures, served as
              `Content-Encoding: identity` then `Content-Encoding: gzip` (issue 23)
    media-https  ffmpeg cutting that MP3 with no guard proxy able to read the head, as over an
              HTTPS tunnel: only ffmpeg's memory bound stands

The ffmpeg column is the peak resident memory of the case's child processes (ffmpeg).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import yt_dlp
from aiohttp import web
from multidict import CIMultiDict

from adapters.media import YtdlpFetcher
from adapters.media.ffmpeg import Source, cut_window, find_ffmpeg
from adapters.media.ytdlp import QuietLog, probe
from core.links import parse_links
from core.models import Platform
from sandbox.media.bombs import id3_bomb, tone_mp3

MIB = 1024 * 1024
CASES = ("fetcher", "https", "unbounded", "media", "media-https")
MEDIA_HEADERS = (("Content-Type", "audio/mpeg"), ("Content-Encoding", "identity"),
                 ("Content-Encoding", "gzip"))


def bomb(mib: int) -> bytes:
    """`mib` MiB of spaces in an HTML page, gzipped a MiB at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(b"<html><body>")]
    parts += [packer.compress(b" " * MIB) for _ in range(mib)]
    return b"".join(parts) + packer.compress(b"</body></html>") + packer.flush()


async def serving(body: bytes, media: bool) -> tuple[web.AppRunner, int]:
    headers = CIMultiDict(MEDIA_HEADERS if media else (("Content-Type", "text/html"),
                                                       ("Content-Encoding", "gzip")))

    async def page(request: web.Request) -> web.Response:
        return web.Response(body=body, headers=headers)

    app = web.Application()
    app.router.add_get("/{tail:.*}", page)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, runner.addresses[0][1]


def unbounded(url: str) -> None:
    params: dict[str, Any] = {"quiet": True, "logger": QuietLog(), "skip_download": True,
                              "allowed_extractors": ["generic"], "retries": 0}
    with yt_dlp.YoutubeDL(params) as ydl:
        ydl.extract_info(url, download=False)


async def cut_unguarded(url: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        await cut_window(find_ffmpeg(), Source(url, "mp3"), 0, 10, proxy=url.rsplit("/", 1)[0],
                         into=Path(tmp), rw_timeout=30)


def job(case: str, url: str, listed: str) -> Callable[[], Awaitable[Any]]:
    if case == "media-https":
        return lambda: cut_unguarded(url)
    if case in ("fetcher", "media"):
        [link] = parse_links(url, [listed])
        return lambda: YtdlpFetcher(extra_hosts=[listed]).fetch(link)
    if case == "https":
        return lambda: asyncio.to_thread(probe, url, Platform.DIRECT, proxy="", cookiefile=None,
                                         socket_timeout=10)
    return lambda: asyncio.to_thread(unbounded, url)


async def run_case(case: str, mib: int) -> dict[str, Any]:
    media = case.startswith("media")
    body = id3_bomb(mib, tone_mp3(find_ffmpeg())) if media else bomb(mib)
    runner, port = await serving(body, media)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stalls = [0.0]

    async def watch() -> None:
        while True:
            started = time.monotonic()
            await asyncio.sleep(0.05)
            stalls.append(time.monotonic() - started - 0.05)

    watcher = asyncio.create_task(watch())
    started = time.monotonic()
    try:
        path = "/song.mp3" if media else "/watch"
        await job(case, f"http://127.0.0.1:{port}{path}", f"127.0.0.1:{port}")()
        answer = "fetched"
    except Exception as err:
        answer = f"{type(err).__name__}: {getattr(err, 'user_message', str(err))[:80]}"
    seconds = time.monotonic() - started
    watcher.cancel()
    await runner.cleanup()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"case": case, "wire_kb": len(body) // 1024, "seconds": round(seconds, 2),
            "stall": round(max(stalls), 2), "peak_mb": peak // 1024,
            "growth_mb": (peak - before) // 1024, "answer": answer,
            "ffmpeg_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--case", choices=CASES)
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(asyncio.run(run_case(args.case, args.mb))))
        return
    print("| case | on the wire | seconds | longest loop stall | peak RSS (growth) | ffmpeg "
          "| answer |")
    print("|---|---|---|---|---|---|---|")
    for case in args.cases.split(","):
        out = subprocess.run(  # noqa: S603 - this very script, in a fresh process
            [sys.executable, __file__, "--mb", str(args.mb), "--case", case],
            capture_output=True, text=True, check=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        print(f"| {case} | {row['wire_kb']} kB | {row['seconds']} s | {row['stall']} s | "
              f"{row['peak_mb']} MB (+{row['growth_mb']}) | {row['ffmpeg_mb']} MB | "
              f"{row['answer']} |")


if __name__ == "__main__":
    main()
