"""Time expressions: find and parse them; anchoring to a calendar date happens in resolve/dates.

Parsed kinds (see model.TimeExpr): absolute "December 4, 2024"; month_day "Nov. 27"; weekday "on Saturday",
"last Wednesday", "late on Saturday night"; offset_days "yesterday", "a day earlier", "two days later";
recent "in the last 24 hours", "in recent days"; relative_week "last week".
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..ingest.clean import MONTH_NUMBER, find_date
from ..model import Mention, TimeExpr
from .quantities import words_to_int

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_MONTHS = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTHS})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d\d)",
                        re.I)
_DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTHS})\b(?!\.?,?\s*(?:19|20)\d\d)",
                        re.I)
_WEEKDAY = re.compile(r"\b(?P<mod>last|next|this|coming|previous|past)?\s*(?P<day>" + "|".join(WEEKDAYS) + r")\b",
                      re.I)
_OFFSET = re.compile(
    r"\b(?:(?P<yesterday>yesterday)|(?P<today>today|tonight|this morning|this evening)|"
    r"(?P<n>a|one|two|three|four|five|six|seven|\d)\s+days?\s+(?P<dir>earlier|before|later|after|ago)|"
    r"the (?P<prev>day before|previous day|next day|following day))\b",
    re.I,
)
_RECENT = re.compile(
    r"\b(?:in|over|during)\s+(?:the\s+)?(?:last|past|recent)\s+(?:(?P<n>\d+|few|several|twenty-four)\s+)?"
    r"(?P<unit>hours|days|weeks)\b|\bin recent (?P<unit2>hours|days|weeks)\b",
    re.I,
)
_OVERNIGHT = re.compile(r"\b(?:overnight|last night)\b", re.I)  # the night before the anchor: a one-day window
_NIGHT_INTO = re.compile(r"\b(?:overnight|night(?:\s+(?:leading|going))?)\s+(?:in)?to\s+$", re.I)  # "the night
# leading into Wednesday", "overnight into Tuesday": the night before that day, told as fresh news
_LAST_WEEK = re.compile(r"\b(?P<mod>last|next|this|previous|past)\s+week\b", re.I)
RECENT_DAYS = {"hours": 1, "days": 7, "weeks": 21}  # window a "recent X" phrase covers, in days
FUTURE_CUES = {"next", "coming"}


def _mention(doc_id: str, text: str, start: int, end: int) -> Mention:
    return Mention(doc=doc_id, start=start, end=end, text=text[start:end])


def parse_times(text: str, doc_id: str) -> list[TimeExpr]:
    """Every time expression in a text, in order, non-overlapping (the first, longest pattern wins)."""
    found: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(start: int, end: int, kind: str, value: str, direction: str = "past",
            relative_to: str = "document", night: bool = False) -> None:
        if free(start, end):
            taken.append((start, end))
            found.append(TimeExpr(mention=_mention(doc_id, text, start, end), kind=kind, value=value,  # type: ignore[arg-type]
                                  direction=direction, relative_to=relative_to, night=night))  # type: ignore[arg-type]

    for match in re.finditer(rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,\s*(?:19|20)\d\d\b|"
                             rf"\b\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b",
                             text, re.I):
        date = find_date(match.group(0))
        if date:
            add(match.start(), match.end(), "absolute", date)
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for match in pattern.finditer(text):
            month = MONTH_NUMBER[match["month"].lower()]
            day = int(match["day"])
            if 1 <= day <= 31 and not (match["month"].lower() == "may" and match.start("month") > 0
                                       and text[match.start("month")].islower()):
                add(match.start(), match.end(), "month_day", f"{month:02d}-{day:02d}")
    for match in _RECENT.finditer(text):
        unit = (match["unit"] or match["unit2"]).lower()
        n = match["n"]
        days = RECENT_DAYS[unit]
        if n and n.isdigit():
            amount = int(n)
            days = max(1, amount // 24) if unit == "hours" else amount * (7 if unit == "weeks" else 1)
        add(match.start(), match.end(), "recent", str(days))
    for match in _OVERNIGHT.finditer(text):
        add(match.start(), match.end(), "recent", "1")
    for match in _OFFSET.finditer(text):
        if match["yesterday"]:
            add(match.start(), match.end(), "offset_days", "-1")
        elif match["today"]:
            add(match.start(), match.end(), "offset_days", "0")
        elif match["prev"]:
            value = "-1" if match["prev"].lower() in {"day before", "previous day"} else "1"
            add(match.start(), match.end(), "offset_days", value, relative_to="previous")
        else:
            n = words_to_int(match["n"]) or 1
            direction = match["dir"].lower()
            sign = -1 if direction in {"earlier", "before", "ago"} else 1
            relative = "document" if direction == "ago" else "previous"
            add(match.start(), match.end(), "offset_days", str(sign * n),
                direction="past" if sign < 0 else "future", relative_to=relative)
    for match in _LAST_WEEK.finditer(text):
        mod = match["mod"].lower()
        value = "0" if mod == "this" else ("1" if mod == "next" else "-1")
        add(match.start(), match.end(), "relative_week", value, direction="future" if mod == "next" else "past")
    for match in _WEEKDAY.finditer(text):
        mod = (match["mod"] or "").lower()
        start = match.start("mod") if mod else match.start("day")
        direction = "future" if mod in FUTURE_CUES or _future_tense(text, match.start()) else "past"
        value = str(WEEKDAYS[match["day"].lower()])
        add(start, match.end(), "weekday", f"{value}!" if mod in {"last", "previous", "past"} else value,
            direction=direction, night=bool(_NIGHT_INTO.search(text, max(0, start - 40), start)))
    return sorted(found, key=lambda t: t.mention.start)


_FUTURE = re.compile(r"\b(will|shall|is to|are to|is due to|are due to|plans? to|is expected to|scheduled)\b[^.]*$",
                     re.I)


def _future_tense(text: str, at: int) -> bool:
    """A weekday in a clause about the future ("talks will resume on Friday")."""
    sentence_start = max(text.rfind(".", 0, at), text.rfind("\n", 0, at)) + 1
    return bool(_FUTURE.search(text[sentence_start:at]))


PHRASE_HINT = re.compile(r"\d|\b(?:" + _MONTHS + r"|ago|week|month|weekend|fortnight)\b", re.I)


def extract_times(doc: Doc, doc_id: str) -> list[TimeExpr]:
    """Our own patterns first; then the model's other DATE spans that look datable ("two weeks ago", "the 27th of
    November", "last month"), kept as phrases for dateparser to read against the anchor at resolve time."""
    found = parse_times(doc.text, doc_id)
    taken = [(t.mention.start, t.mention.end) for t in found]
    for ent in doc.ents:
        if ent.label_ != "DATE" or not PHRASE_HINT.search(ent.text):
            continue
        if any(ent.start_char < e and s < ent.end_char for s, e in taken):
            continue
        found.append(TimeExpr(mention=Mention(doc=doc_id, start=ent.start_char, end=ent.end_char, text=ent.text),
                              kind="phrase", value=ent.text))
    return sorted(found, key=lambda t: t.mention.start)
