"""Finding the links in a chat message and naming the media each one points at."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from core.models import Link
from core.platforms import PLATFORMS, ParsedUrl, direct
from core.refusals import Refusal, RefusedLink

# A token is a run of characters that may belong to a URL; brackets, quotes and angle brackets
# end it, so "(https://…)", "<https://…>" and markdown links come out clean. Linear time.
_TOKEN = re.compile(r"[^\s<>\"'`()\[\]{}|\\^]+")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]{1,15}://", re.IGNORECASE)
_TRAILING = ".,;:!?…»”’*_~"
_HOST_PREFIXES = ("www.", "m.", "mobile.", "web.")
# A plain word with a dot ("file.txt") is only a link when its host is one we know.
_HOST_LIKE = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#]|$)", re.IGNORECASE)


@dataclass(frozen=True)
class LinkScan:
    """Every link found in a message: media to stash, and links refused with a reason."""

    links: tuple[Link, ...]
    refused: tuple[RefusedLink, ...]


def parse_links(text: str, extra_hosts: Iterable[str] = ()) -> list[Link]:
    """Every supported media link in `text`, once each, in the order they appear."""
    return list(scan_links(text, extra_hosts).links)


def scan_links(text: str, extra_hosts: Iterable[str] = ()) -> LinkScan:
    """Every link in `text`, split into media links and refused links."""
    extra = frozenset(h.strip().lower() for h in extra_hosts if h.strip())
    links: dict[str, Link] = {}
    refused: dict[str, RefusedLink] = {}
    for candidate in _candidates(text):
        result = _classify(candidate, extra)
        if isinstance(result, Link):
            links.setdefault(result.canonical_url, result)
        elif result is not None:
            refused.setdefault(result.url, result)
    return LinkScan(tuple(links.values()), tuple(refused.values()))


def _candidates(text: str) -> Iterable[str]:
    for match in _TOKEN.finditer(text):
        token = match.group()
        scheme = _SCHEME.search(token)
        if scheme:
            token = token[scheme.start():]
        token = token.rstrip(_TRAILING).lstrip(".,;:!?…«“‘*_~")
        if scheme or _HOST_LIKE.match(token):
            yield token


def _split(token: str) -> ParsedUrl | None:
    has_scheme = "://" in token
    try:
        parts = urlsplit(token if has_scheme else "https://" + token)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return None
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
            break
    segments = tuple(s for s in parts.path.split("/") if s)
    return ParsedUrl(token, parts.scheme.lower(), host, port, segments, parse_qs(parts.query))


def _classify(token: str, extra: frozenset[str]) -> Link | RefusedLink | None:
    url = _split(token)
    if url is None:
        return RefusedLink(token, Refusal.UNSUPPORTED) if "://" in token else None
    if url.scheme not in ("http", "https"):
        return RefusedLink(token, Refusal.UNSUPPORTED)
    host_port = f"{url.host}:{url.port}" if url.port else url.host
    if url.host in extra or host_port in extra:
        return direct(url)
    for hosts, platform, parse in PLATFORMS:
        if url.host in hosts:
            result = parse(url)
            if isinstance(result, Refusal):
                return RefusedLink(token, result, platform)
            return result
    if "://" in token or token.lower().startswith("www."):
        return RefusedLink(token, Refusal.UNSUPPORTED)
    return None
