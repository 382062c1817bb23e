from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import jsonschema
import pytest

from frontwatch.analyze import AnalyzeResult, analyze
from frontwatch.output.picture_json import picture_dict

from .loopback import LoopbackOnly, ScriptedWeb
from .postgres import pg_schema_dsn

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "src" / "frontwatch" / "data" / "demo"
SEEDS = Path(os.environ.get("FRONTWATCH_SEEDS", REPO.parent / "shared" / "seeds"))
SCHEMA = REPO / "src" / "frontwatch" / "data" / "picture.schema.json"


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def check_picture(data: dict) -> None:
    """Every picture the tests produce: valid against the schema, and every offset points at its words."""
    _validator().validate(data)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for section in ("places", "actors"):
        for item in data[section]:
            for m in item["mentions"]:
                assert texts[m["doc"]][m["start"] : m["end"]] == m["text"], (section, m)
    for claim in data["claims"]:
        assert texts[claim["doc"]][claim["start"] : claim["end"]] == claim["text"]
    claim_ids = {c["id"] for c in data["claims"]}
    for event in data["events"]:
        assert set(event["claims"]) <= claim_ids
    for con in data["contradictions"]:
        assert set(con["claims"]) <= claim_ids


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[AnalyzeResult, Path]:
    out = tmp_path_factory.mktemp("demo")
    result = analyze([str(DEMO)], out / "store.db", out)
    check_picture(json.loads((out / "picture.json").read_text(encoding="utf-8")))
    return result, out


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[AnalyzeResult, dict]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (set FRONTWATCH_SEEDS)")
    out = tmp_path_factory.mktemp("seeds")
    result = analyze([str(SEEDS)], out / "store.db", out)
    data = picture_dict(result.picture)
    check_picture(data)
    return result, data


class LocalWeb:
    """A real HTTP server on 127.0.0.1 serving routes the test sets: path -> (status, content type, body, delay s,
    extra headers)."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.routes: dict[str, tuple[int, str, bytes, float, dict[str, str]]] = {}
        self.hits: list[str] = []
        web = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                import time

                web.hits.append(self.path)
                status, ctype, body, delay, headers = web.routes.get(
                    self.path, (404, "text/plain", b"not found", 0.0, {}))
                if delay:
                    time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def add(self, path: str, body: str | bytes, ctype: str = "text/html; charset=utf-8", status: int = 200,
            delay: float = 0.0, headers: dict[str, str] | None = None) -> str:
        self.routes[path] = (status, ctype, body.encode() if isinstance(body, str) else body, delay, headers or {})
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def local_web():
    web = LocalWeb()
    yield web
    web.close()


@pytest.fixture
def guard(monkeypatch: pytest.MonkeyPatch) -> LoopbackOnly:
    """Every connection and name lookup must stay on loopback (tests/loopback.py); the tests that fetch use it."""
    guard = LoopbackOnly()
    monkeypatch.setattr(socket, "create_connection", guard.create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", guard.getaddrinfo)
    return guard


@pytest.fixture
def web(guard: LoopbackOnly) -> Iterator[ScriptedWeb]:
    server = ScriptedWeb()
    yield server
    server.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def spec(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store on each backend: a SQLite file, and a fresh schema on the test PostgreSQL server (test_store.py and
    test_api_rows.py define their own, with PostGIS or the demo run)."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    with pg_schema_dsn() as dsn:
        yield dsn
