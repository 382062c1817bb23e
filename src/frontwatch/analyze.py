"""The library entry point: read inputs, analyse what is new, store it, rebuild the picture, write outputs.

The CLI and (later) the API are thin shells over ``analyze``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import PIPELINE_VERSION
from .errors import InputError
from .ingest.dedup import near_duplicates
from .ingest.documents import make_document
from .ingest.language import UNDETERMINED
from .ingest.readers import ReadOptions, read_inputs
from .model import DocAnalysis, Document, Picture, RawDocument
from .output.write import write_outputs
from .resolve.picture import build_picture
from .store import Store

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class AnalyzeResult:
    picture: Picture
    written: list[Path]
    errors: list[InputError] = field(default_factory=list)
    analysed: int = 0
    unchanged: int = 0


def collect(paths: Iterable[str], options: ReadOptions | None = None
            ) -> tuple[list[tuple[Document, str]], list[InputError]]:
    """Documents (with their raw text) from the inputs, first copy of each id only, and the input errors."""
    docs: list[tuple[Document, str]] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for item in read_inputs(paths, options):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        document = make_document(item)
        if not document.text.strip():
            errors.append(InputError("no article text left after removing page boilerplate", where=_where(item)))
            continue
        if document.id not in seen:
            seen.add(document.id)
            docs.append((document, item.original or item.text))
    return docs, errors


def _where(raw: RawDocument) -> str:
    return raw.path or raw.url or raw.source_id


def store_documents(store: Store, docs: list[tuple[Document, str]], progress: Progress | None = None) -> int:
    """Analyse the documents the store lacks (or holds from an older pipeline) and store each one; return how many.

    Each document goes in with its analysis in one transaction, so an interrupted run loses at most the document
    in flight and a re-run picks up where it stopped.
    """
    todo = [(d, raw) for d, raw in docs if not store.has_analysis(d.id, PIPELINE_VERSION)]
    if not todo:
        return 0
    if progress:
        progress(0, len(todo))
    done = 0
    foreign = [(d, raw) for d, raw in todo if not is_analysable(d)]
    for document, raw in foreign:  # stored and flagged by their language, never run through the English model
        store.put(document, DocAnalysis(doc=document.id, stated_date=document.published), PIPELINE_VERSION, raw=raw)
        done += 1
        if progress:
            progress(done, len(todo))
    english = [(d, raw) for d, raw in todo if is_analysable(d)]
    if english:
        from .extract.document import analyse_documents  # spaCy loads only when there is work

        for (document, raw), analysis in zip(english, analyse_documents(d for d, _ in english), strict=True):
            store.put(document, analysis, PIPELINE_VERSION, raw=raw)
            done += 1
            if progress:
                progress(done, len(todo))
    return len(todo)


def is_analysable(document: Document) -> bool:
    """Only English (or too short to tell) documents go through the English pipeline."""
    return document.language in ("en", UNDETERMINED)


def mark_duplicates(store: Store) -> None:
    """Record near-duplicates (MinHash) among stored documents as ``duplicate_of`` the earliest copy."""
    stored = store.documents()
    by_id = {d.id: d for d in stored}
    for copy, original in near_duplicates([(d.id, d.text) for d in stored]).items():
        if by_id[copy].duplicate_of != original:
            store.set_duplicate(copy, original, by_id[original].syndicated_from or by_id[original].outlet)


def picture_from_store(store: Store) -> Picture:
    """The picture of everything stored (read-only)."""
    return build_picture(store.documents(), store.analyses())


def analyze(paths: Iterable[str], db: Path, out: Path | None, progress: Progress | None = None,
            options: ReadOptions | None = None) -> AnalyzeResult:
    docs, errors = collect(paths, options)
    with Store(db) as store:
        analysed = store_documents(store, docs, progress)
        mark_duplicates(store)
        picture = picture_from_store(store)
    written = write_outputs(picture, out) if out is not None else []
    return AnalyzeResult(picture=picture, written=written, errors=errors, analysed=analysed,
                         unchanged=len(docs) - analysed)
