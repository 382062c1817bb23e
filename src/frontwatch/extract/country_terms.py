"""Country votes from the administrative words and currencies a text uses (``data/country_terms.tsv``).

"in the Manthai West Divisional Secretariat" is Sri Lanka, "40,000 RMB" China, "Dongil-ri" South Korea: a hint for
which of several same-named places a report means, counted beside the named actors' countries.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from spacy.tokens import Doc

from ..errors import ConfigError
from ..lexicons import read_tsv, split_forms
from ..nlp.text import WORD, doc_text, words_of

WHERE = "frontwatch/data/country_terms.tsv"




@cache
def term_words() -> tuple[frozenset[str] | None, ...]:
    """Per row of ``term_table``, the lower-cased first words of its terms (None for a regular expression): a row
    none of whose first words the text holds cannot match, and is not run."""
    out: list[frozenset[str] | None] = []
    for row in read_tsv("country_terms.tsv"):
        cell = row["terms"]
        out.append(None if cell.startswith("re:") else frozenset(
            m.group(0).lower() for t in split_forms(cell) if (m := WORD.search(t))))
    return tuple(out)


@cache
def term_table() -> tuple[tuple[re.Pattern[str], tuple[tuple[str, float], ...]], ...]:
    """One pattern per row of the table (its terms) and the countries it votes for, each with its share."""
    table = []
    for row in read_tsv("country_terms.tsv"):
        shares = []
        for part in split_forms(row["countries"]):
            code, _, share = part.partition(" ")
            try:
                shares.append((code, float(share) if share else 1.0))
            except ValueError as exc:
                raise ConfigError(f"bad country share {part!r} for {row['terms']!r}", where=WHERE) from exc
        cell = row["terms"]
        plain = [] if cell.startswith("re:") else split_forms(cell)
        exprs = [cell[3:]] if cell.startswith("re:") else []
        ordered = sorted(plain, key=len, reverse=True)
        lower = "|".join(re.escape(t) for t in ordered if t == t.lower())
        title = "|".join(re.escape(t.title()) for t in ordered if t == t.lower())
        cased = "|".join(re.escape(t) for t in ordered if t != t.lower())
        parts = [f"(?<![\\w-])(?:{lower})(?![\\w-])"] if lower else []
        parts += [f"(?<![\\w-])[A-Z][\\w'’-]*\\s+(?:{title})(?![\\w-])"] if title else []  # "Sitakunda Upazila"
        parts += [f"(?<![\\w-])(?:{cased})(?![\\w-])"] if cased else []
        parts += exprs
        table.append((re.compile("|".join(parts)), tuple(shares)))
    return tuple(table)


def term_countries(doc: Doc) -> Counter[str]:
    """One vote per table row the text uses (however often), shared among the row's countries."""
    text = doc_text(doc)
    words = {w.lower() for w in words_of(text)}
    votes: Counter[str] = Counter()
    for (pattern, shares), first in zip(term_table(), term_words(), strict=True):
        if (first is None or not first.isdisjoint(words)) and pattern.search(text):
            for code, share in shares:
                votes[code] += share
    return votes
