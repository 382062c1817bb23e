"""Cleaning: drop boilerplate lines, find the title, the outlet (and syndication), and a stated date.

Only used for text the caller did not clean (files, pages); JSONL text is taken as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import read_tsv, split_forms

MIN_TITLE_WORDS = 4  # a title is the first line with at least this many words
MAX_MASTHEAD_WORDS = 6  # short lines above the title (section labels, mastheads) are page furniture
MAX_BYLINE_WORDS = 5

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
_DOMAIN = re.compile(r"\b(?:[\w-]+\.)+(?:com|net|org|us|uk|gr|ua|info|news|co|io|de|fr|tv)\b", re.I)
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
    removed: tuple[str, ...]


@cache
def _boilerplate() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(row["regex"], re.I) for row in read_tsv("boilerplate.tsv"))


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
    for pattern in (_DATE_MDY, _DATE_DMY, _DATE_ISO):
        match = pattern.search(line)
        if match:
            month = match["month"]
            month_no = int(month) if month.isdigit() else MONTH_NUMBER[month.lower()]
            day = int(match["day"])
            if 1 <= month_no <= 12 and 1 <= day <= 31:
                return f"{match['year']}-{month_no:02d}-{day:02d}"
    return None


def _is_boilerplate(line: str) -> bool:
    return any(p.fullmatch(line) for p in _boilerplate())


def clean(text: str) -> Cleaned:
    """Clean scraped article text. Line structure is kept; removed lines are returned for the record."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    outlet: str | None = None
    syndicated: str | None = None
    byline: str | None = None
    stated: str | None = None
    evidence = ""
    kept: list[str] = []
    removed: list[str] = []
    title: str | None = None
    masthead: str | None = None  # a short name line above the title: the weakest outlet clue

    def note_outlet(name: str) -> None:
        nonlocal outlet
        if outlet is None:
            outlet = canonical_outlet(name)

    for line in lines:
        if not line:
            if kept and kept[-1]:
                kept.append("")
            continue
        words = line.split()
        republished = _REPUBLISHED.search(line)
        if republished and len(words) <= 20:
            syndicated = canonical_outlet(republished["name"])
            removed.append(line)
            continue
        follow = _FOLLOW.match(line)
        if follow:
            note_outlet(follow["name"])
        email = _EMAIL_DOMAIN.search(line)
        if email and _is_boilerplate(line):
            note_outlet(email["domain"])
        byline_match = _BYLINE.match(line)
        if byline_match and len(words) <= MAX_BYLINE_WORDS + 1:
            byline = canonical_outlet(byline_match["name"])
            removed.append(line)
            continue
        date = find_date(line) if len(words) <= 8 else None
        if date and stated is None:
            stated, evidence = date, line
            removed.append(line)
            continue
        if _is_boilerplate(line):
            removed.append(line)
            continue
        if title is None:
            domain = _DOMAIN.search(line)
            section = _MASTHEAD_SECTION.match(line)
            if len(words) < MIN_TITLE_WORDS or (domain and len(words) <= MAX_MASTHEAD_WORDS) or section:
                if domain:
                    note_outlet(domain.group(0))
                elif section and masthead is None:
                    masthead = section["name"]
                elif masthead is None and _NAME_LINE.match(line):
                    masthead = line
                removed.append(line)
                continue
            title = line
        elif line == title:
            removed.append(line)  # the title repeated under the masthead
            continue
        elif len(words) == 1 and not line.endswith((".", "!", "?", '"', "”")):
            removed.append(line)  # orphan one-word line: a widget label or a counter
            continue
        kept.append(line)

    while kept and not kept[-1]:
        kept.pop()
    if outlet is None and masthead is not None and byline is None:
        outlet = canonical_outlet(masthead)
    if byline is not None:
        if outlet is None:
            outlet = byline
        elif byline != outlet and syndicated is None:
            syndicated = byline  # a wire or partner byline on another site's page
    if stated is None:
        for line in kept[:3]:
            date = find_date(line)
            if date:
                stated, evidence = date, line
                break
    body = "\n".join(kept)
    return Cleaned(
        text=body, title=title or (kept[0][:120] if kept else ""), outlet=outlet, syndicated_from=syndicated,
        stated_date=stated, date_evidence=evidence, removed=tuple(removed),
    )
