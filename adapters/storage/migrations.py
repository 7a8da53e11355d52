"""Versioned schema migrations, applied in order at start-up. Never edit a released step.

Written once for both engines in SQLite's words; `for_postgres` renames the few column types
PostgreSQL spells differently, so a new step needs no second copy.
"""

from __future__ import annotations

import re

from adapters.storage.sql import StorageUnavailable

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the first schema: people, Spotify accounts, OAuth states, identifications, history,
    # choices, the inbox and playlist adds.
    (
        """CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL,
            platform_user_id TEXT NOT NULL,
            created_at REAL NOT NULL,
            UNIQUE (platform, platform_user_id))""",
        """CREATE TABLE spotify_accounts (
            user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
            spotify_user_id TEXT,
            display_name TEXT,
            token_ciphertext BLOB NOT NULL,
            playlist_id TEXT,
            playlist_name TEXT,
            updated_at REAL NOT NULL)""",
        """CREATE TABLE oauth_states (
            state TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            code_verifier TEXT NOT NULL,
            expires_at REAL NOT NULL)""",
        """CREATE TABLE identifications (
            canonical_url TEXT PRIMARY KEY,
            verdict TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL)""",
        """CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            outcome TEXT NOT NULL,
            title TEXT,
            artists TEXT NOT NULL DEFAULT '[]',
            track_uri TEXT,
            track_url TEXT,
            created_at REAL NOT NULL)""",
        "CREATE INDEX history_by_user ON history (user_id, created_at DESC, id DESC)",
        """CREATE TABLE choices (
            id TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            body TEXT NOT NULL,
            expires_at REAL NOT NULL)""",
        """CREATE TABLE inbox (
            platform TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            message_id TEXT NOT NULL,
            received_at REAL NOT NULL,
            PRIMARY KEY (platform, chat_id, message_id))""",
        """CREATE TABLE playlist_adds (
            user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            playlist_id TEXT NOT NULL,
            track_uri TEXT NOT NULL,
            state TEXT NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (user_id, playlist_id, track_uri))""",
    ),
    # 2: Spotify authorizations finished in a browser, held (tokens encrypted) until the link
    # code comes back from the chat account that asked; keyed by the code's SHA-256.
    (
        """CREATE TABLE held_links (
            code_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            spotify_user_id TEXT NOT NULL,
            display_name TEXT NOT NULL,
            token_ciphertext BLOB NOT NULL,
            expires_at REAL NOT NULL)""",
    ),
    # 3: shares on record from acceptance until answered, each leased to the process working on
    # it, so that another process finishes what a dead one left; named leases (issue 18).
    (
        """CREATE TABLE shares (
            id TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            link TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            message_id TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            stage TEXT NOT NULL,
            started_at REAL NOT NULL,
            owner TEXT NOT NULL,
            lease_until REAL NOT NULL)""",
        "CREATE INDEX shares_by_lease ON shares (lease_until)",
        "CREATE INDEX shares_by_owner ON shares (owner)",
        # Named leases: what one process at a time may do (Telegram's long polling).
        """CREATE TABLE leases (
            name TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            expires_at REAL NOT NULL)""",
    ),
    # A person's answer to "Which one is it?", per link and per recording heard, used when they
    # share it again (issue 27); it goes with the person (/forget).
    (
        """CREATE TABLE answers (
            user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            answer_key TEXT NOT NULL,
            track_uri TEXT NOT NULL,
            PRIMARY KEY (user_id, answer_key))""",
    ),
    # A link code someone else sent first stays known, without its token, until it expires,
    # so that its owner hears what happened rather than "I don't know that code".
    (
        "ALTER TABLE held_links ADD COLUMN used_elsewhere INTEGER NOT NULL DEFAULT 0",
    ),
    # Playlists Stash's host account keeps: one per person who linked no account of their
    # own (gone with the person), one per chat whose admins turned it on (issue 24). `owner` is
    # "user:<platform>:<id>" or "chat:<platform>:<chat id>"; `part` counts on past the 10,000 cap;
    # `copied`: its songs went into the person's own playlist once they linked one.
    (
        """CREATE TABLE hosted_playlists (
            owner TEXT NOT NULL,
            part INTEGER NOT NULL,
            user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
            host_id TEXT NOT NULL,
            playlist_id TEXT NOT NULL,
            name TEXT NOT NULL,
            url TEXT NOT NULL,
            items INTEGER NOT NULL DEFAULT 0,
            copied INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            PRIMARY KEY (owner, part))""",
        # Chats whose admins turned their group playlist on ("chat:<platform>:<chat id>").
        """CREATE TABLE group_playlists (
            owner TEXT PRIMARY KEY,
            turned_on REAL NOT NULL)""",
        # Hosted adds Spotify refused (the host's Premium lapsed, its token revoked, a cap): made
        # when the host works again, through the ledger, then gone; a person's go with them.
        """CREATE TABLE hosted_pending (
            owner TEXT NOT NULL,
            track_uri TEXT NOT NULL,
            user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
            created_at REAL NOT NULL,
            PRIMARY KEY (owner, track_uri))""",
    ),
    # What /forget must find of a person beyond their history (issue 23): who sent each
    # handled message, and the links they shared that left no history line (not recognized,
    # a choice pending or declined), kept as long as such an identification can be cached.
    (
        "ALTER TABLE inbox ADD COLUMN sender TEXT",
        "CREATE INDEX inbox_by_sender ON inbox (platform, sender)",
        """CREATE TABLE shared_links (
            user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            canonical_url TEXT NOT NULL,
            expires_at REAL NOT NULL,
            PRIMARY KEY (user_id, canonical_url))""",
    ),
    # The language a person chose with /language, and the last platform locale seen of them
    # (Discord says it on interactions only, plain messages are answered in it); /forget
    # takes the row with the person.
    (
        """CREATE TABLE languages (
            user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
            chosen TEXT,
            locale TEXT,
            updated_at REAL NOT NULL)""",
        # The connecting pages speak the language of the person who ran /link.
        "ALTER TABLE oauth_states ADD COLUMN lang TEXT",
    ),
    # The process that claimed a kept share's add and answer: a process whose lease lapsed
    # while it was slow does neither once another took the share over (core.claims).
    ("ALTER TABLE shares ADD COLUMN claimed_by TEXT",),
)

_POSTGRES_TYPES = (
    # A bare SQLite rowid alias numbers itself; PostgreSQL needs an identity column for that.
    (re.compile(r"\bINTEGER PRIMARY KEY(?=\s*,)"),
     "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
)


def for_postgres(statement: str) -> str:
    """A migration statement in PostgreSQL's column types."""
    for pattern, replacement in _POSTGRES_TYPES:
        statement = pattern.sub(replacement, statement)
    return statement


def check_not_newer(version: int) -> int:
    """`version`, or StorageUnavailable when a newer Stash has already migrated the database."""
    if version > len(MIGRATIONS):
        raise StorageUnavailable(
            f"the database schema is version {version}, newer than this Stash knows"
            f" ({len(MIGRATIONS)}): run the newer Stash, or restore a backup")
    return version
