"""GET /api/events answered from the store's event rows (a query) gives what filtering the whole picture gives, on
SQLite and PostgreSQL; once the store changes after the rows were written, the API filters the picture again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from frontwatch import PIPELINE_VERSION
from frontwatch.analyze import refresh_picture
from frontwatch.api import app as app_module
from frontwatch.api.app import create_app
from frontwatch.api.query import EventFilter, filter_events, page
from frontwatch.model import DocAnalysis, Document, Published
from frontwatch.output.picture_json import picture_dict
from frontwatch.store import open_store
from tests.postgres import pg_schema_dsn

PARAMS: list[dict[str, Any]] = [
    {}, {"event_type": "Battles"}, {"sub_event_type": "Air/drone strike"}, {"status": "single_source"},
    {"start": "2024-11-28"}, {"end": "2024-11-29"}, {"start": "2024-11-29", "end": "2024-11-30"},
    {"bbox": "35,34,38,37"}, {"bbox": "170,-90,40,90"}, {"actor": "hts"}, {"actor": "Syria"}, {"actor": "100%_"},
    {"actor": "Syrian army"}, {"actor": "rebels"}, {"actor": "russian air force"}, {"actor": "military-sy"},
    {"actor": "Hayat Tahrir"}, {"actor": "Syrian army", "limit": 2, "offset": 1},
    {"event_type": "Battles", "start": "2024-11-27", "bbox": "-180,-90,180,90"},
    {"bbox": "35,34,38,37", "start": "2024-11-27", "end": "2024-12-05", "limit": 2, "offset": 1},
    {"limit": 3, "offset": 2}, {"offset": 10_000},
]


@pytest.fixture(params=["sqlite", "postgresql"])
def spec(request: pytest.FixtureRequest, tmp_path: Path, demo_run: tuple) -> Iterator[str]:
    """A store holding the demo's documents and analyses, with its event rows written."""
    if request.param == "sqlite":
        target = str(tmp_path / "store.db")
        _copy_demo(demo_run[1] / "store.db", target)
        yield target
        return
    with pg_schema_dsn() as dsn:
        _copy_demo(demo_run[1] / "store.db", dsn)
        yield dsn


def _copy_demo(source: Path, target: str) -> None:
    with open_store(source) as demo:
        documents, analyses = demo.documents(), demo.analyses()
    with open_store(target) as store:
        for document in documents:
            store.put(document, analyses[document.id], PIPELINE_VERSION)
        refresh_picture(store)


def _expected(data: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    wanted = EventFilter.parse(params.get("event_type"), params.get("sub_event_type"), params.get("start"),
                               params.get("end"), params.get("bbox"), params.get("actor"), params.get("status"))
    return page(filter_events(data, wanted), params.get("limit", 100), params.get("offset", 0))


def test_events_from_rows_match_the_picture_filter(spec: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(spec) as store:
        data = picture_dict(refresh_picture(store))

    def no_rebuild(store: object) -> object:
        raise AssertionError("the picture was rebuilt to answer /api/events")

    monkeypatch.setattr(app_module, "picture_from_store", no_rebuild)
    client = TestClient(create_app(spec, read_only=True))
    matched = 0
    for params in PARAMS:
        answer = client.get("/api/events", params=params)
        assert answer.status_code == 200, params
        assert answer.json() == _expected(data, params), params
        matched += bool(answer.json()["items"])
    assert matched > len(PARAMS) // 2, "queries that find events"


def test_rows_older_than_the_store_are_not_used(spec: str) -> None:
    client = TestClient(create_app(spec, read_only=True))
    before = client.get("/api/events").json()
    late = Document(id="doc-late", source_id="late.txt", outlet="Harbour Daily", title="Quiet day",
                    text="Nothing happened.", published=Published(date="2024-12-01", precision="day"))
    with open_store(spec) as store:
        rows_generation = store.picture_generation()
        store.put(late, DocAnalysis(doc=late.id, stated_date=late.published), PIPELINE_VERSION)
        assert store.generation() != rows_generation
    calls: list[int] = []
    original = app_module.picture_from_store
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(app_module, "picture_from_store", lambda store: calls.append(1) or original(store))
        after = client.get("/api/events").json()
    assert calls == [1], "the picture was rebuilt, the stale rows left alone"
    assert after == before  # a document with no events changes no event


def test_a_posted_article_brings_the_rows_up_to_date(spec: str) -> None:
    client = TestClient(create_app(spec))
    text = ("On 2 December 2024, government jets struck a market in Maarat al-Numan, killing six civilians, "
            "a local rescue service said.")
    assert client.post("/api/documents", json={"text": text, "outlet": "Harbour Daily"}).status_code in {200, 201}
    with open_store(spec) as store:
        assert store.picture_generation() == store.generation()  # reads answer from rows, no rebuild
    calls: list[int] = []
    original = app_module.picture_from_store
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(app_module, "picture_from_store", lambda store: calls.append(1) or original(store))
        events = client.get("/api/events", params={"sub_event_type": "Air/drone strike"}).json()
    assert not calls and events["items"]


def test_rows_another_resolver_wrote_are_not_served(spec: str) -> None:
    """Rows written by another version of frontwatch may lack what this version's events hold: the API answers
    from the picture until a write rebuilds them."""
    with open_store(spec) as store:
        store._write([("UPDATE resolver_state SET version = ? WHERE id = 1", [("an-older-resolver",)])])
    calls: list[int] = []
    original = app_module.picture_from_store
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(app_module, "picture_from_store", lambda store: calls.append(1) or original(store))
        answer = TestClient(create_app(spec, read_only=True)).get("/api/events")
    assert answer.status_code == 200 and answer.json()["items"]
    assert calls == [1], "the other resolver's rows were served"
