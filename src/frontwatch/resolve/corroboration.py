"""Independent sources: what counts once.

A claim's origin is its speaker when the outlet attributes it to someone (two outlets quoting SOHR are one
source: SOHR); otherwise it is the document's origin: the original of a duplicate, the wire of a syndicated
copy, or the document itself.
"""

from __future__ import annotations

from ..model import Claim, Document


def document_origin(doc: Document) -> str:
    if doc.duplicate_of:
        return f"doc:{doc.duplicate_of}"
    if doc.syndicated_from:
        return f"outlet:{doc.syndicated_from}"
    return f"doc:{doc.id}"


def claim_origin(claim: Claim, doc: Document) -> str:
    if claim.speaker_actor:
        return f"actor:{claim.speaker_actor}"
    if claim.speaker and claim.speaker not in {doc.outlet, doc.syndicated_from}:
        return f"speaker:{claim.speaker.lower()}"
    return document_origin(doc)


def independent_count(claims: list[Claim], docs: dict[str, Document]) -> int:
    return len({claim_origin(c, docs[c.doc]) for c in claims if c.stance in {"assert", "confirm"}})
