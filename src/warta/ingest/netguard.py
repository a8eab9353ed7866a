"""Which addresses a user-supplied URL may reach: public ones only, unless told otherwise.

A URL from a feed, a list or a redirect could point at the machine itself, the local network or
a cloud metadata service; fetching it would let outside input probe inside. Every address a host
resolves to is checked, before the first request and after every redirect.

Known limit: the name is resolved again by the HTTP client when it connects, so a DNS server
that answers differently the second time (rebinding) is not caught here.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from warta.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """``allow_private`` lets every address through; ``allow_networks`` only the ones listed."""

    allow_private: bool = False
    allow_networks: tuple[str, ...] = ()

    def networks(self) -> tuple[IPNetwork, ...]:
        return tuple(ipaddress.ip_network(net, strict=False) for net in self.allow_networks)


def is_public(address: IPAddress) -> bool:
    """True for globally routable unicast addresses."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def refusal(address: str, policy: AddressPolicy) -> str | None:
    """Why ``address`` may not be contacted, or None when it may."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if policy.allow_private or is_public(ip):
        return None
    if any(ip in net for net in policy.networks() if net.version == ip.version):
        return None
    return f"{ip} is a private, loopback, link-local or otherwise non-public address"


def host_and_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url!r} is not an http(s) URL.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"{url!r} has an invalid port.") from exc
    return parts.hostname, port


def _check(url: str, host: str, infos: list[str], policy: AddressPolicy) -> None:
    if not infos:
        raise FetchError(f"Refused to fetch {url}: {host} resolves to no address.")
    for address in infos:
        reason = refusal(address, policy)
        if reason is not None:
            raise FetchError(
                f"Refused to fetch {url}: {host} resolves to {reason} "
                "(allow_private=True permits such addresses)."
            )


async def check_url(url: str, policy: AddressPolicy) -> None:
    """Raise FetchError unless every address of the URL's host is allowed."""
    host, port = host_and_port(url)
    if policy.allow_private:
        return
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise FetchError(f"Could not resolve the host of {url}: {exc}.") from exc
    _check(url, host, [str(info[4][0]) for info in infos], policy)


def check_url_sync(url: str, policy: AddressPolicy) -> None:
    """Blocking twin of :func:`check_url`, for streaming readers outside an event loop."""
    host, port = host_and_port(url)
    if policy.allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise FetchError(f"Could not resolve the host of {url}: {exc}.") from exc
    _check(url, host, [str(info[4][0]) for info in infos], policy)
