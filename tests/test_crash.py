"""Crash safety with kill -9: of a writer in the middle of a bulk load (SQLite and PostgreSQL), and of the
projector at random points, 20 times (PostgreSQL log, real `oxigraph serve`)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest
from dkg.events import NewEvent, Patch
from dkg.log import open_log
from dkg.postgres_log import PostgresLog
from dkg.projection import Projection
from dkg.remote_store import RemoteProjection
from oxigraph_server import oxigraph_server
from pg_fixtures import fresh_database

EX = "http://example.org/"
BATCH = 5

WRITER = r"""
import sys
import pyoxigraph as ox
from dkg.events import NewEvent, Patch
from dkg.log import open_log

log = open_log(sys.argv[1])
batch = int(sys.argv[2])
text = "x" * 4000  # bulky payloads: an append is several pages
n = 0
while True:
    events = []
    for _ in range(batch):
        quad = ox.Quad(ox.NamedNode(f"urn:w:{n}"), ox.NamedNode("urn:w:p"), ox.Literal(text), ox.NamedNode("urn:w:g"))
        events.append(NewEvent("GraphPatched", "bulk", {"n": n, "text": text}, Patch(add=(quad,))))
        n += 1
    appended = log.append(events)
    sys.stdout.write(" ".join(f"{e.seq}:{e.id}" for e in appended) + "\n")
    sys.stdout.flush()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DKG_LOG_URL", None)
    env.pop("DKG_STORE_URL", None)
    return env


def kill_writer_mid_load(url: str, acked: dict[int, str]) -> None:
    """Start a bulk writer, let it acknowledge a random number of batches, kill -9 it; collect every ack."""
    proc = subprocess.Popen([sys.executable, "-c", WRITER, url, str(BATCH)], stdout=subprocess.PIPE, text=True,
                            env=_env())
    target = random.randint(10, 60)
    lines = 0
    while lines < target:
        line = proc.stdout.readline()
        assert line, "the writer died on its own"
        for pair in line.split():
            seq, eid = pair.split(":")
            acked[int(seq)] = eid
        lines += 1
    os.kill(proc.pid, signal.SIGKILL)
    for line in proc.stdout:  # acknowledged before the kill, still in the pipe
        for pair in line.split():
            seq, eid = pair.split(":")
            acked[int(seq)] = eid
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


def check_log_after_kills(url: str, acked: dict[int, str]) -> None:
    log = open_log(url)
    stored = {e.seq: e.id for e in log.read()}
    assert all(stored.get(seq) == eid for seq, eid in acked.items()), "an acknowledged event is missing"
    assert sorted(stored) == list(range(1, len(stored) + 1))
    assert len(stored) % BATCH == 0, "a batch was half written"
    report = log.verify()
    assert report.ok, report.problems
    log.close()


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_kill_writer_mid_bulk_load(backend: str, tmp_path) -> None:
    acked: dict[int, str] = {}
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path}/log.sqlite"
        for _ in range(3):
            kill_writer_mid_load(url, acked)
        check_log_after_kills(url, acked)
        return
    with fresh_database() as url:
        PostgresLog(url).close()
        for _ in range(3):
            kill_writer_mid_load(url, acked)
        check_log_after_kills(url, acked)


# ---- the projector -------------------------------------------------------------------------------------------

def q(s: str, o: str, g: str = "g") -> ox.Quad:
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + "p"), ox.Literal(o), ox.NamedNode(EX + g))


def toggles(start: int, count: int) -> list[NewEvent]:
    """Events whose effect depends on order and multiplicity: re-applying or skipping one changes the data."""
    events = []
    for i in range(start, start + count):
        remove = [q("counter", str(i))] if i else []
        add = [q("counter", str(i + 1)), q(f"item{i}", f"v{i}", f"g{i % 5}")]
        if i % 3 == 0:
            (remove if (i // 3) % 2 else add).append(q("flag", "on"))
        if i % 11 == 5:
            remove.append(q(f"item{i - 1}", f"v{i - 1}", f"g{(i - 1) % 5}"))
        events.append(NewEvent("GraphPatched", "test", {"i": i}, Patch(remove=tuple(remove), add=tuple(add))))
    return events


ROUNDS = 20


@pytest.mark.slow
@pytest.mark.postgres
def test_kill_projector_at_random_points(tmp_path) -> None:
    with fresh_database() as url, oxigraph_server(tmp_path / "ox") as server:
        log = PostgresLog(url)
        total = 0
        for start in range(0, 3000, 250):
            log.append(toggles(start, 250))
        total = 3000
        env = {**_env(), "DKG_LOG_URL": url, "DKG_STORE_URL": server.url, "DKG_DATA": str(tmp_path / "kb")}
        command = [sys.executable, "-c", "from dkg.cli import run; run()", "project", "--quiet", "--batch", "2"]
        remote = RemoteProjection(server.url, writer=True)
        scratch = Projection(None)  # the replay each intermediate state is compared with
        mid_stream = 0
        for _ in range(ROUNDS):
            log.append(toggles(total, 60))
            total += 60
            proc = subprocess.Popen([*command, "--follow"], env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE)
            time.sleep(random.uniform(0.6, 1.3))
            assert proc.poll() is None, proc.stderr.read().decode()
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            while True:  # a request of the killed projector may still be landing: read a settled state
                version = remote.version()
                digest = remote.digest()
                if remote.version() == version:
                    break
            if version < total:
                mid_stream += 1
            scratch.apply(log.read(after=scratch.version(), until=version))
            assert digest == scratch.digest(), f"the store at version {version} differs from a replay"
        finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert finished.returncode == 0, finished.stderr
        assert remote.version() == log.head() == total
        fresh = Projection(None)
        fresh.apply(log.read())
        assert remote.digest() == fresh.digest()
        assert mid_stream >= ROUNDS // 4, f"only {mid_stream} kills landed while events were being applied"
        print(f"{ROUNDS} kills, {mid_stream} in the middle of applying; {total} events; digests equal")
        log.close()
