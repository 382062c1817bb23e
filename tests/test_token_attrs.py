"""The faster attribute ruler and lemmatizer (nlp/token_attrs.py) must set what the stock components set, token for
token: tags, coarse tags, morphology, lemmas, dependencies and entities of whole documents are compared."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language

from frontwatch.nlp.pipeline import MODEL, get_nlp
from frontwatch.nlp.token_attrs import AttributeMatches, FastAttributeRuler, FastLemmatizer, use_fast_token_attrs

COMPARED = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
OWN_TEXTS = [  # our own sentences, touching the ruler's word-specific, two-token and dependency patterns
    "Y'all know they're gonna shell the town again, let's go, said a man who'd fled. There is nothin' left.",
    "It ain't over: we gotta hold the bridge. I gave it to him and he gave it to me; she did it herself.",
    "Gunmen attacked the checkpoint and killed two soldiers, whose bodies were found by villagers on Tuesday.",
    "That was what they said, but nobody believed it. Those who could left; these are the ones who stayed.",
    "The council has had enough. Did they do it? Anyone could have done something, and everything changed.",
    "\n\nProtesters  gathered\toutside the ministry \n and blocked the road. \u00a0 Police were  seen.",
    "",
]


@cache
def _stock() -> Language:
    return spacy.load(MODEL)


@cache
def _fast() -> Language:
    nlp = spacy.load(MODEL)
    use_fast_token_attrs(nlp)
    return nlp


def _demo_texts() -> list[str]:
    folder = Path(str(resources.files("frontwatch") / "data" / "demo"))
    return [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]


def test_both_stock_components_are_replaced() -> None:
    components = dict(_fast().pipeline)
    assert isinstance(components["attribute_ruler"], FastAttributeRuler)
    assert isinstance(components["lemmatizer"], FastLemmatizer)
    assert _fast().pipe_names == _stock().pipe_names
    assert isinstance(dict(get_nlp().pipeline)["lemmatizer"], FastLemmatizer)


@pytest.mark.parametrize("source", ["own", "demo"])
def test_documents_get_the_stock_annotations(source: str) -> None:
    texts = OWN_TEXTS if source == "own" else _demo_texts()
    stock, fast = list(_stock().pipe(texts)), list(_fast().pipe(texts))
    for ours, theirs in zip(fast, stock, strict=True):
        assert np.array_equal(ours.to_array(COMPARED), theirs.to_array(COMPARED)), ours.text[:60]
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
        assert [str(t.morph) for t in ours] == [str(t.morph) for t in theirs]


def test_matches_are_the_matchers() -> None:
    ruler = _stock().get_pipe("attribute_ruler")
    matches = AttributeMatches(ruler)  # type: ignore[arg-type]
    with _stock().select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(_stock().pipe(OWN_TEXTS + _demo_texts()))
    for doc in docs:
        assert matches(doc) == ruler.match(doc)  # type: ignore[attr-defined]
    assert any(end - start == 2 for doc in docs for _, _, start, end in matches(doc))  # two-token patterns met


def test_a_pattern_of_another_shape_keeps_the_stock_ruler() -> None:
    nlp = spacy.load(MODEL)
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "a"})  # type: ignore[attr-defined]
    use_fast_token_attrs(nlp)
    assert not isinstance(dict(nlp.pipeline)["attribute_ruler"], FastAttributeRuler)
    assert isinstance(dict(nlp.pipeline)["lemmatizer"], FastLemmatizer)


def test_a_lemma_set_by_the_ruler_stays() -> None:
    doc = _fast()("Let's go, y'all.")
    assert [t.lemma_ for t in doc][:2] == ["let", "us"]
    assert doc[4].lemma_ == "you"
