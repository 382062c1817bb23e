"""The sentence embedder: a text's vector must not depend on the other texts encoded with it (the embedder sorts
texts into batches by length, and callers rely on the same vector whatever the batch)."""

from __future__ import annotations

import numpy as np

from frontwatch.embed import BATCH, DIM, embedder

TEXTS = [
    "Shelling hit the market.",
    "",
    "Two men were detained at a checkpoint on the road north of the river crossing late on Sunday evening.",
    "Protesters gathered outside the ministry and blocked the main road for several hours before police arrived.",
    "A drone struck a vehicle.",
]


def test_vectors_do_not_depend_on_the_batch() -> None:
    together = embedder().encode(TEXTS)
    alone = np.vstack([embedder().encode([text]) for text in TEXTS])
    assert together.shape == (len(TEXTS), DIM)
    assert np.array_equal(together, alone)


def test_rows_follow_the_input_order_across_batches() -> None:
    texts = [f"{'Fighting ' * (n % 7 + 1)}near the town number {n}." for n in range(BATCH + 9)]
    vectors = embedder().encode(texts)
    assert np.array_equal(vectors[BATCH + 3], embedder().encode([texts[BATCH + 3]])[0])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_no_text_gives_an_empty_matrix() -> None:
    assert embedder().encode([]).shape == (0, DIM)
