"""Matching's event index answers as the store does: after ingest, a second source, a retraction, another
writer's appends, a rebuild, and with a batch's uncommitted facts; a loaded hub party is not read again."""

from __future__ import annotations

import copy
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from dkg.config import Settings
from dkg.extraction import extract, match_sheet
from dkg.extraction.event_index import SPAN_DAYS, EventIndex, _Bucket, _Event, event_index
from dkg.extraction.matching import (
    DKG_NS,
    RDF_TYPE,
    EventKey,
    PendingFacts,
    _dates_meet,
    candidate_events,
    key_of_fact,
)
from dkg.kg import KnowledgeGraph, write_validator
from dkg.log import open_log
from dkg.projection import Projection
from dkg.refdata import load_reference_data
from dkg.review import ArticleInput, ingest, ingest_many

from conftest import copy_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from extraction_throughput import open_fresh, synthetic_articles  # noqa: E402

SEED = (Path(__file__).resolve().parents[1] / "examples" / "aleppo-2016.txt").read_text(encoding="utf-8")
VETO_SAT = ("Russia vetoed the French draft at the Security Council on Saturday.", "2019-03-04")  # 2019-03-02
VETO_FRI = ("On Friday Russia used its veto against the French text at the UN Security Council.", "2019-03-03")
Sheets = list[tuple[dict[str, Any], date]]


def sheets_of(articles: list[Any]) -> Sheets:
    return [(extract(a.text, published=a.published), a.published) for a in articles]


@pytest.fixture(scope="module")
def base_kg() -> Iterator[KnowledgeGraph]:
    """Reference data, the seed and ten synthetic articles (hub parties: the permanent members)."""
    kg = KnowledgeGraph.in_memory()
    load_reference_data(kg)
    ingest(kg, SEED, published="2016-10-10", principal="test")
    for a in synthetic_articles(10, seed=3):
        ingest(kg, a.text, published=a.published, principal="test")
    yield kg
    kg.close()


@pytest.fixture(scope="module")
def held() -> Sheets:
    """Sheets of articles the graph does not hold (their parties and dates overlap the graph's)."""
    return sheets_of(synthetic_articles(6, seed=11)) + sheets_of(synthetic_articles(10, seed=3)[:3])


@pytest.fixture()
def kg(base_kg: KnowledgeGraph) -> Iterator[KnowledgeGraph]:
    """A copy of the base knowledge graph, to change."""
    kg = copy_of(base_kg)
    yield kg
    kg.close()


def key_groups(sheet: dict[str, Any], anchor: date) -> list[list[EventKey]]:
    """The keys match_sheet asks candidates for: drafts, then the other facts."""
    facts = sheet["facts"]
    drafts = [key_of_fact(f, anchor) for f in facts if f["type"] == "DraftResolution"]
    return [g for g in (drafts, [key_of_fact(f, anchor) for f in facts if f["type"] != "DraftResolution"]) if g]


def compare(kg: KnowledgeGraph, index: EventIndex, sheets: Sheets, pending: PendingFacts | None = None) -> int:
    """Assert both paths give the same candidates and matches for every sheet; the number of candidates."""
    found = 0
    for sheet, anchor in sheets:
        for keys in key_groups(sheet, anchor):
            store = candidate_events(kg, keys, pending=pending)
            assert candidate_events(kg, keys, pending=pending, index=index) == store
            found += sum(len(v) for v in store.values())
        by_store = match_sheet(copy.deepcopy(sheet), kg, pending=pending)
        assert match_sheet(copy.deepcopy(sheet), kg, pending=pending, index=index) == by_store
    return found


def veto_key(day: str) -> EventKey:
    return key_of_fact({"type": "Veto", "agent": "russia", "date": day})


def vetoes(kg: KnowledgeGraph, index: EventIndex | None, day: str) -> set[str]:
    return set(candidate_events(kg, [veto_key(day)], index=index).get("Veto", {}))


def test_bucket_windows_are_those_of_dates_meet() -> None:
    """Undated, long, short and reversed intervals: the bucket finds exactly the events _dates_meet accepts."""
    rng = random.Random(5)
    d0 = date(2016, 1, 1)
    events: dict[str, _Event] = {}
    bucket = _Bucket()
    for i in range(400):
        rows: set[tuple[str, str, bool]] = {(RDF_TYPE, DKG_NS + "Veto", True)}
        kind = rng.random()
        if kind > 0.1:
            start = d0 + timedelta(days=rng.randrange(400))
            span = rng.choice([0, 0, 1, 5, 30, SPAN_DAYS, SPAN_DAYS + 1, 200, -3])
            rows |= {(DKG_NS + "validFrom", start.isoformat(), False),
                     (DKG_NS + "validTo", (start + timedelta(days=span)).isoformat(), False)}  # fmt: skip
        events[f"e{i}"] = _Event(rows)
        bucket.add(f"e{i}", events[f"e{i}"])
    for i in range(0, 400, 7):  # taking out and putting back keeps the bucket exact
        bucket.discard(f"e{i}", events[f"e{i}"])
    for i in range(0, 400, 14):
        bucket.add(f"e{i}", events[f"e{i}"])
    present = {f"e{i}" for i in range(400) if i % 7 or i % 14 == 0}
    assert {"e0", "e14"} <= present and "e7" not in present
    for _ in range(300):
        start = d0 + timedelta(days=rng.randrange(-20, 420)) if rng.random() > 0.05 else None
        end = start + timedelta(days=rng.choice([0, 0, 3, 30, 90])) if start else None
        window = rng.randrange(0, 8)
        expected = {ev for ev in present if _dates_meet(start, end, events[ev].start, events[ev].end, window)}
        got = list(bucket.meeting(start, end, window, events))
        assert len(got) == len(set(got)) and set(got) == expected


def test_one_index_per_knowledge_graph(base_kg: KnowledgeGraph) -> None:
    other = KnowledgeGraph.in_memory(validator=None)
    try:
        assert event_index(base_kg) is event_index(base_kg)
        assert event_index(other) is not event_index(base_kg)
        with pytest.raises(ValueError, match="another knowledge graph"):
            candidate_events(base_kg, [veto_key("2016-10-08")], index=event_index(other))
    finally:
        other.close()


def test_the_index_follows_ingest(kg: KnowledgeGraph, held: Sheets) -> None:
    """Warm index, then new articles: their events (linked to already loaded hub parties) are found at once."""
    index = event_index(kg)
    assert compare(kg, index, held) > 50
    loaded = index.stats["keys_read"]
    new = synthetic_articles(16, seed=3)[10:]
    for a in new:
        ingest(kg, a.text, published=a.published, principal="test")
        assert compare(kg, index, held) > 50
    own = sheets_of(new)
    assert compare(kg, index, own) >= 5 * len(own)  # each article finds its own events, through the index too
    assert index.stats["keys_read"] > loaded and index.stats["resets"] == 0


def test_a_second_source_moves_the_event_dates(kg: KnowledgeGraph) -> None:
    index = event_index(kg)
    assert vetoes(kg, index, "2019-02-26") == set()  # loads russia's vetoes
    ingest(kg, VETO_SAT[0], published=VETO_SAT[1], principal="test")  # the veto of 2019-03-02
    (veto,) = vetoes(kg, None, "2019-03-02")
    assert vetoes(kg, index, "2019-03-02") == {veto}
    assert vetoes(kg, index, "2019-02-26") == set() == vetoes(kg, None, "2019-02-26")  # 03-02 is 4 days later
    report = ingest(kg, VETO_FRI[0], published=VETO_FRI[1], principal="test")  # "Friday": 2019-03-01
    assert veto in report.matched.values()
    assert vetoes(kg, None, "2019-02-26") == {veto}  # the event now starts on 03-01
    assert vetoes(kg, index, "2019-02-26") == {veto}
    cands = candidate_events(kg, [veto_key("2019-02-26")], index=index)
    assert cands == candidate_events(kg, [veto_key("2019-02-26")])
    assert (cands["Veto"][veto].start, cands["Veto"][veto].end) == (date(2019, 3, 1), date(2019, 3, 2))


def test_a_retraction_takes_out_only_what_no_other_source_holds(kg: KnowledgeGraph, held: Sheets) -> None:
    index = event_index(kg)
    ingest(kg, VETO_SAT[0], published=VETO_SAT[1], principal="test")
    ingest(kg, VETO_FRI[0], published=VETO_FRI[1], principal="test")
    (veto,) = vetoes(kg, index, "2019-02-26")
    graphs = {r["d"].toPython().isoformat(): str(r["g"])
              for r in kg.select(f"SELECT ?g ?d WHERE {{ GRAPH ?g {{ <{veto}> dkg:date ?d }} }}")}  # fmt: skip
    assert set(graphs) == {"2019-03-01", "2019-03-02"}
    kg.retract(graphs["2019-03-01"], "the veto was on Saturday", "test")
    assert vetoes(kg, None, "2019-02-26") == set() == vetoes(kg, index, "2019-02-26")
    # its type and agent were in both assertion graphs: the Saturday source still holds them
    assert vetoes(kg, None, "2019-03-02") == {veto} == vetoes(kg, index, "2019-03-02")
    compare(kg, index, held)
    kg.retract(graphs["2019-03-02"], "no such veto", "test")
    assert vetoes(kg, None, "2019-03-02") == set() == vetoes(kg, index, "2019-03-02")
    assert compare(kg, index, held) > 50


def test_a_place_moved_below_another_widens_its_events_places(kg: KnowledgeGraph) -> None:
    """dkg:partOf changes (an article declaring a place, a gazetteer update) reach the cached keys of events there."""
    import pyoxigraph as ox

    base, dkg = kg.base, DKG_NS
    ev, square, graph = (ox.NamedNode(base + x) for x in ("event/test-veto", "place/test-square", "assertion/t1"))
    kg.patch([], [ox.Quad(ev, ox.NamedNode(RDF_TYPE), ox.NamedNode(dkg + "Veto"), graph),
                  ox.Quad(ev, ox.NamedNode(dkg + "agent"), ox.NamedNode(base + "actor/russia"), graph),
                  ox.Quad(ev, ox.NamedNode(dkg + "date"), ox.Literal("2021-05-05", datatype=ox.NamedNode(
                      "http://www.w3.org/2001/XMLSchema#date")), graph),
                  ox.Quad(ev, ox.NamedNode(dkg + "place"), square, graph)], "test", validate=False)  # fmt: skip
    index = event_index(kg)

    def places() -> frozenset[str]:
        cands = candidate_events(kg, [veto_key("2021-05-04")], index=index)
        assert cands == candidate_events(kg, [veto_key("2021-05-04")])
        return cands["Veto"][ev.value].places

    assert places() == {"place/test-square"}
    edge = ox.Quad(square, ox.NamedNode(dkg + "partOf"), ox.NamedNode(base + "place/aleppo"), graph)
    kg.patch([], [edge], "test", validate=False)
    assert {"place/test-square", "place/aleppo"} <= places()
    kg.patch([edge], [], "test", validate=False)
    assert places() == {"place/test-square"}


def test_catching_up_with_another_writer(tmp_path: Path, held: Sheets) -> None:
    """Another knowledge graph appends to the same on-disk log; this one answers alike after refresh, and also
    when its store was moved without it being told (as a remote store's projector does)."""
    kg = open_fresh(tmp_path)
    other = KnowledgeGraph(open_log(Settings.load(tmp_path).resolved_log_url), Projection(None), base=kg.base,
                           validator=write_validator("compiled"))  # fmt: skip
    try:
        ingest(kg, SEED, published="2016-10-10", principal="test")
        articles = synthetic_articles(8, seed=3)
        for a in articles[:4]:
            ingest(kg, a.text, published=a.published, principal="test")
        index = event_index(kg)
        assert compare(kg, index, held) > 20
        other.catch_up()
        for a in articles[4:6]:
            ingest(other, a.text, published=a.published, principal="other")
        assert kg.version() < other.version()
        theirs = sheets_of(articles[4:6])
        assert compare(kg, index, theirs) >= 10  # refreshed through the index's first query
        assert kg.version() == other.version()
        for a in articles[6:]:
            ingest(other, a.text, published=a.published, principal="other")
        kg.projection.apply(kg.log.read(after=kg.version()))  # the store moves; no listener is told
        theirs = sheets_of(articles[6:])
        assert compare(kg, index, theirs) >= 10
        assert compare(kg, index, held) > 20
        assert index.stats["resets"] == 0
    finally:
        other.close()
        kg.close()


def test_a_rebuild_drops_the_cache(kg: KnowledgeGraph, held: Sheets) -> None:
    index = event_index(kg)
    compare(kg, index, held)
    read = index.stats["keys_read"]
    compare(kg, index, held)
    assert index.stats["keys_read"] == read  # warm: nothing read again
    kg.rebuild()
    assert compare(kg, index, held) > 50
    assert index.stats["keys_read"] == 2 * read  # everything read again, once


def test_a_loaded_hub_is_not_read_again(kg: KnowledgeGraph, held: Sheets) -> None:
    """Once its parties are loaded, matching an article costs no query; after a commit, one for the new events."""
    index = event_index(kg)
    compare(kg, index, held)
    sheet, anchor = held[0]
    before = dict(index.stats)
    match_sheet(copy.deepcopy(sheet), kg, index=index)
    assert index.stats["queries"] == before["queries"]
    a = synthetic_articles(11, seed=3)[10]
    report = ingest(kg, a.text, published=a.published, principal="test")
    before = dict(index.stats)
    match_sheet(copy.deepcopy(sheet), kg, index=index)
    assert index.stats["queries"] - before["queries"] <= 2  # the article's events, and places not seen yet
    assert 0 < index.stats["events_read"] - before["events_read"] <= len(report.asserted)
    assert index.stats["keys_read"] == before["keys_read"]


def test_random_keys_and_batch_facts_answer_as_the_store(base_kg: KnowledgeGraph) -> None:
    """Random keys (types, parties, drafts, places, dates, windows) over the graph, with random uncommitted batch
    facts: new events, and new dates, types, parties and places of existing ones (places held by new places)."""
    rng = random.Random(17)
    base = base_kg.base
    rows = [(str(r["e"]), str(r["t"]), str(r["l"]))
            for r in base_kg.select(f"""SELECT ?e ?t ?l WHERE {{ ?e a ?t ; ?p ?l .
               FILTER(STRSTARTS(STR(?t), "{DKG_NS}") && ?p IN (dkg:agent, dkg:participant, dkg:sponsor,
               dkg:victim, dkg:perpetrator, dkg:resolution)) }}""")]  # fmt: skip
    events = sorted({e for e, _t, _l in rows})
    types = sorted({t[len(DKG_NS) :] for _e, t, _l in rows})
    linked = sorted({lnk for _e, _t, lnk in rows})
    places = sorted({str(r["p"]) for r in base_kg.select("SELECT DISTINCT ?p WHERE { ?e dkg:place ?p }")})
    dated: dict[str, list[str]] = {}
    for r in base_kg.select("SELECT ?e ?d WHERE { ?e dkg:validFrom|dkg:validTo ?d }"):
        dated.setdefault(str(r["e"]), []).append(str(r["d"])[:10])
    dates = [d for ds in dated.values() for d in ds]
    assert len(events) > 100 and len(types) > 5 and len(linked) > 20 and places and len(dates) > 100
    index = event_index(base_kg)

    def day(near: str | None = None) -> date:
        return date.fromisoformat(near or rng.choice(dates)) + timedelta(days=rng.randrange(-6, 7))

    def fact() -> dict[str, Any]:
        ev, t, link = rng.choice(rows)  # mostly near an event of the graph
        role = rng.choice(["agent", "participant", "victim"])
        f: dict[str, Any] = {"type": t[len(DKG_NS) :], role: [link.removeprefix(base)]}
        if rng.random() < 0.3:
            f = {"type": rng.choice(types), role: [x.removeprefix(base) for x in rng.sample(linked, 2)]}
        if rng.random() < 0.3:
            f["place"] = rng.choice(places).removeprefix(base)
        near = rng.choice(dated[ev]) if ev in dated and rng.random() < 0.8 else None
        when = rng.random()
        if when < 0.6:
            f["date"] = day(near).isoformat()
        elif when < 0.75:
            f["month"] = day(near).isoformat()[:7]
        elif when < 0.85:
            f["since"] = day(near).isoformat()
        return f

    dkg = DKG_NS
    found = batch_found = 0
    for case in range(150):
        anchor = day()
        keys = [key_of_fact(fact(), anchor) for _ in range(rng.randrange(1, 5))]
        window = rng.choice([0, 1, 3, 3, 7])
        pending = PendingFacts() if case % 3 else None
        if pending is not None:  # facts of the batch, about existing or new events, mostly near a key
            triples = []
            for i in range(rng.randrange(1, 6)):
                key = rng.choice(keys)
                near = key.start.isoformat() if key.start and rng.random() < 0.7 else None
                ev = rng.choice(events) if rng.random() < 0.5 else f"{base}event/pending-{case}-{i}"
                party = sorted(key.parties)[0] if rng.random() < 0.7 else rng.choice(linked).removeprefix(base)
                triples.append((ev, RDF_TYPE, dkg + (key.type if rng.random() < 0.8 else rng.choice(types))))
                triples.append((ev, dkg + rng.choice(["agent", "participant", "resolution"]), base + party))
                triples.append((ev, dkg + rng.choice(["date", "validFrom", "validTo"]), day(near).isoformat()))
                if rng.random() < 0.4:
                    new_place = f"{base}place/pending-{case}-{i}"
                    triples.append((ev, dkg + "place", new_place))
                    triples.append((new_place, dkg + "partOf", rng.choice(places)))
            pending.add(triples)
        store = candidate_events(base_kg, keys, window, pending)
        assert candidate_events(base_kg, keys, window, pending, index) == store, case
        found += sum(len(v) for v in store.values())
        if pending is not None:
            batch_found += sum(1 for v in store.values() for ev in v if ev in pending.props)
    assert found > 100 and batch_found > 10


def test_batch_ingest_with_the_index_matches_as_without(base_kg: KnowledgeGraph, monkeypatch) -> None:
    """ingest_many matches through the index (batch facts pending on top of it): the same events as the store path."""
    import dkg.review as review

    articles = [ArticleInput(a.text, a.published, a.title) for a in synthetic_articles(14, seed=3)[10:]]
    articles += [ArticleInput(*VETO_SAT), ArticleInput(*VETO_FRI), articles[1]]
    results = []
    for use_index in (False, True):
        kg = copy_of(base_kg)
        if not use_index:  # ingest matches through the index; the store-query path is the reference
            monkeypatch.setattr(review, "match_sheet", lambda sheet, g, plain=review.match_sheet, **kw:
                                plain(sheet, g, **{**kw, "index": None}))  # fmt: skip
        else:
            monkeypatch.undo()
        report = ingest_many(kg, articles, principal="test", batch_size=20)
        results.append([(sorted(r.matched.items()), len(r.asserted)) for r in report.reports])
        kg.close()
    assert results[0] == results[1]
    assert sum(len(m) for m, _n in results[0]) >= 3
