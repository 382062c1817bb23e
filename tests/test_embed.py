"""The sentence embedder: a text's vector must not depend on the other texts encoded with it (the embedder sorts
texts into batches by length, and callers rely on the same vector whatever the batch)."""

from __future__ import annotations

import numpy as np

from frontwatch.embed import BATCH, DIM, Embedder, _model_path, embedder, tokenizer_path

TEXTS = [
    "Shelling hit the market.",
    "",
    "Two men were detained at a checkpoint on the road north of the river crossing late on Sunday evening.",
    "Protesters gathered outside the ministry and blocked the main road for several hours before police arrived.",
    "A drone struck a vehicle.",
]


def _without_memo() -> Embedder:
    return Embedder(_model_path(), tokenizer_path(), memo=0)


def test_vectors_do_not_depend_on_the_batch() -> None:
    fresh = _without_memo()
    together = fresh.encode(TEXTS)
    alone = np.vstack([fresh.encode([text]) for text in TEXTS])
    assert together.shape == (len(TEXTS), DIM)
    assert np.array_equal(together, alone)


def test_rows_follow_the_input_order_across_batches() -> None:
    texts = [f"{'Fighting ' * (n % 7 + 1)}near the town number {n}." for n in range(BATCH + 9)]
    fresh = _without_memo()
    vectors = fresh.encode(texts)
    assert np.array_equal(vectors[BATCH + 3], fresh.encode([texts[BATCH + 3]])[0])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_no_text_gives_an_empty_matrix() -> None:
    assert embedder().encode([]).shape == (0, DIM)


def test_a_text_met_before_gets_the_vector_it_would_get_again() -> None:
    small = Embedder(_model_path(), tokenizer_path(), memo=3)
    first = small.encode(TEXTS[:3])
    small.encode([TEXTS[3]])  # the memo holds three texts: TEXTS[0], the oldest, is forgotten
    assert list(small.memo) == [TEXTS[1], TEXTS[2], TEXTS[3]]
    again = small.encode([TEXTS[2], TEXTS[0], TEXTS[2]])
    assert np.array_equal(again, _without_memo().encode([TEXTS[2], TEXTS[0], TEXTS[2]]))
    assert np.array_equal(again[0], first[2])
    assert list(small.memo) == [TEXTS[3], TEXTS[2], TEXTS[0]]  # the least recently used went first
