"""Storage on SQLite through aiosqlite."""
