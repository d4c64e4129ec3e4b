"""As-of views equal a replay of the log up to that version, whatever the history (property test)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from dkg.drafts import ArticleRecord, AssertionDraft, Evidence
from dkg.kg import KGError, KnowledgeGraph
from dkg.log import open_log
from dkg.projection import Projection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

BASE = "https://w3id.org/dkg/id/"
ENT = [f"{BASE}actor/e{i}" for i in range(4)]
PRED = [f"https://w3id.org/dkg/ontology#p{i}" for i in range(2)]
GRAPHS = [None, "http://example.org/g1", "http://example.org/g2"]
TEXT = "Alpha met Beta. Gamma vetoed Delta."

quads = st.builds(
    lambda s, p, o, g: ox.Quad(
        ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o) if isinstance(o, str) else ox.Literal(str(o)),
        ox.NamedNode(g) if g else ox.DefaultGraph(),
    ),
    st.sampled_from(ENT), st.sampled_from(PRED), st.one_of(st.sampled_from(ENT), st.integers(0, 3)),
    st.sampled_from(GRAPHS),
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("patch"), st.lists(quads, max_size=4), st.lists(quads, max_size=4)),
        st.tuples(st.just("assert"), st.lists(st.tuples(st.sampled_from(ENT), st.sampled_from(PRED),
                                                        st.sampled_from(ENT)), min_size=1, max_size=3)),
        st.tuples(st.just("retract"), st.integers(0, 5)),
        st.tuples(st.just("merge"), st.sampled_from(ENT), st.sampled_from(ENT)),
    ),
    min_size=1, max_size=14,
)


def run_operations(kg: KnowledgeGraph, ops) -> None:
    article = ArticleRecord(TEXT, title="t", published=date(2016, 10, 10))
    assertions: list[str] = []
    for op in ops:
        try:
            if op[0] == "patch":
                kg.patch(op[1], op[2], "tester")
            elif op[0] == "assert":
                g = Graph()
                for s, p, o in op[1]:
                    g.add((URIRef(s), URIRef(p), URIRef(o)))
                g.add((URIRef(op[1][0][0]), URIRef(PRED[0]), Literal("x", lang="EN")))
                events = kg.assert_drafts(article, [AssertionDraft(g, [Evidence.locate(TEXT, "Beta")])], "tester")
                if events:  # an identical live claim from the same source is not recorded twice
                    assertions.append(events[-1].payload["assertion"])
            elif op[0] == "retract" and assertions:
                kg.retract(assertions[op[1] % len(assertions)], "wrong", "tester")
            elif op[0] == "merge":
                kg.merge([op[1]], op[2], "same", "tester")
        except KGError:
            pass  # refused commands (merging an absent entity, retracting twice) append nothing


def check_all_versions(kg: KnowledgeGraph) -> None:
    head = kg.log.head()
    assert kg.version() == head
    for version in [*range(head, -1, -1), *range(0, head + 1)]:  # both directions exercise the cache
        assert kg.digest(as_of=version) == kg.replay_digest(until=version), f"version {version}"
    assert kg.digest() == kg.replay_digest()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations)
def test_as_of_equals_replay_in_memory(ops):
    kg = KnowledgeGraph.in_memory(validator=None)
    run_operations(kg, ops)
    check_all_versions(kg)
    kg.close()


@settings(max_examples=25, deadline=None)
@given(operations)
def test_as_of_equals_replay_on_disk_with_snapshots(ops):
    with tempfile.TemporaryDirectory() as tmp:
        kg = KnowledgeGraph(open_log(f"sqlite:///{tmp}/log.sqlite"), Projection(Path(tmp) / "p", snapshot_every=3),
                            base=BASE, validator=None)
        run_operations(kg, ops)
        check_all_versions(kg)
        kg.close()


def test_snapshots_are_taken_and_used(disk_kg):
    for i in range(12):
        disk_kg.patch([], [ox.Quad(ox.NamedNode(ENT[0]), ox.NamedNode(PRED[0]), ox.Literal(str(i)))], "t")
    assert disk_kg.projection.snapshots() == [5, 10]
    assert disk_kg.timetravel.plan(4, 12) == ("snapshot", 5)
    assert disk_kg.timetravel.plan(11, 12) == ("head", 12)
    assert disk_kg.timetravel.plan(2, 12) == ("empty", 0)  # replaying 2 events beats undoing 3 from snapshot 5
    assert disk_kg.digest(as_of=4) == disk_kg.replay_digest(until=4)
    assert disk_kg.digest(as_of=2) == disk_kg.replay_digest(until=2)
    assert disk_kg.digest(as_of=0) == disk_kg.replay_digest(until=0)
    rows = list(disk_kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }", as_of=4))
    assert rows[0]["n"].value == "4"


def test_as_of_by_timestamp_and_errors(raw_kg):
    e1 = raw_kg.patch([], [ox.Quad(ox.NamedNode(ENT[0]), ox.NamedNode(PRED[0]), ox.Literal("a"))], "t")
    raw_kg.patch([], [ox.Quad(ox.NamedNode(ENT[0]), ox.NamedNode(PRED[0]), ox.Literal("b"))], "t")
    assert raw_kg.resolve_version(e1.recorded_at) >= 1
    assert raw_kg.resolve_version("1999-01-01T00:00:00Z") == 0
    assert raw_kg.resolve_version("2") == 2
    with pytest.raises(KGError, match="does not exist"):
        raw_kg.resolve_version(3)
    with pytest.raises(KGError, match="ISO 8601"):
        raw_kg.resolve_version("yesterday")
