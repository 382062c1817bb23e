"""Faster stand-ins for en_core_web_sm's ``attribute_ruler`` and ``lemmatizer`` with the same output, token for token.

Both stock components are pure Python over every token, and together cost about a quarter of the model's own time
(100 GVA articles: attribute_ruler 0.77 s CPU, lemmatizer 0.63 s, against 6.1 s for the whole bare pipeline):

- the attribute ruler finds the attribute ruler's matches without spaCy's ``Matcher`` (0.70 s of the 0.77): the
  model's patterns are a few single-token tests and short fixed sequences, so each token's tests are looked up in an
  index keyed by its (tag, lower, dep, is_space) hashes, remembered per key. The matches, and so everything the
  ruler sets, are the ``Matcher``'s (``tests/test_token_attrs.py`` compares both on whole documents); the ruler's
  own ``set_annotations`` applies them. A pattern of any other shape (an ``OP``, another attribute) keeps the stock
  component: ``fast_attribute_ruler`` returns None.
- the lemmatizer gives each token the stock rule lemmatizer's lemma, remembered per (orth, pos, morph): the rule
  lemmatizer reads nothing else (the token's text, coarse tag and morphology), and the stock cache skips its
  commonest paths (base forms and tags without rules are computed again for every token). Its word index is held
  as sets rather than lists: ``form in index`` gives the same answer without scanning up to 57,528 words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # the token attributes the patterns may test
ARRAY = [TAG, LOWER, DEP, IS_SPACE]
MEMO_LIMIT = 200_000  # remembered keys before a memo starts afresh (a key is ~200 bytes; vocabulary-bound anyway)

Test = tuple[int, Callable[[int], bool]]  # (column, predicate over that column's hash or flag)
Match = tuple[int, int, int, int]  # (pattern number, match id, start, end), as AttributeRuler.match gives them


class UnsupportedPattern(ValueError):
    """A pattern this matcher does not read: the stock component stays."""


def _predicate(value: Any, strings: Any) -> tuple[Callable[[int], bool], Hashable | None]:
    """(test of a column's value, the one value it accepts when it is an equality, else None)."""
    if isinstance(value, bool):
        flag = int(value)
        return (lambda v: v == flag), flag
    if isinstance(value, str):
        key = strings.add(value) if value else 0
        return (lambda v: v == key), key
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in {"IN", "NOT_IN"} and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            keys = frozenset(strings.add(a) if a else 0 for a in arg)
            return ((lambda v: v in keys) if op == "IN" else (lambda v: v not in keys)), None
        if op == "REGEX" and isinstance(arg, str):
            pattern = re.compile(arg)
            return (lambda v: bool(pattern.search(strings[v]))), None
    raise UnsupportedPattern(repr(value))


def _tests(spec: dict[str, Any], strings: Any) -> tuple[list[Test], tuple[int, Hashable] | None]:
    """A token spec's tests, and the (column, value) to index it by: its first equality, in column order."""
    tests, index = [], None
    for name, value in sorted(spec.items(), key=lambda kv: COLUMNS.get(kv[0], 99)):
        if name not in COLUMNS:
            raise UnsupportedPattern(name)
        test, equal = _predicate(value, strings)
        tests.append((COLUMNS[name], test))
        if index is None and equal is not None:
            index = (COLUMNS[name], equal)
    return tests, index


class AttributeMatches:
    """The matches of an AttributeRuler's patterns in a doc, as ``AttributeRuler.match`` returns them."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.patterns: list[tuple[int, int, list[list[Test]]]] = []  # (number, match id, tests of each token)
        self.indexed: dict[tuple[int, Hashable], list[int]] = {}  # (column, value) -> patterns whose first token
        self.unindexed: list[int] = []  # ... needs it; patterns whose first token has no equality
        for number, entry in enumerate(ruler.patterns):
            for sequence in entry["patterns"]:
                compiled = [_tests(spec, strings) for spec in sequence]
                if not compiled:
                    raise UnsupportedPattern("empty pattern")
                at = len(self.patterns)
                self.patterns.append((number, strings[str(number)], [tests for tests, _ in compiled]))
                first_index = compiled[0][1]
                if first_index is None:
                    self.unindexed.append(at)
                else:
                    self.indexed.setdefault(first_index, []).append(at)
        self.memo: dict[tuple[int, ...], tuple[int, ...]] = {}

    def starting(self, token: tuple[int, ...]) -> tuple[int, ...]:
        """The patterns whose first token's tests this token (its TAG, LOWER, DEP, IS_SPACE values) passes."""
        found = self.memo.get(token)
        if found is None:
            candidates = set(self.unindexed)
            for column, value in enumerate(token):
                candidates.update(self.indexed.get((column, value), ()))
            found = tuple(sorted(at for at in candidates
                                 if all(test(token[column]) for column, test in self.patterns[at][2][0])))
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            self.memo[token] = found
        return found

    def __call__(self, doc: Doc) -> list[Match]:
        if not len(doc):
            return []
        rows = [tuple(row) for row in doc.to_array(ARRAY).tolist()]
        found: set[Match] = set()
        for start, token in enumerate(rows):
            for at in self.starting(token):
                number, match_id, specs = self.patterns[at]
                end = start + len(specs)
                if end <= len(rows) and all(all(test(rows[i][column]) for column, test in tests)
                                            for i, tests in zip(range(start + 1, end), specs[1:], strict=True)):
                    found.add((number, match_id, start, end))
        return sorted(found)


class FastAttributeRuler:
    """The stock attribute ruler, its matches found by ``AttributeMatches``."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.matches = AttributeMatches(ruler)

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.matches(doc))
        return doc


class FastLemmatizer:
    """The stock rule lemmatizer's lemmas, remembered per (orth, pos, morph); a lemma already set stays."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            raise UnsupportedPattern(f"lemmatizer mode {lemmatizer.mode}, overwrite {lemmatizer.overwrite}")
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}
        index = lemmatizer.lookups.get_table("lemma_index")
        for key, words in list(index.items()):  # rule_lemmatize asks `form in index[pos]` of lists of up to 57,528
            index[key] = frozenset(words)  # words: a set answers the same, without reading the list through

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue  # set by the attribute ruler: the stock lemmatizer leaves it too
            key = (orth, pos, morph)
            found = self.memo.get(key)
            if found is None:
                found = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                if len(self.memo) >= MEMO_LIMIT:
                    self.memo.clear()
                self.memo[key] = found
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


def use_fast_token_attrs(nlp: Language) -> None:
    """Swap the stock attribute ruler and lemmatizer of ``nlp`` for their faster equivalents, in place (each one only
    when its configuration is one they reproduce)."""
    for name, make in (("attribute_ruler", FastAttributeRuler), ("lemmatizer", FastLemmatizer)):
        if name not in nlp.pipe_names:
            continue
        try:
            fast = make(nlp.get_pipe(name))  # type: ignore[arg-type]
        except UnsupportedPattern:
            continue
        at = nlp.component_names.index(name)  # _components also holds the disabled senter
        nlp._components[at] = (name, fast)  # spaCy has no public swap for a live component
