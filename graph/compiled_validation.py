"""A write-path validator compiled from the shipped SHACL shapes: pyshacl's verdicts at a fraction of the cost.

pyshacl re-reads the shapes graph, clones the data graph, mixes the ontology in and evaluates every
constraint with rdflib on every call (about 15-200 ms per assertion). This module reads the shapes *once*:

- each node shape's targets, node-level constraints and property shapes become small Python objects whose
  checks run over a hash index of the data graph (plus the ontology, indexed once): sh:minCount, sh:maxCount,
  sh:datatype, sh:in, sh:class, sh:nodeKind, sh:pattern, sh:minLength, sh:minInclusive/maxInclusive,
  sh:lessThan/lessThanOrEquals, sh:node, sh:or and sh:qualifiedValueShape with qualified counts;
- each SHACL-SPARQL constraint (sh:sparql / sh:select) is run by Oxigraph over the data graph plus the
  ontology, once per write for *all* focus nodes of its shape (``$this`` becomes a ``VALUES`` block).

The semantics follow pyshacl 0.40 (same datatype and comparison rules, same message handling), and a
hypothesis property test (``tests/test_compiled_validation.py``) cross-checks the verdicts against pyshacl on
random valid and broken data. Constraint components the shapes do not use raise ``UnsupportedShape`` when
the shapes are compiled, so a new kind of constraint cannot be silently skipped.

Use: ``KnowledgeGraph(log, projection, base=..., validator=compiled_validator())`` or
``KnowledgeGraph.in_memory(validator=validate_compiled)``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from dkg.normalize import from_ox
from dkg.validation import (
    ValidationData,
    ValidationReport,
    Violation,
    ontology_graph,
    report_graph,
    shapes_graph,
)
from pyshacl.rdfutil.compare import compare_literal
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

_SUPPORTED = {
    SH.path, SH.message, SH.minCount, SH.maxCount, SH.datatype, SH["in"], SH["class"], SH.nodeKind, SH.pattern,
    SH.minLength, SH.minInclusive, SH.maxInclusive, SH.lessThan, SH.lessThanOrEquals, SH.node, SH["or"],
    SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.property, SH.sparql, SH.targetClass,
    SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode,
    SH.name, SH.description, SH.severity, SH.flags, RDF.type, RDFS.label, RDFS.comment,
}
_RDF_TYPE = RDF.type
_SUBCLASS = RDFS.subClassOf


# ---- compiled shapes ---------------------------------------------------------------------------------


class UnsupportedShape(ValueError):
    """The shapes use a SHACL feature the compiled validator does not implement (refused when compiling)."""


@dataclass
class _Shape:
    """A node or property shape: constraints on its value nodes (the focus itself, or the path's values)."""

    node: Node
    path: URIRef | None = None
    message: str | None = None
    severity: str = "Violation"
    min_count: int | None = None
    max_count: int | None = None
    datatype: URIRef | None = None
    values_in: frozenset[Node] | None = None
    classes: tuple[URIRef, ...] = ()
    node_kind: URIRef | None = None
    pattern: re.Pattern[str] | None = None
    min_length: int | None = None
    min_inclusive: Literal | None = None
    max_inclusive: Literal | None = None
    less_than: tuple[URIRef, ...] = ()
    less_or_equal: tuple[URIRef, ...] = ()
    nodes: tuple[_Shape, ...] = ()
    ors: tuple[tuple[_Shape, ...], ...] = ()
    qualified: tuple[tuple[_Shape, int | None, int | None], ...] = ()
    properties: tuple[_Shape, ...] = ()
    sparql: tuple[_Sparql, ...] = ()
    targets: tuple[URIRef, ...] = ()  # sh:targetClass
    subjects_of: tuple[URIRef, ...] = ()  # sh:targetSubjectsOf
    objects_of: tuple[URIRef, ...] = ()  # sh:targetObjectsOf
    target_nodes: tuple[Node, ...] = ()  # sh:targetNode


@dataclass
class _Sparql:
    """A SHACL-SPARQL constraint rewritten for Oxigraph: ``$this`` bound by a ``VALUES`` block."""

    shape: Node
    query: str  # contains the marker `#VALUES#` where the VALUES block goes
    message: str | None
    severity: str
    prefixes: dict[str, str]


class ShapesCompiler:
    """Turns a SHACL shapes graph into `_Shape` objects (each shape compiled once, cycles allowed)."""

    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.cache: dict[Node, _Shape] = {}

    def compile_all(self) -> list[_Shape]:
        """Every shape with a target (the entry points of validation)."""
        roots: set[Node] = set()
        for pred in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode):
            roots |= set(self.g.subjects(pred, None))
        if set(self.g.subjects(RDF.type, RDFS.Class)) & set(self.g.subjects(RDF.type, SH.NodeShape)):
            raise UnsupportedShape("implicit class targets are not supported by the compiled validator")
        roots = sorted(roots, key=str)
        return [self.shape(r) for r in roots]

    def _one(self, node: Node, pred: URIRef) -> Node | None:
        values = list(self.g.objects(node, pred))
        if len(values) > 1:
            raise UnsupportedShape(f"shape {node} has several {pred}; not supported by the compiled validator")
        return values[0] if values else None

    def shape(self, node: Node) -> _Shape:
        if node in self.cache:
            return self.cache[node]
        s = _Shape(node=node)
        self.cache[node] = s  # before recursing: sh:node cycles
        for pred in set(self.g.predicates(node, None)):
            if pred not in _SUPPORTED:
                raise UnsupportedShape(f"constraint {pred} of shape {node} is not supported (compiled validator)")
        path = self._one(node, SH.path)
        if path is not None:
            if not isinstance(path, URIRef):
                raise UnsupportedShape(f"complex sh:path of {node} is not supported by the compiled validator")
            s.path = path
        msg = self._one(node, SH.message)
        s.message = str(msg) if msg is not None else None
        sev = self._one(node, SH.severity)
        s.severity = str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation"
        if (v := self._one(node, SH.minCount)) is not None:
            s.min_count = int(v)
        if (v := self._one(node, SH.maxCount)) is not None:
            s.max_count = int(v)
        s.datatype = self._one(node, SH.datatype)
        if (v := self._one(node, SH["in"])) is not None:
            s.values_in = frozenset(Collection(self.g, v))
        s.classes = tuple(self.g.objects(node, SH["class"]))
        s.node_kind = self._one(node, SH.nodeKind)
        if (v := self._one(node, SH.pattern)) is not None:
            flags = self._one(node, SH.flags)
            s.pattern = re.compile(str(v), re.IGNORECASE if flags is not None and "i" in str(flags) else 0)
        if (v := self._one(node, SH.minLength)) is not None:
            s.min_length = int(v)
        s.min_inclusive = self._one(node, SH.minInclusive)
        s.max_inclusive = self._one(node, SH.maxInclusive)
        s.less_than = tuple(self.g.objects(node, SH.lessThan))
        s.less_or_equal = tuple(self.g.objects(node, SH.lessThanOrEquals))
        s.nodes = tuple(self.shape(n) for n in self.g.objects(node, SH.node))
        s.ors = tuple(tuple(self.shape(m) for m in Collection(self.g, lst)) for lst in self.g.objects(node, SH["or"]))
        qualified = []
        for q in self.g.objects(node, SH.qualifiedValueShape):
            qmin = self._one(node, SH.qualifiedMinCount)
            qmax = self._one(node, SH.qualifiedMaxCount)
            qualified.append((self.shape(q), int(qmin) if qmin is not None else None,
                              int(qmax) if qmax is not None else None))
        s.qualified = tuple(qualified)
        s.properties = tuple(self.shape(p) for p in sorted(self.g.objects(node, SH.property), key=str))
        s.sparql = tuple(self._sparql(node, c) for c in self.g.objects(node, SH.sparql))
        s.targets = tuple(self.g.objects(node, SH.targetClass))
        s.subjects_of = tuple(self.g.objects(node, SH.targetSubjectsOf))
        s.objects_of = tuple(self.g.objects(node, SH.targetObjectsOf))
        s.target_nodes = tuple(self.g.objects(node, SH.targetNode))
        return s

    def _prefixes(self, onto: Node | None) -> dict[str, str]:
        out: dict[str, str] = {}
        if onto is None:
            return out
        for decl in self.g.objects(onto, SH.declare):
            prefix = self._one(decl, SH.prefix)
            namespace = self._one(decl, SH.namespace)
            if prefix is not None and namespace is not None:
                out[str(prefix)] = str(namespace)
        return out

    def _sparql(self, shape: Node, node: Node) -> _Sparql:
        select = self._one(node, SH.select)
        if select is None:
            raise UnsupportedShape(f"SPARQL constraint {node} of {shape} has no sh:select")
        text = re.sub(r"\$this\b", "?this", str(select))
        match = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE)
        if match is None:
            raise UnsupportedShape(f"cannot find the WHERE clause of the SPARQL constraint of {shape}")
        text = text[: match.end()] + " #VALUES#\n" + text[match.end():]
        msg = self._one(node, SH.message)
        sev = self._one(node, SH.severity)
        return _Sparql(
            shape=shape,
            query=text,
            message=str(msg) if msg is not None else None,
            severity=str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation",
            prefixes=self._prefixes(self._one(node, SH.prefixes)),
        )


# ---- the data index ----------------------------------------------------------------------------------


class _Index:
    """Outgoing values per (subject, predicate) over the data graph and the ontology (a set union)."""

    def __init__(self, data: Iterable[tuple[Node, Node, Node]], ontology: _OntologyIndex) -> None:
        out: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
        inc: dict[Node, set[Node]] = defaultdict(set)  # object -> predicates it is the object of
        extra_subclass: list[tuple[Node, Node]] = []
        for s, p, o in data:
            out[s][p].add(o)
            inc[o].add(p)
            if p == _SUBCLASS:
                extra_subclass.append((s, o))
        self.out = out
        self.inc = inc
        self.ont = ontology
        self.supers = ontology.supers if not extra_subclass else ontology.closure_with(extra_subclass)

    def values(self, s: Node, p: Node) -> set[Node]:
        mine = self.out.get(s)
        here = mine.get(p) if mine is not None else None
        there = self.ont.out.get(s, {}).get(p)
        if here is None:
            return set(there) if there else set()
        if there:
            return here | there
        return here

    def is_instance(self, node: Node, cls: Node) -> bool:
        return any(t == cls or cls in self.supers.get(t, ()) for t in self.values(node, _RDF_TYPE))

    def has_predicate(self, node: Node) -> set[Node]:
        """Predicates `node` has values for (data and ontology)."""
        return set(self.out.get(node, ())) | set(self.ont.out.get(node, ()))

    def object_of(self, node: Node) -> set[Node]:
        """Predicates `node` is the object of (data and ontology)."""
        return self.inc.get(node, set()) | self.ont.inc.get(node, set())

    def types_closure(self, node: Node) -> set[Node]:
        found: set[Node] = set()
        for t in self.values(node, _RDF_TYPE):
            found.add(t)
            found |= self.supers.get(t, set())
        return found


class _OntologyIndex:
    """The ontology indexed once: outgoing values and the rdfs:subClassOf closure."""

    def __init__(self, ontology: Graph) -> None:
        self.out: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
        inc: dict[Node, set[Node]] = defaultdict(set)
        pairs = []
        for s, p, o in ontology:
            self.out[s][p].add(o)
            inc[o].add(p)
            if p == _SUBCLASS:
                pairs.append((s, o))
        self.out = {k: dict(v) for k, v in self.out.items()}
        self.inc = dict(inc)
        self.pairs = pairs
        self.supers = _closure(pairs)

    def closure_with(self, extra: Iterable[tuple[Node, Node]]) -> dict[Node, set[Node]]:
        return _closure([*self.pairs, *extra])


def _closure(pairs: Iterable[tuple[Node, Node]]) -> dict[Node, set[Node]]:
    """Strict superclasses of each class (rdfs:subClassOf+)."""
    direct: dict[Node, set[Node]] = defaultdict(set)
    for sub, sup in pairs:
        direct[sub].add(sup)
    result: dict[Node, set[Node]] = {}
    for start in list(direct):
        seen: set[Node] = set()
        stack = list(direct[start])
        while stack:
            c = stack.pop()
            if c in seen:
                continue
            seen.add(c)
            stack.extend(direct.get(c, ()))
        result[start] = seen
    return result


_RDF_TERMS: dict[object, Node] = {}
_RDF_TERMS_MAX = 200_000


def _rdf(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """An Oxigraph term as rdflib's (cached: IRIs and many literals recur from write to write)."""
    node = _RDF_TERMS.get(term)
    if node is None:
        if len(_RDF_TERMS) >= _RDF_TERMS_MAX:
            _RDF_TERMS.clear()
        node = _RDF_TERMS[term] = from_ox(term)
    return node


def _ox(term: Node) -> ox.NamedNode | ox.Literal:
    """An rdflib IRI or literal as an Oxigraph term (Oxigraph canonicalises literals itself when storing)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"blank nodes are not loaded: {term!r}")


# ---- evaluation --------------------------------------------------------------------------------------


def _node_kind_ok(v: Node, kind: URIRef) -> bool:
    if kind == SH.IRI:
        return isinstance(v, URIRef)
    if kind == SH.Literal:
        return isinstance(v, Literal)
    if kind == SH.BlankNode:
        return isinstance(v, BNode)
    if kind == SH.BlankNodeOrIRI:
        return isinstance(v, (BNode, URIRef))
    if kind == SH.BlankNodeOrLiteral:
        return isinstance(v, (BNode, Literal))
    if kind == SH.IRIOrLiteral:
        return isinstance(v, (URIRef, Literal))
    raise UnsupportedShape(f"unknown sh:nodeKind {kind}")


_PYTHON_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
    XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime,
}


def _datatype_ok(v: Node, dt: URIRef) -> bool:
    """pyshacl's DatatypeConstraintComponent: same datatype, well-formed, Python value of the right kind."""
    if not isinstance(v, Literal):
        return False
    datatype, lang = v.datatype, v.language
    if datatype == dt:
        if getattr(v, "ill_typed", None) is True:
            return False
    elif dt == RDFS.Literal or (dt == RDFS.Datatype and datatype):
        return True
    elif not ((datatype is None and lang is None and dt == XSD.string) or (dt == RDF.langString and lang)):
        return False
    kind = _PYTHON_TYPES.get(dt)
    return True if kind is None else isinstance(v.value, kind)


def _range_ok(v: Node, bound: Literal, minimum: bool) -> bool:
    """pyshacl's sh:minInclusive / sh:maxInclusive on one value."""
    if not isinstance(v, Literal):
        return False
    bound_is_string = isinstance(bound.value, str)
    v_is_string = isinstance(v.value, str)
    if bound_is_string != v_is_string:
        return False
    try:
        cmp = compare_literal(v, bound)
    except (TypeError, NotImplementedError):  # rdflib cannot order these literals
        return False
    return cmp >= 0 if minimum else cmp <= 0


def _pair_ok(value: Node, other: Node, strict: bool) -> bool:
    """pyshacl's sh:lessThan / sh:lessThanOrEquals on one pair."""
    def norm(n: Node) -> tuple[object, bool]:
        if isinstance(n, URIRef):
            return str(n), True
        if isinstance(n, Literal) and isinstance(n.value, str):
            return n.value, True
        return n, False

    a, a_str = norm(value)
    b, b_str = norm(other)
    if a_str != b_str:
        return False
    try:
        return bool(a < b) if strict else bool(a <= b)
    except TypeError:
        return False


class _Evaluator:
    """Evaluates compiled shapes over one data index; collects violations."""

    def __init__(self, index: _Index, memo: dict[tuple[int, Node], bool] | None = None) -> None:
        self.ix = index
        self.found: list[Violation] = []
        self.memo = {} if memo is None else memo  # (shape, node) -> conforms, shared by nested probes

    def conforms(self, shape: _Shape, focus: Node) -> bool:
        """Whether `focus` conforms to `shape` (used by sh:node, sh:or and qualified value shapes)."""
        key = (id(shape), focus)
        known = self.memo.get(key)
        if known is not None:
            return known
        if shape.sparql:
            raise UnsupportedShape(f"SPARQL constraints in nested shape {shape.node} are not supported")
        probe = _Evaluator(self.ix, self.memo)
        probe.validate(shape, focus)
        result = self.memo[key] = not any(v.severity == "Violation" for v in probe.found)
        return result

    def _report(self, shape: _Shape, focus: Node, value: Node | None, default: str) -> None:
        self.found.append(Violation(
            focus=str(focus),
            message=shape.message or default,
            severity=shape.severity,
            path=str(shape.path) if shape.path is not None else None,
            value=None if value is None else str(value),
            shape=str(shape.node),
        ))

    def validate(self, shape: _Shape, focus: Node) -> None:
        """Check `focus` against `shape`: its own constraints, then its property shapes."""
        values = self.ix.values(focus, shape.path) if shape.path is not None else {focus}
        s = shape
        if s.min_count is not None and len(values) < s.min_count:
            self._report(s, focus, None, f"Less than {s.min_count} values on {s.path}")
        if s.max_count is not None and len(values) > s.max_count:
            self._report(s, focus, None, f"More than {s.max_count} values on {s.path}")
        for v in sorted(values, key=str):
            if s.datatype is not None and not _datatype_ok(v, s.datatype):
                self._report(s, focus, v, f"Value is not Literal with datatype {s.datatype}")
            if s.values_in is not None and v not in s.values_in:
                self._report(s, focus, v, "Value is not in the list of allowed values")
            for cls in s.classes:
                if not self.ix.is_instance(v, cls):
                    self._report(s, focus, v, f"Value does not have class {cls}")
            if s.node_kind is not None and not _node_kind_ok(v, s.node_kind):
                self._report(s, focus, v, f"Value is not of node kind {s.node_kind}")
            if s.pattern is not None and (isinstance(v, BNode) or not s.pattern.search(str(v))):
                self._report(s, focus, v, f"Value does not match pattern {s.pattern.pattern}")
            if s.min_length is not None and (isinstance(v, BNode) or len(str(v)) < s.min_length):
                self._report(s, focus, v, f"String length is less than {s.min_length}")
            if s.min_inclusive is not None and not _range_ok(v, s.min_inclusive, True):
                self._report(s, focus, v, f"Value is not >= {s.min_inclusive}")
            if s.max_inclusive is not None and not _range_ok(v, s.max_inclusive, False):
                self._report(s, focus, v, f"Value is not <= {s.max_inclusive}")
            for prop in s.less_than:
                for other in self.ix.values(focus, prop):
                    if not _pair_ok(v, other, True):
                        self._report(s, focus, v, f"Value is not < value of {prop}")
            for prop in s.less_or_equal:
                for other in self.ix.values(focus, prop):
                    if not _pair_ok(v, other, False):
                        self._report(s, focus, v, f"Value is not <= value of {prop}")
            for node_shape in s.nodes:
                if not self.conforms(node_shape, v):
                    self._report(s, focus, v, f"Value does not conform to shape {node_shape.node}")
            for alternatives in s.ors:
                if not any(self.conforms(alt, v) for alt in alternatives):
                    self._report(s, focus, v, "Node does not conform to one or more shapes in the sh:or list")
        for qshape, qmin, qmax in s.qualified:
            count = sum(1 for v in values if self.conforms(qshape, v))
            if (qmin is not None and count < qmin) or (qmax is not None and count > qmax):
                self._report(s, focus, None, "Qualified value count out of range")
        if s.path is None:
            for prop in s.properties:
                self.validate(prop, focus)
        else:
            for prop in s.properties:  # property shapes nested in a property shape apply to its values
                for v in values:
                    self.validate(prop, v)


_VAR = re.compile(r"\{[?$](\w+)\}")


def _fill(message: str, row: dict[str, Node]) -> str:
    """Substitute {?var} / {$this} in a SPARQL constraint's message, as pyshacl does."""
    def one(m: re.Match[str]) -> str:
        value = row.get(m.group(1))
        return m.group(0) if value is None else str(value)

    return _VAR.sub(one, message)


# ---- the validator -----------------------------------------------------------------------------------


@dataclass
class CompiledValidator:
    """Validates a data graph like `dkg.validation.validate_graph`, with the shapes compiled once.

    Call it as `validator(data, focus)`; it returns a `ValidationReport` (warnings do not fail). Thread-safe:
    each call builds its own index and scratch store.
    """

    shapes: Graph = field(default_factory=shapes_graph)
    ontology: Graph = field(default_factory=ontology_graph)

    def __post_init__(self) -> None:
        compiler = ShapesCompiler(self.shapes)
        self.roots = compiler.compile_all()
        self.by_class: dict[Node, list[_Shape]] = defaultdict(list)
        self.by_subject_of: dict[Node, list[_Shape]] = defaultdict(list)
        self.by_object_of: dict[Node, list[_Shape]] = defaultdict(list)
        self.by_node: dict[Node, list[_Shape]] = defaultdict(list)
        for shape in self.roots:
            for cls in shape.targets:
                self.by_class[cls].append(shape)
            for p in shape.subjects_of:
                self.by_subject_of[p].append(shape)
            for p in shape.objects_of:
                self.by_object_of[p].append(shape)
            for n in shape.target_nodes:
                self.by_node[n].append(shape)
        self.onto = _OntologyIndex(self.ontology)
        self._ontology_quads = [ox.Quad(_ox(s), _ox(p), _ox(o)) for s, p, o in self.ontology
                                if not isinstance(s, BNode) and not isinstance(o, BNode)]

    def shapes_for(self, index: _Index, node: Node) -> list[_Shape]:
        """The shapes that target `node` (sh:targetClass following rdfs:subClassOf, sh:targetSubjectsOf,
        sh:targetObjectsOf, sh:targetNode)."""
        out: list[_Shape] = []
        for cls in index.types_closure(node):
            out.extend(self.by_class.get(cls, ()))
        if self.by_subject_of:
            for p in index.has_predicate(node):
                out.extend(self.by_subject_of.get(p, ()))
        if self.by_object_of:
            for p in index.object_of(node):
                out.extend(self.by_object_of.get(p, ()))
        out.extend(self.by_node.get(node, ()))
        return out

    def __call__(self, data: ValidationData, focus: list[str] | None = None) -> ValidationReport:
        """Validate `data` (an rdflib Graph or Oxigraph triples): only `focus` nodes when given."""
        if isinstance(data, Graph):
            triples = list(data)
            quads: Callable[[], Iterable[ox.Quad]] = lambda: (  # noqa: E731
                ox.Quad(_ox(s), _ox(p), _ox(o)) for s, p, o in triples
                if not isinstance(s, BNode) and not isinstance(o, BNode))
        else:
            triples = [(_rdf(t.subject), _rdf(t.predicate), _rdf(t.object)) for t in data]
            quads = lambda: (  # noqa: E731
                ox.Quad(t.subject, t.predicate, t.object) for t in data
                if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode))
        index = _Index(triples, self.onto)
        if focus:
            nodes: Iterable[Node] = sorted({URIRef(f) for f in focus}, key=str)
        else:
            candidates = {t[0] for t in triples} | {t[2] for t in triples}
            candidates |= set(self.ontology.subjects(_RDF_TYPE, None))
            candidates |= set(self.by_node)
            nodes = sorted((n for n in candidates if isinstance(n, URIRef) and self.shapes_for(index, n)), key=str)
        evaluator = _Evaluator(index)
        sparql_focus: dict[int, tuple[_Sparql, set[Node]]] = {}
        for node in nodes:
            seen: set[int] = set()
            for shape in self.shapes_for(index, node):
                if id(shape) in seen:
                    continue
                seen.add(id(shape))
                evaluator.validate(shape, node)
                for constraint in shape.sparql:
                    sparql_focus.setdefault(id(constraint), (constraint, set()))[1].add(node)
        found = evaluator.found
        if sparql_focus:
            found.extend(self._run_sparql(quads(), sparql_focus.values()))
        unique = {(v.focus, v.path, v.value, v.message, v.shape): v for v in found}
        violations = sorted(unique.values(), key=lambda v: (v.focus, v.path or "", v.message))
        conforms = not any(v.severity == "Violation" for v in violations)
        return ValidationReport(conforms=conforms, violations=violations, graph=report_graph(conforms, violations))

    def _run_sparql(self, data: Iterable[ox.Quad], work: Iterable[tuple[_Sparql, set[Node]]]) -> list[Violation]:
        """Run each SPARQL constraint once for all its focus nodes over the data plus the ontology.

        A fresh in-memory store per call: an Oxigraph memory store that is repeatedly filled and cleared
        keeps growing internally and slows down (measured: 4x after 1,200 fill/clear cycles).
        """
        store = ox.Store()
        store.bulk_extend(self._ontology_quads)
        store.bulk_extend(data)
        out: list[Violation] = []
        for constraint, nodes in work:
            values = " ".join(f"<{n}>" for n in sorted(nodes, key=str) if isinstance(n, URIRef))
            query = constraint.query.replace("#VALUES#", f"VALUES ?this {{ {values} }}")
            result = store.query(query, prefixes=constraint.prefixes)
            names = [v.value for v in result.variables]
            for solution in result:
                row = {n: from_ox(solution[n]) for n in names if solution[n] is not None}
                this = row.get("this")
                if this is None:
                    continue
                value = row.get("value", this)
                path = row.get("path")
                msg = _fill(constraint.message, row) if constraint.message else "SPARQL constraint violated"
                out.append(Violation(focus=str(this), message=msg, severity=constraint.severity,
                                     path=None if path is None else str(path), value=str(value),
                                     shape=str(constraint.shape)))
        return out


@lru_cache(maxsize=1)
def compiled_validator() -> CompiledValidator:
    """The validator compiled from the shipped shapes and ontology (compiled once per process)."""
    return CompiledValidator()


def validate_compiled(data: ValidationData, focus: list[str] | None = None) -> ValidationReport:
    """Drop-in replacement for `dkg.validation.validate_graph` (the `Validator` signature)."""
    return compiled_validator()(data, focus)


Validator = Callable[[ValidationData, list[str]], ValidationReport]
