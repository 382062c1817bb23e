"""Connections for one fetch (an httpcore network backend): only to addresses checked beforehand, and never past
the fetch's one total deadline.

The backend never resolves a name: ``connect_tcp`` gets the host name from the URL and connects to the addresses
pinned for it (see ``addresses.check_address``). TLS still verifies the certificate against the URL's host name,
and the Host header carries it, because httpcore passes that name to ``start_tls`` and the request unchanged.
Every read, write and handshake waits at most until the deadline, so a server that sends a byte a second cannot
hold a fetch longer than its deadline.
"""

from __future__ import annotations

import time
import typing

import httpcore


class Deadline:
    """A point in time (monotonic clock) after which no network operation may wait."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def left(self) -> float:
        return self._end - time.monotonic()

    def clamp(self, timeout: float | None, error: type[httpcore.TimeoutException]) -> float:
        """The timeout to give one operation: ``timeout`` cut to what is left; ``error`` once nothing is left."""
        left = self.left()
        if left <= 0:
            raise error(f"deadline of {self.seconds:g} s passed")
        return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation ends by the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: typing.Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname,
                                      self._deadline.clamp(timeout, httpcore.ConnectTimeout))
        return DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class PinnedBackend(httpcore.NetworkBackend):
    """Connects a (host, port) only to the addresses pinned for it; an unpinned host is a connection error."""

    def __init__(self, deadline: Deadline) -> None:
        self._inner = httpcore.SyncBackend()
        self._deadline = deadline
        self._pins: dict[tuple[str, int], tuple[str, ...]] = {}

    def pin(self, host: str, port: int, addresses: tuple[str, ...]) -> None:
        self._pins[(host.lower(), port)] = addresses

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: typing.Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        addresses = self._pins.get((host.lower(), port))
        if not addresses:
            raise httpcore.ConnectError(f"{host}:{port} was not checked before connecting")
        failure: httpcore.ConnectError | None = None
        for address in addresses:
            try:
                stream = self._inner.connect_tcp(address, port, self._deadline.clamp(timeout, httpcore.ConnectTimeout),
                                                 local_address, socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
                continue
            return DeadlineStream(stream, self._deadline)
        raise failure or httpcore.ConnectError(f"cannot connect to {host}:{port}")

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: typing.Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are never used for fetching")

    def sleep(self, seconds: float) -> None:
        time.sleep(min(seconds, max(self._deadline.left(), 0.0)))
