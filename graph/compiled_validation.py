"""A write-path validator compiled from the shipped SHACL shapes: pyshacl's verdicts at a fraction of the cost.

pyshacl re-reads the shapes graph, clones the data graph, mixes the ontology in and evaluates every
constraint with rdflib on every call (about 15-200 ms per assertion). This module reads the shapes *once*:

- each node shape's targets, node-level constraints and property shapes become small Python objects whose
  value checks (closures built once per shape, in pyshacl's order) run over a hash index of the data graph
  and the ontology (indexed once): sh:minCount, sh:maxCount, sh:datatype, sh:in, sh:class, sh:nodeKind,
  sh:pattern, sh:minLength, sh:minInclusive/maxInclusive, sh:lessThan/lessThanOrEquals, sh:node, sh:or and
  sh:qualifiedValueShape with qualified counts;
- each SHACL-SPARQL constraint (sh:sparql / sh:select) is run by Oxigraph over the data graph plus the
  ontology, once per write for *all* focus nodes of its shape (``$this`` becomes a ``VALUES`` block). The
  scratch store only holds the triples whose predicate the constraints' patterns name (read once from the
  parsed queries; a variable or negated predicate means every triple).

The index keeps IRIs and blank nodes as the Oxigraph terms the write path hands over (no rdflib copies of
the data) and a literal as its rdflib-normalised (lexical form, datatype, language), so two literals are one
value exactly when rdflib finds them equal; the checks that need a literal's value (datatype, ranges, order)
use rdflib's literal and remember their verdict per literal. The semantics follow pyshacl 0.40 (same
datatype and comparison rules, same message handling), and a hypothesis property test
(``tests/test_compiled_validation.py``) cross-checks the verdicts against pyshacl on random valid and broken
data. Constraint components the shapes do not use raise ``UnsupportedShape`` when the shapes are compiled, so
a new kind of constraint cannot be silently skipped.

Use: ``KnowledgeGraph(log, projection, base=..., validator=compiled_validator())`` or
``KnowledgeGraph.in_memory(validator=validate_compiled)``. Timing: ``bench/validation_speed.py``.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
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
from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

_SUPPORTED = {
    SH.path, SH.message, SH.minCount, SH.maxCount, SH.datatype, SH["in"], SH["class"], SH.nodeKind, SH.pattern,
    SH.minLength, SH.minInclusive, SH.maxInclusive, SH.lessThan, SH.lessThanOrEquals, SH.node, SH["or"],
    SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.property, SH.sparql, SH.targetClass,
    SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode,
    SH.name, SH.description, SH.severity, SH.flags, RDF.type, RDFS.label, RDFS.comment,
}
_NAMED, _BLANK, _LITERAL, _QUAD, _TRIPLE = ox.NamedNode, ox.BlankNode, ox.Literal, ox.Quad, ox.Triple
_N_TRIPLES = ox.RdfFormat.N_TRIPLES
_RDF_TYPE = sys.intern(str(RDF.type))
_XSD_STRING = str(XSD.string)
_SUBCLASS = sys.intern(str(RDFS.subClassOf))

# ---- terms in the index ------------------------------------------------------------------------------

LiteralKey = tuple[str, str | None, str | None]
"""A literal as the index holds it: rdflib's (lexical form, datatype, lower-case language), rdflib's equality."""
Key = ox.NamedNode | ox.BlankNode | LiteralKey
"""A term as the index holds it: IRIs and blank nodes as Oxigraph terms, literals as `LiteralKey`. Predicates
are interned IRI strings (their hashes are kept: the evaluator looks predicates up the most)."""

_CACHE_MAX = 200_000
_LITERALS: dict[LiteralKey, Literal] = {}  # key -> an rdflib literal with that key
_OX_LITERALS: dict[ox.Literal, LiteralKey] = {}  # literals recur from write to write (dates, counts, codes)


def _literal_key(lit: Literal) -> LiteralKey:
    """The key of an rdflib literal (remembered with the literal)."""
    datatype, lang = lit.datatype, lit.language
    key = (str(lit), None if datatype is None else str(datatype), lang.lower() if lang else None)
    _LITERALS.setdefault(key, lit)
    return key


def _ox_literal_key(term: ox.Literal) -> LiteralKey:
    """The key of an Oxigraph literal: that of its rdflib form (normalised as rdflib does; strings are left as
    they are, so their rdflib literal is only made if a check needs it: most strings are new in each write)."""
    lang = term.language
    if lang is not None:
        key = (term.value, None, lang.lower())
    elif term.datatype.value == _XSD_STRING:
        key = (term.value, None, None)
    else:
        key = _literal_key(from_ox(term))
    _OX_LITERALS[term] = key
    return key


def _literal(key: LiteralKey) -> Literal:
    """The rdflib literal of a key (rebuilt when the cache was trimmed meanwhile)."""
    lit = _LITERALS.get(key)
    if lit is None:
        lit = _LITERALS[key] = Literal(key[0], lang=key[2], datatype=None if key[1] is None else URIRef(key[1]))
    return lit


def _trim_caches() -> None:
    """Bound the literal caches (between calls: a key's literal can always be rebuilt)."""
    for cache in (_OX_LITERALS, _LITERALS):
        if len(cache) > _CACHE_MAX:
            cache.clear()


def _key(node: Node, blanks: dict[BNode, ox.BlankNode]) -> Key:
    """An rdflib term as an index key (`blanks`: the blank nodes converted so far, one Oxigraph node each)."""
    if isinstance(node, URIRef):
        return _NAMED(str(node))
    if isinstance(node, Literal):
        return _literal_key(node)
    if isinstance(node, BNode):
        blank = blanks.get(node)
        if blank is None:
            try:
                blank = _BLANK(str(node))
            except ValueError:  # not a valid N-Triples blank node label: a fresh one stands for it
                blank = _BLANK()
            blanks[node] = blank
        return blank
    raise TypeError(f"unsupported rdflib term: {node!r}")


def _text(v: Key) -> str:
    """What `str()` gives for the term in rdflib: the IRI, the blank node label or the literal's lexical form."""
    return v[0] if type(v) is tuple else v.value


def _node(v: Key) -> Node:
    """The rdflib term of a key."""
    if type(v) is tuple:
        return _literal(v)
    return URIRef(v.value) if type(v) is _NAMED else BNode(v.value)


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


# ---- literal semantics (pyshacl's) -------------------------------------------------------------------


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


# ---- compiled shapes ---------------------------------------------------------------------------------


class UnsupportedShape(ValueError):
    """The shapes use a SHACL feature the compiled validator does not implement (refused when compiling)."""


Check = Callable[["_Evaluator", Key, Key], bool]
"""A value check: (evaluator, focus node, value) -> whether the value passes."""


@dataclass(eq=False)
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
    # the same, ready for the index (set by `_prepare`)
    path_key: str | None = None
    node_text: str = ""
    checks: tuple[tuple[Check, str], ...] = ()  # per value, in pyshacl's order, with the message to report
    own: bool = False  # any constraint on the shape's own value nodes (not only property shapes / SPARQL)
    empty_fails: bool = False  # no value at all is a violation (sh:minCount, sh:qualifiedMinCount)
    simple: bool = False  # one value needs only `checks` (its count is fine; no qualified or nested shapes)
    pure: bool = False  # a node shape with value checks only (conformance is `checks` on the focus itself)
    min_message: str = ""
    max_message: str = ""
    qualified_message: str = ""


@dataclass
class _Sparql:
    """A SHACL-SPARQL constraint rewritten for Oxigraph: ``$this`` bound by a ``VALUES`` block."""

    shape: Node
    query: str  # contains the marker `#VALUES#` where the VALUES block goes
    message: str | None
    severity: str
    prefixes: dict[str, str]
    predicates: frozenset[str] | None = None  # IRIs its triple patterns can match; None: any predicate


class ShapesCompiler:
    """Turns a SHACL shapes graph into `_Shape` objects (each shape compiled once, cycles allowed)."""

    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.cache: dict[Node, _Shape] = {}
        self.blanks: dict[BNode, ox.BlankNode] = {}

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
        """The compiled shape of `node` (compiled on first use)."""
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
        self._prepare(s)
        return s

    def _prepare(self, s: _Shape) -> None:
        """The index form of a compiled shape: path key, value checks in pyshacl's order, messages."""
        s.path_key = None if s.path is None else sys.intern(str(s.path))
        s.node_text = str(s.node)
        checks: list[tuple[Check, str]] = []
        msg = s.message
        if s.datatype is not None:
            checks.append((_datatype_check(s.datatype), msg or f"Value is not Literal with datatype {s.datatype}"))
        if s.values_in is not None:
            allowed = frozenset(_key(v, self.blanks) for v in s.values_in)
            checks.append((lambda ev, focus, v: v in allowed, msg or "Value is not in the list of allowed values"))
        for cls in s.classes:
            checks.append((_class_check(_NAMED(str(cls))), msg or f"Value does not have class {cls}"))
        if s.node_kind is not None:
            kinds = _node_kinds(s.node_kind)
            checks.append((lambda ev, focus, v: type(v) in kinds, msg or f"Value is not of node kind {s.node_kind}"))
        if s.pattern is not None:
            checks.append((_pattern_check(s.pattern), msg or f"Value does not match pattern {s.pattern.pattern}"))
        if s.min_length is not None:
            checks.append((_length_check(s.min_length), msg or f"String length is less than {s.min_length}"))
        if s.min_inclusive is not None:
            checks.append((_range_check(s.min_inclusive, True), msg or f"Value is not >= {s.min_inclusive}"))
        if s.max_inclusive is not None:
            checks.append((_range_check(s.max_inclusive, False), msg or f"Value is not <= {s.max_inclusive}"))
        for prop in s.less_than:
            checks.append((_order_check(sys.intern(str(prop)), True), msg or f"Value is not < value of {prop}"))
        for prop in s.less_or_equal:
            checks.append((_order_check(sys.intern(str(prop)), False), msg or f"Value is not <= value of {prop}"))
        for node_shape in s.nodes:
            checks.append((_node_check(node_shape), msg or f"Value does not conform to shape {node_shape.node}"))
        for alternatives in s.ors:
            checks.append((_or_check(alternatives),
                           msg or "Node does not conform to one or more shapes in the sh:or list"))
        s.checks = tuple(checks)
        s.own = bool(checks or s.qualified or s.min_count is not None or s.max_count is not None)
        s.empty_fails = (s.min_count or 0) > 0 or any((qmin or 0) > 0 for _, qmin, _ in s.qualified)
        s.simple = ((s.min_count or 0) <= 1 and (s.max_count is None or s.max_count >= 1) and not s.qualified
                    and (s.path is None or not s.properties))
        s.pure = s.path is None and s.simple and not s.properties and not s.sparql
        s.min_message = msg or f"Less than {s.min_count} values on {s.path}"
        s.max_message = msg or f"More than {s.max_count} values on {s.path}"
        s.qualified_message = msg or "Qualified value count out of range"

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
        prefixes = self._prefixes(self._one(node, SH.prefixes))
        return _Sparql(
            shape=shape,
            query=text,
            message=str(msg) if msg is not None else None,
            severity=str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation",
            prefixes=prefixes,
            predicates=sparql_predicates(text, prefixes),
        )


def sparql_predicates(query: str, prefixes: dict[str, str]) -> frozenset[str] | None:
    """The predicate IRIs a SPARQL query's triple patterns and property paths name (including those in
    sub-queries and EXISTS), or None when it can match any predicate (a variable or a negated property set)
    or cannot be read."""
    return _sparql_predicates(query, tuple(sorted(prefixes.items())))


@lru_cache(maxsize=1024)
def _sparql_predicates(query: str, prefixes: tuple[tuple[str, str], ...]) -> frozenset[str] | None:
    """`sparql_predicates`, remembered (rdflib takes about 10 ms to parse a query)."""
    header = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in prefixes)
    try:
        algebra = translateQuery(parseQuery(header + query)).algebra
    except Exception:  # whatever rdflib cannot read: every triple is loaded
        return None
    found: set[str] = set()
    return frozenset(found) if _collect_predicates(algebra, found) else None


def _collect_predicates(node: object, found: set[str]) -> bool:
    """Add the predicates of every triple pattern under `node` to `found`; False if one is not an IRI path (or
    the algebra holds something this walk does not know)."""
    if isinstance(node, CompValue):
        for name, value in node.items():
            if name == "triples":
                # a basic graph pattern: (s, p, o) triples; in a not yet translated EXISTS, lists of
                # s p o s p o ... (one per subject with its `;` and `,` lists)
                flat = [term for triple in value for term in triple]
                if len(flat) % 3 or not all(_path_predicates(p, found) for p in flat[1::3]):
                    return False
            elif not _collect_predicates(value, found):
                return False
        return True
    if isinstance(node, dict):
        return all(_collect_predicates(v, found) for v in node.values())
    if isinstance(node, (str, Node, bool, int, float, Decimal, type(None))):
        return True
    if isinstance(node, Iterable):
        return all(_collect_predicates(v, found) for v in node)
    return False


def _path_predicates(path: object, found: set[str]) -> bool:
    if isinstance(path, URIRef):
        found.add(str(path))
        return True
    if isinstance(path, (SequencePath, AlternativePath)):
        return all(_path_predicates(p, found) for p in path.args)
    if isinstance(path, MulPath):
        return _path_predicates(path.path, found)
    if isinstance(path, InvPath):
        return _path_predicates(path.arg, found)
    return False  # a variable, a negated property set, anything else: any predicate


# ---- value checks (built once per shape) -------------------------------------------------------------


def _remember(memo: dict, key: object, verdict: bool) -> bool:
    """Store a verdict of a pure check (bounded: cleared when full)."""
    if len(memo) >= _CACHE_MAX:
        memo.clear()
    memo[key] = verdict
    return verdict


def _datatype_check(dt: URIRef) -> Check:
    """sh:datatype (verdicts remembered per literal)."""
    memo: dict[LiteralKey, bool] = {}
    # a string without datatype (plain or with a language) has its lexical form as value: its verdict only
    # depends on whether it has a language
    strings = {True: _datatype_ok(Literal("s"), dt), False: _datatype_ok(Literal("s", lang="en"), dt)}

    def check(ev: _Evaluator, focus: Key, v: Key) -> bool:
        if type(v) is not tuple:
            return False
        if v[1] is None:
            return strings[v[2] is None]
        ok = memo.get(v)
        return ok if ok is not None else _remember(memo, v, _datatype_ok(_literal(v), dt))
    return check


def _range_check(bound: Literal, minimum: bool) -> Check:
    """sh:minInclusive / sh:maxInclusive (verdicts remembered per literal)."""
    memo: dict[LiteralKey, bool] = {}

    def check(ev: _Evaluator, focus: Key, v: Key) -> bool:
        if type(v) is not tuple:
            return False
        ok = memo.get(v)
        return ok if ok is not None else _remember(memo, v, _range_ok(_literal(v), bound, minimum))
    return check


def _order_check(prop: str, strict: bool) -> Check:
    """sh:lessThan / sh:lessThanOrEquals against the focus node's values for `prop` (verdicts remembered)."""
    memo: dict[tuple[Key, Key], bool] = {}

    def check(ev: _Evaluator, focus: Key, v: Key) -> bool:
        for other in ev.values(focus, prop):
            ok = memo.get((v, other))
            if ok is None:
                ok = _remember(memo, (v, other), _pair_ok(_node(v), _node(other), strict))
            if not ok:
                return False
        return True
    return check


def _node_kinds(kind: URIRef) -> tuple[type, ...]:
    """The index key types of a sh:nodeKind."""
    kinds = {
        SH.IRI: (_NAMED,), SH.Literal: (tuple,), SH.BlankNode: (_BLANK,), SH.BlankNodeOrIRI: (_BLANK, _NAMED),
        SH.BlankNodeOrLiteral: (_BLANK, tuple), SH.IRIOrLiteral: (_NAMED, tuple),
    }.get(kind)
    if kinds is None:
        raise UnsupportedShape(f"unknown sh:nodeKind {kind}")
    return kinds


def _class_check(cls: ox.NamedNode) -> Check:
    """sh:class."""
    return lambda ev, focus, v: ev.is_instance(v, cls)


def _pattern_check(pattern: re.Pattern[str]) -> Check:
    """sh:pattern (blank nodes never match)."""
    return lambda ev, focus, v: type(v) is not _BLANK and pattern.search(_text(v)) is not None


def _length_check(min_length: int) -> Check:
    """sh:minLength (blank nodes never pass)."""
    return lambda ev, focus, v: type(v) is not _BLANK and len(_text(v)) >= min_length


def _node_check(shape: _Shape) -> Check:
    """sh:node."""
    return lambda ev, focus, v: ev.conforms(shape, v)


def _or_check(alternatives: tuple[_Shape, ...]) -> Check:
    """sh:or."""
    return lambda ev, focus, v: any(ev.conforms(alt, v) for alt in alternatives)


# ---- the data index ----------------------------------------------------------------------------------

_EMPTY: dict = {}
_LOAD = 1  # flags per predicate: a SPARQL constraint reads it,
_INCOMING = 2  # a shape targets its objects,
_SUBCLASS_OF = 4  # it is rdfs:subClassOf

Entry = Key | list[Key]
"""The values of a subject for a predicate: the value itself when there is one (most), else a list (where a
value can repeat: when the data and the ontology both have it, or two literals are equal for rdflib only)."""
Out = dict[Key, dict[str, Entry]]
"""Values per subject and predicate."""


def _add(d: dict[str, Entry], p: str, o: Key) -> None:
    """Add value `o` for predicate `p` to a subject's entries."""
    here = d.get(p)
    if here is None:
        d[p] = o
    elif type(here) is list:
        here.append(o)
    else:
        d[p] = [here, o]


def _listed(entry: Entry | None) -> list[Key] | tuple[Key, ...]:
    """An entry's values as a sequence."""
    if entry is None:
        return ()
    return entry if type(entry) is list else (entry,)


class _Index:
    """The data graph and the ontology, indexed for one validation (plus what the SPARQL constraints read)."""

    def __init__(self, out: Out, incoming: dict[Key, set[str]], subclass_pairs: list[tuple[Key, Key]],
                 read: list[ox.Triple], validator: CompiledValidator) -> None:
        self.read = read  # the data triples the SPARQL constraints read
        for s, theirs in validator.ont_out.items():
            mine = out.get(s)
            if mine is None:
                out[s] = theirs  # shared, never changed
            else:
                for p, entry in theirs.items():
                    here = mine.get(p)
                    mine[p] = entry if here is None else [*_listed(here), *_listed(entry)]
        for o, preds in validator.ont_incoming.items():
            incoming[o] = incoming.get(o, set()) | preds
        self.out = out
        self.incoming = incoming
        if subclass_pairs and not validator.ont_pair_set.issuperset(subclass_pairs):
            self.subclasses, self.by_type = validator.class_tables([*validator.ont_pairs, *subclass_pairs])
        else:
            self.subclasses, self.by_type = validator.subclasses, validator.by_type

    @classmethod
    def from_ox(cls, data: Iterable[ox.Triple], validator: CompiledValidator) -> _Index:
        """Index Oxigraph triples (the write path's form), keeping their terms."""
        out: Out = {}
        incoming: dict[Key, set[str]] = {}
        pairs: list[tuple[Key, Key]] = []
        read: list[ox.Triple] = []
        seen: dict[Key, Key] = {}
        out_get, seen_get, preds_get, literals_get = out.get, seen.get, validator.predicates.get, _OX_LITERALS.get
        for t in data:
            s, p, raw = t.subject, t.predicate, t.object
            pk, f = preds_get(p) or validator.predicate(p)
            if type(raw) is _LITERAL:
                o = literals_get(raw) or _ox_literal_key(raw)
            else:  # one object per term (classes, articles, actors recur): fewer objects kept and collected
                o = seen_get(raw)
                if o is None:
                    o = seen[raw] = raw
            d = out_get(s)
            if d is None:
                out[s] = {pk: o}
            else:  # `_add` inlined: this loop runs once per triple of every write
                here = d.get(pk)
                if here is None:
                    d[pk] = o
                elif type(here) is list:
                    here.append(o)
                else:
                    d[pk] = [here, o]
            if f:
                if f & _LOAD and type(s) is not _BLANK and type(raw) is not _BLANK:
                    read.append(t)
                if f & _INCOMING:
                    incoming.setdefault(o, set()).add(pk)
                if f & _SUBCLASS_OF:
                    pairs.append((s, o))
        return cls(out, incoming, pairs, read, validator)

    @classmethod
    def from_graph(cls, data: Graph, validator: CompiledValidator) -> _Index:
        """Index an rdflib graph (its literals compared as rdflib compares them)."""
        out: Out = {}
        incoming: dict[Key, set[str]] = {}
        pairs: list[tuple[Key, Key]] = []
        read: list[ox.Triple] = []
        blanks: dict[BNode, ox.BlankNode] = {}
        for s_node, p_node, o_node in data:
            s, o = _key(s_node, blanks), _key(o_node, blanks)
            p = _NAMED(str(p_node))
            pk, f = validator.predicates.get(p) or validator.predicate(p)
            _add(out.setdefault(s, {}), pk, o)
            if f & _LOAD and not isinstance(s_node, BNode) and not isinstance(o_node, BNode):
                read.append(_TRIPLE(_ox(s_node), p, _ox(o_node)))
            if f & _INCOMING:
                incoming.setdefault(o, set()).add(pk)
            if f & _SUBCLASS_OF:
                pairs.append((s, o))
        return cls(out, incoming, pairs, read, validator)


def _closure(pairs: Iterable[tuple[Key, Key]]) -> dict[Key, set[Key]]:
    """Strict superclasses of each class (rdfs:subClassOf+)."""
    direct: dict[Key, set[Key]] = defaultdict(set)
    for sub, sup in pairs:
        direct[sub].add(sup)
    result: dict[Key, set[Key]] = {}
    for start in list(direct):
        seen: set[Key] = set()
        stack = list(direct[start])
        while stack:
            c = stack.pop()
            if c in seen:
                continue
            seen.add(c)
            stack.extend(direct.get(c, ()))
        result[start] = seen
    return result


# ---- evaluation --------------------------------------------------------------------------------------


class _Evaluator:
    """Evaluates compiled shapes over one data index; collects violations."""

    def __init__(self, index: _Index) -> None:
        self.out = index.out
        self.subclasses = index.subclasses
        self.found: list[Violation] = []
        self.memo: dict[tuple[int, Key], bool] = {}  # (shape, node) -> conforms, shared by nested probes

    def values(self, node: Key, path: str) -> list[Key] | tuple[Key, ...]:
        """The values of `node` for `path` (data and ontology; possibly repeated)."""
        return _listed(self.out.get(node, _EMPTY).get(path))

    def is_instance(self, node: Key, cls: ox.NamedNode) -> bool:
        """Whether `node` has rdf:type `cls` or one of its subclasses."""
        types = self.out.get(node, _EMPTY).get(_RDF_TYPE)
        if types is None:
            return False
        classes = self.subclasses.get(cls)
        if type(types) is list:
            return cls in types if classes is None else not classes.isdisjoint(types)
        return types == cls if classes is None else types in classes

    def conforms(self, shape: _Shape, focus: Key) -> bool:
        """Whether `focus` conforms to `shape` (used by sh:node, sh:or and qualified value shapes)."""
        key = (id(shape), focus)
        known = self.memo.get(key)
        if known is not None:
            return known
        if shape.sparql:
            raise UnsupportedShape(f"SPARQL constraints in nested shape {shape.node} are not supported")
        if shape.pure:  # its only reports would be failed checks on the focus, at the shape's severity
            result = shape.severity != "Violation" or all(check(self, focus, focus) for check, _ in shape.checks)
            self.memo[key] = result
            return result
        outer, self.found = self.found, []
        try:
            self.validate(shape, focus)
            result = self.memo[key] = not any(v.severity == "Violation" for v in self.found)
        finally:
            self.found = outer
        return result

    def _report(self, shape: _Shape, focus: Key, value: Key | None, message: str) -> None:
        self.found.append(Violation(
            focus=_text(focus),
            message=message,
            severity=shape.severity,
            path=str(shape.path) if shape.path is not None else None,
            value=None if value is None else _text(value),
            shape=shape.node_text,
        ))

    def validate(self, shape: _Shape, focus: Key) -> None:
        """Check `focus` against `shape`: its own constraints, then its property shapes."""
        d = self.out.get(focus, _EMPTY)
        if shape.path is not None:
            entry = d.get(shape.path_key)
            if entry is not None:
                self._check(shape, focus, _listed(entry))
            elif shape.empty_fails:
                self._check(shape, focus, ())
            return
        if shape.own:
            if shape.simple:
                for check, message in shape.checks:
                    if not check(self, focus, focus):
                        self._report(shape, focus, focus, message)
            else:
                self._check(shape, focus, (focus,))
        for prop in shape.properties:
            v = d.get(prop.path_key)
            if v is None:
                if prop.empty_fails:
                    self._check(prop, focus, ())
            elif type(v) is list:
                self._check(prop, focus, v)
            elif prop.simple:  # one value: the common case, inline
                for check, message in prop.checks:
                    if not check(self, focus, v):
                        self._report(prop, focus, v, message)
            else:
                self._check(prop, focus, (v,))

    def _check(self, s: _Shape, focus: Key, values: list[Key] | tuple[Key, ...]) -> None:
        """The constraints of `s` on the value nodes `values` of `focus`."""
        if len(values) > 1:
            values = sorted(set(values), key=_text)
        n = len(values)
        if s.min_count is not None and n < s.min_count:
            self._report(s, focus, None, s.min_message)
        if s.max_count is not None and n > s.max_count:
            self._report(s, focus, None, s.max_message)
        if s.checks:
            for v in values:
                for check, message in s.checks:
                    if not check(self, focus, v):
                        self._report(s, focus, v, message)
        for qshape, qmin, qmax in s.qualified:
            count = sum(1 for v in values if self.conforms(qshape, v))
            if (qmin is not None and count < qmin) or (qmax is not None and count > qmax):
                self._report(s, focus, None, s.qualified_message)
        if s.path is not None:
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
        self.by_class: dict[Key, list[_Shape]] = defaultdict(list)
        self.by_subject_of: dict[str, list[_Shape]] = defaultdict(list)
        self.by_object_of: dict[str, list[_Shape]] = defaultdict(list)
        self.by_node: dict[Key, list[_Shape]] = defaultdict(list)
        for shape in self.roots:
            for cls in shape.targets:
                self.by_class[_NAMED(str(cls))].append(shape)
            for p in shape.subjects_of:
                self.by_subject_of[sys.intern(str(p))].append(shape)
            for p in shape.objects_of:
                self.by_object_of[sys.intern(str(p))].append(shape)
            for n in shape.target_nodes:
                self.by_node[_key(n, compiler.blanks)].append(shape)
        self.checked_classes = {_NAMED(str(c)) for s in compiler.cache.values() for c in s.classes}
        constraints = [c for s in compiler.cache.values() for c in s.sparql]
        self.load_all = any(c.predicates is None for c in constraints)
        flags: dict[str, int] = defaultdict(int)
        for c in constraints:
            for p in c.predicates or ():
                flags[p] |= _LOAD
        for p in self.by_object_of:
            flags[p] |= _INCOMING
        flags[_SUBCLASS] |= _SUBCLASS_OF
        self.pred_flags = dict(flags)
        self.predicates: dict[ox.NamedNode, tuple[str, int]] = {}
        blanks: dict[BNode, ox.BlankNode] = {}
        out: Out = {}
        incoming: dict[Key, set[str]] = {}
        self.ont_pairs: list[tuple[Key, Key]] = []
        self.sparql_ontology: list[ox.Quad] = []
        for s_node, p_node, o_node in self.ontology:
            s, o = _key(s_node, blanks), _key(o_node, blanks)
            p = _NAMED(str(p_node))
            pk, f = self.predicate(p)
            _add(out.setdefault(s, {}), pk, o)
            if f & _LOAD and not isinstance(s_node, BNode) and not isinstance(o_node, BNode):
                self.sparql_ontology.append(_QUAD(_ox(s_node), p, _ox(o_node)))
            if f & _INCOMING:
                incoming.setdefault(o, set()).add(pk)
            if f & _SUBCLASS_OF:
                self.ont_pairs.append((s, o))
        self.ont_out = out
        self.ont_incoming = incoming
        self.ont_pair_set = set(self.ont_pairs)
        self.ont_typed = {s for s, d in out.items() if _RDF_TYPE in d}
        self.subclasses, self.by_type = self.class_tables(self.ont_pairs)

    def predicate(self, p: ox.NamedNode) -> tuple[str, int]:
        """A predicate's key in the index (its IRI, interned) and flags (`_LOAD`, `_INCOMING`, `_SUBCLASS_OF`)."""
        if len(self.predicates) >= _CACHE_MAX:
            self.predicates.clear()
        key = sys.intern(p.value)
        info = self.predicates[p] = (key, self.pred_flags.get(key, 0) | (_LOAD if self.load_all else 0))
        return info

    def class_tables(self, pairs: list[tuple[Key, Key]]
                     ) -> tuple[dict[Key, frozenset[Key]], dict[Key, tuple[_Shape, ...]]]:
        """For rdfs:subClassOf `pairs`: the classes whose instances belong to each class (itself included), and
        the shapes that target an instance of each class (sh:targetClass following rdfs:subClassOf)."""
        subs: dict[Key, set[Key]] = defaultdict(set)
        for cls, supers in _closure(pairs).items():
            subs[cls].add(cls)
            for sup in supers:
                subs[sup].add(cls)
        for cls in (*self.checked_classes, *self.by_class):
            subs[cls].add(cls)
        subclasses = {cls: frozenset(members) for cls, members in subs.items()}
        order = {id(shape): i for i, shape in enumerate(self.roots)}
        by_type: dict[Key, list[_Shape]] = defaultdict(list)
        for cls, shapes in self.by_class.items():
            for sub in subclasses[cls]:
                by_type[sub].extend(shapes)
        tables = {t: tuple(sorted(dict.fromkeys(shapes), key=lambda s: order[id(s)])) for t, shapes in by_type.items()}
        return subclasses, tables

    def shapes_for(self, index: _Index, node: Key) -> Sequence[_Shape]:
        """The shapes that target `node` (sh:targetClass following rdfs:subClassOf, sh:targetSubjectsOf,
        sh:targetObjectsOf, sh:targetNode), each once."""
        found: Sequence[_Shape] = ()
        d = index.out.get(node)
        if d is not None:
            types = d.get(_RDF_TYPE)
            if types is not None:
                if type(types) is list:
                    found = [shape for t in types for shape in index.by_type.get(t, ())]
                else:
                    found = index.by_type.get(types, ())  # a tuple without repeats
            for p, shapes in self.by_subject_of.items():
                if p in d:
                    found = [*found, *shapes]
        preds = index.incoming.get(node)
        if preds:
            found = [*found, *(shape for p in preds for shape in self.by_object_of.get(p, ()))]
        if self.by_node and node in self.by_node:
            found = [*found, *self.by_node[node]]
        return found if type(found) is tuple else list(dict.fromkeys(found))

    def __call__(self, data: ValidationData, focus: list[str] | None = None) -> ValidationReport:
        """Validate `data` (an rdflib Graph or Oxigraph triples): only `focus` nodes when given."""
        _trim_caches()
        is_graph = isinstance(data, Graph)
        index = _Index.from_graph(data, self) if is_graph else _Index.from_ox(data, self)
        if focus:
            nodes: Iterable[Key] = [_NAMED(f) for f in sorted(set(focus))]
        else:
            nodes = sorted((n for n in self._candidates(data, is_graph)
                            if type(n) is _NAMED and self.shapes_for(index, n)), key=_text)
        evaluator = _Evaluator(index)
        sparql_focus: dict[_Shape, list[Key]] = {}  # shapes with SPARQL constraints -> their focus nodes
        for node in nodes:
            for shape in self.shapes_for(index, node):
                if shape.own or shape.properties:
                    evaluator.validate(shape, node)
                if shape.sparql:
                    listed = sparql_focus.get(shape)
                    if listed is None:
                        sparql_focus[shape] = [node]
                    else:
                        listed.append(node)
        found = evaluator.found
        if sparql_focus:
            found.extend(self._run_sparql(index.read, sparql_focus.items()))
        unique = {(v.focus, v.path, v.value, v.message, v.shape): v for v in found}
        violations = sorted(unique.values(), key=lambda v: (v.focus, v.path or "", v.message))
        conforms = not any(v.severity == "Violation" for v in violations)
        return ValidationReport(conforms=conforms, violations=violations, graph=report_graph(conforms, violations))

    def _candidates(self, data: ValidationData, is_graph: bool) -> set[Key]:
        """Every node that may be a focus node when none are given: the data's subjects and objects, the
        ontology's typed subjects and the sh:targetNode nodes."""
        if is_graph:
            blanks: dict[BNode, ox.BlankNode] = {}
            found = {_key(n, blanks) for s, _, o in data for n in (s, o)}
        else:
            found = {t.subject for t in data} | {t.object for t in data if type(t.object) is not _LITERAL}
        return found | self.ont_typed | set(self.by_node)

    def _run_sparql(self, data: list[ox.Triple], work: Iterable[tuple[_Shape, list[Key]]]) -> list[Violation]:
        """Run each SPARQL constraint once for all its focus nodes over the data plus the ontology (the triples
        whose predicates the constraints name).

        A fresh in-memory store per call: an Oxigraph memory store that is repeatedly filled and cleared
        keeps growing internally and slows down (measured: 4x after 1,200 fill/clear cycles). The data goes in
        as N-Triples written and read by Oxigraph (the terms are valid already: read leniently), which costs
        less than a Python `Quad` per triple.
        """
        store = ox.Store()
        store.extend(self.sparql_ontology)
        if data:
            store.load(ox.serialize(data, format=_N_TRIPLES), _N_TRIPLES, lenient=True)
        out: list[Violation] = []
        for shape, nodes in work:
            iris = " ".join(str(n) for n in nodes if type(n) is _NAMED)
            values = f"VALUES ?this {{ {iris} }}"
            for constraint in shape.sparql:
                result = store.query(constraint.query.replace("#VALUES#", values), prefixes=constraint.prefixes)
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
