"""Keeping the server responsive and closed to the outside: query timeouts, result caps, body limits, no outbound.

- Queries never run on the event loop. SPARQL queries and relationship questions on an on-disk store run in
  worker processes that are killed at the deadline (`isolation.py`). Other reads (VoID, dereferencing) and
  queries on in-memory or remote stores run in worker threads (pyoxigraph releases the GIL while it
  evaluates): a query that passes its deadline is answered with 503 at the deadline and its thread stops at
  the next solution it produces (a single Oxigraph evaluation step cannot be interrupted, so a thread stuck
  in one runs on in the background; the number of such threads is bounded, beyond it new queries get 503).
- Results are capped (rows / triples) and checked against the deadline while they are serialised.
- Request bodies over the limit get 413 before they are read.
- Nothing is ever fetched: SERVICE is refused before a query reaches Oxigraph (which would execute it),
  LOAD is refused by the update planner, FROM only selects graphs of the store, and RDF input is parsed
  with Oxigraph's parsers, which do not load remote JSON-LD contexts or XML external entities.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from dkg.api.errors import ApiError, error_response
from dkg.sparql_update import mentions_keyword
from starlette.types import ASGIApp, Message, Receive, Scope, Send

T = TypeVar("T")


class Cancelled(Exception):
    """The query's deadline passed or it was cancelled; raised inside the worker thread."""


class Deadline:
    """A point in time after which the worker must stop, plus an explicit cancel flag."""

    def __init__(self, seconds: float | None) -> None:
        self.at = time.monotonic() + seconds if seconds else None
        self.cancelled = threading.Event()

    def check(self) -> None:
        if self.cancelled.is_set() or (self.at is not None and time.monotonic() > self.at):
            raise Cancelled()


def admit(closed: bool, running: int, limit: int) -> None:
    """503 when the server is shutting down or `limit` queries already run."""
    if closed:
        raise ApiError(503, "shutting_down", "the server is shutting down")
    if running >= limit:
        raise ApiError(503, "busy", "all query workers are busy; try again shortly", headers={"Retry-After": "5"})


def timeout_error(timeout: float | None) -> ApiError:
    """The 503 answered when a query passes its deadline."""
    return ApiError(503, "query_timeout", f"the query ran longer than the {timeout or 0:g} s limit and was cancelled",
                    headers={"Retry-After": "5"})


class QueryRunner:
    """Runs blocking query work in a bounded thread pool with a timeout."""

    def __init__(self, timeout: float | None, max_workers: int = 8) -> None:
        self.timeout = timeout
        self.max_workers = max_workers
        self._busy = 0
        self._closed = False
        self._lock = threading.Lock()

    def _release(self, _future: Any) -> None:
        with self._lock:
            self._busy -= 1

    async def run(self, work: Callable[[Deadline], T], timeout: float | None = None) -> T:
        """`work(deadline)` in a worker thread; 503 when it runs past the timeout or all workers are busy."""
        timeout = self.timeout if timeout is None else timeout
        with self._lock:
            admit(self._closed, self._busy, self.max_workers)
            self._busy += 1
        deadline = Deadline(timeout)
        future: Future = Future()
        future.add_done_callback(self._release)

        def target() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(work(deadline))
            except BaseException as exc:  # noqa: BLE001 - handed to the awaiting request
                future.set_exception(exc)

        # daemon threads: a query stuck inside one Oxigraph evaluation step must not keep the process alive
        threading.Thread(target=target, daemon=True, name="dkg-query").start()
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError as exc:
            deadline.cancelled.set()
            raise timeout_error(timeout) from exc
        except Cancelled as exc:
            raise timeout_error(timeout) from exc

    def shutdown(self) -> None:
        """Refuse new work (running threads are daemons and end with their query)."""
        self._closed = True


def refuse_outbound_query(query: str) -> None:
    """403 for a query that would make the server contact another endpoint (SERVICE)."""
    if mentions_keyword(query, "SERVICE"):
        raise ApiError(403, "outbound_refused", "SERVICE is refused: dkg never sends requests to other endpoints")


class BodyLimitMiddleware:
    """413 for request bodies larger than `max_bytes` (by Content-Length, or while streaming)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.max_bytes <= 0:
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    too_big = False
                if too_big:
                    await self._refuse(scope, receive, send)
                    return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise ApiError(413, "body_too_large", f"the request body exceeds {self.max_bytes} bytes")
            return message

        await self.app(scope, limited, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(413, "body_too_large", f"the request body exceeds {self.max_bytes} bytes")
        await response(scope, receive, send)
