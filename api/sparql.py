"""The SPARQL 1.1 Protocol at /sparql: queries (GET, POST form, POST direct), updates (POST, editors only),
the service description (GET without a query) and the VoID description at /void."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any
from urllib.parse import parse_qs

import pyoxigraph as ox
from dkg.api.auth import editor, reader
from dkg.api.errors import ApiError, errors
from dkg.api.evaluation import QueryJob, evaluate
from dkg.api.patching import commit_patch
from dkg.api.results import (
    RDF_ALIASES,
    RESULT_FORMATS,
    graph_offers,
    pick_format,
    serialize_rdf,
)
from dkg.api.safety import Deadline, refuse_outbound_query
from dkg.api.state import AppState, resolve_as_of, state_of, store_at, version_headers
from dkg.sparql_update import UpdateError, mentions_keyword, plan_update
from dkg.terms import PREFIXES, SYSTEM_GRAPH
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

router = APIRouter(tags=["SPARQL"])

QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"

_ALL_MEDIA = sorted({*RESULT_FORMATS.values(), *graph_offers().values()})
_QUERY_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Query results (SELECT/ASK: SPARQL JSON, XML, CSV, TSV; CONSTRUCT/DESCRIBE: RDF), or the "
                         "service description when no query is given",
          "content": {m: {"schema": {"type": "string"}} for m in _ALL_MEDIA}},
    **errors(400, 401, 403, 406, 413, 415, 503),
}
_POST_BODY = {
    "requestBody": {
        "required": False,
        "content": {
            FORM_TYPE: {"schema": {"type": "object", "properties": {
                "query": {"type": "string"}, "update": {"type": "string"},
                "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                "using-graph-uri": {"type": "array", "items": {"type": "string"}},
                "using-named-graph-uri": {"type": "array", "items": {"type": "string"}}}}},
            QUERY_TYPE: {"schema": {"type": "string"}},
            UPDATE_TYPE: {"schema": {"type": "string"}},
        },
    }
}

AsOf = Annotated[str | None, Query(alias="asOf", description="A version number or an ISO 8601 timestamp: answer "
                                   "from the graph as it stood then")]
Fmt = Annotated[str | None, Query(alias="format", description="Result format (json, xml, csv, tsv, turtle, "
                                  "ntriples, jsonld, rdfxml), overriding Accept")]
DefaultGraphs = Annotated[list[str] | None, Query(alias="default-graph-uri", description="Protocol dataset: "
                                                  "default graph(s)")]
NamedGraphs = Annotated[list[str] | None, Query(alias="named-graph-uri", description="Protocol dataset: named "
                                                "graph(s)")]


def _endpoint(request: Request) -> str:
    config = state_of(request).config
    if config.public_url:
        return config.public_url.rstrip("/") + "/sparql"
    return str(request.url.replace(query="", fragment=""))


def _graph_term(iri: str) -> ox.NamedNode:
    try:
        node = ox.NamedNode(iri)
    except ValueError as exc:
        raise ApiError(400, "bad_graph_uri", f"not an absolute IRI: {iri!r}") from exc
    if iri == SYSTEM_GRAPH:
        raise ApiError(400, "bad_graph_uri", f"{SYSTEM_GRAPH} is not part of the dataset")
    return node


def _media(request: Request) -> tuple[str, str | None]:
    """(media type, charset) of the request body."""
    header = request.headers.get("content-type")
    if not header:
        return "", None
    fields = [f.strip() for f in header.split(";")]
    charset = None
    for param in fields[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return fields[0].lower(), charset


def _decode(body: bytes, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8", "us-ascii"):
        raise ApiError(415, "unsupported_charset", f"the body must be UTF-8, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "bad_encoding", "the body is not valid UTF-8") from exc


def _form(body: bytes, charset: str | None) -> dict[str, list[str]]:
    text = _decode(body, charset)
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, encoding="utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "bad_encoding", "a form field is not valid UTF-8 once percent-decoded") from exc


def _one(values: list[str], name: str) -> str | None:
    if not values:
        return None
    if len(values) > 1:
        raise ApiError(400, f"multiple_{name}", f"exactly one {name} parameter is allowed, got {len(values)}")
    return values[0]


@router.get("/sparql", summary="SPARQL query by GET, or the service description",
            responses=_QUERY_RESPONSES, response_class=Response)
async def sparql_get(request: Request, query: Annotated[str | None, Query(description="A SPARQL 1.1 query")] = None,
                     default_graph_uri: DefaultGraphs = None, named_graph_uri: NamedGraphs = None,
                     as_of: AsOf = None, fmt: Fmt = None) -> Response:
    """SPARQL 1.1 Protocol query operation via GET; without `query`, the SPARQL service description."""
    reader(request)
    params = request.query_params
    if "update" in params:
        raise ApiError(400, "update_by_get", "updates must be sent with POST")
    queries = params.getlist("query")
    if not queries:
        return await service_description(request, fmt)
    return await run_query(request, _one(queries, "query") or "", params.getlist("default-graph-uri"),
                           params.getlist("named-graph-uri"), as_of, fmt)


@router.post("/sparql", summary="SPARQL query or update by POST (form or direct)", responses=_QUERY_RESPONSES,
             response_class=Response, openapi_extra=_POST_BODY)
async def sparql_post(request: Request, default_graph_uri: DefaultGraphs = None, named_graph_uri: NamedGraphs = None,
                      using_graph_uri: Annotated[list[str] | None, Query(alias="using-graph-uri")] = None,
                      using_named_graph_uri: Annotated[list[str] | None, Query(alias="using-named-graph-uri")] = None,
                      as_of: AsOf = None, fmt: Fmt = None) -> Response:
    """A query (`query` form field or `application/sparql-query` body) or an update (`update` form field or
    `application/sparql-update` body; editor token required; one event in the log per request)."""
    media, charset = _media(request)
    body = await request.body()
    params = request.query_params
    fields: dict[str, list[str]] = {k: params.getlist(k) for k in params}
    if media == FORM_TYPE:
        for key, values in _form(body, charset).items():
            fields.setdefault(key, [])
            fields[key] = fields[key] + values
        queries, updates = fields.get("query", []), fields.get("update", [])
        if queries and updates:
            raise ApiError(400, "query_and_update", "send either a query or an update, not both")
        if updates:
            return await run_update(request, _one(updates, "update") or "", fields)
        if not queries:
            raise ApiError(400, "missing_query", "the form has no query or update field")
        reader(request)
        return await run_query(request, _one(queries, "query") or "", fields.get("default-graph-uri", []),
                               fields.get("named-graph-uri", []), _one(fields.get("asOf", []), "asOf"),
                               _one(fields.get("format", []), "format"))
    if media == QUERY_TYPE:
        reader(request)
        if "query" in params or "update" in params:
            raise ApiError(400, "query_in_url", "with a direct POST the query is the body, not a URL parameter")
        return await run_query(request, _decode(body, charset), params.getlist("default-graph-uri"),
                               params.getlist("named-graph-uri"), as_of, fmt)
    if media == UPDATE_TYPE:
        return await run_update(request, _decode(body, charset), fields)
    raise ApiError(415, "unsupported_media_type", f"POST {FORM_TYPE}, {QUERY_TYPE} or {UPDATE_TYPE}, not "
                   f"{media or 'a body without Content-Type'}")


async def run_query(request: Request, query: str, default_graphs: list[str], named_graphs: list[str],
                    as_of: str | None, fmt: str | None) -> Response:
    """Evaluate a query in a worker process (or thread) under the deadline and serialise it as negotiated."""
    state = state_of(request)
    if not query.strip():
        raise ApiError(400, "missing_query", "the query is empty")
    refuse_outbound_query(query)
    version = resolve_as_of(state.kg, as_of)
    options: dict[str, Any] = {"prefixes": PREFIXES, "base_iri": _endpoint(request)}
    if default_graphs or named_graphs:
        options["default_graph"] = [_graph_term(g) for g in default_graphs]
        options["named_graphs"] = [_graph_term(g) for g in named_graphs]
    elif not mentions_keyword(query, "FROM"):
        options["use_default_graph_as_union"] = True
    job = QueryJob(query, options, request.headers.get("accept"), fmt, state.config.max_results,
                   killable=state.processes is not None)
    if state.processes is not None:
        body, media = await state.processes.run(version, job)
    else:
        body, media = await state.runner.run(lambda deadline: _evaluate(state, version, job, deadline))
    headers = version_headers(version)
    headers["Vary"] = "Accept"
    return Response(body, media_type=media, headers=headers)


def _evaluate(state: AppState, version: int, job: QueryJob, deadline: Deadline) -> tuple[bytes, str]:
    """Run and serialise in this worker thread; Oxigraph's result objects must also die here (they are bound
    to their thread), so an error leaves without a traceback that would keep them alive."""
    try:
        return evaluate(store_at(state.kg, version), job, deadline)
    except BaseException as exc:  # noqa: BLE001 - re-raised, detached from the frames holding results
        raise _detached(exc) from None


def _detached(exc: BaseException) -> BaseException:
    seen = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.__traceback__ = None
        current = current.__cause__ or current.__context__
    exc.__cause__ = exc.__context__ = None
    return exc


async def run_update(request: Request, update: str, fields: dict[str, list[str]]) -> Response:
    """Plan the update against the head, validate it and append it as one GraphPatched event."""
    principal = editor(request)
    state = state_of(request)
    if not update.strip():
        raise ApiError(400, "missing_update", "the update is empty")
    for name in ("default-graph-uri", "named-graph-uri"):
        if fields.get(name):
            raise ApiError(400, "bad_parameter", f"{name} applies to queries; updates take using-graph-uri")
    if fields.get("asOf"):
        raise ApiError(400, "bad_parameter", "updates always apply to the current version; asOf is for queries")
    using = [_graph_term(g).value for g in fields.get("using-graph-uri", [])]
    using_named = [_graph_term(g).value for g in fields.get("using-named-graph-uri", [])]
    base = _endpoint(request)

    def plan(store: ox.Store):
        try:
            planned = plan_update(update, store, base=base, using_graphs=using, using_named_graphs=using_named)
        except UpdateError as exc:
            status = 403 if exc.code == "outbound_refused" else 400
            raise ApiError(status, exc.code, str(exc)) from exc
        return planned.remove, planned.add, planned.description

    result = await run_in_threadpool(commit_patch, state, request, principal, plan)
    headers = version_headers(result.version)
    if result.event is not None:
        headers["Location"] = result.to_json(request)["location"]
    return Response(_json(result.to_json(request)), media_type="application/json", headers=headers)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


# ---- descriptions ---------------------------------------------------------------------------------------


def service_description_graph(endpoint: str, root: str, base: str) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of this endpoint."""
    sd = "http://www.w3.org/ns/sparql-service-description#"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    service = ox.NamedNode(endpoint)
    dataset = ox.NamedNode(f"{root}/void#dataset")

    def n(local: str) -> ox.NamedNode:
        return ox.NamedNode(sd + local)

    triples = [
        ox.Triple(service, rdf_type, n("Service")),
        ox.Triple(service, n("endpoint"), service),
        ox.Triple(service, n("supportedLanguage"), n("SPARQL11Query")),
        ox.Triple(service, n("supportedLanguage"), n("SPARQL11Update")),
        ox.Triple(service, n("feature"), n("UnionDefaultGraph")),
        ox.Triple(service, n("defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, n("Dataset")),
        ox.Triple(dataset, rdf_type, ox.NamedNode("http://rdfs.org/ns/void#Dataset")),
        ox.Triple(dataset, ox.NamedNode("http://rdfs.org/ns/void#uriSpace"), ox.Literal(base)),
        ox.Triple(dataset, ox.NamedNode("http://rdfs.org/ns/void#sparqlEndpoint"), service),
    ]
    formats = {
        "SPARQL_Results_JSON": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
        "SPARQL_Results_XML": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
        "SPARQL_Results_CSV": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
        "SPARQL_Results_TSV": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
        "Turtle": "http://www.w3.org/ns/formats/Turtle",
        "N-Triples": "http://www.w3.org/ns/formats/N-Triples",
        "JSON-LD": "http://www.w3.org/ns/formats/JSON-LD",
        "RDF_XML": "http://www.w3.org/ns/formats/RDF_XML",
    }
    triples += [ox.Triple(service, n("resultFormat"), ox.NamedNode(iri)) for iri in formats.values()]
    return triples


def _root(request: Request) -> str:
    config = state_of(request).config
    if config.public_url:
        return config.public_url.rstrip("/")
    return str(request.base_url).rstrip("/")


async def service_description(request: Request, fmt: str | None) -> Response:
    state = state_of(request)
    offers = graph_offers()
    name = pick_format(fmt, request.headers.get("accept"), offers, RDF_ALIASES, "turtle")
    triples = service_description_graph(_endpoint(request), _root(request), state.kg.base)
    return Response(serialize_rdf(triples, name), media_type=offers[name],
                    headers={**version_headers(state.kg.version()), "Vary": "Accept"})


@router.get("/void", summary="VoID description of the dataset", tags=["Linked data"],
            responses={200: {"description": "VoID (RDF)", "content": {m: {"schema": {"type": "string"}}
                                                                     for m in graph_offers().values()}},
                       **errors(400, 401, 406, 503)}, response_class=Response)
async def void(request: Request, as_of: AsOf = None, fmt: Fmt = None) -> Response:
    """Counts of triples, entities, classes and graphs, with the SPARQL endpoint and the data dump."""
    reader(request)
    state = state_of(request)
    version = resolve_as_of(state.kg, as_of)
    offers = graph_offers()
    name = pick_format(fmt, request.headers.get("accept"), offers, RDF_ALIASES, "turtle")
    root = _root(request)

    def work(deadline: Deadline) -> bytes:
        v = "http://rdfs.org/ns/void#"
        dataset = ox.NamedNode(f"{root}/void#dataset")
        xsd_int = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
        triples = [
            ox.Triple(dataset, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                      ox.NamedNode(v + "Dataset")),
            ox.Triple(dataset, ox.NamedNode(v + "sparqlEndpoint"), ox.NamedNode(f"{root}/sparql")),
            ox.Triple(dataset, ox.NamedNode(v + "dataDump"), ox.NamedNode(f"{root}/export?format=trig")),
            ox.Triple(dataset, ox.NamedNode(v + "uriSpace"), ox.Literal(state.kg.base)),
            ox.Triple(dataset, ox.NamedNode(v + "vocabulary"), ox.NamedNode(PREFIXES["dkg"])),
            ox.Triple(dataset, ox.NamedNode("http://purl.org/dc/terms/title"),
                      ox.Literal("dkg diplomatic knowledge graph")),
            ox.Triple(dataset, ox.NamedNode("https://w3id.org/dkg/ontology#version"),
                      ox.Literal(str(version), datatype=xsd_int)),
        ]
        stats = _void_statistics(state, version, deadline)
        for key in ("triples", "entities", "classes", "distinctSubjects"):
            triples.append(ox.Triple(dataset, ox.NamedNode(v + key), ox.Literal(str(stats[key]), datatype=xsd_int)))
        for cls, count in stats["partitions"]:
            part = ox.NamedNode(f"{root}/void#class-{hashlib.sha1(cls.encode()).hexdigest()[:12]}")
            triples += [
                ox.Triple(dataset, ox.NamedNode(v + "classPartition"), part),
                ox.Triple(part, ox.NamedNode(v + "class"), ox.NamedNode(cls)),
                ox.Triple(part, ox.NamedNode(v + "entities"), ox.Literal(str(count), datatype=xsd_int)),
            ]
        return serialize_rdf(triples, name)

    body = await state.runner.run(work)
    return Response(body, media_type=offers[name], headers={**version_headers(version), "Vary": "Accept"})


def _void_statistics(state: AppState, version: int, deadline: Deadline) -> dict[str, Any]:
    """Counts over the whole dataset at `version`: seconds on large graphs, so computed once per version (the
    last few versions are kept)."""
    cache: dict[int, dict[str, Any]] = state.extra.setdefault("void_statistics", {})
    if version in cache:
        return cache[version]
    store = store_at(state.kg, version)

    def count(sparql: str) -> int:
        deadline.check()
        return int(next(iter(store.query(sparql, use_default_graph_as_union=True)))[0].value)

    sys_filter = f"FILTER(?g != <{SYSTEM_GRAPH}>)"
    subjects = count(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {sys_filter} }}")
    stats: dict[str, Any] = {
        "triples": count(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {sys_filter} }}"),
        "entities": subjects,
        "distinctSubjects": subjects,
        "classes": count("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }"),
        "partitions": [],
    }
    deadline.check()
    for row in store.query("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c",
                           use_default_graph_as_union=True):
        deadline.check()
        stats["partitions"].append((row[0].value, int(row[1].value)))
    cache[version] = stats
    while len(cache) > 4:
        cache.pop(min(cache, default=version), None)
    return stats
