"""The quality gate: eval scores must stay at or above the floors pinned in eval/floors.json."""

from __future__ import annotations

import pytest

from frontwatch.evaluation import below_floors, compute_scores, eval_data_dir, read_floors


def test_scores_meet_floors() -> None:
    if not (eval_data_dir() / "geoparse_lgl.jsonl").exists():
        pytest.skip(f"evaluation data not found in {eval_data_dir()}")
    scores = compute_scores()
    assert below_floors(scores, read_floors()) == []
