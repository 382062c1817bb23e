"""The per-document stage with the extractors on a second thread (``overlap=True``) gives the same analyses, in the same
order, as with everything on one thread (the default, and what Dask workers run)."""

from __future__ import annotations

import threading

import pytest

from frontwatch.analyze import collect
from frontwatch.extract import document as document_module
from frontwatch.extract.document import analyse_documents
from frontwatch.model import Document
from tests.conftest import DEMO


@pytest.fixture(scope="module")
def demo_documents() -> list[Document]:
    docs, errors = collect([str(DEMO)])
    assert not errors
    return [d for d, _ in docs]


def test_overlapped_extraction_gives_the_same_analyses_in_order(demo_documents: list[Document]) -> None:
    one_thread = [a.model_dump_json() for a in analyse_documents(demo_documents, overlap=False)]
    overlapped = [a.model_dump_json() for a in analyse_documents(demo_documents, overlap=True)]
    assert len(one_thread) == len(demo_documents) > 5
    assert overlapped == one_thread


def test_overlap_runs_the_extractors_off_the_parsing_thread(demo_documents: list[Document],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    threads: dict[bool, set[str]] = {True: set(), False: set()}
    analyse = document_module.analyse_parsed

    for overlap in (True, False):
        def spy(doc, document, overlap=overlap):  # type: ignore[no-untyped-def]
            threads[overlap].add(threading.current_thread().name)
            return analyse(doc, document)

        monkeypatch.setattr(document_module, "analyse_parsed", spy)
        list(analyse_documents(demo_documents[:3], overlap=overlap))
    assert threads[False] == {threading.current_thread().name}
    assert threads[True] and threading.current_thread().name not in threads[True]
