"""The relationship questions as core functions (`dkg.relations`), on a seed-shaped knowledge graph."""

from __future__ import annotations

import pytest
from dkg import relations as rel
from test_api_support import synthetic_kg

BASE = "https://w3id.org/dkg/id/"


@pytest.fixture(scope="module")
def kg():
    graph = synthetic_kg()
    yield graph
    graph.close()


@pytest.mark.parametrize("ref", ["France", "france", "French Republic", "Q142", "wd:Q142", BASE + "actor/france",
                                 "actor/france"])
def test_actor_references(kg, ref):
    assert rel.GraphReader(kg).resolve(ref) == BASE + "actor/france"


def test_unknown_actor(kg):
    with pytest.raises(rel.NotFound):
        rel.GraphReader(kg).resolve("Atlantis")
    with pytest.raises(rel.NotFound):
        rel.GraphReader(kg).resolve("Q1")


def test_russia_vetoed_frances_draft(kg):
    answer = rel.relations_between(kg, "France", "Russia")
    veto = next(e for e in answer["events"] if e["type"] == "Veto")
    assert veto["role_a"] == ["resolution/sponsor"] and veto["role_b"] == ["agent"]
    assert veto["modality"] == "Completed" and veto["cameo"] == "1711"
    quotes = [q for s in veto["sources"] for q in s["quotes"]]
    assert "Russia has recently vetoed a resolution drafted by France at UN" in quotes
    assert answer["summary"]["by_quad_class"]["verbal conflict"] == 2
    assert answer["summary"]["net_goldstein"] == -6.0
    dates = [e["valid_from"] for e in answer["events"]]
    assert dates == sorted(dates, reverse=True)
    # either direction
    assert {e["iri"] for e in rel.relations_between(kg, "Russia", "France")["events"]} == \
        {e["iri"] for e in answer["events"]}


def test_china_abstained(kg):
    answer = rel.relations_between(kg, "France", "China")
    vote = answer["events"][0]
    assert vote["type"] == "Vote" and vote["role_b"] == ["abstainer"] and vote["role_a"] == ["resolution/sponsor"]
    assert vote["sources"][0]["quotes"] == ["this time China had abstained from voting"]


def test_turkey_and_russia_cooperate(kg):
    answer = rel.relations_between(kg, "Turkey", "Russia")
    assert sorted(e["type"] for e in answer["events"]) == ["Agreement", "AidCooperation"]
    assert answer["summary"]["cooperation"] == 2 and answer["summary"]["conflict"] == 0
    assert answer["summary"]["net_goldstein"] == pytest.approx(15.4)
    for event in answer["events"]:
        assert event["role_a"] == ["participant"] and event["role_b"] == ["participant"]


def test_counterparts_ranked(kg):
    answer = rel.counterparts(kg, "Russia")
    ranked = [(c["label"], c["event_count"]) for c in answer["counterparts"]]
    assert ranked[:2] == [("France", 2), ("Turkey", 2)]
    assert ("Syria", 1) in ranked
    turkey = next(c for c in answer["counterparts"] if c["label"] == "Turkey")
    assert turkey["summary"]["cooperation"] == 2
    assert all(not c["iri"].startswith(BASE + "place/") for c in answer["counterparts"])


def test_paths_turkey_to_aleppo(kg):
    answer = rel.paths(kg, "Turkey", "Aleppo")
    assert answer["paths"][0]["length"] == 1
    step = answer["paths"][0]["steps"][0]
    assert step["event"]["type"] == "AidCooperation" and step["to"]["role"] == "beneficiary"
    longer = rel.paths(kg, "China", "Turkey", max_events=3)
    assert longer["paths"] and all(p["length"] == 2 for p in longer["paths"])
    assert rel.paths(kg, "China", "Turkey", max_events=1)["paths"] == []
    with pytest.raises(rel.RelationsError):
        rel.paths(kg, "China", "Turkey", max_events=9)


def test_timeline_of_france_at_aleppo(kg):
    answer = rel.timeline(kg, actor="France", place="Aleppo")
    assert [e["type"] for e in answer["events"]] == ["Veto", "Vote", "Referral", "Opposition"]
    assert [e["valid_from"] for e in answer["events"]] == sorted(e["valid_from"] for e in answer["events"])
    october_10 = rel.timeline(kg, actor="France", start="2016-10-10", end="2016-10-10")
    assert {e["type"] for e in october_10["events"]} == {"Referral", "Opposition"}
    open_offensive = rel.timeline(kg, place="Aleppo", start="2016-11")
    assert [e["type"] for e in open_offensive["events"]] == ["MilitaryOffensive"]
    with pytest.raises(rel.RelationsError):
        rel.timeline(kg, start="last week")


def test_event_with_disagreeing_sources(kg):
    answer = rel.event_detail(kg, "russia-veto-s-2016-846")
    assert len(answer["sources"]) == 2
    disagreement = {d["property"].rsplit("#", 1)[-1]: d for d in answer["disagreements"]}
    assert "date" in disagreement
    assert sorted(v["value"] for v in disagreement["date"]["values"]) == ["2016-10-08", "2016-10-09"]
    assert "agent" not in disagreement
    roles = {(p["label"], p["role"]) for p in answer["participants"]}
    assert ("Russia", "agent") in roles and ("France", "resolution/sponsor") in roles
    with pytest.raises(rel.NotFound):
        rel.event_detail(kg, "no-such-event")


def test_search_and_time_travel(kg):
    found = rel.search_actors(kg, "russ")
    assert [a["label"] for a in found["actors"]] == ["Russia"]
    assert found["actors"][0]["wikidata"] == ["Q159"] and found["actors"][0]["event_count"] == 5
    assert [a["label"] for a in rel.search_actors(kg, "Q148")["actors"]] == ["China"]
    before_facts = rel.relations_between(kg, "France", "Russia", as_of=3)
    assert before_facts["events"] == [] and before_facts["version"] == 3
