"""REST API and web UI over a store (FastAPI). ``frontwatch serve`` runs it with uvicorn on 127.0.0.1.

Reads rebuild the picture only when the store changed (the store's generation counter), so many readers are cheap
and a writer in another process (``frontwatch analyze`` on the same file) shows up on the next request.
Article text is hostile input: the API returns it as JSON data only, and every HTML response carries a strict CSP.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .. import __version__
from ..analyze import mark_duplicates, picture_from_store, store_documents
from ..errors import FrontwatchError, InputError
from ..ingest.documents import make_document
from ..ingest.readers import ReadOptions, read_url
from ..model import Picture, RawDocument
from ..output.picture_json import picture_dict
from ..store import Store
from .query import EventFilter, document_spans, event_detail, filter_events, page

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'")
MAX_TEXT_CHARS = 2_000_000
MAX_LIMIT = 1000
STATIC = Path(str(resources.files("frontwatch") / "web" / "static"))


class NewDocument(BaseModel):
    """A document to analyse and store: ``text`` as read (boilerplate is cleaned here), or only a ``url`` to fetch
    (public addresses only, unless the server was started with --allow-private)."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, min_length=1, max_length=MAX_TEXT_CHARS)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=4000)
    outlet: str | None = Field(default=None, max_length=200)
    published: str | None = Field(default=None, max_length=100)

    @field_validator("text")
    @classmethod
    def _has_words(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("text is blank")
        return value

    @model_validator(mode="after")
    def _text_or_url(self) -> NewDocument:
        if self.text is None and not self.url:
            raise ValueError("give the article's text, or a url to fetch it from")
        if self.text is None and not self.url.startswith(("http://", "https://")):  # type: ignore[union-attr]
            raise ValueError("url must be an http(s) URL")
        return self


@dataclass
class _Cached:
    generation: int
    picture: Picture
    data: dict[str, Any]


class PictureCache:
    """The store's picture, rebuilt when the store's generation changes."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._cached: _Cached | None = None

    def get(self) -> _Cached:
        with self._lock, Store(self.db) as store:
            generation = store.generation()
            if self._cached is None or self._cached.generation != generation:
                picture = picture_from_store(store)
                self._cached = _Cached(generation, picture, picture_dict(picture))
            return self._cached


def create_app(db: Path, allow_private: bool = False) -> FastAPI:
    Store(db).close()  # create / migrate now, so a bad path fails at start, not on the first request
    cache = PictureCache(db)
    write_lock = threading.Lock()  # one analysis at a time (spaCy and the store writer)
    app = FastAPI(title="frontwatch", version=__version__, docs_url=None, redoc_url=None,
                  description="Cross-checked, cited situation picture from conflict news. Objects have the fields "
                              "of picture.json (schema frontwatch.picture/1).")
    app.state.db = db

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = DOCS_CSP if request.url.path == "/docs" else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="frontwatch API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    @app.get("/healthz")
    def healthz() -> dict[str, bool]:
        return {"ok": True}

    @app.get("/api/picture")
    def picture() -> dict[str, Any]:
        return cache.get().data

    @app.get("/api/events")
    def events(
        event_type: str | None = None,
        sub_event_type: str | None = None,
        start: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")] = None,
        end: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")] = None,
        bbox: Annotated[str | None, Query(description="W,S,E,N in degrees")] = None,
        actor: Annotated[str | None, Query(description="actor id or part of its name")] = None,
        status: Annotated[str | None, Query(pattern="^(confirmed|single_source|contested|denied)$")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        try:
            wanted = EventFilter.parse(event_type, sub_event_type, start, end, bbox, actor, status)
        except ValueError as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from exc
        cached = cache.get()
        return page(filter_events(cached.data, wanted), limit, offset)

    @app.get("/api/events/{event_id}")
    def event(event_id: str) -> dict[str, Any]:
        detail = event_detail(cache.get().data, event_id)
        if detail is None:
            raise HTTPException(status_code=404, detail=f"no event {event_id!r}")
        return detail

    @app.get("/api/places")
    def places(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
               offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        return page(cache.get().data["places"], limit, offset)

    @app.get("/api/actors")
    def actors(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
               offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        return page(cache.get().data["actors"], limit, offset)

    @app.get("/api/claims")
    def claims(doc: str | None = None,
               kind: Annotated[str | None, Query(pattern="^(casualties|territory|attack|statement|other)$")] = None,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
               offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        items = [c for c in cache.get().data["claims"]
                 if (doc is None or c["doc"] == doc) and (kind is None or c["kind"] == kind)]
        return page(items, limit, offset)

    @app.get("/api/contradictions")
    def contradictions(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
                       offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        return page(cache.get().data["contradictions"], limit, offset)

    @app.get("/api/timeline")
    def timeline() -> dict[str, Any]:
        items = cache.get().data["timeline"]
        return {"items": items, "total": len(items)}

    @app.get("/api/documents")
    def documents(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
                  offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        items = [{k: v for k, v in d.items() if k != "text"} for d in cache.get().data["documents"]]
        return page(items, limit, offset)

    @app.get("/api/documents/{doc_id}")
    def document(doc_id: str) -> dict[str, Any]:
        data = cache.get().data
        found = next((d for d in data["documents"] if d["id"] == doc_id), None)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no document {doc_id!r}")
        return {**found, "spans": document_spans(data, doc_id)}

    @app.post("/api/documents", status_code=201)
    def add_document(body: NewDocument) -> dict[str, Any]:
        if body.text is None:
            fetched = list(read_url(str(body.url), ReadOptions(allow_private=allow_private)))
            errors = [r for r in fetched if isinstance(r, InputError)]
            pages = [r for r in fetched if isinstance(r, RawDocument)]
            if not pages:
                raise HTTPException(status_code=422, detail=str(errors[0]) if errors else "nothing found at the url")
            page = pages[0]
            raw = page.model_copy(update={k: v for k, v in (("title", body.title), ("outlet", body.outlet),
                                                              ("published", body.published)) if v})
        else:
            raw = RawDocument(source_id=body.url or body.title or "api", url=body.url, text=body.text,
                              title=body.title, outlet=body.outlet, published=body.published)
        document = make_document(raw)
        if not document.text.strip():
            raise HTTPException(status_code=422, detail="no article text left after removing page boilerplate")
        try:
            with write_lock, Store(db) as store:
                analysed = store_documents(store, [(document, raw.original or raw.text)])
                if analysed:
                    mark_duplicates(store)
        except FrontwatchError as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from exc
        return {"id": document.id, "analysed": bool(analysed), "outlet": document.outlet,
                "title": document.title}

    return app
