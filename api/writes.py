"""Writes through the log: articles (optionally read by the extractor), assertions (RDF or fact sheets, with source
and evidence), retractions, merges.

Each request is validated with SHACL before anything is appended (422 with the report otherwise), honours
`If-Match: "<version>"` (412 when stale), needs an editor token and answers 201 with the new version and the
location of its event.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

import pyoxigraph as ox
import yaml
from dkg.api.auth import Principal, editor
from dkg.api.errors import ApiError, errors
from dkg.api.patching import event_location
from dkg.api.rdfinput import parse_rdf, rdf_format
from dkg.api.state import AppState, check_if_match, checked_iri, state_of, version_headers
from dkg.drafts import ArticleRecord, AssertionDraft, Evidence
from dkg.events import Event
from dkg.normalize import from_ox
from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from rdflib import Graph
from starlette.concurrency import run_in_threadpool

router = APIRouter(tags=["Writes"])
T = TypeVar("T")

_YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
_RDF_TYPES = ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml")


def _inline_defs(schema: dict[str, Any]) -> dict[str, Any]:
    """A pydantic JSON schema with its `$defs` references inlined (for an OpenAPI request body)."""
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return walk(dict(defs[ref.rsplit("/", 1)[-1]]))
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)


class ArticleIn(BaseModel):
    """A source article: its full text is kept so evidence offsets can be checked."""

    text: str = Field(min_length=1, pattern=r"\S", description="The article's full text (not only whitespace)")
    title: str | None = None
    url: str | None = None
    published: date | None = Field(None, description="Publication date (anchor for relative dates)")


class EvidenceIn(BaseModel):
    """A quote of the source article supporting the facts."""

    quote: str = Field(min_length=1)
    start: int | None = Field(None, ge=0, description="Character offset of this occurrence (default: the first)")


class AssertionIn(BaseModel):
    """Facts (RDF as a string, or a JSON-LD object) with their source article and evidence."""

    source: str = Field(description="The source article: its IRI or id (the part after article/)")
    facts: str | dict[str, Any] | list[Any] = Field(description="The facts: Turtle/N-Triples text or JSON-LD")
    format: str = Field("turtle", description="turtle, ntriples, jsonld or rdfxml (for a string `facts`)")
    evidence: list[EvidenceIn] = Field(min_length=1)
    confidence: float | None = Field(None, ge=0, le=1)
    method: str = Field("manual", pattern="^(manual|extraction)$")
    subjects: list[str] = Field(default_factory=list, description="IRIs of the main nodes (default: all subjects)")


class MergeIn(BaseModel):
    """Duplicate entity IRIs to merge into one."""

    duplicates: list[str] = Field(min_length=1)
    into: str
    reason: str = "duplicate entity"


class RetractIn(BaseModel):
    """Why an assertion is withdrawn."""

    reason: str = Field(min_length=1)


class WriteOut(BaseModel):
    """A successful write: the version after it and the events it appended."""

    version: int
    events: list[int]
    location: str | None = None
    article: str | None = None
    assertions: list[str] = Field(default_factory=list)
    retracted: str | None = None
    merged_into: str | None = None


class RecordedOut(BaseModel):
    """A proposed fact recorded in the graph: the fact's id and the assertion it became."""

    fact: str = Field(description="The fact's id in the proposed sheet (after matching)")
    assertion: str


class QueuedOut(BaseModel):
    """A proposed fact sent to the review queue instead of the graph."""

    id: str = Field(description="The review item's id (GET /review/{id})")
    type: str | None = None
    reasons: list[str]
    confidence: float | None = None
    quote: str | None = Field(None, description="The first sentence quoted as evidence")


class IngestOut(BaseModel):
    """What the extractor proposed for an article and what became of it."""

    threshold: float = Field(description="Facts under this confidence were queued")
    recorded: list[RecordedOut] = Field(description="Facts recorded by this request")
    already_recorded: list[str] = Field(description="Ids of confident facts this article had already recorded "
                                                    "(nothing written for them)")
    queued: list[QueuedOut]
    matched: dict[str, str] = Field(description="Proposed fact id -> the existing event or resolution it was "
                                                "pointed at (the article became one more source of it)")


class ArticleOut(WriteOut):
    """A registered article; with `extract=true`, the extraction report."""

    report: IngestOut | None = None


def _created(request: Request, events: list[Event], version: int, status: int = 201, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"version": version, "events": [e.seq for e in events], **extra}
    headers = version_headers(version)
    if events:
        body["location"] = event_location(request, events[-1].seq)
        headers["Location"] = body["location"]
    return JSONResponse(body, status_code=status if events else 200, headers=headers)


def locked(state: AppState, request: Request, action: Callable[[], T]) -> tuple[T, int]:
    """Run a write under the write lock after the If-Match check (blocking: call in a worker thread); the
    action's result and the version after it."""
    kg = state.kg
    with kg.write_lock:  # reentrant; keeps the If-Match check and the append together
        kg.catch_up()
        check_if_match(request, kg)
        result = action()
        return result, kg.version()


@router.post("/articles", status_code=201, summary="Register a source article (and extract its facts)",
             response_model=ArticleOut,
             responses={200: {"description": "Already registered and nothing new to record (no event)",
                              "model": ArticleOut},
                        **errors(400, 401, 403, 412, 413, 422)})
async def post_article(
    request: Request,
    article: ArticleIn,
    extract: Annotated[bool, Query(description="Also read the article: propose facts with their evidence, record "
                                               "the confident ones that validate, queue the others for review "
                                               "(needs `published`)")] = False,
    threshold: Annotated[float | None, Query(ge=0, le=1, description="With extract: facts under this confidence "
                                                                     "go to the review queue (default 0.7)")] = None,
    match: Annotated[bool, Query(description="With extract: point facts at events already in the graph (a second "
                                             "source adds a source, not a new event)")] = True,
) -> JSONResponse:
    """Record an article's metadata and full text (its IRI is derived from the text's hash). With `extract=true`
    the extractor's facts are matched to known events, validated and recorded (one event per fact), and the
    facts under the threshold or failing SHACL are queued for review (`/review`); a claim the article already
    recorded is not recorded twice."""
    principal = editor(request)
    state = state_of(request)
    if article.url is not None:
        checked_iri(article.url, "article url")
    record = ArticleRecord(text=article.text, title=article.title, url=article.url, published=article.published)
    if extract:
        return await _ingest_article(request, state, principal, article, threshold, match)
    event, version = await run_in_threadpool(
        locked, state, request, lambda: state.kg.register_article(record, principal.name))
    return _created(request, [event] if event else [], version, article=record.iri(state.kg.base))


async def _ingest_article(request: Request, state: AppState, principal: Principal, article: ArticleIn,
                          threshold: float | None, match: bool) -> JSONResponse:
    """`dkg.review.ingest` under the write lock (after the If-Match check), answered with its report."""
    from dkg.extraction import PublishedOutOfRange, checked_published  # noqa: PLC0415 - imports spaCy
    from dkg.review import DEFAULT_THRESHOLD, ingest  # noqa: PLC0415

    if article.published is None:
        raise ApiError(400, "missing_published", "extraction needs the article's publication date (`published`, "
                                                 "YYYY-MM-DD): it anchors relative dates")
    try:
        checked_published(article.published)
    except PublishedOutOfRange as exc:
        raise ApiError(400, "published_out_of_range", str(exc)) from exc
    kg = state.kg
    limit = DEFAULT_THRESHOLD if threshold is None else threshold

    def run():
        before = kg.log.head()
        report = ingest(kg, article.text, published=article.published, principal=principal.name,
                        title=article.title, url=article.url, threshold=limit, match=match)
        return before, report

    (before, report), version = await run_in_threadpool(locked, state, request, run)
    events = await run_in_threadpool(
        lambda: [e for e in kg.log.read(after=before, until=version)
                 if report.article in (e.payload.get("article"), e.payload.get("source"))])
    recorded = [{"fact": e.payload.get("label") or "", "assertion": e.payload["assertion"]}
                for e in events if "assertion" in e.payload]
    queued = [{"id": i.id, "type": i.fact.get("type"), "reasons": i.reasons, "confidence": i.confidence,
               "quote": (i.fact.get("evidence") or [{}])[0].get("quote")} for i in report.queued]
    body = {"threshold": limit, "recorded": recorded,
            "already_recorded": report.already_recorded, "queued": queued,
            "matched": report.matched}
    return _created(request, events, version, article=report.article,
                    assertions=[r["assertion"] for r in recorded], report=body)


def _article_record(state: AppState, source: str) -> ArticleRecord:
    kg = state.kg
    iri = source if source.startswith(("http://", "https://", "urn:")) else f"{kg.base}article/{source}"
    checked_iri(iri, "source")
    rows = kg.select(f"""SELECT ?text ?title ?url ?issued WHERE {{ GRAPH <{kg.graphs.articles}> {{
        <{iri}> dkg:text ?text . OPTIONAL {{ <{iri}> dcterms:title ?title }}
        OPTIONAL {{ <{iri}> schema:url ?url }} OPTIONAL {{ <{iri}> dcterms:issued ?issued }} }} }} LIMIT 1""")
    if not rows:
        raise ApiError(404, "unknown_source", f"no registered article {iri}; POST it to /articles first")
    row = rows[0]
    issued = row.get("issued")
    published = issued.toPython() if issued is not None else None
    return ArticleRecord(text=str(row["text"]), title=str(row["title"]) if "title" in row else None,
                         url=str(row["url"]) if "url" in row else None,
                         published=published if isinstance(published, date) else None)


def _facts_graph(quads: list[ox.Quad]) -> Graph:
    g = Graph()
    for q in quads:
        g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return g


def _draft(state: AppState, record: ArticleRecord, facts: Graph, evidence: list[EvidenceIn],
           confidence: float | None, method: str, subjects: list[str]) -> AssertionDraft:
    if not len(facts):
        raise ApiError(400, "no_facts", "the assertion holds no triples")
    located = []
    for e in evidence:
        try:
            located.append(Evidence.locate(record.text, e.quote, e.start))
        except ValueError as exc:
            raise ApiError(400, "evidence_not_in_source", str(exc)) from exc
    return AssertionDraft(facts=facts, evidence=located, confidence=confidence, method=method,
                          subjects=subjects or sorted({str(s) for s in facts.subjects()}))


_FORMAT_MEDIA = {"turtle": "text/turtle", "ntriples": "application/n-triples", "jsonld": "application/ld+json",
                 "rdfxml": "application/rdf+xml"}


@router.post("/assertions", status_code=201, summary="Assert facts with their source and evidence",
             response_model=WriteOut,
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": _inline_defs(AssertionIn.model_json_schema())},
                 **{m: {"schema": {"type": "string"}} for m in _RDF_TYPES},
                 **{m: {"schema": {"type": "string"}} for m in _YAML_TYPES}}}},
             responses=errors(400, 401, 403, 404, 412, 413, 415, 422))
async def post_assertions(
    request: Request,
    source: Annotated[str | None, Query(description="For an RDF body: the source article (IRI or id)")] = None,
    quote: Annotated[list[str] | None, Query(description="For an RDF body: evidence quote(s) from the article")]
    = None,
    confidence: Annotated[float | None, Query(ge=0, le=1, description="For an RDF body: confidence")] = None,
) -> JSONResponse:
    """Three forms: a JSON envelope (`AssertionIn`), an RDF body (Turtle, JSON-LD, N-Triples, RDF/XML) with
    `?source=…&quote=…`, or a fact sheet (YAML with the article text inline). One event per assertion."""
    principal = editor(request)
    state = state_of(request)
    media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    body = await request.body()
    if media in _YAML_TYPES:
        return await _post_sheet(request, state, principal, body)
    if media == "application/json":
        try:
            envelope = AssertionIn.model_validate_json(body)
        except ValueError as exc:
            raise ApiError(400, "bad_request", f"the JSON body is not an assertion: {exc}") from exc
        facts_data = envelope.facts
        if isinstance(facts_data, str):
            if envelope.format not in _FORMAT_MEDIA:
                raise ApiError(400, "bad_format", f"format must be one of {', '.join(_FORMAT_MEDIA)}")
            raw, fmt = facts_data.encode("utf-8"), rdf_format(_FORMAT_MEDIA[envelope.format])
        else:
            raw, fmt = json.dumps(facts_data).encode("utf-8"), ox.RdfFormat.JSON_LD
        evidence, conf, method, subjects, src = (envelope.evidence, envelope.confidence, envelope.method,
                                                 envelope.subjects, envelope.source)
    else:
        fmt = rdf_format(media)
        if media not in _RDF_TYPES:
            raise ApiError(415, "unsupported_media_type", "send one graph of facts (not a dataset)")
        if not source or not quote:
            raise ApiError(400, "missing_evidence", "an RDF body needs ?source=<article>&quote=<text> (repeatable)")
        raw, evidence, conf, method, subjects, src = (body, [EvidenceIn(quote=q) for q in quote], confidence,
                                                      "manual", [], source)
    quads = await run_in_threadpool(parse_rdf, raw, fmt, base_iri=state.kg.base, graph=ox.DefaultGraph())
    record = await run_in_threadpool(_article_record, state, src)
    draft = _draft(state, record, _facts_graph(quads), evidence, conf, method, subjects)
    events, version = await run_in_threadpool(
        locked, state, request, lambda: state.kg.assert_drafts(record, [draft], principal.name))
    assertions = [e.payload["assertion"] for e in events if "assertion" in e.payload]
    return _created(request, events, version, assertions=assertions, article=record.iri(state.kg.base))


async def _post_sheet(request: Request, state: AppState, principal: Principal, body: bytes) -> JSONResponse:
    try:
        sheet = yaml.safe_load(body.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ApiError(400, "malformed_yaml", f"the fact sheet is not valid YAML: {exc}") from exc
    if not isinstance(sheet, dict) or not isinstance(sheet.get("article"), dict):
        raise ApiError(400, "bad_sheet", "a fact sheet is a mapping with an `article` and `facts`")
    article = sheet["article"]
    if "text_file" in article or not isinstance(article.get("text"), str):
        raise ApiError(400, "bad_sheet", "over HTTP the article text must be inline (`text:`), not a file")
    from dkg.factsheet import FactSheetError, compile_sheet  # noqa: PLC0415

    try:
        compiled = await run_in_threadpool(compile_sheet, sheet, base=state.kg.base, text=article["text"])
    except (FactSheetError, ValueError, KeyError, TypeError) as exc:
        raise ApiError(400, "bad_sheet", str(exc)) from exc
    events, version = await run_in_threadpool(
        locked, state, request, lambda: state.kg.assert_sheet(compiled, principal.name))
    assertions = [e.payload["assertion"] for e in events if "assertion" in e.payload]
    return _created(request, events, version, assertions=assertions, article=compiled.article.iri(state.kg.base))


@router.delete("/assertions/{assertion_id:path}", summary="Retract an assertion (with a reason)",
               response_model=WriteOut, responses=errors(400, 401, 403, 404, 409, 412, 413))
async def retract_assertion(
    request: Request,
    assertion_id: Annotated[str, PathParam(description="The assertion's id (after assertion/) or its IRI")],
    reason: Annotated[str | None, Query(description="Why it is withdrawn (or a JSON body {\"reason\": …})")] = None,
) -> JSONResponse:
    """The assertion's facts leave the graph; its provenance keeps when and why (one FactsRetracted event)."""
    principal = editor(request)
    state = state_of(request)
    if reason is None:
        body = await request.body()
        if body:
            try:
                reason = RetractIn.model_validate_json(body).reason
            except ValueError as exc:
                raise ApiError(400, "bad_request", "the body must be {\"reason\": \"…\"}") from exc
    if not reason or not reason.strip():
        raise ApiError(400, "missing_reason", "a retraction needs a reason (?reason=… or {\"reason\": …})")
    kg = state.kg
    iri = assertion_id if assertion_id.startswith(("http://", "https://", "urn:")) else \
        f"{kg.base}assertion/{assertion_id}"
    checked_iri(iri, "assertion")
    status = await run_in_threadpool(kg.assertion_status, iri)
    if status is None:
        raise ApiError(404, "not_found", f"no assertion {iri}")
    if status.get("retracted") is not None:
        raise ApiError(409, "already_retracted", f"{iri} was retracted at version {status['retracted']}")
    event, version = await run_in_threadpool(locked, state, request,
                                             lambda: kg.retract(iri, reason, principal.name))
    return _created(request, [event], version, status=200, retracted=iri)


@router.post("/merges", status_code=201, summary="Merge duplicate entities", response_model=WriteOut,
             responses=errors(400, 401, 403, 412, 413, 422))
async def post_merge(request: Request, merge: MergeIn) -> JSONResponse:
    """Every live triple of the duplicates is rewritten onto `into`; owl:sameAs links remain (one event)."""
    principal = editor(request)
    state = state_of(request)
    for iri in [*merge.duplicates, merge.into]:
        checked_iri(iri, "entity")
    if principal.role != "admin":
        managed = [d for d in [*merge.duplicates, merge.into] if state.managed_graph(d)]
        if managed:
            raise ApiError(403, "managed_graph", "graph IRIs cannot be merged")
    event, version = await run_in_threadpool(
        locked, state, request, lambda: state.kg.merge(merge.duplicates, merge.into, merge.reason, principal.name))
    return _created(request, [event], version, merged_into=merge.into)
