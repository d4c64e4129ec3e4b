"""Literal and blank-node normalisation: what enters the log is what Oxigraph hands back."""

from __future__ import annotations

import pyoxigraph as ox
from dkg.normalize import Skolemizer, graph_quads, nquads_to_quads, quads_to_nquads, to_ox
from hypothesis import given
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

S = URIRef("http://example.org/s")
P = URIRef("http://example.org/p")


def test_xsd_string_and_plain_literals_are_one_term():
    assert to_ox(Literal("a", datatype=XSD.string)) == to_ox(Literal("a"))


def test_numbers_and_language_tags_are_canonical():
    assert to_ox(Literal("01", datatype=XSD.integer)) == ox.Literal("1", datatype=ox.NamedNode(str(XSD.integer)))
    assert to_ox(Literal("x", lang="EN-GB")).language == "en-gb"


def test_blank_nodes_are_skolemised_consistently():
    g = Graph()
    b = BNode()
    g.add((S, P, b))
    g.add((b, P, Literal("x")))
    quads = graph_quads(g, "http://example.org/g", Skolemizer("https://w3id.org/dkg/id/"))
    nodes = {q.object for q in quads if q.subject == ox.NamedNode(str(S))} | {
        q.subject for q in quads if q.subject != ox.NamedNode(str(S))
    }
    assert len(nodes) == 1
    assert next(iter(nodes)).value.startswith("https://w3id.org/dkg/id/.well-known/genid/")


literals = st.one_of(
    st.text(max_size=20).map(lambda t: Literal(t)),
    st.integers(-10**6, 10**6).map(lambda i: Literal(str(i).zfill(4) if i >= 0 else str(i), datatype=XSD.integer)),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: Literal(str(d), datatype=XSD.decimal)),
    st.booleans().map(lambda b: Literal("1" if b else "false", datatype=XSD.boolean)),
    st.text(min_size=1, max_size=8).map(lambda t: Literal(t, lang="EN")),
    st.dates().map(lambda d: Literal(d.isoformat(), datatype=XSD.date)),
)


@given(literals)
def test_normalised_literals_round_trip_through_the_store_and_nquads(lit):
    quad = ox.Quad(ox.NamedNode(str(S)), ox.NamedNode(str(P)), to_ox(lit), ox.NamedNode("http://example.org/g"))
    store = ox.Store()
    store.add(quad)
    assert list(store) == [quad]
    assert nquads_to_quads(quads_to_nquads([quad])) == [quad]
    store.remove(quad)
    assert len(store) == 0
