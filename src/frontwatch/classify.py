"""Learned ACLED sub-event type classifier: MiniLM sentence embeddings plus one binary cue feature per sub-type
(``data/event_cues.tsv``), into a multinomial logistic regression trained on our own labelled sentences
(``data/event_training.tsv``), with a "none of the 25" class. When the model says a text reports a demonstration,
the ACLED codebook's precedence (``data/protest_precedence.tsv``) settles which of the four protest sub-types.

Training is deterministic (full-batch gradient descent from zeros) and takes a few seconds; the weights are cached
in the frontwatch cache directory under a key made of the training file's and the model's hashes.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from .lexicons import read_tsv

NONE = "none"
EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
CASE_CODES = {  # CASE 2021 task 2 codes -> ACLED sub-event types (accepted in --learn-from files)
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "AGREEMENT": "Agreement", "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash", "ARREST": "Arrests", "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack", "CHANGE_TO_GROUP_ACT": "Change to group/activity", "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory", "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established", "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention", "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence", "SUIC_BOMB": "Suicide bomb", "VIOL_DEMONSTR": "Violent demonstration",
}
L2 = 1e-4
STEPS = 1500  # full-batch steps: 400 left the fit short of convergence (CASE weighted 0.759 vs 0.775)
LEARNING_RATE = 2.0
CUE_SCALE = 0.25  # cue features next to unit-length embeddings: chosen on our own data's fit, checked on CASE dev


@dataclass(frozen=True)
class Prediction:
    sub_event_type: str | None  # None: none of the 25 sub-types
    event_type: str | None
    score: float  # the winning class's probability (for a demonstration: that it is one of the four kinds)


def training_file() -> Path:
    return Path(str(resources.files("frontwatch") / "data" / "event_training.tsv"))


def training_rows() -> list[tuple[str, str]]:
    rows = [(r["sub_event_type"], r["sentence"]) for r in read_tsv("event_training.tsv")]
    unknown = {label for label, _ in rows if label != NONE and label not in EVENT_TYPES}
    if unknown:
        raise ValueError(f"unknown sub-event types in training data: {sorted(unknown)}")
    return rows


def labelled_rows(path: Path) -> list[tuple[str, str]]:
    """Labelled examples a user supplies (``--learn-from``): JSONL, one {"text", "label"} object per line, the label
    an ACLED sub-event type, a CASE 2021 code (``ARMED_CLASH``) or "none". Raises InputError naming the file and
    line of the first bad record: a half-read training file would silently change the model."""
    from .errors import InputError
    from .jsonl import jsonl_objects

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read labelled examples ({exc})", where=str(path)) from exc
    rows = []
    for lineno, record in jsonl_objects(text, str(path)):
        if isinstance(record, InputError):
            raise record
        if not isinstance(record.get("text"), str) or not isinstance(record.get("label"), str):
            raise InputError('a labelled example must be an object with "text" and "label" strings',
                             where=f"{path}:{lineno}")
        given, sentence = str(record["label"]).strip(), str(record["text"])
        label = CASE_CODES.get(given, given)
        if label != NONE and label not in EVENT_TYPES:
            raise InputError(f"unknown label {given!r}: use an ACLED sub-event type, a CASE 2021 code or "
                             f'"{NONE}"', where=f"{path}:{lineno}")
        rows.append((label, sentence))
    if not rows:
        raise InputError("no labelled examples in the file", where=str(path))
    return rows


def _cue_file(name: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(sub-event type, compiled cues) per row of a cue file: stems matched case-insensitively from a word start."""
    return tuple((row["sub_event_type"], re.compile(r"\b(?:" + row["cues"] + ")", re.IGNORECASE))
                 for row in read_tsv(name))


@cache
def cue_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return _cue_file("event_cues.tsv")


def cue_features(texts: list[str]) -> np.ndarray:
    """One scaled indicator per cue row, one row per text."""
    return np.array([[CUE_SCALE if pattern.search(text) else 0.0 for _, pattern in cue_patterns()]
                     for text in texts], dtype=np.float32).reshape(len(texts), len(cue_patterns()))


def features(texts: list[str]) -> np.ndarray:
    """Embedding ⊕ scaled cue indicators, one row per text."""
    from .embed import embedder

    return np.hstack([embedder().encode(texts), cue_features(texts)])


def fit_softmax(x: np.ndarray, y: np.ndarray, classes: int, l2: float = L2, steps: int = STEPS,
                rate: float = LEARNING_RATE) -> np.ndarray:
    """Weights (features+1 × classes) of an L2-regularised multinomial logistic regression, by full-batch gradient
    descent from zeros with balanced class weights: deterministic for the same inputs."""
    xb = np.hstack([x, np.ones((x.shape[0], 1), dtype=x.dtype)]).astype(np.float64)
    onehot = np.zeros((x.shape[0], classes))
    onehot[np.arange(x.shape[0]), y] = 1.0
    counts = np.maximum(onehot.sum(axis=0), 1.0)
    sample_weight = (x.shape[0] / (classes * counts))[y][:, None]
    w = np.zeros((xb.shape[1], classes))
    for _ in range(steps):
        logits = xb @ w
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = xb.T @ ((p - onehot) * sample_weight) / x.shape[0] + l2 * np.vstack([w[:-1], np.zeros((1, classes))])
        w -= rate * grad
    return w


def softmax_scores(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    logits = np.hstack([x, np.ones((x.shape[0], 1), dtype=x.dtype)]).astype(np.float64) @ w
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


class Classifier:
    def __init__(self, labels: list[str], weights: np.ndarray) -> None:
        self.labels = labels
        self.weights = weights

    @classmethod
    def train(cls, rows: list[tuple[str, str]]) -> Classifier:
        labels = sorted({label for label, _ in rows})
        index = {label: i for i, label in enumerate(labels)}
        x = features([text for _, text in rows])
        y = np.array([index[label] for label, _ in rows])
        return cls(labels, fit_softmax(x, y, len(labels)))

    def scores(self, texts: list[str]) -> np.ndarray:
        return softmax_scores(features(texts), self.weights)

    def predict(self, texts: list[str], allow_none: bool = True) -> list[Prediction]:
        return self.decide(self.scores(texts) if texts else np.zeros((0, len(self.labels))), allow_none, texts)

    def decide(self, probabilities: np.ndarray, allow_none: bool = True, texts: list[str] | None = None
               ) -> list[Prediction]:
        """Predictions from probability rows (one per text, columns in ``labels`` order). With the texts, a
        demonstration's sub-type is settled by the codebook's precedence (``protest_subtype``)."""
        out = []
        for i, row in enumerate(probabilities):
            order = np.argsort(-row, kind="stable")
            best = next(j for j in order if allow_none or self.labels[j] != NONE)
            label, score = self.labels[best], float(row[best])
            if texts is not None and label in PROTEST_PRECEDENCE:
                label = protest_subtype(texts[i])
                score = float(sum(row[self.labels.index(kind)] for kind in PROTEST_PRECEDENCE))
            sub = None if label == NONE else label
            out.append(Prediction(sub, EVENT_TYPES.get(sub) if sub else None, round(score, 4)))
        return out


# ACLED codebook precedence among demonstrations: demonstrators who use violence make a riot (Violent
# demonstration) whatever the authorities do; otherwise lethal or seriously injuring force against them is
# Excessive force against protesters; otherwise an intervention (dispersal, arrests, tear gas) makes Protest with
# intervention; otherwise it is a Peaceful protest. The model says "a demonstration"; the cue words say which.
MOB_VIOLENCE = "Mob violence"
PROTEST_PRECEDENCE = ("Violent demonstration", "Excessive force against protesters", "Protest with intervention",
                      "Peaceful protest")


@cache
def precedence_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rows = _cue_file("protest_precedence.tsv")
    if tuple(label for label, _ in rows) != PROTEST_PRECEDENCE[:-1]:
        raise ValueError("data/protest_precedence.tsv must list " + ", ".join(PROTEST_PRECEDENCE[:-1]) + " in order")
    return rows


MOB_WORDS = re.compile(r"\b(rioters?|(?<!flash\s)mobs?|lynch\w*|vigilantes?)\b", re.IGNORECASE)  # a flash mob
DEMONSTRATION_WORDS = re.compile(r"\b(demonstrat\w*|protest\w*|flash\s+mobs?|rall(y|ies|ied|ying)|march(ed|es|ing)|"
                                 r"(?-i:march)|"
                                 r"(?-i:March)(?!\s+\d)(?<!\d\sMarch)|sit-ins?|picket\w*|strik(e|es|ers?|ing)|"
                                 r"walk-?outs?|boycott\w*)\b", re.IGNORECASE)  # (not the month: "On 7 March 2022")


def protest_subtype(text: str) -> str:
    """The sub-type of a text that reports a demonstration, by the codebook's precedence. Rioters or a mob with no
    demonstration in sight ("rioters clashed with soldiers", "a mob lynched a thief") are Mob violence: the codebook
    keeps Violent demonstration for demonstrators who turn violent."""
    if MOB_WORDS.search(text) and not DEMONSTRATION_WORDS.search(text):
        return MOB_VIOLENCE
    text = MOURNED.sub(" ", GRIEVANCE.sub(" ", text))  # what the crowd protests about is no force used on it
    return next((label for label, pattern in precedence_patterns() if pattern.search(text)), PROTEST_PRECEDENCE[-1])


GRIEVANCE = re.compile(r"\b(?:justice for|over|against|denounc\w*|condemn\w*|mourn\w*|in memory of|following)\s+"
                       r"(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:[\w'’-]+\s+){0,3}?"
                       r"(?:killed|killing|killings|death|deaths|shooting|murder)\b"
                       r"(?:\s+(?:of|by)\s+(?:[\w'’-]+\s+){0,3}?(?:police|officers?|soldiers|troops|forces|"
                       r"security forces|(?-i:[A-Z][\w'’-]+))(?:\s+custody)?)?", re.IGNORECASE)
# "demanding justice for a classmate killed by police", "protested over the killing of a student": the grievance
MOURNED = re.compile(r"\b(?:(?:carrying|holding|waving|displaying|bearing)\s+(?:[\w'’-]+\s+){0,2}?(?:pictures|photos|"
                     r"photographs|portraits|images|posters)\s+of|justice for|in memory of|mourn\w*|commemorat\w*)"
                     r"\s+(?:(?-i:[a-z])[\w'’-]*\s+){0,2}?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)*"
                     r",\s+(?:who|a|an)\b[^;.\[]*", re.IGNORECASE)
# "carrying pictures of Shireen Abu Akleh, who was shot dead the day before", "justice for Tyre Nichols, who died
# after he was beaten by police": what is told of the person mourned is no force used on the crowd


def _cache_dir() -> Path:
    return Path(os.environ.get("FRONTWATCH_CACHE") or Path.home() / ".cache" / "frontwatch")


@cache
def classifier(learn_from: tuple[Path, ...] = ()) -> Classifier:
    """The classifier trained on our own sentences, plus the user's labelled examples in ``learn_from`` files
    (cached on disk by content hash). ``frontwatch eval`` measures the second kind by cross-validation."""
    from .embed import MODEL_SHA256

    extra = [row for path in learn_from for row in labelled_rows(path)]
    data = training_file().read_bytes() + (training_file().parent / "event_cues.tsv").read_bytes()
    data += "".join(f"{label}\t{text}\n" for label, text in extra).encode("utf-8")
    settings = f"{L2}/{STEPS}/{LEARNING_RATE}/{CUE_SCALE}"
    key = hashlib.sha256(data + MODEL_SHA256.encode() + settings.encode()).hexdigest()[:16]
    path = _cache_dir() / f"event-classifier-{key}.npz"
    if path.exists():
        try:
            stored = np.load(path, allow_pickle=False)
            return Classifier([str(label) for label in stored["labels"]], stored["weights"])
        except (OSError, ValueError, KeyError):
            pass  # a damaged cache file is rebuilt below
    trained = Classifier.train(training_rows() + extra)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, labels=np.array(trained.labels), weights=trained.weights)
        os.replace(tmp, path)
    except OSError:
        pass  # no writable cache: train again next time
    return trained
