"""SHACL validation on the write path: time `CompiledValidator.__call__` on the inputs a real ingest hands it.

    nice -n 10 taskset -c 1 .venv/bin/python bench/validation_speed.py [--n 20] [--batch 20] [--repeat 15]
        [--baseline REV] [--mutations 20] [--save FILE | --load FILE] [--profile OUT.prof]

The inputs are captured from `extraction_throughput` (``--no-match``: `n` synthetic articles ingested in batches
of `batch`): every call of the validator during the ingest, with its data (the Oxigraph triples
`KnowledgeGraph._validation_data` builds: candidate facts, their neighbourhood, context) and focus nodes.
``--save`` keeps them (N-Triples and focus nodes, JSON) and ``--load`` reuses them without the ingest.

Each input is validated `repeat` times; the report gives CPU time per call (min and median) per input, largest
input first. With ``--baseline REV`` the validator of that git revision (graph/compiled_validation.py) is timed
on the same inputs, calls interleaved, and the reports of both are compared: on each input, and on `mutations`
broken copies of it (an rdf:type dropped, a date moved past the event's end or made ill-typed, an evidence
selector removed, an offset shifted, a literal of the wrong kind...), every violation and their order must
match. The process does not freeze the garbage collector (the ingest does: `dkg.collector`).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import importlib.util
import json
import logging
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
Input = tuple[set[ox.Triple], list[str]]
RDF, DKG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "https://w3id.org/dkg/ontology#"
OA, XSD = "http://www.w3.org/ns/oa#", "http://www.w3.org/2001/XMLSchema#"


def capture(n: int, batch: int) -> list[Input]:
    """The validator's inputs during an ingest of `n` synthetic articles in batches of `batch`."""
    sys.path.insert(0, str(ROOT / "bench"))
    import dkg.compiled_validation as cv  # noqa: PLC0415
    import extraction_throughput  # noqa: PLC0415

    captured: list[Input] = []
    call = cv.CompiledValidator.__call__

    def spy(self: cv.CompiledValidator, data: set[ox.Triple], focus: list[str] | None = None) -> object:
        captured.append((set(data), list(focus or [])))
        return call(self, data, focus)

    cv.CompiledValidator.__call__ = spy  # type: ignore[method-assign]
    try:
        extraction_throughput.main(["--n", str(n), "--batch", str(batch), "--no-match"])
    finally:
        cv.CompiledValidator.__call__ = call  # type: ignore[method-assign]
    return captured


def save(inputs: list[Input], path: Path) -> None:
    """Write the inputs as JSON: N-Triples text and focus nodes per call."""
    rows = [{"ntriples": ox.serialize(data, format=ox.RdfFormat.N_TRIPLES).decode(), "focus": focus}
            for data, focus in inputs]
    path.write_text(json.dumps(rows), encoding="utf-8")


def load(path: Path) -> list[Input]:
    """Read inputs written by `save`."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [({q.triple for q in ox.parse(r["ntriples"], ox.RdfFormat.N_TRIPLES)}, r["focus"]) for r in rows]


def validator_at(rev: str) -> Callable:
    """The compiled validator of git revision `rev`, loaded as a separate module."""
    source = subprocess.run(["git", "show", f"{rev}:graph/compiled_validation.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / f"compiled_validation_{rev.replace('/', '_')}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.CompiledValidator()


def mutants(data: set[ox.Triple], focus: list[str], count: int, rng: random.Random) -> list[set[ox.Triple]]:
    """Broken copies of `data`, each with one random change to a focus node's triples (none if the change does not
    apply: the data then stays as it is)."""
    focused = set(focus)
    by_pred: dict[str, list[ox.Triple]] = {}
    for t in sorted(data, key=str):
        if t.subject.value in focused:
            by_pred.setdefault(t.predicate.value, []).append(t)

    def pick(*preds: str) -> ox.Triple | None:
        options = [t for p in preds for t in by_pred.get(p, ())]
        return rng.choice(options) if options else None

    def replace(d: set[ox.Triple], t: ox.Triple | None, value: ox.NamedNode | ox.Literal, keep: bool = False) -> None:
        if t is not None:
            if not keep:
                d.discard(t)
            d.add(ox.Triple(t.subject, t.predicate, value))

    def date(value: str) -> ox.Literal:
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))

    out = []
    for _ in range(count):
        d = set(data)
        kind = rng.randrange(11)
        if kind == 0 and (t := pick(RDF + "type")):
            d.discard(t)  # an rdf:type dropped
        elif kind == 1:
            replace(d, pick(DKG + "validFrom", DKG + "validTo"), date("2031-02-03"))  # after the event's end
        elif kind == 2:
            replace(d, pick(DKG + "validFrom", DKG + "dateAnchor"), date("2016-13-45"))  # ill-typed
        elif kind == 3 and (t := pick(OA + "hasSelector")):
            d.discard(t)  # an evidence selector removed
        elif kind == 4 and (t := pick(OA + "start")):
            replace(d, t, ox.Literal(str(int(t.object.value) + 1), datatype=t.object.datatype))  # offset shifted
        elif kind == 5 and (t := pick(DKG + "quadClass", DKG + "casualtyCount")):
            replace(d, t, ox.Literal("0" + t.object.value, datatype=t.object.datatype), keep=True)  # equal for rdflib
        elif kind == 6:
            replace(d, pick(DKG + "goldstein", DKG + "confidence"), ox.Literal("very bad"))
        elif kind == 7:
            replace(d, pick(DKG + "agent", DKG + "place"), ox.Literal("France", language="en"), keep=True)
        elif kind == 8:
            kind_iri = ox.NamedNode(DKG + rng.choice(["Veto", "Meeting", "Actor", "Vote"]))
            replace(d, pick(RDF + "type"), kind_iri, keep=True)  # a second class
        elif kind == 9:
            replace(d, pick(DKG + "modality"), ox.NamedNode(DKG + "Rumoured"), keep=True)
        elif kind == 10:
            replace(d, pick(OA + "exact"), ox.Literal(""))
        out.append(d)
    return out


def report_key(report: object) -> tuple:
    """What must match between two validators: the verdict, the violations and their order."""
    return report.conforms, [(v.focus, v.path, v.value, v.message, v.severity, v.shape) for v in report.violations]


def time_all(inputs: list[Input], validators: dict[str, Callable], repeat: int, totals: dict[str, float]) -> None:
    """Time each validator on each input (calls interleaved); print min and median, add the minimums to `totals`."""
    for k, (data, focus) in enumerate(inputs):
        times: dict[str, list[float]] = {name: [] for name in validators}
        for _ in range(repeat):
            for name, validator in validators.items():
                start = time.process_time()
                validator(data, focus)
                times[name].append(time.process_time() - start)
        line = [f"input {k}: {len(data)} triples, {len(focus)} focus"]
        for name, ts in times.items():
            totals[name] += min(ts)
            line.append(f"{name} min {min(ts) * 1000:.1f} median {statistics.median(ts) * 1000:.1f} ms")
        print(";  ".join(line))


def main(argv: list[str] | None = None) -> int:
    """Capture or load the inputs, time the validator(s), compare reports with a baseline."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=20, help="synthetic articles to ingest when capturing")
    ap.add_argument("--batch", type=int, default=20, help="articles per ingest batch when capturing")
    ap.add_argument("--repeat", type=int, default=15, help="timed calls per input and validator")
    ap.add_argument("--baseline", default=None, help="git revision whose validator to time and compare")
    ap.add_argument("--mutations", type=int, default=20, help="broken copies per input compared with --baseline")
    ap.add_argument("--save", type=Path, default=None, help="write the captured inputs here (JSON)")
    ap.add_argument("--load", type=Path, default=None, help="read inputs written by --save instead of capturing")
    ap.add_argument("--profile", type=Path, default=None, help="write a cProfile of the current validator here")
    ap.add_argument("--gc", choices=["default", "bulk", "off"], default="default",
                    help="garbage collector while timing: as it is, as during an ingest (dkg.collector), or off")
    args = ap.parse_args(argv)
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)  # ill-typed literals of the mutations

    from dkg.collector import bulk_collection  # noqa: PLC0415
    from dkg.compiled_validation import CompiledValidator  # noqa: PLC0415

    inputs = load(args.load) if args.load else capture(args.n, args.batch)
    if args.save:
        save(inputs, args.save)
    inputs.sort(key=lambda i: -len(i[0]))
    validators: dict[str, Callable] = {"current": CompiledValidator()}
    if args.baseline:
        validators = {args.baseline: validator_at(args.baseline), **validators}
    print(f"{len(inputs)} validation inputs, {sum(len(d) for d, _ in inputs)} triples, "
          f"{sum(len(f) for _, f in inputs)} focus nodes; python {sys.version.split()[0]}")
    totals = dict.fromkeys(validators, 0.0)
    with contextlib.ExitStack() as stack:
        if args.gc == "bulk":
            stack.enter_context(bulk_collection())
        elif args.gc == "off":
            gc.disable()
            stack.callback(gc.enable)
        time_all(inputs, validators, args.repeat, totals)
    print("all inputs (sum of minimums): " + ";  ".join(f"{name} {t * 1000:.1f} ms" for name, t in totals.items()))
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for data, focus in inputs:
            validators["current"](data, focus)
        profiler.disable()
        profiler.dump_stats(args.profile)
    if not args.baseline:
        return 0
    baseline, current = validators[args.baseline], validators["current"]
    rng, compared, violations, differ = random.Random(7), 0, 0, 0
    for data, focus in inputs:
        for variant in [data, *mutants(data, focus, args.mutations, rng)]:
            expected, got = report_key(baseline(variant, focus)), report_key(current(variant, focus))
            compared, violations = compared + 1, violations + len(expected[1])
            if expected != got:
                differ += 1
                print(f"reports differ ({len(variant)} triples):\n  baseline {expected}\n  current {got}")
    print(f"reports compared with {args.baseline}: {compared} ({violations} violations), {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
