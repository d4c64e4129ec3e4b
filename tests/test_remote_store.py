"""The remote SPARQL store behaves like the embedded one (real `oxigraph serve` on loopback)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from dkg.events import NewEvent, Patch
from dkg.kg import KnowledgeGraph
from dkg.postgres_log import PostgresLog
from dkg.projection import Projection, dataset_digest
from dkg.remote_store import (
    Endpoints,
    RemoteProjection,
    RemoteQueryError,
    RemoteStore,
    StoreBehind,
    StoreUnavailable,
)
from dkg.sqlite_log import SQLiteLog
from oxigraph_server import oxigraph_server
from pg_fixtures import fresh_database

EX = "http://example.org/"


def n(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


QUADS = [
    ox.Quad(n("a"), n("p"), ox.Literal("x"), ox.DefaultGraph()),
    ox.Quad(n("a"), n("p"), ox.Literal("Alep — \"guillemets\"\n", language="fr"), n("g1")),
    ox.Quad(n("a"), n("q"), ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
            n("g1")),
    ox.Quad(n("b"), n("p"), n("a"), n("g2")),
    ox.Quad(n("a"), n("p"), ox.Literal("x"), n("g2")),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("ox") / "db") as srv:
        yield srv


@pytest.fixture
def remote(server) -> RemoteStore:
    store = RemoteStore(server.url)
    store.clear()
    store.extend(QUADS)
    yield store
    store.clear()
    store.close()


@pytest.fixture
def local() -> ox.Store:
    store = ox.Store()
    store.extend(QUADS)
    return store


def test_endpoints_from_url() -> None:
    ox_ep = Endpoints.from_url("http://127.0.0.1:7878")
    assert (ox_ep.query, ox_ep.update, ox_ep.store) == (
        "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update", "http://127.0.0.1:7878/store")
    fuseki = Endpoints.from_url("http://h:3030/dkg?query=/dkg/query&update=/dkg/update&store=/dkg"
                                "&union=urn:x-arq:UnionGraph")
    assert (fuseki.query, fuseki.store, fuseki.union) == ("http://h:3030/dkg/query", "http://h:3030/dkg",
                                                          "urn:x-arq:UnionGraph")
    with pytest.raises(ValueError):
        Endpoints.from_url("ftp://x")
    with pytest.raises(ValueError):
        Endpoints.from_url("http://x?bogus=1")


PATTERNS = [
    (None, None, None, None),
    (n("a"), None, None, None),
    (None, n("p"), None, None),
    (None, None, ox.Literal("x"), None),
    (None, None, None, n("g1")),
    (None, None, None, ox.DefaultGraph()),
    (n("a"), n("p"), ox.Literal("x"), n("g2")),
    (n("zzz"), None, None, None),
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_quads_for_pattern_matches_pyoxigraph(remote: RemoteStore, local: ox.Store, pattern) -> None:
    assert set(remote.quads_for_pattern(*pattern)) == set(local.quads_for_pattern(*pattern))


def test_contains_iter_len_graphs(remote: RemoteStore, local: ox.Store) -> None:
    for q in QUADS:
        assert q in remote
    assert ox.Quad(n("a"), n("p"), ox.Literal("x"), n("g1")) not in remote
    assert set(remote) == set(local)
    assert len(remote) == len(local) == len(QUADS)
    assert set(remote.named_graphs()) == set(local.named_graphs())
    assert remote.contains_named_graph(n("g1")) and not remote.contains_named_graph(n("nope"))


def test_queries_match_pyoxigraph(remote: RemoteStore, local: ox.Store) -> None:
    select = "SELECT ?s ?o WHERE { ?s ex:p ?o } ORDER BY ?s ?o"
    for options in ({}, {"use_default_graph_as_union": True}, {"default_graph": n("g2")},
                    {"default_graph": [n("g1"), n("g2")]}):
        got = remote.query(select, prefixes={"ex": EX}, **options)
        want = local.query(select, prefixes={"ex": EX}, **options)
        assert isinstance(got, ox.QuerySolutions)
        assert [v.value for v in got.variables] == [v.value for v in want.variables]
        assert [tuple(r) for r in got] == [tuple(r) for r in want], options
    ask = "ASK { GRAPH ?g { ?s ?p 42 } }"
    assert bool(remote.query(ask)) is bool(local.query(ask)) is True
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://example.org/g1> { ?s ?p ?o } }"
    got = remote.query(construct)
    assert isinstance(got, ox.QueryTriples)
    assert set(got) == set(local.query(construct))
    sub = remote.query("SELECT ?o WHERE { ?s ?p ?o }", use_default_graph_as_union=True,
                       substitutions={ox.Variable("s"): n("b")})
    assert [r["o"] for r in sub] == [n("a")]
    serialised = remote.query("SELECT * WHERE { ?s ?p ?o }").serialize(format=ox.QueryResultsFormat.JSON)
    assert b'"bindings"' in serialised


def test_update_and_errors(remote: RemoteStore, server) -> None:
    remote.update("INSERT DATA { GRAPH ex:g3 { ex:c ex:p ex:d } }", prefixes={"ex": EX})
    assert ox.Quad(n("c"), n("p"), n("d"), n("g3")) in remote
    with pytest.raises(RemoteQueryError):
        remote.query("SELECT WHERE {")
    with pytest.raises(StoreUnavailable, match="unreachable"):
        RemoteStore("http://127.0.0.1:9").query("ASK {}")


def _events(log, count: int, start: int = 0) -> None:
    """Events that toggle the same triples, so applying one twice or skipping one changes the dataset."""
    toggle = ox.Quad(n("flag"), n("state"), ox.Literal("on"), n("g"))
    state = False
    for i in range(start, start + count):
        counter_old = ox.Quad(n("counter"), n("value"), ox.Literal(str(i)), n("g"))
        counter_new = ox.Quad(n("counter"), n("value"), ox.Literal(str(i + 1)), n("g"))
        remove = [counter_old] if i > 0 else []
        add = [counter_new, ox.Quad(n(f"item{i}"), n("p"), ox.Literal(f"v{i}"), n(f"g{i % 7}"))]
        if i % 3 == 0:
            (remove if state else add).append(toggle)
            state = not state
        log.append([NewEvent("GraphPatched", "t", {"i": i}, Patch(remove=tuple(remove), add=tuple(add)))])


def test_remote_projection_applies_like_the_local_one(server, tmp_path) -> None:
    log = SQLiteLog(tmp_path / "log.sqlite")
    _events(log, 450)
    remote = RemoteProjection(server.url, writer=True, events_per_request=100)
    remote.clear()
    assert remote.version() == 0
    assert remote.apply(log.read(until=300)) == 300
    assert remote.apply(log.read(after=300)) == 450
    local = Projection(None)
    local.apply(log.read())
    assert remote.digest() == local.digest()
    with pytest.raises(Exception, match="does not follow"):
        remote.apply(log.read(after=10, until=20))
    copy, version = remote.copy_with_version()  # what time travel should start from: data and its version
    assert version == 450 and dataset_digest(copy) == local.digest()
    reader = RemoteProjection(server.url, wait_timeout=0.3)
    assert not reader.writer
    assert reader.apply(log.read()) == 450  # already there: returns at once
    _events(log, 1, start=450)
    with pytest.raises(StoreBehind, match="version 450 but the log is at 451"):
        reader.apply(log.read(after=450))
    with pytest.raises(Exception, match="only the projector"):
        reader.clear()
    log.close()


@pytest.mark.postgres
def test_knowledge_graph_on_postgres_and_remote_store(server) -> None:
    """Writes, time travel and named-graph provenance work the same on PostgreSQL + a SPARQL server."""
    with fresh_database() as url:
        remote = RemoteProjection(server.url, writer=True)
        remote.clear()
        kg = KnowledgeGraph(PostgresLog(url), remote, base="https://example.org/id/")
        twin = KnowledgeGraph.in_memory(base="https://example.org/id/")
        for graph in (kg, twin):
            e1 = graph.patch([], [ox.Quad(n("x"), n("p"), ox.Literal("one"), n("g"))], "alice", validate=False)
            graph.patch([ox.Quad(n("x"), n("p"), ox.Literal("one"), n("g"))],
                        [ox.Quad(n("x"), n("p"), ox.Literal("two"), n("g"))], "bob", validate=False)
            graph.patch([], [ox.Quad(n("y"), n("p"), ox.Literal("three"), n("h"))], "alice", validate=False)
        assert e1.seq == 1 and kg.version() == twin.version() == 3
        for version in (0, 1, 2, 3):
            assert kg.digest(as_of=version) == twin.digest(as_of=version), version
        rows = kg.select("SELECT ?o WHERE { <http://example.org/x> <http://example.org/p> ?o }", as_of=1)
        assert [str(r["o"]) for r in rows] == ["one"]
        rows = kg.select("SELECT ?g ?o WHERE { GRAPH ?g { ?s <http://example.org/p> ?o } } ORDER BY ?o")
        assert [(str(r["g"]), str(r["o"])) for r in rows] == [(EX + "h", "three"), (EX + "g", "two")]
        assert kg.digest() == kg.replay_digest()
        assert bool(kg.query("ASK { ?s dkg:nothing ?o }")) is False  # dkg prefixes predeclared
        kg.close()
        twin.close()
