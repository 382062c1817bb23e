"""Adding documents to a store (issue 20.4): near-duplicate signatures are stored and never recomputed, the marks are
those of one pass over everything, and the picture of A then B is the picture of A and B analysed at once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontwatch import analyze as analyze_module
from frontwatch.analyze import analyze, mark_duplicates
from frontwatch.ingest.dedup import near_duplicates
from frontwatch.model import DocAnalysis, Document, Published
from frontwatch.store import open_store
from tests.postgres import pg_schema_dsn

WIRE = ("Artillery units shelled the northern districts of {town} through the night, local officials said on "
        "Tuesday, and crews were still clearing the roads by noon while families counted the damage to {n} homes "
        "near the market square and the old mill.")
OTHER = ("Negotiators from both sides met in {town} for a second round of talks on prisoner exchanges and the "
         "reopening of the river crossing, a mediator told reporters after {n} hours of meetings.")


@pytest.fixture(params=["sqlite", "postgresql"])
def spec(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    with pg_schema_dsn() as dsn:
        yield dsn


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
