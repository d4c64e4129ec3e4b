"""The PostgreSQL event log: same semantics as the SQLite log, safe with many writer processes."""

from __future__ import annotations

import multiprocessing
import time
from datetime import UTC, datetime, timedelta

import psycopg
import pyoxigraph as ox
import pytest
from dkg.events import NewEvent, Patch
from dkg.log import ConcurrencyError, EventLog, LogError, open_log
from dkg.postgres_log import MIGRATIONS, NOTIFY_CHANNEL, SCHEMA_VERSION, PostgresLog, migrate, schema_version
from dkg.sqlite_log import SQLiteLog
from pg_fixtures import fresh_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_url():
    with fresh_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def log(request, tmp_path) -> EventLog:
    """The same behaviour is required of both backends."""
    if request.param == "sqlite":
        lg: EventLog = SQLiteLog(tmp_path / "log.sqlite")
        yield lg
        lg.close()
    else:
        with fresh_database() as url:
            lg = PostgresLog(url)
            yield lg
            lg.close()


def event(n: int, principal: str = "test") -> NewEvent:
    quad = ox.Quad(ox.NamedNode(f"urn:x:s{n}"), ox.NamedNode("urn:x:p"), ox.Literal(str(n)),
                   ox.NamedNode("urn:x:g"))
    return NewEvent("GraphPatched", principal, {"n": n, "text": "Alep — حلب"}, Patch(add=(quad,)))


def test_append_read_head_and_chain(log: EventLog) -> None:
    assert log.head() == 0
    first = log.append([event(1), event(2)], expected_version=0)
    assert [e.seq for e in first] == [1, 2]
    assert first[1].prev_hash == first[0].hash
    more = log.append([event(3)])
    assert more[0].seq == 3 and more[0].prev_hash == first[1].hash
    assert log.head() == 3
    events = list(log.read())
    assert events == [*first, *more]  # payloads round-trip exactly (unicode included)
    assert [e.seq for e in log.read(after=1, limit=1)] == [2]
    assert [e.seq for e in log.read(until=2)] == [1, 2]
    assert log.get(3) == more[0]
    with pytest.raises(LogError):
        log.get(4)
    report = log.verify()
    assert report.ok and report.checked == 3
    assert all(e.recorded_at >= prev.recorded_at for prev, e in zip(events, events[1:], strict=False))


def test_read_only_some_types(log: EventLog) -> None:
    kinds = ["GraphPatched", "ReviewQueued", "GraphPatched", "ReviewDecided", "ReviewQueued"] * 500
    log.append([NewEvent(k, "test", {"n": i}) for i, k in enumerate(kinds)])
    queued = list(log.read(types=("ReviewQueued",)))
    assert [e.payload["n"] for e in queued] == [i for i, k in enumerate(kinds) if k == "ReviewQueued"]
    assert len(queued) == 1000  # more than one page
    review = [e.seq for e in log.read(types=("ReviewQueued", "ReviewDecided"), after=3, until=10)]
    assert review == [4, 5, 7, 9, 10]
    assert [e.seq for e in log.read(types=("ReviewDecided",), limit=2)] == [4, 9]
    assert list(log.read(types=())) == [] and list(log.read(types=("Nothing",))) == []
    assert sum(1 for _ in log.read()) == len(kinds)


def test_optimistic_concurrency_is_reported_to_the_loser(log: EventLog) -> None:
    log.append([event(1)], expected_version=0)
    with pytest.raises(ConcurrencyError) as info:
        log.append([event(2)], expected_version=0)
    assert (info.value.expected, info.value.actual) == (0, 1)
    assert log.head() == 1  # the refused append left no trace and used no number
    assert log.append([event(2)], expected_version=1)[0].seq == 2


def test_seq_at_and_meta(log: EventLog) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    log.append([event(1)])
    assert log.seq_at(before) == 0
    assert log.seq_at(datetime.now(UTC) + timedelta(seconds=1)) == 1
    assert log.get_meta("base_iri") is None
    log.set_meta("base_iri", "https://example.org/")
    log.set_meta("base_iri", "https://example.org/id/")
    log.set_meta("token:abc", "alice")
    log.set_meta("token:def", "bob")
    assert log.get_meta("base_iri") == "https://example.org/id/"
    assert log.list_meta("token:") == {"token:abc": "alice", "token:def": "bob"}
    log.delete_meta("token:abc")
    assert log.list_meta("token:") == {"token:def": "bob"}


def test_import_events_checks_the_chain(log: EventLog, tmp_path) -> None:
    source = SQLiteLog(tmp_path / "source.sqlite")
    exported = source.append([event(i) for i in range(1, 6)])
    assert log.import_events(exported[:2]) == 2
    with pytest.raises(LogError, match="expects event 3"):
        log.import_events(exported[3:])
    tampered = exported[2].__class__(**{**exported[2].__dict__, "principal": "mallory"})
    with pytest.raises(LogError, match="does not match its hash"):
        log.import_events([tampered])
    assert log.import_events(exported[2:]) == 3
    assert list(log.read()) == exported
    assert log.verify().ok
    source.close()


def test_open_log_dispatches_on_the_url(pg_url: str, tmp_path) -> None:
    pg = open_log(pg_url)
    assert isinstance(pg, PostgresLog)
    pg.close()
    lite = open_log(f"sqlite:///{tmp_path}/x.sqlite")
    assert isinstance(lite, SQLiteLog)
    lite.close()


def test_append_only_is_enforced_by_triggers(pg_url: str) -> None:
    with PostgresLog(pg_url) as log:
        log.append([event(1), event(2)])
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for sql in ("UPDATE events SET principal = 'mallory' WHERE seq = 1", "DELETE FROM events WHERE seq = 2",
                    "TRUNCATE events"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                conn.execute(sql)
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 2


def test_migrations_are_versioned_and_idempotent(pg_url: str) -> None:
    assert schema_version(pg_url) == 0
    assert migrate(pg_url) == [m[0] for m in MIGRATIONS]
    assert migrate(pg_url) == []
    assert schema_version(pg_url) == SCHEMA_VERSION
    with psycopg.connect(pg_url, autocommit=True) as conn:
        rows = conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
        assert [r[0] for r in rows] == list(range(1, SCHEMA_VERSION + 1))
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, 'from the future')",
                     (SCHEMA_VERSION + 1,))
    with pytest.raises(LogError, match="newer than this dkg"):
        PostgresLog(pg_url)


def test_append_notifies_listeners(pg_url: str) -> None:
    log = PostgresLog(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as listener:
        listener.execute(f"LISTEN {NOTIFY_CHANNEL}")
        log.append([event(1), event(2)])
        log.append([event(3)])
        received = []
        deadline = time.monotonic() + 5
        while len(received) < 2 and time.monotonic() < deadline:
            for note in listener.notifies(timeout=0.5, stop_after=2 - len(received)):
                received.append(note.payload)
        assert received == ["2", "3"]
    log.close()


def test_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(LogError, match="cannot connect to PostgreSQL"):
        PostgresLog("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


# ---- many writer processes -------------------------------------------------------------------------------

WRITERS = 8
APPENDS_PER_WRITER = 250


def _writer(args: tuple[str, int]) -> tuple[list[tuple[int, str]], int, int]:
    """Append APPENDS_PER_WRITER times with optimistic concurrency; every 10th append is a blind batch of 3."""
    url, worker = args
    log = PostgresLog(url)
    acked: list[tuple[int, str]] = []
    conflicts = wrong_reports = 0
    for i in range(APPENDS_PER_WRITER):
        if i % 10 == 9:
            for e in log.append([event(worker * 100_000 + i * 10 + k, f"w{worker}") for k in range(3)]):
                acked.append((e.seq, e.id))
            continue
        while True:
            head = log.head()
            try:
                appended = log.append([event(worker * 100_000 + i * 10, f"w{worker}")], expected_version=head)
            except ConcurrencyError as exc:
                conflicts += 1
                if not (exc.expected == head and exc.actual > head):
                    wrong_reports += 1
                continue
            acked.append((appended[0].seq, appended[0].id))
            break
    log.close()
    return acked, conflicts, wrong_reports


@pytest.mark.slow
def test_concurrent_writer_processes(pg_url: str) -> None:
    PostgresLog(pg_url).close()  # schema first, so the writers start together
    ctx = multiprocessing.get_context("fork")
    started = time.monotonic()
    with ctx.Pool(WRITERS) as pool:
        results = pool.map(_writer, [(pg_url, w) for w in range(WRITERS)])
    elapsed = time.monotonic() - started
    acked = [pair for r in results for pair in r[0]]
    conflicts = sum(r[1] for r in results)
    assert sum(r[2] for r in results) == 0, "a ConcurrencyError reported the wrong versions"
    expected_total = WRITERS * (APPENDS_PER_WRITER // 10 * 3 + APPENDS_PER_WRITER - APPENDS_PER_WRITER // 10)
    assert len(acked) == expected_total
    seqs = [s for s, _ in acked]
    assert len(set(seqs)) == len(seqs), "two writers were acknowledged the same sequence number"
    with PostgresLog(pg_url) as log:
        stored = {e.seq: e.id for e in log.read()}
        assert sorted(stored) == list(range(1, expected_total + 1)), "gap or extra event"
        assert all(stored[s] == i for s, i in acked), "an acknowledged event was lost or replaced"
        assert log.verify().ok
    assert conflicts > 0, "the writers never raced: the test did not exercise optimistic concurrency"
    print(f"{expected_total} events by {WRITERS} processes in {elapsed:.1f}s, {conflicts} conflicts reported")
