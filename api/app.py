"""The dkg web application: SPARQL Protocol, Graph Store Protocol, linked data, writes and relationship questions.

`create_app(kg_or_settings, config)` builds the FastAPI app; `dkg serve` runs it with uvicorn. Every read
answers from one version of the graph (header `DKG-Version`, weak `ETag`) and accepts `asOf`; every write
is one event in the log, validated with SHACL first.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
import dkg
from dkg.api.errors import install_error_handlers
from dkg.api.isolation import ProcessQueryRunner, supports_processes
from dkg.api.safety import BodyLimitMiddleware, QueryRunner
from dkg.api.state import ApiConfig, AppState
from dkg.config import Settings
from dkg.kg import KnowledgeGraph
from dkg.tokens import TokenStore
from fastapi import FastAPI

DESCRIPTION = """An event-sourced diplomatic knowledge graph.

* **SPARQL 1.1 Protocol** at `/sparql` (query and update), **Graph Store Protocol** at `/store`.
* **Linked data**: every minted IRI dereferences under `/id/…`; `/export`, `/log`, `/log/stream`, `/log.rdfp`.
* **Writes** (bearer token, role editor): `/articles`, `/assertions`, `/merges`; each is one event in the log.
* **Extraction and review**: `POST /articles?extract=true` reads an article; `/review` is the queue of facts
  waiting for a person (accept, reject, edit: events in the log); `/disagreements` lists values sources differ on.
* **Relationship questions**: `/actors`, `/relations`, `/paths`, `/timeline`, `/events/{id}`.

Every read accepts `asOf` (a version number or an ISO 8601 timestamp) and names the version it answered from
in the `DKG-Version` and `ETag` headers. Errors are JSON: `{"error": code, "message": text}`.
"""


def create_app(source: KnowledgeGraph | Settings | None = None, config: ApiConfig | None = None) -> FastAPI:
    """The application over a knowledge graph (or the one `settings` describe; opened and closed with the app)."""
    config = config or ApiConfig()
    owns = not isinstance(source, KnowledgeGraph)
    kg = source if isinstance(source, KnowledgeGraph) else KnowledgeGraph.open(source)
    if config.query_isolation not in ("process", "thread"):
        raise ValueError(f"query_isolation must be 'process' or 'thread', not {config.query_isolation!r}")
    processes = None
    if config.query_isolation == "process" and supports_processes(kg):
        processes = ProcessQueryRunner(kg, config.query_timeout, config.query_workers,
                                       preload=["dkg.api.evaluation", "dkg.api.relations"])
    state = AppState(kg=kg, config=config, tokens=TokenStore(kg.log),
                     runner=QueryRunner(config.query_timeout, config.query_workers), processes=processes,
                     owns_kg=owns)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if state.processes is not None:
            await anyio.to_thread.run_sync(state.processes.start)
        try:
            yield
        finally:
            state.runner.shutdown()
            if state.processes is not None:
                state.processes.shutdown()
            if state.owns_kg:
                state.kg.close()

    app = FastAPI(title="dkg", version=dkg.__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.dkg = state
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=config.max_body_bytes)

    from dkg.api import graphstore, linkeddata, relations, review, sparql, writes  # noqa: PLC0415

    for module in (sparql, graphstore, linkeddata, writes, review, relations):
        app.include_router(module.router)
    return app
