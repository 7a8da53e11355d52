"""YouTube's JavaScript challenges: yt-dlp, as Stash configures it, sees Deno and the solver.

Offline: a stand-in for yt-dlp's own YouTube extractor runs inside the YoutubeDL that `probe`
builds. It keeps the real extractor's set-up (its challenge director, as YouTube videos use it)
and hands the director a small player of the shape YouTube's has, as if the page had served it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any, ClassVar

import deno
import pytest
import yt_dlp_ejs
from yt_dlp.extractor.youtube import YoutubeIE
from yt_dlp.extractor.youtube.jsc._builtin.ejs import ScriptSource
from yt_dlp.extractor.youtube.jsc.provider import (
    JsChallengeRequest,
    JsChallengeType,
    NChallengeInput,
    SigChallengeInput,
)

from adapters.media import jsruntime
from adapters.media.ytdlp import probe
from core.links import parse_links

PLAYER_URL = "https://www.youtube.com/s/player/0123abcd/player_ias.vflset/en_US/base.js"
# The shape the solver looks for in YouTube's player: a function that marks itself with
# ("alr", "yes") and returns a URL object whose one extra method answers the challenges.
# Here the answers are the challenges reversed (n also prefixed), so a result proves it ran.
PLAYER = r"""
(function (g) {
  function Challenge(base, key, value) {
    this.params = {};
    if (value !== undefined) this.params[key] = value;
  }
  Challenge.prototype.set = function (key, value) { this.params[key] = value; };
  Challenge.prototype.get = function (key) { return this.params[key]; };
  Challenge.prototype.clone = function () { return this; };
  Challenge.prototype.answer = function () {
    var reversed = function (text) { return text.split("").reverse().join(""); };
    if (this.params.n) this.params.n = "ok-" + reversed(this.params.n);
    var s = this.params.s;
    if (s) this.params.s = encodeURIComponent(reversed(decodeURIComponent(s)));
  };
  function challengeUrl(base, key, value) {
    g.mark("alr", "yes");
    return new Challenge(base, key, value);
  }
}).call(this, { mark: function () {} });
"""


class YoutubeStandIn(YoutubeIE):  # type: ignore[misc]
    """The real YouTube extractor's set-up and challenge solving, without its requests."""

    _VALID_URL = r"https://www\.youtube\.com/watch\?v=(?P<id>[\w-]{11})"
    seen: ClassVar[list[dict[str, Any]]] = []

    def _real_extract(self, url: str) -> dict[str, Any]:
        video_id = self._match_id(url)
        self._code_cache[self._player_js_cache_key(PLAYER_URL)] = PLAYER  # as if downloaded
        deno_solver = self._jsc_director.providers["Deno"]
        solved = self._jsc_director.bulk_solve([
            JsChallengeRequest(JsChallengeType.N, NChallengeInput(PLAYER_URL, ["n0Chall3nge"]),
                               video_id),
            JsChallengeRequest(JsChallengeType.SIG,
                               SigChallengeInput(PLAYER_URL, ["sig/Chall3nge=="]), video_id),
        ])
        YoutubeStandIn.seen.append({
            "params": dict(self._downloader.params),
            "runtime": deno_solver.runtime_info,
            "scripts": (deno_solver._lib_script, deno_solver._core_script) if solved else (),
            "solved": {request.type: response.output.results for request, response in solved},
        })
        return {"id": video_id, "url": "https://media.invalid/a.m4a", "ext": "m4a"}


def shared_short() -> dict[str, Any]:
    """What yt-dlp's YouTube set-up saw for a shared Shorts link, as Stash probes it."""
    [link] = parse_links("https://youtube.com/shorts/dQw4w9WgXcQ?si=AbCdEfGhIjKlMnOp")
    YoutubeStandIn.seen.clear()
    probe(link.canonical_url, link.platform, proxy="http://127.0.0.1:9", cookiefile=None,
          socket_timeout=5, extractors=[YoutubeStandIn])
    [found] = YoutubeStandIn.seen
    return found


@pytest.fixture(scope="module")
def seen() -> dict[str, Any]:
    """`shared_short()` once for the module: Deno takes a moment to start."""
    return shared_short()


def test_youtube_challenges_are_solved_by_deno_offline(seen: dict[str, Any]) -> None:
    assert seen["solved"] == {JsChallengeType.N: {"n0Chall3nge": "ok-egn3llahC0n"},
                              JsChallengeType.SIG: {"sig/Chall3nge==": "==egn3llahC/gis"}}


def test_deno_from_the_deno_package_is_handed_over_by_absolute_path(seen: dict[str, Any]) -> None:
    path = seen["params"]["js_runtimes"]["deno"]["path"]
    assert os.path.isabs(path)
    assert path == deno.find_deno_bin()
    assert not seen["params"]["remote_components"]  # never a script download at run time


def test_yt_dlp_detects_the_runtime_and_its_version(seen: dict[str, Any]) -> None:
    runtime = seen["runtime"]
    assert runtime is not None and runtime.supported
    assert runtime.path == deno.find_deno_bin()
    printed = subprocess.run([runtime.path, "--version"], capture_output=True, text=True,
                             check=True, timeout=30).stdout
    assert printed.startswith(f"deno {runtime.version}")


def test_the_solver_scripts_come_from_the_installed_yt_dlp_ejs(seen: dict[str, Any]) -> None:
    assert len(seen["scripts"]) == 2
    for script in seen["scripts"]:
        assert script.source is ScriptSource.PYPACKAGE
        assert script.version == yt_dlp_ejs.version


def test_without_the_runtime_stash_hands_over_nothing_is_solved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deno, "find_deno_bin", lambda: str(tmp_path / "deno"))  # not there
    found = shared_short()
    assert found["runtime"] is None
    assert found["solved"] == {}


def test_status_reports_what_the_check_prints() -> None:
    status = jsruntime.status()
    assert status.path == deno.find_deno_bin()
    assert status.supported and status.version and status.version[0].isdigit()
    assert status.solver == yt_dlp_ejs.version
