"""Cleaning: drop boilerplate lines, find the title, the outlet (and syndication), and a stated date.

Only used for text the caller did not clean (files, pages); JSONL text is taken as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import read_tsv, split_forms
from .furniture import furniture_rule, is_paragraph, layout, not_text

MIN_TITLE_WORDS = 4  # a title is the first line with at least this many words
MAX_MASTHEAD_WORDS = 6  # short lines above the title (section labels, mastheads) are page furniture
MAX_BYLINE_WORDS = 5
MAX_DATELINE_WORDS = 8  # a line with a full date and at most this many words may be the page's dateline ...
MAX_DATELINE_OTHER_WORDS = 4  # ... with no more words than this besides the date ("By A. Writer | Updated")
MAX_DATELINE_SENTENCE_WORDS = 2  # ... or this many when it ends like a sentence ("Updated March 3, 2024.")
MAX_TITLE_CHARS = 120  # a title made from the text is cut here, at a word boundary

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_MDY = re.compile(
    rf"\b(?P<month>{_MONTHS})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(?P<year>(19|20)\d\d)\b", re.I
)
_DATE_DMY = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTHS})\.?,?\s+(?P<year>(19|20)\d\d)\b", re.I
)
_DATE_ISO = re.compile(r"\b(?P<year>(19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_BYLINE = re.compile(r"^(?:by|via|source:|from)\s+(?P<name>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,4})\.?$", re.I)
_REPUBLISHED = re.compile(
    r"\b(?:republished|reprinted|first published|originally published|syndicated)\s+"
    r"(?:from|by|in|with permission (?:of|from))"
    r"\s+(?P<name>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,4})",
)
_MASTHEAD_SECTION = re.compile(r"^(?P<name>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})\s*[|•–—]\s*[A-Z][\w ]{1,30}$")
_NAME_LINE = re.compile(r"^[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3}$")
_FOLLOW = re.compile(r"^follow\s+(?P<name>.{1,60}?)\s+on\s+", re.I)
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_WEEKDAY = re.compile(r"(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?", re.I)
_TIME_LABEL = re.compile(r"[A-Z]{2,4}")  # AM, PM, EDT, GMT, UTC: clock words around a dateline's date
_READER_PRONOUNS = ("us", "me")  # "Follow us on X" names no outlet
_DOMAIN = re.compile(r"\b(?:[\w-]+\.)+(?:com|net|org|us|uk|gr|ua|info|news|co|io|de|fr|tv)\b", re.I)
_FIRST_SENTENCE = re.compile(r".+?[.!?](?=\s+[\"“‘'(\[]?[A-Z0-9])")
_EMAIL_DOMAIN = re.compile(r"@(?P<domain>(?:[\w-]+\.)+[a-z]{2,})", re.I)
MONTH_NUMBER = {name: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}


@dataclass(frozen=True)
class Cleaned:
    text: str
    title: str
    outlet: str | None
    syndicated_from: str | None
    stated_date: str | None  # YYYY-MM-DD
    date_evidence: str
    removed: tuple[tuple[str, str], ...]  # (rule, line) for every line taken out of the text

    def removed_chars(self) -> dict[str, int]:
        """Characters removed per rule that fired, in rule-name order."""
        totals: dict[str, int] = {}
        for rule, line in self.removed:
            totals[rule] = totals.get(rule, 0) + len(line)
        return dict(sorted(totals.items()))


@cache
def _outlet_forms() -> dict[str, str]:
    """Lower-cased spelling or domain -> canonical outlet name."""
    forms: dict[str, str] = {}
    for row in read_tsv("outlets.tsv"):
        for form in [row["name"], *split_forms(row["forms"])]:
            forms[form.lower()] = row["name"]
    return forms


def canonical_outlet(name: str) -> str:
    """The outlet's canonical name if we know it (by spelling or domain), else the name as written."""
    cleaned = name.strip().strip(".")
    known = _outlet_forms()
    lowered = cleaned.lower()
    if lowered in known:
        return known[lowered]
    bare = lowered.removeprefix("www.")
    for form, canonical in known.items():
        if "." in form and (bare == form or bare.endswith("." + form)):
            return canonical
    return cleaned


def find_date(line: str) -> str | None:
    """A full calendar date (with year) in a line, as YYYY-MM-DD."""
    found = _date_match(line)
    return found[0] if found else None


def _date_match(line: str) -> tuple[str, re.Match[str]] | None:
    for pattern in (_DATE_MDY, _DATE_DMY, _DATE_ISO):
        match = pattern.search(line)
        if match:
            month = match["month"]
            month_no = int(month) if month.isdigit() else MONTH_NUMBER[month.lower()]
            day = int(match["day"])
            if 1 <= month_no <= 12 and 1 <= day <= 31:
                return f"{match['year']}-{month_no:02d}-{day:02d}", match
    return None


def _dateline(line: str, words: list[str]) -> str | None:
    """The date of a dateline ("November 28, 2024", "Published: 3 March 2025 10:45"): a short line that is
    little but a date. A sentence that gives a date ("The truce collapsed on 14 July 2024.") is not one."""
    if len(words) > MAX_DATELINE_WORDS:
        return None
    found = _date_match(line)
    if found is None:
        return None
    date, match = found
    rest = line[: match.start()] + " " + line[match.end():]
    others = [w for w in _LETTER_WORD.findall(rest) if not (_WEEKDAY.fullmatch(w) or _TIME_LABEL.fullmatch(w))]
    limit = MAX_DATELINE_OTHER_WORDS if not line.endswith(".") else MAX_DATELINE_SENTENCE_WORDS
    return date if len(others) <= limit else None


@dataclass
class _Reading:
    """What clean() has gathered so far about one page."""

    outlet: str | None = None
    syndicated: str | None = None
    byline: str | None = None
    stated: str | None = None
    evidence: str = ""
    title: str | None = None
    masthead: str | None = None  # a short name line above the title: the weakest outlet clue

    def note_outlet(self, name: str) -> None:
        if self.outlet is None:
            self.outlet = canonical_outlet(name)


def clean(text: str) -> Cleaned:
    """Clean scraped article text. Line structure is kept; removed lines are returned with the rule that took each."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    page = layout(lines)
    reading = _Reading()
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    for index, line in enumerate(lines):
        if not line:
            if kept and kept[-1]:
                kept.append("")
            continue
        rule = _line_rule(line, page.at_edge(index), reading)
        if rule is None:
            kept.append(line)
        else:
            removed.append((rule, line))
    while kept and not kept[-1]:
        kept.pop()
    _settle_outlet(reading)
    if reading.stated is None:
        for line in kept[:3]:
            date = find_date(line)
            if date:
                reading.stated, reading.evidence = date, line
                break
    return Cleaned(
        text="\n".join(kept), title=short_title(reading.title or (kept[0] if kept else "")), outlet=reading.outlet,
        syndicated_from=reading.syndicated, stated_date=reading.stated, date_evidence=reading.evidence,
        removed=tuple(removed),
    )


def _line_rule(line: str, at_edge: bool, reading: _Reading) -> str | None:
    """The rule that takes this line out of the text (noting what it tells about the page), or None to keep it."""
    junk = not_text(line)
    if junk:
        return junk
    words = line.split()
    republished = _REPUBLISHED.search(line)
    if republished and len(words) <= 20:
        reading.syndicated = canonical_outlet(republished["name"])
        return "republished"
    furniture = furniture_rule(line, len(words), at_edge)
    follow = _FOLLOW.match(line)
    if follow and follow["name"].lower() not in _READER_PRONOUNS:
        reading.note_outlet(follow["name"])
    email = _EMAIL_DOMAIN.search(line)
    if email and furniture:
        reading.note_outlet(email["domain"])
    byline = _BYLINE.match(line)
    if byline and len(words) <= MAX_BYLINE_WORDS + 1:
        reading.byline = canonical_outlet(byline["name"])
        return "byline"
    date = _dateline(line, words) if reading.stated is None else None
    if date:
        reading.stated, reading.evidence = date, line
        return "dateline"
    if furniture:
        return furniture
    if reading.title is None:
        return _before_title(line, words, reading)
    if line == reading.title:
        return "repeated_title"  # the title repeated under the masthead
    if len(words) == 1 and not line.endswith((".", "!", "?", '"', "”")):
        return "one_word"  # orphan one-word line: a widget label or a counter
    return None


def _before_title(line: str, words: list[str], reading: _Reading) -> str | None:
    """Above the title, short lines, domain names and "Outlet | Section" lines are the masthead."""
    domain = _DOMAIN.search(line)
    section = _MASTHEAD_SECTION.match(line)
    if len(words) < MIN_TITLE_WORDS or (domain and len(words) <= MAX_MASTHEAD_WORDS) or section:
        if domain:
            reading.note_outlet(domain.group(0))
        elif section and reading.masthead is None:
            reading.masthead = section["name"]
        elif reading.masthead is None and _NAME_LINE.match(line):
            reading.masthead = line
        return "masthead"
    reading.title = line
    return None


def _settle_outlet(reading: _Reading) -> None:
    if reading.outlet is None and reading.masthead is not None and reading.byline is None:
        reading.outlet = canonical_outlet(reading.masthead)
    if reading.byline is not None:
        if reading.outlet is None:
            reading.outlet = reading.byline
        elif reading.byline != reading.outlet and reading.syndicated is None:
            reading.syndicated = reading.byline  # a wire or partner byline on another site's page


def short_title(text: str) -> str:
    """A title for a text that has no headline: its first line if that reads as one, else the line's first sentence,
    cut at a word boundary when still too long."""
    first = text.strip().split("\n", 1)[0]
    if len(first) <= MAX_TITLE_CHARS and not is_paragraph(first, len(first.split())):
        return first
    sentence = _FIRST_SENTENCE.match(first)
    if sentence and len(sentence.group(0).split()) >= MIN_TITLE_WORDS:
        first = sentence.group(0)
    if len(first) <= MAX_TITLE_CHARS:
        return first
    cut = first[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{cut}…"
