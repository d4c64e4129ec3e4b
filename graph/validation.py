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
from rdflib import BNode, Graph, Literal, URIRef
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
_GRAPH_BY_GRAPH_LIMIT = 64  # more named graphs outside the claims than this: one filtering query instead
_RDF_TYPE = ox.NamedNode(str(RDF.type))


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


def report_graph(conforms: bool, violations: list[Violation]) -> Graph:
    """A SHACL validation report graph for the violations (what `ValidationReport.turtle()` prints)."""
    g = Graph()
    g.bind("sh", SH)
    report = BNode()
    g.add((report, RDF.type, SH.ValidationReport))
    g.add((report, SH.conforms, Literal(conforms)))
    for v in violations:
        r = BNode()
        g.add((report, SH.result, r))
        g.add((r, RDF.type, SH.ValidationResult))
        g.add((r, SH.focusNode, URIRef(v.focus)))
        g.add((r, SH.resultMessage, Literal(v.message)))
        g.add((r, SH.resultSeverity, SH[v.severity]))
        if v.path:
            g.add((r, SH.resultPath, URIRef(v.path)))
        if v.value is not None:
            g.add((r, SH.value, Literal(v.value)))
        if v.shape and not v.shape.startswith("N") and "://" in v.shape:
            g.add((r, SH.sourceShape, URIRef(v.shape)))
    return g


def merge_reports(reports: list[ValidationReport]) -> ValidationReport:
    """One report for several validations of one write (the parts of a batch)."""
    if len(reports) == 1:
        return reports[0]
    unique = {(v.focus, v.path, v.value, v.message, v.shape): v for r in reports for v in r.violations}
    violations = sorted(unique.values(), key=lambda v: (v.focus, v.path or "", v.message))
    conforms = all(r.conforms for r in reports)
    return ValidationReport(conforms=conforms, violations=violations, graph=report_graph(conforms, violations))


Description = dict[ox.NamedNode, frozenset[tuple[ox.NamedNode, Any]]]  # subject -> {(predicate, object)}


@dataclass
class ValidationPart:
    """Part of a write validated on its own: its quads, its focus nodes, and `context`, uncommitted quads of the
    same write that it may refer to (validated in their own part)."""

    quads: list[ox.Quad]
    focus: set[str]
    context: list[ox.Quad] = field(default_factory=list)
    members: list[int] = field(default_factory=list)  # a group's parts (their indexes in the list grouped)
    described: Description = field(default_factory=dict)  # what the part claims about each subject
    report: ValidationReport | None = None  # set once validated


def _is_claim(q: ox.Quad, claims_prefix: str) -> bool:
    return isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(claims_prefix)


def describe(triples: list[tuple[ox.NamedNode, ox.NamedNode, Any]]) -> Description:
    """What a source claims about each subject: {subject: {(predicate, object)}} (see `validation_groups`)."""
    out: dict[ox.NamedNode, set[tuple[ox.NamedNode, Any]]] = {}
    for s, p, o in triples:
        out.setdefault(s, set()).add((p, o))
    return {s: frozenset(d) for s, d in out.items()}


def join_parts(parts: list[ValidationPart]) -> list[ValidationPart]:
    """One source's parts (an assertion each, and its registration) joined where they claim facts about the
    same subjects (a vote and the positions recorded on it read each other's claims): those are validated
    together, as the source alone is."""
    out: list[ValidationPart] = []
    for part in parts:
        joined = [p for p in out if part.described and not p.described.keys().isdisjoint(part.described)]
        if not joined:
            out.append(part)
            continue
        merged = ValidationPart(list(part.quads), set(part.focus), described=dict(part.described))
        for p in joined:
            out.remove(p)
            merged.quads += p.quads
            merged.focus |= p.focus
            for s, d in p.described.items():
                merged.described[s] = merged.described.get(s, frozenset()) | d
        out.append(merged)
    return out


def validation_groups(parts: list[ValidationPart], claims_prefix: str) -> list[ValidationPart]:
    """Merge the parts of a batch into as few validations as the per-source rules allow.

    A source is validated without other sources' claims about the subjects it claims facts about (quads in
    graphs whose IRI starts with `claims_prefix`; `ValidationPart.described` holds what a part claims), so two
    parts that describe the same event differently (two sources of one veto) go to different groups; parts
    whose shared subjects (if any) they describe alike share one (the union then holds exactly what each would
    see). A group also sees what the other groups write around its nodes (two hops out, one hop in to the
    subjects it claims), except their claims about its own subjects (those it types), as a later article sees an
    earlier one's.
    """
    groups: list[tuple[ValidationPart, Description]] = []
    for i, part in enumerate(parts):
        mine = part.described
        for group, subjects in groups:
            # a subject both describe alike (the same place declared by two articles) is no conflict
            if all(subjects.get(s, d) == d for s, d in mine.items()):
                group.quads += part.quads
                group.focus |= part.focus
                group.members.append(i)
                subjects.update(mine)
                break
        else:
            groups.append((ValidationPart(list(part.quads), set(part.focus), members=[i]), dict(mine)))
    if len(groups) > 1:
        out_edges: dict[ox.NamedNode, list[tuple[int, ox.Quad]]] = {}
        in_edges: dict[ox.NamedNode, list[tuple[int, ox.Quad]]] = {}
        for m, (group, _s) in enumerate(groups):
            for q in group.quads:
                out_edges.setdefault(q.subject, []).append((m, q))
                if isinstance(q.object, ox.NamedNode):
                    in_edges.setdefault(q.object, []).append((m, q))
        for n, (group, subjects) in enumerate(groups):
            # its own subjects are those it types; a node it only adds to (a member added to another source's
            # vote) is seen with the other groups' claims, as `KnowledgeGraph` validates one write
            own = {s for s, d in subjects.items() if any(p == _RDF_TYPE for p, _o in d)}
            group.context = _context(n, group.quads, own, out_edges, in_edges, claims_prefix)
    return [g for g, _s in groups]


def _context(n: int, quads: list[ox.Quad], own: Collection[ox.NamedNode],
             out_edges: dict[ox.NamedNode, list[tuple[int, ox.Quad]]],
             in_edges: dict[ox.NamedNode, list[tuple[int, ox.Quad]]], claims_prefix: str) -> list[ox.Quad]:
    """The other groups' quads around group `n`'s nodes (see `validation_groups`), from edges indexed once."""

    def visible(m: int, q: ox.Quad) -> bool:
        return m != n and not (q.subject in own and _is_claim(q, claims_prefix))

    found: set[ox.Quad] = set()
    frontier = {q.subject for q in quads} | {q.object for q in quads if isinstance(q.object, ox.NamedNode)}
    seen: set[ox.NamedNode] = set()
    for _depth in range(2):
        following: set[ox.NamedNode] = set()
        for node in frontier - seen:
            seen.add(node)
            for m, q in out_edges.get(node, ()):
                if visible(m, q):
                    found.add(q)
                    if isinstance(q.object, ox.NamedNode):
                        following.add(q.object)
            if node in own:
                found.update(q for m, q in in_edges.get(node, ()) if visible(m, q))
        frontier = following
    return list(found)


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


_OWN_QUADS = """SELECT ?s ?p ?o ?g WHERE { VALUES ?s { %s }
  { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } FILTER(!STRSTARTS(STR(?g), "%s")) } }"""
_OWN_TYPES = """SELECT DISTINCT ?s ?t WHERE { VALUES ?s { %s } { ?s a ?t } UNION { GRAPH ?g { ?s a ?t } } }"""


def _own_nodes(store: ox.Store, nodes: set[str], claims_prefix: str, with_types: bool = True,
               graphs: Collection[ox.NamedNode] | None = None
               ) -> tuple[dict[str, list[ox.Quad]], dict[str, set[str]]]:  # fmt: skip
    """For the candidate's own subjects: their quads outside claim graphs, and (`with_types`) their types in any
    graph.

    An event reported by hundreds of sources holds thousands of claim quads, which must not be handed to
    Python one by one only to be skipped. When the caller knows every named graph outside the claims
    (`graphs`, a superset will do), each subject is read graph by graph (the default graph and those); else
    with queries that filter inside Oxigraph (slower: they still scan the claims).
    """
    quads: dict[str, list[ox.Quad]] = {n: [] for n in nodes}
    types: dict[str, set[str]] = {}
    ordered = sorted(nodes)
    if graphs is not None and not with_types and len(graphs) <= _GRAPH_BY_GRAPH_LIMIT:
        places = [ox.DefaultGraph(), *sorted(graphs, key=str)]
        for n in ordered:
            node, found = ox.NamedNode(n), quads[n]
            if next(store.quads_for_pattern(node, None, None, None), None) is None:
                continue  # a subject this write introduces: one lookup instead of one per graph
            for g in places:
                found.extend(store.quads_for_pattern(node, None, None, g))
        return quads, types
    for start in range(0, len(ordered), 500):
        values = " ".join(f"<{n}>" for n in ordered[start : start + 500])
        for row in store.query(_OWN_QUADS % (values, claims_prefix)):
            s, p, o, g = row[0], row[1], row[2], row[3]
            quads[s.value].append(ox.Quad(s, p, o, g if g is not None else ox.DefaultGraph()))
        for row in store.query(_OWN_TYPES % values) if with_types else ():
            if isinstance(row[1], ox.NamedNode):
                types.setdefault(row[0].value, set()).add(row[1].value)
    return quads, types


def neighbourhood(store: ox.Store, nodes: set[str], exclude: set[ox.Quad] | None = None, *,
                  claims_prefix: str | None = None, own: set[str] | None = None,
                  classes: set[str] | None = None, own_types: dict[str, set[str]] | None = None,
                  graphs: Collection[ox.NamedNode] | None = None) -> set[ox.Triple]:
    """Triples of the store around `nodes`: outgoing two hops, incoming one hop for non-hub nodes.

    `classes` (the candidate's rdf:type objects) are hubs too: their incoming edges are their instances.

    Other sources' claims about the candidate's own subjects (`own`, in graphs whose IRI starts with
    `claims_prefix`) are left out: cardinalities hold per source, so a second article that disagrees on a
    date or an ordinal adds its claim instead of being refused. Cross-fact rules still see other nodes.
    Whether an own subject is a hub follows its types in the claims too: `own_types` when the caller has them
    (the candidate's own rdf:type triples), else read from the store. `graphs`: the store's named graphs
    outside the claims, when known (see `Projection.graphs_outside`): the own subjects are then read faster.
    """
    graph: set[ox.Triple] = set()
    own = own or set()
    system = ox.NamedNode(SYSTEM_GRAPH)
    exclude = exclude or set()
    rdf_type = _RDF_TYPE
    starts = {n for n in nodes if n.startswith(("http://", "https://", "urn:")) and not n.startswith(str(DKG))}
    own_quads, read_types = (_own_nodes(store, starts & own, claims_prefix, with_types=own_types is None,
                                        graphs=graphs)
                             if claims_prefix else ({}, {}))  # fmt: skip
    own_types = own_types if own_types is not None else read_types
    seen: set[str] = set()
    queue: deque[tuple[str, int]] = deque((n, 0) for n in sorted(starts))
    while queue:
        iri, depth = queue.popleft()
        if iri in seen or iri.startswith(str(DKG)):
            continue
        seen.add(iri)
        node = ox.NamedNode(iri)
        skip_claims = claims_prefix is not None and iri in own
        types: set[str] = set(own_types.get(iri, ()))  # an own node's types also come from the skipped claims
        children: list[str] = []
        known = own_quads.get(iri)
        for q in known if known is not None else store.quads_for_pattern(node, None, None, None):
            if q.graph_name == system or q in exclude:
                continue
            if skip_claims and known is None and isinstance(q.graph_name, ox.NamedNode) \
                    and q.graph_name.value.startswith(claims_prefix):  # fmt: skip
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
