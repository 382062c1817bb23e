"""Write every output file of a picture into a directory, atomically per file.

The reports say what changed since the previous run. Before anything is written, a picture.json in the directory
that differs from the picture about to be written becomes the baseline, kept as picture.previous.json; an
identical one leaves the baseline as it was. So re-running on the same input writes the same bytes (idempotent),
and the comparison always is with the last picture that differed.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from ..model import Picture
from .acled_csv import events_csv
from .changes import Baseline, baseline_from_json
from .control_geojson import control_geojson
from .geojson import events_geojson, places_geojson
from .picture_json import picture_chunks, picture_json
from .report import report_markdown
from .report_html import report_html

PICTURE = "picture.json"
PREVIOUS = "picture.previous.json"  # the baseline of "what changed since the previous run"
REPORTS = {"report.md", "report.html"}  # the outputs that read the baseline

Render = Callable[[Picture, Baseline | None], str]
OUTPUTS: dict[str, Render] = {
    PICTURE: lambda picture, _: picture_json(picture),
    "events.csv": lambda picture, _: events_csv(picture),
    "events.geojson": lambda picture, _: events_geojson(picture),
    "places.geojson": lambda picture, _: places_geojson(picture),
    "control.geojson": lambda picture, _: control_geojson(picture),
    "report.md": report_markdown,
    "report.html": report_html,
}


def _write(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


def _stream(path: Path, chunks: Iterable[str]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for chunk in chunks:
            fh.write(chunk)


def keep_baseline(out_dir: Path, current: str | Path, read: bool = True) -> Baseline | None:
    """Keep the directory's last picture as the baseline when it differs from ``current`` (the picture.json about to
    be written, as text or as a file), and read the baseline (when ``read``). None when there is none, or it is not a
    picture frontwatch can read."""
    last = out_dir / PICTURE
    previous = out_dir / PREVIOUS
    try:
        if last.is_file() and not _same(last, current):
            copy = previous.with_suffix(previous.suffix + ".tmp")
            shutil.copyfile(last, copy)
            os.replace(copy, previous)
        if not read or not previous.is_file():
            return None
        return baseline_from_json(json.loads(previous.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def _same(last: Path, current: str | Path) -> bool:
    if isinstance(current, Path):
        return filecmp.cmp(last, current, shallow=False)
    return last.read_text(encoding="utf-8") == current


def write_outputs(picture: Picture, out_dir: Path, names: list[str] | None = None) -> list[Path]:
    """Write the named outputs (default: all of OUTPUTS); each file appears whole or not at all. picture.json is
    streamed record by record (picture_chunks), never held whole in memory."""
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = [name for name in OUTPUTS if names is None or name in names]
    current = out_dir / (PICTURE + ".tmp")
    _stream(current, picture_chunks(picture))
    baseline = keep_baseline(out_dir, current, read=any(n in REPORTS for n in wanted))
    written = []
    for name in wanted:
        path = out_dir / name
        if name == PICTURE:
            os.replace(current, path)
        else:
            _write(path, OUTPUTS[name](picture, baseline))
        written.append(path)
    current.unlink(missing_ok=True)  # picture.json not asked for: it served as the comparison only
    return written
