"""Extraction throughput: seed-size articles per second on one core (extract only).

    .venv/bin/python bench/extraction_throughput.py [--n 200] [--article PATH]

The first call builds the pipeline and the gazetteer matchers (reported separately as warm-up); the timed loop
runs `dkg.extraction.extract` on the article `n` times. Validation and appending to the log are measured by the
core's own bench.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from dkg.extraction import extract

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "aleppo-2016.txt"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--article", type=Path, default=SEED)
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    text = args.article.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    sheet = extract(text, published="2016-10-10")
    warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(args.n):
        extract(text, published="2016-10-10")
    dt = time.perf_counter() - t0
    print(f"article: {args.article.name} ({len(text)} chars, {len(sheet['facts'])} facts)")
    print(f"warm-up (pipeline + gazetteer matchers): {warm:.2f} s")
    print(f"extract: {args.n / dt:.1f} articles/s on one core ({1000 * dt / args.n:.1f} ms per article)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
