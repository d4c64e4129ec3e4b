"""The `dkg` command line: a thin shell over `dkg.kg.KnowledgeGraph`.

Commands of other areas live in `dkg/cli_*.py` modules, each with a `register(app)` function, found at
start-up (as Datasette finds plugins), so each area keeps its commands next to its code.
"""

from __future__ import annotations

import getpass
import importlib
import pkgutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import dkg
import pyoxigraph as ox
import typer
from dkg.config import Settings
from dkg.kg import KGError, KnowledgeGraph, ValidationFailed
from dkg.log import EventLog, LogError, open_log
from dkg.terms import PREFIXES
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

app = typer.Typer(
    name="dkg",
    help="dkg: an event-sourced diplomatic knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console(soft_wrap=True)
if not out.is_terminal:  # piped output: no folding of IRIs and ids that users copy
    out = Console(soft_wrap=True, width=220)
err = Console(stderr=True)

DataOpt = Annotated[Path | None, typer.Option("--data", "-d", help="Data folder (default $DKG_DATA or ./dkg-data).")]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Answer as of a version number or an ISO 8601 timestamp.")
]
PrincipalOpt = Annotated[
    str | None, typer.Option("--as", help="Who is writing (recorded in the event; default: your user name).")
]


def principal_name(value: str | None) -> str:
    """The principal recorded for CLI writes."""
    if value:
        return value
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line to stderr and return the Exit to raise."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def progress_bar(description: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on stderr; yields the `advance(n)` callback the core accepts."""
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n: bar.advance(task, n)


def _settings(data: Path | None, must_exist: bool) -> Settings:
    settings = Settings.load(data)
    if must_exist and not settings.log_url and not (settings.data_dir / "log.sqlite").exists():
        raise fail(f"no knowledge base in {settings.data_dir}/: run `dkg init` first (or pass --data)")
    return settings


@contextmanager
def open_event_log(data: Path | None) -> Iterator[EventLog]:
    """Open only the event log (works while `dkg serve` holds the store): for log, tokens, export-log."""
    settings = _settings(data, must_exist=True)
    try:
        log = open_log(settings.resolved_log_url)
    except Exception as exc:  # noqa: BLE001 - any backend failure becomes one line
        raise fail(f"cannot open the event log: {exc}") from exc
    try:
        yield log
    except (KGError, LogError, ValueError, OSError) as exc:
        raise fail(str(exc)) from exc
    finally:
        log.close()


@contextmanager
def open_kg(data: Path | None, *, must_exist: bool = True, catch_up: bool = True) -> Iterator[KnowledgeGraph]:
    """Open the knowledge base, turning dkg's errors into one-line messages and exit codes."""
    settings = _settings(data, must_exist)
    try:
        kg = KnowledgeGraph.open(settings, catch_up=False)
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise fail(f"the store in {settings.data_dir}/ is open in another dkg process (is `dkg serve` running?):"
                       " stop it, or go through its HTTP API") from exc
        raise fail(f"cannot open the knowledge base: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - any backend failure becomes one line
        raise fail(f"cannot open the knowledge base: {exc}") from exc
    try:
        if catch_up:
            behind = kg.log.head() - kg.version()
            if behind > 0:
                with progress_bar("Applying new events", behind) as advance:
                    kg.catch_up(advance)
        yield kg
    except ValidationFailed as exc:
        for violation in exc.report.violations:
            err.print(f"  {violation}", highlight=False, soft_wrap=True)
        raise fail(str(exc)) from exc
    except (KGError, ValueError, OSError, SyntaxError) as exc:
        raise fail(str(exc)) from exc
    finally:
        kg.close()


def _version_callback(value: bool) -> None:
    if value:
        out.print(f"dkg {dkg.__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """dkg turns news about diplomacy into sourced, validated, time-travelling RDF."""


def _load_commands() -> None:
    for module in sorted(m.name for m in pkgutil.iter_modules(dkg.__path__) if m.name.startswith("cli_")):
        importlib.import_module(f"dkg.{module}").register(app)


def run() -> None:
    """Entry point that keeps tracebacks away from users."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


def print_query_result(result, fmt: str) -> None:
    """Print a pyoxigraph query result as a table, or as JSON/CSV/TSV/XML, or RDF for graphs."""
    if isinstance(result, ox.QueryBoolean):
        out.print("true" if bool(result) else "false")
        return
    if isinstance(result, ox.QueryTriples):
        rdf = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "table": ox.RdfFormat.TURTLE,
               "jsonld": ox.RdfFormat.JSON_LD}.get(fmt)
        if rdf is None:
            raise KGError(f"format {fmt!r} does not fit a graph result: use turtle, ntriples or jsonld")
        sys.stdout.buffer.write(ox.serialize(result, format=rdf, prefixes=PREFIXES if rdf ==
                                             ox.RdfFormat.TURTLE else None))
        return
    if fmt != "table":
        formats = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                   "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}
        if fmt not in formats:
            raise KGError(f"unknown format {fmt!r}: use table, json, csv, tsv or xml")
        sys.stdout.buffer.write(result.serialize(format=formats[fmt]))
        return
    names = [v.value for v in result.variables]
    table = Table(*names, show_lines=False)
    rows = 0
    for solution in result:
        table.add_row(*[_short(solution[n]) for n in names])
        rows += 1
    out.print(table)
    err.print(f"{rows} row(s)")


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        for prefix, iri in PREFIXES.items():
            if term.value.startswith(iri):
                return f"{prefix}:{term.value[len(iri):]}"
        return term.value
    return str(term)

_load_commands()
