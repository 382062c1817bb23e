"""Check src/frontwatch/data/organisation_countries.tsv and institution_countries.tsv against the rules written in
their headers.

A form (one '|'-separated name of a party, union, student union or movement) may vote for its country only if it
points to that country alone. What a script can verify:

1. every row has a known kind and a country the gazetteer knows (ISO 3166-1 alpha-2);
2. no form is shorter than MIN_FORM characters;
3. no form appears in two rows (compared case-insensitively, after collapsing spaces);
4. no form is, case-insensitively, the name of a gazetteer country or admin1 area, nor of a city or town of at
   least MIN_PLACE_POPULATION people (``gazetteer.load().lookup``);
5. no form repeats an alias or name of the actor dictionaries (data/actors.tsv, data/actors_world.tsv), which
   vote on their own.

Whether a form is an everyday English word, or is shared with a party abroad, is left to review (the header
lists what was dropped); the script cannot know.

Run from the repository root (no network):  .venv/bin/python scripts/check_organisation_countries.py
Prints each problem on a line, then rows and forms per country; exits 1 when a rule is broken.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable

from frontwatch import gazetteer
from frontwatch.actor_dictionary import dictionary_rows
from frontwatch.lexicons import read_tsv, split_forms

FILE = "organisation_countries.tsv"
INSTITUTIONS = "institution_countries.tsv"  # state bodies, office-holders and laws: the same rules, one table of forms
KINDS = frozenset({"party", "union", "student_union", "movement", "other", "legislature", "police", "security",
                   "court", "electoral", "government", "media", "leader", "leader_abroad", "law"})
MIN_FORM = 3  # shorter acronyms ("PT", "NC", "PP") name too many things
MIN_PLACE_POPULATION = 15_000  # a town this large is named in the news more often than a party of its name
PLACE_KINDS = frozenset({"country", "admin1"})  # a form equal to one of these names is a place, whatever its size


def rows() -> tuple[dict[str, str], ...]:
    """The organisations' rows, then the institutions' (a form may stand in one row of the two files only)."""
    return read_tsv(FILE) + read_tsv(INSTITUTIONS)


def form_key(form: str) -> str:
    """The key two forms collide on: case-folded, spaces collapsed."""
    return " ".join(form.casefold().split())


def row_problems(table: Iterable[dict[str, str]], countries: frozenset[str]) -> list[str]:
    """Rules 1-3: kinds, countries, form length, forms shared between rows."""
    problems: list[str] = []
    owner: dict[str, tuple[int, str]] = {}
    for lineno, row in enumerate(table, start=1):
        if row["kind"] not in KINDS:
            problems.append(f"row {lineno}: unknown kind {row['kind']!r}")
        if row["country"] not in countries:
            problems.append(f"row {lineno}: unknown country {row['country']!r}")
        forms = split_forms(row["names"])
        if not forms:
            problems.append(f"row {lineno}: no names")
        for form in forms:
            if len(form) < MIN_FORM:
                problems.append(f"row {lineno} ({row['country']}): form {form!r} shorter than {MIN_FORM}")
            key = form_key(form)
            if key in owner and owner[key][0] != lineno:
                first, first_country = owner[key]
                problems.append(f"row {lineno} ({row['country']}): form {form!r} already in row {first} "
                                f"({first_country})")
            owner.setdefault(key, (lineno, row["country"]))
    return problems


def place_clash(form: str, gaz: gazetteer.Gazetteer) -> str | None:
    """Why the form is a place name (rule 4), or None."""
    for entry in gaz.lookup(form):
        if entry.kind in PLACE_KINDS:
            return f"{entry.kind} {entry.name} ({entry.country})"
        if entry.population >= MIN_PLACE_POPULATION:
            return f"{entry.kind} {entry.name} ({entry.country}, pop {entry.population})"
    return None


def place_problems(table: Iterable[dict[str, str]], gaz: gazetteer.Gazetteer) -> list[str]:
    problems = []
    for lineno, row in enumerate(table, start=1):
        for form in split_forms(row["names"]):
            clash = place_clash(form, gaz)
            if clash:
                problems.append(f"row {lineno} ({row['country']}): form {form!r} is the place {clash}")
    return problems


def actor_forms() -> set[str]:
    """Keys of every name and alias of the actor dictionaries."""
    keys = set()
    for row in dictionary_rows():
        keys.add(form_key(row["name"]))
        keys.update(form_key(alias.lstrip("@")) for alias in split_forms(row["aliases"]))
    return keys


def actor_problems(table: Iterable[dict[str, str]], known: set[str]) -> list[str]:
    """Rule 5: forms the actor dictionaries already hold."""
    return [f"row {lineno} ({row['country']}): form {form!r} is already an actor name or alias"
            for lineno, row in enumerate(table, start=1)
            for form in split_forms(row["names"]) if form_key(form) in known]


def problems() -> list[str]:
    table = rows()
    gaz = gazetteer.load()
    return (row_problems(table, frozenset(gaz.countries)) + place_problems(table, gaz)
            + actor_problems(table, actor_forms()))


def counts(table: Iterable[dict[str, str]]) -> list[tuple[str, int, int]]:
    """(country, rows, forms), sorted by country."""
    n_rows: Counter[str] = Counter()
    n_forms: Counter[str] = Counter()
    for row in table:
        n_rows[row["country"]] += 1
        n_forms[row["country"]] += len(split_forms(row["names"]))
    return [(cc, n_rows[cc], n_forms[cc]) for cc in sorted(n_rows)]


def main() -> int:
    found = problems()
    for line in found:
        print(line)
    table = rows()
    per_country = counts(table)
    print(f"{len(table)} rows, {sum(f for _, _, f in per_country)} forms, {len(per_country)} countries")
    for cc, n_rows, n_forms in per_country:
        print(f"{cc}\t{n_rows}\t{n_forms}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
