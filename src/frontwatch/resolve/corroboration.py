"""Independent sources: what counts once.

Only origins count: a speaker the outlet quotes (two outlets quoting SOHR are one source: SOHR), an agency, a
monitor. An outlet that relays a speaker adds nothing beside that speaker: its own narration counts as an origin
only when the document attributes nothing about the event to anyone. A duplicate or syndicated copy is its
original: the original's speakers, or the wire when it narrates. An outlet's own reporting is one origin however
many of its articles tell the event.
"""

from __future__ import annotations

from ..model import Claim, Document

COUNTED_STANCES = {"assert", "confirm"}


def document_origin(doc: Document, docs: dict[str, Document] | None = None) -> str:
    """Whose own reporting a document is: its outlet's, a syndicated copy's wire's, a duplicate's original's."""
    original = (docs or {}).get(doc.duplicate_of or "", doc)
    return f"outlet:{(original.syndicated_from or original.outlet).lower()}"


def speaker_origin(claim: Claim, doc: Document) -> str | None:
    """The party a claim is attributed to, or None when it is the outlet's (or its wire's) own statement."""
    if claim.speaker_actor:
        return f"actor:{claim.speaker_actor}"
    if claim.speaker and claim.speaker not in {doc.outlet, doc.syndicated_from}:
        return f"speaker:{claim.speaker.lower()}"
    return None


def claim_origin(claim: Claim, doc: Document, docs: dict[str, Document] | None = None) -> str:
    return speaker_origin(claim, doc) or document_origin(doc, docs)


def independent_count(claims: list[Claim], docs: dict[str, Document]) -> int:
    """How many origins stand behind ``claims`` (one event's): quoted parties, plus the documents (taken as their
    originals' outlets) that tell the event in their own voice and quote no one about it."""
    origins: set[str] = set()
    quoting: set[str] = set()  # documents (as originals) that attribute something about the event
    narrating: set[str] = set()
    for claim in claims:
        if claim.stance not in COUNTED_STANCES:
            continue
        doc = docs[claim.doc]
        speaker = speaker_origin(claim, doc)
        if speaker is not None:
            origins.add(speaker)
            quoting.add(document_origin(doc, docs))
        else:
            narrating.add(document_origin(doc, docs))
    return len(origins | (narrating - quoting))
