"""Event location from a one-place story, reports placed at a county joining the happening inside it, days that
keep happenings apart, independent sources, and which tolls and control reports contradict."""

from __future__ import annotations

from datetime import date

from frontwatch.extract.events import context_place
from frontwatch.extract.places import extract_places
from frontwatch.model import (
    Claim,
    DocEvent,
    Document,
    Event,
    EventDate,
    Fatalities,
    Mention,
    PlaceRef,
    Published,
    Quantity,
)
from frontwatch.nlp.pipeline import get_nlp
from frontwatch.resolve.contradictions import control_contradictions, number_contradictions
from frontwatch.resolve.corroboration import independent_count
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


def _stated(eid: str, doc: str, day: date, stated: bool = True, sub_type: str = "Attack") -> Located:
    located = _event(eid, doc, "town", day)
    return Located(located.event.model_copy(update={"sub_event_type": sub_type}), located.interval, stated)


def test_strikes_on_different_stated_days_stay_apart_and_never_chain() -> None:
    """A town shelled every day for four days, each day reported by its own article with the day in the text, is
    four happenings, not one disputed one; a report whose day is only read a day off still joins one of them, and
    the slack never chains day after day. A change of control happens once: a day apart is a date dispute."""
    days = [date(2024, 12, d) for d in (1, 2, 3, 4)]
    groups = cluster([_stated(f"e{i}", f"d{i}", day) for i, day in enumerate(days)])
    assert len(groups) == 4
    groups = cluster([_stated(f"e{i}", f"d{i}", day, stated=False) for i, day in enumerate(days)])
    assert sorted(len(g) for g in groups) == [2, 2]  # a day's slack pairs neighbours, it does not chain all four
    groups = cluster([_stated("a", "d1", days[0]), _stated("b", "d2", days[1], stated=False)])
    assert len(groups) == 1  # a day read against an unsure date: one happening, its date disputed
    capture = "Non-state actor overtakes territory"
    groups = cluster([_stated("a", "d1", days[0], sub_type=capture), _stated("b", "d2", days[1], sub_type=capture)])
    assert len(groups) == 1


def _claim(cid: str, doc: str, speaker: str, text: str = "x", *, actor: str | None = None, start: int = 0,
           event: str | None = None, kind: str = "attack", quantities: tuple = (), places: tuple = ()) -> Claim:
    return Claim(id=cid, doc=doc, start=start, end=start + len(text), text=text, speaker=speaker,
                 speaker_actor=actor, via=(), kind=kind, stance="assert", quantities=quantities,  # type: ignore[arg-type]
                 places=places, event=event)


def _doc(did: str, outlet: str, **extra: str) -> Document:
    return Document(id=did, source_id=f"{did}.txt", outlet=outlet, title="t", text="t", published=Published(), **extra)


def test_independent_sources_count_origins_not_the_outlets_relaying_them() -> None:
    """One article quoting the army is one source, not two (the outlet relays, it does not confirm); a syndicated
    copy and a duplicate add nothing; two outlets quoting one monitor are one source; two outlets telling what
    they saw themselves are two."""
    docs = {"a": _doc("a", "Hill Post"), "b": _doc("b", "Valley Times", syndicated_from="Hill Post", duplicate_of="a"),
            "c": _doc("c", "River News"), "d": _doc("d", "Plain Courier")}
    army = [_claim("1", "a", "Hill Post"), _claim("2", "a", "the army", actor="military-xx")]
    assert independent_count(army, docs) == 1
    copied = [*army, _claim("3", "b", "Valley Times"), _claim("4", "b", "the army", actor="military-xx")]
    assert independent_count(copied, docs) == 1
    monitor = [_claim("5", "c", "the monitor", actor="sohr"), _claim("6", "d", "the war monitor", actor="sohr")]
    assert independent_count(monitor, docs) == 1
    assert independent_count([_claim("7", "c", "River News"), _claim("8", "d", "Plain Courier")], docs) == 2


def _killed(n: int, subject: str | None = "people") -> Quantity:
    return Quantity(low=n, best=n, high=n, unit="killed", approx=False, text=f"{n} {subject}", start=0, end=3,
                    subject=subject)


def test_tolls_contradict_only_about_the_same_event_or_place_and_week() -> None:
    """Death tolls from different events or places in the same week are not rival counts; two speakers' figures
    for one event are; figures with no event or place are compared with nothing; a copy is not a second voice."""
    week = {d: (date(2024, 11, 25), date(2024, 12, 1)) for d in ("a", "b", "c")}
    far_apart = [_claim("1", "a", "the monitor", event="evt-1", quantities=(_killed(12),)),
                 _claim("2", "b", "the ministry", event="evt-2", quantities=(_killed(300),)),
                 _claim("3", "c", "the governor", quantities=(_killed(40),))]
    assert number_contradictions(far_apart, week) == []
    same = [*far_apart, _claim("4", "c", "rescuers", event="evt-1", quantities=(_killed(30),))]
    [found] = number_contradictions(same, week, {"evt-1": "the market raid"})
    assert set(found.claims) == {"1", "4"} and "the market raid" in found.explanation
    sides = [_claim("5", "a", "the army", event="evt-1", quantities=(_killed(80, "militant"),))]
    assert len(number_contradictions(same + sides, week)) == 1  # 80 fighters and 12 people count different dead
    placed = [_claim("6", "a", "the mayor", places=("gn1",), quantities=(_killed(5),)),
              _claim("7", "b", "the police", places=("gn1",), quantities=(_killed(9),))]
    assert len(number_contradictions(placed, week)) == 1
    assert number_contradictions(placed, week, copies=frozenset({"b"})) == []


def _held(eid: str, sub_type: str, claims: tuple[str, ...]) -> Event:
    return Event(id=eid, event_type="Strategic developments", sub_event_type=sub_type,
                 date=EventDate(start="2024-12-02", end="2024-12-02", precision="day"), place="gn1", lat=0.0,
                 lon=0.0, geo_precision=1, actor1=None, actor2=None,
                 fatalities=Fatalities(low=None, best=None, high=None, acled=0), sources=("a",),
                 independent_sources=1, status="single_source", claims=claims, summary="s")


def test_two_readings_of_one_sentence_are_not_a_control_dispute() -> None:
    """"The army said it had won back the old citadel" read both as a capture and as a recapture gives two events
    from one sentence; that is not two sources disagreeing about who holds the place."""
    text = "The army said it had won back the old citadel."
    claims = {c.id: c for c in (_claim("1", "a", "Hill Post", text), _claim("2", "a", "the army", text))}
    events = [_held("e1", "Non-state actor overtakes territory", ("1",)),
              _held("e2", "Government regains territory", ("2",))]
    assert control_contradictions(events, claims, {"gn1": "the citadel"}) == []
    other = _claim("3", "b", "rebel spokesman", "Rebels still hold the citadel, a spokesman said.", start=100)
    claims["3"] = other
    events[0] = _held("e1", "Non-state actor overtakes territory", ("1", "3"))
    assert len(control_contradictions(events, claims, {"gn1": "the citadel"})) == 1
