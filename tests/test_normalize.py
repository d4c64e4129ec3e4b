"""Literal and blank-node normalisation: what enters the log is what Oxigraph hands back."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from dkg import normalize
from dkg.normalize import (
    _ALREADY_CANONICAL,
    Skolemizer,
    _stored_form,
    canonical_literal,
    graph_quads,
    nquads_to_quads,
    quads_to_nquads,
    to_ox,
)
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


XSD_NS = str(XSD)
integers = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.from_regex(r"[+-]?[0-9]{1,21}", fullmatch=True),
)
decimals = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(lambda d: f"{d:f}"),
    st.from_regex(r"[+-]?[0-9]{0,21}(\.[0-9]{0,21})?", fullmatch=True).filter(lambda t: any(c.isdigit() for c in t)),
)
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.from_regex(r"-?[0-9]{4,5}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?", fullmatch=True),
)


@given(st.one_of(
    integers.map(lambda t: (t, "integer")),
    integers.map(lambda t: (t, "nonNegativeInteger")),
    decimals.map(lambda t: (t, "decimal")),
    dates.map(lambda t: (t, "date")),
))  # fmt: skip
def test_fast_paths_give_what_the_store_gives(case):
    """The lexical forms taken as already canonical (no store probe) are stored exactly so; others are probed."""
    lexical, name = case
    datatype = XSD_NS + name
    assert canonical_literal(lexical, datatype, None) == _stored_form(lexical, datatype)


def test_fast_paths_are_taken_for_the_values_ingest_writes():
    taken = [("0", "integer"), ("-42", "integer"), ("123456789012345678", "integer"), ("17", "nonNegativeInteger"),
             ("0.85", "decimal"), ("-0.5", "decimal"), ("3", "decimal"), ("2016-10-10", "date")]  # fmt: skip
    for lexical, name in taken:
        accepts, _datatype = _ALREADY_CANONICAL[XSD_NS + name]
        assert accepts(lexical), (lexical, name)
    probed = [("01", "integer"), ("+1", "integer"), ("-0", "integer"), ("1234567890123456789", "integer"),
              ("-1", "nonNegativeInteger"), ("1.50", "decimal"), ("-0", "decimal"), (".5", "decimal"),
              ("0000-01-01", "date"), ("2016-02-30", "date"), ("2016-10-10Z", "date")]  # fmt: skip
    for lexical, name in probed:
        accepts, _datatype = _ALREADY_CANONICAL[XSD_NS + name]
        assert not accepts(lexical), (lexical, name)


def test_conversion_cache_keeps_terms_apart(monkeypatch):
    """IRIs, literals and blank nodes of one text stay distinct terms; the cache never outgrows its bound."""
    text = "http://example.org/x"
    skolem = Skolemizer("https://w3id.org/dkg/id/")
    assert to_ox(URIRef(text)) == ox.NamedNode(text)
    assert to_ox(Literal(text)) == ox.Literal(text)
    assert to_ox(URIRef(text)) == ox.NamedNode(text) and to_ox(Literal(text)) == ox.Literal(text)
    assert to_ox(BNode(text), skolem).value.startswith("https://w3id.org/dkg/id/.well-known/genid/")
    assert to_ox(Literal("1", datatype=XSD.decimal)) != to_ox(Literal("1", datatype=XSD.integer))
    assert to_ox(Literal("a", lang="EN")) == to_ox(Literal("a", lang="en")) == ox.Literal("a", language="en")
    monkeypatch.setattr(normalize, "_TO_OX_MAX", 8)
    for i in range(50):
        assert to_ox(URIRef(f"{text}/{i}")) == ox.NamedNode(f"{text}/{i}")
        assert len(normalize._TO_OX) <= 8


def test_conversion_errors():
    with pytest.raises(ValueError, match="blank nodes are not allowed here"):
        to_ox(BNode("b"))
    for bad in ("http://example.org/x", None, ["unhashable"]):
        with pytest.raises(TypeError, match="unsupported RDF term"):
            to_ox(bad)


@given(st.lists(st.tuples(literals, st.booleans()), max_size=5))
def test_nquads_text_is_the_form_earlier_logs_hold(items):
    """Payloads keep patches as N-Quads text that the hash chain covers: the serializer must write each quad as
    `str(quad) + " .\\n"`, the form of logs written before it was used (any graph, any literal)."""
    quads = [ox.Quad(ox.NamedNode(str(S)), ox.NamedNode(str(P)), to_ox(lit),
                     ox.NamedNode("http://example.org/g") if named else ox.DefaultGraph()) for lit, named in items]
    assert quads_to_nquads(quads) == "".join(f"{q} .\n" for q in quads)
    assert quads_to_nquads(tuple(quads)) == quads_to_nquads(quads)
