"""The relationship endpoints answer the seed's questions; errors are JSON 4xx."""

from __future__ import annotations

import pytest
from dkg.api.app import create_app
from fastapi.testclient import TestClient
from test_api_support import synthetic_kg


@pytest.fixture(scope="module", params=["memory", "disk"])
def client(request, tmp_path_factory):
    """Answered in threads (in-memory graph) and in worker processes reading checkpoints (on disk)."""
    kg = synthetic_kg(tmp_path_factory.mktemp("rel") / "kb" if request.param == "disk" else None)
    app = create_app(kg)
    assert (app.state.dkg.processes is not None) == (request.param == "disk")
    with TestClient(app) as c:
        yield c
    kg.close()


def test_actors_search_and_detail(client):
    r = client.get("/actors", params={"q": "fren"})
    assert r.status_code == 200
    assert [a["id"] for a in r.json()["actors"]] == ["actor/france"]
    assert r.json()["actors"][0]["wikidata"] == ["Q142"]
    everyone = client.get("/actors").json()
    assert everyone["actors"][0]["label"] == "Russia"  # most events first
    detail = client.get("/actors/Q159").json()
    assert detail["iri"].endswith("actor/russia") and detail["roles"]["agent"] >= 1
    assert client.get("/actors/actor/russia").json()["iri"] == detail["iri"]
    assert client.get("/actors/Atlantis").status_code == 404
    assert client.get("/actors", params={"limit": 0}).status_code == 400


def test_relations_france_russia(client):
    r = client.get("/relations", params={"a": "France", "b": "wd:Q159"})
    assert r.status_code == 200 and r.headers["DKG-Version"]
    body = r.json()
    veto = next(e for e in body["events"] if e["type"] == "Veto")
    assert veto["role_b"] == ["agent"] and veto["role_a"] == ["resolution/sponsor"]
    assert {s["title"] for s in veto["sources"]} == {"France pressing for war crimes investigation in Aleppo",
                                                    "Fifth Russian veto"}
    assert body["summary"]["net_goldstein"] == -6.0
    assert client.get("/relations", params={"a": "France", "b": "France"}).status_code == 400
    assert client.get("/relations", params={"a": "France"}).status_code == 400
    missing = client.get("/relations", params={"a": "France", "b": "Narnia"})
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"


def test_relations_as_of(client):
    past = client.get("/relations", params={"a": "France", "b": "Russia", "asOf": "4"})
    assert past.status_code == 200 and past.headers["DKG-Version"] == "4"
    assert past.json()["events"] == []


def test_counterparts_endpoint(client):
    body = client.get("/actors/Russia/relations").json()
    labels = [c["label"] for c in body["counterparts"]]
    assert labels[:2] == ["France", "Turkey"]
    assert body["counterparts"][1]["summary"]["cooperation"] == 2


def test_paths_endpoint(client):
    body = client.get("/paths", params={"from": "Turkey", "to": "Aleppo", "max": 3}).json()
    assert body["paths"][0]["steps"][0]["event"]["type"] == "AidCooperation"
    assert client.get("/paths", params={"from": "Turkey", "to": "Aleppo", "max": 10}).status_code == 400


def test_timeline_endpoint(client):
    body = client.get("/timeline", params={"actor": "France", "place": "Aleppo"}).json()
    assert [e["type"] for e in body["events"]] == ["Veto", "Vote", "Referral", "Opposition"]
    assert client.get("/timeline", params={"from": "soon"}).status_code == 400
    window = client.get("/timeline", params={"from": "2016-10-09", "to": "2016-10-31"}).json()
    assert {e["type"] for e in window["events"]} >= {"Referral", "Agreement"}


def test_event_endpoint(client):
    body = client.get("/events/russia-veto-s-2016-846").json()
    assert body["type"] == "Veto" and len(body["sources"]) == 2
    assert any(d["property"].endswith("#date") for d in body["disagreements"])
    assert client.get("/events/nothing").status_code == 404


def test_pages_of_relations_timeline_and_counterparts(client):
    """Pages put together give the whole answer; `total` counts it all; the summary covers every event."""
    whole = client.get("/relations", params={"a": "France", "b": "Russia"}).json()
    first = client.get("/relations", params={"a": "France", "b": "Russia", "limit": 1}).json()
    rest = client.get("/relations", params={"a": "France", "b": "Russia", "offset": 1}).json()
    assert first["total"] == whole["total"] == len(whole["events"]) >= 2
    assert first["events"] + rest["events"] == whole["events"] and first["truncated"]
    assert first["summary"] == whole["summary"]
    timeline = client.get("/timeline", params={"actor": "France"}).json()
    pages = [client.get("/timeline", params={"actor": "France", "limit": 2, "offset": k}).json()["events"]
             for k in range(0, timeline["total"], 2)]
    assert [e for page in pages for e in page] == timeline["events"]
    ranking = client.get("/actors/Russia/relations").json()
    second = client.get("/actors/Russia/relations", params={"limit": 1, "offset": 1}).json()
    assert second["counterparts"] == ranking["counterparts"][1:2] and second["total"] == ranking["total"]
    top = ranking["counterparts"][0]
    capped = client.get("/actors/Russia/relations", params={"events_limit": 1}).json()["counterparts"][0]
    assert capped["events"] == top["events"][:1] and capped["event_count"] == top["event_count"] >= 2
    assert client.get("/timeline", params={"actor": "France", "offset": -1}).status_code == 400
