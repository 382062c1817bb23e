"""Store integrity under SIGKILL and Ctrl-C, and fuzzing of readers, cleaning and the analysis entry point."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontwatch.analyze import collect
from frontwatch.errors import InputError
from frontwatch.ingest.clean import clean
from frontwatch.ingest.feeds import parse_feed
from frontwatch.ingest.html import extract_page
from frontwatch.ingest.readers import read_file, read_jsonl
from frontwatch.store import Store

from .conftest import DEMO
from .test_ingest_web import LONG_ENTRY, rss

FRONTWATCH = [sys.executable, "-m", "frontwatch.cli"]


def _corpus(directory: Path, copies: int) -> int:
    """Distinct articles: each demo article with a numbered closing line (a new content hash each time)."""
    directory.mkdir()
    n = 0
    for source in sorted(DEMO.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        for k in range(copies):
            (directory / f"{source.stem}-{k}.txt").write_text(f"{text}\nDispatch {k} of the series.\n",
                                                             encoding="utf-8")
            n += 1
    return n


def _stored(db: Path) -> tuple[int, int, bool]:
    with sqlite3.connect(db) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        distinct = conn.execute("SELECT COUNT(DISTINCT source_id) FROM documents").fetchone()[0]
        orphans = conn.execute("SELECT COUNT(*) FROM documents d LEFT JOIN analyses a ON a.doc_id = d.id "
                               "WHERE a.doc_id IS NULL").fetchone()[0]
    assert orphans == 0, "a document was stored without its analysis"
    return count, distinct, ok


def _progress(db: Path) -> int:
    """Documents stored so far; 0 while the file exists but the first run has not yet committed its schema."""
    if not db.exists():
        return 0
    try:
        return _stored(db)[0]
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return 0
        raise


def test_sigkill_during_ingest_never_corrupts_or_loses(tmp_path: Path) -> None:
    """Five kills at random moments, then a run to the end: the store is intact, nothing is lost, and the picture
    is the one an uninterrupted run gives, byte for byte."""
    total = _corpus(tmp_path / "corpus", copies=20)
    db = tmp_path / "kill.db"
    rng = random.Random(7)
    counts = [0]
    for _ in range(5):
        process = subprocess.Popen([*FRONTWATCH, "analyze", str(tmp_path / "corpus"), "--db", str(db), "--out",
                                    str(tmp_path / "out")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and _progress(db) <= counts[-1]:
                time.sleep(0.05)  # wait for this run to store something, then kill it mid-stream
            time.sleep(rng.uniform(0.0, 1.0))
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
        count, distinct, ok = _stored(db)
        assert ok and count == distinct
        assert counts[-1] < count < total, "each kill must land mid-ingest, after some progress"
        counts.append(count)
    done = subprocess.run([*FRONTWATCH, "analyze", str(tmp_path / "corpus"), "--db", str(db), "--out",
                           str(tmp_path / "out")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    count, distinct, ok = _stored(db)
    assert ok and count == distinct == total
    assert json.loads((tmp_path / "out" / "picture.json").read_text(encoding="utf-8"))["documents"]
    whole = subprocess.run([*FRONTWATCH, "analyze", str(tmp_path / "corpus"), "--db", str(tmp_path / "whole.db"),
                            "--out", str(tmp_path / "whole")], capture_output=True, text=True, timeout=600)
    assert whole.returncode == 0, whole.stderr
    assert (tmp_path / "out" / "picture.json").read_bytes() == (tmp_path / "whole" / "picture.json").read_bytes()


def test_ctrl_c_stops_watch_cleanly(tmp_path: Path, local_web) -> None:
    feed = local_web.add("/feed.xml", rss([(f"e{i}", f"Strikes {i}", f"http://example.org/{i}",
                                            LONG_ENTRY + f" Update {i}.") for i in range(30)]),
                         ctype="application/rss+xml")
    db = tmp_path / "watch.db"
    process = subprocess.Popen([*FRONTWATCH, "watch", feed, "--every", "0.2", "--allow-private", "--db", str(db),
                                "--out", str(tmp_path / "out")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if db.exists() and _stored(db)[0] >= 1:
                break
        except sqlite3.OperationalError:
            pass  # the store file exists before its tables do: poll again
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr and "stopped:" in stderr
    count, distinct, ok = _stored(db)
    assert ok and 1 <= count == distinct
    with Store(db) as store:
        assert len(store.seen_entries(feed)) == count, "every entry marked seen has its document stored"


TEXTY = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
NASTY = st.sampled_from(["\u200b", "\u200f", "\u202e", "\ufeff", "\u0000", "حلب", "Ḩamāh", "\r\n", "\t",
                         "9" * 40, "-1", "1e309", "<", "&amp;", "<![CDATA[", "<!--", "Follow us on X"])
MIXED = st.lists(st.one_of(TEXTY, NASTY), max_size=30).map("".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _only_records_or_errors(items: list) -> None:
    for item in items:
        assert not isinstance(item, Exception) or isinstance(item, InputError)
        if isinstance(item, InputError):
            assert "\n" not in str(item)


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".xml", ".md"]))
def test_fuzz_read_file_random_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    _only_records_or_errors(list(read_file(path)))


@FUZZ
@given(text=MIXED)
def test_fuzz_jsonl_html_feed_and_cleaning(text: str) -> None:
    _only_records_or_errors(list(read_jsonl(text, "fuzz.jsonl")))
    page = extract_page(f"<html><body><article><p>{text}</p></article></body></html>")
    assert isinstance(page.text, str)
    cleaned = clean(text)
    assert isinstance(cleaned.text, str)
    try:
        parse_feed(text, "fuzz.xml")
    except InputError as exc:
        assert "\n" not in str(exc)


@FUZZ
@given(depth=st.integers(min_value=1, max_value=3000), cut=st.integers(min_value=0, max_value=5000))
def test_fuzz_deep_and_truncated_html(depth: int, cut: int) -> None:
    html = "<div>" * depth + "Rebels took Morek on Saturday, a monitor said." + "</div>" * depth
    for variant in (html, html[:cut], "<p>" + "x" * 200_000 + "</p>"):
        assert isinstance(extract_page(variant).text, str)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(body=st.lists(st.one_of(MIXED, st.sampled_from([
    "Rebels captured Morek on Saturday, the monitor said.", "At least 0 people were killed.",
    "Between 5 and 3 soldiers died, officials said.", "حلب", "dozens of dozens", "On 31 February 2024 it fell."])),
    min_size=1, max_size=6).map("\n".join))
def test_fuzz_analysis_entry_point(tmp_path_factory, body: str) -> None:
    from frontwatch.analyze import store_documents

    work = tmp_path_factory.mktemp("fz")
    path = work / "a.txt"
    path.write_text(body, encoding="utf-8")
    docs, errors = collect([str(path)])
    _only_records_or_errors(errors)
    with Store(work / "s.db") as store:
        store_documents(store, docs)
        assert store.integrity_ok()



def test_api_reads_while_another_process_writes(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from frontwatch.api.app import create_app

    total = _corpus(tmp_path / "corpus", copies=8)
    db = tmp_path / "live.db"
    client = TestClient(create_app(db))  # creates and migrates the store before the writer starts
    writer = subprocess.Popen([*FRONTWATCH, "analyze", str(tmp_path / "corpus"), "--db", str(db), "--out",
                               str(tmp_path / "out")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen: list[int] = []
    while writer.poll() is None:
        documents = client.get("/api/documents", params={"limit": 1})
        events = client.get("/api/events", params={"limit": 1})
        assert documents.status_code == 200 and events.status_code == 200
        seen.append(documents.json()["total"])
        time.sleep(0.2)
    _, stderr = writer.communicate()
    assert writer.returncode == 0, stderr
    assert seen == sorted(seen), "a reader never sees documents disappear"
    assert len(set(seen)) > 2, "the reader saw the store grow while the writer was at work"
    assert client.get("/api/documents", params={"limit": 1}).json()["total"] == total
    assert _stored(db)[2]
