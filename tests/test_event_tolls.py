"""An event's toll comes from its reports (issue 17.2): every report's killed and wounded, the lowest credible
figure for ACLED, a report's figure told apart from its event sentence, a happening told twice in one report."""

from __future__ import annotations

from datetime import date

from frontwatch.extract.document import analyse_documents
from frontwatch.ingest.documents import make_document
from frontwatch.model import Claim, DocEvent, Event, EventDate, Fatalities, Mention, Quantity, RawDocument
from frontwatch.resolve.dates import Interval
from frontwatch.resolve.events import Located, cluster
from frontwatch.resolve.picture import build_picture, report_joins
from frontwatch.resolve.tolls import event_toll


def _claim(cid: str, doc: str, *figures: tuple[str, int | None, int | None], stance: str = "assert") -> Claim:
    quantities = tuple(Quantity(low=low, best=best, high=best, unit=unit, approx=best is None, text="n", start=0,
                                end=1) for unit, low, best in figures)
    return Claim(id=cid, doc=doc, start=0, end=1, text="t", speaker=None, speaker_actor=None, via=(),
                 kind="casualties", stance=stance, quantities=quantities, places=(), event=None)  # type: ignore[arg-type]


def test_the_toll_spans_every_report_and_acled_takes_the_lowest_credible() -> None:
    claims = [
        _claim("c1", "early", ("killed", 2, 2), ("wounded", 5, 5)),
        _claim("c2", "early", ("killed", 3, 3)),  # the same report's later figure updates its first
        _claim("c3", "late", ("killed", 4, 4)),
        _claim("c4", "hedged", ("killed", 1, None)),  # "at least one": a bound, never a best
        _claim("c5", "denier", ("killed", 40, 40), stance="deny"),
    ]
    killed = event_toll(claims, "killed")
    assert (killed.low, killed.best, killed.high, killed.acled) == (1, 4, 4, 1)
    wounded = event_toll(claims, "wounded")
    assert (wounded.low, wounded.best, wounded.high, wounded.acled) == (5, 5, 5, 5)
    bounds = event_toll([_claim("c", "d", ("killed", 35, None), ("killed", 20, None))], "killed")  # its first count
    assert (bounds.low, bounds.best, bounds.acled) == (35, None, 35)
    none = event_toll([_claim("c", "d")], "killed")
    assert (none.low, none.best, none.high, none.acled) == (None, None, None, 0)


def test_a_reports_later_smaller_figure_is_one_victim_told_again() -> None:
    """"Four people were killed ... The woman was pronounced dead at the clinic": the report's toll stays four."""
    claims = [_claim("c1", "report", ("killed", 4, 4), ("wounded", 2, 2)), _claim("c2", "report", ("killed", 1, 1)),
              _claim("c3", "report", ("wounded", 1, 1))]
    killed, wounded = event_toll(claims, "killed"), event_toll(claims, "wounded")
    assert (killed.low, killed.best, killed.high, killed.acled) == (4, 4, 4, 4)
    assert (wounded.best, wounded.acled) == (2, 2)


def test_a_reports_figure_in_another_paragraph_reaches_its_event() -> None:
    texts = {
        "first": "Gunmen opened fire outside a bar in Toledo, Ohio, on Saturday night, police said.\n\n"
                 "Three people died at the scene and two others were wounded.",
        "second": "A shooting outside a Toledo, Ohio, bar on Saturday night left two people dead, police said.",
    }
    docs = [make_document(RawDocument(source_id=k, text=v, published="2021-05-10")) for k, v in texts.items()]
    picture = build_picture(docs, {a.doc: a for a in analyse_documents(docs)})
    [event] = [e for e in picture.events if e.sub_event_type == "Attack"]
    assert len(event.sources) == 2
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high, event.fatalities.acled) == (2, 3, 3, 2)
    assert event.wounded.best == 2
    toll = next(c for c in picture.claims if c.text.startswith("Three people died"))
    assert toll.event == event.id


def _telling(eid: str, doc: str, interval: Interval, actor1: str | None = None) -> Located:
    event = DocEvent(id=eid, doc=doc, claim=f"c-{eid}", event_type="Violence against civilians",
                     sub_event_type="Attack", trigger=Mention(doc=doc, start=0, end=4, text="shot"), place="town",
                     actor1=actor1)
    return Located(event, interval)


def test_a_happening_told_twice_in_one_report_is_one_event_beside_other_reports_of_that_week() -> None:
    """A report tells its shooting once with its day and once without; two other shootings in that town that week
    (other reports) no longer keep its two tellings apart."""
    week = Interval(date(2021, 5, 4), date(2021, 5, 10), "week")
    dated = [_telling("a", "d1", Interval(date(2021, 5, 8), date(2021, 5, 8), "day")),
             _telling("x", "d2", Interval(date(2021, 5, 5), date(2021, 5, 5), "day")),
             _telling("y", "d3", Interval(date(2021, 5, 10), date(2021, 5, 10), "day"))]
    groups = cluster([*dated, _telling("b", "d1", week)])
    assert sorted(sorted(x.event.id for x in g) for g in groups) == [["a", "b"], ["x"], ["y"]]
    # other doers named: not the same happening
    groups = cluster([_telling("a", "d1", dated[0].interval, "gang-a"), *dated[1:],  # type: ignore[arg-type]
                      _telling("b", "d1", week, "gang-b")])
    assert len(groups) == 4

def _event(eid: str, sub_event_type: str, *claims: str, place: str = "town") -> Event:
    none = Fatalities(low=None, best=None, high=None, acled=0)
    return Event(id=eid, event_type="Violence against civilians", sub_event_type=sub_event_type,
                 date=EventDate(start="2021-05-08", end="2021-05-08", precision="day"), place=place, lat=None,
                 lon=None, geo_precision=1, actor1=None, actor2=None, fatalities=none, sources=("d",),
                 independent_sources=1, status="single_source", claims=claims, summary="s")


def test_a_reports_count_told_with_its_arrest_reaches_the_shooting_it_is_mainly_about() -> None:
    """"Police arrested a man over the shooting that left two dead": the count sits in the arrest's sentence; the
    shooting, which holds most of the report's sentences and none of its counts, takes it too."""
    claims = [_claim("a1", "d"), _claim("a2", "d"), _claim("a3", "d"), _claim("r1", "d", ("killed", 2, 2))]
    where = {c.id: (c.doc, i) for i, c in enumerate(claims)}
    events = [_event("shooting", "Attack", "a1", "a2", "a3"), _event("arrest", "Arrests", "r1")]
    assert dict(report_joins(events, claims, where)) == {"shooting": ["r1"]}
    # a shooting that already holds a count of the report keeps its own figure
    claims.append(_claim("a4", "d", ("killed", 3, 3)))
    where["a4"] = ("d", 4)
    events[0] = _event("shooting", "Attack", "a1", "a2", "a3", "a4")
    assert dict(report_joins(events, claims, where)) == {}
