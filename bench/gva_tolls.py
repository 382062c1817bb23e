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
import os
from pathlib import Path
from typing import Any

from frontwatch.analyze import picture_from_store, store_documents
from frontwatch.evaluation import (
    b_cubed,
    casualty_counts,
    document_clusters,
    eval_data_dir,
    event_casualty_counts,
    gva_documents,
    incident_counts,
    pairwise_f1,
)
from frontwatch.store import Store


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="first N incidents only")
    args = parser.parse_args()
    data = args.data or eval_data_dir()
    docs, gold = gva_documents(_read(data / "gva_articles.jsonl"), args.limit)
    want = incident_counts(_read(data / "gva_incidents.jsonl"))
    with Store(args.db) as store:  # a complete store is reused whatever its pipeline version (resolution only)
        analysed = store_documents(store, docs) if store.count() < len(docs) else 0
        picture = picture_from_store(store)
    stored = {d.id for d in picture.documents}
    gold = {d: i for d, i in gold.items() if d in stored}
    predicted = {d: c for d, c in document_clusters(picture).items() if d in gold}
    _p, _r, f1 = b_cubed(gold, predicted)
    scores = {"documents": len(gold), "analysed now": analysed, "b3_f1": round(f1, 4),
              "pairwise_f1": round(pairwise_f1(gold, predicted), 4), **casualty_counts(picture, gold, want),
              **{k.removeprefix("gva."): v for k, v in event_casualty_counts(picture, gold, want).items()}}
    scores["load average"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    for name, value in scores.items():
        print(f"{name:24} {value}")


if __name__ == "__main__":
    main()
