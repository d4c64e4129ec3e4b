"""Shared pieces of the benchmark suite: validators wired into a knowledge graph, timers, statistics, RSS.

Benchmarks are run by hand (`python bench/run.py`), never by CI.
"""

from __future__ import annotations

import os
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from dkg.kg import KnowledgeGraph
from dkg.validation import ValidationReport
from rdflib import Graph

Validator = Callable[[Graph, list[str]], ValidationReport]


@dataclass
class TimedValidator:
    """Wraps a write-path validator and accumulates its time (calls, focus nodes, seconds per call)."""

    kg: KnowledgeGraph
    inner: Validator
    seconds: float = 0.0
    calls: int = 0
    focus_nodes: int = 0
    samples: list[tuple[int, float]] = field(default_factory=list)  # (focus nodes, seconds) per call

    def __call__(self, data: Graph, focus: list[str]) -> ValidationReport:
        t0 = time.perf_counter()
        report = self.inner(data, focus)
        dt = time.perf_counter() - t0
        self.seconds += dt
        self.calls += 1
        self.focus_nodes += len(focus)
        self.samples.append((len(focus), dt))
        return report

    def reset(self) -> None:
        self.seconds, self.calls, self.focus_nodes = 0.0, 0, 0
        self.samples.clear()


PROV_AGENT = "http://www.w3.org/ns/prov#Agent"
CODE_NAMESPACES = ("https://w3id.org/dkg/cameo/", "https://w3id.org/dkg/plover/")
_ORIGINAL_NEIGHBOURHOOD = None
_ORIGINAL_STORED_FORM = None
_PROBE = ox.NamedNode("urn:dkg:probe")


@lru_cache(maxsize=65536)
def _fresh_stored_form(lexical: str, datatype: str) -> ox.Literal:
    """The literal as Oxigraph stores it, probed in a fresh memory store (the proposed normalize.py fix)."""
    store = ox.Store()
    store.add(ox.Quad(_PROBE, _PROBE, ox.Literal(lexical, datatype=ox.NamedNode(datatype))))
    return next(iter(store)).object


def apply_core_fixes(enabled: bool = True) -> None:
    """Apply, in this process only, the two neighbourhood changes proposed to the core (docs/benchmarks.md).

    1. prov:Agent is a hub: the principal is mentioned by every write (`prov:wasAttributedTo`) and is the
       object of that property in every assertion it ever wrote, so without this the neighbourhood of every
       write pulls in up to 500 old assertions with their evidence (~11,000 triples).
    2. CAMEO and PLOVER code IRIs (`cameo:194`, `plover:ASSAULT`) are not followed: every event mentions its
       codes, each code is the object of `dkg:cameoCode` / `dkg:ploverType` of every event of its class, and
       no shape reads anything around a code (only a pattern on the IRI itself), so following their incoming
       edges adds 2,000-6,000 triples per code to every write.
    3. `dkg.normalize._stored_form` gets a fresh Oxigraph memory store per call instead of filling and
       clearing one shared store: an in-memory Oxigraph store that is filled and cleared over and over slows
       down without bound (measured: 0.7 ms per call at first, 6.4 ms after 60,000 calls; a fresh store costs
       ~0.01 ms), and every assertion has several never-seen literals (its version, time, offsets).
    `enabled=False` restores the core's behaviour (for side-by-side measurements).
    """
    global _ORIGINAL_NEIGHBOURHOOD, _ORIGINAL_STORED_FORM  # noqa: PLW0603
    from dkg import kg as kg_module  # noqa: PLC0415
    from dkg import normalize, validation  # noqa: PLC0415

    if _ORIGINAL_NEIGHBOURHOOD is None:
        _ORIGINAL_NEIGHBOURHOOD = kg_module.neighbourhood
        _ORIGINAL_STORED_FORM = normalize._stored_form  # noqa: SLF001
    original = _ORIGINAL_NEIGHBOURHOOD
    if not enabled:
        validation._HUB_CLASSES.discard(PROV_AGENT)  # noqa: SLF001
        kg_module.neighbourhood = original
        normalize._stored_form = _ORIGINAL_STORED_FORM  # noqa: SLF001
        return
    validation._HUB_CLASSES.add(PROV_AGENT)  # noqa: SLF001
    normalize._stored_form = _fresh_stored_form  # noqa: SLF001

    def neighbourhood(store, nodes, exclude=None, **options):  # noqa: ANN001, ANN003, ANN202
        return original(store, {n for n in nodes if not n.startswith(CODE_NAMESPACES)}, exclude, **options)

    kg_module.neighbourhood = neighbourhood


def install_validator(kg: KnowledgeGraph, which: str) -> TimedValidator:
    """Put the chosen validator ("compiled" or "pyshacl") on `kg`'s write path, wrapped and timed."""
    if which == "compiled":
        from dkg.compiled_validation import compiled_validator  # noqa: PLC0415

        inner: Validator = compiled_validator()
    elif which == "pyshacl":
        from dkg.validation import validate_graph  # noqa: PLC0415

        inner = validate_graph
    else:
        raise ValueError(f"unknown validator {which!r}")
    timed = TimedValidator(kg, inner)
    kg.validator = timed
    return timed


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """`with stopwatch() as t: ...` then `t[0]` is the elapsed seconds."""
    box: list[float] = []
    t0 = time.perf_counter()
    try:
        yield box
    finally:
        box.append(time.perf_counter() - t0)


def peak_rss_mb() -> float:
    """Peak resident set size of this process (MiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_of(pid: int) -> float:
    """Current resident set size of a process (MiB), from /proc."""
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def hwm_of(pid: int) -> float:
    """Peak resident set size (VmHWM) of a process (MiB), from /proc."""
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def dir_size_mb(path: Path) -> float:
    """Bytes on disk under `path` (hard links counted once), in MiB."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                st = os.stat(os.path.join(root, name))
            except FileNotFoundError:
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen:
                continue
            seen.add(key)
            total += st.st_blocks * 512
    return total / 2**20


SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "1M": 1_000_000}


def parse_size(text: str) -> int:
    """'10k' / '100k' / '1M' / a number -> number of events."""
    if text in SIZES:
        return SIZES[text]
    lowered = text.lower()
    if lowered.endswith("k"):
        return int(float(lowered[:-1]) * 1000)
    if lowered.endswith("m"):
        return int(float(lowered[:-1]) * 1_000_000)
    return int(text)
