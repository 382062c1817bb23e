"""Throughput of `analyze` vs a bare spaCy pass over the same texts, printed as a ratio (no assertions).

    .venv/bin/python bench/bench_analyze.py [N]     # N GVA articles from ../shared/eval (default 200)

Both sides run in this one process on the same texts, so the ratio is meaningful on a noisy machine. Wall and CPU
time are both printed: ``analyze`` runs its extractors on a second thread beside spaCy, so on an idle two-core
machine its wall time is below its CPU time; on a loaded one (see the load average) the two converge.
"""

from __future__ import annotations

import json
import os
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
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in bare.pipe(texts, batch_size=16):
        pass
    bare_s, bare_cpu = time.perf_counter() - t0, time.process_time() - c0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("\n".join(json.dumps({"id": r["id"], "text": r["text"]}) for r in records) + "\n",
                          encoding="utf-8")
        t0, c0 = time.perf_counter(), time.process_time()
        analyze([str(corpus)], Path(tmp) / "store.db", Path(tmp) / "out")
        full_s, full_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"documents: {len(texts)}  words: {words}  load {os.getloadavg()[0]:.1f}")
    print(f"bare spaCy ({MODEL}): {len(texts) / bare_s:8.1f} docs/s  {words / bare_s:9.0f} words/s  "
          f"(wall {bare_s:.1f} s, CPU {bare_cpu:.1f} s)")
    print(f"frontwatch analyze:    {len(texts) / full_s:8.1f} docs/s  {words / full_s:9.0f} words/s  "
          f"(wall {full_s:.1f} s, CPU {full_cpu:.1f} s)")
    print(f"ratio analyze/bare time: {full_s / bare_s:.2f}x wall, {full_cpu / bare_cpu:.2f}x CPU  "
          f"(throughput {bare_s / full_s:.2f} of bare spaCy)")


if __name__ == "__main__":
    main()
