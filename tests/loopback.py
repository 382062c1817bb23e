"""Test helpers for network code: a scripted HTTP server on 127.0.0.1, and a guard that fails any connection to an
address outside loopback (so no test, even a broken one, sends traffic elsewhere)."""

from __future__ import annotations

import contextlib
import http.server
import ipaddress
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Handler = http.server.BaseHTTPRequestHandler
Route = Callable[[Handler], None]


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError | ssl.SSLError):  # a client that hung up is expected
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@dataclass
class ScriptedWeb:
    """A real HTTP server on 127.0.0.1 whose routes are functions of the request handler; records every request."""

    routes: dict[str, Route] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    tls: ssl.SSLContext | None = None  # serve HTTPS with this server-side context

    def __post_init__(self) -> None:
        web = self

        class _Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                web.seen.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = web.routes.get(self.path)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    if route is None:
                        reply(self, 404, b"not found", "text/plain")
                    else:
                        route(self)

            def log_message(self, *args: object) -> None:
                pass

        self.server = _Server(("127.0.0.1", 0), _Handler)
        if self.tls is not None:
            self.server.socket = self.tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.base = f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.base + path

    def hits(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def reply(handler: Handler, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
          headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    if status != 304:
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(body)))
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.end_headers()
    if status != 304:
        handler.wfile.write(body)


def redirect(location: str) -> Route:
    return lambda h: reply(h, 302, b"", headers={"Location": location})


def drip_body(count: int, every: float) -> Route:
    """A 200 whose body arrives one byte every ``every`` seconds (each read is quick; only the total is slow)."""
    def route(handler: Handler) -> None:
        reply_head = f"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {count}\r\n\r\n"
        handler.wfile.write(reply_head.encode())
        for _ in range(count):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(every)
    return route


def drip_headers(count: int, every: float) -> Route:
    """A response whose header block arrives one byte every ``every`` seconds."""
    def route(handler: Handler) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Slow: ")
        for _ in range(count):
            handler.wfile.write(b"a")
            handler.wfile.flush()
            time.sleep(every)
        handler.wfile.write(b"\r\nContent-Length: 2\r\n\r\nok")
    return route


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


class LoopbackOnly:
    """Replaces ``socket.create_connection`` and ``socket.getaddrinfo``: connections only to loopback literals,
    and no real name lookups at all (names must go through the stub resolver)."""

    def __init__(self) -> None:
        self.connections: list[tuple[str, int]] = []
        self._connect = socket.create_connection
        self._getaddrinfo = socket.getaddrinfo

    def create_connection(self, address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        host, port = address[0], address[1]
        if not is_loopback(str(host)):
            raise AssertionError(f"a test tried to connect to {host}:{port}, outside loopback")
        self.connections.append((str(host), int(port)))
        return self._connect(address, *args, **kwargs)  # type: ignore[arg-type]

    def getaddrinfo(self, host: object, *args: object, **kwargs: object) -> list:
        if host is not None and not is_loopback(str(host)):
            raise AssertionError(f"a real DNS lookup of {host!r} was attempted")
        return self._getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]


def self_signed(folder: Path, name: str) -> tuple[Path, Path]:
    """A throw-away self-signed certificate and its key for ``name`` (a DNS name or an IP literal), made with the
    openssl command; the caller skips when openssl is missing."""
    key, cert = folder / f"{name}.key.pem", folder / f"{name}.cert.pem"
    try:
        ipaddress.ip_address(name)
        alt = f"IP:{name}"
    except ValueError:
        alt = f"DNS:{name}"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", f"/CN={name}", "-addext", f"subjectAltName={alt}"],
                   check=True, capture_output=True)
    return cert, key


def https_server(cert: Path, key: Path) -> ScriptedWeb:
    """A ScriptedWeb serving HTTPS on 127.0.0.1 with this certificate."""
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(cert, key)
    return ScriptedWeb(tls=server_side)
