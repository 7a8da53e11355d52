"""The network guard: which URLs Stash may open, so a link never becomes a way into our network."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from core.errors import LinkError
from core.texts import say

Resolver = Callable[[str, int], Awaitable[list[str]]]
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

WEB_PORTS = (80, 443)
REFUSED = say("media.refused_address")
# Cloud metadata endpoints that are public addresses (the rest are link-local or private).
_METADATA = frozenset({ipaddress.ip_address("100.100.100.200"),
                       ipaddress.ip_address("fd00:ec2::254")})
# Hosts that a resolver would read as a number: 2130706433, 0x7f.1, 017700000001, 127.1.
_NUMERIC_HOST = re.compile(r"^[0-9a-fx.]+$", re.IGNORECASE)


@dataclass(frozen=True)
class Target:
    """A checked destination: where to connect, and the addresses it may use."""

    host: str
    port: int
    addresses: tuple[str, ...]


async def system_resolver(host: str, port: int) -> list[str]:
    """The host's addresses, from the operating system's resolver."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def literal_address(host: str) -> IpAddress | None:
    """The address a host names by itself, in any notation a resolver accepts; else None."""
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        pass
    if _NUMERIC_HOST.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated ::a.b.c.d
_IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")  # SIIT, RFC 2765
# Never a public host by itself: a local-use NAT64 prefix (RFC 8215) whose translator is the
# operator's own, with the IPv4 address wherever its prefix length puts it; and the deprecated
# site-local range (RFC 3879), which older networks still route inside.
_NEVER_PUBLIC = (ipaddress.ip_network("64:ff9b:1::/48"), ipaddress.ip_network("fec0::/10"))


def is_public(address: IpAddress) -> bool:
    """True for an address on the public internet (not loopback, private, link-local, ...).

    IPv6 forms that carry an IPv4 address (mapped, translated, 6to4, NAT64) are judged by it.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address in _IPV4_COMPATIBLE or any(address in net for net in _NEVER_PUBLIC):
            return False  # nothing public is reached through these
        embedded = address.ipv4_mapped or address.sixtofour or _low_ipv4(address)
        if embedded is not None:
            address = embedded
    return address.is_global and not address.is_multicast and address not in _METADATA


def _low_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address in the last 32 bits of a NAT64 or an IPv4-translated address."""
    if address in _NAT64 or address in _IPV4_TRANSLATED:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


class NetworkGuard:
    """Allows http(s) URLs to public addresses, and to the hosts listed in MEDIA_EXTRA_HOSTS."""

    def __init__(self, extra_hosts: Iterable[str] = (), resolver: Resolver = system_resolver
                 ) -> None:
        self.extra_hosts = frozenset(h.strip().lower() for h in extra_hosts if h.strip())
        self._resolve = resolver

    def is_listed(self, host: str, port: int) -> bool:
        """True when the host (or host:port) is in MEDIA_EXTRA_HOSTS."""
        host = host.lower().strip("[]")
        return host in self.extra_hosts or f"{host}:{port}" in self.extra_hosts

    async def check_url(self, url: str) -> Target:
        """The target of an http(s) URL that may be opened; LinkError for any other."""
        try:
            parts = urlsplit(url)
            host, port = parts.hostname, parts.port
        except ValueError as err:
            raise LinkError(REFUSED) from err
        if parts.scheme.lower() not in ("http", "https") or not host:
            raise LinkError(REFUSED)
        return await self.check(host, port or (443 if parts.scheme.lower() == "https" else 80))

    async def check(self, host: str, port: int) -> Target:
        """The addresses `host` may be reached at; LinkError when it leads inside."""
        host = host.lower().rstrip(".")
        literal = literal_address(host)
        if literal is not None:
            addresses = [str(literal)]
        else:
            try:
                addresses = await self._resolve(host, port)
            except OSError as err:
                raise LinkError(say("media.no_server")) from err
        if not addresses:
            raise LinkError(say("media.no_server"))
        if self.is_listed(host, port):
            return Target(host, port, tuple(addresses))
        # Platforms serve on the web's ports; any other port is a way to reach other services.
        if port not in WEB_PORTS or not all(
                is_public(ipaddress.ip_address(a.split("%")[0])) for a in addresses):
            raise LinkError(REFUSED)
        return Target(host, port, tuple(addresses))
