"""The situation report (Markdown and standalone HTML), generated from the picture only.

Every sentence ends with citations [n] into the numbered source list; contested points say who contests them;
conflicting figures are listed side by side with their speakers, never averaged.
"""

from __future__ import annotations

import html
from collections import defaultdict

from ..extract.actors import ActorInfo, actor_table
from ..extract.quantities import figure, leading_hedge, parse_number_phrase, words_to_int
from ..model import Claim, Event, Picture, Place
from ..resolve.contradictions import describe_quantity, headline_count

SECTIONS = [  # (title, event types), most important first; then casualties, foreign actors, humanitarian
    ("Front lines", {"Battles"}),
    ("Air and artillery campaign", {"Explosions/Remote violence"}),
    ("Violence against civilians", {"Violence against civilians"}),
    ("Strategic developments", {"Strategic developments"}),
    ("Protests and riots", {"Protests", "Riots"}),
]
Block = tuple[str, str]  # (kind: h1 | h2 | p | li, text)


def _cite(doc_ids: list[str], numbers: dict[str, int]) -> str:
    return "".join(f"[{n}]" for n in sorted({numbers[d] for d in doc_ids if d in numbers}))


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


def report_blocks(picture: Picture) -> list[Block]:
    numbers = {d.id: i for i, d in enumerate(picture.documents, start=1)}
    claims = {c.id: c for c in picture.claims}
    copies = _copies(picture)
    places = {p.id: p for p in picture.places}
    actors = actor_table()
    blocks: list[Block] = [("h1", "Situation report")]
    dated = [d for d in picture.documents if d.published.date]
    scope = (f"{len(picture.documents)} documents from {len({d.outlet for d in picture.documents})} outlets"
             f" ({len(dated)} dated)")
    blocks.append(("p", f"This report covers {scope}, giving {len(picture.events)} events, {len(picture.claims)} "
                        f"claims and {len(picture.contradictions)} contradictions {_cite(list(numbers), numbers)}."))
    by_section: dict[str, list] = defaultdict(list)
    for event in picture.events:
        for title, types in SECTIONS:
            if event.event_type in types:
                by_section[title].append(event)
    for title, _types in SECTIONS:
        events = by_section.get(title)
        if not events:
            continue
        blocks.append(("h2", title))
        events = sorted(events, key=lambda e: (-e.independent_sources, e.date.start or "", e.id))
        for event in events:
            place = places.get(event.place or "")
            when = event.date.start or "undated"
            if event.date.precision != "day" and event.date.start:
                when = f"{event.date.start} to {event.date.end} ({event.date.precision})"
            actor = actors[event.actor1].name if event.actor1 in actors else "An unidentified actor"
            where = place.name if place else "an unknown place"
            sentence = (f"{when}: {actor} — {event.sub_event_type.lower()} at {where}; "
                        f"{event.status.replace('_', ' ')}, {event.independent_sources} independent source(s)")
            denials = [claims[c] for c in event.claims if c in claims and claims[c].stance == "deny"]
            if denials:
                who = ", ".join(sorted({d.speaker or "unknown" for d in denials}))
                sentence += f" (contested: {who} denies it {_cite([d.doc for d in denials], numbers)})"
            tolls = _tolls_said(event, claims, copies)
            if tolls:
                sentence += "; " + "; ".join(tolls)
            blocks.append(("li", sentence + " " + _cite(list(event.sources), numbers) + "."))
    casualty_claims: list[Claim] = [c for c in picture.claims if headline_count(c) is not None
                                    and c.stance == "assert" and c.doc not in copies]
    if casualty_claims:
        blocks.append(("h2", "Casualties (figures side by side, not averaged)"))
        for claim in casualty_claims:
            q = headline_count(claim)
            assert q is not None
            parts = [describe_quantity(p) for p in claim.quantities if p.part_of is not None]
            including = f", including {', '.join(parts)}" if parts else ""
            chain = " → ".join(claim.via)
            blocks.append(("li", f"{claim.speaker}: {describe_quantity(q)} killed{including} (via {chain}) "
                                 f"{_cite([claim.doc], numbers)}."))
    foreign = [e for e in picture.events if any(_foreign(actors[a], places.get(e.place or ""))
                                                for a in (e.actor1, e.actor2) if a in actors)]
    if foreign:
        blocks.append(("h2", "Foreign actors"))
        for event in sorted(foreign, key=lambda e: (e.date.start or "", e.id)):
            names = " and ".join(actors[a].name for a in (event.actor1, event.actor2) if a in actors)
            place = places.get(event.place or "")
            blocks.append(("li", f"{event.date.start or 'undated'}: {names} — {event.sub_event_type.lower()} at "
                                 f"{place.name if place else 'an unknown place'}; {event.status.replace('_', ' ')} "
                                 f"{_cite(list(event.sources), numbers)}."))
    humanitarian = [(c, q) for c in picture.claims if c.stance == "assert" and c.doc not in copies
                    for q in c.quantities if q.unit in {"displaced", "missing"} and q.part_of is None]
    if humanitarian:
        blocks.append(("h2", "Humanitarian (displaced and missing, as reported)"))
        for claim, q in humanitarian:
            blocks.append(("li", f"{claim.speaker}: {describe_quantity(q)} {q.unit} "
                                 f"(\u201c{q.text}\u201d) {_cite([claim.doc], numbers)}."))
    if picture.contradictions:
        blocks.append(("h2", "Contradictions"))
        for con in picture.contradictions:
            docs = [claims[c].doc for c in con.claims if c in claims]
            blocks.append(("li", f"{con.kind}: {con.explanation} {_cite(docs, numbers)}"))
    blocks.append(("h2", "Sources"))
    for doc in picture.documents:
        date = doc.published.date or "undated"
        basis = doc.published.basis
        where = doc.url or doc.path or doc.source_id
        syndication = f", republished from {doc.syndicated_from}" if doc.syndicated_from else ""
        blocks.append(("li", f"[{numbers[doc.id]}] {doc.outlet}{syndication} — {doc.title} — {date} ({basis})"
                             f" — {where}"))
    return blocks


def report_markdown(picture: Picture) -> str:
    lines: list[str] = []
    for kind, text in report_blocks(picture):
        if kind == "h1":
            lines += [f"# {text}", ""]
        elif kind == "h2":
            lines += ["", f"## {text}", ""]
        elif kind == "li":
            lines.append(f"- {text}")
        else:
            lines += [text, ""]
    return "\n".join(lines).rstrip() + "\n"


CSS = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
       "h1,h2{font-weight:600}li{margin:.3rem 0}")


def report_html(picture: Picture) -> str:
    """Standalone HTML; every piece of article text is escaped."""
    body: list[str] = []
    in_list = False
    for kind, text in report_blocks(picture):
        if kind == "li" and not in_list:
            body.append("<ul>")
            in_list = True
        elif kind != "li" and in_list:
            body.append("</ul>")
            in_list = False
        tag = kind if kind != "p" else "p"
        body.append(f"<{tag}>{html.escape(text)}</{tag}>")
    if in_list:
        body.append("</ul>")
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>Situation report</title><style>{CSS}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")
