"""The Shazam stand-in, driven by the real shazamio: recognition by audio content, and faults."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import imageio_ffmpeg
import pytest
from aiohttp_retry import ExponentialRetry
from shazamio import FailedDecodeJson, HTTPClient, RateLimited, Serialize, Shazam
from shazamio_core import Recognizer
from yarl import URL

from sandbox import catalogue
from sandbox.shazam import ShazamStandIn
from sandbox.shazam.fingerprint import Index
from sandbox.shazam.references import default_cache_dir, reference
from sandbox.shazam.signature import decode_uri

ATTEMPTS = 3
CONTAINERS = {  # ffmpeg output options per container; "wav" is written without ffmpeg
    "wav": [],
    "mp3": ["-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3"],
    "m4a": ["-c:a", "aac", "-b:a", "64k", "-f", "ipod"],
    "webm": ["-c:a", "libopus", "-b:a", "48k", "-f", "webm"],
}


class LocalHTTPClient(HTTPClient):
    """shazamio's client, sending what it meant for amp.shazam.com to the stand-in instead."""

    def __init__(self, origin: str, *, attempts: int = ATTEMPTS) -> None:
        super().__init__(
            retry_options=ExponentialRetry(
                attempts=attempts, start_timeout=0.01, max_timeout=0.05,
                statuses={429, 500, 502, 503, 504},
            )
        )
        self._origin = URL(origin)

    async def request(self, method: str, url: str, **kwargs: Any) -> list[Any] | dict[str, Any]:
        local = URL(url).with_scheme(self._origin.scheme).with_host(self._origin.host or "")
        return await super().request(method, str(local.with_port(self._origin.port)), **kwargs)


@pytest.fixture
async def stand_in() -> AsyncIterator[ShazamStandIn]:
    async with ShazamStandIn() as server:
        await server.ready()
        yield server


@pytest.fixture
async def client(stand_in: ShazamStandIn) -> AsyncIterator[LocalHTTPClient]:
    http = LocalHTTPClient(stand_in.origin)
    yield http
    await http.close()
    await asyncio.sleep(0)  # let the closed connections' callbacks run before the loop goes


@pytest.fixture
def shazam(client: LocalHTTPClient) -> Shazam:
    return Shazam(http_client=client)



async def clip(
    key: str, container: str, tmp: Path, *, seconds: float = 12, start: float = 0
) -> Path:
    """A file holding `seconds` of a song or sound from `start`, in `container`."""
    source = tmp / f"{key}-{start}-{seconds}.wav"
    source.write_bytes(catalogue.wav(catalogue.render(key, seconds, start=start)))
    if container == "wav":
        return source
    target = source.with_suffix(f".{container}")
    ffmpeg = await asyncio.create_subprocess_exec(
        imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-y", "-i", str(source),
        *CONTAINERS[container], str(target),
    )
    assert await ffmpeg.wait() == 0
    return target


async def recognized_key(shazam: Shazam, path: Path) -> str | None:
    answer = await shazam.recognize(path)
    Serialize.full_track(answer)  # shazamio's own schema accepts every answer
    return answer["track"]["key"] if answer["matches"] else None


# (container, clip seconds, clip start): every container twice, windows early, late and between.
WINDOWS = [
    ("wav", 12, 0.0), ("mp3", 12, 61.3), ("m4a", 20, 140.0), ("webm", 6, 17.7),
    ("mp3", 30, 120.0), ("webm", 12, 99.9), ("m4a", 4, 45.25), ("wav", 12, 128.0),
]


def every_song_once() -> list[tuple[str, str, float, float]]:
    """(key, container, seconds, start) for each catalogue song, the window kept inside it."""
    cases: list[tuple[str, str, float, float]] = []
    for number, song in enumerate(catalogue.SONGS):
        container, seconds, start = WINDOWS[number % len(WINDOWS)]
        last_start = song.duration_ms / 1000 - seconds
        cases.append((song.key, container, seconds, min(start + number, last_start)))
    return cases


async def test_confusion_table_is_the_identity(shazam: Shazam, tmp_path: Path) -> None:
    """Each song's clip is that song and no other; speech and silence are no song."""
    table: dict[str, str | None] = {}
    for key, container, seconds, start in every_song_once():
        path = await clip(key, container, tmp_path, seconds=seconds, start=start)
        table[key] = await recognized_key(shazam, path)
    for key, container in [("speech", "mp3"), ("speech", "wav"), ("silence", "m4a")]:
        table[f"{key}.{container}"] = await recognized_key(
            shazam, await clip(key, container, tmp_path, start=5.0)
        )

    expected: dict[str, str | None] = {song.key: song.key for song in catalogue.SONGS}
    expected |= {"speech.mp3": None, "speech.wav": None, "silence.m4a": None}
    assert table == expected


async def test_no_song_is_close_enough_to_pass_for_another(stand_in: ShazamStandIn) -> None:
    """The full confusion table: with its own song left out, no clip matches any other."""
    keys = [song.key for song in catalogue.SONGS]
    references = {key: await reference(key, default_cache_dir()) for key in keys}
    for key in keys:
        audio = catalogue.wav(catalogue.render(key, 12, start=40.0))
        signature = await Recognizer(segment_duration_seconds=12).recognize_bytes(audio)
        clip_peaks = decode_uri(signature.signature.uri)
        for other in keys:
            alone = Index([(other, references[other])]).best_match(clip_peaks)
            assert (alone.key if alone else None) == (key if other == key else None), (key, other)


@pytest.mark.parametrize("container", sorted(CONTAINERS))
async def test_every_container_at_any_offset_is_recognized(
    shazam: Shazam, tmp_path: Path, container: str
) -> None:
    song = catalogue.SONGS[2]
    for start in (0.0, 77.7):
        path = await clip(song.key, container, tmp_path, seconds=10, start=start)
        assert await recognized_key(shazam, path) == song.key


async def test_match_answer_has_the_real_shape(
    stand_in: ShazamStandIn, shazam: Shazam, tmp_path: Path
) -> None:
    song = catalogue.song("40000004")
    answer = await shazam.recognize(await clip(song.key, "mp3", tmp_path, start=3.0))

    full = Serialize.full_track(answer)
    assert full.tag_id is not None
    assert full.matches[0].id == song.key
    assert full.matches[0].offset == pytest.approx(3.0, abs=0.1)
    assert abs(full.matches[0].time_skew) < 1e-3
    assert abs(full.matches[0].frequency_skew) < 1e-3
    track = Serialize.track(answer["track"])
    assert (track.key, track.title, track.subtitle) == (40000004, song.title, "Arlo Finch")
    assert answer["track"]["isrc"] == song.isrc
    assert track.spotify_uri == "spotify:search:Don%E2%80%99t%20Look%20Back%20Arlo%20Finch"
    assert track.shazam_url == "https://www.shazam.com/track/40000004"
    assert track.photo_url is not None
    assert track.photo_url.startswith(stand_in.origin)
    assert track.sections is not None
    assert [section.type for section in track.sections] == ["SONG"]
    assert answer["track"]["sections"][0]["metadata"] == [
        {"title": "Album", "text": "Rear View"},
        {"title": "Label", "text": "Sandbox Sound Records"},
        {"title": "Released", "text": "2024"},
    ]
    assert answer["track"]["genres"]["primary"]
    assert answer["timezone"] and answer["timestamp"]


async def test_tagid_echoes_the_request(stand_in: ShazamStandIn, tmp_path: Path) -> None:
    """The tag id is the first UUID of the path, whatever language and country it names."""
    http = LocalHTTPClient(stand_in.origin)
    sent: list[str] = []

    async def remember(_: Any, __: Any, params: aiohttp.TraceRequestStartParams) -> None:
        sent.append(params.url.path)

    http.trace_config.on_request_start.append(remember)
    shazam = Shazam(language="de-DE", endpoint_country="DE", http_client=http)
    answer = await shazam.recognize(await clip("40000001", "wav", tmp_path, start=30.0))
    await http.close()

    assert sent[0].startswith("/discovery/v5/de-DE/DE/iphone/-/tag/")
    assert answer["tagid"] == sent[0].split("/")[-2]
    assert answer["track"]["key"] == "40000001"


async def test_no_match_answer(shazam: Shazam, tmp_path: Path) -> None:
    answer = await shazam.recognize(await clip("speech", "webm", tmp_path))

    assert answer["matches"] == []
    assert "track" not in answer
    no_match = Serialize.full_track(answer)
    assert no_match.retry_ms is not None and no_match.retry_ms > 0
    assert no_match.tag_id is not None


async def test_a_window_of_15_seconds_or_more_matches_nothing(
    client: LocalHTTPClient, tmp_path: Path
) -> None:
    with pytest.warns(UserWarning, match="no matches"):
        shazam = Shazam(http_client=client, segment_duration_seconds=16)
    answer = await shazam.recognize(await clip("40000002", "wav", tmp_path, seconds=20))

    assert answer["matches"] == []


async def test_cover_art_is_served(stand_in: ShazamStandIn, shazam: Shazam, tmp_path: Path) -> None:
    answer = await shazam.recognize(await clip("40000009", "wav", tmp_path))

    async with aiohttp.ClientSession() as session:
        for name in ("coverart", "coverarthq"):
            async with session.get(answer["track"]["images"][name]) as response:
                assert response.status == 200
                assert response.content_type == "image/jpeg"
                assert (await response.read())[:2] == b"\xff\xd8"
        async with session.get(f"{stand_in.origin}/image/thumb/404/400x400cc.jpg") as response:
            assert response.status == 404


async def test_a_bad_signature_is_refused(stand_in: ShazamStandIn) -> None:
    body = {"signature": {"uri": "data:audio/vnd.shazam.sig;base64,AAAA", "samplems": 12000}}
    tag = "2A1B4C9E-0F6D-4E0A-9B7C-3D2E1F0A9B8C"
    url = f"{stand_in.origin}/discovery/v5/en-US/GB/iphone/-/tag/{tag}/{tag}"
    async with aiohttp.ClientSession() as session, session.post(url, json=body) as response:
        assert response.status == 400


async def test_rate_limited_raises_once_retries_run_out(
    stand_in: ShazamStandIn, shazam: Shazam, tmp_path: Path
) -> None:
    path = await clip("40000003", "wav", tmp_path)
    stand_in.fail_rate_limited(ATTEMPTS, retry_ms=7000)

    with pytest.raises(RateLimited):
        await shazam.recognize(path)
    assert stand_in.request_count == ATTEMPTS
    assert await recognized_key(shazam, path) == "40000003"


async def test_rate_limited_body_carries_retryms(stand_in: ShazamStandIn) -> None:
    stand_in.fail_rate_limited(1, retry_ms=7000)
    url = f"{stand_in.origin}/discovery/v5/en-US/GB/iphone/-/tag/a/b"
    async with aiohttp.ClientSession() as session, session.post(url, json={}) as response:
        assert response.status == 429
        assert await response.json() == {"retryms": 7000}


async def test_a_server_error_is_retried(
    stand_in: ShazamStandIn, shazam: Shazam, tmp_path: Path
) -> None:
    path = await clip("40000005", "wav", tmp_path)
    stand_in.fail_server_errors(1)

    assert await recognized_key(shazam, path) == "40000005"
    assert stand_in.request_count == 2


async def test_persistent_server_errors_fail_to_decode(
    stand_in: ShazamStandIn, shazam: Shazam, tmp_path: Path
) -> None:
    stand_in.fail_server_errors(ATTEMPTS, status=502)

    with pytest.raises(FailedDecodeJson, match="status=502"):
        await shazam.recognize(await clip("40000005", "wav", tmp_path))
    assert stand_in.request_count == ATTEMPTS


async def test_a_non_json_answer_fails_to_decode(
    stand_in: ShazamStandIn, shazam: Shazam, tmp_path: Path
) -> None:
    stand_in.fail_non_json(1)

    with pytest.raises(FailedDecodeJson, match="status=200"):
        await shazam.recognize(await clip("40000006", "wav", tmp_path))
    assert stand_in.request_count == 1


async def test_delay_holds_the_answer(
    stand_in: ShazamStandIn, shazam: Shazam, tmp_path: Path
) -> None:
    path = await clip("40000007", "wav", tmp_path)
    stand_in.set_delay(0.3)

    with pytest.raises(TimeoutError):
        await asyncio.wait_for(shazam.recognize(path), timeout=0.2)
    started = time.monotonic()
    assert await recognized_key(shazam, path) == "40000007"
    assert time.monotonic() - started >= 0.3


async def test_rate_limit_per_rolling_minute(
    stand_in: ShazamStandIn, shazam: Shazam, tmp_path: Path
) -> None:
    now = [1000.0]
    stand_in.faults.clock = lambda: now[0]
    path = await clip("40000008", "wav", tmp_path)
    stand_in.set_rate_limit(2)

    assert [await recognized_key(shazam, path) for _ in range(2)] == ["40000008"] * 2
    with pytest.raises(RateLimited):
        await shazam.recognize(path)
    now[0] += 61
    assert await recognized_key(shazam, path) == "40000008"
    assert stand_in.request_count == 2 + ATTEMPTS + 1
