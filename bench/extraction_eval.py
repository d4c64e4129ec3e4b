"""Precision, recall and F1 of the rule-based extractor on the gold set, per event type and overall.

    .venv/bin/python bench/extraction_eval.py                 # both halves, markdown tables
    .venv/bin/python bench/extraction_eval.py --split dev     # the half the rules were tuned on
    .venv/bin/python bench/extraction_eval.py --split test    # the held-out half
    .venv/bin/python bench/extraction_eval.py --errors        # also list misses and false alarms

The gold set (bench/gold/sentences.yaml) is split by position: items at even positions (0, 2, 4 ...) are `dev`,
odd positions are `test`; consecutive items cover the same event type, so both halves cover every type. Items
with an explicit `split:` (the second development batch at the end of the file) keep it.

An extracted fact matches a gold fact of the same item when the types are equal, every gold role id is among the
extracted role's ids, modality and negation are equal, and the gold date keys and properties are equal. Matching is
one-to-one (greedy, in gold order). Precision = matched extracted / extracted; recall = matched gold / gold.
DraftResolution facts (the drafts the events refer to) are not events and are not scored.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from dkg.extraction import extract

GOLD = Path(__file__).resolve().parent / "gold" / "sentences.yaml"
TIME_KEYS = ("date", "month", "since", "relative")
NOT_EVENTS = {"DraftResolution"}  # documents the events refer to, not events: not annotated in the gold set
SPECIAL = {"type", "modality", "negated", "properties", *TIME_KEYS}


def _set(v: Any) -> set[str]:
    if v is None:
        return set()
    return {str(x) for x in v} if isinstance(v, list) else {str(v)}


def matches(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """True if an extracted fact satisfies every constraint of a gold fact."""
    if pred["type"] != gold["type"]:
        return False
    if pred.get("modality", "completed") != gold.get("modality", "completed"):
        return False
    if bool(pred.get("negated", False)) != bool(gold.get("negated", False)):
        return False
    for k in TIME_KEYS:
        if k in gold and str(pred.get(k)) != str(gold[k]):
            return False
    props = pred.get("properties", {})
    for k, v in (gold.get("properties") or {}).items():
        if props.get(k) != v:
            return False
    for role, ids in gold.items():
        if role in SPECIAL:
            continue
        if not _set(ids) <= _set(pred.get(role)):
            return False
    return True


@dataclass
class Score:
    """Counts for one event type (or overall)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    """Scores per type and the errors of one evaluation run."""

    per_type: dict[str, Score] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    items: int = 0

    def overall(self) -> Score:
        s = Score()
        for sc in self.per_type.values():
            s.tp += sc.tp
            s.fp += sc.fp
            s.fn += sc.fn
        return s


def load_gold(path: Path = GOLD) -> tuple[date, list[dict[str, Any]]]:
    """The publication date and the items, each with its split."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data["items"]
    for i, item in enumerate(items):
        item.setdefault("split", "dev" if i % 2 == 0 else "test")
    return data["published"], items


def evaluate(split: str = "all", path: Path = GOLD) -> Result:
    """Run the extractor on the gold items of a split and score it."""
    published, items = load_gold(path)
    res = Result()
    for item in items:
        if split != "all" and item["split"] != split:
            continue
        res.items += 1
        pub = item.get("published", published)
        preds = [f for f in extract(item["text"], published=pub)["facts"] if f["type"] not in NOT_EVENTS]
        used: set[int] = set()
        for g in item["facts"]:
            sc = res.per_type.setdefault(g["type"], Score())
            hit = next((i for i, p in enumerate(preds) if i not in used and matches(p, g)), None)
            if hit is None:
                sc.fn += 1
                near = [_brief(p) for p in preds if p["type"] == g["type"]]
                res.errors.append(f"MISS  {item['text']}\n      gold {g}\n      got  {near or '-'}")
            else:
                used.add(hit)
                sc.tp += 1
        for i, p in enumerate(preds):
            if i not in used:
                res.per_type.setdefault(p["type"], Score()).fp += 1
                res.errors.append(f"EXTRA {item['text']}\n      {_brief(p)}")
    return res


def _brief(p: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in p.items() if k not in ("id", "evidence", "extractor", "confidence")}


def table(res: Result, title: str) -> str:
    """A markdown table of the scores."""
    lines = [f"**{title}** ({res.items} texts)", "", "| event type | gold | extracted | P | R | F1 |",
             "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for t in sorted(res.per_type):
        s = res.per_type[t]
        lines.append(f"| {t} | {s.tp + s.fn} | {s.tp + s.fp} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} |")
    o = res.overall()
    lines.append(f"| **overall** | {o.tp + o.fn} | {o.tp + o.fp} | {o.precision:.2f} | {o.recall:.2f} | {o.f1:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["dev", "test", "all", "both"], default="both")
    ap.add_argument("--errors", action="store_true", help="list misses and false alarms")
    ap.add_argument("--gold", type=Path, default=GOLD)
    args = ap.parse_args(argv)
    splits = ["dev", "test", "all"] if args.split == "both" else [args.split]
    for sp in splits:
        res = evaluate(sp, args.gold)
        print(table(res, {"dev": "dev half (rules tuned here)", "test": "held-out half", "all": "all"}[sp]))
        print()
        if args.errors:
            print("\n".join(res.errors))
            print()
    counts = Counter(f["type"] for it in load_gold(args.gold)[1] for f in it["facts"])
    print(f"gold facts per type: {dict(sorted(counts.items()))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
