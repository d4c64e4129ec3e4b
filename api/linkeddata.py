"""Linked data: dereferenceable IRIs (/id/…), the JSON-LD context, streaming exports and the event log
(/log pages, /log/{seq}, /log/stream as Server-Sent Events, /log.rdfp as RDF Patch)."""

from __future__ import annotations

import asyncio
import io
import json
import queue
import threading
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, BinaryIO

import pyoxigraph as ox
from dkg.api.auth import reader
from dkg.api.errors import ApiError, errors
from dkg.api.results import RDF_FORMATS, pick_format, serialize_rdf
from dkg.api.safety import Deadline
from dkg.api.state import checked_iri, resolve_as_of, state_of, store_at, version_headers
from dkg.events import Event
from dkg.export import DATASET_FORMATS, export_dataset
from dkg.log import LogError
from dkg.rdfpatch import write_event
from dkg.terms import PREFIXES, sparql_prefixes
from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

router = APIRouter(tags=["Linked data"])

AsOf = Annotated[str | None, Query(alias="asOf", description="A version number or ISO 8601 timestamp")]
Fmt = Annotated[str | None, Query(alias="format", description="Representation (overrides Accept)")]

_ENTITY_OFFERS = {"html": "text/html", "turtle": "text/turtle", "jsonld": "application/ld+json",
                  "ntriples": "application/n-triples", "trig": "application/trig",
                  "nquads": "application/n-quads", "rdfxml": "application/rdf+xml"}
_ENTITY_ALIASES = {"application/xhtml+xml": "html", "text/plain": "ntriples", "application/json": "jsonld",
                   "ttl": "turtle", "nt": "ntriples", "json": "jsonld", "json-ld": "jsonld", "rdf": "rdfxml",
                   "xml": "rdfxml", "nq": "nquads"}
_TEMPLATES = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
                         autoescape=select_autoescape(["html"]))


@lru_cache(maxsize=1)
def context_document() -> dict[str, Any]:
    """The ontology's JSON-LD context (ontology/context.jsonld)."""
    return json.loads((files("dkg.ontology") / "context.jsonld").read_text("utf-8"))


@router.get("/context.jsonld", summary="The JSON-LD @context of the dkg ontology",
            responses={200: {"description": "JSON-LD context", "content": {"application/ld+json": {}}},
                       **errors(404)})
async def context() -> Response:
    """The `@context` that JSON-LD outputs use: dkg terms as short names."""
    try:
        doc = context_document()
    except FileNotFoundError as exc:
        raise ApiError(404, "not_found", "the ontology's context.jsonld is not installed") from exc
    return JSONResponse(doc, media_type="application/ld+json",
                        headers={"Cache-Control": "public, max-age=3600"})


# ---- /id/… ----------------------------------------------------------------------------------------------


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _facts_with_sources(store: ox.Store, iri: str, kg_base: str) -> list[dict[str, Any]]:
    """The entity's outgoing triples, each with the graphs stating it and their source article and quote."""
    prov = f"{kg_base}graph/provenance"
    arts = f"{kg_base}graph/articles"
    query = sparql_prefixes() + f"""
    SELECT ?p ?o ?g ?article ?title ?url ?quote WHERE {{
      GRAPH ?g {{ <{iri}> ?p ?o }}
      FILTER(?g != <urn:dkg:system>)
      OPTIONAL {{ GRAPH <{prov}> {{ ?g prov:wasDerivedFrom ?article .
                   OPTIONAL {{ ?g dkg:hasEvidence ?ev . ?ev oa:hasTarget ?t . ?t oa:hasSelector ?sel .
                              ?sel oa:exact ?quote }} }}
                 OPTIONAL {{ GRAPH <{arts}> {{ ?article dcterms:title ?title }} }}
                 OPTIONAL {{ GRAPH <{arts}> {{ ?article schema:url ?url }} }} }}
    }} ORDER BY ?p ?o ?g"""
    rows: dict[tuple, dict[str, Any]] = {}
    for s in store.query(query):
        key = (s["p"].value, str(s["o"]))
        fact = rows.setdefault(key, {"predicate": s["p"].value, "predicate_short": _short(s["p"].value),
                                     "object": s["o"], "sources": {}})
        graph = s["g"].value
        src = fact["sources"].setdefault(graph, {"graph": graph, "article": None, "title": None, "url": None,
                                                 "quotes": []})
        if s["article"] is not None:
            src["article"] = s["article"].value
        if s["title"] is not None:
            src["title"] = s["title"].value
        if s["url"] is not None:
            src["url"] = s["url"].value
        if s["quote"] is not None and s["quote"].value not in src["quotes"]:
            src["quotes"].append(s["quote"].value)
    return list(rows.values())


def _entity_quads(store: ox.Store, node: ox.NamedNode) -> list[ox.Quad]:
    return [q for q in store.quads_for_pattern(node, None, None, None) if q.graph_name != ox.NamedNode(
        "urn:dkg:system")]


def _jsonld(triples: list[ox.Triple]) -> bytes:
    """JSON-LD compacted with the ontology's context (rdflib's serializer, local context only)."""
    from rdflib import Graph  # noqa: PLC0415

    data = serialize_rdf(triples, "ntriples")
    g = Graph().parse(data=data.decode("utf-8"), format="nt")
    try:
        ctx = context_document()["@context"]
    except (FileNotFoundError, KeyError):
        ctx = dict(PREFIXES)
    return g.serialize(format="json-ld", context=ctx, auto_compact=True).encode("utf-8")


def _link(request: Request, path: str) -> str:
    return str(request.url_for("dereference", path=path))


@router.get("/id/{path:path}", name="dereference", summary="Dereference a minted IRI (content negotiation)",
            responses={200: {"description": "The entity's description",
                             "content": {m: {"schema": {"type": "string"}} for m in _ENTITY_OFFERS.values()}},
                       **errors(400, 401, 404, 406, 503)}, response_class=Response)
async def dereference(request: Request, path: Annotated[str, PathParam(description="The IRI's part after the base")],
                      as_of: AsOf = None, fmt: Fmt = None) -> Response:
    """`GET /id/actor/france` describes `{base}actor/france`: HTML for browsers (facts with their sources),
    Turtle, JSON-LD, N-Triples, TriG/N-Quads (with the graphs stating each fact), RDF/XML."""
    reader(request)
    state = state_of(request)
    iri = checked_iri(state.kg.base + path)
    node = ox.NamedNode(iri)
    version = resolve_as_of(state.kg, as_of)
    name = pick_format(fmt, request.headers.get("accept"), _ENTITY_OFFERS, _ENTITY_ALIASES, "turtle")

    def work(deadline: Deadline) -> bytes | None:
        store = store_at(state.kg, version)
        quads = _entity_quads(store, node)
        if not quads:
            incoming = next(iter(store.quads_for_pattern(None, None, node, None)), None)
            if incoming is None:
                return None
        deadline.check()
        triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
        if name == "html":
            facts = _facts_with_sources(store, iri, state.kg.base)
            label = next((f["object"].value for f in facts if f["predicate"].endswith(("#label", "/name"))
                          and isinstance(f["object"], ox.Literal)), path)
            incoming = [(q.subject.value, _short(q.predicate.value)) for q in
                        store.quads_for_pattern(None, None, node, None) if q.graph_name != ox.NamedNode(
                            "urn:dkg:system")][:200]
            html = _TEMPLATES.get_template("entity.html").render(
                iri=iri, label=label, facts=facts, version=version, incoming=sorted(set(incoming)),
                base=state.kg.base, id_prefix=str(request.url_for("dereference", path="")),
                is_iri=lambda t: isinstance(t, ox.NamedNode), short=_short)
            return html.encode("utf-8")
        if name == "jsonld":
            return _jsonld(triples)
        if name in ("trig", "nquads"):
            return serialize_rdf(quads, name)
        return serialize_rdf(triples, name)

    body = await state.runner.run(work)
    if body is None:
        raise ApiError(404, "not_found", f"nothing is known about {iri} at version {version}")
    headers = {**version_headers(version), "Vary": "Accept", "Content-Location": f"{_link(request, path)}"
               f"?format={name}"}
    headers["Link"] = f'<{request.url_for("context")}>; rel="http://www.w3.org/ns/json-ld#context"'
    if name == "html":
        return HTMLResponse(body, headers=headers)
    return Response(body, media_type=_ENTITY_OFFERS[name], headers=headers)


# ---- exports --------------------------------------------------------------------------------------------


class _QueueWriter(io.RawIOBase):
    """A binary file whose writes become chunks of a queue (bounded: the producer waits for the consumer)."""

    def __init__(self, chunks: queue.Queue, closed: threading.Event, chunk_size: int = 64 * 1024) -> None:
        super().__init__()
        self.chunks = chunks
        self.stop = closed
        self.buffer = bytearray()
        self.chunk_size = chunk_size

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        if self.stop.is_set():
            raise BrokenPipeError("the client went away")
        self.buffer += bytes(data)
        if len(self.buffer) >= self.chunk_size:
            self.flush_chunk()
        return len(data)

    def flush_chunk(self) -> None:
        if self.buffer:
            while not self.stop.is_set():
                try:
                    self.chunks.put(bytes(self.buffer), timeout=0.5)
                    break
                except queue.Full:
                    continue
            self.buffer = bytearray()


_DONE = object()


def stream_writer(produce: Callable[[BinaryIO], None]) -> Iterator[bytes]:
    """Run `produce(out)` in a thread and yield what it writes, chunk by chunk (memory stays bounded)."""
    chunks: queue.Queue = queue.Queue(maxsize=8)
    stop = threading.Event()
    writer = _QueueWriter(chunks, stop)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            produce(writer)  # type: ignore[arg-type]
            writer.flush_chunk()
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer
            failure.append(exc)
        finally:
            while not stop.is_set():
                try:
                    chunks.put(_DONE, timeout=0.5)
                    break
                except queue.Full:
                    continue

    thread = threading.Thread(target=run, daemon=True, name="dkg-export")
    thread.start()
    try:
        while True:
            item = chunks.get()
            if item is _DONE:
                break
            yield item
    finally:
        stop.set()
    if failure and not isinstance(failure[0], BrokenPipeError):
        raise failure[0]


_EXPORT_MEDIA = {name: media for name, (_fmt, media, _q) in DATASET_FORMATS.items()}


@router.get("/export", summary="Stream the whole dataset",
            responses={200: {"description": "The dataset (named graphs kept in TriG, N-Quads, JSON-LD)",
                             "content": {m: {"schema": {"type": "string"}} for m in _EXPORT_MEDIA.values()}},
                       **errors(400, 401, 406)}, response_class=Response)
async def export(request: Request, fmt: Annotated[str, Query(alias="format", description=", ".join(_EXPORT_MEDIA))]
                 = "trig", as_of: AsOf = None) -> Response:
    """The dataset as it stands (or stood at `asOf`), streamed as it is serialised."""
    reader(request)
    state = state_of(request)
    if fmt not in _EXPORT_MEDIA:
        raise ApiError(406, "not_acceptable", f"unknown export format {fmt!r}; use one of {', '.join(_EXPORT_MEDIA)}")
    version = resolve_as_of(state.kg, as_of)
    store = await asyncio.to_thread(store_at, state.kg, version)
    extension = {"trig": "trig", "nquads": "nq", "turtle": "ttl", "ntriples": "nt", "jsonld": "jsonld"}[fmt]
    headers = {**version_headers(version),
               "Content-Disposition": f'attachment; filename="dkg-v{version}.{extension}"'}
    return StreamingResponse(stream_writer(lambda out: export_dataset(store, fmt, out)),
                             media_type=_EXPORT_MEDIA[fmt], headers=headers)


# ---- the log --------------------------------------------------------------------------------------------


def _event_json(event: Event, full: bool) -> dict[str, Any]:
    return event.to_json() if full else {**event.summary(), "hash": event.hash}


@router.get("/log", summary="Page through the event log",
            responses={200: {"description": "Events after `after`, oldest first",
                             "content": {"application/json": {"schema": {"type": "object"}}}},
                       **errors(400, 401)})
async def log_page(request: Request,
                   after: Annotated[int, Query(ge=0, le=2**62, description="Return events with seq > after")] = 0,
                   limit: Annotated[int, Query(ge=1, le=1000, description="At most this many events")] = 100,
                   full: Annotated[bool, Query(description="Whole events (payload and patch); else summaries")]
                   = True) -> JSONResponse:
    """Events as JSON, so other systems can build their own projections: follow `next` until it is null."""
    reader(request)
    state = state_of(request)
    events = await asyncio.to_thread(lambda: list(state.kg.log.read(after=after, limit=limit)))
    head = state.kg.log.head()
    last = events[-1].seq if events else after
    return JSONResponse({"head": head, "after": after, "events": [_event_json(e, full) for e in events],
                         "next": str(request.url.include_query_params(after=last)) if last < head else None},
                        headers=version_headers(head))


@router.get("/log/stream", summary="Follow new events (Server-Sent Events)",
            responses={200: {"description": "text/event-stream: one `message` per event (id = seq)",
                             "content": {"text/event-stream": {"schema": {"type": "string"}}}},
                       **errors(400, 401)}, response_class=Response)
async def log_stream(request: Request,
                     after: Annotated[int | None, Query(ge=0, le=2**62, description="Start after this seq (default: "
                                                        "Last-Event-ID, else the head)")] = None,
                     follow: Annotated[bool, Query(description="Keep the stream open for new events")] = True,
                     full: Annotated[bool, Query(description="Whole events; else summaries")] = True
                     ) -> StreamingResponse:
    """Each event as `id: <seq>`, `event: <type>`, `data: <json>`; a comment every 15 s keeps the line open."""
    reader(request)
    state = state_of(request)
    start = after
    if start is None:
        last_id = request.headers.get("last-event-id")
        start = int(last_id) if last_id and last_id.strip().isdigit() else state.kg.log.head()
    poll = state.config.log_poll_seconds

    async def events():
        cursor = start
        idle = 0.0
        yield f": dkg event stream after {cursor}\nretry: 2000\n\n"
        while True:
            batch = await asyncio.to_thread(lambda c=cursor: list(state.kg.log.read(after=c, limit=200)))
            for event in batch:
                data = json.dumps(_event_json(event, full), ensure_ascii=False)
                yield f"id: {event.seq}\nevent: {event.type}\ndata: {data}\n\n"
                cursor = event.seq
            if batch:
                idle = 0.0
                continue
            if not follow or await request.is_disconnected():
                return
            await asyncio.sleep(poll)
            idle += poll
            if idle >= 15:
                idle = 0.0
                yield ": keepalive\n\n"

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.get("/log.rdfp", summary="The log as RDF Patch",
            responses={200: {"description": "One RDF Patch transaction per event",
                             "content": {"application/rdf-patch": {"schema": {"type": "string"}}}},
                       **errors(400, 401)}, response_class=Response)
async def log_rdf_patch(request: Request,
                        after: Annotated[int, Query(ge=0, le=2**62, description="Events with seq > after")] = 0,
                        until: Annotated[int | None, Query(ge=0, le=2**62,
                                                           description="Events with seq <= until")] = None
                        ) -> StreamingResponse:
    """Every event (or a range) as RDF Patch transactions (`H id`, `H prev`, `TX` … `TC`), streamed."""
    reader(request)
    state = state_of(request)
    head = state.kg.log.head()

    def produce() -> Iterator[bytes]:
        prev: str | None = None
        if after > 0:
            try:
                prev = state.kg.log.get(after).id
            except LogError:
                prev = None
        for event in state.kg.log.read(after=after, until=until):
            out = io.StringIO()
            write_event(event, out, prev)
            prev = event.id
            yield out.getvalue().encode("utf-8")

    return StreamingResponse(produce(), media_type="application/rdf-patch", headers=version_headers(head))


@router.get("/log/{seq}", name="get_event", summary="One event",
            responses={200: {"description": "The event (JSON)",
                             "content": {"application/json": {"schema": {"type": "object"}}}},
                       **errors(400, 401, 404)})
async def get_event(request: Request, seq: Annotated[int, PathParam(ge=1, le=2**62, description="Sequence number")]
                    ) -> JSONResponse:
    """The event with this sequence number, whole (payload and patch)."""
    reader(request)
    state = state_of(request)
    if seq > state.kg.log.head():
        raise ApiError(404, "not_found", f"no event {seq}; the log's head is {state.kg.log.head()}")
    event = await asyncio.to_thread(state.kg.log.get, seq)
    return JSONResponse(event.to_json(), headers=version_headers(state.kg.log.head()))


__all__ = ["router", "RDF_FORMATS"]
