"""Control from the words of a taking (issue 17, item 3): who held a place before ("retook X from Y", "Y lost X to
Z", "drove Y out of X"), and what is no change of holder at all (advancing towards a place, fighting near it, a
tried capture, a siege). Short reports in our own words from several wars."""

from __future__ import annotations

import json

import pytest

from frontwatch.analyze import analyze
from frontwatch.output.picture_json import picture_dict
from tests.conftest import check_picture

REPORTS = [
    # Sudan: a retake that names who held the city, told in a sentence no territory event reads
    ("el-obeid", "Khartoum Post", "2025-03-12",
     "The Sudanese army retook El Obeid from the RSF on Tuesday, a military spokesman said."),
    # Ukraine: the same, read from a territory event
    ("kherson", "Kyiv Ledger", "2022-11-12",
     "Ukrainian forces recaptured the city of Kherson from Russian troops on Friday, officials said."),
    # Mali: a capture from a named group, and an advance towards the next town
    ("gao", "Sahel Daily", "2023-05-02",
     "Malian troops seized the town of Gao from jihadist fighters on Monday and are advancing towards Timbuktu, "
     "the army said."),
    # Myanmar: rebels drive the army out; the army loses a city to rebels
    ("myawaddy", "Irrawaddy Monitor", "2024-04-15",
     "Karen rebels drove Myanmar troops out of the town of Myawaddy on Saturday, residents said."),
    ("lashio", "Irrawaddy Monitor", "2024-08-05",
     "The Myanmar army lost control of Lashio to ethnic rebels on Saturday, a resident said."),
    # DR Congo: a city lost to rebels; villages taken near another city, which is not taken
    ("goma", "Great Lakes Wire", "2025-01-28",
     "Congolese troops lost the city of Goma to M23 rebels on Monday, a local official said."),
    ("bunia", "Great Lakes Wire", "2025-02-18",
     "M23 rebels captured two villages near Bunia on Monday and pushed on towards the city, residents said."),
    # Ukraine: closing in on a town, and a failed assault
    ("pokrovsk", "Kyiv Ledger", "2024-11-20",
     "Russian troops pushed closer to Pokrovsk on Tuesday and are now about 5 km from the city, a Ukrainian "
     "commander said."),
    ("vuhledar", "Kyiv Ledger", "2024-10-03",
     "Russian troops tried to capture Vuhledar on Tuesday but were pushed back, Ukrainian officials said."),
    # Sudan: a holder, then the other side encircles the city
    ("nyala-hold", "Khartoum Post", "2024-06-01",
     "The Sudanese army still holds the city of Nyala, residents said."),
    ("nyala-siege", "Khartoum Post", "2024-06-10",
     "RSF fighters encircled the city of Nyala on Sunday, witnesses said."),
]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("takings")
    corpus = out / "reports.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "outlet": o, "published": p, "title": i, "text": t}) + "\n"
                              for i, o, p, t in REPORTS), encoding="utf-8")
    picture = picture_dict(analyze([str(corpus)], out / "store.db", None).picture)
    check_picture(picture)
    return picture


def periods(data: dict, name: str) -> list[tuple[str, str | None, str | None, str]]:
    """(controller, from, to, status) of each period at the place named ``name``, in order."""
    ids = {p["id"] for p in data["places"] if p["name"] == name}
    found = [c for c in data["control"] if c["place"] in ids]
    if not found:
        return []
    (entry,) = found
    return [(p["controller"], p["from"]["date"], (p["to"] or {}).get("date"), p["status"]) for p in entry["periods"]]


def test_retook_from_names_the_earlier_holder_without_an_event(data: dict) -> None:
    assert periods(data, "El Obeid") == [("rsf", None, "2025-03-11", "single_source"),
                                         ("military-sd", "2025-03-11", None, "single_source")]


def test_retook_from_names_the_earlier_holder_of_an_event(data: dict) -> None:
    assert periods(data, "Kherson") == [("military-ru", None, "2022-11-11", "single_source"),
                                        ("military-ua", "2022-11-11", None, "single_source")]
    (entry,) = [c for c in data["control"] if c["place"] in {p["id"] for p in data["places"] if p["name"] == "Kherson"}]
    before, after = entry["periods"]
    assert before["events"] == after["events"] and len(after["events"]) == 1  # the retake ends one, begins the other


def test_seized_from_a_group_and_advancing_towards_the_next_town(data: dict) -> None:
    assert periods(data, "Gao") == [("uag-ml", None, "2023-05-01", "single_source"),
                                    ("military-ml", "2023-05-01", None, "single_source")]
    assert periods(data, "Timbuktu") == []  # advancing towards a town is no change of its holder


def test_drove_out_of_names_both_sides(data: dict) -> None:
    assert periods(data, "Myawaddy") == [("military-mm", None, "2024-04-13", "single_source"),
                                         ("uag-mm", "2024-04-13", None, "single_source")]


@pytest.mark.parametrize(("town", "loser", "taker", "day"), [
    ("Goma", "military-cd", "m23", "2025-01-27"),
    ("Lashio", "military-mm", "uag-mm", "2024-08-03"),
])
def test_lost_to_names_the_loser_and_the_taker(data: dict, town: str, loser: str, taker: str, day: str) -> None:
    assert periods(data, town) == [(loser, None, day, "single_source"), (taker, day, None, "single_source")]


@pytest.mark.parametrize("town", ["Bunia", "Pokrovsk", "Vuhledar"])
def test_near_towards_or_tried_is_no_change_of_holder(data: dict, town: str) -> None:
    assert periods(data, town) == []


def test_encircled_city_keeps_its_holder_contested(data: dict) -> None:
    assert periods(data, "Nyala") == [("military-sd", "2024-06-01", None, "contested")]
