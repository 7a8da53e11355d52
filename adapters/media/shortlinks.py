"""Following share and short links to the media they name, one checked hop at a time."""

from __future__ import annotations

import dataclasses
from urllib.parse import urljoin

import aiohttp

from adapters.media.guard import NetworkGuard
from adapters.media.proxy import GuardProxy
from core.errors import LinkError, NetworkTrouble
from core.links import parse_links
from core.models import Link
from core.texts import say

MAX_HOPS = 5
REDIRECTS = (301, 302, 303, 307, 308)
# Platforms answer a bare client with a consent or login page instead of the redirect.
USER_AGENT = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
              "(KHTML, like Gecko) Chrome/124.0 Safari/537.36")


def with_scheme(url: str) -> str:
    """A link as people paste it ("vm.tiktok.com/x") with the https:// it implies."""
    return url if "://" in url else "https://" + url


async def resolve_link(link: Link, guard: NetworkGuard, *, seconds: float,
                       max_bytes: int = 1024 * 1024) -> Link:
    """The media link a share link redirects to; the link itself when it leads to no media."""
    if not link.needs_resolve:
        return link
    url = with_scheme(link.original)
    client_timeout = aiohttp.ClientTimeout(total=seconds)
    try:
        async with (GuardProxy(guard, max_bytes, seconds) as proxy,
                    aiohttp.ClientSession(timeout=client_timeout) as session):
            for _ in range(MAX_HOPS):
                await guard.check_url(url)
                async with session.get(url, allow_redirects=False, proxy=proxy.url,
                                       headers={"User-Agent": USER_AGENT}) as response:
                    location = response.headers.get("Location")
                    if response.status == 403 and proxy.refused:
                        raise LinkError(say("media.refused_address"))
                    if response.status not in REDIRECTS or not location:
                        break
                url = urljoin(url, location)
                found = _media(url, guard)
                if found is not None:
                    return dataclasses.replace(found, needs_resolve=False)
    except (aiohttp.ClientError, TimeoutError) as err:
        raise NetworkTrouble() from err
    return link


def _media(url: str, guard: NetworkGuard) -> Link | None:
    """The media link `url` names by itself, without another request."""
    found = parse_links(url, guard.extra_hosts)
    return found[0] if found and not found[0].needs_resolve else None
