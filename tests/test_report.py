"""The report an analyst sends: key judgements first, a map and a chart drawn offline, citations that open the
claim's words in the source text, a print layout."""

from __future__ import annotations

import html
import re

from frontwatch.output.report_html import report_html
from frontwatch.output.svg_map import View, _ring_path, countries


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_key_judgements_come_first_in_both_reports(demo_run) -> None:
    _result, out = demo_run
    for name, heading in (("report.md", "## Key judgements"), ("report.html", "<h2>Key judgements</h2>")):
        report = (out / name).read_text(encoding="utf-8")
        assert heading in report, name
        top = report.split(heading, 1)[1]
        first_section = min(report.index(h) for h in ("Front lines", "Air and artillery"))
        assert report.index(heading) < first_section
        top = _text(top) if name.endswith("html") else top
        assert re.search(r"Confirmed: 2024-12-01: Government of Syria — air/drone strike at Idlib "
                         r"\(2 independent sources\)", top), name
        assert re.search(r"Denied: “Opposition fighters said on Monday that they had captured the town of Suran[^\n]*"
                         r"— (army and Syrian state media|Syrian state media and army) deny it", top), name
        assert "Unverified: " in top and "source(s)" not in report


def test_every_citation_opens_the_words_it_stands_for(demo_run) -> None:
    picture = demo_run[0].picture
    page = (demo_run[1] / "report.html").read_text(encoding="utf-8")
    claims = {c.id: c for c in picture.claims}
    ids = set(re.findall(r'id="([^"]+)"', page))
    targets = re.findall(r'<a class="cite" href="#([^"]+)">\[\d+\]</a>', page)
    assert len(targets) > 20 and set(targets) <= ids, set(targets) - ids
    claim_targets = {t.removeprefix("claim-") for t in targets if t.startswith("claim-")}
    assert claim_targets
    for claim_id in claim_targets:
        after = page.split(f'<a class="anchor" id="claim-{claim_id}"></a>', 1)[1]
        after = re.sub(r'^(<a class="anchor" id="[^"]+"></a>)+', "", after)  # claims that start at the same word
        assert after.startswith("<mark>")
        assert _text(after).startswith(claims[claim_id].text), claim_id
    appendix = page.split('<section class="appendix">', 1)[1]
    for n in range(1, len(picture.documents) + 1):
        assert f'id="source-{n}"' in appendix


def test_the_html_report_draws_a_map_and_a_chart_with_nothing_fetched(demo_run) -> None:
    picture = demo_run[0].picture
    page = (demo_run[1] / "report.html").read_text(encoding="utf-8")
    svg_map = re.search(r'<svg class="map".*?</svg>', page, re.S)
    chart = re.search(r'<svg class="chart".*?</svg>', page, re.S)
    assert svg_map and chart
    assert svg_map.group(0).count('<path class="land') >= 3, "Syria and its neighbours"
    assert '<path class="land hl" d=' in svg_map.group(0), "the countries with events are shaded"
    assert svg_map.group(0).count("<circle") >= 8
    assert ">Damascus</text>" in svg_map.group(0) and 'class="country">SYRIA</text>' in svg_map.group(0)
    day_dated = sum(1 for e in picture.events if e.date.precision == "day")
    assert sum(int(n) for n in re.findall(r"<title>\d{4}-\d\d-\d\d: (\d+) ", chart.group(0))) == day_dated
    assert "<script" not in page and " src=" not in page and "url(" not in page and "@import" not in page
    assert "default-src 'none'" in page
    assert "@media print" in page and "@page" in page


def test_same_picture_same_bytes(demo_run) -> None:
    picture = demo_run[0].picture
    assert report_html(picture) == (demo_run[1] / "report.html").read_text(encoding="utf-8")


def test_borders_are_decoded_and_a_ring_across_the_date_line_is_cut_not_drawn_across() -> None:
    syria = next(c for c in countries() if c.name == "Syria")
    lons = [p[0] for ring in syria.rings for p in ring]
    lats = [p[1] for ring in syria.rings for p in ring]
    assert 35 < min(lons) < 36.5 and 41.5 < max(lons) < 42.5 and 32 < min(lats) < 33 and 37 < max(lats) < 37.5
    view = View(-180, -10, 180, 10, 720, 40)
    path = _ring_path(((179.0, 0.0), (-179.0, 0.0), (-179.0, 1.0), (179.0, 1.0)), view)
    assert path.count("M") == 3, path


def test_an_empty_picture_reads_as_english() -> None:
    from frontwatch.model import Picture
    from frontwatch.output.report import report_markdown

    empty = Picture(documents=(), places=(), actors=(), claims=(), events=(), contradictions=(), timeline=())
    text = report_markdown(empty)
    assert "covers 0 documents from 0 outlets (0 dated), giving 0 events, 0 claims and 0 contradictions." in text
    assert " ." not in text and "<svg" not in report_html(empty)
