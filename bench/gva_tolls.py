"""Event-level tolls against the per-document figure on the GVA DEV data (issue 17.2), on a cached store of the
GVA analyses so resolution can be re-run in seconds. Prints clustering (B3, pairwise), each document's own killed and
injured figure against its incident (as ``frontwatch eval --only gva`` counts them) and the figures of the event
the document is mainly about (the one holding most of its claims: best killed, best wounded). No assertions.

    .venv/bin/python bench/gva_tolls.py /tmp/gva.db [--data ../shared/eval] [--limit N]

The first run analyses the GVA articles with spaCy into the store (about ten minutes on two busy cores); later runs
reuse the stored analyses, of whatever pipeline version (delete the store to redo them).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from frontwatch.analyze import picture_from_store, store_documents
from frontwatch.evaluation import b_cubed, casualty_counts, document_clusters, eval_data_dir, pairwise_f1
from frontwatch.ingest.documents import make_document
from frontwatch.model import Document, Picture, RawDocument
from frontwatch.store import Store


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gva_documents(data: Path, limit: int | None) -> tuple[list[tuple[Document, str]], dict[str, str]]:
    """The documents ``score_gva`` analyses (same text, same ids) and each one's incident."""
    articles = _read(data / "gva_articles.jsonl")
    chosen = set(sorted({str(a["incident_id"]) for a in articles}, key=int)[:limit])
    docs: list[tuple[Document, str]] = []
    gold: dict[str, str] = {}
    for article in articles:
        if str(article["incident_id"]) not in chosen:
            continue
        title, text = str(article.get("title") or ""), str(article["text"])
        body = text if not title or text.startswith(title) else f"{title}\n{text}"
        document = make_document(RawDocument(source_id=str(article["id"]), text=body, title=title or None,
                                             published=str(article["date"])))
        if document.id in gold or not document.text.strip():
            continue
        docs.append((document, text))
        gold[document.id] = str(article["incident_id"])
    return docs, gold


def main_events(picture: Picture) -> dict[str, str]:
    """Each document's main event: the event holding most of its claims (ties: the one it tells first)."""
    held: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for claim in picture.claims:
        if claim.event is not None:
            held[claim.doc][claim.event].append(claim.start)
    return {doc: min(events, key=lambda e: (-len(events[e]), min(events[e]), e)) for doc, events in held.items()}


def event_counts(picture: Picture, gold: dict[str, str], want: dict[str, dict[str, int]]) -> dict[str, float]:
    """Per document: the toll of its main event (``main_events``), killed from ``fatalities.best``, wounded from
    ``wounded.best``; 0 when the document has no event."""
    main = main_events(picture)
    events = {e.id: e for e in picture.events}
    hits: dict[str, int] = defaultdict(int)
    for doc, incident in gold.items():
        event = events[main[doc]] if doc in main else None
        hits["killed"] += ((event.fatalities.best or 0) if event else 0) == want[incident]["killed"]
        hits["wounded"] += ((event.wounded.best or 0) if event else 0) == want[incident]["wounded"]
    return {f"event_{unit}_exact": round(hits[unit] / len(gold), 4) for unit in ("killed", "wounded")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="first N incidents only")
    args = parser.parse_args()
    data = args.data or eval_data_dir()
    docs, gold = gva_documents(data, args.limit)
    want = {str(i["incident_id"]): {"killed": int(i["killed"]), "wounded": int(i["injured"])}
            for i in _read(data / "gva_incidents.jsonl")}
    with Store(args.db) as store:  # a complete store is reused whatever its pipeline version (resolution only)
        analysed = store_documents(store, docs) if store.count() < len(docs) else 0
        picture = picture_from_store(store)
    stored = {d.id for d in picture.documents}
    gold = {d: i for d, i in gold.items() if d in stored}
    predicted = {d: c for d, c in document_clusters(picture).items() if d in gold}
    _p, _r, f1 = b_cubed(gold, predicted)
    scores = {"documents": len(gold), "analysed now": analysed, "b3_f1": round(f1, 4),
              "pairwise_f1": round(pairwise_f1(gold, predicted), 4), **casualty_counts(picture, gold, want),
              **event_counts(picture, gold, want)}
    for name, value in scores.items():
        print(f"{name:24} {value}")


if __name__ == "__main__":
    main()
