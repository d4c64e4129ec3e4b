"""The embedded event log: one SQLite file, WAL mode, synchronous=FULL, append-only by trigger."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from dkg.events import GENESIS_HASH, Event, NewEvent, format_timestamp
from dkg.log import ConcurrencyError, EventLog, LogError, check_continuation, event_row, page_query, row_event, seal

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    principal TEXT NOT NULL,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_recorded_at ON events (recorded_at);
CREATE INDEX IF NOT EXISTS events_type_seq ON events (type, seq);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
"""


class SQLiteLog(EventLog):
    """Event log in one SQLite file (or in memory for tests)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.url = "sqlite://:memory:" if self.path == ":memory:" else f"sqlite:///{self.path}"
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        self._lock = threading.RLock()
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.executescript(SCHEMA)
            self._conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )

    @classmethod
    def from_url(cls, url: str) -> SQLiteLog:
        """`sqlite:///relative/or/absolute/path` (sqlite:////abs also works) or `sqlite://:memory:`."""
        rest = url[len("sqlite:") :]
        if rest in ("//:memory:", ":memory:", "///:memory:"):
            return cls(":memory:")
        if not rest.startswith("///"):
            raise LogError(f"malformed SQLite URL {url!r}: use sqlite:///path/to/log.sqlite")
        return cls(rest[3:])

    def append(self, events: Sequence[NewEvent], expected_version: int | None = None) -> list[Event]:
        if not events:
            return []
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                row = cur.execute(
                    "SELECT seq, hash, recorded_at FROM events ORDER BY seq DESC LIMIT 1"
                ).fetchone()
                head_seq, head_hash, last_time = row if row else (0, GENESIS_HASH, None)
                if expected_version is not None and expected_version != head_seq:
                    raise ConcurrencyError(expected_version, head_seq)
                sealed = seal(events, head_seq, head_hash, last_time)
                cur.executemany(
                    "INSERT INTO events (seq, id, type, recorded_at, principal, payload, prev_hash, hash)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        event_row(e)
                        for e in sealed
                    ],
                )
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            return sealed

    def head(self) -> int:
        with self._lock:
            row = self._conn.execute("SELECT MAX(seq) FROM events").fetchone()
        return row[0] or 0

    def _read_page(self, after: int, until: int | None, size: int, types: Sequence[str] | None = None
                   ) -> list[Event]:  # fmt: skip
        sql, args = page_query("?", after, until, size, types)
        with self._lock:
            rows = self._conn.execute(sql, args).fetchall()
        return [row_event(r) for r in rows]

    def seq_at(self, moment: datetime) -> int:
        with self._lock:
            row = self._conn.execute(
                "SELECT MAX(seq) FROM events WHERE recorded_at <= ?", (format_timestamp(moment),)
            ).fetchone()
        return row[0] or 0

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def list_meta(self, prefix: str) -> dict[str, str]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT key, value FROM meta WHERE substr(key, 1, length(?)) = ?", (prefix, prefix)
            ).fetchall()
        return dict(rows)

    def delete_meta(self, key: str) -> None:
        with self._lock:
            self._conn.execute("DELETE FROM meta WHERE key = ?", (key,))

    def import_events(self, events: Sequence[Event]) -> int:
        if not events:
            return 0
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                row = cur.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
                head_seq, head_hash = row if row else (0, GENESIS_HASH)
                check_continuation(events, head_seq, head_hash)
                cur.executemany(
                    "INSERT INTO events (seq, id, type, recorded_at, principal, payload, prev_hash, hash)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        event_row(e)
                        for e in events
                    ],
                )
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        return len(events)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
