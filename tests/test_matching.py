"""One real-world event, many sources: matching within an article, against the graph, and disagreements."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox
import pytest
from dkg.extraction import disagreements, extract, match_sheet
from dkg.extraction.matching import EventKey, key_of_fact, match_fact, same_event
from dkg.kg import KnowledgeGraph
from dkg.terms import DEFAULT_BASE, DKG

BASE = DEFAULT_BASE
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"


def key(t: str, parties: set[str], start: date | None = None, end: date | None = None, **kw: set[str]) -> EventKey:
    return EventKey(t, frozenset(parties), frozenset(kw.get("res", set())), frozenset(kw.get("places", set())),
                    start, end or start)  # fmt: skip


def test_same_event_rules() -> None:
    fri, sat = date(2016, 10, 7), date(2016, 10, 8)
    a = key("Veto", {"actor/russia"}, fri)
    assert same_event(a, key("Veto", {"actor/russia"}, sat))  # Friday vs Saturday: one veto, two claims
    assert not same_event(a, key("Veto", {"actor/russia"}, date(2016, 10, 20)))  # outside the window
    assert not same_event(a, key("VotePosition", {"actor/russia"}, fri))  # another type
    assert not same_event(a, key("Veto", {"actor/china"}, fri))  # no shared party
    r1 = key("Veto", {"actor/russia"}, fri, res={"resolution/a"})
    assert not same_event(r1, key("Veto", {"actor/russia"}, fri, res={"resolution/b"}))  # other draft
    assert same_event(r1, key("Veto", {"actor/china"}, fri, res={"resolution/a"}))  # same draft decides
    p1 = key("AirStrike", {"actor/russia"}, fri, places={"place/aleppo"})
    assert not same_event(p1, key("AirStrike", {"actor/russia"}, fri, places={"place/damascus"}))
    assert same_event(p1, key("AirStrike", {"actor/russia"}, None))  # undated description matches on parties


def test_one_event_two_mentions_in_one_article() -> None:
    text = ("Russia has recently vetoed a resolution drafted by France. "
            "This is the fifth time Russia has vetoed a resolution on Syria.")  # fmt: skip
    vetoes = [f for f in extract(text, published="2016-10-10")["facts"] if f["type"] == "Veto"]
    assert len(vetoes) == 1
    veto = vetoes[0]
    assert veto["properties"]["ordinal"] == 5
    assert veto["relative"] == "recently"
    assert [e["start"] for e in veto["evidence"]] == [0, text.index("This is")]


def test_key_of_fact_normalises_slugs() -> None:
    k = key_of_fact({"type": "Veto", "agent": "russia", "place": "aleppo", "date": "2016-10-08"})
    assert k.parties == {"actor/russia"} and k.places == {"place/aleppo"}
    assert k.start == k.end == date(2016, 10, 8)
    m = key_of_fact({"type": "Meeting", "participant": ["actor/a", "actor/b"], "month": "2016-10"})
    assert (m.start, m.end) == (date(2016, 10, 1), date(2016, 10, 31))


def test_match_fact_prefers_most_shared_parties() -> None:
    cands = {
        f"{BASE}event/one": key("Meeting", {"actor/a"}, date(2016, 10, 8)),
        f"{BASE}event/two": key("Meeting", {"actor/a", "actor/b"}, date(2016, 10, 8)),
    }
    fact = {"type": "Meeting", "participant": ["actor/a", "actor/b"], "date": "2016-10-07"}
    assert match_fact(fact, cands) == f"{BASE}event/two"
    assert match_fact({**fact, "date": "2016-11-30"}, cands) is None


def _lit(value: str, dtype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + dtype))


def _assertion(kg: KnowledgeGraph, n: int, event: str, props: dict[str, ox.Literal], article: str) -> None:
    """Write one source's claim about an event (an assertion graph plus its provenance link)."""
    g = ox.NamedNode(f"{BASE}assertion/test-{n}")
    ev = ox.NamedNode(event)
    quads = [
        ox.Quad(ev, ox.NamedNode(RDF_TYPE), ox.NamedNode(str(DKG.Veto)), g),
        ox.Quad(ev, ox.NamedNode(str(DKG.agent)), ox.NamedNode(f"{BASE}actor/russia"), g),
        *[ox.Quad(ev, ox.NamedNode(str(DKG[p])), v, g) for p, v in props.items()],
        ox.Quad(g, ox.NamedNode(PROV_DERIVED), ox.NamedNode(article), ox.NamedNode(f"{BASE}graph/provenance")),
    ]
    kg.patch([], quads, "test", validate=False)


@pytest.fixture()
def kg() -> KnowledgeGraph:
    graph = KnowledgeGraph.in_memory(validator=None)
    yield graph
    graph.close()


def test_second_source_points_at_the_existing_event(kg: KnowledgeGraph) -> None:
    event = f"{BASE}event/russia-veto-s-2016-846"
    _assertion(kg, 1, event, {"date": _lit("2016-10-08", "date")}, f"{BASE}article/a")
    sheet = extract("Russia vetoed the French draft on Friday.", published="2016-10-10")
    changed = match_sheet(sheet, kg)
    veto = next(f for f in sheet["facts"] if f["type"] == "Veto")
    assert veto["id"] == "russia-veto-s-2016-846"
    assert list(changed.values()) == [event]


def test_disagreements_list_each_value_with_its_source(kg: KnowledgeGraph) -> None:
    event = f"{BASE}event/russia-veto-s-2016-846"
    _assertion(kg, 1, event, {"ordinal": _lit("5", "integer"), "date": _lit("2016-10-08", "date")},
               f"{BASE}article/a")  # fmt: skip
    _assertion(kg, 2, event, {"ordinal": _lit("6", "integer"), "date": _lit("2016-10-07", "date")},
               f"{BASE}article/b")  # fmt: skip
    rows = disagreements(kg, event)
    got = {(r["property"].rsplit("#", 1)[1], r["value"], r["source"].rsplit("/", 1)[1]) for r in rows}
    assert got == {("ordinal", "5", "a"), ("ordinal", "6", "b"), ("date", "2016-10-08", "a"),
                   ("date", "2016-10-07", "b")}  # fmt: skip
    assert disagreements(kg, f"{BASE}event/other") == []


def test_extraction_matches_the_curated_sheet_of_the_seed() -> None:
    """Every fact the extractor proposes for the seed article points at the curated event it describes."""
    from pathlib import Path

    from dkg.factsheet import load_sheet

    root = Path(__file__).resolve().parents[1]
    curated = root / "examples" / "aleppo-2016.yaml"
    seed = root / "examples" / "aleppo-2016.txt"
    kg = KnowledgeGraph.in_memory(validator=None)
    try:
        kg.assert_sheet(load_sheet(curated, base=kg.base), "curator")
        sheet = extract(seed.read_text(encoding="utf-8"), published="2016-10-10")
        changed = match_sheet(sheet, kg)
        assert len(changed) == len(sheet["facts"])
        by_type = {f["type"]: f["id"] for f in sheet["facts"]}
        assert by_type["Veto"] == "russia-veto-s-2016-846"
        assert by_type["Meeting"] in ("hollande-putin-meeting-paris-2016-10", "erdogan-putin-bilateral-meeting")
        assert by_type["MilitaryBaseAnnouncement"] == "russia-permanent-military-base-syria"
        veto = next(f for f in sheet["facts"] if f["type"] == "Veto")
        assert veto["resolution"] == "resolution/s-2016-846"  # the reference follows the matched draft
        shelling_casualties = [f["id"] for f in sheet["facts"] if f["type"] == "CasualtyReport"]
        assert "rebel-shelling-casualties-aleppo" in shelling_casualties
    finally:
        kg.close()


def test_an_event_of_two_types_is_a_candidate_as_each(kg: KnowledgeGraph) -> None:
    """An event typed twice is a candidate of keys of either type (both paths; before, it was put under one)."""
    from dkg.extraction.event_index import event_index
    from dkg.extraction.matching import candidate_events

    event = f"{BASE}event/russia-veto-s-2016-846"
    _assertion(kg, 1, event, {"date": _lit("2016-10-08", "date")}, f"{BASE}article/a")
    g = ox.NamedNode(f"{BASE}assertion/test-2")
    kg.patch([], [ox.Quad(ox.NamedNode(event), ox.NamedNode(RDF_TYPE), ox.NamedNode(str(DKG.Vote)), g)], "test",
             validate=False)  # fmt: skip
    keys = [key("Veto", {"actor/russia"}, date(2016, 10, 8)), key("Vote", {"actor/russia"}, date(2016, 10, 7))]
    store = candidate_events(kg, keys)
    assert set(store) == {"Veto", "Vote"} and all(set(c) == {event} for c in store.values())
    assert candidate_events(kg, keys, index=event_index(kg)) == store
    assert candidate_events(kg, keys[1:], index=event_index(kg)) == {"Vote": store["Vote"]}


PLAN = ("Turkish President Erdogan and Russian President Putin agreed to cooperate on humanitarian aid to Aleppo. "
        "France drafted a resolution at the UN Security Council. Russia vetoed the draft.")  # fmt: skip


def test_undated_plans_and_drafts_match_only_around_their_reports() -> None:
    """An undated plan or draft is placed around its articles' publication: a report ten days later adds a
    source, a report three years later is another plan and another draft (not a source of the first)."""
    from dkg.refdata import load_reference_data  # noqa: PLC0415
    from dkg.review import ingest  # noqa: PLC0415

    graph = KnowledgeGraph.in_memory()
    load_reference_data(graph)
    first = ingest(graph, PLAN, published="2016-10-10", principal="test")
    soon = ingest(graph, PLAN + " ", published="2016-10-20", principal="test")
    later = ingest(graph, PLAN + "  ", published="2019-10-10", principal="test")

    def ids(report, kind: str) -> set[str]:
        return {f["id"] for f in report.sheet["facts"] if f["type"] == kind}

    for kind in ("AidCooperation", "DraftResolution"):
        assert ids(soon, kind) == ids(first, kind), kind
        assert ids(later, kind).isdisjoint(ids(first, kind)), kind
    plans = graph.select("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a dkg:AidCooperation }")
    assert int(plans[0]["n"].toPython()) == 2
    graph.close()


def test_a_known_event_is_the_match_of_one_fact_per_article(kg: KnowledgeGraph) -> None:
    """Two vetoes the extractor kept apart in one article (other modality) do not both become sources of one
    known veto: one source would then claim two modalities for it."""
    event = f"{BASE}event/russia-veto-s-2016-846"
    _assertion(kg, 1, event, {"date": _lit("2016-10-08", "date")}, f"{BASE}article/a")
    sheet = {"article": {"published": "2016-10-10"}, "facts": [
        {"id": "veto-a", "type": "Veto", "agent": "russia", "modality": "completed", "date": "2016-10-08"},
        {"id": "veto-b", "type": "Veto", "agent": "russia", "modality": "planned", "date": "2016-10-09"},
    ]}  # fmt: skip
    changed = match_sheet(sheet, kg)
    assert list(changed.values()) == [event]
    assert sorted(f["id"] for f in sheet["facts"]) == ["russia-veto-s-2016-846", "veto-b"]
