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
from pathlib import Path

from dkg.kg import KnowledgeGraph
from dkg.validation import ValidationData, ValidationReport

Validator = Callable[[ValidationData, list[str]], ValidationReport]


@dataclass
class TimedValidator:
    """Wraps a write-path validator and accumulates its time (calls, focus nodes, seconds per call)."""

    kg: KnowledgeGraph
    inner: Validator
    seconds: float = 0.0
    calls: int = 0
    focus_nodes: int = 0
    samples: list[tuple[int, float]] = field(default_factory=list)  # (focus nodes, seconds) per call

    def __call__(self, data: ValidationData, focus: list[str]) -> ValidationReport:
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


def apply_core_fixes(enabled: bool = True) -> None:
    """Switch, in this process only, the neighbourhood fixes the benchmarks proposed (now the core's defaults).

    1. prov:Agent is a hub: the principal is mentioned by every write (`prov:wasAttributedTo`) and is the
       object of that property in every assertion it ever wrote, so without this the neighbourhood of every
       write pulls in up to 500 old assertions with their evidence (~11,000 triples).
    2. CAMEO and PLOVER code IRIs (`cameo:194`, `plover:ASSAULT`) are hubs: every event mentions its codes,
       each code is the object of `dkg:cameoCode` / `dkg:ploverType` of every event of its class, and no
       shape reads the events around a code, so following their incoming edges adds 2,000-6,000 triples per
       code to every write.
    (The third fix, a fresh Oxigraph store per literal probe in `dkg.normalize._stored_form`, is in the core.)
    `enabled=False` restores the core's earlier behaviour (for side-by-side measurements).
    """
    from dkg import validation  # noqa: PLC0415

    if enabled:
        validation._HUB_CLASSES.add(PROV_AGENT)  # noqa: SLF001
        validation._HUB_PREFIXES = CODE_NAMESPACES  # noqa: SLF001
    else:
        validation._HUB_CLASSES.discard(PROV_AGENT)  # noqa: SLF001
        validation._HUB_PREFIXES = ()  # noqa: SLF001


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


def _status_mb(pid: int, field: str) -> float:
    """A memory field of /proc/<pid>/status (VmRSS, VmHWM, ...) in MiB."""
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def rss_of(pid: int) -> float:
    """Current resident set size of a process (MiB)."""
    return _status_mb(pid, "VmRSS")


def hwm_of(pid: int) -> float:
    """Peak resident set size (VmHWM) of a process (MiB)."""
    return _status_mb(pid, "VmHWM")


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
