"""RDF Patch (https://afs.github.io/rdf-patch/): dkg's own reader and writer.

rdflib's support is incomplete (it ignores TX/TC/TA, fails on PD, writes a malformed `H prev`), so dkg
implements the format: headers (`H`), transactions (`TX` … `TC`, or `TA` to abort), prefixes (`PA`/`PD`),
quad additions (`A`) and deletions (`D`). Each log event is written as one transaction whose `H id` is the
event's id and `H prev` the previous event's id, so a replica can check it replays them in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

import pyoxigraph as ox
from dkg.events import Event

XSD = "http://www.w3.org/2001/XMLSchema#"


class RDFPatchError(ValueError):
    """Malformed RDF Patch text; the message gives the line."""


@dataclass
class PatchTransaction:
    """One transaction of a patch: its headers and its operations in order ("A"/"D", quad)."""

    headers: dict[str, ox.NamedNode | ox.Literal] = field(default_factory=dict)
    operations: list[tuple[str, ox.Quad]] = field(default_factory=list)


def _header_value(value: str | int) -> str:
    if isinstance(value, int):
        return f'"{value}"^^<{XSD}integer>'
    return str(ox.Literal(value))


def write_event(event: Event, out: TextIO, prev_id: str | None) -> None:
    """Write one event as an RDF Patch transaction."""
    out.write(f"H id <urn:uuid:{event.id}> .\n")
    if prev_id:
        out.write(f"H prev <urn:uuid:{prev_id}> .\n")
    out.write(f"H seq {_header_value(event.seq)} .\n")
    out.write(f"H type {_header_value(event.type)} .\n")
    out.write(f"H principal {_header_value(event.principal)} .\n")
    out.write(f"H recorded {_header_value(event.recorded_at)} .\n")
    out.write("TX .\n")
    patch = event.patch
    for q in patch.remove:
        out.write(f"D {_quad_terms(q)} .\n")
    for q in patch.add:
        out.write(f"A {_quad_terms(q)} .\n")
    out.write("TC .\n")


def write_events(events: Iterable[Event], out: TextIO) -> int:
    """Write events as consecutive transactions; returns how many."""
    prev: str | None = None
    count = 0
    for event in events:
        write_event(event, out, prev)
        prev = event.id
        count += 1
    return count


def _quad_terms(q: ox.Quad) -> str:
    terms = f"{q.subject} {q.predicate} {q.object}"
    if not isinstance(q.graph_name, ox.DefaultGraph):
        terms += f" {q.graph_name}"
    return terms


_TOKEN = re.compile(
    r"""\s*(?:
      (?P<iri><[^>\s]*>)
    | (?P<literal>"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^(?:<[^>\s]*>|[A-Za-z_][\w.-]*:[\w.-]*))?)
    | (?P<bnode>_:[A-Za-z0-9_.-]+)
    | (?P<pname>[A-Za-z_][\w.-]*?:[\w.-]*(?<!\.))
    | (?P<dot>\.)
    )""",
    re.VERBOSE,
)


_PREFIX_ROW = re.compile(r'"?(?P<prefix>[A-Za-z_][\w.-]*|)"?:?\s*(?:<(?P<iri>[^>\s]*)>)?\s*\.')


def _tokens(text: str, lineno: int) -> list[tuple[str, str]]:
    pos, out = 0, []
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise RDFPatchError(f"line {lineno}: cannot read {text[pos:pos + 30]!r}")
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Reader:
    def __init__(self) -> None:
        self.prefixes: dict[str, str] = {}

    def term(self, kind: str, token: str, lineno: int):
        if kind == "iri":
            return ox.NamedNode(token[1:-1])
        if kind == "bnode":
            return ox.BlankNode(token[2:])
        if kind == "pname":
            prefix, local = token.split(":", 1)
            if prefix not in self.prefixes:
                raise RDFPatchError(f"line {lineno}: undeclared prefix {prefix!r}")
            return ox.NamedNode(self.prefixes[prefix] + local)
        if kind == "literal":
            if token.endswith('"') or re.search(r'"@[A-Za-z0-9-]+$', token) or "^^<" in token:
                nt = token
            else:  # datatype given as a prefixed name
                lexical, dt = token.rsplit("^^", 1)
                nt = f"{lexical}^^<{self.term('pname', dt, lineno).value}>"
            try:
                return next(iter(ox.parse(f"<urn:x> <urn:x> {nt} .", ox.RdfFormat.N_TRIPLES))).object
            except SyntaxError as exc:
                raise RDFPatchError(f"line {lineno}: bad literal {token}: {exc}") from exc
        raise RDFPatchError(f"line {lineno}: unexpected {token!r}")


def read_patch(lines: Iterable[str]) -> Iterator[PatchTransaction]:
    """Parse RDF Patch text into committed transactions (aborted ones are dropped)."""
    reader = _Reader()
    current = PatchTransaction()
    in_tx = False
    for lineno, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        code, _, rest = line.partition(" ")
        if code == "H":
            key, _, value = rest.strip().partition(" ")
            value_toks = _tokens(value, lineno)
            if not key or len(value_toks) != 2 or value_toks[-1][0] != "dot":
                raise RDFPatchError(f"line {lineno}: a header is 'H key value .'")
            term = reader.term(*value_toks[0], lineno)
            if key in ("id", "prev") and not isinstance(term, ox.NamedNode):
                raise RDFPatchError(f"line {lineno}: header {key!r} must be an IRI")
            current.headers[key] = term
            continue
        if code in ("PA", "PD"):
            m = _PREFIX_ROW.fullmatch(rest.strip())
            if not m or (code == "PA") != bool(m.group("iri")):
                raise RDFPatchError(f"line {lineno}: expected '{code} prefix{' <iri>' if code == 'PA' else ''} .'")
            if code == "PA":
                reader.prefixes[m.group("prefix")] = m.group("iri")
            else:
                reader.prefixes.pop(m.group("prefix"), None)
            continue
        toks = _tokens(rest, lineno)
        if not toks or toks[-1][0] != "dot":
            raise RDFPatchError(f"line {lineno}: a row must end with ' .'")
        toks = toks[:-1]
        if code == "TX":
            if in_tx:
                raise RDFPatchError(f"line {lineno}: TX inside a transaction")
            in_tx = True
        elif code in ("TC", "TA"):
            if not in_tx:
                raise RDFPatchError(f"line {lineno}: {code} without TX")
            if code == "TC":
                yield current
            current, in_tx = PatchTransaction(), False
        elif code in ("A", "D"):
            if len(toks) not in (3, 4):
                raise RDFPatchError(f"line {lineno}: {code} needs 3 or 4 terms, got {len(toks)}")
            terms = [reader.term(k, t, lineno) for k, t in toks]
            graph = terms[3] if len(terms) == 4 else ox.DefaultGraph()
            current.operations.append((code, ox.Quad(terms[0], terms[1], terms[2], graph)))
        else:
            raise RDFPatchError(f"line {lineno}: unknown row code {code!r}")
    if in_tx:
        raise RDFPatchError("the patch ends inside a transaction (no TC or TA)")
    if current.operations:  # rows outside TX/TC form one implicit transaction
        yield current


def apply_transaction(store: ox.Store, tx: PatchTransaction) -> None:
    """Apply one transaction's operations in order to a store."""
    for code, quad in tx.operations:
        if code == "A":
            store.add(quad)
        else:
            store.remove(quad)
