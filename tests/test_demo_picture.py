"""What the demo corpus must show: the hard cases it was written to contain."""

from __future__ import annotations

import csv
import io
import json

from frontwatch.output.picture_json import picture_dict


def test_every_section_is_filled(demo_run) -> None:
    data = picture_dict(demo_run[0].picture)
    for section in ("documents", "places", "actors", "claims", "events", "contradictions", "timeline"):
        assert data[section], section


def test_outlets_syndication_and_dates(demo_run) -> None:
    docs = {d.source_id: d for d in demo_run[0].picture.documents}
    assert docs["01_levant_ledger_offensive.txt"].outlet == "Levant Ledger"
    assert docs["01_levant_ledger_offensive.txt"].published.date == "2024-11-28"
    assert docs["01_levant_ledger_offensive.txt"].published.basis == "stated"
    copy = docs["05_mediterranean_dispatch_syndicated.txt"]
    assert copy.syndicated_from == "Cedar Wire"
    assert copy.duplicate_of == docs["03_cedar_wire_toll.txt"].id
    assert docs["06_northern_front_suran.txt"].published.basis in {"unknown", "inferred"}
    assert "Follow" not in docs["01_levant_ledger_offensive.txt"].text


def test_two_spellings_are_one_place(demo_run) -> None:
    picture = demo_run[0].picture
    suran = [p for p in picture.places if {m.text for m in p.mentions} >= {"Suran", "Souran"}]
    assert len(suran) == 1
    assert suran[0].country == "SY" and abs(suran[0].lat - 35.29) < 0.1 and abs(suran[0].lon - 36.75) < 0.1


def test_disagreeing_tolls_and_a_denial(demo_run) -> None:
    picture = demo_run[0].picture
    kinds = {c.kind for c in picture.contradictions}
    assert {"number", "denial"} <= kinds
    claims = {c.id: c for c in picture.claims}
    number = next(c for c in picture.contradictions if c.kind == "number")
    figures = {q.best or q.low for cid in number.claims for q in claims[cid].quantities if q.unit == "killed"}
    assert {372, 400} <= figures


def test_syndicated_copy_is_not_an_independent_source(demo_run) -> None:
    picture = demo_run[0].picture
    idlib = [e for e in picture.events if e.sub_event_type == "Air/drone strike" and e.place and
             any(p.id == e.place and p.name == "Idlib" for p in picture.places)]
    assert idlib
    event = idlib[0]
    assert len(event.sources) >= 2
    assert event.independent_sources < len(event.sources) + 1


def test_exports_open_as_csv_and_geojson(demo_run) -> None:
    _result, out = demo_run
    rows = list(csv.DictReader(io.StringIO((out / "events.csv").read_text(encoding="utf-8"))))
    assert rows and {"event_date", "event_type", "sub_event_type", "latitude", "longitude", "fatalities",
                     "geo_precision", "best", "low", "high"} <= set(rows[0])
    geo = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection" and geo["features"]
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert 30 < lat < 40 and 34 < lon < 43


def test_report_cites_every_item(demo_run) -> None:
    _result, out = demo_run
    report = (out / "report.md").read_text(encoding="utf-8")
    items = [line for line in report.splitlines() if line.startswith("- ") and "## Sources" not in line]
    body = report.split("## Sources")[0]
    for line in body.splitlines():
        if line.startswith("- "):
            assert "[" in line and "]" in line, line
    assert items
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "Content-Security-Policy" in html


def test_denial_answers_the_capture_not_the_toll(demo_run) -> None:
    picture = demo_run[0].picture
    claims = {c.id: c for c in picture.claims}
    denials = [c for c in picture.claims if c.stance == "deny" and "fallen" in c.text]
    assert denials
    for denial in denials:
        target = claims[denial.denies]
        assert target.kind == "territory" and "captured" in target.text, target.text


def test_one_capture_of_aleppo_and_landmarks_are_not_event_places(demo_run) -> None:
    picture = demo_run[0].picture
    places = {p.id: p for p in picture.places}
    captures = [e for e in picture.events if e.sub_event_type == "Non-state actor overtakes territory"
                and e.place and places[e.place].name == "Aleppo"]
    assert len(captures) == 1 and len(captures[0].sources) == 2, "two undated reports of one capture, one event"
    claims = {c.id: c for c in picture.claims}
    for event in picture.events:
        if event.place and places[event.place].name == "Hama":
            assert not any("north of Hama" in claims[c].text and "Suran" in claims[c].text for c in event.claims), \
                "'the town of Suran, north of Hama' happens at Suran"
