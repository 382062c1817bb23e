"""Who may write, and how much: the rules ``serve`` applies before a request reaches a route.

Reads (GET, HEAD, OPTIONS) are open. Every other method is a write: refused (403) on a read-only server, and
refused (401) without ``Authorization: Bearer <token>`` when the server has a token. Request bodies larger than
the limit are refused (413) from their Content-Length, or while they stream in when they have none. A server on an
address other machines can reach must have a token or be read-only (``check_exposure``).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ..errors import InputError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_NAMES = frozenset({"localhost"})


def is_loopback_host(host: str) -> bool:
    """True for an address only this machine can reach: localhost, 127.0.0.0/8, ::1."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, token: str | None, read_only: bool) -> None:
    """InputError when listening on ``host`` would let other machines write to the store."""
    if token or read_only or is_loopback_host(host):
        return
    raise InputError("other machines can reach this address and write to the store; give --token (or set "
                     "FRONTWATCH_TOKEN) to require it for writes, or --read-only", where=f"--host {host}")


def token_matches(header: str | None, token: str) -> bool:
    """Whether an Authorization header carries the bearer token (compared in constant time)."""
    scheme, _, given = (header or "").strip().partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


async def _refuse(send: Send, status: int, detail: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


class AccessGuard:
    """ASGI middleware applying the write rules and the body size limit."""

    def __init__(self, app: ASGIApp, *, token: str | None, read_only: bool, max_body: int) -> None:
        self.app = app
        self.token = token or None
        self.read_only = read_only
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = self._refusal(scope)
        if problem is not None:
            await _refuse(send, *problem)
            return
        if scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        replay = await self._read_body(receive)
        if replay is None:
            await _refuse(send, 413, f"request body larger than {self.max_body:,} bytes")
            return
        await self.app(scope, replay, send)

    def _refusal(self, scope: Scope) -> tuple[int, str, list[tuple[bytes, bytes]]] | None:
        declared = _header(scope, b"content-length") or ""
        if declared.isdigit() and int(declared) > self.max_body:
            return 413, f"request body larger than {self.max_body:,} bytes", []
        if scope["method"] in SAFE_METHODS:
            return None
        if self.read_only:
            return 403, "this server is read-only (started with --read-only)", []
        if self.token and not token_matches(_header(scope, b"authorization"), self.token):
            return 401, "missing or wrong token: send the header Authorization: Bearer <token>", \
                [(b"www-authenticate", b"Bearer")]
        return None

    async def _read_body(self, receive: Receive) -> Receive | None:
        """The whole body read up front (the routes read it all anyway), or None once it passes the limit."""
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return _replay([message], receive)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            more = bool(message.get("more_body", False))
        return _replay([{"type": "http.request", "body": b"".join(chunks), "more_body": False}], receive)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replay() -> Message:
        return pending.pop(0) if pending else await receive()

    return replay
