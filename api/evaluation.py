"""One SPARQL query evaluated and serialised as negotiated: the work a query worker (thread or process) does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from dkg.api.errors import ApiError
from dkg.api.results import (
    RDF_ALIASES,
    RESULT_ALIASES,
    RESULT_FORMATS,
    Table,
    checked,
    collect_solutions,
    graph_offers,
    pick_format,
    serialize_rdf,
    serialize_table,
)
from dkg.api.safety import Deadline
from dkg.sparql_update import top_level_limit

_OXIGRAPH_RESULTS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                     "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}


@dataclass(frozen=True)
class QueryJob:
    """What a worker needs to answer a query: the query, Oxigraph's options, the negotiation inputs, the cap."""

    query: str
    options: dict[str, Any]
    accept: str | None
    fmt: str | None
    max_results: int
    killable: bool = False  # run in a process killed at the deadline: Oxigraph may write results unchecked

    def run(self, store: ox.Store, version: int, deadline: Deadline) -> tuple[bytes, str]:
        """The job's answer from `store` (a worker process's entry point)."""
        return evaluate(store, self, deadline)


def evaluate(store: ox.Store, job: QueryJob, deadline: Deadline) -> tuple[bytes, str]:
    """(body, media type) of `job` answered from `store`; ApiError for bad queries, formats and oversize results."""
    try:
        result = store.query(job.query, **job.options)
    except SyntaxError as exc:
        raise ApiError(400, "malformed_query", f"the query does not parse: {exc}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise ApiError(400, "query_failed", f"the query failed: {exc}") from exc
    try:
        if isinstance(result, ox.QueryBoolean):
            name = pick_format(job.fmt, job.accept, RESULT_FORMATS, RESULT_ALIASES, "json")
            return serialize_table(Table([], [], bool(result)), name), RESULT_FORMATS[name]
        if isinstance(result, ox.QuerySolutions):
            name = pick_format(job.fmt, job.accept, RESULT_FORMATS, RESULT_ALIASES, "json")
            if job.killable and (limit := top_level_limit(job.query)) is not None and limit <= job.max_results:
                # the cap cannot be reached: Oxigraph's own writer (the process is killed at the deadline)
                return result.serialize(format=_OXIGRAPH_RESULTS[name]), RESULT_FORMATS[name]
            table = collect_solutions(result, deadline, job.max_results)
            return serialize_table(table, name), RESULT_FORMATS[name]
        offers = graph_offers()
        name = pick_format(job.fmt, job.accept, offers, RDF_ALIASES, "turtle")
        return serialize_rdf(checked(result, deadline, job.max_results), name), offers[name]
    except (OSError, RuntimeError) as exc:
        raise ApiError(400, "query_failed", f"the query failed: {exc}") from exc
