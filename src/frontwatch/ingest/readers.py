"""Readers: turn paths into RawDocuments, or into one-line InputErrors naming the input and the problem.

Readers never raise for a bad input: they yield the error, so the other inputs still go through.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from ..errors import InputError
from ..model import RawDocument

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_BYTES = 20_000_000  # one article is never this big; a file that is, is not an article
BINARY_SNIFF = 8192  # bytes looked at to tell text from binary
MAX_CONTROL_SHARE = 0.10  # more control characters than this in the sniffed bytes means binary


def read_inputs(paths: Iterable[str]) -> Iterator[RawDocument | InputError]:
    """Every document in the given paths (files, directories recursively, JSONL files), in a stable order."""
    for raw in paths:
        if raw.startswith(("http://", "https://")):
            yield InputError("fetching URLs is not supported yet in this version; save the page and pass the file",
                             where=raw)
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
        yield InputError("directory has no readable files (.txt, .md, .html, .jsonl)", where=str(directory))
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
    text = text_or_error
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(text, where)
        return
    if suffix in HTML_SUFFIXES:
        text = html_to_text(text)
    if not text.strip():
        yield InputError("file is empty (no text after reading)", where=where)
        return
    yield RawDocument(source_id=path.name, path=where, text=text)


def decode_text(data: bytes, where: str) -> str | InputError:
    """UTF-8 text of a file, or an InputError for empty, binary or non-UTF-8 content."""
    if not data.strip():
        return InputError("file is empty", where=where)
    head = data[:BINARY_SNIFF]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls > MAX_CONTROL_SHARE * len(head):
        return InputError("looks like a binary file, not text", where=where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(f"is not valid UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})", where=where)


def read_jsonl(text: str, where: str) -> Iterator[RawDocument | InputError]:
    """JSONL records {"id", "text", "title"?, "url"?, "published"?, "outlet"?}; a bad line is an error of its own."""
    seen = 0
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        at = f"{where}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"not valid JSON ({exc.msg} at column {exc.colno})", where=at)
            continue
        if not isinstance(record, dict):
            yield InputError("a JSONL line must be a JSON object", where=at)
            continue
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


class _TextExtractor(HTMLParser):
    """Minimal HTML-to-text for saved pages: block elements become line breaks, scripts and styles are dropped."""

    BLOCKS: ClassVar[set[str]] = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
                                  "article", "title"}
    SKIP: ClassVar[set[str]] = {"script", "style", "noscript", "template", "svg", "nav", "footer", "header",
                                "aside", "form"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
