"""Cleaning keeps every line of the article and drops page furniture, and says what it dropped and why."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from frontwatch.ingest.clean import clean, short_title
from frontwatch.ingest.documents import make_document
from frontwatch.model import RawDocument

FIXTURE = Path(__file__).parent / "fixtures" / "boilerplate_lines.tsv"
TITLE = "Shelling resumes along the river as talks stall"
OPENING = "Artillery exchanges resumed along the river on Monday after a three-day lull, residents on both banks said."
CLOSING = "Aid agencies said they had suspended deliveries to the area until the fighting eased."


def _fixture() -> list[tuple[str, str, str]]:
    with FIXTURE.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t",
                              quoting=csv.QUOTE_NONE)
        return [(row["expect"], row["position"], row["line"]) for row in rows]


def _page(position: str, line: str) -> str:
    """A small page with the line above the headline, between two paragraphs, or after the last one."""
    if position == "head":
        return "\n".join([line, TITLE, "", OPENING, "", CLOSING])
    if position == "body":
        return "\n".join([TITLE, "", OPENING, "", line, "", CLOSING])
    return "\n".join([TITLE, "", OPENING, "", CLOSING, "", line])


def test_fixture_is_large_and_balanced() -> None:
    rows = _fixture()
    assert sum(1 for expect, _, _ in rows if expect == "keep") >= 50
    assert sum(1 for expect, _, _ in rows if expect == "drop") >= 50
    assert {expect for expect, _, _ in rows} == {"keep", "drop"}
    assert {position for _, position, _ in rows} <= {"head", "body", "tail"}


@pytest.mark.parametrize(("expect", "position", "line"), _fixture())
def test_each_fixture_line(expect: str, position: str, line: str) -> None:
    result = clean(_page(position, line))
    kept = result.text.split("\n")
    assert OPENING in kept and CLOSING in kept
    assert result.title == TITLE
    if expect == "keep":
        assert line in kept, f"article text dropped by {[rule for rule, gone in result.removed if gone == line]}"
    else:
        assert line not in kept, "page furniture kept in the text"


def test_removed_lines_name_their_rule_and_count_characters() -> None:
    page = _page("tail", "Follow us on Telegram") + "\nSubscribe to our newsletter"
    result = clean(page)
    assert ("follow", "Follow us on Telegram") in result.removed
    assert result.removed_chars() == {"follow": len("Follow us on Telegram"),
                                      "subscribe": len("Subscribe to our newsletter")}


def test_document_records_what_cleaning_removed() -> None:
    line = "Follow us on Telegram"
    document = make_document(RawDocument(source_id="a.txt", path="a.txt", text=_page("tail", line)))
    assert document.cleaning is not None
    assert document.cleaning.removed_chars == len(line)
    assert document.cleaning.rules == {"follow": len(line)}
    assert document.cleaning.read_chars == len(_page("tail", line))


def test_a_line_without_words_or_sentences_is_not_text() -> None:
    soup = "%$#@ 12 <> ;; ||"
    unbroken = "lorem ipsum " * 5_000
    result = clean("\n".join([TITLE, OPENING, soup, unbroken, CLOSING]))
    assert dict(result.removed_chars()) == {"no_words": len(soup), "no_sentences": len(unbroken.strip())}
    assert result.text.split("\n") == [TITLE, OPENING, CLOSING]


def test_a_json_record_in_the_text_is_not_text() -> None:
    record = '{"id": 7, "tags": ["sahel", "mali"]}'
    result = clean("\n".join([TITLE, OPENING, record, "[\"Goma\", \"Bunia\"]", CLOSING]))
    assert result.removed == (("json", record), ("json", "[\"Goma\", \"Bunia\"]"))


def test_a_sentence_with_a_date_in_the_story_is_kept() -> None:
    line = "The ceasefire began on 3 March 2024."
    assert line in clean(_page("body", line)).text.split("\n")


def test_short_title_cuts_at_a_sentence_or_a_word() -> None:
    headline = "Gen. Okafor says the army will hold the bridge"
    assert short_title(headline) == headline
    paragraph = "Gunmen attacked a fuel convoy on the northern road. Three drivers died, a transport union said."
    assert short_title(paragraph) == "Gunmen attacked a fuel convoy on the northern road."
    long = "Des affrontements ont éclaté " + "dans la région " * 20
    title = short_title(long)
    assert len(title) <= 120 and title.endswith("…") and not title[:-1].endswith(" ")
