"""Do two plain processes scale on this machine? The per-document stage on the same documents in one process alone,
then in two processes at once (no Dask): wall and CPU seconds of each, models loaded before the clock starts.

    .venv/bin/python bench/probe_parallel.py [N] [--loop]

If two processes at once each need much more CPU per document than one alone, the two cores share something
(hyper-threads of one physical core, cache, memory bandwidth) and no scheduler can reach 2x. ``--loop`` times a
pure-Python loop instead of the stage (no memory traffic to speak of: tells hyper-threads from memory).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOOP = 30_000_000  # iterations of the pure-Python loop: ~1-2 s on this machine


def _one(n: int, loop: bool) -> None:
    if loop:
        wall, cpu = time.perf_counter(), time.thread_time()
        total = 0
        for i in range(LOOP):
            total += i ^ (i >> 3)
    else:
        from frontwatch.analyze import collect
        from frontwatch.classify import classifier
        from frontwatch.embed import embedder
        from frontwatch.evaluation import eval_data_dir
        from frontwatch.extract.document import analyse_documents
        from frontwatch.nlp.pipeline import get_nlp

        lines = (eval_data_dir() / "gva_articles.jsonl").read_text(encoding="utf-8").splitlines()[:n]
        path = Path(tempfile.mkdtemp()) / "corpus.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        documents = [d for d, _ in collect([str(path)])[0]]
        get_nlp(), embedder(), classifier()
        list(analyse_documents(documents[:4], overlap=False))  # warm (one thread, as a worker)
        wall, cpu = time.perf_counter(), time.thread_time()
        list(analyse_documents(documents, overlap=False))
    print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.thread_time() - cpu}), flush=True)


def _run(copies: int, args: list[str]) -> list[dict[str, float]]:
    procs = [subprocess.Popen([sys.executable, __file__, "--one", *args], stdout=subprocess.PIPE, text=True)
             for _ in range(copies)]
    return [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]


def main() -> None:
    if "--one" in sys.argv:
        args = [a for a in sys.argv[1:] if not a.startswith("--")]
        _one(int(args[0]) if args else 48, "--loop" in sys.argv)
        return
    args = sys.argv[1:]
    for copies in (1, 2, 1):
        start = os.getloadavg()[0]
        results = _run(copies, args)
        print(f"{copies} process(es) at once: "
              + "; ".join(f"{r['wall']:.2f} s wall / {r['cpu']:.2f} s CPU" for r in results)
              + f"  load {start:.1f} -> {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
