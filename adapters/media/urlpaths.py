"""Whether a URL path stays inside a folder, judged as the server will read it.

Clients and servers decode `%2e` to a dot, resolve `..`, and some treat `\\` or `%2f` as a slash:
a path that only looks like it is under a folder ("/file/bot<token>/%2e%2e/%2e%2e/getMe",
"/attachments/../../outside") reaches something else on the same host. So the path is decoded
first, and any dot segment, backslash, encoded slash, second layer of encoding or control
character is refused outright rather than resolved: no file a platform serves needs one.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

_ENCODED_SEPARATOR = re.compile(r"%(?:2f|5c)", re.IGNORECASE)
_STILL_ENCODED = re.compile(r"%[0-9a-f]{2}", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def plain_path(path: str) -> str | None:
    """`path` percent-decoded, when what it names is plainly itself; None otherwise."""
    if _ENCODED_SEPARATOR.search(path) or "\\" in path:
        return None
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if _STILL_ENCODED.search(decoded) or _CONTROL.search(decoded) or "\\" in decoded:
        return None
    if any(segment in (".", "..") for segment in decoded.split("/")):
        return None
    return decoded


def inside(path: str, folder: str) -> bool:
    """Whether `path` (a URL path, still encoded) names something under `folder` (decoded,
    ending in "/")."""
    decoded = plain_path(path)
    return decoded is not None and decoded.startswith(folder) and len(decoded) > len(folder)
