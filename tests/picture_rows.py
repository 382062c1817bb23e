"""The picture's rows as the incremental tests compare them: every column, with each event's and place's rank in
``seq`` order in place of its ``seq`` (store/ordering.py: seq values have gaps, which differ between an incremental
update and a full build; the order they give may not)."""

from __future__ import annotations

from frontwatch.store import Store


def ranked_rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {"events": _ranked(store, "events"), "places": _ranked(store, "places"),
            "event_aliases": store._rows("SELECT * FROM event_aliases ORDER BY alias", [])}


def _ranked(store: Store, table: str) -> list[tuple[object, ...]]:
    rows = store._rows(f"SELECT id, seq, * FROM {table} ORDER BY seq, id", [])
    assert len({r[1] for r in rows}) == len(rows), f"two {table} rows share a seq"
    return [(row[0], rank, *row[4:]) for rank, row in enumerate(rows)]  # row[2:4]: id and seq again
