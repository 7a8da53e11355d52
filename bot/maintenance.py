"""Operator commands that touch stored data."""

from __future__ import annotations

from adapters.crypto import TokenCipher, rotate_stored_tokens
from adapters.storage import SqlAccountStore
from bot.parts import encryption_keys, open_storage
from bot.settings import Settings, SettingsError


async def rotate_keys(settings: Settings) -> int:
    """Re-encrypt every stored token under the newest key; returns how many."""
    keys = encryption_keys(settings)
    if not keys:
        raise SettingsError("setting TOKEN_ENCRYPTION_KEYS is missing: put the new key"
                            " first (make one with `stash keygen`)")
    database = await open_storage(settings)
    try:
        return await rotate_stored_tokens(SqlAccountStore(database), TokenCipher(keys))
    finally:
        await database.close()
