"""REST API over a copy of the demo store (FastAPI TestClient: real app, real SQLite, in-process HTTP)."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from frontwatch.analyze import analyze
from frontwatch.api.actor_match import matching_actor_ids
from frontwatch.api.app import STATIC, create_app


def copy_store(source: Path, target: Path) -> Path:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


@pytest.fixture
def client(demo_run, tmp_path: Path) -> TestClient:
    _, out = demo_run
    db = copy_store(out / "store.db", tmp_path / "api.db")
    return TestClient(create_app(db))


def test_health_and_picture(client: TestClient, demo_run) -> None:
    result, _ = demo_run
    assert client.get("/healthz").json() == {"ok": True}
    picture = client.get("/api/picture").json()
    assert picture["schema"] == "frontwatch.picture/1"
    assert len(picture["events"]) == len(result.picture.events)


def test_events_filters_and_pages(client: TestClient, demo_run) -> None:
    result, _ = demo_run
    events = result.picture.events
    body = client.get("/api/events", params={"limit": 1000}).json()
    assert body["total"] == len(events) and len(body["items"]) == len(events)
    first = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert [e["id"] for e in first["items"]] == [e.id for e in events[1:3]]
    status = events[0].status
    by_status = client.get("/api/events", params={"status": status}).json()
    assert by_status["total"] == sum(e.status == status for e in events)
    battles = client.get("/api/events", params={"event_type": "Battles"}).json()
    assert battles["total"] == sum(e.event_type == "Battles" for e in events)
    syria = client.get("/api/events", params={"bbox": "35.5,32,42.5,37.5"}).json()
    assert syria["total"] == sum(e.lat is not None and 32 <= e.lat <= 37.5 and 35.5 <= e.lon <= 42.5 for e in events)
    assert syria["total"] > 0
    assert client.get("/api/events", params={"bbox": "-10,40,0,50"}).json()["total"] == 0
    day = next(e.date.start for e in events if e.date.start)
    dated = client.get("/api/events", params={"start": day, "end": day}).json()
    assert all(e["date"]["start"] <= day <= (e["date"]["end"] or e["date"]["start"]) for e in dated["items"])
    assert dated["total"] >= 1
    actor = next(e.actor1 for e in events if e.actor1)
    assert client.get("/api/events", params={"actor": actor}).json()["total"] >= 1


@pytest.mark.parametrize("params", [
    {"bbox": "1,2,3"}, {"bbox": "a,b,c,d"}, {"bbox": "0,50,10,40"}, {"limit": 0}, {"limit": 100000},
    {"offset": -1}, {"start": "2024-13"}, {"status": "maybe"}, {"start": "2024-12-02", "end": "2024-12-01"},
])
def test_bad_queries_are_422_with_a_message(client: TestClient, params: dict) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_event_detail_has_claims_with_source_spans(client: TestClient, demo_run) -> None:
    result, _ = demo_run
    texts = {d.id: d.text for d in result.picture.documents}
    event = max(result.picture.events, key=lambda e: len(e.claims))
    detail = client.get(f"/api/events/{event.id}").json()
    assert detail["claims"] == list(event.claims)
    assert len(detail["claim_details"]) == len(event.claims)
    for claim in detail["claim_details"]:
        source = claim["source"]
        assert texts[source["doc"]][source["start"]:source["end"]] == source["text"] == claim["text"]
    assert {d["id"] for d in detail["documents"]} == set(event.sources)
    assert client.get("/api/events/evt-nope").status_code == 404


def test_documents_places_actors_claims_contradictions(client: TestClient, demo_run) -> None:
    result, _ = demo_run
    picture = result.picture
    listing = client.get("/api/documents").json()
    assert listing["total"] == len(picture.documents)
    assert all("text" not in d for d in listing["items"])
    doc = picture.documents[0]
    detail = client.get(f"/api/documents/{doc.id}").json()
    assert detail["text"] == doc.text
    assert detail["spans"], "a demo document has highlighted spans"
    for span in detail["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(doc.text)
    assert client.get("/api/documents/doc-nope").status_code == 404
    assert client.get("/api/places").json()["total"] == len(picture.places)
    assert client.get("/api/actors").json()["total"] == len(picture.actors)
    assert client.get("/api/contradictions").json()["total"] == len(picture.contradictions)
    assert client.get("/api/timeline").json()["total"] == len(picture.timeline)
    own = client.get("/api/claims", params={"doc": doc.id}).json()
    assert own["total"] == sum(c.doc == doc.id for c in picture.claims)
    casualties = client.get("/api/claims", params={"kind": "casualties"}).json()
    assert casualties["total"] == sum(c.kind == "casualties" for c in picture.claims) > 0


ARTICLE = ("Rebel fighters captured the village of Tal Melh in Hama province on Saturday, the Syrian Observatory "
           "for Human Rights said. At least 12 soldiers were killed in the fighting, the monitor added.\n")


def test_post_document_is_analysed_stored_and_shown(client: TestClient) -> None:
    before = client.get("/api/documents").json()["total"]
    response = client.post("/api/documents", json={"text": ARTICLE, "title": "Village falls", "outlet": "Test Wire",
                                                   "published": "2024-11-30"})
    assert response.status_code == 201, response.text
    doc_id = response.json()["id"]
    assert response.json()["analysed"] is True
    assert client.get("/api/documents").json()["total"] == before + 1
    detail = client.get(f"/api/documents/{doc_id}").json()
    assert detail["published"]["date"] == "2024-11-30" and detail["outlet"] == "Test Wire"
    claims = client.get("/api/claims", params={"doc": doc_id}).json()["items"]
    assert any(c["speaker_actor"] == "sohr" for c in claims)
    again = client.post("/api/documents", json={"text": ARTICLE, "title": "Village falls", "outlet": "Test Wire",
                                                "published": "2024-11-30"})
    assert again.status_code == 201 and again.json() == {**response.json(), "analysed": False}


@pytest.mark.parametrize("body", [{}, {"title": "no text"}, {"text": ""}, {"text": "   \n "}, {"text": 5},
                                  {"text": "x", "colour": "red"},
                                  {"text": "x", "title": "t" * 5000}])
def test_post_bad_bodies_are_422(client: TestClient, body: dict) -> None:
    response = client.post("/api/documents", json=body)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_post_not_json_is_a_4xx_with_a_message(client: TestClient) -> None:
    for body in (b"\xff\xfe not json", b'{"text": "unterminated'):
        response = client.post("/api/documents", content=body, headers={"content-type": "application/json"})
        assert response.status_code in (400, 422) and response.json()["detail"]


def test_ui_is_served_with_a_strict_csp_and_no_inline_script(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.text, flags=re.S)
    assert scripts and all('src="/static/' in attrs and not body.strip() for attrs, body in scripts)
    for asset in ("app.js", "app.css", "vendor/leaflet.js", "vendor/countries-50m.json"):
        assert client.get(f"/static/{asset}").status_code == 200, asset
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui-bundle.js" in docs.text
    assert client.get("/openapi.json").json()["paths"]["/api/events"]


def test_every_answer_carries_the_security_headers(client: TestClient) -> None:
    answers = {path: client.get(path) for path in ("/", "/docs", "/healthz", "/api/events?bbox=30,30,40,40",
                                                   "/api/events/evt-nope", "/api/events?start=x", "/static/app.js")}
    answers["POST /api/documents"] = client.post("/api/documents", json={})
    assert [a.status_code for a in answers.values()] == [200, 200, 200, 200, 404, 422, 200, 422]
    for path, answer in answers.items():
        assert answer.headers["x-content-type-options"] == "nosniff", path
        assert answer.headers["x-frame-options"] == "DENY" and answer.headers["referrer-policy"] == "no-referrer"
        csp = answer.headers["content-security-policy"]
        assert ("unsafe-inline" in csp) == (path == "/docs") and "default-src 'none'" in csp, path


def test_web_code_never_puts_strings_into_html() -> None:
    code = (STATIC / "app.js").read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", code)


def test_reader_sees_a_writer_from_another_connection(client: TestClient, tmp_path: Path) -> None:
    total = client.get("/api/documents").json()["total"]
    article = tmp_path / "new.txt"
    article.write_text("Shelling hit the town of Morek on Sunday, residents said.\n", encoding="utf-8")
    analyze([str(article)], client.app.state.db, None)  # a second writer, as `frontwatch analyze --db` would be
    assert client.get("/api/documents").json()["total"] == total + 1


def wait_for_job(client: TestClient, job_id: str, seconds: float = 120.0) -> dict:
    """The job's view once it has finished (polling; the bound only stops a hung job from hanging the suite)."""
    deadline = time.monotonic() + seconds
    while True:
        view = client.get(f"/api/jobs/{job_id}").json()
        if view["status"] in ("done", "failed"):
            return view
        assert time.monotonic() < deadline, view
        time.sleep(0.05)


def test_post_url_is_a_background_job_with_the_address_guard(demo_run, tmp_path: Path, local_web) -> None:
    _, out = demo_run
    page = local_web.add("/story.html", "<html><head><title>Town shelled</title></head><body><article><p>"
                                        + ARTICLE + "</p></article></body></html>")
    guarded = TestClient(create_app(copy_store(out / "store.db", tmp_path / "g.db")))
    queued = guarded.post("/api/documents", json={"url": page})
    assert queued.status_code == 202 and queued.json()["status"] in ("queued", "running", "done", "failed")
    refused = wait_for_job(guarded, queued.json()["job"])
    assert refused["status"] == "failed" and "private or local address" in refused["errors"][0]
    assert refused["documents"] == [] and local_web.hits == []
    allowed = TestClient(create_app(copy_store(out / "store.db", tmp_path / "a.db"), allow_private=True))
    created = allowed.post("/api/documents", json={"url": page, "outlet": "Local Wire"})
    assert created.status_code == 202, created.text
    assert created.headers["location"] == f"/api/jobs/{created.json()['job']}"
    job = wait_for_job(allowed, created.json()["job"])
    assert job["status"] == "done" and job["found"] == 1 and job["analysed"] == 1 and job["errors"] == []
    detail = allowed.get(f"/api/documents/{job['documents'][0]}").json()
    assert detail["url"] == page and detail["outlet"] == "Local Wire" and "Tal Melh" in detail["text"]
    assert allowed.post("/api/documents", json={"url": "ftp://x/y"}).status_code == 422
    assert allowed.get("/api/jobs/nope").status_code == 404


def _taking_part(event: object) -> set[str]:
    return {a for a in (event.actor1, event.actor2, *event.assoc_actor_1, *event.assoc_actor_2) if a}  # type: ignore[attr-defined]


@pytest.mark.parametrize(("typed", "actor"), [
    ("Syrian army", "military-sy"), ("syrian ARMY", "military-sy"), ("SAA", "military-sy"),
    ("Assad's forces", "military-sy"), ("Military Forces of Syria", "military-sy"), ("military-sy", "military-sy"),
    ("rebels", "uag-sy"), ("gunmen", "uag-sy"), ("russian air force", "military-ru"), ("Russians", "military-ru"),
    ("Israeli army", "military-il"), ("hezb", "hezbollah"),
])
def test_actor_filter_reads_names_aliases_kinds_and_word_forms(client: TestClient, demo_run, typed: str,
                                                              actor: str) -> None:
    events = demo_run[0].picture.events
    expected = {e.id for e in events if actor in _taking_part(e)}
    body = client.get("/api/events", params={"actor": typed, "limit": 1000}).json()
    found = {e["id"] for e in body["items"]}
    assert expected and expected <= found and body["total"] == len(found), (typed, expected, found)


def test_actor_filter_leaves_out_other_actors(client: TestClient, demo_run) -> None:
    events = {e.id: e for e in demo_run[0].picture.events}
    for typed, wanted in (("russian air force", {"military-ru"}), ("Israeli army", {"military-il"}),
                          ("Assad's forces", {"military-sy"}), ("hezbollah", {"hezbollah"})):
        found = client.get("/api/events", params={"actor": typed, "limit": 1000}).json()["items"]
        assert found and all(wanted & _taking_part(events[e["id"]]) for e in found), typed
    assert client.get("/api/events", params={"actor": "Norwegian navy"}).json()["total"] == 0


def test_actor_words_resolve_to_dictionary_ids() -> None:
    assert matching_actor_ids("HTS") >= {"hts"} and matching_actor_ids("Hayat Tahrir") >= {"hts"}
    assert "hts" in matching_actor_ids("hayat tahrir al-sham") and "hts" in matching_actor_ids("Tahrir al Sham")
    assert "hts" in matching_actor_ids("rebels") and "uag-sy" in matching_actor_ids("rebels")
    syrian_army = matching_actor_ids("Syrian army")
    assert "military-sy" in syrian_army and not {"military-sd", "military-iq", "uag-sy"} & syrian_army
    assert matching_actor_ids("russian air force") >= {"military-ru"}
    assert "military-ua" not in matching_actor_ids("russian air force")
    assert "military-sy" in matching_actor_ids("Assad's forces")
    assert "uag-sy" not in matching_actor_ids("Assad's forces"), "'assad' is no form of 'assailants'"
    assert "military-iq" not in matching_actor_ids("Iranian army"), "iran/iraq share too little"
    assert matching_actor_ids("military-sy") == {"military-sy"}
    assert matching_actor_ids("%%") == {"%%"} and matching_actor_ids("  ") == frozenset()


def test_actor_filter_on_a_posted_article_before_the_rows_catch_up(client: TestClient) -> None:
    text = ("Fighters of Hayat Tahrir al-Sham attacked an army checkpoint near Saraqib on Monday and killed "
            "four soldiers, the Syrian Observatory for Human Rights said.\n")
    assert client.post("/api/documents", json={"text": text, "title": "Checkpoint attacked"}).status_code == 201
    events = client.get("/api/picture").json()["events"]
    with_hts = {e["id"] for e in events if "hts" in (e["actor1"], e["actor2"], *e["assoc_actor_1"],
                                                      *e["assoc_actor_2"])}
    assert with_hts, "the article's event names HTS"
    for typed in ("HTS", "hts", "Hayat Tahrir", "hayat tahrir al sham", "rebels"):
        found = {e["id"] for e in client.get("/api/events", params={"actor": typed, "limit": 1000}).json()["items"]}
        assert with_hts <= found, typed
