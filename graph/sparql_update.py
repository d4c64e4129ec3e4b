"""SPARQL 1.1 Update without writing: an update request becomes the quads it removes and the quads it adds.

dkg never lets a SPARQL engine write to the projection: every change must become one event in the log. So
an update request is *planned* here against a read-only view of the current store, and the caller hands the
resulting (remove, add) quads to `KnowledgeGraph.patch`, which validates them and appends one event.

How it works:
- rdflib's SPARQL parser gives the operations, their templates (quads with variables) and graph references,
  and checks the syntax; LOAD (and any SERVICE) is refused: dkg never fetches a URL.
- A small tokenizer over the request text (strings, IRIs and comments aware) finds each operation's WHERE
  group, which Oxigraph evaluates as `SELECT * WHERE {…}`: the solutions instantiate the templates.
- The operations of one request run in order, each seeing the effect of the earlier ones, through an overlay
  (quads added/removed so far) over the store; a WHERE evaluated after earlier changes runs on a scratch copy.

Dataset semantics follow dkg's query convention: without USING/WITH, a WHERE clause sees the union of all
graphs as its default graph; templates' triples outside GRAPH go to the real default graph (or the WITH
graph). `urn:dkg:system` is never visible nor writable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from dkg.normalize import to_ox
from dkg.terms import PREFIXES, SYSTEM_GRAPH
from pyparsing import ParseException
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.plugins.sparql.algebra import translateUpdate
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

_SYSTEM = ox.NamedNode(SYSTEM_GRAPH)
_DEFAULT = ox.DefaultGraph()


class UpdateError(ValueError):
    """The update request is malformed or cannot be carried out; the message is for the user."""

    code = "bad_update"


class UpdateSyntaxError(UpdateError):
    """The update request does not parse."""

    code = "malformed_update"


class OutboundRefused(UpdateError):
    """The request would make dkg fetch a URL (LOAD, SERVICE): refused."""

    code = "outbound_refused"


@dataclass
class PlannedUpdate:
    """The effect of an update request: what it removes and adds, and a short description of its operations."""

    remove: list[ox.Quad] = field(default_factory=list)
    add: list[ox.Quad] = field(default_factory=list)
    operations: list[str] = field(default_factory=list)

    @property
    def description(self) -> str:
        return "SPARQL Update: " + ", ".join(self.operations)


# ---- tokenizer ------------------------------------------------------------------------------------------

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_LIMIT_VALUE = re.compile(r"\s*(\d+)")
_WORD = re.compile(r"[A-Za-z_][\w\-.:]*|[?$][\w]+")
_STRING_DELIMS = ('"""', "'''", '"', "'")


@dataclass
class _Token:
    kind: str  # "word", "iri", "punct", "string", "var"
    text: str
    start: int
    end: int
    depth: int


def tokenize(text: str) -> Iterator[_Token]:
    """Tokens of a SPARQL text with their brace depth (strings, IRIs and comments skipped as units)."""
    i, n, depth = 0, len(text), 0
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            delim = next(d for d in _STRING_DELIMS if text.startswith(d, i))
            j = i + len(delim)
            while j < n and not text.startswith(delim, j):
                j += 2 if text[j] == "\\" else 1
            end = min(n, j + len(delim))
            yield _Token("string", text[i:end], i, end, depth)
            i = end
            continue
        if c == "<":
            m = _IRIREF.match(text, i)
            if m:
                yield _Token("iri", m.group(), i, m.end(), depth)
                i = m.end()
                continue
        m = _WORD.match(text, i)
        if m:
            kind = "var" if c in "?$" else "word"
            yield _Token(kind, m.group(), i, m.end(), depth)
            i = m.end()
            continue
        if c == "{":
            yield _Token("punct", c, i, i + 1, depth)
            depth += 1
        elif c == "}":
            depth -= 1
            yield _Token("punct", c, i, i + 1, depth)
        else:
            yield _Token("punct", c, i, i + 1, depth)
        i += 1


def mentions_keyword(text: str, keyword: str) -> bool:
    """Whether `keyword` occurs as a keyword (not inside a string, IRI, comment or prefixed name)."""
    keyword = keyword.upper()
    return any(t.kind == "word" and t.text.upper() == keyword for t in tokenize(text))


def top_level_limit(text: str) -> int | None:
    """The query's outermost `LIMIT n` (None without one; a subquery's LIMIT does not count)."""
    for token in tokenize(text):
        if token.depth == 0 and token.kind == "word" and token.text.upper() == "LIMIT":
            m = _LIMIT_VALUE.match(text, token.end)
            return int(m.group(1)) if m else None
    return None


@dataclass
class _Segment:
    prologue: str  # every PREFIX/BASE declaration seen up to this operation
    where: str | None  # the text of the WHERE group, braces included


def _segments(text: str) -> list[_Segment]:
    """Split an update request into operations; find each one's WHERE group."""
    segments: list[_Segment] = []
    decls: list[str] = []
    tokens = list(tokenize(text))
    i, n = 0, len(tokens)
    has_op, where = False, None
    while i < n:
        t = tokens[i]
        if t.depth == 0 and t.kind == "word" and t.text.upper() in ("PREFIX", "BASE"):
            # PREFIX pname: <iri>  |  BASE <iri>
            j = i + (2 if t.text.upper() == "BASE" else 3)
            decls.append(text[t.start : tokens[min(j, n) - 1].end])
            i = j
            continue
        if t.depth == 0 and t.kind == "punct" and t.text == ";":
            if has_op:
                segments.append(_Segment("\n".join(decls), where))
            has_op, where = False, None
            i += 1
            continue
        if t.depth == 0 and t.kind == "word" and t.text.upper() == "WHERE":
            # the group that follows: from its "{" to the matching "}"
            j = i + 1
            while j < n and not (tokens[j].kind == "punct" and tokens[j].text == "{"):
                j += 1
            k = j + 1
            while k < n and not (tokens[k].kind == "punct" and tokens[k].text == "}" and tokens[k].depth == 0):
                k += 1
            if j < n and k < n:
                where = text[tokens[j].start : tokens[k].end]
            has_op = True
            i = k + 1
            continue
        has_op = True
        i += 1
    if has_op:
        segments.append(_Segment("\n".join(decls), where))
    return segments


def _prefix_declarations(text: str) -> Iterator[dict[str, str]]:
    """`PREFIX p: <iri>` declarations at the top level of a request, in order."""
    tokens = [t for t in tokenize(text) if t.depth == 0]
    for i, t in enumerate(tokens[:-2]):
        if t.kind == "word" and t.text.upper() == "PREFIX" and tokens[i + 2].kind == "iri":
            name = tokens[i + 1].text if tokens[i + 1].text != ":" else ":"
            yield {name.rstrip(":"): tokens[i + 2].text[1:-1]}


# ---- the view: store + overlay --------------------------------------------------------------------------


class _View:
    """The store as the earlier operations of the request left it (never written)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.added: dict[ox.Quad, None] = {}
        self.removed: set[ox.Quad] = set()
        self._scratch: ox.Store | None = None

    def has(self, q: ox.Quad) -> bool:
        if q in self.added:
            return True
        return q not in self.removed and q in self.store

    def quads(self, graph: ox.NamedNode | ox.DefaultGraph | None) -> list[ox.Quad]:
        """Every visible quad of a graph (None: of every graph but the system one)."""
        found = [q for q in self.store.quads_for_pattern(None, None, None, graph)
                 if q.graph_name != _SYSTEM and q not in self.removed and q not in self.added]
        found += [q for q in self.added if graph is None or q.graph_name == graph]
        return found

    def graph_exists(self, graph: ox.NamedNode | ox.DefaultGraph) -> bool:
        if isinstance(graph, ox.DefaultGraph):
            return True
        return any(True for _ in self.quads(graph))

    def add(self, quads: Iterable[ox.Quad]) -> None:
        for q in quads:
            self.removed.discard(q)
            self.added[q] = None
        self._scratch = None

    def remove(self, quads: Iterable[ox.Quad]) -> None:
        for q in list(quads):
            self.added.pop(q, None)
            self.removed.add(q)
        self._scratch = None

    def query_store(self) -> ox.Store:
        """A store showing the view: the live store while nothing changed, else a scratch copy."""
        if not self.added and not self.removed:
            return self.store
        if self._scratch is None:
            scratch = ox.Store()
            scratch.bulk_extend(q for q in self.store if q.graph_name != _SYSTEM and q not in self.removed)
            scratch.extend(self.added)
            self._scratch = scratch
        return self._scratch

    def effect(self) -> tuple[list[ox.Quad], list[ox.Quad]]:
        """(removed quads that were in the store, added quads that were not)."""
        remove = [q for q in self.removed if q in self.store]
        add = [q for q in self.added if q not in self.store]
        return remove, add


# ---- planning -------------------------------------------------------------------------------------------


def _get(node: Any, key: str) -> Any:
    """A field of an rdflib CompValue (its own `get` returns the key itself when the field is missing)."""
    return dict.get(node, key) if isinstance(node, dict) else None


def _walk(node: Any) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _walk(value)


def _graph_node(term: Any, base: str | None) -> ox.NamedNode | ox.DefaultGraph:
    if term is None or term == "DEFAULT":
        return _DEFAULT
    if isinstance(term, URIRef):
        iri = str(term)
        if iri == SYSTEM_GRAPH:
            raise UpdateError(f"the graph {SYSTEM_GRAPH} is managed by dkg and cannot be written")
        return ox.NamedNode(iri)
    raise UpdateError(f"not a graph IRI: {term!r}")


class _Instantiator:
    """Turns rdflib template terms into Oxigraph terms under one solution (fresh blank nodes per solution)."""

    def __init__(self, solution: dict[str, Any] | None = None) -> None:
        self.solution = solution or {}
        self.bnodes: dict[str, ox.BlankNode] = {}

    def term(self, t: Any) -> Any:
        if isinstance(t, Variable):
            return self.solution.get(str(t))
        if isinstance(t, BNode):
            node = self.bnodes.get(str(t))
            if node is None:
                node = self.bnodes[str(t)] = ox.BlankNode()
            return node
        if isinstance(t, URIRef | Literal):
            return to_ox(t)
        raise UpdateError(f"unsupported term in a template: {t!r}")

    def quads(self, clause: Any, default_graph: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
        """The template's ground quads (triples with an unbound variable or an invalid position dropped)."""
        if clause is None:
            return []
        out: list[ox.Quad] = []
        groups: list[tuple[Any, Sequence]] = [(None, _get(clause, "triples") or [])]
        groups += list((_get(clause, "quads") or {}).items())
        for graph, triples in groups:
            if graph is None:
                g: Any = default_graph
            else:
                g = self.term(graph)
                if not isinstance(g, ox.NamedNode):
                    continue
                if g == _SYSTEM:
                    raise UpdateError(f"the graph {SYSTEM_GRAPH} is managed by dkg and cannot be written")
            for s, p, o in triples:
                s2, p2, o2 = self.term(s), self.term(p), self.term(o)
                if s2 is None or p2 is None or o2 is None:
                    continue
                if isinstance(s2, ox.Literal) or not isinstance(p2, ox.NamedNode):
                    continue
                out.append(ox.Quad(s2, p2, o2, g))
        return out


def _solutions(view: _View, segment: _Segment, *, base: str | None, default_graph: list | None,
               named_graphs: list | None) -> list[dict[str, Any]]:
    """Evaluate a WHERE group on the view; the solutions as dicts name -> Oxigraph term."""
    if segment.where is None:
        raise UpdateError("cannot locate the WHERE clause of an operation")
    query = f"{segment.prologue}\nSELECT * WHERE {segment.where}"
    options: dict[str, Any] = {"prefixes": PREFIXES, "base_iri": base}
    if default_graph is None:
        options["use_default_graph_as_union"] = True
    else:
        options["default_graph"] = default_graph
        options["named_graphs"] = named_graphs or []
    store = view.query_store()
    try:
        result = store.query(query, **options)
    except SyntaxError as exc:
        raise UpdateSyntaxError(f"the WHERE clause does not parse: {exc}") from exc
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        rows.append({n: solution[n] for n in names if solution[n] is not None})
    return rows


def plan_update(update: str, store: ox.Store, *, base: str | None = None,
                using_graphs: Sequence[str] = (), using_named_graphs: Sequence[str] = ()) -> PlannedUpdate:
    """Plan a SPARQL 1.1 Update request against `store` without writing to it.

    `base` is the base IRI for relative IRIs (the service endpoint); `using_graphs`/`using_named_graphs` are
    the protocol's `using-graph-uri`/`using-named-graph-uri` parameters (refused together with USING/WITH).
    """
    # rdflib forgets a prologue's prefixes after its first operation: hand them all to it up front
    declared = dict(PREFIXES)
    for token_list in _prefix_declarations(update):
        declared.update(token_list)
    try:
        parsed = translateUpdate(parseUpdate(update), base=base, initNs=declared)
    except ParseException as exc:
        raise UpdateSyntaxError(f"the update does not parse: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds of errors for bad input
        raise UpdateSyntaxError(f"the update does not parse: {exc}") from exc
    operations = list(parsed.algebra)
    for op in operations:
        if op.name == "Load":
            raise OutboundRefused("LOAD is refused: dkg never fetches URLs; send the data in the request")
        if any(node.name == "ServiceGraphPattern" for node in _walk(op)):
            raise OutboundRefused("SERVICE is refused: dkg never sends requests to other endpoints")
    protocol_dataset = bool(using_graphs or using_named_graphs)
    segments = _segments(update)
    if len(segments) != len(operations):
        raise UpdateSyntaxError("could not split the request into its operations")
    view = _View(store)
    planned = PlannedUpdate()
    for op, segment in zip(operations, segments, strict=True):
        planned.operations.append(_op_label(op))
        if op.name in ("Modify", "DeleteWhere") and protocol_dataset and (_get(op, "using") or _get(op, "withClause")):
            raise UpdateError("using-graph-uri/using-named-graph-uri cannot be combined with USING or WITH")
        _apply(op, segment, view, base=base, using_graphs=using_graphs, using_named_graphs=using_named_graphs)
    planned.remove, planned.add = view.effect()
    return planned


def _op_label(op: CompValue) -> str:
    names = {"InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
             "Modify": "DELETE/INSERT", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD",
             "Move": "MOVE", "Copy": "COPY"}
    return names.get(op.name, op.name)


def _target_graphs(view: _View, which: Any, base: str | None) -> list[ox.NamedNode | ox.DefaultGraph | None]:
    """The graphs a CLEAR/DROP addresses: one graph, DEFAULT, NAMED or ALL (None = every graph)."""
    if which == "ALL":
        return [None]
    if which == "NAMED":
        return sorted({q.graph_name for q in view.quads(None) if isinstance(q.graph_name, ox.NamedNode)},
                      key=lambda g: g.value)
    return [_graph_node(which, base)]


def _apply(op: CompValue, segment: _Segment, view: _View, *, base: str | None, using_graphs: Sequence[str],
           using_named_graphs: Sequence[str]) -> None:
    name = op.name
    if name == "InsertData":
        view.add(_Instantiator().quads(op, _DEFAULT))
    elif name == "DeleteData":
        view.remove(_Instantiator().quads(op, _DEFAULT))
    elif name in ("DeleteWhere", "Modify"):
        with_graph = _graph_node(_get(op, "withClause"), base) if _get(op, "withClause") else None
        default_graph: list | None = None
        named_graphs: list | None = None
        using = _get(op, "using") or []
        if using:
            default_graph = [_graph_node(u["default"], base) for u in using if _get(u, "default") is not None]
            named_graphs = [_graph_node(u["named"], base) for u in using if _get(u, "named") is not None]
        elif using_graphs or using_named_graphs:
            default_graph = [ox.NamedNode(g) for g in using_graphs]
            named_graphs = [ox.NamedNode(g) for g in using_named_graphs]
        elif with_graph is not None:
            default_graph = [with_graph]
        rows = _solutions(view, segment, base=base, default_graph=default_graph, named_graphs=named_graphs)
        template_graph = with_graph or _DEFAULT
        delete_clause = op if name == "DeleteWhere" else _get(op, "delete")
        insert_clause = None if name == "DeleteWhere" else _get(op, "insert")
        removes: list[ox.Quad] = []
        adds: list[ox.Quad] = []
        for row in rows:
            removes += _Instantiator(row).quads(delete_clause, template_graph)
            adds += _Instantiator(row).quads(insert_clause, template_graph)
        view.remove([q for q in removes if view.has(q)])
        view.add(adds)
    elif name in ("Clear", "Drop"):
        which = _get(op, "graphiri")
        for graph in _target_graphs(view, which, base):
            if (name == "Drop" and graph is not None and not _get(op, "silent")
                    and not view.graph_exists(graph)):
                raise UpdateError(f"DROP: the graph {graph} does not exist (use DROP SILENT)")
            view.remove(view.quads(graph))
    elif name == "Create":
        graph = _graph_node(_get(op, "graphiri"), base)
        if view.graph_exists(graph) and not _get(op, "silent"):
            raise UpdateError(f"CREATE: the graph {graph} already exists (use CREATE SILENT)")
    elif name in ("Add", "Move", "Copy"):
        source, target = (_graph_node(g, base) for g in _get(op, "graph"))
        if source == target:
            return
        if not view.graph_exists(source):
            if _get(op, "silent"):
                return
            raise UpdateError(f"{name.upper()}: the graph {source} does not exist")
        moved = view.quads(source)
        if name in ("Move", "Copy"):
            view.remove(view.quads(target))
        view.add(ox.Quad(q.subject, q.predicate, q.object, target) for q in moved)
        if name == "Move":
            view.remove(moved)
    else:
        raise UpdateError(f"unsupported update operation {name}")
