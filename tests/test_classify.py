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
