"""The W3C SPARQL 1.1 Protocol test suite (34 tests) against a live dkg server.

The manifest's `ut:graphData` (data1.nt…) is loaded by the harness as `INSERT DATA` through the server's
own update endpoint (the product never fetches URLs); each test starts from an emptied store.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
from dkg.config import Settings
from dkg.kg import KnowledgeGraph
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from test_api_support import live_server

SUITE = Path("/work/shared/w3c/sparql11-protocol")
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"

pytestmark = pytest.mark.skipif(not (SUITE / "manifest.ttl").exists(), reason="W3C protocol suite not present")


def _manifest() -> tuple[Graph, list[URIRef]]:
    g = Graph().parse(SUITE / "manifest.ttl", format="turtle", publicID=SUITE.as_uri() + "/manifest.ttl")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    return g, list(Collection(g, g.value(manifest, MF.entries)))


def _tests() -> list:
    if not (SUITE / "manifest.ttl").exists():
        return []
    g, entries = _manifest()
    return [pytest.param(entry, id=str(entry).rsplit("#", 1)[-1]) for entry in entries]


@pytest.fixture(scope="module", params=["memory", "disk"])
def server(request, tmp_path_factory):
    """The suite runs against an in-memory knowledge base (queries in threads) and an on-disk one (queries in
    killable worker processes reading checkpoints)."""
    if request.param == "memory":
        kg = KnowledgeGraph.in_memory()
    else:
        settings = Settings.load(tmp_path_factory.mktemp("w3c") / "kb")
        settings.save()
        kg = KnowledgeGraph.open(settings)
    with live_server(kg) as srv:
        if request.param == "disk":
            assert srv.app.state.dkg.processes is not None
        yield srv
    kg.close()


@pytest.fixture(scope="module")
def manifest() -> Graph:
    return _manifest()[0]


def _reset(server, g: Graph, test: URIRef, client: httpx.Client) -> None:
    """Empty the store, then load the test's graph data with INSERT DATA."""
    r = client.post("/sparql", content="DROP ALL", headers={**server.auth("admin"),
                                                            "Content-Type": "application/sparql-update"})
    assert r.status_code == 200, r.text
    for data in g.objects(test, UT.graphData):
        name = str(g.value(data, RDFS.label))
        path = SUITE / str(g.value(data, UT.graph)).rsplit("/", 1)[-1]
        body = f"INSERT DATA {{ GRAPH <{name}> {{ {path.read_text()} }} }}"
        r = client.post("/sparql", content=body, headers={**server.auth("admin"),
                                                          "Content-Type": "application/sparql-update"})
        assert r.status_code == 200, r.text


def _check_response(g: Graph, resp_node, r: httpx.Response) -> None:
    statuses = {str(s).replace(HTS, "") for s in g.objects(resp_node, MF.expectedStatus)}
    assert f"{r.status_code // 100}xx" in statuses, f"status {r.status_code} not in {statuses}: {r.text[:300]}"
    if r.status_code >= 400:
        assert r.headers["content-type"].startswith("application/json")
        assert "error" in r.json()
        return
    fmt = g.value(resp_node, MF.expectedFormat)
    media = r.headers.get("content-type", "").split(";")[0].strip()
    if fmt is not None and str(fmt) == "boolean":
        assert media in ("application/sparql-results+json", "application/sparql-results+xml")
        if media.endswith("json"):
            value = json.loads(r.text)["boolean"]
        else:
            root = ElementTree.fromstring(r.content)
            value = root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"
        expected = g.value(resp_node, MF.expectedBoolean)
        if expected is not None:
            assert value is expected.toPython()
    elif fmt is not None and str(fmt) == "tabular":
        assert media in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                         "text/tab-separated-values")
    elif fmt is not None and str(fmt) == "RDF":
        formats = {"application/rdf+xml": "xml", "text/turtle": "turtle", "application/n-triples": "nt"}
        assert media in formats
        Graph().parse(data=r.text, format=formats[media])


@pytest.mark.parametrize("test", _tests())
def test_protocol(server, manifest: Graph, test: URIRef) -> None:
    g = manifest
    with httpx.Client(base_url=server.url, timeout=30) as client:
        _reset(server, g, test, client)
        requests = Collection(g, g.value(g.value(test, MF.action), HT.requests))
        for req in requests:
            path = str(g.value(req, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
            headers = {str(g.value(h, HT.fieldName)): str(g.value(h, HT.fieldValue))
                       for h in Collection(g, g.value(req, HT.headers) or RDF.nil)}
            headers.update(server.auth("admin"))
            body_node = g.value(req, HT.body)
            content = None
            if body_node is not None:
                encoding = str(g.value(body_node, CNT.characterEncoding) or "UTF-8")
                content = str(g.value(body_node, CNT.chars)).encode(encoding.lower())
            r = client.request(str(g.value(req, HT.methodName)), path, content=content, headers=headers)
            _check_response(g, g.value(req, HT.resp), r)


def test_suite_has_34_tests() -> None:
    assert len(_tests()) == 34
