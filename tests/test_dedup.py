"""MinHash signatures: the batched update gives exactly the values of one update per shingle, so stored
signatures (and the near-duplicates they find) do not change."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from datasketch import MinHash

from frontwatch.ingest.dedup import _WORD, BATCH_SHINGLES, NUM_PERM, SEED, SHINGLE_WORDS, near_duplicates, signature

SHORT = "Shelling hit the northern district of the town on Monday, residents said, and two markets closed."
LONG = " ".join(f"convoy {i} reached checkpoint {i * 7} before dusk" for i in range(BATCH_SHINGLES // 2))
TEXTS = [
    "",
    "Three words only",
    SHORT,
    SHORT + " " + SHORT.upper(),
    LONG,  # more shingles than one batch: the batches' minima must combine to the whole minimum
]


def _one_by_one(text: str) -> MinHash:
    """The signature as it was computed before batching: one MinHash.update per sorted shingle."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    for shingle in sorted(shingles):
        mh.update(shingle.encode())
    return mh


def test_long_text_spans_several_batches() -> None:
    words = _WORD.findall(LONG.lower())
    assert len(set(zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False))) > BATCH_SHINGLES


@pytest.mark.parametrize("text", TEXTS, ids=["empty", "short", "sentence", "repeated", "long"])
def test_batched_signature_equals_one_update_per_shingle(text: str) -> None:
    batched, single = signature(text).hashvalues, _one_by_one(text).hashvalues
    assert batched.dtype == single.dtype
    assert np.array_equal(batched, single)


def test_signature_values_are_pinned() -> None:
    """Signatures are stored: a library or scheme change that moves them must be seen (value taken before batching)."""
    digest = hashlib.sha256(signature(SHORT).hashvalues.tobytes()).hexdigest()
    assert digest == "1e14f8f199602e082284d0d9b6b66bce8f184ddea19455ab1bd9c4f3aeb8c91a"


def test_near_duplicates_still_found() -> None:
    copy = SHORT.replace("Monday", "Tuesday")
    assert near_duplicates([("a", SHORT + " " + LONG), ("b", LONG), ("c", copy + " " + LONG)]) == {"b": "a", "c": "a"}
