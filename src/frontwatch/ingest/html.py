"""Main text and metadata of a web page: trafilatura for the article body, title and site name, htmldate (through
trafilatura, markup only, no guessing) for the publication date. Falls back to a plain tag-stripper when
trafilatura finds no article body (short or odd pages), so a page never silently becomes nothing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import ClassVar
from urllib.parse import urlsplit

MIN_BODY_CHARS = 80  # shorter than this from trafilatura: try the plain extractor too and keep the longer
DATE_PARAMS = {"extensive_search": False, "original_date": True}  # markup only: no "today" or "Jan 1" guesses

_TAG = re.compile(r"<[^<>]*>")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs parse trouble we report ourselves
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    outlet: str | None
    published: str | None  # YYYY-MM-DD from the page's markup
    extractor: str  # "trafilatura" | "plain"


class _TextExtractor(HTMLParser):
    """Plain HTML-to-text: block elements become line breaks, scripts, styles and page chrome are dropped."""

    BLOCKS: ClassVar[set[str]] = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
                                  "article", "title", "blockquote"}
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
    try:
        parser.feed(html)
        parser.close()
        text = "".join(parser.parts)
    except AssertionError:  # html.parser asserts on some broken declarations ("<![junk"): strip tags by pattern
        text = _TAG.sub("\n", html)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def extract_page(html: str, url: str | None = None) -> Page:
    """The article in an HTML page. Never raises for odd markup: the plain extractor is the floor."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                            include_tables=False, date_extraction_params=DATE_PARAMS)
    except Exception:  # trafilatura/lxml on hostile markup: fall through to the plain extractor
        found = None
    data = found.as_dict() if found is not None else {}
    body = (data.get("text") or "").strip()
    plain = html_to_text(html)
    title = (data.get("title") or "").strip() or None
    outlet = (data.get("sitename") or "").strip() or outlet_from_url(url)
    date = data.get("date") or None
    if len(body) >= MIN_BODY_CHARS or len(body) >= len(plain):
        return Page(body, title, outlet, date, "trafilatura")
    return Page(plain, title, outlet, date, "plain")
