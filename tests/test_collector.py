"""The garbage-collector setting used while ingesting: applied inside the block, undone after, re-entrant."""

from __future__ import annotations

import gc
import threading

import pytest
from dkg.collector import bulk_collection


def test_bulk_collection_freezes_and_restores() -> None:
    before = gc.get_threshold()
    alive = [object() for _ in range(10)]
    with bulk_collection(young=123_456):
        assert gc.get_threshold()[0] == max(123_456, before[0])
        assert gc.get_freeze_count() >= len(alive)
        with bulk_collection():  # nested (e.g. ingest inside ingest_many): the outer setting holds
            assert gc.get_threshold()[0] == max(123_456, before[0])
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_bulk_collection_is_undone_when_the_work_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), bulk_collection():
        raise RuntimeError("boom")
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_concurrent_blocks_share_one_setting() -> None:
    before = gc.get_threshold()
    inside, release = threading.Barrier(3), threading.Event()

    def work() -> None:
        with bulk_collection():
            inside.wait()
            release.wait()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    inside.wait()
    assert gc.get_threshold() != before
    release.set()
    for t in threads:
        t.join()
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
