"""The projector: follows the log (LISTEN/NOTIFY on PostgreSQL, polling on SQLite), applies each event once
in order, is alone per store, and rides out an unreachable store; readers then get errors, not wrong answers."""

from __future__ import annotations

import threading
import time

import pyoxigraph as ox
import pytest
from dkg.cli import app
from dkg.events import NewEvent, Patch
from dkg.kg import KnowledgeGraph
from dkg.postgres_log import PostgresLog
from dkg.projection import Projection
from dkg.projector import Backoff, Projector, projector_lock
from dkg.remote_store import RemoteProjection, StoreBehind, StoreUnavailable
from dkg.sqlite_log import SQLiteLog
from oxigraph_server import oxigraph_server
from pg_fixtures import fresh_database
from typer.testing import CliRunner

EX = "http://example.org/"
BASE = "https://example.org/id/"


def q(s: str, o: str, g: str = "g") -> ox.Quad:
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + "p"), ox.Literal(o), ox.NamedNode(EX + g))


def append_toggles(log, start: int, count: int) -> None:
    """Events whose effect depends on order: a counter replaced each time, a flag switched on and off."""
    for i in range(start, start + count):
        remove = [q("counter", str(i))] if i else []
        add = [q("counter", str(i + 1)), q(f"item{i}", f"v{i}", f"g{i % 5}")]
        if i % 4 == 0:
            (remove if (i // 4) % 2 else add).append(q("flag", "on"))
        log.append([NewEvent("GraphPatched", "test", {"i": i}, Patch(remove=tuple(remove), add=tuple(add)))])


def replay_digest(log) -> tuple[int, str]:
    scratch = Projection(None)
    scratch.apply(log.read())
    return scratch.digest()


def wait_for(predicate, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("condition not reached in time")


@pytest.fixture
def pg_url():
    with fresh_database() as url:
        yield url


@pytest.fixture
def server(tmp_path):
    with oxigraph_server(tmp_path / "ox") as srv:
        yield srv


def test_backoff_grows_and_resets() -> None:
    b = Backoff(start=0.1, cap=1.0)
    delays = [b.next_delay() for _ in range(8)]
    assert 0.05 <= delays[0] <= 0.1 and all(0.5 <= d <= 1.0 for d in delays[4:])
    b.reset()
    assert b.next_delay() <= 0.1


@pytest.mark.postgres
def test_follows_postgres_via_notify_and_survives_a_store_outage(pg_url: str, server, tmp_path) -> None:
    log = PostgresLog(pg_url)
    append_toggles(log, 0, 50)
    projection = RemoteProjection(server.url, writer=True, events_per_request=7)
    projector = Projector(PostgresLog(pg_url), projection, poll_interval=30.0, max_backoff=0.3)
    thread = threading.Thread(target=projector.follow, daemon=True)
    thread.start()
    try:
        wait_for(lambda: projection.version() == 50)
        started = time.monotonic()
        append_toggles(log, 50, 1)
        wait_for(lambda: projection.version() == 51)
        assert time.monotonic() - started < 5, "NOTIFY did not wake the projector (poll interval is 30s)"

        reader = KnowledgeGraph(PostgresLog(pg_url), RemoteProjection(server.url, wait_timeout=0.5), base=BASE)
        assert reader.version() == 51
        # the store goes away: writes still append (writer process with its own replica), readers get errors
        server.stop()
        writer = KnowledgeGraph(PostgresLog(pg_url), Projection(tmp_path / "writer-replica"), base=BASE,
                                validator=None)
        writer.catch_up()
        for i in range(5):
            event = writer.patch([], [q(f"during-outage-{i}", "x")], "alice")
            assert event is not None and event.seq == 52 + i
        with pytest.raises(StoreUnavailable):
            reader.version()
        with pytest.raises(StoreUnavailable):
            reader.select("SELECT * WHERE { ?s ?p ?o }")
        wait_for(lambda: projector.failures >= 2)
        server.start()
        wait_for(lambda: projection.version() == 56)
        assert reader.version() == 56
        rows = reader.select(f"SELECT ?s WHERE {{ ?s <{EX}p> 'x' }}")
        assert len(rows) == 5
        assert projection.digest() == replay_digest(log) == writer.digest()
        # the projector stops: readers see a stale version, and writes that wait for it say so
        projector.stop.set()
        thread.join(10)
        writer.patch([], [q("after-stop", "y")], "alice")
        assert reader.version() == 56 and reader.log.head() == 57
        with pytest.raises(StoreBehind):
            reader.catch_up()
        writer.close()
        reader.close()
    finally:
        projector.stop.set()
        thread.join(10)
        log.close()


@pytest.mark.postgres
def test_an_append_right_after_catching_up_still_wakes_the_projector(pg_url: str) -> None:
    """The projector listens before it catches up: an append landing between catch-up and the wait is heard."""
    log = PostgresLog(pg_url)
    append_toggles(log, 0, 3)
    projection = Projection(None)
    projector = Projector(PostgresLog(pg_url), projection, poll_interval=30.0)
    real_catch_up = projector.catch_up
    appended = []

    def catch_up_then_someone_appends() -> int:
        version = real_catch_up()
        if not appended:
            appended.append(True)
            append_toggles(log, 3, 1)
        return version

    projector.catch_up = catch_up_then_someone_appends
    thread = threading.Thread(target=projector.follow, kwargs={"until": 4}, daemon=True)
    started = time.monotonic()
    thread.start()
    try:
        wait_for(lambda: projection.version() == 4, timeout=5.0)
        assert time.monotonic() - started < 5
    finally:
        projector.stop.set()
        thread.join(10)
        log.close()


def test_follows_sqlite_by_polling(server, tmp_path) -> None:
    log = SQLiteLog(tmp_path / "log.sqlite")
    projection = RemoteProjection(server.url, writer=True)
    projector = Projector(SQLiteLog(tmp_path / "log.sqlite"), projection, poll_interval=0.05)
    thread = threading.Thread(target=projector.follow, daemon=True)
    thread.start()
    try:
        for burst in range(3):
            append_toggles(log, burst * 20, 20)
            wait_for(lambda b=burst: projection.version() == (b + 1) * 20)
        assert projection.digest() == replay_digest(log)
    finally:
        projector.stop.set()
        thread.join(10)
        log.close()


@pytest.mark.postgres
def test_one_projector_per_store(pg_url: str, tmp_path) -> None:
    pg = PostgresLog(pg_url)
    lite = SQLiteLog(tmp_path / "log.sqlite")
    for log in (pg, lite):
        with projector_lock(log, "http://store-a") as first:
            assert first
            with projector_lock(log, "http://store-a", wait=False) as second:
                assert not second
            with projector_lock(log, "http://store-b", wait=False) as other_store:
                assert other_store
        with projector_lock(log, "http://store-a", wait=False) as again:
            assert again
    pg.close()
    lite.close()


def test_project_command_catches_up_and_rebuilds(server, tmp_path, monkeypatch) -> None:
    data = tmp_path / "kb"
    log = SQLiteLog(data / "log.sqlite")
    append_toggles(log, 0, 30)
    monkeypatch.setenv("DKG_STORE_URL", server.url)
    monkeypatch.delenv("DKG_LOG_URL", raising=False)
    runner = CliRunner()
    result = runner.invoke(app, ["project", "--data", str(data), "--quiet", "--batch", "4"])
    assert result.exit_code == 0, result.output
    assert "projection at version 30" in result.output
    projection = RemoteProjection(server.url, writer=True)
    assert projection.digest() == replay_digest(log)
    projection.store.update("INSERT DATA { <urn:x:stray> <urn:x:p> 1 }")  # damage that only a rebuild repairs
    assert projection.digest() != replay_digest(log)
    result = runner.invoke(app, ["project", "--data", str(data), "--quiet", "--rebuild"])
    assert result.exit_code == 0, result.output
    assert projection.version() == 30 and projection.digest() == replay_digest(log)
    log.close()
