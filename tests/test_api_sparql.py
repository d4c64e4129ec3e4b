"""SPARQL 1.1 Protocol at /sparql: query forms, formats, dataset, asOf, versions, updates, errors, safety."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import time

import httpx
import pytest
from dkg.api.app import create_app
from dkg.api.state import ApiConfig
from dkg.kg import KnowledgeGraph
from dkg.validation import ontology_graph
from fastapi.testclient import TestClient
from rdflib import Graph
from test_api_support import live_server, make_tokens, race_runaway, synthetic_kg

VETO = "https://w3id.org/dkg/id/event/russia-veto-s-2016-846"
SELECT_VETO = f"SELECT DISTINCT ?agent WHERE {{ <{VETO}> dkg:agent ?agent }}"


@pytest.fixture(scope="module")
def seeded():
    kg = synthetic_kg()
    tokens = make_tokens(kg)
    with TestClient(create_app(kg)) as client:
        yield client, kg, tokens
    kg.close()


@pytest.fixture
def fresh():
    """A knowledge graph with SHACL on (ontology loaded), for writes."""
    kg = KnowledgeGraph.in_memory()
    kg.load_reference("ontology", ontology_graph(), "test")
    tokens = make_tokens(kg)
    with TestClient(create_app(kg)) as client:
        yield client, kg, tokens
    kg.close()


def bearer(tokens: dict[str, str], role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens[role]}"}


# ---- queries --------------------------------------------------------------------------------------------


def test_get_post_form_and_direct_give_the_same_answer(seeded):
    client, kg, _ = seeded
    by_get = client.get("/sparql", params={"query": SELECT_VETO})
    by_form = client.post("/sparql", data={"query": SELECT_VETO})
    direct = client.post("/sparql", content=SELECT_VETO, headers={"Content-Type": "application/sparql-query"})
    for r in (by_get, by_form, direct):
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/sparql-results+json")
        bindings = r.json()["results"]["bindings"]
        assert [b["agent"]["value"] for b in bindings] == ["https://w3id.org/dkg/id/actor/russia"]
        assert r.headers["DKG-Version"] == str(kg.version())
        assert r.headers["ETag"] == f'W/"{kg.version()}"'


@pytest.mark.parametrize(("accept", "media"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/html, */*;q=0.1", "application/sparql-results+json"),
])
def test_select_result_formats_by_accept(seeded, accept, media):
    client, _, _ = seeded
    r = client.get("/sparql", params={"query": SELECT_VETO}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert "actor/russia" in r.text
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows == [["agent"], ["https://w3id.org/dkg/id/actor/russia"]]
    if media == "text/tab-separated-values":
        assert r.text.splitlines() == ["?agent", "<https://w3id.org/dkg/id/actor/russia>"]


def test_format_parameter_overrides_accept(seeded):
    client, _, _ = seeded
    r = client.get("/sparql", params={"query": SELECT_VETO, "format": "csv"}, headers={"Accept": "application/json"})
    assert r.headers["content-type"].startswith("text/csv")


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
])
def test_construct_and_describe_formats(seeded, accept, rdflib_format):
    client, _, _ = seeded
    for query in (f"CONSTRUCT {{ <{VETO}> ?p ?o }} WHERE {{ <{VETO}> ?p ?o }}", f"DESCRIBE <{VETO}>"):
        r = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith(accept)
        g = Graph().parse(data=r.text, format=rdflib_format)
        assert len(g) >= 5


def test_ask_json_and_xml(seeded):
    client, _, _ = seeded
    q = f"ASK {{ <{VETO}> a dkg:Veto }}"
    assert client.get("/sparql", params={"query": q}).json() == {"head": {}, "boolean": True}
    xml = client.get("/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+xml"})
    assert "<boolean>true</boolean>" in xml.text


def test_malformed_query_is_400_with_a_message(seeded):
    client, _, _ = seeded
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p "})
    assert r.status_code == 400
    assert r.json()["error"] == "malformed_query" and "parse" in r.json()["message"]


def test_unsupported_accept_is_406(seeded):
    client, _, _ = seeded
    r = client.get("/sparql", params={"query": SELECT_VETO}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and r.json()["error"] == "not_acceptable"
    r = client.get("/sparql", params={"query": f"DESCRIBE <{VETO}>"}, headers={"Accept": "text/csv"})
    assert r.status_code == 406


def test_wrong_media_types_and_duplicate_queries_are_4xx(seeded):
    client, _, _ = seeded
    assert client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"}).status_code == 415
    assert client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D").status_code == 400
    assert client.get("/sparql", params={"update": "CLEAR ALL"}).status_code == 400
    utf16 = "ASK {}".encode("utf-16")
    r = client.post("/sparql", content=utf16, headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert r.status_code == 415


def test_dataset_parameters_select_graphs(seeded):
    client, kg, _ = seeded
    gaz = f"{kg.base}graph/reference/gazetteer"
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a dkg:State }"
    union = int(client.get("/sparql", params={"query": q}).json()["results"]["bindings"][0]["n"]["value"])
    only_gaz = client.get("/sparql", params={"query": q, "default-graph-uri": gaz}).json()
    assert int(only_gaz["results"]["bindings"][0]["n"]["value"]) == union == 5
    empty = client.get("/sparql", params={"query": q, "named-graph-uri": gaz}).json()
    assert int(empty["results"]["bindings"][0]["n"]["value"]) == 0


def test_as_of_answers_from_the_past(seeded):
    client, kg, _ = seeded
    q = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e dkg:modality ?m }"
    now = client.get("/sparql", params={"query": q})
    then = client.get("/sparql", params={"query": q, "asOf": "2"})
    assert now.json()["results"]["bindings"][0]["n"]["value"] == "7"
    assert then.json()["results"]["bindings"][0]["n"]["value"] == "0"
    assert then.headers["DKG-Version"] == "2"
    event = kg.log.get(5)
    by_time = client.get("/sparql", params={"query": q, "asOf": event.recorded_at})
    assert by_time.headers["DKG-Version"] == str(kg.log.seq_at(event.recorded_datetime))
    assert client.get("/sparql", params={"query": q, "asOf": "999"}).status_code == 400
    assert client.get("/sparql", params={"query": q, "asOf": "yesterday"}).json()["error"] == "bad_as_of"


def test_service_description_without_query(seeded):
    client, _, _ = seeded
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert any(str(o) == sd + "SPARQL11Update" for o in g.objects())
    assert any(str(o) == sd + "UnionDefaultGraph" for o in g.objects())


def test_void_description(seeded):
    client, _, _ = seeded
    r = client.get("/void", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.text, format="turtle")
    rows = list(g.query("""PREFIX void: <http://rdfs.org/ns/void#>
        SELECT ?n ?e WHERE { ?d a void:Dataset ; void:triples ?n ; void:entities ?e }"""))
    assert rows and int(rows[0][0]) > 100 and int(rows[0][1]) > 10


def _void_triples(client, **params: str) -> int:
    g = Graph().parse(data=client.get("/void", params=params, headers={"Accept": "text/turtle"}).text,
                      format="turtle")
    return int(next(iter(g.query("PREFIX void: <http://rdfs.org/ns/void#> SELECT ?n WHERE { ?d void:triples ?n }")))[0])


def test_void_statistics_follow_the_version(fresh):
    """The statistics are computed once per version: a write changes them, an older version keeps its own."""
    client, kg, tokens = fresh
    before, version = _void_triples(client), kg.log.head()
    update = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> 1, 2 } }"
    r = client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update",
                                                         **bearer(tokens, "editor")})
    assert r.status_code == 200, r.text
    assert _void_triples(client) == before + 2
    assert _void_triples(client, asOf=str(version)) == before


# ---- updates --------------------------------------------------------------------------------------------


def test_update_needs_an_editor_token(fresh):
    client, kg, tokens = fresh
    update = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 } }"
    headers = {"Content-Type": "application/sparql-update"}
    assert client.post("/sparql", content=update, headers=headers).status_code == 401
    assert client.post("/sparql", content=update, headers={**headers, **bearer(tokens, "reader")}).status_code == 403
    bad = client.post("/sparql", content=update, headers={**headers, "Authorization": "Bearer nope"})
    assert bad.status_code == 401 and bad.json()["error"] == "unauthorized"
    head = kg.log.head()
    ok = client.post("/sparql", content=update, headers={**headers, **bearer(tokens, "editor")})
    assert ok.status_code == 200, ok.text
    assert kg.log.head() == head + 1
    event = kg.log.get(head + 1)
    assert event.type == "GraphPatched" and event.principal == "test-editor"
    assert event.payload["operation"].startswith("SPARQL Update: INSERT DATA")
    assert ok.json()["event"] == head + 1 and ok.headers["DKG-Version"] == str(head + 1)


def test_multi_operation_update_is_one_event_and_time_travels(fresh):
    client, kg, tokens = fresh
    headers = {"Content-Type": "application/sparql-update", **bearer(tokens, "editor")}
    g = "http://example.org/notes"
    client.post("/sparql", content=f"INSERT DATA {{ GRAPH <{g}> {{ <http://example.org/a> <http://example.org/n> 1 . "
                f"<http://example.org/b> <http://example.org/n> 2 }} }}", headers=headers)
    before = kg.log.head()
    update = (f"DELETE {{ GRAPH <{g}> {{ ?s <http://example.org/n> ?n }} }} "
              f"INSERT {{ GRAPH <{g}> {{ ?s <http://example.org/n> ?m }} }} "
              f"WHERE {{ GRAPH <{g}> {{ ?s <http://example.org/n> ?n }} BIND(?n * 10 AS ?m) }} ; "
              f"INSERT DATA {{ GRAPH <{g}> {{ <http://example.org/c> <http://example.org/n> 3 }} }}")
    r = client.post("/sparql", content=update, headers=headers)
    assert r.status_code == 200, r.text
    assert kg.log.head() == before + 1
    q = f"SELECT ?n WHERE {{ GRAPH <{g}> {{ ?s <http://example.org/n> ?n }} }} ORDER BY ?n"
    values = lambda resp: [int(b["n"]["value"]) for b in resp.json()["results"]["bindings"]]  # noqa: E731
    assert values(client.get("/sparql", params={"query": q})) == [3, 10, 20]
    assert values(client.get("/sparql", params={"query": q, "asOf": str(before)})) == [1, 2]


def test_violating_update_gets_422_and_changes_nothing(fresh):
    client, kg, tokens = fresh
    head = kg.log.head()
    update = "INSERT DATA { GRAPH <http://example.org/g> { <https://w3id.org/dkg/id/event/x> a dkg:Veto } }"
    r = client.post("/sparql", data={"update": update}, headers=bearer(tokens, "editor"))
    assert r.status_code == 422
    body = r.json()
    assert body["error"] == "shacl_violation"
    assert any("veto" in v["message"].lower() for v in body["details"]["report"]["violations"])
    assert kg.log.head() == head
    turtle = client.post("/sparql", data={"update": update}, headers={**bearer(tokens, "editor"),
                                                                      "Accept": "text/turtle"})
    assert turtle.status_code == 422 and turtle.headers["content-type"].startswith("text/turtle")
    assert "ValidationReport" in turtle.text


def test_malformed_update_and_stale_if_match(fresh):
    client, kg, tokens = fresh
    headers = {"Content-Type": "application/sparql-update", **bearer(tokens, "editor")}
    assert client.post("/sparql", content="INSERT DATA { <a:b> }", headers=headers).status_code == 400
    stale = client.post("/sparql", content="INSERT DATA { <http://x/s> <http://x/p> 1 }",
                        headers={**headers, "If-Match": '"0"'})
    assert stale.status_code == 412 and stale.json()["details"]["current_version"] == kg.log.head()
    fresh_match = client.post("/sparql", content="INSERT DATA { <http://x/s> <http://x/p> 1 }",
                              headers={**headers, "If-Match": f'"{kg.log.head()}"'})
    assert fresh_match.status_code == 200


def test_managed_graphs_need_an_admin(fresh):
    client, kg, tokens = fresh
    update = f"CLEAR GRAPH <{kg.base}graph/reference/ontology>"
    r = client.post("/sparql", data={"update": update}, headers=bearer(tokens, "editor"))
    assert r.status_code == 403 and r.json()["error"] == "managed_graph"


def test_read_only_server_refuses_updates():
    kg = KnowledgeGraph.in_memory(validator=None)
    tokens = make_tokens(kg)
    with TestClient(create_app(kg, ApiConfig(read_only=True))) as client:
        r = client.post("/sparql", data={"update": "CLEAR ALL"}, headers=bearer(tokens, "admin"))
        assert r.status_code == 403 and r.json()["error"] == "read_only"
    kg.close()


def test_reads_can_require_a_token():
    kg = KnowledgeGraph.in_memory(validator=None)
    tokens = make_tokens(kg)
    with TestClient(create_app(kg, ApiConfig(public_reads=False))) as client:
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 401
        assert client.get("/sparql", params={"query": "ASK {}"}, headers=bearer(tokens, "reader")).status_code == 200
    kg.close()


# ---- safety ---------------------------------------------------------------------------------------------


class _Listener:
    """A TCP listener on loopback that records whether anything connects."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self) -> None:
        self.stop.set()
        self.thread.join(2)
        self.sock.close()


def test_no_outbound_request_of_any_kind(fresh):
    client, kg, tokens = fresh
    listener = _Listener()
    url = f"http://127.0.0.1:{listener.port}/data"
    try:
        r = client.get("/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"})
        assert r.status_code == 403 and r.json()["error"] == "outbound_refused"
        r = client.get("/sparql", params={"query": f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}"})
        assert r.status_code == 200 and r.json()["results"]["bindings"] == []
        editor = bearer(tokens, "editor")
        r = client.post("/sparql", data={"update": f"LOAD <{url}>"}, headers=editor)
        assert r.status_code == 403 and r.json()["error"] == "outbound_refused"
        r = client.post("/sparql", data={"update": f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"},
                        headers=editor)
        assert r.status_code == 403
        jsonld = json.dumps({"@context": url, "@id": "http://example.org/x", "name": "x"})
        r = client.put("/store", params={"graph": "http://example.org/g"}, content=jsonld,
                       headers={**editor, "Content-Type": "application/ld+json"})
        assert r.status_code == 400 and r.json()["error"] == "remote_context_refused"
        xml = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "{url}">]>'
               '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
               '<rdf:Description rdf:about="http://example.org/s"><ex:p>&e;</ex:p></rdf:Description></rdf:RDF>')
        r = client.put("/store", params={"graph": "http://example.org/g"}, content=xml,
                       headers={**editor, "Content-Type": "application/rdf+xml"})
        assert r.status_code in (200, 201, 400)
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


def test_body_size_limit():
    kg = KnowledgeGraph.in_memory(validator=None)
    with TestClient(create_app(kg, ApiConfig(max_body_bytes=1000))) as client:
        r = client.post("/sparql", content="ASK {}" + " " * 2000, headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 413 and r.json()["error"] == "body_too_large"
    kg.close()


def test_result_size_cap():
    kg = synthetic_kg()
    with TestClient(create_app(kg, ApiConfig(max_results=10))) as client:
        r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert r.status_code == 400 and r.json()["error"] == "result_too_large"
        assert client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"}).status_code == 200
    kg.close()


# ~27 million solutions to count: seconds of work, bounded (a worker thread is never left running for long)
RUNAWAY = """SELECT (COUNT(*) AS ?n) WHERE { { SELECT * WHERE { ?a ?b ?c } LIMIT 300 }
  { SELECT * WHERE { ?d ?e ?f } LIMIT 300 } { SELECT * WHERE { ?g ?h ?i } LIMIT 300 } }"""


def test_runaway_query_is_cancelled_while_others_are_served():
    kg = synthetic_kg()  # in memory: the query runs in a thread, answered 503 at the deadline
    with live_server(kg, ApiConfig(query_timeout=1.0)) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        race = race_runaway(c, RUNAWAY)
        assert race.status == 503 and race.body["error"] == "query_timeout"
        assert race.elapsed < 2.5
        assert race.quick_status == 200 and race.quick_elapsed < 0.8
    kg.close()


# ---- standard clients -----------------------------------------------------------------------------------


def test_sparqlwrapper_and_rdflib_clients():
    from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

    kg = synthetic_kg()
    with live_server(kg) as server:
        endpoint = f"{server.url}/sparql"
        sw = SPARQLWrapper(endpoint)
        sw.setQuery(SELECT_VETO)
        sw.setReturnFormat(JSON)
        result = sw.query().convert()
        assert result["results"]["bindings"][0]["agent"]["value"].endswith("actor/russia")
        sw.setQuery(f"CONSTRUCT {{ <{VETO}> ?p ?o }} WHERE {{ <{VETO}> ?p ?o }}")
        sw.setReturnFormat(TURTLE)
        assert len(Graph().parse(data=sw.query().convert(), format="turtle")) >= 5
        sw = SPARQLWrapper(endpoint, updateEndpoint=endpoint)
        sw.addCustomHttpHeader("Authorization", f"Bearer {server.tokens['editor']}")
        sw.setMethod(POST)
        sw.setQuery("INSERT DATA { GRAPH <http://example.org/sw> { <http://example.org/a> <http://example.org/b> 1 } }")
        sw.query()

        store = SPARQLStore(endpoint)
        g = Graph(store=store)
        rows = list(g.query(f"SELECT ?t WHERE {{ <{VETO}> a ?t }}"))
        assert any(str(r[0]).endswith("#Veto") for r in rows)
        update_store = SPARQLUpdateStore(endpoint, endpoint, auth=None,
                                         headers={"Authorization": f"Bearer {server.tokens['editor']}"})
        from rdflib import Literal, URIRef

        ug = Graph(store=update_store, identifier=URIRef("http://example.org/rdflib"))
        ug.add((URIRef("http://example.org/x"), URIRef("http://example.org/y"), Literal("z")))
        assert (URIRef("http://example.org/x"), URIRef("http://example.org/y"), Literal("z")) in ug
        events = [e for e in kg.log.read() if e.type == "GraphPatched"]
        assert {e.principal for e in events} == {"test-editor"} and len(events) == 2
    kg.close()
