"""/readyz: ready while storage (SQLite or PostgreSQL) answers, not ready once it is gone."""

from __future__ import annotations

import aiohttp

from adapters.web.server import WebServer
from bot.bootstrap import build_front
from bot.run import readiness
from bot.settings import load_settings
from tests.storage_engines import database_url, postgres_database, postgres_url

__all__ = ["database_url", "postgres_database", "postgres_url"]  # fixtures


async def ready(port: int) -> tuple[int, dict[str, object]]:
    async with aiohttp.ClientSession() as session, \
            session.get(f"http://127.0.0.1:{port}/readyz") as response:
        return response.status, await response.json()


async def test_readiness_turns_false_when_storage_is_gone(database_url: str) -> None:
    settings = load_settings(_env_file=None, database_url=database_url)
    async with build_front(settings) as app, \
            WebServer(host="127.0.0.1", port=0, readiness=readiness(app, {})) as web:
        assert await ready(web.port) == (200, {"ready": True, "checks": {"storage": True}})
        await app.database.close()
        assert await ready(web.port) == (503, {"ready": False, "checks": {"storage": False}})
