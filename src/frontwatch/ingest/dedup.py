"""Near-duplicate detection: MinHash over word shingles (datasketch), so syndicated copies count once."""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5  # word 5-grams: long enough that unrelated articles share few
NUM_PERM = 128  # MinHash permutations; error of the Jaccard estimate ~ 1/sqrt(128) ~ 0.09
THRESHOLD = 0.7  # estimated Jaccard similarity above which a document is a near-duplicate
SEED = 1  # fixed: the same texts always give the same signatures
BATCH_SHINGLES = 2048  # shingles hashed per numpy pass: bounds each (batch x NUM_PERM) uint32 array at 1 MB

_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    ordered = sorted(shingles)
    for start in range(0, len(ordered), BATCH_SHINGLES):  # one numpy pass per batch, not per shingle
        mh.update_batch([shingle.encode() for shingle in ordered[start : start + BATCH_SHINGLES]])
    return mh


def near_duplicates(texts: list[tuple[str, str]]) -> dict[str, str]:
    """Map each document id to the earliest (in the given order) near-identical document, for later copies only."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    order: dict[str, int] = {}
    duplicates: dict[str, str] = {}
    signatures: dict[str, MinHash] = {}
    for position, (doc_id, text) in enumerate(texts):
        sig = signature(text)
        matches = [m for m in lsh.query(sig) if sig.jaccard(signatures[m]) >= THRESHOLD]
        if matches:
            duplicates[doc_id] = min(matches, key=order.__getitem__)
        else:
            lsh.insert(doc_id, sig)
            signatures[doc_id] = sig
            order[doc_id] = position
    return duplicates
