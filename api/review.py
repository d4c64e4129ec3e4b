"""The review queue over HTTP, and the values sources disagree on: a thin shell over `dkg.review.ReviewQueue` and
`dkg.extraction.matching.disagreements`.

Reads follow the server's read policy and name the version they answer from; `asOf` shows the queue as it stood
then. Every write is an event in the log (accepting also appends the fact's FactsAsserted event, in the same
append), needs an editor token, honours `If-Match` and answers the new version and its event's location.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal

from dkg.api.auth import editor, reader
from dkg.api.errors import errors
from dkg.api.patching import event_location
from dkg.api.state import AppState, checked_iri, resolve_as_of, state_of, version_headers
from dkg.api.writes import locked
from dkg.events import Event
from fastapi import APIRouter, Body, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, model_validator
from starlette.concurrency import run_in_threadpool

if TYPE_CHECKING:
    from dkg.review import ReviewItem, ReviewQueue

router = APIRouter(tags=["Review"])

AsOf = Annotated[str | None, Query(alias="asOf", description="A version number or ISO 8601 timestamp")]
ItemId = Annotated[str, PathParam(min_length=1, max_length=64, description="The review item's id, or a unique "
                                                                           "prefix of it")]
Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Skip this many items; `total` counts them all")]


class ReviewItemOut(BaseModel):
    """A queued fact: as it stands now (after edits), why it waits, and what was decided."""

    id: str
    status: Literal["pending", "accepted", "rejected"]
    type: str | None = Field(None, description="The fact's event or entity type")
    confidence: float | None = None
    quote: str | None = Field(None, description="The first sentence quoted as evidence")
    reasons: list[str] = Field(description="Why it waits: low confidence, SHACL messages, compile errors")
    article: str = Field(description="The source article's IRI")
    article_meta: dict[str, Any] = Field(description="The article's title, url and publication date")
    fact: dict[str, Any] = Field(description="The fact in the fact-sheet format (docs/factsheet.md)")
    entities: list[dict[str, Any]] = Field(description="Sheet entities the fact refers to")
    queued_at: str
    queued_by: str
    edits: int = Field(description="How many times reviewers edited the fact")
    decided_by: str | None = None
    decided_at: str | None = None
    decision_reason: str | None = Field(None, description="The rejection reason or the acceptance note")
    assertions: list[str] = Field(description="The assertions an accepted fact became")


class ReviewPage(BaseModel):
    """One page of the review queue."""

    version: int
    status: str
    total: int
    offset: int
    truncated: bool = Field(description="More items follow this page")
    items: list[ReviewItemOut]


class ReviewWriteOut(BaseModel):
    """A review step recorded in the log: the version after it, its events and the item as it now stands."""

    version: int
    events: list[int]
    location: str
    item: ReviewItemOut
    assertions: list[str] = Field(default_factory=list, description="Assertions recorded (accept)")


class AcceptIn(BaseModel):
    """Why the fact is accepted (optional)."""

    note: str | None = Field(None, max_length=10_000)


class RejectIn(BaseModel):
    """Why the fact is wrong."""

    reason: str = Field(min_length=1, max_length=10_000)


class EditIn(BaseModel):
    """A correction: `changes` merged into the fact (null removes a key), or a whole replacement `fact`."""

    changes: dict[str, Any] | None = Field(None, description="Keys to set (like `dkg review edit --set`); a null "
                                                             "value removes the key")
    fact: dict[str, Any] | None = Field(None, description="The corrected fact, replacing the current one")

    @model_validator(mode="after")
    def _one_form(self) -> EditIn:
        if (self.changes is None) == (self.fact is None):
            raise ValueError("give either `changes` or `fact`")
        if not (self.changes if self.changes is not None else self.fact):
            raise ValueError("the edit changes nothing")
        return self


class DisagreementOut(BaseModel):
    """One value of a property the sources of an event disagree on, with the assertion and source stating it."""

    event: str
    property: str
    value: str
    assertion: str
    source: str | None = None


class DisagreementsPage(BaseModel):
    """Values sources disagree on, ordered by event, property, value."""

    version: int
    total: int
    offset: int
    truncated: bool
    disagreements: list[DisagreementOut]


def item_json(item: ReviewItem) -> dict[str, Any]:
    """A `dkg.review.ReviewItem` as JSON (`ReviewItemOut`)."""
    evidence = item.fact.get("evidence") or [{}]
    quote = evidence[0].get("quote") if isinstance(evidence, list) and isinstance(evidence[0], dict) else None
    return {"id": item.id, "status": item.status, "type": item.fact.get("type"), "confidence": item.confidence,
            "quote": quote, "reasons": item.reasons, "article": item.article, "article_meta": item.article_meta,
            "fact": item.fact, "entities": item.entities, "queued_at": item.queued_at, "queued_by": item.queued_by,
            "edits": item.edits, "decided_by": item.decided_by, "decided_at": item.decided_at,
            "decision_reason": item.decision_reason, "assertions": item.assertions}


def _queue(state: AppState) -> ReviewQueue:
    from dkg.review import ReviewQueue  # noqa: PLC0415 - imports the extractor (spaCy): loaded on first use

    return ReviewQueue(state.kg)


@router.get("/review", summary="List the review queue", response_model=ReviewPage,
            responses=errors(400, 401, 403))
async def review_list(request: Request,
                      status: Annotated[Literal["pending", "accepted", "rejected", "all"],
                                        Query(description="Which items")] = "pending",
                      limit: Limit = 100, offset: Offset = 0, as_of: AsOf = None) -> JSONResponse:
    """Review items in queue order: facts under the confidence threshold or failing SHACL, and their decisions."""
    reader(request)
    state = state_of(request)
    version = resolve_as_of(state.kg, as_of)
    items = await run_in_threadpool(lambda: _queue(state).items(None if status == "all" else status, until=version))
    page = items[offset:offset + limit]
    body = {"version": version, "status": status, "total": len(items), "offset": offset,
            "truncated": offset + len(page) < len(items), "items": [item_json(i) for i in page]}
    return JSONResponse(body, headers=version_headers(version))


@router.get("/review/{item_id}", summary="One review item", response_model=ReviewItemOut,
            responses=errors(400, 401, 403, 404))
async def review_show(request: Request, item_id: ItemId, as_of: AsOf = None) -> JSONResponse:
    """The item's fact as it stands (after edits), why it waits, and its decision."""
    reader(request)
    state = state_of(request)
    version = resolve_as_of(state.kg, as_of)
    item = await run_in_threadpool(lambda: _queue(state).get(item_id, until=version))
    return JSONResponse(item_json(item), headers=version_headers(version))


async def _write(request: Request, step: Callable[[ReviewQueue, str], ReviewItem], status: int = 200
                 ) -> JSONResponse:  # fmt: skip
    """Run `step(queue, principal)` under the write lock after the If-Match check; answer its events."""
    principal = editor(request)
    state = state_of(request)
    kg = state.kg

    def run() -> tuple[int, ReviewItem]:
        before = kg.log.head()
        return before, step(_queue(state), principal.name)

    (before, item), version = await run_in_threadpool(locked, state, request, run)

    def mine(e: Event) -> bool:
        return e.payload.get("item") == item.id or e.payload.get("assertion") in item.assertions

    events = await run_in_threadpool(lambda: [e for e in kg.log.read(after=before, until=version) if mine(e)])
    location = event_location(request, events[-1].seq)
    body = {"version": version, "events": [e.seq for e in events], "location": location, "item": item_json(item),
            "assertions": [e.payload["assertion"] for e in events if "assertion" in e.payload]}
    headers = {**version_headers(version), "Location": location}
    return JSONResponse(body, status_code=status, headers=headers)


@router.post("/review/{item_id}/accept", status_code=201, summary="Accept a review item",
             response_model=ReviewWriteOut, responses=errors(400, 401, 403, 404, 409, 412, 413, 422))
async def review_accept(request: Request, item_id: ItemId,
                        body: Annotated[AcceptIn | None, Body(description="An optional note")] = None
                        ) -> JSONResponse:  # fmt: skip
    """Record the item's (latest) fact in the graph, validated like every write (422 with the SHACL report, the
    item staying pending), and mark it accepted: FactsAsserted and ReviewDecided in one append."""
    note = body.note if body else None
    return await _write(request, lambda queue, who: queue.accept(item_id, who, note), status=201)


@router.post("/review/{item_id}/reject", summary="Reject a review item", response_model=ReviewWriteOut,
             responses=errors(400, 401, 403, 404, 409, 412, 413))
async def review_reject(request: Request, item_id: ItemId, body: RejectIn) -> JSONResponse:
    """Mark the item rejected with a reason; nothing enters the graph (one ReviewDecided event)."""
    return await _write(request, lambda queue, who: queue.reject(item_id, who, body.reason))


_EDIT_RESPONSES = errors(400, 401, 403, 404, 409, 412, 413)
_EDIT_DOC = """Correct the item's fact: `{"changes": {...}}` merges keys into it (a null value removes one), `{"fact":
{...}}` replaces it. The edit must compile against the article (400 otherwise); it is what `accept` records
(one ReviewEdited event)."""


@router.patch("/review/{item_id}", summary="Edit a review item", response_model=ReviewWriteOut,
              responses=_EDIT_RESPONSES, description=_EDIT_DOC)
async def review_edit(request: Request, item_id: ItemId, body: EditIn) -> JSONResponse:
    """Correct the item's fact (merged changes or a replacement)."""
    return await _write(request, lambda queue, who: queue.edit(item_id, who, changes=body.changes, fact=body.fact))


@router.post("/review/{item_id}/edit", summary="Edit a review item (POST form of PATCH)",
             response_model=ReviewWriteOut, responses=_EDIT_RESPONSES, description=_EDIT_DOC)
async def review_edit_post(request: Request, item_id: ItemId, body: EditIn) -> JSONResponse:
    """The same as `PATCH /review/{item}`, for clients without PATCH."""
    return await _write(request, lambda queue, who: queue.edit(item_id, who, changes=body.changes, fact=body.fact))


class _AtVersion:
    """What `disagreements` reads of a knowledge graph (`base`, `select`), pinned to one version."""

    def __init__(self, kg: Any, version: int) -> None:
        self.kg, self.version, self.base = kg, version, kg.base

    def select(self, sparql: str, *, as_of: Any = None) -> list[dict[str, Any]]:
        """The query's solutions at the pinned version (`as_of` is ignored)."""
        return self.kg.select(sparql, as_of=self.version)

    def query(self, sparql: str, *, as_of: Any = None) -> Any:
        """The query's result at the pinned version (`as_of` is ignored)."""
        return self.kg.query(sparql, as_of=self.version)


@router.get("/disagreements", summary="Values the sources of an event disagree on",
            response_model=DisagreementsPage, responses=errors(400, 401, 403, 503))
async def disagreements(request: Request,
                        event: Annotated[str | None, Query(description="One event: its IRI or id (after event/); "
                                                                       "default: all events")] = None,
                        limit: Limit = 100, offset: Offset = 0, as_of: AsOf = None) -> JSONResponse:
    """Each value of a property on which an event's sources differ (fifth vs sixth veto, Friday vs Saturday),
    with the assertion stating it and its source article (both claims are kept)."""
    reader(request)
    state = state_of(request)
    kg = state.kg
    iri = None
    if event:
        iri = event if event.startswith(("http://", "https://", "urn:")) else f"{kg.base}event/{event}"
        checked_iri(iri, "event")
    version = resolve_as_of(kg, as_of)

    def work(_deadline: Any) -> list[dict[str, str]]:
        from dkg.extraction.matching import disagreements as rows_of  # noqa: PLC0415

        return rows_of(_AtVersion(kg, version), iri)

    rows = await state.runner.run(work)
    page = rows[offset:offset + limit]
    body = {"version": version, "total": len(rows), "offset": offset, "truncated": offset + len(page) < len(rows),
            "disagreements": page}
    return JSONResponse(body, headers=version_headers(version))
