"""The event log on PostgreSQL (psycopg 3): the SQLite log's semantics for many writers in many processes.

- Gap-free order: sequence numbers are computed as head + 1 while holding a transaction-scoped advisory
  lock, never drawn from a SEQUENCE/IDENTITY (those skip numbers on rollback). The primary key on `seq`
  is the safety net: a second row with the same number is refused and reported as a ConcurrencyError.
- Optimistic concurrency: `append(events, expected_version=v)` fails with ConcurrencyError when the head
  is not `v` once the lock is held, so the loser of a race hears about it.
- Hash chain: `dkg.log.seal` chains the new events onto the head's hash, inside the same transaction.
- Append-only: triggers refuse UPDATE, DELETE and TRUNCATE on `events`.
- NOTIFY: a statement trigger sends `pg_notify('dkg_events', <new head>)` on every append, delivered at
  commit; `dkg project --follow` listens for it.
- Schema: versioned migrations in `MIGRATIONS`, recorded in `schema_migrations`, applied by `migrate(url)`
  (called by `PostgresLog` on open, so `dkg init` creates and upgrades the schema), serialised between
  processes by an advisory lock.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime

import psycopg
from dkg.events import GENESIS_HASH, Event, NewEvent, format_timestamp
from dkg.log import (
    EVENT_COLUMNS,
    ConcurrencyError,
    EventLog,
    LogError,
    check_continuation,
    event_row,
    page_query,
    row_event,
    seal,
)
from psycopg import errors as pg_errors

NOTIFY_CHANNEL = "dkg_events"
APPEND_LOCK = 0x646B_6701  # advisory lock keys ("dkg" 1, 2, 3): appends, migrations, the projector
MIGRATE_LOCK = 0x646B_6702
PROJECTOR_LOCK = 0x646B_6703

# (version, name, SQL). Never edit an applied migration: add a new one.
MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (
        1,
        "events and meta",
        """
        CREATE TABLE events (
            seq bigint PRIMARY KEY CHECK (seq > 0),
            id text NOT NULL UNIQUE,
            type text NOT NULL,
            recorded_at text NOT NULL,
            principal text NOT NULL,
            payload text NOT NULL,
            prev_hash text NOT NULL,
            hash text NOT NULL
        );
        CREATE INDEX events_recorded_at ON events (recorded_at);
        CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
        """,
    ),
    (
        2,
        "append-only triggers",
        """
        CREATE FUNCTION dkg_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the event log is append-only (% refused)', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
            FOR EACH ROW EXECUTE FUNCTION dkg_events_append_only();
        CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
            FOR EACH STATEMENT EXECUTE FUNCTION dkg_events_append_only();
        """,
    ),
    (
        3,
        "notify on append",
        """
        CREATE FUNCTION dkg_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('dkg_events', (SELECT max(seq) FROM new_rows)::text);
            RETURN NULL;
        END $$;
        CREATE TRIGGER events_notify AFTER INSERT ON events
            REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION dkg_events_notify();
        """,
    ),
    (
        4,
        "index of events by type",
        """
        CREATE INDEX events_type_seq ON events (type, seq);
        """,
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]

_ROWS_PER_INSERT = 1000  # 8 parameters a row, well under PostgreSQL's 65535


def connect(url: str, **kwargs) -> psycopg.Connection:
    """A psycopg connection for a `postgresql://` or `postgres://` URL (autocommit; transactions explicit)."""
    try:
        return psycopg.connect(url, autocommit=True, **kwargs)
    except psycopg.OperationalError as exc:
        raise LogError(f"cannot connect to PostgreSQL at {_redact(url)}: {str(exc).strip()}") from exc


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"


def migrate_connection(conn: psycopg.Connection) -> list[int]:
    """Apply the missing migrations on an open connection; returns the versions applied now."""
    applied_now: list[int] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version integer PRIMARY KEY, name text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        newest = max(done, default=0)
        if newest > SCHEMA_VERSION:
            raise LogError(
                f"the log's schema is at version {newest}, newer than this dkg understands ({SCHEMA_VERSION}):"
                " upgrade dkg"
            )
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            conn.execute(sql)
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (version, name))
            applied_now.append(version)
    return applied_now


def migrate(url: str) -> list[int]:
    """Create or upgrade the log's schema in the database at `url`; returns the versions applied now."""
    with connect(url) as conn:
        return migrate_connection(conn)


def schema_version(url: str) -> int:
    """The newest migration applied to the database (0 for an empty database)."""
    with connect(url) as conn:
        exists = conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0]
        if exists is None:
            return 0
        return conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


class PostgresLog(EventLog):
    """Event log in a PostgreSQL database; safe for concurrent writers in any number of processes."""

    def __init__(self, url: str, *, auto_migrate: bool = True) -> None:
        self.url = url
        self._lock = threading.RLock()
        self._conn = connect(url)
        if auto_migrate:
            migrate_connection(self._conn)

    def _connection(self) -> psycopg.Connection:
        """The connection, reopened if the server dropped it (e.g. after a PostgreSQL restart)."""
        if self._conn.closed or self._conn.broken:
            self._conn = connect(self.url)
        return self._conn

    def __repr__(self) -> str:
        return f"PostgresLog({_redact(self.url)!r})"

    def append(self, events: Sequence[NewEvent], expected_version: int | None = None) -> list[Event]:
        if not events:
            return []
        with self._lock:
            conn = self._connection()
            try:
                with conn.transaction():
                    conn.execute("SELECT pg_advisory_xact_lock(%s)", (APPEND_LOCK,))
                    row = conn.execute(
                        "SELECT seq, hash, recorded_at FROM events ORDER BY seq DESC LIMIT 1"
                    ).fetchone()
                    head_seq, head_hash, last_time = row if row else (0, GENESIS_HASH, None)
                    if expected_version is not None and expected_version != head_seq:
                        raise ConcurrencyError(expected_version, head_seq)
                    sealed = seal(events, head_seq, head_hash, last_time)
                    _insert(conn, sealed)
            except pg_errors.UniqueViolation as exc:  # a writer that bypassed the lock got there first
                raise ConcurrencyError(
                    expected_version if expected_version is not None else -1, self.head()
                ) from exc
            return sealed

    def head(self) -> int:
        with self._lock:
            row = self._connection().execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()
        return int(row[0])

    def _read_page(self, after: int, until: int | None, size: int, types: Sequence[str] | None = None
                   ) -> list[Event]:  # fmt: skip
        sql, args = page_query("%s", after, until, size, types)
        with self._lock:
            rows = self._connection().execute(sql, args).fetchall()
        return [row_event(r) for r in rows]

    def seq_at(self, moment: datetime) -> int:
        with self._lock:
            row = self._connection().execute(
                "SELECT coalesce(max(seq), 0) FROM events WHERE recorded_at <= %s", (format_timestamp(moment),)
            ).fetchone()
        return int(row[0])

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._connection().execute("SELECT value FROM meta WHERE key = %s", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._connection().execute(
                "INSERT INTO meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def list_meta(self, prefix: str) -> dict[str, str]:
        with self._lock:
            rows = self._connection().execute(
                "SELECT key, value FROM meta WHERE left(key, length(%s)) = %s", (prefix, prefix)
            ).fetchall()
        return dict(rows)

    def delete_meta(self, key: str) -> None:
        with self._lock:
            self._connection().execute("DELETE FROM meta WHERE key = %s", (key,))

    def import_events(self, events: Sequence[Event]) -> int:
        if not events:
            return 0
        with self._lock:
            conn = self._connection()
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (APPEND_LOCK,))
                row = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
                head_seq, head_hash = row if row else (0, GENESIS_HASH)
                check_continuation(events, head_seq, head_hash)
                _insert(conn, events)
        return len(events)

    def close(self) -> None:
        with self._lock:
            if not self._conn.closed:
                self._conn.close()


def _insert(conn: psycopg.Connection, events: Sequence[Event]) -> None:
    """Insert events with multi-row INSERTs (one NOTIFY per statement, not per event)."""
    for start in range(0, len(events), _ROWS_PER_INSERT):
        chunk = events[start : start + _ROWS_PER_INSERT]
        values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
        params = [
            v
            for e in chunk
            for v in event_row(e)
        ]
        conn.execute(f"INSERT INTO events ({EVENT_COLUMNS}) VALUES {values}", params)
