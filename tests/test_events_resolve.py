"""Event location from a one-place story, and reports placed at a county joining the happening inside it."""

from __future__ import annotations

from datetime import date

from frontwatch.extract.events import context_place
from frontwatch.extract.places import extract_places
from frontwatch.model import DocEvent, Mention, PlaceRef
from frontwatch.nlp.pipeline import get_nlp
from frontwatch.resolve.dates import Interval
from frontwatch.resolve.events import Located, cluster


def test_a_one_place_story_lends_its_place_to_sentences_without_one() -> None:
    nlp = get_nlp()
    one = extract_places(nlp("Police in Toledo, Ohio, are looking for a gunman. Toledo officers said two men were "
                             "shot after a fight outside a bar in Toledo."), "d")
    assert context_place(one) is not None and context_place(one).place.name == "Toledo"  # type: ignore[union-attr]
    two = extract_places(nlp("Shelling hit Hama and Idlib overnight, and Hama hospitals filled; Idlib too."), "d")
    assert context_place(two) is None  # two places named as often: no single story place


def _place(pid: str, kind: str, lat: float, lon: float, admin1: str = "Mississippi") -> PlaceRef:
    return PlaceRef(id=pid, name=pid, lat=lat, lon=lon, country="US", admin1=admin1, kind=kind)


def _event(eid: str, doc: str, place: str, day: date, precision: str = "day") -> Located:
    mention = Mention(doc=doc, start=0, end=4, text="shot")
    event = DocEvent(id=eid, doc=doc, claim=f"c-{eid}", event_type="Violence against civilians",
                     sub_event_type="Attack", trigger=mention, place=place)
    return Located(event, Interval(day, day, precision))


def test_a_county_report_joins_the_one_town_happening_inside_it() -> None:
    places = {"county": _place("county", "county", 32.27, -89.95), "town": _place("town", "town", 32.30, -90.18),
              "far": _place("far", "town", 34.26, -88.70)}
    day = date(2015, 9, 3)
    groups = cluster([_event("a", "d1", "town", day), _event("b", "d2", "county", day)], places)
    assert len(groups) == 1
    groups = cluster([_event("a", "d1", "town", day), _event("b", "d2", "county", day),
                      _event("c", "d3", "far", day)], places)
    assert sorted(len(g) for g in groups) == [1, 2]  # a town 230 km away is not inside the county
    places["town2"] = _place("town2", "town", 32.20, -89.80)
    groups = cluster([_event("a", "d1", "town", day), _event("b", "d2", "county", day),
                      _event("c", "d3", "town2", day)], places)
    assert len(groups) == 3  # two happenings inside the county on that day: the county report joins neither
    groups = cluster([_event("a", "d1", "town", day), _event("b", "d2", "county", date(2015, 10, 1))], places)
    assert len(groups) == 2  # not the same days


def _window(eid: str, doc: str, start: date, end: date) -> Located:
    located = _event(eid, doc, "town", start)
    return Located(located.event, Interval(start, end, "week"))


def test_window_only_reports_of_one_place_merge_unless_a_dated_report_is_there() -> None:
    """Two reports of fighting at one place known only to a week are one happening; with day-precise reports at
    that place, a window joins only the one dated happening it holds (two such days: it joins neither)."""
    week = (date(2024, 11, 27), date(2024, 12, 3))
    groups = cluster([_window("a", "d1", *week), _window("b", "d2", date(2024, 11, 29), date(2024, 12, 5))])
    assert len(groups) == 1
    groups = cluster([_window("a", "d1", *week), _window("b", "d2", date(2024, 12, 20), date(2024, 12, 26))])
    assert len(groups) == 2  # windows apart: two happenings
    groups = cluster([_window("a", "d1", *week), _window("b", "d2", *week),
                      _event("c", "d3", "town", date(2024, 11, 28)), _event("d", "d4", "town", date(2024, 12, 2))])
    assert len(groups) == 4  # two dated happenings inside the windows: the windows stay apart


def test_events_sit_at_the_places_acted_on() -> None:
    """Towns naming a road's ends, an area framing a list of villages and a place another verb heads for are not
    where the event happened; the listed villages are."""
    from frontwatch.extract.document import analyse_parsed
    from frontwatch.ingest.documents import make_document
    from frontwatch.model import RawDocument

    def places(text: str) -> list[str]:
        document = make_document(RawDocument(source_id="t", text=text, outlet="Test Wire", cleaned=True))
        analysis = analyse_parsed(get_nlp()(document.text), document)
        names = {p.place.id: p.mention.text for p in analysis.places}
        return sorted(names[e.place] for e in analysis.events if e.place)

    assert places("Government troops retook two villages along the Aleppo-Latakia road in northern Idlib, "
                  "including Saraqib and Maarat al-Numan.") == ["Maarat al-Numan", "Saraqib"]
    assert places("Rebels seized the highway between Homs and Palmyra on Friday.") == []
    assert places("The army regained control of Saraqib and is advancing towards Maarat al-Numan.") == ["Saraqib"]


def test_armed_demonyms_name_the_attacking_forces_but_reporters_do_not() -> None:
    from frontwatch.extract.document import analyse_parsed
    from frontwatch.ingest.documents import make_document
    from frontwatch.model import RawDocument

    def actors(text: str) -> list[tuple[str | None, str | None]]:
        doc = make_document(RawDocument(source_id="t", text=text, outlet="Test", cleaned=True))
        return [(e.actor1, e.actor2) for e in analyse_parsed(get_nlp()(doc.text), doc).events]

    assert actors("Russian and Syrian warplanes carried out air strikes on Kafr Nabl overnight, the monitor said.") \
        == [("military-ru", None)]
    assert actors("The strikes from Syrian jets hit Ariha on Sunday.") == [("military-sy", None)]
    assert actors("The Syrian Observatory for Human Rights reported air strikes on Idlib.") == [(None, None)]


def test_a_place_in_a_clause_describing_another_place_is_a_landmark() -> None:
    from frontwatch.extract.document import analyse_parsed
    from frontwatch.ingest.documents import make_document
    from frontwatch.model import RawDocument

    text = ("Government troops recaptured the town of Tell Rifaat, which sits on the main road leading to Aleppo, "
            "state media said.")
    doc = make_document(RawDocument(source_id="t", text=text, outlet="Test", cleaned=True))
    analysis = analyse_parsed(get_nlp()(doc.text), doc)
    names = {p.place.id: p.place.name for p in analysis.places}
    assert [names.get(e.place or "") for e in analysis.events] == ["Tall Rif‘at"]
