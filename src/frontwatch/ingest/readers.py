"""Readers: turn paths into RawDocuments, or into one-line InputErrors naming the input and the problem.

Readers never raise for a bad input: they yield the error, so the other inputs still go through.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..jsonl import jsonl_objects
from ..model import RawDocument
from .feeds import Entry, looks_like_feed, parse_feed
from .html import extract_page

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
JSON_OPENINGS = ('{"', "[{", '["', "[[")  # how a JSON object or array of records begins (never an article)
MIN_ENTRY_CHARS = 400  # a feed entry with less text than this is a teaser: fetch its page when allowed


@dataclass(frozen=True)
class ReadOptions:
    allow_private: bool = False  # let URLs point at private/loopback addresses
    fetch_entries: bool = True  # fetch the pages of feed entries that only carry a teaser (URL feeds only)
    timeout: float = 20.0
MAX_BYTES = 20_000_000  # one article is never this big; a file that is, is not an article
BINARY_SNIFF = 8192  # bytes looked at to tell text from binary
MAX_CONTROL_SHARE = 0.10  # more control characters than this in the sniffed bytes means binary
MAX_LINE_ERRORS = 10  # bad lines of one JSONL file reported one by one; past this, a count (a non-JSONL file)
UTF16_SNIFF = 512  # bytes looked at for the NUL-every-other-byte pattern of UTF-16 without a byte-order mark
UTF16_NUL_SHARE = 0.9  # share of NULs in one byte column that marks Latin-script UTF-16


def read_inputs(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[RawDocument | InputError]:
    """Every document in the given inputs (files, directories recursively, JSONL, feeds, http(s) URLs of pages or
    feeds), in a stable order."""
    options = options or ReadOptions()
    for raw in paths:
        if raw.startswith(("http://", "https://")):
            yield from read_url(raw, options)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _read_directory(path)
        elif path.exists():
            yield from read_file(path)
        else:
            yield InputError("no such file or directory", where=raw)


def _read_directory(directory: Path) -> Iterator[RawDocument | InputError]:
    files = sorted(
        p for p in directory.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(directory).parts)
        and p.suffix.lower() in READABLE_SUFFIXES
    )
    if not files:
        yield InputError("directory has no readable files (.txt, .md, .html, .jsonl, .rss, .atom, .xml)",
                         where=str(directory))
        return
    for path in files:
        yield from read_file(path)


def read_file(path: Path) -> Iterator[RawDocument | InputError]:
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(f"cannot read file ({exc.strerror or exc})", where=where)
        return
    if len(data) > MAX_BYTES:
        yield InputError(f"file is too large ({len(data):,} bytes; limit {MAX_BYTES:,})", where=where)
        return
    text_or_error = decode_text(data, where)
    if isinstance(text_or_error, InputError):
        yield text_or_error
        return
    try:
        yield from _file_documents(text_or_error, path)
    except Exception as exc:  # a parser's own bug on hostile input: this file's problem, never the run's
        if debugging():
            raise
        yield InputError(f"cannot be parsed ({type(exc).__name__}: {_one_line(exc)})", where=where)


def _file_documents(text: str, path: Path) -> Iterator[RawDocument | InputError]:
    where = str(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(text, where)
        return
    if text.lstrip().startswith(JSON_OPENINGS):
        yield InputError("looks like JSON, not an article (name it .jsonl to read it as JSON Lines)", where=where)
        return
    if suffix in FEED_SUFFIXES or looks_like_feed(text):
        yield from _feed_documents(text, where, None, None)
        return
    if suffix in HTML_SUFFIXES:
        yield from _page_document(text, where, path.name, path=where)
        return
    yield RawDocument(source_id=path.name, path=where, text=text)


def debugging() -> bool:
    """FRONTWATCH_DEBUG=1: let an unexpected exception on one input end the run with its traceback."""
    return bool(os.environ.get("FRONTWATCH_DEBUG"))


def _one_line(exc: BaseException, limit: int = 120) -> str:
    return " ".join(str(exc).split())[:limit]


def _page_document(html: str, where: str, source_id: str, *, path: str | None = None,
                   url: str | None = None) -> Iterator[RawDocument | InputError]:
    page = extract_page(html, url)
    if not page.text.strip():
        yield InputError("no article text found in the page", where=where)
        return
    yield RawDocument(source_id=source_id, path=path, url=url, text=page.text, title=page.title,
                      outlet=page.outlet, published=page.published, original=html)


def _feed_documents(text: str, where: str, feed_url: str | None,
                    options: ReadOptions | None) -> Iterator[RawDocument | InputError]:
    try:
        feed = parse_feed(text, where)
    except InputError as exc:
        yield exc
        return
    for entry in feed.entries:
        yield from entry_documents(entry, feed.title, where, feed_url, options)


def entry_documents(entry: Entry, feed_title: str | None, where: str, feed_url: str | None,
                    options: ReadOptions | None) -> Iterator[RawDocument | InputError]:
    """One feed entry as a document: its own text when it carries the article, else (for a feed the user gave as
    a URL) the page it links to, else its summary."""
    at = f"{where} entry {entry.key}"
    if len(entry.text) < MIN_ENTRY_CHARS and entry.link and feed_url and options and options.fetch_entries:
        pages = list(read_url(entry.link, options))
        documents = [p for p in pages if isinstance(p, RawDocument)]
        if documents:
            page = documents[0]
            yield page.model_copy(update={
                "source_id": entry.key, "title": page.title or entry.title,
                "published": page.published or entry.published, "outlet": page.outlet or feed_title})
            return
        yield from (p for p in pages if isinstance(p, InputError))
    if not entry.text.strip():
        yield InputError("feed entry has no text", where=at)
        return
    text = f"{entry.title}\n{entry.text}" if entry.title and not entry.text.startswith(entry.title) else entry.text
    yield RawDocument(source_id=entry.key, path=None if feed_url else where, url=entry.link, text=text,
                      title=entry.title, outlet=feed_title, published=entry.published)


def read_url(url: str, options: ReadOptions) -> Iterator[RawDocument | InputError]:
    """A web page, feed or text file fetched from the URL (the only place frontwatch touches the network)."""
    from .fetch import FEED_TYPES, HTML_TYPES, fetch

    try:
        fetched = fetch(url, allow_private=options.allow_private, timeout=options.timeout)
    except InputError as exc:
        yield exc
        return
    if not fetched.text.strip():
        yield InputError("the server sent an empty page", where=url)
    elif fetched.content_type in FEED_TYPES or looks_like_feed(fetched.text):
        yield from _feed_documents(fetched.text, url, fetched.url, options)
    elif fetched.content_type in HTML_TYPES or fetched.text.lstrip()[:1] == "<":
        yield from _page_document(fetched.text, url, url, url=fetched.url)
    else:
        yield RawDocument(source_id=url, url=fetched.url, text=fetched.text)


def decode_text(data: bytes, where: str) -> str | InputError:
    """UTF-8 text of a file, or an InputError for empty, binary or non-UTF-8 content."""
    if not data.strip():
        return InputError("file is empty", where=where)
    head = data[:BINARY_SNIFF]
    if _looks_like_utf16(head):
        return InputError("is UTF-16 text; frontwatch reads UTF-8 (convert it, e.g. iconv -f UTF-16 -t UTF-8)",
                          where=where)
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls > MAX_CONTROL_SHARE * len(head):
        return InputError("looks like a binary file, not text", where=where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(f"is not valid UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})", where=where)


def _looks_like_utf16(head: bytes) -> bool:
    """A UTF-16 byte-order mark, or ASCII text with every other byte a NUL (UTF-16 without a mark)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    sample = head[:UTF16_SNIFF]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return any(half.count(0) >= UTF16_NUL_SHARE * len(half) and other.count(0) == 0
               for half, other in ((even, odd), (odd, even)))


def read_jsonl(text: str, where: str) -> Iterator[RawDocument | InputError]:
    """JSONL records {"id", "text", "title"?, "url"?, "published"?, "outlet"?}; a bad line is an error of its own,
    up to MAX_LINE_ERRORS per file, then one line says how many more there were."""
    bad = 0
    for item in _jsonl_documents(text, where):
        if isinstance(item, InputError):
            bad += 1
            if bad > MAX_LINE_ERRORS:
                continue
        yield item
    if bad > MAX_LINE_ERRORS:
        yield InputError(f"{bad - MAX_LINE_ERRORS:,} more bad lines not shown ({bad:,} in all)", where=where)


def _jsonl_documents(text: str, where: str) -> Iterator[RawDocument | InputError]:
    seen = 0
    for lineno, record in jsonl_objects(text, where):
        if isinstance(record, InputError):
            yield record
            continue
        at = f"{where}:{lineno}"
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputError('record has no "text" (a non-empty string is required)', where=at)
            continue
        ident = record.get("id")
        if ident is None:
            ident = f"{Path(where).name}:{lineno}"
        optional = {}
        for key in ("title", "url", "published", "outlet"):
            value = record.get(key)
            if value is not None and not isinstance(value, str):
                yield InputError(f'"{key}" must be a string', where=at)
                break
            optional[key] = value
        else:
            seen += 1
            yield RawDocument(source_id=str(ident), path=where, text=body, cleaned=True, **optional)
    if seen == 0 and not text.strip():
        yield InputError("file is empty", where=where)
