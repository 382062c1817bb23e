"""The command line, through the real entry point."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEMO, check_picture

FRONTWATCH = str(Path(sys.executable).with_name("frontwatch"))


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([FRONTWATCH, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_help_is_light() -> None:
    assert run("--help").returncode == 0
    probe = "import sys, frontwatch.cli; print('spacy' in sys.modules, 'frontwatch.gazetteer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_demo_writes_outputs_and_summary(tmp_path: Path) -> None:
    proc = run("demo", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "frontwatch-demo"
    for name in ("picture.json", "events.csv", "events.geojson", "report.md", "report.html", "frontwatch.db"):
        assert (out / name).is_file(), name
    assert "contradictions" in proc.stdout and "frontwatch-demo" in proc.stdout
    check_picture(json.loads((out / "picture.json").read_text(encoding="utf-8")))


def test_rerun_is_idempotent_and_incremental(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for path in sorted(DEMO.glob("*.txt"))[:3]:
        (corpus / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    first = run("analyze", str(corpus), "--out", str(tmp_path / "out"))
    assert first.returncode == 0, first.stderr
    picture = (tmp_path / "out" / "picture.json").read_bytes()
    second = run("analyze", str(corpus), "--out", str(tmp_path / "out"))
    assert "analysed 0 new documents, 3 already stored" in " ".join(second.stdout.split())
    assert (tmp_path / "out" / "picture.json").read_bytes() == picture
    extra = sorted(DEMO.glob("*.txt"))[3]
    (corpus / extra.name).write_text(extra.read_text(encoding="utf-8"), encoding="utf-8")
    third = run("analyze", str(corpus), "--out", str(tmp_path / "out"))
    assert "analysed 1 new document, 3 already stored" in " ".join(third.stdout.split())


def test_same_input_gives_byte_identical_picture(tmp_path: Path) -> None:
    a = run("analyze", str(DEMO), "--out", str(tmp_path / "a"))
    b = run("analyze", str(DEMO), "--out", str(tmp_path / "b"))
    assert a.returncode == b.returncode == 0
    assert (tmp_path / "a" / "picture.json").read_bytes() == (tmp_path / "b" / "picture.json").read_bytes()


@pytest.fixture()
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.txt"
    good.write_text((DEMO / "06_northern_front_suran.txt").read_text(encoding="utf-8"), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Fighting near Hama on Tuesday caf\xe9".encode("latin-1"))
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text('{"id": "ok", "text": "Rebels captured Maardis on Monday, the monitor said."}\n{"id": broken\n',
                     encoding="utf-8")
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    (empty_dir / "image.png").write_bytes(b"\x89PNG")
    return {"good": good, "empty": empty, "binary": binary, "latin": latin, "jsonl": jsonl, "dir": empty_dir,
            "missing": tmp_path / "no-such-file.txt"}


def test_bad_inputs_get_one_line_each_and_the_rest_goes_through(tmp_path: Path,
                                                                 bad_inputs: dict[str, Path]) -> None:
    proc = run("analyze", *(str(p) for p in bad_inputs.values()), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    expected = {
        "empty": "empty", "binary": "binary", "latin": "UTF-8", "jsonl": "not valid JSON", "dir": "no readable",
        "missing": "no such file",
    }
    for key, words in expected.items():
        assert any(str(bad_inputs[key]) in e and words in e for e in errors), (key, errors)
    assert len(errors) == len(expected)
    data = json.loads((tmp_path / "out" / "picture.json").read_text(encoding="utf-8"))
    assert {d["source_id"] for d in data["documents"]} == {"good.txt", "ok"}


def test_store_failure_is_one_line(tmp_path: Path) -> None:
    not_a_db = tmp_path / "store.db"
    not_a_db.write_text("this is not a database\n" * 100, encoding="utf-8")
    proc = run("analyze", str(DEMO / "01_levant_ledger_offensive.txt"), "--db", str(not_a_db),
               "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert str(not_a_db) in proc.stderr and proc.stderr.count("\n") == 1


def test_version() -> None:
    from frontwatch import __version__

    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"frontwatch {__version__}"


def test_export_writes_the_chosen_formats_byte_identically_and_names_a_bad_one(demo_run, tmp_path: Path) -> None:
    store = str(demo_run[1] / "store.db")
    for out in ("a", "b"):
        proc = run("export", "--db", store, "--out", str(tmp_path / out), "--format", "csv,geojson",
                   "--format", "report")
        assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert {"events.csv", "events.geojson", "places.geojson", "report.html", "report.md"} <= set(names)
    assert "picture.json" not in names
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert (tmp_path / "a" / "report.html").read_bytes() == (demo_run[1] / "report.html").read_bytes()
    bad = run("export", "--db", store, "--out", str(tmp_path / "c"), "--format", "csv,shapefile")
    assert bad.returncode == 2 and not (tmp_path / "c").exists()
    assert bad.stderr.strip().splitlines() == [
        "error: --format: unknown format 'shapefile' (choose from picture, csv, geojson, report)"]


COMMANDS = ["analyze", "watch", "demo", "serve", "export", "classify", "eval"]


def _declared_options(command: str) -> list[str]:
    import typer.main

    from frontwatch.cli import app

    group = typer.main.get_command(app)
    target = group.commands[command] if command else group  # type: ignore[attr-defined]
    return [name for param in target.params for name in (*param.opts, *param.secondary_opts)
            if name.startswith("-")]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_reads_whole_at_80_columns(command: str) -> None:
    env = {**os.environ, "COLUMNS": "80"}
    proc = subprocess.run([FRONTWATCH, *([command] if command else []), "--help"], capture_output=True, text=True,
                          env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert "…" not in text
    assert not re.search(r"<(list\[|bool>|str>|int|float|path>)", text), text
    assert all(len(line) <= 80 for line in text.splitlines()), text
    assert not re.search(r"[^A-Z_\]]\.\.\.$", text, re.MULTILINE), "a line was cut short"  # not "FILE..."
    for option in _declared_options(command):
        assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text), (option, text)
    if not command:
        for name in COMMANDS:
            assert re.search(rf"^  {name} +\S", text, re.MULTILINE), name


@pytest.mark.parametrize(("command", "doing"), [("export", "exporting"), ("serve", "serving")])
def test_without_db_the_demo_store_is_named_on_stderr(tmp_path: Path, command: str, doing: str) -> None:
    proc = run(command, cwd=tmp_path)  # no demo run in this folder: the named store is missing, so nothing starts
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        f"notice: no --db given: {doing} the demo's store frontwatch-demo/frontwatch.db",
        "error: frontwatch-demo/frontwatch.db: no such store; create one with `frontwatch analyze PATH --db FILE` "
        "or `frontwatch demo`"]
    given = run(command, "--db", "mine.db", cwd=tmp_path)
    assert given.returncode == 2 and given.stderr.splitlines() == [
        "error: mine.db: no such store; create one with `frontwatch analyze PATH --db FILE` or `frontwatch demo`"]


def test_when_every_input_fails_nothing_is_written(tmp_path: Path, bad_inputs: dict[str, Path]) -> None:
    out = tmp_path / "out"
    proc = run("analyze", str(bad_inputs["empty"]), str(bad_inputs["missing"]), "--out", str(out))
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"error: {bad_inputs['empty']}: file is empty",
        f"error: {bad_inputs['missing']}: no such file or directory",
        f"error: no input could be read; nothing stored, {out}/ left as it was"]
    assert proc.stdout == "" and not out.exists()


def test_a_failed_run_leaves_the_last_outputs_as_they_were(tmp_path: Path, bad_inputs: dict[str, Path]) -> None:
    out = tmp_path / "out"
    assert run("analyze", str(bad_inputs["good"]), "--out", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    proc = run("analyze", str(bad_inputs["binary"]), "--out", str(out))
    assert proc.returncode == 1 and "left as it was" in proc.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_ctrl_c_in_watch_says_stopped_in_one_line(tmp_path: Path, local_web) -> None:
    from tests.test_ingest_web import rss

    feed = local_web.add("/quiet.xml", rss([]), ctype="application/rss+xml")
    db = tmp_path / "watch.db"
    with subprocess.Popen([FRONTWATCH, "watch", feed, "--every", "0.2", "--allow-private", "--db", str(db),
                           "--out", str(tmp_path / "out")], stderr=subprocess.PIPE, text=True) as process:
        assert process.stderr is not None
        started = process.stderr.readline()  # written once the Ctrl-C handler is in place
        assert started.startswith("frontwatch: watching 1 feed every 0.2 s"), started
        process.send_signal(signal.SIGINT)
        rest = process.stderr.read()
        assert process.wait(timeout=60) == 0
    assert rest.splitlines() == [f"stopped: 0 new documents stored in {db}"]


@pytest.mark.parametrize("via", ["--data", "FRONTWATCH_EVAL_DATA"])
def test_eval_without_data_says_where_it_looked_and_how_to_point_it(tmp_path: Path, via: str) -> None:
    missing = tmp_path / "no-eval-data"
    args = ["eval", "--only", "subtypes,gva"]  # parts that read only the data folder: nothing is scored
    env = {**os.environ, "FRONTWATCH_EVAL_DATA": str(missing)} if via != "--data" else {
        k: v for k, v in os.environ.items() if k not in ("FRONTWATCH_EVAL_DATA", "FRONTWATCH_REQUIRE_DATA")}
    if via == "--data":
        args += ["--data", str(missing)]
    env.pop("FRONTWATCH_REQUIRE_DATA", None)
    proc = subprocess.run([FRONTWATCH, *args], capture_output=True, text=True, env=env, timeout=120)
    said = " ".join((proc.stdout + proc.stderr).split())
    assert f"skipped subtypes, gva: no evaluation data folder at {missing} (from {via})" in said, said
    assert "`frontwatch eval --data DIR` (or FRONTWATCH_EVAL_DATA)" in said, said
