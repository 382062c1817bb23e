"""API latency under concurrent clients: ``GET /api/events`` with a bounding box and a date window, from 20
client threads at once, against a real uvicorn server on 127.0.0.1 in a process of its own, over a store of N
events grown from a base store's picture (``fill_events.py``: written in bulk, nothing re-analysed). Prints
p50/p95/max per backend and the load average beside them: SQLite always, PostgreSQL when FRONTWATCH_TEST_PG is
set (in a schema of its own, dropped afterwards; PostGIS used when the database has it). No assertions.

    .venv/bin/python bench/bench_api_load.py /tmp/s1k.db [EVENTS] [REQUESTS_PER_CLIENT] [--stacked] [--pg-only]
        [--workers=N]

Defaults: 100000 events, 50 requests per client, one server process. ``--stacked``: every copy of the base events
on the base's days (a crowded date window) instead of each copy years after the last (an archive). ``--workers``:
uvicorn's worker processes sharing the port.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx
import uvicorn
from fastapi import FastAPI

from fill_events import base_picture, fill
from frontwatch.api.app import create_app
from frontwatch.model import Picture
from frontwatch.store import StoreSpec, open_store
from frontwatch.store.picture_tables import EventQuery

CLIENTS = 20
BOX_DEGREES = 2.0  # half-width of each query's box around a known event
WINDOW_DAYS = 30  # half-width of each query's date window


def _queries(db: StoreSpec, n: int, seed: int = 7) -> list[str]:
    """Bounding box and window queries centred on located, dated events (so they find something)."""
    with open_store(db) as store:
        events, _ = store.find_events(EventQuery(), limit=1_000_000)
    anchors = [e for e in events if e.lat is not None and e.lon is not None and e.date.start]
    rng = random.Random(seed)
    out = []
    for event in rng.choices(anchors, k=n):
        day = date.fromisoformat(event.date.start)  # type: ignore[arg-type]
        box = (max(event.lon - BOX_DEGREES, -180), max(event.lat - BOX_DEGREES, -90),  # type: ignore[operator]
               min(event.lon + BOX_DEGREES, 180), min(event.lat + BOX_DEGREES, 90))  # type: ignore[operator]
        out.append(f"/api/events?bbox={','.join(f'{v:.3f}' for v in box)}"
                   f"&start={day - timedelta(days=WINDOW_DAYS)}&end={day + timedelta(days=WINDOW_DAYS)}")
    return out


def env_app() -> FastAPI:
    """The read-only app over the store in FRONTWATCH_BENCH_DB (for uvicorn's worker processes)."""
    return create_app(os.environ["FRONTWATCH_BENCH_DB"], read_only=True)


def _serve(db: StoreSpec, port: int) -> None:
    uvicorn.run(create_app(db, read_only=True), host="127.0.0.1", port=port, log_level="warning")


def _start(db: StoreSpec, port: int, workers: int) -> multiprocessing.process.BaseProcess | subprocess.Popen[bytes]:
    """The server: a process of its own, or uvicorn's command with its worker processes sharing the port."""
    if workers == 1:
        server = multiprocessing.get_context("spawn").Process(target=_serve, args=(db, port), daemon=True)
        server.start()
        return server
    return subprocess.Popen([str(Path(sys.executable).with_name("uvicorn")), "bench_api_load:env_app", "--factory",
                             "--workers", str(workers), "--host", "127.0.0.1", "--port", str(port), "--log-level",
                             "warning"], cwd=Path(__file__).parent, env={**os.environ, "FRONTWATCH_BENCH_DB": str(db)})


@contextmanager
def _server(db: StoreSpec, workers: int = 1) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = _start(db, port, workers)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{base}/healthz").raise_for_status()
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    try:
        yield base
    finally:
        server.terminate()
        if isinstance(server, subprocess.Popen):
            server.wait(10)
        else:
            server.join(10)


def _load(base: str, queries: list[str]) -> list[float]:
    """Milliseconds per request, CLIENTS threads sharing the queries."""
    share = [queries[i::CLIENTS] for i in range(CLIENTS)]

    def client(paths: list[str]) -> list[float]:
        times = []
        with httpx.Client(base_url=base, timeout=60) as http:
            for path in paths:
                started = time.perf_counter()
                http.get(path).raise_for_status()
                times.append((time.perf_counter() - started) * 1000)
        return times

    with ThreadPoolExecutor(CLIENTS) as pool:
        return [t for times in pool.map(client, share) for t in times]


def _load_average() -> str:
    return "load average " + " ".join(f"{v:.2f}" for v in os.getloadavg())


def _run(label: str, db: StoreSpec, picture: Picture, n: int, per_client: int, stacked: bool, workers: int) -> None:
    started = time.perf_counter()
    events = fill(db, picture, n, stacked)
    with open_store(db) as store:
        spatial = " (PostGIS)" if store.spatial else ""
    if isinstance(db, str) and db.startswith("postgresql"):
        _settle(db)
    print(f"{label}{spatial}: {events} events, {'stacked' if stacked else 'spread'} "
          f"(filled in {time.perf_counter() - started:.0f} s)", flush=True)
    queries = _queries(db, CLIENTS * per_client)
    with _server(db, workers) as base:
        started = time.perf_counter()
        first = httpx.get(base + queries[0], timeout=600)
        first.raise_for_status()
        print(f"  first request {(time.perf_counter() - started) * 1000:.0f} ms, "
              f"{first.json()['total']} events in its box", flush=True)
        totals = [httpx.get(base + q).json()["total"] for q in queries[:20]]
        print(f"  events per box (first 20 queries): median {statistics.median(totals):.0f}, max {max(totals)}",
              flush=True)
        print("  plan: " + "; ".join(_plan_steps(db, queries[0])), flush=True)
        before = _load_average()
        times = _load(base, queries)
        after = _load_average()
        floor = _load(base, ["/healthz"] * len(queries))  # the same clients on the cheapest route: the floor
    print(f"  {len(times)} requests from {CLIENTS} clients, {workers} server process{'es' if workers > 1 else ''}: "
          f"{_figures(times)} ({before} before, {after} after)",
          flush=True)
    print(f"  /healthz from the same clients just after: {_figures(floor)}; /api/events p95 / /healthz p95 "
          f"{_p95(times) / _p95(floor):.2f} ({_load_average()})", flush=True)


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def _figures(times: list[float]) -> str:
    return f"p50 {statistics.median(times):.1f} ms, p95 {_p95(times):.1f} ms, max {max(times):.1f} ms"


def _plan_steps(db: StoreSpec, path: str) -> list[str]:
    """The index steps of the backend's plan for one benchmark query."""
    params = dict(part.split("=", 1) for part in path.split("?", 1)[1].split("&"))
    west, south, east, north = (float(v) for v in params["bbox"].split(","))
    query = EventQuery(start=params["start"], end=params["end"], bbox=(west, south, east, north))
    with open_store(db) as store:
        plan = store.event_plan(query)
    return [line.split("  (cost")[0].strip(" ->") for line in plan.splitlines()
            if "Scan" in line or "SCAN" in line or "SEARCH" in line]


def _settle(dsn: str) -> None:
    """VACUUM ANALYZE the bulk-written tables, as an operator does after a bulk load (else autovacuum does it
    during the measurement, and the planner has no statistics until then)."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        for table in ("events", "event_aliases", "places"):
            conn.execute(f"VACUUM ANALYZE {table}")


def _scoped(dsn: str, schema: str) -> str:
    """The DSN with ``schema`` first on the search path (public after it, where PostGIS lives)."""
    return f"{dsn}{'&' if '?' in dsn else '?'}options={quote(f'-csearch_path={schema},public')}"


def main(base_db: Path, n: int, per_client: int, stacked: bool, pg_only: bool, workers: int) -> None:
    picture = base_picture(base_db)
    if not pg_only:
        _run("sqlite", Path(tempfile.mkdtemp()) / "api.db", picture, n, per_client, stacked, workers)
    dsn = os.environ.get("FRONTWATCH_TEST_PG")
    if not dsn:
        print("postgresql: skipped (FRONTWATCH_TEST_PG not set)")
        return
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        _run("postgresql", _scoped(dsn, schema), picture, n, per_client, stacked, workers)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    flags = [a for a in sys.argv[1:] if a.startswith("--")]
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    workers = next((int(f.split("=", 1)[1]) for f in flags if f.startswith("--workers=")), 1)
    main(Path(args[0]), int(args[1]) if len(args) > 1 else 100000, int(args[2]) if len(args) > 2 else 50,
         "--stacked" in flags, "--pg-only" in flags, workers)
