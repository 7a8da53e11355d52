"""Versioned schema migrations, applied in order at start-up. Never edit a released step."""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the tables of DESIGN.md.
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
)
