"""The web UI in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright), against a real
uvicorn server over a store built from the demo corpus plus one article whose title is an XSS probe.

Without Chromium the tests skip, unless FRONTWATCH_REQUIRE_BROWSER=1 (set by .ci/run, which installs it): then
they fail, so CI can never go green without having looked at the page.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from frontwatch.analyze import analyze
from frontwatch.api.app import create_app

CHROMIUM = os.environ.get("FRONTWATCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("FRONTWATCH_ARTIFACTS", Path(__file__).resolve().parents[1] / "test-artifacts"))
HOSTILE_TITLE = "<img src=x onerror=alert(1)>"
HOSTILE_TEXT = ("Rebel fighters seized the town of Morek in Hama province on Sunday, the Syrian Observatory for Human "
                "Rights said. At least 9 soldiers were killed, the monitor added.\n")
# Our own words: a named group by its acronym, for the actor filter ("HTS" must find it).
ACRONYM_TEXT = ("HTS fighters stormed the village of Kafr Nabl in Idlib province on Monday and clashed with government "
                "troops, a local commander said. Four soldiers died in the fighting.\n")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _browser_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("FRONTWATCH_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_run, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _, out = demo_run
    work = tmp_path_factory.mktemp("web")
    db = work / "web.db"
    with sqlite3.connect(out / "store.db") as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    hostile = work / "hostile.jsonl"
    records = [{"id": "probe", "title": HOSTILE_TITLE, "outlet": "Probe Post", "published": "2024-12-01",
                "text": HOSTILE_TEXT},
               {"id": "acronym", "title": "A village stormed", "outlet": "Probe Post", "published": "2024-12-02",
                "text": ACRONYM_TEXT}]
    hostile.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = analyze([str(hostile)], db, None)
    assert not result.errors
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield base
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server: str):
    executable = _browser_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        tab = context.new_page()
        tab.problems = []  # console errors (a CSP violation shows up here), page errors, dialogs
        tab.on("console", lambda m: m.type == "error" and tab.problems.append(f"console: {m.text}"))
        tab.on("pageerror", lambda e: tab.problems.append(f"pageerror: {e}"))
        tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))
        tab.goto(server + "/")
        tab.wait_for_selector("body[data-ready]", timeout=30_000)
        yield tab
        browser.close()


def test_map_shows_event_markers_and_places(page, server: str) -> None:
    assert page.get_attribute("body", "data-ready") == "true", page.text_content("#counts")
    events = httpx.get(f"{server}/api/events", params={"limit": 1000}).json()["items"]
    located = [e for e in events if e["lat"] is not None]
    assert located
    places = page.eval_on_selector_all("path.event-marker", "ms => ms.map(m => m.dataset.places.split(' '))")
    flat = [p for marker in places for p in marker]
    assert sorted(flat) == sorted({e["place"] for e in located}), "each place in one marker, alone or in a cluster"
    counts = page.eval_on_selector_all("path.event-marker", "ms => ms.map(m => +m.dataset.count)")
    assert sum(counts) == len(located)
    assert page.locator(".place-label:not(.label-hidden)").count() > 0
    assert page.locator("path.leaflet-interactive, svg path").count() > 100, "country borders drawn"
    assert page.locator("#event-list li").count() == len(events)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-map.png"))
    assert page.problems == []


def test_event_panel_lists_claims_and_source_view_highlights_the_words(page, server: str) -> None:
    events = httpx.get(f"{server}/api/events", params={"limit": 1000}).json()["items"]
    event = max(events, key=lambda e: len(e["claims"]))
    page.click('#tabs button[data-tab="events"]')
    page.click(f'#event-list li[data-event="{event["id"]}"]')
    page.wait_for_selector("#tab-event .claim")
    assert page.locator("#tab-event .claim").count() == len(event["claims"])
    assert page.text_content("#tab-event h2") == event["summary"]
    claim = httpx.get(f"{server}/api/events/{event['id']}").json()["claim_details"][0]
    page.click(f'#tab-event .claim[data-claim="{claim["id"]}"]')
    page.wait_for_selector("#tab-source mark")
    assert page.text_content("#tab-source mark") == claim["text"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-source.png"))
    assert page.problems == []


def test_filters_and_timeline_change_what_is_shown(page) -> None:
    total = page.locator("#event-list li").count()
    page.select_option("#f-status", "single_source")
    shown = page.locator("#event-list li").count()
    assert shown < total and page.locator("#event-list .status-contested").count() == 0
    page.select_option("#f-status", "")
    page.fill("#f-date", "0")
    page.dispatch_event("#f-date", "input")
    first_day = page.text_content("#f-date-label")
    assert first_day and first_day[:2] == "20"
    assert page.locator("#event-list li").count() < total
    slider_max = page.get_attribute("#f-date", "max")
    page.fill("#f-date", slider_max)
    page.dispatch_event("#f-date", "input")
    assert page.locator("#event-list li").count() == total


def test_hostile_title_renders_as_text(page, server: str) -> None:
    documents = httpx.get(f"{server}/api/documents", params={"limit": 1000}).json()["items"]
    probe = next(d for d in documents if d["title"] == HOSTILE_TITLE)
    events = httpx.get(f"{server}/api/events", params={"limit": 1000}).json()["items"]
    event = next(e for e in events if probe["id"] in e["sources"])
    page.click('#tabs button[data-tab="events"]')
    page.click(f'#event-list li[data-event="{event["id"]}"]')
    link = page.locator("#tab-event ul a", has_text=HOSTILE_TITLE)
    link.click()
    page.wait_for_selector("#tab-source h2.doc-title")
    assert page.text_content("#tab-source h2.doc-title") == HOSTILE_TITLE
    assert page.locator("img").count() == 0
    assert page.problems == []


def test_an_event_link_opens_that_event(page, server: str) -> None:
    """The GeoJSON export's and the report's links, /#event=<id>, open the event's panel."""
    events = httpx.get(f"{server}/api/events", params={"limit": 1000}).json()["items"]
    event = events[-1]
    tab = page.context.new_page()
    tab.goto(f"{server}/#event={event['id']}")
    tab.wait_for_selector("body[data-ready]", timeout=30_000)
    tab.wait_for_selector("#tab-event h2")
    assert tab.text_content("#tab-event h2") == event["summary"]
    tab.close()


def test_report_html_shows_map_chart_and_citations_and_prints(page, demo_run) -> None:
    """report.html opened from disk as a reader would: the figures render, a citation scrolls to the claim's marked
    words, the page prints to PDF; screenshots in test-artifacts/."""
    tab = page.context.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: m.type == "error" and problems.append(m.text))
    tab.goto((demo_run[1] / "report.html").as_uri())
    assert tab.locator("svg.map circle").count() >= 8 and tab.locator("svg.chart rect").count() >= 4
    box = tab.locator("svg.map").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 150
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "report-top.png"))
    cite = tab.locator("a.cite[href^='#claim-']").first
    target = cite.get_attribute("href")
    cite.click()
    tab.wait_for_function("""() => { const a = document.querySelector(location.hash);
        const r = a && a.getBoundingClientRect(); return r && r.top >= 0 && r.top < innerHeight; }""")
    assert tab.evaluate("location.hash") == target
    landed = tab.evaluate("""() => { let n = document.querySelector(location.hash);
        while (n && n.tagName === 'A') n = n.nextElementSibling; return n && n.tagName; }""")
    assert landed == "MARK"
    tab.screenshot(path=str(ARTIFACTS / "report-citation.png"))
    pdf = tab.pdf(path=str(ARTIFACTS / "report.pdf"), format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    assert problems == []
    tab.close()


def _open(page, url: str):
    """A fresh tab of the same browser at url, ready; its problems (console errors, page errors) collected."""
    tab = page.context.new_page()
    tab.problems = []
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(f"console: {m.text}"))
    tab.on("pageerror", lambda e: tab.problems.append(f"pageerror: {e}"))
    tab.goto(url)
    tab.wait_for_selector("body[data-ready]", timeout=30_000)
    assert tab.get_attribute("body", "data-ready") == "true", tab.text_content("#counts")
    return tab


def _events(server: str) -> list[dict]:
    return httpx.get(f"{server}/api/events", params={"limit": 1000}).json()["items"]


def _shown(tab) -> set[str]:
    return set(tab.eval_on_selector_all("#event-list li", "items => items.map(i => i.dataset.event)"))


def test_events_at_one_place_are_one_marker_that_opens_a_list_on_click(page, server: str) -> None:
    events = [e for e in _events(server) if e["lat"] is not None]
    by_place: dict[str, list[dict]] = {}
    for event in events:
        by_place.setdefault(event["place"], []).append(event)
    place, crowded = max(by_place.items(), key=lambda kv: (len(kv[1]), kv[0]))
    assert len(crowded) >= 2, "the demo has places with several events"
    tab = _open(page, server + "/")
    # close enough that no neighbouring place shares its marker, then a real click at its centre
    tab.evaluate(f"() => window.frontwatch.map.setView([{crowded[0]['lat']}, {crowded[0]['lon']}], 11, "
                 "{animate: false})")
    marker = tab.locator(f'path.event-marker[data-place="{place}"]')
    assert marker.count() == 1 and marker.get_attribute("data-count") == str(len(crowded))
    box = marker.bounding_box()
    assert box
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.wait_for_selector(".group-popup")
    picks = tab.eval_on_selector_all(".group-popup button.pick", "bs => bs.map(b => b.dataset.event)")
    assert sorted(picks) == sorted(e["id"] for e in crowded)
    tab.click(f'.group-popup button.pick[data-event="{crowded[0]["id"]}"]')
    tab.wait_for_selector("#tab-event h2")
    assert tab.text_content("#tab-event h2") == crowded[0]["summary"]
    assert tab.problems == []
    tab.close()


def test_place_labels_never_overlap_at_any_zoom(page, server: str) -> None:
    tab = _open(page, server + "/")
    boxes_js = """() => [...document.querySelectorAll('.place-label:not(.label-hidden)')].map(e => {
        const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""
    hidden_at = {}
    for zoom in (4, 6, 8):
        tab.evaluate(f"() => window.frontwatch.map.setZoom({zoom}, {{animate: false}})")
        tab.wait_for_function(f"() => window.frontwatch.map.getZoom() === {zoom}")
        boxes = tab.evaluate(boxes_js)
        assert boxes, zoom
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (zoom, a, b)
        hidden_at[zoom] = tab.locator(".place-label.label-hidden").count()
    assert hidden_at[4] > 0, "zoomed out, the Hama countryside's labels would pile up"
    assert hidden_at[8] <= hidden_at[4], "zooming in shows more labels, never fewer"
    tab.close()


def test_a_selected_event_is_highlighted_and_zoomed_to(page, server: str) -> None:
    event = next(e for e in _events(server) if e["lat"] is not None and e["place"])
    tab = _open(page, server + "/")
    tab.evaluate("() => window.frontwatch.map.setZoom(4, {animate: false})")
    tab.click(f'#event-list li[data-event="{event["id"]}"]')
    tab.wait_for_selector("#tab-event h2")
    assert tab.locator("path.event-marker.selected").count() == 1
    assert event["place"] in tab.get_attribute("path.event-marker.selected", "data-places").split(" ")
    assert tab.get_attribute("path.event-marker.selected", "stroke") == "#ffd400"
    zoom, lat, lon = tab.evaluate("() => { const m = window.frontwatch.map, c = m.getCenter(); "
                                  "return [m.getZoom(), c.lat, c.lng]; }")
    assert zoom >= 8 and abs(lat - event["lat"]) < 0.01 and abs(lon - event["lon"]) < 0.01
    assert tab.locator('#event-list li.selected').get_attribute("data-event") == event["id"]
    tab.close()


def test_no_border_is_drawn_across_the_date_line(page, server: str) -> None:
    """Fiji, Chukotka and Antarctica cross ±180°: no edge of any drawn border may jump half the world."""
    tab = _open(page, server + "/")
    jumps = tab.evaluate("""() => {
        const found = [];
        const walk = (lls, name) => {
            if (!lls.length) return;
            if (Array.isArray(lls[0])) { lls.forEach(l => walk(l, name)); return; }
            for (let i = 1; i < lls.length; i++) {
                const a = lls[i - 1], b = lls[i];
                if (Math.abs(a.lng - b.lng) > 180 && Math.max(Math.abs(a.lat), Math.abs(b.lat)) < 89.9)
                    found.push([name, a.lat, a.lng, b.lat, b.lng]);
            }
            const first = lls[0], last = lls[lls.length - 1];  // Leaflet closes each ring with a straight line
            if (Math.abs(first.lng - last.lng) > 180) found.push([name, 'closing', first.lat, last.lat]);
        };
        window.frontwatch.borders.eachLayer(l => walk(l.getLatLngs(), l.feature.properties.name));
        return found; }""")
    assert jumps == []
    names = tab.evaluate("() => { const n = []; window.frontwatch.borders.eachLayer(l => n.push(l.feature.properties"
                         ".name)); return n; }")
    assert {"Fiji", "Russia", "Antarctica"} <= set(names)
    tab.evaluate("() => window.frontwatch.map.setView([-20, 0], 2, {animate: false})")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "web-world.png"))
    tab.close()


@pytest.mark.parametrize(("typed", "actor"), [("HTS", "hts"), ("hayat tahrir", "hts"),
                                               ("Syrian army", "military-sy"), ("rebels", "uag-sy"),
                                               ("russian air force", "military-ru")])
def test_the_actor_filter_finds_what_people_type(page, server: str, typed: str, actor: str) -> None:
    events = _events(server)
    wanted = {e["id"] for e in events if actor in (e["actor1"], e["actor2"])}
    assert wanted, actor
    tab = _open(page, server + "/")
    tab.fill("#f-actor", typed)
    shown = _shown(tab)
    assert wanted <= shown, (typed, wanted - shown)
    assert len(shown) < len(events), f"{typed!r} filters"
    tab.fill("#f-actor", "no such actor anywhere")
    assert _shown(tab) == set()
    tab.close()


def test_contradictions_lead_to_their_events_and_claims(page, server: str) -> None:
    contradictions = httpx.get(f"{server}/api/contradictions", params={"limit": 1000}).json()["items"]
    events = _events(server)
    con = next(c for c in contradictions if any(set(c["claims"]) & set(e["claims"]) for e in events))
    event = next(e for e in events if set(con["claims"]) & set(e["claims"]))
    tab = _open(page, server + "/")
    tab.click('#tabs button[data-tab="contradictions"]')
    item = tab.locator(f'#contradiction-list > li[data-contradiction="{con["id"]}"]')
    assert item.locator(".claim").count() == len(con["claims"])
    item.locator(f'button.to-event[data-event="{event["id"]}"]').click()
    tab.wait_for_selector("#tab-event h2")
    assert tab.text_content("#tab-event h2") == event["summary"]
    back = tab.locator(f'#tab-event a.to-contradiction[data-contradiction="{con["id"]}"]')
    back.click()
    assert tab.locator(f'#contradiction-list > li.selected[data-contradiction="{con["id"]}"]').is_visible()
    claim = con["claims"][0]
    tab.click(f'#contradiction-list > li[data-contradiction="{con["id"]}"] .claim[data-claim="{claim}"]')
    tab.wait_for_selector("#tab-source mark")
    text = httpx.get(f"{server}/api/claims", params={"limit": 1000}).json()["items"]
    assert tab.text_content("#tab-source mark") == next(c["text"] for c in text if c["id"] == claim)
    assert tab.problems == []
    tab.close()


def test_scoring_details_stay_behind_a_toggle(page, server: str) -> None:
    event = next(e for e in _events(server) if e["place"])
    detail = httpx.get(f"{server}/api/events/{event['id']}").json()
    assert detail["place_detail"]["why"], "the API keeps the scores"
    tab = _open(page, f"{server}/#event={event['id']}")
    tab.wait_for_selector("#tab-event h2")
    assert "why here" not in tab.inner_text("#tab-event")
    scores = tab.locator("#tab-event details.scores")
    assert not scores.locator("p").is_visible()
    scores.locator("summary").click()
    assert scores.locator("p").is_visible() and "why this place:" in scores.inner_text()
    tab.close()


def test_the_url_carries_the_selection_and_the_filters(page, server: str) -> None:
    events = _events(server)
    tab = _open(page, server + "/")
    tab.select_option("#f-type", "Battles")
    tab.fill("#f-actor", "rebels")
    day = tab.evaluate("() => window.frontwatch.dates[window.frontwatch.dates.length - 1]")
    index = tab.evaluate("() => window.frontwatch.dates.length - 1")
    tab.fill("#f-date", str(index))
    tab.dispatch_event("#f-date", "input")
    chosen = sorted(_shown(tab))[0]
    tab.click(f'#event-list li[data-event="{chosen}"]')
    tab.wait_for_selector("#tab-event h2")
    shown = _shown(tab)
    url = tab.url
    assert f"event={chosen}" in url and "type=Battles" in url and "actor=rebels" in url and f"date={day}" in url
    tab.close()
    shared = _open(page, url)
    shared.wait_for_selector("#tab-event h2")
    assert shared.text_content("#tab-event h2") == next(e["summary"] for e in events if e["id"] == chosen)
    assert shared.input_value("#f-type") == "Battles" and shared.input_value("#f-actor") == "rebels"
    assert shared.text_content("#f-date-label") == day
    assert _shown(shared) == shown and len(shown) < len(events)
    assert shared.problems == []
    shared.close()


def test_a_histogram_of_events_per_day_sits_under_the_slider(page, server: str) -> None:
    events = _events(server)
    tab = _open(page, server + "/")
    dates = tab.evaluate("() => window.frontwatch.dates")
    columns = tab.eval_on_selector_all("#histogram .hist-day", "cs => cs.map(c => [c.dataset.day, +c.dataset.count])")
    assert [d for d, _ in columns] == dates
    assert abs(sum(n for _, n in columns) - sum(1 for e in events if e["date"]["start"])) < 0.05
    busiest = max(columns, key=lambda c: c[1])
    height = tab.evaluate(f"""() => [...document.querySelector('#histogram .hist-day[data-day="{busiest[0]}"]')
        .children].reduce((h, p) => h + p.getBoundingClientRect().height, 0)""")
    assert height > 20
    hist = tab.locator("#histogram").bounding_box()
    slider = tab.locator("#f-date").bounding_box()
    assert hist and slider and hist["y"] + hist["height"] <= slider["y"] + 1, "above the slider's track"
    tab.click(f'#histogram .hist-day[data-day="{dates[0]}"]')
    assert tab.text_content("#f-date-label") == dates[0]
    assert tab.locator("#histogram .hist-day.current").get_attribute("data-day") == dates[0]
    tab.close()


def test_control_at_the_slider_date_is_coloured_by_controller(page, server: str) -> None:
    tab = _open(page, server + "/")
    last = tab.evaluate("() => window.frontwatch.dates[window.frontwatch.dates.length - 1]")
    items = httpx.get(f"{server}/api/control", params={"date": last}).json()["items"]
    located = [i for i in items if i["lat"] is not None]
    assert located
    tab.wait_for_function(f"() => document.querySelectorAll('path.control-marker').length === {len(located)}")
    colours = {i["controller"]: tab.get_attribute(
        f'path.control-marker[data-place="{i["place"]}"][data-controller="{i["controller"]}"]', "stroke")
        for i in located}
    names = tab.inner_text("#control-legend")
    assert all(i["controller_name"] in names for i in located)
    if len(colours) > 1:
        assert len(set(colours.values())) > 1, "controllers differ in colour"
    disputed = tab.locator("path.control-marker.status-contested, path.control-marker.status-denied")
    for n in range(disputed.count()):
        assert disputed.nth(n).get_attribute("stroke-dasharray"), "disputed control is dashed"
    tab.close()


def _circles(tab) -> list[tuple[float, float, float, str]]:
    return tab.eval_on_selector_all("path.event-marker", """ms => ms.map(m => {
        const r = m.getBoundingClientRect();
        return [r.left + r.width / 2, r.top + r.height / 2, r.width / 2, m.dataset.places]; })""")


def test_nearby_places_share_one_marker_and_no_markers_overlap_at_any_zoom(page, server: str) -> None:
    located = [e for e in _events(server) if e["lat"] is not None]
    tab = _open(page, server + "/")
    clustered_at = {}
    for zoom in (4, 5, 6, 8):
        tab.evaluate(f"() => window.frontwatch.map.setZoom({zoom}, {{animate: false}})")
        tab.wait_for_function(f"() => window.frontwatch.map.getZoom() === {zoom}")
        circles = _circles(tab)
        for i, (x1, y1, r1, p1) in enumerate(circles):
            for x2, y2, r2, p2 in circles[i + 1:]:
                assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= r1 + r2 - 1, (zoom, p1, p2)
        assert sorted(p for c in circles for p in c[3].split(" ")) == sorted({e["place"] for e in located}), zoom
        clustered_at[zoom] = sum(len(c[3].split(" ")) > 1 for c in circles)
    assert clustered_at[4] > 0, "zoomed out, the places around Hama and Idlib share markers"
    assert clustered_at[8] <= clustered_at[4], "zooming in splits clusters"
    tab.evaluate("() => window.frontwatch.map.setZoom(4, {animate: false})")
    tab.wait_for_function("() => window.frontwatch.map.getZoom() === 4")
    cluster = tab.locator("path.event-marker.event-cluster").first
    places = cluster.get_attribute("data-places").split(" ")
    box = cluster.bounding_box()
    assert box
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.wait_for_selector(".group-popup.cluster")
    picks = tab.eval_on_selector_all(".group-popup button.pick", "bs => bs.map(b => b.dataset.event)")
    assert sorted(picks) == sorted(e["id"] for e in located if e["place"] in places)
    assert tab.locator(".group-popup.cluster h3").count() == len(places), "the list is by place"
    tab.click(f'.group-popup button.pick[data-event="{picks[0]}"]')
    tab.wait_for_selector("#tab-event h2")
    assert tab.evaluate("() => window.frontwatch.selected") == picks[0]
    assert tab.problems == []
    tab.close()


def test_an_event_known_within_a_window_is_spread_over_its_days(page, server: str) -> None:
    events = _events(server)
    tab = _open(page, server + "/")
    dates = tab.evaluate("() => window.frontwatch.dates")
    windowed = [e for e in events if e["date"]["start"] and e["date"]["end"] and e["date"]["end"] > e["date"]["start"]
                and sum(e["date"]["start"] <= d <= e["date"]["end"] for d in dates) > 1]
    assert windowed, "the demo has week-precision events"
    expected = {d: 0.0 for d in dates}
    for event in events:
        start = event["date"]["start"]
        if not start:
            continue
        days = [d for d in dates if start <= d <= (event["date"]["end"] or start)] or [start]
        for day in days:
            expected[day] += 1 / len(days)
    columns = dict(tab.eval_on_selector_all("#histogram .hist-day",
                                            "cs => cs.map(c => [c.dataset.day, +c.dataset.count])"))
    assert all(abs(columns[d] - expected[d]) < 0.02 for d in dates), (columns, expected)
    first = windowed[0]["date"]["start"]
    later = [d for d in dates if first < d <= windowed[0]["date"]["end"]]
    window_parts = tab.eval_on_selector_all(
        "#histogram .hist-day", "cs => cs.map(c => [c.dataset.day, c.querySelectorAll('.hist-window').length])")
    assert all(n > 0 for d, n in window_parts if d in later), "a window's later days show its share, drawn apart"
    shares = tab.evaluate("""() => import('/static/histogram.js').then(h => {
        const counts = h.dayCounts(['2024-01-01', '2024-01-02', '2024-01-04'], [
            {event_type: 'Battles', date: {start: '2024-01-01', end: '2024-01-07'}},
            {event_type: 'Battles', date: {start: '2024-01-02', end: null}}]);
        return [...counts.entries()].map(([d, m]) => [d, m.get('Battles')]); })""")
    assert shares == [["2024-01-01", {"day": 0, "window": 1 / 3}], ["2024-01-02", {"day": 1, "window": 1 / 3}],
                      ["2024-01-04", {"day": 0, "window": 1 / 3}]]
    assert first in dates
    tab.close()
