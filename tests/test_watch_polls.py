"""Watch mode across rounds: 304 means nothing new, a final error is said once and not retried, a transient one
backs off and is retried. Feeds are served from 127.0.0.1; names go through a stub resolver."""

from __future__ import annotations

import shutil
import socket
import threading
from pathlib import Path

import pytest

from frontwatch.ingest import addresses
from frontwatch.ingest.readers import ReadOptions
from frontwatch.store import Store
from frontwatch.watch import watch

from .loopback import Handler, LoopbackOnly, ScriptedWeb, https_server, reply, self_signed
from .test_ingest_web import LONG_ENTRY, rss

LOCAL = ReadOptions(allow_private=True, timeout=2.0)
FEED = rss([("e1", "Strikes", "http://example.org/e1", LONG_ENTRY)]).encode()
ETAG = '"feed-v1"'
MODIFIED = "Sun, 01 Dec 2024 08:00:00 GMT"


def conditional_feed(validator: str) -> object:
    """The feed, or 304 when the request carries the validator the feed was last sent with."""
    def route(handler: Handler) -> None:
        etag_match = validator == "etag" and handler.headers.get("If-None-Match") == ETAG
        date_match = validator == "last-modified" and handler.headers.get("If-Modified-Since") == MODIFIED
        headers = {"ETag": ETAG} if validator == "etag" else {"Last-Modified": MODIFIED}
        if etag_match or date_match:
            reply(handler, 304, headers=headers)
        else:
            reply(handler, 200, FEED, "application/rss+xml", headers)
    return route


@pytest.mark.parametrize("validator", ["etag", "last-modified"])
def test_not_modified_feed_is_nothing_new_not_an_error(tmp_path: Path, web: ScriptedWeb, validator: str) -> None:
    url = web.add("/feed.xml", conditional_feed(validator))
    lines: list[str] = []
    stored = watch([url], tmp_path / "w.db", None, every=0.05, rounds=4, options=LOCAL, log=lines.append)
    assert stored == 1
    assert not [line for line in lines if line.startswith("error:")], lines
    requests = web.hits("/feed.xml")
    assert len(requests) == 4, "no backoff: every round polls the feed"
    header = "if-none-match" if validator == "etag" else "if-modified-since"
    assert header not in requests[0].headers
    assert all(r.headers.get(header) == (ETAG if validator == "etag" else MODIFIED) for r in requests[1:])


def test_final_errors_are_reported_once_and_not_retried(tmp_path: Path, web: ScriptedWeb,
                                                        monkeypatch: pytest.MonkeyPatch, guard: LoopbackOnly) -> None:
    monkeypatch.setattr(addresses, "resolve", lambda host, port: ["192.168.7.7"])
    refused = ["http://10.1.2.3/feed.xml", "http://intranet.example.test/feed.xml"]
    lines: list[str] = []
    watch(refused, tmp_path / "r.db", None, every=0.05, rounds=4, log=lines.append)
    for url in refused:
        said = [line for line in lines if url in line]
        assert len(said) == 1 and "private or local address" in said[0] and "not retried" in said[0], lines
    assert guard.connections == []
    gone = web.add("/gone.xml", lambda h: reply(h, 404, b"no such feed", "text/plain"))
    lines.clear()
    watch([gone, "ftp://example.org/feed"], tmp_path / "g.db", None, every=0.05, rounds=4, options=LOCAL,
          log=lines.append)
    assert len(web.hits("/gone.xml")) == 1
    assert len([line for line in lines if "HTTP 404" in line]) == 1
    assert len([line for line in lines if "ftp://example.org/feed" in line]) == 1


def test_watch_ends_when_every_feed_failed_for_good(tmp_path: Path, guard: LoopbackOnly) -> None:
    stop = threading.Event()
    safety = threading.Timer(20.0, stop.set)  # only so a regression fails instead of hanging
    safety.start()
    lines: list[str] = []
    try:
        watch(["http://10.1.2.3/feed.xml"], tmp_path / "e.db", None, every=0.05, stop=stop, log=lines.append)
    finally:
        safety.cancel()
    assert not stop.is_set() and lines[-1] == "no feed left to poll"


def test_transient_errors_back_off_and_are_retried(tmp_path: Path, web: ScriptedWeb) -> None:
    down = web.add("/down.xml", lambda h: reply(h, 503, b"busy", "text/plain"))
    busy = web.add("/busy.xml", lambda h: reply(h, 429, b"slow down", "text/plain"))
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{unused.getsockname()[1]}/feed.xml"
    lines: list[str] = []
    watch([down, busy, closed], tmp_path / "t.db", None, every=0.05, rounds=3, options=LOCAL, log=lines.append)
    assert len(web.hits("/down.xml")) >= 2 and len(web.hits("/busy.xml")) >= 2
    for url in (down, busy, closed):
        said = [line for line in lines if url in line]
        assert len(said) >= 2 and all("retrying in" in line for line in said), (url, lines)
    with Store(tmp_path / "t.db") as store:
        assert store.count() == 0


def test_certificate_failure_is_said_once_and_not_retried(tmp_path: Path, guard: LoopbackOnly) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    server = https_server(*self_signed(tmp_path, "127.0.0.1"))  # self-signed: fetch's trust roots refuse it
    try:
        url = server.add("/feed.xml", lambda h: reply(h, 200, FEED, "application/rss+xml"))
        lines: list[str] = []
        watch([url], tmp_path / "c.db", None, every=0.05, rounds=4, options=LOCAL, log=lines.append)
    finally:
        server.close()
    said = [line for line in lines if url in line]
    assert len(said) == 1 and "certificate" in said[0].lower() and "not retried" in said[0], lines
    assert lines[-1] == "no feed left to poll"
    assert len(guard.connections) == 1, "one handshake, no second attempt"
    assert server.hits("/feed.xml") == []
