"""The quality harness behind ``frontwatch eval``: scores on ../shared/eval data against eval/floors.json.

Place recognition and resolution on the LGL corpus (geoparse_lgl.jsonl): precision, recall and F1 of exact
toponym spans; for correctly recognised toponyms with gold coordinates, the share within 161 km (100 miles, the
customary geoparsing threshold) and the mean error in km. Errors are counted by class (missed, spurious,
wrong resolution) so the next session knows where to dig.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError

ACC_KM = 161.0  # 100 miles: the threshold used by the geoparsing literature (Gritta et al. 2018)
REPO = Path(__file__).resolve().parents[2]


def eval_data_dir() -> Path:
    configured = os.environ.get("FRONTWATCH_EVAL_DATA")
    return Path(configured) if configured else REPO.parent / "shared" / "eval"


def floors_path() -> Path:
    return REPO / "eval" / "floors.json"


@dataclass
class PlaceScores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    within: int = 0
    located: int = 0
    errors_km: list[float] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def acc161(self) -> float:
        return self.within / self.located if self.located else 0.0

    @property
    def mean_km(self) -> float:
        return sum(self.errors_km) / len(self.errors_km) if self.errors_km else 0.0


def score_places(records: list[dict[str, object]]) -> PlaceScores:
    from .extract.places import extract_places, haversine_km
    from .nlp.pipeline import get_nlp

    nlp = get_nlp()
    scores = PlaceScores()
    texts = [str(r["text"]) for r in records]
    for record, doc in zip(records, nlp.pipe(texts, batch_size=16), strict=True):
        predicted = {(p.mention.start, p.mention.end): p for p in extract_places(doc, str(record["id"]))}
        gold = {(t["start"], t["end"]): t for t in record["toponyms"]}  # type: ignore[union-attr]
        for key, toponym in gold.items():
            if key not in predicted:
                scores.fn += 1
                continue
            scores.tp += 1
            if toponym.get("lat") is None:
                continue
            place = predicted[key].place
            km = haversine_km(place.lat, place.lon, toponym["lat"], toponym["lon"])
            scores.located += 1
            scores.errors_km.append(km)
            scores.within += km <= ACC_KM
        scores.fp += sum(1 for key in predicted if key not in gold)
    return scores


def _read_jsonl(path: Path, limit: int | None) -> list[dict[str, object]]:
    if not path.exists():
        raise ConfigError("evaluation data not found (set FRONTWATCH_EVAL_DATA to the folder)", where=str(path))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return records[:limit] if limit else records


def compute_scores(limit: int | None = None) -> dict[str, float]:
    lgl = _read_jsonl(eval_data_dir() / "geoparse_lgl.jsonl", limit)
    places = score_places(lgl)
    return {
        "places.precision": round(places.precision, 4),
        "places.recall": round(places.recall, 4),
        "places.f1": round(places.f1, 4),
        "places.acc161": round(places.acc161, 4),
        "places.mean_km": round(places.mean_km, 1),
        "places.missed": places.fn,
        "places.spurious": places.fp,
        "places.wrong_resolution": places.located - places.within,
    }


def read_floors() -> dict[str, float]:
    data = json.loads(floors_path().read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data.items() if not k.startswith("_")}


def below_floors(scores: dict[str, float], floors: dict[str, float]) -> list[str]:
    return [f"{name}: {scores.get(name, 0.0):.4f} < floor {floor:.4f}"
            for name, floor in sorted(floors.items()) if scores.get(name, 0.0) < floor]


def run_eval(limit: int | None = None) -> int:
    scores = compute_scores(limit)
    floors = read_floors()
    for name, value in scores.items():
        floor = floors.get(name)
        mark = "" if floor is None else (f"  ok (floor {floor:.4f})" if value >= floor else
                                          f"  BELOW floor {floor:.4f}")
        print(f"{name:28s} {value}{mark}")
    failures = below_floors(scores, floors) if limit is None else []
    for failure in failures:
        print(f"error: {failure}")
    return 1 if failures else 0
