"""report.html: the situation report as one standalone page an analyst can send or print to PDF.

Key judgements first, then a map (static SVG from the bundled borders) and a chart of events per day, then the
report's sections. Every citation [n] links to the words it stands for: an appendix holds each source's clean
text with the claims marked and anchored (#claim-<id>). No script, nothing fetched; every piece of article text is
escaped; same picture, same bytes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from itertools import pairwise

from ..actor_dictionary import acled_countries
from ..model import Claim, Document, Picture
from .changes import Baseline
from .report import Block, report_blocks
from .svg_chart import day_events, events_per_day_svg
from .svg_map import events_map_svg
from .svg_style import EVENT_COLORS, OTHER_COLOR, esc

JUDGEMENTS = "Key judgements"
_CITATION = re.compile(r"\[(\d+)\]")

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
 line-height:1.5;color:#1a1a1a}
h1,h2,h3{font-weight:600;line-height:1.25}h2{margin-top:2rem;border-bottom:1px solid #ddd}
li{margin:.3rem 0}a{color:#0b57d0}a.cite{text-decoration:none;font-size:.85em;vertical-align:super}
.judgements{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:.2rem 1.2rem 1rem}
.judgements h2{border:0}
figure{margin:1.5rem 0}figcaption{font-size:.9em;color:#555}svg{max-width:100%;height:auto;display:block}
svg.map .sea{fill:#eef4f8}svg.map .land{fill:#f4f1ea;stroke:#9a9a9a;stroke-width:.6}svg.map .hl{fill:#e8e1cf}
svg.map .dot{stroke:#fff;stroke-width:1.2;fill-opacity:.9}
svg.map .label{font-size:11px;fill:#222;paint-order:stroke;stroke:#fff;stroke-width:3px}
svg.map .country{font-size:10px;letter-spacing:.12em;fill:#8a8170}
svg.chart .grid{stroke:#e5e5e5}svg.chart .axis{stroke:#555}svg.chart .tick{font-size:10px;fill:#555}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;font-size:.9em}
ul.legend svg{display:inline;vertical-align:middle;margin-right:.3rem}
.source{border-top:1px solid #ddd;margin-top:1rem}.source .meta{color:#555;font-size:.9em}
.source .text{white-space:pre-wrap;font-family:Georgia,serif}
mark{background:#fff8d1}a.anchor{scroll-margin-top:3rem}
a.anchor:target+mark,a.anchor:target+a.anchor+mark,a.anchor:target+a.anchor+a.anchor+mark{background:#ffd54f;
 outline:2px solid #e0a800}
@media print{
 @page{margin:16mm}
 body{max-width:none;margin:0;font-size:10.5pt}
 a{color:inherit}a.cite{color:#444}
 h2,h3{break-after:avoid}li,figure,.judgements{break-inside:avoid}
 .appendix{break-before:page}
 mark,.judgements,svg{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
""".strip()


def _linked(text: str, anchors: Mapping[int, str]) -> str:
    """Escaped text whose citations [n] link to the claim they stand for, else to the source's text."""
    def link(found: re.Match[str]) -> str:
        n = int(found.group(1))
        target = f"claim-{anchors[n]}" if n in anchors else f"source-{n}"
        return f'<a class="cite" href="#{esc(target)}">[{n}]</a>'

    return _CITATION.sub(link, esc(text))


def _blocks_html(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    in_list = False
    for block in blocks:
        if block.kind == "li" and not in_list:
            out.append("<ul>")
        elif block.kind != "li" and in_list:
            out.append("</ul>")
        in_list = block.kind == "li"
        tag = block.kind if block.kind in {"h1", "h2", "li"} else "p"
        out.append(f"<{tag}>{_linked(block.text, block.anchors)}</{tag}>")
    if in_list:
        out.append("</ul>")
    return out


def _marked_text(text: str, claims: list[Claim]) -> str:
    """A source's text with each claim's words in <mark>, and an anchor where each claim starts. Claims may nest
    or overlap: the text is cut at every claim boundary and each piece marked when some claim covers it."""
    spans = sorted((c.start, c.end, c.id) for c in claims if 0 <= c.start < c.end <= len(text))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    for a, b in pairwise(cuts):
        out.extend(f'<a class="anchor" id="claim-{esc(cid)}"></a>' for s, _, cid in spans if s == a)
        piece = esc(text[a:b])
        covered = any(s <= a and b <= e for s, e, _ in spans)
        out.append(f"<mark>{piece}</mark>" if covered else piece)
    return "".join(out)


def _appendix(picture: Picture) -> list[str]:
    by_doc: dict[str, list[Claim]] = {}
    for claim in picture.claims:
        by_doc.setdefault(claim.doc, []).append(claim)
    out = ['<section class="appendix"><h2>Source texts</h2>',
           "<p>Each source's text as analysed; the words of every claim are marked. Citations link here.</p>"]
    for n, doc in enumerate(picture.documents, start=1):
        out.append(_source_section(n, doc, by_doc.get(doc.id, [])))
    out.append("</section>")
    return out


def _source_section(n: int, doc: Document, claims: list[Claim]) -> str:
    where = doc.url or doc.path or doc.source_id
    link = f'<a href="{esc(doc.url)}">{esc(doc.url)}</a>' if doc.url else esc(where)
    copy = f", republished from {esc(doc.syndicated_from)}" if doc.syndicated_from else ""
    return (f'<section class="source" id="source-{n}"><h3>[{n}] {esc(doc.outlet)}{copy} — {esc(doc.title)}</h3>'
            f'<p class="meta">{esc(doc.published.date or "undated")} ({esc(doc.published.basis)}) · {link}</p>'
            f'<div class="text">{_marked_text(doc.text, claims)}</div></section>')


def _figures(picture: Picture) -> list[str]:
    countries = acled_countries()
    places = {p.id: p for p in picture.places}
    shaded = frozenset(f"{countries[c].iso:03d}" for e in picture.events if e.place in places
                       and (c := places[e.place].country or "") in countries)
    figure_map = events_map_svg(picture, shaded)
    chart = events_per_day_svg(picture)
    if not figure_map.svg and not chart:
        return []
    types = Counter(e.event_type for e in picture.events)
    legend = "".join(f'<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" '
                     f'fill="{EVENT_COLORS.get(t, OTHER_COLOR)}"/></svg>{esc(t)} ({n})</li>'
                     for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0])))
    out = ["<h2>Where and when</h2>", f'<ul class="legend">{legend}</ul>']
    if figure_map.svg:
        out.append(f"<figure>{figure_map.svg}<figcaption>{figure_map.events} of {len(picture.events)} events at "
                   "their places (unlocated events, and places that are a whole country far from the rest, are not "
                   "drawn); a dot's size is its number of events, its colour their most common type. Borders: "
                   "Natural Earth.</figcaption></figure>")
    if chart:
        left_out = len(picture.events) - len(day_events(picture))
        note = f" {left_out} events dated only to a week or a month are not drawn." if left_out else ""
        out.append(f"<figure>{chart}<figcaption>Events per day by type.{note}</figcaption></figure>")
    return out


def report_html(picture: Picture, baseline: Baseline | None = None) -> str:
    """Standalone HTML; every piece of article text is escaped."""
    blocks = report_blocks(picture, baseline)
    body = _blocks_html(blocks[:2])  # the title and what the report covers
    rest = blocks[2:]
    if rest and (rest[0].kind, rest[0].text) == ("h2", JUDGEMENTS):
        end = next((i for i, b in enumerate(rest[1:], start=1) if b.kind == "h2"), len(rest))
        body += ['<section class="judgements">', *_blocks_html(rest[:end]), "</section>"]
        rest = rest[end:]
    body += _figures(picture)
    body += _blocks_html(rest)
    body += _appendix(picture)
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>Situation report</title><style>\n{CSS}\n</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")
