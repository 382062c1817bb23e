"""RSS/Atom feeds (feedparser): entries with their link, title, date and the text the feed carries."""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..errors import InputError
from .html import html_to_text


@dataclass(frozen=True)
class Entry:
    key: str  # the entry's id (guid), else its link, else its title: what "already seen" is judged by
    link: str | None
    title: str | None
    published: str | None  # YYYY-MM-DD from the entry's own date
    text: str  # the entry's content, else its summary, as plain text


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: tuple[Entry, ...]


def looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return (head.startswith("<?xml") and ("<rss" in head or "<feed" in head or "<rdf" in head)) or \
        head.startswith(("<rss", "<feed"))


def _day(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def parse_feed(text: str, where: str) -> Feed:
    """The feed's entries; InputError when the text is not a feed or a feed with no entries."""
    import feedparser

    if not text.strip():
        raise InputError("not an RSS or Atom feed (empty)", where=where)
    try:
        parsed = feedparser.parse(text)
    except Exception as exc:  # feedparser on hostile input: report it as this input's problem
        raise InputError(f"not an RSS or Atom feed ({type(exc).__name__})", where=where) from exc
    if not parsed.get("version") and not parsed.get("entries"):
        problem = parsed.get("bozo_exception")
        raise InputError(f"not an RSS or Atom feed ({problem or 'no feed elements'})", where=where)
    entries = []
    for item in parsed.get("entries", []):
        content = item.get("content") or []
        body = " ".join(part.get("value", "") for part in content) or item.get("summary", "") or ""
        link = item.get("link") or None
        title = (item.get("title") or "").strip() or None
        key = item.get("id") or link or title
        if not key:
            continue
        entries.append(Entry(key=str(key), link=link, title=title,
                             published=_day(item.get("published_parsed") or item.get("updated_parsed")),
                             text=html_to_text(body)))
    if not entries:
        problem = parsed.get("bozo_exception")
        raise InputError(f"feed has no entries{f' ({problem})' if problem else ''}", where=where)
    title = (parsed.get("feed", {}).get("title") or "").strip() or None
    return Feed(title=title, entries=tuple(entries))
