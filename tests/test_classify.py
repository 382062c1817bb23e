"""The learned sub-event classifier and `frontwatch classify` (contract in DESIGN.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from frontwatch.classify import EVENT_TYPES, NONE, classifier, fit_softmax, training_rows


def test_training_data_covers_every_sub_type() -> None:
    counts = Counter(label for label, _ in training_rows())
    assert set(counts) == set(EVENT_TYPES) | {NONE}
    assert min(counts.values()) >= 12
    texts = [text for _, text in training_rows()]
    assert len(texts) == len(set(texts)), "no duplicate training sentences"


def test_training_is_deterministic() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 8)).astype(np.float32)
    y = np.arange(60) % 3
    assert np.array_equal(fit_softmax(x, y, 3), fit_softmax(x, y, 3))


def test_obvious_cases() -> None:
    cases = {
        "Jets bombed the rebel-held town overnight, killing six people.": "Air/drone strike",
        "A roadside bomb hit an army truck on the highway.": "Remote explosive/landmine/IED",
        "Hundreds marched peacefully to the ministry to demand higher wages.": "Peaceful protest",
        "The two sides signed a truce in the capital.": "Agreement",
        "Police arrested twenty suspected members of the gang's armed wing.": "Arrests",
    }
    found = classifier().predict(list(cases))
    assert [p.sub_event_type for p in found] == list(cases.values())
    assert all(p.event_type == EVENT_TYPES[p.sub_event_type] and 0 < p.score <= 1 for p in found)


def test_classify_command_contract(tmp_path: Path) -> None:
    snippets = tmp_path / "s.jsonl"
    snippets.write_text("\n".join([
        json.dumps({"id": "x1", "text": "A suicide bomber blew himself up at the gate of the base."}),
        "{broken",
        json.dumps({"id": 7, "text": "The finance minister presented the annual budget to parliament."}),
        json.dumps({"text": "Gunmen kidnapped five aid workers on the road."}),
        json.dumps({"id": "x4"}),
    ]) + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "frontwatch.cli", "classify", str(snippets)], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 1
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["x1", "7", "s.jsonl:4"]
    assert all(set(line) == {"id", "event_type", "sub_event_type", "score"} for line in lines)
    assert lines[0]["sub_event_type"] == "Suicide bomb" and lines[0]["event_type"] == "Explosions/Remote violence"
    assert lines[1]["sub_event_type"] is None and lines[1]["event_type"] is None
    assert lines[2]["sub_event_type"] == "Abduction/forced disappearance"
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 2 and "s.jsonl:2" in errors[0] and "s.jsonl:5" in errors[1]


def test_learn_from_adds_the_users_labelled_examples(tmp_path: Path) -> None:
    """`classify --learn-from` trains on the bundled sentences plus the user's own examples (CASE codes or ACLED
    names); a bad labelled file is refused with its file and line, before anything is classified."""
    examples = ["Residents surrendered old rifles to the district office for bags of seed.",
                "Herders gave their guns to the council in return for fodder vouchers.",
                "The town collected two hundred shotguns from families who swapped them for fertiliser.",
                "Hunters turned in their rifles at the municipal hall and received grain coupons.",
                "Families traded in pistols at the police post for food parcels.",
                "Farmers handed their weapons to the county office and were given seed in exchange."]
    labelled = tmp_path / "mine.jsonl"
    labelled.write_text("\n".join(json.dumps({"text": t, "label": "OTHER" if i % 2 else "Other"})
                                  for i, t in enumerate(examples)) + "\n", encoding="utf-8")
    query = tmp_path / "q.jsonl"
    query.write_text(json.dumps({"id": "q", "text": "Villagers handed over their hunting rifles to the district "
                                 "office in exchange for seed grain."}) + "\n", encoding="utf-8")

    def classify(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "frontwatch.cli", "classify", str(query), *extra],
                              capture_output=True, text=True, timeout=300)

    assert json.loads(classify().stdout)["sub_event_type"] != "Other"
    assert json.loads(classify("--learn-from", str(labelled)).stdout)["sub_event_type"] == "Other"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "x", "label": "Other"}) + "\n" + json.dumps({"text": "y", "label": "NOPE"})
                   + "\n", encoding="utf-8")
    run = classify("--learn-from", str(bad))
    assert run.returncode != 0 and run.stdout == ""
    assert run.stderr.strip().count("\n") == 0 and f"{bad}:2" in run.stderr and "NOPE" in run.stderr


def test_demonstrations_follow_the_codebook_precedence() -> None:
    """Demonstrators' violence outranks the response, lethal force outranks an intervention, which outranks none;
    'riot police', 'non-violent', 'vigilantes' and a date in March are not protest cues."""
    from frontwatch.classify import cue_patterns, protest_subtype

    assert protest_subtype("Marchers threw stones at the riot police, who answered with tear gas.") == \
        "Violent demonstration"
    assert protest_subtype("Troops opened fire on the sit-in, killing two students.") == \
        "Excessive force against protesters"
    assert protest_subtype("Riot police dispersed the rally and arrested nine organisers.") == \
        "Protest with intervention"
    assert protest_subtype("Nurses rallied outside the hospital over the arrest of a colleague.") == "Peaceful protest"
    cues = dict(cue_patterns())
    assert not cues["Violent demonstration"].search("Riot police stood by as the non-violent march passed.")
    assert not cues["Peaceful protest"].search("Vigilantes attacked the village on 21 March.")
    assert cues["Excessive force against protesters"].search("An officer hit a demonstrator with his baton.")
    found = classifier().predict(["Riot police beat a student protester with batons during the march to parliament."])
    assert found[0].sub_event_type == "Excessive force against protesters"
    assert protest_subtype("Rioters stoned a passing army patrol and set a checkpoint alight.") == "Mob violence"
    assert protest_subtype("A mob beat a suspected cattle thief to death at the market.") == "Mob violence"
    assert protest_subtype("Rioters joined the march and smashed shop windows.") == "Violent demonstration"
