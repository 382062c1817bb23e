"""Peak memory (issue 20): before resolving a large store, analyze releases the per-document stage's models, which
resolution and the outputs never read; a small store keeps them for the next call in the process."""

from __future__ import annotations

import importlib
import sys
import types
from functools import cache
from pathlib import Path

import pytest

from frontwatch import analyze as analyze_module
from frontwatch.analyze import MODEL_CACHES, make_room
from frontwatch.model import DocAnalysis, Document, Published
from frontwatch.store import open_store


def _document(ident: str) -> Document:
    return Document(id=ident, source_id=f"{ident}.txt", outlet="Outlet", title="t", text=f"Text of {ident}.",
                    published=Published(date="2023-03-07", precision="day", basis="stated", evidence="stated"))


def test_the_released_caches_are_the_models_modules_own() -> None:
    for module_name, function in MODEL_CACHES:  # a rename there must not leave the models silently loaded
        module = importlib.import_module(f"frontwatch.{module_name}")
        assert callable(getattr(getattr(module, function), "cache_clear", None)), (module_name, function)


def test_a_store_past_the_threshold_releases_the_models(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    @cache
    def model() -> object:
        return object()

    fake = types.ModuleType("frontwatch._fake_model")
    fake.model = model  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "frontwatch._fake_model", fake)
    monkeypatch.setattr(analyze_module, "MODEL_CACHES", (("_fake_model", "model"),))
    monkeypatch.setattr(analyze_module, "RELEASE_MODELS_AT", 2)
    model()
    with open_store(tmp_path / "s.db") as store:
        document = _document("a")
        store.put(document, DocAnalysis(doc=document.id, stated_date=document.published), "v1")
        make_room(store)
        assert model.cache_info().currsize == 1  # one document: the models stay for the next call
        document = _document("b")
        store.put(document, DocAnalysis(doc=document.id, stated_date=document.published), "v1")
        make_room(store)
        assert model.cache_info().currsize == 0
