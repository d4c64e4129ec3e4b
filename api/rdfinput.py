"""Reading RDF sent by clients: Oxigraph's parsers only (no remote JSON-LD contexts, no XML external entities)."""

from __future__ import annotations

import pyoxigraph as ox
from dkg.api.errors import ApiError

INPUT_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
QUAD_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD}


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def rdf_format(content_type: str | None) -> ox.RdfFormat:
    """The Oxigraph format for a request's Content-Type; 415 when it is not RDF dkg reads."""
    media = media_type(content_type)
    if media not in INPUT_FORMATS:
        raise ApiError(415, "unsupported_media_type", f"send RDF as one of {', '.join(INPUT_FORMATS)}, not "
                       f"{media or 'a body without Content-Type'}")
    return INPUT_FORMATS[media]


def parse_rdf(body: bytes, fmt: ox.RdfFormat, *, base_iri: str | None, graph: ox.NamedNode | ox.DefaultGraph | None
              = None) -> list[ox.Quad]:
    """Parse a request body; with `graph`, every triple is put into it (named graphs in the body refused)."""
    if fmt == ox.RdfFormat.JSON_LD and b'"@context"' in body:
        body = _inline_own_context(body)
        if _remote_context(body):
            raise ApiError(400, "remote_context_refused", "JSON-LD documents must not reference remote @context "
                           "documents (dkg never fetches URLs); inline the context, or reference dkg's own "
                           f"({OWN_CONTEXT}), which is substituted locally")
    try:
        quads = list(ox.parse(body, fmt, base_iri=base_iri))
    except SyntaxError as exc:
        raise ApiError(400, "malformed_rdf", f"the RDF does not parse: {exc}") from exc
    except (ValueError, OSError) as exc:
        raise ApiError(400, "malformed_rdf", f"the RDF cannot be read: {exc}") from exc
    if graph is None:
        return quads
    out = []
    for q in quads:
        if not isinstance(q.graph_name, ox.DefaultGraph):
            raise ApiError(400, "named_graph_in_body", "this request takes triples; the body names graphs")
        out.append(ox.Quad(q.subject, q.predicate, q.object, graph))
    return out


OWN_CONTEXT = "https://w3id.org/dkg/context.jsonld"
_OWN_CONTEXT_SUFFIX = "/context.jsonld"


def _inline_own_context(body: bytes) -> bytes:
    """Replace references to dkg's own context (`OWN_CONTEXT`, or any `…/context.jsonld` of this server) by
    the context itself, read from the installed package: JSON-LD input can use the ontology's short terms."""
    import json  # noqa: PLC0415

    from dkg.api.linkeddata import context_document  # noqa: PLC0415

    try:
        doc = json.loads(body)
    except ValueError:
        return body
    try:
        own = context_document()["@context"]
    except (OSError, KeyError, ValueError):
        return body

    def own_ref(value) -> bool:
        return isinstance(value, str) and (value == OWN_CONTEXT or value.endswith(_OWN_CONTEXT_SUFFIX) and
                                           value.startswith(("http://127.0.0.1", "http://localhost", OWN_CONTEXT)))

    def walk(node):
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "@context":
                    if own_ref(value):
                        value = own
                    elif isinstance(value, list):
                        value = [own if own_ref(v) else v for v in value]
                out[key] = walk(value) if key != "@context" else value
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return json.dumps(walk(doc)).encode("utf-8")


def _remote_context(body: bytes) -> bool:
    """Whether a JSON-LD document's @context (anywhere) is or includes an IRI string."""
    import json  # noqa: PLC0415

    try:
        doc = json.loads(body)
    except ValueError:
        return False

    def walk(node) -> bool:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "@context" and _has_iri(value):
                    return True
                if walk(value):
                    return True
        elif isinstance(node, list):
            return any(walk(v) for v in node)
        return False

    return walk(doc)


def _has_iri(context) -> bool:
    if isinstance(context, str):
        return True
    if isinstance(context, list):
        return any(_has_iri(c) for c in context)
    if isinstance(context, dict):
        return isinstance(context.get("@import"), str)
    return False
