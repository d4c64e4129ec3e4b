"""`dkg import unsc-vetoes`: the Security Council veto record 1946-2022 as sourced, validated events."""

from __future__ import annotations

import pytest
from dkg.drafts import ArticleRecord, AssertionDraft, Evidence
from dkg.kg import KnowledgeGraph
from dkg.terms import DKG
from dkg.vetoes import MEMBERS, VetoDataError, import_vetoes, parse_vetoes, shipped_csv
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

BASE = "https://w3id.org/dkg/id/"
SYRIA_BEFORE_ALEPPO = f"""
SELECT (COUNT(DISTINCT ?veto) AS ?n) WHERE {{
  ?veto a dkg:Veto ; dkg:agent <{BASE}actor/russia> ; dkg:topic/skos:exactMatch dkg:SyrianCivilWar ;
        dkg:date ?day .
  FILTER (?day <= "2016-10-08"^^xsd:date)
}}"""


def reference_actors() -> Graph:
    """What the veto shapes read about the vetoing states: the five permanent members (and the USSR)."""
    g = Graph()
    council = URIRef(f"{BASE}actor/un-security-council")
    g.add((council, RDF.type, DKG.OrganisationOrgan))
    g.add((council, RDFS.label, Literal("United Nations Security Council")))
    for slug, label in MEMBERS.values():
        actor = URIRef(f"{BASE}actor/{slug}")
        g.add((actor, RDF.type, DKG.State))
        g.add((actor, RDFS.label, Literal(label)))
        g.add((actor, DKG.permanentMemberOf, council))
    return g


def fast_validator():
    """The compiled SHACL validator when present (the full import then takes seconds, not minutes)."""
    try:
        from dkg.compiled_validation import validate_compiled
    except ImportError:
        return None
    return validate_compiled


def test_parse_the_record() -> None:
    records = parse_vetoes(shipped_csv())
    assert len(records) == 214
    assert sum(len(r.members) for r in records) == 265
    russia_syria = [r for r in records if "Russia" in r.members and r.topic == "Syria"]
    assert len(russia_syria) == 17
    before = [r for r in russia_syria if r.day.isoformat() <= "2016-10-08"]
    assert [r.draft for r in before] == ["S/2011/612", "S/2012/77", "S/2012/538", "S/2014/348", "S/2016/846"]
    aleppo = before[-1]
    assert (aleppo.day.isoformat(), aleppo.members, aleppo.meetings) == ("2016-10-08", ("Russia",), ("S/PV.7785",))
    both_columns = next(r for r in records if r.draft == "S/12312/Rev.1")
    assert both_columns.members == ("France", "USA", "UK")  # dummies say USA, UK; member columns add France
    only_named = next(r for r in records if r.draft == "S/8761")
    assert only_named.members == ("USSR",)  # no dummy set, named in member_veto1
    two_meetings = next(r for r in records if r.draft == "S/2020/654")
    assert two_meetings.meetings == ("S/2020/661", "S/2020/657")
    text = shipped_csv()
    assert all(text[r.start : r.end] == r.raw for r in records)
    assert text.count("\r\n") >= 214  # line ends kept as in the file: the same article as `import FILE`


def test_malformed_files_are_refused(tmp_path) -> None:
    with pytest.raises(VetoDataError, match="missing column"):
        parse_vetoes("a,b\n1,2\n")
    header = shipped_csv().splitlines()[0]
    with pytest.raises(VetoDataError, match="bad date"):
        parse_vetoes(header + "\n" + "2016,2016-10-08" + ",x" * (header.count(",") - 1) + "\n")


def test_full_import_makes_the_fifth_veto_checkable() -> None:
    kg = KnowledgeGraph.in_memory(validator=fast_validator())
    kg.load_reference("gazetteer", reference_actors())
    result = import_vetoes(kg, None, "importer")
    assert (result.rows, result.asserted, result.skipped) == (214, 214, 0)
    assert int(kg.select(SYRIA_BEFORE_ALEPPO)[0]["n"]) == 5
    total = kg.select("SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE { ?v a dkg:Veto }")
    assert int(total[0]["n"]) == 265
    rows = kg.select(f"""SELECT ?ordinal ?source ?title ?quote WHERE {{
        GRAPH ?a {{ <{BASE}event/veto-s-2016-846-russia> dkg:ordinal ?ordinal ;
                        dkg:resolution <{BASE}resolution/s-2016-846> }}
        GRAPH <{BASE}graph/provenance> {{ ?a prov:wasDerivedFrom ?source ; dkg:hasEvidence/oa:hasTarget/
                                            oa:hasSelector/oa:exact ?quote }}
        GRAPH <{BASE}graph/articles> {{ ?source dcterms:title ?title }} }}""")
    assert len(rows) == 1
    assert int(rows[0]["ordinal"]) == 5
    assert "World Politics Data Lab" in str(rows[0]["title"])
    assert str(rows[0]["quote"]).startswith("2016,10/8/2016,10,S/2016/846,S/PV.7785")
    ussr = kg.select(f"SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE {{ ?v dkg:agent <{BASE}actor/soviet-union> }}")
    assert int(ussr[0]["n"]) > 0
    again = import_vetoes(kg, None, "importer")
    assert (again.asserted, again.skipped) == (0, 214)


def test_validated_subset_and_the_seed_link(tmp_path) -> None:
    """Through the validating write path (compiled SHACL, else pyshacl): the records conform, and the seed's
    veto of S/2016/846 meets the historical record on the same draft resolution."""
    validator = fast_validator()
    kg = KnowledgeGraph.in_memory(**({"validator": validator} if validator else {}))
    kg.load_reference("gazetteer", reference_actors())
    text = "Russia has recently vetoed a resolution drafted by France at UN."
    seed = URIRef(f"{BASE}event/russia-vetoes-french-draft")
    facts = Graph()
    facts.add((seed, RDF.type, DKG.Veto))
    facts.add((seed, DKG.agent, URIRef(f"{BASE}actor/russia")))
    facts.add((seed, DKG.forum, URIRef(f"{BASE}actor/un-security-council")))
    facts.add((seed, DKG.resolution, URIRef(f"{BASE}resolution/s-2016-846")))
    facts.add((seed, DKG.modality, DKG.Completed))
    facts.add((URIRef(f"{BASE}resolution/s-2016-846"), RDF.type, DKG.DraftResolution))
    kg.assert_drafts(ArticleRecord(text=text, title="seed"),
                     [AssertionDraft(facts, [Evidence.locate(text, "Russia has recently vetoed")])], "seed")
    lines = shipped_csv().split("\r\n")
    keep = [lines[0]] + [line for line in lines[1:] if "S/2016/846" in line or "S/2012/77," in line
                         or "S/8761," in line or "S/12312/Rev.1" in line]
    subset = tmp_path / "subset.csv"
    subset.write_bytes(("\r\n".join(keep) + "\r\n").encode())
    result = import_vetoes(kg, subset, "importer")
    assert result.asserted == 4
    rows = kg.select(f"""SELECT DISTINCT ?record ?day WHERE {{
        <{seed}> dkg:resolution ?draft .
        ?record a dkg:Veto ; dkg:resolution ?draft ; dkg:agent <{BASE}actor/russia> ; dkg:date ?day .
        FILTER (?record != <{seed}>) }}""")
    assert [(str(r["record"]), str(r["day"])) for r in rows] == [(f"{BASE}event/veto-s-2016-846-russia",
                                                                  "2016-10-08")]


def test_the_seed_claim_is_checkable_against_the_record(tmp_path) -> None:
    """The seed sheet says Russia's veto of S/2016/846 was its fifth on Syria; the record, imported next to it,
    counts the drafts Russia vetoed on the Syrian civil war up to that veto's date."""
    from pathlib import Path

    from dkg.factsheet import load_sheet
    from dkg.refdata import load_reference_data

    kg = KnowledgeGraph.in_memory(validator=fast_validator())
    load_reference_data(kg)
    kg.assert_sheet(load_sheet(Path(__file__).parent.parent / "examples" / "aleppo-2016.yaml", base=kg.base), "seed")
    lines = shipped_csv().split("\r\n")
    russian = [lines[0]] + [line for line in lines[1:] if "Russia" in line]  # the gazetteer has no USSR yet
    subset = tmp_path / "russia.csv"
    subset.write_bytes("\r\n".join(russian).encode())
    assert import_vetoes(kg, subset, "importer").asserted == len(russian) - 1
    rows = kg.select(f"""SELECT ?claimed (COUNT(DISTINCT ?draft) AS ?recorded) WHERE {{
        <{BASE}event/russia-veto-s-2016-846> dkg:agent ?russia ; dkg:ordinal ?claimed ; dkg:date ?day .
        ?veto a dkg:Veto ; dkg:agent ?russia ; dkg:topic dkg:SyrianCivilWar ; dkg:resolution ?draft ;
              dkg:date ?when .
        FILTER (?when <= ?day) }} GROUP BY ?claimed""")
    assert [(int(r["claimed"]), int(r["recorded"])) for r in rows] == [(5, 5)]
