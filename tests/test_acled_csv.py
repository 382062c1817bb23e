"""The ACLED CSV export: columns as ACLED users load them (country names, ISO numeric, region, interaction)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import pytest

from frontwatch.extract.document import analyse_documents
from frontwatch.ingest.documents import make_document
from frontwatch.model import RawDocument
from frontwatch.output.acled_csv import events_csv, interaction
from frontwatch.output.acled_fields import civilian_targeting, crowd_size, source_scale
from frontwatch.resolve.picture import build_picture


def test_interaction_pairs_inter_codes_lowest_first() -> None:
    assert interaction(1, 2) == "12" and interaction(2, 1) == "12" and interaction(8, 1) == "18"
    assert interaction(1, None) == "10" and interaction(None, None) == ""


def test_a_sudanese_strike_on_civilians_loads_as_acled_writes_it() -> None:
    doc = make_document(RawDocument(source_id="s1", text="On 12 June 2024, RSF fighters shelled a market in El Fasher, "
                                    "killing nine civilians.", cleaned=True))
    [analysis] = analyse_documents([doc])
    picture = build_picture([doc], {doc.id: analysis})
    [row] = list(csv.DictReader(io.StringIO(events_csv(picture))))
    assert (row["country"], row["iso"], row["region"]) == ("Sudan", "729", "Northern Africa")
    assert row["actor1"] == "Rapid Support Forces" and row["inter1"] == "2"
    assert row["actor2"] == "Civilians (Sudan)" and row["interaction"] == "27"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["event_date"] == "2024-06-12" and row["fatalities"] == "9"


ACLED_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
DISORDER_TYPES = {"Political violence", "Demonstrations", "Strategic developments",
                  "Political violence; Demonstrations"}
SCALES = {"New media", "Local", "Subnational", "National", "Regional", "International", "Other"}


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_column_of_the_demo_export_is_in_its_acled_domain(demo_run) -> None:
    from frontwatch.actor_dictionary import acled_countries
    from frontwatch.output.acled_csv import COLUMNS

    text = (demo_run[1] / "events.csv").read_text(encoding="utf-8")
    rows = _rows(text)
    assert rows and list(rows[0]) == COLUMNS
    countries = {c.name: c for c in acled_countries().values()}
    events = {e.id: e for e in demo_run[0].picture.events}
    docs = {d.id: d.published.date for d in demo_run[0].picture.documents}
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)
    for row in rows:
        assert re.fullmatch(r"[A-Z]{2}FW[0-9a-f]+", row["event_id_cnty"]), row["event_id_cnty"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["event_date"]) and row["year"] == row["event_date"][:4]
        assert row["time_precision"] in {"1", "2", "3"}
        assert row["sub_event_type"] in ACLED_TYPES[row["event_type"]]
        assert row["disorder_type"] in DISORDER_TYPES
        assert (row["disorder_type"] == "Demonstrations") == (row["event_type"] in {"Protests", "Riots"})
        for side in ("1", "2"):
            assert row[f"inter{side}"] in {"", *map(str, range(1, 9))}
        assert row["interaction"] == interaction(int(row["inter1"] or 0) or None, int(row["inter2"] or 0) or None)
        assert row["civilian_targeting"] in {"", "Civilian targeting"}
        if row["event_type"] == "Violence against civilians":
            assert row["civilian_targeting"]
        if row["event_type"] in {"Battles", "Protests", "Strategic developments"}:
            assert not row["civilian_targeting"], "civilians are never a party to a battle (codebook)"
        country = countries[row["country"]]
        assert (row["iso"], row["region"]) == (str(country.iso), country.region)
        assert -90 <= float(row["latitude"]) <= 90 and -180 <= float(row["longitude"]) <= 180
        assert row["geo_precision"] in {"1", "2", "3"} and row["location"]
        assert row["admin3"] == "", "no place of the demo is a third-level division"
        event = events[row["frontwatch_id"]]
        reported = [docs[d] for d in event.sources if docs[d]]
        day = datetime.fromtimestamp(int(row["timestamp"]), tz=UTC)
        assert (day.hour, day.minute, day.second) == (0, 0, 0), "a day, not the clock"
        assert day.date().isoformat() == (max(reported) if reported else event.date.end), row["timestamp"]
        assert not row["source_scale"] or set(row["source_scale"].split("-")) <= SCALES
        assert int(row["fatalities"]) >= 0 and row["source"] and row["notes"]
        assert row["tags"] == "" or row["tags"].startswith("crowd size=")
    located = [r for r in rows if r["location"] in {"Idlib", "Hama", "Aleppo", "Mhardeh"}]
    assert located and all(r["admin1"] for r in located), "admin1 comes from the place"
    assert _rows(text) == _rows(events_csv(demo_run[0].picture)), "same picture, same rows"


def _one_row(text: str, **raw: str) -> dict[str, str]:
    doc = make_document(RawDocument(source_id="s1", text=text, cleaned=True, **raw))
    [analysis] = analyse_documents([doc])
    [row] = _rows(events_csv(build_picture([doc], {doc.id: analysis})))
    return row


def test_a_protest_carries_its_crowd_size_disorder_type_and_source_scale() -> None:
    row = _one_row("On 25 June 2024, hundreds of protesters marched through Nairobi against the finance bill, "
                   "police said.", url="https://www.nation.co.ke/news/protest", outlet="Daily Nation")
    assert (row["event_type"], row["disorder_type"]) == ("Protests", "Demonstrations")
    assert row["tags"] == "crowd size=hundreds"
    assert row["source_scale"] == "National", "a .ke outlet on a Kenyan event"
    assert row["civilian_targeting"] == ""


@pytest.mark.parametrize(("texts", "size"), [
    (["Demonstrators gathered in the square [size=around 200]."], "around 200"),
    (["Hundreds of striking workers blocked the road."], "hundreds"),
    (["About 300 demonstrators marched to parliament."], "about 300"),
    (["Students marched to parliament; 3 people were killed."], "no report"),
])
def test_crowd_size_comes_from_the_words(texts: list[str], size: str) -> None:
    assert crowd_size(texts) == size


def test_source_scale_is_relative_to_the_event_country() -> None:
    doc = make_document(RawDocument(source_id="k", text="x", url="https://www.nation.co.ke/a", outlet="Daily Nation"))
    wire = make_document(RawDocument(source_id="r", text="x", outlet="Reuters"))
    assert source_scale([doc], "KE") == "National" and source_scale([doc], "SD") == "International"
    assert source_scale([doc, wire], "KE") == "National-International"
    assert source_scale([make_document(RawDocument(source_id="u", text="x", outlet="Some Blog"))], "KE") == ""


def test_civilian_targeting_follows_the_codebook() -> None:
    assert civilian_targeting("Violence against civilians", 2, None) == "Civilian targeting"
    assert civilian_targeting("Explosions/Remote violence", 1, 7) == "Civilian targeting"
    assert civilian_targeting("Explosions/Remote violence", 1, 2) == ""
    assert civilian_targeting("Battles", 3, 7) == ""


def test_an_unlocated_event_stays_with_empty_coordinates_and_a_note(demo_run) -> None:
    picture = demo_run[0].picture
    event = next(e for e in picture.events if e.actor1 and e.actor1.endswith("-sy"))
    unlocated = event.model_copy(update={"place": None, "lat": None, "lon": None})
    changed = picture.model_copy(update={"events": (unlocated,)})
    [row] = _rows(events_csv(changed))
    assert (row["latitude"], row["longitude"], row["location"], row["geo_precision"]) == ("", "", "", "")
    assert row["country"] == "Syria" and row["where_prec"] == "6" and "No coordinates" in row["notes"]


def test_admin3_is_the_place_when_it_is_a_third_level_division(demo_run) -> None:
    picture = demo_run[0].picture
    event = next(e for e in picture.events if e.place)
    place = next(p for p in picture.places if p.id == event.place)
    subdistrict = place.model_copy(update={"kind": "admin3", "name": "Sub-district of Somewhere"})
    changed = picture.model_copy(update={"events": (event,), "places": (subdistrict,)})
    [row] = _rows(events_csv(changed))
    assert row["admin3"] == "Sub-district of Somewhere" and row["location"] == "Sub-district of Somewhere"
    [plain] = _rows(events_csv(picture.model_copy(update={"events": (event,)})))
    assert plain["admin3"] == ""


def test_timestamp_comes_from_the_reports_not_the_clock() -> None:
    undated = _one_row("Gunmen attacked a bus near Kaduna on 3 March 2024, killing four passengers.")
    dated = _one_row("Gunmen attacked a bus near Kaduna on 3 March 2024, killing four passengers.",
                     published="2024-03-05")
    assert undated["timestamp"] == "1709424000", "the event's day, 2024-03-03 00:00 UTC"
    assert dated["timestamp"] == "1709596800", "the report's day, 2024-03-05 00:00 UTC"
