"""Page furniture: which lines of a scraped page are not article text, and which rule says so.

A line is furniture only when two signals agree: its shape (a pattern in data/boilerplate.tsv) and its length or its
place on the page (above the first or below the last paragraph of prose). A paragraph of prose (a long line that
ends like a sentence) is never furniture by place alone. Three shapes need no second signal because they are not text
at all: a line with no word in it, a JSON record, and a very long line with (almost) no sentence in it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import read_tsv

PARAGRAPH_MIN_WORDS = 8  # a line of prose this long that ends like a sentence is a paragraph of the article
SENTENCE_ENDINGS = (".", "!", "?", "…", '"', "”", "’", "'")
MAX_SENTENCE_CHARS = 1_000  # news sentences run to a few hundred characters; a line needs one end per this many
_WORD = re.compile(r"[^\W\d_]{2,}")  # two letters in a row, in any script
_SENTENCE_END = re.compile(r"[.!?…。](?=[\s\"”’')\]]|$)")


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    max_words: int
    edge_only: bool  # the shape alone is too weak: the line must also sit above or below the article's prose


@dataclass(frozen=True)
class Layout:
    """Where the article's prose begins and ends: line indexes of its first and last paragraph."""

    first: int
    last: int

    def at_edge(self, index: int) -> bool:
        return index < self.first or index > self.last


@cache
def rules() -> tuple[Rule, ...]:
    return tuple(Rule(row["name"], re.compile(row["regex"], re.I), int(row["max_words"]), row["where"] == "edge")
                 for row in read_tsv("boilerplate.tsv"))


def is_paragraph(line: str, words: int) -> bool:
    return words >= PARAGRAPH_MIN_WORDS and line.endswith(SENTENCE_ENDINGS)


def layout(lines: list[str]) -> Layout:
    paragraphs = [i for i, line in enumerate(lines) if is_paragraph(line, len(line.split()))]
    if not paragraphs:
        return Layout(first=len(lines), last=-1)  # no prose: every line is at the edge
    return Layout(first=paragraphs[0], last=paragraphs[-1])


def not_text(line: str) -> str | None:
    """"no_words" for a line without a word, "json" for a JSON record, "no_sentences" for a long line (minified
    markup, a dump, key mashing) with fewer sentence ends than any prose that long has; None for a line that may be
    text."""
    if not _WORD.search(line):
        return "no_words"
    if _is_json(line):
        return "json"
    if len(line) > MAX_SENTENCE_CHARS and len(_SENTENCE_END.findall(line)) + 1 < len(line) / MAX_SENTENCE_CHARS:
        return "no_sentences"
    return None


def _is_json(line: str) -> bool:
    """A JSON object or array on a line of its own: data that strayed into the text, not prose."""
    if not (line.startswith(("{", "[")) and line.endswith(("}", "]"))):
        return False
    try:
        return isinstance(json.loads(line), dict | list)
    except (ValueError, RecursionError):  # not JSON after all, or nested too deeply to tell: leave it to the rules
        return False


def furniture_rule(line: str, words: int, at_edge: bool) -> str | None:
    """The name of the first rule whose shape and second signal both fit the line, else None."""
    for rule in rules():
        if words > rule.max_words:
            continue
        if rule.edge_only and (not at_edge or is_paragraph(line, words)):
            continue
        if rule.pattern.fullmatch(line):
            return rule.name
    return None
