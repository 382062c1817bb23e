"""Counted nouns for the lines a user reads (CLI, watch log, API messages): "1 document", "2 documents"."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun in the number it takes; ``plural`` for a noun that does not just add an s ("entry")."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
