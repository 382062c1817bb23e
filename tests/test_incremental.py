"""Adding documents to a store (issue 20.4): near-duplicate signatures are stored and never recomputed, the marks are
those of one pass over everything, and the picture of A then B is the picture of A and B analysed at once."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from frontwatch import analyze as analyze_module
from frontwatch.analyze import analyze, mark_duplicates, picture_from_store, refresh_rows
from frontwatch.ingest.dedup import near_duplicates
from frontwatch.model import (
    DocAnalysis,
    DocClaim,
    DocEvent,
    Document,
    Mention,
    PlaceMention,
    PlaceRef,
    Published,
    Quantity,
    TimeExpr,
)
from frontwatch.output.write import write_outputs
from frontwatch.store import Store, open_store
from tests.picture_rows import ranked_rows

WIRE = ("Artillery units shelled the northern districts of {town} through the night, local officials said on "
        "Tuesday, and crews were still clearing the roads by noon while families counted the damage to {n} homes "
        "near the market square and the old mill.")
OTHER = ("Negotiators from both sides met in {town} for a second round of talks on prisoner exchanges and the "
         "reopening of the river crossing, a mediator told reporters after {n} hours of meetings.")


def _doc(ident: str, text: str, outlet: str) -> Document:
    return Document(id=ident, source_id=f"{ident}.txt", outlet=outlet, title=text[:30], text=text,
                    published=Published(date="2023-03-07", precision="day", basis="stated", evidence="Tuesday"))


def _corpus() -> tuple[list[Document], list[Document]]:
    """Two batches: the second holds a copy of a first-batch story, a copy of its own story, and new stories."""
    first = [_doc(f"a{i}", WIRE.format(town=town, n=10 + i), f"Outlet {i}") for i, town in
             enumerate(["Kherson", "Izium", "Bakhmut"])]
    first.append(_doc("a3", OTHER.format(town="Kherson", n=6), "Outlet 3"))
    first.append(_doc("a4", WIRE.format(town="Kherson", n=10) + " More later.", "Outlet 4"))  # a copy of a0
    second = [_doc("b0", WIRE.format(town="Izium", n=11) + " Updated.", "Outlet 5"),  # a copy of a1
              _doc("b1", OTHER.format(town="Lyman", n=4), "Outlet 6"),
              _doc("b2", OTHER.format(town="Lyman", n=4) + " Reuters contributed.", "Outlet 7"),  # a copy of b1
              _doc("b3", WIRE.format(town="Vuhledar", n=3), "Outlet 8")]
    return first, second


def test_signatures_are_stored_once_and_marks_equal_one_pass_over_everything(spec: str,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _corpus()
    computed: list[int] = []
    real = analyze_module.signature
    monkeypatch.setattr(analyze_module, "signature", lambda text: computed.append(1) or real(text))
    with open_store(spec) as store:
        for document in first:
            store.put(document, DocAnalysis(doc=document.id, stated_date=document.published), "v1")
        mark_duplicates(store)
        assert len(computed) == len(first)
        for document in second:
            store.put(document, DocAnalysis(doc=document.id, stated_date=document.published), "v1")
        mark_duplicates(store)
        assert len(computed) == len(first) + len(second)  # the first batch's signatures were read, not recomputed
        mark_duplicates(store)
        assert len(computed) == len(first) + len(second)  # nothing new: nothing computed
        stored = store.documents()
    expected = near_duplicates([(d.id, d.text) for d in [*first, *second]])
    assert expected == {"a4": "a0", "b0": "a1", "b2": "b1"}  # the fixture holds the copies it means to
    assert {d.id: d.duplicate_of for d in stored if d.duplicate_of} == expected
    assert next(d for d in stored if d.id == "b0").syndicated_from == "Outlet 1"


def _jsonl(path: Path, records: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


KHERSON = ("Russian artillery shelled the southern city of Kherson on Monday morning, killing two civilians and "
           "wounding five others near the central market, regional officials said in a statement.")
STORIES = [
    ("k1", KHERSON),
    ("k2", "Ukrainian forces said Russian shelling of Kherson on Monday killed three people."),
    ("i1", "A drone strike hit a fuel depot in Izium on Sunday, the governor said; no one was hurt."),
    ("k3", KHERSON + " More soon."),  # a near-copy of k1
    ("b1", "Fighting went on near Bakhmut on Saturday as both sides claimed gains, the army said."),
    ("i2", "The governor said the drone that struck Izium on Sunday set a fuel depot ablaze."),
]


def test_analyzing_a_then_b_gives_the_picture_of_a_and_b_at_once(spec: str, tmp_path: Path) -> None:
    """A then B in the store under test; A and B at once in a SQLite file."""
    records = [{"id": ident, "text": text, "published": "2023-03-08", "outlet": f"Outlet {ident}"}
               for ident, text in STORIES]
    a = _jsonl(tmp_path / "a.jsonl", records[:3])
    b = _jsonl(tmp_path / "b.jsonl", records[3:])
    analyze([a], spec, tmp_path / "step-a")
    stepwise = analyze([b], spec, tmp_path / "step-b")
    at_once = analyze([a, b], str(tmp_path / "at-once.db"), tmp_path / "at-once")
    assert stepwise.analysed == 3 and at_once.analysed == 6
    assert (tmp_path / "step-b" / "picture.json").read_bytes() == (tmp_path / "at-once" / "picture.json").read_bytes()
    picture = json.loads((tmp_path / "at-once" / "picture.json").read_text(encoding="utf-8"))
    assert any(d["duplicate_of"] for d in picture["documents"])  # the copy in the second batch is marked


# ------------------------------------------------------------------ incremental rows (store/picture_index.py)

TOWN = PlaceRef(id="gn-test-1", name="Ţal Qarn", lat=35.1, lon=36.7, country="SY", admin1="Hama", kind="town")
VILLAGE = PlaceRef(id="gn-test-2", name="Kafr Mil", lat=35.3, lon=36.9, country="SY", admin1="Hama", kind="village")
CAPTURE = ("Strategic developments", "Non-state actor overtakes territory")


def _report_doc(ident: str, day: str, place: PlaceRef, spelling: str, killed: int | None = None,
                sub: tuple[str, str] = CAPTURE, text: str | None = None) -> tuple[Document, DocAnalysis]:
    """One document telling one happening at ``place`` on ``day`` (stated in full), in our own words."""
    text = text or (f"Rebels took {spelling} on {day}, residents said"
                    + (f"; {killed} fighters were killed." if killed else "."))
    published = Published(date=day, precision="day", basis="metadata", evidence=f"published: {day}")
    document = Document(id=f"doc-{ident}", source_id=f"{ident}.txt", outlet=f"Outlet {ident}", title=text[:20],
                        text=text, published=published)
    at = text.index(spelling)
    mention = Mention(doc=document.id, start=at, end=at + len(spelling), text=spelling)
    time_at = text.index(day)
    claim = DocClaim(id=f"clm-{ident}", doc=document.id, start=0, end=len(text), text=text, speaker=None,
                     speaker_actor=None, via=(), kind="territory", stance="assert", places=(place.id,),
                     quantities=(Quantity(low=killed, best=killed, high=killed, unit="killed", approx=False,
                                          text=str(killed), start=text.index(str(killed)),
                                          end=text.index(str(killed)) + len(str(killed))),) if killed else ())
    event = DocEvent(id=f"dev-{ident}", doc=document.id, claim=claim.id, event_type=sub[0], sub_event_type=sub[1],
                     trigger=Mention(doc=document.id, start=0, end=6, text=text[:6]), actor1="hts", place=place.id,
                     times=(0,))
    analysis = DocAnalysis(doc=document.id, stated_date=published, places=(PlaceMention(mention=mention, place=place),),
                           times=(TimeExpr(mention=Mention(doc=document.id, start=time_at, end=time_at + len(day),
                                                           text=day), kind="absolute", value=day),),
                           claims=(claim,), events=(event,))
    return document, analysis


def _batches() -> list[list[tuple[Document, DocAnalysis]]]:
    return [
        # two captures of the town two days apart: two events; one of the village
        [_report_doc("t1", "2024-03-01", TOWN, "Tal Qarn"), _report_doc("t3", "2024-03-03", TOWN, "Tal Qarn"),
         _report_doc("v1", "2024-03-01", VILLAGE, "Kafr Mil")],
        # a capture told on the day between: the two events merge (a change of control happens once)
        [_report_doc("t2", "2024-03-02", TOWN, "Tel Qarn", killed=4)],
        # a near-copy of a stored document; reports of the merged capture spelling the town "Tel Qarn" (3 to 3)
        [(lambda d, a: (d.model_copy(update={"id": "doc-t1copy", "source_id": "t1copy.txt", "outlet": "Outlet c",
                                                "text": d.text + " More soon."}),
                        a.model_copy(update={"doc": "doc-t1copy"})))(
            *_report_doc("t1copy", "2024-03-01", TOWN, "Tal Qarn")),
         _report_doc("t4", "2024-03-02", TOWN, "Tel Qarn"), _report_doc(
            "t5", "2024-03-02", TOWN, "Tel Qarn", text="Columns of armed men drove into Tel Qarn on 2024-03-02 at dawn "
            "after a night of heavy clashes along the southern road.")],
        # another month: a new stretch of the same block ("Tel Qarn" wins: a rename), an air strike at the village;
        # a clash there whose event stands between two stored ones (a seq between theirs: store/ordering.py)
        [_report_doc("t9", "2024-04-20", TOWN, "Tel Qarn"),
         _report_doc("u1", "2024-03-01", VILLAGE, "Kafr Mil", sub=("Battles", "Armed clash"),
                     text="Gunmen clashed with soldiers in Kafr Mil on 2024-03-01, residents said."),
         _report_doc("v2", "2024-03-01", VILLAGE, "Kafr Mil", sub=("Explosions/Remote violence", "Air/drone strike"),
                     text="A drone struck Kafr Mil on 2024-03-01, killing 2.", killed=2)],
    ]


def _rows(store: Store) -> dict[str, list[object]]:
    """The ranked rows, each place's mentions by document (place_mentions) and the places as find_places puts their
    mentions back."""
    return {**ranked_rows(store), "place_mentions": sorted(store._rows("SELECT * FROM place_mentions", [])),
            "found_places": list(store.find_places())}


def test_batches_update_rows_incrementally_to_what_a_full_rebuild_writes(spec: str, tmp_path: Path) -> None:
    batches = _batches()
    ways = []
    with open_store(spec) as store:
        for batch in batches:
            for document, analysis in batch:
                store.put(document, analysis, "v1")
            mark_duplicates(store)
            ways.append(refresh_rows(store))
            if len(ways) == 2:
                merged = store.find_event("evt-" + hashlib.sha256(b"dev-t3").hexdigest()[:12])
                assert merged is not None and merged.id == "evt-" + hashlib.sha256(b"dev-t1").hexdigest()[:12]
        stepwise_rows = _rows(store)
        write_outputs(picture_from_store(store), tmp_path / "stepwise")
        copies = {d.id: d.duplicate_of for d in store.documents() if d.duplicate_of}
    with open_store(tmp_path / "at-once.db") as store:
        for document, analysis in (pair for batch in batches for pair in batch):
            store.put(document, analysis, "v1")
        mark_duplicates(store)
        assert not refresh_rows(store)  # rows never written: a full build
        at_once_rows = _rows(store)
        write_outputs(picture_from_store(store), tmp_path / "at-once")
    assert ways == [False, True, True, True]  # after the first, every batch went incrementally
    assert copies == {"doc-t1copy": "doc-t1"}
    assert stepwise_rows == at_once_rows
    assert (tmp_path / "stepwise" / "picture.json").read_bytes() == (tmp_path / "at-once" / "picture.json").read_bytes()
    picture = json.loads((tmp_path / "at-once" / "picture.json").read_text(encoding="utf-8"))
    town = next(p for p in picture["places"] if p["id"] == TOWN.id)
    assert town["name"] == "Tel Qarn"  # renamed by the last batch: the events' summaries follow
    assert all(e["summary"].endswith("at Tel Qarn") for e in picture["events"] if e["place"] == TOWN.id)
    march = [e for e in picture["events"] if e["place"] == TOWN.id and e["date"]["start"].startswith("2024-03")]
    assert len(march) == 1 and len(march[0]["aliases"]) == 5  # t2 to t5 and the copy joined t1's event


def test_an_undated_document_updates_the_rows_incrementally(tmp_path: Path) -> None:
    first, second = _batches()[:2]
    document, analysis = second[0]
    undated = document.model_copy(update={"published": Published(date=None, precision="unknown", basis="unknown",
                                                                 evidence="")})
    with open_store(tmp_path / "store.db") as store:
        for pair in first:
            store.put(*pair, "v1")
        assert not refresh_rows(store)
        store.put(undated, analysis, "v1")
        assert refresh_rows(store)  # its publication day is inferred from the stored dates (store/date_index.py)
        rows = _rows(store)
    with open_store(tmp_path / "at-once.db") as store:
        for pair in [*first, (undated, analysis)]:
            store.put(*pair, "v1")
        refresh_rows(store)
        assert _rows(store) == rows


def test_a_reanalysed_document_rebuilds_the_rows_and_one_stored_again_as_it_was_does_not(spec: str,
                                                                                           tmp_path: Path) -> None:
    """What changed since the rows were written is read from a queue the store's triggers fill (migration 11)."""
    first, second = _batches()[:2]
    with open_store(spec) as store:
        for pair in first:
            store.put(*pair, "v1")
        assert not refresh_rows(store)  # rows never written: a full build
        store.put(*first[0], "v1")  # stored again, same pipeline: nothing to resolve
        assert refresh_rows(store)
        store.put(*second[0], "v1")
        assert refresh_rows(store)
        store.put(*first[1], "v2")  # analysed again by another pipeline: its events may have changed anywhere
        assert not refresh_rows(store)
        assert refresh_rows(store)  # nothing left queued
        rows = _rows(store)
    with open_store(tmp_path / "at-once.db") as store:
        for pair in [first[0], first[2], second[0]]:
            store.put(*pair, "v1")
        store.put(*first[1], "v2")
        refresh_rows(store)
        assert _rows(store) == rows
