"""Throughput of `analyze` vs a bare spaCy pass over the same texts, printed as a ratio (no assertions).

    .venv/bin/python bench/bench_analyze.py [N] [--stages]   # N GVA articles from ../shared/eval (default 200)

Both sides run in this one process on the same texts, so the ratio is meaningful on a noisy machine. Wall and CPU
time are both printed with the load average; on a loaded machine prefer the CPU figures. Both sides start with their
models loaded (spaCy, the gazetteer, the sentence embedder and the classifier's weights); each `analyze` run starts
with the embedder's and the token attributes' memos empty, as a fresh process would.

`analyze` runs twice: with everything on one thread (as each Dask worker runs it), and as the CLI runs it, the
sentence embedder reading ahead on a second thread (``analyse_documents(overlap=True)``). The second uses the spare
core that the bare spaCy pass leaves idle: its CPU time is the same work, its wall time is lower only when that
core is free. Compare CPU ratios for the work done, wall ratios for what a user waits.

``--stages`` prints where analyze's CPU time goes, stage by stage, by wrapping each stage's function (each
figure excludes the wrapped stages it calls), on the one-thread run only (the wrappers read the process's CPU clock).
It is not cProfile, which inflates the Python rules several times. The wrappers add a little time of their own, so
the total of that run is slightly above a plain run's.
"""
from __future__ import annotations

import functools
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


def load_models() -> None:
    from frontwatch.classify import classifier
    from frontwatch.embed import embedder

    load_gazetteer()
    get_nlp()
    embedder()
    classifier()


def forget_memos() -> None:
    """Empty what the pipeline remembers between documents (vectors, token attributes), as in a fresh process."""
    from frontwatch.embed import embedder

    embedder().memo.clear()
    for _name, component in get_nlp().pipeline:
        memo = getattr(component, "memo", None) or getattr(getattr(component, "matches", None), "memo", None)
        if isinstance(memo, dict):
            memo.clear()


def run_analyze(records: list[dict[str, Any]], overlap: bool) -> tuple[float, float]:
    """(wall, CPU) seconds of one `analyze` of the records into a fresh store and output folder."""
    import frontwatch.extract.document as document_module

    forget_memos()
    default = document_module.analyse_documents
    document_module.analyse_documents = functools.partial(default, overlap=overlap)  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus.jsonl"
            corpus.write_text("\n".join(json.dumps({"id": r["id"], "text": r["text"]}) for r in records) + "\n",
                              encoding="utf-8")
            t0, c0 = time.perf_counter(), time.process_time()
            analyze([str(corpus)], Path(tmp) / "store.db", Path(tmp) / "out")
            return time.perf_counter() - t0, time.process_time() - c0
    finally:
        document_module.analyse_documents = default  # type: ignore[assignment]


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    stages = "--stages" in sys.argv[1:]
    n = int(args[0]) if args else 200
    lines = (eval_data_dir() / "gva_articles.jsonl").read_text(encoding="utf-8").splitlines()[:n]
    records = [json.loads(line) for line in lines]
    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)
    load_models()  # both sides start with models loaded
    bare = spacy.load(MODEL)
    loads = [os.getloadavg()[0]]
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in bare.pipe(texts, batch_size=16):
        pass
    bare_s, bare_cpu = time.perf_counter() - t0, time.process_time() - c0
    if stages:
        wrap_stages()
    runs = {"analyze, one thread": run_analyze(records, overlap=False)}
    loads.append(os.getloadavg()[0])
    if not stages:
        runs["analyze, embedder ahead"] = run_analyze(records, overlap=True)
        loads.append(os.getloadavg()[0])
    print(f"documents: {len(texts)}  words: {words}  load {' / '.join(f'{x:.1f}' for x in loads)}")
    print(f"{'bare spaCy':24s} {len(texts) / bare_s:6.1f} docs/s  {words / bare_s:7.0f} words/s  "
          f"(wall {bare_s:.1f} s, CPU {bare_cpu:.1f} s)  [{MODEL}]")
    for name, (wall, cpu) in runs.items():
        print(f"{name:24s} {len(texts) / wall:6.1f} docs/s  {words / wall:7.0f} words/s  "
              f"(wall {wall:.1f} s, CPU {cpu:.1f} s)  time {wall / bare_s:.2f}x wall, {cpu / bare_cpu:.2f}x CPU: "
              f"throughput {bare_s / wall:.2f} of bare spaCy (CPU {bare_cpu / cpu:.2f})")
    if stages:
        print_stages(runs["analyze, one thread"][1])


if __name__ == "__main__":
    main()
