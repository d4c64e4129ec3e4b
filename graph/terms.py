"""Namespaces and well-known IRIs used across dkg (one place, so modules agree)."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

DKG = Namespace("https://w3id.org/dkg/ontology#")
WD = Namespace("http://www.wikidata.org/entity/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
CAMEO = Namespace("https://w3id.org/dkg/cameo/")
PLOVER = Namespace("https://w3id.org/dkg/plover/")

DEFAULT_BASE = "https://w3id.org/dkg/id/"
SYSTEM_GRAPH = "urn:dkg:system"

PREFIXES: dict[str, str] = {
    "dkg": str(DKG),
    "wd": str(WD),
    "oa": str(OA),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "time": str(TIME),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "cameo": str(CAMEO),
    "plover": str(PLOVER),
}


def sparql_prefixes() -> str:
    """The PREFIX lines for every namespace above, to prepend to queries written by dkg."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


class Graphs:
    """IRIs of dkg's system named graphs under a configured base IRI."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.provenance = f"{base}graph/provenance"
        self.articles = f"{base}graph/articles"
        self.merges = f"{base}graph/merges"

    def reference(self, name: str) -> str:
        return f"{self.base}graph/reference/{name}"

    def agent(self, principal: str) -> str:
        return f"{self.base}agent/{principal}"
