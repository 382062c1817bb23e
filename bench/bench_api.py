"""API latency on the demo store: p50/p95 per endpoint over a real uvicorn server on loopback.

    .venv/bin/python bench/bench_api.py [REQUESTS_PER_ENDPOINT]

Prints figures, asserts nothing (machines here are shared and noisy).
"""

from __future__ import annotations

import socket
import statistics
import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path

import httpx
import uvicorn

from frontwatch.analyze import analyze
from frontwatch.api.app import create_app


def main(n: int) -> None:
    work = Path(tempfile.mkdtemp())
    db = work / "bench.db"
    analyze([str(resources.files("frontwatch") / "data" / "demo")], db, None)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base) as client:
        for _ in range(100):
            try:
                client.get("/healthz")
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        event = client.get("/api/events").json()["items"][0]["id"]
        doc = client.get("/api/documents").json()["items"][0]["id"]
        endpoints = ["/healthz", "/api/events", "/api/events?status=confirmed&bbox=35,32,43,38",
                     f"/api/events/{event}", f"/api/documents/{doc}", "/api/places", "/api/picture", "/"]
        print(f"{'endpoint':55} {'p50 ms':>8} {'p95 ms':>8}")
        for path in endpoints:
            times = []
            for _ in range(n):
                started = time.perf_counter()
                client.get(path).raise_for_status()
                times.append((time.perf_counter() - started) * 1000)
            p95 = statistics.quantiles(times, n=20)[-1]
            print(f"{path[:55]:55} {statistics.median(times):8.2f} {p95:8.2f}")
    server.should_exit = True


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
