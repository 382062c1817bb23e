"""Unknown query parameters: 422 naming the parameter and the one meant, never a silently unfiltered answer."""

from __future__ import annotations

import re
import sqlite3

import pytest
from fastapi.routing import APIRoute
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


def _get_routes(client: TestClient) -> list[APIRoute]:
    return [r for r in client.app.routes if isinstance(r, APIRoute) and "GET" in r.methods]


def test_every_api_get_endpoint_names_an_unknown_parameter(client: TestClient) -> None:
    endpoints = [r for r in _get_routes(client) if r.include_in_schema]
    assert {"/api/events", "/api/events/{event_id}", "/api/jobs/{job_id}", "/healthz"} <= {r.path for r in endpoints}
    for route in endpoints:
        path = re.sub(r"\{\w+\}", "no-such-id", route.path)  # the parameters are checked before the id is looked up
        response = client.get(path, params={"sortby": "date"})
        assert response.status_code == 422, route.path
        assert response.json()["detail"].startswith("unknown parameter 'sortby'"), route.path


def test_pages_open_from_links_with_extra_parameters(client: TestClient) -> None:
    pages = [r.path for r in _get_routes(client) if not r.include_in_schema]
    assert pages == ["/", "/docs"]
    for page in pages:
        response = client.get(page, params={"utm_source": "newsletter"})
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html"), page
