"""How little the media fetcher downloads, and how soon the audio is ready, against the sandbox.

Run: python bench/bench_media.py [--rates 2000000,0]   (one run; figures printed, never asserted)

For each format, a 60 s clip on the media host serving 2 MB/s, and again unthrottled (rate 0:
as fast as loopback goes, where read-ahead costs bytes and no time): the bytes served for the
first audio window (yt-dlp's look at the link included; the host counts in 64 kB chunks) against
the file's size, the bytes that reached the job (exact, from its proxy), and the seconds until
the window was ready against yt-dlp downloading the whole file from the same host.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

import yt_dlp

from adapters.media import YtdlpFetcher
from adapters.media.ytdlp import QuietLog
from core.links import parse_links
from sandbox.media import MediaHost

RATE = 2_000_000  # bytes per second
SECONDS = 60
FORMATS = ("mp4", "m4a", "webm", "mp3")


def whole_file(url: str) -> None:
    """yt-dlp downloading the whole file, the way the seed of this product did."""
    with tempfile.TemporaryDirectory() as tmp:
        params: dict[str, Any] = {"quiet": True, "noprogress": True, "logger": QuietLog(),
                                  "outtmpl": str(Path(tmp) / "%(id)s.%(ext)s"), "retries": 0}
        with yt_dlp.YoutubeDL(params) as ydl:
            ydl.extract_info(url, download=True)


async def settle(host: MediaHost) -> None:
    """Let the host notice hang-ups, so the byte count is final."""
    await asyncio.sleep(0.3)


async def measure(host: MediaHost, fmt: str, window_seconds: float, rate: int
                  ) -> dict[str, Any]:
    """One run for one format: the window, then the whole file (rate 0: unthrottled)."""
    url = host.url("40000001", fmt, seconds=SECONDS, rate=rate or None)
    size = await host.size(url)  # encoded before any clock starts
    hosts = [f"127.0.0.1:{host.port}"]
    fetcher = YtdlpFetcher(extra_hosts=hosts, window_seconds=window_seconds)
    host.reset_bytes()
    began = time.perf_counter()
    await fetcher.fetch(parse_links(url, hosts)[0])
    window_time = time.perf_counter() - began
    received = fetcher.received_bytes
    await settle(host)
    window_bytes = host.bytes_served(url)
    host.reset_bytes()
    began = time.perf_counter()
    await asyncio.to_thread(whole_file, url)
    whole_time = time.perf_counter() - began
    await settle(host)
    return {"fmt": fmt, "window": window_seconds, "rate": rate, "size": size,
            "window_bytes": window_bytes, "received": received,
            "whole_bytes": host.bytes_served(url), "window_s": window_time,
            "whole_s": whole_time}


def show(rows: list[dict[str, Any]]) -> None:
    """The table, one line per format and window length."""
    print("60 s clips (one run each); rate in MB/s, 0: unthrottled")
    print(f"{'rate':>4} {'format':6} {'window':>6} {'file':>9} {'window bytes':>13} {'share':>6} "
          f"{'received':>9} {'whole bytes':>12} {'window s':>9} {'whole s':>8} {'speed-up':>8}")
    for r in rows:
        print(f"{r['rate'] / 1e6:>4g} {r['fmt']:6} {r['window']:>5g}s {r['size']:>9,} "
              f"{r['window_bytes']:>13,} "
              f"{r['window_bytes'] / r['size']:>6.1%} {r['received']:>9,} {r['whole_bytes']:>12,} "
              f"{r['window_s']:>9.2f} {r['whole_s']:>8.2f} {r['whole_s'] / r['window_s']:>7.1f}x")


async def main() -> None:
    """Every format, at the default window (10 s) and a 12 s one, throttled and not."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default=f"{RATE},0", help="bytes per second; 0: unthrottled")
    parser.add_argument("--windows", default="10,12")
    args = parser.parse_args()
    rates = [int(r) for r in args.rates.split(",")]
    windows = [float(w) for w in args.windows.split(",")]
    async with MediaHost() as host:
        rows = [await measure(host, fmt, window, rate)
                for rate in rates for window in windows for fmt in FORMATS]
    show(rows)


if __name__ == "__main__":
    asyncio.run(main())
