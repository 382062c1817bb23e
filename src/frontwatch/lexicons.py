"""Read the reviewed data files bundled in frontwatch/data (TSV with '#' header comments)."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

from .errors import ConfigError


def data_text(name: str) -> str:
    """The text of a bundled data file."""
    try:
        return (resources.files("frontwatch") / "data" / name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ConfigError(f"bundled data file is missing: {exc}", where=f"frontwatch/data/{name}") from exc


@cache
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a bundled TSV file as dicts, skipping '#' comment lines. Cached: the files never change at run time."""
    return parse_tsv(data_text(name), f"frontwatch/data/{name}")


def parse_tsv(text: str, where: str) -> tuple[dict[str, str], ...]:
    """Rows of a reviewed TSV text (header line, '#' comment lines skipped) as dicts with stripped values."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for lineno, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise ConfigError(f"line {lineno} has the wrong number of columns", where=where)
        rows.append({k: v.strip() for k, v in row.items()})
    return tuple(rows)


def split_forms(value: str) -> list[str]:
    """The '|'-separated forms of a data cell, blanks dropped."""
    return [form.strip() for form in value.split("|") if form.strip()]
