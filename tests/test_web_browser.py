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
    record = {"id": "probe", "title": HOSTILE_TITLE, "outlet": "Probe Post", "published": "2024-12-01",
              "text": HOSTILE_TEXT}
    hostile.write_text(json.dumps(record) + "\n", encoding="utf-8")
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
    assert page.locator("path.event-marker").count() == len(located)
    assert page.locator(".leaflet-tooltip.place-label").count() > 0
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
