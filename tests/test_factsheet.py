"""The fact-sheet compiler: the seed example compiles completely; malformed sheets give clear errors."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest
import yaml
from dkg.drafts import CompiledSheet, FactGraph
from dkg.factsheet import FactSheetError, compile_sheet, load_sheet
from dkg.terms import CAMEO, DKG
from hypothesis import given
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

ROOT = Path(__file__).resolve().parent.parent
SHEET = ROOT / "examples" / "aleppo-2016.yaml"
TEXT = (ROOT / "examples" / "aleppo-2016.txt").read_text(encoding="utf-8")
BASE = "https://w3id.org/dkg/id/"


def iri(path: str) -> URIRef:
    return URIRef(BASE + path)


@pytest.fixture(scope="module")
def compiled() -> CompiledSheet:
    return load_sheet(SHEET, base=BASE)


def by_label(compiled: CompiledSheet):
    return {d.label: d for d in compiled.assertions}


def test_example_text_is_the_seed() -> None:
    assert (ROOT / "examples" / "aleppo-2016.txt").read_bytes() == Path(
        "/work/shared/seeds/aleppo-2016.txt"
    ).read_bytes()


def test_article(compiled: CompiledSheet) -> None:
    assert compiled.article.text == TEXT
    assert compiled.article.published == date(2016, 10, 10)
    assert compiled.article.title == "France pressing for war crimes investigation in Aleppo"


def test_one_draft_per_fact(compiled: CompiledSheet) -> None:
    sheet = yaml.safe_load(SHEET.read_text(encoding="utf-8"))
    assert [d.label for d in compiled.assertions] == [f["id"] for f in sheet["facts"]]
    assert len(compiled.assertions) >= 25


def test_evidence_offsets(compiled: CompiledSheet) -> None:
    for draft in compiled.assertions:
        assert draft.evidence, draft.label
        for ev in draft.evidence:
            assert TEXT[ev.start : ev.end] == ev.quote, draft.label
        assert draft.method == "manual" and draft.confidence == 1.0


def test_no_blank_nodes_and_subjects(compiled: CompiledSheet) -> None:
    for draft in compiled.assertions:
        assert not [t for t in draft.facts if any(isinstance(x, BNode) for x in t)], draft.label
        assert draft.subjects and all(s.startswith(BASE) for s in draft.subjects)
        subjects_in_graph = {str(s) for s in draft.facts.subjects()}
        assert set(draft.subjects) <= subjects_in_graph, draft.label


def test_referral_is_announced(compiled: CompiledSheet) -> None:
    g = by_label(compiled)["france-icc-referral-aleppo"].facts
    ev = iri("event/france-icc-referral-aleppo")
    assert (ev, RDF.type, DKG.Referral) in g
    assert (ev, DKG.modality, DKG.Announced) in g
    assert (ev, DKG.agent, iri("actor/france")) in g
    assert (ev, DKG.court, iri("actor/international-criminal-court")) in g
    assert (ev, DKG.topic, DKG.WarCrimes) in g
    assert (ev, DKG.place, iri("place/aleppo")) in g
    assert (ev, DKG.cameoCode, CAMEO["115"]) in g and (ev, DKG.quadClass, Literal(3, datatype=XSD.integer)) in g
    assert (ev, DKG.validTo, Literal("2016-10-10", datatype=XSD.date)) in g


def test_veto(compiled: CompiledSheet) -> None:
    g = by_label(compiled)["russia-veto-s-2016-846"].facts
    ev = iri("event/russia-veto-s-2016-846")
    assert (ev, RDF.type, DKG.Veto) in g
    assert (ev, DKG.agent, iri("actor/russia")) in g
    assert (ev, DKG.forum, iri("actor/un-security-council")) in g
    assert (ev, DKG.resolution, iri("resolution/s-2016-846")) in g
    assert (ev, DKG.ordinal, Literal(5, datatype=XSD.integer)) in g
    assert (ev, DKG.cameoCode, CAMEO["129"]) in g
    day = Literal("2016-10-08", datatype=XSD.date)
    for prop in (DKG.date, DKG.validFrom, DKG.validTo):
        assert (ev, prop, day) in g
    assert (ev, DKG.datePrecision, DKG.DayPrecision) in g
    assert (ev, DKG.dateAnchor, Literal("2016-10-10", datatype=XSD.date)) in g
    draft = by_label(compiled)["resolution/s-2016-846"]
    res = iri("resolution/s-2016-846")
    assert (res, RDF.type, DKG.DraftResolution) in draft.facts
    assert {o for o in draft.facts.objects(res, DKG.demands)} == {DKG.EndOfAirStrikes, DKG.Truce, DKG.HumanitarianAid}


def test_vote_position_and_shortcut(compiled: CompiledSheet) -> None:
    draft = by_label(compiled)["china-abstains-s-2016-846"]
    ev, vote = iri("event/china-abstains-s-2016-846"), iri("vote/s-2016-846")
    assert (ev, DKG.position, DKG.Abstain) in draft.facts
    assert (ev, DKG.vote, vote) in draft.facts
    assert (vote, DKG.abstainer, iri("actor/china")) in draft.facts
    assert str(vote) in draft.subjects
    assert (ev, DKG.cameoCode, None) not in draft.facts  # CAMEO has no voting code


def test_valid_time_kinds(compiled: CompiledSheet) -> None:
    drafts = by_label(compiled)
    meeting = iri("event/hollande-putin-meeting-paris-2016-10")
    g = drafts["hollande-putin-meeting-paris-2016-10"].facts
    assert (meeting, DKG.modality, DKG.Considered) in g
    assert (meeting, DKG.month, Literal("2016-10", datatype=XSD.gYearMonth)) in g
    assert (meeting, DKG.validFrom, Literal("2016-10-01", datatype=XSD.date)) in g
    assert (meeting, DKG.validTo, Literal("2016-10-31", datatype=XSD.date)) in g
    assert (meeting, DKG.datePrecision, DKG.MonthPrecision) in g
    cas = iri("event/casualties-aleppo-since-2016-09-22")
    g = drafts["casualties-aleppo-since-2016-09-22"].facts
    assert (cas, DKG.since, Literal("2016-09-22", datatype=XSD.date)) in g
    assert (cas, DKG.validFrom, Literal("2016-09-22", datatype=XSD.date)) in g
    assert (cas, DKG.validTo, None) not in g
    assert (cas, DKG.datePrecision, DKG.OpenInterval) in g
    aid = iri("event/turkey-russia-aid-cooperation-aleppo")
    g = drafts["turkey-russia-aid-cooperation-aleppo"].facts
    assert (aid, DKG.modality, DKG.Planned) in g
    assert (aid, DKG.validFrom, Literal("2016-10-10", datatype=XSD.date)) in g  # planned: after the anchor


def test_casualties_breakdown(compiled: CompiledSheet) -> None:
    draft = by_label(compiled)["casualties-aleppo-since-2016-09-22"]
    g, cas = draft.facts, iri("event/casualties-aleppo-since-2016-09-22")
    part = iri("event/casualties-aleppo-since-2016-09-22/breakdown/1")
    assert (cas, DKG.casualtyCount, Literal(290, datatype=XSD.integer)) in g
    assert (cas, DKG.countQualifier, DKG.MoreThan) in g
    assert (cas, DKG.perpetrator, iri("actor/russia")) in g and (cas, DKG.perpetrator, iri("actor/syria")) in g
    assert (cas, DKG.casualtyBreakdown, part) in g
    assert (part, DKG.casualtyCount, Literal(57, datatype=XSD.integer)) in g
    assert (part, DKG.victimCategory, DKG.Children) in g
    assert str(part) in draft.subjects


def test_sheet_entities_travel_with_their_facts(compiled: CompiledSheet) -> None:
    draft = by_label(compiled)["rebels-advance-said-aleppo"]
    said = iri("place/said-aleppo")
    assert (said, RDF.type, DKG.District) in draft.facts
    assert (said, DKG.partOf, iri("place/aleppo")) in draft.facts
    assert str(said) in draft.subjects


def test_event_level_cameo_override(compiled: CompiledSheet) -> None:
    g = by_label(compiled)["france-drafts-s-2016-846"].facts
    ev = iri("event/france-drafts-s-2016-846")
    assert (ev, DKG.cameoCode, CAMEO["1056"]) in g
    assert (ev, DKG.quadClass, Literal(3, datatype=XSD.integer)) in g


def test_compile_dict_with_inline_text() -> None:
    sheet = {
        "article": {"published": "2016-10-10"},
        "facts": [{"id": "v", "type": "Veto", "modality": "completed", "agent": "Russia", "forum": "UNSC",
                   "evidence": ["vetoed"], "confidence": 0.8, "extractor": "dkg-rules 1.0"}],
    }  # fmt: skip
    out = compile_sheet(sheet, base=BASE, text="Russia vetoed it.")
    (draft,) = out.assertions
    assert draft.method == "extraction" and draft.confidence == 0.8 and draft.extractor == "dkg-rules 1.0"
    assert draft.evidence[0].start == 7
    assert (iri("event/v"), DKG.forum, iri("actor/un-security-council")) in draft.facts


def base_sheet() -> dict:
    return {
        "article": {"published": "2016-10-10"},
        "facts": [{"id": "russia-veto", "type": "Veto", "modality": "completed", "agent": "russia",
                   "forum": "un-security-council", "date": "2016-10-08",
                   "evidence": [{"quote": "Russia has recently vetoed"}]}],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.update(type="Vetoo"), r"fact russia-veto: unknown type 'Vetoo'"),
        (lambda f: f.update(vetoer="russia"), r"fact russia-veto: unknown role or key \['vetoer'\]"),
        (lambda f: f.update(agent="atlantis"), r"fact russia-veto: agent: unknown entity 'atlantis'"),
        (lambda f: f.update(evidence=["Russia never vetoed"]), r"fact russia-veto: evidence: quote not found"),
        (lambda f: f.update(date="2016-13-08"), r"fact russia-veto: date: malformed date '2016-13-08'"),
        (lambda f: f.update(date=None, month="2016-10-01"), r"fact russia-veto: month: malformed month"),
        (lambda f: f.update(modality="maybe"), r"fact russia-veto: modality: expected one of"),
        (lambda f: f.update(since="2016-09-22"), r"fact russia-veto: give one of date, month, since, relative"),
        (lambda f: f.update(properties={"ordinal": "fifth"}), r"fact russia-veto: properties.ordinal: 'fifth' is not"),
        (lambda f: f.update(properties={"colour": "red"}), r"fact russia-veto: unknown property 'colour'"),
        (lambda f: f.update(topic="Weather"), r"fact russia-veto: topic: unknown topic 'Weather'"),
        (lambda f: f.update(evidence=[]), r"fact russia-veto: evidence: at least one quote"),
        (lambda f: f.update(cameo="999"), r"fact russia-veto: cameo: unknown CAMEO code"),
        (lambda f: f.update(id="Russia Veto"), r"fact Russia Veto: id must be a lower-case slug"),
        (lambda f: f.update(confidence=2), r"fact russia-veto: confidence: expected a number between 0 and 1"),
        (lambda f: f.update(properties={"position": "Maybe"}), r"properties.position: unknown value 'Maybe'"),
    ],
)
def test_errors(change, message: str) -> None:
    sheet = copy.deepcopy(base_sheet())
    change(sheet["facts"][0])
    with pytest.raises(FactSheetError, match=message):
        compile_sheet(sheet, base=BASE, text=TEXT)


def test_sheet_level_errors(tmp_path: Path) -> None:
    with pytest.raises(FactSheetError, match="'facts' must be a non-empty list"):
        compile_sheet({"article": {}, "facts": []}, base=BASE, text=TEXT)
    with pytest.raises(FactSheetError, match="article.published: malformed date"):
        compile_sheet({**base_sheet(), "article": {"published": "10/10/2016"}}, base=BASE, text=TEXT)
    sheet = base_sheet()
    sheet["facts"].append(copy.deepcopy(sheet["facts"][0]))
    with pytest.raises(FactSheetError, match="fact russia-veto: duplicate id"):
        compile_sheet(sheet, base=BASE, text=TEXT)
    with pytest.raises(FactSheetError, match="entity place/x: unknown type 'Planet'"):
        compile_sheet({**base_sheet(), "entities": [{"id": "place/x", "type": "Planet", "label": "X"}]},
                      base=BASE, text=TEXT)  # fmt: skip
    bad = tmp_path / "bad.yaml"
    bad.write_text("article: {published: 2016-02-30}\nfacts: []\n", encoding="utf-8")
    with pytest.raises(FactSheetError, match="bad.yaml"):
        load_sheet(bad)
    missing = tmp_path / "missing.yaml"
    missing.write_text(yaml.safe_dump({**base_sheet(), "article": {"text_file": "nope.txt"}}), encoding="utf-8")
    with pytest.raises(FactSheetError, match="article.text_file: cannot read"):
        load_sheet(missing)


def test_cameo_error_names_the_value_given() -> None:
    sheet = copy.deepcopy(base_sheet())
    sheet["facts"][0]["cameo"] = "cameo:999"
    with pytest.raises(FactSheetError, match=r"^fact russia-veto: cameo: unknown CAMEO code 'cameo:999'$"):
        compile_sheet(sheet, base=BASE, text=TEXT)


def test_drafts_are_fact_graphs_of_their_own(compiled: CompiledSheet) -> None:
    """Each draft holds its triples once; the sheet's entity triples and cached terms are not shared state."""
    again = load_sheet(SHEET, base=BASE)
    for draft, other in zip(compiled.assertions, again.assertions, strict=True):
        assert isinstance(draft.facts, FactGraph)
        assert len(set(draft.facts)) == len(draft.facts) == len(draft.facts.to_graph())
        assert set(draft.facts) == set(other.facts) == set(draft.facts.to_graph()), draft.label
    sheet = base_sheet()
    sheet["entities"] = [{"id": "place/x-district", "type": "District", "label": "X", "part_of": "aleppo"}]
    sheet["facts"].append({**sheet["facts"][0], "id": "second-veto"})
    for fact in sheet["facts"]:
        fact["place"] = "place/x-district"
    first, second = (d.facts for d in compile_sheet(sheet, base=BASE, text=TEXT).assertions)
    x = iri("place/x-district")
    assert (x, DKG.partOf, iri("place/aleppo")) in first and (x, DKG.partOf, iri("place/aleppo")) in second
    first.add((x, RDF.type, DKG.City))
    assert (x, RDF.type, DKG.City) not in second and (x, RDF.type, DKG.District) in second


S1, S2 = URIRef("http://example.org/s1"), URIRef("http://example.org/s2")
P1, P2 = URIRef("http://example.org/p1"), URIRef("http://example.org/p2")
nodes = st.sampled_from([S1, S2, P1, BNode("b"), Literal("1", datatype=XSD.integer), Literal("http://example.org/s1"),
                         Literal("x", lang="en"), Literal("x", lang="EN"), Literal(1)])  # fmt: skip
triples = st.lists(st.tuples(st.sampled_from([S1, S2, BNode("b")]), st.sampled_from([P1, P2]), nodes), max_size=12)
patterns = st.tuples(st.none() | st.sampled_from([S1, S2, BNode("b")]), st.none() | st.sampled_from([P1, P2]),
                     st.none() | nodes)  # fmt: skip


@given(triples, triples, patterns)
def test_fact_graph_answers_as_an_rdflib_graph(first, second, pattern) -> None:
    """Adding, `+=`, `in` with wildcards, `triples`, `subjects`, `objects`, `predicates`, `value` and `len`."""
    fg, g = FactGraph(first), Graph()
    for t in first:
        g.add(t)
    fg += second
    g += second
    assert len(fg) == len(g) and set(fg) == set(g) == set(fg.to_graph())
    assert (pattern in fg) == (pattern in g)
    assert sorted(fg.triples(pattern)) == sorted(g.triples(pattern))
    s, p, o = pattern
    for unique in (False, True):
        assert sorted(fg.subjects(p, o, unique)) == sorted(g.subjects(p, o, unique))
        assert sorted(fg.predicates(s, o, unique)) == sorted(g.predicates(s, o, unique))
        assert sorted(fg.objects(s, p, unique)) == sorted(g.objects(s, p, unique))
    if [s, p, o].count(None) == 1:
        found = fg.value(s, p, o)
        assert (found is None) == (g.value(s, p, o) is None)
        assert found is None or found in set(g.objects(s, p)) | set(g.subjects(p, o)) | set(g.predicates(s, o))
    assert fg.value(S1) is None and fg.value(S1, P1, default=Literal("d")) in {*g.objects(S1, P1), Literal("d")}


def test_fact_graph_refuses_what_is_not_a_term() -> None:
    with pytest.raises(TypeError, match="a triple of rdflib terms"):
        FactGraph().add((S1, P1, "plain string"))
