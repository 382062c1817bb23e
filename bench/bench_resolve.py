"""Scaling of cross-document resolution (build_picture: dates, clustering, corroboration, contradictions) for
1k, 2k, 5k and 10k documents. Prints seconds and seconds per 1k documents; near-linear means the last column
stays flat. No assertions.

    .venv/bin/python bench/bench_resolve.py [SIZES...]

The documents are real analyses of GVA articles (or the demo corpus when ../shared/eval is absent), analysed
once, then copied with new ids and publication dates spread over two years, so every size has the same mix.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from frontwatch.extract.document import analyse_documents
from frontwatch.ingest.documents import make_document
from frontwatch.model import DocAnalysis, Document, Published, RawDocument
from frontwatch.resolve.picture import build_picture

EVAL = Path(os.environ.get("FRONTWATCH_EVAL_DATA", Path(__file__).resolve().parents[2] / "shared" / "eval"))
BASE_DOCS = 150


def base() -> list[tuple[Document, DocAnalysis]]:
    path = EVAL / "gva_articles.jsonl"
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line, _ in zip(handle, range(BASE_DOCS), strict=False)]
        raws = [RawDocument(source_id=r["id"], text=r["text"], title=r["title"] or None, published=r["date"])
                for r in rows]
    else:
        demo = sorted(Path(str(resources.files("frontwatch") / "data" / "demo")).glob("*.txt"))
        raws = [RawDocument(source_id=p.name, path=str(p), text=p.read_text(encoding="utf-8"),
                            published="2024-12-01") for p in demo]
    documents = [make_document(r) for r in raws]
    return list(zip(documents, analyse_documents(documents), strict=True))


def replicate(pairs: list[tuple[Document, DocAnalysis]], n: int) -> tuple[list[Document], dict[str, DocAnalysis]]:
    documents, analyses = [], {}
    start = date(2015, 1, 1)
    for k in range(n):
        document, analysis = pairs[k % len(pairs)]
        new_id = f"{document.id}-{k}"
        day = (start + timedelta(days=(k * 7919) % 730)).isoformat()
        copy = document.model_copy(update={"id": new_id, "source_id": f"{document.source_id}-{k}",
                                           "published": Published(date=day, precision="day", basis="metadata")})
        text = analysis.model_dump_json().replace(document.id, new_id)
        documents.append(copy)
        analyses[new_id] = DocAnalysis.model_validate_json(text)
    return documents, analyses


def main(sizes: list[int]) -> None:
    pairs = base()
    print(f"{'documents':>10} {'seconds':>9} {'s per 1k':>9} {'events':>8}")
    for n in sizes:
        documents, analyses = replicate(pairs, n)
        started = time.perf_counter()
        picture = build_picture(documents, analyses)
        seconds = time.perf_counter() - started
        print(f"{n:>10} {seconds:9.2f} {seconds / n * 1000:9.2f} {len(picture.events):>8}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 2000, 5000, 10000])
