"""Turn RawDocuments into Documents: clean text, outlet, published date with its basis, a content-hash id."""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from ..model import Cleaning, Document, Published, RawDocument
from .clean import canonical_outlet, clean, find_date, short_title
from .language import detect_language

UNKNOWN_OUTLET = "unknown"


def document_id(outlet: str, text: str) -> str:
    """Content-hash id: the same text from the same outlet is the same document, whatever its file name."""
    digest = hashlib.sha256(f"{outlet}\n{text}".encode()).hexdigest()
    return f"doc-{digest[:12]}"


def _published(raw: RawDocument, stated: str | None, evidence: str) -> Published:
    if raw.published:
        date = find_date(raw.published) or _iso_prefix(raw.published)
        if date:
            return Published(date=date, precision="day", basis="metadata", evidence=f"published: {raw.published}")
    if stated:
        return Published(date=stated, precision="day", basis="stated", evidence=evidence)
    return Published()


def _iso_prefix(value: str) -> str | None:
    head = value.strip()[:10]
    return find_date(head) if len(head) == 10 else None


def make_document(raw: RawDocument) -> Document:
    cleaning: Cleaning | None = None
    if raw.cleaned:
        text = raw.text
        title = raw.title or short_title(text)
        outlet = raw.outlet
        syndicated, stated, evidence = None, None, ""
    else:
        cleaned = clean(raw.text)
        text, title = cleaned.text, raw.title or cleaned.title
        outlet = raw.outlet or cleaned.outlet
        syndicated, stated, evidence = cleaned.syndicated_from, cleaned.stated_date, cleaned.date_evidence
        rules = cleaned.removed_chars()
        cleaning = Cleaning(read_chars=len(raw.text), removed_chars=sum(rules.values()), rules=rules)
    outlet_name = canonical_outlet(outlet) if outlet else UNKNOWN_OUTLET
    if syndicated == outlet_name:
        syndicated = None
    return Document(
        id=document_id(outlet_name, text),
        source_id=raw.source_id if raw.cleaned or not raw.path else PurePath(raw.path).name,
        path=raw.path,
        url=raw.url,
        outlet=outlet_name,
        syndicated_from=syndicated,
        title=title,
        text=text,
        published=_published(raw, stated, evidence),
        language=detect_language(text),
        cleaning=cleaning,
    )
