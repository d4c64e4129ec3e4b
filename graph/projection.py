"""The graph projection: an Oxigraph store that is a pure function of the event log.

Every event carries its effective RDF patch (removes were present, adds absent, never both). Applying such
patches is idempotent — re-applying events to the state they produced changes nothing — so the projection
commits each batch of patches in one Oxigraph transaction and, every few thousand events (at least every
few seconds, and on close), makes the store durable and *then* records the last applied sequence number in a
small file (written atomically). After a crash the next start re-applies the events since that checkpoint,
whose effect may already be there: no event is ever skipped, and none changes the data twice. Keeping the
version outside the store also keeps it out of users' queries over the union of all graphs. A restart
applies only the tail; `rebuild` replays everything.
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from dkg.events import Event, Patch
from dkg.terms import SYSTEM_GRAPH

_SYS_G = ox.NamedNode(SYSTEM_GRAPH)
_BATCH_QUADS = 20_000
_BULK_QUADS = 200_000  # quads per bulk load (one set of new RocksDB files each) in rebuilds
_PERSIST_EVERY = 5_000  # events between checkpoints of the applied version ...
_PERSIST_SECONDS = 5.0  # ... or seconds, whichever comes first
VERSION_FILE = "version"


class ProjectionError(Exception):
    """The projection and the log disagree (an event would be skipped or applied twice)."""


def patch_update(patch: Patch) -> str:
    """A SPARQL Update applying a patch: DELETE DATA then INSERT DATA (both empty-safe)."""
    parts = []
    if patch.remove:
        parts.append("DELETE DATA {\n" + _quads_block(patch.remove) + "}")
    if patch.add:
        parts.append("INSERT DATA {\n" + _quads_block(patch.add) + "}")
    return " ;\n".join(parts)


def _quads_block(quads: Iterable[ox.Quad]) -> str:
    lines = []
    for q in quads:
        triple = f"{q.subject} {q.predicate} {q.object} ."
        if isinstance(q.graph_name, ox.DefaultGraph):
            lines.append(triple)
        else:
            lines.append(f"GRAPH {q.graph_name} {{ {triple} }}")
    return "\n".join(lines) + "\n"


Change = Patch | str
"""What one event applies: its patch, or (replays) the N-Quads text an add-only event's payload holds."""


def _size(change: Change) -> int:
    return change.count("\n") if isinstance(change, str) else len(change)


def _commit_patches(store: ox.Store, patches: list[Patch]) -> None:
    """Apply patches in one transaction: `Store.extend` when they only add, else one SPARQL Update."""
    if not any(p.remove for p in patches):
        store.extend([q for p in patches for q in p.add])
    else:
        store.update(" ;\n".join(u for u in map(patch_update, patches) if u))


def _commit(store: ox.Store, pending: list[Change]) -> None:
    """Apply a batch of one kind of change in one transaction: N-Quads texts by one `Store.load` (parsed in Rust,
    no Python quads: replays run about twice as fast), patches by `_commit_patches`."""
    if isinstance(pending[0], str):
        store.load("".join(pending), format=ox.RdfFormat.N_QUADS)
    else:
        _commit_patches(store, pending)  # type: ignore[arg-type]


def apply_patches(store: ox.Store, steps: Iterable[tuple[int, Change]], *, check_from: int | None,
                  on_commit: Callable[[int], None] | None = None) -> int:
    """Apply (sequence number, change) pairs in batches, each batch one transaction of one kind of change.

    `check_from` is the version the store is at before the first step (None: don't check); `on_commit` is
    told the last version of each committed batch; returns the last version applied.
    """
    version = check_from
    pending: list[Change] = []
    size = 0
    last = flushed = version
    for seq, change in steps:
        if version is not None and seq != version + 1:
            raise ProjectionError(f"event {seq} does not follow the projection's version {version}")
        if pending and isinstance(change, str) is not isinstance(pending[0], str):
            _commit(store, pending)  # every commit is a prefix of the steps: the store is always at some version
            pending, size, flushed = [], 0, last
            if on_commit:
                on_commit(last)
        version = last = seq
        n = _size(change)
        if n:
            pending.append(change)
        size += n
        if size >= _BATCH_QUADS:
            _commit(store, pending)
            pending, size, flushed = [], 0, last
            if on_commit:
                on_commit(last)
    if last is not None and last != flushed:
        if pending:
            _commit(store, pending)
        if on_commit:
            on_commit(last)
    return last or 0


def bulk_apply(store: ox.Store, steps: Iterable[tuple[int, Change]], *, check_from: int | None,
               on_commit: Callable[[int], None] | None = None) -> int:
    """Like `apply_patches`, but without transactions (rebuilds and scratch replays): runs of added quads are
    bulk-loaded (`Store.bulk_extend` / `Store.bulk_load`, new RocksDB files), removals applied in order between."""
    version = last = check_from
    adds: list[ox.Quad] = []
    texts: list[str] = []
    queued = 0

    def load() -> None:
        nonlocal adds, texts, queued
        if adds:
            store.bulk_extend(adds)
        if texts:
            store.bulk_load("".join(texts), format=ox.RdfFormat.N_QUADS)
        adds, texts, queued = [], [], 0

    for seq, change in steps:
        if version is not None and seq != version + 1:
            raise ProjectionError(f"event {seq} does not follow the projection's version {version}")
        version = last = seq
        if isinstance(change, str):
            texts.append(change)
        else:
            if change.remove:
                load()
                for q in change.remove:
                    store.remove(q)
            adds.extend(change.add)
        queued += _size(change)
        if queued >= _BULK_QUADS:
            load()
    load()
    if last is not None and on_commit:
        on_commit(last)
    return last or 0


def dataset_digest(store: ox.Store) -> tuple[int, str]:
    """(quad count, order-independent sha256 digest) of every quad but the projection's bookkeeping.

    Blank nodes never enter dkg (they are skolemised), so equal digests mean identical datasets.
    """
    total, count = 0, 0
    for q in store:
        if q.graph_name == _SYS_G:
            continue
        total = (total + int.from_bytes(hashlib.sha256(str(q).encode()).digest(), "big")) % (1 << 256)
        count += 1
    return count, f"{total:064x}"


def user_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Every quad but the projection's bookkeeping."""
    for q in store:
        if q.graph_name != _SYS_G:
            yield q


def snapshots_to_drop(snapshots: list[int], head: int, keep: int) -> list[int]:
    """Which snapshots to delete so that at most `keep` remain, spread over the history (0 keeps them all).

    Repeatedly drops the snapshot whose removal leaves the smallest gap between its neighbours (version 0
    and the head count as ends; ties drop the newer, larger one), so the kept ones stay about evenly spaced:
    a cold as-of view starts at most about head / (2 (keep + 1)) events from a starting point.
    """
    kept = sorted(snapshots)
    dropped: list[int] = []
    while keep > 0 and len(kept) > keep:
        points = [0, *kept, max(head, kept[-1])]
        i = min(range(1, len(points) - 1), key=lambda j: (points[j + 1] - points[j - 1], -points[j]))
        dropped.append(kept.pop(i - 1))
    return dropped


class Projection:
    """An Oxigraph store (on disk, or in memory when `path` is None) kept in step with the log."""

    def __init__(self, path: str | Path | None = None, *, snapshot_every: int = 1000, snapshot_keep: int = 6) -> None:
        """`snapshot_every`: events between snapshots (0: none); `snapshot_keep`: most snapshots kept (0: all)."""
        self.path = Path(path) if path else None
        self.snapshot_every = snapshot_every
        self.snapshot_keep = snapshot_keep
        self.lock = threading.RLock()
        self._version = 0
        if self.path:
            self.path.mkdir(parents=True, exist_ok=True)
            version_file = self.path / VERSION_FILE
            if version_file.exists():
                self._version = int(version_file.read_text().strip() or 0)
        self._persisted, self._persisted_at = self._version, time.monotonic()
        self.store = ox.Store(str(self.path / "store")) if self.path else ox.Store()
        self._outside: dict[str, set[ox.NamedNode]] = {}  # prefix -> named graphs not under it (graphs_outside)

    @property
    def snapshot_dir(self) -> Path | None:
        return self.path / "snapshots" if self.path else None

    def version(self) -> int:
        """The last event applied (committed to the store and recorded)."""
        return self._version

    def _record(self, version: int) -> None:
        """Note the applied version after its batch committed; persist it now and then (see `checkpoint`)."""
        self._version = version
        if self.path and (version - self._persisted >= _PERSIST_EVERY
                          or time.monotonic() - self._persisted_at > _PERSIST_SECONDS):
            self.checkpoint()

    def checkpoint(self) -> None:
        """Make the store durable, then write the applied version (atomic replace, fsynced).

        The file is never ahead of durable data: after a crash the projection re-applies at most the events
        since the last checkpoint, which is harmless because effective patches are idempotent.
        """
        if not self.path or self.store is None:
            return
        self.store.flush()
        tmp = self.path / (VERSION_FILE + ".tmp")
        with tmp.open("w") as fh:
            fh.write(f"{self._version}\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path / VERSION_FILE)
        self._persisted, self._persisted_at = self._version, time.monotonic()

    def graphs_outside(self, prefix: str) -> frozenset[ox.NamedNode]:
        """The store's named graphs whose IRI does not start with `prefix` (e.g. all but the claim graphs).

        Read from the store once per prefix (a scan of its graph names), then kept up to date as events are
        applied; a graph that events emptied stays listed (a superset: readers find nothing in it).
        """
        with self.lock:
            known = self._outside.get(prefix)
            if known is None:
                known = self._outside[prefix] = {g for g in self.store.named_graphs()
                                                 if not g.value.startswith(prefix)}  # fmt: skip
            return frozenset(known)

    def _note_graphs(self, patch: Patch) -> None:
        """Add the named graphs `patch` writes to the sets `graphs_outside` keeps."""
        if not self._outside or not patch.add:
            return
        names = {q.graph_name for q in patch.add}
        for prefix, known in self._outside.items():
            known.update(g for g in names if isinstance(g, ox.NamedNode) and not g.value.startswith(prefix))

    def apply(self, events: Iterable[Event], progress: Callable[[int], None] | None = None, *,
              bulk: bool = False) -> int:
        """Apply events that follow the current version, in order; snapshot at every multiple of the period.

        `bulk` (rebuilds) bulk-loads quads instead of writing transactions: several times faster, and safe
        because a rebuild that stops half-way starts again from its last checkpoint.
        """
        write = bulk_apply if bulk else apply_patches
        chunk_events = 5000 if bulk else 500
        with self.lock:
            version = self.version()
            chunk: list[tuple[int, Change]] = []
            for event in events:
                if self._outside:
                    change: Change = event.patch
                    self._note_graphs(change)
                else:
                    change = event.change()
                chunk.append((event.seq, change))
                if self._snapshot_due(event.seq) or len(chunk) >= chunk_events:
                    version = write(self.store, chunk, check_from=version, on_commit=self._record)
                    if progress:
                        progress(len(chunk))
                    chunk = []
                    if self._snapshot_due(version):
                        self._snapshot(version)
            if chunk:
                version = write(self.store, chunk, check_from=version, on_commit=self._record)
                if progress:
                    progress(len(chunk))
            return version

    def _snapshot_due(self, seq: int) -> bool:
        return self.path is not None and self.snapshot_every > 0 and seq % self.snapshot_every == 0

    def _snapshot(self, version: int) -> None:
        target = self.snapshot_dir / f"{version:012d}"
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        self.checkpoint()
        self.store.backup(str(target))
        for old in snapshots_to_drop(self.snapshots(), version, self.snapshot_keep):
            shutil.rmtree(self.snapshot_dir / f"{old:012d}", ignore_errors=True)

    def snapshots(self) -> list[int]:
        """Versions for which an on-disk snapshot exists (hard-linked RocksDB checkpoints)."""
        if not self.snapshot_dir or not self.snapshot_dir.exists():
            return []
        return sorted(int(p.name) for p in self.snapshot_dir.iterdir() if p.name.isdigit())

    def clear(self) -> None:
        """Drop everything (before a rebuild): the store's quads and every snapshot."""
        with self.lock:
            self.store.clear()
            self._outside.clear()
            self._version = 0
            self.checkpoint()
            if self.snapshot_dir and self.snapshot_dir.exists():
                shutil.rmtree(self.snapshot_dir)

    def digest(self) -> tuple[int, str]:
        return dataset_digest(self.store)

    def flush(self) -> None:
        """Persist the store and the applied version."""
        self.checkpoint()

    def close(self) -> None:
        """Flush and release the on-disk store (RocksDB allows one opener per process)."""
        if self.store is not None:
            self.flush()
            self.store = None
            # pyshacl leaves reference cycles through exception frames that may still point at the store;
            # collect them now so RocksDB's lock is released before anyone reopens the folder.
            gc.collect()
