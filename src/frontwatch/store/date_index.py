"""Publication dates kept up to date incrementally (issue 20.4): adding documents re-infers only the undated documents
whose evidence the new ones can change, and says which documents' dates moved, so that store/picture_index.py
re-resolves only the blocks of their reports.

An undated document's inferred day (resolve/dates.py) reads the dated documents' days (the candidate days span
them; the pick is the candidate nearest one), the days they give events at the document's own (sub-event type,
place) keys, the days they name at all (where its weekdays land), and, in a second pass, the first-pass days other
undated documents give events at its keys. The store keeps those inputs (migration 9): ``doc_dates`` (each
document's resolved date, its first-pass reading, the weekdays it names, the span within which a new dated day may
change its pick), ``date_keys`` (an undated document's keys), ``date_event_days`` (days given to events at keys:
by dated documents, and by undated ones' first pass) and ``date_named_days`` (each named day with the first
document, in (source id, id) order, that names it).

Adding documents re-reads a stored undated document's first pass when the new ones move the first or last dated day
(every undated document then), give a day to an event at one of its keys, change who names a day of a weekday it
names, or add a dated day within its pick's reach; and its second pass when another's first-pass days change at its
keys. The result is what ``infer_dates`` gives over everything (bench/check_incremental.py compares the rows).
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..model import DocAnalysis, Document, Published
from ..resolve.dates import (
    DatedEvidence,
    DateInference,
    EventDays,
    Interval,
    _Corpus,
    candidate_days,
    dated_evidence,
    first_pass,
    inferred_event_days,
    parse_day,
    second_pass,
)
from ..resolve.picture import corpus_window
from .base import LOOKUP_CHUNK

if TYPE_CHECKING:
    from .base import Store

Statements = list[tuple[str, list[tuple[object, ...]]]]
Key = tuple[str, str]


def _key(key: Key) -> str:
    return json.dumps(list(key), ensure_ascii=False)


def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


def _select_in(store: Store, sql: str, values: Iterable[Any]) -> list[tuple[Any, ...]]:
    """``sql`` with one ``IN ({})`` list, run over the values in chunks."""
    ordered = sorted(set(values))
    rows: list[tuple[Any, ...]] = []
    for at in range(0, len(ordered), LOOKUP_CHUNK):
        chunk = ordered[at:at + LOOKUP_CHUNK]
        rows += store._rows(sql.format(_marks(chunk)), chunk)
    return rows


def doc_keys(analysis: DocAnalysis) -> list[Key]:
    """The (sub-event type, place) of the document's located events: where dated reports bear on its day."""
    return sorted({(e.sub_event_type, e.place) for e in analysis.events if e.place is not None})


def weekdays(analysis: DocAnalysis) -> str:
    """The weekdays its expressions name ("0" Monday .. "6"), as one string."""
    return "".join(sorted({t.value.rstrip("!") for t in analysis.times if t.kind == "weekday"}))


def _reach(published: Published, anchors: list[date]) -> tuple[date, date] | None:
    """The days within which a new dated day may change which window day is picked (the one nearest a dated day)."""
    lo, hi, pick = (parse_day(published.window[0]) if published.window else None,
                    parse_day(published.window[1]) if published.window else None, parse_day(published.date))
    if lo is None or hi is None or pick is None or not anchors:
        return None
    at = bisect_left(anchors, pick)
    nearest = min(abs((anchors[i] - pick).days) for i in (at - 1, at) if 0 <= i < len(anchors))
    reach = timedelta(days=(hi - lo).days + nearest)  # a window day is at most this far from its nearest dated day
    return lo - reach, hi + reach


def _union(*spans: tuple[date, date] | None) -> tuple[str | None, str | None]:
    found = [s for s in spans if s is not None]
    if not found:
        return None, None
    return min(s[0] for s in found).isoformat(), max(s[1] for s in found).isoformat()


def _dump(published: Published | None) -> str | None:
    return None if published is None else published.model_dump_json()


# ------------------------------------------------------------------------------------------------ a full build

def full_statements(documents: list[Document], analyses: dict[str, DocAnalysis], inference: DateInference
                    ) -> Statements:
    """Every date row of a full build (``documents`` as stored: their own published dates)."""
    anchors = sorted(set(inference.corpus.anchors)) if inference.corpus else []
    conflicts = {c.doc for c in inference.conflicts}
    dates, keys, days, named = [], [], [], {}
    for doc in sorted(documents, key=lambda d: (d.source_id, d.id)):
        analysis = analyses.get(doc.id)
        evidence = dated_evidence(doc, analysis)
        final = inference.published[doc.id]
        first = inference.first.get(doc.id, doc.published if _undated(doc, analysis) else None)
        if evidence is not None:
            days += _evidence_rows(doc, evidence)
            for day, label in evidence.named:
                named.setdefault(day, (day.isoformat(), doc.source_id, doc.id, label))
        elif first is not None and analysis is not None:
            keys += [(_key(k), doc.id) for k in doc_keys(analysis)]
            days += _first_rows(doc, inferred_event_days(doc, analysis, first))
        dates.append(_date_row(doc, evidence, final, first, doc.id in conflicts, analysis, anchors))
    tables = ("doc_dates", "date_keys", "date_event_days", "date_named_days")
    deletes: Statements = [(f"DELETE FROM {table}", [()]) for table in tables]
    return deletes + _insert_statements(dates, keys, days, list(named.values()))


def _undated(doc: Document, analysis: DocAnalysis | None) -> bool:
    """Whether inference reads the document's day from the others (resolve.dates.infer_dates's undated ones)."""
    return not doc.published.date and analysis is not None


def _date_row(doc: Document, evidence: DatedEvidence | None, final: Published, first: Published | None,
              conflict: bool, analysis: DocAnalysis | None, anchors: list[date]) -> tuple[object, ...]:
    reach = _union(_reach(final, anchors), _reach(first, anchors) if first else None)
    return (doc.id, doc.source_id, int(evidence is not None), evidence.anchor.isoformat() if evidence else None,
            final.model_dump_json(), final.date, _dump(first), int(conflict),
            weekdays(analysis) if analysis and first is not None else "", *reach)


def _evidence_rows(doc: Document, evidence: DatedEvidence) -> list[tuple[object, ...]]:
    return [(_key(key), doc.source_id, doc.id, day.isoformat(), label, 0) for key, day, label in evidence.event_days]


def _first_rows(doc: Document, days: EventDays) -> list[tuple[object, ...]]:
    return [(_key(key), doc.source_id, doc.id, day.isoformat(), label, 1)
            for key, found in days.items() for day, label in found]


def _insert_statements(dates: list[tuple[object, ...]], keys: list[tuple[object, ...]],
                       days: list[tuple[object, ...]], named: list[tuple[object, ...]]) -> Statements:
    return [("INSERT INTO doc_dates(doc_id, source_id, dated, anchor, published, day, first_pass, conflict, weekdays,"
             " reach_lo, reach_hi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", dates),
            ("INSERT INTO date_keys(key, doc_id) VALUES (?, ?)", keys),
            ("INSERT INTO date_event_days(key, source_id, doc_id, day, label, inferred) VALUES (?, ?, ?, ?, ?, ?)",
             days),
            ("INSERT INTO date_named_days(day, source_id, doc_id, label) VALUES (?, ?, ?, ?)", named)]


# ------------------------------------------------------------------------------------------------ adding documents

@dataclass(frozen=True)
class DateUpdate:
    published: dict[str, Published]  # the resolved date of every new document and of every stored one re-read
    moved: set[str]  # stored documents whose reports change interval: their date moved, or they have no day and
    # the corpus's window moved
    window: Interval | None  # the corpus window (resolve.picture.corpus_window) after the update
    statements: Statements


def resolved_dates(store: Store, ids: Iterable[str]) -> dict[str, Published]:
    """The stored documents' publication dates as resolution read them."""
    return {r[0]: Published.model_validate_json(r[1]) for r in
            _select_in(store, "SELECT doc_id, published FROM doc_dates WHERE doc_id IN ({})", ids)}


def update(store: Store, new_docs: dict[str, Document], new_analyses: dict[str, DocAnalysis]) -> DateUpdate:
    """The dates after adding these (analysed, never resolved) documents to the stored ones."""
    return _DateUpdate(store, new_docs, new_analyses).run()


class _DateUpdate:
    def __init__(self, store: Store, new_docs: dict[str, Document], new_analyses: dict[str, DocAnalysis]) -> None:
        self.store = store
        self.new = sorted(new_docs.values(), key=lambda d: (d.source_id, d.id))
        self.analyses = dict(new_analyses)
        self.evidence = {d.id: e for d in self.new if (e := dated_evidence(d, new_analyses.get(d.id)))}

    def run(self) -> DateUpdate:
        store = self.store
        anchors = _Anchors(store, {e.anchor for e in self.evidence.values()})
        named = self._named_changes()
        if anchors.first is None:  # nothing dated: nothing inferred (every document keeps its own date)
            first = {d.id: d.published for d in self.new if d.id not in self.evidence and d.id in self.analyses}
            return self._result({d.id: d.published for d in self.new}, first, {}, set(), {}, named, anchors)
        reread = self._first_pass_targets(anchors, named)
        docs = {d.id: d for d in _stored_documents(store, reread)} | {d.id: d for d in self.new}
        self.analyses |= _stored_analyses(store, reread)
        undated = sorted((d for d in docs.values() if d.id not in self.evidence and not d.published.date
                          and d.id in self.analyses), key=lambda d: (d.source_id, d.id))
        if not undated:  # no day to infer, so none moves: nothing more to read
            return self._result({d.id: d.published for d in self.new}, {}, {}, set(), docs, named, anchors)
        named_days = self._named_days(named)
        candidates = candidate_days(anchors.ends())
        first: dict[str, Published] = {}
        conflicts: set[str] = set()
        corpus = self._corpus({k for d in undated for k in doc_keys(self.analyses[d.id])}, named_days, anchors)
        for doc in undated:
            published, conflict = first_pass(doc, self.analyses[doc.id], corpus, candidates)
            first[doc.id] = published or doc.published
            if conflict is not None:
                conflicts.add(doc.id)
        first_days = {d.id: inferred_event_days(d, self.analyses[d.id], first[d.id]) for d in undated}
        changed_keys = self._changed_keys(first_days)
        second = self._second_pass_targets(changed_keys, set(first))
        docs |= {d.id: d for d in _stored_documents(store, second)}
        self.analyses |= _stored_analyses(store, second)
        stored_first = {r[0]: (Published.model_validate_json(r[1]), bool(r[2])) for r in _select_in(
            store, "SELECT doc_id, first_pass, conflict FROM doc_dates WHERE first_pass IS NOT NULL"
                   " AND doc_id IN ({})", second)}
        for doc_id, (published, conflict) in stored_first.items():
            first[doc_id] = published
            if conflict:
                conflicts.add(doc_id)
        targets = sorted((docs[i] for i in first), key=lambda d: (d.source_id, d.id))
        corpus = self._corpus({k for d in targets for k in doc_keys(self.analyses[d.id])}, named_days, anchors)
        others = self._first_days_at(targets, first_days)
        final: dict[str, Published] = {d.id: d.published for d in self.new}
        for doc in targets:
            around = others.get(doc.id, {})
            final[doc.id] = first[doc.id] if doc.id in conflicts or not around else second_pass(
                doc, self.analyses[doc.id], first[doc.id], corpus, [around], candidates)
        return self._result(final, first, first_days, conflicts, docs, named, anchors)

    # ---- what the new documents change

    def _named_changes(self) -> dict[date, tuple[str, str, str]]:
        """The named days whose first namer (in (source id, id) order) is now a new document: day -> its row."""
        mine: dict[date, tuple[str, str, str]] = {}
        for doc in self.new:
            evidence = self.evidence.get(doc.id)
            for day, label in evidence.named if evidence else ():
                mine.setdefault(day, (doc.source_id, doc.id, label))
        held = {r[0]: (r[1], r[2]) for r in _select_in(
            self.store, "SELECT day, source_id, doc_id FROM date_named_days WHERE day IN ({})",
            [d.isoformat() for d in mine])}
        return {day: row for day, row in mine.items()
                if day.isoformat() not in held or row[:2] < held[day.isoformat()]}

    def _first_pass_targets(self, anchors: _Anchors, named: dict[date, tuple[str, str, str]]) -> set[str]:
        """The stored undated documents whose first pass the new documents can change."""
        store = self.store
        if anchors.ends_moved():  # their candidate days change
            return {r[0] for r in store._rows("SELECT doc_id FROM doc_dates WHERE first_pass IS NOT NULL", [])}
        keys = {_key(k) for e in self.evidence.values() for k, _, _ in e.event_days}
        out = {r[0] for r in _select_in(store, "SELECT doc_id FROM date_keys WHERE key IN ({})", keys)}
        for weekday in sorted({str(day.weekday()) for day in named}):
            out.update(r[0] for r in store._rows("SELECT doc_id FROM doc_dates WHERE first_pass IS NOT NULL"
                                                 " AND weekdays LIKE ?", [f"%{weekday}%"]))
        for day in anchors.added():  # an undated document has a reach (the partial index doc_dates_undated)
            out.update(r[0] for r in store._rows("SELECT doc_id FROM doc_dates WHERE first_pass IS NOT NULL"
                                                 " AND reach_lo <= ? AND reach_hi >= ?",
                                                 [day.isoformat(), day.isoformat()]))
        return out

    def _changed_keys(self, first_days: dict[str, EventDays]) -> set[str]:
        """The keys where the re-read documents' first-pass days changed."""
        old: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
        for key, doc_id, day, label in _select_in(
                self.store, "SELECT key, doc_id, day, label FROM date_event_days WHERE inferred = 1 AND doc_id IN ({})",
                first_days):
            old[doc_id].add((key, day, label))
        changed: set[str] = set()
        for doc_id, days in first_days.items():
            now = {(_key(k), d.isoformat(), label) for k, found in days.items() for d, label in found}
            changed.update(row[0] for row in now ^ old[doc_id])
        return changed

    def _second_pass_targets(self, changed_keys: set[str], done: set[str]) -> set[str]:
        rows = _select_in(self.store, "SELECT doc_id FROM date_keys WHERE key IN ({})", changed_keys)
        return {r[0] for r in rows} - done

    def _named_days(self, named: dict[date, tuple[str, str, str]]) -> dict[date, str]:
        rows = self.store._rows("SELECT day, label FROM date_named_days", [])
        out = {d: label for day, label in rows if (d := parse_day(day))}
        out.update((day, row[2]) for day, row in named.items())
        return out

    def _corpus(self, keys: set[Key], named_days: dict[date, str], anchors: _Anchors) -> _Corpus:
        """The dated evidence at these keys, in the (source id, id) order a full build reads it."""
        rows = [(r[1], r[2], r[0], r[3], r[4]) for r in _select_in(
            self.store, "SELECT key, source_id, doc_id, day, label FROM date_event_days WHERE inferred = 0"
            " AND key IN ({})", {_key(k) for k in keys})]
        wanted = {_key(k) for k in keys}
        for doc in self.new:
            evidence = self.evidence.get(doc.id)
            rows += [(doc.source_id, doc.id, _key(k), day.isoformat(), label)
                     for k, day, label in (evidence.event_days if evidence else ()) if _key(k) in wanted]
        event_days: EventDays = {}
        for _source, _doc, key, day, label in sorted(rows):
            event_days.setdefault(tuple(json.loads(key)), []).append((date.fromisoformat(day), label))  # type: ignore[arg-type]
        return _Corpus(event_days, named_days, anchors.all())

    def _first_days_at(self, targets: list[Document], first_days: dict[str, EventDays]) -> dict[str, EventDays]:
        """For each target, the first-pass days the other undated documents give events at its keys."""
        wanted = {_key(k): k for d in targets for k in doc_keys(self.analyses[d.id])}
        by_doc: dict[str, EventDays] = defaultdict(dict)
        for key, doc_id, day, label in _select_in(
                self.store, "SELECT key, doc_id, day, label FROM date_event_days WHERE inferred = 1 AND key IN ({})",
                wanted):
            if doc_id not in first_days:
                by_doc[doc_id].setdefault(wanted[key], []).append((date.fromisoformat(day), label))
        for doc_id, days in first_days.items():
            by_doc[doc_id] = {k: list(v) for k, v in days.items() if _key(k) in wanted}
        out: dict[str, EventDays] = {}
        for doc in targets:
            mine = set(doc_keys(self.analyses[doc.id]))
            around: EventDays = {}
            for other, days in by_doc.items():
                if other != doc.id:
                    for k, found in days.items():
                        if k in mine:
                            around.setdefault(k, []).extend(found)
            out[doc.id] = around
        return out

    # ---- the result

    def _result(self, final: dict[str, Published], first: dict[str, Published], first_days: dict[str, EventDays],
                conflicts: set[str], docs: dict[str, Document], named: dict[date, tuple[str, str, str]],
                anchors: _Anchors) -> DateUpdate:
        store = self.store
        windows = any(p.window for p in (*final.values(), *first.values()))  # a reach is read from the dated days
        days_of = anchors.all() if windows else []
        new_ids = {d.id for d in self.new}
        stored_ids = set(final) - new_ids
        before = resolved_dates(store, stored_ids)
        moved = {i for i in stored_ids if before.get(i) != final[i]}
        old_window, window = self._windows(final)
        if old_window != window:
            moved |= {r[0] for r in store._rows("SELECT doc_id FROM doc_dates WHERE day IS NULL", [])}
        rows, keys, days = [], [], []
        for doc_id in sorted(final):
            doc = docs.get(doc_id) or next(d for d in self.new if d.id == doc_id)
            analysis = self.analyses.get(doc_id)
            rows.append(_date_row(doc, self.evidence.get(doc_id), final[doc_id], first.get(doc_id),
                                  doc_id in conflicts, analysis, days_of))
            if doc_id in new_ids and doc_id in first and analysis is not None:
                keys += [(_key(k), doc_id) for k in doc_keys(analysis)]
        for doc in self.new:
            if doc.id in self.evidence:
                days += _evidence_rows(doc, self.evidence[doc.id])
        for doc_id, found in sorted(first_days.items()):
            days += _first_rows(docs[doc_id], found)
        statements: Statements = [
            ("DELETE FROM doc_dates WHERE doc_id = ?", [(i,) for i in sorted(stored_ids)]),
            ("DELETE FROM date_event_days WHERE inferred = 1 AND doc_id = ?",
             [(i,) for i in sorted(set(first_days) - new_ids)]),
            ("DELETE FROM date_named_days WHERE day = ?", [(d.isoformat(),) for d in sorted(named)]),
            *_insert_statements(rows, keys, days, [(d.isoformat(), *named[d]) for d in sorted(named)]),
        ]
        return DateUpdate({i: final[i] for i in sorted(set(new_ids) | moved & set(final))}, moved, window,
                          statements)

    def _windows(self, final: dict[str, Published]) -> tuple[Interval | None, Interval | None]:
        """The corpus window before and after: from the stored days, the documents re-read replaced."""
        store = self.store
        bounds: list[date] = []
        old: list[date] = []
        for order in ("ASC", "DESC"):  # one of the len(final) + 1 extreme days is not being replaced
            rows = store._rows(f"SELECT doc_id, day FROM doc_dates WHERE day IS NOT NULL ORDER BY day {order}"
                               " LIMIT ?", [len(final) + 1])
            old += [d for r in rows[:1] if (d := parse_day(r[1]))]
            bounds += [d for r in rows if r[0] not in final and (d := parse_day(r[1]))][:1]
        bounds += [d for p in final.values() if (d := parse_day(p.date))]
        return corpus_window(old), corpus_window(bounds)


class _Anchors:
    """The corpus's dated days, the stored ones and the new documents': the first and the last read by two indexed
    reads, the whole list (tens of thousands of days in a big store) only when a day is inferred."""

    def __init__(self, store: Store, new: set[date]) -> None:
        self.store = store
        self.new = new
        self.stored_ends = _stored_end("ASC", store), _stored_end("DESC", store)
        found = [d for d in (*self.stored_ends, *new) if d is not None]
        self.first, self.last = (min(found), max(found)) if found else (None, None)
        self._all: list[date] | None = None

    def ends(self) -> list[date]:
        """The first and last dated day (what resolve.dates.candidate_days reads)."""
        return [d for d in (self.first, self.last) if d is not None]

    def ends_moved(self) -> bool:
        """Whether the new days move the first or last one (or are the first dated days at all)."""
        return self.stored_ends != (self.first, self.last)

    def added(self) -> list[date]:
        """The new documents' days no stored dated document has, in order."""
        held = {r[0] for r in _select_in(self.store, "SELECT DISTINCT anchor FROM doc_dates WHERE dated = 1"
                                                     " AND anchor IN ({})", [d.isoformat() for d in self.new])}
        return sorted(d for d in self.new if d.isoformat() not in held)

    def all(self) -> list[date]:
        """Every dated day, in order."""
        if self._all is None:
            stored = (parse_day(r[0]) for r in self.store._rows("SELECT DISTINCT anchor FROM doc_dates"
                                                                 " WHERE dated = 1", []))
            self._all = sorted({d for d in stored if d is not None} | self.new)
        return self._all


def _stored_end(order: str, store: Store) -> date | None:
    """The stored dated documents' first (``ASC``) or last (``DESC``) day: one read of index doc_dates_dated_anchor."""
    rows = store._rows(f"SELECT anchor FROM doc_dates WHERE dated = 1 ORDER BY anchor {order} LIMIT 1", [])
    return parse_day(rows[0][0]) if rows else None


def _stored_documents(store: Store, ids: Iterable[str]) -> list[Document]:
    return [Document.model_validate_json(r[0]) for r in
            _select_in(store, "SELECT record FROM documents WHERE id IN ({})", ids)]


def _stored_analyses(store: Store, ids: Iterable[str]) -> dict[str, DocAnalysis]:
    return {r[0]: DocAnalysis.model_validate_json(r[1]) for r in
            _select_in(store, "SELECT doc_id, record FROM analyses WHERE doc_id IN ({})", ids)}
