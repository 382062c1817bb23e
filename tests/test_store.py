"""The store contract, run against both backends: SQLite (a file) and PostgreSQL (a fresh schema on the server in
FRONTWATCH_TEST_PG). Whatever one backend does, the other must do the same."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from frontwatch.analyze import analyze
from frontwatch.api.app import create_app
from frontwatch.api.query import EventFilter, filter_events
from frontwatch.cli import app
from frontwatch.errors import StoreError
from frontwatch.model import DocAnalysis, Document, Event, EventDate, Fatalities, Picture, Published
from frontwatch.output.picture_json import picture_dict
from frontwatch.store import Store, open_store, parse_store_spec
from frontwatch.store import postgres as pg_backend
from frontwatch.store import sqlite as sqlite_backend
from frontwatch.store.picture_tables import EventQuery
from frontwatch.store.url import mask_dsn
from tests.conftest import DEMO
from tests.postgres import pg_schema_dsn

FRONTWATCH = str(Path(sys.executable).with_name("frontwatch"))
UNREACHABLE = "postgresql://fw:s3cret-pw@127.0.0.1:1/frontwatch"  # port 1: nothing listens there


@pytest.fixture(params=["sqlite", "postgresql", "postgis"])
def spec(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """SQLite; PostgreSQL without PostGIS in reach; PostgreSQL with PostGIS, when the test database has it."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    with pg_schema_dsn(with_public=request.param == "postgis") as dsn:
        with open_store(dsn) as store:
            if store.spatial != (request.param == "postgis"):
                pytest.skip("PostGIS is not installed in the test database")
        yield dsn


def doc(ident: str, text: str = "Shelling hit Saraqib on Monday.", outlet: str = "Levant Ledger") -> Document:
    return Document(id=ident, source_id=f"{ident}.txt", outlet=outlet, title=text[:30], text=text,
                    published=Published(date="2024-11-28", precision="day", basis="stated", evidence="Thursday"))


def analysis(document: Document, evidence: str = "") -> DocAnalysis:
    return DocAnalysis(doc=document.id, stated_date=document.published.model_copy(update={"evidence": evidence}))


def test_migrations_are_numbered_alike_and_applied_once(spec: str) -> None:
    assert [v for v, _ in sqlite_backend.MIGRATIONS] == [v for v, _ in pg_backend.MIGRATIONS]
    latest = sqlite_backend.MIGRATIONS[-1][0]
    for _ in range(3):  # reopening applies nothing twice and fails on nothing
        with open_store(spec) as store:
            assert store.schema_version() == latest
            assert store.count() == 0 and store.documents() == [] and store.analyses() == {}
            assert store.integrity_ok()


def test_documents_read_back_as_stored_in_first_stored_order(spec: str) -> None:
    second, first = doc("b2"), doc("a1", "Ceasefire talks opened in Doha, the ministry said.", outlet="Cedar Wire")
    with open_store(spec) as store:
        store.put(second, analysis(second), "v1", raw="<p>raw</p>")
        store.put(first, analysis(first), "v1")
        assert store.has_document("a1") and not store.has_document("zz")
        assert store.document("a1") == first and store.document("zz") is None
        assert store.documents() == [second, first]
        assert store.analyses() == {"a1": analysis(first), "b2": analysis(second)}
        assert store.count() == 2 and store.integrity_ok()


def test_analyses_come_in_code_point_order(spec: str) -> None:
    ids = ["a", "B", "_", "b", "A"]
    with open_store(spec) as store:
        for ident in ids:
            store.put(doc(ident), analysis(doc(ident)), "v1")
        assert list(store.analyses()) == sorted(ids)  # not the server's locale order


def test_storing_again_is_a_no_op_and_a_newer_pipeline_replaces_the_analysis(spec: str) -> None:
    document = doc("d1")
    with open_store(spec) as store:
        store.put(document, analysis(document, "old"), "v1")
        store.put(document, analysis(document, "old"), "v1")
        assert store.count() == 1
        assert store.has_analysis("d1", "v1") and not store.has_analysis("d1", "v2")
        assert store.analysed_among(["d1", "d2"], "v1") == {"d1"} and store.analysed_among([], "v1") == set()
        store.put(document, analysis(document, "new"), "v2")
        assert store.has_analysis("d1", "v2") and not store.has_analysis("d1", "v1")
        assert store.analysed_among(["d1"], "v1") == set()
        many = [f"x{i}" for i in range(1200)] + ["d1"]  # more than one IN (...) list
        assert store.analysed_among(many, "v2") == {"d1"}
        assert store.analyses()["d1"].stated_date.evidence == "new"
        assert store.count() == 1


def test_generation_changes_with_every_write_and_only_then(spec: str) -> None:
    a, b = doc("a"), doc("b")
    with open_store(spec) as store:
        start = store.generation()
        store.documents(), store.analyses(), store.has_analysis("a", "v1")
        assert store.generation() == start
        store.put(a, analysis(a), "v1")
        after_put = store.generation()
        assert after_put > start
        store.put(b, analysis(b), "v1")
        store.set_duplicate("b", "a", "Levant Ledger")
        assert store.generation() > after_put
    with open_store(spec) as store:  # another reader sees the same number
        assert store.generation() > after_put


def test_near_duplicates_are_marked(spec: str) -> None:
    original, copy, same_outlet = doc("o"), doc("c", outlet="Orontes Daily"), doc("s")
    with open_store(spec) as store:
        for document in (original, copy, same_outlet):
            store.put(document, analysis(document), "v1")
        store.set_duplicate("c", "o", "Levant Ledger")
        store.set_duplicate("s", "o", "Levant Ledger")  # its own outlet: not syndicated from itself
        store.set_duplicate("missing", "o", "Levant Ledger")  # nothing to mark, nothing fails
        marked = store.document("c")
        assert marked is not None and marked.duplicate_of == "o" and marked.syndicated_from == "Levant Ledger"
        own = store.document("s")
        assert own is not None and own.duplicate_of == "o" and own.syndicated_from is None
        assert store.count() == 3


def test_near_duplicates_are_marked_in_one_batch(spec: str) -> None:
    """set_duplicates marks many in one transaction, as set_duplicate one by one would: the originals' sources,
    a copy from its own outlet, an id not stored, a copy marked twice (the later mark wins, its first source stays)."""
    docs = [doc("o"), doc("c", outlet="Orontes Daily"), doc("s"), doc("t", outlet="Cedar Wire")]
    with open_store(spec) as store:
        for document in docs:
            store.put(document, analysis(document), "v1")
        before = store.generation()
        store.set_duplicates([("c", "o", "Levant Ledger"), ("s", "o", "Levant Ledger"), ("missing", "o", None),
                              ("t", "o", "Levant Ledger"), ("t", "c", "Orontes Daily")])
        assert store.generation() > before
        marked = {d.id: (d.duplicate_of, d.syndicated_from) for d in store.documents()}
        assert marked == {"o": (None, None), "c": ("o", "Levant Ledger"), "s": ("o", None),
                          "t": ("c", "Levant Ledger")}
        store.set_duplicates([])  # nothing to mark, nothing written
        assert store.count() == 4


def test_feed_entries_are_remembered_per_feed(spec: str) -> None:
    feed, other = "https://example.org/rss", "https://example.net/atom"
    document = doc("f1")
    with open_store(spec) as store:
        assert store.seen_entries(feed) == set()
        store.put(document, analysis(document), "v1")
        store.mark_entry(feed, "guid-1", "f1")
        store.mark_entry(feed, "guid-2", None)
        store.mark_entry(feed, "guid-2", None)
        store.mark_entry(other, "guid-1", None)
    with open_store(spec) as store:
        assert store.seen_entries(feed) == {"guid-1", "guid-2"}
        assert store.seen_entries(other) == {"guid-1"}


def test_any_text_round_trips(spec: str) -> None:
    text = "Quote \"marks\", a NUL \x00 byte, Arabic حلب, emoji 🛰, and a backslash \\ survive."
    document = doc("t1", text)
    with open_store(spec) as store:
        store.put(document, analysis(document), "v1", raw=text)
        assert store.document("t1") == document
        assert store.documents()[0].text == text


QUERIES = [EventQuery(), EventQuery(event_type="Battles"), EventQuery(sub_event_type="Air/drone strike"),
           EventQuery(status="single_source"), EventQuery(start="2024-11-28"), EventQuery(end="2024-11-29"),
           EventQuery(start="2024-11-29", end="2024-11-30"), EventQuery(bbox=(35.0, 34.0, 38.0, 37.0)),
           EventQuery(bbox=(170.0, -90.0, 40.0, 90.0)),  # across the antimeridian
           EventQuery(actor="hts"), EventQuery(actor="syria"), EventQuery(actor="100%_"),
           EventQuery(event_type="Battles", start="2024-11-27", bbox=(-180.0, -90.0, 180.0, 90.0))]


def test_picture_rows_answer_queries_as_the_api_filters_the_picture(spec: str, demo_run: tuple) -> None:
    picture = demo_run[0].picture
    merged = picture.events[0].model_copy(update={"aliases": ("evt-was-another",)})
    picture = picture.model_copy(update={"events": (merged, *picture.events[1:])})
    data = picture_dict(picture)
    with open_store(spec) as store:
        assert store.picture_generation() is None and store.find_events(EventQuery(), 10) == ([], 0)
        store.save_picture(picture, 7)
        store.save_picture(picture, 8)  # replaces, never adds
        assert store.picture_generation() == 8
        for query in QUERIES:
            wanted = filter_events(data, EventFilter(**vars(query)))
            found, total = store.find_events(query, limit=1000)
            assert [e.id for e in found] == [e["id"] for e in wanted] and total == len(wanted), query
        assert sum(1 for q in QUERIES if store.find_events(q, 1000)[1]) > len(QUERIES) // 2, "queries that match"
        page, total = store.find_events(EventQuery(), limit=2, offset=1)
        assert [e.id for e in page] == [e.id for e in picture.events[1:3]] and total == len(picture.events)
        assert store.find_event(merged.id) == merged == store.find_event("evt-was-another")
        assert store.find_event("evt-nope") is None
        assert store.find_places() == list(picture.places)  # mentions kept apart (place_mentions), put back
        assert any(len({m.doc for m in p.mentions}) > 1 for p in picture.places), "a place several documents name"
        inside = [p for p in picture.places if 34 <= p.lat <= 37 and 35 <= p.lon <= 38]
        assert store.find_places((35.0, 34.0, 38.0, 37.0)) == inside


def test_store_dispatches_on_the_spec(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as store:
        assert isinstance(store, sqlite_backend.SQLiteStore)
    with Store(f"sqlite:///{tmp_path}/y.db") as store:
        assert isinstance(store, sqlite_backend.SQLiteStore)
    assert (tmp_path / "y.db").is_file()


@pytest.mark.parametrize(("spec_text", "backend", "location"), [
    ("store.db", "sqlite", "store.db"),
    ("sqlite:///rel/store.db", "sqlite", "rel/store.db"),
    ("sqlite:////abs/store.db", "sqlite", "/abs/store.db"),
    ("postgresql://u:pw@127.0.0.1:5432/db", "postgresql", "postgresql://u:pw@127.0.0.1:5432/db"),
    ("postgres://u@localhost/db", "postgresql", "postgres://u@localhost/db"),
])
def test_spec_parsing(spec_text: str, backend: str, location: str) -> None:
    target = parse_store_spec(spec_text)
    assert (target.backend, target.location) == (backend, location)


@pytest.mark.parametrize("bad", ["mysql://u:s3cret-pw@h/db", "sqlite://host/x.db", "postgresql:/u:s3cret-pw@h/db",
                                 "postgresql://u:s3cret-pw@127.0.0.1/db?nonsense=1", UNREACHABLE])
def test_a_bad_spec_is_one_line_naming_it_without_the_password(bad: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(bad)
    message = str(caught.value)
    assert "s3cret-pw" not in message and "\n" not in message
    assert message.split(":")[0] in bad.split(":")[0]  # it starts by naming the store


def test_mask_dsn() -> None:
    assert mask_dsn("postgresql://fw:pa:ss@db:5432/x") == "postgresql://fw:***@db:5432/x"
    assert mask_dsn("postgresql://fw@db/x?password=pw&sslmode=require") == \
        "postgresql://fw@db/x?password=***&sslmode=require"
    assert mask_dsn("postgresql://db/x") == "postgresql://db/x"


def test_a_postgresql_url_that_cannot_be_reached_is_one_line_and_exit_2(tmp_path: Path) -> None:
    proc = subprocess.run([FRONTWATCH, "export", "--db", UNREACHABLE, "--out", "out"], capture_output=True,
                          text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines() == [
        proc.stderr.strip()] and "error: postgresql://fw:***@127.0.0.1:1/frontwatch: cannot connect" in proc.stderr
    assert "s3cret-pw" not in proc.stderr + proc.stdout
    assert list(tmp_path.iterdir()) == [], "no file named after the URL, no output"


@pytest.mark.parametrize("command", [
    ["analyze", "IN", "--out", "out"], ["serve", "--port", "1"],
    ["watch", "http://127.0.0.1:1/feed.xml", "--rounds", "1"],
])
def test_every_command_takes_a_postgresql_url(command: list[str], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "IN").write_text("Shelling hit Saraqib on Monday, residents said.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("signal.signal", lambda *_: None)  # watch's Ctrl-C handler stays out of pytest
    result = CliRunner().invoke(app, [*command, "--db", UNREACHABLE])
    assert isinstance(result.exception, StoreError), result.output
    assert str(result.exception).startswith("postgresql://fw:***@127.0.0.1:1/frontwatch: cannot connect")
    assert "s3cret-pw" not in result.output
    assert not any(p.name.startswith("postgres") for p in tmp_path.rglob("*")), "no file named after the URL"


def test_the_same_inputs_give_the_same_picture_from_either_backend(demo_run: tuple, tmp_path: Path) -> None:
    _, sqlite_out = demo_run
    with pg_schema_dsn() as dsn:
        result = analyze([str(DEMO)], dsn, tmp_path / "pg")
        assert result.analysed == len(result.picture.documents) > 0
        assert (tmp_path / "pg" / "picture.json").read_bytes() == (sqlite_out / "picture.json").read_bytes()
        again = analyze([str(DEMO)], dsn, tmp_path / "pg-again")
        assert again.analysed == 0
        assert (tmp_path / "pg-again" / "picture.json").read_bytes() == (sqlite_out / "picture.json").read_bytes()
        client = TestClient(create_app(dsn))  # and the API serves it
        served = client.get("/api/events", params={"limit": 1000}).json()
        assert served["total"] == len(result.picture.events) and client.get("/api/picture").json()["events"]
        proc = subprocess.run([FRONTWATCH, "export", "--db", dsn, "--out", "x", "--format", "picture"],
                              capture_output=True, text=True, cwd=tmp_path, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert (tmp_path / "x" / "picture.json").read_bytes() == (sqlite_out / "picture.json").read_bytes()


def _scattered_events(n: int, seed: int) -> tuple[Event, ...]:
    """Events anywhere on Earth and in time: some undated, some with no point, some spanning weeks, some sharing a
    point or a day (so query edges fall exactly on them)."""
    rng = random.Random(seed)
    points = [(round(rng.uniform(-89.9, 89.9), 5), round(rng.uniform(-180, 180), 5)) for _ in range(n // 3)]
    days = [date(2019, 1, 1) + timedelta(days=rng.randrange(3000)) for _ in range(n // 3)]
    events = []
    for i in range(n):
        lat, lon = (None, None) if i % 17 == 0 else rng.choice(points)
        first = None if i % 13 == 0 else rng.choice(days)
        last = first + timedelta(days=rng.choice([0, 0, 0, 2, 6, 30])) if first else None
        events.append(Event(
            id=f"evt-{i:06d}", event_type="Battles", sub_event_type="Armed clash",
            date=EventDate(start=first.isoformat() if first else None, end=last.isoformat() if last else None,
                           precision="day"),
            place=None, lat=lat, lon=lon, geo_precision=1, actor1=None, actor2=None,
            fatalities=Fatalities(low=None, best=None, high=None, acled=0), sources=(), independent_sources=0,
            status="single_source", claims=(), summary=f"event {i}"))
    return tuple(events)


def _events_picture(events: tuple[Event, ...]) -> Picture:
    return Picture(documents=(), places=(), actors=(), claims=(), events=events, contradictions=(), timeline=())


def _box_queries(events: tuple[Event, ...], n: int, seed: int) -> list[EventQuery]:
    """Boxes around events (some with an edge exactly on one, some across the antimeridian) with date windows:
    both ends, one end, none, backwards, and a day the calendar lacks."""
    rng = random.Random(seed)
    located = [e for e in events if e.lat is not None and e.lon is not None and e.date.start]
    windows: list[tuple[str | None, str | None]] = [(None, None), ("2020-03-01", None), (None, "2021-06-30"),
                                                    ("2023-02-30", "2024-01-01"), ("2022-05-01", "2022-04-01")]
    queries = []
    for i in range(n):
        anchor = rng.choice(located)
        lat, lon = anchor.lat, anchor.lon
        assert lat is not None and lon is not None and anchor.date.start is not None
        half = rng.choice([0.0, 0.5, 5.0, 40.0])
        if i % 10 == 0:  # across the antimeridian
            box = (rng.uniform(100, 180), max(lat - half, -90), rng.uniform(-180, -100), min(lat + half, 90))
        elif i % 3 == 0:  # the anchor on the west and south edges
            box = (lon, lat, min(lon + half, 180), min(lat + half, 90))
        else:
            box = (max(lon - half, -180), max(lat - half, -90), min(lon + half, 180), min(lat + half, 90))
        day = date.fromisoformat(anchor.date.start)
        inside = str(day + timedelta(days=3))  # within the anchor's days when they span a week or more
        window = (rng.choice([(str(day - timedelta(days=30)), str(day + timedelta(days=30))), (str(day), str(day)),
                              (inside, inside), (inside, None)]) if i % 2 else rng.choice(windows))
        queries.append(EventQuery(start=window[0], end=window[1], bbox=box))
    return queries


def test_box_and_window_queries_answer_as_the_picture_filter(spec: str) -> None:
    events = _scattered_events(600, seed=20)
    moved = tuple(e.model_copy(update={"lat": e.lon / 2 if e.lon is not None else None,
                                       "date": e.date.model_copy(update={"end": e.date.start})}) for e in events)
    with open_store(spec) as store:
        store.save_picture(_events_picture(moved), 1)
        store.save_picture(_events_picture(events), 2)  # the index follows rows replaced
        data = {"events": [e.model_dump(mode="json") for e in events], "actors": []}
        matched = 0
        queries = _box_queries(events, 150, seed=8)
        for query in queries:
            wanted = filter_events(data, EventFilter(**vars(query)))
            found, total = store.find_events(query, limit=1000)
            assert [e.id for e in found] == [e["id"] for e in wanted] and total == len(wanted), query
            matched += bool(wanted)
        assert matched > len(queries) // 2, "queries that match"


def test_the_rtree_follows_an_event_moved_in_place(tmp_path: Path) -> None:
    """SQLite's R*Tree is kept by triggers, whatever writes the rows (PostgreSQL's GiST indexes are on the columns
    themselves; PostGIS's point is written beside lat/lon by the store's writers)."""
    events = _scattered_events(60, seed=3)
    target = next(e for e in events if e.lat is not None and e.date.start)
    query = EventQuery(start="1990-01-01", end="1990-01-01", bbox=(1.0, 1.0, 1.0, 1.0))
    with open_store(tmp_path / "store.db") as store:
        store.save_picture(_events_picture(events), 1)
        assert store.find_events(query, 10) == ([], 0)
        store._write([("UPDATE events SET lat = ?, lon = ?, first_day = ?, last_day = ? WHERE id = ?",
                       [(1.0, 1.0, "1990-01-01", "1990-01-01", target.id)])])
        assert [e.id for e in store.find_events(query, 10)[0]] == [target.id]


def _analyzed(spec: str) -> None:
    """Statistics for PostgreSQL's planner, as autovacuum gathers them after a bulk write."""
    if spec.startswith("postgresql"):
        import psycopg

        with psycopg.connect(spec, autocommit=True) as conn:
            conn.execute("ANALYZE events")


def test_a_box_with_a_date_window_is_answered_by_the_spatial_index(spec: str) -> None:
    events = _scattered_events(4000, seed=5)
    query = EventQuery(start="2021-03-01", end="2021-03-31", bbox=(10.0, 40.0, 12.0, 42.0))
    with open_store(spec) as store:
        store.save_picture(_events_picture(events), 1)
        _analyzed(spec)
        index = ("event_boxes" if not spec.startswith("postgresql") else
                 "events_geom_days" if store.spatial else "events_box_days")
        assert index in store.event_plan(query)
        assert "event_boxes" not in store.event_plan(EventQuery(start="2021-03-01"))  # no box: the days index
