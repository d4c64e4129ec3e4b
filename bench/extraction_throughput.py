"""Ingest throughput: distinct seed-size articles per second through the full path into an on-disk knowledge base.

    .venv/bin/python bench/extraction_throughput.py [--n 200] [--batch 1,20,50] [--data DIR] [--profile OUT.prof]
    taskset -c 0 .venv/bin/python bench/extraction_throughput.py --n 200     # one core, stated by the OS too

The `n` articles are written from the seed article (`examples/aleppo-2016.txt`) by deterministic substitution:
each one is about another conflict (a state, its demonym and its capital instead of Syria and Aleppo), another
sponsor, vetoing and abstaining member of the Security Council, other counts and ordinals, and another publication
date (2012-2022, so relative dates and office holders change too). They keep the seed's length and structure, so
the extractor finds about as many facts, and matching looks at a graph whose events differ in type, parties,
places and dates (a few articles fall in the same window with the same parties: those become second sources).

The timed path is `dkg.review.ingest_many` (extract, match against the graph and the batch, compile,
SHACL-validate, append to the SQLite log, project into Oxigraph on disk, or in memory with `--projection memory`)
after `dkg init`-style reference data and the seed itself, once per batch size (`--batch 1` is `dkg.review.ingest`
article by article), each into a new knowledge base. Per-article times are a batch's wall time divided by its
articles. The knowledge base is then closed and opened again, timed (the memory projection replays the log). The
process pins itself to one core. Extraction alone is timed on the same articles first.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml
from dkg.config import Settings
from dkg.extraction import extract
from dkg.kg import KnowledgeGraph
from dkg.refdata import load_reference_data
from dkg.review import ArticleInput, ingest, ingest_many

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "aleppo-2016.txt"
SEED_PUBLISHED = date(2016, 10, 10)
P5 = {"france": ("France", "French"), "russia": ("Russia", "Russian"), "china": ("China", "Chinese"),
      "united-states": ("the United States", "American"), "united-kingdom": ("Britain", "British")}  # fmt: skip
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
NUMBERS = ["Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "Thirteen"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip


@dataclass(frozen=True)
class Article:
    """One synthetic article and its publication date."""

    text: str
    published: date
    title: str


def _states() -> list[tuple[str, str, str]]:
    """(name, demonym, capital label) of the gazetteer's states that have all three (curated names first)."""
    from importlib import resources  # noqa: PLC0415

    ref = resources.files("dkg.reference")
    places: dict[str, str] = {}
    states: list[dict] = []
    for name in ("gazetteer.yaml", "gazetteer-world.yaml"):
        data = yaml.safe_load(ref.joinpath(name).read_text(encoding="utf-8"))
        for p in data.get("places") or []:
            places.setdefault(p["id"], p["label"])
        states += [a for a in data.get("actors") or [] if a.get("type") == "State"]
    out: dict[str, tuple[str, str, str]] = {}
    for s in states:
        dem, cap = s.get("demonyms") or [], s.get("capital")
        if dem and cap in places and s["id"] not in out and s["id"].split("/")[1] not in P5:
            out[s["id"]] = (s["label"], dem[0], places[cap])
    return [out[k] for k in sorted(out)]


def synthetic_articles(n: int, seed: int = 7) -> list[Article]:
    """`n` distinct seed-size articles, deterministic for a given seed (see the module docstring)."""
    rng = random.Random(seed)
    base = SEED.read_text(encoding="utf-8")
    states = _states()
    out: list[Article] = []
    for i in range(n):
        country, demonym, city = states[rng.randrange(len(states))]
        sponsor, vetoer, abstainer = rng.sample(sorted(P5), 3)
        published = date(2012, 1, 1) + timedelta(days=rng.randrange(11 * 365))
        since = published - timedelta(days=rng.randrange(10, 40))
        total, children = rng.randrange(60, 900), rng.randrange(5, 59)
        subs = {
            "French President Hollande": f"{P5[sponsor][1]} President",
            "his Russian counterpart Vladimir Putin": f"his {P5[vetoer][1]} counterpart",
            "President Putin": f"the {P5[vetoer][1]} President",
            "Aleppo": city, "Syrian": demonym, "Syria": country,
            "France": P5[sponsor][0], "French": P5[sponsor][1],
            "Russian": P5[vetoer][1], "Russia": P5[vetoer][0], "China": P5[abstainer][0],
            "September 22": f"{MONTHS[since.month - 1]} {since.day}", "October": MONTHS[published.month - 1],
            "290": str(total), "57": str(children), "50 civilians": f"{rng.randrange(10, 90)} civilians",
            "fifth": rng.choice(ORDINALS), "Eleven": rng.choice(NUMBERS),
        }  # fmt: skip
        pattern = re.compile("|".join(re.escape(k) for k in sorted(subs, key=len, reverse=True)))
        text = pattern.sub(lambda m, subs=subs: subs[m.group(0)], base)  # one pass: replacements are not replaced again
        text = re.sub(r"(^|[.!?]\s+)the ", lambda m: m.group(1) + "The ", text)
        out.append(Article(text, published, f"synthetic article {i + 1}"))
    return out


def open_fresh(data: Path, projection: str = "disk") -> KnowledgeGraph:
    """A new knowledge base (SQLite log + Oxigraph on disk or in memory) with the reference data, as `dkg init`
    makes it."""
    settings = Settings.load(data, projection=projection)
    settings.save()
    kg = KnowledgeGraph.open(settings)
    load_reference_data(kg)
    return kg


def machine_speed() -> float:
    """Milliseconds for a fixed pure-Python workload (best of 5): a yardstick printed with each run, because the
    same code on the same kind of VM has run 2x faster or slower from one day to the next."""
    rng = random.Random(1)
    data = [rng.random() for _ in range(100_000)]
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        counts: dict[int, int] = {}
        for x in sorted(data):
            k = int(x * 1000)
            counts[k] = counts.get(k, 0) + 1
        " ".join(str(v) for v in counts.values())
        best = min(best, time.perf_counter() - t0)
    return 1000 * best


def _pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = sorted(os.sched_getaffinity(0))[0]
        os.sched_setaffinity(0, {core})
        return f"core {core}"
    return "all cores (no sched_setaffinity)"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print extraction-only and full-ingest rates."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200, help="distinct synthetic articles to ingest")
    ap.add_argument("--data", type=Path, default=None, help="knowledge base folder (default: a new temp folder)")
    ap.add_argument("--profile", type=Path, default=None, help="write a cProfile of the ingest loop here")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--projection", choices=["disk", "memory"], default="disk",
                    help="the local projection (Settings.projection): Oxigraph on disk, or in memory over the log")
    ap.add_argument("--no-match", action="store_true",
                    help="do not match facts to known events (diagnostic: batches never hold two sources of an event)")
    ap.add_argument("--batch", type=lambda v: [int(x) for x in v.split(",")], default=[1, 20],
                    help="comma-separated batch sizes (articles per commit); 1 is ingest article by article")
    args = ap.parse_args(argv)
    where = _pin_one_core()
    articles = synthetic_articles(args.n, args.seed)
    seed_text = SEED.read_text(encoding="utf-8")
    lengths = [len(a.text) for a in articles]
    print(f"{args.n} distinct articles, {min(lengths)}-{max(lengths)} characters (seed {len(seed_text)}); "
          f"pinned to {where}; python {sys.version.split()[0]}")  # fmt: skip

    t0 = time.perf_counter()
    extract(seed_text, published=SEED_PUBLISHED)
    print(f"warm-up (pipeline + gazetteer matchers): {time.perf_counter() - t0:.2f} s; "
          f"machine yardstick {machine_speed():.1f} ms (fixed Python workload, lower is faster)")
    t0 = time.perf_counter()
    facts = sum(len(extract(a.text, published=a.published)["facts"]) for a in articles)
    dt = time.perf_counter() - t0
    print(f"extract only: {args.n / dt:.1f} articles/s ({1000 * dt / args.n:.1f} ms per article, "
          f"{facts / args.n:.1f} facts per article)")  # fmt: skip

    for size in args.batch:
        _run(args, articles, seed_text, size)
    return 0


def _run(args: argparse.Namespace, articles: list[Article], seed_text: str, size: int) -> None:
    """Ingest the articles in batches of `size` into a new knowledge base and print the rates."""
    tmp = None if args.data else tempfile.TemporaryDirectory(prefix="dkg-ingest-bench-")
    data = (args.data / f"batch-{size}") if args.data else Path(tmp.name)  # type: ignore[union-attr]
    kg = open_fresh(data, args.projection)
    try:
        ingest(kg, seed_text, published=SEED_PUBLISHED, principal="bench", title="seed")
        profiler = cProfile.Profile() if args.profile else None
        per_article: list[float] = []
        asserted = queued = matched = refused = commits = 0
        inputs = [ArticleInput(a.text, a.published, a.title) for a in articles]
        t_all = time.perf_counter()
        for start in range(0, len(inputs), size):
            chunk = inputs[start : start + size]
            if profiler:
                profiler.enable()
            t0 = time.perf_counter()
            if size == 1:
                a = chunk[0]
                reports = [ingest(kg, a.text, published=a.published, title=a.title, principal="bench",
                                  match=not args.no_match)]  # fmt: skip
            else:
                result = ingest_many(kg, chunk, principal="bench", batch_size=size, match=not args.no_match)
                reports, refused, commits = result.reports, refused + len(result.refused), commits + result.batches
            per_article += [(time.perf_counter() - t0) / len(chunk)] * len(chunk)
            if profiler:
                profiler.disable()
            asserted += sum(len(r.asserted) for r in reports)
            queued += sum(len(r.queued) for r in reports)
            matched += sum(len(r.matched) for r in reports)
        total = time.perf_counter() - t_all
        n = len(inputs)
        print(f"batch {size}: ingest into {data} (log head {kg.log.head()}): {n} articles in {total:.1f} s = "
              f"{n / total:.1f} articles/s; per article median {1000 * statistics.median(per_article):.0f} ms, "
              f"first 10% {1000 * statistics.median(per_article[: max(1, n // 10)]):.0f} ms, "
              f"last 10% {1000 * statistics.median(per_article[-max(1, n // 10) :]):.0f} ms")  # fmt: skip
        print(f"  facts: {asserted} recorded, {queued} queued for review, {matched} matched to events already known, "
              f"{refused} articles refused in their batch, {commits or n} batch commits")  # fmt: skip
        kg.close()
        t0 = time.perf_counter()
        kg = KnowledgeGraph.open(Settings.load(data, projection=args.projection))
        print(f"  reopen ({args.projection} projection): {time.perf_counter() - t0:.1f} s for {kg.version()} events")
        if profiler:
            out = args.profile.with_name(f"{args.profile.stem}-batch{size}{args.profile.suffix}")
            profiler.dump_stats(out)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    finally:
        kg.close()
        if tmp:
            tmp.cleanup()


if __name__ == "__main__":
    raise SystemExit(main())
