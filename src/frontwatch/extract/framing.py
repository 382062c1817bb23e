"""Framing: which labels a document uses for each side (data/framing.tsv), counted."""

from __future__ import annotations

import re
from functools import cache

from ..lexicons import read_tsv, split_forms


@cache
def _patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    out = []
    for row in read_tsv("framing.tsv"):
        forms = sorted(split_forms(row["forms"]), key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.I)
        out.append((row["side_actor"], row["label"], pattern))
    return tuple(out)


def extract_framing(text: str) -> dict[str, dict[str, int]]:
    """{side actor id: {label: count}}, labels with zero uses left out, keys sorted."""
    counts: dict[str, dict[str, int]] = {}
    for side, label, pattern in _patterns():
        n = len(pattern.findall(text))
        if n:
            counts.setdefault(side, {})[label] = counts.get(side, {}).get(label, 0) + n
    return {side: dict(sorted(labels.items())) for side, labels in sorted(counts.items())}
