"""Turn RDF terms into the one canonical form that enters the log.

rdflib treats `"a"` and `"a"^^xsd:string` as different terms while Oxigraph does not, and Oxigraph rewrites
`"01"^^xsd:integer` to `"1"` and lower-cases language tags. If the log kept other forms than the store, a
later delete would silently miss. So every quad is normalised before it is written: blank nodes are
skolemised, literals get their canonical lexical form, language tags are lower-cased.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.graph import Dataset, Graph
from rdflib.term import Node

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class Skolemizer:
    """Maps blank nodes to fresh IRIs under `{base}.well-known/genid/`, consistently within one instance."""

    def __init__(self, base: str) -> None:
        self.prefix = f"{base}.well-known/genid/"
        self._map: dict[str, ox.NamedNode] = {}

    def __call__(self, label: str) -> ox.NamedNode:
        node = self._map.get(label)
        if node is None:
            node = self._map[label] = ox.NamedNode(self.prefix + uuid.uuid4().hex)
        return node


_PROBE_S = ox.NamedNode("urn:dkg:probe")


@lru_cache(maxsize=65536)
def _stored_form(lexical: str, datatype: str) -> ox.Literal:
    """The literal exactly as Oxigraph stores and returns it (it canonicalises values of XSD types).

    A fresh store per probe: an in-memory store filled and cleared over and over slows down without bound
    (measured in bench/: 0.7 ms per probe after 20,000 probes, 6 ms after 60,000; a new store costs 0.01 ms).
    """
    scratch = ox.Store()
    scratch.add(ox.Quad(_PROBE_S, _PROBE_S, ox.Literal(lexical, datatype=ox.NamedNode(datatype))))
    return next(iter(scratch)).object


_INTEGER = re.compile(r"0|-?[1-9][0-9]{0,17}")  # within Oxigraph's 64-bit integers
_NON_NEGATIVE = re.compile(r"0|[1-9][0-9]{0,17}")
_DECIMAL = re.compile(r"(?!-0\Z)-?(?:0|[1-9][0-9]{0,17})(?:\.[0-9]{0,17}[1-9])?")  # not "-0": it is stored as "0"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_date(lexical: str) -> bool:
    if not _DATE.fullmatch(lexical):
        return False
    try:
        date.fromisoformat(lexical)
    except ValueError:
        return False
    return True


# Lexical forms provably stored as they are: a test checks each against `_stored_form` on generated values.
# Oxigraph stores every xsd:integer subtype as xsd:integer, hence the datatype each fast path gives.
_ALREADY_CANONICAL: dict[str, tuple[Callable[[str], object], ox.NamedNode]] = {
    XSD + "integer": (_INTEGER.fullmatch, ox.NamedNode(XSD + "integer")),
    XSD + "nonNegativeInteger": (_NON_NEGATIVE.fullmatch, ox.NamedNode(XSD + "integer")),
    XSD + "decimal": (_DECIMAL.fullmatch, ox.NamedNode(XSD + "decimal")),
    XSD + "date": (_is_date, ox.NamedNode(XSD + "date")),
}


def canonical_literal(lexical: str, datatype: str | None, language: str | None) -> ox.Literal:
    """The Oxigraph literal for a lexical form, datatype and language, in canonical form."""
    if language:
        return ox.Literal(lexical, language=language.lower())
    if datatype is None or datatype == XSD_STRING:
        return ox.Literal(lexical)
    fast = _ALREADY_CANONICAL.get(datatype)
    if fast is not None and fast[0](lexical):
        return ox.Literal(lexical, datatype=fast[1])
    return _stored_form(lexical, datatype)


_TO_OX: dict[Node, ox.NamedNode | ox.Literal] = {}  # IRIs and literals already converted (not blank nodes)
_TO_OX_MAX = 65536


def to_ox(term: Node, skolem: Skolemizer | None = None) -> ox.NamedNode | ox.Literal:
    """Convert an rdflib term to a normalised Oxigraph term (blank nodes need a Skolemizer)."""
    try:
        known = _TO_OX.get(term)
    except TypeError:  # unhashable: not a term (the TypeError below says so)
        known = None
    if known is not None:
        return known
    if isinstance(term, URIRef):
        out: ox.NamedNode | ox.Literal = ox.NamedNode(str(term))
    elif isinstance(term, Literal):
        out = canonical_literal(str(term), str(term.datatype) if term.datatype else None, term.language)
    elif isinstance(term, BNode):
        if skolem is None:
            raise ValueError("blank nodes are not allowed here; skolemise them first")
        return skolem(str(term))
    else:
        raise TypeError(f"unsupported RDF term: {term!r}")
    if len(_TO_OX) >= _TO_OX_MAX:
        _TO_OX.clear()
    _TO_OX[term] = out
    return out


def normalize_ox_term(term, skolem: Skolemizer | None = None):
    """Normalise an Oxigraph term (literals re-canonicalised, blank nodes skolemised)."""
    if isinstance(term, ox.BlankNode):
        if skolem is None:
            raise ValueError("blank nodes are not allowed here; skolemise them first")
        return skolem(term.value)
    if isinstance(term, ox.Literal):
        lang = term.language
        dt = None if lang else term.datatype.value
        return canonical_literal(term.value, dt, lang)
    return term


def normalize_quad(quad: ox.Quad, skolem: Skolemizer | None = None) -> ox.Quad:
    """Normalise every term of an Oxigraph quad."""
    g = quad.graph_name
    if isinstance(g, ox.BlankNode):
        g = normalize_ox_term(g, skolem)
    return ox.Quad(
        normalize_ox_term(quad.subject, skolem),
        quad.predicate,
        normalize_ox_term(quad.object, skolem),
        g,
    )


def graph_quads(graph: Graph, graph_name: str | None, skolem: Skolemizer | None = None) -> list[ox.Quad]:
    """The triples of an rdflib Graph as normalised quads in `graph_name` (None: the default graph)."""
    g = ox.NamedNode(graph_name) if graph_name else ox.DefaultGraph()
    return [ox.Quad(to_ox(s, skolem), to_ox(p), to_ox(o, skolem), g) for s, p, o in graph]


def dataset_quads(ds: Dataset, skolem: Skolemizer | None = None) -> list[ox.Quad]:
    """The quads of an rdflib Dataset, normalised."""
    out: list[ox.Quad] = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        gname = None
        if g is not None:
            ident = g.identifier if hasattr(g, "identifier") else g
            if str(ident) != "urn:x-rdflib:default":
                gname = ident
        graph = ox.DefaultGraph() if gname is None else to_ox(gname, skolem)
        out.append(ox.Quad(to_ox(s, skolem), to_ox(p), to_ox(o, skolem), graph))
    return out


def from_ox(term) -> Node:
    """Convert an Oxigraph term back to rdflib."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == XSD_STRING else URIRef(dt))
    raise TypeError(f"unsupported Oxigraph term: {term!r}")


def quads_to_nquads(quads: Iterable[ox.Quad]) -> str:
    """Serialise quads as N-Quads text, one per line (the form kept in event payloads): Oxigraph's serializer,
    which writes each quad as `str(quad) + " .\\n"` does, at about half the cost."""
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode()


def nquads_to_quads(text: str) -> list[ox.Quad]:
    """Parse N-Quads text written by `quads_to_nquads`."""
    if not text:
        return []
    return list(ox.parse(text, ox.RdfFormat.N_QUADS))
