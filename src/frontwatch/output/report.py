"""The situation report (Markdown and standalone HTML), generated from the picture only.

Every sentence ends with citations [n] into the numbered source list; contested points say who contests them;
conflicting figures are listed side by side with their speakers, never averaged.
"""

from __future__ import annotations

from collections import defaultdict

from ..extract.actors import ActorInfo, actor_table
from ..extract.quantities import figure, leading_hedge, parse_number_phrase, words_to_int
from ..model import Claim, Event, Picture, Place
from ..resolve.contradictions import describe_quantity, headline_count
from .changes import Baseline
from .report_changes import changes_blocks
from .report_common import Block, anchors, cite, count, event_phrase, sources
from .report_control import control_blocks

SECTIONS = [  # (title, event types), most important first; then casualties, foreign actors, humanitarian
    ("Front lines", {"Battles"}),
    ("Air and artillery campaign", {"Explosions/Remote violence"}),
    ("Violence against civilians", {"Violence against civilians"}),
    ("Strategic developments", {"Strategic developments"}),
    ("Protests and riots", {"Protests", "Riots"}),
]


def key_judgements(picture: Picture, numbers: dict[str, int], baseline: Baseline | None = None) -> list[Block]:
    """What the coverage establishes and what it does not: events two or more independent sources report, what is
    denied or disputed, and how much rests on one source. Each line cited like the rest of the report."""
    claims = {c.id: c for c in picture.claims}
    places = {p.id: p for p in picture.places}
    actors = actor_table()
    blocks: list[Block] = []
    confirmed = sorted((e for e in picture.events if e.status == "confirmed"),
                       key=lambda e: (-e.independent_sources, e.date.start or "", e.id))
    for event in confirmed:
        event_claims = [claims[c] for c in event.claims if c in claims]
        blocks.append(Block("li", f"Confirmed: {event_phrase(event, places, actors)} "
                                  f"({sources(event.independent_sources)}) {cite(event.sources, numbers)}.",
                            anchors(event_claims, numbers)))
    denied: dict[str, list[Claim]] = {}  # what is denied -> the claims on both sides, all denials of it together
    for con in picture.contradictions:
        con_claims = [claims[c] for c in con.claims if c in claims]
        if con.kind == "denial":
            denied.setdefault(con.about, []).extend(c for c in con_claims if c not in denied.get(con.about, []))
            continue
        blocks.append(Block("li", f"Disputed: {con.explanation.rstrip('.')} "
                                  f"{cite((c.doc for c in con_claims), numbers)}.", anchors(con_claims, numbers)))
    for about, both in denied.items():
        deniers = list(dict.fromkeys(c.speaker or "an unnamed source" for c in both if c.stance == "deny"))
        verb = "denies" if len(deniers) == 1 else "deny"
        blocks.append(Block("li", f"Denied: \u201c{about}\u201d — {' and '.join(deniers)} {verb} it "
                                  f"{cite((c.doc for c in both), numbers)}.",
                            anchors(sorted(both, key=lambda c: c.stance != "assert"), numbers)))
    single = [e for e in picture.events if e.independent_sources <= 1]
    if single:
        blocks.append(Block("li", f"Unverified: {len(single)} of {len(picture.events)} events rest on a single "
                                  "source; treat them as reports, not findings "
                                  f"{cite((d for e in single for d in e.sources), numbers)}."))
    unlocated = [e for e in picture.events if e.lat is None or e.lon is None]
    if unlocated:
        blocks.append(Block("li", f"Unlocated: {len(unlocated)} events happened at places no gazetteer we ship "
                                  "knows; they are listed but not mapped "
                                  f"{cite((d for e in unlocated for d in e.sources), numbers)}."))
    if baseline is not None or picture.events:
        blocks += changes_blocks(picture, baseline, numbers)
    return [Block("h2", "Key judgements"), *blocks] if blocks else []


def _foreign(actor: ActorInfo, place: Place | None) -> bool:
    """External forces, or a state's actor acting outside its own country."""
    home = place.country if place is not None else None
    return actor.kind == "external_forces" or (actor.country is not None and home is not None and actor.country != home)


def _copies(picture: Picture) -> frozenset[str]:
    """Documents that copy another document of the picture: their figures are the original's, told once."""
    present = {d.id for d in picture.documents}
    return frozenset(d.id for d in picture.documents if d.duplicate_of in present)


def _mid_sentence(words: str) -> str:
    """A count's words as they read inside a sentence: "At least 12 people" -> "at least 12 people" (a name keeps
    its capital)."""
    first = words.split(" ", 1)[0].lower()
    if leading_hedge(words) or words_to_int(first) is not None or parse_number_phrase(first) is not None:
        return words[:1].lower() + words[1:]
    return words


def _tolls_said(event: Event, claims: dict[str, Claim], copies: frozenset[str]) -> list[str]:
    """An event's death tolls as their speakers give them, one clause per speaker and figure ("the ministry says
    at least 400 were killed"); the outlet's own figure is what it reports. Never a figure of our own."""
    said: dict[str, None] = {}
    for claim_id in event.claims:
        claim = claims.get(claim_id)
        q = headline_count(claim) if claim is not None and claim.stance == "assert" else None
        if claim is None or q is None or claim.doc in copies:
            continue
        own = bool(claim.via) and claim.speaker == claim.via[0]
        verb = "reports" if own else "says"
        victims = _mid_sentence(" ".join(q.text.split())) or describe_quantity(q)
        said[f"{claim.speaker or 'an unnamed source'} {verb} {victims} {'was' if figure(q) == 1 else 'were'} "
             "killed"] = None
    return list(said)


def report_blocks(picture: Picture, baseline: Baseline | None = None) -> list[Block]:
    numbers = {d.id: i for i, d in enumerate(picture.documents, start=1)}
    claims = {c.id: c for c in picture.claims}
    copies = _copies(picture)
    places = {p.id: p for p in picture.places}
    actors = actor_table()
    blocks: list[Block] = [Block("h1", "Situation report")]
    dated = [d for d in picture.documents if d.published.date]
    scope = (f"{count(len(picture.documents), 'document')} from "
             f"{count(len({d.outlet for d in picture.documents}), 'outlet')} ({len(dated)} dated)")
    cited = cite(list(numbers), numbers)
    blocks.append(Block("p", f"This report covers {scope}, giving {count(len(picture.events), 'event')}, "
                             f"{count(len(picture.claims), 'claim')} and "
                             f"{count(len(picture.contradictions), 'contradiction')}{' ' if cited else ''}{cited}."))
    blocks += key_judgements(picture, numbers, baseline)
    blocks += control_blocks(picture, numbers)
    by_section: dict[str, list] = defaultdict(list)
    for event in picture.events:
        for title, types in SECTIONS:
            if event.event_type in types:
                by_section[title].append(event)
    for title, _types in SECTIONS:
        events = by_section.get(title)
        if not events:
            continue
        blocks.append(Block("h2", title))
        events = sorted(events, key=lambda e: (-e.independent_sources, e.date.start or "", e.id))
        for event in events:
            place = places.get(event.place or "")
            when = event.date.start or "undated"
            if event.date.precision != "day" and event.date.start:
                when = f"{event.date.start} to {event.date.end} ({event.date.precision})"
            actor = actors[event.actor1].name if event.actor1 in actors else "An unidentified actor"
            where = place.name if place else "an unknown place"
            sentence = (f"{when}: {actor} — {event.sub_event_type.lower()} at {where}; "
                        f"{event.status.replace('_', ' ')}, {sources(event.independent_sources)}")
            denials = [claims[c] for c in event.claims if c in claims and claims[c].stance == "deny"]
            if denials:
                who = ", ".join(sorted({d.speaker or "unknown" for d in denials}))
                sentence += f" (contested: {who} denies it {cite([d.doc for d in denials], numbers)})"
            tolls = _tolls_said(event, claims, copies)
            if tolls:
                sentence += "; " + "; ".join(tolls)
            blocks.append(Block("li", sentence + " " + cite(list(event.sources), numbers) + ".",
                                anchors([*denials, *(claims[c] for c in event.claims if c in claims)], numbers)))
    casualty_claims: list[Claim] = [c for c in picture.claims if headline_count(c) is not None
                                    and c.stance == "assert" and c.doc not in copies]
    if casualty_claims:
        blocks.append(Block("h2", "Casualties (figures side by side, not averaged)"))
        for claim in casualty_claims:
            q = headline_count(claim)
            assert q is not None
            parts = [describe_quantity(p) for p in claim.quantities if p.part_of is not None]
            including = f", including {', '.join(parts)}" if parts else ""
            chain = " → ".join(claim.via)
            blocks.append(Block("li", f"{claim.speaker}: {describe_quantity(q)} killed{including} (via {chain}) "
                                      f"{cite([claim.doc], numbers)}.", anchors([claim], numbers)))
    foreign = [e for e in picture.events if any(_foreign(actors[a], places.get(e.place or ""))
                                                for a in (e.actor1, e.actor2) if a in actors)]
    if foreign:
        blocks.append(Block("h2", "Foreign actors"))
        for event in sorted(foreign, key=lambda e: (e.date.start or "", e.id)):
            names = " and ".join(actors[a].name for a in (event.actor1, event.actor2) if a in actors)
            place = places.get(event.place or "")
            blocks.append(Block("li", f"{event.date.start or 'undated'}: {names} — {event.sub_event_type.lower()} "
                                      f"at {place.name if place else 'an unknown place'}; "
                                      f"{event.status.replace('_', ' ')} {cite(list(event.sources), numbers)}.",
                                anchors((claims[c] for c in event.claims if c in claims), numbers)))
    humanitarian = [(c, q) for c in picture.claims if c.stance == "assert" and c.doc not in copies
                    for q in c.quantities if q.unit in {"displaced", "missing"} and q.part_of is None]
    if humanitarian:
        blocks.append(Block("h2", "Humanitarian (displaced and missing, as reported)"))
        for claim, q in humanitarian:
            blocks.append(Block("li", f"{claim.speaker}: {describe_quantity(q)} {q.unit} (\u201c{q.text}\u201d) "
                                      f"{cite([claim.doc], numbers)}.", anchors([claim], numbers)))
    if picture.contradictions:
        blocks.append(Block("h2", "Contradictions"))
        for con in picture.contradictions:
            con_claims = [claims[c] for c in con.claims if c in claims]
            blocks.append(Block("li", f"{con.kind}: {con.explanation} {cite((c.doc for c in con_claims), numbers)}",
                                anchors(con_claims, numbers)))
    blocks.append(Block("h2", "Sources"))
    for doc in picture.documents:
        date = doc.published.date or "undated"
        basis = doc.published.basis
        where = doc.url or doc.path or doc.source_id
        syndication = f", republished from {doc.syndicated_from}" if doc.syndicated_from else ""
        blocks.append(Block("li", f"[{numbers[doc.id]}] {doc.outlet}{syndication} — {doc.title} — {date} ({basis})"
                             f" — {where}"))
    return blocks


def report_markdown(picture: Picture, baseline: Baseline | None = None) -> str:
    lines: list[str] = []
    for kind, text, _ in report_blocks(picture, baseline):
        if kind == "h1":
            lines += [f"# {text}", ""]
        elif kind == "h2":
            lines += ["", f"## {text}", ""]
        elif kind == "li":
            lines.append(f"- {text}")
        else:
            lines += [text, ""]
    return "\n".join(lines).rstrip() + "\n"
