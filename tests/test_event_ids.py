"""Event ids last: a report joining an event leaves its id alone; merged events keep the older id, and the other
id still answers. Articles written for this test."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from fastapi.testclient import TestClient

from frontwatch.analyze import analyze
from frontwatch.api.app import create_app
from frontwatch.model import DocEvent, Mention
from frontwatch.resolve.identity import report_event_id, stable_identity

FIRST = {"id": "first", "outlet": "Levant Ledger", "published": "2024-05-04", "title": "Shelling in Saraqib",
         "text": "Rebel fighters shelled the town of Saraqib in Idlib province on Friday, killing two civilians, "
                 "a local monitor said."}
LATER = {"id": "later", "outlet": "Orontes Daily", "published": "2024-05-04", "title": "Two dead in Saraqib",
         "text": "Two civilians died when rebels shelled Saraqib in Idlib province on Friday, medics told reporters."}


def _jsonl(tmp_path: Path, record: dict) -> str:
    path = tmp_path / f"{record['id']}.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return str(path)


def _report(ident: str, doc: str) -> DocEvent:
    return DocEvent(id=ident, doc=doc, claim=f"claim-{ident}", event_type="Explosions/Remote violence",
                    sub_event_type="Shelling/artillery/missile attack", trigger=Mention(doc=doc, start=0, end=7,
                                                                                        text="shelled"))


def test_the_oldest_report_names_the_event_and_the_others_become_aliases() -> None:
    old, new, newer = _report("r-9", "doc-a"), _report("r-1", "doc-b"), _report("r-5", "doc-c")
    order = {"doc-a": 0, "doc-b": 1, "doc-c": 2}  # first stored first, whatever the report ids say
    alone = stable_identity([old], order)
    assert alone == (report_event_id("r-9"), ())
    assert alone[0] == "evt-" + hashlib.sha256(b"r-9").hexdigest()[:12]  # one report: the id it always had
    assert stable_identity([new, old], order)[0] == alone[0]  # a later report joins: the id stays
    merged, aliases = stable_identity([newer, new, old], order)  # two events merge: the older id survives
    assert merged == alone[0]
    assert aliases == tuple(sorted([report_event_id("r-1"), report_event_id("r-5")]))


def test_a_report_joining_an_event_keeps_its_id_and_its_own_id_still_answers(tmp_path: Path) -> None:
    first, later = _jsonl(tmp_path, FIRST), _jsonl(tmp_path, LATER)
    [own] = analyze([later], tmp_path / "later-alone.db", None).picture.events
    [before] = analyze([first], tmp_path / "s.db", None).picture.events
    [after] = analyze([later], tmp_path / "s.db", None).picture.events
    assert len(after.sources) == 2, "the two reports are one event"
    assert after.id == before.id and own.id in after.aliases
    client = TestClient(create_app(tmp_path / "s.db"))
    for ident in (before.id, own.id):
        response = client.get(f"/api/events/{ident}")
        assert response.status_code == 200 and response.json()["id"] == before.id


def test_a_report_stored_later_keeps_the_event_id_whatever_its_source_id(tmp_path: Path) -> None:
    """The oldest report is the first stored, not the one whose file name sorts first."""
    first = _jsonl(tmp_path, {**FIRST, "id": "zz-first"})
    later = _jsonl(tmp_path, {**LATER, "id": "aa-later"})
    [before] = analyze([first], tmp_path / "s.db", None).picture.events
    [after] = analyze([later], tmp_path / "s.db", None).picture.events
    assert len(after.sources) == 2 and after.id == before.id
