"""Relationship questions as REST + JSON: a thin shell over `dkg.relations`, run in the killable worker
processes of on-disk knowledge bases (threads otherwise)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from dkg import relations as rel
from dkg.api.auth import reader
from dkg.api.errors import ApiError, errors
from dkg.api.safety import Deadline
from dkg.api.state import resolve_as_of, state_of, version_headers
from dkg.terms import Graphs
from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse

router = APIRouter(tags=["Relationships"])

AsOf = Annotated[str | None, Query(alias="asOf", description="A version number or ISO 8601 timestamp")]
ActorRef = "a name, an alias, an IRI, an id below the base (actor/france) or a Wikidata id (Q142)"
_JSON = {"application/json": {"schema": {"type": "object"}}}
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Skip this many items of the ranking (pages); "
                              "`total` in the answer counts them all")]


@dataclass(frozen=True)
class Question:
    """A `dkg.relations` function by name with its arguments, asked of one version of the graph."""

    name: str
    base: str
    args: tuple = ()
    kwargs: dict[str, Any] = field(default_factory=dict)

    def ask(self, kg: Any, version: int) -> dict[str, Any]:
        """The answer, with the errors of `dkg.relations` turned into 404 / 400."""
        try:
            return getattr(rel, self.name)(kg, *self.args, as_of=version, **self.kwargs)
        except rel.NotFound as exc:
            raise ApiError(404, "not_found", str(exc)) from exc
        except rel.RelationsError as exc:
            raise ApiError(400, "bad_request", str(exc)) from exc

    def run(self, store: Any, version: int, deadline: Deadline) -> dict[str, Any]:
        """In a worker process: the answer from a read-only checkpoint of the store at `version`."""
        return self.ask(_Checkpoint(store, version, self.base), version)


class _Checkpoint:
    """What `dkg.relations` reads of a knowledge graph (`store_at`, `base`, `graphs`), over one checkpoint."""

    def __init__(self, store: Any, version: int, base: str) -> None:
        self.store, self.version, self.base, self.graphs = store, version, base, Graphs(base)

    def store_at(self, as_of: int | None = None) -> tuple[Any, int]:
        return self.store, self.version


async def _answer(request: Request, as_of: str | None, name: str, *args: Any, **kwargs: Any) -> JSONResponse:
    reader(request)
    state = state_of(request)
    version = resolve_as_of(state.kg, as_of)
    question = Question(name, state.kg.base, args, kwargs)
    if state.processes is not None:
        body = await state.processes.run(version, question)
    else:
        body = await state.runner.run(lambda deadline: question.ask(state.kg, version))
    return JSONResponse(body, headers=version_headers(version))


@router.get("/actors", summary="Search actors by name, alias or Wikidata id",
            responses={200: {"description": "Matching actors with their event counts", "content": _JSON},
                       **errors(400, 401, 503)})
async def actors(request: Request,
                 q: Annotated[str | None, Query(max_length=200, description="Part of a name or alias, or a "
                                                "Wikidata id")] = None,
                 limit: Annotated[int, Query(ge=1, le=500)] = 50, as_of: AsOf = None) -> JSONResponse:
    """Actors (states, people, organisations, armed groups…) whose label or alias contains `q`."""
    return await _answer(request, as_of, "search_actors", q, limit=limit)


@router.get("/actors/{actor_id:path}/relations", summary="Counterparts of an actor",
            responses={200: {"description": "Counterparts ranked by shared events", "content": _JSON},
                       **errors(400, 401, 404, 503)})
async def actor_relations(request: Request, actor_id: Annotated[str, PathParam(description=ActorRef)],
                          limit: Annotated[int, Query(ge=1, le=1000, description="Counterparts per page")] = 100,
                          offset: Offset = 0,
                          events_limit: Annotated[int, Query(ge=1, le=1000, description="Shared events listed per "
                                                             "counterpart (its count and summary cover all)")]
                          = 100,
                          as_of: AsOf = None) -> JSONResponse:
    """Every actor sharing events with this one, ranked by the number of events, each with its summary; a page
    of the ranking (`total`, `offset`, `truncated`)."""
    return await _answer(request, as_of, "counterparts", actor_id, limit=limit, offset=offset,
                         events_limit=events_limit)


@router.get("/actors/{actor_id:path}", summary="One actor",
            responses={200: {"description": "Names, types, Wikidata ids, event summary", "content": _JSON},
                       **errors(400, 401, 404, 503)})
async def actor(request: Request, actor_id: Annotated[str, PathParam(description=ActorRef)],
                as_of: AsOf = None) -> JSONResponse:
    """An actor's names, types, Wikidata ids, roles and the summary of its events."""
    return await _answer(request, as_of, "actor_detail", actor_id)


@router.get("/relations", summary="Events linking two actors",
            responses={200: {"description": "Events newest first, with roles, codes, sources and a summary",
                             "content": _JSON}, **errors(400, 401, 404, 503)})
async def relations(request: Request, a: Annotated[str, Query(min_length=1, description=ActorRef)],
                    b: Annotated[str, Query(min_length=1, description=ActorRef)],
                    limit: Annotated[int, Query(ge=1, le=1000, description="Events per page")] = 100,
                    offset: Offset = 0, as_of: AsOf = None) -> JSONResponse:
    """Every event linking `a` and `b` in either direction: type, CAMEO code, each side's role, date,
    modality, sources (article and quoted sentence); summary by quad class and net Goldstein score (over all
    events; `events` is one page, `total` counts them all)."""
    return await _answer(request, as_of, "relations_between", a, b, limit=limit, offset=offset)


@router.get("/paths", summary="How two entities are connected through events",
            responses={200: {"description": "Shortest chains of events", "content": _JSON},
                       **errors(400, 401, 404, 503)})
async def paths(request: Request,
                source: Annotated[str, Query(alias="from", min_length=1, description=ActorRef)],
                target: Annotated[str, Query(alias="to", min_length=1, description=ActorRef + " or a place")],
                max_events: Annotated[int, Query(alias="max", ge=1, le=6, description="At most this many events")]
                = 3,
                limit: Annotated[int, Query(ge=1, le=100)] = 20, as_of: AsOf = None) -> JSONResponse:
    """Chains entity → event → entity … from `from` to `to`, shortest first."""
    return await _answer(request, as_of, "paths", source, target, max_events=max_events, limit=limit)


@router.get("/timeline", summary="Events in valid-time order",
            responses={200: {"description": "Events ordered by dkg:validFrom", "content": _JSON},
                       **errors(400, 401, 404, 503)})
async def timeline(request: Request,
                   actor: Annotated[str | None, Query(description=ActorRef)] = None,
                   place: Annotated[str | None, Query(description="A place (name, IRI, id): events there or "
                                                      "within it")] = None,
                   start: Annotated[str | None, Query(alias="from", description="ISO date: events overlapping"
                                                      " from it")] = None,
                   end: Annotated[str | None, Query(alias="to", description="ISO date: events until it")] = None,
                   limit: Annotated[int, Query(ge=1, le=5000, description="Events per page")] = 100,
                   offset: Offset = 0, as_of: AsOf = None) -> JSONResponse:
    """Events of an actor and/or at a place, between two dates, in the order they happened (a page: `total`,
    `offset`, `truncated`)."""
    return await _answer(request, as_of, "timeline", actor=actor, place=place, start=start, end=end,
                         limit=limit, offset=offset)


@router.get("/events/{event_id:path}", summary="One event with all its sources",
            responses={200: {"description": "Properties with their assertions, participants, sources and "
                                            "disagreements", "content": _JSON}, **errors(400, 401, 404, 503)})
async def event(request: Request, event_id: Annotated[str, PathParam(description="The event's id (after "
                                                                     "event/) or IRI")],
                as_of: AsOf = None) -> JSONResponse:
    """Every statement about the event, which assertion (source) made it, and where sources disagree."""
    return await _answer(request, as_of, "event_detail", event_id)
