"""Resident memory by stage while analysing a corpus: where RSS grows with the number of documents.

    .venv/bin/python bench/profile_rss.py CORPUS.jsonl DB [--every N]

Runs ``analyze``'s stages one by one (collect, store_documents, mark_duplicates, refresh_picture, write_outputs)
on a fresh store and prints the resident set (VmRSS) and its peak so far (VmHWM) after each, and every N documents
during the analysis. Figures, not assertions; the load average is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from frontwatch.analyze import collect, make_room, mark_duplicates, refresh_picture, store_documents
from frontwatch.output.write import write_outputs
from frontwatch.store import open_store


def memory() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MiB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def report(stage: str, started: float) -> None:
    rss, peak = memory()
    print(f"{stage:<28} rss {rss:8.1f} MiB   peak {peak:8.1f} MiB   {time.perf_counter() - started:7.1f} s"
          f"   load {os.getloadavg()[0]:.2f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus")
    parser.add_argument("db")
    parser.add_argument("--every", type=int, default=500)
    args = parser.parse_args()
    if Path(args.db).exists():
        print(f"{args.db} exists: give a fresh path", file=sys.stderr)
        return 2
    started = time.perf_counter()
    report("start", started)
    docs, _errors = collect([args.corpus])
    report(f"collect ({len(docs)} docs)", started)

    def progress(done: int, total: int) -> None:
        if done and done % args.every == 0:
            report(f"  analysed {done}/{total}", started)

    with open_store(args.db) as store:
        store_documents(store, docs, progress)
        report("store_documents", started)
        make_room(store)
        report("make_room (release models)", started)
        mark_duplicates(store)
        report("mark_duplicates", started)
        picture = refresh_picture(store)
        report("refresh_picture", started)
    with tempfile.TemporaryDirectory() as out:
        write_outputs(picture, Path(out))
    report("write_outputs", started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
