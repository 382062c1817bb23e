"""Throughput of `analyze` vs a bare spaCy pass over the same texts, printed as a ratio (no assertions).

    .venv/bin/python bench/bench_analyze.py [N]     # N GVA articles from ../shared/eval (default 200)

Both sides run in this one process on the same texts, so the ratio is meaningful on a noisy machine.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import spacy

from frontwatch.analyze import analyze
from frontwatch.evaluation import eval_data_dir
from frontwatch.gazetteer import load as load_gazetteer
from frontwatch.nlp.pipeline import MODEL, get_nlp


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    lines = (eval_data_dir() / "gva_articles.jsonl").read_text(encoding="utf-8").splitlines()[:n]
    records = [json.loads(line) for line in lines]
    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)
    load_gazetteer()
    get_nlp()  # both sides start with models loaded
    bare = spacy.load(MODEL)
    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=16):
        pass
    bare_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("\n".join(json.dumps({"id": r["id"], "text": r["text"]}) for r in records) + "\n",
                          encoding="utf-8")
        t0 = time.perf_counter()
        analyze([str(corpus)], Path(tmp) / "store.db", Path(tmp) / "out")
        full_s = time.perf_counter() - t0
    print(f"documents: {len(texts)}  words: {words}")
    print(f"bare spaCy ({MODEL}): {len(texts) / bare_s:8.1f} docs/s  {words / bare_s:9.0f} words/s")
    print(f"frontwatch analyze:    {len(texts) / full_s:8.1f} docs/s  {words / full_s:9.0f} words/s")
    print(f"ratio analyze/bare time: {full_s / bare_s:.2f}x")


if __name__ == "__main__":
    main()
