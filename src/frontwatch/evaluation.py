"""The quality harness behind ``frontwatch eval``: scores on ../shared/eval data against eval/floors.json.

Place recognition and resolution on the LGL corpus (geoparse_lgl.jsonl): precision, recall and F1 of exact
toponym spans; for correctly recognised toponyms with gold coordinates, the share within 161 km (100 miles, the
customary geoparsing threshold) and the mean error in km. Errors are counted by class (missed, spurious,
wrong resolution) so the next session knows where to dig.

Event sub-types on the labelled CASE 2021 snippets (event_subtype_case2021_dev.jsonl): weighted and macro F1 over
the 25 ACLED sub-types, on the records that carry one of them, for (a) the shipped classifier, trained on our own
sentences only (a true held-out score), and (b) 5-fold cross-validation where each fold's model also learns from
the other four folds of the CASE data (what adding labelled data of this kind buys).

ACLED event notes (acled_notes_dev.jsonl, issues 16 and 19): each note analysed as one document, its primary event
compared with ACLED's coding under exactly the definitions of ../shared/tools/acled_notes_check.py (event, sub-type,
place, actor, toll, day; composite = mean of the last five). The notes are split once and for all into a TUNING half
(read errors there, tune there) and a CHECK half (only measured; its floors guard the honest figure): sort the ids,
shuffle them with ``random.Random(20261202)``, the first ``len(ids) // 2`` are the tuning half, the rest the check
half (``notes_split``).
"""

from __future__ import annotations

import json
import math
import os
import random
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def incident_counts(incidents: list[dict[str, object]]) -> dict[str, dict[str, int]]:
    """GVA incident id -> its killed and wounded."""
    return {str(i["incident_id"]): {"killed": int(i["killed"]), "wounded": int(i["injured"])}  # type: ignore[call-overload]
            for i in incidents}


def gva_documents(articles: list[dict[str, object]], max_incidents: int | None
                  ) -> tuple[list[tuple[Any, str]], dict[str, str]]:
    """The GVA articles of the first ``max_incidents`` incidents as documents (title joined to the text) with their
    raw text, and each document's incident id."""
    from .ingest.documents import make_document
    from .model import RawDocument

    wanted = set(sorted({str(a["incident_id"]) for a in articles}, key=int)[:max_incidents])
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
    return docs, gold


def score_gva(articles: list[dict[str, object]], incidents: list[dict[str, object]],
              max_incidents: int | None) -> dict[str, float]:
    """Cross-document clustering (documents -> incidents) and killed counts on the GVA DEV data."""
    import tempfile

    from .analyze import picture_from_store, store_documents
    from .store import Store

    gold_counts = incident_counts(incidents)
    docs, gold = gva_documents(articles, max_incidents)
    with tempfile.TemporaryDirectory() as work, Store(Path(work) / "gva.db") as store:
        store_documents(store, docs)
        picture = picture_from_store(store)
    predicted = document_clusters(picture)
    precision, recall, f1 = b_cubed(gold, predicted)
    counts = casualty_counts(picture, gold, gold_counts) | event_casualty_counts(picture, gold, gold_counts)
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
    of larger counts and background counts left out), 0 when it gives none. A hedged figure ("at least 3") has no
    best figure and is not counted (measured: counting its lowest credible figure lowered killed exact 0.8531 ->
    0.8493 and injured 0.6521 -> 0.6494 on GVA DEV)."""
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


def main_events(picture: object) -> dict[str, str]:
    """Each document's main event: the event holding most of its claims (ties: the one it tells first)."""
    held: dict[str, dict[str, list[int]]] = {}
    for claim in picture.claims:  # type: ignore[attr-defined]
        if claim.event is not None:
            held.setdefault(claim.doc, {}).setdefault(claim.event, []).append(claim.start)
    return {doc: min(events, key=lambda e: (-len(events[e]), min(events[e]), e)) for doc, events in held.items()}


def event_casualty_counts(picture: object, gold: dict[str, str], gold_counts: dict[str, dict[str, int]]
                          ) -> dict[str, float]:
    """Per document, the toll of its main event (killed from ``fatalities.best``, wounded from ``wounded.best``,
    0 with no event) against its incident: what a user reading events, not sentences, is told (issue 17.2)."""
    main = main_events(picture)
    events = {e.id: e for e in picture.events}  # type: ignore[attr-defined]
    hits = {"killed": 0, "wounded": 0}
    for document_id, incident in gold.items():
        event = events.get(main.get(document_id, ""))
        hits["killed"] += ((event.fatalities.best or 0) if event else 0) == gold_counts[incident]["killed"]
        hits["wounded"] += ((event.wounded.best or 0) if event else 0) == gold_counts[incident]["wounded"]
    return {f"gva.event_{unit}_exact": round(hits[unit] / len(gold), 4) if gold else 0.0
            for unit in ("killed", "wounded")}


SPEAKER_ARTICLES = ("the ", "a ", "an ")


def _speaker_key(text: str) -> str:
    text = " ".join(text.lower().replace("\u2019", "'").split())
    for article in SPEAKER_ARTICLES:
        if text.startswith(article):
            text = text[len(article):]
    return text


HASHED = "#"  # a speaker form written as "#" + speaker_hash(form): a hand count that copies no article's words


def speaker_hash(text: str) -> str:
    """How eval/seeds_speakers.tsv names a speaker: the SHA-256 of its key (see ``_speaker_key``), 12 hex digits."""
    return claim_key(_speaker_key(text))


def _speaker_in(speaker: str, forms: str, outlet: str) -> bool:
    """Whether a speaker is one of a row's "|"-separated forms: a name, "=outlet", or a hashed name ("#...")."""
    key = _speaker_key(speaker)
    for form in forms.split("|"):
        if form.startswith(HASHED):
            if speaker_hash(speaker) == form[len(HASHED):]:
                return True
        elif key == _speaker_key(outlet if form == "=outlet" else form):
            return True
    return False


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
        speaker = claim.speaker if claim is not None else outlet  # type: ignore[attr-defined]
        stance = claim.stance if claim is not None else None  # type: ignore[attr-defined]
        right = (claim is not None or missing_is_outlet) and _speaker_in(speaker or "", row["speaker"], outlet)
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


# --- ACLED event notes: tuning and check halves -------------------------------------------------------------------

ACLED_NOTES_FILE = "acled_notes_dev.jsonl"
ACLED_NOTES_SEED = 20261202  # the split the team tunes against; never change it (the check half would leak)
NOTE_RATES = ("event", "subtype", "place", "actor", "toll", "day")
COMPOSITE_OF = NOTE_RATES[1:]  # composite = mean of sub-type, place, actor, toll, day (not "event")
PLACE_KM = {1: 25.0, 2: 50.0}  # ACLED geo_precision 1 (the town) / 2 (near it); anything else (3, the region): 150
PLACE_KM_OTHER = 150.0
ACTOR_SIMILARITY = 85  # rapidfuzz token_set_ratio on the normalised names
TOP_COUNTRIES = 10


def notes_split(ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """The (tuning, check) halves of the ACLED notes: sort all ids, shuffle them with Random(20261202), the first
    ``len(ids) // 2`` are the tuning half, the rest the check half. Keep this rule byte-for-byte: the team tunes
    against exactly this tuning half, so the check half stays unseen only as long as the rule does not move."""
    ordered = sorted(ids)
    random.Random(ACLED_NOTES_SEED).shuffle(ordered)
    half = len(ordered) // 2
    return ordered[:half], ordered[half:]


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Haversine distance on a 6,371 km sphere, as the notes check computes it."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def actor_base(name: object) -> str:
    """An actor name compared by the notes check: era suffix such as "(2019-)" or "(2018-2022)" dropped, lower
    case, punctuation gone (words of letters and digits joined by single spaces)."""
    text = re.sub(r"\(\d{4}-(\d{4})?\)", " ", str(name or "")).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def same_actor(gold: object, predicted: object) -> bool:
    from rapidfuzz import fuzz

    g, p = actor_base(gold), actor_base(predicted)
    if not g or not p:
        return False
    return g == p or fuzz.token_set_ratio(g, p) >= ACTOR_SIMILARITY


def primary_event(events: Sequence[dict[str, Any]], note: dict[str, Any]) -> dict[str, Any] | None:
    """The event a note is judged by, among the events citing it (picture order): the first with ACLED's
    sub-type, else the first with ACLED's event type, else the first; None when the note yields no event."""
    if not events:
        return None
    return next((e for e in events if e.get("sub_event_type") == note["sub_event_type"]),
                next((e for e in events if e.get("event_type") == note["event_type"]), events[0]))


def event_point(event: dict[str, Any], places: dict[str, dict[str, Any]]) -> tuple[float, float] | None:
    """The event's own point, else its place's, else None."""
    if event.get("lat") is not None:
        return event["lat"], event["lon"]
    place = places.get(event.get("place")) or {}  # type: ignore[arg-type]
    return (place["lat"], place["lon"]) if place.get("lat") is not None else None


def note_hits(note: dict[str, Any], events: Sequence[dict[str, Any]], places: dict[str, dict[str, Any]],
              actor_names: dict[str, str]) -> dict[str, bool]:
    """Which of the six checks one note passes, given the picture events citing it (picture.json dicts), the
    picture's places by id and its actor names by id. A note with no event fails all six."""
    event = primary_event(events, note)
    if event is None:
        return dict.fromkeys(NOTE_RATES, False)
    point = event_point(event, places)
    radius = PLACE_KM.get(note.get("geo_precision"), PLACE_KM_OTHER)  # type: ignore[arg-type]
    fatalities = event.get("fatalities") or {}
    toll = fatalities.get("best") if fatalities.get("best") is not None else (fatalities.get("acled") or 0)
    date = event.get("date") or {}
    return {
        "event": True,
        "subtype": event.get("sub_event_type") == note["sub_event_type"],
        "place": point is not None and great_circle_km(point, (note["latitude"], note["longitude"])) <= radius,
        "actor": any(same_actor(note["actor1"], actor_names.get(event.get(k), event.get(k)))  # type: ignore[arg-type]
                     for k in ("actor1", "actor2")),
        "toll": int(toll) == int(note.get("fatalities") or 0),
        "day": date.get("start") == note["event_date"] and date.get("end") in (None, note["event_date"]),
    }


def picture_note_hits(picture: dict[str, Any], notes: Sequence[dict[str, Any]]) -> dict[str, dict[str, bool]]:
    """note id -> its six checks, reading a picture (picture.json dict) whose documents' source_id is the note id."""
    wanted = {str(n["id"]) for n in notes}
    source_of = {d["id"]: str(d.get("source_id")) for d in picture.get("documents", [])}
    places = {p["id"]: p for p in picture.get("places", [])}
    actor_names = {a["id"]: a.get("name") or a["id"] for a in picture.get("actors", [])}
    citing: dict[str, list[dict[str, Any]]] = {}
    for event in picture.get("events", []):
        for doc in event.get("sources", []):
            if source_of.get(doc) in wanted:
                citing.setdefault(source_of[doc], []).append(event)
    return {str(n["id"]): note_hits(n, citing.get(str(n["id"]), []), places, actor_names) for n in notes}


@dataclass
class NotesTally:
    """Counts of the six checks over a group of notes."""

    n: int = 0
    hits: Counter[str] = field(default_factory=Counter)

    def add(self, hits: dict[str, bool]) -> None:
        self.n += 1
        self.hits.update(k for k, v in hits.items() if v)

    def rates(self) -> dict[str, float]:
        n = self.n or 1
        out = {k: self.hits[k] / n for k in NOTE_RATES}
        out["composite"] = sum(out[k] for k in COMPOSITE_OF) / len(COMPOSITE_OF)
        return out


@dataclass
class NotesHalf:
    """One half's tallies: overall, per ACLED event type, per country."""

    overall: NotesTally = field(default_factory=NotesTally)
    by_type: dict[str, NotesTally] = field(default_factory=dict)
    by_country: dict[str, NotesTally] = field(default_factory=dict)


def tally_notes(notes: Sequence[dict[str, Any]], hits: dict[str, dict[str, bool]]) -> NotesHalf:
    half = NotesHalf()
    for note in notes:
        got = hits[str(note["id"])]
        half.overall.add(got)
        half.by_type.setdefault(str(note["event_type"]), NotesTally()).add(got)
        half.by_country.setdefault(str(note["country"]), NotesTally()).add(got)
    return half


def analyse_notes(notes: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The picture (picture.json dict) of the notes analysed together in one run, each note one document, read
    from a JSONL of {"id", "text"} as `frontwatch analyze` reads it (so a note's id is its document's source_id)."""
    import tempfile

    from .analyze import collect, mark_duplicates, picture_from_store, store_documents
    from .output.picture_json import picture_dict
    from .store import Store

    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "notes.jsonl"
        path.write_text("".join(json.dumps({"id": n["id"], "text": n["text"]}) + "\n" for n in notes),
                        encoding="utf-8")
        docs, _errors = collect([str(path)])
        with Store(Path(work) / "notes.db") as store:
            store_documents(store, docs)
            mark_duplicates(store)
            return picture_dict(picture_from_store(store))


@dataclass
class NotesReport:
    halves: dict[str, NotesHalf]  # "tune", "check"
    countries: list[str]  # the most frequent countries of all the notes, most frequent first (ties by name)
    seconds: float

    def scores(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for name, half in self.halves.items():
            out[f"acled_notes.{name}.notes"] = half.overall.n
            out.update({f"acled_notes.{name}.{k}": round(v, 4) for k, v in half.overall.rates().items()})
        return out


NOTE_HALVES = ("tune", "check")


def score_acled_notes(records: Sequence[dict[str, Any]], limit: int | None = None,
                      halves: Sequence[str] = NOTE_HALVES) -> NotesReport:
    """The halves asked for (both by default), each analysed in its own run (events of one half's notes may merge,
    never across halves)."""
    started = time.monotonic()
    by_id = {str(r["id"]): r for r in records}
    split = dict(zip(NOTE_HALVES, notes_split(by_id), strict=True))
    tallies = {}
    for name in (h for h in NOTE_HALVES if h in halves):
        ids = split[name]
        notes = [by_id[i] for i in sorted(ids)[:limit]]  # in id order, as the team's tuning runs write them
        tallies[name] = tally_notes(notes, picture_note_hits(analyse_notes(notes), notes))
    counts = Counter(str(r["country"]) for r in records)
    countries = sorted(counts, key=lambda c: (-counts[c], c))[:TOP_COUNTRIES]
    return NotesReport(tallies, countries, time.monotonic() - started)


def notes_tables(report: NotesReport, floors: dict[str, float]) -> list[str]:
    """The notes figures as text: metric | tune | check | floor, then per event type and per country (each cell
    tune/check)."""
    tune, check = report.halves.get("tune", NotesHalf()), report.halves.get("check", NotesHalf())
    lines = [f"ACLED notes ({ACLED_NOTES_FILE}): tune {tune.overall.n} / check {check.overall.n} notes, "
             f"{report.seconds:.1f} s",
             f"  {'metric':10s} {'tune':>7s} {'check':>7s} {'floor':>7s}"]
    t_rates, c_rates = tune.overall.rates(), check.overall.rates()
    for k in (*NOTE_RATES, "composite"):
        floor = floors.get(f"acled_notes.check.{k}")
        mark = "" if floor is None else f" {floor:7.3f}" + ("" if round(c_rates[k], 4) >= floor else "  BELOW")
        lines.append(f"  {k:10s} {_cell(t_rates[k], tune.overall.n, 4):>7s} "
                     f"{_cell(c_rates[k], check.overall.n, 4):>7s}{mark}")
    columns = (*NOTE_RATES, "composite")
    header = " ".join(f"{('comp' if k == 'composite' else k):>9s}" for k in columns)

    def block(title: str, groups: list[str], t: dict[str, NotesTally], c: dict[str, NotesTally]) -> None:
        lines.append(f"  {title:28s} {'n':^9s} {header}   (tune/check)")
        for group in groups:
            a, b = t.get(group, NotesTally()), c.get(group, NotesTally())
            ra, rb = a.rates(), b.rates()
            cells = " ".join(f"{_cell(ra[k], a.n)}/{_cell(rb[k], b.n)}" for k in columns)
            lines.append(f"  {group[:28]:28s} {a.n:>4d}/{b.n:<4d} {cells}")

    block("by ACLED event type", sorted(set(tune.by_type) | set(check.by_type)), tune.by_type, check.by_type)
    block(f"by country (top {len(report.countries)})", report.countries, tune.by_country, check.by_country)
    return lines


def _cell(rate: float, n: int, digits: int = 2) -> str:
    return f"{rate:.{digits}f}" if n else "-".center(digits + 2)


def _read_jsonl(path: Path, limit: int | None) -> list[dict[str, object]]:
    if not path.exists():
        raise ConfigError("evaluation data not found (point `frontwatch eval --data DIR` or FRONTWATCH_EVAL_DATA "
                          "at the folder)", where=str(path))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return records[:limit] if limit else records


# --- well-known places of today's wars, named with no other clue ------------------------------------------------

WAR_PLACE_REPORTS = ("Rebels attacked {} on Monday.", "Shelling hit {} overnight.",
                     "Fighting was reported in {} on Monday.", "Three people were killed in {} on Tuesday.")
# one-sentence reports in our own words: a place and nothing else to tell its country by


def score_war_places(rows: list[dict[str, str]]) -> dict[str, float]:
    """Per half of eval/war_places.tsv: the share of (report, place) pairs whose first place found lies in the
    place's country (no place found counts as wrong), over the reports of WAR_PLACE_REPORTS."""
    from .extract.document import analyse_documents
    from .ingest.documents import make_document
    from .model import RawDocument

    trials = [(row, report) for row in rows for report in WAR_PLACE_REPORTS]
    docs = [make_document(RawDocument(source_id=f"wp{i}", text=report.format(row["name"]), cleaned=True))
            for i, (row, report) in enumerate(trials)]
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for (row, _report), analysed in zip(trials, analyse_documents(docs), strict=True):
        total[row["half"]] += 1
        right[row["half"]] += bool(analysed.places) and analysed.places[0].place.country == row["country"]
    return {f"war_places.{half}.right_country": round(right[half] / total[half], 4) for half in sorted(total)}


def war_place_rows(path: Path) -> list[dict[str, str]]:
    return attribution_rows(path)  # the same TSV reading


# The parts of `frontwatch eval` (``--only NAME``): the prefix of their score names, the files they read from the
# evaluation data folder (none: they read only the repository, or ../shared/seeds).
PARTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "subtypes": ("events.subtype.", ("event_subtype_case2021_dev.jsonl",)),
    "gva": ("gva.", ("gva_articles.jsonl", "gva_incidents.jsonl")),
    "attribution": ("attribution.", ()),
    "seeds": ("seeds_attribution.", ()),
    "places": ("places.", ("geoparse_lgl.jsonl",)),
    "war_places": ("war_places.", ()),
    "acled_notes": ("acled_notes.", (ACLED_NOTES_FILE,)),
}


def require_data() -> bool:
    """FRONTWATCH_REQUIRE_DATA=1: missing evaluation data is an error rather than a skipped part (CI sets it)."""
    return os.environ.get("FRONTWATCH_REQUIRE_DATA", "").strip() not in ("", "0")


def data_source(data: Path | None = None) -> tuple[Path, str]:
    """The evaluation data folder and what named it: --data, else $FRONTWATCH_EVAL_DATA, else ../shared/eval."""
    if data is not None:
        return data, "--data"
    if os.environ.get("FRONTWATCH_EVAL_DATA"):
        return eval_data_dir(), "FRONTWATCH_EVAL_DATA"
    return eval_data_dir(), "the default, ../shared/eval beside the repository"


@dataclass
class EvalRun:
    scores: dict[str, float] = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)  # the parts that ran
    skipped: list[str] = field(default_factory=list)  # one line per reason some parts did not run
    notes: NotesReport | None = None
    note_halves: tuple[str, ...] = NOTE_HALVES
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each part that ran


def choose_parts(only: Sequence[str] | None) -> list[str]:
    """The parts to run, in their usual order: all by default, else those named (comma-separated or repeated)."""
    from .errors import InputError

    if not only:
        return list(PARTS)
    named = {name.strip() for item in only for name in item.split(",") if name.strip()}
    unknown = sorted(named - set(PARTS))
    if unknown:
        raise InputError(f"unknown part {unknown[0]!r} (choose from {', '.join(PARTS)})", where="--only")
    return [part for part in PARTS if part in named]


def _missing(part: str, folder: Path, source: str) -> str | None:
    """Why ``part`` cannot run (one line saying where we looked and how to point elsewhere), or None."""
    if part == "seeds":
        seeds = seeds_dir()
        return None if seeds.is_dir() else (f"no seed articles at {seeds}; set FRONTWATCH_SEEDS to the folder")
    files = PARTS[part][1]
    if not files:
        return None
    if not folder.is_dir():
        return (f"no evaluation data folder at {folder} (from {source}); "
                "point `frontwatch eval --data DIR` (or FRONTWATCH_EVAL_DATA) at the folder")
    absent = [name for name in files if not (folder / name).is_file()]
    return (f"no {', '.join(absent)} in {folder} (from {source}); "
            "point `frontwatch eval --data DIR` (or FRONTWATCH_EVAL_DATA) at a folder with it") if absent else None


def evaluate(limit: int | None = None, data: Path | None = None, only: Sequence[str] | None = None,
             note_halves: Sequence[str] = NOTE_HALVES) -> EvalRun:
    """Run the chosen parts on the data folder. A part whose data is missing is skipped with one line saying
    where we looked, or, under FRONTWATCH_REQUIRE_DATA=1, raises ConfigError with that line. ``note_halves``:
    which ACLED-notes halves to analyse (the test suite reads only the check half, the one with floors)."""
    folder, source = data_source(data)
    run = EvalRun(note_halves=tuple(note_halves))
    reasons: dict[str, list[str]] = {}
    for part in choose_parts(only):
        reason = _missing(part, folder, source)
        if reason is not None:
            if require_data():
                raise ConfigError(f"{reason} (FRONTWATCH_REQUIRE_DATA is set)")
            reasons.setdefault(reason, []).append(part)
            continue
        started = time.monotonic()
        run.scores.update(_score_part(part, folder, limit, run))
        run.parts.append(part)
        run.seconds[part] = time.monotonic() - started
    run.skipped = [f"skipped {', '.join(parts)}: {reason}" for reason, parts in reasons.items()]
    return run


def _score_part(part: str, folder: Path, limit: int | None, run: EvalRun) -> dict[str, float]:
    if part == "subtypes":
        return score_subtypes(_read_jsonl(folder / "event_subtype_case2021_dev.jsonl", None))
    if part == "gva":
        return score_gva(_read_jsonl(folder / "gva_articles.jsonl", None),
                         _read_jsonl(folder / "gva_incidents.jsonl", None), limit)
    if part == "attribution":
        return attribution_scores("attribution", score_attribution(
            attribution_rows(REPO / "eval" / "attribution_fixtures.tsv")))
    if part == "seeds":
        return attribution_scores("seeds_attribution", score_seed_attribution(
            seeds_dir(), attribution_rows(REPO / "eval" / "seeds_speakers.tsv")))
    if part == "places":
        places = score_places(_read_jsonl(folder / "geoparse_lgl.jsonl", limit))
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
    if part == "war_places":
        return score_war_places(war_place_rows(REPO / "eval" / "war_places.tsv"))
    run.notes = score_acled_notes(_read_jsonl(folder / ACLED_NOTES_FILE, None), limit,  # type: ignore[arg-type]
                                  run.note_halves)
    return run.notes.scores()


def compute_scores(limit: int | None = None, data: Path | None = None,
                   only: Sequence[str] | None = None) -> dict[str, float]:
    return evaluate(limit, data, only).scores


def read_floors() -> dict[str, float]:
    data = json.loads(floors_path().read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data.items() if not k.startswith("_")}


def floors_for(parts: Iterable[str], floors: dict[str, float]) -> dict[str, float]:
    """The floors of the parts that ran (a part left out by --only or missing data is not judged)."""
    prefixes = tuple(PARTS[part][0] for part in parts)
    return {name: floor for name, floor in floors.items() if name.startswith(prefixes)}


def below_floors(scores: dict[str, float], floors: dict[str, float]) -> list[str]:
    return [f"{name}: {scores.get(name, 0.0):.4f} < floor {floor:.4f}"
            for name, floor in sorted(floors.items()) if scores.get(name, 0.0) < floor]


def run_eval(limit: int | None = None, data: Path | None = None, only: Sequence[str] | None = None) -> int:
    run = evaluate(limit, data, only)
    for line in run.skipped:
        print(f"eval: {line}")
    floors = floors_for(run.parts, read_floors())
    for name, value in run.scores.items():
        if name.startswith(PARTS["acled_notes"][0]):
            continue  # shown as a table below
        floor = floors.get(name)
        mark = "" if floor is None else (f"  ok (floor {floor:.4f})" if value >= floor else
                                          f"  BELOW floor {floor:.4f}")
        print(f"{name:52s} {value}{mark}")
    if run.notes is not None:
        print("\n".join(notes_tables(run.notes, floors)))
    if run.seconds:
        print("eval: took " + ", ".join(f"{part} {seconds:.0f} s" for part, seconds in run.seconds.items()))
    failures = below_floors(run.scores, floors) if limit is None else []
    for failure in failures:
        print(f"error: {failure}")
    return 1 if failures else 0
