"""Fill a store with many events fast (for the API benchmarks): a base store's resolved picture, its events copied
until there are N of them, written through the store's own ``save_picture`` (one transaction, executemany), so no
document is analysed or resolved again. A 100k-event store fills in seconds instead of hours.

Copy k of the base events gets ids ending ``~k`` (as replicate.py names copies). ``spread`` (the default) moves copy
k's dates ``replicate.YEARS_PER_COPY * k`` years later, as replicate.py does: a newsroom's archive, each stretch of
the war as dense as the base. ``stacked`` keeps every copy on the base's days: N events in the base's two years, the
crowded case (a date window then holds N / copies times more events).

The rows reflect the target store's generation, so the API answers ``/api/events`` from them (``/api/picture`` and
the other picture reads would find no documents: this is a store for the event rows only).

    .venv/bin/python bench/fill_events.py /tmp/s1k.db 100000 /tmp/e100k.db [--stacked]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from frontwatch.analyze import picture_from_store
from frontwatch.model import Event, Picture
from frontwatch.store import StoreSpec, open_store
from replicate import ISO_DAY, LOCAL_ID, YEARS_PER_COPY


def base_picture(db: StoreSpec) -> Picture:
    with open_store(db) as store:
        return picture_from_store(store)


def _copy(event_json: str, k: int, years: int) -> str:
    text = LOCAL_ID.sub(lambda m: f"{m[0]}~{k}", event_json)
    return ISO_DAY.sub(lambda m: f"{int(m[1]) + years:04d}-{m[2]}-{m[3]}", text) if years else text


def grown_events(events: tuple[Event, ...], n: int, stacked: bool = False) -> tuple[Event, ...]:
    """The first ``n`` events of copies 0, 1, ... of ``events``, in copy order (copy 0: the events themselves)."""
    if not events:
        raise ValueError("the base store has no events")
    dumped = [e.model_dump_json() for e in events]
    out: list[Event] = []
    k = 0
    while len(out) < n:
        years = 0 if stacked else YEARS_PER_COPY * k
        out += [e if k == 0 else Event.model_validate_json(_copy(j, k, years))
                for e, j in zip(events, dumped, strict=True)]
        k += 1
    return tuple(out[:n])


def fill(db: StoreSpec, picture: Picture, n: int, stacked: bool = False) -> int:
    """Write ``n`` events grown from ``picture`` (and its places and actors) into ``db``; returns how many."""
    grown = picture.model_copy(update={"events": grown_events(picture.events, n, stacked)})
    with open_store(db) as store:
        store.save_picture(grown, store.generation())
    return len(grown.events)


def main(base: Path, n: int, target: StoreSpec, stacked: bool) -> None:
    picture = base_picture(base)
    started = time.perf_counter()
    written = fill(target, picture, n, stacked)
    print(f"{written} events ({len(picture.events)} in the base, {'stacked' if stacked else 'spread'}) written to "
          f"{target} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    flags = [a for a in sys.argv[1:] if a.startswith("--")]
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(Path(args[0]), int(args[1]), args[2], "--stacked" in flags)
