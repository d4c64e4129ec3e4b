"""The write path with the real shapes: refusals append nothing, several sources per event, merges,
valid time, and optimistic concurrency between writers."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox
import pytest
from dkg.drafts import ArticleRecord
from dkg.factsheet import compile_sheet, load_sheet
from dkg.kg import BatchValidationFailed, KGError, KnowledgeGraph, ValidationFailed
from dkg.log import open_log
from dkg.projection import Projection
from dkg.refdata import load_reference_data
from dkg.terms import DKG
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from conftest import BASE, SEED_SHEET

SECOND_TEXT = (
    "Moscow blocked the French text at the Security Council on Friday, its sixth veto on Syria. "
    "China abstained."
)


@pytest.fixture(scope="module")
def seeded_kg():
    kg = KnowledgeGraph.in_memory(BASE)
    load_reference_data(kg)
    kg.assert_sheet(load_sheet(SEED_SHEET, base=BASE), "curator")
    yield kg
    kg.close()


def second_source(ordinal: int = 6, day: str = "2016-10-07") -> dict:
    return {
        "article": {"title": "Another report", "published": "2016-10-09", "text": SECOND_TEXT},
        "facts": [
            {
                "id": "russia-veto-s-2016-846",
                "type": "Veto",
                "modality": "completed",
                "agent": "russia",
                "forum": "un-security-council",
                "resolution": "resolution/s-2016-846",
                "date": day,
                "properties": {"ordinal": ordinal},
                "evidence": [{"quote": "Moscow blocked the French text at the Security Council on Friday"}],
            }
        ],
    }


def test_a_second_source_adds_its_claim_and_disagreements_stay_visible(seeded_kg):
    kg = seeded_kg
    sheet = compile_sheet(second_source(), base=BASE)
    events = kg.assert_sheet(sheet, "analyst")
    assert [e.type for e in events] == ["ArticleRegistered", "FactsAsserted"]
    rows = kg.select(
        """SELECT ?ordinal ?date ?article WHERE {
             GRAPH ?a { <https://w3id.org/dkg/id/event/russia-veto-s-2016-846> dkg:ordinal ?ordinal ; dkg:date ?date }
             ?a prov:wasDerivedFrom ?article } ORDER BY ?ordinal"""
    )
    assert [(r["ordinal"].toPython(), str(r["date"])) for r in rows] == [(5, "2016-10-08"), (6, "2016-10-07")]
    assert rows[0]["article"] != rows[1]["article"]
    sources = kg.select(
        """SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {
             GRAPH ?a { <https://w3id.org/dkg/id/event/russia-veto-s-2016-846> a dkg:Veto } }"""
    )
    assert sources[0]["n"].toPython() == 2


def test_a_refused_write_appends_nothing_and_says_why(seeded_kg):
    kg = seeded_kg
    head = kg.log.head()
    bad = second_source()
    bad["facts"][0]["agent"] = "japan"  # not a permanent member: cannot veto
    with pytest.raises(ValidationFailed) as info:
        kg.assert_sheet(compile_sheet(bad, base=BASE), "analyst")
    assert kg.log.head() == head and kg.version() == head
    messages = " ".join(v.message for v in info.value.report.violations)
    assert "permanent member" in messages
    assert info.value.report.to_json()["conforms"] is False
    assert "sh:ValidationReport" in info.value.report.turtle() or "ValidationReport" in info.value.report.turtle()


def test_evidence_must_quote_the_article(seeded_kg):
    sheet = compile_sheet(second_source(), base=BASE)
    sheet.assertions[0].evidence[0] = sheet.assertions[0].evidence[0].__class__("Moscow", 10, 16)
    with pytest.raises(ValidationFailed) as info:
        seeded_kg.assert_sheet(sheet, "analyst")
    assert any("quote" in v.message.lower() or "offset" in v.message.lower() for v in info.value.report.violations)


def test_valid_time_is_separate_from_record_time(seeded_kg):
    october = seeded_kg.select(
        """SELECT DISTINCT ?e WHERE { ?e a dkg:Veto ; dkg:validFrom ?from .
             OPTIONAL { ?e dkg:validTo ?to }
             FILTER(?from <= "2016-10-31"^^xsd:date && (!BOUND(?to) || ?to >= "2016-10-01"^^xsd:date)) }"""
    )
    assert {str(r["e"]) for r in october} == {f"{BASE}event/russia-veto-s-2016-846"}
    september = seeded_kg.select(
        """SELECT DISTINCT ?e WHERE { ?e a dkg:Veto ; dkg:validFrom ?from FILTER(?from < "2016-10-01"^^xsd:date) }"""
    )
    assert september == []


def test_merge_rewrites_every_triple_and_keeps_same_as():
    kg = KnowledgeGraph.in_memory(BASE)
    load_reference_data(kg)
    dup = URIRef(f"{BASE}actor/russian-federation")
    g = Graph()
    g.add((dup, RDF.type, DKG.State))
    g.add((dup, RDFS.label, Literal("Russian Federation")))
    kg.patch([], [ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(p)),
                          ox.NamedNode(str(o)) if isinstance(o, URIRef) else ox.Literal(str(o)),
                          ox.NamedNode(f"{BASE}graph/curation")) for s, p, o in g], "curator")
    event = kg.merge([str(dup)], f"{BASE}actor/russia", "same state", "curator")
    assert event.type == "EntitiesMerged"
    assert not list(kg.projection.store.quads_for_pattern(ox.NamedNode(str(dup)), None, None,
                                                          ox.NamedNode(f"{BASE}graph/curation")))
    labels = kg.select(f"SELECT ?l WHERE {{ <{BASE}actor/russia> skos:altLabel ?l }}")
    assert "Russian Federation" in {str(r["l"]) for r in labels}
    assert bool(kg.query(f"ASK {{ GRAPH <{BASE}graph/merges> {{ <{dup}> owl:sameAs <{BASE}actor/russia> }} }}"))
    assert kg.digest(as_of=event.seq - 1) == kg.replay_digest(until=event.seq - 1)
    kg.close()


def test_a_writer_that_loses_the_race_rebuilds_against_the_new_head(tmp_path):
    url = f"sqlite:///{tmp_path / 'log.sqlite'}"
    first = KnowledgeGraph(open_log(url), Projection(tmp_path / "p1"), base=BASE, validator=None)
    second = KnowledgeGraph(open_log(url), Projection(tmp_path / "p2"), base=BASE, validator=None)
    a = ox.NamedNode(f"{BASE}actor/x")
    p = ox.NamedNode(str(RDFS.label))
    original_append = second.log.append
    raced = []

    def append_after_a_rival(events, expected_version=None):
        if not raced:
            raced.append(first.patch([], [ox.Quad(a, p, ox.Literal("rival"))], "rival"))
        return original_append(events, expected_version=expected_version)

    second.log.append = append_after_a_rival
    event = second.patch([ox.Quad(a, p, ox.Literal("rival"))], [ox.Quad(a, p, ox.Literal("mine"))], "me")
    assert raced[0].seq == 1 and event.seq == 2
    # rebuilt against version 1, the patch removes the rival's triple it could not see at first
    assert event.patch.remove == (ox.Quad(a, p, ox.Literal("rival")),)
    first.catch_up()
    assert first.digest() == second.digest() == second.replay_digest()
    first.close()
    second.close()


def test_article_record_iri_is_content_addressed():
    a = ArticleRecord("same text", title="one", published=date(2016, 1, 1))
    b = ArticleRecord("same text", title="two")
    assert a.iri(BASE) == b.iri(BASE) and a.iri(BASE).startswith(f"{BASE}article/")


# ---- batches ---------------------------------------------------------------------------------------------


def batch_sheet(i: int, agent: str = "france") -> dict:
    """A small valid article of two facts (statement, condemnation), distinct per `i`."""
    text = f"Digest {i}. France made a statement on Syria. Russia condemned {agent.title()} in report {i}."
    return {
        "article": {"title": f"Digest {i}", "published": "2016-10-09", "text": text},
        "facts": [
            {"id": f"statement-{i}", "type": "Statement", "modality": "completed", "agent": "france",
             "date": "2016-10-08", "evidence": [{"quote": "France made a statement on Syria"}]},
            {"id": f"condemnation-{i}", "type": "Condemnation", "modality": "completed", "agent": "russia",
             "target": agent, "date": "2016-10-08", "evidence": [{"quote": f"Russia condemned {agent.title()}"}]},
        ],
    }


def deterministic(kg: KnowledgeGraph, monkeypatch) -> None:
    """Fixed provenance time and counted assertion IRIs, so two runs write identical datasets."""
    from datetime import UTC, datetime

    import dkg.kg as kg_module

    counter = iter(range(1_000_000))
    monkeypatch.setattr(kg_module, "new_assertion_iri", lambda base: f"{base}assertion/n{next(counter)}")
    kg.clock = lambda: datetime(2026, 1, 1, tzinfo=UTC)


def fresh_kg() -> KnowledgeGraph:
    kg = KnowledgeGraph.in_memory(BASE)
    load_reference_data(kg)
    return kg


def test_a_batch_writes_what_article_by_article_writes(monkeypatch):
    sheets = [compile_sheet(batch_sheet(i), base=BASE) for i in range(4)]
    one_by_one, batched = fresh_kg(), fresh_kg()
    deterministic(one_by_one, monkeypatch)
    for sheet in sheets:
        one_by_one.assert_sheet(sheet, "analyst")
    deterministic(batched, monkeypatch)
    head = batched.log.head()
    result = batched.assert_batch([(s.article, s.assertions) for s in sheets], "analyst")
    assert result.refused == {}
    assert [e.type for e in result.events] == ["ArticleRegistered", "FactsAsserted", "FactsAsserted"] * 4
    assert [e.seq for e in result.events] == list(range(head + 1, head + 13))
    assert batched.digest() == one_by_one.digest() == batched.replay_digest()
    # the same claims again are recorded once: nothing new to write
    again = batched.assert_batch([(s.article, s.assertions) for s in sheets], "analyst")
    assert again.events == [] and batched.log.head() == head + 12
    one_by_one.close()
    batched.close()


def test_a_batch_with_one_bad_article_writes_nothing_and_names_it():
    kg = fresh_kg()
    sheets = [compile_sheet(batch_sheet(i), base=BASE) for i in range(3)]
    bad = batch_sheet(9)
    bad["facts"][1]["agent"] = "place/aleppo"  # a place cannot condemn
    sheets.insert(1, compile_sheet(bad, base=BASE))
    head, digest = kg.log.head(), kg.digest()
    with pytest.raises(BatchValidationFailed) as info:
        kg.assert_batch([(s.article, s.assertions) for s in sheets], "analyst")
    assert set(info.value.refused) == {1}
    assert "article #1" in str(info.value)
    assert kg.log.head() == head and kg.digest() == digest
    result = kg.assert_batch([(s.article, s.assertions) for s in sheets], "analyst", isolate=True)
    assert set(result.refused) == {1} and isinstance(result.refused[1], ValidationFailed)
    assert len([e for e in result.events if e.type == "ArticleRegistered"]) == 3
    assert kg.digest() == kg.replay_digest()
    kg.close()


def test_an_empty_article_in_a_batch_is_refused():
    kg = fresh_kg()
    sheet = compile_sheet(batch_sheet(1), base=BASE)
    with pytest.raises(KGError, match="article #1"):
        kg.assert_batch([(sheet.article, sheet.assertions), (sheet.article, [])], "analyst")
    kg.close()


def test_snapshot_settings_come_from_config_json(tmp_path):
    from dkg.config import Settings  # noqa: PLC0415

    settings = Settings.load(tmp_path / "kb")
    settings.snapshot_every, settings.snapshot_keep = 7, 2
    settings.save()
    kg = KnowledgeGraph.open(Settings.load(tmp_path / "kb"))
    try:
        assert (kg.projection.snapshot_every, kg.projection.snapshot_keep) == (7, 2)
    finally:
        kg.close()


def test_a_memory_projection_writes_only_the_log_and_replays_it_at_open(tmp_path):
    from dkg.config import Settings  # noqa: PLC0415

    settings = Settings.load(tmp_path / "kb", projection="memory")
    settings.save()
    with KnowledgeGraph.open(Settings.load(tmp_path / "kb")) as kg:
        load_reference_data(kg)
        kg.assert_sheet(load_sheet(SEED_SHEET, base=BASE), "curator")
        (claim,) = kg.select("SELECT ?g WHERE { GRAPH ?g { ?v a dkg:Veto } }")
        kg.retract(str(claim["g"]), "a wrong reading", "curator")  # a patch that removes
        kg.assert_sheet(load_sheet(SEED_SHEET, base=BASE), "curator")  # add-only again: replayed as text
        written = kg.projection.digest(), kg.version()
    assert sorted(p.name for p in (tmp_path / "kb").iterdir() if not p.name.startswith("log.sqlite")) == [
        "config.json"]  # no projection folder: the log is the only data written
    with KnowledgeGraph.open(Settings.load(tmp_path / "kb")) as again:
        assert (again.projection.digest(), again.version()) == written
    with KnowledgeGraph.open(Settings.load(tmp_path / "kb", projection="disk")) as disk:
        assert (disk.projection.digest(), disk.version()) == written  # the disk projection catches up from the log
        assert (tmp_path / "kb" / "projection").is_dir()


def test_a_memory_projection_sees_what_another_process_appended(tmp_path):
    from dkg.config import Settings  # noqa: PLC0415

    settings = Settings.load(tmp_path / "kb", projection="memory")
    with KnowledgeGraph.open(settings) as reader, KnowledgeGraph.open(settings) as writer:
        load_reference_data(writer)
        assert reader.version() == 0
        assert reader.refresh() == writer.version() > 0
        assert reader.projection.digest() == writer.projection.digest()


def test_an_unknown_projection_is_refused_before_anything_is_opened(tmp_path):
    from dkg.config import Settings  # noqa: PLC0415

    with pytest.raises(KGError, match="unknown projection 'ram'"):
        KnowledgeGraph.open(Settings.load(tmp_path / "kb", projection="ram"))
    assert not (tmp_path / "kb").exists()


def test_sources_that_disagree_on_one_event_share_a_batch(monkeypatch):
    """Each article of a batch is validated as alone (cardinalities hold per source): two more reports of the
    seed's veto with other ordinals and dates go in one commit and write what two commits write."""
    sheets = []
    for ordinal, day, text in ((6, "2016-10-07", SECOND_TEXT), (7, "2016-10-06", SECOND_TEXT + " Again.")):
        sheet = second_source(ordinal, day)
        sheet["article"]["text"] = text
        sheets.append(compile_sheet(sheet, base=BASE))
    one_by_one, batched = fresh_kg(), fresh_kg()
    deterministic(one_by_one, monkeypatch)  # the same assertion IRIs in both, minted in the same order
    one_by_one.assert_sheet(load_sheet(SEED_SHEET, base=BASE), "curator")
    for sheet in sheets:
        one_by_one.assert_sheet(sheet, "analyst")
    deterministic(batched, monkeypatch)
    batched.assert_sheet(load_sheet(SEED_SHEET, base=BASE), "curator")
    head = batched.log.head()
    result = batched.assert_batch([(s.article, s.assertions) for s in sheets], "analyst")
    assert result.refused == {} and {e.seq for e in result.events} == set(range(head + 1, head + 5))
    ordinals = batched.select(f"SELECT DISTINCT ?n WHERE {{ <{BASE}event/russia-veto-s-2016-846> dkg:ordinal ?n }}")
    assert sorted(int(r["n"].toPython()) for r in ordinals) == [5, 6, 7]
    assert batched.digest() == one_by_one.digest() == batched.replay_digest()
    one_by_one.close()
    batched.close()


def test_a_faulty_second_source_in_a_batch_is_named_and_nothing_is_written():
    kg = fresh_kg()
    kg.assert_sheet(load_sheet(SEED_SHEET, base=BASE), "curator")
    good = compile_sheet(second_source(6), base=BASE)
    bad_sheet = second_source(7, "2016-10-06")
    bad_sheet["article"]["text"] = SECOND_TEXT + " Again."
    bad_sheet["facts"][0]["agent"] = "spain"  # not a permanent member: cannot veto
    bad = compile_sheet(bad_sheet, base=BASE)
    head, digest = kg.log.head(), kg.digest()
    with pytest.raises(BatchValidationFailed) as info:
        kg.assert_batch([(good.article, good.assertions), (bad.article, bad.assertions)], "analyst")
    assert set(info.value.refused) == {1}
    assert any("permanent member" in v.message for v in info.value.refused[1])
    assert kg.log.head() == head and kg.digest() == digest
    kg.close()


def test_listeners_hear_applied_events(tmp_path):
    url = f"sqlite:///{tmp_path / 'log.sqlite'}"
    mine = KnowledgeGraph(open_log(url), Projection(tmp_path / "p1"), base=BASE, validator=None)
    other = KnowledgeGraph(open_log(url), Projection(tmp_path / "p2"), base=BASE, validator=None)
    heard: list[list[int]] = []
    stop = mine.subscribe(lambda events: heard.append([e.seq for e in events]))
    label = ox.NamedNode(str(RDFS.label))
    mine.patch([], [ox.Quad(ox.NamedNode(f"{BASE}actor/x"), label, ox.Literal("x"))], "me")
    other.patch([], [ox.Quad(ox.NamedNode(f"{BASE}actor/y"), label, ox.Literal("y"))], "you")
    other.patch([], [ox.Quad(ox.NamedNode(f"{BASE}actor/z"), label, ox.Literal("z"))], "you")
    assert heard == [[1]]  # the other writer's events are heard once this process catches up
    mine.refresh()
    assert heard == [[1], [2, 3]]
    assert ox.Quad(ox.NamedNode(f"{BASE}actor/z"), label, ox.Literal("z")) in mine.projection.store
    mine.rebuild()
    assert heard[-1] == []  # forget everything
    stop()
    mine.patch([], [ox.Quad(ox.NamedNode(f"{BASE}actor/w"), label, ox.Literal("w"))], "me")
    assert len(heard) == 3
    mine.close()
    other.close()


def test_a_failing_listener_does_not_fail_the_write(caplog):
    kg = KnowledgeGraph.in_memory(BASE, validator=None)

    def broken(_events):
        raise RuntimeError("cache bug")

    kg.subscribe(broken)
    quad = ox.Quad(ox.NamedNode(f"{BASE}actor/x"), ox.NamedNode(str(RDFS.label)), ox.Literal("x"))
    event = kg.patch([], [quad], "me")
    assert event.seq == kg.log.head() and quad in kg.projection.store
    assert "listener of applied events failed" in caplog.text
    kg.close()
