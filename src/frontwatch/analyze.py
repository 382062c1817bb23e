"""The library entry point: read inputs, analyse what is new, store it, rebuild the picture, write outputs.

The CLI and (later) the API are thin shells over ``analyze``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import PIPELINE_VERSION
from .errors import InputError
from .ingest.dedup import near_duplicates
from .ingest.documents import make_document
from .ingest.language import UNDETERMINED
from .ingest.readers import ReadOptions, read_inputs
from .model import DocAnalysis, Document, Picture, RawDocument
from .output.write import write_outputs
from .resolve.picture import build_picture
from .store import Store, StoreSpec, open_store

if TYPE_CHECKING:
    from .cluster import ClusterSpec

Progress = Callable[[int, int], None]  # (done, total)
Analyser = Callable[[list[Document]], Iterator[DocAnalysis]]  # the per-document stage: analyses in input order


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


def store_documents(store: Store, docs: list[tuple[Document, str]], progress: Progress | None = None,
                    analyser: Analyser | None = None) -> int:
    """Analyse the documents the store lacks (or holds from an older pipeline) and store each one; return how many.

    Each document goes in with its analysis in one transaction, so an interrupted run loses at most the document
    in flight and a re-run picks up where it stopped. ``analyser`` runs the per-document stage (default: here, in
    this process; ``cluster.dask_analyser``: on Dask workers); storing always happens here.
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
        if analyser is None:
            from .extract.document import analyse_documents as analyser  # spaCy loads only when there is work

        for (document, raw), analysis in zip(english, analyser([d for d, _ in english]), strict=True):
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


def analyze(paths: Iterable[str], db: StoreSpec, out: Path | None, progress: Progress | None = None,
            options: ReadOptions | None = None, cluster: ClusterSpec | None = None) -> AnalyzeResult:
    """``db``: a SQLite path or ``sqlite:///PATH``, or ``postgresql://...``; ``cluster``: run the per-document
    stage on Dask workers (the picture is the same as without)."""
    docs, errors = collect(paths, options)
    with open_store(db) as store, _analyser(cluster) as analyser:
        analysed = store_documents(store, docs, progress, analyser)
        mark_duplicates(store)
        picture = picture_from_store(store)
    written = write_outputs(picture, out) if out is not None else []
    return AnalyzeResult(picture=picture, written=written, errors=errors, analysed=analysed,
                         unchanged=len(docs) - analysed)


@contextmanager
def _analyser(cluster: ClusterSpec | None) -> Iterator[Analyser | None]:
    if cluster is None:
        yield None
        return
    from .cluster import dask_analyser  # dask loads only when asked for

    with dask_analyser(cluster) as analyser:
        yield analyser
