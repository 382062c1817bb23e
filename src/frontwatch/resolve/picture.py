"""Assemble the picture from stored documents and their per-document analyses.

Pure function: same documents and analyses in, the same Picture out (everything sorted, ids are hashes).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from unidecode import unidecode

from ..extract.actors import actor_table
from ..extract.events import ELSEWHERE
from ..extract.places import base_place
from ..model import (
    Actor,
    Claim,
    Contradiction,
    DocAnalysis,
    Document,
    Event,
    EventDate,
    Mention,
    Picture,
    Place,
    PlaceRef,
    Published,
    TimeExpr,
    TimelineEntry,
)
from .contradictions import (
    control_contradictions,
    date_contradiction,
    denial_contradictions,
    number_contradictions,
)
from .control import build_control
from .corroboration import independent_count
from .dates import DateConflict, DateInference, Interval, infer_dates, parse_day, resolve_in_window
from .events import Located, cluster, distinct_days, group_interval
from .identity import stable_identity
from .tolls import event_toll, report_counts

REPORT_WINDOW_DAYS = 6  # an event reported without a date happened within the week before publication
MIN_CONFIRMING_SOURCES = 2  # independent sources for "confirmed"


def _mention_key(m: Mention) -> tuple[str, int, int]:
    return (m.doc, m.start, m.end)


def display_name(gazetteer_name: str, mentions: list[Mention]) -> str:
    """The name readers know: the most frequent capitalised spelling in the coverage, else the gazetteer's name
    in plain Latin letters ("Ḩamāh" → "Hamah"). Ties go to the alphabetically first form (deterministic)."""
    return name_from_forms(gazetteer_name, place_forms(mentions))


def name_from_forms(gazetteer_name: str, forms: Mapping[str, int]) -> str:
    """display_name, from the counted spellings (place_forms). A dateline's capitals ("KHARKIV —") are a spelling
    only when the coverage writes the name no other way, and then in title case ("Kharkiv")."""
    written = {form: n for form, n in forms.items() if not _shouted(form)} or forms
    if written:
        best = min(written, key=lambda form: (-written[form], form))
        return best.title() if _shouted(best) else best
    return unidecode(gazetteer_name)


def _shouted(form: str) -> bool:
    """All capitals and longer than an abbreviation ("KHARKIV", not "US" or "DRC")."""
    return form.isupper() and sum(c.isalpha() for c in form) > SHORT_FORM


SHORT_FORM = 4  # letters an abbreviation may have ("UAE", "DRC", "CAR"; "KHARKIV" is a dateline's capitals)


def _place_records(analyses: list[DocAnalysis]) -> tuple[list[Place], dict[str, PlaceRef]]:
    refs: dict[str, PlaceRef] = {}
    mentions: dict[str, list[Mention]] = defaultdict(list)
    named: dict[str, list[Mention]] = defaultdict(list)  # mentions by name, not by demonym ("Russian")
    for analysis in analyses:
        for pm in analysis.places:
            refs.setdefault(pm.place.id, pm.place)
            mentions[pm.place.id].append(pm.mention)
            if not pm.demonym:
                named[pm.place.id].append(pm.mention)
    places = [
        Place(id=pid, name=ref.name if base_place(pid) != pid else display_name(ref.name, named[pid]),
              gazetteer_name=ref.name,  # an offset place keeps its own name: "5 km N of Hama"
              why=dict(sorted(ref.why.items())),
              lat=ref.lat, lon=ref.lon, country=ref.country, admin1=ref.admin1,
              admin2=ref.admin2,
              geonameid=ref.geonameid, kind=ref.kind, mentions=tuple(sorted(mentions[pid], key=_mention_key)))
        for pid, ref in sorted(refs.items())
    ]
    names = {p.id: p.name for p in places}
    return places, {pid: ref.model_copy(update={"name": names[pid]}) for pid, ref in refs.items()}


def _actor_records(analyses: list[DocAnalysis]) -> list[Actor]:
    """Every actor the documents mention or an event names (an event may name one by convention, with no mention:
    a demonstration's Protesters (Country))."""
    table = actor_table()
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for analysis in analyses:
        for am in analysis.actors:
            mentions[am.actor].append(am.mention)
        for ev in analysis.events:
            for actor_id in (ev.actor1, ev.actor2, *ev.assoc_actor_1, *ev.assoc_actor_2):
                if actor_id is not None:
                    mentions.setdefault(actor_id, [])
    out = []
    for actor_id in sorted(mentions):
        if actor_id not in table:
            continue  # an id from an older dictionary, stored before it changed
        info = table[actor_id]
        out.append(Actor(id=actor_id, name=info.name, kind=info.kind, country=info.country, inter=info.inter,
                         aliases=info.aliases, mentions=tuple(sorted(mentions[actor_id], key=_mention_key))))
    return out


def _associated(group: list[Located], side: int, principal: set[str | None]) -> tuple[str, ...]:
    """The actors the group's reports name as acting with actor1 (side 1) or actor2 (side 2), sorted."""
    named = {a for x in group for a in (x.event.assoc_actor_1 if side == 1 else x.event.assoc_actor_2)}
    return tuple(sorted(named - principal))


def _status(independent: int, asserted: bool, denied: bool, disputed: bool) -> str:
    if denied and not asserted:
        return "denied"
    if denied or disputed:
        return "contested"
    return "confirmed" if independent >= MIN_CONFIRMING_SOURCES else "single_source"


CALENDAR_KINDS = {"absolute", "month_day"}  # a calendar day in the text: "on 3 May 2022", "on Nov. 27"
COUNTED_KINDS = {"weekday", "offset_days"}  # a day counted from the publication date: "on Monday", "yesterday"
KNOWN_DATE = {"stated", "metadata"}  # publication dates we read, not inferred ones


def states_day(expr: TimeExpr, published: Published) -> bool:
    """Whether a report states its day: a calendar day in the text, or a day counted from a publication date we
    know (not one we inferred). Two reports stating different days are two happenings (see resolve.events)."""
    if expr.kind in CALENDAR_KINDS:
        return True
    return expr.kind in COUNTED_KINDS and expr.relative_to == "document" and published.basis in KNOWN_DATE


def _report_window(published: Published, anchor: date | None) -> Interval | None:
    """Where an undated-in-text event of a document may lie: the week before publication, widened to the whole
    inferred window when the publication date itself is only known to a window."""
    if anchor is None:
        return None
    lo, hi = anchor, anchor
    if published.window:
        lo, hi = parse_day(published.window[0]) or anchor, parse_day(published.window[1]) or anchor
    start = lo - timedelta(days=REPORT_WINDOW_DAYS)
    return Interval(start, hi, "week" if (hi - start).days < 7 + REPORT_WINDOW_DAYS else "month")


def _follow_ups(claims: dict[str, Claim], event_claims: set[str], docs: dict[str, Document]) -> dict[str, list[str]]:
    """Casualty claims that tell how an event's happening ended, in the sentences after it within its paragraph and
    before the next happening ("Gunmen attacked the convoy near X. Two drivers died."): event claim -> their ids."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in claims.values():
        if c.stance == "assert":
            by_doc[c.doc].append(c)
    out: dict[str, list[str]] = defaultdict(list)
    for doc_id, doc_claims in by_doc.items():
        text = docs[doc_id].text if doc_id in docs else ""
        doc_claims.sort(key=lambda c: (c.start, c.id))
        for i, c in enumerate(doc_claims):
            if c.id not in event_claims:
                continue
            for nxt in doc_claims[i + 1:]:
                if nxt.start < c.end:
                    continue  # another reading of the same sentence
                if nxt.id in event_claims or "\n" in text[c.end:nxt.start]:
                    break
                if nxt.kind == "casualties":
                    out[c.id].append(nxt.id)
    return out


def _main_events(events: Iterable[Event], where: Mapping[str, tuple[str, int]]) -> dict[str, str]:
    """Each report's main event: the one holding most of its claims, ties to the one it tells first. ``where``:
    claim id -> (document, start)."""
    held: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for event in events:
        for cid in event.claims:
            doc, start = where[cid]
            held[doc][event.id].append(start)
    return {doc: min(mine, key=lambda e: (-len(mine[e]), min(mine[e]), e)) for doc, mine in held.items()}


def report_joins(events: list[Event], claims: Iterable[Claim], where: Mapping[str, tuple[str, int]],
                 cut: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """A report's count of the killed or wounded that no event took ("Three people were killed and four were
    hurt" told apart from the sentence of the shooting) is a count of the happening the report is mainly about:
    it joins that event's claims and toll, unless it names the place of another event the report tells (a place
    the gazetteer put elsewhere by mistake does not keep it out: measured on GVA DEV, event killed exact 0.8018
    with that stricter rule, 0.815 without). A report whose main event is still left without any of its counts
    lends it the counts it told of its other events (``lent_counts``). Event id -> the claims that join it.

    ``events`` (as clustered, before any join) must hold every event holding a claim of the reports of ``claims``;
    ``where`` places each of their claims (claim id -> (document, start)); ``cut``: claims cut from a sentence that
    tells several happenings (``cut_claims``), whose counts are never lent."""
    main = _main_events(events, where)
    linked = {cid for event in events for cid in event.claims}
    joined: dict[str, list[str]] = defaultdict(list)
    by_id = {e.id: e for e in events}
    other_places: dict[str, set[str]] = defaultdict(set)  # report -> places of events it tells
    for event in events:
        for cid in event.claims:
            if event.place:
                other_places[where[cid][0]].add(event.place)
    ordered = sorted(claims, key=lambda c: (c.doc, c.start, c.id))
    for c in ordered:
        if c.id in linked or c.stance != "assert" or c.doc not in main or not report_counts(c):
            continue
        event = by_id[main[c.doc]]
        if event.status == "denied" or any(p != event.place and p in other_places[c.doc] for p in c.places):
            continue
        joined[event.id].append(c.id)
    for event_id, cids in lent_counts(events, ordered, main, joined, where, cut).items():
        joined[event_id] += cids
    return joined


LENDING_TYPES = {"Violence against civilians", "Explosions/Remote violence", "Battles", "Riots"}  # a report
# mainly about a capture, an arrest or a protest keeps the counts of its fighting on the fighting
TERRITORIAL = {"Non-state actor overtakes territory", "Government regains territory"}


def cut_claims(analyses: Iterable[DocAnalysis]) -> frozenset[str]:
    """The claims cut from a sentence that tells several happenings (extract/events.split_claims): each count there
    is its own happening's ("gangs attacked Gressier; in Port-au-Prince, police killed five")."""
    return frozenset(e.claim for a in analyses for e in a.events if e.part is not None)


def lent_counts(events: list[Event], claims: Iterable[Claim], main: Mapping[str, str], joined: Mapping[str, list[str]],
                where: Mapping[str, tuple[str, int]], cut: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """The counts a report told in the sentences of its other events ("police arrested a man over the shooting
    that left two dead": the arrest's sentence), lent to its main event when that event holds none of the
    report's counts: the report's toll is the toll of the happening it is mainly about. Measured on GVA DEV
    (bench/gva_tolls.py, each report's largest figure): event killed exact 0.8117 -> 0.8305, wounded 0.6311 ->
    0.6477; ACLED notes toll check 0.9323 -> 0.9364, tune 0.9518 -> 0.9528."""
    by_id = {e.id: e for e in events}
    claims = list(claims)
    counting = {c.id for c in claims if c.stance == "assert" and report_counts(c)}
    elsewhere = {c.id for c in claims if ELSEWHERE.match(c.text)}  # "Separately, gunmen killed eight in Tabarre":
    # another happening's dead, not the main event's
    on_main = {cid for e in events for cid in e.claims if main.get(where[cid][0]) == e.id}
    on_main.update(cid for cids in joined.values() for cid in cids)
    counted = {where[cid][0] for cid in on_main & counting}  # reports whose main event holds a count of theirs
    lent: dict[str, set[str]] = defaultdict(set)
    for event in events:
        for cid in sorted(set(event.claims) & counting - cut):
            doc = where[cid][0]
            if doc in main and doc not in counted and main[doc] != event.id and by_id[main[doc]].status != "denied" \
                    and by_id[main[doc]].event_type in LENDING_TYPES \
                    and by_id[main[doc]].sub_event_type not in TERRITORIAL and cid not in elsewhere:
                lent[main[doc]].add(cid)
    return {event_id: sorted(cids) for event_id, cids in sorted(lent.items())}


def with_joins(event: Event, joined: list[str], claims: Mapping[str, Claim]) -> Event:
    """The event with the report counts that join it (its claims and tolls)."""
    if not joined:
        return event
    ids = tuple(sorted({*event.claims, *joined}))
    members = [claims[cid] for cid in ids]
    return event.model_copy(update={"claims": ids, "fatalities": event_toll(members, "killed", event.sub_event_type),
                                    "wounded": event_toll(members, "wounded")})


def _publication_contradiction(conflict: DateConflict) -> Contradiction:
    """An undated document whose evidence admits no publication day."""
    ids = sorted(conflict.claims)
    digest = hashlib.sha256(f"date|{conflict.doc}|{'|'.join(ids)}".encode()).hexdigest()[:12]
    return Contradiction(id=f"con-{digest}", kind="date", about=f"publication date of {conflict.doc}",
                         claims=tuple(ids), explanation=conflict.explanation)


@dataclass(frozen=True)
class ReportEntry:
    """One report as clustering saw it: the block it was compared in and its interval (store/picture_index.py)."""

    id: str
    doc: str
    block: tuple[str, str]  # (sub-event type, base place or "doc:<id>")
    region: tuple[str, str | None, str | None] | None  # (sub-type, country, admin1): where a county report joins
    # a town's (resolve.events._join_coarse); None for a country, a continent or no place
    county: bool
    interval: Interval | None


@dataclass(frozen=True)
class EventEntry:
    """How one event of the picture was made: its reports, its claims before report counts joined, its sort key."""

    event: Event
    reports: tuple[ReportEntry, ...]
    linked: tuple[str, ...]  # the claims its reports linked, before report counts joined (report_joins)
    told: tuple[str, str, int, int]  # (first report's source id, its id, trigger start, place's first mention)
    where: dict[str, tuple[str, int]]  # each of its claims (joined ones too): (document, start)


@dataclass(frozen=True)
class Resolution:
    picture: Picture
    events: tuple[EventEntry, ...]
    place_forms: dict[str, dict[str, int]]  # place id -> capitalised spellings and their counts (display_name)
    place_first: dict[str, tuple[str, str]]  # place id -> (source id, id) of the document whose entry it keeps
    dates: DateInference  # every document's publication date, and how the undated ones' were inferred


@dataclass
class EventContext:
    """What making an event from its group of reports reads: the reports' documents and claims, and the places."""

    docs: Mapping[str, Document]
    claims: Mapping[str, Claim]
    refs: Mapping[str, PlaceRef]
    order: Mapping[str, tuple[str, str]]  # document id -> (source id, id): the order events are listed in
    named_at: Mapping[tuple[str, str], int]
    claim_dates: Mapping[str, date]
    same_sentence: Mapping[tuple[str, int, int], list[str]]
    denied_by: Mapping[str, list[str]]
    follow_up: Mapping[str, list[str]]
    stored: Mapping[str, int]  # document id -> its place in store order: the oldest report names the event


def doc_claims(analysis: DocAnalysis) -> list[Claim]:
    return [Claim(id=c.id, doc=c.doc, start=c.start, end=c.end, text=c.text, speaker=c.speaker,
                  speaker_actor=c.speaker_actor, via=c.via, kind=c.kind, stance=c.stance, quantities=c.quantities,
                  places=c.places, event=None, denies=c.denies) for c in analysis.claims]


def doc_reports(analysis: DocAnalysis, published: Published, corpus_window: Interval | None,
                claim_dates: dict[str, date]) -> list[Located]:
    """The document's reports that clustering compares, with their intervals (records day-precise claim dates)."""
    anchor = parse_day(published.date)
    resolved = resolve_in_window(analysis.times, published)
    fallback = _report_window(published, anchor) or corpus_window
    placed = any(ev.place is not None for ev in analysis.events)
    out = []
    for ev in analysis.events:
        if ev.place is None and placed:
            continue  # beside a located happening, an unlocated one is background (kept as a claim)
        first = next((i for i in ev.times if resolved[i] is not None), None)
        interval = resolved[first] if first is not None else None
        if interval is not None and interval.precision == "day":
            claim_dates[ev.claim] = interval.start
        stated = first is not None and states_day(analysis.times[first], published)
        out.append(Located(ev, interval or fallback, stated))
    return out


def claim_links(claims: Mapping[str, Claim]) -> tuple[dict[tuple[str, int, int], list[str]], dict[str, list[str]]]:
    """Claims by sentence, and denials by the claim they deny (both within one document)."""
    same_sentence: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    for c in claims.values():
        same_sentence[(c.doc, c.start, c.end)].append(c.id)
    denied_by: dict[str, list[str]] = defaultdict(list)
    for c in claims.values():
        if c.stance == "deny" and c.denies:
            denied_by[c.denies].append(c.id)
    return same_sentence, denied_by


def report_entry(located: Located, refs: Mapping[str, PlaceRef]) -> ReportEntry:
    ev = located.event
    place = base_place(ev.place) if ev.place else f"doc:{ev.doc}"  # as resolve.events.cluster blocks them
    ref = refs.get(ev.place or "")
    region = None
    if ref is not None and located.interval is not None and ref.kind not in {"country", "continent"}:
        region = (ev.sub_event_type, ref.country, ref.admin1)
    return ReportEntry(ev.id, ev.doc, (ev.sub_event_type, place), region,
                       ref is not None and ref.kind == "county", located.interval)


def make_event(group: list[Located], ctx: EventContext) -> tuple[Event, tuple[str, str, int, int], str, bool]:
    """The event of one group of reports (before report counts join), its sort key, its summary and whether its
    reports give it different days."""
    event_id, aliases = stable_identity((x.event for x in group), ctx.stored)
    member_claims = sorted({x.event.claim for x in group})
    linked = set(member_claims)
    claims_by_id = ctx.claims
    for cid in member_claims:
        c = claims_by_id[cid]
        linked.update(x for x in ctx.same_sentence[(c.doc, c.start, c.end)] if claims_by_id[x].stance != "deny"
                      or claims_by_id[x].denies == cid)
        linked.update(ctx.denied_by.get(cid, ()))
        linked.update(ctx.follow_up.get(cid, ()))
    claims = [claims_by_id[cid] for cid in sorted(linked)]
    told = min((*ctx.order[x.event.doc], x.event.trigger.start, ctx.named_at.get((x.event.doc, x.event.place or ""), 0))
               for x in group)
    first = group[0].event
    ref = ctx.refs.get(first.place or "")
    interval = group_interval(group)
    actor1 = Counter(x.event.actor1 for x in group if x.event.actor1).most_common(1)
    a1 = actor1[0][0] if actor1 else None
    # the other side: the most named actor2 that is not actor1 (one report's attacker is not another's target)
    actor2 = Counter(x.event.actor2 for x in group if x.event.actor2 and x.event.actor2 != a1).most_common(1)
    a2 = actor2[0][0] if actor2 else None
    independent = independent_count(claims, ctx.docs)  # type: ignore[arg-type]
    disputed_days = len(distinct_days(group)) > 1
    summary = event_summary(a1, first.sub_event_type, ref.name if ref else None)
    status = _status(independent, any(c.stance == "assert" for c in claims),
                     any(c.stance == "deny" for c in claims), disputed_days)
    event = Event(
        id=event_id, event_type=first.event_type, sub_event_type=first.sub_event_type,
        date=EventDate(start=interval.start.isoformat() if interval else None,
                       end=interval.end.isoformat() if interval else None,
                       precision=interval.precision if interval else "unknown"),  # type: ignore[arg-type]
        place=first.place, lat=ref.lat if ref else None, lon=ref.lon if ref else None,
        geo_precision=min(x.event.geo_precision for x in group), actor1=a1, actor2=a2,
        assoc_actor_1=_associated(group, 1, {a1, a2}), assoc_actor_2=_associated(group, 2, {a1, a2}),
        fatalities=event_toll(claims, "killed", first.sub_event_type), wounded=event_toll(claims, "wounded"),
        sources=tuple(sorted({c.doc for c in claims})),
        independent_sources=independent, status=status,  # type: ignore[arg-type]
        claims=tuple(c.id for c in claims), summary=summary, aliases=aliases,
    )
    return event, told, summary, disputed_days


def event_summary(actor1: str | None, sub_event_type: str, place_name: str | None) -> str:
    return (f"{actor_table()[actor1].name if actor1 else 'Unidentified actor'}: {sub_event_type.lower()}"
            f" at {place_name or 'unknown place'}")


def event_order(event: Event, told: tuple[str, str, int, int]) -> tuple[str, tuple[str, str, int, int], str]:
    """Where an event stands in the picture: by day, a day's events in the order they were first reported (the
    first a report tells is mostly its main one); undated events last."""
    return (event.date.start or "9999", told, event.id)


def place_forms(mentions: Iterable[Mention]) -> dict[str, int]:
    """The spellings display_name counts (sorted by spelling)."""
    forms = Counter(m.text.strip() for m in mentions if m.text[:1].isupper() and " of " not in m.text)
    return dict(sorted(forms.items()))


def corpus_window(known: list[date]) -> Interval | None:
    """Where the events of a document with no publication day may lie: the corpus's known days, and the week before
    the first (a week, or a month when longer than two); None when no day is known."""
    if not known:
        return None
    window = Interval(min(known) - timedelta(days=REPORT_WINDOW_DAYS), max(known), "week")
    if (window.end - window.start).days > 13:
        window = Interval(window.start, window.end, "month")
    return window


def build_picture(documents: list[Document], analyses_by_doc: dict[str, DocAnalysis]) -> Picture:
    return resolve_picture(documents, analyses_by_doc).picture


def resolve_picture(documents: list[Document], analyses_by_doc: dict[str, DocAnalysis]) -> Resolution:
    """The picture, and how each event was made (for store/picture_index.py to update it incrementally)."""
    stored = {d.id: rank for rank, d in enumerate(documents)}  # the store gives them in the order first stored
    documents = sorted(documents, key=lambda d: (d.source_id, d.id))
    inference = infer_dates(documents, analyses_by_doc)
    published, date_conflicts = inference.published, inference.conflicts
    docs = {
        d.id: d.model_copy(update={"published": published[d.id],
                                   "framing": analyses_by_doc[d.id].framing if d.id in analyses_by_doc else {}})
        for d in documents
    }
    analyses = [analyses_by_doc[d.id] for d in documents if d.id in analyses_by_doc]
    window = corpus_window([day for d in docs.values() if (day := parse_day(d.published.date))])

    places, refs = _place_records(analyses)
    named_at = {(m.doc, p.id): m.start for p in places for m in reversed(p.mentions)}  # a place's first mention
    claims_by_id: dict[str, Claim] = {}
    located: list[Located] = []
    report_window: dict[str, tuple[date, date] | None] = {}
    claim_dates: dict[str, date] = {}
    for analysis in analyses:
        anchor = parse_day(docs[analysis.doc].published.date)
        report_window[analysis.doc] = (anchor - timedelta(days=REPORT_WINDOW_DAYS), anchor) if anchor else None
        claims_by_id.update((c.id, c) for c in doc_claims(analysis))
        located += doc_reports(analysis, docs[analysis.doc].published, window, claim_dates)

    same_sentence, denied_by = claim_links(claims_by_id)
    follow_up = _follow_ups(claims_by_id, {x.event.claim for x in located}, docs)
    inferred = frozenset(d.id for d in docs.values() if d.published.basis == "inferred")
    ctx = EventContext(docs=docs, claims=claims_by_id, refs=refs, order={d.id: (d.source_id, d.id) for d in documents},
                       named_at=named_at, claim_dates=claim_dates, same_sentence=same_sentence, denied_by=denied_by,
                       follow_up=follow_up, stored=stored)
    events: list[Event] = []
    entries: dict[str, tuple[tuple[ReportEntry, ...], tuple[str, str, int, int]]] = {}
    contradictions: list[Contradiction] = []
    claim_event: dict[str, str] = {}
    for group in cluster(located, refs):
        event, told, summary, disputed_days = make_event(group, ctx)
        for cid in event.claims:
            claim_event.setdefault(cid, event.id)
        if disputed_days:
            dated = [(claims_by_id[x.event.claim], claim_dates[x.event.claim]) for x in group
                     if x.event.claim in claim_dates]
            con = date_contradiction(event.id, summary, dated, inferred)
            if con:
                contradictions.append(con)
        events.append(event)
        entries[event.id] = (tuple(report_entry(x, refs) for x in group), told)
    where = {c.id: (c.doc, c.start) for c in claims_by_id.values()}
    joins = report_joins(events, claims_by_id.values(), where, cut_claims(analyses))
    for event_id, cids in joins.items():
        claim_event.update((cid, event_id) for cid in cids)
    linked = {e.id: e.claims for e in events}
    events = [with_joins(e, joins.get(e.id, []), claims_by_id) for e in events]
    claims_out = [c.model_copy(update={"event": claim_event.get(c.id)}) for c in
                  sorted(claims_by_id.values(), key=lambda c: (c.doc, c.start, c.id))]
    names = {e.id: e.summary for e in events} | {p.id: p.name for p in places}
    copies = frozenset(d.id for d in docs.values() if d.duplicate_of)
    contradictions += number_contradictions(claims_out, report_window, names, copies)
    contradictions += denial_contradictions(claims_out)
    contradictions += [_publication_contradiction(c) for c in date_conflicts]
    contradictions += control_contradictions(events, {c.id: c for c in claims_out}, {p.id: p.name for p in places})
    events.sort(key=lambda e: event_order(e, entries[e.id][1]))
    actors = _actor_records(analyses)
    control = build_control(events, claims_out, places, actors, docs)
    timeline = [TimelineEntry(date=e.date.start, precision=e.date.precision, event=e.id)
                for e in events if e.date.start]
    picture = Picture(
        documents=tuple(docs[d.id] for d in documents),
        places=tuple(places),
        actors=tuple(actors),
        claims=tuple(claims_out),
        events=tuple(events),
        contradictions=tuple(sorted(contradictions, key=lambda c: (c.kind, c.id))),
        timeline=tuple(timeline),
        control=tuple(control),
    )
    forms: dict[str, list[Mention]] = defaultdict(list)
    first: dict[str, tuple[str, str]] = {}
    for analysis in analyses:
        for pm in analysis.places:
            first.setdefault(pm.place.id, (docs[analysis.doc].source_id, analysis.doc))
            if not pm.demonym:
                forms[pm.place.id].append(pm.mention)
    return Resolution(picture=picture,
                      events=tuple(EventEntry(e, entries[e.id][0], linked[e.id], entries[e.id][1],
                                              {cid: where[cid] for cid in e.claims}) for e in events),
                      place_forms={p.id: place_forms(forms[p.id]) for p in places},
                      place_first={p.id: first[p.id] for p in places}, dates=inference)
