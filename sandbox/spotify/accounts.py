"""accounts.spotify.com: GET /authorize (no browser: the login is chosen by a control) and
POST /api/token (authorization code with PKCE or secret, refresh token, client credentials)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import time
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

from aiohttp import web

from .state import AuthCode, Store

SCOPES = frozenset({
    "ugc-image-upload", "user-read-playback-state", "user-modify-playback-state",
    "user-read-currently-playing", "app-remote-control", "streaming", "playlist-read-private",
    "playlist-read-collaborative", "playlist-modify-private", "playlist-modify-public",
    "user-follow-modify", "user-follow-read", "user-read-playback-position", "user-top-read",
    "user-read-recently-played", "user-library-modify", "user-library-read", "user-read-email",
    "user-read-private", "user-personalized",
})
LOOPBACK_HOSTS = {"127.0.0.1", "::1"}


class OAuthError(Exception):
    """An /api/token refusal: 400 with {"error", "error_description"}."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description

    def response(self) -> web.Response:
        """The JSON answer Spotify's token endpoint gives."""
        body = {"error": self.error, "error_description": self.description}
        return web.json_response(body, status=400)


def _error_page(message: str) -> web.Response:
    """What a browser sees for a broken authorize link: an HTML page, not a redirect."""
    html = f"<!DOCTYPE html><html><body><h1>Oops! Something went wrong</h1><p>{message}</p>"
    return web.Response(status=400, text=html + "</body></html>", content_type="text/html")


def _redirect(redirect_uri: str, params: dict[str, str], state: str | None) -> web.Response:
    if state is not None:
        params["state"] = state
    separator = "&" if "?" in redirect_uri else "?"
    return web.Response(status=302, headers={"Location": redirect_uri + separator
                                             + urlencode(params)})


class Accounts:
    """The accounts service over one Store."""

    def __init__(self, store: Store, redirect_uris: Iterable[str] | None) -> None:
        self.store = store
        self.redirect_uris = set(redirect_uris) if redirect_uris is not None else None

    def add_routes(self, app: web.Application) -> None:
        """Mount /authorize and /api/token."""
        app.router.add_get("/authorize", self.authorize)
        app.router.add_post("/api/token", self.token)

    def _redirect_problem(self, uri: str) -> str | None:
        if self.redirect_uris is not None:
            return None if uri in self.redirect_uris else "Invalid redirect URI"
        parts = urlsplit(uri)
        if parts.scheme == "https" and parts.hostname:
            return None
        if parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS:
            return None
        # Since November 2025 "localhost" and plain http are refused outright.
        return "Insecure redirect URI" if parts.scheme == "http" else "Invalid redirect URI"

    async def authorize(self, request: web.Request) -> web.Response:
        """Answer as Spotify does once the chosen user has logged in and decided."""
        query = request.query
        if query.get("client_id") != self.store.client_id:
            return _error_page("INVALID_CLIENT: Invalid client")
        redirect_uri = query.get("redirect_uri", "")
        problem = self._redirect_problem(redirect_uri) if redirect_uri else "Invalid redirect URI"
        if problem:
            return _error_page(f"INVALID_CLIENT: {problem}")
        state = query.get("state")
        refusal = self._refusal(query)
        if refusal:
            return _redirect(redirect_uri, {"error": refusal}, state)
        code = secrets.token_urlsafe(48)
        self.store.codes[code] = AuthCode(
            self.store.client_id, redirect_uri, self.store.login_user,
            " ".join(query.get("scope", "").split()), query.get("code_challenge"),
            time.time() + self.store.code_lifetime,
        )
        return _redirect(redirect_uri, {"code": code}, state)

    def _refusal(self, query: Mapping[str, str]) -> str | None:
        if query.get("response_type") != "code":
            return "unsupported_response_type"
        if not set(query.get("scope", "").split()) <= SCOPES:
            return "invalid_scope"
        if "code_challenge" in query and query.get("code_challenge_method") != "S256":
            return "invalid_request"
        return None if self.store.consent else "access_denied"

    async def token(self, request: web.Request) -> web.Response:
        """Exchange a code or a refresh token, or grant an app token."""
        form = await request.post()
        fields = {key: str(value) for key, value in form.items()}
        try:
            secret_ok = self._authenticate_client(request.headers.get("Authorization"), fields)
            grant = fields.get("grant_type")
            if grant == "authorization_code":
                body = self._exchange_code(fields, secret_ok)
            elif grant == "refresh_token":
                body = self._refresh(fields, secret_ok)
            elif grant == "client_credentials":
                body = self._client_credentials(secret_ok)
            elif not grant:
                raise OAuthError("unsupported_grant_type", "grant_type parameter is missing")
            else:
                raise OAuthError("unsupported_grant_type", "grant_type must be client_credentials,"
                                 " authorization_code or refresh_token")
        except OAuthError as err:
            return err.response()
        return web.json_response(body)

    def _authenticate_client(self, header: str | None, fields: dict[str, str]) -> bool:
        """True when the client proved its secret; PKCE clients send only client_id."""
        client_id, secret = fields.get("client_id"), fields.get("client_secret")
        if header and header.startswith("Basic "):
            try:
                decoded = base64.b64decode(header[6:], validate=True).decode()
            except (binascii.Error, UnicodeDecodeError):
                raise OAuthError("invalid_client", "Invalid client") from None
            client_id, _, secret = decoded.partition(":")
        if client_id != self.store.client_id:
            raise OAuthError("invalid_client", "Invalid client")
        if secret is not None and not secrets.compare_digest(secret, self.store.client_secret):
            raise OAuthError("invalid_client", "Invalid client secret")
        return secret is not None

    def _exchange_code(self, fields: dict[str, str], secret_ok: bool) -> dict[str, Any]:
        code = self.store.codes.get(fields.get("code", ""))
        if code is None or code.used:
            raise OAuthError("invalid_grant", "Invalid authorization code")
        if time.time() >= code.expires_at:
            raise OAuthError("invalid_grant", "Authorization code expired")
        if fields.get("redirect_uri") != code.redirect_uri:
            raise OAuthError("invalid_grant", "Invalid redirect URI")
        if code.challenge is not None:
            _verify_pkce(code.challenge, fields.get("code_verifier"))
        elif not secret_ok:
            raise OAuthError("invalid_client", "Invalid client")
        code.used = True
        access = self.store.issue_access(code.user_id, code.scope)
        pkce = code.challenge is not None
        refresh = self.store.issue_refresh(code.user_id, code.scope, pkce=pkce)
        return self._token_body(access.value, code.scope, refresh.value)

    def _refresh(self, fields: dict[str, str], secret_ok: bool) -> dict[str, Any]:
        old = self.store.refresh_tokens.get(fields.get("refresh_token", ""))
        if old is None:
            raise OAuthError("invalid_grant", "Invalid refresh token")
        if old.revoked:
            raise OAuthError("invalid_grant", "Refresh token revoked")
        if not old.pkce and not secret_ok:
            raise OAuthError("invalid_client", "Invalid client")
        access = self.store.issue_access(old.user_id, old.scope)
        rotate = self.store.rotate_refresh_tokens
        if not (old.pkce if rotate is None else rotate):
            return self._token_body(access.value, old.scope, None)
        del self.store.refresh_tokens[old.value]
        new = self.store.issue_refresh(old.user_id, old.scope, pkce=old.pkce)
        return self._token_body(access.value, old.scope, new.value)

    def _client_credentials(self, secret_ok: bool) -> dict[str, Any]:
        if not secret_ok:
            raise OAuthError("invalid_client", "Invalid client")
        access = self.store.issue_access(None, "")
        return {"access_token": access.value, "token_type": "Bearer",
                "expires_in": self.store.token_lifetime}

    def _token_body(self, access: str, scope: str, refresh: str | None) -> dict[str, Any]:
        body: dict[str, Any] = {"access_token": access, "token_type": "Bearer",
                                "expires_in": self.store.token_lifetime, "scope": scope}
        if refresh is not None:
            body["refresh_token"] = refresh
        return body


def _verify_pkce(challenge: str, verifier: str | None) -> None:
    if not verifier:
        raise OAuthError("invalid_request", "code_verifier required")
    digest = hashlib.sha256(verifier.encode()).digest()
    expected = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    if not secrets.compare_digest(expected, challenge):
        raise OAuthError("invalid_grant", "code_verifier was incorrect")
