"""Analyse one document: run the spaCy pipeline once and every per-document extractor over it."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from spacy.tokens import Doc

from ..model import DocAnalysis, Document, PlaceMention
from ..nlp.pipeline import get_nlp
from .actors import actor_countries, actor_spans, extract_actors
from .claims import extract_claims
from .event_types import readings_without_trigger, refine
from .events import conventional_actors, extract_events
from .framing import extract_framing
from .places import extract_places
from .times import extract_times

BATCH_SIZE = 16  # documents per spaCy batch
AHEAD = 2 * BATCH_SIZE  # parsed documents waiting for the extractors' thread at most


def focus_country(places: list[PlaceMention]) -> str | None:
    """The country the document is mostly about: the most named country among its event places (ties: the first
    named), else None."""
    counts = Counter(p.place.country for p in places if p.place.country and p.event_location)
    if not counts:
        return None
    best = max(counts.values())
    return next(p.place.country for p in places if p.place.country and counts[p.place.country] == best)


def analyse_parsed(doc: Doc, document: Document) -> DocAnalysis:
    places = extract_places(doc, document.id, actor_countries(doc))
    focus = focus_country(places)
    spans = actor_spans(doc, frozenset(p.place.country for p in places if p.place.country))
    actors = extract_actors(spans, document.id, focus)
    actor_index = {t.i: actor_id for actor_id, span in spans for t in span}
    times = extract_times(doc, document.id)
    claims = extract_claims(doc, document.id, document.outlet, document.syndicated_from, places, actor_index,
                            [(t.mention.start, t.mention.end) for t in times],
                            int(document.published.date[:4]) if document.published.date else None)
    proposed = extract_events(doc, document.id, claims, places, actor_index, focus, times)
    if not proposed:  # no trigger word anywhere: the classifier may still read what happened
        read_as = readings_without_trigger(claims, document.text)
        proposed = extract_events(doc, document.id, claims, places, actor_index, focus, times, read_as)
    events = conventional_actors(refine(proposed, claims, document.text), places, focus)
    return DocAnalysis(
        doc=document.id, stated_date=document.published, places=tuple(places), actors=tuple(actors),
        times=tuple(times), claims=tuple(claims), events=tuple(events), framing=extract_framing(document.text),
    )


def analyse_documents(documents: Iterable[Document], overlap: bool = False) -> Iterator[DocAnalysis]:
    """Analyses in input order; the model parses in batches.

    With ``overlap`` the extractors run on a second thread while the model parses the documents that follow (the
    sentence embedder releases the GIL). Off by default: on this shared 2-core machine it was slower, not faster
    (100 GVA articles, load 5.5, same process: 23.3 and 28.3 s wall against 19.5 and 21.9 s on one thread, the
    threads waiting on each other for the GIL). Each document's analysis is the same either way."""
    docs = list(documents)
    parsed = zip(get_nlp().pipe((d.text for d in docs), batch_size=BATCH_SIZE), docs, strict=True)
    if not overlap:
        for doc, document in parsed:
            yield analyse_parsed(doc, document)
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="fw-extract") as extractor:
        pending: deque[Future[DocAnalysis]] = deque()
        for doc, document in parsed:
            pending.append(extractor.submit(analyse_parsed, doc, document))
            if len(pending) > AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
