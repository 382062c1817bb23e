"""An undated report's publication window is the intersection of what it says (issue 17, item 1).

Fixtures are short articles in our own words: a dated wire story about a capture, and undated follow-ups.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from frontwatch.analyze import analyze
from frontwatch.model import Mention, Published, TimeExpr
from frontwatch.resolve.dates import resolve_in_window

WIRE = {"id": "wire", "outlet": "Wire", "published": "2024-06-02", "title": "Rebels take Saraqib",
        "text": "Rebel fighters captured the town of Saraqib on June 1, a local commander said. "
                "The army did not comment on the loss of the town."}


def _run(tmp_path: Path, undated_text: str, *others: dict) -> dict:
    records = [WIRE, *others, {"id": "later", "outlet": "Weekly", "title": "Saraqib falls", "text": undated_text}]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    picture = analyze([str(source)], tmp_path / "store.db", None).picture
    return {"docs": {d.source_id: d for d in picture.documents}, "contradictions": picture.contradictions}


def test_weekday_and_yesterday_about_a_dated_capture_pin_the_day(tmp_path: Path) -> None:
    run = _run(tmp_path, "Rebel fighters captured the town of Saraqib yesterday, residents said on Saturday. "
                         "The road south is now cut.")
    published = run["docs"]["later"].published
    assert published.basis == "inferred" and published.window is not None
    lo, hi = (date.fromisoformat(x) for x in published.window)
    assert 0 <= (hi - lo).days <= 1, "a window of one or two days"
    assert lo <= date(2024, 6, 2) <= hi
    assert '"Saturday" = 2024-06-01' in published.evidence and "dated by Wire (wire)" in published.evidence


def test_a_weekday_alone_is_bounded_by_the_capture_and_the_news_lag(tmp_path: Path) -> None:
    run = _run(tmp_path, "Rebel fighters captured the town of Saraqib on Saturday, residents said.")
    published = run["docs"]["later"].published
    assert published.window == ("2024-06-01", "2024-06-03")
    assert "published on or after 2024-06-01" in published.evidence
    assert "published within 2 days of the latest happening it tells" in published.evidence


def test_conflicting_evidence_is_a_date_contradiction_not_a_pick(tmp_path: Path) -> None:
    run = _run(tmp_path, "Rebel fighters captured the town of Saraqib on Wednesday, residents said.")
    published = run["docs"]["later"].published
    assert published.basis == "unknown" and published.window is None
    conflicts = [c for c in run["contradictions"] if c.kind == "date" and "No publication day fits" in c.explanation]
    assert len(conflicts) == 1
    assert "Wire (wire) dates non-state actor overtakes territory there 2024-06-01" in conflicts[0].explanation
    assert conflicts[0].claims


def test_last_week_puts_publication_in_the_week_after_the_capture(tmp_path: Path) -> None:
    run = _run(tmp_path, "Rebel fighters captured the town of Saraqib last week, residents said.")
    published = run["docs"]["later"].published
    assert published.window is not None
    lo, hi = (date.fromisoformat(x) for x in published.window)
    assert date(2024, 6, 3) <= lo <= hi  # 1 June is a Saturday: "last week" is told from Monday 3 June on
    assert (hi - lo).days <= 2


def test_this_week_keeps_publication_in_the_capture_s_week(tmp_path: Path) -> None:
    run = _run(tmp_path, "Rebel fighters captured the town of Saraqib earlier this week, residents said.")
    assert run["docs"]["later"].published.window == ("2024-06-01", "2024-06-02")  # Saturday and Sunday


def test_a_day_told_as_to_come_is_evidence_when_others_name_it(tmp_path: Path) -> None:
    talks = {"id": "talks", "outlet": "Wire", "published": "2024-06-09", "title": "Talks open",
             "text": "Talks between the army and the rebels opened in Damascus on Friday, a mediator said."}
    run = _run(tmp_path, "Rebel fighters captured the town of Saraqib last week. Talks with the army will open on "
                         "Friday, a commander said.", talks)
    published = run["docs"]["later"].published
    assert '"Friday" = 2024-06-07, a day named by Wire (talks)' in published.evidence
    assert published.window is not None and published.window[1] < "2024-06-07"  # told before it happened


def _weekday(day: int) -> TimeExpr:
    return TimeExpr(mention=Mention(doc="d", start=0, end=8, text="Saturday"), kind="weekday", value=str(day))


def _window(lo: str, hi: str) -> Published:
    return Published(date=lo, precision="week", basis="inferred", window=(lo, hi))


def test_a_weekday_read_against_a_window_narrows_to_the_one_matching_day() -> None:
    saturday = 5
    (interval,) = resolve_in_window((_weekday(saturday),), _window("2024-06-02", "2024-06-04"))  # Sunday-Tuesday
    assert interval is not None and (interval.start, interval.end, interval.precision) == (
        date(2024, 6, 1), date(2024, 6, 1), "day")


def test_a_weekday_the_window_straddles_keeps_its_span() -> None:
    (interval,) = resolve_in_window((_weekday(5),), _window("2024-05-31", "2024-06-02"))  # Friday-Sunday
    assert interval is not None and interval.precision == "week"
    assert (interval.start, interval.end) == (date(2024, 5, 25), date(2024, 6, 1))
