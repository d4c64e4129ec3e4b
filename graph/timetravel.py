"""As-of views: the dataset as it stood after any event, without replaying the whole log.

Events carry effective patches, so a patch's inverse undoes it exactly. To show version N the nearest
starting point is chosen — the live store (undo the events after N), an on-disk snapshot taken every
`snapshot_every` events (redo or undo the events between it and N), or an empty store for early versions
(redo events 1..N) — copied cheaply (Oxigraph backups hard-link RocksDB's immutable files) and patched.
The cost depends on the distance to the nearest starting point, not on the length of the log. Recent views
are cached.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

import pyoxigraph as ox
from dkg.events import Patch
from dkg.log import EventLog, LogError
from dkg.projection import Projection, apply_patches, patch_update


class TimeTravel:
    """Materialises and caches read-only views of past versions."""

    def __init__(self, projection: Projection, log: EventLog, cache_size: int = 4) -> None:
        self.projection = projection
        self.log = log
        self.cache_size = cache_size
        self._cache: OrderedDict[int, tuple[ox.Store, Path | None]] = OrderedDict()
        self._lock = threading.Lock()
        self._tmp_root = projection.path / "asof-cache" if projection.path else None
        if self._tmp_root and self._tmp_root.exists():
            shutil.rmtree(self._tmp_root)

    def store_at(self, version: int) -> ox.Store:
        """A store holding exactly the dataset after event `version` (the live store for the head)."""
        with self.projection.lock:  # no event is applied while the head is read or copied
            head = self.projection.version()
            if version < 0 or version > head:
                raise LogError(f"version {version} is outside the log (0..{head})")
            if version == head:
                return self.projection.store
            return self._cached(version, head)

    def _cached(self, version: int, head: int) -> ox.Store:
        with self._lock:
            hit = self._cache.get(version)
            if hit is not None:
                self._cache.move_to_end(version)
                return hit[0]
            store, directory = self._materialise(version, head)
            self._cache[version] = (store, directory)
            while len(self._cache) > self.cache_size:
                _, (old, old_dir) = self._cache.popitem(last=False)
                del old
                if old_dir:
                    shutil.rmtree(old_dir, ignore_errors=True)
            return store

    def plan(self, version: int, head: int) -> tuple[str, int]:
        """The cheapest starting point for `version`: ("head", head), ("snapshot", S) or ("empty", 0) (the
        dataset before the first event: early versions replay forwards when no snapshot is nearer)."""
        best = ("head", head)
        if version < head - version:
            best = ("empty", 0)
        for snap in self.projection.snapshots():
            if abs(snap - version) < abs(best[1] - version):
                best = ("snapshot", snap)
        return best

    def _materialise(self, version: int, head: int) -> tuple[ox.Store, Path | None]:
        kind, start = self.plan(version, head)
        copy_with_version = getattr(self.projection, "copy_with_version", None)
        if kind == "head" and copy_with_version is not None:
            # a remote store can advance between reading its version and copying it: take both in one read
            store, start = copy_with_version()
            directory = None
            if start < version:
                raise LogError(f"the graph store is at version {start}, behind the requested {version}")
        else:
            store, directory = self._copy(kind, start)
        if start > version:  # undo events version+1 .. start, newest first
            events = list(self.log.read(after=version, until=start))
            if len(events) != start - version:
                raise LogError(f"the log lacks events {version + 1}..{start}")
            _apply_backwards(store, [e.patch.inverse() for e in reversed(events)])
        elif start < version:
            steps = ((e.seq, e.patch) for e in self.log.read(after=start, until=version))
            if apply_patches(store, steps, check_from=start) != version:
                raise LogError(f"the log lacks events {start + 1}..{version}")
        return store, directory

    def _copy(self, kind: str, start: int) -> tuple[ox.Store, Path | None]:
        if self._tmp_root is None:  # in-memory projection: copy the live store
            store = ox.Store()
            if kind != "empty":
                store.bulk_extend(iter(self.projection.store))
            return store, None
        self._tmp_root.mkdir(parents=True, exist_ok=True)
        directory = Path(tempfile.mkdtemp(prefix=f"v{start}-", dir=self._tmp_root))
        target = directory / "store"
        if kind == "head":
            self.projection.store.flush()
            self.projection.store.backup(str(target))
        elif kind == "snapshot":
            source = ox.Store.read_only(str(self.projection.snapshot_dir / f"{start:012d}"))
            source.backup(str(target))
            del source
        return ox.Store(str(target)), directory

    def close(self) -> None:
        with self._lock:
            for _, directory in self._cache.values():
                if directory:
                    shutil.rmtree(directory, ignore_errors=True)
            self._cache.clear()

    def invalidate(self) -> None:
        """Forget cached views (after a rebuild)."""
        self.close()


def _apply_backwards(store: ox.Store, patches: list[Patch]) -> None:
    """Apply inverse patches, newest event first, in transactions of a few hundred events."""
    for i in range(0, len(patches), 200):
        updates = [u for u in (patch_update(p) for p in patches[i : i + 200]) if u]
        if updates:
            store.update(" ;\n".join(updates))
