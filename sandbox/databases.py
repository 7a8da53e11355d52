"""Throwaway PostgreSQL databases for tests and benchmarks, on the server at 127.0.0.1:5432
(trust authentication, user postgres): each with a random name of its own, so runs side by side
never meet, and dropped at the end."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

SERVER = "postgresql://postgres@127.0.0.1:5432"


async def admin(*statements: str, database: str = "postgres") -> None:
    """Run statements as the server's superuser."""
    connection = await asyncpg.connect(f"{SERVER}/{database}", timeout=5)
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


async def create_database(prefix: str) -> str:
    """A new empty database named PREFIX_<random>; its name."""
    name = f"{prefix}_{secrets.token_hex(6)}"
    # A throwaway database need not survive a power cut: commits skip the disk flush.
    await admin(f'CREATE DATABASE "{name}"',
                f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    return name


async def drop_database(name: str) -> None:
    """Drop it, whoever is still connected."""
    await admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@asynccontextmanager
async def throwaway_database(prefix: str) -> AsyncIterator[str]:
    """The URL of a database of this run's own, dropped at the end."""
    name = await create_database(prefix)
    try:
        yield f"{SERVER}/{name}"
    finally:
        await drop_database(name)
