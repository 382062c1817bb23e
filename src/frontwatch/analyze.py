"""The library entry point: read inputs, analyse what is new, store it, rebuild the picture, write outputs.

The CLI and (later) the API are thin shells over ``analyze``.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from datasketch import MinHashLSH

from . import PIPELINE_VERSION
from .errors import InputError
from .ingest.dedup import NUM_PERM, THRESHOLD, signature
from .ingest.documents import make_document
from .ingest.language import UNDETERMINED, language_name
from .ingest.readers import ReadOptions, debugging, read_inputs
from .model import DocAnalysis, Document, Picture, RawDocument
from .output.write import write_outputs
from .resolve.picture import build_picture
from .store import Store, StoreSpec, open_store, picture_index

if TYPE_CHECKING:
    from .cluster import ClusterSpec

Progress = Callable[[int, int], None]  # (done, total)
HEAVY_CLEANING = 0.30  # cleaning that removes more than this share of a page's text is worth a word to the user
Analyser = Callable[[list[Document]], Iterator[DocAnalysis]]  # the per-document stage: analyses in input order
MODEL_CACHES = (("nlp.pipeline", "get_nlp"), ("gazetteer", "load"), ("embed", "embedder"), ("lexicons", "read_tsv"))
# the per-document stage's process-wide models: ~550 MiB resident (measured: 845 -> 294 MiB once released)
RELEASE_MODELS_AT = 1_000  # stored documents from which the picture's room (it grows with the store) is worth more
# than keeping the models loaded for a next call in this process (tests and the API analyse small batches)


@dataclass(frozen=True)
class Notice:
    """Something a user should know about an input that was read and stored: not an error, not silent either."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class AnalyzeResult:
    picture: Picture | None  # None: no input could be read, so the store was not opened and nothing was written
    written: list[Path]
    errors: list[InputError] = field(default_factory=list)
    analysed: int = 0
    unchanged: int = 0
    notices: list[Notice] = field(default_factory=list)


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
        try:
            document = make_document(item)
        except Exception as exc:  # cleaning or language detection tripped on hostile text: this input's problem
            if debugging():
                raise
            errors.append(InputError(f"cannot be cleaned ({type(exc).__name__})", where=_where(item)))
            continue
        if not document.text.strip():
            removed = _rules(document)
            errors.append(InputError("no article text left after removing page boilerplate"
                                     + (f" (removed by {removed})" if removed else ""), where=_where(item)))
            continue
        if document.id not in seen:
            seen.add(document.id)
            docs.append((document, item.original or item.text))
    return docs, errors


def _where(raw: RawDocument | Document) -> str:
    return raw.path or raw.url or raw.source_id


def _rules(document: Document) -> str:
    """"rule N chars, ..." for the (at most three) rules that took the most text; "" when cleaning took none."""
    cleaning = document.cleaning
    if cleaning is None or not cleaning.rules:
        return ""
    top = sorted(cleaning.rules.items(), key=lambda item: (-item[1], item[0]))[:3]
    return ", ".join(f"{rule} {chars:,} chars" for rule, chars in top)


def notices(docs: Iterable[Document]) -> list[Notice]:
    """A notice per document left out of the analysis for its language, and per page that cleaning cut heavily."""
    found: list[Notice] = []
    for document in docs:
        if not is_analysable(document):
            found.append(Notice(_where(document), f"{language_name(document.language)} ({document.language}) text "
                                                  "stored but not analysed (English only)"))
        cleaning = document.cleaning
        if cleaning is not None and cleaning.share_removed() > HEAVY_CLEANING:
            found.append(Notice(_where(document), f"cleaning removed {cleaning.share_removed():.0%} of the text "
                                                  f"({_rules(document)})"))
    return found


def store_documents(store: Store, docs: list[tuple[Document, str]], progress: Progress | None = None,
                    analyser: Analyser | None = None) -> int:
    """Analyse the documents the store lacks (or holds from an older pipeline) and store each one; return how many.

    Each document goes in with its analysis in one transaction, so an interrupted run loses at most the document
    in flight and a re-run picks up where it stopped. ``analyser`` runs the per-document stage (default: here, in
    this process; ``cluster.dask_analyser``: on Dask workers); storing always happens here.
    """
    done_before = store.analysed_among([d.id for d, _ in docs], PIPELINE_VERSION)
    todo = [(d, raw) for d, raw in docs if d.id not in done_before]
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
    """Record near-duplicates (MinHash) among stored documents as ``duplicate_of`` the earliest copy.

    Incremental: each document's signature is computed once, when it is first marked, and stored with the LSH bands
    of those that are no one's copy; a new document is compared only with the stored documents sharing a band. The
    marks are those ``near_duplicates`` gives over every stored document in first-stored order (a document's mark
    depends only on the documents stored before it)."""
    pending = store.unsigned_documents()
    if not pending:
        return
    bands = _lsh_bands()
    fresh: dict[tuple[int, bytes], list[str]] = {}  # this batch's originals by band key
    fresh_signatures: dict[str, tuple[int, bytes]] = {}
    signatures: list[tuple[str, bytes]] = []
    band_rows: list[tuple[int, bytes, str]] = []
    copies: list[tuple[str, str]] = []  # (copy, original), marked in one transaction below
    for doc_id, seq, record in pending:
        document = Document.model_validate_json(record)
        values = signature(document.text).hashvalues
        keys = [(band, values[start:end].tobytes()) for band, (start, end) in enumerate(bands)]
        candidates = store.band_matches(keys)
        for key in keys:
            candidates.update({other: fresh_signatures[other] for other in fresh.get(key, ())})
        matches = [(other_seq, other) for other, (other_seq, stored) in candidates.items()
                   if _jaccard(values, stored) >= THRESHOLD]
        signatures.append((doc_id, values.tobytes()))
        if matches:
            original = min(matches)[1]
            if document.duplicate_of != original:
                copies.append((doc_id, original))
            continue
        fresh_signatures[doc_id] = (seq, values.tobytes())
        for key in keys:
            fresh.setdefault(key, []).append(doc_id)
            band_rows.append((key[0], key[1], doc_id))
    _mark_copies(store, copies)
    store.put_signatures(signatures, band_rows)


def _mark_copies(store: Store, copies: list[tuple[str, str]]) -> None:
    """Mark each copy as its original's, syndicated from the original's source (its outlet when it names none):
    the originals read and the marks written in a few round trips, not one transaction per copy."""
    if not copies:
        return
    originals = store.documents_by_id([original for _, original in copies])
    marks: list[tuple[str, str, str | None]] = []
    for doc_id, original in copies:
        first = originals.get(original)
        marks.append((doc_id, original, (first.syndicated_from or first.outlet) if first else None))
    store.set_duplicates(marks)


def _lsh_bands() -> list[tuple[int, int]]:
    """The (start, end) slices of a signature that MinHashLSH bands at THRESHOLD (datasketch's optimal split)."""
    return list(MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM).hashranges)


def _jaccard(values: np.ndarray, stored: bytes) -> float:
    """MinHash.jaccard's estimate, on a stored signature."""
    other = np.frombuffer(stored, dtype=values.dtype)
    return float(np.count_nonzero(values == other)) / float(len(values))


def release_models() -> None:
    """Drop the per-document stage's models (spaCy pipeline, gazetteer, embedder, lexicon tables) and give their
    memory back to the system: resolution and the outputs read none of them, and a later analysis loads them
    again. Modules never imported hold nothing to drop."""
    for module_name, function in MODEL_CACHES:
        module = sys.modules.get(f"{__package__}.{module_name}")
        if module is not None:
            getattr(module, function).cache_clear()
    gc.collect()
    _trim_heap()


def _trim_heap() -> None:
    """Return freed heap pages to the system (glibc's malloc_trim; elsewhere nothing to do)."""
    with suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def make_room(store: Store) -> None:
    """Before resolving a large store, release the models its picture does not need (issue 20: peak RSS)."""
    if store.count() >= RELEASE_MODELS_AT:
        release_models()


def picture_from_store(store: Store) -> Picture:
    """The picture of everything stored (read-only)."""
    return build_picture(store.documents(), store.analyses())


def refresh_rows(store: Store) -> bool:
    """Bring the picture's rows (events, aliases, places) up to the stored documents: incrementally when only
    documents were added whose changes stay local (store/picture_index.py), else rebuilt whole. True: incremental."""
    return picture_index.refresh_rows(store, store.generation())


def refresh_picture(store: Store) -> Picture:
    """The picture of everything stored, its rows brought up to date first (see ``refresh_rows``)."""
    generation = store.generation()
    try:
        if picture_index.incremental(store, generation):
            return picture_from_store(store)
    except picture_index.Rebuild:
        pass
    return picture_index.write_full(store, generation).picture


def analyze(paths: Iterable[str], db: StoreSpec, out: Path | None, progress: Progress | None = None,
            options: ReadOptions | None = None, cluster: ClusterSpec | None = None) -> AnalyzeResult:
    """``db``: a SQLite path or ``sqlite:///PATH``, or ``postgresql://...``; ``cluster``: run the per-document
    stage on Dask workers (the picture is the same as without)."""
    docs, errors = collect(paths, options)
    if errors and not docs:  # every input failed: an empty report would read as "nothing happened"
        return AnalyzeResult(picture=None, written=[], errors=errors)
    with open_store(db) as store, _analyser(cluster) as analyser:
        analysed = store_documents(store, docs, progress, analyser)
        make_room(store)
        mark_duplicates(store)
        picture = refresh_picture(store)
    written = write_outputs(picture, out) if out is not None else []
    return AnalyzeResult(picture=picture, written=written, errors=errors, analysed=analysed,
                         unchanged=len(docs) - analysed, notices=notices(d for d, _ in docs))


@contextmanager
def _analyser(cluster: ClusterSpec | None) -> Iterator[Analyser | None]:
    if cluster is None:
        yield None
        return
    from .cluster import dask_analyser  # dask loads only when asked for

    with dask_analyser(cluster) as analyser:
        yield analyser
