"""Where the stand-ins keep what they computed once (encoded clips, reference peaks) between runs.

The system temp directory is shared by every account on the machine, so a fixed path there
could hold files planted by someone else. The cache is one private directory per user: made with
mode 0700 and trusted only when it is a real directory, owned by this user, closed to others.
Otherwise the stand-ins build their caches afresh in a private directory removed at exit.
Entries are named after a digest of the code that produced them, so a change never reads stale
files. `STASH_SANDBOX_CACHE` chooses another directory (it is checked the same way).
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

ENV = "STASH_SANDBOX_CACHE"


def cache_dir(name: str) -> Path:
    """A private folder `name` in this user's sandbox cache (created if missing)."""
    folder = _root() / name
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def fingerprint(*parts: str | Path | Iterable[str | Path]) -> str:
    """A short digest of source files (paths) and version strings, for naming cache entries."""
    digest = hashlib.sha256()
    for part in parts:
        items = [part] if isinstance(part, str | Path) else list(part)
        for item in items:
            digest.update(Path(item).read_bytes() if isinstance(item, Path) else item.encode())
            digest.update(b"\0")
    return digest.hexdigest()[:16]


@functools.cache
def _root() -> Path:
    chosen = os.environ.get(ENV)
    root = Path(chosen) if chosen else Path(tempfile.gettempdir()) / f"stash-sandbox-{_user()}"
    try:
        root.mkdir(mode=0o700, exist_ok=True)
        if is_private(root):
            return root
    except OSError:
        pass
    return _per_run()


def is_private(folder: Path) -> bool:
    """A real directory (not a link), owned by this user, closed to every other account."""
    info = os.lstat(folder)
    owner = getattr(os, "getuid", lambda: info.st_uid)()
    return stat.S_ISDIR(info.st_mode) and info.st_uid == owner and not info.st_mode & 0o077


def _per_run() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="stash-sandbox-run-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _user() -> str:
    return str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
