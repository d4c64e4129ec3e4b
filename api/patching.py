"""The one way the web layer changes data: a patch planned under the write lock, checked, appended as one event."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from dkg.api.auth import Principal
from dkg.api.errors import ApiError
from dkg.api.state import AppState, check_if_match
from dkg.events import Event
from fastapi import Request


@dataclass
class WriteResult:
    """The outcome of a write: the event appended (None when nothing changed) and the version after it."""

    event: Event | None
    version: int
    added: int = 0
    removed: int = 0

    def to_json(self, request: Request) -> dict[str, Any]:
        body: dict[str, Any] = {"version": self.version, "event": self.event.seq if self.event else None,
                                "added": self.added, "removed": self.removed}
        if self.event is not None:
            body["location"] = event_location(request, self.event.seq)
            body["event_id"] = self.event.id
        return body


def event_location(request: Request, seq: int) -> str:
    return str(request.url_for("get_event", seq=str(seq)))


def check_graphs(state: AppState, principal: Principal, quads: list[ox.Quad]) -> None:
    """403 when a non-admin's patch touches a graph dkg manages itself (provenance, assertions, reference…)."""
    if principal.role == "admin":
        return
    touched = sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)
                      and state.managed_graph(q.graph_name.value)})
    if touched:
        raise ApiError(403, "managed_graph", "these graphs are written by dkg's own commands (use /assertions, "
                       "/articles, /merges) or by an admin token: " + ", ".join(touched[:5]),
                       {"graphs": touched})


def commit_patch(state: AppState, request: Request, principal: Principal,
                 plan: Callable[[ox.Store], tuple[list[ox.Quad], list[ox.Quad], str]]) -> WriteResult:
    """Plan against the current head and append one GraphPatched event (blocking: call from a worker thread).

    The plan runs under the knowledge graph's write lock, so no other write of this process lands between
    planning and appending; `kg.patch` validates with SHACL and raises ValidationFailed (nothing written).
    """
    kg = state.kg
    with kg.write_lock:  # reentrant: kg.patch takes it again; keeps plan and append atomic in this process
        kg.catch_up()
        check_if_match(request, kg)
        remove, add, operation = plan(kg.projection.store)
        check_graphs(state, principal, [*remove, *add])
        event = kg.patch(remove, add, principal.name, operation=operation)
        version = kg.version()
    if event is None:
        return WriteResult(None, version)
    patch = event.patch
    return WriteResult(event, version, added=len(patch.add), removed=len(patch.remove))
