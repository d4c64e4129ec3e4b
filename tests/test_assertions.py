"""Provenance quads: exactly the quads (and canonical literal forms) docs/design.md specifies, in a fixed order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pyoxigraph as ox
from dkg.assertions import agent_quads, provenance_quads, retraction_quads
from dkg.drafts import AssertionDraft, Evidence, FactGraph
from dkg.normalize import _stored_form
from dkg.terms import PREFIXES

BASE = "https://w3id.org/dkg/id/"
GRAPH = f"{BASE}graph/provenance"
SHORT = {"id": BASE, **{p: PREFIXES[p] for p in ("dkg", "oa", "prov", "rdf", "rdfs", "xsd")}}

# what the write path wrote before the fast paths (written by the previous implementation, which probed every literal)
EXPECTED = """\
<id:assertion/a1> <rdf:type> <dkg:Assertion>
<id:assertion/a1> <prov:wasDerivedFrom> <id:article/0123>
<id:agent/bench> <rdf:type> <prov:Agent>
<id:agent/bench> <rdfs:label> "bench"
<id:assertion/a1> <prov:wasAttributedTo> <id:agent/bench>
<id:assertion/a1> <prov:generatedAtTime> "2024-05-06T07:08:09.12Z"^^<xsd:dateTime>
<id:assertion/a1> <dkg:assertedAtVersion> "7"^^<xsd:integer>
<id:assertion/a1> <dkg:method> <dkg:AutomaticExtraction>
<id:assertion/a1> <dkg:confidence> "0.85"^^<xsd:decimal>
<id:assertion/a1> <dkg:extractor> "rules 1"
<id:assertion/a1> <dkg:claimDigest> "abc"
<id:assertion/a1> <dkg:hasEvidence> <id:assertion/a1/evidence/1>
<id:assertion/a1/evidence/1> <rdf:type> <oa:Annotation>
<id:assertion/a1/evidence/1> <rdf:type> <dkg:Evidence>
<id:assertion/a1/evidence/1> <oa:hasBody> <id:assertion/a1>
<id:assertion/a1/evidence/1> <oa:hasTarget> <id:assertion/a1/evidence/1/target>
<id:assertion/a1/evidence/1/target> <rdf:type> <oa:SpecificResource>
<id:assertion/a1/evidence/1/target> <oa:hasSource> <id:article/0123>
<id:assertion/a1/evidence/1/target> <oa:hasSelector> <id:assertion/a1/evidence/1/quote>
<id:assertion/a1/evidence/1/target> <oa:hasSelector> <id:assertion/a1/evidence/1/position>
<id:assertion/a1/evidence/1/quote> <rdf:type> <oa:TextQuoteSelector>
<id:assertion/a1/evidence/1/quote> <oa:exact> "Russia vetoed"
<id:assertion/a1/evidence/1/position> <rdf:type> <oa:TextPositionSelector>
<id:assertion/a1/evidence/1/position> <oa:start> "10"^^<xsd:integer>
<id:assertion/a1/evidence/1/position> <oa:end> "23"^^<xsd:integer>
"""


def short(term: ox.NamedNode | ox.Literal) -> str:
    text = str(term)
    for prefix, ns in SHORT.items():
        text = text.replace(f"<{ns}", f"<{prefix}:")
    return text


def quads(draft: AssertionDraft, at: datetime, version: int = 7, digest: str | None = "abc") -> list[ox.Quad]:
    return provenance_quads(f"{BASE}assertion/a1", draft, article_iri=f"{BASE}article/0123", base=BASE,
                            principal="bench", version=version, at=at, graph=GRAPH, digest=digest)  # fmt: skip


def test_provenance_quads_are_unchanged() -> None:
    draft = AssertionDraft(FactGraph(), [Evidence("Russia vetoed", 10, 23)], confidence=0.85, method="extraction",
                           extractor="rules 1")  # fmt: skip
    at = datetime(2024, 5, 6, 7, 8, 9, 120000, tzinfo=UTC)
    got = quads(draft, at)
    assert "".join(f"{short(q.subject)} {short(q.predicate)} {short(q.object)}\n" for q in got) == EXPECTED
    assert {q.graph_name for q in got} == {ox.NamedNode(GRAPH)}
    assert quads(draft, at) == got  # the cached terms give the same quads again


def test_literals_are_what_the_store_keeps() -> None:
    """Timestamps in any zone, versions, confidences and offsets: each literal is the store's own form."""
    xsd = PREFIXES["xsd"]
    cases = [
        (datetime(2024, 5, 6, 9, 8, 9, tzinfo=timezone(timedelta(hours=2))), 1.0, "2024-05-06T07:08:09Z", "1"),
        (datetime(2024, 5, 6, 7, 8, 9, 5, tzinfo=UTC), 0.12345, "2024-05-06T07:08:09.000005Z", "0.1235"),
        (datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC), 0.5, "2024-05-06T07:08:09Z", "0.5"),
    ]
    for at, confidence, stamp, conf in cases:
        draft = AssertionDraft(FactGraph(), [Evidence("x", 0, 1), Evidence("y", 1234567, 1234568)],
                               confidence=confidence)  # fmt: skip
        got = {short(q.predicate): q.object for q in quads(draft, at, version=10**6, digest=None)}
        assert got["<prov:generatedAtTime>"] == _stored_form(stamp, xsd + "dateTime")
        assert got["<dkg:confidence>"] == _stored_form(conf, xsd + "decimal")
        assert got["<dkg:assertedAtVersion>"] == _stored_form("1000000", xsd + "integer")
        assert got["<oa:end>"] == _stored_form("1234568", xsd + "nonNegativeInteger")
        assert got["<dkg:method>"] == ox.NamedNode(PREFIXES["dkg"] + "ManualCuration")
        assert "<dkg:claimDigest>" not in got and "<dkg:extractor>" not in got


def test_agent_and_retraction_quads() -> None:
    g = ox.NamedNode(GRAPH)
    agent, facts = agent_quads(BASE, "ed", g)
    facts.append(facts[0])  # a caller's list: the cached quads are not shared
    assert agent_quads(BASE, "ed", g) == (agent, facts[:2])
    at = datetime(2024, 5, 6, 7, 8, 9, 120000, tzinfo=UTC)
    got = retraction_quads(f"{BASE}assertion/a1", reason="wrong", version=9, at=at, base=BASE, principal="ed",
                           graph=GRAPH)  # fmt: skip
    assert [short(q.object) for q in got] == [
        '"9"^^<xsd:integer>', '"wrong"', '"2024-05-06T07:08:09.12Z"^^<xsd:dateTime>', "<prov:Agent>", '"ed"',
        "<id:agent/ed>",
    ]  # fmt: skip
