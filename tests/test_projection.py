"""The projection: patches applied exactly once, in order; restart applies the tail; rebuild is identical."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from dkg.events import NewEvent, Patch
from dkg.kg import KnowledgeGraph
from dkg.log import open_log
from dkg.projection import Projection, ProjectionError, dataset_digest, snapshots_to_drop

A = ox.NamedNode("http://example.org/a")
P = ox.NamedNode("http://example.org/p")
G = ox.NamedNode("http://example.org/g")


def quad(n: int) -> ox.Quad:
    return ox.Quad(A, P, ox.Literal(str(n)), G)


def test_apply_records_the_version_and_refuses_gaps(tmp_path):
    log = open_log(f"sqlite:///{tmp_path / 'log.sqlite'}")
    events = log.append([NewEvent("GraphPatched", "t", {}, Patch(add=(quad(i),))) for i in range(3)])
    projection = Projection(None)
    assert projection.apply(events[:2]) == 2
    assert projection.version() == 2
    with pytest.raises(ProjectionError, match="does not follow"):
        projection.apply(events[:1])  # already applied: never twice
    with pytest.raises(ProjectionError):
        Projection(None).apply(events[1:])  # a gap: never skipped
    projection.apply(events[2:])
    assert {q.object.value for q in projection.store.quads_for_pattern(None, None, None, G)} == {"0", "1", "2"}


def test_restart_applies_only_the_tail_and_rebuild_is_identical(tmp_path):
    kg = KnowledgeGraph(open_log(f"sqlite:///{tmp_path / 'log.sqlite'}"), Projection(tmp_path / "p"),
                        base="https://w3id.org/dkg/id/", validator=None)
    for i in range(5):
        kg.patch([], [quad(i)], "t")
    kg.patch([quad(0)], [], "t")
    digest = kg.digest()
    kg.close()

    # another process appends while this projection is closed
    log = open_log(f"sqlite:///{tmp_path / 'log.sqlite'}")
    log.append([NewEvent("GraphPatched", "t", {}, Patch(add=(quad(9),)))])
    log.close()

    projection = Projection(tmp_path / "p")
    assert projection.version() == 6
    kg = KnowledgeGraph(open_log(f"sqlite:///{tmp_path / 'log.sqlite'}"), projection,
                        base="https://w3id.org/dkg/id/", validator=None)
    applied = []
    kg.catch_up(applied.append)
    assert sum(applied) == 1 and kg.version() == 7
    assert kg.digest() != digest
    before = kg.digest()
    assert kg.rebuild() == 7
    assert kg.digest() == before == kg.replay_digest()
    kg.close()


def test_patches_are_effective_so_inverses_are_exact(raw_kg):
    raw_kg.patch([], [quad(1), quad(1), quad(2)], "t")
    e = raw_kg.patch([quad(1), quad(3)], [quad(2), quad(4)], "t")  # quad 3 absent, quad 2 present
    assert e.patch.remove == (quad(1),)
    assert e.patch.add == (quad(4),)
    assert raw_kg.patch([quad(3)], [quad(2)], "t") is None  # no change, no event
    assert raw_kg.log.head() == 2


def test_system_graph_cannot_be_written(raw_kg):
    from dkg.kg import KGError

    with pytest.raises(KGError, match="managed by dkg"):
        raw_kg.patch([], [ox.Quad(A, P, A, ox.NamedNode("urn:dkg:system"))], "t")


def test_digest_ignores_bookkeeping_only():
    s1, s2 = ox.Store(), ox.Store()
    s1.add(quad(1))
    s2.add(quad(1))
    s2.add(ox.Quad(A, P, ox.Literal("7"), ox.NamedNode("urn:dkg:system")))
    assert dataset_digest(s1) == dataset_digest(s2)
    s2.add(quad(2))
    assert dataset_digest(s1) != dataset_digest(s2)


def test_bulk_replay_equals_transactional_replay(tmp_path):
    """Adds, removes and re-adds interleaved: bulk loads between removals give the same dataset."""
    log = open_log(f"sqlite:///{tmp_path / 'log.sqlite'}")
    steps = [Patch(add=tuple(quad(i) for i in range(40)))]
    steps += [Patch(remove=(quad(i),), add=(quad(100 + i),)) for i in range(0, 40, 3)]
    steps += [Patch(add=(quad(3),)), Patch(remove=(quad(100),)), Patch(add=(quad(100), quad(7000)))]
    events = log.append([NewEvent("GraphPatched", "t", {}, p) for p in steps])
    fresh = log.read()  # parsed from the stored payloads, not the writer's copies
    transactional, bulk, on_disk = Projection(None), Projection(None), Projection(tmp_path / "p", snapshot_every=0)
    assert transactional.apply(events) == bulk.apply(fresh, bulk=True) == len(steps)
    assert on_disk.apply(log.read(), bulk=True) == len(steps)
    assert transactional.digest() == bulk.digest() == on_disk.digest()
    on_disk.close()


def test_snapshots_kept_stay_spread_over_the_history():
    assert snapshots_to_drop([10, 20, 30], 30, 0) == []
    assert snapshots_to_drop([10, 20, 30], 30, 3) == []
    kept = list(range(10, 110, 10))
    for old in snapshots_to_drop(kept, 100, 4):
        kept.remove(old)
    assert len(kept) == 4
    gaps = [b - a for a, b in zip([0, *kept], [*kept, 100], strict=True)]
    assert max(gaps) <= 30


def test_a_projection_keeps_at_most_snapshot_keep_snapshots_and_as_of_still_works(tmp_path):
    kg = KnowledgeGraph(open_log(f"sqlite:///{tmp_path / 'log.sqlite'}"),
                        Projection(tmp_path / "p", snapshot_every=2, snapshot_keep=3),
                        base="https://w3id.org/dkg/id/", validator=None)
    for i in range(20):
        kg.patch([quad(i - 1)] if i % 4 == 3 else [], [quad(i)], "t")
    assert kg.projection.snapshots() == [6, 12, 20]
    for version in (1, 5, 9, 13, 17):
        assert kg.digest(as_of=version) == kg.replay_digest(until=version)
    kg.close()


def test_graphs_outside_a_prefix_follow_the_events_applied(tmp_path):
    """The named graphs outside the claims are read from the store once, then kept up to date by `apply` (bulk
    too), also for graphs first written after the first call; `clear` forgets them."""
    claims = "http://example.org/claims/"
    log = open_log(f"sqlite:///{tmp_path / 'log.sqlite'}")

    def in_graph(graph: str, n: int) -> ox.Quad:
        return ox.Quad(A, P, ox.Literal(str(n)), ox.NamedNode(graph))

    first = log.append([NewEvent("GraphPatched", "t", {}, Patch(add=(in_graph(claims + "1", 1),
                                                                      in_graph("http://example.org/ref", 2))))])
    projection = Projection(tmp_path / "p", snapshot_every=0)
    projection.apply(first)
    projection.close()
    projection = Projection(tmp_path / "p", snapshot_every=0)  # reopened: read from the store
    assert projection.graphs_outside(claims) == {ox.NamedNode("http://example.org/ref")}
    later = log.append([NewEvent("GraphPatched", "t", {}, Patch(add=(in_graph(claims + "2", 3),
                                                                      in_graph("http://example.org/user", 4),
                                                                      ox.Quad(A, P, ox.Literal("5")))))])
    projection.apply(later)
    expected = {ox.NamedNode("http://example.org/ref"), ox.NamedNode("http://example.org/user")}
    assert projection.graphs_outside(claims) == expected
    assert projection.graphs_outside(claims) == set(projection.store.named_graphs()) - {
        ox.NamedNode(claims + "1"), ox.NamedNode(claims + "2")}
    projection.clear()
    assert projection.graphs_outside(claims) == set()
    projection.apply(log.read(), bulk=True)
    assert projection.graphs_outside(claims) == expected
    projection.close()


def test_a_replay_mixing_stored_texts_and_patches_commits_prefixes_in_order():
    from dkg.normalize import quads_to_nquads  # noqa: PLC0415
    from dkg.projection import apply_patches, bulk_apply  # noqa: PLC0415

    steps = [(1, quads_to_nquads([quad(1), quad(2)])), (2, Patch(remove=(quad(1),))), (3, quads_to_nquads([quad(1)])),
             (4, Patch(add=(quad(3),))), (5, "")]  # fmt: skip
    for write in (apply_patches, bulk_apply):
        store, committed = ox.Store(), []
        assert write(store, steps, check_from=0, on_commit=committed.append) == 5
        assert {q.object.value for q in store} == {"1", "2", "3"}  # quad 1 removed by event 2, added again by 3
        assert committed == sorted(committed) and committed[-1] == 5
    store, seen = ox.Store(), []
    apply_patches(store, steps, check_from=0, on_commit=lambda v: seen.append((v, len(store))))
    assert seen[:3] == [(1, 2), (2, 1), (3, 2)]  # one transaction per run of one kind: the store is at a version
