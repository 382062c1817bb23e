"""Who may write to a served store, and how much: tokens, read-only servers, body limits, fetch budgets, and
`serve` refusing to open a store to the network for writing. In-process (TestClient); the only sockets are on
127.0.0.1."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from frontwatch import cli
from frontwatch.api import app as api_app
from frontwatch.api.access import check_exposure, is_loopback_host, token_matches
from frontwatch.api.app import create_app
from frontwatch.api.jobs import JobJournal, JobRunner, JobsFull, Outcome
from frontwatch.errors import InputError

from .test_api import ARTICLE, copy_store, wait_for_job
from .test_cli import FRONTWATCH
from .test_ingest_web import rss

TOKEN = "correct-horse-battery-staple"
DOC = {"text": ARTICLE, "title": "Village falls", "outlet": "Test Wire", "published": "2024-11-30"}


@pytest.fixture
def db(demo_run, tmp_path: Path) -> Path:
    _, out = demo_run
    return copy_store(out / "store.db", tmp_path / "api.db")


def test_with_a_token_every_write_needs_it_and_reads_stay_open(db: Path) -> None:
    client = TestClient(create_app(db, token=TOKEN))
    wrong = ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"})
    for headers in wrong:
        refused = client.post("/api/documents", json=DOC, headers=headers)
        assert refused.status_code == 401 and "token" in refused.json()["detail"], headers
        assert refused.headers["www-authenticate"] == "Bearer" and "default-src 'none'" in refused.headers[
            "content-security-policy"]
    assert client.post("/api/documents", json={"url": "http://127.0.0.1:1/x"}).status_code == 401
    assert client.get("/api/documents").json()["total"] > 0
    created = client.post("/api/documents", json=DOC, headers={"Authorization": f"Bearer {TOKEN}"})
    assert created.status_code == 201, created.text
    schemes = client.get("/openapi.json").json()["components"]["securitySchemes"]
    assert [s["scheme"] for s in schemes.values()] == ["bearer"]


def test_read_only_server_refuses_every_write_and_documents_none(db: Path) -> None:
    client = TestClient(create_app(db, read_only=True))
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        response = client.request(method, "/api/documents", json=DOC)
        assert response.status_code in (403, 405) and response.json()["detail"], method
    paths = client.get("/openapi.json").json()["paths"]
    assert "post" not in paths["/api/documents"] and "/api/jobs/{job_id}" not in paths
    assert client.get("/api/events").status_code == 200


def test_bodies_over_the_limit_are_413_by_length_or_while_streaming(db: Path) -> None:
    client = TestClient(create_app(db, max_body=2_000))
    big = {**DOC, "text": ARTICLE * 20}
    declared = client.post("/api/documents", json=big)
    assert declared.status_code == 413 and "2,000 bytes" in declared.json()["detail"]

    def chunks():
        for _ in range(10):
            yield b" " * 500

    streamed = client.post("/api/documents", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    assert client.post("/api/documents", json=DOC).status_code == 201, "a body under the limit still goes in"


def test_a_posted_feed_is_one_job_within_the_fetch_budget(db: Path, local_web, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api_app, "FETCHES_PER_REQUEST", 3)
    villages = ["Tal Melh", "Kafr Zita", "Latamna", "Souran", "Morek"]
    pages = [local_web.add(f"/page{i}.html", f"<html><body><article><p>{ARTICLE.replace('Tal Melh', v)}</p>"
                                             "</article></body></html>") for i, v in enumerate(villages)]
    teasers = [(f"t{i}", f"Fighting in {v}", page, f"Shelling hit the village of {v} on Sunday, residents said.")
               for i, (v, page) in enumerate(zip(villages, pages, strict=True))]
    feed = local_web.add("/feed.xml", rss(teasers), ctype="application/rss+xml")
    client = TestClient(create_app(db, allow_private=True))
    queued = client.post("/api/documents", json={"url": feed})
    assert queued.status_code == 202
    job = wait_for_job(client, queued.json()["job"])
    assert job["status"] == "done" and job["found"] == 5 and len(set(job["documents"])) == 5, job
    page_hits = [h for h in local_web.hits if h.startswith("/page")]
    assert len(page_hits) == 2, "the feed plus two pages: three fetches in all"
    assert sum("fetch budget spent" in e for e in job["errors"]) == 3


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("127.8.9.1", True), ("::1", True),
                                                ("[::1]", True), ("localhost", True), ("0.0.0.0", False),
                                                ("::", False), ("192.168.1.20", False), ("example.org", False)])
def test_only_loopback_counts_as_private_to_this_machine(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback
    if loopback:
        check_exposure(host, None, False)
    else:
        with pytest.raises(InputError, match="--token"):
            check_exposure(host, None, False)
        check_exposure(host, TOKEN, False)
        check_exposure(host, None, True)


def test_token_comparison_wants_the_bearer_scheme_and_the_exact_token() -> None:
    assert token_matches(f"Bearer {TOKEN}", TOKEN) and token_matches(f"bearer  {TOKEN} ", TOKEN)
    assert not token_matches(f"Bearer {TOKEN}x", TOKEN) and not token_matches(None, TOKEN)
    assert not token_matches("Bearer ", TOKEN) and not token_matches(TOKEN, TOKEN)


def test_serve_off_loopback_without_a_token_refuses_in_one_line(db: Path) -> None:
    result = subprocess.run([FRONTWATCH, "serve", "--host", "0.0.0.0", "--port", "1", "--db", str(db)],
                            capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "--host 0.0.0.0" in result.stderr and "--token" in result.stderr and "--read-only" in result.stderr


@pytest.mark.parametrize(("args", "env", "needs_token"), [
    (["--host", "0.0.0.0"], {"FRONTWATCH_TOKEN": TOKEN}, True),
    (["--host", "0.0.0.0", "--token", TOKEN], {}, True),
    (["--host", "127.0.0.1", "--token", TOKEN], {}, True),
    (["--host", "127.0.0.1"], {}, False),
])
def test_serve_passes_the_token_to_the_app(db: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                                           env: dict[str, str], needs_token: bool) -> None:
    import uvicorn

    served: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: served.update(app=app, **kwargs))
    monkeypatch.delenv("FRONTWATCH_TOKEN", raising=False)
    result = CliRunner().invoke(cli.app, ["serve", "--db", str(db), *args], env=env)
    assert result.exit_code == 0, result.output
    client = TestClient(served["app"])
    assert (client.post("/api/documents", json=DOC).status_code == 401) is needs_token


def test_openapi_documents_the_job_answer_and_the_job_route(db: Path) -> None:
    spec = TestClient(create_app(db)).get("/openapi.json").json()
    post = spec["paths"]["/api/documents"]["post"]["responses"]
    assert {"201", "202", "401", "413", "429"} <= set(post)
    assert post["202"]["content"]["application/json"]["schema"]["$ref"].endswith("/JobView")
    assert "/api/jobs/{job_id}" in spec["paths"]
    assert "background job" in spec["info"]["description"]


def test_job_runner_bounds_its_queue_and_survives_a_failing_job() -> None:
    release = threading.Event()

    def work(url: str, request: object) -> Outcome:
        if url == "crash":
            raise RuntimeError("boom")
        release.wait(30)
        return Outcome(found=1, documents=(f"doc-{url}",))

    runner = JobRunner(work, max_queued=2, keep=10)
    first = runner.submit("a", None)["job"]
    while runner.get(first)["status"] == "queued":  # the worker picks it up and blocks on `release`
        time.sleep(0.01)
    crash = runner.submit("crash", None)["job"]
    last = runner.submit("b", None)["job"]
    with pytest.raises(JobsFull):
        runner.submit("c", None)
    release.set()
    deadline = time.monotonic() + 30
    while runner.get(last)["status"] != "done":
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert runner.get(first)["status"] == "done"
    failed = runner.get(crash)
    assert failed["status"] == "failed" and failed["errors"] == ["internal error: RuntimeError: boom"]
    assert runner.get("nope") is None


def _status_is(client: TestClient, job_id: str, status: str) -> None:
    deadline = time.monotonic() + 30
    while client.get(f"/api/jobs/{job_id}").json()["status"] != status:
        assert time.monotonic() < deadline, f"job {job_id} never reached {status}"
        time.sleep(0.01)


def test_finished_jobs_survive_a_restart_and_unfinished_ones_read_as_interrupted(
        db: Path, local_web, monkeypatch: pytest.MonkeyPatch) -> None:
    page = local_web.add("/story.html", f"<html><body><article><p>{ARTICLE}</p></article></body></html>")
    gone = local_web.add("/gone.html", "moved away", ctype="text/plain", status=404)
    stuck = threading.Event()
    real_job = api_app._fetch_job

    def fetch_job(*args: object) -> Outcome:
        if str(args[2]).endswith("/hangs.html"):  # the server stops while this one is still fetching
            stuck.wait(30)
            return Outcome(errors=("let go",))
        return real_job(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(api_app, "_fetch_job", fetch_job)
    first = TestClient(create_app(db, allow_private=True))
    done = wait_for_job(first, first.post("/api/documents", json={"url": page}).json()["job"])
    failed = wait_for_job(first, first.post("/api/documents", json={"url": gone}).json()["job"])
    assert done["status"] == "done" and failed["status"] == "failed" and "HTTP 404" in failed["errors"][0]
    running = first.post("/api/documents", json={"url": local_web.base + "/hangs.html"}).json()["job"]
    _status_is(first, running, "running")
    queued = first.post("/api/documents", json={"url": local_web.base + "/never.html"}).json()["job"]
    assert first.get(f"/api/jobs/{queued}").json()["status"] == "queued"
    try:
        # a restart: a new app on the same store file, the first one's worker still stuck in its fetch
        second = TestClient(create_app(db, allow_private=True))
        assert second.get(f"/api/jobs/{done['job']}").json() == done
        assert second.get(f"/api/jobs/{failed['job']}").json() == failed
        for job_id in (running, queued):
            view = second.get(f"/api/jobs/{job_id}").json()
            assert view["status"] == "failed" and view["errors"][-1].startswith("interrupted"), view
        third = TestClient(create_app(db, allow_private=True))  # restarting again changes nothing
        assert [third.get(f"/api/jobs/{j}").json() for j in (done["job"], running)] == \
               [second.get(f"/api/jobs/{j}").json() for j in (done["job"], running)]
        assert third.get("/api/jobs/0123456789abcdef").status_code == 404
    finally:
        stuck.set()
    assert Path(str(db) + ".jobs.jsonl").is_file()


def test_jobs_beside_a_database_server_are_in_memory_with_one_notice(tmp_path: Path) -> None:
    lines: list[str] = []
    assert api_app.job_journal("postgresql://reader:s3cret@127.0.0.1:1/news", notice=lines.append) is None
    assert len(lines) == 1 and "in memory only" in lines[0] and "s3cret" not in lines[0], lines
    lines.clear()
    assert api_app.job_journal(tmp_path / "x.db", notice=lines.append) is not None and lines == []


def test_a_torn_journal_line_is_skipped(tmp_path: Path) -> None:
    journal = JobJournal(tmp_path / "j.jsonl")
    runner = JobRunner(lambda url, request: Outcome(found=1, documents=("doc-1",)), max_queued=2, keep=10,
                       journal=journal)
    job_id = runner.submit("http://news.example.test/a", None)["job"]
    deadline = time.monotonic() + 30
    while runner.get(job_id)["status"] != "done":
        assert time.monotonic() < deadline
        time.sleep(0.01)
    with journal.path.open("a", encoding="utf-8") as file:
        file.write('{"job": "cut-sh')  # a crash in the middle of a line
    again = JobRunner(lambda url, request: Outcome(), max_queued=2, keep=10, journal=JobJournal(journal.path))
    assert again.get(job_id) == runner.get(job_id)
