"""CAMEO codes, Goldstein scores and PLOVER types as SKOS."""

from __future__ import annotations

from decimal import Decimal

import pytest
from dkg.codes import cameo_code, cameo_codes, cameo_graph, goldstein_scores, plover_types, quad_class
from dkg.terms import CAMEO, DKG, PLOVER
from rdflib import BNode, Literal
from rdflib.namespace import RDF, SKOS, XSD


@pytest.fixture(scope="module")
def graph():
    return cameo_graph()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("010", 1),
        ("046", 1),
        ("05", 2),
        ("0874", 2),
        ("094", 3),
        ("129", 3),
        ("13", 3),
        ("14", 4),
        ("195", 4),
        ("2042", 4),
    ],
)
def test_quad_class(code: str, expected: int) -> None:
    assert quad_class(code) == expected


def test_quad_class_rejects_non_codes() -> None:
    with pytest.raises(ValueError):
        quad_class("21")


def test_codes() -> None:
    codes = cameo_codes()
    assert codes["129"].label == "Veto" and codes["129"].plover == ("REJECT",) and codes["129"].goldstein == -5.0
    assert codes["195"].label == "Employ aerial weapons" and codes["195"].parent == "19"
    assert codes["1211"].parent == "121" and codes["121"].parent == "12" and codes["12"].parent is None
    assert codes["010"].label.startswith("Make statement")  # from the supplementary CAMEO names
    assert codes["08"].plover == ("CONCEDE", "RETREAT")
    assert set(goldstein_scores()) <= set(codes)
    assert all(c.label for c in codes.values())
    assert cameo_code("999") is None
    assert len(plover_types()) == 16


def test_graph(graph) -> None:
    veto = CAMEO["129"]
    assert (veto, RDF.type, SKOS.Concept) in graph
    assert (veto, SKOS.notation, Literal("129")) in graph
    assert (veto, SKOS.prefLabel, Literal("Veto", lang="en")) in graph
    assert (veto, SKOS.broader, CAMEO["12"]) in graph
    assert (veto, SKOS.closeMatch, PLOVER.REJECT) in graph
    assert (veto, SKOS.relatedMatch, PLOVER["REJECT-yield"]) in graph
    assert (veto, DKG.quadClass, Literal(3, datatype=XSD.integer)) in graph
    assert (veto, DKG.goldstein, Literal(Decimal("-5.0"), datatype=XSD.decimal)) in graph
    assert (CAMEO["12"], SKOS.topConceptOf, CAMEO[""]) in graph
    assert (PLOVER.ASSAULT, SKOS.inScheme, PLOVER[""]) in graph
    assert graph.value(PLOVER.ASSAULT, SKOS.definition) is not None
    assert not [t for t in graph if any(isinstance(x, BNode) for x in t)]


def test_every_broader_exists(graph) -> None:
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert all(o in concepts for o in graph.objects(None, SKOS.broader))
    assert len([c for c in concepts if str(c).startswith(str(CAMEO))]) == len(cameo_codes())
