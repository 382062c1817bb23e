"""data/organisation_countries.tsv: parses, and keeps the rules its header states.

The rules are those scripts/check_organisation_countries.py checks; each is also shown to fail on a bad row."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from frontwatch import gazetteer
from frontwatch.lexicons import data_text, split_forms

CHECKER = Path(__file__).resolve().parents[1] / "scripts" / "check_organisation_countries.py"


@cache
def checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_organisation_countries", CHECKER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_file_parses_with_its_three_columns() -> None:
    header = next(line for line in data_text(checker().FILE).splitlines() if not line.startswith("#"))
    assert header.split("\t") == ["country", "names", "kind"]
    rows = checker().rows()
    assert len(rows) > 500
    assert all(split_forms(row["names"]) for row in rows)


def test_rows_keep_kinds_countries_lengths_and_unique_forms() -> None:
    check = checker()
    assert check.row_problems(check.rows(), frozenset(gazetteer.load().countries)) == []


def test_no_form_is_a_place_name() -> None:
    check = checker()
    assert check.place_problems(check.rows(), gazetteer.load()) == []


def test_no_form_repeats_an_actor_alias() -> None:
    check = checker()
    assert check.actor_problems(check.rows(), check.actor_forms()) == []


@pytest.mark.parametrize(("row", "expected"), [
    ({"country": "NP", "names": "Nepali Congress|Nepali congress", "kind": "party"}, 0),
    ({"country": "XX", "names": "Made Up Front", "kind": "party"}, 1),
    ({"country": "NP", "names": "Made Up Front", "kind": "club"}, 1),
    ({"country": "NP", "names": "MU", "kind": "party"}, 1),
    ({"country": "IN", "names": "cpn (uml)", "kind": "party"}, 1),  # the NP row's form, in another case
])
def test_row_rules_can_fail(row: dict[str, str], expected: int) -> None:
    table = [{"country": "NP", "names": "CPN (UML)|CPN-UML", "kind": "party"}, row]
    assert len(checker().row_problems(table, frozenset({"NP", "IN"}))) == expected


def test_place_rule_can_fail() -> None:
    problems = checker().place_problems([{"country": "MX", "names": "Morena|Tripoli", "kind": "party"}],
                                        gazetteer.load())
    assert len(problems) == 2


def test_actor_rule_can_fail() -> None:
    check = checker()
    assert check.actor_problems([{"country": "LB", "names": "Hezbollah", "kind": "party"}], check.actor_forms())


def test_per_country_counts() -> None:
    check = checker()
    by_country = {cc: (n_rows, n_forms) for cc, n_rows, n_forms in check.counts(check.rows())}
    assert len(by_country) > 100
    assert by_country["NP"][0] >= 5 and by_country["NP"][1] >= by_country["NP"][0]


def test_institution_file_parses_and_shares_the_rules() -> None:
    check = checker()
    header = next(line for line in data_text(check.INSTITUTIONS).splitlines() if not line.startswith("#"))
    assert header.split("\t") == ["country", "names", "kind"]
    kinds = {row["kind"] for row in check.rows()}
    assert {"legislature", "security", "leader", "leader_abroad", "law"} <= kinds <= check.KINDS  # police: actors
