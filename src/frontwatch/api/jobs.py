"""Background jobs for the API: work that fetches from the network runs here, one job at a time on one worker
thread, never inside the request that asked for it. A job is looked up by its id (random, so ids cannot be guessed).

With a journal (``JobJournal``: a JSON-lines file beside a SQLite store), every change of a job's state is
appended as one line, so finished and failed jobs still answer after the server restarts; a job the server was
running or still had queued when it stopped reads as failed ("interrupted") after the restart. Without one (a
PostgreSQL store: no file of ours beside it), jobs live in memory and are lost on restart.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from ..errors import FrontwatchError

Status = Literal["queued", "running", "done", "failed"]
MAX_ERRORS = 50  # errors kept per job: a feed of broken entries must not grow a job without bound
INTERRUPTED = "interrupted: the server stopped before this job finished; post the URL again"
COMPACT_FACTOR = 4  # the journal is rewritten at start once it holds more lines than this many times the jobs kept


@dataclass(frozen=True)
class Outcome:
    """What a job did: documents the URL gave (one for a page, one per entry for a feed), how many of them were
    new and analysed, the ids stored, and one line per problem."""

    found: int = 0
    analysed: int = 0
    documents: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()


@dataclass
class Job:
    id: str
    url: str
    request: Any  # what the work function needs besides the URL (the POSTed body)
    status: Status = "queued"
    outcome: Outcome = field(default_factory=Outcome)

    def view(self) -> dict[str, Any]:
        return {"job": self.id, "status": self.status, "url": self.url, "found": self.outcome.found,
                "analysed": self.outcome.analysed, "documents": list(self.outcome.documents),
                "errors": list(self.outcome.errors[:MAX_ERRORS])}


    def record(self) -> dict[str, Any]:
        """The journal line of the job's current state (the POSTed body is not kept: no job is ever re-run)."""
        return self.view()

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Job:
        status = record["status"]
        if status not in get_args(Status):
            raise ValueError(f"unknown status {status!r}")
        outcome = Outcome(found=int(record.get("found", 0)), analysed=int(record.get("analysed", 0)),
                          documents=tuple(str(d) for d in record.get("documents", ())),
                          errors=tuple(str(e) for e in record.get("errors", ())))
        return cls(str(record["job"]), str(record["url"]), None, status, outcome)


class JobJournal:
    """Job states, one JSON object per line, appended as they change; the last line of a job is its state.

    A line that does not parse (a write cut short by a crash) is skipped. The file is rewritten (to a temporary
    file, then renamed over it) only at start and only when it has grown past ``COMPACT_FACTOR`` times the jobs
    kept."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def load(self) -> tuple[list[Job], int]:
        """The jobs in the order first seen, each in its last recorded state, and how many lines the file has."""
        jobs: dict[str, Job] = {}
        lines = 0
        try:
            with self.path.open(encoding="utf-8") as file:
                for line in file:
                    lines += 1
                    try:
                        job = Job.from_record(json.loads(line))
                    except (ValueError, KeyError, TypeError, AttributeError):
                        continue
                    jobs[job.id] = job
        except FileNotFoundError:
            pass
        return list(jobs.values()), lines

    def append(self, job: Job) -> None:
        line = json.dumps(job.record(), ensure_ascii=False) + "\n"
        with self._lock, self.path.open("a", encoding="utf-8") as file:
            file.write(line)
            file.flush()
            if job.status in ("done", "failed"):
                os.fsync(file.fileno())

    def rewrite(self, jobs: list[Job]) -> None:
        temporary = self.path.with_name(self.path.name + ".tmp")
        with self._lock:
            with temporary.open("w", encoding="utf-8") as file:
                file.writelines(json.dumps(job.record(), ensure_ascii=False) + "\n" for job in jobs)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)


def journal_path(store_file: str) -> Path | None:
    """Where the jobs of a SQLite store file are journalled (``<db>.jobs.jsonl``); None for an in-memory store."""
    if not store_file or store_file == ":memory:" or store_file.startswith("file:"):
        return None
    return Path(store_file + ".jobs.jsonl")


class JobsFull(FrontwatchError):
    """Too many jobs are waiting; the client should try again later."""

    code = "jobs_full"


class JobRunner:
    """Runs ``work(url, request)`` for each submitted job, in order, on one daemon thread started on first use."""

    def __init__(self, work: Callable[[str, Any], Outcome], max_queued: int, keep: int,
                 journal: JobJournal | None = None) -> None:
        self._work = work
        self._max_queued = max_queued
        self._keep = keep
        self._queue: queue.Queue[Job] = queue.Queue()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._journal = journal
        if journal is not None:
            self._restore(journal)

    def _restore(self, journal: JobJournal) -> None:
        """Jobs of earlier runs from the journal; those that never finished are failed as interrupted."""
        jobs, lines = journal.load()
        for job in jobs[-self._keep:]:
            if job.status in ("queued", "running"):
                job.status = "failed"
                job.outcome = Outcome(found=job.outcome.found, analysed=job.outcome.analysed,
                                      documents=job.outcome.documents, errors=(*job.outcome.errors, INTERRUPTED))
                journal.append(job)
            self._jobs[job.id] = job
        if lines > COMPACT_FACTOR * self._keep:
            journal.rewrite(list(self._jobs.values()))

    def _record(self, job: Job) -> None:
        if self._journal is not None:
            with contextlib.suppress(OSError):  # a full disk loses the journal line, never the job itself
                self._journal.append(job)

    def submit(self, url: str, request: Any) -> dict[str, Any]:
        with self._lock:
            if sum(job.status == "queued" for job in self._jobs.values()) >= self._max_queued:
                raise JobsFull(f"{self._max_queued} jobs are already waiting; try again later")
            job = Job(secrets.token_hex(8), url, request)
            self._jobs[job.id] = job
            while len(self._jobs) > self._keep:
                self._jobs.popitem(last=False)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="frontwatch-jobs", daemon=True)
                self._thread.start()
            self._record(job)
            self._queue.put(job)
            return job.view()

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.view() if job else None

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            with self._lock:
                job.status = "running"
                self._record(job)
            try:
                outcome = self._work(job.url, job.request)
            except FrontwatchError as exc:
                outcome = Outcome(errors=(str(exc),))
            except Exception as exc:  # a bug in one job must not stop the jobs after it
                outcome = Outcome(errors=(f"internal error: {type(exc).__name__}: {exc}",))
            with self._lock:
                job.outcome = outcome
                job.status = "done" if outcome.documents else "failed"
                self._record(job)
