"""Unknown query parameters: 422 naming the parameter and the one meant, never a silently unfiltered answer."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient

from frontwatch.api.app import create_app
from frontwatch.api.params import nearest


@pytest.fixture(scope="module")
def client(demo_run, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("params") / "api.db"
    with sqlite3.connect(demo_run[1] / "store.db") as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    return TestClient(create_app(db))


@pytest.mark.parametrize(("path", "params", "detail"), [
    ("/api/events", {"type": "Battles"}, "unknown parameter 'type'; did you mean 'event_type'?"),
    ("/api/events", {"evnt_type": "Battles"}, "unknown parameter 'evnt_type'; did you mean 'event_type'?"),
    ("/api/events", {"country": "SY"}, "unknown parameter 'country' (this endpoint takes actor, bbox, end, "
                                       "event_type, limit, offset, start, status, sub_event_type)"),
    ("/api/claims", {"document": "x"}, "unknown parameter 'document'; did you mean 'doc'?"),
    ("/api/picture", {"limit": "1"}, "unknown parameter 'limit' (this endpoint takes no query parameters)"),
])
def test_unknown_parameters_are_named(client: TestClient, path: str, params: dict, detail: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422 and response.json() == {"detail": detail}


def test_known_parameters_still_filter(client: TestClient) -> None:
    every = client.get("/api/events").json()["total"]
    battles = client.get("/api/events", params={"event_type": "Battles", "limit": 1000}).json()
    assert 0 < battles["total"] < every
    assert client.get("/api/control", params={"date": "2024-12-01"}).status_code == 200


def test_nearest() -> None:
    assert nearest("type", ["event_type", "sub_event_type"]) == "event_type"
    assert nearest("zzz", ["event_type"]) is None
