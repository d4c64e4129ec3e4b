"""The append-only event log: the interface every backend implements, and the checks they share.

One totally ordered stream, gap-free sequence numbers from 1, a sha256 hash chain, optimistic concurrency on
the stream's version. SQLite (`dkg.sqlite_log`) is the embedded default; PostgreSQL (`dkg.postgres_log`) is
the second implementation, chosen by URL with `open_log`.
"""

from __future__ import annotations

import json
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from dkg.events import (
    GENESIS_HASH,
    Event,
    NewEvent,
    canonical_json,
    event_hash,
    event_hash_json,
    format_timestamp,
)

_PAGE = 1000
EVENT_COLUMNS = "seq, id, type, recorded_at, principal, payload, prev_hash, hash"


def event_row(e: Event) -> tuple:
    """An event as the row both SQL backends store (payload as JSON text), in EVENT_COLUMNS order."""
    return (e.seq, e.id, e.type, e.recorded_at, e.principal, e.payload_json(), e.prev_hash, e.hash)


def row_event(r: Sequence) -> Event:
    """The event a stored row holds."""
    return Event(int(r[0]), r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7])


def page_query(placeholder: str, after: int, until: int | None, size: int,
               types: Sequence[str] | None = None) -> tuple[str, list]:  # fmt: skip
    """SQL and arguments for one page of events (`placeholder` is the driver's: ? or %s), only of `types` if given
    (read through the (type, seq) index)."""
    sql = f"SELECT {EVENT_COLUMNS} FROM events WHERE seq > {placeholder}"
    args: list = [after]
    if until is not None:
        sql += f" AND seq <= {placeholder}"
        args.append(until)
    if types is not None:
        sql += f" AND type IN ({', '.join([placeholder] * len(types))})"
        args += list(types)
    return sql + f" ORDER BY seq LIMIT {placeholder}", [*args, size]


class LogError(Exception):
    """A log operation failed in a way the user must hear about."""


class ConcurrencyError(LogError):
    """Another writer appended first: the caller's expected version is stale."""

    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"expected the log at version {expected}, but it is at version {actual}")
        self.expected = expected
        self.actual = actual


@dataclass
class VerifyReport:
    """What `verify` found: ok, or the first events that break the chain."""

    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class EventLog(ABC):
    """Append-only, totally ordered event storage."""

    url: str

    @abstractmethod
    def append(self, events: Sequence[NewEvent], expected_version: int | None = None) -> list[Event]:
        """Append events atomically after `expected_version` (None: wherever the head is)."""

    @abstractmethod
    def head(self) -> int:
        """The sequence number of the last event (0 when empty)."""

    def read(self, after: int = 0, limit: int | None = None, until: int | None = None,
             types: Sequence[str] | None = None) -> Iterator[Event]:  # fmt: skip
        """Events with after < seq (<= until), in order, fetched a page at a time; only those of `types` if given
        (an index keeps this cheap on a long log: the review queue reads its few events among millions)."""
        if types is not None and not types:
            return
        remaining, cursor = limit, after
        while remaining is None or remaining > 0:
            size = _PAGE if remaining is None else min(_PAGE, remaining)
            page = self._read_page(cursor, until, size, types)
            yield from page
            if len(page) < size:
                return
            cursor = page[-1].seq
            if remaining is not None:
                remaining -= len(page)

    @abstractmethod
    def _read_page(self, after: int, until: int | None, size: int, types: Sequence[str] | None = None
                   ) -> list[Event]:  # fmt: skip
        """Up to `size` events with after < seq (<= until), in order (only of `types` if given)."""

    @abstractmethod
    def seq_at(self, moment: datetime) -> int:
        """The last sequence number recorded at or before `moment` (0 if none)."""

    @abstractmethod
    def get_meta(self, key: str) -> str | None:
        """A setting stored with the log (e.g. the base IRI)."""

    @abstractmethod
    def set_meta(self, key: str, value: str) -> None:
        """Store a setting with the log."""

    @abstractmethod
    def list_meta(self, prefix: str) -> dict[str, str]:
        """Every setting whose key starts with `prefix`."""

    @abstractmethod
    def delete_meta(self, key: str) -> None:
        """Remove a setting (settings are not events; tokens live here)."""

    @abstractmethod
    def import_events(self, events: Sequence[Event]) -> int:
        """Append events exported from another log *as they are* (ids, times, hashes), checking the chain."""

    @abstractmethod
    def close(self) -> None:
        """Release connections."""

    def get(self, seq: int) -> Event:
        """One event by sequence number."""
        for event in self.read(after=seq - 1, limit=1):
            if event.seq == seq:
                return event
        raise LogError(f"no event {seq} in the log (head is {self.head()})")

    def verify(self, progress=None) -> VerifyReport:
        """Walk the whole log: sequence numbers gap-free, each hash right, each prev_hash the previous hash."""
        report = VerifyReport()
        prev_hash, expected_seq = GENESIS_HASH, 1
        for event in self.read():
            if event.seq != expected_seq:
                report.problems.append(f"event {expected_seq} is missing (next is {event.seq})")
            if event.prev_hash != prev_hash:
                report.problems.append(f"event {event.seq}: prev_hash does not match event {event.seq - 1}")
            recomputed = event_hash(
                event.seq, event.id, event.type, event.recorded_at, event.principal, event.payload,
                event.prev_hash,
            )
            if recomputed != event.hash:
                report.problems.append(f"event {event.seq}: content does not match its hash (edited?)")
            prev_hash, expected_seq = event.hash, event.seq + 1
            report.checked += 1
            if progress:
                progress(1)
            if len(report.problems) > 20:
                break
        return report

    def __enter__(self) -> EventLog:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def check_continuation(events: Sequence[Event], head_seq: int, head_hash: str) -> None:
    """Raise LogError unless `events` continue a log whose head is (head_seq, head_hash) with intact hashes."""
    prev_seq, prev_hash = head_seq, head_hash
    for e in events:
        if e.seq != prev_seq + 1:
            raise LogError(f"cannot import event {e.seq}: the log expects event {prev_seq + 1}")
        if e.prev_hash != prev_hash:
            raise LogError(f"cannot import event {e.seq}: it does not chain onto event {prev_seq}")
        if event_hash(e.seq, e.id, e.type, e.recorded_at, e.principal, e.payload, e.prev_hash) != e.hash:
            raise LogError(f"cannot import event {e.seq}: its content does not match its hash")
        prev_seq, prev_hash = e.seq, e.hash


def seal(new: Sequence[NewEvent], head_seq: int, head_hash: str, last_time: str | None) -> list[Event]:
    """Give new events their sequence numbers, monotonic UTC time and chained hashes."""
    now = format_timestamp(datetime.now(UTC))
    if last_time and now <= last_time:
        now = last_time  # clocks step back; recorded time must never go backwards
    sealed: list[Event] = []
    prev = head_hash
    for offset, item in enumerate(new, start=1):
        payload = dict(item.payload)
        payload["patch"] = item.patch.to_json()
        seq, eid = head_seq + offset, str(uuid.uuid4())
        payload_json = canonical_json(payload)
        digest = event_hash_json(seq, eid, item.type, now, item.principal, payload_json, prev)
        event = Event(seq, eid, item.type, now, item.principal, payload, prev, digest)
        sealed.append(event.with_patch(item.patch, payload_json))
        prev = digest
    return sealed


def open_log(url: str) -> EventLog:
    """Open the log named by a URL: `sqlite:///path/log.sqlite`, `sqlite://:memory:`, `postgresql://...`."""
    if url.startswith("sqlite:"):
        from dkg.sqlite_log import SQLiteLog

        return SQLiteLog.from_url(url)
    if url.startswith(("postgresql:", "postgres:")):
        from dkg.postgres_log import PostgresLog

        return PostgresLog(url)
    raise LogError(f"unsupported log URL {url!r}: use sqlite:///path or postgresql://...")
