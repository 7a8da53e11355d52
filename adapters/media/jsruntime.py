"""The JavaScript runtime yt-dlp needs for YouTube: the Deno binary installed with Stash.

Since yt-dlp 2025.11.12, YouTube's signature and "n" challenges are solved by yt-dlp-ejs's
scripts running in an outside JavaScript runtime. The `deno` package puts the binary in the
environment's scripts folder, where yt-dlp does not always look (another interpreter, a
service's PATH): hand it over by absolute path. Remote components stay off: the solver scripts
come from the installed yt-dlp-ejs package, never from a download at run time.
"""

from __future__ import annotations

import shutil
import sysconfig
from dataclasses import dataclass
from typing import Any

import deno
from yt_dlp.dependencies import yt_dlp_ejs
from yt_dlp.globals import supported_js_runtimes

RUNTIME = "deno"
INSTALL = 'pip install --upgrade "yt-dlp[default]" deno'

# Filled here, once: Python 3.11 fills sysconfig's variables unguarded on first use, and two
# fetch threads asking for the Deno binary at once saw "EXE" as None (a failed fetch).
sysconfig.get_config_vars()


@dataclass(frozen=True)
class RuntimeStatus:
    """What yt-dlp's own detection says about the runtime Stash hands it."""

    path: str | None
    version: str | None  # None: not found, or not runnable
    supported: bool
    solver: str | None  # the yt-dlp-ejs version, None when the package is missing


def deno_path() -> str | None:
    """The absolute path of the Deno binary from the `deno` package, else one on PATH."""
    try:
        return str(deno.find_deno_bin())
    except FileNotFoundError:
        return shutil.which(RUNTIME)


def ytdlp_options() -> dict[str, Any]:
    """yt-dlp parameters: Deno by absolute path (when found), and no remote components."""
    path = deno_path()
    return {"js_runtimes": {RUNTIME: {"path": path} if path else {}},
            "remote_components": []}


def status() -> RuntimeStatus:
    """Ask yt-dlp's runtime detection about the runtime `ytdlp_options` passes (runs it once)."""
    path = deno_path()
    info = supported_js_runtimes.value[RUNTIME](path=path).info if path else None
    solver = getattr(yt_dlp_ejs, "version", None) if yt_dlp_ejs else None
    return RuntimeStatus(path, info.version if info else None,
                         bool(info and info.supported), solver)
