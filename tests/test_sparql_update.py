"""SPARQL 1.1 Update planned without writing: each form becomes the quads it removes and adds."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from dkg.sparql_update import OutboundRefused, UpdateError, UpdateSyntaxError, mentions_keyword, plan_update

EX = "http://example.org/"
G1, G2 = ox.NamedNode(EX + "g1"), ox.NamedNode(EX + "g2")


def q(s: str, p: str, o, g=None) -> ox.Quad:
    obj = o if isinstance(o, ox.Literal | ox.NamedNode) else ox.NamedNode(EX + o)
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + p), obj, g or ox.DefaultGraph())


@pytest.fixture
def store() -> ox.Store:
    s = ox.Store()
    s.extend([q("a", "p", ox.Literal("1"), G1), q("b", "p", ox.Literal("2"), G1), q("c", "p", "a", G2),
              q("d", "p", "e")])
    s.add(ox.Quad(ox.NamedNode("urn:dkg:projection"), ox.NamedNode("urn:dkg:v"), ox.Literal("1"),
                  ox.NamedNode("urn:dkg:system")))
    return s


def plan(update: str, store: ox.Store, **kw):
    before = set(store)
    planned = plan_update(update, store, base=EX + "sparql", **kw)
    assert set(store) == before  # never writes
    return set(planned.remove), set(planned.add)


def test_insert_and_delete_data(store):
    assert plan(f"INSERT DATA {{ GRAPH <{EX}g1> {{ <{EX}x> <{EX}p> 'v'@EN }} }}", store) == (
        set(), {ox.Quad(ox.NamedNode(EX + "x"), ox.NamedNode(EX + "p"), ox.Literal("v", language="en"), G1)})
    assert plan(f"DELETE DATA {{ GRAPH <{EX}g1> {{ <{EX}a> <{EX}p> '1' }} }}", store) == (
        {q("a", "p", ox.Literal("1"), G1)}, set())
    # already present / absent: no effect
    assert plan(f"INSERT DATA {{ <{EX}d> <{EX}p> <{EX}e> }}", store) == (set(), set())
    assert plan(f"DELETE DATA {{ <{EX}zz> <{EX}p> <{EX}e> }}", store) == (set(), set())


def test_delete_where_and_modify_with_union_default(store):
    removed, added = plan(f"PREFIX ex: <{EX}> DELETE WHERE {{ GRAPH ?g {{ ?s ex:p ?o }} }}", store)
    assert removed == {q("a", "p", ox.Literal("1"), G1), q("b", "p", ox.Literal("2"), G1), q("c", "p", "a", G2)}
    removed, added = plan(f"PREFIX ex: <{EX}> DELETE {{ GRAPH <{EX}g1> {{ ?s ex:p ?o }} }} "
                          f"INSERT {{ GRAPH <{EX}g1> {{ ?s ex:q ?o }} }} WHERE {{ ?s ex:p ?o FILTER(isLiteral(?o)) }}",
                          store)
    assert len(removed) == 2 and {x.predicate.value for x in added} == {EX + "q"}


def test_with_using_and_protocol_dataset(store):
    removed, added = plan(f"WITH <{EX}g2> INSERT {{ ?s <{EX}seen> true }} WHERE {{ ?s ?p ?o }}", store)
    assert {x.subject.value for x in added} == {EX + "c"} and all(x.graph_name == G2 for x in added)
    removed, added = plan(f"INSERT {{ ?s <{EX}seen> true }} USING <{EX}g1> WHERE {{ ?s ?p ?o }}", store)
    assert {x.subject.value for x in added} == {EX + "a", EX + "b"}
    removed, added = plan(f"INSERT {{ ?s <{EX}seen> true }} WHERE {{ ?s ?p ?o }}", store,
                          using_graphs=[EX + "g2"])
    assert {x.subject.value for x in added} == {EX + "c"}
    with pytest.raises(UpdateError):
        plan(f"WITH <{EX}g1> INSERT {{ ?s <{EX}x> 1 }} WHERE {{ ?s ?p ?o }}", store, using_graphs=[EX + "g2"])


def test_sequential_operations_see_earlier_ones(store):
    removed, added = plan(f"CLEAR ALL ; INSERT DATA {{ <{EX}n> <{EX}p> 1 }} ; "
                          f"INSERT {{ ?s <{EX}copy> ?o }} WHERE {{ ?s <{EX}p> ?o }}", store)
    assert len(removed) == 4  # every user quad, never the system graph
    assert {x.predicate.value for x in added} == {EX + "p", EX + "copy"} and len(added) == 2


def test_graph_management(store):
    removed, added = plan(f"COPY <{EX}g1> TO <{EX}g2>", store)
    assert removed == {q("c", "p", "a", G2)} and {x.graph_name for x in added} == {G2} and len(added) == 2
    removed, added = plan(f"MOVE <{EX}g2> TO DEFAULT", store)
    assert removed == {q("c", "p", "a", G2), q("d", "p", "e")} and added == {q("c", "p", "a")}  # target cleared
    removed, added = plan(f"ADD DEFAULT TO <{EX}g1>", store)
    assert removed == set() and added == {q("d", "p", "e", G1)}
    assert plan(f"DROP GRAPH <{EX}g1>", store)[0] == {q("a", "p", ox.Literal("1"), G1),
                                                      q("b", "p", ox.Literal("2"), G1)}
    assert plan("DROP NAMED", store)[0] == {q("a", "p", ox.Literal("1"), G1), q("b", "p", ox.Literal("2"), G1),
                                            q("c", "p", "a", G2)}
    with pytest.raises(UpdateError):
        plan(f"DROP GRAPH <{EX}nothing>", store)
    assert plan(f"DROP SILENT GRAPH <{EX}nothing>", store) == (set(), set())
    with pytest.raises(UpdateError):
        plan(f"CREATE GRAPH <{EX}g1>", store)
    assert plan(f"CREATE GRAPH <{EX}new>", store) == (set(), set())


def test_fresh_blank_nodes_per_solution_and_relative_iris(store):
    _, added = plan(f"INSERT {{ ?s <{EX}note> [ <{EX}v> ?o ] }} WHERE {{ GRAPH <{EX}g1> {{ ?s ?p ?o }} }}", store)
    bnodes = {x.object for x in added if x.predicate.value == EX + "note"}
    assert len(bnodes) == 2
    _, added = plan("INSERT DATA { <s> <p> <o> }", store)
    assert next(iter(added)).subject.value == EX + "s"


def test_refusals(store):
    with pytest.raises(OutboundRefused):
        plan("LOAD <http://127.0.0.1:9/data.ttl>", store)
    with pytest.raises(OutboundRefused):
        plan("INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", store)
    with pytest.raises(UpdateSyntaxError):
        plan("CLEAR XYZ", store)
    with pytest.raises(UpdateError):
        plan("INSERT DATA { GRAPH <urn:dkg:system> { <a:b> <a:c> <a:d> } }", store)


def test_keyword_detection_ignores_strings_iris_and_comments():
    assert mentions_keyword("SELECT * { SERVICE <x:y> { ?s ?p ?o } }", "SERVICE")
    assert mentions_keyword("select * { service <x:y> { ?s ?p ?o } }", "SERVICE")
    assert not mentions_keyword('SELECT * { ?s ?p "SERVICE" } # SERVICE', "SERVICE")
    assert not mentions_keyword("SELECT * { ?s <http://x/SERVICE> ?service . ?s ex:SERVICE ?o }", "SERVICE")
    assert not mentions_keyword("SELECT * { ?s ?p ?o FILTER(?o < 3) }", "SERVICE")


def test_top_level_limit_ignores_subqueries_strings_and_comments() -> None:
    from dkg.sparql_update import top_level_limit  # noqa: PLC0415

    assert top_level_limit("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 10 OFFSET 5") == 10
    assert top_level_limit("select * { ?s ?p ?o } offset 3 limit 500") == 500
    assert top_level_limit("SELECT * WHERE { { SELECT * WHERE { ?s ?p ?o } LIMIT 5 } }") is None
    assert top_level_limit('# LIMIT 4\nSELECT * WHERE { ?s ?p "LIMIT 3" }') is None
