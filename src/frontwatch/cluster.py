"""Run the per-document stage (spaCy and extraction) on Dask workers: a local cluster of N processes
(``--workers N``) or an existing cluster (``--scheduler tcp://HOST:PORT``).

Workers get documents and send back analyses, nothing else: each worker process loads the models once (the
pipeline is cached per process) and keeps them for every later task. Results come back in input order, so the
caller stores exactly what a serial run would, in the same order, through its own store connection.
"""

from __future__ import annotations

import gc
import logging
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, TypeVar

from .errors import InputError
from .model import DocAnalysis, Document

if TYPE_CHECKING:
    from distributed import Client, Future

T = TypeVar("T")
R = TypeVar("R")
LOCAL_DASHBOARD = ":0"  # any free port: two local clusters at once (or another user's) must not clash on 8787
CONNECT_TIMEOUT_S = 10  # an unreachable scheduler fails the command after this long
MAX_CHUNK_DOCS = 16  # documents per task: enough to use spaCy's batching, small enough to balance the load
MIN_CHUNK_DOCS = 2  # the last chunks' floor: a task's round trip is a few ms, a GVA article's analysis ~150 ms
CHUNKS_PER_WORKER = 4  # split small inputs finer, so every worker gets some
IN_FLIGHT_PER_WORKER = 2  # chunks queued ahead per worker: workers never idle, the scheduler never holds a corpus
QUIET_WORKERS: dict[str, object] = {  # Dask settings for the local cluster's workers (bench/probe_workers.py)
    "distributed.worker.profile.enabled": False,  # its sampler takes the GIL from the task thread every 10 ms
    "distributed.worker.memory.monitor-interval": "1s",  # 100 ms by default; memory here is the models', steady
    "distributed.admin.system-monitor.interval": "2s",  # 500 ms by default; nobody reads it (no dashboard)
}


@dataclass(frozen=True)
class ClusterSpec:
    workers: int | None = None  # start a local cluster of this many processes
    scheduler: str | None = None  # or use the running cluster at this address (tcp://HOST:PORT)

    def __post_init__(self) -> None:
        if (self.workers is None) == (self.scheduler is None):
            raise InputError("give either a number of local workers or a scheduler address, not both",
                             where="--workers/--scheduler")
        if self.workers is not None and self.workers < 1:
            raise InputError("the number of workers must be at least 1", where="--workers")


def chunk_sizes(count: int, workers: int) -> list[int]:
    """Sizes of the chunks ``count`` documents are cut into, in order: at most MAX_CHUNK_DOCS, and shrinking towards
    the end (a chunk is at most the remaining documents' share of CHUNKS_PER_WORKER chunks per worker), so the
    workers finish together: no worker runs one last full chunk while the other has nothing left."""
    sizes: list[int] = []
    left = count
    while left > 0:
        size = min(left, max(MIN_CHUNK_DOCS, min(MAX_CHUNK_DOCS, math.ceil(left / (workers * CHUNKS_PER_WORKER)))))
        sizes.append(size)
        left -= size
    return sizes


@cache
def load_models() -> None:
    """Load every model the per-document stage uses, once per worker process, with the cyclic garbage collector
    paused, then frozen out of its reach. Unpickling the gazetteer (272,590 entries and their name indexes) makes
    millions of objects, and their allocations trigger ~2,400 collections that free nothing: paused, all models
    load in 3.5 s of CPU instead of 5.6-6.1 (the gazetteer alone 1.5 s instead of 3.8). Frozen, later full
    collections skip them. Each worker pays this before its first chunk, both at once: it is not shared out, so it
    bounds the speed-up (bench/probe_workers.py)."""
    from .classify import classifier
    from .embed import embedder
    from .gazetteer import load
    from .nlp.pipeline import get_nlp

    collecting = gc.isenabled()
    gc.disable()
    try:
        load(), get_nlp(), embedder(), classifier()
    finally:
        if collecting:
            gc.enable()
    gc.freeze()


def analyse_chunk(documents: list[Document]) -> list[DocAnalysis]:
    """The task a worker runs: the same function the serial run uses, on a slice of the documents."""
    from .extract.document import analyse_documents  # on the worker: the pipeline loads once per process

    load_models()
    return list(analyse_documents(documents, overlap=False))  # a worker has one core: nothing to read ahead on


def in_order(client: Client, task: Callable[[list[T]], list[R]], chunks: list[list[T]], window: int) -> Iterator[R]:
    """``task``'s results over the chunks in input order, at most ``window`` chunks running at once. A chunk is sent
    as soon as any one finishes (not only the oldest), so no worker idles behind a slow chunk; a finished chunk
    waits here until those before it are out."""
    from distributed import as_completed

    index: dict[Future, int] = {}

    def submit(at: int) -> Future:
        future = client.submit(task, chunks[at], pure=False)
        index[future] = at
        return future

    sent = min(window, len(chunks))
    running = as_completed([submit(at) for at in range(sent)])
    ready: dict[int, list[R]] = {}
    following = 0
    for future in running:
        ready[index.pop(future)] = future.result()
        if sent < len(chunks):
            running.add(submit(sent))
            sent += 1
        while following in ready:
            yield from ready.pop(following)
            following += 1


class DaskAnalyser:
    """Callable like ``analyse_documents``; connects (or starts the local cluster) on first use only."""

    def __init__(self, spec: ClusterSpec) -> None:
        self.spec = spec
        self._client: Client | None = None
        self._cluster: object | None = None

    def __call__(self, documents: list[Document]) -> Iterator[DocAnalysis]:
        client = self._connect()
        workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
        chunks, at = [], 0
        for size in chunk_sizes(len(documents), workers):
            chunks.append(documents[at:at + size])
            at += size
        yield from in_order(client, analyse_chunk, chunks, workers * IN_FLIGHT_PER_WORKER)

    def _connect(self) -> Client:
        if self._client is not None:
            return self._client
        from distributed import Client, LocalCluster

        if self.spec.scheduler is not None:
            try:
                self._client = Client(self.spec.scheduler, timeout=CONNECT_TIMEOUT_S)
            except (OSError, ValueError, TypeError) as exc:
                raise InputError(f"cannot reach the Dask scheduler ({exc})", where=self.spec.scheduler) from exc
        else:
            import dask

            with dask.config.set(QUIET_WORKERS):  # read by each nanny as it starts its worker
                cluster = LocalCluster(n_workers=self.spec.workers, threads_per_worker=1, processes=True,
                                       dashboard_address=LOCAL_DASHBOARD, silence_logs=logging.ERROR)
            self._cluster = cluster
            self._client = Client(cluster)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()  # type: ignore[attr-defined]


@contextmanager
def dask_analyser(spec: ClusterSpec) -> Iterator[DaskAnalyser]:
    analyser = DaskAnalyser(spec)
    try:
        yield analyser
    finally:
        analyser.close()
