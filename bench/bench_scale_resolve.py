"""Resolution time per 1,000 documents as the corpus grows: ``build_picture`` (dates, clustering, corroboration,
contradictions, control) on stored analyses of the synthetic corpus, grown by ``replicate.py`` (spaCy is not run
here). Prints seconds, seconds per 1k and time(n) / time(first size); flat per-1k means linear. No assertions.

    .venv/bin/python bench/synthetic.py 1000 /tmp/s1k.jsonl
    .venv/bin/frontwatch analyze /tmp/s1k.jsonl --db /tmp/s1k.db --out /tmp/s1k-out
    .venv/bin/python bench/bench_scale_resolve.py /tmp/s1k.db [SIZES...]     # default 1000 10000
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

from frontwatch.resolve.picture import build_picture
from replicate import grow, load_base


def main(db: Path, sizes: list[int]) -> None:
    base = load_base(db)
    print(f"base: {len(base)} analysed documents from {db}")
    print(f"{'documents':>10} {'seconds':>9} {'s per 1k':>9} {'events':>8} {'time / first':>13}", flush=True)
    first = None
    for n in sizes:
        pairs = grow(base, n)
        documents = [d for d, _ in pairs]
        analyses = {a.doc: a for _, a in pairs}
        del pairs
        gc.collect()
        started = time.perf_counter()
        picture = build_picture(documents, analyses)
        seconds = time.perf_counter() - started
        first = first or seconds
        print(f"{n:>10} {seconds:9.2f} {seconds / n * 1000:9.3f} {len(picture.events):>8} {seconds / first:13.1f}",
              flush=True)
        del documents, analyses, picture


if __name__ == "__main__":
    main(Path(sys.argv[1]), [int(a) for a in sys.argv[2:]] or [1000, 10000])
