"""Hundreds of malformed inputs beside good articles in one `frontwatch analyze` run: each bad input is named in one
line, no traceback, every good article is analysed and nothing already stored is lost. Deterministic (fixed seed)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.ingest.html import html_to_text
from frontwatch.ingest.readers import read_file, read_jsonl

from .conftest import DEMO, check_picture
from .junk_inputs import DEEP, write_junk

JUNK_FILES = 390  # every kind of junk 30 times, under varied extensions
SEED = 20261202
PAGE = ("<html><head><title>Drone strike hits depot near Kharkiv</title></head><body><article>"
        "<h1>Drone strike hits depot near Kharkiv</h1>"
        "<p>A drone struck a fuel depot on the outskirts of Kharkiv overnight, the regional governor said.</p>"
        "<p>Firefighters worked until morning to put out the blaze, and no casualties were reported.</p>"
        "</article></body></html>")
RECORDS = [{"id": "wire-1", "title": "Gunmen attack village in Zamfara",
            "text": "Gunmen killed at least 12 villagers in Zamfara state on Sunday, police said."},
           {"id": "wire-2", "text": "Clashes between the army and rebels near Bunia left five dead, an official said."}]


def _good_inputs(directory: Path) -> set[str]:
    """Good articles of each kind we read; returns the source ids they are stored under."""
    directory.mkdir(parents=True, exist_ok=True)
    names = set()
    for source in sorted(DEMO.glob("*.txt"))[:3]:
        shutil.copy(source, directory / source.name)
        names.add(source.name)
    (directory / "kharkiv.html").write_text(PAGE, encoding="utf-8")
    (directory / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n"
                                          + "[" * DEEP + "\n", encoding="utf-8")  # a bad line among good ones
    return names | {"kharkiv.html", "wire-1", "wire-2"}


def _store(db: Path) -> tuple[bool, int]:
    with sqlite3.connect(db) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return ok, conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]


def test_bad_inputs_are_named_and_the_good_ones_analysed(tmp_path: Path) -> None:
    db, out, inputs = tmp_path / "store.db", tmp_path / "out", tmp_path / "in"
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(sorted(DEMO.glob("*.txt"))[-1], first / "stored.txt")
    runner = CliRunner()
    assert runner.invoke(app, ["analyze", str(first), "--db", str(db), "--out", str(out)]).exit_code == 0
    stored_before = _store(db)[1]

    good = _good_inputs(inputs)
    junk = write_junk(inputs, JUNK_FILES, SEED)
    result = runner.invoke(app, ["analyze", str(inputs), "--db", str(db), "--out", str(out)])

    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1  # bad inputs are errors: the run says so, after doing all it could
    stderr = result.stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    lines = stderr.splitlines()
    unnamed = [p.name for p in junk if not any(f"{p}:" in line for line in lines)]
    assert not unnamed, f"bad inputs not named on stderr: {unnamed[:10]}"
    assert all(line.startswith(("error: ", "notice: ")) for line in lines), "every message is one line"
    assert any(f"{inputs / 'wire.jsonl'}:3: not valid JSON (nested too deeply)" in line for line in lines)

    picture = json.loads((out / "picture.json").read_text(encoding="utf-8"))
    check_picture(picture)
    analysed = {d["source_id"] for d in picture["documents"]}
    assert good <= analysed, f"good articles missing: {good - analysed}"
    ok, stored_after = _store(db)
    assert ok and stored_after == stored_before + len(good), "the store holds the old and the good new documents"


def test_a_jsonl_file_of_garbage_lines_is_reported_in_a_few_lines() -> None:
    items = list(read_jsonl("\n".join(["{oops"] * 500), "garbage.jsonl"))
    assert len(items) == 11
    assert str(items[-1]) == "garbage.jsonl: 490 more bad lines not shown (500 in all)"


def test_a_text_file_holding_json_says_so(tmp_path: Path) -> None:
    path = tmp_path / "records.txt"
    path.write_text('{"id": "w1", "text": "Militias clashed with police near the', encoding="utf-8")
    assert [str(item) for item in read_file(path)] == [
        f"{path}: looks like JSON, not an article (name it .jsonl to read it as JSON Lines)"]


def test_utf16_files_are_named_as_such(tmp_path: Path) -> None:
    for name, encoding in (("bom.txt", "utf-16"), ("le.html", "utf-16-le"), ("be.xml", "utf-16-be")):
        path = tmp_path / name
        path.write_bytes("Shelling was heard across the river overnight.".encode(encoding))
        assert [str(item) for item in read_file(path)] == [
            f"{path}: is UTF-16 text; frontwatch reads UTF-8 (convert it, e.g. iconv -f UTF-16 -t UTF-8)"]


def test_markup_that_trips_the_html_parser_still_gives_text() -> None:
    text = html_to_text("<p>Troops left the town.</p><![} <p>Residents returned on foot.</p>")  # html.parser asserts
    assert "Troops left the town." in text and "Residents returned on foot." in text
