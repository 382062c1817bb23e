"""The picture's rows kept up to date incrementally (issue 20.4): adding documents re-resolves only the stretches of
the blocks (sub-event type x place) their reports fall in, and rewrites only the rows that change.

Beside the event and place rows, the store keeps how each event was made (migration 7): its reports with their
block and interval (``event_reports``), the claims its reports linked and those that joined it (``event_claims``),
what orders it (``event_keys``), each place's counted spellings (``place_forms``), and which documents the rows
reflect (``resolved_documents``). Adding documents then:

1. finds the *islands* their reports touch: within a block, reports whose intervals lie within ``ISLAND_GAP_DAYS``
   of each other (clustering never joins reports further apart: resolve.events), plus a document's loose reports
   (week or month windows) in that block, which clustering keeps together. A block's stored reports are read by
   date range around the island, widened until it closes (``_Stretch``), not whole;
2. re-clusters the reports of those islands from their documents' analyses and makes their events with the same
   code as a full build (resolve.picture.make_event), replacing the events those reports made before;
3. re-joins report counts (resolve.picture.report_joins) for every document of those islands, against the events
   holding its claims (stored ones included), and rewrites a stored event whose joined counts changed;
4. adds the new mentions to their places (a row per place and document, ``place_mentions``: the place's row is
   rewritten without reading its stored mentions); a place whose display name changes renames its events'
   summaries;
5. gives the new events and places a ``seq`` between their neighbours' (store/ordering.py: ``seq`` is an ordering
   key with gaps), renumbering only a window of neighbours when a gap runs out.

Publication days are brought up to date first (store/date_index.py): the undated documents whose inferred day the
new documents can change are read again, and a stored document whose day moved (or that has no day, when the
corpus's window moved) has its reports re-resolved as if new: the stretches its old reports were in and those its
new intervals fall in.

Anything else corpus-wide falls back to a full rebuild: a report placed at a county (it joins a town in its region),
a report with no interval (no day known anywhere), a place whose gazetteer entry differs from the stored one, a
re-analysed or removed document, another resolver, or rows never written.
The result is the rows a full rebuild writes, in the same order, ``seq`` values aside (a full build numbers its rows
``i * ordering.GAP``; bench/check_incremental.py and tests/test_incremental.py compare each row's rank).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import PIPELINE_VERSION
from ..extract.places import base_place
from ..model import Claim, DocAnalysis, Document, Event, Mention, Place, PlaceRef
from ..resolve.dates import Interval, parse_day
from ..resolve.events import Located, cluster
from ..resolve.picture import (
    EventContext,
    EventEntry,
    ReportEntry,
    Resolution,
    _follow_ups,
    claim_links,
    cut_claims,
    doc_claims,
    doc_reports,
    event_order,
    event_summary,
    make_event,
    name_from_forms,
    place_forms,
    report_entry,
    report_joins,
    resolve_picture,
    with_joins,
)
from ..resolve.tolls import event_toll
from . import date_index, ordering
from .base import LOOKUP_CHUNK
from .date_index import DateUpdate, resolved_dates
from .picture_tables import EVENT_COLUMNS, PLACE_COLUMNS, event_row, mention_rows, place_row

if TYPE_CHECKING:
    from .base import Store

ISLAND_GAP_DAYS = 3  # > DATE_SLACK_DAYS (1) and the 2 days a loose report looks back (resolve.events.cluster)
KNOWN_BASES = {"stated", "metadata"}
Told = tuple[str, str, int, int]


def rows_version(store: Store) -> str | None:
    """The resolver version that wrote the store's event rows, None before any were written."""
    state = store._rows("SELECT version FROM resolver_state WHERE id = 1", [])
    return state[0][0] if state else None


def resolver_version() -> str:
    """The pipeline version and the resolution code: rows written by other code are rebuilt whole."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    here = Path(__file__).parent
    for path in [*sorted((here.parent / "resolve").glob("*.py")),
                 *(here / name for name in ("picture_index.py", "date_index.py", "ordering.py"))]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Rebuild(Exception):
    """The change reaches past what the incremental update handles: rebuild the rows whole."""


def refresh_rows(store: Store, generation: int) -> bool:
    """Bring the picture rows up to the store's documents; True when done incrementally, False when rebuilt."""
    try:
        if incremental(store, generation):
            return True
    except Rebuild:
        pass
    write_full(store, generation)
    return False


def write_full(store: Store, generation: int) -> Resolution:
    """Resolve everything stored and replace every row (events, aliases, places and the index)."""
    documents = store.documents()
    analyses = store.analyses()
    resolution = resolve_picture(documents, analyses)
    dates = date_index.full_statements(documents, analyses, resolution.dates)
    resolved = sorted(analyses)
    del analyses  # the largest input (every analysis as records): its memory goes back before the rows are built
    store.save_picture(resolution.picture, generation)
    versions = dict(store._rows("SELECT doc_id, pipeline_version FROM analyses", []))
    statements: list[tuple[str, list[tuple[object, ...]]]] = [
        (f"DELETE FROM {table}", [()]) for table in
        ("resolved_documents", "event_reports", "event_claims", "event_keys", "place_forms")]
    statements += [
        ("INSERT INTO resolved_documents(doc_id, pipeline_version, dated) VALUES (?, ?, ?)",
         [(d.id, versions[d.id], int(_dated(d))) for d in documents if d.id in versions]),
        *_index_statements(resolution.events),
        ("INSERT INTO place_forms(place_id, forms, first_doc) VALUES (?, ?, ?)",
         [(pid, json.dumps(forms, ensure_ascii=False), json.dumps(list(resolution.place_first[pid])))
          for pid, forms in resolution.place_forms.items()]),
        *dates,
        ("UPDATE resolver_state SET version = ? WHERE id = 1", [(resolver_version(),)]),
        ("DELETE FROM unresolved_analyses WHERE doc_id = ?", [(doc_id,) for doc_id in resolved]),
    ]
    store._write(statements)
    return resolution


def _dated(document: Document) -> bool:
    return bool(document.published.date) and document.published.basis in KNOWN_BASES


def _index_statements(entries: Iterable[EventEntry]) -> list[tuple[str, list[tuple[object, ...]]]]:
    reports, claims, keys = [], [], []
    for entry in entries:
        event = entry.event
        for r in entry.reports:
            interval = r.interval
            reports.append((r.id, r.doc, event.id, json.dumps(list(r.block), ensure_ascii=False),
                            json.dumps(list(r.region), ensure_ascii=False) if r.region else None, int(r.county),
                            interval.start.isoformat() if interval else None,
                            interval.end.isoformat() if interval else None, interval.precision if interval else None))
        linked = set(entry.linked)
        claims += [(event.id, cid, doc, start, int(cid not in linked)) for cid, (doc, start) in entry.where.items()]
        keys.append((event.id, event.place, json.dumps([*event_order(event, entry.told)[:1], *entry.told],
                                                       ensure_ascii=False), _rank(event, entry.told)))
    return [("INSERT INTO event_reports(report_id, doc_id, event_id, block, region, county, first_day, last_day,"
             " precision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", reports),
            ("INSERT INTO event_claims(event_id, claim_id, doc_id, start, joined) VALUES (?, ?, ?, ?, ?)", claims),
            ("INSERT INTO event_keys(event_id, place, sort_key, rank_key) VALUES (?, ?, ?, ?)", keys)]


def _rank(event: Event, told: Told) -> str:
    """The event's place in the picture's order (resolve.picture.event_order) as text ordered by code point."""
    day, (source_id, doc_id, trigger_at, named_at), event_id = event_order(event, told)
    return ordering.rank_key([day, source_id, doc_id, trigger_at, named_at, event_id])


# ------------------------------------------------------------------------------------------------ reading helpers

def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


def _select_in(store: Store, sql: str, values: Iterable[Any], before: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """``sql`` with one ``IN ({})`` list, run over the values in chunks."""
    values = sorted(set(values))
    rows: list[tuple[Any, ...]] = []
    for at in range(0, len(values), LOOKUP_CHUNK):
        chunk = values[at:at + LOOKUP_CHUNK]
        rows += store._rows(sql.format(_marks(chunk)), [*(before or []), *chunk])
    return rows


def _documents(store: Store, ids: Iterable[str]) -> dict[str, Document]:
    return {d.id: d for d in (Document.model_validate_json(r[0]) for r in
                              _select_in(store, "SELECT record FROM documents WHERE id IN ({})", ids))}


def _stored_order(store: Store, ids: Iterable[str]) -> dict[str, int]:
    """Each document's place in store order (its seq), which names an event after its oldest report."""
    return {r[0]: r[1] for r in _select_in(store, "SELECT id, seq FROM documents WHERE id IN ({})", ids)}


def _analyses(store: Store, ids: Iterable[str]) -> dict[str, DocAnalysis]:
    return {r[0]: DocAnalysis.model_validate_json(r[1]) for r in
            _select_in(store, "SELECT doc_id, record FROM analyses WHERE doc_id IN ({})", ids)}


def _events(store: Store, ids: Iterable[str]) -> dict[str, Event]:
    return {e.id: e for e in (Event.model_validate_json(r[0]) for r in
                              _select_in(store, "SELECT record FROM events WHERE id IN ({})", ids))}


# ------------------------------------------------------------------------------------------------ the update

def incremental(store: Store, generation: int) -> bool:
    """Update the rows for the documents added since they were written; False when they need a full rebuild
    (raises Rebuild when that shows only midway, before anything is written)."""
    if store.picture_generation() is None:
        return False
    if rows_version(store) != resolver_version():
        return False
    # the analyses stored, replaced or removed since the rows were written (migration 11's triggers queue them)
    queued = store._rows("SELECT q.doc_id, a.pipeline_version, r.pipeline_version FROM unresolved_analyses q"
                         " LEFT JOIN analyses a ON a.doc_id = q.doc_id"
                         " LEFT JOIN resolved_documents r ON r.doc_id = q.doc_id", [])
    if any(resolved is not None and now != resolved for _, now, resolved in queued):
        return False  # re-analysed or removed documents
    versions = {doc_id: now for doc_id, now, resolved in queued if resolved is None and now is not None}
    new_ids = sorted(versions)
    dequeue = ("DELETE FROM unresolved_analyses WHERE doc_id = ?", [(r[0],) for r in sorted(queued)])
    if not new_ids:
        store._write([("UPDATE picture_state SET generation = ? WHERE id = 1", [(generation,)]), dequeue])
        return True
    new_docs = _documents(store, new_ids)
    new_analyses = _analyses(store, new_ids)
    dates = date_index.update(store, new_docs, new_analyses)
    update = _Update(store, new_docs, new_analyses, dates)
    statements = update.run()
    statements += dates.statements
    statements.append(("INSERT INTO resolved_documents(doc_id, pipeline_version, dated) VALUES (?, ?, ?)",
                       [(doc_id, versions[doc_id], int(_dated(new_docs[doc_id]))) for doc_id in new_ids]))
    statements.append(("UPDATE picture_state SET generation = ? WHERE id = 1", [(generation,)]))
    statements.append(dequeue)
    store._write(statements)
    return True


class _Update:
    """One incremental update: reads what it needs from the store, returns the statements that write it."""

    def __init__(self, store: Store, new_docs: dict[str, Document], new_analyses: dict[str, DocAnalysis],
                 dates: DateUpdate) -> None:
        self.store = store
        self.dates = dates
        self.new_docs = self._dated(new_docs)
        self.new_analyses = new_analyses

    def _dated(self, docs: dict[str, Document]) -> dict[str, Document]:
        """The documents with their publication dates as resolution reads them (inferred ones included)."""
        known = self.dates.published
        stored = resolved_dates(self.store, set(docs) - set(known))
        return {i: d.model_copy(update={"published": known.get(i) or stored.get(i) or d.published})
                for i, d in docs.items()}

    def run(self) -> list[tuple[str, list[tuple[object, ...]]]]:
        places, renamed, self.forms = self._places()
        # the reports of the new documents and of those whose dates moved
        moved = set(self.dates.moved)
        fresh_docs = self.new_docs | self._dated(_documents(self.store, moved))
        fresh_analyses = self.new_analyses | _analyses(self.store, moved)
        dates: dict[str, date] = {}
        new_reports: list[ReportEntry] = []
        refs = self._refs(fresh_analyses.values(), places)
        for doc_id, analysis in fresh_analyses.items():
            for located in doc_reports(analysis, fresh_docs[doc_id].published, self.dates.window, dates):
                entry = report_entry(located, refs)
                if entry.county or entry.interval is None:
                    raise Rebuild
                new_reports.append(entry)
        regions = {json.dumps(list(r.region), ensure_ascii=False) for r in new_reports if r.region}
        if regions and _select_in(self.store, "SELECT 1 FROM event_reports WHERE county = 1 AND region IN ({})",
                                  regions):
            raise Rebuild  # a county report there may join a town's happening
        island = self._islands(new_reports, moved)
        stored = _select_in(self.store, "SELECT report_id, doc_id, event_id FROM event_reports WHERE report_id IN ({})",
                            island)  # the new documents' reports have no rows; those of moved ones their old ones
        old_events = {r[2] for r in stored}
        docs_ids = {r[1] for r in stored} | set(fresh_docs)
        docs = self._dated(_documents(self.store, set(docs_ids) - set(fresh_docs))) | fresh_docs
        analyses = _analyses(self.store, set(docs_ids) - set(fresh_analyses)) | fresh_analyses
        originals = {d.duplicate_of for d in docs.values() if d.duplicate_of and d.duplicate_of not in docs}
        all_docs = docs | _documents(self.store, originals)
        refs = self._refs(analyses.values(), places)
        claims: dict[str, Claim] = {}
        located: list[Located] = []
        claim_dates: dict[str, date] = {}
        named_at: dict[tuple[str, str], int] = {}
        for doc_id in sorted(analyses, key=lambda d: (docs[d].source_id, d)):  # the full build's order: group
            analysis = analyses[doc_id]  # members in it decide ties (actors, the first report's type and place)
            claims.update((c.id, c) for c in doc_claims(analysis))
            located += doc_reports(analysis, docs[doc_id].published, self.dates.window, claim_dates)
            for pm in analysis.places:
                key = (pm.mention.doc, pm.place.id)
                named_at[key] = min(named_at.get(key, pm.mention.start), pm.mention.start)
        same_sentence, denied_by = claim_links(claims)
        ctx = EventContext(docs=all_docs, claims=claims, refs=refs,
                           order={d.id: (d.source_id, d.id) for d in all_docs.values()}, named_at=named_at,
                           claim_dates=claim_dates, same_sentence=same_sentence, denied_by=denied_by,
                           follow_up=_follow_ups(claims, {x.event.claim for x in located}, all_docs),
                           stored=_stored_order(self.store, all_docs))
        made: list[tuple[Event, Told, tuple[ReportEntry, ...]]] = []
        for group in cluster([x for x in located if x.event.id in island], refs):
            event, told, _summary, _disputed = make_event(group, ctx)
            made.append((event, told, tuple(report_entry(x, refs) for x in group)))
        return self._write(made, old_events, claims, analyses, places, renamed, docs)

    # ---- places

    def _places(self) -> tuple[dict[str, Place], set[str], dict[str, dict[str, int]]]:
        """The places the new documents mention, with their names updated and the new documents' mentions only (the
        stored ones stay in their rows); and those renamed."""
        mentions: dict[str, list[Mention]] = defaultdict(list)
        named: dict[str, list[Mention]] = defaultdict(list)
        first_ref: dict[str, tuple[tuple[str, str], PlaceRef]] = {}  # the first new report naming it
        for doc_id in sorted(self.new_analyses, key=lambda d: (self.new_docs[d].source_id, d)):
            for pm in self.new_analyses[doc_id].places:
                first_ref.setdefault(pm.place.id, ((self.new_docs[doc_id].source_id, doc_id), pm.place))
                mentions[pm.place.id].append(pm.mention)
                if not pm.demonym:
                    named[pm.place.id].append(pm.mention)
        stored = {p.id: p for p in (Place.model_validate_json(r[0]) for r in _select_in(
            self.store, "SELECT record FROM places WHERE id IN ({})", first_ref))}
        kept = {r[0]: (json.loads(r[1]), tuple(json.loads(r[2]))) for r in _select_in(
            self.store, "SELECT place_id, forms, first_doc FROM place_forms WHERE place_id IN ({})", first_ref)}
        out: dict[str, Place] = {}
        renamed: set[str] = set()
        self.first_docs: dict[str, tuple[str, str]] = {}
        counted: dict[str, dict[str, int]] = {}
        for pid, (first, ref) in first_ref.items():
            old = stored.get(pid)
            counts, old_first = kept.get(pid, ({}, None))
            if old is not None and (pid not in kept or old_first < first):  # the stored entry stays
                ref = PlaceRef(id=pid, name=old.gazetteer_name, lat=old.lat, lon=old.lon, country=old.country,
                               admin1=old.admin1, geonameid=old.geonameid, kind=old.kind, admin2=old.admin2,
                               why=old.why)
                first = old_first
            elif old is not None and _place_fields(old)[2:] != _ref_fields(ref)[2:]:
                raise Rebuild  # an earlier document's gazetteer entry for it differs: its events move
            for form, n in place_forms(named[pid]).items():
                counts[form] = counts.get(form, 0) + n
            name = ref.name if base_place(pid) != pid else name_from_forms(ref.name, counts)
            out[pid] = Place(id=pid, name=name, gazetteer_name=ref.name, why=dict(sorted(ref.why.items())),
                             lat=ref.lat, lon=ref.lon, country=ref.country, admin1=ref.admin1, admin2=ref.admin2,
                             geonameid=ref.geonameid, kind=ref.kind,
                             mentions=tuple(sorted(mentions[pid], key=_mention_key)))
            if old is not None and old.name != name:
                renamed.add(pid)
            counted[pid] = dict(sorted(counts.items()))
            self.first_docs[pid] = first
        return out, renamed, counted

    def _refs(self, analyses: Iterable[DocAnalysis], places: dict[str, Place]) -> dict[str, PlaceRef]:
        """The analyses' places as resolution sees them: the picture's place (its first report's gazetteer entry,
        named as the picture names it)."""
        wanted = {pm.place.id for analysis in analyses for pm in analysis.places}
        known = dict(places)
        known |= {p.id: p for p in (Place.model_validate_json(r[0]) for r in _select_in(
            self.store, "SELECT record FROM places WHERE id IN ({})", wanted - set(places)))}
        if wanted - set(known):
            raise Rebuild  # a place the rows lack
        return {pid: PlaceRef(id=pid, name=p.name, lat=p.lat, lon=p.lon, country=p.country, admin1=p.admin1,
                              geonameid=p.geonameid, kind=p.kind, admin2=p.admin2, why=p.why)
                for pid in sorted(wanted) for p in (known[pid],)}

    # ---- islands

    def _islands(self, new_reports: list[ReportEntry], moved: set[str]) -> set[str]:
        """The report ids of the stretches of the blocks the new reports fall in (new reports included), and of the
        stretches the old reports of ``moved`` documents were in (their new reports are among ``new_reports``).
        A block's stored reports are read by date range around the stretch, widened until it closes (_Stretch), not
        whole: the stretches are those a read of the whole block finds."""
        by_block: dict[str, list[Member]] = defaultdict(list)
        for r in new_reports:
            assert r.interval is not None
            by_block[json.dumps(list(r.block), ensure_ascii=False)].append((r.id, r.doc, r.interval))
        old: dict[str, list[Member]] = defaultdict(list)  # the moved documents' stored reports
        for report_id, doc_id, block, first, last, precision in _select_in(
                self.store, f"SELECT {_MEMBER_COLUMNS} FROM event_reports WHERE doc_id IN ({{}})", moved):
            old[block].append(_member(report_id, doc_id, first, last, precision))
        blocks = set(by_block) | set(old)
        if _select_in(self.store, "SELECT 1 FROM event_reports WHERE block IN ({}) AND (first_day IS NULL OR"
                      " last_day IS NULL OR first_day = '' OR last_day = '')", blocks):
            raise Rebuild  # an undated report may join any happening of its block
        counts = _counts(self.store, "block", blocks)
        counts_moved = _counts(self.store, "doc_id", moved)
        out: set[str] = set()
        for block in sorted(blocks):
            fresh, gone = by_block.get(block, []), old.get(block, [])
            (had, days), (_, days_moved) = counts.get(block, (0, 0)), counts_moved.get(block, (0, 0))
            if (days > 0) != (days > days_moved or any(i.precision == "day" for _, _, i in fresh)):
                before = _Stretch(self.store, block, set()).whole() if had else []  # the block's first day-precise
                members = [m for m in before if m[1] not in moved] + fresh  # report (or its last) comes or goes:
                out.update(m[0] for m in [*before, *members])  # loose ones read anew
                continue
            if not had:  # a new block: its reports are all new
                out.update(m[0] for m in fresh)
                continue
            kept: list[Member] = []  # the stored reports (moved documents' aside) where the moved ones were
            if gone:
                around = _Stretch(self.store, block, set()).closed(gone)
                was = _touched(around, {m[0] for m in gone})
                kept = [m for m in around if m[0] in was and m[1] not in moved]
            members = _Stretch(self.store, block, moved).closed([*kept, *fresh])
            out.update(_touched(members, {m[0] for m in [*kept, *fresh]}))
        return out

    # ---- writing

    def _write(self, made: list[tuple[Event, Told, tuple[ReportEntry, ...]]], old_events: set[str],
               claims: dict[str, Claim], analyses: dict[str, DocAnalysis], places: dict[str, Place],
               renamed: set[str], docs: dict[str, Document]) -> list[tuple[str, list[tuple[object, ...]]]]:
        store = self.store
        doc_ids = set(analyses)
        # the stored events (other than those replaced) holding claims of these documents, before joins
        rows = _select_in(store, "SELECT DISTINCT event_id FROM event_claims WHERE joined = 0 AND doc_id IN ({})",
                          doc_ids)
        neighbours = {r[0] for r in rows} - old_events
        neighbour_claims: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
        for event_id, cid, doc, start, joined in _select_in(
                store, "SELECT event_id, claim_id, doc_id, start, joined FROM event_claims WHERE event_id IN ({})",
                neighbours):
            neighbour_claims[event_id].append((cid, doc, int(start), int(joined)))
        stored_events = _events(store, neighbours)
        where = {c.id: (c.doc, c.start) for c in claims.values()}
        pre: list[Event] = [event for event, _, _ in made]
        for event_id in sorted(neighbours):
            held = neighbour_claims[event_id]
            where.update((cid, (doc, start)) for cid, doc, start, _ in held)
            pre.append(stored_events[event_id].model_copy(
                update={"claims": tuple(sorted(cid for cid, _, _, joined in held if not joined))}))
        joins = report_joins(pre, claims.values(), where, cut_claims(analyses.values()))
        # stored events whose joined counts change
        changed: dict[str, Event] = {}
        extra_claims: dict[str, list[str]] = {}
        for event_id in sorted(neighbours):
            held = neighbour_claims[event_id]
            kept = {cid for cid, doc, _, joined in held if joined and doc not in doc_ids}
            now = kept | set(joins.get(event_id, []))
            if now != {cid for cid, _, _, joined in held if joined}:
                extra_claims[event_id] = sorted(now)
        if extra_claims:
            outside = {doc for event_id in extra_claims for _, doc, _, _ in neighbour_claims[event_id]} - doc_ids
            for analysis in _analyses(store, outside).values():
                claims.update((c.id, c) for c in doc_claims(analysis))
            for event_id, joined in extra_claims.items():
                linked = sorted(cid for cid, _, _, j in neighbour_claims[event_id] if not j)
                ids = tuple(sorted({*linked, *joined}))
                members = [claims[cid] for cid in ids]
                changed[event_id] = stored_events[event_id].model_copy(update={
                    "claims": ids, "fatalities": event_toll(members, "killed"),
                    "wounded": event_toll(members, "wounded")})
        # renamed places: their events' summaries
        made_ids = {event.id for event, _, _ in made}
        if renamed:
            at = {r[0] for r in _select_in(store, "SELECT event_id FROM event_keys WHERE place IN ({})", renamed)}
            at -= old_events | made_ids
            for event_id, event in _events(store, at - set(changed)).items():
                changed[event_id] = event
            for event_id in at:
                event = changed[event_id]
                changed[event_id] = event.model_copy(update={"summary": event_summary(
                    event.actor1, event.sub_event_type, places[event.place].name if event.place else None)})
        # the new events, with their joins
        entries = []
        for event, told, reports in made:
            final = with_joins(event, joins.get(event.id, []), claims)
            entries.append(EventEntry(final, reports, event.claims, told, {cid: where[cid] for cid in final.claims}))
        statements: list[tuple[str, list[tuple[object, ...]]]] = []
        gone = sorted(old_events | set(changed))
        gone_rows = [(e,) for e in gone]
        statements += [("DELETE FROM event_aliases WHERE event_id = ?", gone_rows),
                       ("DELETE FROM events WHERE id = ?", gone_rows)]
        replaced = [(e,) for e in sorted(old_events)]
        statements += [(f"DELETE FROM {table} WHERE event_id = ?", replaced)
                       for table in ("event_reports", "event_claims", "event_keys")]
        for event_id, joined in extra_claims.items():
            statements.append(("DELETE FROM event_claims WHERE event_id = ? AND joined = 1", [(event_id,)]))
            statements.append(("INSERT INTO event_claims(event_id, claim_id, doc_id, start, joined)"
                               " VALUES (?, ?, ?, ?, 1)", [(event_id, cid, *where_of(cid, claims))
                                                           for cid in joined]))
        statements += _index_statements(entries)
        fresh = {entry.event.id: entry.event for entry in entries} | changed
        statements += _event_rows(store, fresh, {entry.event.id: _rank(entry.event, entry.told) for entry in entries},
                                  frozenset(old_events))
        statements += _place_rows(store, places)
        forms = self.forms
        statements.append(("DELETE FROM place_forms WHERE place_id = ?", [(pid,) for pid in sorted(forms)]))
        statements.append(("INSERT INTO place_forms(place_id, forms, first_doc) VALUES (?, ?, ?)",
                           [(pid, json.dumps(f, ensure_ascii=False), json.dumps(list(self.first_docs[pid])))
                            for pid, f in sorted(forms.items())]))
        if store.spatial:
            statements += [(f"UPDATE {table} SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326) WHERE id = ?"
                            " AND lat IS NOT NULL AND lon IS NOT NULL", ids) for table, ids in
                           (("events", [(e,) for e in sorted(fresh)]), ("places", [(p,) for p in sorted(places)]))]
        return statements


EVENT_ORDER = "SELECT k.event_id, k.rank_key, e.seq FROM event_keys k JOIN events e ON e.id = k.event_id"
PLACE_ORDER = "SELECT id, id, seq FROM places"  # places stand in id order


def _event_rows(store: Store, fresh: dict[str, Event], new_keys: dict[str, str],
                removed: frozenset[str]) -> list[tuple[str, list[tuple[object, ...]]]]:
    """The rows of the new and changed events (``fresh``, those deleted above): a new one (``new_keys``: its rank
    key) between its neighbours, a changed one where it stood; and the stored ones renumbered to make room."""
    seqs = ordering.place(new_keys, ordering.TableOrder(store, EVENT_ORDER, "k.rank_key"), removed)
    seqs = _stored_seqs(store, "events", set(fresh) - set(seqs)) | seqs
    names = _actor_names(fresh.values())
    return [(_insert("events", EVENT_COLUMNS), [event_row(seqs[e], fresh[e], names) for e in sorted(fresh)]),
            ("UPDATE events SET seq = ? WHERE id = ?", [(q, e) for e, q in sorted(seqs.items()) if e not in fresh]),
            ("INSERT INTO event_aliases(alias, event_id) VALUES (?, ?)",
             [(alias, e) for e in sorted(fresh) for alias in fresh[e].aliases])]


def _place_rows(store: Store, places: dict[str, Place]) -> list[tuple[str, list[tuple[object, ...]]]]:
    """The touched places' rows replaced (a new one between its neighbours in id order, a stored one where it stood)
    and the stored ones renumbered to make room; the new documents' mentions of them added."""
    stored = _stored_seqs(store, "places", places)
    seqs = ordering.place({pid: pid for pid in places if pid not in stored},
                          ordering.TableOrder(store, PLACE_ORDER, "id"))
    seqs = stored | seqs
    mentions = [row for pid in sorted(places) for row in mention_rows(places[pid])]
    return [("DELETE FROM places WHERE id = ?", [(pid,) for pid in sorted(places)]),
            ("DELETE FROM place_mentions WHERE place_id = ? AND doc_id = ?", [row[:2] for row in mentions]),
            ("INSERT INTO place_mentions(place_id, doc_id, mentions) VALUES (?, ?, ?)", mentions),
            (_insert("places", PLACE_COLUMNS), [place_row(seqs[pid], places[pid]) for pid in sorted(places)]),
            ("UPDATE places SET seq = ? WHERE id = ?", [(q, p) for p, q in sorted(seqs.items()) if p not in places])]


def _stored_seqs(store: Store, table: str, ids: Iterable[str]) -> dict[str, int]:
    return {r[0]: int(r[1]) for r in _select_in(store, f"SELECT id, seq FROM {table} WHERE id IN ({{}})", ids)}


def where_of(cid: str, claims: dict[str, Claim]) -> tuple[str, int]:
    return claims[cid].doc, claims[cid].start


Member = tuple[str, str, Interval]  # a report of a block: id, document, interval
_MEMBER_COLUMNS = "report_id, doc_id, block, first_day, last_day, precision"


def _member(report_id: str, doc_id: str, first: str, last: str, precision: str) -> Member:
    start, end = parse_day(first), parse_day(last)
    if start is None or end is None:
        raise Rebuild  # an undated report may join any happening of its block
    return (report_id, doc_id, Interval(start, end, precision))


def _counts(store: Store, column: str, values: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Per block, how many stored reports and how many day-precise ones it has among the rows whose ``column`` is in
    ``values``."""
    counts: dict[str, tuple[int, int]] = {}
    sql = ("SELECT block, COUNT(*), SUM(CASE WHEN precision = 'day' THEN 1 ELSE 0 END) FROM event_reports"
           f" WHERE {column} IN ({{}}) GROUP BY block")
    for block, n, days in _select_in(store, sql, values):
        had, had_days = counts.get(block, (0, 0))
        counts[block] = (had + int(n), had_days + int(days))
    return counts


class _Stretch:
    """One block's stored reports (but those of ``skip`` documents), read by date range: enough of them to hold whole
    the stretches of given reports. A report joins another when their intervals, each widened by ISLAND_GAP_DAYS at
    its end, overlap (the sweep of _touched), or when both are loose reports of one document. So once every stored
    report overlapping the widened span of the stretches found, or a loose sibling of one of their loose reports, has
    been read, reading the rest of the block cannot add to them."""

    def __init__(self, store: Store, block: str, skip: set[str]) -> None:
        self.store, self.block, self.skip = store, block, skip
        self.read: dict[str, Member] = {}

    def whole(self) -> list[Member]:
        self._add(self.store._rows(f"SELECT {_MEMBER_COLUMNS} FROM event_reports WHERE block = ?", [self.block]))
        return list(self.read.values())

    def closed(self, start: list[Member]) -> list[Member]:
        """``start`` (which it always holds) and the stored reports read around them: a superset of their stretches."""
        if not start:
            return []
        members = {m[0]: m for m in start}
        gap = timedelta(days=ISLAND_GAP_DAYS)
        span: tuple[date, date] | None = None  # the widest date range read so far
        loose: set[str] = set()  # the documents whose loose reports were read
        while True:
            found = [members[i] for i in _touched(list(members.values()), {m[0] for m in start})]
            low = min(i.start for _, _, i in found) - gap
            high = max(i.end for _, _, i in found) + gap
            docs = {d for _, d, i in found if i.precision != "day"} - loose
            if span is not None and span[0] <= low and high <= span[1] and not docs:
                return list(members.values())
            span = (low, high) if span is None else (min(span[0], low), max(span[1], high))
            loose |= docs
            rows = self.store._rows(f"SELECT {_MEMBER_COLUMNS} FROM event_reports WHERE block = ?"
                                    " AND first_day <= ? AND last_day >= ?",
                                    [self.block, span[1].isoformat(), span[0].isoformat()])
            rows += _select_in(self.store, f"SELECT {_MEMBER_COLUMNS} FROM event_reports WHERE block = ?"
                                           " AND doc_id IN ({})", docs, [self.block])
            self._add(rows)
            members |= {i: m for i, m in self.read.items() if m[1] not in self.skip}

    def _add(self, rows: list[tuple[Any, ...]]) -> None:
        for report_id, doc_id, _block, first, last, precision in rows:
            if report_id not in self.read:
                self.read[report_id] = _member(report_id, doc_id, first, last, precision)


def _touched(members: list[tuple[str, str, Interval]], fresh: set[str]) -> set[str]:
    """The members of one block linked to a fresh report: intervals within ISLAND_GAP_DAYS of a neighbour's reach
    (in start order), and a document's loose reports with each other."""
    ordered = sorted(members, key=lambda m: (m[2].start, m[0]))
    parent = {m[0]: m[0] for m in ordered}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    gap = timedelta(days=ISLAND_GAP_DAYS)
    reach: date | None = None
    previous: str | None = None
    loose_of_doc: dict[str, str] = {}
    for report_id, doc_id, interval in ordered:
        if previous is not None and reach is not None and interval.start <= reach + gap:
            parent[find(report_id)] = find(previous)
        reach = interval.end if reach is None else max(reach, interval.end)
        previous = report_id
        if interval.precision != "day":
            if doc_id in loose_of_doc:
                parent[find(report_id)] = find(loose_of_doc[doc_id])
            else:
                loose_of_doc[doc_id] = report_id
    roots = {find(r) for r in fresh}
    return {m[0] for m in ordered if find(m[0]) in roots}


def _mention_key(m: Mention) -> tuple[str, int, int]:
    return (m.doc, m.start, m.end)


def _ref_fields(ref: PlaceRef) -> tuple[object, ...]:
    return (ref.name, dict(sorted(ref.why.items())), ref.lat, ref.lon, ref.country, ref.admin1, ref.admin2,
            ref.geonameid, ref.kind)


def _place_fields(place: Place) -> tuple[object, ...]:
    return (place.gazetteer_name, place.why, place.lat, place.lon, place.country, place.admin1, place.admin2,
            place.geonameid, place.kind)


def _actor_names(events: Iterable[Event]) -> dict[str, str]:
    """The names the picture gives the events' actors (those the actor table knows, as resolve.picture)."""
    from ..extract.actors import actor_table

    table = actor_table()
    wanted = {a for e in events for a in (e.actor1, e.actor2) if a}
    return {actor_id: table[actor_id].name for actor_id in sorted(wanted) if actor_id in table}


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
