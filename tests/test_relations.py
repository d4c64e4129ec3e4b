"""The relationship questions as core functions (`dkg.relations`), on a seed-shaped knowledge graph."""

from __future__ import annotations

import pytest
from dkg import relations as rel
from test_api_support import seeded_kg, synthetic_kg

BASE = "https://w3id.org/dkg/id/"


@pytest.fixture(scope="module")
def kg():
    graph = synthetic_kg()
    yield graph
    graph.close()


@pytest.fixture(scope="module")
def seed():
    """The knowledge graph of the seed article's fact sheet (examples/aleppo-2016.yaml), with reference data."""
    graph = seeded_kg()
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


# ---- the bound queries and the bidirectional search answer what the earlier formulations answered ----------


def _old_links(reader: rel.GraphReader, iris: list[str], *, of_events: bool) -> set[tuple[str, str, str]]:
    """Links as the first formulation computed them (VALUES lists of predicates joined inside each branch)."""
    roles = " ".join(f"<{r}>" for r in rel.role_properties())
    hops = "dkg:resolution dkg:vote dkg:about dkg:relatedEvent"
    voters = "FILTER(!(?p1 = dkg:vote && ?p2 IN (dkg:yesVoter, dkg:noVoter, dkg:abstainer)))"
    if of_events:
        bound = "VALUES ?e { " + " ".join(f"<{i}>" for i in iris) + " }"
        query = f"""SELECT DISTINCT ?e ?x ?p1 ?p2 ?p3 WHERE {{
            {{ {bound} VALUES ?p1 {{ {roles} }} ?e ?p1 ?x }}
            UNION {{ {bound} VALUES ?p1 {{ {hops} }} VALUES ?p2 {{ {roles} }} ?e ?p1 ?m . ?m ?p2 ?x
                     FILTER(?e != ?m) {voters} }}
            UNION {{ {bound} VALUES ?p3 {{ {roles} }} ?e dkg:vote ?v . ?v dkg:resolution ?r . ?r ?p3 ?x
                     BIND(dkg:vote AS ?p1) BIND(dkg:resolution AS ?p2) }}
            FILTER(isIRI(?x)) }}"""
    else:
        bound = "VALUES ?x { " + " ".join(f"<{i}>" for i in iris) + " }"
        query = f"""SELECT DISTINCT ?e ?x ?p1 ?p2 ?p3 WHERE {{
            {{ {bound} VALUES ?p1 {{ {roles} }} ?e ?p1 ?x . ?e dkg:modality ?mod }}
            UNION {{ {bound} VALUES ?p2 {{ {roles} }} VALUES ?p1 {{ {hops} }} ?m ?p2 ?x . ?e ?p1 ?m .
                     ?e dkg:modality ?mod FILTER(?e != ?m) {voters} }}
            UNION {{ {bound} VALUES ?p3 {{ {roles} }} ?r ?p3 ?x . ?v dkg:resolution ?r . ?e dkg:vote ?v .
                     ?e dkg:modality ?mod BIND(dkg:vote AS ?p1) BIND(dkg:resolution AS ?p2) }} }}"""
    out = set()
    for r in reader.rows(query):
        role = "/".join(r[k].value.rsplit("#", 1)[-1] for k in ("p1", "p2", "p3") if k in r)
        out.add((r["e"].value, r["x"].value, role))
    return out


def _entities(reader: rel.GraphReader) -> list[str]:
    """Everything some role property points at: actors, places, resolutions, votes, events."""
    roles = ", ".join(f"<{r}>" for r in rel.role_properties())
    return sorted({r["x"].value for r in reader.rows(
        f"SELECT DISTINCT ?x WHERE {{ ?s ?p ?x . FILTER(?p IN ({roles}) && isIRI(?x)) }}")})


@pytest.mark.parametrize("graph", ["kg", "seed"])
def test_links_equal_the_first_formulation(graph, request):
    reader = rel.GraphReader(request.getfixturevalue(graph))
    entities = _entities(reader)
    assert len(entities) >= 10
    for iri in entities:
        new = {(lk.event, lk.entity, lk.role) for lk in reader.links_of_entities([iri])}
        assert new == _old_links(reader, [iri], of_events=False), iri
    together = {(lk.event, lk.entity, lk.role) for lk in reader.links_of_entities(entities)}
    assert together == _old_links(reader, entities, of_events=False)
    events = sorted({e for e, _, _ in together})
    assert len(events) >= 6
    assert {(lk.event, lk.entity, lk.role) for lk in reader.links_of_events(events)} == \
        _old_links(reader, events, of_events=True)
    assert "resolution/sponsor" in {role for _, x, role in together if x == BASE + "actor/france"}


def _old_paths(reader: rel.GraphReader, start: str, goal: str, max_events: int) -> set[tuple]:
    """Every shortest chain as the first (one-sided, unbounded) breadth-first search found it."""
    parents: dict[str, list[tuple[str, str, str, str]]] = {start: []}
    frontier, depth, found = {start}, 0, False
    while frontier and depth < max_events and not found:
        depth += 1
        by_event: dict[str, list[rel.Link]] = {}
        for link in reader.links_of_entities(frontier):
            by_event.setdefault(link.event, []).append(link)
        nxt: dict[str, list[tuple[str, str, str, str]]] = {}
        for link in reader.links_of_events(by_event):
            for origin in by_event.get(link.event, []):
                if link.entity in parents or link.entity == origin.entity:
                    continue
                nxt.setdefault(link.entity, []).append((origin.entity, link.event, origin.role, link.role))
        for entity, ways in nxt.items():
            parents[entity] = list(dict.fromkeys(ways))
        found = goal in nxt
        frontier = set(nxt)
    chains: set[tuple] = set()

    def walk(node: str, tail: tuple) -> None:
        if node == start:
            chains.add(tail)
            return
        for prev, event, role_prev, role in parents[node]:
            walk(prev, ((prev, role_prev, event, node, role), *tail))

    if found:
        walk(goal, ())
    return chains


def _chains(answer: dict) -> set[tuple]:
    return {tuple((s["from"]["iri"], s["from"]["role"], s["event"]["iri"], s["to"]["iri"], s["to"]["role"])
                  for s in p["steps"]) for p in answer["paths"]}


@pytest.mark.parametrize("graph", ["kg", "seed"])
def test_bidirectional_paths_equal_the_one_sided_search(graph, request):
    kg = request.getfixturevalue(graph)
    reader = rel.GraphReader(kg)
    entities = _entities(reader)
    compared = lengths = 0
    found_lengths = set()
    for i, a in enumerate(entities):
        for b in entities[i + 1:]:
            for max_events in (1, 2, 3):
                answer = rel.paths(kg, a, b, max_events=max_events, limit=10_000)
                assert answer["complete"] and not answer["truncated"]
                old = _old_paths(reader, a, b, max_events)
                assert _chains(answer) == old, (a, b, max_events)
                compared += 1
                lengths += bool(old)
                found_lengths |= {p["length"] for p in answer["paths"]}
    assert compared > 100 and lengths > 50
    assert found_lengths >= {1, 2}


def test_paths_limit_and_link_budget(kg):
    every = rel.paths(kg, "France", "Turkey", max_events=3, limit=10_000)
    assert len(every["paths"]) >= 2 and not every["truncated"]
    first = rel.paths(kg, "France", "Turkey", max_events=3, limit=1)
    assert len(first["paths"]) == 1 and first["truncated"]
    assert _chains(first) <= _chains(every)
    starved = rel.paths(kg, "France", "Turkey", max_events=3, link_budget=1)
    assert starved["paths"] == [] and starved["complete"] is False


def test_pages_of_relations_timeline_and_counterparts(kg):
    whole = rel.relations_between(kg, "France", "Russia")
    assert whole["total"] == len(whole["events"]) >= 2 and not whole["truncated"]
    pages = [rel.relations_between(kg, "France", "Russia", limit=1, offset=i) for i in range(whole["total"] + 1)]
    assert [p["events"][0]["iri"] for p in pages[:-1]] == [e["iri"] for e in whole["events"]]
    assert [p["truncated"] for p in pages] == [True] * (whole["total"] - 1) + [False, False]
    assert pages[-1]["events"] == [] and all(p["summary"] == whole["summary"] for p in pages)
    assert pages[0]["events"][0] == whole["events"][0]

    line = rel.timeline(kg, place="Aleppo")
    assert line["total"] == line["count"] == len(line["events"]) >= 3
    two = rel.timeline(kg, place="Aleppo", limit=2, offset=1)
    assert two["count"] == 2 and two["total"] == line["total"] and two["offset"] == 1
    assert [e["iri"] for e in two["events"]] == [e["iri"] for e in line["events"][1:3]]
    assert two["events"][0] == line["events"][1]

    ranked = rel.counterparts(kg, "Russia")
    assert ranked["total"] == len(ranked["counterparts"]) and not ranked["truncated"]
    second = rel.counterparts(kg, "Russia", limit=1, offset=1)
    assert second["counterparts"] == ranked["counterparts"][1:2] and second["truncated"]
    assert second["summary"] == ranked["summary"]
    capped = rel.counterparts(kg, "Russia", events_limit=1)["counterparts"][0]
    assert capped["event_count"] == 2 and len(capped["events"]) == 1
    assert capped["events"][0] == ranked["counterparts"][0]["events"][0]
    with pytest.raises(rel.RelationsError):
        rel.relations_between(kg, "France", "Russia", limit=0)
    with pytest.raises(rel.RelationsError):
        rel.timeline(kg, offset=-1)


@pytest.mark.parametrize("per_event", [0, 10**9])
def test_links_between_either_way_equal_the_intersection(seed, monkeypatch, per_event):
    """Whether the busier entity's roles come from its own links or from reading the quieter one's events, the
    shared events and both roles are those of the two entities' links."""
    monkeypatch.setattr(rel, "_STATEMENTS_PER_EVENT", per_event)
    reader = rel.GraphReader(seed)
    entities = [x for x in _entities(reader) if "/actor/" in x or "/place/" in x]
    links = {x: reader.links_of_entities([x]) for x in entities}
    compared = 0
    for i, a in enumerate(entities):
        for b in entities[i + 1:]:
            expected = {(la.event, la.role, lb.role) for la in links[a] for lb in links[b] if la.event == lb.event}
            assert set(reader.links_between(a, b)) == expected, (a, b)
            compared += bool(expected)
    assert compared >= 10


def test_sources_carry_the_article_and_the_assertion(kg):
    veto = BASE + "event/russia-veto-s-2016-846"
    sources = rel.GraphReader(kg).sources([veto])[veto]
    first = next(s for s in sources if s["title"] == "France pressing for war crimes investigation in Aleppo")
    assert first["url"] == "https://example.org/aleppo-2016" and first["published"] == "2016-10-10"
    assert first["confidence"] == 1.0 and first["asserted_by"] == BASE + "agent/seed"
    assert first["article"].startswith(BASE + "article/") and first["assertion"].startswith(BASE + "assertion/")
    assert [s["assertion"] for s in sources] == sorted(s["assertion"] for s in sources)
    assert rel.GraphReader(kg).sources([BASE + "event/no-such-event"]) == {BASE + "event/no-such-event": []}
