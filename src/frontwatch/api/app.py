"""REST API and web UI over a store (FastAPI). ``frontwatch serve`` runs it with uvicorn on 127.0.0.1.

Writes go through ``access.AccessGuard`` (token, read-only, body size). A POSTed URL is fetched by a background
job (``jobs.py``) within a fetch budget, never inside the request; the request gets 202 and the job's id.

Reads rebuild the picture only when the store changed (the store's generation counter), so many readers are cheap
and a writer in another process (``frontwatch analyze`` on the same file) shows up on the next request.
``GET /api/events`` is a query on the store's event rows when they reflect the store's current generation.
Article text is hostile input: the API returns it as JSON data only, and every HTML response carries a strict CSP.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.security import HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .. import __version__
from ..analyze import mark_duplicates, notices, picture_from_store, refresh_rows, store_documents
from ..errors import FrontwatchError, InputError
from ..ingest.documents import make_document
from ..ingest.fetch import fetch_budget
from ..ingest.readers import ReadOptions, read_url
from ..model import Picture, RawDocument
from ..output.picture_json import picture_dict
from ..store import Store, StoreSpec
from ..store.picture_index import resolver_version, rows_version
from ..store.picture_tables import EventQuery
from ..store.url import parse_store_spec
from ..wording import count
from .access import AccessGuard
from .headers import SecurityHeaders
from .jobs import JobJournal, JobRunner, JobsFull, Outcome, journal_path
from .params import reject_unknown_parameters
from .query import EventFilter, control_on, document_spans, event_detail, filter_events, has_actor, page

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'")
MAX_TEXT_CHARS = 2_000_000
MAX_LIMIT = 1000
MAX_BODY_BYTES = 10_000_000  # MAX_TEXT_CHARS at up to 4 UTF-8 bytes each, plus the other fields and JSON escapes
FETCHES_PER_REQUEST = 30  # a feed plus the pages of its teaser-only entries
FETCH_SECONDS_PER_REQUEST = 120.0  # all the fetches of one POSTed URL together
DOCUMENTS_PER_REQUEST = 200  # documents one POSTed URL (a feed) may add
MAX_QUEUED_JOBS = 20
KEEP_JOBS = 1000  # finished jobs remembered for GET /api/jobs/{id}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
STATIC = Path(str(resources.files("frontwatch") / "web" / "static"))


class NewDocument(BaseModel):
    """A document to analyse and store: ``text`` as read (boilerplate is cleaned here; answered 201 once stored),
    or only a ``url`` of a page or feed to fetch (public addresses only, unless the server was started with
    --allow-private): fetched by a background job, answered 202 with the job's id. ``title``, ``outlet`` and
    ``published`` override what the page says (for a feed: ``outlet`` only)."""

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


class DocumentAdded(BaseModel):
    id: str
    analysed: bool = Field(description="false when the store already held this document")
    outlet: str | None
    title: str | None


class JobView(BaseModel):
    job: str
    status: Literal["queued", "running", "done", "failed"]
    url: str
    found: int = Field(description="documents the URL gave: one for a page, one per entry for a feed")
    analysed: int = Field(description="of those, new to the store and analysed")
    documents: list[str] = Field(description="ids of the documents stored")
    errors: list[str] = Field(description="one line per problem (fetching, reading, a refused address)")


ERROR = {"content": {"application/json": {"example": {"detail": "what went wrong"}}}}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    201: {"model": DocumentAdded, "description": "the text was analysed and stored"},
    202: {"model": JobView, "description": "the URL will be fetched by a job: poll GET /api/jobs/{job}"},
    401: {**ERROR, "description": "missing or wrong token (servers started with --token)"},
    413: {**ERROR, "description": "request body over the size limit"},
    429: {**ERROR, "description": "too many fetch jobs waiting"},
}


ROWS_RECHECK_SECONDS = 5.0


@dataclass
class _Cached:
    generation: int
    picture: Picture
    data: dict[str, Any]


class PictureCache:
    """The store's picture, rebuilt when the store's generation changes."""

    def __init__(self, db: StoreSpec) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._cached: _Cached | None = None
        self._store: Store | None = None  # opened once and kept: a database server's connection is slow to open
        self._rows_ours = False  # the event rows were written by this resolver (not by an older frontwatch)
        self._rows_checked = -math.inf  # when that was last looked at (monotonic seconds)

    def _open(self) -> Store:
        if self._store is None:
            self._store = Store(self.db)
            weakref.finalize(self, self._store.close)
        return self._store

    def events_page(self, wanted: EventFilter, limit: int, offset: int) -> Response | dict[str, Any] | None:
        """A page of events queried from the store's event rows, when they reflect the store as it is now
        (``analyze`` writes them); None when they are missing or older (a write since): filter the picture then.
        Without an actor the rows' JSON goes out as stored, never parsed (``page_response``)."""
        query = EventQuery(event_type=wanted.event_type, sub_event_type=wanted.sub_event_type, start=wanted.start,
                           end=wanted.end, bbox=wanted.bbox, status=wanted.status)
        with self._lock:
            store = self._open()
        # no lock around the queries: a PostgreSQL store's pool serves concurrent readers (each waiting on its own
        # round trip), and a SQLite connection is shared safely between threads (sqlite3.threadsafety 3)
        if not self._rows_are_ours(store):
            return None
        if wanted.actor_ids is None:
            found = store.event_page(query, limit, offset)
            return page_response(found.records, found.total, limit, offset) if found.current else None
        every = store.event_page(query, 0)  # the rows know no aliases or word forms: the ids are matched here
        if not every.current:
            return None
        events = [e for e in store.find_events(query, every.total)[0] if has_actor(
            e.model_dump(include={"actor1", "actor2", "assoc_actor_1", "assoc_actor_2"}), wanted.actor_ids)]
        items = [e.model_dump(mode="json", by_alias=True) for e in events[offset:offset + limit]]
        return {"items": items, "total": len(events), "limit": limit, "offset": offset}

    def _rows_are_ours(self, store: Store) -> bool:
        """Rows written by another version of the resolver may lack what this one's events hold: they are not
        served until a write rebuilds them (looked at again every few seconds until then; once ours, they stay so)."""
        now = time.monotonic()
        if not self._rows_ours and now - self._rows_checked >= ROWS_RECHECK_SECONDS:
            self._rows_checked = now
            self._rows_ours = rows_version(store) == resolver_version()
        return self._rows_ours

    def get(self) -> _Cached:
        with self._lock:
            store = self._open()
            generation = store.generation()
            if self._cached is None or self._cached.generation != generation:
                picture = picture_from_store(store)
                self._cached = _Cached(generation, picture, picture_dict(picture))
            return self._cached


def page_response(records: list[str], total: int, limit: int, offset: int) -> Response:
    """``{"items", "total", "limit", "offset"}`` around events kept as JSON text: the text is the event as
    picture.json has it (Event.model_dump_json), so it is sent as is rather than parsed and written again."""
    body = f'{{"items":[{",".join(records)}],"total":{total},"limit":{limit},"offset":{offset}}}'
    return Response(body.encode(), media_type="application/json")


def _description(token: str | None, read_only: bool) -> str:
    writes = ("turned off on this server (--read-only)" if read_only else
              "allowed with the header `Authorization: Bearer <token>` only" if token else
              "open to whoever can reach this address (serve allows that on loopback only)")
    return ("Cross-checked, cited situation picture from conflict news. Objects have the fields of picture.json "
            f"(schema frontwatch.picture/1). Reads are open; writes are {writes}. A POSTed URL is fetched by a "
            "background job: the answer is 202 with the job's id, and GET /api/jobs/{id} tells how it went.")


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def job_journal(db: StoreSpec, notice: Callable[[str], None] = _say) -> JobJournal | None:
    """The journal of fetch jobs beside a SQLite store file (``<db>.jobs.jsonl``), so finished jobs survive a
    restart; None (jobs in memory only, said in one line) for a PostgreSQL store or a file we cannot write."""
    target = parse_store_spec(db)
    path = journal_path(target.location) if target.backend == "sqlite" else None
    if path is None:
        notice(f"notice: fetch jobs of {target.display} are kept in memory only; their states are lost when serve "
               "stops")
        return None
    try:
        with path.open("a", encoding="utf-8"):
            pass
    except OSError as exc:
        notice(f"notice: fetch jobs are kept in memory only (cannot write {path}: {exc.strerror or exc})")
        return None
    return JobJournal(path)


def create_app(db: StoreSpec, allow_private: bool = False, *, token: str | None = None, read_only: bool = False,
               max_body: int = MAX_BODY_BYTES, notice: Callable[[str], None] = _say) -> FastAPI:
    """The app over ``db``. With ``token``, every write needs ``Authorization: Bearer <token>``; ``read_only``
    refuses every write and leaves the write routes out. Fetch jobs are journalled beside a SQLite store file
    (``job_journal``); ``notice`` gets the one line saying when they cannot be."""
    Store(db).close()  # create / migrate now, so a bad path fails at start, not on the first request
    cache = PictureCache(db)
    write_lock = threading.Lock()  # one analysis at a time (spaCy and the store writer)
    app = FastAPI(title="frontwatch", version=__version__, docs_url=None, redoc_url=None,
                  description=_description(token, read_only), dependencies=[Depends(reject_unknown_parameters)])
    app.add_middleware(AccessGuard, token=token, read_only=read_only, max_body=max_body)
    app.add_middleware(SecurityHeaders, csp=CSP, docs_csp=DOCS_CSP)  # added last: outermost, on refusals too
    app.state.db = db

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

    @app.get("/api/events", response_model=None)  # rows' JSON goes out as stored (page_response)
    def events(
        event_type: str | None = None,
        sub_event_type: str | None = None,
        start: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")] = None,
        end: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")] = None,
        bbox: Annotated[str | None, Query(description="W,S,E,N in degrees")] = None,
        actor: Annotated[str | None, Query(description=(
            "who takes part, as people write it: an actor id, a name, an alias, a kind or their word forms "
            "('HTS', 'Hayat Tahrir', 'Syrian army', 'rebels', 'russian air force')"))] = None,
        status: Annotated[str | None, Query(pattern="^(confirmed|single_source|contested|denied)$")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> Response | dict[str, Any]:
        try:
            wanted = EventFilter.parse(event_type, sub_event_type, start, end, bbox, actor, status)
        except ValueError as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from exc
        found = cache.events_page(wanted, limit, offset)
        return page(filter_events(cache.get().data, wanted), limit, offset) if found is None else found

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

    @app.get("/api/control", responses={422: {**ERROR, "description": "date missing or not a calendar day"}})
    def control(date: Annotated[str, Query(description="the day asked about, YYYY-MM-DD")]) -> dict[str, Any]:
        """Who holds each place on that day: the controller (actor id and name), since when, the period's status
        (confirmed, single_source, contested, denied) and the events behind it. Places nobody is said to hold on
        that day are left out."""
        try:
            day = dt.date.fromisoformat(date) if DAY.fullmatch(date) else None
        except ValueError:
            day = None
        if day is None:
            raise HTTPException(status_code=422, detail=f"date must be a calendar day as YYYY-MM-DD, got {date!r}")
        items = control_on(cache.get().data, day.isoformat())
        return {"date": day.isoformat(), "items": items, "total": len(items)}

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

    if not read_only:
        _write_routes(app, db, write_lock, allow_private, token, job_journal(db, notice))
    return app


def _write_routes(app: FastAPI, db: StoreSpec, write_lock: threading.Lock, allow_private: bool,
                  token: str | None, journal: JobJournal | None) -> None:
    jobs = JobRunner(lambda url, body: _fetch_job(db, write_lock, url, body, allow_private),
                     max_queued=MAX_QUEUED_JOBS, keep=KEEP_JOBS, journal=journal)
    security = [Depends(HTTPBearer(auto_error=False, description="the server's --token"))] if token else []

    @app.post("/api/documents", status_code=201, responses=WRITE_RESPONSES, dependencies=security)
    def add_document(body: NewDocument, response: Response) -> dict[str, Any]:
        if body.text is None:
            try:
                view = jobs.submit(str(body.url), body)
            except JobsFull as exc:
                raise HTTPException(status_code=429, detail=str(exc), headers={"Retry-After": "30"}) from exc
            response.status_code = 202
            response.headers["Location"] = f"/api/jobs/{view['job']}"
            return view
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
                    refresh_rows(store)  # the rows the reads answer from stay current (incremental where local)
        except FrontwatchError as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from exc
        return {"id": document.id, "analysed": bool(analysed), "outlet": document.outlet,
                "title": document.title, "language": document.language,
                "notices": [notice.message for notice in notices([document])]}

    @app.get("/api/jobs/{job_id}", response_model=JobView)
    def job(job_id: str) -> dict[str, Any]:
        found = jobs.get(job_id)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no job {job_id!r}")
        return found


def _with_overrides(raw: RawDocument, body: NewDocument, only: bool) -> RawDocument:
    fields = (("outlet", body.outlet), *((("title", body.title), ("published", body.published)) if only else ()))
    return raw.model_copy(update={k: v for k, v in fields if v})


def _fetch_job(db: StoreSpec, write_lock: threading.Lock, url: str, body: NewDocument, allow_private: bool) -> Outcome:
    """Fetch a POSTed URL (a page, or a feed and its entries) within the budget, then analyse and store."""
    with fetch_budget(FETCHES_PER_REQUEST, FETCH_SECONDS_PER_REQUEST):
        items = list(read_url(url, ReadOptions(allow_private=allow_private)))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    raws = [i for i in items if isinstance(i, RawDocument)]
    if len(raws) > DOCUMENTS_PER_REQUEST:
        errors.append(f"{url}: {count(len(raws) - DOCUMENTS_PER_REQUEST, 'entry', 'entries')} left out "
                      f"(at most {DOCUMENTS_PER_REQUEST} documents per request)")
    pairs = []
    for raw in raws[:DOCUMENTS_PER_REQUEST]:
        document = make_document(_with_overrides(raw, body, len(raws) == 1))
        if document.text.strip():
            pairs.append((document, raw.original or raw.text))
        else:
            errors.append(f"{raw.url or raw.source_id}: no article text left after removing page boilerplate")
    if not pairs:
        return Outcome(found=len(raws), errors=tuple(errors or [f"{url}: nothing found at the url"]))
    with write_lock, Store(db) as store:
        analysed = store_documents(store, pairs)
        if analysed:
            mark_duplicates(store)
            refresh_rows(store)
    return Outcome(found=len(raws), analysed=analysed, documents=tuple(dict.fromkeys(d.id for d, _ in pairs)),
                   errors=tuple(errors))
