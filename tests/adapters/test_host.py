"""`stash host link|show|unlink` and `stash run --check` as an operator meets them, against the
Spotify stand-in: the authorization URL, the pasted address, the token kept encrypted."""

from __future__ import annotations

import io
import os
from pathlib import Path

from cryptography.fernet import Fernet

from bot.check import run_checks
from bot.settings import load_settings
from sandbox.spotify import SpotifyStandIn
from sandbox.spotify.standin import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET
from tests.host_helpers import stash_host

REDIRECT = "http://127.0.0.1:9/spotify/callback"  # nothing listens: the browser shows an error


def host_env(spotify: SpotifyStandIn, folder: Path, key: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.isupper() or k in ("PATH", "HOME")}
    return {**clean, "SPOTIFY_CLIENT_ID": SANDBOX_CLIENT_ID,
            "SPOTIFY_CLIENT_SECRET": SANDBOX_CLIENT_SECRET,
            "SPOTIFY_API_BASE_URL": spotify.api_base_url,
            "SPOTIFY_ACCOUNTS_BASE_URL": spotify.accounts_base_url,
            "SPOTIFY_REDIRECT_URI": REDIRECT, "TOKEN_ENCRYPTION_KEYS": key,
            "DATABASE_URL": f"sqlite:///{folder / 'stash.db'}"}


async def test_the_operator_links_shows_checks_and_unlinks_the_host_account(
        tmp_path: Path) -> None:
    key = Fernet.generate_key().decode()
    async with SpotifyStandIn() as spotify:
        spotify.login_as("alice")
        env = host_env(spotify, tmp_path, key)
        status, said = await stash_host(env, tmp_path, "show")
        assert status == 1 and "No host account is linked: run `stash host link`." in said
        status, said = await stash_host(env, tmp_path, "link")
        assert status == 0, said
        assert "Linked the host account: Alice (alice)." in said
        assert "BQsandbox" not in said and "AQsandbox" not in said
        database = (tmp_path / "stash.db").read_bytes()
        assert b"BQsandbox" not in database and b"AQsandbox" not in database  # encrypted
        status, said = await stash_host(env, tmp_path, "show")
        assert status == 0 and "Host account: Alice (alice)" in said

        settings = load_settings(_env_file=None, shazam_api_base_url="http://127.0.0.1:9",
                                 **{k.lower(): v for k, v in env.items()
                                    if k.isupper() and k not in ("PATH", "HOME")})
        out = io.StringIO()
        before = spotify.calls["GET /v1/me"]
        assert await run_checks(settings, out) in (0, 1)  # yt-dlp, shazam: not this test's
        assert "ok    spotify host account: Alice (alice), token works" in out.getvalue()
        assert spotify.calls["GET /v1/me"] == before + 1  # the harmless call, made

        status, said = await stash_host(env, tmp_path, "unlink")
        assert status == 0 and "Unlinked the host account" in said
        out = io.StringIO()
        await run_checks(settings, out)
        assert "warn  spotify host account: none linked" in out.getvalue()


async def test_a_pasted_address_that_is_not_spotifys_answer_is_refused_plainly(
        tmp_path: Path) -> None:
    async with SpotifyStandIn() as spotify:
        env = host_env(spotify, tmp_path, Fernet.generate_key().decode())
        status, said = await stash_host(env, tmp_path, "link", answer="hello")
        assert status == 1
        assert "stash host link: that is neither the address Spotify sent" in said
        assert "Traceback" not in said
        status, said = await stash_host(
            env, tmp_path, "link", answer=REDIRECT + "?code=forged&state=forged")
        assert status == 1 and "run `stash host link` again" in said
