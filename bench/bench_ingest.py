"""HTML ingest throughput: pages/second through read → extract (trafilatura) → clean → document, against the plain
tag-stripper on the same pages (ratio printed; no assertions).

    .venv/bin/python bench/bench_ingest.py [N_PAGES]

Pages are built from the GVA articles in ../shared/eval (or the demo corpus when that is absent), wrapped in a
realistic page shell: head metadata, navigation, cookie banner, related links, footer.
"""

from __future__ import annotations

import html
import json
import os
import sys
import time
from importlib import resources
from pathlib import Path

from frontwatch.ingest.documents import make_document
from frontwatch.ingest.html import extract_page, html_to_text
from frontwatch.model import RawDocument

EVAL = Path(os.environ.get("FRONTWATCH_EVAL_DATA", Path(__file__).resolve().parents[2] / "shared" / "eval"))
SHELL = """<!doctype html><html><head><title>{title} | Bench Gazette</title>
<meta property="og:site_name" content="Bench Gazette">
<meta property="article:published_time" content="2024-11-{day:02d}">
<script>window.dataLayer = [];</script><style>body {{ font-family: serif; }}</style></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li>Subscribe</li></ul></nav>
<div class="cookies">We use cookies. <button>Accept</button></div>
<article><h1>{title}</h1>{paragraphs}</article>
<aside><h3>Related</h3><ul><li><a href="/a">Markets rally</a></li><li><a href="/b">Weather</a></li></ul></aside>
<footer>Copyright Bench Gazette. Contact tips@bench.example</footer></body></html>"""


def texts(n: int) -> list[str]:
    path = EVAL / "gva_articles.jsonl"
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            found = [json.loads(line)["text"] for line, _ in zip(handle, range(n), strict=False)]
    else:
        demo = sorted(Path(str(resources.files("frontwatch") / "data" / "demo")).glob("*.txt"))
        found = [p.read_text(encoding="utf-8") for p in demo]
    return [found[i % len(found)] for i in range(n)]


def page(text: str, i: int) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:] or lines)
    return SHELL.format(title=html.escape(lines[0][:100]), day=1 + i % 28, paragraphs=paragraphs)


def main(n: int) -> None:
    pages = [page(t, i) for i, t in enumerate(texts(n))]
    size = sum(len(p) for p in pages)
    started = time.perf_counter()
    for i, p in enumerate(pages):
        found = extract_page(p)
        make_document(RawDocument(source_id=f"p{i}.html", text=found.text, title=found.title, outlet=found.outlet,
                                  published=found.published))
    full = time.perf_counter() - started
    started = time.perf_counter()
    for i, p in enumerate(pages):
        make_document(RawDocument(source_id=f"p{i}.html", text=html_to_text(p)))
    plain = time.perf_counter() - started
    print(f"{n} pages, {size / 1e6:.1f} MB of HTML")
    print(f"trafilatura + clean + document: {n / full:7.1f} pages/s ({size / full / 1e6:.2f} MB/s)")
    print(f"plain stripper + clean + document: {n / plain:7.1f} pages/s")
    print(f"ratio (trafilatura path time / plain path time): {full / plain:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
