"""Tokens encrypted at rest: bound to their owner, readable across a key rotation."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from adapters.crypto import TokenCipher, TokenDecryptError, rotate_stored_tokens
from adapters.storage import Database, SqlAccountStore
from core.models import UserKey

ALICE = UserKey("telegram", "42")
SAME_NUMBER_ON_DISCORD = UserKey("discord", "42")
TOKEN = {"access_token": "BQ-fake-access", "refresh_token": "AQ-fake-refresh",
         "expires_at": 2_000_000_000, "scope": "playlist-modify-private"}
OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqlAccountStore]:
    database = await Database.open(str(tmp_path / "stash.db"))
    yield SqlAccountStore(database)
    await database.close()


def test_a_token_decrypts_for_its_owner_and_is_not_readable_as_text() -> None:
    cipher = TokenCipher([NEW_KEY])
    blob = cipher.encrypt(ALICE, TOKEN)
    assert b"BQ-fake-access" not in blob and b"AQ-fake-refresh" not in blob
    assert cipher.decrypt(ALICE, blob) == TOKEN


def test_a_ciphertext_moved_to_another_person_does_not_decrypt() -> None:
    cipher = TokenCipher([NEW_KEY])
    with pytest.raises(TokenDecryptError) as refused:
        cipher.decrypt(SAME_NUMBER_ON_DISCORD, cipher.encrypt(ALICE, TOKEN))
    assert "someone else" in str(refused.value) and "BQ-fake" not in str(refused.value)
    assert refused.value.__cause__ is None


def test_old_keys_still_decrypt_and_rotate_moves_to_the_newest() -> None:
    old_blob = TokenCipher([OLD_KEY]).encrypt(ALICE, TOKEN)
    both = TokenCipher([NEW_KEY, OLD_KEY])
    assert both.decrypt(ALICE, old_blob) == TOKEN
    with pytest.raises(TokenDecryptError):
        TokenCipher([NEW_KEY]).decrypt(ALICE, old_blob)
    rotated = both.rotate(old_blob)
    assert TokenCipher([NEW_KEY]).decrypt(ALICE, rotated) == TOKEN
    assert both.encrypt(ALICE, TOKEN) != old_blob


def test_damaged_ciphertext_and_bad_keys_give_clear_errors() -> None:
    cipher = TokenCipher([NEW_KEY])
    with pytest.raises(TokenDecryptError):
        cipher.decrypt(ALICE, cipher.encrypt(ALICE, TOKEN)[:-3] + b"xyz")
    with pytest.raises(ValueError, match="not a Fernet key") as bad:
        TokenCipher(["not-a-key-but-pretend-secret"])
    assert "pretend-secret" not in str(bad.value)
    with pytest.raises(ValueError):
        TokenCipher([])
    assert NEW_KEY not in repr(cipher)


async def test_rotate_stored_tokens_rewrites_every_row(store: SqlAccountStore) -> None:
    old = TokenCipher([OLD_KEY])
    await store.save_account(ALICE, "alice", "Alice", old.encrypt(ALICE, TOKEN))
    await store.save_account(SAME_NUMBER_ON_DISCORD, "bob", "Bob",
                             old.encrypt(SAME_NUMBER_ON_DISCORD, {**TOKEN, "access_token": "x"}))
    assert await rotate_stored_tokens(store, TokenCipher([NEW_KEY, OLD_KEY])) == 2
    newest_only = TokenCipher([NEW_KEY])
    alice = await store.account(ALICE)
    bob = await store.account(SAME_NUMBER_ON_DISCORD)
    assert alice is not None and bob is not None
    assert newest_only.decrypt(ALICE, alice.token_blob) == TOKEN
    assert newest_only.decrypt(SAME_NUMBER_ON_DISCORD, bob.token_blob)["access_token"] == "x"


async def test_rotation_leaves_rows_under_a_retired_key(store: SqlAccountStore,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    await store.save_account(ALICE, "alice", "Alice", TokenCipher([OLD_KEY]).encrypt(ALICE, TOKEN))
    await store.save_account(SAME_NUMBER_ON_DISCORD, "bob", "Bob",
                             TokenCipher([NEW_KEY]).encrypt(SAME_NUMBER_ON_DISCORD, TOKEN))
    assert await rotate_stored_tokens(store, TokenCipher([NEW_KEY])) == 1
    assert "1 stored Spotify tokens no longer decrypt" in caplog.text


async def test_a_row_copied_onto_another_person_does_not_decrypt(store: SqlAccountStore) -> None:
    cipher = TokenCipher([NEW_KEY])
    await store.save_account(ALICE, "alice", "Alice", cipher.encrypt(ALICE, TOKEN))
    alice = await store.account(ALICE)
    assert alice is not None
    await store.save_account(SAME_NUMBER_ON_DISCORD, "alice", "Alice", alice.token_blob)
    copied = await store.account(SAME_NUMBER_ON_DISCORD)
    assert copied is not None and copied.token_blob == alice.token_blob
    with pytest.raises(TokenDecryptError):
        cipher.decrypt(SAME_NUMBER_ON_DISCORD, copied.token_blob)


def test_a_sealed_page_opens_for_ten_minutes_and_is_no_token() -> None:
    cipher = TokenCipher([Fernet.generate_key().decode()])
    sealed = cipher.seal(["ABCDE23456", "digest"], now=1_000_000)
    assert "ABCDE23456" not in sealed
    assert cipher.unseal(sealed, 600, now=1_000_599) == ["ABCDE23456", "digest"]
    assert cipher.unseal(sealed, 600, now=1_000_601) is None  # expired
    assert cipher.unseal(sealed[:-4] + "AAAA", 600, now=1_000_001) is None  # tampered
    blob = cipher.encrypt(UserKey("telegram", "1"), {"access_token": "x"})
    assert cipher.unseal(blob.decode(), 600, now=time.time()) is None  # a token is no page
