"""The per-document stage with the sentence embedder reading ahead on a second thread (``overlap=True``, the default)
gives the same analyses, in the same order, as with everything on one thread (what Dask workers run)."""

from __future__ import annotations

import threading

import pytest

from frontwatch.analyze import collect
from frontwatch.embed import embedder
from frontwatch.extract import document as document_module
from frontwatch.extract.document import analyse_documents
from frontwatch.model import Document
from tests.conftest import DEMO


@pytest.fixture(scope="module")
def demo_documents() -> list[Document]:
    docs, errors = collect([str(DEMO)])
    assert not errors
    return [d for d, _ in docs]


def test_overlapped_reading_gives_the_same_analyses_in_order(demo_documents: list[Document]) -> None:
    embedder().memo.clear()
    one_thread = [a.model_dump_json() for a in analyse_documents(demo_documents, overlap=False)]
    embedder().memo.clear()
    overlapped = [a.model_dump_json() for a in analyse_documents(demo_documents, overlap=True)]
    assert len(one_thread) == len(demo_documents) > 5
    assert overlapped == one_thread


def test_the_classifier_finds_the_readings_already_embedded(demo_documents: list[Document],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Every text the classifier reads while refining was embedded ahead, off the parsing thread."""
    encoder = embedder()
    encode = encoder._encode
    threads: dict[str, set[str]] = {}

    def spy(texts: list[str]):  # type: ignore[no-untyped-def]
        for text in texts:
            threads.setdefault(text, set()).add(threading.current_thread().name)
        return encode(texts)

    monkeypatch.setattr(encoder, "_encode", spy)
    encoder.memo.clear()
    refined = [p.readings() for p in map(_proposed, demo_documents)]
    encoder.memo.clear()
    threads.clear()
    list(analyse_documents(demo_documents, overlap=True))
    read = {text for texts in refined for text in texts}
    assert read and read <= set(threads)
    assert all(threading.current_thread().name not in threads[text] for text in read)


def _proposed(document: Document) -> document_module.Proposed:
    return document_module.propose(document_module.get_nlp()(document.text), document)
