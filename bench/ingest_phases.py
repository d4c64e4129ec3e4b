"""Where ingest time goes, and how it grows: wall time per article of each write-path phase, per window of articles.

    .venv/bin/python bench/ingest_phases.py [--n 1000] [--window 100] [--core 0]
    # two variants at once, one per core, so that both see the same VM state (then swap the cores):
    PYTHONPATH=/tmp/ab-old/ .venv/bin/python bench/ingest_phases.py --core 0 > old.txt &
    .venv/bin/python bench/ingest_phases.py --core 1 > new.txt

The articles and the knowledge base are those of `bench/extraction_throughput.py` (synthetic seed-size articles,
batches of 20 through `dkg.review.ingest_many`). Each phase's time is inclusive (a phase nested in another is
also counted there; the indentation shows the nesting); `cpu` is the process's CPU time, all threads (RocksDB's
background work included, as the process is pinned to one core); `yardstick` is the fixed Python workload of
`extraction_throughput.machine_speed`, run once per window: on this kind of VM it has varied 2-4x within one run,
so compare variants run side by side, not runs made at different times.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dkg.compiled_validation as compiled  # noqa: E402
import dkg.kg as kg_module  # noqa: E402
import dkg.projection as projection  # noqa: E402
import dkg.review as review  # noqa: E402
import dkg.sqlite_log as sqlite_log  # noqa: E402
import extraction_throughput as bench  # noqa: E402

PHASES = [  # (owner, attribute, label): label indentation = nesting
    (review, "extract", "extract"),
    (review, "match_sheet", "match"),
    (review, "_split", "split/compile"),
    (kg_module.KnowledgeGraph, "_commit", "commit"),
    (kg_module.KnowledgeGraph, "_prepare", " prepare"),
    (kg_module.KnowledgeGraph, "_article_events", "  build events"),
    (kg_module, "validation_groups", "  validation groups"),
    (kg_module.KnowledgeGraph, "_validation_data", "  validation data"),
    (kg_module, "neighbourhood", "   neighbourhood"),
    (compiled, "validate_compiled", "  shacl"),
    (sqlite_log.SQLiteLog, "append", " log append"),
    (projection.Projection, "apply", " projection apply"),
    (projection, "_commit_patches", "  store write"),
    (projection.Projection, "checkpoint", "  checkpoint"),
    (projection.Projection, "_snapshot", "  snapshot"),
    (kg_module.KnowledgeGraph, "_notify", " notify"),
]


def _timed(spent: defaultdict[str, float], owner: Any, name: str, label: str) -> None:
    """Replace `owner.name` by a wrapper adding its wall time to `spent[label]`."""
    inner = getattr(owner, name)

    @functools.wraps(inner)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - t0

    setattr(owner, name, wrapper)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    """Ingest `n` synthetic articles in batches of 20 and print a table: phases x windows, ms per article."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--window", type=int, default=100, help="articles per column (a multiple of 20)")
    ap.add_argument("--core", type=int, default=0)
    args = ap.parse_args(argv)
    os.sched_setaffinity(0, {args.core})
    spent: defaultdict[str, float] = defaultdict(float)
    for owner, name, label in PHASES:
        _timed(spent, owner, name, label)
    articles = bench.synthetic_articles(args.n)
    with tempfile.TemporaryDirectory(prefix="dkg-phases-") as tmp:
        kg = bench.open_fresh(Path(tmp))
        seed = bench.SEED.read_text(encoding="utf-8")
        review.ingest(kg, seed, published=bench.SEED_PUBLISHED, principal="bench", title="seed")
        windows: dict[int, Counter[str]] = {}
        yardstick: dict[int, float] = {}
        for start in range(0, args.n, 20):
            chunk = [review.ArticleInput(a.text, a.published, a.title) for a in articles[start : start + 20]]
            spent.clear()
            t0, c0 = time.perf_counter(), _cpu()
            review.ingest_many(kg, chunk, principal="bench", batch_size=20)
            spent["total"], spent["cpu"] = time.perf_counter() - t0, _cpu() - c0
            windows.setdefault(start // args.window, Counter()).update(spent)
            if (start + 20) % args.window == 0:
                yardstick[start // args.window] = bench.machine_speed()
        kg.close()
    cols = sorted(windows)
    print(f"{args.n} articles, batches of 20, core {args.core}; ms per article, windows of {args.window} articles")
    print(f"{'':22s}" + "".join(f"{c * args.window:>7d}" for c in cols))
    for label in ["total", "cpu", *(label for _o, _n, label in PHASES)]:
        print(f"{label:22s}" + "".join(f"{1000 * windows[c][label] / args.window:7.1f}" for c in cols))
    print(f"{'yardstick (ms)':22s}" + "".join(f"{yardstick.get(c, float('nan')):7.1f}" for c in cols))
    print(f"mean total {1000 * sum(w['total'] for w in windows.values()) / args.n:.1f} ms per article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
