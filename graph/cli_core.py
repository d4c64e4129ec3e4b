"""Core commands: init, load, query, log, retract, merge, validate, export, export-log, import-log, rebuild,
verify."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from dkg.cli import (
    AsOfOpt,
    DataOpt,
    PrincipalOpt,
    err,
    fail,
    open_event_log,
    open_kg,
    out,
    principal_name,
    print_query_result,
    progress_bar,
)
from dkg.config import Settings
from dkg.export import DATASET_FORMATS, LOG_FORMATS, export_dataset, export_log
from dkg.refdata import DATASETS, load_reference_data
from dkg.terms import DEFAULT_BASE
from rich.table import Table


def register(app: typer.Typer) -> None:
    """Add the core commands to the `dkg` app."""

    @app.command()
    def init(
        data: DataOpt = None,
        base_iri: Annotated[str, typer.Option(help="Base IRI for minted instance IRIs.")] = DEFAULT_BASE,
        log_url: Annotated[
            str | None, typer.Option(help="Event log URL (sqlite:///path or postgresql://...).")
        ] = None,
        projection: Annotated[
            str | None, typer.Option(help="Local projection: 'disk' (default) or 'memory' (the log replayed at open).")
        ] = None,
    ) -> None:
        """Create a knowledge base (SQLite log + Oxigraph store) and load the reference data."""
        if projection not in (None, "disk", "memory"):
            raise fail(f"unknown projection {projection!r}: use 'disk' or 'memory'")
        settings = Settings.load(data, base=base_iri, log_url=log_url, projection=projection)
        fresh = not (settings.data_dir / "config.json").exists()
        settings.save()
        with open_kg(settings.data_dir, must_exist=False) as kg:
            stored = kg.log.get_meta("base_iri")
            if stored is None:
                kg.log.set_meta("base_iri", settings.base)
            elif stored != base_iri and base_iri != DEFAULT_BASE:
                raise fail(f"this knowledge base already uses base IRI {stored}; it cannot change")
            with progress_bar("Loading reference data", len(DATASETS)) as advance:
                changed = load_reference_data(kg, progress=advance)
            verb = "Created" if fresh else "Checked"
            out.print(f"{verb} {settings.data_dir}/ (log: {kg.log.url}); base IRI {kg.base}")
            out.print(f"reference data loaded: {', '.join(changed) or 'already up to date'}; version {kg.version()}")

    @app.command()
    def load(
        files: Annotated[list[Path], typer.Argument(help="Fact sheets (YAML).", exists=True, dir_okay=False)],
        data: DataOpt = None,
        principal: PrincipalOpt = None,
    ) -> None:
        """Validate fact sheets and append their facts (all of a sheet or nothing)."""
        from dkg.factsheet import FactSheetError, load_sheet  # noqa: PLC0415

        with open_kg(data) as kg:
            for path in files:
                try:
                    sheet = load_sheet(path, base=kg.base)
                except FactSheetError as exc:
                    raise fail(f"{path}: {exc}") from exc
                with err.status(f"Validating and recording {len(sheet.assertions)} fact(s) of {path.name}"):
                    events = kg.assert_sheet(sheet, principal_name(principal))
                facts = sum(1 for e in events if e.type == "FactsAsserted")
                known = len(sheet.assertions) - facts
                note = f" ({known} already recorded from this source)" if known else ""
                out.print(f"{path}: {facts} assertion(s) appended{note}, now at version {kg.version()}")

    @app.command()
    def query(
        sparql: Annotated[str, typer.Argument(help="A SPARQL query, or @file.rq to read one.")],
        data: DataOpt = None,
        as_of: AsOfOpt = None,
        fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, csv, tsv, xml; turtle/ntriples/jsonld"
                                                                  " for CONSTRUCT")] = "table",
    ) -> None:
        """Run a SPARQL query (dkg:, prov:, oa:, wd:, skos: ... prefixes are predeclared)."""
        if sparql.startswith("@"):
            try:
                sparql = Path(sparql[1:]).read_text(encoding="utf-8")
            except OSError as exc:
                raise fail(f"cannot read {sparql[1:]}: {exc.strerror}") from exc
            except UnicodeDecodeError as exc:
                raise fail(f"{sparql[1:]}: not UTF-8 text (invalid byte at offset {exc.start})") from None
        with open_kg(data) as kg:
            result = kg.query(sparql, as_of=as_of)
            print_query_result(result, fmt)

    @app.command("log")
    def show_log(
        data: DataOpt = None,
        after: Annotated[int, typer.Option(help="Start after this sequence number.")] = 0,
        limit: Annotated[int, typer.Option(help="At most this many events.")] = 100,
        as_json: Annotated[bool, typer.Option("--json", help="JSON lines (full events).")] = False,
    ) -> None:
        """List events: sequence number, time, type, who, triples added/removed."""
        with open_event_log(data) as log:
            base = log.get_meta("base_iri") or DEFAULT_BASE
            events = list(log.read(after=after, limit=limit))
            if as_json:
                for e in events:
                    sys.stdout.write(json.dumps(e.to_json(), ensure_ascii=False) + "\n")
                return
            table = Table(show_edge=False)
            table.add_column("seq", justify="right")
            table.add_column("recorded (UTC)", no_wrap=True)
            table.add_column("type", no_wrap=True)
            table.add_column("principal", overflow="fold")
            table.add_column("+", justify="right")
            table.add_column("-", justify="right")
            table.add_column("subject", no_wrap=True)
            for e in events:
                s = e.summary()
                subject = str(s["subject"] or "").removeprefix(base)
                table.add_row(str(s["seq"]), s["recorded_at"][:19].replace("T", " "), s["type"], s["principal"],
                              str(s["added"]), str(s["removed"]), subject)
            out.print(table)
            err.print(f"{len(events)} event(s); log head is {log.head()}")

    @app.command()
    def retract(
        assertion: Annotated[str, typer.Argument(help="Assertion IRI, or its id as `dkg log` shows it.")],
        reason: Annotated[str, typer.Option(help="Why the assertion is withdrawn (required).")],
        data: DataOpt = None,
        principal: PrincipalOpt = None,
    ) -> None:
        """Retract an assertion: its facts leave the graph; the log and its provenance keep why."""
        with open_kg(data) as kg:
            event = kg.retract(assertion, reason, principal_name(principal))
            out.print(f"retracted {event.payload['assertion']} at version {event.seq}")

    @app.command()
    def merge(
        duplicates: Annotated[list[str], typer.Argument(help="Duplicate entity IRIs.")],
        into: Annotated[str, typer.Option(help="The IRI to keep.")],
        reason: Annotated[str, typer.Option(help="Why they are the same.")] = "duplicate entity",
        data: DataOpt = None,
        principal: PrincipalOpt = None,
    ) -> None:
        """Merge duplicate entity IRIs into one (triples rewritten, owl:sameAs kept)."""
        with open_kg(data) as kg:
            event = kg.merge(duplicates, into, reason, principal_name(principal))
            out.print(f"merged {len(duplicates)} entit(y/ies) into {into} at version {event.seq}")

    @app.command()
    def validate(data: DataOpt = None, as_of: AsOfOpt = None) -> None:
        """Validate the whole graph against the SHACL shapes (full report; exit 1 if it does not conform)."""
        with open_kg(data) as kg:
            report = kg.validate_all(as_of)
            for violation in report.violations:
                out.print(str(violation), highlight=False, soft_wrap=True)
            if not report.conforms:
                raise fail(f"the graph does not conform: {len(report.violations)} result(s)")
            out.print(f"the graph conforms to the shapes ({len(report.violations)} warning(s))")

    @app.command()
    def export(
        data: DataOpt = None,
        fmt: Annotated[str, typer.Option("--format", "-f", help=", ".join(DATASET_FORMATS))] = "trig",
        as_of: AsOfOpt = None,
        output: Annotated[Path | None, typer.Option("--output", "-o", help="File (default: stdout).")] = None,
    ) -> None:
        """Export the dataset (named graphs kept in TriG, N-Quads, JSON-LD; union in Turtle)."""
        if fmt not in DATASET_FORMATS:
            raise fail(f"unknown format {fmt!r}; choose one of {', '.join(DATASET_FORMATS)}", 2)
        with open_kg(data) as kg:
            store, _ = kg.store_at(as_of)
            if output:
                with output.open("wb") as fh:
                    export_dataset(store, fmt, fh)
            else:
                export_dataset(store, fmt, sys.stdout.buffer)
                sys.stdout.buffer.flush()

    @app.command("export-log")
    def export_log_cmd(
        data: DataOpt = None,
        fmt: Annotated[str, typer.Option("--format", "-f", help=", ".join(LOG_FORMATS))] = "rdf-patch",
        output: Annotated[Path | None, typer.Option("--output", "-o", help="File (default: stdout).")] = None,
    ) -> None:
        """Export the event log as RDF Patch (what a replica replays) or JSON lines (lossless backup)."""
        if fmt not in LOG_FORMATS:
            raise fail(f"unknown format {fmt!r}; choose one of {', '.join(LOG_FORMATS)}", 2)
        with open_event_log(data) as log:
            total = log.head()
            with progress_bar("Exporting events", total) as advance:
                def events():
                    for e in log.read():
                        advance(1)
                        yield e

                if output:
                    with output.open("w", encoding="utf-8") as fh:
                        count = export_log(events(), fmt, fh)
                else:
                    count = export_log(events(), fmt, sys.stdout)
            err.print(f"{count} event(s) exported")

    @app.command()
    def rebuild(data: DataOpt = None) -> None:
        """Drop the projection and replay the whole log."""
        with open_kg(data, catch_up=False) as kg:
            with progress_bar("Replaying events", kg.log.head()) as advance:
                version = kg.rebuild(advance)
            count, digest = kg.digest()
            out.print(f"rebuilt the projection: version {version}, {count} quads, digest {digest[:16]}")

    @app.command()
    def verify(data: DataOpt = None) -> None:
        """Check the log's hash chain, and that the projection equals a fresh replay of the log."""
        with open_kg(data, catch_up=False) as kg:
            head = kg.log.head()
            with progress_bar("Checking the hash chain", head) as advance:
                report = kg.log.verify(advance)
            if not report.ok:
                for problem in report.problems:
                    err.print(f"  {problem}", highlight=False)
                raise fail(f"the log does not verify: {len(report.problems)} problem(s)")
            if kg.version() != head:
                raise fail(f"the projection is at version {kg.version()} but the log at {head}: run any"
                           " command to catch up, or `dkg rebuild`")
            with progress_bar("Replaying the log", head) as advance:
                expected = kg.replay_digest(progress=advance)
            actual = kg.digest()
            if expected != actual:
                raise fail(f"the projection differs from the log's replay ({actual[0]} vs {expected[0]} quads):"
                           " run `dkg rebuild`")
            out.print(f"ok: {report.checked} events, hash chain intact; projection matches the log"
                      f" ({actual[0]} quads, digest {actual[1][:16]})")
