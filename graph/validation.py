"""SHACL validation with pyshacl: of one write's focus nodes against a small data graph, or of everything.

Validating a write against the whole graph costs seconds per write at 100k triples; the write path instead
validates only the candidate's focus nodes against the candidate plus the neighbourhood the shapes read
(outgoing triples two hops deep, incoming triples one hop for non-hub nodes), so its cost depends on the
size of the write, not of the graph. `dkg validate` still checks the whole graph.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

import pyoxigraph as ox
from dkg.normalize import from_ox
from dkg.terms import DKG, SYSTEM_GRAPH
from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, SH, SKOS

# Nodes that many facts point at (actors, places, code-list concepts, articles, the principals who write):
# their incoming edges grow with the graph, so the neighbourhood never follows them backwards.
_HUB_CLASSES = {
    str(DKG[c])
    for c in ("Actor", "State", "Person", "IntergovernmentalOrganisation", "OrganisationOrgan", "Court",
              "ArmedGroup", "ArmedForces", "Place", "Country", "City", "District", "Region", "Article", "Office")
} | {str(PROV.Agent), str(SKOS.Concept), str(SKOS.ConceptScheme)}
# Code-list concepts are hubs even when the code lists are not loaded (their type unknown): every event names
# its CAMEO code and PLOVER type, and no shape reads the events around a code.
_HUB_PREFIXES = ("https://w3id.org/dkg/cameo/", "https://w3id.org/dkg/plover/")
_INCOMING_LIMIT = 500
_NEIGHBOURHOOD_LIMIT = 50_000


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The shipped OWL ontology."""
    return Graph().parse(data=(files("dkg.ontology") / "dkg.ttl").read_text("utf-8"), format="turtle")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The shipped SHACL shapes."""
    return Graph().parse(data=(files("dkg.shapes") / "dkg-shapes.ttl").read_text("utf-8"), format="turtle")


ValidationData = Graph | Collection[ox.Triple]
"""What validators check: an rdflib Graph, or Oxigraph triples (the write path's form, no rdflib copies)."""


def as_graph(data: ValidationData) -> Graph:
    """The data as an rdflib Graph (pyshacl's input); a Graph is returned as it is."""
    if isinstance(data, Graph):
        return data
    g = Graph()
    for t in data:
        g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return g


@dataclass
class Violation:
    """One SHACL result, in words a user can act on."""

    focus: str
    message: str
    severity: str
    path: str | None = None
    value: str | None = None
    shape: str | None = None

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        value = f" [value: {self.value}]" if self.value else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}{value}"


@dataclass
class ValidationReport:
    """The outcome of a validation: conforms or not, the violations, and the SHACL report graph."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    graph: Graph | None = None

    def text(self) -> str:
        if self.conforms:
            return "conforms"
        return "\n".join(str(v) for v in self.violations)

    def to_json(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "violations": [v.__dict__ for v in self.violations],
        }

    def turtle(self) -> str:
        return self.graph.serialize(format="turtle") if self.graph is not None else ""


def _violations(report: Graph) -> list[Violation]:
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        def one(pred, r=result):
            value = report.value(r, pred)
            return None if value is None else str(value)

        severity = one(SH.resultSeverity) or str(SH.Violation)
        out.append(
            Violation(
                focus=one(SH.focusNode) or "",
                message=one(SH.resultMessage) or "constraint violated",
                severity=severity.rsplit("#", 1)[-1],
                path=one(SH.resultPath),
                value=one(SH.value),
                shape=one(SH.sourceShape),
            )
        )
    out.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return out


def validate_graph(data: ValidationData, focus: list[str] | None = None) -> ValidationReport:
    """Validate `data` with pyshacl and the shipped shapes (only `focus` nodes when given); warnings do not fail."""
    try:
        _, report, _ = shacl_validate(
            as_graph(data),
            shacl_graph=shapes_graph(),
            ont_graph=ontology_graph(),
            inference="none",
            advanced=True,
            allow_warnings=True,
            focus_nodes=[URIRef(f) for f in focus] if focus else None,
        )
    except (TypeError, ValueError) as exc:  # pyshacl 0.40 crashes on some ill-typed literals (e.g. a bad xsd:date)
        problem = Violation(focus=str(focus[0]) if focus else "", severity="Violation",
                            message=f"the data cannot be validated: ill-typed literal ({exc})")
        return ValidationReport(conforms=False, violations=[problem])
    found = _violations(report)
    failing = any(v.severity == "Violation" for v in found)
    return ValidationReport(conforms=not failing, violations=found, graph=report)


def neighbourhood(store: ox.Store, nodes: set[str], exclude: set[ox.Quad] | None = None, *,
                  claims_prefix: str | None = None, own: set[str] | None = None,
                  classes: set[str] | None = None) -> set[ox.Triple]:
    """Triples of the store around `nodes`: outgoing two hops, incoming one hop for non-hub nodes.

    `classes` (the candidate's rdf:type objects) are hubs too: their incoming edges are their instances.

    Other sources' claims about the candidate's own subjects (`own`, in graphs whose IRI starts with
    `claims_prefix`) are left out: cardinalities hold per source, so a second article that disagrees on a
    date or an ordinal adds its claim instead of being refused. Cross-fact rules still see other nodes.
    """
    graph: set[ox.Triple] = set()
    own = own or set()
    system = ox.NamedNode(SYSTEM_GRAPH)
    exclude = exclude or set()
    rdf_type = ox.NamedNode(str(RDF.type))
    starts = {n for n in nodes if n.startswith(("http://", "https://", "urn:")) and not n.startswith(str(DKG))}
    seen: set[str] = set()
    queue: deque[tuple[str, int]] = deque((n, 0) for n in sorted(starts))
    while queue:
        iri, depth = queue.popleft()
        if iri in seen or iri.startswith(str(DKG)):
            continue
        seen.add(iri)
        node = ox.NamedNode(iri)
        skip_claims = claims_prefix is not None and iri in own
        types: set[str] = set()
        children: list[str] = []
        for q in store.quads_for_pattern(node, None, None, None):
            if q.graph_name == system or q in exclude:
                continue
            named = isinstance(q.graph_name, ox.NamedNode)
            if skip_claims and named and q.graph_name.value.startswith(claims_prefix):
                continue
            graph.add(q.triple)
            if q.predicate == rdf_type:
                types.add(q.object.value)
            elif isinstance(q.object, ox.NamedNode):
                children.append(q.object.value)
        hub = bool(types & _HUB_CLASSES) or iri.startswith(_HUB_PREFIXES) or (classes is not None and iri in classes)
        for child in children:
            # nodes minted below this one (evidence selectors, memberships...) belong to it: no hop
            if child.startswith(iri + "/"):
                queue.append((child, depth))
            elif depth < 1 and not hub:  # a hub's own triples are enough (e.g. an actor's permanent seats)
                queue.append((child, depth + 1))
        if depth == 0 and not hub:
            for n, q in enumerate(store.quads_for_pattern(None, None, node, None)):
                if n >= _INCOMING_LIMIT:
                    break
                if q.graph_name == system or q in exclude or q.predicate == rdf_type:
                    continue
                graph.add(q.triple)
                queue.append((q.subject.value, depth + 1))
        if len(graph) > _NEIGHBOURHOOD_LIMIT:
            break
    return graph
