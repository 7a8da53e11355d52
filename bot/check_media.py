"""`stash run --check` lines for yt-dlp: YouTube's JavaScript runtime, and yt-dlp's age."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, date, datetime

from yt_dlp.version import __version__ as YTDLP_VERSION

from adapters.media import jsruntime

# The platforms change often and yt-dlp follows within days: two months behind is a risk.
MAX_AGE_DAYS = 60
_RELEASE = re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})")


class CheckFailed(Exception):
    """A check did not pass; the message says why (never a secret)."""


class CheckWarning(Exception):
    """A check passed with something the operator should act on soon."""


async def js_runtime() -> str:
    """Deno found by yt-dlp's own detection, its version, and the solver scripts' version."""
    status = await asyncio.to_thread(jsruntime.status)
    if status.version is None:
        raise CheckFailed("no Deno found: YouTube links will fail. "
                          f"Install it: {jsruntime.INSTALL}")
    if not status.supported:
        raise CheckFailed(f"deno {status.version} is too old for yt-dlp: {jsruntime.INSTALL}")
    if status.solver is None:
        raise CheckFailed(f"yt-dlp-ejs (YouTube's solver scripts) is missing: {jsruntime.INSTALL}")
    return f"deno {status.version} ({status.path}), solver scripts yt-dlp-ejs {status.solver}"


async def ytdlp_age() -> str:
    """The installed yt-dlp's release and age; a warning past MAX_AGE_DAYS."""
    return ytdlp_age_text(YTDLP_VERSION, datetime.now(UTC).date())


def ytdlp_age_text(version: str, today: date) -> str:
    """`version`'s age on `today`, or CheckWarning when it is too old to trust."""
    update = f"update it: {jsruntime.INSTALL}, then restart Stash"
    found = _RELEASE.match(version)
    try:
        released = date(*(int(part) for part in found.groups())) if found else None
    except ValueError:
        released = None
    if released is None:
        raise CheckWarning(f"{version}: cannot tell when it was released; {update}")
    days = (today - released).days
    if days > MAX_AGE_DAYS:
        raise CheckWarning(f"{version} is {days} days old; the platforms change often and "
                           f"yt-dlp follows within days: {update}")
    return f"{version} ({max(days, 0)} days old)"
