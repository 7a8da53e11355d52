"""A Bot API method's arguments, read the way the server reads them.

PTB posts form fields where strings are sent raw and everything else as JSON; other clients
post a JSON body or use the query string. Each getter converts one field to the type the
method expects.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from sandbox.telegram.errors import bad_request


async def read_params(request: web.Request) -> Params:
    """Merge the query string with a JSON, urlencoded or multipart body."""
    raw: dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                raw.update(body)
        else:
            form = await request.post()
            raw.update({k: v for k, v in form.items() if isinstance(v, str)})
    return Params(raw)


class Params:
    """Typed access to raw method arguments."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = dict(raw)

    def has(self, name: str) -> bool:
        """Whether the argument was sent (and is not null)."""
        return self.raw.get(name) is not None

    def text(self, name: str) -> str | None:
        """A string argument; numbers are turned into their text."""
        value = self.raw.get(name)
        return None if value is None else str(value)

    def integer(self, name: str, default: int | None = None) -> int | None:
        """An integer argument."""
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f'invalid parameter "{name}": integer expected') from None

    def number(self, name: str, default: float = 0.0) -> float:
        """A number argument."""
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f'invalid parameter "{name}": number expected') from None

    def flag(self, name: str) -> bool:
        """A boolean argument: true/false, 1/0 or a JSON boolean."""
        value = self.raw.get(name)
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1")
        return bool(value)

    def nested(self, name: str, error: str = "can't parse JSON object") -> Any:
        """A nested argument, sent either as a JSON string or as a JSON value."""
        value = self.raw.get(name)
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(error) from None
