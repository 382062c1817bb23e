"""Watch mode: poll RSS/Atom feeds, analyse only entries not seen before, keep going when a feed misbehaves.

A feed that is down, malformed or slow costs one log line and is retried with exponential backoff; a feed that
cannot succeed by asking again (a refused private address, a bad URL, a TLS certificate that fails its check,
HTTP 4xx other than 408/429) is reported once and dropped. A ``304 Not Modified`` answer to the validators of the
last poll means "nothing new". Each entry is stored in its own transaction and recorded as seen only after its
document is stored, so stopping at any moment (Ctrl-C, SIGTERM, a crash) loses nothing and a restart picks up
the rest.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .analyze import mark_duplicates, refresh_picture, refresh_rows, store_documents
from .errors import InputError
from .ingest.documents import make_document
from .ingest.feeds import parse_feed
from .ingest.fetch import FetchError, fetch
from .ingest.readers import ReadOptions, entry_documents
from .model import RawDocument
from .output.write import write_outputs
from .store import Store
from .wording import count

MAX_BACKOFF_S = 3600.0
Log = Callable[[str], None]


@dataclass
class FeedState:
    url: str
    failures: int = 0
    next_due: float = 0.0
    etag: str | None = None
    last_modified: str | None = None
    dropped: bool = False  # a final error: never polled again


@dataclass
class RoundResult:
    new_documents: int = 0
    errors: list[str] = field(default_factory=list)


def poll_feed(state: FeedState, store: Store, options: ReadOptions, stop: threading.Event, log: Log) -> int:
    """Fetch one feed and store its unseen entries; return how many new documents were stored.
    Raises InputError when the feed itself cannot be fetched or parsed."""
    fetched = fetch(state.url, allow_private=options.allow_private, timeout=options.timeout, etag=state.etag,
                    last_modified=state.last_modified)
    if fetched.not_modified:
        return 0
    feed = parse_feed(fetched.text, state.url)
    seen = store.seen_entries(state.url)
    stored, complete = 0, True
    for entry in feed.entries:
        if stop.is_set():
            complete = False
            break
        if entry.key in seen:
            continue
        items = list(entry_documents(entry, feed.title, state.url, fetched.url, options))
        raws = [i for i in items if isinstance(i, RawDocument)]
        for error in (i for i in items if isinstance(i, InputError)):
            log(f"error: {error}")
        if not raws:
            complete = False  # nothing usable now (e.g. its page was down): not marked seen, so it is retried
            continue
        document = make_document(raws[0])
        if document.text.strip():
            stored += store_documents(store, [(document, raws[0].original or raws[0].text)])
        store.mark_entry(state.url, entry.key, document.id if document.text.strip() else None)
    if complete:  # validators only once every entry is handled, so a 304 never hides an entry still to retry
        state.etag, state.last_modified = fetched.etag, fetched.last_modified
    return stored


def run_round(states: list[FeedState], store: Store, options: ReadOptions, every: float, stop: threading.Event,
              log: Log, clock: Callable[[], float] = time.monotonic) -> RoundResult:
    result = RoundResult()
    for state in states:
        if stop.is_set():
            break
        if state.dropped or clock() < state.next_due:
            continue
        try:
            result.new_documents += poll_feed(state, store, options, stop, log)
            state.failures, state.next_due = 0, clock() + every
        except InputError as exc:
            message = _failed(state, exc, every, clock())
            result.errors.append(message)
            log(f"error: {message}")
    return result


def _failed(state: FeedState, exc: InputError, every: float, now: float) -> str:
    """Record a failed poll: drop the feed when the error is final, else back off. Returns the line to log."""
    if isinstance(exc, FetchError) and exc.final:
        state.dropped, state.next_due = True, float("inf")
        return f"{exc} (not retried)"
    state.failures += 1
    delay = min(every * 2 ** state.failures, MAX_BACKOFF_S)
    state.next_due = now + delay
    return f"{exc} (attempt {state.failures}; retrying in {delay:.0f} s)"


def watch(feeds: list[str], db: Path, out: Path | None, *, every: float, rounds: int | None = None,
          options: ReadOptions | None = None, stop: threading.Event | None = None, log: Log = print) -> int:
    """Poll until ``rounds`` rounds are done (None: until ``stop`` is set). Returns the new documents stored."""
    options = options or ReadOptions()
    stop = stop or threading.Event()
    states = [FeedState(url) for url in dict.fromkeys(feeds)]
    total, done = 0, 0
    with Store(db) as store:
        while not stop.is_set() and (rounds is None or done < rounds):
            result = run_round(states, store, options, every, stop, log)
            done += 1
            total += result.new_documents
            if result.new_documents:
                mark_duplicates(store)
                if out is not None:
                    write_outputs(refresh_picture(store), out)
                else:
                    refresh_rows(store)  # a server reading this store answers from current rows
                log(f"round {done}: {count(result.new_documents, 'new document')}; {store.count()} stored")
            if rounds is not None and done >= rounds:
                break
            if all(s.dropped for s in states):
                log("no feed left to poll")
                break
            wait = max(0.0, min(s.next_due for s in states) - time.monotonic())
            stop.wait(max(wait, 0.05))
    return total
