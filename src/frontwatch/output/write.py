"""Write every output file of a picture into a directory, atomically per file."""

from __future__ import annotations

import os
from pathlib import Path

from ..model import Picture
from .acled_csv import events_csv
from .control_geojson import control_geojson
from .geojson import events_geojson, places_geojson
from .picture_json import picture_json
from .report import report_markdown
from .report_html import report_html

OUTPUTS = {
    "picture.json": picture_json,
    "events.csv": events_csv,
    "events.geojson": events_geojson,
    "places.geojson": places_geojson,
    "control.geojson": control_geojson,
    "report.md": report_markdown,
    "report.html": report_html,
}


def write_outputs(picture: Picture, out_dir: Path, names: list[str] | None = None) -> list[Path]:
    """Write the named outputs (default: all of OUTPUTS); each file appears whole or not at all."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, render in OUTPUTS.items():
        if names is not None and name not in names:
            continue
        path = out_dir / name
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(render(picture), encoding="utf-8", newline="\n")
        os.replace(tmp, path)
        written.append(path)
    return written
