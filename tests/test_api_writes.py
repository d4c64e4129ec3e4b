"""Writes through the log: /articles, /assertions (JSON envelope, RDF body, fact sheet), retractions, merges;
SHACL 422 with the report, 400 for malformed input, 412 for a stale If-Match, 201 with the event's location."""

from __future__ import annotations

from datetime import date

import pytest
from dkg.api.app import create_app
from dkg.drafts import ArticleRecord
from dkg.kg import KnowledgeGraph
from dkg.validation import ontology_graph
from fastapi.testclient import TestClient
from rdflib import Graph
from test_api_support import _GAZETTEER, _PREFIXES, SEED_TEXT_FILE, make_tokens

TEXT = SEED_TEXT_FILE.read_text()
OPPOSITION = """<event/france-opposes-russian-advance> a dkg:Opposition ; dkg:agent <actor/france> ;
    dkg:target <actor/russia> ; dkg:place <place/aleppo> ; dkg:modality dkg:Reported ; dkg:quadClass 3 ;
    dkg:goldstein -2.0 ; dkg:validFrom "2016-10-10"^^xsd:date ; dkg:validTo "2016-10-10"^^xsd:date ."""
QUOTE = "France is standing firmly against the Russian advance on the city"
# France is not a permanent member of the forum named here: the veto shape refuses it
BAD_VETO = """<event/bad-veto> a dkg:Veto ; dkg:agent <actor/france> ; dkg:forum <actor/un-security-council> ;
    dkg:resolution <resolution/r1> ; dkg:modality dkg:Completed ;
    dkg:validFrom "2016-10-08"^^xsd:date ; dkg:validTo "2016-10-08"^^xsd:date .
    <resolution/r1> a dkg:DraftResolution ; dkg:sponsor <actor/russia> ."""


@pytest.fixture
def api():
    """SHACL on, with the ontology and a small gazetteer; the seed article registered."""
    kg = KnowledgeGraph.in_memory()
    kg.load_reference("ontology", ontology_graph(), "test")
    kg.load_reference("gazetteer", Graph().parse(data=_PREFIXES + _GAZETTEER, format="turtle"), "test")
    article = ArticleRecord(text=TEXT, title="France pressing for war crimes investigation in Aleppo",
                            published=date(2016, 10, 10))
    kg.register_article(article, "test")
    tokens = make_tokens(kg)
    with TestClient(create_app(kg)) as client:
        yield client, kg, {"Authorization": f"Bearer {tokens['editor']}"}, article.iri(kg.base)
    kg.close()


def test_register_article(api):
    client, kg, auth, _ = api
    body = {"text": "Turkey and Russia agreed on aid to Aleppo.", "title": "Aid", "published": "2016-10-11"}
    assert client.post("/articles", json=body).status_code == 401
    r = client.post("/articles", json=body, headers=auth)
    assert r.status_code == 201, r.text
    assert r.json()["article"].startswith(kg.base + "article/")
    assert r.headers["Location"].endswith(f"/log/{kg.log.head()}")
    assert r.json()["version"] == kg.log.head() and r.headers["DKG-Version"] == str(kg.log.head())
    again = client.post("/articles", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["events"] == []
    assert client.post("/articles", json={"title": "no text"}, headers=auth).status_code == 400


def test_assert_json_envelope_with_turtle(api):
    client, kg, auth, article = api
    r = client.post("/assertions", json={"source": article, "facts": _PREFIXES + OPPOSITION,
                                         "evidence": [{"quote": QUOTE}], "confidence": 0.9}, headers=auth)
    assert r.status_code == 201, r.text
    event = kg.log.get(r.json()["events"][0])
    assert event.type == "FactsAsserted" and event.principal == "test-editor"
    assert r.json()["assertions"] == [event.payload["assertion"]]
    detail = client.get("/events/france-opposes-russian-advance").json()
    assert detail["sources"][0]["quotes"] == [QUOTE]
    assert detail["sources"][0]["asserted_by"] == kg.base + "agent/test-editor"


def test_assert_rdf_body_and_jsonld(api):
    client, kg, auth, article = api
    article_id = article.rsplit("/", 1)[-1]
    r = client.post("/assertions", params={"source": article_id, "quote": QUOTE}, content=_PREFIXES + OPPOSITION,
                    headers={**auth, "Content-Type": "text/turtle"})
    assert r.status_code == 201, r.text
    jsonld = {"@context": {"dkg": "https://w3id.org/dkg/ontology#", "xsd": "http://www.w3.org/2001/XMLSchema#"},
              "@id": "https://w3id.org/dkg/id/event/turkey-russia-contacts", "@type": "dkg:Agreement",
              "dkg:participant": [{"@id": "https://w3id.org/dkg/id/actor/turkey"},
                                  {"@id": "https://w3id.org/dkg/id/actor/russia"}],
              "dkg:modality": {"@id": "dkg:Completed"},
              "dkg:validFrom": {"@value": "2016-10-10", "@type": "xsd:date"},
              "dkg:validTo": {"@value": "2016-10-10", "@type": "xsd:date"}}
    r = client.post("/assertions", json={"source": article, "facts": jsonld,
                                         "evidence": [{"quote": "the two sides have agreed to increased military "
                                                                "contacts"}]}, headers=auth)
    assert r.status_code == 201, r.text
    rel = client.get("/relations", params={"a": "Turkey", "b": "Russia"}).json()
    assert [e["type"] for e in rel["events"]] == ["Agreement"]


def test_shacl_violation_is_422_with_report_and_nothing_appended(api):
    client, kg, auth, article = api
    head = kg.log.head()
    envelope = {"source": article, "facts": _PREFIXES + BAD_VETO,
                "evidence": [{"quote": "Russia has recently vetoed a resolution drafted by France at UN"}]}
    r = client.post("/assertions", json=envelope, headers=auth)
    assert r.status_code == 422
    messages = [v["message"] for v in r.json()["details"]["report"]["violations"]]
    assert any("permanent member" in m for m in messages)
    turtle = client.post("/assertions", json=envelope, headers={**auth, "Accept": "text/turtle"})
    assert turtle.status_code == 422 and "sh:ValidationReport" in turtle.text
    assert kg.log.head() == head


def test_bad_input_is_400_or_404(api):
    client, kg, auth, article = api
    bad_rdf = client.post("/assertions", json={"source": article, "facts": "<a> <b> .",
                                               "evidence": [{"quote": QUOTE}]}, headers=auth)
    assert bad_rdf.status_code == 400 and bad_rdf.json()["error"] == "malformed_rdf"
    no_quote = client.post("/assertions", json={"source": article, "facts": _PREFIXES + OPPOSITION,
                                                "evidence": [{"quote": "not in the article"}]}, headers=auth)
    assert no_quote.status_code == 400 and no_quote.json()["error"] == "evidence_not_in_source"
    unknown = client.post("/assertions", json={"source": "0000000000000000", "facts": _PREFIXES + OPPOSITION,
                                               "evidence": [{"quote": QUOTE}]}, headers=auth)
    assert unknown.status_code == 404
    not_json = client.post("/assertions", content="{", headers={**auth, "Content-Type": "application/json"})
    assert not_json.status_code == 400
    no_source = client.post("/assertions", content=OPPOSITION, headers={**auth, "Content-Type": "text/turtle"})
    assert no_source.status_code == 400 and no_source.json()["error"] == "missing_evidence"


def test_stale_if_match_is_412(api):
    client, kg, auth, article = api
    envelope = {"source": article, "facts": _PREFIXES + OPPOSITION, "evidence": [{"quote": QUOTE}]}
    stale = client.post("/assertions", json=envelope, headers={**auth, "If-Match": f'"{kg.log.head() - 1}"'})
    assert stale.status_code == 412 and stale.json()["error"] == "stale_version"
    ok = client.post("/assertions", json=envelope, headers={**auth, "If-Match": f'W/"{kg.log.head()}"'})
    assert ok.status_code == 201


def test_retract_then_conflict(api):
    client, kg, auth, article = api
    r = client.post("/assertions", json={"source": article, "facts": _PREFIXES + OPPOSITION,
                                         "evidence": [{"quote": QUOTE}]}, headers=auth)
    assertion = r.json()["assertions"][0]
    assertion_id = assertion.rsplit("/", 1)[-1]
    assert client.delete(f"/assertions/{assertion_id}", headers=auth).status_code == 400
    done = client.delete(f"/assertions/{assertion_id}", params={"reason": "misread the article"}, headers=auth)
    assert done.status_code == 200 and done.json()["retracted"] == assertion
    assert kg.log.get(done.json()["events"][0]).type == "FactsRetracted"
    assert client.get("/events/france-opposes-russian-advance").status_code == 404
    assert client.get("/events/france-opposes-russian-advance",
                      params={"asOf": str(done.json()["version"] - 1)}).status_code == 200
    again = client.request("DELETE", f"/assertions/{assertion_id}", json={"reason": "twice"}, headers=auth)
    assert again.status_code == 409
    assert client.delete("/assertions/nope", params={"reason": "x"}, headers=auth).status_code == 404


def test_merge(api):
    client, kg, auth, _ = api
    dup = kg.base + "actor/french-republic"
    update = (f"INSERT DATA {{ GRAPH <http://example.org/notes> {{ <{dup}> <http://example.org/note> \"dup\" }} }}")
    assert client.post("/sparql", data={"update": update}, headers=auth).status_code == 200
    r = client.post("/merges", json={"duplicates": [dup], "into": kg.base + "actor/france", "reason": "same state"},
                    headers=auth)
    assert r.status_code == 201, r.text
    assert kg.log.get(r.json()["events"][0]).type == "EntitiesMerged"
    ask = client.get("/sparql", params={"query": f"ASK {{ <{dup}> owl:sameAs <{kg.base}actor/france> }}"})
    assert ask.json()["boolean"] is True
    assert client.post("/merges", json={"duplicates": [dup], "into": dup}, headers=auth).status_code == 400


def test_fact_sheet_must_carry_its_text_inline(api):
    client, _, auth, _ = api
    file_ref = client.post("/assertions", content="article:\n  text_file: /etc/passwd\nfacts: []\n",
                           headers={**auth, "Content-Type": "application/yaml"})
    assert file_ref.status_code == 400 and file_ref.json()["error"] == "bad_sheet"
    broken = client.post("/assertions", content="article: [", headers={**auth, "Content-Type": "application/yaml"})
    assert broken.status_code == 400 and broken.json()["error"] == "malformed_yaml"


def test_fact_sheet_yaml(api):
    pytest.importorskip("dkg.factsheet")
    client, kg, auth, _ = api
    sheet = f"""article:
  title: Opposition
  published: 2016-10-10
  text: {TEXT.splitlines()[2][:400]!r}
facts:
  - id: france-opposes-offensive
    type: Opposition
    modality: reported
    agent: france
    target: russia
    date: 2016-10-10
    evidence:
      - quote: In its efforts to come to help to the people of Aleppo
"""
    r = client.post("/assertions", content=sheet, headers={**auth, "Content-Type": "application/yaml"})
    assert r.status_code == 201, r.text
    assert kg.log.get(r.json()["events"][-1]).type == "FactsAsserted"


def test_jsonld_with_dkgs_own_context_is_read_locally(api):
    client, kg, auth, article = api
    doc = {"@context": "https://w3id.org/dkg/context.jsonld",
           "@id": "https://w3id.org/dkg/id/event/france-opposes-russian-advance", "@type": "Opposition",
           "dkg:agent": {"@id": "https://w3id.org/dkg/id/actor/france"},
           "dkg:target": {"@id": "https://w3id.org/dkg/id/actor/russia"},
           "dkg:modality": {"@id": "dkg:Reported"}}
    r = client.post("/assertions", json={"source": article, "facts": doc, "evidence": [{"quote": QUOTE}]},
                    headers=auth)
    assert r.status_code == 201, r.text
    ask = f"ASK {{ <{kg.base}event/france-opposes-russian-advance> a dkg:Opposition ; dkg:target ?t }}"
    assert client.get("/sparql", params={"query": ask}).json()["boolean"] is True
