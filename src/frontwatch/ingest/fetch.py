"""Fetch a URL the user asked for, safely: one total deadline, a size cap, content-type checks, a few redirects
at most, and only public addresses unless ``allow_private`` (so frontwatch cannot be used to probe an internal
network). Every hop's host is resolved once and checked (``addresses.py``), and the connection goes to exactly the
checked addresses (``connect.py``), so DNS rebinding cannot send it elsewhere. Failures are ``FetchError``s
(InputErrors), marked ``final`` when asking again cannot help. ``fetch_budget`` caps what one piece of work (an
API request) may fetch in all.
"""

from __future__ import annotations

import contextlib
import ssl
import time
import zlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import __version__
from .addresses import FetchError, check_address

if TYPE_CHECKING:
    import httpcore

    from .connect import Deadline

__all__ = ["FetchBudget", "FetchError", "Fetched", "check_address", "fetch", "fetch_budget"]

MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
TIMEOUT_S = 20.0
USER_AGENT = f"frontwatch/{__version__} (+conflict news analysis; offline tool fetching on request)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/feed+json")
TEXT_TYPES = ("text/plain",)
ACCEPTED_TYPES = HTML_TYPES + FEED_TYPES + TEXT_TYPES
REDIRECTS = (301, 302, 303, 307, 308)
RETRYABLE_CLIENT_ERRORS = (408, 429)  # request timeout, too many requests (RFC 9110, RFC 6585): ask again later


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    text: str
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def _media_type(header: str) -> str:
    return header.split(";", 1)[0].strip().lower()


def _charset(header: str) -> str | None:
    for part in header.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


class FetchBudget:
    """How many fetches, and how many seconds in all, one piece of work (e.g. one API request) may spend."""

    def __init__(self, fetches: int, seconds: float) -> None:
        self.fetches = fetches
        self.seconds = seconds
        self.used = 0
        self._end = time.monotonic() + seconds

    def take(self, url: str, timeout: float) -> float:
        """Count one fetch and return the seconds it may take; FetchError (final) when the budget is spent."""
        left = self._end - time.monotonic()
        if self.used >= self.fetches or left <= 0:
            raise FetchError(f"fetch budget spent ({self.fetches} fetches or {self.seconds:g} s per request)",
                             where=url, final=True)
        self.used += 1
        return min(timeout, left)


_BUDGET: ContextVar[FetchBudget | None] = ContextVar("frontwatch_fetch_budget", default=None)


@contextlib.contextmanager
def fetch_budget(fetches: int, seconds: float) -> Iterator[FetchBudget]:
    """Every ``fetch`` in this block (in this thread or task) counts against one budget."""
    budget = FetchBudget(fetches, seconds)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def fetch(url: str, *, allow_private: bool = False, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES,
          etag: str | None = None, last_modified: str | None = None) -> Fetched:
    """The page at ``url`` after redirects, all within ``timeout`` seconds in total; a ``not_modified`` Fetched
    when the server answers 304 to the ``etag``/``last_modified`` validators."""
    import httpcore

    from .connect import Deadline, PinnedBackend

    budget = _BUDGET.get()
    seconds = budget.take(url, timeout) if budget else timeout
    deadline = Deadline(seconds)
    backend = PinnedBackend(deadline)
    validators = (etag, last_modified)
    current = url
    with httpcore.ConnectionPool(ssl_context=tls_context(), network_backend=backend, retries=0) as pool:
        for _ in range(MAX_REDIRECTS + 1):
            target = check_address(current, allow_private, deadline.left(), where=url)
            backend.pin(target.host, target.port, target.addresses)
            try:
                answer = _get(pool, current, deadline, max_bytes, url, validators)
            except httpcore.TimeoutException as exc:
                raise FetchError(f"timed out after {seconds:g} s", where=url) from exc
            except (httpcore.UnsupportedProtocol, httpcore.LocalProtocolError) as exc:
                raise FetchError(f"cannot fetch ({exc})", where=url, final=True) from exc
            except (httpcore.NetworkError, httpcore.ProtocolError) as exc:
                refused = _certificate_failure(exc)
                if refused is not None:  # the same certificate is offered again: asking again cannot help
                    raise FetchError(f"TLS certificate refused ({refused})", where=url, final=True) from exc
                raise FetchError(f"cannot fetch ({type(exc).__name__}: {exc})", where=url) from exc
            if isinstance(answer, Fetched):
                return answer
            current = answer
    raise FetchError(f"more than {MAX_REDIRECTS} redirects", where=url, final=True)


def _certificate_failure(exc: BaseException) -> str | None:
    """Why the server's certificate was refused, when that is what ``exc`` (or an error it wraps) says; else None."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return " ".join(str(current.verify_message or current.reason or current).split())
        current = current.__cause__ or current.__context__
    return None


def tls_context() -> ssl.SSLContext:
    """Certificates checked as httpx checks them (certifi's roots, the URL's host name), ignoring SSL_* env."""
    import httpx

    return httpx.create_ssl_context(trust_env=False)


def _request_headers(netloc: bytes, validators: tuple[str | None, str | None]) -> list[tuple[bytes, bytes]]:
    etag, last_modified = validators
    headers = [(b"Host", netloc), (b"User-Agent", USER_AGENT.encode()),
               (b"Accept", (", ".join(ACCEPTED_TYPES) + ";q=0.9, */*;q=0.1").encode()),
               (b"Accept-Encoding", b"gzip, identity")]
    if etag:
        headers.append((b"If-None-Match", etag.encode("latin-1", "replace")))
    if last_modified:
        headers.append((b"If-Modified-Since", last_modified.encode("latin-1", "replace")))
    return headers


def _get(pool: httpcore.ConnectionPool, url: str, deadline: Deadline, max_bytes: int, where: str,
         validators: tuple[str | None, str | None]) -> Fetched | str:
    """One GET: the Fetched page, or the next URL when the server redirects."""
    import httpcore
    import httpx

    parsed = httpx.URL(url)
    target = httpcore.URL(scheme=parsed.raw_scheme, host=parsed.raw_host, port=parsed.port, target=parsed.raw_path)
    with pool.stream("GET", target, headers=_request_headers(parsed.netloc, validators)) as response:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in response.headers}
        status = response.status
        if status == 304:
            return Fetched(url, "", "", *validators, not_modified=True)
        if status in REDIRECTS:
            location = headers.get("location")
            if not location:
                raise FetchError(f"redirect ({status}) without a location", where=where, final=True)
            try:
                return str(parsed.join(location))
            except httpx.InvalidURL as exc:
                raise FetchError(f"redirect to an invalid URL ({exc})", where=where, final=True) from exc
        if status >= 300:
            final = status < 500 and status not in RETRYABLE_CLIENT_ERRORS
            raise FetchError(f"server answered HTTP {status}", where=where, final=final)
        media = _checked_media(headers, max_bytes, where)
        body = _read_body(response.iter_stream(), headers.get("content-encoding", ""), max_bytes, where)
        return Fetched(url, media, _decode(body, _charset(headers.get("content-type", ""))), headers.get("etag"),
                       headers.get("last-modified"))


def _checked_media(headers: dict[str, str], max_bytes: int, where: str) -> str:
    media = _media_type(headers.get("content-type", ""))
    if media and media not in ACCEPTED_TYPES:
        raise FetchError(f"not a web page, feed or text (content-type {media})", where=where, final=True)
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"too large ({int(declared):,} bytes; limit {max_bytes:,})", where=where, final=True)
    return media


def _read_body(chunks: Iterable[bytes], encoding: str, max_bytes: int, where: str) -> bytes:
    """The body, gunzipped if it came compressed; FetchError once it grows past ``max_bytes``."""
    encoding = encoding.strip().lower() or "identity"
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported content-encoding {encoding}", where=where, final=True)
    inflater = None if encoding == "identity" else zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header
    body = bytearray()
    for chunk in chunks:
        try:
            body.extend(inflater.decompress(chunk, max_bytes + 1 - len(body)) if inflater else chunk)
        except zlib.error as exc:
            raise FetchError(f"body is not valid {encoding} ({exc})", where=where, final=True) from exc
        if len(body) > max_bytes:
            raise FetchError(f"too large (over {max_bytes:,} bytes)", where=where, final=True)
    return bytes(body)

def _decode(body: bytes, charset: str | None) -> str:
    for encoding in (charset, "utf-8"):
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")
