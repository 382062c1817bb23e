"""Background jobs for the API: work that fetches from the network runs here, one job at a time on one worker
thread, never inside the request that asked for it. A job is looked up by its id (random, so ids cannot be guessed).
"""

from __future__ import annotations

import queue
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import FrontwatchError

Status = Literal["queued", "running", "done", "failed"]
MAX_ERRORS = 50  # errors kept per job: a feed of broken entries must not grow a job without bound


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


class JobsFull(FrontwatchError):
    """Too many jobs are waiting; the client should try again later."""

    code = "jobs_full"


class JobRunner:
    """Runs ``work(url, request)`` for each submitted job, in order, on one daemon thread started on first use."""

    def __init__(self, work: Callable[[str, Any], Outcome], max_queued: int, keep: int) -> None:
        self._work = work
        self._max_queued = max_queued
        self._keep = keep
        self._queue: queue.Queue[Job] = queue.Queue()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

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
            try:
                outcome = self._work(job.url, job.request)
            except FrontwatchError as exc:
                outcome = Outcome(errors=(str(exc),))
            except Exception as exc:  # a bug in one job must not stop the jobs after it
                outcome = Outcome(errors=(f"internal error: {type(exc).__name__}: {exc}",))
            with self._lock:
                job.outcome = outcome
                job.status = "done" if outcome.documents else "failed"
