"""Garbage-collector settings for bulk work (ingesting many articles).

The process holds large long-lived object graphs (the compiled shapes and ontology, the spaCy pipeline, the
gazetteer); CPython's full collections walk all of them again and again while an ingest allocates millions of
short-lived objects. Freezing what exists before the work and collecting the young generation less often cut
the time of a seed-size article from 90 to 57 ms on the ingest benchmark (docs/benchmarks.md).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def bulk_collection(young: int = 50_000) -> Iterator[None]:
    """Within the block, objects alive at its start are frozen (left out of collections) and the young
    generation is collected after `young` allocations instead of 700; both are undone when the outermost
    block ends. Re-entrant and thread-safe: concurrent ingests share one setting."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(max(young, _saved[0]), _saved[1], _saved[2])
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                gc.unfreeze()
                _saved = None
