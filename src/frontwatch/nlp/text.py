"""The parsed document's text, built once: spaCy's ``Doc.text`` joins every token again on each call, which made
the many small look-arounds of the place and number rules quadratic in the document's length; and where a
paragraph of it ends."""

from __future__ import annotations

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
