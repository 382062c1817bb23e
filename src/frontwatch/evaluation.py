"""The quality harness behind ``frontwatch eval``: scores on ../shared/eval data against eval/floors.json.

Place recognition and resolution on the LGL corpus (geoparse_lgl.jsonl): precision, recall and F1 of exact
toponym spans; for correctly recognised toponyms with gold coordinates, the share within 161 km (100 miles, the
customary geoparsing threshold) and the mean error in km. Errors are counted by class (missed, spurious,
wrong resolution) so the next session knows where to dig.

Event sub-types on the labelled CASE 2021 snippets (event_subtype_case2021_dev.jsonl): weighted and macro F1 over
the 25 ACLED sub-types, on the records that carry one of them, for (a) the shipped classifier, trained on our own
sentences only (a true held-out score), and (b) 5-fold cross-validation where each fold's model also learns from
the other four folds of the CASE data (what adding labelled data of this kind buys).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .classify import CASE_CODES
from .errors import ConfigError

WITHIN = 0.10  # the "within 10 %" rate for casualty counts
ACC_KM = 161.0  # 100 miles: the threshold used by the geoparsing literature (Gritta et al. 2018)
REPO = Path(__file__).resolve().parents[2]


def eval_data_dir() -> Path:
    configured = os.environ.get("FRONTWATCH_EVAL_DATA")
    return Path(configured) if configured else REPO.parent / "shared" / "eval"


def seeds_dir() -> Path:
    configured = os.environ.get("FRONTWATCH_SEEDS")
    return Path(configured) if configured else REPO.parent / "shared" / "seeds"


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


CV_FOLDS = 5


def f1_by_label(gold: list[str], predicted: list[str | None]) -> dict[str, float]:
    out = {}
    for label in sorted(set(gold)):
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        out[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def weighted_macro(gold: list[str], predicted: list[str | None]) -> tuple[float, float, dict[str, float]]:
    per = f1_by_label(gold, predicted)
    weighted = sum(per[label] * gold.count(label) for label in per) / len(gold) if gold else 0.0
    macro = sum(per.values()) / len(per) if per else 0.0
    return weighted, macro, per


def score_subtypes(records: list[dict[str, object]]) -> dict[str, float]:
    import numpy as np

    from .classify import Classifier, classifier, features, fit_softmax, softmax_scores, training_rows

    kept = [r for r in records if r["label"] in CASE_CODES]
    gold = [CASE_CODES[str(r["label"])] for r in kept]
    texts = [str(r["text"]) for r in kept]
    x_case = features(texts)  # embedded once: the shipped model (both ways) and the cross-validation read it
    probabilities = softmax_scores(x_case, classifier().weights)
    shipped = [p.sub_event_type for p in classifier().decide(probabilities, allow_none=False, texts=texts)]
    weighted, macro, per = weighted_macro(gold, shipped)
    with_none = [p.sub_event_type for p in classifier().decide(probabilities, allow_none=True, texts=texts)]
    # cross-validation: own sentences + 4/5 of the CASE records, tested on the remaining fifth (stratified, fixed)
    own = training_rows()
    labels = sorted({label for label, _ in own})
    index = {label: i for i, label in enumerate(labels)}
    x_own = features([t for _, t in own])
    y_own = np.array([index[label] for label, _ in own])
    fold = np.zeros(len(kept), dtype=int)
    for label in sorted(set(gold)):
        for k, i in enumerate(i for i, g in enumerate(gold) if g == label):
            fold[i] = k % CV_FOLDS
    cv: list[str | None] = [None] * len(kept)
    for k in range(CV_FOLDS):
        train = fold != k
        x = np.vstack([x_own, x_case[train]])
        y = np.concatenate([y_own, [index[g] for g, t in zip(gold, train, strict=True) if t]])
        model = Classifier(labels, fit_softmax(x, y, len(labels)))
        held = np.flatnonzero(~train)
        found = model.decide(softmax_scores(x_case[~train], model.weights), allow_none=False,
                             texts=[texts[i] for i in held])
        for i, prediction in zip(held, found, strict=True):
            cv[i] = prediction.sub_event_type
    cv_weighted, cv_macro, _ = weighted_macro(gold, cv)
    worst = sorted(per.items(), key=lambda item: (item[1], item[0]))[:3]
    return {
        "events.subtype.records": len(kept),
        "events.subtype.weighted_f1": round(weighted, 4),
        "events.subtype.macro_f1": round(macro, 4),
        "events.subtype.weighted_f1_with_none": round(weighted_macro(gold, with_none)[0], 4),
        "events.subtype.cv5_weighted_f1": round(cv_weighted, 4),
        "events.subtype.cv5_macro_f1": round(cv_macro, 4),
        **{f"events.subtype.worst.{label}": round(value, 4) for label, value in worst},
    }


def b_cubed(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    """B³ precision, recall, F1 of a clustering of items (item -> cluster id) against the gold clustering."""
    gold_members: dict[str, set[str]] = {}
    predicted_members: dict[str, set[str]] = {}
    for item in gold:
        gold_members.setdefault(gold[item], set()).add(item)
        predicted_members.setdefault(predicted[item], set()).add(item)
    precision = recall = 0.0
    for item in gold:
        shared = len(gold_members[gold[item]] & predicted_members[predicted[item]])
        precision += shared / len(predicted_members[predicted[item]])
        recall += shared / len(gold_members[gold[item]])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def pairwise_f1(gold: dict[str, str], predicted: dict[str, str]) -> float:
    items = sorted(gold)
    same_gold = {(a, b) for i, a in enumerate(items) for b in items[i + 1:] if gold[a] == gold[b]}
    same_predicted = {(a, b) for i, a in enumerate(items) for b in items[i + 1:] if predicted[a] == predicted[b]}
    tp = len(same_gold & same_predicted)
    return 2 * tp / (len(same_gold) + len(same_predicted)) if tp else 0.0


def document_clusters(picture: object) -> dict[str, str]:
    """Documents linked through the canonical events they share (connected components), as cluster ids."""
    parent = {d.id: d.id for d in picture.documents}  # type: ignore[attr-defined]

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    doc_of = {c.id: c.doc for c in picture.claims}  # type: ignore[attr-defined]
    for event in picture.events:  # type: ignore[attr-defined]
        docs = sorted({doc_of[c] for c in event.claims})
        for other in docs[1:]:
            parent[root(other)] = root(docs[0])
    return {d: root(d) for d in parent}


def score_gva(articles: list[dict[str, object]], incidents: list[dict[str, object]],
              max_incidents: int | None) -> dict[str, float]:
    """Cross-document clustering (documents -> incidents) and killed counts on the GVA DEV data."""
    import tempfile

    from .analyze import picture_from_store, store_documents
    from .ingest.documents import make_document
    from .model import RawDocument
    from .store import Store

    gold_counts = {str(i["incident_id"]): {"killed": int(i["killed"]), "wounded": int(i["injured"])}  # type: ignore[call-overload]
                   for i in incidents}
    chosen = sorted({str(a["incident_id"]) for a in articles}, key=int)[:max_incidents]
    wanted = set(chosen)
    docs, gold = [], {}
    for article in articles:
        if str(article["incident_id"]) not in wanted:
            continue
        title, text = str(article.get("title") or ""), str(article["text"])
        body = text if not title or text.startswith(title) else f"{title}\n{text}"
        document = make_document(RawDocument(source_id=str(article["id"]), text=body, title=title or None,
                                             published=str(article["date"])))
        if document.id in gold or not document.text.strip():
            continue
        docs.append((document, text))
        gold[document.id] = str(article["incident_id"])
    with tempfile.TemporaryDirectory() as work, Store(Path(work) / "gva.db") as store:
        store_documents(store, docs)
        picture = picture_from_store(store)
    predicted = document_clusters(picture)
    precision, recall, f1 = b_cubed(gold, predicted)
    counts = casualty_counts(picture, gold, gold_counts)
    return {
        "gva.documents": len(gold),
        "gva.incidents": len(set(gold.values())),
        "gva.b3_precision": round(precision, 4),
        "gva.b3_recall": round(recall, 4),
        "gva.b3_f1": round(f1, 4),
        "gva.b3_f1_all_singletons": round(b_cubed(gold, {d: d for d in gold})[2], 4),
        "gva.pairwise_f1": round(pairwise_f1(gold, predicted), 4),
        **counts,
    }


def document_count(claims: list[object], unit: str) -> int:
    """A document's count of ``unit`` (killed or wounded): its largest figure of the happening it reports (parts
    of larger counts and background counts left out), 0 when it gives none."""
    figures = [q.best for c in claims for q in c.quantities  # type: ignore[attr-defined]
               if q.unit == unit and q.part_of is None and not q.background and q.best is not None]
    return max(figures, default=0)


def casualty_counts(picture: object, gold: dict[str, str], gold_counts: dict[str, dict[str, int]]
                    ) -> dict[str, float]:
    """Killed and injured per document against its incident: exact matches and matches within 10 %."""
    by_doc: dict[str, list[object]] = {}
    for claim in picture.claims:  # type: ignore[attr-defined]
        by_doc.setdefault(claim.doc, []).append(claim)
    out: dict[str, float] = {}
    for unit, name in (("killed", "killed"), ("wounded", "injured")):
        exact = within = 0
        for document_id, incident in gold.items():
            got, want = document_count(by_doc.get(document_id, []), unit), gold_counts[incident][unit]
            exact += got == want
            within += abs(got - want) <= WITHIN * want
        out[f"gva.{name}_exact"] = round(exact / len(gold), 4) if gold else 0.0
        out[f"gva.{name}_within10"] = round(within / len(gold), 4) if gold else 0.0
    return out


SPEAKER_ARTICLES = ("the ", "a ", "an ")


def _speaker_key(text: str) -> str:
    text = " ".join(text.lower().replace("\u2019", "'").split())
    for article in SPEAKER_ARTICLES:
        if text.startswith(article):
            text = text[len(article):]
    return text


@dataclass
class AttributionScores:
    gold_attributed: int = 0  # claims a party (not the outlet) makes, by the hand count
    predicted_attributed: int = 0  # of those rows, the claims we give a speaker other than the outlet
    correct_attributed: int = 0  # ... with the right speaker
    rows: int = 0
    correct: int = 0  # right speaker, the outlet included
    stance_correct: int = 0
    via_rows: int = 0
    via_correct: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_attributed / self.predicted_attributed if self.predicted_attributed else 0.0

    @property
    def recall(self) -> float:
        return self.correct_attributed / self.gold_attributed if self.gold_attributed else 0.0

    def count(self, name: str, row: dict[str, str], claim: object | None, outlet: str, missing_is_outlet: bool) -> None:
        """Score one hand-labelled row against the claim found for it (None: no claim for that sentence, which is
        the outlet's own statement when ``missing_is_outlet``, else a miss)."""
        gold = {_speaker_key(outlet if form == "=outlet" else form) for form in row["speaker"].split("|")}
        speaker = claim.speaker if claim is not None else outlet  # type: ignore[attr-defined]
        stance = claim.stance if claim is not None else None  # type: ignore[attr-defined]
        right = (claim is not None or missing_is_outlet) and _speaker_key(speaker or "") in gold
        attributed_gold = row["speaker"] != "=outlet"
        attributed = claim is not None and speaker != outlet
        self.rows += 1
        self.correct += right
        self.gold_attributed += attributed_gold
        self.predicted_attributed += attributed
        self.correct_attributed += right and attributed and attributed_gold
        self.stance_correct += stance == row["stance"]
        chain_wrong = False
        if row.get("via"):
            self.via_rows += 1
            want = [_speaker_key(x) for x in row["via"].split(" > ")]
            chain_wrong = claim is None or [_speaker_key(x) for x in claim.via[:-1]] != want  # type: ignore[attr-defined]
            self.via_correct += right and not chain_wrong
        if not right or stance != row["stance"]:
            self.failures.append(f"{name}: {speaker!r} {stance} (want {row['speaker']!r} {row['stance']})")
        elif chain_wrong:
            self.failures.append(f"{name}: via {' > '.join(claim.via)!r} (want {row['via']!r})")  # type: ignore[attr-defined]


def score_attribution(rows: list[dict[str, str]]) -> AttributionScores:
    """Speakers, stances and chains of the claims named in the fixture rows (see eval/attribution_fixtures.tsv):
    each row's claim is the one whose sentence holds the anchor, with the expected stance when there is one."""
    from .extract.document import analyse_documents
    from .ingest.documents import make_document
    from .model import RawDocument

    documents = {}
    for row in rows:
        key = (row["outlet"], row["text"])
        if key not in documents:
            documents[key] = make_document(RawDocument(source_id=row["id"], text=row["text"], outlet=row["outlet"],
                                                       cleaned=True))
    unique = list({d.id: d for d in documents.values()}.values())
    analyses = dict(zip([d.id for d in unique], analyse_documents(unique), strict=True))
    scores = AttributionScores()
    for row in rows:
        document = documents[(row["outlet"], row["text"])]
        claims = [c for c in analyses[document.id].claims if row["anchor"] in c.text]
        claim = next((c for c in claims if c.stance == row["stance"]), claims[0] if claims else None)
        scores.count(row["id"], row, claim, document.outlet, missing_is_outlet=True)
    return scores


def attribution_rows(path: Path) -> list[dict[str, str]]:
    from .lexicons import parse_tsv

    return list(parse_tsv(path.read_text(encoding="utf-8"), str(path)))


def claim_key(text: str) -> str:
    """How eval/seeds_speakers.tsv names a claim: its sentence's SHA-256 (whitespace runs made one space)."""
    import hashlib

    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:12]


def score_seed_attribution(seeds: Path, rows: list[dict[str, str]]) -> AttributionScores:
    """Speakers of the hand-counted seed claims (eval/seeds_speakers.tsv) against what the pipeline says now."""
    from .analyze import collect
    from .extract.document import analyse_documents

    documents = [d for d, _raw in collect([str(seeds)])[0]]
    claims: dict[tuple[str, str], list[object]] = {}
    outlets = {d.source_id: d.outlet for d in documents}
    for document, analysis in zip(documents, analyse_documents(documents), strict=True):
        for claim in analysis.claims:
            claims.setdefault((document.source_id, claim_key(claim.text)), []).append(claim)
    scores = AttributionScores()
    for row in rows:
        found = claims.get((row["source"], row["key"]), [])
        claim = next((c for c in found if c.stance == row["stance"]), found[0] if found else None)  # type: ignore[attr-defined]
        scores.count(f"{row['source']} {row['key']}", row, claim, outlets.get(row["source"], ""),
                     missing_is_outlet=False)
    return scores


def attribution_scores(prefix: str, scores: AttributionScores) -> dict[str, float]:
    out = {
        f"{prefix}.claims": scores.rows,
        f"{prefix}.speaker_precision": round(scores.precision, 4),
        f"{prefix}.speaker_recall": round(scores.recall, 4),
        f"{prefix}.speaker_accuracy": round(scores.correct / scores.rows, 4) if scores.rows else 0.0,
        f"{prefix}.stance_accuracy": round(scores.stance_correct / scores.rows, 4) if scores.rows else 0.0,
    }
    if scores.via_rows:  # only the fixtures name chains
        out[f"{prefix}.via_accuracy"] = round(scores.via_correct / scores.via_rows, 4)
    return out


def _read_jsonl(path: Path, limit: int | None) -> list[dict[str, object]]:
    if not path.exists():
        raise ConfigError("evaluation data not found (set FRONTWATCH_EVAL_DATA to the folder)", where=str(path))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return records[:limit] if limit else records


def compute_scores(limit: int | None = None) -> dict[str, float]:
    lgl = _read_jsonl(eval_data_dir() / "geoparse_lgl.jsonl", limit)
    places = score_places(lgl)
    subtypes = score_subtypes(_read_jsonl(eval_data_dir() / "event_subtype_case2021_dev.jsonl", None))
    gva = score_gva(_read_jsonl(eval_data_dir() / "gva_articles.jsonl", None),
                    _read_jsonl(eval_data_dir() / "gva_incidents.jsonl", None), limit)
    fixtures = score_attribution(attribution_rows(REPO / "eval" / "attribution_fixtures.tsv"))
    seeds = seeds_dir()
    seed_scores = attribution_scores("seeds_attribution", score_seed_attribution(
        seeds, attribution_rows(REPO / "eval" / "seeds_speakers.tsv"))) if seeds.is_dir() else {}
    return {
        **subtypes,
        **gva,
        **attribution_scores("attribution", fixtures),
        **seed_scores,
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
        print(f"{name:52s} {value}{mark}")
    failures = below_floors(scores, floors) if limit is None else []
    for failure in failures:
        print(f"error: {failure}")
    return 1 if failures else 0
