"""`dkg serve` (the web API with uvicorn) and `dkg token create|list|revoke` (bearer tokens for it)."""

from __future__ import annotations

from typing import Annotated

import typer
from dkg.cli import DataOpt, err, fail, open_event_log, out
from dkg.tokens import ROLES, TokenError, TokenStore
from rich.table import Table


def register(app: typer.Typer) -> None:
    """Add `serve` and the `token` commands to the `dkg` app."""

    @app.command()
    def serve(
        data: DataOpt = None,
        host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
        read_only: Annotated[bool, typer.Option("--read-only", help="Refuse every write.")] = False,
        require_token: Annotated[bool, typer.Option("--require-token", help="Reads need a reader token too.")]
        = False,
        query_timeout: Annotated[float, typer.Option(help="Seconds before a query is cancelled (503).")] = 30.0,
        max_results: Annotated[int, typer.Option(help="Most rows/triples a query may return.")] = 100_000,
        max_body: Annotated[int, typer.Option(help="Largest request body in bytes.")] = 10 * 1024 * 1024,
        workers: Annotated[int, typer.Option(help="Most queries evaluated at once (worker processes or threads).")]
        = 8,
        query_isolation: Annotated[str, typer.Option(help="'process': SPARQL queries run in worker processes that "
                                                     "are killed at the timeout; 'thread': in threads (a runaway "
                                                     "query then runs on in the background).")] = "process",
        public_url: Annotated[str | None, typer.Option(help="The server's public URL (behind a proxy).")] = None,
    ) -> None:
        """Serve the SPARQL endpoint, linked data, writes and relationship questions over HTTP."""
        import uvicorn  # noqa: PLC0415
        from dkg.api.app import create_app  # noqa: PLC0415
        from dkg.api.state import ApiConfig  # noqa: PLC0415
        from dkg.config import Settings  # noqa: PLC0415

        settings = Settings.load(data)
        if not settings.log_url and not (settings.data_dir / "log.sqlite").exists():
            raise fail(f"no knowledge base in {settings.data_dir}/: run `dkg init` first (or pass --data)")
        if query_isolation not in ("process", "thread"):
            raise fail(f"--query-isolation must be 'process' or 'thread', not {query_isolation!r}")
        config = ApiConfig(read_only=read_only, public_reads=not require_token, query_timeout=query_timeout,
                           max_results=max_results, max_body_bytes=max_body, query_workers=workers,
                           query_isolation=query_isolation, public_url=public_url)
        if host not in ("127.0.0.1", "localhost", "::1"):
            err.print(f"[yellow]warning:[/] listening on {host}: put TLS in front of dkg before exposing tokens")
        err.print(f"dkg serving {settings.data_dir}/ on http://{host}:{port} (docs at /docs)")
        # access logs carry URLs only; tokens travel in the Authorization header, which uvicorn never logs
        uvicorn.run(create_app(settings, config), host=host, port=port, log_level="info")

    token_app = typer.Typer(help="Bearer tokens for the web API (stored hashed with the log).",
                            no_args_is_help=True)
    app.add_typer(token_app, name="token")

    @token_app.command("create")
    def token_create(
        name: Annotated[str, typer.Option("--name", help="Who uses it (recorded as the principal of writes).")],
        role: Annotated[str, typer.Option(help=f"One of {', '.join(ROLES)}.")] = "editor",
        data: DataOpt = None,
    ) -> None:
        """Create a token; it is printed once and stored only as a hash."""
        with open_event_log(data) as log:
            try:
                secret, info = TokenStore(log).create(name, role)
            except TokenError as exc:
                raise fail(str(exc), 2) from exc
            err.print(f"token {info.name!r} ({info.role}, id {info.hash[:12]}); shown only now:")
            out.print(secret, highlight=False, soft_wrap=True)

    @token_app.command("list")
    def token_list(data: DataOpt = None) -> None:
        """List tokens (names, roles, dates; never the secrets)."""
        with open_event_log(data) as log:
            tokens = TokenStore(log).list()
            table = Table("id", "name", "role", "created (UTC)", "revoked")
            for t in tokens:
                table.add_row(t.hash[:12], t.name, t.role, t.created[:19], (t.revoked or "")[:19])
            out.print(table)

    @token_app.command("revoke")
    def token_revoke(
        token: Annotated[str, typer.Argument(help="The token's name or id (from `dkg token list`).")],
        data: DataOpt = None,
    ) -> None:
        """Revoke a token: it stops working at once."""
        with open_event_log(data) as log:
            try:
                info = TokenStore(log).revoke(token)
            except TokenError as exc:
                raise fail(str(exc), 2) from exc
            out.print(f"revoked token {info.name!r} ({info.role}, id {info.hash[:12]})")
