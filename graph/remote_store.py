"""The projection in a remote SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB, Virtuoso), over HTTP.

`RemoteStore` duck-types the part of `pyoxigraph.Store` dkg uses (`query`, `update`, `quads_for_pattern`,
`quad in store`, iteration, `len`, `named_graphs`, `extend`, `clear`, `flush`) with the SPARQL 1.1 Protocol,
SPARQL 1.1 Update and a Graph Store Protocol dataset GET. Results come back as real pyoxigraph objects, so
callers cannot tell the difference.

`RemoteProjection` has the interface of `dkg.projection.Projection`. Exactly one process writes to the
remote store: the projector (`dkg project --follow`, `writer=True`). It applies events in order, each
request carrying the event patches *and* the new applied version (one SPARQL Update request is one
transaction on Oxigraph), so a crash never applies an event twice or skips one. Every other process (API
instances, CLI readers) opens it read-only: `apply` does not write, it waits until the projector has
applied the events (read-your-writes after a commit) and fails with `StoreBehind` if it does not in time.
Concurrent SPARQL Updates on Oxigraph are not serialisable (measured: guarded updates from 8 clients
applied the same step twice), hence one writer, enforced by the projector's lock (`dkg.projector`).

`DKG_STORE_URL` forms:
- `http://host:7878` — Oxigraph server layout: `/query`, `/update`, `/store`, union default graph by the
  `union-default-graph` parameter;
- any other server: the same URL plus query parameters naming its endpoints, e.g. Fuseki
  `http://host:3030/dkg?query=/dkg/query&update=/dkg/update&store=/dkg&union=urn:x-arq:UnionGraph`
  (`union=` is either `param:NAME` or a default-graph IRI the server treats as the union of all graphs;
  `union=none` for servers whose default graph already is the union, like GraphDB and Virtuoso).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from dkg.events import Event, Patch
from dkg.log import LogError
from dkg.projection import ProjectionError, dataset_digest, patch_update
from dkg.terms import SYSTEM_GRAPH

_JSON = "application/sparql-results+json"
_NQUADS = "application/n-quads"
_NTRIPLES = "application/n-triples"
_INSERT_CHUNK = 5_000
_REQUEST_QUADS = 20_000  # a request carries at most about this many patch quads (and at least one event)
_SYS_G = ox.NamedNode(SYSTEM_GRAPH)
_SYS_S = ox.NamedNode("urn:dkg:projection")
_SYS_P = ox.NamedNode("urn:dkg:appliedVersion")
_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


class StoreUnavailable(ConnectionError):
    """The SPARQL server cannot be reached or answered 5xx: answer 503, do not guess."""


class StoreBehind(LogError, TimeoutError):
    """The projector has not applied the log's events in time: the store would answer from a stale version.

    A TimeoutError too, so the CLI reports it in one line (events already appended stay appended)."""

    def __init__(self, version: int, wanted: int, waited: float) -> None:
        super().__init__(
            f"the graph store is at version {version} but the log is at {wanted} (waited {waited:.0f}s):"
            " is `dkg project --follow` running?"
        )
        self.version = version
        self.wanted = wanted


class RemoteQueryError(ValueError):
    """The server refused a query or update (4xx): the message is the server's."""


@dataclass(frozen=True)
class Endpoints:
    """Where a server takes queries, updates and dataset reads, and how it is asked for the union graph."""

    query: str
    update: str
    store: str
    union: str = "param:union-default-graph"

    @classmethod
    def from_url(cls, url: str) -> Endpoints:
        """Parse a DKG_STORE_URL (see the module docstring)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise ValueError(f"unsupported store URL {url!r}: use http(s)://host:port[/path][?query=...]")
        base = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/", "", ""))
        options = dict(parse_qsl(parts.query))
        unknown = set(options) - {"query", "update", "store", "union"}
        if unknown:
            raise ValueError(f"unknown store URL parameter(s) {', '.join(sorted(unknown))}")

        def resolve(name: str, default: str) -> str:
            return urljoin(base, options.get(name, default))

        return cls(
            query=resolve("query", "query"),
            update=resolve("update", "update"),
            store=resolve("store", "store"),
            union=options.get("union", "param:union-default-graph"),
        )


def _term(term: Any) -> str:
    """A pyoxigraph term in SPARQL syntax (N-Triples forms are valid SPARQL)."""
    if isinstance(term, ox.BlankNode):
        raise ValueError("blank nodes cannot be sent to a remote store: dkg skolemises them")
    return str(term)


class RemoteStore:
    """A pyoxigraph.Store look-alike over the SPARQL 1.1 Protocol."""

    def __init__(self, url: str, *, timeout: float = 60.0, client: httpx.Client | None = None) -> None:
        self.url = url
        self.endpoints = Endpoints.from_url(url)
        self._client = client or httpx.Client(timeout=httpx.Timeout(timeout, connect=5.0))

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    # ---- HTTP ------------------------------------------------------------------------------------------

    def _request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.TransportError as exc:
            raise StoreUnavailable(f"the graph store at {self.url} is unreachable: {exc}") from exc
        if response.status_code >= 500:
            raise StoreUnavailable(
                f"the graph store at {self.url} failed ({response.status_code}): {response.text[:300]}"
            )
        if response.status_code >= 400:
            raise RemoteQueryError(response.text.strip() or f"HTTP {response.status_code}")
        return response

    def ping(self) -> bool:
        """True when the server answers a trivial query."""
        try:
            self.query("ASK { }")
        except StoreUnavailable:
            return False
        return True

    # ---- queries ---------------------------------------------------------------------------------------

    def query(
        self,
        query: str,
        *,
        base_iri: str | None = None,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        default_graph: Any = None,
        named_graphs: list[Any] | None = None,
        substitutions: dict[ox.Variable, Any] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query on the server; the result is a pyoxigraph result object."""
        text = _prologue(base_iri, prefixes) + query
        if substitutions:
            names = list(substitutions)
            row = " ".join(_term(substitutions[v]) for v in names)
            text += f"\nVALUES ({' '.join(str(v) for v in names)}) {{ ({row}) }}"
        params: list[tuple[str, str]] = []
        if default_graph is not None:
            graphs = default_graph if isinstance(default_graph, list) else [default_graph]
            named = [g for g in graphs if not isinstance(g, ox.DefaultGraph)]
            if named and len(named) != len(graphs):
                raise ValueError("a remote store cannot mix its default graph with named graphs as default graph")
            params += [("default-graph-uri", g.value) for g in named]
        elif use_default_graph_as_union:
            params += self._union_params()
        for g in named_graphs or ():
            params.append(("named-graph-uri", g.value))
        response = self._request(
            "POST",
            self.endpoints.query,
            params=params,
            data={"query": text},
            headers={"Accept": f"{_JSON}, {_NTRIPLES};q=0.9"},
        )
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if kind in (_NTRIPLES, "text/turtle", "application/rdf+xml", "text/plain"):
            return _as_query_triples(response.content, kind)
        return ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)

    def _union_params(self) -> list[tuple[str, str]]:
        union = self.endpoints.union
        if union == "none":
            return []
        if union.startswith("param:"):
            return [(union[len("param:") :], "true")]
        return [("default-graph-uri", union)]

    def update(self, update: str, *, base_iri: str | None = None, prefixes: dict[str, str] | None = None) -> None:
        """Run a SPARQL Update; one request is one transaction on Oxigraph."""
        self._request(
            "POST",
            self.endpoints.update,
            content=(_prologue(base_iri, prefixes) + update).encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
        )

    def quads_for_pattern(self, subject: Any = None, predicate: Any = None, object: Any = None,
                          graph_name: Any = None) -> Iterator[ox.Quad]:
        """Quads matching a pattern (None = any); graph_name DefaultGraph() = the default graph only."""
        s = _term(subject) if subject is not None else "?s"
        p = _term(predicate) if predicate is not None else "?p"
        o = _term(object) if object is not None else "?o"
        triple = f"{s} {p} {o}"
        if graph_name is None:
            where = f"{{ {triple} }} UNION {{ GRAPH ?g {{ {triple} }} }}"
        elif isinstance(graph_name, ox.DefaultGraph):
            where = triple
        else:
            where = f"GRAPH {_term(graph_name)} {{ {triple} }}"
        result = self.query(f"SELECT * WHERE {{ {where} }}")
        for row in result:
            g = row["g"] if graph_name is None else graph_name
            yield ox.Quad(
                subject if subject is not None else row["s"],
                predicate if predicate is not None else row["p"],
                object if object is not None else row["o"],
                g if g is not None else ox.DefaultGraph(),
            )

    def __contains__(self, quad: ox.Quad) -> bool:
        triple = f"{_term(quad.subject)} {_term(quad.predicate)} {_term(quad.object)}"
        if isinstance(quad.graph_name, ox.DefaultGraph):
            return bool(self.query(f"ASK {{ {triple} }}"))
        return bool(self.query(f"ASK {{ GRAPH {_term(quad.graph_name)} {{ {triple} }} }}"))

    def __iter__(self) -> Iterator[ox.Quad]:
        """Every quad of the dataset, from one GET (one consistent read on the server)."""
        response = self._request("GET", self.endpoints.store, headers={"Accept": _NQUADS})
        return iter(ox.parse(response.content, ox.RdfFormat.N_QUADS))

    def __len__(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        return int(next(iter(result))["n"].value)

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"):
            yield row["g"]

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return bool(self.query(f"ASK {{ GRAPH {_term(graph)} {{ ?s ?p ?o }} }}"))

    # ---- writes (the projector only) -----------------------------------------------------------------

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Insert quads (INSERT DATA in chunks, each chunk one request)."""
        chunk: list[ox.Quad] = []
        for q in quads:
            chunk.append(q)
            if len(chunk) >= _INSERT_CHUNK:
                self.update(patch_update(Patch(add=tuple(chunk))))
                chunk = []
        if chunk:
            self.update(patch_update(Patch(add=tuple(chunk))))

    bulk_extend = extend

    def clear(self) -> None:
        """Remove every graph, default and named."""
        self.update("DROP SILENT ALL")

    def flush(self) -> None:
        """Nothing to do: the server persists its own transactions."""

    def close(self) -> None:
        self._client.close()


def _prologue(base_iri: str | None, prefixes: dict[str, str] | None) -> str:
    lines = [f"BASE <{base_iri}>\n"] if base_iri else []
    lines += [f"PREFIX {name}: <{iri}>\n" for name, iri in (prefixes or {}).items()]
    return "".join(lines)


def _as_query_triples(content: bytes, media_type: str) -> ox.QueryTriples:
    """A CONSTRUCT/DESCRIBE answer as pyoxigraph's QueryTriples (loaded into a scratch store, re-read)."""
    fmt = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
    scratch = ox.Store()
    scratch.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in ox.parse(content, fmt))
    return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")


def version_update(version: int) -> str:
    """The SPARQL Update operations that record `version` as applied (sent with the patches it covers)."""
    return (
        f"DELETE WHERE {{ GRAPH {_SYS_G} {{ {_SYS_S} {_SYS_P} ?v }} }} ;\n"
        f'INSERT DATA {{ GRAPH {_SYS_G} {{ {_SYS_S} {_SYS_P} "{version}"^^<{_XSD_INTEGER}> }} }}'
    )


def read_remote_version(store: RemoteStore) -> int:
    """The last event sequence number applied to the remote store (0 for an empty store)."""
    result = store.query(f"SELECT ?v WHERE {{ GRAPH {_SYS_G} {{ {_SYS_S} {_SYS_P} ?v }} }}")
    versions = [int(row["v"].value) for row in result]
    if len(versions) > 1:
        raise LogError(f"the graph store records several applied versions {versions}: rebuild it")
    return versions[0] if versions else 0


class RemoteProjection:
    """The projection interface over a remote SPARQL store; writes only with `writer=True` (the projector)."""

    path = None
    snapshot_dir = None
    snapshot_every = 0

    def __init__(self, url: str, *, writer: bool | None = None, wait_timeout: float | None = None,
                 events_per_request: int = 200, timeout: float = 60.0) -> None:
        """`writer` None: from `DKG_STORE_ROLE` (`writer` only for a single process using the store with no
        projector; default `reader`). `wait_timeout` None: `DKG_STORE_WAIT` seconds (default 15)."""
        self.url = url
        if writer is None:
            role = os.environ.get("DKG_STORE_ROLE", "reader")
            if role not in ("reader", "writer"):
                raise ValueError(f"DKG_STORE_ROLE must be reader or writer, not {role!r}")
            writer = role == "writer"
        if wait_timeout is None:
            wait_timeout = float(os.environ.get("DKG_STORE_WAIT", "15"))
        self.writer = writer
        self.wait_timeout = wait_timeout
        self.events_per_request = events_per_request
        self.store = RemoteStore(url, timeout=timeout)
        self.lock = threading.RLock()

    def __repr__(self) -> str:
        return f"RemoteProjection({self.url!r}, writer={self.writer})"

    def graphs_outside(self, prefix: str) -> None:
        """Unknown here (see `Projection.graphs_outside`): other processes write the remote store."""
        return None

    def version(self) -> int:
        """The version the remote store answers from (StoreUnavailable when it cannot be reached)."""
        return read_remote_version(self.store)

    def apply(self, events: Iterable[Event], progress: Callable[[int], None] | None = None) -> int:
        """Projector: apply events that follow the store's version, a request per chunk, each ending with the
        new version. Reader: wait until the projector has applied them."""
        if not self.writer:
            return self._wait_for(events)
        with self.lock:
            version = self.version()
            chunk: list[tuple[int, Patch]] = []
            size = 0
            for event in events:
                if event.seq != version + len(chunk) + 1:
                    raise ProjectionError(
                        f"event {event.seq} does not follow the projection's version {version + len(chunk)}"
                    )
                patch = event.patch
                chunk.append((event.seq, patch))
                size += len(patch)
                if len(chunk) >= self.events_per_request or size >= _REQUEST_QUADS:
                    version = self._send(chunk, progress)
                    chunk, size = [], 0
            if chunk:
                version = self._send(chunk, progress)
            return version

    def _send(self, chunk: list[tuple[int, Patch]], progress: Callable[[int], None] | None) -> int:
        """One request: the chunk's patches, then its last sequence number as the applied version."""
        last = chunk[-1][0]
        operations = [u for u in (patch_update(p) for _, p in chunk) if u]
        self.store.update(" ;\n".join([*operations, version_update(last)]))
        if progress:
            progress(len(chunk))
        return last

    def _wait_for(self, events: Iterable[Event]) -> int:
        wanted = 0
        for event in events:
            wanted = event.seq
        started = time.monotonic()
        delay = 0.02
        while True:
            version = self.version()
            if version >= wanted:
                return version
            waited = time.monotonic() - started
            if waited >= self.wait_timeout:
                raise StoreBehind(version, wanted, waited)
            time.sleep(min(delay, self.wait_timeout - waited))
            delay = min(delay * 2, 0.5)

    def copy_with_version(self) -> tuple[ox.Store, int]:
        """An in-memory copy of the whole store and the version it shows, from one GET (one consistent read):
        what time travel must start from, since the projector may advance the store at any moment."""
        store = ox.Store()
        store.bulk_extend(iter(self.store))
        versions = [int(q.object.value) for q in store.quads_for_pattern(_SYS_S, _SYS_P, None, _SYS_G)]
        if len(versions) > 1:
            raise LogError(f"the graph store records several applied versions {versions}: rebuild it")
        return store, versions[0] if versions else 0

    def snapshots(self) -> list[int]:
        """Remote stores keep no snapshots: as-of views are replayed from the head (see TimeTravel)."""
        return []

    def clear(self) -> None:
        """Drop the remote dataset (projector only, before a rebuild)."""
        if not self.writer:
            raise LogError("only the projector rebuilds the graph store: run `dkg project --rebuild`")
        self.store.clear()

    def digest(self) -> tuple[int, str]:
        return dataset_digest(self.store)

    def flush(self) -> None:
        self.store.flush()

    def close(self) -> None:
        self.store.close()
