"""The SQLite event log: order, hash chain, optimistic concurrency, durability, append-only."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest
from dkg.events import GENESIS_HASH, NewEvent
from dkg.log import ConcurrencyError, LogError, open_log
from dkg.sqlite_log import SQLiteLog


def ev(n: int = 0) -> NewEvent:
    return NewEvent("GraphPatched", "tester", {"n": n})


@pytest.fixture
def log(tmp_path):
    lg = open_log(f"sqlite:///{tmp_path / 'log.sqlite'}")
    yield lg
    lg.close()


def test_sequence_numbers_are_gap_free_and_chained(log):
    appended = log.append([ev(1), ev(2)]) + log.append([ev(3)])
    assert [e.seq for e in appended] == [1, 2, 3]
    assert appended[0].prev_hash == GENESIS_HASH
    assert appended[1].prev_hash == appended[0].hash
    assert appended[2].prev_hash == appended[1].hash
    assert [e.payload["n"] for e in log.read()] == [1, 2, 3]
    assert log.head() == 3
    assert log.verify().ok


def test_read_paging_and_bounds(log):
    log.append([ev(i) for i in range(2500)])
    assert [e.seq for e in log.read(after=10, limit=3)] == [11, 12, 13]
    assert [e.seq for e in log.read(after=2490)] == list(range(2491, 2501))
    assert [e.seq for e in log.read(until=4)] == [1, 2, 3, 4]
    assert sum(1 for _ in log.read()) == 2500
    assert log.get(1234).payload["n"] == 1233
    with pytest.raises(LogError):
        log.get(9999)


def test_expected_version_conflict_appends_nothing(log):
    log.append([ev(1)])
    with pytest.raises(ConcurrencyError) as info:
        log.append([ev(2)], expected_version=0)
    assert info.value.expected == 0 and info.value.actual == 1
    assert log.head() == 1
    log.append([ev(2)], expected_version=1)
    assert log.head() == 2


def test_concurrent_writers_with_expected_version_never_overwrite(tmp_path):
    url = f"sqlite:///{tmp_path / 'log.sqlite'}"
    open_log(url).close()
    conflicts, done = [], []

    def writer(name: str) -> None:
        lg = open_log(url)
        for i in range(50):
            while True:
                head = lg.head()
                try:
                    lg.append([NewEvent("GraphPatched", name, {"i": i})], expected_version=head)
                    done.append(name)
                    break
                except ConcurrencyError:
                    conflicts.append(name)
        lg.close()

    threads = [threading.Thread(target=writer, args=(f"w{k}",)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lg = open_log(url)
    assert lg.head() == 200 == len(done)
    assert [e.seq for e in lg.read()] == list(range(1, 201))
    assert lg.verify().ok
    lg.close()


def test_verify_detects_edited_and_removed_events(tmp_path):
    path = tmp_path / "log.sqlite"
    lg = SQLiteLog(path)
    lg.append([ev(1), ev(2), ev(3)])
    lg.close()
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER events_no_update")
    con.execute("UPDATE events SET payload = '{\"n\": 99}' WHERE seq = 2")
    con.commit()
    con.close()
    report = SQLiteLog(path).verify()
    assert not report.ok
    assert any("event 2" in p and "hash" in p for p in report.problems)

    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER events_no_delete")
    con.execute("DELETE FROM events WHERE seq = 2")
    con.commit()
    con.close()
    report = SQLiteLog(path).verify()
    assert any("missing" in p for p in report.problems)


def test_log_is_append_only(tmp_path):
    path = tmp_path / "log.sqlite"
    SQLiteLog(path).append([ev(1)])
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("UPDATE events SET principal = 'mallory'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("DELETE FROM events")


def test_appends_survive_reopening(tmp_path):
    url = f"sqlite:///{tmp_path / 'a' / 'log.sqlite'}"
    lg = open_log(url)
    lg.append([ev(1)])
    lg.close()
    lg = open_log(url)
    assert lg.head() == 1 and lg.verify().ok


def test_recorded_time_is_monotonic_and_seq_at(log):
    first = log.append([ev(1)])[0]
    second = log.append([ev(2)])[0]
    assert second.recorded_at >= first.recorded_at
    assert log.seq_at(second.recorded_datetime) == 2
    assert log.seq_at(first.recorded_datetime - timedelta(seconds=1)) == 0
    assert log.seq_at(datetime.now(UTC) + timedelta(days=1)) == 2


def test_import_events_keeps_ids_and_checks_the_chain(log, tmp_path):
    log.append([ev(1), ev(2), ev(3)])
    events = list(log.read())
    other = SQLiteLog(tmp_path / "other.sqlite")
    assert other.import_events(events[:2]) == 2
    with pytest.raises(LogError, match="expects event 3"):
        other.import_events(events[:1])
    tampered = events[2].__class__(**{**events[2].__dict__, "principal": "mallory"})
    with pytest.raises(LogError, match="hash"):
        other.import_events([tampered])
    other.import_events(events[2:])
    assert [e.id for e in other.read()] == [e.id for e in events]
    assert other.verify().ok


def test_meta_settings(log):
    log.set_meta("token:a", "1")
    log.set_meta("token:b", "2")
    log.set_meta("base_iri", "x")
    assert log.list_meta("token:") == {"token:a": "1", "token:b": "2"}
    log.delete_meta("token:a")
    assert log.get_meta("token:a") is None


def test_bad_urls_are_refused():
    with pytest.raises(LogError, match="unsupported log URL"):
        open_log("mysql://x")
    with pytest.raises(LogError, match="malformed"):
        open_log("sqlite:relative.db")
