"""Which addresses frontwatch may fetch from: names are resolved once, here, and every address checked.

``resolve`` is the only place a host name becomes addresses; the fetcher then connects to exactly the addresses
checked here (see ``connect.py``), so a DNS server cannot answer differently the second time (DNS rebinding).
Only globally routable unicast addresses pass unless the caller allows private ones. An IPv6 address that carries
an IPv4 address (IPv4-mapped, IPv4-compatible, 6to4, NAT64, Teredo) passes only if the IPv4 address does.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
from dataclasses import dataclass

from ..errors import InputError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052 well-known prefix: the last 32 bits are an IPv4 address
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215 local-use prefix: translates to anything
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # RFC 4291 deprecated IPv4-compatible addresses
LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"  # a DNS label (RFC 1123, plus the underscore seen in the wild)
HOST_NAME = re.compile(rf"{LABEL}(?:\.{LABEL})*\.?", re.IGNORECASE)


class FetchError(InputError):
    """A URL cannot be fetched. ``final`` when asking again cannot help (bad URL, refused address, HTTP 404)."""

    code = "fetch"

    def __init__(self, message: str, where: str | None = None, *, final: bool = False) -> None:
        super().__init__(message, where=where)
        self.final = final


@dataclass(frozen=True)
class Target:
    """A URL's host and port with the checked addresses to connect to, in the resolver's order."""

    host: str
    port: int
    addresses: tuple[str, ...]


def resolve(host: str, port: int) -> list[str]:
    """The addresses a host name resolves to (the one place names are resolved; tests replace it)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64 or address in IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: IPAddress) -> bool:
    """True for a globally routable unicast address, checking the IPv4 address inside IPv6 transition forms."""
    if not address.is_global or address.is_multicast:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        if address in NAT64_LOCAL:
            return False
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public(embedded)
    return True


def _parse(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


def _lookup(host: str, port: int, seconds: float, where: str) -> list[str]:
    """``resolve`` in a helper thread, so a DNS server that never answers cannot outlast the fetch's deadline."""
    answer: list[list[str] | BaseException] = []

    def run() -> None:
        try:
            answer.append(resolve(host, port))
        except (OSError, UnicodeError) as exc:
            answer.append(exc)

    thread = threading.Thread(target=run, name="frontwatch-resolve", daemon=True)
    thread.start()
    thread.join(max(seconds, 0.0))
    if not answer:
        raise FetchError(f"timed out resolving host {host!r}", where=where)
    if isinstance(answer[0], BaseException):
        raise FetchError(f"cannot resolve host {host!r} ({answer[0]})", where=where) from answer[0]
    return answer[0]


def check_address(url: str, allow_private: bool, seconds: float = 20.0, where: str | None = None) -> Target:
    """The URL's host, port and checked addresses; FetchError (final) unless it is http(s) and every address its
    host resolves to is public (or private ones are allowed)."""
    import httpx

    where = where or url
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(f"not a valid URL ({exc})", where=where, final=True) from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError("only http and https URLs can be fetched", where=where, final=True)
    host = parsed.raw_host.decode("ascii")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    if not host:
        raise FetchError("URL has no host", where=where, final=True)
    if not 0 < port < 65536:
        raise FetchError(f"port {port} is out of range", where=where, final=True)
    literal = _parse(host)
    if literal is None and not HOST_NAME.fullmatch(host):
        raise FetchError(f"not a valid host name ({host!r})", where=where, final=True)
    found = [str(literal)] if literal is not None else _lookup(host, port, seconds, where)
    addresses = [a for a in (_parse(text) for text in found) if a is not None]
    if not addresses:
        raise FetchError(f"host {host!r} resolves to no address", where=where)
    for address in addresses:
        if not allow_private and not is_public(address):
            hop = "" if url == where else f" (redirect to {url})"
            raise FetchError(f"refusing to fetch from a private or local address ({address}){hop}; "
                             "pass --allow-private if you mean it", where=where, final=True)
    return Target(host, port, tuple(dict.fromkeys(str(a) for a in addresses)))
