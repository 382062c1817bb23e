"""Fetching cannot be turned against the network it runs in (SSRF) and cannot be held open forever.

Names resolve through a stub resolver; every connection is checked to be to loopback before it is made, and
every refusal must happen before any connection (the guard fails the test otherwise)."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator

import pytest

from frontwatch.ingest import addresses
from frontwatch.ingest import fetch as fetch_module
from frontwatch.ingest.fetch import FetchError, check_address, fetch, fetch_budget

from .loopback import LoopbackOnly, ScriptedWeb, drip_body, drip_headers, https_server, redirect, reply, self_signed


class StubResolver:
    """Answers names from a table; ``later`` (if given) is what every lookup after the first answers."""

    def __init__(self, table: dict[str, list[str]], later: list[str] | None = None) -> None:
        self.table = table
        self.later = later
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        if self.later is not None and len(self.calls) > 1:
            return self.later
        if host not in self.table:
            raise socket.gaierror(f"stub resolver: unknown name {host}")
        return self.table[host]


def stub(monkeypatch: pytest.MonkeyPatch, table: dict[str, list[str]], later: list[str] | None = None) -> StubResolver:
    resolver = StubResolver(table, later)
    monkeypatch.setattr(addresses, "resolve", resolver)
    return resolver


def loopback_counts_as_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the test server at 127.0.0.1 stand in for a public site (only that one address)."""
    real = addresses.is_public
    monkeypatch.setattr(addresses, "is_public", lambda a: a == ipaddress.ip_address("127.0.0.1") or real(a))


@pytest.mark.parametrize("answer", [["10.0.0.7"], ["100.64.3.4"], ["2002:a00:1::1"], ["::ffff:192.168.0.1"],
                                    ["64:ff9b::a00:1"], ["::10.0.0.1"], ["169.254.169.254"], ["fd00::5"],
                                    ["239.1.2.3"], ["8.8.8.8", "192.168.1.1"]])
def test_public_name_answered_with_a_private_address_is_refused_before_connecting(
        monkeypatch: pytest.MonkeyPatch, guard: LoopbackOnly, answer: list[str]) -> None:
    stub(monkeypatch, {"news.example.test": answer})
    with pytest.raises(FetchError, match="private or local address") as raised:
        fetch("http://news.example.test/story")
    assert raised.value.final and "news.example.test" in str(raised.value)
    assert guard.connections == []


@pytest.mark.parametrize("address", ["100.64.0.1", "100.127.255.254", "2002::1", "2002:7f00:1::1", "2002:c0a8:101::",
                                     "::ffff:127.0.0.1", "::ffff:10.1.1.1", "64:ff9b::7f00:1", "64:ff9b:1::808:808",
                                     "2001:0:4136:e378:8000:63bf:3fff:fdd2", "ff02::1", "224.0.0.1", "0.0.0.0"])
def test_addresses_outside_the_public_internet_are_not_public(address: str) -> None:
    assert not addresses.is_public(ipaddress.ip_address(address))
    with pytest.raises(FetchError, match="private or local address"):
        check_address(f"http://{address if ':' not in address else f'[{address}]'}/", allow_private=False)


@pytest.mark.parametrize("address", ["8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2002:808:808::1",
                                     "64:ff9b::808:808"])
def test_public_addresses_and_their_ipv6_forms_pass(address: str) -> None:
    assert addresses.is_public(ipaddress.ip_address(address))


def test_redirect_hops_to_private_addresses_are_refused(monkeypatch: pytest.MonkeyPatch, web: ScriptedWeb,
                                                       guard: LoopbackOnly) -> None:
    loopback_counts_as_public(monkeypatch)
    stub(monkeypatch, {"intranet.example.test": ["192.168.1.9"]})
    hops = {"/to-literal": "http://10.1.2.3/admin", "/to-name": f"http://intranet.example.test:{web.port}/",
            "/to-6to4": "http://[2002:a00:1::1]/", "/to-mapped": "http://[::ffff:10.0.0.1]/",
            "/to-cgnat": "http://100.64.0.9/"}
    for path, target in hops.items():
        web.add(path, redirect(target))
        with pytest.raises(FetchError, match="private or local address") as raised:
            fetch(web.base + path)
        assert target in str(raised.value) and raised.value.final
    assert {host for host, _ in guard.connections} == {"127.0.0.1"}
    web.add("/ok", lambda h: reply(h, 200, b"fine", "text/plain"))
    web.add("/to-ok", redirect("/ok"))
    assert fetch(web.base + "/to-ok").text == "fine", "a redirect between checked addresses still works"


def test_connection_goes_to_the_checked_address_not_a_second_lookup(monkeypatch: pytest.MonkeyPatch,
                                                                   web: ScriptedWeb, guard: LoopbackOnly) -> None:
    resolver = stub(monkeypatch, {"news.example.test": ["127.0.0.1"]}, later=["10.66.0.1"])
    web.add("/story", lambda h: reply(h, 200, b"pinned", "text/plain"))
    fetched = fetch(f"http://news.example.test:{web.port}/story", allow_private=True)
    assert fetched.text == "pinned"
    assert resolver.calls == ["news.example.test"], "the name is resolved once"
    assert guard.connections == [("127.0.0.1", web.port)]
    [request] = web.hits("/story")
    assert request.headers["host"] == f"news.example.test:{web.port}", "the Host header keeps the name"


@pytest.mark.parametrize("route", [drip_body(40, 0.2), drip_headers(40, 0.2)], ids=["body", "headers"])
def test_slow_drip_server_cannot_hold_a_fetch_past_its_deadline(web: ScriptedWeb, route) -> None:
    url = web.add("/drip", route)
    with pytest.raises(FetchError, match="timed out after 1 s") as raised:
        fetch(url, allow_private=True, timeout=1.0)
    assert not raised.value.final, "a timeout is worth retrying"


def test_fetch_budget_caps_fetches_per_piece_of_work(web: ScriptedWeb) -> None:
    url = web.add("/page", lambda h: reply(h, 200, b"page", "text/plain"))
    with fetch_budget(fetches=2, seconds=30.0):
        assert fetch(url, allow_private=True).text == "page"
        assert fetch(url, allow_private=True).text == "page"
        with pytest.raises(FetchError, match="fetch budget spent"):
            fetch(url, allow_private=True)
    assert fetch(url, allow_private=True).text == "page", "the budget ends with its block"
    assert len(web.hits("/page")) == 3


@pytest.mark.parametrize(("status", "final"), [(404, True), (410, True), (403, True), (408, False), (429, False),
                                                (500, False), (503, False)])
def test_errors_say_whether_asking_again_can_help(web: ScriptedWeb, status: int, final: bool) -> None:
    url = web.add("/x", lambda h: reply(h, status, b"no", "text/plain"))
    with pytest.raises(FetchError, match=f"HTTP {status}") as raised:
        fetch(url, allow_private=True)
    assert raised.value.final is final


def test_bad_urls_are_final_one_line_errors(guard: LoopbackOnly, web: ScriptedWeb) -> None:
    web.add("/to-nowhere", redirect("http://[not-an-address/"))
    web.add("/to-file", redirect("file:///etc/passwd"))
    for url in ("ftp://example.org/x", "http:///nohost", "http://127.0.0.1:99999/", "file:///etc/passwd",
                web.base + "/to-nowhere", web.base + "/to-file"):
        with pytest.raises(FetchError) as raised:
            fetch(url, allow_private=True)
        assert raised.value.final and url in str(raised.value) and "\n" not in str(raised.value)
    assert [path for path, _ in guard.connections] == ["127.0.0.1", "127.0.0.1"], "only the two redirecting pages"


@pytest.fixture
def tls_site(tmp_path, monkeypatch: pytest.MonkeyPatch, guard: LoopbackOnly) -> Iterator[tuple[ScriptedWeb, list]]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for news.example.test, which fetch trusts."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=news.example.test", "-addext", "subjectAltName=DNS:news.example.test"],
                   check=True, capture_output=True)
    names: list = []
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(cert, key)
    server_side.sni_callback = lambda _sock, name, _ctx: names.append(name)
    client_side = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr(fetch_module, "tls_context", lambda: client_side)
    server = ScriptedWeb(tls=server_side)
    yield server, names
    server.close()


def test_pinned_https_keeps_the_name_for_sni_and_certificate_checks(monkeypatch: pytest.MonkeyPatch, tls_site,
                                                                   guard: LoopbackOnly) -> None:
    server, names = tls_site
    stub(monkeypatch, {"news.example.test": ["127.0.0.1"], "other.example.test": ["127.0.0.1"]})
    server.add("/story", lambda h: reply(h, 200, b"over tls", "text/plain"))
    assert fetch(f"https://news.example.test:{server.port}/story", allow_private=True).text == "over tls"
    assert names == ["news.example.test"], "the TLS handshake names the URL's host, not the pinned address"
    assert server.hits("/story")[0].headers["host"] == f"news.example.test:{server.port}"
    with pytest.raises(FetchError, match=r"(?i)certificate") as refused:
        fetch(f"https://other.example.test:{server.port}/story", allow_private=True)
    assert refused.value.final, "a certificate that does not fit cannot be fixed by asking again"
    assert len(server.hits("/story")) == 1, "a certificate for another name is refused before any request"
    assert {host for host, _ in guard.connections} == {"127.0.0.1"}


def test_untrusted_certificate_is_a_final_one_line_error(tmp_path, guard: LoopbackOnly) -> None:
    """A self-signed certificate nobody vouches for (fetch's own trust roots, not the test's): final, one line."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    server = https_server(*self_signed(tmp_path, "127.0.0.1"))
    try:
        server.add("/story", lambda h: reply(h, 200, b"never sent", "text/plain"))
        with pytest.raises(FetchError) as raised:
            fetch(f"{server.base}/story", allow_private=True)
    finally:
        server.close()
    message = str(raised.value)
    assert raised.value.final and "certificate" in message.lower() and "\n" not in message, message
    assert server.hits("/story") == []
