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
    """The wire's market-raid story gives two parties' tolls in one sentence: each figure is its own speaker's, and
    the two disagree about the same raid."""
    picture = demo_run[0].picture
    kinds = {c.kind for c in picture.contradictions}
    assert {"number", "denial"} <= kinds
    claims = {c.id: c for c in picture.claims}
    [number] = [c for c in picture.contradictions if c.kind == "number"]
    said = {(claims[cid].speaker, q.best) for cid in number.claims for q in claims[cid].quantities if q.is_toll}
    assert said == {("White Helmets", 23), ("Syrian Observatory for Human Rights", 14)}
    assert {claims[cid].doc for cid in number.claims} == {docs_by_name(picture)["03_cedar_wire_toll.txt"]}


def docs_by_name(picture) -> dict[str, str]:
    return {d.source_id: d.id for d in picture.documents}


def _event_at(picture, sub_type: str, place: str):
    names = {p.id: p.name for p in picture.places}
    [event] = [e for e in picture.events if e.sub_event_type == sub_type and names.get(e.place or "") == place]
    return event


def test_independent_sources_are_origins_not_outlets_or_copies(demo_run) -> None:
    """The Idlib raid rests on the wire's own reporting and the defence ministry: its syndicated copy adds nothing.
    The Mhardeh recapture rests on one article quoting the army, and the Hama clash on two outlets quoting the same
    monitor: one source each, never "confirmed"."""
    picture = demo_run[0].picture
    names = docs_by_name(picture)
    raid = _event_at(picture, "Air/drone strike", "Idlib")
    assert names["05_mediterranean_dispatch_syndicated.txt"] in raid.sources and len(raid.sources) == 3
    assert raid.independent_sources == 2
    for sub_type, place in (("Government regains territory", "Mhardeh"), ("Armed clash", "Hama")):
        event = _event_at(picture, sub_type, place)
        assert (event.independent_sources, event.status) == (1, "single_source"), (place, event.sources)


def test_report_credits_each_toll_to_its_speaker_and_lists_a_copy_once(demo_run) -> None:
    _result, out = demo_run
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "lowest credible figure" not in report
    assert "White Helmets says 23 people were killed" in report
    assert "Syrian Observatory for Human Rights says 14 people were killed" in report
    casualties = report.split("## Casualties")[1].split("\n## ")[0]
    assert casualties.count("White Helmets: 23 killed") == 1, "the syndicated copy's figure is the original's"


def test_hedged_and_vague_figures_export_bounds_not_a_made_up_best(demo_run) -> None:
    """"at least 20 soldiers and 15 rebels": ACLED's fatalities column takes the lowest credible figure (35) and the
    best column stays empty; "tens of thousands" displaced is 20,000-99,999."""
    _result, out = demo_run
    picture = demo_run[0].picture
    clash = _event_at(picture, "Armed clash", "Hama")
    assert (clash.fatalities.low, clash.fatalities.best, clash.fatalities.acled) == (35, None, 35)
    rows = list(csv.DictReader(io.StringIO((out / "events.csv").read_text(encoding="utf-8"))))
    [row] = [r for r in rows if r["frontwatch_id"] == clash.id]
    assert (row["fatalities"], row["best"], row["low"]) == ("35", "", "35")
    displaced = [q for c in picture.claims for q in c.quantities if q.unit == "displaced" and "housands" in q.text]
    assert [(q.low, q.best, q.high) for q in displaced] == [(20000, None, 99999)]


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
