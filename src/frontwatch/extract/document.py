"""Analyse one document: run the spaCy pipeline once and every per-document extractor over it."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from spacy.tokens import Doc

from ..embed import embedder
from ..model import ActorMention, DocAnalysis, DocClaim, DocEvent, Document, PlaceMention, TimeExpr
from ..nlp.pipeline import get_nlp
from .actors import actor_countries, actor_spans, extract_actors
from .claims import extract_claims
from .country_terms import term_countries
from .event_types import readings_without_trigger, refine, refined_readings
from .events import PUBLISHED_YEAR, conventional_actors, extract_events, split_claims
from .framing import extract_framing
from .places import extract_places
from .times import extract_times

BATCH_SIZE = 16  # documents per spaCy batch
OVERLAP_BATCH_SIZE = 4  # ... when the embedder reads ahead: it idles until the first batch is parsed and read (16:
# ~0.9 s), and spaCy's CPU time is the same at 4 (150 GVA articles: 7.15 s against 6.9-7.5 s); its annotations
# do not depend on the batch (the same at 1, 4 and 16 on 200 GVA articles, tests/test_document_overlap.py)
AHEAD = 2 * BATCH_SIZE  # documents read ahead of the classifier at most (~7 readings each in GVA articles)


def focus_country(places: list[PlaceMention]) -> str | None:
    """The country the document is mostly about: the most named country among its event places (ties: the first
    named), else None."""
    counts = Counter(p.place.country for p in places if p.place.country and p.event_location)
    if not counts:
        return None
    best = max(counts.values())
    return next(p.place.country for p in places if p.place.country and counts[p.place.country] == best)


@dataclass(frozen=True)
class Proposed:
    """A document parsed and read up to its proposed events, which the classifier has yet to weigh (``refine``)."""

    document: Document
    places: list[PlaceMention]
    focus: str | None
    actors: list[ActorMention]
    times: list[TimeExpr]
    claims: list[DocClaim]
    events: list[DocEvent]

    def readings(self) -> list[str]:
        """The texts ``refine`` will give the classifier."""
        return refined_readings(self.events, self.claims, self.document.text)


def propose(doc: Doc, document: Document) -> Proposed:
    places = extract_places(doc, document.id, actor_countries(doc) + term_countries(doc))
    focus = focus_country(places)
    spans = actor_spans(doc, frozenset(p.place.country for p in places if p.place.country))
    actors = extract_actors(spans, document.id, focus)
    actor_index = {t.i: actor_id for actor_id, span in spans for t in span}
    times = extract_times(doc, document.id)
    year = int(document.published.date[:4]) if document.published.date else None
    doc.user_data[PUBLISHED_YEAR] = year
    claims = extract_claims(doc, document.id, document.outlet, document.syndicated_from, places, actor_index,
                            [(t.mention.start, t.mention.end) for t in times], year)
    proposed = extract_events(doc, document.id, claims, places, actor_index, focus, times)
    if not proposed:  # no trigger word anywhere: the classifier may still read what happened
        read_as = readings_without_trigger(claims, document.text)
        proposed = extract_events(doc, document.id, claims, places, actor_index, focus, times, read_as)
    claims, proposed = split_claims(claims, proposed, places, times, document.text)
    return Proposed(document, places, focus, actors, times, claims, proposed)


def finish(proposed: Proposed) -> DocAnalysis:
    document, places = proposed.document, proposed.places
    events = conventional_actors(refine(proposed.events, proposed.claims, document.text), places, proposed.focus)
    return DocAnalysis(
        doc=document.id, stated_date=document.published, places=tuple(places), actors=tuple(proposed.actors),
        times=tuple(proposed.times), claims=tuple(proposed.claims), events=tuple(events),
        framing=extract_framing(document.text),
    )


def analyse_parsed(doc: Doc, document: Document) -> DocAnalysis:
    return finish(propose(doc, document))


def analyse_documents(documents: Iterable[Document], overlap: bool = True) -> Iterator[DocAnalysis]:
    """Analyses in input order; the model parses in batches.

    With ``overlap`` (the default) the sentence embedder reads each document's event sentences on a second thread
    while this one parses and reads the documents that follow: onnxruntime runs without the GIL, so on a machine with
    a core to spare the embedder's time (about as much as spaCy's) mostly leaves the wall clock. The classifier then
    finds the vectors in the embedder's memo (``AHEAD`` documents hold a few hundred of its 4,096), the same bits as
    computed in place, so each document's analysis is the same either way. Dask workers run without it (one core
    each). (An earlier overlap ran every extractor on the second thread: they hold the GIL, and it was slower.)"""
    docs = list(documents)
    batch = OVERLAP_BATCH_SIZE if overlap else BATCH_SIZE
    parsed = zip(get_nlp().pipe((d.text for d in docs), batch_size=batch), docs, strict=True)
    if not overlap:
        for doc, document in parsed:
            yield analyse_parsed(doc, document)
        return
    pending: deque[tuple[Proposed, Future[object]]] = deque()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="fw-embed") as reader:
        try:
            for doc, document in parsed:
                proposed = propose(doc, document)
                pending.append((proposed, reader.submit(_read_ahead, proposed.readings())))
                if len(pending) > AHEAD:
                    yield _finished(*pending.popleft())
            while pending:
                yield _finished(*pending.popleft())
        finally:  # a caller that stops early does not wait for readings nobody will use
            for _proposed, read in pending:
                read.cancel()


def _read_ahead(texts: list[str]) -> None:
    if texts:  # the embedder loads only when some document has events to weigh, as refine would load it
        embedder().encode(texts)


def _finished(proposed: Proposed, read: Future[object]) -> DocAnalysis:
    read.result()  # its vectors are in the embedder's memo now (or its error is raised here)
    return finish(proposed)
