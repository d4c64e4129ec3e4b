"""What every request handler shares: the knowledge graph, the server settings, tokens, the query runner."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from dkg.api.errors import ApiError
from dkg.api.isolation import ProcessQueryRunner
from dkg.api.safety import QueryRunner
from dkg.kg import KGError, KnowledgeGraph
from dkg.terms import SYSTEM_GRAPH
from dkg.tokens import TokenStore
from fastapi import Request


@dataclass
class ApiConfig:
    """Server settings (`dkg serve` options)."""

    read_only: bool = False
    public_reads: bool = True
    query_timeout: float = 30.0
    max_results: int = 100_000
    max_body_bytes: int = 10 * 1024 * 1024
    query_workers: int = 8
    query_isolation: str = "process"  # "process": killable worker processes (on-disk stores); "thread"
    public_url: str | None = None  # the server's own URL, when behind a proxy (else taken from requests)
    log_poll_seconds: float = 1.0


@dataclass
class AppState:
    """Per-application state, at `app.state.dkg`."""

    kg: KnowledgeGraph
    config: ApiConfig
    tokens: TokenStore
    runner: QueryRunner
    processes: ProcessQueryRunner | None = None  # SPARQL queries in killable processes (on-disk stores)
    owns_kg: bool = False
    extra: dict = field(default_factory=dict)

    def managed_graph(self, iri: str) -> bool:
        """Whether a graph is written by dkg's own commands (provenance, articles, assertions, reference…)."""
        base = self.kg.base
        return iri == SYSTEM_GRAPH or iri.startswith((f"{base}graph/", f"{base}assertion/"))


def state_of(request: Request) -> AppState:
    return request.app.state.dkg


def resolve_as_of(kg: KnowledgeGraph, as_of: str | None) -> int:
    """The version an `asOf` parameter names; 400 when malformed or outside the log."""
    try:
        return kg.resolve_version(as_of if as_of not in ("", None) else None)
    except (KGError, ValueError) as exc:
        raise ApiError(400, "bad_as_of", str(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - the log raises its own errors for versions it lacks
        raise ApiError(400, "bad_as_of", str(exc)) from exc


def store_at(kg: KnowledgeGraph, version: int) -> ox.Store:
    """The store showing `version` (400 if it cannot be shown)."""
    try:
        store, _ = kg.store_at(version)
    except (KGError, ValueError) as exc:
        raise ApiError(400, "bad_as_of", str(exc)) from exc
    return store


_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def checked_iri(value: str, what: str = "IRI") -> str:
    """`value` if it is an absolute IRI safe to put between <> in SPARQL; 400 otherwise."""
    if not value or _BAD_IRI_CHARS.search(value):
        raise ApiError(400, "bad_iri", f"the {what} is not a valid IRI: {value!r}")
    try:
        ox.NamedNode(value)
    except ValueError as exc:
        raise ApiError(400, "bad_iri", f"the {what} is not a valid absolute IRI: {value!r}") from exc
    return value


def version_headers(version: int) -> dict[str, str]:
    """The headers naming the version an answer comes from."""
    return {"DKG-Version": str(version), "ETag": f'W/"{version}"'}


_ETAG = re.compile(r'^\s*(?:W/)?"?(\d+)"?\s*$')


def check_if_match(request: Request, kg: KnowledgeGraph) -> None:
    """412 when `If-Match` names a version other than the current head."""
    header = request.headers.get("if-match")
    if not header or header.strip() == "*":
        return
    current = kg.log.head()
    versions = []
    for part in header.split(","):
        m = _ETAG.match(part)
        if not m:
            raise ApiError(400, "bad_if_match", f'If-Match must name a version, e.g. "{current}"')
        versions.append(int(m.group(1)))
    if current not in versions:
        raise ApiError(412, "stale_version", f"the knowledge base is at version {current}, not {header.strip()}",
                       {"current_version": current}, headers=version_headers(current))
