"""Where a Dask workers run spends more CPU than the serial one: each process's CPU seconds by phase, cold, on the
same documents, in one run (compare CPU, not wall: this machine is shared).

    .venv/bin/python bench/probe_workers.py [N]

Phases, in each worker and in a fresh serial process alike: start (interpreter, imports; for workers Dask's
own start too), models (spaCy pipeline, embedder, classifier; ``cluster.load_models`` in the second workers run,
which adds the gazetteer), first document (the gazetteer unless loaded already, and tables extractors load on
first use), then the stage over N GVA articles (for workers: the task threads' CPU and
the rest of the process, which is Dask's: event loop, heartbeats, (de)serialising), and the main process's CPU
over the stage. Two workers runs: Dask's defaults, then the settings ``cluster`` starts its local workers with.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import dask
from distributed import Client, LocalCluster

from frontwatch.analyze import collect
from frontwatch.cluster import QUIET_WORKERS, in_order, load_models
from frontwatch.evaluation import eval_data_dir
from frontwatch.model import DocAnalysis, Document

CHUNK = 16  # as cluster.MAX_CHUNK_DOCS
FIRST = "Shelling hit Saraqib on Monday, residents said. Rebels denied it on Tuesday, AP reported."  # our words


def _cpu() -> float:
    return time.process_time()


def _models() -> float:
    from frontwatch.classify import classifier
    from frontwatch.embed import embedder
    from frontwatch.nlp.pipeline import get_nlp

    get_nlp(), embedder(), classifier()
    return time.process_time()




def _cluster_models() -> float:
    load_models()
    return time.process_time()


def _first_document(document: Document) -> float:
    from frontwatch.extract.document import analyse_documents

    list(analyse_documents([document], overlap=False))
    return time.process_time()


def _probe(documents: list[Document]) -> Document:
    return documents[0].model_copy(update={"id": "probe", "text": FIRST})


def _timed_chunk(wrapped: list[list[Document]]) -> list[tuple[list[DocAnalysis], float]]:
    """One chunk (wrapped in a list, as ``in_order`` hands items back one by one): its analyses and task CPU."""
    from frontwatch.extract.document import analyse_documents

    cpu = time.thread_time()
    out = list(analyse_documents(wrapped[0], overlap=False))
    return [(out, time.thread_time() - cpu)]


def _documents(n: int) -> list[Document]:
    lines = (eval_data_dir() / "gva_articles.jsonl").read_text(encoding="utf-8").splitlines()[:n]
    corpus = Path(tempfile.mkdtemp()) / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [d for d, _ in collect([str(corpus)])[0]]


def _serial(n: int) -> None:
    """In a fresh process: the same phases, printed as one JSON line."""
    start = _cpu()
    documents = _documents(n)
    read = _cpu()
    models = _models()
    first = _first_document(_probe(documents))
    from frontwatch.extract.document import analyse_documents

    wall = time.perf_counter()
    list(analyse_documents(documents, overlap=False))  # one thread, as a worker runs it
    print(json.dumps({"start": start, "read": read - start, "models": models - read, "first": first - models,
                      "stage": _cpu() - first, "wall": time.perf_counter() - wall}))


def _load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def _workers(n: int, chunks: list[list[list[Document]]], documents: list[Document], config: dict[str, object],
             quiet: bool) -> None:
    main_start = _cpu()
    with dask.config.set(config), LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                               dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        start = client.run(_cpu)
        models = client.run(_cluster_models if quiet else _models)
        first = client.run(_first_document, _probe(documents))
        main_cpu, wall, task_cpu = _cpu(), time.perf_counter(), 0.0

        def analyses() -> Iterator[DocAnalysis]:
            nonlocal task_cpu
            for out, cpu in in_order(client, _timed_chunk, chunks, 4):
                task_cpu += cpu
                yield from out

        count = sum(1 for _ in analyses())
        stage_wall, main_stage = time.perf_counter() - wall, _cpu() - main_cpu
        end = client.run(_cpu)
    print(f"  main process: {main_cpu - main_start:.1f} s CPU starting the cluster and loading, "
          f"{main_stage:.1f} s over the stage")
    for w in sorted(start):
        print(f"  worker: start {start[w]:.1f} s, models {models[w] - start[w]:.1f} s, first document "
              f"{first[w] - models[w]:.1f} s, stage {end[w] - first[w]:.1f} s CPU")
    whole = sum(end[w] - first[w] for w in end)
    print(f"  stage {stage_wall:.1f} s wall for {count} documents; tasks {task_cpu:.1f} s CPU, Dask's share "
          f"{whole - task_cpu:.1f} s  {_load()}", flush=True)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 96
    if "--serial" in sys.argv:
        _serial(n)
        return
    documents = _documents(n)
    chunks = [[documents[at:at + CHUNK]] for at in range(0, len(documents), CHUNK)]
    print(f"{n} GVA articles in {len(chunks)} chunks, {_load()}", flush=True)
    for label, quiet in (("Dask defaults, models as the serial run loads them", False),
                         ("cluster.QUIET_WORKERS, cluster.load_models (gc paused, then frozen)", True)):
        print(label, flush=True)
        _workers(n, chunks, documents, QUIET_WORKERS if quiet else {}, quiet)
    out = subprocess.run([sys.executable, __file__, str(n), "--serial"], capture_output=True, text=True, check=True)
    s = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"serial: start {s['start']:.1f} s, reading {s['read']:.1f} s, models {s['models']:.1f} s, first document "
          f"{s['first']:.1f} s, stage {s['stage']:.1f} s CPU ({s['wall']:.1f} s wall)  {_load()}", flush=True)


if __name__ == "__main__":
    main()
