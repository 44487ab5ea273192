"""Where a webhook may send: an HTTPS URL whose every address is public.

Server-side request forgery is refused by resolving the host and checking each address it
resolves to, when the webhook is saved and again before every attempt (a name may be
re-pointed at an internal address after it was saved: DNS rebinding). The request then goes
to the address that was checked, never to a second lookup. Administrators may allow private
networks (an integration inside the company's network, a test receiver on loopback); only
then is plain HTTP accepted, for those addresses.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from domain.errors import ValidationFailed

URL_MAX = 2000
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class TargetRefused(Exception):
    """The URL cannot be sent to now (bad form, unresolvable, or a forbidden address)."""


@dataclass(frozen=True)
class Target:
    url: str  # as saved
    scheme: str
    host: str
    port: int
    addresses: tuple[Address, ...]

    def pinned_url(self) -> str:
        """The URL with the checked address in place of the host name."""
        address = self.addresses[0]
        literal = f"[{address}]" if address.version == 6 else str(address)
        parts = urlsplit(self.url)
        return urlunsplit(
            (parts.scheme, f"{literal}:{self.port}", parts.path or "/", parts.query, "")
        )

    @property
    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == default else f"{host}:{self.port}"


def parse_networks(text: str) -> list[Network]:
    """Comma-separated CIDR networks (or single addresses); ValueError names a bad one."""
    networks: list[Network] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError as error:
            raise ValueError(part) from error
    return networks


def is_public(address: Address) -> bool:
    """Whether an address is on the public internet (not private, loopback, link-local,
    multicast, reserved, unspecified, or an IPv4 one of those written as IPv6)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not (
        address.is_multicast or address.is_reserved or address.is_link_local
    )


def _split(url: str) -> tuple[str, str, int]:
    if not isinstance(url, str) or not url or len(url) > URL_MAX:
        raise TargetRefused(f"Give a URL of up to {URL_MAX} characters.")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise TargetRefused("The URL is not valid.") from error
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not parts.hostname:
        raise TargetRefused("The URL must start with https:// and name a host.")
    if parts.username or parts.password:
        raise TargetRefused("The URL must not carry a user name or password.")
    if parts.fragment:
        raise TargetRefused("The URL must not have a fragment (#).")
    return scheme, parts.hostname.lower(), port or (443 if scheme == "https" else 80)


async def _resolve(host: str, port: int) -> tuple[Address, ...]:
    try:
        return (ipaddress.ip_address(host),)
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise TargetRefused(f"The host {host} could not be resolved.") from error
    found: list[Address] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    if not found:
        raise TargetRefused(f"The host {host} could not be resolved.")
    return tuple(found)


async def check_target(url: str, allowed: list[Network]) -> Target:
    """The target of a URL, every address checked; TargetRefused says why not."""
    scheme, host, port = _split(url)
    addresses = await _resolve(host, port)
    for address in addresses:
        if not is_public(address) and not any(address in network for network in allowed):
            raise TargetRefused(
                f"The host {host} resolves to {address}, a private or local address, "
                "which webhooks may not reach."
            )
    if scheme == "http" and not all(
        any(address in network for network in allowed) for address in addresses
    ):
        raise TargetRefused("The URL must start with https:// and name a host.")
    return Target(url=url.strip(), scheme=scheme, host=host, port=port, addresses=addresses)


async def validate_url(url: str, allowed: list[Network]) -> str:
    """The URL to save, or a validation error on the `url` field."""
    try:
        return (await check_target(url, allowed)).url
    except TargetRefused as error:
        raise ValidationFailed(str(error), field="url") from error
