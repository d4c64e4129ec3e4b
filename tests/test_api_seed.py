"""Every endpoint family on the real seed (reference data + examples/aleppo-2016.yaml): the seed's questions —
Russia vetoed France's draft, China abstained, Turkey and Russia agreed on aid and military contacts, France's
actions on Aleppo — answered by the API."""

from __future__ import annotations

import pytest
from dkg.api.app import create_app
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph
from test_api_support import SEED_SHEET, make_tokens, seeded_kg

pytestmark = [pytest.mark.skipif(not SEED_SHEET.exists(), reason="the seed fact sheet is not there yet"),
              pytest.mark.slow]  # loading the reference data and the seed takes ~12 s, once for the module


@pytest.fixture(scope="module")
def seed():
    kg = seeded_kg()
    tokens = make_tokens(kg)
    with TestClient(create_app(kg)) as client:
        yield client, kg, tokens
    kg.close()


def _quotes(event: dict) -> list[str]:
    return [q for s in event["sources"] for q in s["quotes"]]


def test_russia_vetoed_frances_draft(seed):
    client, _, _ = seed
    body = client.get("/relations", params={"a": "France", "b": "Russia"}).json()
    veto = next(e for e in body["events"] if e["type"] == "Veto")
    assert veto["role_a"] == ["resolution/sponsor"] and veto["role_b"] == ["agent"]
    assert veto["modality"] == "Completed" and veto["date"] == "2016-10-08"
    assert any("vetoed" in q for q in _quotes(veto))
    assert veto["sources"][0]["title"]
    assert body["summary"]["conflict"] >= 2 and body["summary"]["net_goldstein"] < 0


def test_china_abstained(seed):
    client, _, _ = seed
    body = client.get("/relations", params={"a": "France", "b": "China"}).json()
    vote = next(e for e in body["events"] if e["type"] == "Vote")
    assert "abstainer" in vote["role_b"]
    assert any("abstained" in q for q in _quotes(vote))


def test_turkey_and_russia_agreed_on_aid_and_military_contacts(seed):
    client, _, _ = seed
    body = client.get("/relations", params={"a": "Turkey", "b": "Russia"}).json()
    types = {e["type"] for e in body["events"]}
    assert {"Agreement", "AidCooperation"} <= types
    assert body["summary"]["cooperation"] >= 2 and body["summary"]["net_goldstein"] > 0
    agreement = next(e for e in body["events"] if e["type"] == "Agreement")
    assert agreement["role_a"] == ["participant"] and agreement["role_b"] == ["participant"]


def test_frances_actions_on_aleppo(seed):
    client, _, _ = seed
    body = client.get("/timeline", params={"actor": "France", "place": "Aleppo"}).json()
    types = [e["type"] for e in body["events"]]
    assert {"Referral", "Opposition", "Veto"} <= set(types)
    dated = [e["valid_from"] for e in body["events"] if e["valid_from"]]
    assert dated == sorted(dated)
    referral = next(e for e in body["events"] if e["type"] == "Referral")
    assert referral["actor_roles"] == ["agent"] and referral["modality"] == "Announced"


def test_actors_counterparts_paths_events(seed):
    client, _, _ = seed
    found = client.get("/actors", params={"q": "russia"}).json()["actors"]
    assert found[0]["id"] == "actor/russia" and "Q159" in found[0]["wikidata"]
    assert client.get("/actors/Q142").json()["label"] == "France"
    counterparts = [c["label"] for c in client.get("/actors/Russia/relations").json()["counterparts"]]
    assert {"France", "China", "Turkey"} <= set(counterparts)
    paths = client.get("/paths", params={"from": "Turkey", "to": "Aleppo", "max": 3}).json()["paths"]
    assert paths and paths[0]["length"] == 1
    assert "AidCooperation" in {p["steps"][0]["event"]["type"] for p in paths}
    veto = client.get("/events/russia-veto-s-2016-846").json()
    assert veto["type"] == "Veto" and veto["sources"]
    assert ("Russia", "agent") in {(p["label"], p["role"]) for p in veto["participants"]}


def test_sparql_and_time_travel_on_the_seed(seed):
    client, kg, _ = seed
    q = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a dkg:Veto }"
    assert client.get("/sparql", params={"query": q}).json()["results"]["bindings"][0]["n"]["value"] == "1"
    first_fact = next(e.seq for e in kg.log.read() if e.type == "FactsAsserted")
    before = client.get("/sparql", params={"query": q, "asOf": str(first_fact - 1)})
    assert before.json()["results"]["bindings"][0]["n"]["value"] == "0"
    assert before.headers["DKG-Version"] == str(first_fact - 1)


def test_linked_data_on_the_seed(seed):
    client, kg, _ = seed
    html = client.get("/id/event/russia-veto-s-2016-846", headers={"Accept": "text/html"})
    assert html.status_code == 200 and "vetoed" in html.text
    ttl = client.get("/id/actor/france", headers={"Accept": "text/turtle"})
    assert len(Graph().parse(data=ttl.text, format="turtle")) > 3
    export = client.get("/export", params={"format": "nquads"})
    ds = Dataset()
    ds.parse(data=export.text, format="nquads")
    assert len(ds) > 1000
    log = client.get("/log", params={"limit": 1000, "full": "false"}).json()
    assert len(log["events"]) == kg.log.head()
    prov = client.get("/store", params={"graph": f"{kg.base}graph/provenance"}, headers={"Accept": "text/turtle"})
    assert prov.status_code == 200 and "wasDerivedFrom" in prov.text
    assert client.get("/void").status_code == 200


def test_writes_on_the_seed_are_validated(seed):
    client, kg, tokens = seed
    auth = {"Authorization": f"Bearer {tokens['editor']}"}
    head = kg.log.head()
    update = (f"INSERT DATA {{ GRAPH <http://example.org/x> {{ <{kg.base}event/unsourced-veto> a dkg:Veto ; "
              f"dkg:agent <{kg.base}actor/france> ; dkg:modality dkg:Completed }} }}")
    bad = client.post("/sparql", data={"update": update}, headers=auth)
    assert bad.status_code == 422, bad.text  # no forum, no resolution, France is no permanent member here
    assert bad.json()["details"]["report"]["violations"]
    assert kg.log.head() == head
