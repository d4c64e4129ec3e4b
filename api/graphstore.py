"""The SPARQL 1.1 Graph Store HTTP Protocol at /store (indirect identification: `?graph=<iri>` or `?default`).

GET/HEAD read a graph (at `asOf` too); PUT replaces it, POST adds to it, DELETE removes it: each write is one
GraphPatched event, validated with SHACL first. `?default` is the store's real default graph (queries see the
union of all graphs as their default graph; the Graph Store Protocol addresses graphs one by one).
"""

from __future__ import annotations

import uuid
from typing import Annotated

import pyoxigraph as ox
from dkg.api.auth import editor, reader
from dkg.api.errors import ApiError, errors
from dkg.api.patching import commit_patch
from dkg.api.rdfinput import INPUT_FORMATS, parse_rdf, rdf_format
from dkg.api.results import RDF_ALIASES, checked, graph_offers, pick_format, serialize_rdf
from dkg.api.safety import Deadline
from dkg.api.state import resolve_as_of, state_of, store_at, version_headers
from dkg.terms import SYSTEM_GRAPH
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

router = APIRouter(tags=["Graph Store Protocol"])

GraphParam = Annotated[str | None, Query(description="The IRI of the graph to address")]
DefaultParam = Annotated[str | None, Query(description="Present (empty) to address the default graph")]
AsOf = Annotated[str | None, Query(alias="asOf", description="A version number or ISO 8601 timestamp")]
Fmt = Annotated[str | None, Query(alias="format", description="turtle, ntriples, jsonld, rdfxml (overrides Accept)")]

_RDF_CONTENT = {m: {"schema": {"type": "string"}} for m in graph_offers().values()}
_WRITE_BODY = {"requestBody": {"required": True, "content": {m: {"schema": {"type": "string"}}
                                                             for m in INPUT_FORMATS}}}
_WRITE_RESPONSES = {
    200: {"description": "The graph was changed (or already held this content)",
          "content": {"application/json": {"schema": {"type": "object"}}}},
    201: {"description": "The graph was created; Location names the event",
          "content": {"application/json": {"schema": {"type": "object"}}}},
    **errors(400, 401, 403, 412, 413, 415, 422),
}


def _target(graph: str | None, default: str | None, *, required: bool = True) -> ox.NamedNode | ox.DefaultGraph | None:
    if graph is not None and default is not None:
        raise ApiError(400, "bad_graph", "use either ?graph=<iri> or ?default, not both")
    if default is not None:
        return ox.DefaultGraph()
    if graph is None:
        if required:
            raise ApiError(400, "bad_graph", "name the graph with ?graph=<iri> or ?default")
        return None
    if graph == SYSTEM_GRAPH:
        raise ApiError(404, "not_found", f"no graph {graph}")
    try:
        return ox.NamedNode(graph)
    except ValueError as exc:
        raise ApiError(400, "bad_graph", f"not an absolute IRI: {graph!r}") from exc


def _triples(store: ox.Store, target: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
    return list(store.quads_for_pattern(None, None, None, target))


async def _read(request: Request, graph: str | None, default: str | None, as_of: str | None, fmt: str | None,
                head: bool) -> Response:
    reader(request)
    state = state_of(request)
    target = _target(graph, default, required=False)
    version = resolve_as_of(state.kg, as_of)
    offers = graph_offers(quads=target is None)
    name = pick_format(fmt, request.headers.get("accept"), offers, RDF_ALIASES, "trig" if target is None else
                       "turtle")
    cap = state.config.max_results

    def work(deadline: Deadline) -> bytes | None:
        store = store_at(state.kg, version)
        if target is None:
            quads = (q for q in store if q.graph_name != ox.NamedNode(SYSTEM_GRAPH))
            return serialize_rdf(checked(quads, deadline, cap), name)
        found = _triples(store, target)
        if not found and isinstance(target, ox.NamedNode):
            return None
        if len(found) > cap:
            raise ApiError(400, "result_too_large", f"the graph has more than {cap} triples; use /export")
        return serialize_rdf([ox.Triple(q.subject, q.predicate, q.object) for q in found], name)

    body = await state.runner.run(work)
    if body is None:
        raise ApiError(404, "not_found", f"no graph {graph} at version {version}")
    headers = {**version_headers(version), "Vary": "Accept"}
    if head:
        headers["Content-Length"] = str(len(body))
        return Response(None, media_type=offers[name], headers=headers)
    return Response(body, media_type=offers[name], headers=headers)


@router.get("/store", summary="Read a graph (or the whole dataset without parameters)",
            responses={200: {"description": "The graph's triples", "content": _RDF_CONTENT},
                       **errors(400, 401, 404, 406, 503)}, response_class=Response)
async def store_get(request: Request, graph: GraphParam = None, default: DefaultParam = None, as_of: AsOf = None,
                    fmt: Fmt = None) -> Response:
    """GET a graph's triples in Turtle, N-Triples, JSON-LD or RDF/XML; without a graph, the dataset (TriG…)."""
    return await _read(request, graph, default, as_of, fmt, head=False)


@router.head("/store", summary="Headers of a graph read", responses={200: {"description": "The graph exists"},
                                                                    **errors(400, 401, 404, 406, 503)},
             response_class=Response)
async def store_head(request: Request, graph: GraphParam = None, default: DefaultParam = None, as_of: AsOf = None,
                     fmt: Fmt = None) -> Response:
    """HEAD: like GET without the body."""
    return await _read(request, graph, default, as_of, fmt, head=True)


async def _write(request: Request, graph: str | None, default: str | None, mode: str) -> Response:
    principal = editor(request)
    state = state_of(request)
    target = _target(graph, default, required=mode != "post")
    created_iri = None
    if target is None:  # POST to the graph store itself: a new graph
        created_iri = f"{state.kg.base}upload/{uuid.uuid4()}"
        target = ox.NamedNode(created_iri)
    body = b"" if mode == "delete" else await request.body()
    incoming: list[ox.Quad] = []
    if mode != "delete":
        fmt = rdf_format(request.headers.get("content-type"))
        base = target.value if isinstance(target, ox.NamedNode) else str(request.url.replace(query=""))
        incoming = await run_in_threadpool(parse_rdf, body, fmt, base_iri=base, graph=target)
    existed: list[bool] = []

    def plan(store: ox.Store):
        current = _triples(store, target)
        existed.append(bool(current) or isinstance(target, ox.DefaultGraph))
        if mode == "delete":
            if not current and isinstance(target, ox.NamedNode):
                raise ApiError(404, "not_found", f"no graph {target.value}")
            return current, [], f"Graph Store DELETE {_label(target)}"
        if mode == "put":
            keep = set(incoming)
            return [q for q in current if q not in keep], incoming, f"Graph Store PUT {_label(target)}"
        return [], incoming, f"Graph Store POST {_label(target)}"

    result = await run_in_threadpool(commit_patch, state, request, principal, plan)
    headers = version_headers(result.version)
    body_json = result.to_json(request)
    status = 200
    if created_iri or (mode == "put" and not existed[0]):
        status = 201
        headers["Location"] = created_iri or str(request.url)
        body_json["graph"] = created_iri or _label(target)
    elif result.event is not None:
        headers["Content-Location"] = body_json["location"]
    import json  # noqa: PLC0415

    return Response(json.dumps(body_json), status_code=status, media_type="application/json", headers=headers)


def _label(target: ox.NamedNode | ox.DefaultGraph) -> str:
    return target.value if isinstance(target, ox.NamedNode) else "default graph"


@router.put("/store", summary="Replace a graph", responses=_WRITE_RESPONSES, openapi_extra=_WRITE_BODY,
            response_class=Response)
async def store_put(request: Request, graph: GraphParam = None, default: DefaultParam = None) -> Response:
    """Replace the graph's content with the body (one event: the triples removed and added)."""
    return await _write(request, graph, default, "put")


@router.post("/store", summary="Add to a graph (or create one)", responses=_WRITE_RESPONSES,
             openapi_extra=_WRITE_BODY, response_class=Response)
async def store_post(request: Request, graph: GraphParam = None, default: DefaultParam = None) -> Response:
    """Merge the body's triples into the graph; without a graph parameter, create a new graph (201)."""
    return await _write(request, graph, default, "post")


@router.delete("/store", summary="Delete a graph", responses={k: v for k, v in _WRITE_RESPONSES.items()
                                                               if k != 201 and k != 415} | errors(404),
               response_class=Response)
async def store_delete(request: Request, graph: GraphParam = None, default: DefaultParam = None) -> Response:
    """Remove every triple of the graph (one event)."""
    return await _write(request, graph, default, "delete")
