"""Reference peaks of every catalogue song, from shazamio_core's own signature generator.

Rendering and signing a whole catalogue takes several CPU-seconds, so each song's peaks are
computed once per process, and kept on disk (keyed by the catalogue's source and the
shazamio_core version) so the next process starts at once.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import importlib.metadata
import math
import os
import tempfile
from pathlib import Path

import numpy as np
from shazamio_core import Recognizer

from sandbox import catalogue
from sandbox.cache import cache_dir
from sandbox.shazam.signature import Peaks, decode_uri

_FORMAT = "2"  # bump when the stored arrays change meaning
_CHUNK_SECONDS = 10
_MEMORY: dict[str, Peaks] = {}  # a pure function's results, shared by every stand-in


def default_cache_dir() -> Path:
    """Where reference peaks are kept between processes: this user's private sandbox cache."""
    return cache_dir("shazam")


async def reference(key: str, cache_dir: Path | None) -> Peaks:
    """The peaks of a whole catalogue song: from memory, from disk, or computed (seconds)."""
    if key in _MEMORY:
        return _MEMORY[key]
    path = None if cache_dir is None else cache_dir / f"{key}-{_fingerprint()}.npz"
    peaks = await asyncio.to_thread(_load, path) if path is not None else None
    if peaks is None:
        # Rendering is numpy in a thread; signing runs in the Rust core's own threads.
        audio = await asyncio.to_thread(_rendered, key)
        seconds = catalogue.song(key).duration_ms / 1000
        recognizer = Recognizer(segment_duration_seconds=math.ceil(seconds))
        signature = await recognizer.recognize_bytes(audio)
        peaks = decode_uri(signature.signature.uri)
        if path is not None:
            await asyncio.to_thread(_store, path, peaks)
    _MEMORY[key] = peaks
    return peaks


def _rendered(key: str) -> bytes:
    """The whole song as WAV, rendered in pieces: small arrays stay in the CPU cache (2x faster)."""
    seconds = catalogue.song(key).duration_ms / 1000
    starts = range(0, math.ceil(seconds), _CHUNK_SECONDS)
    pieces = [catalogue.render(key, min(_CHUNK_SECONDS, seconds - at), start=at) for at in starts]
    return catalogue.wav(np.concatenate(pieces))



@functools.cache
def _fingerprint() -> str:
    """What the stored peaks depend on: the catalogue's code and the signature generator."""
    digest = hashlib.sha256(Path(catalogue.__file__).read_bytes())
    digest.update(importlib.metadata.version("shazamio_core").encode())
    digest.update(_FORMAT.encode())
    return digest.hexdigest()[:16]


def _load(path: Path) -> Peaks | None:
    if not path.exists():
        return None
    with np.load(path) as stored:
        return Peaks(stored["passes"], stored["magnitudes"], stored["bins"])


def _store(path: Path, peaks: Peaks) -> None:
    """Write atomically; a cache that cannot be written is only a slower start."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".npz")
        with os.fdopen(handle, "wb") as out:
            np.savez(out, passes=peaks.passes, magnitudes=peaks.magnitudes, bins=peaks.bins)
        os.replace(temporary, path)
    except OSError:
        pass
