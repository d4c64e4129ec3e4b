"""Operations commands: `dkg project` (the projector process), `dkg import-log` (restore a backup into any
deployment), `dkg import unsc-vetoes` (bulk import of the Security Council veto record)."""

from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import Annotated

import typer
from dkg.cli import DataOpt, PrincipalOpt, err, fail, open_kg, out, principal_name, progress_bar
from dkg.config import Settings
from dkg.events import Event
from dkg.log import EventLog, LogError, open_log
from dkg.terms import DEFAULT_BASE


def open_projection(settings: Settings):
    """The projection the projector writes: the remote store (as its one writer) or the local Oxigraph."""
    if settings.store_url:
        from dkg.remote_store import RemoteProjection  # noqa: PLC0415

        return RemoteProjection(settings.store_url, writer=True), settings.store_url
    from dkg.projection import Projection  # noqa: PLC0415

    return Projection(settings.projection_dir, snapshot_every=settings.snapshot_every), str(settings.projection_dir)


def read_jsonl(path: Path) -> list[Event]:
    """Events from `dkg export-log --format jsonl` (one JSON object a line), in file order."""
    events = []
    try:
        lines = path.read_bytes().decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise LogError(f"{path}: not UTF-8 text (invalid byte at offset {exc.start}): not an exported log") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            events.append(Event.from_json(json.loads(line)))
        except (ValueError, KeyError, TypeError) as exc:
            raise LogError(f"{path}:{number}: not an exported event ({exc})") from exc
    return events


def infer_base(events: list[Event]) -> str | None:
    """The base IRI a log was written with, read from its reference-data events (`{base}graph/reference/x`)."""
    for e in events:
        graph = e.payload.get("graph")
        if isinstance(graph, str) and "graph/reference/" in graph:
            return graph.split("graph/reference/")[0]
    return None


def import_log_events(log: EventLog, events: list[Event], base: str | None = None) -> tuple[int, str | None]:
    """Append exported events (`read_jsonl`) verbatim (ids, times, hashes), all or nothing; record the base IRI
    with the log when it has none. Returns (events imported, base IRI)."""
    base = base or infer_base(events)
    count = log.import_events(events)
    if base and log.get_meta("base_iri") is None:
        log.set_meta("base_iri", base)
    return count, log.get_meta("base_iri")


def register(app: typer.Typer) -> None:
    """Add the operations commands to the `dkg` app."""

    @app.command()
    def project(
        data: DataOpt = None,
        follow: Annotated[bool, typer.Option("--follow", help="Keep running: apply new events as they arrive.")]
        = False,
        rebuild: Annotated[bool, typer.Option("--rebuild", help="Empty the store first and replay the whole log.")]
        = False,
        poll: Annotated[float, typer.Option(help="Seconds between checks when no notification arrives.")] = 2.0,
        max_backoff: Annotated[float, typer.Option(help="Longest wait between retries (seconds).")] = 10.0,
        batch: Annotated[int, typer.Option(help="Events per request to a remote store.")] = 200,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors.")] = False,
    ) -> None:
        """Apply the log's events to the graph store, exactly once and in order (the projector process).

        With DKG_STORE_URL the store is the remote SPARQL server and this is its only writer; API instances
        then answer from it read-only. Without, it maintains the local Oxigraph store.
        """
        from dkg.projector import Projector, projector_lock, wait_until_settled  # noqa: PLC0415

        settings = Settings.load(data)

        def report(message: str) -> None:
            if not quiet:
                err.print(f"[dim]projector:[/] {message}", highlight=False, soft_wrap=True)

        try:
            log = open_log(settings.resolved_log_url)
            projection, target = open_projection(settings)
            if hasattr(projection, "events_per_request"):
                projection.events_per_request = max(1, batch)
        except Exception as exc:  # noqa: BLE001 - one line for any backend failure
            raise fail(f"cannot open the knowledge base: {exc}") from exc
        projector = Projector(log, projection, poll_interval=poll, max_backoff=max_backoff, report=report)
        previous = signal.signal(signal.SIGTERM, lambda *_: projector.stop.set())
        try:
            with projector_lock(log, target, report=report, stop=projector.stop) as held:
                if not held:
                    return
                while not projector.stop.is_set():
                    try:
                        version = wait_until_settled(projection)
                        break
                    except Exception as exc:  # noqa: BLE001 - unreachable store: retry
                        delay = projector.backoff.next_delay()
                        report(f"store unavailable ({exc}); retrying in {delay:.1f}s")
                        projector.stop.wait(delay)
                else:
                    return
                if rebuild:
                    projection.clear()
                    report(f"cleared the store (was at version {version}); replaying the log")
                if follow:
                    report(f"following {log.url.split('@')[-1]} from version {projection.version()}")
                    version = projector.follow()
                else:
                    version = projector.catch_up()
                out.print(f"projection at version {version} (log head {log.head()})")
        except KeyboardInterrupt:
            pass
        except Exception as exc:  # noqa: BLE001
            raise fail(str(exc)) from exc
        finally:
            signal.signal(signal.SIGTERM, previous)
            log.close()

    @app.command("import-log")
    def import_log_cmd(
        file: Annotated[Path, typer.Argument(help="JSON lines from `dkg export-log --format jsonl`.", exists=True,
                                             dir_okay=False)],
        data: DataOpt = None,
        log_url: Annotated[str | None, typer.Option(help="Target log URL (sqlite:///path or postgresql://...).")]
        = None,
        base_iri: Annotated[str | None, typer.Option(help="Base IRI (default: read from the events).")] = None,
    ) -> None:
        """Restore an exported log (empty log, or one the file continues) verbatim, then update the projection.

        Moves a knowledge base between SQLite and PostgreSQL deployments.
        """
        try:
            events = read_jsonl(file)  # before anything is created: a bad file leaves no empty knowledge base
        except LogError as exc:
            raise fail(f"nothing imported: {exc}") from None
        settings = Settings.load(data, log_url=log_url)
        if not (settings.data_dir / "config.json").exists():
            settings.save()
        with open_kg(settings.data_dir, must_exist=False, catch_up=False) as kg:
            before = kg.log.head()
            try:
                count, base = import_log_events(kg.log, events, base_iri)
            except LogError as exc:
                raise fail(f"nothing imported: {exc}") from exc
            if base and base != kg.base:
                kg.base = base
            out.print(f"imported {count} event(s) into {kg.log.url.split('@')[-1]} (events {before + 1}.."
                      f"{before + count}); base IRI {base or DEFAULT_BASE}")
            if getattr(kg.projection, "writer", True) is False:
                out.print("the projector (`dkg project --follow`) applies them to the graph store")
                return
            with progress_bar("Applying events", kg.log.head() - kg.version()) as advance:
                kg.catch_up(advance)
            count, digest = kg.digest()
            out.print(f"projection at version {kg.version()}: {count} quads, digest {digest[:16]}")

    import_app = typer.Typer(help="Bulk imports of structured data sets.", no_args_is_help=True)
    app.add_typer(import_app, name="import")

    @import_app.command("unsc-vetoes")
    def import_vetoes(
        file: Annotated[Path | None, typer.Argument(help="The CSV (default: the copy shipped with dkg).",
                                                    dir_okay=False)] = None,
        data: DataOpt = None,
        principal: PrincipalOpt = None,
    ) -> None:
        """Import the UN Security Council vetoes 1946-2022 (World Politics Data Lab, MIT) as sourced events."""
        from dkg.vetoes import import_vetoes as run_import  # noqa: PLC0415

        with open_kg(data) as kg:
            result = run_import(kg, file, principal_name(principal))
            out.print(f"{result.rows} veto record(s) read; {result.asserted} assertion(s) appended"
                      f" ({result.skipped} already present); now at version {kg.version()}")
