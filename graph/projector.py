"""The projector: one process that follows the event log and applies every event to the graph store once,
in order (`dkg project --follow`).

- Exactly once, in order: each request to the store carries a run of consecutive events *and* the new
  applied version (one transaction), and every run starts from the version read back from the store. A
  crash anywhere leaves the store at some version v with exactly events 1..v applied; the restart
  continues at v + 1.
- One projector per store: a PostgreSQL advisory lock (PostgreSQL log) or a file lock (SQLite log), keyed
  by the store URL, held for the projector's life. A second projector waits as a hot standby. Once the lock
  is taken, the projector waits until the store's version stops moving, so a request still in flight from a
  killed predecessor lands before it reads where to continue.
- Wake-up: PostgreSQL LISTEN/NOTIFY (the log notifies on every append), with a poll as a fallback; for
  SQLite, polling with back-off when idle.
- Failures: when the store (or the log) is unreachable, it retries with exponential back-off and jitter and
  catches up when it returns; the log keeps accepting writes meanwhile.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import httpx
from dkg.log import EventLog, LogError
from dkg.projection import ProjectionError

_TRANSIENT = (ConnectionError, httpx.TransportError, OSError)


class ProjectionLike(Protocol):
    """What the projector needs of a projection (Projection or RemoteProjection with writer=True)."""

    def version(self) -> int: ...

    def apply(self, events, progress=None) -> int: ...


def _is_transient(exc: BaseException) -> bool:
    """Errors worth retrying: unreachable store or database. Programming errors and broken chains are not."""
    if isinstance(exc, ProjectionError):
        return False
    if isinstance(exc, _TRANSIENT):
        return True
    try:
        import psycopg  # noqa: PLC0415

        return isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError) or (
            isinstance(exc, LogError) and isinstance(exc.__cause__, psycopg.OperationalError)
        )
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False


class Backoff:
    """Exponential back-off with full jitter: first delay `start`, doubling up to `cap`."""

    def __init__(self, start: float = 0.1, cap: float = 10.0) -> None:
        self.start = start
        self.cap = cap
        self.attempt = 0

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.start * (2**self.attempt))
        self.attempt += 1
        return random.uniform(ceiling / 2, ceiling)

    def reset(self) -> None:
        self.attempt = 0


class Projector:
    """Follows `log` and applies its events to `projection`; `follow` runs until `stop` is set."""

    def __init__(self, log: EventLog, projection: ProjectionLike, *, poll_interval: float = 2.0,
                 max_backoff: float = 10.0, report: Callable[[str], None] | None = None) -> None:
        self.log = log
        self.projection = projection
        self.poll_interval = poll_interval
        self.backoff = Backoff(cap=max_backoff)
        self.report = report or (lambda message: None)
        self.stop = threading.Event()
        self.failures = 0
        self._listener = None

    def catch_up(self) -> int:
        """Apply every event the store lacks (raises when the store or log is unreachable)."""
        version = self.projection.version()
        head = self.log.head()
        if version > head:
            raise ProjectionError(
                f"the store is at version {version} but the log only has {head} events: wrong log or store?"
            )
        if version < head:
            version = self.projection.apply(self.log.read(after=version, until=head))
            self.report(f"applied events up to {version}")
        return version

    def follow(self, until: int | None = None) -> int:
        """Catch up, then wait for appends and apply them, until `stop` is set (or version `until` is reached)."""
        version = 0
        try:
            while not self.stop.is_set():
                self._listen_if_possible()
                try:
                    version = self.catch_up()
                    self.backoff.reset()
                except Exception as exc:
                    if not _is_transient(exc):
                        raise
                    self.failures += 1
                    delay = self.backoff.next_delay()
                    self.report(f"store or log unavailable ({exc}); retrying in {delay:.1f}s")
                    self._close_listener()
                    self.stop.wait(delay)
                    continue
                if until is not None and version >= until:
                    return version
                self._wait_for_append()
        finally:
            self._close_listener()
        return version

    # ---- waiting for new events --------------------------------------------------------------------------

    def _listen_if_possible(self) -> None:
        """Start listening *before* catching up, so an append made while catching up still wakes the wait."""
        from dkg.postgres_log import PostgresLog  # noqa: PLC0415

        if isinstance(self.log, PostgresLog):
            try:
                self._listen()
            except Exception:  # noqa: BLE001 - the wait reports it and falls back to polling
                self._close_listener()

    def _wait_for_append(self) -> None:
        """Block until the log probably has new events (NOTIFY), or the poll interval passes."""
        from dkg.postgres_log import PostgresLog  # noqa: PLC0415

        if isinstance(self.log, PostgresLog):
            try:
                listener = self._listen()
                deadline = time.monotonic() + self.poll_interval
                while not self.stop.is_set() and time.monotonic() < deadline:  # slices, so `stop` is heard
                    slice_ = min(0.25, max(0.0, deadline - time.monotonic()))
                    if any(True for _ in listener.notifies(timeout=slice_, stop_after=1)):
                        return
                return
            except Exception as exc:  # noqa: BLE001 - a broken listener only means we poll
                self.report(f"LISTEN failed ({exc}); polling")
                self._close_listener()
        self.stop.wait(min(self.poll_interval, 0.2))

    def _listen(self):
        if self._listener is None or self._listener.closed:
            from dkg.postgres_log import NOTIFY_CHANNEL, connect  # noqa: PLC0415

            conn = connect(self.log.url)
            conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
            self._listener = conn
        return self._listener

    def _close_listener(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(Exception):
                self._listener.close()
            self._listener = None


def _lock_name(target: str) -> str:
    return hashlib.sha256(target.encode("utf-8")).hexdigest()[:16]


@contextmanager
def projector_lock(log: EventLog, target: str, *, wait: bool = True,
                   report: Callable[[str], None] | None = None, stop: threading.Event | None = None
                   ) -> Iterator[bool]:
    """Hold the right to write to the store `target` (its URL or folder); yields False if `wait` is off and
    another projector holds it."""
    report = report or (lambda message: None)
    from dkg.postgres_log import PROJECTOR_LOCK, PostgresLog, connect  # noqa: PLC0415
    from dkg.sqlite_log import SQLiteLog  # noqa: PLC0415

    if isinstance(log, PostgresLog):
        conn = connect(log.url)
        try:
            said = False
            while True:
                got = conn.execute("SELECT pg_try_advisory_lock(%s::int4, hashtext(%s))",
                                   (PROJECTOR_LOCK, _lock_name(target))).fetchone()[0]
                if got or not wait:
                    break
                if not said:
                    report("another projector is running for this store; standing by")
                    said = True
                if stop is not None and stop.wait(1.0):
                    break
                if stop is None:
                    time.sleep(1.0)
            yield bool(got)
        finally:
            conn.close()  # ends the session: the lock is released
        return
    if isinstance(log, SQLiteLog) and log.path != ":memory:":
        path = Path(f"{log.path}.projector-{_lock_name(target)}.lock")
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            flags = fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB
            try:
                if wait:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    except BlockingIOError:
                        report("another projector is running for this store; standing by")
                        fcntl.flock(fd, flags)
                else:
                    fcntl.flock(fd, flags)
                got = True
            except BlockingIOError:
                got = False
            yield got
        finally:
            os.close(fd)  # releases the flock
        return
    yield True


def wait_until_settled(projection: ProjectionLike, *, pause: float = 0.3, attempts: int = 20) -> int:
    """Read the store's version until two reads `pause` apart agree (a dead predecessor's last request may
    still be landing); returns that version."""
    previous = projection.version()
    for _ in range(attempts):
        time.sleep(pause)
        current = projection.version()
        if current == previous:
            return current
        previous = current
    return previous
