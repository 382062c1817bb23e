"""The report an analyst sends: key judgements first, a map and a chart drawn offline, citations that open the
claim's words in the source text, a print layout."""

from __future__ import annotations

import html
import re
from collections import Counter

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
        assert re.search(r"Confirmed: 2024-12-01: Military Forces of Syria — air/drone strike at Idlib "
                         r"\(2 independent sources\)", top), name
        assert re.search(r"Denied: “Opposition fighters said on Monday that they had captured the town of Suran[^\n]*"
                         r"— Syrian state media denies it", top), name  # "saying the army had repelled the attack":
        # the army fought; only the media denied
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


def test_changes_of_control_are_a_cited_section_of_both_reports(demo_run) -> None:
    picture = demo_run[0].picture
    places = {p.id: p.name for p in picture.places}
    periods = [(places[c.place], p) for c in picture.control for p in c.periods]
    assert periods, "the demo corpus tells who took Suran and Aleppo"
    markdown = (demo_run[1] / "report.md").read_text(encoding="utf-8")
    section = markdown.split("## Changes of control\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(lines) == len(periods)
    for line in lines:
        assert re.search(r"; (confirmed|single source|contested|denied) (\[\d+\])+\.$", line), line
    suran = next(name for name, _ in periods if name in {"Suran", "Souran"})  # the coverage's commoner spelling
    assert any(line.startswith(f"- {suran}: held by Military Forces of Syria from 2024-12-03, still holding it")
               for line in lines), lines
    denied = f"- {suran}: said to be held by Unidentified Armed Group (Syria) from 2024-12-02 until 2024-12-03; " \
        "denied ["
    assert denied in section, "a denied capture is not stated as fact"
    page = (demo_run[1] / "report.html").read_text(encoding="utf-8")
    html_section = page.split("<h2>Changes of control</h2>", 1)[1].split("<h2>", 1)[0]
    items = re.findall(r"<li>.*?</li>", html_section)
    assert len(items) == len(periods)
    assert all('<a class="cite" href="#claim-' in item for item in items), "each line links to its claim's words"


def _without_late_events(picture):
    """The demo picture as an earlier run would have seen it: its last-dated events not yet reported, one event
    still single-sourced and one contradiction not yet found (one about a subject no other contradiction shares: a
    second denial of a denied claim is no new contradiction)."""
    events = sorted(picture.events, key=lambda e: (e.date.start or "", e.id))
    kept = list(events[:-3])
    confirmed = next(i for i, e in enumerate(kept) if e.status == "confirmed")
    kept[confirmed] = kept[confirmed].model_copy(update={"status": "single_source"})
    subjects = Counter((c.kind, c.about) for c in picture.contradictions)
    found = next(c for c in picture.contradictions if subjects[c.kind, c.about] == 1)
    others = tuple(c for c in picture.contradictions if c != found)
    earlier = picture.model_copy(update={"events": tuple(kept), "contradictions": others})
    return earlier, events[-3:], kept[confirmed], found


def test_the_report_says_what_changed_since_the_previous_run(demo_run, tmp_path) -> None:
    from frontwatch.output.report import report_markdown
    from frontwatch.output.write import PREVIOUS, write_outputs

    picture = demo_run[0].picture
    earlier, late, upgraded, found = _without_late_events(picture)
    out = tmp_path / "out"
    write_outputs(earlier, out)
    assert not (out / PREVIOUS).exists()
    assert "Since the previous run: no earlier picture in this output directory" in (out / "report.md").read_text()
    write_outputs(picture, out)
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert PREVIOUS in first, "the overwritten picture is kept as the baseline"
    report = (out / "report.md").read_text(encoding="utf-8")
    judgements = report.split("## Key judgements", 1)[1].split("\n## ", 1)[0]
    assert re.search(rf"Since the previous run \(\d+ documents, {len(earlier.events)} events\): 3 new events, "
                     r"1 change of status and 1 new contradiction\.", judgements), judgements
    assert len(re.findall(r"^- New: .*(\[\d+\])+\.$", judgements, re.M)) == len(late)
    assert re.search(r"^- Status changed: .*: single source → confirmed (\[\d+\])+\.$", judgements, re.M)
    assert f"New contradiction ({found.kind})" in judgements
    assert upgraded.id not in judgements and "evt-" not in judgements
    # the same picture again: the baseline stays the earlier one, every file the same bytes
    write_outputs(picture, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    assert report_markdown(picture) != report, "without a baseline the report says so instead"


def test_a_baseline_that_is_not_a_picture_is_no_baseline(demo_run, tmp_path) -> None:
    from frontwatch.output.write import PREVIOUS, write_outputs

    (tmp_path / "picture.json").write_text("{not json", encoding="utf-8")
    write_outputs(demo_run[0].picture, tmp_path)
    assert (tmp_path / PREVIOUS).read_text(encoding="utf-8") == "{not json"
    assert "no earlier picture in this output directory" in (tmp_path / "report.md").read_text(encoding="utf-8")
