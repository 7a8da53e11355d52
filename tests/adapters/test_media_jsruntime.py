"""YouTube's JavaScript challenges: yt-dlp, as Stash configures it, sees Deno and the solver.

Offline: a stand-in for yt-dlp's own YouTube extractor runs inside the YoutubeDL that `probe`
builds, and asks yt-dlp's challenge director (the one the real extractor uses) what it found.
"""

from __future__ import annotations

import os
import subprocess
from typing import Any, ClassVar

import deno
import pytest
import yt_dlp_ejs
from yt_dlp.extractor.youtube import YoutubeIE
from yt_dlp.extractor.youtube.jsc._builtin.ejs import ScriptSource
from yt_dlp.extractor.youtube.jsc.provider import JsChallengeProviderError

from adapters.media import jsruntime
from adapters.media.ytdlp import probe
from core.links import parse_links


class YoutubeStandIn(YoutubeIE):  # type: ignore[misc]
    """The real YouTube extractor's set-up (its challenge director), without its requests."""

    _VALID_URL = r"https://www\.youtube\.com/watch\?v=(?P<id>[\w-]{11})"
    seen: ClassVar[list[dict[str, Any]]] = []

    def _real_extract(self, url: str) -> dict[str, Any]:
        deno_solver = self._jsc_director.providers["Deno"]
        YoutubeStandIn.seen.append({
            "params": dict(self._downloader.params),
            "available": deno_solver.is_available(),
            "runtime": deno_solver.runtime_info,
            "scripts": (deno_solver._lib_script, deno_solver._core_script),
            "solver": deno_solver,
        })
        return {"id": self._match_id(url), "url": "https://media.invalid/a.m4a", "ext": "m4a"}


@pytest.fixture(scope="module")
def seen() -> dict[str, Any]:
    """What yt-dlp's YouTube set-up saw for a shared Shorts link, as Stash probes it."""
    [link] = parse_links("https://youtube.com/shorts/dQw4w9WgXcQ?si=AbCdEfGhIjKlMnOp")
    YoutubeStandIn.seen.clear()
    probe(link.canonical_url, link.platform, proxy="http://127.0.0.1:9", cookiefile=None,
          socket_timeout=5, extractors=[YoutubeStandIn])
    [found] = YoutubeStandIn.seen
    return found


def test_deno_from_the_deno_package_is_handed_over_by_absolute_path(seen: dict[str, Any]) -> None:
    path = seen["params"]["js_runtimes"]["deno"]["path"]
    assert os.path.isabs(path)
    assert path == deno.find_deno_bin()
    assert not seen["params"]["remote_components"]  # never a script download at run time


def test_yt_dlp_detects_the_runtime_and_its_version(seen: dict[str, Any]) -> None:
    runtime = seen["runtime"]
    assert seen["available"]
    assert runtime is not None and runtime.supported
    assert runtime.path == deno.find_deno_bin()
    printed = subprocess.run([runtime.path, "--version"], capture_output=True, text=True,
                             check=True, timeout=30).stdout
    assert printed.startswith(f"deno {runtime.version}")


def test_the_solver_scripts_come_from_the_installed_yt_dlp_ejs(seen: dict[str, Any]) -> None:
    for script in seen["scripts"]:
        assert script.source is ScriptSource.PYPACKAGE
        assert script.version == yt_dlp_ejs.version


def test_deno_runs_the_solver_scripts(seen: dict[str, Any]) -> None:
    """The solver parses what it is given: a page that is no player is its own error, from Deno."""
    solver = seen["solver"]
    with pytest.raises(JsChallengeProviderError, match="unexpected structure"):
        solver._run_js_runtime(solver._construct_stdin("var notAPlayer = 1;", False, []))


def test_status_reports_what_the_check_prints() -> None:
    status = jsruntime.status()
    assert status.path == deno.find_deno_bin()
    assert status.supported and status.version and status.version[0].isdigit()
    assert status.solver == yt_dlp_ejs.version
