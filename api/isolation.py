"""SPARQL queries in killable worker processes: the only way to stop a runaway Oxigraph evaluation.

Oxigraph cannot interrupt a query it has started (one evaluation step, a join or a sort, may run for
minutes, holding a core and memory), so on an on-disk knowledge graph the /sparql endpoint evaluates
queries in a small pool of worker processes. Each worker reads a read-only checkpoint of the store at the
version the request names (RocksDB checkpoints hard-link the store's immutable files: tens of milliseconds,
taken once per version and shared by all workers). A query that passes its deadline is answered 503 at the
deadline and its process is killed, which frees its core and memory at once; a fresh worker takes its place
when one is next needed. In-memory and remote stores fall back to worker threads (`safety.QueryRunner`).
"""

from __future__ import annotations

import itertools
import multiprocessing
import shutil
import signal
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import anyio
import anyio.to_thread
import pyoxigraph as ox
from dkg.api.errors import ApiError
from dkg.api.safety import Cancelled, Deadline, admit, timeout_error

if TYPE_CHECKING:
    from dkg.kg import KnowledgeGraph

VIEWS_DIR = "query-views"


class Job(Protocol):
    """Read-only work a worker does on the store at one version (picklable: it crosses to the worker)."""

    def run(self, store: ox.Store, version: int, deadline: Deadline) -> Any: ...


def supports_processes(kg: KnowledgeGraph) -> bool:
    """Whether `kg`'s store can be checkpointed for worker processes (on disk, local)."""
    projection = kg.projection
    return getattr(projection, "path", None) is not None and isinstance(getattr(projection, "store", None), ox.Store)


# ---- read-only checkpoints ------------------------------------------------------------------------------


@dataclass
class _View:
    version: int
    path: Path
    users: int = 0
    ready: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


class QueryViews:
    """Read-only checkpoints of the store at the versions queries ask for, kept while used (and the `keep`
    most recently used), shared by the worker processes."""

    def __init__(self, kg: KnowledgeGraph, root: Path, keep: int = 2) -> None:
        self.kg = kg
        self.root = root
        self.keep = keep
        shutil.rmtree(root, ignore_errors=True)  # left by a server that did not stop cleanly
        root.mkdir(parents=True)
        self._views: OrderedDict[int, _View] = OrderedDict()
        self._lock = threading.Lock()
        self._serial = itertools.count()

    def acquire(self, version: int) -> _View:
        """The checkpoint at `version` (made now if missing); hand it back with `release`."""
        with self._lock:
            view = self._views.get(version)
            build = view is None
            if build:
                view = _View(version, self.root / f"v{version}-{next(self._serial)}")
                self._views[version] = view
            self._views.move_to_end(version)
            view.users += 1
        if build:
            try:
                self._checkpoint(version, view.path)
            except BaseException as exc:
                view.error = exc
                with self._lock:
                    self._views.pop(version, None)
                raise
            finally:
                view.ready.set()
        view.ready.wait()
        if view.error is not None:
            self.release(view)
            raise ApiError(400, "bad_as_of", f"version {version} cannot be shown: {view.error}")
        return view

    def release(self, view: _View) -> None:
        """Done with `view`; checkpoints beyond the most recent few are deleted once nobody uses them."""
        with self._lock:
            view.users -= 1
            excess = len(self._views) - self.keep
            for version, candidate in list(self._views.items()):  # least recently used first
                if excess <= 0:
                    break
                if candidate.users == 0 and candidate.ready.is_set():
                    del self._views[version]
                    shutil.rmtree(candidate.path, ignore_errors=True)
                    excess -= 1
            if view.users == 0 and view.version not in self._views:
                shutil.rmtree(view.path, ignore_errors=True)

    def _checkpoint(self, version: int, target: Path) -> None:
        for attempt in range(2):
            with self.kg.projection.lock:  # no event is applied while the version is located and copied
                store, _ = self.kg.store_at(version)
                try:
                    store.flush()
                    store.backup(str(target))
                    return
                except OSError:
                    # an as-of view evicted from the time-travel cache while being copied: materialise again
                    shutil.rmtree(target, ignore_errors=True)
                    if attempt:
                        raise

    def close(self) -> None:
        with self._lock:
            self._views.clear()
        shutil.rmtree(self.root, ignore_errors=True)


# ---- worker processes -----------------------------------------------------------------------------------


def _serve(conn: Connection) -> None:
    """A worker's loop: answer (checkpoint path, version, job, seconds left) requests until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops its workers
    opened: tuple[str, ox.Store] | None = None
    while True:
        try:
            path, version, job, seconds = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if opened is None or opened[0] != path:
                opened = None  # let go of the previous checkpoint's files first
                opened = (path, ox.Store.read_only(path))
            outcome: tuple[Any, ...] = ("ok", job.run(opened[1], version, Deadline(seconds)))
        except ApiError as exc:
            outcome = ("api_error", exc.status, exc.code, exc.message, exc.details, exc.headers)
        except Cancelled:
            outcome = ("timeout",)
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which answers with an error
            outcome = ("failed", f"{type(exc).__name__}: {exc}")
        conn.send(outcome)


def _context(preload: Sequence[str]) -> multiprocessing.context.BaseContext:
    """forkserver where available (a fork of a clean server that imported `preload`: fast and thread-safe),
    else spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["dkg.api.isolation", *preload])
        return context
    return multiprocessing.get_context("spawn")


class _Worker:
    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True, name="dkg-query-worker")
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        self.conn.close()  # the worker's recv ends: it returns
        self.process.join(2)
        if self.process.is_alive():
            self.kill()


class ProcessQueryRunner:
    """Runs jobs in worker processes (at most `max_workers`, started on demand) with a deadline."""

    def __init__(self, kg: KnowledgeGraph, timeout: float | None, max_workers: int = 8,
                 preload: Sequence[str] = ()) -> None:
        """`preload`: modules defining the jobs, imported once by the fork server rather than by each worker."""
        self.timeout = timeout
        self.max_workers = max_workers
        self.views = QueryViews(kg, Path(kg.projection.path) / VIEWS_DIR)
        self._context = _context(preload)
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._running = 0
        self._closed = False
        self._lock = threading.Lock()
        self._threads = anyio.CapacityLimiter(max_workers)

    def start(self) -> None:
        """Start one worker ahead of the first query (the first start also starts the fork server)."""
        worker = _Worker(self._context)
        with self._lock:
            self._idle.append(worker)

    def pids(self) -> list[int]:
        """Process ids of the idle workers (for operators and tests)."""
        with self._lock:
            return [w.process.pid for w in self._idle if w.process.pid is not None]

    async def run(self, version: int, job: Job) -> Any:
        """What `job` returns at `version`; 503 at the deadline (the worker is killed) or when busy."""
        started = time.monotonic()
        with self._lock:
            admit(self._closed, self._running, self.max_workers)
            self._running += 1
            worker = self._idle.pop() if self._idle else None
        outcome = await anyio.to_thread.run_sync(self._answer, worker, version, job, started,
                                                 limiter=self._threads)
        kind = outcome[0]
        if kind == "ok":
            return outcome[1]
        if kind == "api_error":
            raise ApiError(*outcome[1:])
        if kind == "timeout":
            raise timeout_error(self.timeout)
        raise ApiError(500, "query_worker_failed", f"the query worker failed: {outcome[1]}")

    def _answer(self, worker: _Worker | None, version: int, job: Job, started: float) -> tuple[Any, ...]:
        """In a thread: hand the job to a worker and wait for it, killing it at the deadline."""
        healthy = False
        try:
            if worker is None or not worker.process.is_alive():
                worker = _Worker(self._context)
            with self._lock:
                self._busy.add(worker)
            view = self.views.acquire(version)
            try:
                left = None if not self.timeout else self.timeout - (time.monotonic() - started)
                if left is not None and left <= 0:
                    return ("timeout",)
                worker.conn.send((str(view.path), version, job, left))
                if not worker.conn.poll(left):
                    return ("timeout",)
                outcome = worker.conn.recv()
                healthy = True
                return outcome
            except (EOFError, OSError) as exc:
                return ("failed", f"the worker process ended ({exc or type(exc).__name__})")
            finally:
                self.views.release(view)
        except ApiError as exc:
            healthy = worker is not None
            return ("api_error", exc.status, exc.code, exc.message, exc.details, exc.headers)
        except OSError as exc:  # no worker could start, or no checkpoint could be taken: a JSON 500, not a trace
            return ("failed", f"{type(exc).__name__}: {exc}")
        finally:
            with self._lock:
                self._running -= 1
                self._busy.discard(worker)
                keep = healthy and not self._closed
                if keep:
                    self._idle.append(worker)
            if worker is not None and not keep:
                worker.kill()

    def shutdown(self) -> None:
        """Stop every worker and delete the checkpoints; running queries are killed."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            busy = list(self._busy)
        for worker in idle:
            worker.stop()
        for worker in busy:
            worker.kill()
        self.views.close()
