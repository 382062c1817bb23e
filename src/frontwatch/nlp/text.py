"""The parsed document's text, built once: spaCy's ``Doc.text`` joins every token again on each call, which made
the many small look-arounds of the place and number rules quadratic in the document's length; and where a
paragraph of it ends."""

from __future__ import annotations

import re

from spacy.tokens import Doc

KEY = "fw_text"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(KEY)
    if text is None:
        text = doc.user_data[KEY] = doc.text
    return text


def paragraph_end(text: str, at: int) -> int:
    """Where the paragraph holding ``at`` ends: the next line break, else the end of the text."""
    stop = text.find("\n", at)
    return len(text) if stop < 0 else stop


WORD = re.compile(r"[\w'’.&-]+")  # a run of a name's characters: "CPN", "CPN-UML", "U.S.", "sous-préfecture"
POSSESSIVE = re.compile(r"['’]s\.?$")  # "the FNDC's call", "the comune's council"


def words_of(text: str) -> set[str]:
    """The text's words as written, each also without a final period or quote and without "'s": what a table of
    names is looked up by before its patterns are run."""
    return {w for word in WORD.findall(text) for w in (word, word.rstrip(".'’"), POSSESSIVE.sub("", word))}
