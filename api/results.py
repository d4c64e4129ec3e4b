"""Content negotiation and serialisation of SPARQL results (JSON, XML, CSV, TSV) and RDF (Turtle, N-Triples,
JSON-LD, RDF/XML, N-Quads, TriG), with the deadline and the size cap checked while writing."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from dkg.api.errors import ApiError
from dkg.api.safety import Deadline
from dkg.terms import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# name -> media type, for SELECT/ASK results
RESULT_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
RESULT_ALIASES: dict[str, str] = {
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
# name -> (media type, Oxigraph format)
RDF_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    "nquads": ("application/n-quads", ox.RdfFormat.N_QUADS),
    "trig": ("application/trig", ox.RdfFormat.TRIG),
}
RDF_ALIASES: dict[str, str] = {
    "text/plain": "ntriples",
    "application/x-turtle": "turtle",
    "application/json": "jsonld",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
    "ttl": "turtle",
    "nt": "ntriples",
    "json-ld": "jsonld",
    "rdf": "rdfxml",
    "xml": "rdfxml",
    "json": "jsonld",
    "nq": "nquads",
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an Accept header, best first (stable for equal weights)."""
    if not header:
        return [("*/*", 1.0)]
    ranges = []
    for index, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media, q, index))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(m, q) for m, q, _ in ranges if q > 0]


def negotiate(accept: str | None, offers: dict[str, str], aliases: dict[str, str], default: str) -> str | None:
    """The offered format name that best fits `accept` (None when nothing is acceptable)."""
    by_media = {media: name for name, media in offers.items()}
    for media, _q in parse_accept(accept):
        if media in by_media:
            return by_media[media]
        if media in aliases and aliases[media] in offers:
            return aliases[media]
        if media in ("*/*", "application/*", "text/*"):
            if media == "*/*" or offers[default].startswith(media[:-1]):
                return default
            for name, offered in offers.items():
                if offered.startswith(media[:-1]):
                    return name
    return None


def pick_format(fmt: str | None, accept: str | None, offers: dict[str, str], aliases: dict[str, str],
                default: str) -> str:
    """The format from the `format` parameter (name or media type) or else from Accept; 406 if none fits."""
    if fmt:
        key = fmt.strip().lower()
        if key in offers:
            return key
        if key in aliases and aliases[key] in offers:
            return aliases[key]
        for name, media in offers.items():
            if media == key:
                return name
        raise ApiError(406, "not_acceptable", f"format {fmt!r} is not available here; use one of "
                       f"{', '.join(offers)}")
    chosen = negotiate(accept, offers, aliases, default)
    if chosen is None:
        raise ApiError(406, "not_acceptable", f"none of the accepted types ({accept}) is available; this "
                       f"resource is offered as {', '.join(offers.values())}")
    return chosen


# ---- SELECT / ASK ---------------------------------------------------------------------------------------


@dataclass
class Table:
    """Materialised SELECT solutions (capped) or an ASK answer."""

    variables: list[str]
    rows: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]]
    boolean: bool | None = None


def collect_solutions(result: ox.QuerySolutions, deadline: Deadline, max_rows: int) -> Table:
    """Read a SELECT's solutions, checking the deadline and the row cap."""
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        deadline.check()
        if len(rows) >= max_rows:
            raise ApiError(400, "result_too_large", f"the query returns more than {max_rows} rows; add a LIMIT"
                           " or page with OFFSET")
        rows.append(list(solution))  # the values in the order of `names`, None where unbound
    return Table(names, rows)


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    raise TypeError(term)


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    raise TypeError(term)


def _csv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def _tsv_term(term) -> str:
    if term is None:
        return ""
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _json_bindings(table: Table) -> str:
    """The `bindings` array as JSON text, each distinct term encoded once (terms repeat across rows)."""
    fragments: dict = {}
    keys = [json.dumps(n, ensure_ascii=False) + ":" for n in table.variables]
    rows = []
    for row in table.rows:
        parts = []
        for key, term in zip(keys, row, strict=True):
            if term is None:
                continue
            fragment = fragments.get(term)
            if fragment is None:
                fragment = fragments[term] = json.dumps(_json_term(term), ensure_ascii=False)
            parts.append(key + fragment)
        rows.append("{" + ",".join(parts) + "}")
    return "[" + ",".join(rows) + "]"


def serialize_table(table: Table, fmt: str) -> bytes:
    """SPARQL results in JSON, XML, CSV or TSV."""
    if fmt == "json":
        if table.boolean is not None:
            return json.dumps({"head": {}, "boolean": table.boolean}).encode()
        head = json.dumps({"vars": table.variables}, ensure_ascii=False)
        return f'{{"head": {head}, "results": {{"bindings": {_json_bindings(table)}}}}}'.encode()
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        out += [f"<variable name={quoteattr(n)}/>" for n in table.variables]
        out.append("</head>")
        if table.boolean is not None:
            out.append(f"<boolean>{'true' if table.boolean else 'false'}</boolean>")
        else:
            out.append("<results>")
            for row in table.rows:
                out.append("<result>")
                out += [f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                        for n, t in zip(table.variables, row, strict=True) if t is not None]
                out.append("</result>")
            out.append("</results>")
        out.append("</sparql>\n")
        return "".join(out).encode("utf-8")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        if table.boolean is not None:
            writer.writerow(["_askResult"])
            writer.writerow(["true" if table.boolean else "false"])
        else:
            writer.writerow(table.variables)
            for row in table.rows:
                writer.writerow([_csv_term(t) for t in row])
        return buffer.getvalue().encode("utf-8")
    if fmt == "tsv":
        if table.boolean is not None:
            return f"?_askResult\n{'true' if table.boolean else 'false'}\n".encode()
        lines = ["\t".join(f"?{n}" for n in table.variables)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in table.rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(fmt)


# ---- CONSTRUCT / DESCRIBE / RDF -------------------------------------------------------------------------


def checked(items: Iterable, deadline: Deadline, cap: int, what: str = "triples") -> Iterator:
    """Pass items through, checking the deadline and the cap."""
    for count, item in enumerate(items):
        deadline.check()
        if count >= cap:
            raise ApiError(400, "result_too_large", f"the result has more than {cap} {what}; narrow the query")
        yield item


def serialize_rdf(items: Iterable[ox.Triple] | Iterable[ox.Quad], fmt: str) -> bytes:
    """RDF in one of RDF_FORMATS (Turtle/TriG with dkg's prefixes)."""
    _media, rdf_format = RDF_FORMATS[fmt]
    prefixes = PREFIXES if fmt in ("turtle", "trig", "rdfxml") else None
    data = ox.serialize(items, format=rdf_format, prefixes=prefixes)
    return data if data is not None else b""


def graph_offers(quads: bool = False) -> dict[str, str]:
    """Media types offered for a graph (triples) or a dataset (quads)."""
    names: Sequence[str] = ("turtle", "ntriples", "jsonld", "rdfxml", "nquads", "trig") if not quads else (
        "trig", "nquads", "jsonld")
    return {n: RDF_FORMATS[n][0] for n in names}
