"""The per-document stage on Dask workers gives exactly the serial run's picture.

The clusters here spawn fresh workers, as a real run does, each loading the pipeline once (the same cached loader).
Forking them from this process was faster but could hang: by then earlier tests had left threads (servers, model
runtimes) whose locks a forked child inherits held.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from frontwatch import cluster as cluster_module
from frontwatch.analyze import analyze
from frontwatch.cli import app
from frontwatch.cluster import ClusterSpec
from frontwatch.errors import InputError
from tests.conftest import DEMO

SPAWN = {"distributed.worker.multiprocessing-method": "spawn"}


@pytest.fixture(scope="module")
def running_cluster(demo_run: tuple) -> Iterator[Client]:
    with dask.config.set(SPAWN), LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                             dashboard_address=":0", silence_logs=logging.ERROR) as local, \
            Client(local) as client:
        yield client


def _loads_per_worker() -> int:
    from frontwatch.nlp.pipeline import get_nlp

    return get_nlp.cache_info().misses


def test_an_existing_cluster_gives_the_serial_picture(demo_run: tuple, running_cluster: Client,
                                                      tmp_path: Path) -> None:
    serial, serial_out = demo_run
    result = analyze([str(DEMO)], tmp_path / "s.db", tmp_path / "out",
                     cluster=ClusterSpec(scheduler=running_cluster.scheduler.address))
    assert result.analysed == serial.analysed > 1
    assert (tmp_path / "out" / "picture.json").read_bytes() == (serial_out / "picture.json").read_bytes()
    loads = running_cluster.run(_loads_per_worker)
    assert len(loads) == 2 and all(n <= 1 for n in loads.values()), "the pipeline is loaded once per worker"


def test_a_local_cluster_of_two_workers_gives_the_serial_picture(demo_run: tuple, tmp_path: Path) -> None:
    _, serial_out = demo_run
    with dask.config.set(SPAWN):
        analyze([str(DEMO)], tmp_path / "s.db", tmp_path / "out", cluster=ClusterSpec(workers=2))
    assert (tmp_path / "out" / "picture.json").read_bytes() == (serial_out / "picture.json").read_bytes()


def test_nothing_to_analyse_starts_no_cluster(demo_run: tuple, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    analyze([str(DEMO)], tmp_path / "s.db", None)  # everything stored already ...
    monkeypatch.setattr(cluster_module.DaskAnalyser, "_connect", lambda self: pytest.fail("cluster started"))
    again = analyze([str(DEMO)], tmp_path / "s.db", None, cluster=ClusterSpec(workers=2))  # ... so no workers
    assert again.analysed == 0


def test_workers_and_scheduler_exclude_each_other() -> None:
    with pytest.raises(InputError):
        ClusterSpec(workers=2, scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(InputError):
        ClusterSpec()


def test_an_unreachable_scheduler_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT_S", 1)
    (tmp_path / "a.txt").write_text("Shelling hit Saraqib on Monday, residents said.", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"),
                                      "--scheduler", "tcp://127.0.0.1:1"])
    assert isinstance(result.exception, InputError), result.output
    assert str(result.exception).startswith("tcp://127.0.0.1:1: cannot reach the Dask scheduler")


LAST_CHUNK_DONE = "fw-test-last-chunk-done"


def _first_waits_for_last(chunk: list[int]) -> list[int]:
    """Chunk 0 finishes only once the last chunk has run (or gives up after a while and says so): chunks must keep
    flowing to the other worker while the oldest one is still busy."""
    from distributed import Event

    if chunk[0] == 0:
        return [n * 10 for n in chunk] if Event(LAST_CHUNK_DONE).wait(timeout=30) else [-1]
    if chunk[-1] == 19:
        Event(LAST_CHUNK_DONE).set()
    return [n * 10 for n in chunk]


def test_chunks_flow_past_a_slow_one_and_come_back_in_input_order(running_cluster: Client) -> None:
    chunks = [[n, n + 1] for n in range(0, 20, 2)]
    finished = cluster_module.in_order(running_cluster, _first_waits_for_last, chunks, window=3)
    assert list(finished) == [n * 10 for n in range(20)]


@pytest.mark.parametrize("count", [1, 2, 5, 17, 64, 400, 1001])
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_chunks_cover_the_documents_in_order_and_shrink_towards_the_end(count: int, workers: int) -> None:
    sizes = cluster_module.chunk_sizes(count, workers)
    assert sum(sizes) == count and all(size >= 1 for size in sizes)
    assert sizes == sorted(sizes, reverse=True), "no full chunk left for the end, when one worker would run it alone"
    assert max(sizes) <= cluster_module.MAX_CHUNK_DOCS
    assert all(size >= cluster_module.MIN_CHUNK_DOCS for size in sizes[:-1])


def _worker_settings() -> tuple[bool, str]:
    return dask.config.get("distributed.worker.profile.enabled"), os.environ.get("OMP_NUM_THREADS", "")


def test_local_workers_run_without_the_profiler_and_one_thread_each(tmp_path: Path) -> None:
    with dask.config.set(SPAWN), cluster_module.dask_analyser(ClusterSpec(workers=1)) as analyser:
        settings = analyser._connect().run(_worker_settings)
    assert list(settings.values()) == [(False, "1")]


def test_loading_the_models_leaves_the_collector_on_even_when_it_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> None:
        raise OSError("no gazetteer file")

    monkeypatch.setattr("frontwatch.gazetteer.load", missing)
    with pytest.raises(OSError):
        cluster_module.load_models()
    assert gc.isenabled()
