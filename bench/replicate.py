"""Grow a store's analysed corpus to any size without running spaCy again (for the resolution benchmarks).

Copy k of the base corpus gets its per-document ids (documents, claims, reports) ending ``~k`` and every ISO date in
its document and analysis moved ``YEARS_PER_COPY * k`` years later: each copy is a new stretch of the same war (same
places, actors, mix of merges, contradictions and denials), so events never merge across copies and every size has
the same mix. Day and month are kept, so weekdays change: only absolute dates matter to synthetic.py's reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from frontwatch.model import DocAnalysis, Document
from frontwatch.store import open_store

YEARS_PER_COPY = 4  # a multiple of 4 keeps 29 February a real day (until 2100, far past 100k documents)
ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
LOCAL_ID = re.compile(r"\b[a-z]{3}-[0-9a-f]{12}\b")  # doc-, clm-, dev-...: content-hash ids made per document

Pair = tuple[Document, DocAnalysis]


def load_base(db: Path) -> list[Pair]:
    """The stored documents (first-stored order) with their analyses."""
    with open_store(db) as store:
        analyses = store.analyses()
        return [(d, analyses[d.id]) for d in store.documents() if d.id in analyses]


def _moved(text: str, k: int) -> str:
    """Every per-document id suffixed ``~k``, every ISO day ``YEARS_PER_COPY * k`` years later."""
    text = LOCAL_ID.sub(lambda m: f"{m[0]}~{k}", text)
    return ISO_DAY.sub(lambda m: f"{int(m[1]) + YEARS_PER_COPY * k:04d}-{m[2]}-{m[3]}", text)


def copy_of(pairs: list[Pair], k: int) -> list[Pair]:
    """Copy ``k`` of the base pairs (k = 0: the base itself)."""
    if k == 0:
        return pairs
    return [(Document.model_validate_json(_moved(document.model_dump_json(), k)),
             DocAnalysis.model_validate_json(_moved(analysis.model_dump_json(), k))) for document, analysis in pairs]


def grow(pairs: list[Pair], n: int, first_copy: int = 0) -> list[Pair]:
    """The first ``n`` pairs of copies ``first_copy``, ``first_copy + 1``, ... of the base."""
    def copies() -> Iterator[Pair]:
        k = first_copy
        while True:
            yield from copy_of(pairs, k)
            k += 1

    return list(islice(copies(), n))
