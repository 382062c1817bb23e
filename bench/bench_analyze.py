"""Throughput of `analyze` vs a bare spaCy pass over the same texts, printed as a ratio (no assertions).

    .venv/bin/python bench/bench_analyze.py [N] [--stages]   # N GVA articles from ../shared/eval (default 200)

Both sides run in this one process on the same texts, so the ratio is meaningful on a noisy machine. Wall and CPU
time are both printed with the load average; on a loaded machine prefer the CPU figures.

``--stages`` also prints where analyze's CPU time goes, stage by stage, by wrapping each stage's function (each
figure excludes the wrapped stages it calls). It is not cProfile, which inflates the Python rules several times.
The wrappers add a little time of their own, so the total of that run is slightly above a plain run's.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import spacy

from frontwatch.analyze import analyze
from frontwatch.evaluation import eval_data_dir
from frontwatch.gazetteer import load as load_gazetteer
from frontwatch.nlp.pipeline import MODEL, get_nlp

CPU: dict[str, float] = defaultdict(float)  # stage -> CPU seconds (this script's own tally, for --stages)
_RUNNING: list[float] = []  # CPU seconds spent in wrapped stages called by the stage that is running
STAGES = {  # module -> the functions timed as stages
    "frontwatch.analyze": ["collect", "make_room", "mark_duplicates", "refresh_picture", "write_outputs"],
    "frontwatch.extract.document": ["extract_places", "actor_spans", "extract_actors", "extract_times",
                                    "extract_claims", "extract_events", "readings_without_trigger", "refine",
                                    "conventional_actors", "extract_framing"],
}


def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        _RUNNING.append(0.0)
        try:
            return fn(*args, **kwargs)
        finally:
            inner = _RUNNING.pop()
            spent = time.process_time() - start
            CPU[name] += spent - inner
            if _RUNNING:
                _RUNNING[-1] += spent
    return wrapper


class TimedPipe:
    """A spaCy component whose batches are timed (the batch is read from upstream before the clock starts)."""

    def __init__(self, name: str, component: Any) -> None:
        self.name, self.component = name, component

    def __call__(self, doc: Any) -> Any:
        start = time.process_time()
        out = self.component(doc)
        CPU[f"spacy {self.name}"] += time.process_time() - start
        return out

    def pipe(self, stream: Iterable[Any], batch_size: int = 16, **kwargs: Any) -> Iterator[Any]:
        docs = iter(stream)
        while batch := list(islice(docs, batch_size)):
            start = time.process_time()
            if hasattr(self.component, "pipe"):
                out = list(self.component.pipe(batch, batch_size=batch_size, **kwargs))
            else:
                out = [self.component(doc) for doc in batch]
            CPU[f"spacy {self.name}"] += time.process_time() - start
            yield from out


def wrap_stages() -> None:
    import importlib

    from frontwatch.embed import Embedder

    for module_name, names in STAGES.items():
        module = importlib.import_module(module_name)
        for name in names:
            setattr(module, name, timed(name, getattr(module, name)))
    Embedder.encode = timed("sentence embedder", Embedder.encode)  # type: ignore[method-assign]
    nlp = get_nlp()
    nlp._components = [(name, TimedPipe(name, c)) for name, c in nlp._components]


def print_stages(total: float) -> None:
    print("analyze CPU by stage (s):")
    for name, seconds in sorted(CPU.items(), key=lambda kv: (-kv[1], kv[0])):
        if seconds >= 0.005:
            print(f"  {name:28s} {seconds:6.2f}  {seconds / total:5.1%}")
    print(f"  {'(not in a stage)':28s} {total - sum(CPU.values()):6.2f}")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    stages = "--stages" in sys.argv[1:]
    n = int(args[0]) if args else 200
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
    if stages:
        wrap_stages()
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
    if stages:
        print_stages(full_cpu)


if __name__ == "__main__":
    main()
