"""People's Spotify tokens encrypted at rest, each ciphertext bound to the person it belongs to."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from core.models import UserKey

if TYPE_CHECKING:
    from core.accounts import AccountStore

log = logging.getLogger(__name__)


class TokenDecryptError(Exception):
    """A stored token does not decrypt for this person (unknown key, damaged, or not theirs)."""


class TokenCipher:
    """Fernet over several keys: the first encrypts, every one still decrypts (key rotation)."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise ValueError("TokenCipher needs at least one key")
        try:
            fernets = [Fernet(key) for key in keys]
        except (ValueError, TypeError):
            # The library's message is safe, but say which setting is wrong without echoing it.
            raise ValueError("a token encryption key is not a Fernet key "
                             "(32 url-safe base64-encoded bytes)") from None
        self._fernet = MultiFernet(fernets)

    def __repr__(self) -> str:
        return "TokenCipher(keys=<hidden>)"

    def encrypt(self, user: UserKey, token_info: dict[str, Any]) -> bytes:
        """Ciphertext of a token response that only decrypts for `user`."""
        payload = json.dumps({"user": str(user), "token": token_info}, separators=(",", ":"))
        return self._fernet.encrypt(payload.encode())

    def decrypt(self, user: UserKey, blob: bytes) -> dict[str, Any]:
        """The token response in `blob`; TokenDecryptError when it is not `user`'s."""
        try:
            data = json.loads(self._fernet.decrypt(blob))
        except (InvalidToken, ValueError, TypeError):
            raise TokenDecryptError("the stored Spotify token does not decrypt with the "
                                    "configured keys") from None
        # A row copied onto another person's account must not lend them its owner's Spotify.
        if not isinstance(data, dict) or data.get("user") != str(user):
            raise TokenDecryptError("the stored Spotify token belongs to someone else")
        token = data.get("token")
        if not isinstance(token, dict):
            raise TokenDecryptError("the stored Spotify token is damaged")
        return token

    def seal(self, value: list[str], now: float) -> str:
        """`value` as URL-safe ciphertext stamped with `now` (for a browser cookie)."""
        payload = json.dumps({"sealed": value}, separators=(",", ":")).encode()
        return self._fernet.encrypt_at_time(payload, int(now)).decode()

    def unseal(self, sealed: str, max_age: float, now: float) -> list[str] | None:
        """What `seal` sealed at most `max_age` seconds before `now`; None for anything else."""
        try:
            data = json.loads(self._fernet.decrypt_at_time(sealed.encode(), int(max_age),
                                                            int(now)))
        except (InvalidToken, ValueError, TypeError):
            return None
        value = data.get("sealed") if isinstance(data, dict) else None
        return value if isinstance(value, list) and all(isinstance(v, str) for v in value) \
            else None

    def rotate(self, blob: bytes) -> bytes:
        """The same plaintext encrypted under the newest key."""
        try:
            return self._fernet.rotate(blob)
        except InvalidToken:
            raise TokenDecryptError("the stored Spotify token does not decrypt with the "
                                    "configured keys") from None


async def rotate_stored_tokens(store: AccountStore, cipher: TokenCipher) -> int:
    """Re-encrypt every stored token under the newest key; returns how many were rewritten."""

    def rotated(blob: bytes) -> bytes | None:
        try:
            return cipher.rotate(blob)
        except TokenDecryptError:
            return None

    rewritten, skipped = await store.rewrite_tokens(rotated)
    if skipped:
        # Rows under a retired key are left as they are: their owners must /link again.
        log.warning("%d stored Spotify tokens no longer decrypt and were left as they are",
                    skipped)
    return rewritten
