"""dkg's benchmark suite: one table of medians (and p95s), each comparison measured side by side in one run.

    python bench/run.py --size 10k                 # generates /tmp/dkg-bench-10k/data if missing
    python bench/run.py --size 100k --data /tmp/dkg-bench-100k/data
    python bench/run.py --size 1M --data /tmp/dkg-bench-1m/data --rebuild-limit 100000

Sections (docs/benchmarks.md explains each number): 1 ingest through the full write path and validation time
per assertion (compiled validator; pyshacl and the core without the proposed neighbourhood fixes side by side),
2 extraction, 3 relationship questions through the Python API and HTTP, 4 the same SPARQL over HTTP against
`dkg serve`, raw `oxigraph serve` and an rdflib endpoint, 5 as-of queries (cold and warm) relative to the head,
6 rebuild and restart (tail only), 7 memory and disk. Run by hand, never in CI. Results also go to
`bench/results/<size>-<timestamp>.json`.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402
import pyoxigraph as ox  # noqa: E402
from dkg.config import Settings  # noqa: E402
from dkg.kg import KnowledgeGraph  # noqa: E402
from dkg.log import open_log  # noqa: E402
from dkg.projection import VERSION_FILE, Projection, user_quads  # noqa: E402
from dkg.terms import sparql_prefixes  # noqa: E402
from generate import BASE, PRINCIPAL, Generator, build_world, generate  # noqa: E402
from helpers import (  # noqa: E402
    apply_core_fixes,
    dir_size_mb,
    hwm_of,
    install_validator,
    median,
    p95,
    parse_size,
    peak_rss_mb,
)

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
TIMELINE_PAGE = 100  # events per timeline page (with details and sources); the API's default page is 500
DEFAULT_SNAPSHOT = {10_000: 1000, 100_000: 10_000, 1_000_000: 100_000}
ROWS: list[dict[str, Any]] = []
PHASES: dict[str, float] = {}


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Time a part of the run (wall clock), for the summary printed at the end."""
    t0 = time.perf_counter()
    try:
        yield
    finally:
        PHASES[name] = PHASES.get(name, 0.0) + time.perf_counter() - t0


def row(section: str, measure: str, value: float | str, unit: str = "", target: str = "", ok: bool | None = None,
        note: str = "") -> None:
    """Record one line of the result table (and print it as it comes, for long runs)."""
    entry = {"section": section, "measure": measure, "value": value, "unit": unit, "target": target,
             "ok": ok, "note": note}
    ROWS.append(entry)
    shown = f"{value:,.3g}" if isinstance(value, float) else str(value)
    print(f"  [{section}] {measure}: {shown} {unit} {('(' + target + ')') if target else ''} {note}", flush=True)


def fmt(value: float | str) -> str:
    if isinstance(value, str):
        return value
    if value != value:  # nan
        return "n/a"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table() -> str:
    """The results as one Markdown table."""
    lines = ["| # | measure | value | unit | target | met |", "|---|---|---:|---|---|---|"]
    for r in ROWS:
        met = "" if r["ok"] is None else ("yes" if r["ok"] else "**no**")
        note = f" ({r['note']})" if r["note"] else ""
        lines.append(f"| {r['section']} | {r['measure']}{note} | {fmt(r['value'])} | {r['unit']} | {r['target']} "
                     f"| {met} |")
    return "\n".join(lines)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


# ---- 1. ingest -----------------------------------------------------------------------------------------


def fresh_generator(kg: KnowledgeGraph, seed: int) -> Generator:
    """A generator whose IRIs and article texts cannot collide with anything already in the log."""
    gen = Generator(seed, build_world(random.Random(7)))
    head = kg.log.head()
    gen.n_events = 100_000_000 + head * 40
    gen.n_resolutions = 10_000_000 + head
    gen.n_articles = 50_000_000 + head
    return gen


def bench_ingest(kg: KnowledgeGraph, runs: int, articles_per_run: int) -> None:
    """Assertions per second through assert_drafts (SHACL + append + projection), validation per assertion."""
    timed_validator = install_validator(kg, "compiled")
    rates, val_ms = [], []
    for r in range(runs):
        gen = fresh_generator(kg, 1000 + r)
        batch = [gen.article(date(2025, 1, 1) + timedelta(days=i), 20) for i in range(articles_per_run)]
        timed_validator.reset()
        n = sum(len(d) for _, d in batch)
        dt, _ = timed(lambda b=batch: [kg.assert_drafts(a, d, PRINCIPAL) for a, d in b])
        rates.append(n / dt)
        val_ms.append(1000 * timed_validator.seconds / n)
    row("1", "ingest, full write path, compiled validator", median(rates), "assertions/s", ">= 2,000",
        median(rates) >= 2000, f"median of {runs} runs x {articles_per_run} articles of ~20 facts")
    row("1", "validation per assertion (compiled)", median(val_ms), "ms")
    # side by side: pyshacl on the same kind of batch (one article), and the core without the proposed fixes
    gen = fresh_generator(kg, 2000)
    art, drafts = gen.article(date(2025, 6, 1), 20)
    timed_validator = install_validator(kg, "pyshacl")
    dt, _ = timed(lambda: kg.assert_drafts(art, drafts, PRINCIPAL))
    py_rate = len(drafts) / dt
    row("1", "ingest with pyshacl as validator (1 article)", py_rate, "assertions/s", "",
        None, f"compiled is {median(rates) / py_rate:.0f}x faster")
    row("1", "validation per assertion (pyshacl)", 1000 * timed_validator.seconds / len(drafts), "ms")
    install_validator(kg, "compiled")
    apply_core_fixes(False)
    gen = fresh_generator(kg, 3000)
    art, drafts = gen.article(date(2025, 7, 1), 20)
    dt, _ = timed(lambda: kg.assert_drafts(art, drafts, PRINCIPAL))
    apply_core_fixes(True)
    row("1", "ingest, core neighbourhood as is (1 article)", len(drafts) / dt, "assertions/s", "", None,
        "without prov:Agent hub / code-IRI fixes")
    install_validator(kg, "compiled")


def validation_flatness(data: Path) -> None:
    """Validation ms per assertion early and late in the generation (gen-stats.json windows)."""
    stats_path = data / "gen-stats.json"
    if not stats_path.exists():
        return
    windows = json.loads(stats_path.read_text()).get("windows", [])
    if len(windows) < 4:
        return
    early = median([w["validation_ms_per_assertion"] for w in windows[1:4]])
    late = median([w["validation_ms_per_assertion"] for w in windows[-3:]])
    rate_early = median([w["rate"] for w in windows[1:4]])
    rate_late = median([w["rate"] for w in windows[-3:]])
    row("1", f"generation: validation ms/assertion at {windows[2]['events']:,} -> {windows[-1]['events']:,} events",
        f"{early:.2f} -> {late:.2f}", "ms", "<= 1.5x", late <= 1.5 * early, f"ratio {late / early:.2f}")
    row("1", "generation: assertions/s early -> late", f"{rate_early:.0f} -> {rate_late:.0f}", "assertions/s")


# ---- 2. extraction -------------------------------------------------------------------------------------


def bench_extraction(kg: KnowledgeGraph, runs: int) -> None:
    """Seed-size articles per second: extraction alone, and ingest (extract + match + compile + write)."""
    seed = ROOT / "examples" / "aleppo-2016.txt"
    try:
        from dkg.extraction.extractor import extract  # noqa: PLC0415
        from dkg.review import ingest  # noqa: PLC0415
    except ImportError as exc:
        row("2", "extraction", "skipped", note=f"dkg.extraction not importable: {exc}")
        return
    if not seed.exists():
        row("2", "extraction", "skipped", note="examples/aleppo-2016.txt missing")
        return
    text = seed.read_text("utf-8")
    extract(text, published="2016-10-10")  # warm the NLP pipeline
    t_extract = [timed(lambda: extract(text, published="2016-10-10"))[0] for _ in range(runs)]
    row("2", "extraction only (seed article)", 1 / median(t_extract), "articles/s", "", None,
        f"{len(text):,} characters")
    t_ingest = []
    for r in range(runs):
        copy = text + f"\n\n(Benchmark copy {kg.log.head()}-{r}.)"
        t_ingest.append(timed(lambda c=copy: ingest(kg, c, published="2016-10-10", principal=PRINCIPAL))[0])
    row("2", "ingest (extract, match, compile, validate, write)", 1 / median(t_ingest), "articles/s")


# ---- 3. relationship questions -------------------------------------------------------------------------


def pick_entities(kg: KnowledgeGraph) -> tuple[list[str], list[str]]:
    """The busiest states (by events) and places: the worst case for the relationship questions."""
    rows = kg.select("""SELECT ?a (COUNT(*) AS ?n) WHERE {
        { SELECT ?a WHERE { ?a a dkg:State } } ?e dkg:participant|dkg:agent ?a } GROUP BY ?a ORDER BY DESC(?n)
        LIMIT 12""")
    actors = [str(r["a"]) for r in rows]
    rows = kg.select("""SELECT ?p (COUNT(*) AS ?n) WHERE { ?e dkg:place ?p } GROUP BY ?p ORDER BY DESC(?n)
        LIMIT 6""")
    places = [str(r["p"]) for r in rows]
    return actors, places


def quiet_places(kg: KnowledgeGraph, n: int = 2) -> list[str]:
    """Places with the fewest events that involve an actor: from a busy actor, a path to them needs two or three
    events."""
    rows = kg.select(f"""SELECT ?p (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e dkg:place ?p ; dkg:participant|dkg:agent ?a }}
        GROUP BY ?p ORDER BY ?n ?p LIMIT {n}""")
    return [str(r["p"]) for r in rows]


def pairs_of(actors: list[str]) -> list[tuple[str, str]]:
    return [(actors[i], actors[j]) for i, j in ((0, 1), (0, 2), (1, 3), (2, 5), (4, 7), (6, 11), (3, 9), (8, 10))
            if j < len(actors)]


def questions(actors: list[str], places: list[str], quiet: list[str]) -> dict[str, list[tuple]]:
    """The questions of section 3: pairs of the busiest states, the busiest places; paths also from the two
    busiest states to the two quietest places (longer chains, larger searches)."""
    pairs = pairs_of(actors)
    return {
        "events between two actors": [("between", a, b) for a, b in pairs],
        "counterparts of an actor": [("counterparts", a) for a in actors[:6]],
        "timeline of a place": [("timeline", p) for p in places],
        "paths of length <= 3": [("paths", a, b) for a, b in pairs[:4]] + [("paths", a, p)
                                                                          for a, p in zip(actors, quiet, strict=False)],
    }


def gave_up(answer: Any) -> bool:
    """Whether a paths answer stopped at its link budget (its latency then covers an incomplete search)."""
    return isinstance(answer, dict) and answer.get("complete") is False


def ask_python(kg: KnowledgeGraph, q: tuple) -> Any:
    from dkg import relations as rel  # noqa: PLC0415

    if q[0] == "between":
        return rel.relations_between(kg, q[1], q[2])
    if q[0] == "counterparts":
        return rel.counterparts(kg, q[1])
    if q[0] == "timeline":
        return rel.timeline(kg, place=q[1], limit=TIMELINE_PAGE)
    return rel.paths(kg, q[1], q[2], max_events=3)


def ask_http(client: httpx.Client, q: tuple) -> Any:
    if q[0] == "between":
        r = client.get("/relations", params={"a": q[1], "b": q[2]})
    elif q[0] == "counterparts":
        r = client.get(f"/actors/{q[1].removeprefix(BASE)}/relations")
    elif q[0] == "timeline":
        r = client.get("/timeline", params={"place": q[1], "limit": TIMELINE_PAGE})
    else:
        r = client.get("/paths", params={"from": q[1], "to": q[2], "max": 3})
    if r.status_code == 503:  # the server's query timeout (dkg serve --query-timeout)
        return None
    r.raise_for_status()
    return r.json()


def latency_rows(section: str, how: str, ask: Callable[[tuple], Any], qs: dict[str, list[tuple]], reps: int,
                 size: int, budget: float) -> None:
    """Median and p95 latency of each question; a question stops being sampled after `budget` seconds.

    Calls the server cancelled at its query timeout count as samples of the timeout's length."""
    for name, items in qs.items():
        samples: list[float] = []
        timeouts = incomplete = 0
        spent = 0.0
        t_first, first = timed(lambda q=items[0]: ask(q))  # warm-up
        if first is None:
            timeouts += 1
            samples.append(1000 * t_first)
        else:
            for _ in range(reps):
                for q in items:
                    t, out = timed(lambda q=q: ask(q))
                    samples.append(1000 * t)
                    timeouts += out is None
                    incomplete += gave_up(out)
                    spent += t
                    if spent > budget:
                        break
                if spent > budget:
                    break
        target = "p95 < 50 ms at 1M" if size >= 1_000_000 else "p95 < 50 ms (1M target)"
        note = f"{len(samples)} calls" + (f", {timeouts} cancelled at the {budget:.0f} s server timeout"
                                          if timeouts else "") + _notes(items, incomplete)
        row(section, f"{name} ({how}) median / p95", f"{median(samples):,.0f} / {p95(samples):,.0f}", "ms", target,
            p95(samples) < 50 and not timeouts, note)


def _question_child(data: str, items: list[tuple], reps: int, conn) -> None:  # noqa: ANN001
    """In a child process: open the knowledge base and time each call, sending every sample as it comes."""
    kg = KnowledgeGraph.open(Settings.load(data), catch_up=False)
    ask_python(kg, items[0])
    conn.send(("warm", None))
    for _ in range(reps):
        for q in items:
            t, out = timed(lambda q=q: ask_python(kg, q))
            conn.send(("sample", (1000 * t, gave_up(out))))
    conn.send(("done", None))


def _notes(items: list[tuple], incomplete: int) -> str:
    """What a row's questions were, beyond their name."""
    note = ""
    if items[0][0] == "timeline":
        note = f"; pages of {TIMELINE_PAGE} events"
    if items[0][0] in ("between", "counterparts"):
        note = f"; default page ({'100 events' if items[0][0] == 'between' else '100 counterparts'})"
    if items[0][0] == "paths":
        note = f"; {len(items)} pairs, the last two to the quietest places"
        if incomplete:
            note += f", {incomplete} calls stopped at the link budget"
    return note


def python_questions(data: Path, qs: dict[str, list[tuple]], reps: int, size: int, budget: float) -> None:
    """Relationship questions through the Python API, each in a child process killed after `budget` seconds
    (an Oxigraph query cannot be interrupted from Python)."""
    import multiprocessing as mp  # noqa: PLC0415

    ctx = mp.get_context("fork")
    for name, items in qs.items():
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_question_child, args=(str(data), items, reps, child))
        t0 = time.perf_counter()
        proc.start()
        samples: list[float] = []
        incomplete = 0
        warm = False
        timed_out = False
        while True:
            left = budget * (2 if not warm else 1) - (time.perf_counter() - t0)
            if left <= 0 or not parent.poll(left):
                timed_out = True
                break
            kind, value = parent.recv()
            if kind == "warm":
                warm, t0 = True, time.perf_counter()
            elif kind == "sample":
                samples.append(value[0])
                incomplete += value[1]
            else:
                break
        proc.kill()
        proc.join()
        target = "p95 < 50 ms at 1M" if size >= 1_000_000 else "p95 < 50 ms (1M target)"
        if not samples:
            row("3", f"{name} (Python API)", f"> {budget * 2:.0f} s", "", target, False,
                "not one call finished within the budget (warm-up included)")
            continue
        row("3", f"{name} (Python API) median / p95", f"{median(samples):,.0f} / {p95(samples):,.0f}", "ms",
            target, p95(samples) < 50, f"{len(samples)} calls" + (", stopped at the time budget" if timed_out else "")
            + _notes(items, incomplete))


# ---- 4. SPARQL over HTTP -------------------------------------------------------------------------------


def sparql_queries(actors: list[str], places: list[str]) -> dict[str, str]:
    a, b = actors[0], actors[1]
    p = places[0]
    pre = sparql_prefixes()
    return {
        "Q1 events between two actors": pre + f"""SELECT DISTINCT ?e ?type ?from WHERE {{
            ?e ?r1 <{a}> ; ?r2 <{b}> ; a ?type . OPTIONAL {{ ?e dkg:validFrom ?from }} }}
            ORDER BY DESC(?from) LIMIT 100""",
        "Q2 counterparts of an actor": pre + f"""SELECT ?other (COUNT(DISTINCT ?e) AS ?n) WHERE {{
            ?e dkg:participant|dkg:agent|dkg:target <{a}> .
            ?e dkg:participant|dkg:agent|dkg:target|dkg:beneficiary ?other . FILTER(?other != <{a}>) }}
            GROUP BY ?other ORDER BY DESC(?n) LIMIT 50""",
        "Q3 timeline of a place": pre + f"""SELECT DISTINCT ?e ?from WHERE {{
            ?e dkg:place <{p}> ; dkg:validFrom ?from }} ORDER BY ?from LIMIT 500""",
        "Q4 events by type in one year": pre + """SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
            ?e dkg:validFrom ?d ; a ?type .
            FILTER(?d >= "2012-01-01"^^xsd:date && ?d < "2013-01-01"^^xsd:date) } GROUP BY ?type""",
        "Q5 states between two actors (2 events)": pre + f"""SELECT DISTINCT ?mid WHERE {{
            ?e1 dkg:participant <{a}> , ?mid . ?e2 dkg:participant ?mid , <{actors[5]}> .
            FILTER(?mid != <{a}>) }} LIMIT 50""",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 600) -> None:
    t0 = time.time()
    while time.time() - t0 < timeout:
        try:
            if httpx.get(url, timeout=5).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not come up")


def start(cmd: list[str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(cmd, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def sparql_get(client: httpx.Client, query: str) -> int:
    r = client.post("/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    r.raise_for_status()
    return len(r.json()["results"]["bindings"])


def measure_endpoint(base_url: str, queries: dict[str, str], reps: int, concurrency: int, total: int
                     ) -> tuple[dict[str, float], float, dict[str, int]]:
    """Median latency per query (sequential), and throughput over all queries with `concurrency` clients."""
    lat: dict[str, float] = {}
    counts: dict[str, int] = {}
    with httpx.Client(base_url=base_url, timeout=300) as client:
        for name, q in queries.items():
            counts[name] = sparql_get(client, q)
            lat[name] = 1000 * median([timed(lambda q=q: sparql_get(client, q))[0] for _ in range(reps)])
    items = list(queries.values()) * (total // len(queries))

    def worker(chunk: list[str]) -> None:
        with httpx.Client(base_url=base_url, timeout=300) as client:
            for q in chunk:
                sparql_get(client, q)

    chunks = [items[i::concurrency] for i in range(concurrency)]
    t0 = time.perf_counter()
    with cf.ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(worker, chunks))
    throughput = len(items) / (time.perf_counter() - t0)
    return lat, throughput, counts


# ---- 5. time travel ------------------------------------------------------------------------------------


def bench_timetravel(kg: KnowledgeGraph, actors: list[str], reps: int) -> None:
    query = f"""SELECT DISTINCT ?e WHERE {{ ?e ?r1 <{actors[0]}> ; ?r2 <{actors[1]}> }}"""

    def run(as_of: int | None) -> float:
        return timed(lambda: list(kg.query(query, as_of=as_of)))[0]

    head = kg.version()
    current = median([run(None) for _ in range(reps)])
    row("5", "query at the head (reference)", 1000 * current, "ms")
    for share in (0.1, 0.5, 0.9):
        v = int(head * share)
        cold = run(v)
        warm = median([run(v) for _ in range(reps)])
        kind, start_at = kg.timetravel.plan(v, head)
        row("5", f"as-of {int(share * 100)}% (v{v:,}) cold / warm", f"{1000 * cold:,.0f} / {1000 * warm:.1f}", "ms",
            "warm within 2x", warm <= 2 * current,
            f"warm {warm / current:.1f}x head; cold starts from {kind} {start_at:,}, {abs(v - start_at):,} events away")


# ---- 6. rebuild and restart ----------------------------------------------------------------------------


def bench_restart(data: Path, tail: int = 1000) -> None:
    """Reopen after the projection fell `tail` events behind the log: only the tail is applied."""
    settings = Settings.load(data)
    version_file = settings.projection_dir / VERSION_FILE
    head = int(version_file.read_text().strip())
    version_file.write_text(f"{head - tail}\n")  # as after a crash: the idempotent tail is re-applied
    t, kg = timed(lambda: KnowledgeGraph.open(settings))
    applied = kg.version()
    kg.close()
    row("6", f"restart with {tail:,} new events (tail only)", t, "s", "", None,
        f"back at v{applied:,}; {tail / t:,.0f} events/s incl. opening")


def bench_rebuild(data: Path, limit: int | None) -> None:
    """Replay the log into a fresh on-disk projection (what `dkg rebuild` does), events per second."""
    settings = Settings.load(data)
    log = open_log(settings.resolved_log_url)
    scratch = Path(tempfile.mkdtemp(prefix="dkg-rebuild-", dir=data.parent))
    try:
        proj = Projection(scratch / "projection", snapshot_every=settings.snapshot_every)
        until = min(log.head(), limit) if limit else log.head()
        t, n = timed(lambda: proj.apply(log.read(until=until)))
        proj.close()
        row("6", "rebuild (replay into a fresh on-disk projection)", n / t, "events/s", ">= 5,000", n / t >= 5000,
            f"{n:,} events in {t:.0f} s, snapshots every {settings.snapshot_every:,}")
    finally:
        log.close()
        shutil.rmtree(scratch, ignore_errors=True)


# ---- main ----------------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import pyoxigraph  # noqa: PLC0415
    import pyshacl  # noqa: PLC0415
    import rdflib  # noqa: PLC0415

    return {"cpu": model, "cores": os.cpu_count(), "ram_gib": round(mem, 1), "python": platform.python_version(),
            "pyoxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__, "pyshacl": pyshacl.__version__,
            "kernel": platform.release(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="10k")
    parser.add_argument("--data", type=Path, default=None, help="data folder (default /tmp/dkg-bench-<size>/data)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the median is reported)")
    parser.add_argument("--reps", type=int, default=3, help="repetitions per query")
    parser.add_argument("--ingest-articles", type=int, default=5, help="articles (~20 facts) per ingest run")
    parser.add_argument("--throughput-queries", type=int, default=100, help="queries in the 4-client throughput test")
    parser.add_argument("--rdflib-max", type=int, default=10_000, help="largest size loaded into rdflib")
    parser.add_argument("--rebuild-limit", type=int, default=None, help="replay at most this many events")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds of sampling per relationship question")
    parser.add_argument("--oxigraph-store", type=Path, default=None, help="an `oxigraph load`ed store of the same "
                        "data for section 4 (at 1M the export and load take minutes: prepare them beforehand)")
    parser.add_argument("--skip", default="", help="comma-separated sections to skip (1-7; 3py: only the Python API"
                        " part of 3)")
    args = parser.parse_args(argv)
    size = parse_size(args.size)
    data = args.data or Path(f"/tmp/dkg-bench-{args.size.lower()}/data")
    skip = set(args.skip.split(",")) if args.skip else set()
    t_start = time.perf_counter()
    info = machine()
    print(f"dkg benchmark, {args.size} events, data {data}\nmachine: {info}", flush=True)
    apply_core_fixes(True)

    if not (data / "log.sqlite").exists() or not (data / "gen-stats.json").exists():
        print("generating …", flush=True)
        generate(data, size, snapshot_every=DEFAULT_SNAPSHOT.get(size, 1000), quiet=True)
    stats = json.loads((data / "gen-stats.json").read_text())
    generated = stats.get("generated_events", stats["events"] if stats.get("seconds") else 0)
    if generated and stats.get("seconds"):
        row("0", "generation through the write path", generated / stats["seconds"],
            "events/s", "", None, f"{generated:,} events in {stats['seconds']:,.0f} s, compiled validator")
    row("0", "events in the data set", float(stats.get("events", 0)), "events", "", None,
        f"log head {stats.get('log_head', 0):,}, {stats.get('articles', 0):,} articles")

    with phase("0 open, pick entities, count quads"):
        kg = KnowledgeGraph.open(Settings.load(data))
        actors, places = pick_entities(kg)
        qs = questions(actors, places, quiet_places(kg))
        kg.close()
    if "3" not in skip and "3py" not in skip:
        with phase("3 relationship questions, Python API"):
            python_questions(data, qs, args.reps, size, args.budget)
    with phase("0 open, pick entities, count quads"):
        kg = KnowledgeGraph.open(Settings.load(data))
        install_validator(kg, "compiled")
        quads = sum(1 for _ in user_quads(kg.projection.store)) if size <= 100_000 else None
    if quads:
        row("0", "quads in the projection", float(quads), "quads")
    if "1" not in skip:
        with phase("1 ingest"):
            bench_ingest(kg, args.runs, args.ingest_articles)
            validation_flatness(data)
    if "2" not in skip:
        with phase("2 extraction"):
            bench_extraction(kg, args.runs)
    if "5" not in skip:
        with phase("5 time travel"):
            bench_timetravel(kg, actors, args.reps)
    export = data.parent / "export.nq"
    if "4" not in skip and args.oxigraph_store is None:
        with phase("4 SPARQL over HTTP (export, loads, queries)"), export.open("wb") as fh:
            ox.serialize(user_quads(kg.projection.store), fh, ox.RdfFormat.N_QUADS)
    kg.close()
    if "6" not in skip:
        with phase("6 restart and rebuild"):
            bench_restart(data)
            bench_rebuild(data, args.rebuild_limit)

    logs = data.parent / "logs"
    logs.mkdir(exist_ok=True)
    if "3" not in skip or "4" not in skip:
        port = free_port()
        dkg_proc = start([str(VENV_BIN / "dkg"), "serve", "--data", str(data), "--port", str(port),
                          "--query-timeout", str(args.budget)],
                         logs / "dkg-serve.log")
        try:
            with phase("dkg serve start"):
                wait_http(f"http://127.0.0.1:{port}/openapi.json")
            dkg_url = f"http://127.0.0.1:{port}"
            if "3" not in skip:
                with phase("3 relationship questions, HTTP"), \
                        httpx.Client(base_url=dkg_url, timeout=args.budget + 10) as client:
                    latency_rows("3", "HTTP", lambda q, c=client: ask_http(c, q), qs, args.reps, size, args.budget)
            if "4" not in skip:
                with phase("4 SPARQL over HTTP (export, loads, queries)"):
                    bench_sparql_http(dkg_url, data, export, actors, places, args, size, logs)
            tree = [peak for peak in map(tree_hwm, process_tree(dkg_proc.pid)) if peak is not None]
            row("7", "API process peak RSS (dkg serve, after the queries)", hwm_of(dkg_proc.pid), "MiB",
                "<= 2,048 MiB at 1M", sum(tree) <= 2048 if size >= 1_000_000 else None,
                f"with its fork server and query workers: {sum(tree):,.0f} MiB over {len(tree)} processes (sum of "
                "each one's peak, an upper bound)")
        finally:
            stop(dkg_proc)
    if "7" not in skip:
        windows = stats.get("windows", [])
        if windows and "rss_mb" in windows[-1]:
            row("7", "bulk load peak RSS (generate.py)", float(windows[-1]["rss_mb"]), "MiB")
        settings = Settings.load(data)
        log_files = [p for p in data.iterdir() if p.name.startswith("log.sqlite")]
        row("7", "disk: event log (SQLite, with WAL)", sum(p.stat().st_size for p in log_files) / 2**20, "MiB")
        row("7", "disk: projection store", dir_size_mb(settings.projection_dir / "store"), "MiB")
        snaps = settings.projection_dir / "snapshots"
        n_snaps = len(list(snaps.iterdir())) if snaps.exists() else 0
        total = dir_size_mb(settings.projection_dir)
        row("7", "disk: snapshots (beyond the live store)", total - dir_size_mb(settings.projection_dir / "store"),
            "MiB", "", None, f"{n_snaps} snapshots")
        row("7", "peak RSS of this benchmark process", peak_rss_mb(), "MiB")
    elapsed = time.perf_counter() - t_start
    print(f"\n## dkg benchmark: {args.size} events ({elapsed:.0f} s)\n")
    print(table())
    print("\nwall clock per part: " + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in PHASES.items()))
    print(f"load average (1, 5, 15 min) at the start {info['load_average_at_start']}, at the end "
          f"{[round(x, 2) for x in os.getloadavg()]} on {info['cores']} cores")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    (out / f"{args.size.lower()}-{stamp}.json").write_text(json.dumps(
        {"size": args.size, "command": " ".join(["python", "bench/run.py", *(argv or sys.argv[1:])]),
         "machine": info, "elapsed_s": elapsed, "phases_s": PHASES, "rows": ROWS}, indent=1))


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants (dkg serve's fork server and query workers), from /proc."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def tree_hwm(pid: int) -> float | None:
    """A process's peak RSS (MiB), None if it ended since it was listed (a worker killed at a deadline)."""
    try:
        return hwm_of(pid)
    except OSError:
        return None


def bench_sparql_http(dkg_url: str, data: Path, export: Path, actors: list[str], places: list[str],
                      args: argparse.Namespace, size: int, logs: Path) -> None:
    """The five SPARQL queries against dkg serve, oxigraph serve (same export) and rdflib behind FastAPI."""
    queries = sparql_queries(actors, places)
    reps, conc, total = args.reps, 4, args.throughput_queries
    dkg_lat, dkg_tp, counts = measure_endpoint(dkg_url, queries, reps, conc, total)
    given = args.oxigraph_store
    ox_dir = given or Path(tempfile.mkdtemp(prefix="oxigraph-", dir=data.parent))
    procs: list[subprocess.Popen] = []
    try:
        t_load = None
        if given is None:
            t_load, _ = timed(lambda: subprocess.run([str(VENV_BIN / "oxigraph"), "load", "--location", str(ox_dir),
                                                      "--file", str(export)], check=True, capture_output=True))
        port = free_port()
        procs.append(start([str(VENV_BIN / "oxigraph"), "serve", "--location", str(ox_dir), "--bind",
                            f"127.0.0.1:{port}", "--union-default-graph"], logs / "oxigraph.log"))
        ox_url = f"http://127.0.0.1:{port}"
        wait_http(ox_url + "/")
        ox_lat, ox_tp, ox_counts = measure_endpoint(ox_url, queries, reps, conc, total)
        rd: tuple | None = None
        if size <= args.rdflib_max and export.exists():
            port = free_port()
            procs.append(start([sys.executable, str(Path(__file__).parent / "rdflib_endpoint.py"), str(export),
                                "--port", str(port)], logs / "rdflib.log"))
            rd_url = f"http://127.0.0.1:{port}"
            wait_http(rd_url + "/health", timeout=1800)
            load = httpx.get(rd_url + "/health").json()["load_seconds"]
            rd = (*measure_endpoint(rd_url, queries, max(2, reps // 2), conc, 20), load)
        for name in queries:
            same = counts[name] == ox_counts[name]
            note = f"{counts[name]} rows" + ("" if same else f" (oxigraph: {ox_counts[name]})")
            ratio = dkg_lat[name] / ox_lat[name]
            text = f"{dkg_lat[name]:.1f} / {ox_lat[name]:.1f}"
            if rd:
                text += f" / {rd[0][name]:,.0f}"
                note += f"; rdflib/dkg {rd[0][name] / dkg_lat[name]:.0f}x"
            row("4", f"{name}: dkg / oxigraph{' / rdflib' if rd else ''} median", text, "ms",
                "dkg <= 1.5x oxigraph", ratio <= 1.5, f"dkg/oxigraph {ratio:.2f}x; {note}")
        row("4", "throughput, 4 clients: dkg / oxigraph", f"{dkg_tp:.1f} / {ox_tp:.1f}", "queries/s",
            "dkg >= 1/1.5 of oxigraph", dkg_tp >= ox_tp / 1.5, f"ratio {ox_tp / dkg_tp:.2f}x")
        if t_load is not None:
            row("4", "oxigraph load of the export", t_load, "s")
        else:
            row("4", "oxigraph load of the export", "beforehand", note=f"store {given}")
        if rd:
            row("4", "throughput, 4 clients: rdflib endpoint", rd[1], "queries/s", "dkg >= 20x rdflib",
                dkg_tp >= 20 * rd[1], f"dkg/rdflib {dkg_tp / rd[1]:.0f}x; rdflib load {rd[3]:.0f} s")
        else:
            why = f"size above --rdflib-max {args.rdflib_max:,}" if size > args.rdflib_max else "no export to load"
            row("4", "rdflib endpoint", "skipped", note=why)
        row("7", "oxigraph serve peak RSS (same export, after the queries)", hwm_of(procs[0].pid), "MiB")
        if rd:
            row("7", "rdflib endpoint peak RSS", hwm_of(procs[1].pid), "MiB")
    finally:
        for p in procs:
            stop(p)
        if given is None:
            shutil.rmtree(ox_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
