"""No SSRF: what the media fetcher refuses to open, and short links followed hop by hop."""

from __future__ import annotations

from collections.abc import AsyncIterator
from ipaddress import ip_address

import pytest
import pytest_asyncio

from adapters.media import NetworkGuard, YtdlpFetcher
from adapters.media.guard import REFUSED, Resolver, literal_address
from core.errors import LinkError
from core.links import parse_links
from core.models import Link, Platform
from sandbox.media import MediaHost

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def host() -> AsyncIterator[MediaHost]:
    """The listed media host; it also plays vm.tiktok.com and instagram.com/share redirects."""
    async with MediaHost() as media:
        yield media


def listed(host: MediaHost) -> str:
    return f"127.0.0.1:{host.port}"


def direct(url: str) -> Link:
    """A direct media link, made by hand: the parser would not even let most of these through."""
    return Link(Platform.DIRECT, url, url, url)


def resolver(mapping: dict[str, list[str]]) -> Resolver:
    """DNS without DNS: the addresses each name resolves to."""

    async def resolve(host: str, port: int) -> list[str]:
        return mapping[host]

    return resolve


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:{port}/clip/40000001.mp4",  # the host itself, on another port than listed
    "http://127.0.0.1/clip/40000001.mp4",
    "http://10.0.0.1/x.mp4",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:{port}/clip/40000001.mp4",
    "http://[::ffff:127.0.0.1]/x.mp4",
    "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",  # NAT64 form of 169.254.169.254
    "http://[2002:7f00:1::]/x.mp4",  # 6to4 form of 127.0.0.1
    "http://[::127.0.0.1]/x.mp4",  # IPv4-compatible form
    "http://2130706433/x.mp4",
    "http://0x7f.1/x.mp4",
    "http://017700000001/x.mp4",
    "http://0/x.mp4",
    "file:///etc/passwd",
    "ftp://example.com/x.mp4",
    "gopher://127.0.0.1:25/",
])
async def test_links_into_the_network_are_refused_before_any_request(
    host: MediaHost, url: str
) -> None:
    media = YtdlpFetcher(extra_hosts=[f"127.0.0.2:{host.port}"])
    host.reset_bytes()

    with pytest.raises(LinkError) as caught:
        await media.fetch(direct(url.format(port=host.port + 1)))

    assert caught.value.user_message == REFUSED
    assert host.requests == []


async def test_a_platform_name_that_resolves_inside_is_refused() -> None:
    media = YtdlpFetcher(resolver=resolver({"www.instagram.com": ["10.1.2.3"]}))

    with pytest.raises(LinkError):
        await media.fetch(parse_links("https://www.instagram.com/reel/C0ffee12345/")[0])


async def test_a_direct_link_needs_its_host_listed_even_when_public() -> None:
    media = YtdlpFetcher(resolver=resolver({"media.example": ["93.184.216.34"]}))

    with pytest.raises(LinkError):
        await media.fetch(direct("https://media.example/x.mp4"))


@pytest.mark.parametrize("to", ["http://10.0.0.1/x.mp4", "http://169.254.169.254/",
                                "http://127.0.0.1:1/x.mp4", "file:///etc/passwd"])
async def test_a_listed_host_redirecting_inside_is_refused(host: MediaHost, to: str) -> None:
    media = YtdlpFetcher(extra_hosts=[listed(host)])

    with pytest.raises(LinkError) as caught:
        await media.fetch(parse_links(host.redirect_url(to), [listed(host)])[0])

    assert caught.value.user_message == REFUSED
    assert host.requests == []  # the redirect, not media, was all it served


async def test_a_redirect_to_another_listed_host_is_followed(host: MediaHost) -> None:
    async with MediaHost() as other:
        hosts = [listed(host), listed(other)]
        target = other.url("40000001", "mp3", seconds=15)

        clip = await YtdlpFetcher(extra_hosts=hosts).fetch(
            parse_links(host.redirect_url(target), hosts)[0])

        assert clip.container == "mp3" and other.bytes_served(target) > 0


@pytest.mark.parametrize(("short", "long"), [
    ("https://vm.tiktok.com/ZMabc123/", "https://www.tiktok.com/@luna/video/7300000000000000001"
                                        "?_t=8abc&_r=1"),
    ("https://www.instagram.com/share/reel/BAxyz789/", "https://www.instagram.com/reel/C0ffee12345/"
                                                       "?igsh=abc"),
])
async def test_a_short_link_and_the_long_link_share_one_canonical_url(
    host: MediaHost, short: str, long: str
) -> None:
    [shared] = parse_links(short)
    # The media host plays the short-link service: its redirect answers as vm.tiktok.com does.
    shared = Link(shared.platform, shared.media_id, shared.canonical_url,
                  host.redirect_url(long, status=301), needs_resolve=True)

    resolved = await YtdlpFetcher(extra_hosts=[listed(host)]).resolve(shared)

    assert resolved.canonical_url == parse_links(long)[0].canonical_url
    assert not resolved.needs_resolve


async def test_a_short_link_redirecting_inside_is_refused(host: MediaHost) -> None:
    shared = Link(Platform.TIKTOK, "ZMabc", "https://vm.tiktok.com/ZMabc/",
                  host.redirect_url("http://10.0.0.1/admin"), needs_resolve=True)

    with pytest.raises(LinkError):
        await YtdlpFetcher(extra_hosts=[listed(host)]).resolve(shared)


async def test_a_short_link_leading_nowhere_comes_back_as_it_was(host: MediaHost) -> None:
    shared = Link(Platform.TIKTOK, "ZMabc", "https://vm.tiktok.com/ZMabc/",
                  host.login_url, needs_resolve=True)
    [plain] = parse_links("https://www.tiktok.com/@luna/video/7300000000000000001")
    media = YtdlpFetcher(extra_hosts=[listed(host)])

    assert await media.resolve(shared) == shared
    assert await media.resolve(plain) is plain


@pytest.mark.parametrize(("host", "address"), [
    ("2130706433", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("017700000001", "127.0.0.1"),
    ("127.1", "127.0.0.1"), ("[::1]", "::1"), ("cafe.de", None), ("example.com", None),
])
async def test_ip_literals_are_read_the_way_a_resolver_reads_them(
    host: str, address: str | None
) -> None:
    found = literal_address(host)

    assert (str(found) if found else None) == address


# What a name may resolve to: IPv6 forms carrying an IPv4 address are judged by that address.
@pytest.mark.parametrize(("address", "allowed"), [
    ("93.184.216.34", True),
    ("2606:2800:220:1:248:1893:25c8:1946", True),
    ("::ffff:93.184.216.34", True),  # IPv4-mapped
    ("::ffff:127.0.0.1", False),
    ("::ffff:0:5db8:d822", True),  # IPv4-translated 93.184.216.34
    ("::ffff:0:7f00:1", False),  # IPv4-translated 127.0.0.1
    ("::ffff:0:a00:1", False),  # IPv4-translated 10.0.0.1
    ("64:ff9b::5db8:d822", True),  # well-known NAT64 of 93.184.216.34
    ("64:ff9b::a9fe:a9fe", False),  # well-known NAT64 of 169.254.169.254
    ("64:ff9b:1::5db8:d822", False),  # local-use NAT64: the operator's own translator
    ("64:ff9b:1:ffff::7f00:1", False),
    ("fec0::1", False),  # site-local
    ("feff:ffff::1", False),
    ("2002:5db8:d822::", True),  # 6to4 of 93.184.216.34
    ("2002:7f00:1::", False),
])
async def test_addresses_a_name_resolves_to_are_judged_by_where_they_lead(
    address: str, allowed: bool
) -> None:
    guard = NetworkGuard(resolver=resolver({"cdn.example": [address]}))
    literal = f"[{address}]" if ":" in address else address

    for url in ("https://cdn.example/x.mp4", f"https://{literal}/x.mp4"):  # by name, literally
        if allowed:
            found = (await guard.check_url(url)).addresses
            assert [ip_address(a) for a in found] == [ip_address(address)]
        else:
            with pytest.raises(LinkError) as caught:
                await guard.check_url(url)
            assert caught.value.user_message == REFUSED


async def test_a_listed_private_host_is_allowed_only_on_its_port() -> None:
    guard = NetworkGuard(["127.0.0.1:8000", "media.lan"],
                         resolver({"media.lan": ["192.168.1.5"]}))

    assert (await guard.check_url("http://127.0.0.1:8000/x")).addresses == ("127.0.0.1",)
    assert (await guard.check_url("https://media.lan/x")).addresses == ("192.168.1.5",)
    with pytest.raises(LinkError):
        await guard.check_url("http://127.0.0.1:8001/x")


async def test_public_hosts_are_open_on_the_web_ports_only() -> None:
    guard = NetworkGuard(resolver=resolver({"cdn.example": ["93.184.216.34"]}))

    assert (await guard.check_url("https://cdn.example/x.mp4")).port == 443
    assert (await guard.check_url("http://cdn.example/x.mp4")).port == 80
    for url in ("http://cdn.example:25/", "https://cdn.example:6379/", "http://93.184.216.34:22/"):
        with pytest.raises(LinkError):
            await guard.check_url(url)
