"""Fetch a URL the user asked for (httpx), safely: timeouts, a size cap, content-type checks, a few redirects
at most, and no private/loopback/link-local/reserved addresses unless ``allow_private`` (so frontwatch cannot
be used to probe an internal network). Every redirect hop is checked again. Failures are InputErrors.

Known limit: the address is checked before connecting and httpx resolves the name again to connect, so a
hostile DNS server could still answer differently the second time (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..errors import InputError

MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
TIMEOUT_S = 20.0
USER_AGENT = f"frontwatch/{__version__} (+conflict news analysis; offline tool fetching on request)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/feed+json")
TEXT_TYPES = ("text/plain",)
ACCEPTED_TYPES = HTML_TYPES + FEED_TYPES + TEXT_TYPES


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    text: str
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def check_address(url: str, allow_private: bool) -> None:
    """InputError unless the URL is http(s) and every address its host resolves to is public (or allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError("only http and https URLs can be fetched", where=url)
    if not parts.hostname:
        raise InputError("URL has no host", where=url)
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"cannot resolve host {parts.hostname!r} ({exc})", where=url) from exc
    if allow_private:
        return
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if (address.is_private or address.is_loopback or address.is_link_local or address.is_multicast
                or address.is_reserved or address.is_unspecified
                or (isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None
                    and not address.ipv4_mapped.is_global)):
            raise InputError(f"refusing to fetch from a private or local address ({address}); "
                             "pass --allow-private if you mean it", where=url)


def _media_type(header: str) -> str:
    return header.split(";", 1)[0].strip().lower()


def _charset(header: str) -> str | None:
    for part in header.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


def fetch(url: str, *, allow_private: bool = False, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES,
          etag: str | None = None, last_modified: str | None = None) -> Fetched:
    import httpx

    headers = {"User-Agent": USER_AGENT, "Accept": ", ".join(ACCEPTED_TYPES) + ";q=0.9, */*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_address(current, allow_private)
            try:
                with client.stream("GET", current, headers=headers) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise InputError(f"redirect ({response.status_code}) without a location", where=url)
                        current = urljoin(current, location)
                        continue
                    if response.status_code == 304:
                        return Fetched(current, "", "", etag, last_modified, not_modified=True)
                    if response.status_code >= 400:
                        raise InputError(f"server answered HTTP {response.status_code}", where=url)
                    content_type = response.headers.get("content-type", "")
                    media = _media_type(content_type)
                    if media and media not in ACCEPTED_TYPES:
                        raise InputError(f"not a web page, feed or text (content-type {media})", where=url)
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise InputError(f"too large ({int(declared):,} bytes; limit {max_bytes:,})", where=url)
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > max_bytes:
                            raise InputError(f"too large (over {max_bytes:,} bytes)", where=url)
                    text = _decode(bytes(body), _charset(content_type))
                    return Fetched(current, media, text, response.headers.get("etag"),
                                   response.headers.get("last-modified"))
            except httpx.TimeoutException as exc:
                raise InputError(f"timed out after {timeout:g} s", where=url) from exc
            except httpx.HTTPError as exc:
                raise InputError(f"cannot fetch ({type(exc).__name__}: {exc})", where=url) from exc
    raise InputError(f"more than {MAX_REDIRECTS} redirects", where=url)


def _decode(body: bytes, charset: str | None) -> str:
    for encoding in (charset, "utf-8"):
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")
