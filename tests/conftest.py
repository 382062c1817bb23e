from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import jsonschema
import pytest

from frontwatch.analyze import AnalyzeResult, analyze
from frontwatch.output.picture_json import picture_dict

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "src" / "frontwatch" / "data" / "demo"
SEEDS = Path(os.environ.get("FRONTWATCH_SEEDS", REPO.parent / "shared" / "seeds"))
SCHEMA = REPO / "src" / "frontwatch" / "data" / "picture.schema.json"


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def check_picture(data: dict) -> None:
    """Every picture the tests produce: valid against the schema, and every offset points at its words."""
    _validator().validate(data)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for section in ("places", "actors"):
        for item in data[section]:
            for m in item["mentions"]:
                assert texts[m["doc"]][m["start"] : m["end"]] == m["text"], (section, m)
    for claim in data["claims"]:
        assert texts[claim["doc"]][claim["start"] : claim["end"]] == claim["text"]
    claim_ids = {c["id"] for c in data["claims"]}
    for event in data["events"]:
        assert set(event["claims"]) <= claim_ids
    for con in data["contradictions"]:
        assert set(con["claims"]) <= claim_ids


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[AnalyzeResult, Path]:
    out = tmp_path_factory.mktemp("demo")
    result = analyze([str(DEMO)], out / "store.db", out)
    check_picture(json.loads((out / "picture.json").read_text(encoding="utf-8")))
    return result, out


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[AnalyzeResult, dict]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (set FRONTWATCH_SEEDS)")
    out = tmp_path_factory.mktemp("seeds")
    result = analyze([str(SEEDS)], out / "store.db", out)
    data = picture_dict(result.picture)
    check_picture(data)
    return result, data
