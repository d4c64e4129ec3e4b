"""Matching cost per article while ingesting synthetic articles one by one (store path or event index).

    taskset -c 0 .venv/bin/python bench/matching_speed.py MODE N [CHECKPOINTS]
    taskset -c 0 .venv/bin/python bench/matching_speed.py index 1000 200,1000

MODE: store (the SPARQL path, `index=None`) | index (`event_index(kg)`, what ingest uses); N synthetic articles
(bench/extraction_throughput.py) are ingested one by one after the seed and `match_sheet` is timed for each.
CHECKPOINTS: comma-separated article counts at which both paths are timed on 20 held-out articles (same graph
state) and their answers compared.
"""

import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dkg.review as review
from dkg.extraction import extract
from dkg.extraction.event_index import event_index
from extraction_throughput import SEED, SEED_PUBLISHED, open_fresh, synthetic_articles

mode, n = sys.argv[1], int(sys.argv[2])
checkpoints = {int(x) for x in sys.argv[3].split(",")} if len(sys.argv) > 3 else set()
times: list[float] = []
orig = review.match_sheet


def timed(sheet, kg, *a, **kw):
    kw["index"] = event_index(kg) if mode == "index" else None
    t = time.perf_counter()
    r = orig(sheet, kg, *a, **kw)
    times.append(time.perf_counter() - t)
    return r


review.match_sheet = timed
held = [(extract(a.text, published=a.published), a.published) for a in synthetic_articles(20, seed=99)]


def compare(kg, count):
    out = {}
    for m in ("store", "index"):
        ts, res = [], []
        for _rep in range(2):
            ts, res = [], []
            for sheet, _pub in held:
                s = copy.deepcopy(sheet)
                kw = {"index": event_index(kg) if m == "index" else None}
                t = time.perf_counter()
                res.append(orig(s, kg, **kw))
                ts.append(time.perf_counter() - t)
        out[m] = (statistics.median(ts) * 1000, res)
    same = out["store"][1] == out["index"][1]
    matched = sum(len(r) for r in out["store"][1])
    print(f"  at {count} articles: held-out match_sheet median store {out['store'][0]:.2f} ms, "
          f"index {out['index'][0]:.2f} ms; same answers: {same} ({matched} facts matched)", flush=True)


with tempfile.TemporaryDirectory(prefix="dkg-match-bench-") as tmp:
    kg = open_fresh(Path(tmp))
    review.ingest(kg, SEED.read_text(encoding="utf-8"), published=SEED_PUBLISHED, principal="bench", title="seed")
    arts = synthetic_articles(n)
    t_all = time.perf_counter()
    for i, a in enumerate(arts, 1):
        review.ingest(kg, a.text, published=a.published, title=a.title, principal="bench")
        if i % max(1, n // 10) == 0:
            last = times[-max(1, n // 10):]
            print(f"{mode}: articles {i - len(last) + 1}-{i}: "
                  f"match_sheet median {1000 * statistics.median(last):.2f} ms,"
                  f" mean {1000 * statistics.mean(last):.2f} ms; elapsed {time.perf_counter() - t_all:.0f} s",
                  flush=True)
        if i in checkpoints:
            compare(kg, i)
    kg.close()
