"""Linked data: /id dereferencing, /context.jsonld, /export, /log, /log/stream, /log.rdfp, and the Graph Store
Protocol at /store."""

from __future__ import annotations

import json

import httpx
import pytest
from dkg.api.app import create_app
from dkg.kg import KnowledgeGraph
from dkg.rdfpatch import read_patch
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, URIRef
from test_api_support import live_server, make_tokens, synthetic_kg

BASE = "https://w3id.org/dkg/id/"


@pytest.fixture(scope="module")
def seeded():
    kg = synthetic_kg()
    tokens = make_tokens(kg)
    with TestClient(create_app(kg)) as client:
        yield client, kg, tokens
    kg.close()


@pytest.fixture
def empty():
    kg = KnowledgeGraph.in_memory(validator=None)
    tokens = make_tokens(kg)
    with TestClient(create_app(kg)) as client:
        yield client, kg, {"Authorization": f"Bearer {tokens['editor']}"}
    kg.close()


# ---- /id ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                              ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_minted_iris_dereference_with_content_negotiation(seeded, accept, fmt):
    client, kg, _ = seeded
    r = client.get("/id/actor/france", headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(accept)
    assert r.headers["Vary"] == "Accept" and r.headers["DKG-Version"] == str(kg.version())
    g = Graph().parse(data=r.text, format=fmt)
    assert (URIRef(BASE + "actor/france"), URIRef("http://www.w3.org/2002/07/owl#sameAs"),
            URIRef("http://www.wikidata.org/entity/Q142")) in g


def test_jsonld_uses_the_ontology_context(seeded):
    client, _, _ = seeded
    doc = client.get("/id/event/russia-veto-s-2016-846", headers={"Accept": "application/ld+json"}).json()
    assert "@context" in doc
    text = json.dumps(doc)
    assert "Veto" in text and "https://w3id.org/dkg/ontology#Veto" not in text
    ctx = client.get("/context.jsonld")
    assert ctx.status_code == 200 and ctx.headers["content-type"].startswith("application/ld+json")
    assert ctx.json()["@context"]["dkg"] == "https://w3id.org/dkg/ontology#"


def test_html_shows_facts_and_their_sources(seeded):
    client, _, _ = seeded
    r = client.get("/id/event/russia-veto-s-2016-846", headers={"Accept": "text/html,application/xhtml+xml"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Russia has recently vetoed a resolution drafted by France at UN" in r.text
    assert "Fifth Russian veto" in r.text  # the second source
    assert 'href="http://testserver/id/actor/russia"' in r.text


def test_trig_keeps_the_graphs_stating_each_fact(seeded):
    client, _, _ = seeded
    r = client.get("/id/event/russia-veto-s-2016-846", params={"format": "trig"})
    ds = Dataset()
    ds.parse(data=r.text, format="trig")
    graphs = {str(c.identifier) for c in ds.graphs() if len(c)}
    assert len([g for g in graphs if "/assertion/" in g]) == 2


def test_unknown_iri_is_404_and_as_of_applies(seeded):
    client, kg, _ = seeded
    r = client.get("/id/actor/atlantis")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    past = client.get("/id/event/russia-veto-s-2016-846", params={"asOf": "2"})
    assert past.status_code == 404
    assert client.get("/id/actor/france", params={"format": "png"}).status_code == 406


# ---- exports and the log --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle", "jsonld"])
def test_export_streams_every_format(seeded, fmt):
    client, kg, _ = seeded
    r = client.get("/export", params={"format": fmt})
    assert r.status_code == 200
    assert r.headers["DKG-Version"] == str(kg.version())
    if fmt in ("trig", "nquads"):
        ds = Dataset()
        ds.parse(data=r.text, format=fmt)
        assert len(ds) > 100
        assert "urn:dkg:system" not in r.text
    else:
        assert "russia-veto-s-2016-846" in r.text


def test_export_as_of_and_live_streaming(seeded):
    client, kg, _ = seeded
    past = client.get("/export", params={"format": "nquads", "asOf": "1"})
    assert past.headers["DKG-Version"] == "1" and "russia-veto" not in past.text
    assert client.get("/export", params={"format": "xml"}).status_code == 406
    with live_server(kg) as server, httpx.stream("GET", f"{server.url}/export", params={"format": "nquads"}) as r:
        chunks = [len(c) for c in r.iter_raw()]
    assert sum(chunks) > 10_000


def test_log_pages(seeded):
    client, kg, _ = seeded
    first = client.get("/log", params={"limit": 5}).json()
    assert [e["seq"] for e in first["events"]] == [1, 2, 3, 4, 5]
    assert first["head"] == kg.log.head() and first["next"].endswith("after=5")
    assert "patch" in first["events"][0]["payload"]
    rest = client.get(first["next"].replace("http://testserver", "")).json()
    assert rest["events"][0]["seq"] == 6
    summaries = client.get("/log", params={"full": "false", "after": kg.log.head() - 1}).json()
    assert summaries["next"] is None and "payload" not in summaries["events"][0]
    one = client.get("/log/3").json()
    assert one["seq"] == 3 and one["hash"] == kg.log.get(3).hash
    assert client.get("/log/999").status_code == 404


def test_log_rdf_patch(seeded):
    client, kg, _ = seeded
    r = client.get("/log.rdfp", params={"after": 2})
    assert r.headers["content-type"].startswith("application/rdf-patch")
    transactions = list(read_patch(r.text.splitlines(keepends=True)))
    assert len(transactions) == kg.log.head() - 2
    assert str(transactions[0].headers["prev"].value).endswith(kg.log.get(2).id)


def test_log_stream_follows_new_events():
    kg = KnowledgeGraph.in_memory(validator=None)
    with live_server(kg) as server, httpx.Client(base_url=server.url, timeout=10) as client:
        events: list[dict] = []
        with client.stream("GET", "/log/stream", params={"after": 0}) as r:
            assert r.headers["content-type"].startswith("text/event-stream")
            written = False
            for line in r.iter_lines():
                if not written:
                    update = "INSERT DATA { GRAPH <http://example.org/g> { <http://x/a> <http://x/b> 1 } }"
                    w = client.post("/sparql", data={"update": update}, headers=server.auth("editor"))
                    assert w.status_code == 200
                    written = True
                if line.startswith("data: "):
                    events.append(json.loads(line[6:]))
                    break
        assert events[0]["seq"] == 1 and events[0]["type"] == "GraphPatched"
        finite = client.get("/log/stream", params={"after": 0, "follow": "false"})
        assert "id: 1" in finite.text and "event: GraphPatched" in finite.text
    kg.close()


# ---- Graph Store Protocol -------------------------------------------------------------------------------

TTL = "@prefix ex: <http://example.org/> . ex:a ex:p 1 . ex:b ex:p 2 ."


def test_graph_store_put_get_post_delete(empty):
    client, kg, auth = empty
    g = {"graph": "http://example.org/people"}
    created = client.put("/store", params=g, content=TTL, headers={**auth, "Content-Type": "text/turtle"})
    assert created.status_code == 201 and created.json()["event"] == 1
    assert kg.log.get(1).type == "GraphPatched" and kg.log.get(1).principal == "test-editor"
    got = client.get("/store", params=g, headers={"Accept": "application/n-triples"})
    assert got.status_code == 200 and len(Graph().parse(data=got.text, format="nt")) == 2
    head = client.head("/store", params=g)
    assert head.status_code == 200 and head.content == b""
    replaced = client.put("/store", params=g, content="<http://example.org/c> <http://example.org/p> \"3\" .",
                          headers={**auth, "Content-Type": "application/n-triples"})
    assert replaced.status_code == 200 and replaced.json()["removed"] == 2 and replaced.json()["added"] == 1
    added = client.post("/store", params=g, content=TTL, headers={**auth, "Content-Type": "text/turtle"})
    assert added.status_code == 200 and added.json()["added"] == 2
    assert len(Graph().parse(data=client.get("/store", params=g).text, format="turtle")) == 3
    old = client.get("/store", params={**g, "asOf": "1"}, headers={"Accept": "application/n-triples"})
    assert len(Graph().parse(data=old.text, format="nt")) == 2
    deleted = client.delete("/store", params=g, headers=auth)
    assert deleted.status_code == 200 and deleted.json()["removed"] == 3
    assert client.get("/store", params=g).status_code == 404
    assert client.delete("/store", params=g, headers=auth).status_code == 404
    assert kg.log.head() == 4


def test_graph_store_default_graph_new_graph_and_errors(empty):
    client, kg, auth = empty
    r = client.put("/store", params={"default": ""}, content=TTL, headers={**auth, "Content-Type": "text/turtle"})
    assert r.status_code in (200, 201)
    assert len(Graph().parse(data=client.get("/store", params={"default": ""}).text, format="turtle")) == 2
    new = client.post("/store", content=TTL, headers={**auth, "Content-Type": "text/turtle"})
    assert new.status_code == 201 and new.headers["Location"].startswith(kg.base + "upload/")
    assert client.put("/store", params={"graph": "http://example.org/x"}, content="not turtle <",
                      headers={**auth, "Content-Type": "text/turtle"}).status_code == 400
    assert client.put("/store", params={"graph": "http://example.org/x"}, content=TTL,
                      headers={**auth, "Content-Type": "text/csv"}).status_code == 415
    assert client.put("/store", params={"graph": "http://example.org/x"}, content=TTL,
                      headers={"Content-Type": "text/turtle"}).status_code == 401
    assert client.get("/store", params={"graph": "http://example.org/x", "default": ""}).status_code == 400
    whole = client.get("/store", headers={"Accept": "application/n-quads"})
    assert whole.status_code == 200 and whole.text.count("\n") == 4
