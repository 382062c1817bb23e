"""Inferred publication days kept up to date incrementally (issue 20.4, store/date_index.py): adding documents re-reads
only the undated documents whose evidence they change, and the rows and dates equal one full build's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwatch.analyze import picture_from_store, refresh_rows
from frontwatch.model import (
    DocAnalysis,
    DocClaim,
    DocEvent,
    Document,
    Mention,
    PlaceMention,
    PlaceRef,
    Published,
    TimeExpr,
)
from frontwatch.resolve import dates as dates_module
from frontwatch.store import date_index, open_store
from tests.picture_rows import ranked_rows

TOWN = PlaceRef(id="gn-dates-1", name="Tal Hamra", lat=35.1, lon=36.7, country="SY", admin1="Hama", kind="town")
VILLAGE = PlaceRef(id="gn-dates-2", name="Ain Sefra", lat=35.3, lon=36.9, country="SY", admin1="Hama",
                   kind="village")
FAR = PlaceRef(id="gn-dates-3", name="Deir Samak", lat=33.1, lon=36.1, country="SY", admin1="Daraa", kind="village")
CITY = PlaceRef(id="gn-dates-4", name="Qasr Nahr", lat=34.1, lon=38.1, country="SY", admin1="Homs", kind="city")
CAPTURE = ("Strategic developments", "Non-state actor overtakes territory")
STRIKE = ("Explosions/Remote violence", "Air/drone strike")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _report(ident: str, place: PlaceRef, sub: tuple[str, str], when: str, day: str | None = None
            ) -> tuple[Document, DocAnalysis]:
    """One document telling one happening at ``place``: ``when`` is a calendar day (YYYY-MM-DD) or a weekday's
    name; ``day`` its publication day (None: the page states none)."""
    text = f"Fighters moved on {place.name} on {when}, witnesses said."
    published = Published(date=day, precision="day", basis="metadata", evidence=f"published: {day}") if day \
        else Published()
    document = Document(id=f"doc-{ident}", source_id=f"{ident}.txt", outlet=f"Outlet {ident}", title=text[:20],
                        text=text, published=published)
    at, time_at = text.index(place.name), text.index(when)
    time = TimeExpr(mention=Mention(doc=document.id, start=time_at, end=time_at + len(when), text=when),
                    kind="weekday" if when in WEEKDAYS else "absolute",
                    value=str(WEEKDAYS.index(when)) if when in WEEKDAYS else when)
    claim = DocClaim(id=f"clm-{ident}", doc=document.id, start=0, end=len(text), text=text, speaker=None,
                     speaker_actor=None, via=(), kind="territory", stance="assert", places=(place.id,))
    event = DocEvent(id=f"dev-{ident}", doc=document.id, claim=claim.id, event_type=sub[0], sub_event_type=sub[1],
                     trigger=Mention(doc=document.id, start=0, end=9, text=text[:9]), actor1="hts", place=place.id,
                     times=(0,))
    mention = Mention(doc=document.id, start=at, end=at + len(place.name), text=place.name)
    return document, DocAnalysis(doc=document.id, stated_date=published, times=(time,), claims=(claim,),
                                 events=(event,), places=(PlaceMention(mention=mention, place=place),))


def _batches() -> list[list[tuple[Document, DocAnalysis]]]:
    return [
        # the town's capture dated Friday 1 March; an undated report of it "on Friday"; an undated far report "on
        # Sunday"; a dated report elsewhere on Sunday 3 March (the dated days span 1 to 3 March)
        [_report("t1", TOWN, CAPTURE, "2024-03-01", "2024-03-01"), _report("u1", TOWN, CAPTURE, "Friday"),
         _report("v1", VILLAGE, CAPTURE, "2024-02-29", "2024-03-01"), _report("f1", FAR, STRIKE, "Sunday"),
         _report("c1", CITY, STRIKE, "2024-03-03", "2024-03-03")],
        # an undated strike at the village "on Saturday", not dated by anyone yet; another dated report of the town
        # naming Friday 1 March
        [_report("u2", VILLAGE, STRIKE, "Saturday"), _report("t2", TOWN, CAPTURE, "2024-03-01", "2024-03-02")],
        # the village's strike dated Saturday 2 March: the undated strike is dated by it
        [_report("v2", VILLAGE, STRIKE, "2024-03-02", "2024-03-02")],
        # a report weeks later: every undated document's candidate days change
        [_report("t9", TOWN, STRIKE, "2024-04-19", "2024-04-20")],
    ]


_rows = ranked_rows


def _reread(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose first pass runs (the ids, in order)."""
    seen: list[str] = []
    real = date_index.first_pass
    monkeypatch.setattr(date_index, "first_pass", lambda doc, *rest: seen.append(doc.id) or real(doc, *rest))
    return seen


def _full_build(pairs: list[tuple[Document, DocAnalysis]], db: Path) -> tuple[dict[str, object], object]:
    """The rows and the picture of one full build over these documents."""
    with open_store(db) as store:
        for document, analysis in pairs:
            store.put(document, analysis, "v1")
        assert not refresh_rows(store)
        return _rows(store), picture_from_store(store)


def test_batches_keep_inferred_days_and_rows_as_one_full_build(spec: str, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    batches = _batches()
    reread = _reread(monkeypatch)
    ways, reads = [], []
    added: list[tuple[Document, DocAnalysis]] = []
    with open_store(spec) as store:
        for n, batch in enumerate(batches):
            for document, analysis in batch:
                store.put(document, analysis, "v1")
            added += batch
            reread.clear()
            ways.append(refresh_rows(store))
            reads.append(sorted(reread))
            rows, picture = _full_build(added, tmp_path / f"at-once-{n}.db")
            assert _rows(store) == rows, n  # after every batch, not only the last
            assert date_index.resolved_dates(store, [d.id for d, _ in added]) == \
                {d.id: d.published for d in picture.documents}, n  # type: ignore[attr-defined]
            assert picture_from_store(store) == picture, n
    assert ways == [False, True, True, True]
    published = {d.id: d.published for d in picture.documents}  # type: ignore[attr-defined]
    assert published["doc-u1"].basis == "inferred" and published["doc-u2"].basis == "inferred"
    assert published["doc-u2"].date == "2024-03-02"  # dated by the third batch's report of the strike
    assert reads[1] == ["doc-u1", "doc-u2"]  # the town's new dated day, a Friday named (u1); the new one; not f1
    assert reads[2] == ["doc-u2"]  # the village's strike dated: only the report of it
    assert reads[3] == ["doc-f1", "doc-u1", "doc-u2"]  # a day weeks later: every candidate range moves
    strikes = [e for e in picture.events if e.sub_event_type == STRIKE[1] and e.place == VILLAGE.id]  # type: ignore[attr-defined]
    assert [e.sources for e in strikes] == [("doc-u2", "doc-v2")]  # the inferred day joined the two reports


def test_inference_matches_the_functions_it_is_split_into() -> None:
    """infer_dates over everything equals the first and second passes run one document at a time."""
    pairs = [pair for batch in _batches() for pair in batch]
    documents = [d for d, _ in pairs]
    analyses = {d.id: a for d, a in pairs}
    inference = dates_module.infer_dates(documents, analyses)
    assert inference.corpus is not None
    candidates = dates_module.candidate_days(inference.corpus.anchors)
    for document in documents:
        if document.published.date:
            assert inference.published[document.id] == document.published
            continue
        first, _ = dates_module.first_pass(document, analyses[document.id], inference.corpus, candidates)
        assert inference.first[document.id] == (first or document.published)
    assert json.loads(inference.published["doc-u1"].model_dump_json())["basis"] == "inferred"
