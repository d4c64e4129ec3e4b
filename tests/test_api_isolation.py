"""SPARQL queries on an on-disk knowledge base run in worker processes: a runaway query is answered 503 at the
deadline and its process is killed, while other requests are served; answers come from the version asked."""

from __future__ import annotations

import os
import time
from pathlib import Path

import httpx
import pytest
from dkg.api.app import create_app
from dkg.api.state import ApiConfig
from dkg.config import Settings
from dkg.kg import KnowledgeGraph
from test_api_support import live_server, race_runaway

# ~27 billion solutions to count: hours of work for Oxigraph, in one evaluation step nothing can interrupt
RUNAWAY = """SELECT (COUNT(*) AS ?n) WHERE { { SELECT * WHERE { ?a ?b ?c } LIMIT 3000 }
  { SELECT * WHERE { ?d ?e ?f } LIMIT 3000 } { SELECT * WHERE { ?g ?h ?i } LIMIT 3000 } }"""
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/p> ?o }"


@pytest.fixture()
def disk_kg(tmp_path: Path):
    settings = Settings.load(tmp_path / "kb")
    settings.save()
    kg = KnowledgeGraph.open(settings)
    yield kg
    kg.close()


def _add(kg: KnowledgeGraph, start: int, count: int) -> None:
    import pyoxigraph as ox  # noqa: PLC0415

    p = ox.NamedNode("http://example.org/p")
    g = ox.NamedNode("http://example.org/g")
    kg.patch([], [ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), p, ox.Literal(str(i)), g)
                  for i in range(start, start + count)], "test", validate=False)


def _count(client: httpx.Client, **params: str) -> tuple[int, str]:
    r = client.get("/sparql", params={"query": COUNT, **params}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"]), r.headers["DKG-Version"]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_runaway_query_process_is_killed_at_the_deadline(disk_kg: KnowledgeGraph) -> None:
    _add(disk_kg, 0, 4000)
    with live_server(disk_kg, ApiConfig(query_timeout=1.0)) as server, \
            httpx.Client(base_url=server.url, timeout=30) as client:
        runner = server.app.state.dkg.processes
        assert runner is not None
        assert _count(client)[0] == 4000
        [pid] = runner.pids()  # the one idle worker, which will take the runaway query
        race = race_runaway(client, RUNAWAY)
        assert race.status == 503 and race.body["error"] == "query_timeout"
        assert race.elapsed < 2.5
        assert race.quick_status == 200 and race.quick_elapsed < 0.9
        assert not _alive(pid), "the runaway query's process still runs"
        assert pid not in runner.pids()
        assert _count(client)[0] == 4000  # a fresh worker answers the next query


def test_answers_come_from_the_version_asked_and_follow_writes(disk_kg: KnowledgeGraph) -> None:
    _add(disk_kg, 0, 10)
    first = disk_kg.version()
    with live_server(disk_kg) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        assert _count(client) == (10, str(first))
        _add(disk_kg, 10, 5)  # a write through the log: the next query sees it
        assert _count(client) == (15, str(first + 1))
        assert _count(client, asOf=str(first)) == (10, str(first))
        assert _count(client) == (15, str(first + 1))
        views = Path(disk_kg.projection.path) / "query-views"
        assert len(list(views.iterdir())) <= 2  # checkpoints of versions no longer asked for are deleted


def test_worker_errors_are_the_usual_error_bodies(disk_kg: KnowledgeGraph) -> None:
    _add(disk_kg, 0, 3)
    with live_server(disk_kg) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
        assert r.status_code == 400 and r.json()["error"] == "malformed_query"
        r = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "image/png"})
        assert r.status_code == 406
        r = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                       headers={"Accept": "application/n-triples"})
        assert r.status_code == 200 and r.text.count("\n") == 3


def test_result_cap_applies_in_the_worker(disk_kg: KnowledgeGraph) -> None:
    _add(disk_kg, 0, 50)
    with live_server(disk_kg, ApiConfig(max_results=10)) as server, \
            httpx.Client(base_url=server.url, timeout=30) as client:
        r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert r.status_code == 400 and r.json()["error"] == "result_too_large"


def test_shutdown_stops_workers_and_deletes_checkpoints(disk_kg: KnowledgeGraph) -> None:
    _add(disk_kg, 0, 3)
    views = Path(disk_kg.projection.path) / "query-views"
    with live_server(disk_kg) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        _count(client)
        pids = server.app.state.dkg.processes.pids()
        assert pids and views.exists()
    assert not views.exists()
    time.sleep(0.2)
    assert not any(_alive(pid) for pid in pids)


def test_thread_isolation_and_in_memory_stores_use_threads(disk_kg: KnowledgeGraph) -> None:
    assert create_app(disk_kg, ApiConfig(query_isolation="thread")).state.dkg.processes is None
    memory = KnowledgeGraph.in_memory(validator=None)
    assert create_app(memory).state.dkg.processes is None
    memory.close()
    with pytest.raises(ValueError):
        create_app(disk_kg, ApiConfig(query_isolation="fork"))


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values"])
def test_limited_queries_answer_the_same_in_every_format(disk_kg: KnowledgeGraph, accept: str) -> None:
    """A query whose LIMIT keeps it under the cap is written by Oxigraph in the worker; the answer must be the
    one the thread path gives (dkg's own writers), parsed back."""
    import pyoxigraph as ox  # noqa: PLC0415

    _add(disk_kg, 0, 30)
    query = 'SELECT ?s ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <http://example.org/none> ?missing } } LIMIT 20'
    fmt = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
           "application/sparql-results+xml": ox.QueryResultsFormat.XML, "text/csv": ox.QueryResultsFormat.CSV,
           "text/tab-separated-values": ox.QueryResultsFormat.TSV}[accept]
    answers = []
    for isolation in ("process", "thread"):
        with live_server(disk_kg, ApiConfig(query_isolation=isolation)) as server, \
                httpx.Client(base_url=server.url, timeout=30) as client:
            r = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
            assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
            if fmt == ox.QueryResultsFormat.CSV:  # lossy, so Oxigraph does not parse it: compare the lines
                answers.append(sorted(r.text.splitlines()[1:]))
                continue
            rows = ox.parse_query_results(r.content, format=fmt)
            answers.append(sorted(tuple(str(v) if v is not None else None for v in row) for row in rows))
    assert answers[0] == answers[1] and len(answers[0]) == 20
