"""What the event classifier loses on cheaper inputs than the MiniLM sentence embedding (issue 20: the embedder is
most of analyze's CPU time). Prints scores and CPU seconds; asserts nothing.

    .venv/bin/python bench/classifier_inputs.py [--int8 MODEL.onnx] [--check]

Each input is trained on our own sentences exactly as the shipped classifier is (frontwatch.classify, weights in a
temporary cache) and scored by the eval harness's own functions:
- CASE 2021 dev: ``score_subtypes`` (weighted and macro F1 without "none", and the 5-fold cross-validation);
- the ACLED notes' tuning half (``--check``: the check half too) read as snippets, as ``frontwatch classify`` does
  (weighted and macro F1 with "none" allowed).

Inputs: ``minilm`` (shipped: MiniLM ⊕ cues); ``int8`` (the same on the int8 model bench/quantize_embedder.py
writes); ``words`` (hashed word uni- and bigrams ⊕ cues); ``tensor`` (spaCy's own tok2vec output, ``doc.tensor``,
averaged over the text ⊕ cues: free inside analyze, where the document is parsed anyway).
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import numpy as np
import spacy

from frontwatch import classify
from frontwatch.embed import Embedder, tokenizer_path
from frontwatch.evaluation import eval_data_dir, notes_split, score_subtypes, weighted_macro
from frontwatch.nlp.pipeline import MODEL

Featurize = Callable[[list[str]], np.ndarray]
HASH_DIM = 4096  # buckets for hashed word n-grams (1,128 training sentences: few collisions that matter)
WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


def word_features(texts: list[str]) -> np.ndarray:
    """Hashed (crc32, deterministic) lower-case word uni- and bigrams, unit length ⊕ cues."""
    matrix = np.zeros((len(texts), HASH_DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        words = WORD.findall(text.lower())
        for gram in words + [f"{a} {b}" for a, b in pairwise(words)]:
            matrix[row, zlib.crc32(gram.encode()) % HASH_DIM] = 1.0
    return np.hstack([unit_rows(matrix), classify.cue_features(texts)])


def tensor_features() -> Featurize:
    nlp = spacy.load(MODEL, enable=["tok2vec"])

    def featurize(texts: list[str]) -> np.ndarray:
        pooled = [doc.tensor.mean(axis=0) if len(doc) else np.zeros(doc.tensor.shape[1]) for doc in nlp.pipe(texts)]
        return np.hstack([unit_rows(np.array(pooled, dtype=np.float32)), classify.cue_features(texts)])
    return featurize


def int8_features(model: Path) -> Featurize:
    embedder = Embedder(model, tokenizer_path())
    return lambda texts: np.hstack([embedder.encode(texts), classify.cue_features(texts)])


def notes_halves(check: bool) -> dict[str, tuple[list[str], list[str]]]:
    records = [json.loads(line) for line in (eval_data_dir() / "acled_notes_dev.jsonl").read_text().splitlines()]
    by_id = {str(r["id"]): r for r in records}
    tune, rest = notes_split(by_id)
    halves = {"tune": tune, **({"check": rest} if check else {})}
    return {name: ([by_id[i]["text"] for i in sorted(ids)], [by_id[i]["sub_event_type"] for i in sorted(ids)])
            for name, ids in halves.items()}


def score(featurize: Featurize | None, case: list[dict[str, object]],
          notes: dict[str, tuple[list[str], list[str]]]) -> tuple[dict[str, float], float]:
    """Scores of a classifier trained on these features (None: the shipped ones), and the CPU seconds it took."""
    shipped = classify.features
    start = time.process_time()
    with tempfile.TemporaryDirectory() as cache:
        os.environ["FRONTWATCH_CACHE"] = cache
        classify.features = featurize or shipped  # type: ignore[assignment]
        classify.classifier.cache_clear()
        try:
            found = score_subtypes(case)
            scores = {f"case {key}": found[f"events.subtype.{key}_f1"] for key in ("weighted", "macro", "cv5_weighted")}
            for name, (texts, gold) in notes.items():
                predicted = [p.sub_event_type for p in classify.classifier().predict(texts)]
                weighted, macro, _ = weighted_macro(gold, predicted)
                scores[f"notes {name} weighted"], scores[f"notes {name} macro"] = round(weighted, 4), round(macro, 4)
        finally:
            classify.features = shipped  # type: ignore[assignment]
            classify.classifier.cache_clear()
            del os.environ["FRONTWATCH_CACHE"]
    return scores, time.process_time() - start


def main() -> None:
    args = sys.argv[1:]
    inputs: dict[str, Featurize | None] = {"minilm": None}
    if "--int8" in args:
        inputs["int8"] = int8_features(Path(args[args.index("--int8") + 1]))
    inputs["words"] = word_features
    inputs["tensor"] = tensor_features()
    case_file = eval_data_dir() / "event_subtype_case2021_dev.jsonl"
    case = [json.loads(line) for line in case_file.read_text(encoding="utf-8").splitlines()]
    notes = notes_halves("--check" in args)
    for name, featurize in inputs.items():
        scores, cpu = score(featurize, case, notes)
        figures = "  ".join(f"{key} {value:.4f}" for key, value in scores.items())
        print(f"{name:7s} {figures}  ({cpu:.0f} s CPU, load {os.getloadavg()[0]:.1f})", flush=True)


if __name__ == "__main__":
    main()
