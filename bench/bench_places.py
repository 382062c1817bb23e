"""Cost of the place stage (gazetteer finder ``fw_places`` + resolution ``extract_places``) against the spaCy parse
it rides on, over the same texts in one process (ratio printed; no assertions).

    python bench/bench_places.py [N]      # N LGL documents from ../shared/eval (default 200)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from frontwatch.extract.places import extract_places
from frontwatch.nlp import pipeline

LGL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geoparse_lgl.jsonl"


def main(n: int) -> None:
    records = [json.loads(line) for line in LGL.read_text(encoding="utf-8").splitlines()[:n]]
    texts = [r["text"] for r in records]
    nlp = pipeline.get_nlp()
    list(nlp.pipe(texts[:5]))  # warm-up: model, gazetteer cache
    start = time.perf_counter()
    with nlp.select_pipes(disable=["fw_places"]):
        docs = list(nlp.pipe(texts, batch_size=16))
    parse_s = time.perf_counter() - start
    start = time.perf_counter()
    found = 0
    for record, doc in zip(records, docs, strict=True):
        found += len(extract_places(pipeline.find_places(doc), record["id"]))
    place_s = time.perf_counter() - start
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} documents, {chars:,} characters, {found} place mentions")
    print(f"spaCy parse (with the actor and place rulers): {parse_s:.2f} s")
    print(f"place stage (find_places + extract_places):    {place_s:.2f} s")
    print(f"ratio place stage / parse: {place_s / parse_s:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
