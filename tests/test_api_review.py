"""Extraction and review over HTTP: POST /articles?extract=true, the /review queue, /disagreements.

The seed article is read by the real extractor against the shipped reference data; a second outlet's report of the
same veto becomes a second source of the one veto event, and the ordinal they disagree on (fifth vs sixth) is listed
with both sources. Every review step is an event in the log; refused requests write nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from dkg.api.app import create_app
from dkg.api.state import ApiConfig
from dkg.kg import KnowledgeGraph
from dkg.refdata import load_reference_data
from dkg.review import DEFAULT_THRESHOLD
from fastapi.testclient import TestClient
from test_api_support import make_tokens

from conftest import SEED_TEXT, copy_of

TEXT = SEED_TEXT.read_text(encoding="utf-8")
SEED = {"text": TEXT, "published": "2016-10-10", "title": "France pressing for war crimes investigation in Aleppo"}
SIXTH = {"text": "Russia vetoed a resolution drafted by France at the UN Security Council on Saturday. This is the "
                 "sixth time Russia has vetoed a resolution on Syria.",
         "published": "2016-10-09", "title": "Another outlet: a sixth Russian veto", "url": "https://example.org/sixth"}
RUSSIA = "https://w3id.org/dkg/id/actor/russia"
WHO_VETOED = """SELECT DISTINCT ?who WHERE { ?veto a dkg:Veto ; dkg:agent ?who ; dkg:resolution ?draft .
    ?draft dkg:sponsor <https://w3id.org/dkg/id/actor/france> . }"""
VETOES = "SELECT DISTINCT ?e WHERE { ?e a dkg:Veto }"


@pytest.fixture(scope="module")
def base() -> Iterator[KnowledgeGraph]:
    """A knowledge graph with the reference data (ontology, gazetteer, codes)."""
    kg = KnowledgeGraph.in_memory()
    load_reference_data(kg)
    yield kg
    kg.close()


class Api:
    """A client over a fresh copy of the base knowledge graph, with its tokens."""

    def __init__(self, client: TestClient, kg: KnowledgeGraph, tokens: dict[str, str]) -> None:
        self.client, self.kg, self.tokens = client, kg, tokens

    def auth(self, role: str = "editor") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def ingest(self, article: dict[str, Any], **params: Any) -> dict[str, Any]:
        r = self.client.post("/articles", params={"extract": "true", **params}, json=article, headers=self.auth())
        assert r.status_code in (200, 201), r.text
        return r.json()

    def sparql(self, query: str, **params: Any) -> list[dict[str, str]]:
        r = self.client.get("/sparql", params={"query": query, **params},
                            headers={"Accept": "application/sparql-results+json"})
        assert r.status_code == 200, r.text
        return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]

    def log_types(self, after: int) -> list[tuple[str, str]]:
        events = self.client.get("/log", params={"after": after}).json()["events"]
        return [(e["type"], e["principal"]) for e in events]


def _api(base: KnowledgeGraph, config: ApiConfig | None = None) -> Iterator[Api]:
    kg = copy_of(base)
    tokens = make_tokens(kg)  # tokens live beside the log's events, not in them: a copy needs its own
    with TestClient(create_app(kg, config)) as client:
        yield Api(client, kg, tokens)
    kg.close()


@pytest.fixture
def api(base: KnowledgeGraph) -> Iterator[Api]:
    """A server over a fresh copy of the base knowledge graph."""
    yield from _api(base)


@pytest.fixture
def queued(api: Api) -> tuple[Api, dict[str, Any]]:
    """The seed read with a threshold no fact reaches: every fact waits for review."""
    return api, api.ingest(SEED, threshold=0.99)


# ---- extraction ----------------------------------------------------------------------------------------------


def test_extract_records_the_seed_and_sparql_answers_russia(api: Api) -> None:
    head = api.kg.log.head()
    r = api.client.post("/articles", params={"extract": "true"}, json=SEED, headers=api.auth())
    assert r.status_code == 201, r.text
    body = r.json()
    report = body["report"]
    assert report["threshold"] == DEFAULT_THRESHOLD
    assert len(report["recorded"]) >= 10 and report["already_recorded"] == []
    assert body["assertions"] == [x["assertion"] for x in report["recorded"]]
    assert body["version"] == api.kg.log.head() == body["events"][-1] and r.headers["DKG-Version"] == str(
        body["version"])
    assert body["events"] == list(range(head + 1, body["version"] + 1))  # every event appended is named
    assert r.headers["Location"] == body["location"] and body["location"].endswith(f"/log/{body['version']}")
    types = [t for t, _p in api.log_types(head)]
    assert types[0] == "ArticleRegistered" and types.count("FactsAsserted") == len(report["recorded"])
    for x in report["recorded"]:
        status = api.kg.assertion_status(x["assertion"])
        assert status is not None and str(status["source"]) == body["article"]
    assert api.sparql(WHO_VETOED) == [{"who": RUSSIA}]
    veto = [x for x in report["recorded"] if x["fact"].startswith("veto-")]
    assert len(veto) == 1, report["recorded"]


def test_reposting_the_same_article_records_nothing_twice(api: Api) -> None:
    first = api.ingest(SEED)
    facts = api.sparql("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s a ?t } "
                       "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/dkg/id/assertion/')) }")
    head = api.kg.log.head()
    r = api.client.post("/articles", params={"extract": "true"}, json=SEED, headers=api.auth())
    assert r.status_code == 200, r.text
    again = r.json()
    assert again["events"] == [] and again["version"] == head == api.kg.log.head()
    assert again["article"] == first["article"] and again["assertions"] == []
    assert again["report"]["recorded"] == []
    assert sorted(again["report"]["already_recorded"]) == sorted(x["fact"] for x in first["report"]["recorded"])
    assert api.sparql("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s a ?t } "
                      "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/dkg/id/assertion/')) }") == facts
    assert len(api.sparql(VETOES)) == 1
    moved = api.client.post("/articles", params={"extract": "true"}, json={**SEED, "published": "2016-10-11"},
                            headers=api.auth())  # fmt: skip
    assert moved.status_code == 409 and moved.json()["error"] == "article_date_conflict", moved.text
    assert "2016-10-10" in moved.json()["message"] and api.kg.log.head() == head


def test_reposting_does_not_queue_the_same_facts_twice(queued: tuple[Api, dict[str, Any]]) -> None:
    api, first = queued
    again = api.ingest(SEED, threshold=0.99)
    assert again["report"]["queued"] == []
    assert api.client.get("/review").json()["total"] == len(first["report"]["queued"])


def test_a_second_source_joins_the_veto_and_the_disagreement_is_listed(api: Api) -> None:
    seed = api.ingest(SEED)
    before_second = api.kg.log.head()
    assert api.client.get("/disagreements").json()["total"] == 0
    second = api.ingest(SIXTH)
    vetoes = api.sparql(VETOES)
    assert len(vetoes) == 1, vetoes
    veto = vetoes[0]["e"]
    assert veto in second["report"]["matched"].values()
    assert any(x["fact"] == veto.rsplit("/", 1)[-1] for x in second["report"]["recorded"])
    detail = api.client.get(f"/events/{veto.rsplit('/', 1)[-1]}").json()
    assert sorted(s["title"] for s in detail["sources"]) == sorted([SEED["title"], SIXTH["title"]])

    r = api.client.get("/disagreements")
    assert r.status_code == 200 and r.headers["DKG-Version"] == str(api.kg.log.head())
    body = r.json()
    ordinals = [d for d in body["disagreements"] if d["property"].endswith("#ordinal")]
    assert sorted((d["value"], d["source"]) for d in ordinals) == [("5", seed["article"]), ("6", second["article"])]
    assert all(d["event"] == veto for d in ordinals)
    assert {d["assertion"] for d in ordinals} <= set(seed["assertions"]) | set(second["assertions"])
    one = api.client.get("/disagreements", params={"event": veto}).json()
    assert one["disagreements"] == [d for d in body["disagreements"] if d["event"] == veto]
    by_id = api.client.get("/disagreements", params={"event": veto.rsplit("/", 1)[-1]}).json()
    assert by_id["disagreements"] == one["disagreements"]
    other = api.client.get("/disagreements", params={"event": "https://w3id.org/dkg/id/event/nothing"}).json()
    assert other["total"] == 0 and other["disagreements"] == []
    page = api.client.get("/disagreements", params={"limit": 1}).json()
    assert page["total"] == body["total"] and len(page["disagreements"]) == 1 and page["truncated"] is True
    past = api.client.get("/disagreements", params={"asOf": before_second})
    assert past.json()["total"] == 0 and past.headers["DKG-Version"] == str(before_second)
    assert api.client.get("/disagreements", params={"event": "no spaces allowed"}).status_code == 400


def test_without_matching_the_second_report_is_a_second_event(api: Api) -> None:
    api.ingest(SEED)
    api.ingest(SIXTH, match="false")
    assert len(api.sparql(VETOES)) == 2


def test_without_extract_the_route_only_registers(api: Api) -> None:
    head = api.kg.log.head()
    r = api.client.post("/articles", params={"threshold": 0.99}, json=SEED, headers=api.auth())
    assert r.status_code == 201, r.text
    assert set(r.json()) == {"version", "events", "article", "location"}
    assert [t for t, _p in api.log_types(head)] == ["ArticleRegistered"]
    assert api.sparql(VETOES) == []


def test_extract_refusals_write_nothing(api: Api) -> None:
    head = api.kg.log.head()
    post = api.client.post
    no_date = post("/articles", params={"extract": "true"}, json={"text": TEXT}, headers=api.auth())
    assert no_date.status_code == 400 and no_date.json()["error"] == "missing_published"
    far = post("/articles", params={"extract": "true"}, json={**SEED, "published": "0001-01-01"}, headers=api.auth())
    assert far.status_code == 400 and far.json()["error"] == "published_out_of_range"
    for text in ("", " \n\t "):  # an empty article is refused, not registered
        empty = post("/articles", params={"extract": "true"}, json={**SEED, "text": text}, headers=api.auth())
        assert empty.status_code == 400 and empty.json()["error"] == "bad_request", empty.text
    for threshold in ("1.5", "-0.1", "high"):
        bad = post("/articles", params={"extract": "true", "threshold": threshold}, json=SEED, headers=api.auth())
        assert bad.status_code == 400 and bad.json()["error"] == "bad_request", threshold
    assert post("/articles", params={"extract": "true"}, json=SEED).status_code == 401
    reader = post("/articles", params={"extract": "true"}, json=SEED, headers=api.auth("reader"))
    assert reader.status_code == 403 and reader.json()["error"] == "forbidden"
    stale = post("/articles", params={"extract": "true"}, json=SEED, headers={**api.auth(), "If-Match": '"1"'})
    assert stale.status_code == 412 and stale.json()["details"]["current_version"] == head
    assert api.kg.log.head() == head
    fresh = post("/articles", params={"extract": "true", "threshold": 0.99}, json=SEED,
                 headers={**api.auth(), "If-Match": f'"{head}"'})
    assert fresh.status_code == 201 and fresh.json()["report"]["threshold"] == 0.99


# ---- the review queue ------------------------------------------------------------------------------------------


def test_a_high_threshold_queues_every_fact(queued: tuple[Api, dict[str, Any]]) -> None:
    api, body = queued
    report = body["report"]
    assert report["recorded"] == [] and body["assertions"] == [] and len(report["queued"]) >= 10
    assert all(q["reasons"] == [f"confidence {q['confidence']} below 0.99"] for q in report["queued"])
    assert all(q["quote"] and q["quote"] in TEXT for q in report["queued"])
    assert api.sparql(VETOES) == []  # nothing entered the graph
    listed = api.client.get("/review")
    assert listed.status_code == 200 and listed.headers["DKG-Version"] == str(api.kg.log.head())
    page = listed.json()
    assert page["total"] == len(report["queued"]) and page["truncated"] is False
    assert [i["id"] for i in page["items"]] == [q["id"] for q in report["queued"]]
    assert all(i["status"] == "pending" and i["article"] == body["article"] for i in page["items"])
    assert all(i["article_meta"]["title"] == SEED["title"] for i in page["items"])
    first = api.client.get("/review", params={"limit": 2}).json()
    rest = api.client.get("/review", params={"limit": 100, "offset": 2}).json()
    assert first["truncated"] is True and len(first["items"]) == 2 and rest["truncated"] is False
    assert [i["id"] for i in first["items"] + rest["items"]] == [i["id"] for i in page["items"]]
    assert api.client.get("/review", params={"status": "accepted"}).json()["total"] == 0
    assert api.client.get("/review", params={"status": "all"}).json()["total"] == page["total"]
    assert api.client.get("/review", params={"status": "maybe"}).status_code == 400
    before = api.client.get("/review", params={"asOf": body["events"][0]}).json()
    assert before["total"] == 0 and before["version"] == body["events"][0]


def _item(body: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(q for q in body["report"]["queued"] if q["type"] == kind)


def _draft_of(api: Api, body: dict[str, Any], veto: dict[str, Any]) -> dict[str, Any]:
    """The queued draft resolution the veto is about (the shapes want it in the graph before the veto)."""
    def fact(item: dict[str, Any]) -> dict[str, Any]:
        return api.client.get(f"/review/{item['id']}").json()["fact"]

    resolution = fact(veto)["resolution"]
    drafts = [q for q in body["report"]["queued"] if q["type"] == "DraftResolution"]
    return next(q for q in drafts if f"resolution/{fact(q)['id']}" == resolution)


def test_review_round_trip_each_step_a_log_event(queued: tuple[Api, dict[str, Any]]) -> None:
    api, body = queued
    veto = _item(body, "Veto")
    other = next(q for q in body["report"]["queued"] if q["type"] not in ("Veto", "DraftResolution"))
    start = api.kg.log.head()
    shown = api.client.get(f"/review/{veto['id'][:8]}")
    assert shown.status_code == 200 and shown.json()["id"] == veto["id"] and shown.json()["fact"]["type"] == "Veto"
    assert shown.headers["DKG-Version"] == str(start)

    edited = api.client.patch(f"/review/{veto['id']}", json={"changes": {"date": "2016-10-08", "relative": None}},
                              headers=api.auth())
    assert edited.status_code == 200, edited.text
    e = edited.json()
    assert e["version"] == start + 1 and e["events"] == [start + 1] and edited.headers["Location"] == e["location"]
    assert e["item"]["edits"] == 1 and e["item"]["fact"]["date"] == "2016-10-08" and "relative" not in e["item"]["fact"]

    alias = api.client.post(f"/review/{other['id']}/edit", json={"changes": {"confidence": 0.95}}, headers=api.auth())
    assert alias.status_code == 200 and alias.json()["item"]["confidence"] == 0.95

    too_soon = api.client.post(f"/review/{veto['id']}/accept", headers=api.auth())
    draft = _draft_of(api, body, veto)
    assert too_soon.status_code == 409 and api.kg.log.head() == start + 2  # its draft resolution waits in review
    assert too_soon.json()["error"] == "pending_dependency" and draft["id"][:8] in too_soon.json()["message"]
    assert api.client.post(f"/review/{draft['id']}/accept", headers=api.auth()).json()["events"] == [start + 3,
                                                                                                     start + 4]
    accepted = api.client.post(f"/review/{veto['id']}/accept", json={"note": "checked against the UN record"},
                               headers=api.auth())
    assert accepted.status_code == 201, accepted.text
    a = accepted.json()
    assert a["item"]["status"] == "accepted" and a["item"]["decision_reason"] == "checked against the UN record"
    assert len(a["assertions"]) == 1 and a["item"]["assertions"] == a["assertions"]
    assert a["events"] == [start + 5, start + 6] and a["version"] == start + 6
    assert accepted.headers["Location"].endswith(f"/log/{start + 6}")
    assert str(api.kg.assertion_status(a["assertions"][0])["source"]) == body["article"]
    rows = api.sparql("SELECT ?who ?date WHERE { ?v a dkg:Veto ; dkg:agent ?who ; dkg:date ?date }")
    assert rows == [{"who": RUSSIA, "date": "2016-10-08"}]  # the edited fact is what was recorded

    rejected = api.client.post(f"/review/{other['id']}/reject", json={"reason": "the article only reports it"},
                               headers=api.auth())
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["item"]["status"] == "rejected" and rejected.json()["events"] == [start + 7]
    assert rejected.json()["item"]["decision_reason"] == "the article only reports it"

    editor = "test-editor"
    assert api.log_types(start) == [("ReviewEdited", editor), ("ReviewEdited", editor), ("FactsAsserted", editor),
                                    ("ReviewDecided", editor), ("FactsAsserted", editor), ("ReviewDecided", editor),
                                    ("ReviewDecided", editor)]
    done = api.client.get("/review", params={"status": "accepted"}).json()
    assert {i["id"] for i in done["items"]} == {veto["id"], draft["id"]}
    assert all(i["decided_by"] == editor for i in done["items"])
    assert [i["id"] for i in api.client.get("/review", params={"status": "rejected"}).json()["items"]] == [
        other["id"]]
    pending = api.client.get("/review").json()
    assert pending["total"] == len(body["report"]["queued"]) - 3
    then = api.client.get(f"/review/{veto['id']}", params={"asOf": start + 1}).json()
    assert then["status"] == "pending" and then["edits"] == 1


def test_accepting_a_fact_the_shapes_refuse_is_422_and_it_stays_pending(queued: tuple[Api, dict[str, Any]]) -> None:
    api, body = queued
    veto = _item(body, "Veto")
    turkey = api.client.patch(f"/review/{veto['id']}", json={"changes": {"agent": "actor/turkey"}},
                              headers=api.auth())
    assert turkey.status_code == 200, turkey.text  # it compiles; SHACL judges it when it is accepted
    head = api.kg.log.head()
    r = api.client.post(f"/review/{veto['id']}/accept", headers=api.auth())
    assert r.status_code == 422 and r.json()["error"] == "shacl_violation"
    assert any("permanent member" in v["message"] for v in r.json()["details"]["report"]["violations"])
    assert api.kg.log.head() == head
    assert api.client.get(f"/review/{veto['id']}").json()["status"] == "pending"
    rejected = api.client.post(f"/review/{veto['id']}/reject", json={"reason": "Turkey has no veto"},
                               headers=api.auth())
    assert rejected.status_code == 200


def test_review_refusals_are_precise_and_write_nothing(queued: tuple[Api, dict[str, Any]]) -> None:
    api, body = queued
    veto, other = _item(body, "Veto"), body["report"]["queued"][0]
    c, auth = api.client, api.auth()
    head = api.kg.log.head()

    def refused(r: Any, status: int, code: str) -> None:
        assert r.status_code == status and r.json()["error"] == code, r.text
        assert api.kg.log.head() == head

    for method, path, payload in (("post", f"/review/{veto['id']}/accept", None),
                                  ("post", f"/review/{veto['id']}/reject", {"reason": "no"}),
                                  ("patch", f"/review/{veto['id']}", {"changes": {"modality": "reported"}}),
                                  ("post", f"/review/{veto['id']}/edit", {"changes": {"modality": "reported"}})):
        refused(c.request(method, path, json=payload), 401, "unauthorized")
        refused(c.request(method, path, json=payload, headers=api.auth("reader")), 403, "forbidden")
        refused(c.request(method, path, json=payload, headers={**auth, "If-Match": '"2"'}), 412, "stale_version")
    refused(c.get("/review/0000dead"), 404, "unknown_review_item")
    refused(c.post("/review/0000dead/accept", headers=auth), 404, "unknown_review_item")
    refused(c.post("/review/0000dead/reject", json={"reason": "x"}, headers=auth), 404, "unknown_review_item")
    refused(c.patch("/review/0000dead", json={"changes": {"modality": "reported"}}, headers=auth), 404,
            "unknown_review_item")
    prefix, n = Counter(q["id"][0] for q in body["report"]["queued"]).most_common(1)[0]
    assert n > 1  # more items than hex digits: two share a first character
    refused(c.get(f"/review/{prefix}"), 400, "ambiguous_review_item")
    refused(c.post(f"/review/{veto['id']}/reject", json={"reason": ""}, headers=auth), 400, "bad_request")
    refused(c.post(f"/review/{veto['id']}/reject", json={"reason": "   "}, headers=auth), 400, "missing_reason")
    refused(c.post(f"/review/{veto['id']}/reject", json={"reason": "   "}), 401, "unauthorized")
    refused(c.post(f"/review/{veto['id']}/reject", json={}, headers=auth), 400, "bad_request")
    refused(c.post(f"/review/{veto['id']}/reject", headers=auth), 400, "bad_request")
    refused(c.post(f"/review/{veto['id']}/accept", json={"note": 5}, headers=auth), 400, "bad_request")
    for edit in ({}, {"changes": {}}, {"changes": {"a": 1}, "fact": {"id": "x"}}, {"fact": []}):
        refused(c.patch(f"/review/{veto['id']}", json=edit, headers=auth), 400, "bad_request")
    refused(c.patch(f"/review/{veto['id']}", json={"changes": {"modality": "bogus"}}, headers=auth), 400,
            "fact_does_not_compile")
    refused(c.patch(f"/review/{veto['id']}", json={"changes": {"agent": "actor/narnia"}}, headers=auth), 400,
            "fact_does_not_compile")
    refused(c.post(f"/review/{veto['id']}/edit", json={"fact": {"type": "Veto"}}, headers=auth), 400, "bad_edit")
    refused(c.patch(f"/review/{veto['id']}", json={"changes": {"id": None}}, headers=auth), 400, "bad_edit")
    assert c.get(f"/review/{veto['id']}").json()["edits"] == 0

    assert c.post(f"/review/{other['id']}/reject", json={"reason": "duplicate"}, headers=auth).status_code == 200
    head = api.kg.log.head()
    refused(c.post(f"/review/{other['id']}/reject", json={"reason": "again"}, headers=auth), 409, "already_decided")
    refused(c.post(f"/review/{other['id']}/accept", headers=auth), 409, "already_decided")
    refused(c.patch(f"/review/{other['id']}", json={"changes": {"modality": "reported"}}, headers=auth), 409,
            "already_decided")
    draft = _draft_of(api, body, veto)
    assert c.post(f"/review/{draft['id']}/accept", headers=auth).status_code == 201
    head = api.kg.log.head()
    assert c.post(f"/review/{veto['id']}/accept", headers={**auth, "If-Match": f'"{head}"'}).status_code == 201
    head = api.kg.log.head()
    refused(c.post(f"/review/{veto['id']}/accept", headers=auth), 409, "already_decided")


def test_reads_follow_the_read_policy(base: KnowledgeGraph) -> None:
    for api in _api(base, ApiConfig(public_reads=False, query_isolation="thread")):
        for path in ("/review", "/review/0000dead", "/disagreements"):
            assert api.client.get(path).status_code == 401, path
        assert api.client.get("/review", headers=api.auth("reader")).status_code == 200
        assert api.client.get("/disagreements", headers=api.auth("reader")).status_code == 200
        assert api.client.get("/review/0000dead", headers=api.auth("reader")).status_code == 404


def test_the_openapi_document_describes_extraction_and_review(api: Api) -> None:
    doc = api.client.get("/openapi.json").json()
    params = {p["name"]: p for p in doc["paths"]["/articles"]["post"]["parameters"]}
    assert set(params) == {"extract", "threshold", "match"}
    assert f"default {DEFAULT_THRESHOLD}" in params["threshold"]["description"]
    expected = {"/review": {"get"}, "/review/{item_id}": {"get", "patch"}, "/review/{item_id}/accept": {"post"},
                "/review/{item_id}/reject": {"post"}, "/review/{item_id}/edit": {"post"}, "/disagreements": {"get"}}
    for path, methods in expected.items():
        assert set(doc["paths"][path]) == methods, path
        for method in methods:
            op = doc["paths"][path][method]
            assert op["summary"] and "400" in op["responses"] and "401" in op["responses"], (path, method)
    assert {"404", "409", "412", "422"} <= set(doc["paths"]["/review/{item_id}/accept"]["post"]["responses"])
