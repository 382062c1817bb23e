"""Command line: a thin shell over the library. ``frontwatch --help`` imports nothing heavy."""

from __future__ import annotations

import os
import sys
import time
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .cli_help import PlainHelp
from .errors import FrontwatchError
from .wording import count

if TYPE_CHECKING:
    from .cluster import ClusterSpec
    from .ingest.readers import ReadOptions
    from .store import StoreSpec

# rich_markup_mode=None: click's plain help, which keeps option names whole at 80 columns (rich's table cut them,
# "--no-allow-priva…") and shows each value by its metavar instead of a Python type ("<list[str]>").
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None,
                  help="Turn many conflict news reports into one cross-checked, cited situation picture.")


STORE_HELP = "A SQLite file (PATH or sqlite:///PATH) or postgresql://USER:PASSWORD@HOST:PORT/DB."
DEMO_STORE = "frontwatch-demo/frontwatch.db"  # what `frontwatch demo` writes; what export and serve read by default
DEMO_STORE_HELP = f"Default: the demo's store, {DEMO_STORE} (said on stderr)."


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"frontwatch {version('frontwatch')}")
        except PackageNotFoundError:  # running from a source tree that was never installed
            from . import __version__

            typer.echo(f"frontwatch {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_show_version, help="Print the version and exit.")] = False) -> None:
    """Turn many conflict news reports into one cross-checked, cited situation picture."""


def _err(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


def _run_analysis(paths: list[str], db: StoreSpec, out: Path, title: str, options: ReadOptions | None = None,
                  cluster: ClusterSpec | None = None) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
    from rich.table import Table

    from .analyze import analyze
    from .store import describe

    console = Console(stderr=True)
    started = time.monotonic()
    bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=console, disable=not console.is_terminal, transient=True)
    task = bar.add_task("analysing", total=None)

    def progress(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    with bar:
        result = analyze(paths, db, out, progress, options, cluster)
    for error in result.errors:
        _err(str(error))
    for notice in result.notices:
        typer.echo(f"notice: {notice}", err=True)
    picture = result.picture
    if picture is None:
        _err(f"no input could be read; nothing stored, {out}/ left as it was")
        return 1
    table = Table(title=title, show_header=True)
    for column in ("documents", "places", "events", "claims", "contradictions"):
        table.add_column(column, justify="right")
    table.add_row(*(str(len(getattr(picture, name))) for name in
                    ("documents", "places", "events", "claims", "contradictions")))
    out_console = Console()
    out_console.print(table)
    out_console.print(f"analysed {count(result.analysed, 'new document')}, {result.unchanged} already stored; "
                      f"store: {describe(db)}")
    out_console.print(f"wrote {', '.join(p.name for p in result.written)} to {out}/ "
                      f"in {time.monotonic() - started:.1f} s")
    return 1 if result.errors else 0


@app.command(cls=PlainHelp, short_help="Analyse articles into a picture, tables, maps and a report.")
def analyze(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH_OR_URL...",
        help="Files (text, HTML, RSS/Atom, JSONL), directories, http(s) URLs of pages or feeds.")],
    db: Annotated[str | None, typer.Option(metavar="STORE", help=f"{STORE_HELP} Default: OUT/frontwatch.db.")] = None,
    out: Annotated[Path, typer.Option(metavar="DIR", help="Output directory.")] = Path("frontwatch-out"),
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Let URLs point at private, loopback or link-local addresses.")] = False,
    timeout: Annotated[float, typer.Option(
        min=0.1, metavar="SECONDS", help="Seconds to wait for a web server.")] = 20.0,
    workers: Annotated[int | None, typer.Option(
        min=1, metavar="N", help="Analyse on a local Dask cluster of this many processes.")] = None,
    scheduler: Annotated[str | None, typer.Option(
        metavar="tcp://HOST:PORT", help="Analyse on a running Dask cluster (dask scheduler / dask worker).")] = None,
) -> None:
    """Analyse articles and write picture.json, events.csv, events.geojson, report.md and report.html.

    \b
    Examples:
      frontwatch analyze articles/ feed.jsonl https://example.org/rss --out out/
      frontwatch analyze corpus.jsonl --workers 4 \\
          --db postgresql://fw:secret@db.internal:5432/fw
    """
    from .ingest.readers import ReadOptions

    cluster = None
    if workers is not None or scheduler is not None:
        from .cluster import ClusterSpec

        cluster = ClusterSpec(workers=workers, scheduler=scheduler)
    options = ReadOptions(allow_private=allow_private, timeout=timeout)
    raise typer.Exit(_run_analysis(paths, _store_spec(db, out), out, "frontwatch picture", options, cluster))


@app.command(cls=PlainHelp, short_help="Poll RSS/Atom feeds and analyse only their new entries.")
def watch(
    feeds: Annotated[list[str], typer.Argument(metavar="FEED_URL...", help="RSS/Atom feed URLs.")],
    every: Annotated[float, typer.Option(min=0.05, metavar="SECONDS", help="Seconds between polls of a feed.")] =
    300.0,
    db: Annotated[str | None, typer.Option(metavar="STORE", help=f"{STORE_HELP} Default: OUT/frontwatch.db.")] = None,
    out: Annotated[Path, typer.Option(metavar="DIR", help="Output directory, rewritten after each round with news.")] =
    Path("frontwatch-watch"),
    rounds: Annotated[int, typer.Option(
        min=0, metavar="N", help="Stop after this many rounds (0: run until Ctrl-C).")] = 0,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Let feeds point at private, loopback or link-local addresses.")] = False,
    timeout: Annotated[float, typer.Option(
        min=0.1, metavar="SECONDS", help="Seconds one fetch may take in all (connect, redirects, download).")] = 20.0,
) -> None:
    """Poll feeds and analyse only new entries; a feed that is down or broken is retried with backoff.

    Ctrl-C (or SIGTERM) stops after the document in hand, says "stopped" and exits 0: nothing is lost or
    half-written. A second Ctrl-C aborts that document (exit 130); it is fetched again next time.
    """
    import signal
    import threading

    from .ingest.readers import ReadOptions
    from .watch import watch as run_watch

    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt  # a second Ctrl-C aborts the document in hand: "interrupted", exit 130
        stop.set()  # a stop the user asked for is no error: the one line is "stopped: ..." below, exit 0

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    from .store import describe

    target = _store_spec(db, out)
    typer.echo(f"frontwatch: watching {count(len(feeds), 'feed')} every {every:g} s into {describe(target)} "
               "(Ctrl-C to stop)", err=True)
    total = run_watch(feeds, target, out, every=every, rounds=rounds or None,
                      options=ReadOptions(allow_private=allow_private, timeout=timeout), stop=stop,
                      log=lambda line: typer.echo(line, err=True))
    typer.echo(f"stopped: {count(total, 'new document')} stored in {describe(target)}", err=True)


@app.command(cls=PlainHelp, short_help="Analyse the bundled demo corpus into ./frontwatch-demo/.")
def demo(
    out: Annotated[Path, typer.Option(metavar="DIR", help="Output directory.")] = Path("frontwatch-demo"),
) -> None:
    """Analyse the bundled demo corpus (sample articles we wrote) into the --out folder."""
    corpus = Path(str(resources.files("frontwatch") / "data" / "demo"))
    typer.echo(f"demo corpus: {corpus}", err=True)
    raise typer.Exit(_run_analysis([str(corpus)], out / "frontwatch.db", out, "frontwatch demo"))


def _store_spec(db: str | None, out: Path) -> StoreSpec:
    """The store --db names (kept a string: a URL must not become a path), else the file in the output folder."""
    from .store import parse_store_spec

    if db is None:
        return out / "frontwatch.db"
    parse_store_spec(db)  # a URL of an unknown kind fails here, before any work
    return db


def _existing_store(db: str) -> StoreSpec:
    """A store to read: a SQLite file must exist already (a server's database is created by its migrations)."""
    from .errors import InputError
    from .store import parse_store_spec

    target = parse_store_spec(db)
    if target.backend == "sqlite" and not Path(target.location).is_file():
        raise InputError("no such store; create one with `frontwatch analyze PATH --db FILE` or `frontwatch demo`",
                         where=target.display)
    return db


@app.command(cls=PlainHelp, short_help="Serve the REST API and the offline web map over a store.")
def serve(
    db: Annotated[str | None, typer.Option(
        metavar="STORE", help=f"The store to serve: {STORE_HELP[0].lower()}{STORE_HELP[1:]} {DEMO_STORE_HELP}")] = None,
    host: Annotated[str, typer.Option(
        metavar="HOST", help="Interface to listen on (loopback unless you mean otherwise).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, metavar="PORT", help="TCP port.")] = 8000,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Let POSTed URLs point at private, loopback or link-local addresses.")] = False,
    token: Annotated[str | None, typer.Option(
        envvar="FRONTWATCH_TOKEN", show_envvar=True, show_default=False, metavar="TOKEN",
        help="Require 'Authorization: Bearer TOKEN' for every write (needed off loopback unless --read-only).")] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="Refuse every write (no POST at all).")] = False,
) -> None:
    """Serve the REST API (/api/..., OpenAPI at /docs) and the offline web map (/) over a store.

    \b
    Example:
      FRONTWATCH_TOKEN=$(openssl rand -hex 16) \\
          frontwatch serve --host 0.0.0.0 --db picture/frontwatch.db
    """
    import uvicorn

    from .api.access import check_exposure
    from .api.app import create_app
    from .store import describe

    check_exposure(host, token, read_only)
    db = _given_or_demo(db, "serving")
    app_ = create_app(_existing_store(db), allow_private=allow_private, token=token, read_only=read_only)
    writes = "read-only" if read_only else "writes need the token" if token else "writes open to this machine"
    typer.echo(f"frontwatch: serving {describe(db)} on http://{host}:{port}/ ({writes}; Ctrl-C to stop)", err=True)
    uvicorn.run(app_, host=host, port=port, log_level="warning")


def _given_or_demo(db: str | None, doing: str) -> str:
    """The store --db names, else the demo's, said in one line on stderr so a forgotten --db is not silent."""
    if db is not None:
        return db
    typer.echo(f"notice: no --db given: {doing} the demo's store {DEMO_STORE}", err=True)
    return DEMO_STORE


EXPORT_FORMATS = {"picture": "picture.json", "csv": "events.csv",
                  "geojson": "events.geojson,places.geojson,control.geojson",
                  "report": "report.md,report.html"}


@app.command(cls=PlainHelp, short_help="Write the picture, CSV, GeoJSON and report from a store.")
def export(
    db: Annotated[str | None, typer.Option(
        metavar="STORE", help=f"The store to export: {STORE_HELP[0].lower()}{STORE_HELP[1:]} {DEMO_STORE_HELP}")
    ] = None,
    out: Annotated[Path, typer.Option(metavar="DIR", help="Output directory.")] = Path("frontwatch-out"),
    formats: Annotated[list[str] | None, typer.Option(
        "--format", metavar="FORMAT",
        help="picture, csv, geojson, report (repeatable or comma-separated; default: all).")] = None,
) -> None:
    """Write picture.json, events.csv (ACLED + UCDP columns), events.geojson, places.geojson and the report from a
    store.

    \b
    Example:
      frontwatch export --db picture/frontwatch.db --out x/ --format csv,geojson
    """
    from .analyze import picture_from_store
    from .errors import InputError
    from .output.write import write_outputs
    from .store import open_store

    wanted = [f.strip().lower() for given in formats or [",".join(EXPORT_FORMATS)] for f in given.split(",")
              if f.strip()]
    unknown = [f for f in wanted if f not in EXPORT_FORMATS]
    if unknown or not wanted:
        raise InputError(f"unknown format {unknown[0] if unknown else ''!r} (choose from "
                         f"{', '.join(EXPORT_FORMATS)})", where="--format")
    db = _given_or_demo(db, "exporting")
    names = [name for f in wanted for name in EXPORT_FORMATS[f].split(",")]
    with open_store(_existing_store(db)) as store:
        picture = picture_from_store(store)
    written = write_outputs(picture, out, names)
    typer.echo(f"wrote {', '.join(p.name for p in written)} to {out}/")


@app.command(cls=PlainHelp, short_help="ACLED event type and sub-type of each snippet in a JSONL file.")
def classify(
    file: Annotated[Path, typer.Argument(metavar="FILE", help='JSONL file: one {"id", "text"} object per line.')],
    learn_from: Annotated[list[Path] | None, typer.Option(
        "--learn-from", metavar="FILE",
        help='JSONL file of your own labelled examples, one {"text", "label"} object per line (label: an ACLED '
        'sub-event type, a CASE 2021 code or "none"), learned beside the bundled sentences. Repeatable.')] = None,
) -> None:
    """ACLED event type and sub-type of each snippet: one {"id", "event_type", "sub_event_type", "score"} line each
    on stdout (types null when none of the 25 sub-types applies). Bad lines: one error line each on stderr."""
    import json

    from .classify import classifier
    from .errors import InputError
    from .ingest.readers import decode_text
    from .jsonl import jsonl_objects

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})", where=str(file)) from exc
    text = decode_text(data, str(file))
    if isinstance(text, InputError):
        raise text
    records: list[tuple[str, str]] = []
    bad = 0
    for lineno, record in jsonl_objects(text, str(file)):
        if isinstance(record, InputError):
            _err(str(record))
            bad += 1
            continue
        if not isinstance(record.get("text"), str):
            _err(f'{file}:{lineno}: a record must be an object with a "text" string')
            bad += 1
            continue
        records.append((str(record.get("id", f"{file.name}:{lineno}")), record["text"]))
    model = classifier(tuple(learn_from or ()))
    for at in range(0, len(records), 256):
        chunk = records[at:at + 256]
        for (ident, _), found in zip(chunk, model.predict([t for _, t in chunk]), strict=True):
            typer.echo(json.dumps({"id": ident, "event_type": found.event_type,
                                   "sub_event_type": found.sub_event_type, "score": found.score},
                                  ensure_ascii=False))
    raise typer.Exit(1 if bad else 0)


@app.command(name="eval", cls=PlainHelp, short_help="Score quality on the evaluation data against pinned floors.")
def eval_command(
    limit: Annotated[int | None, typer.Option(
        metavar="N", help="Score only the first N documents of each set.")] = None,
    data: Annotated[Path | None, typer.Option(
        metavar="DIR", help="The evaluation data folder (default: $FRONTWATCH_EVAL_DATA, else ../shared/eval).")
    ] = None,
    only: Annotated[list[str] | None, typer.Option(
        metavar="NAME", help="Run only this part: subtypes, gva, attribution, seeds, places, acled_notes "
        "(repeatable or comma-separated; default: all).")] = None,
) -> None:
    """Run the quality harness on ../shared/eval data and compare scores with the pinned floors.

    A part whose data is missing is skipped with one line saying where it looked (FRONTWATCH_REQUIRE_DATA=1: error).

    \b
    Example:
      frontwatch eval --only acled_notes --data ~/eval
    """
    from .evaluation import run_eval

    raise typer.Exit(run_eval(limit=limit, data=data, only=only))


def main() -> None:
    try:
        app()
    except FrontwatchError as exc:
        _err(str(exc))
        sys.exit(2)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug, not a user mistake: one line, the traceback only on request
        if os.environ.get("FRONTWATCH_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set FRONTWATCH_DEBUG=1 for the traceback)")
        sys.exit(3)


if __name__ == "__main__":
    main()
