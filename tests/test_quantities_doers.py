"""Counts of the people who did the killing are not counts of the dead, and a numbered area is no count
(issue 17.2: an event's toll from its reports' largest figures needs both)."""

from __future__ import annotations

from frontwatch.extract.quantities import sentence_quantities
from frontwatch.nlp.pipeline import get_nlp


def _units(text: str) -> list[tuple[int | None, str]]:
    return [(q.best, q.unit) for q in sentence_quantities(next(get_nlp()(text).sents))]


def test_the_doers_of_a_killing_are_not_its_dead() -> None:
    assert _units("On 3 May 2022, a trader was shot and killed at the market by two armed men.") == [
        (2, "other"), (1, "killed")]
    assert _units("Around 40 villagers beat and killed a man they accused of stealing a goat.") == [
        (40, "other"), (1, "killed")]
    assert _units("Three gunmen killed two soldiers at the checkpoint.") == [(3, "other"), (2, "killed")]
    assert _units("Five militants attacked a patrol, killing 3 soldiers.") == [(5, "fighters"), (3, "killed")]


def test_the_dead_still_count_as_subjects_and_in_headlines() -> None:
    assert _units("Two brothers were killed by a neighbour on Sunday.") == [(2, "killed")]
    assert _units("Two people died and three were hurt.") == [(2, "killed"), (3, "wounded")]
    assert _units("2 killed, 5 injured in shooting at a bus stop") == [(2, "killed"), (5, "wounded")]


def test_a_numbered_area_is_no_count() -> None:
    assert _units("On 4 May 2022, gunmen killed a driver in zone 12 of the capital.") == [(1, "killed")]
    assert _units("Armed men shot dead a bus driver in sector 5 on Monday.") == [(1, "killed")]
    assert _units("In sector 5 people died on Monday.") == [(5, "killed")]
