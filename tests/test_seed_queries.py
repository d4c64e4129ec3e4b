"""The documented queries (docs/queries/*.rq) answer the seed questions on the curated Aleppo sheet,
loaded through the real write path (SHACL, log, projection); queries see the union of all graphs."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from dkg.factsheet import load_sheet
from dkg.kg import KnowledgeGraph
from dkg.refdata import load_reference_data
from dkg.terms import DKG

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "docs" / "queries"
BASE = "https://w3id.org/dkg/id/"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """The seed as dkg records it: reference data, then the curated sheet through the real write path."""
    kg = KnowledgeGraph.in_memory(BASE)
    load_reference_data(kg)
    kg.assert_sheet(load_sheet(ROOT / "examples" / "aleppo-2016.yaml", base=BASE), "curator")
    return kg.projection.store


def rows_of(store: ox.Store, name: str) -> list[dict[str, str]]:
    query = (QUERIES / name).read_text(encoding="utf-8")
    result = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    out = []
    for solution in result:
        out.append({n: solution[n].value for n in names if solution[n] is not None})
    return out


def test_every_query_is_documented_and_runs(store: ox.Store) -> None:
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 6
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# "), f"{path.name} must start with a comment saying what it answers"
        assert rows_of(store, path.name), f"{path.name} returns nothing on the seed"


def test_who_vetoed_the_french_draft(store: ox.Store) -> None:
    rows = rows_of(store, "who-vetoed-french-draft.rq")
    assert {r["vetoer"] for r in rows} == {BASE + "actor/russia"}
    (row,) = rows
    assert row["vetoerLabel"] == "Russia"
    assert row["forumLabel"] == "United Nations Security Council"
    assert row["symbol"] == "S/2016/846" and row["date"] == "2016-10-08" and row["ordinal"] == "5"


def test_how_china_voted(store: ox.Store) -> None:
    rows = rows_of(store, "china-vote.rq")
    assert {r["position"] for r in rows} == {str(DKG.Abstain)}
    assert rows[0]["symbol"] == "S/2016/846" and rows[0]["positionLabel"] == "abstain"


def test_what_turkey_and_russia_agreed(store: ox.Store) -> None:
    rows = rows_of(store, "turkey-russia-agreement.rq")
    assert {r["topic"] for r in rows} == {str(DKG.MilitaryContacts), str(DKG.HumanitarianAid)}
    assert {r["placeLabel"] for r in rows} == {"Aleppo"}
    assert {r["modality"] for r in rows} == {str(DKG.Completed)}


def test_france_actions(store: ox.Store) -> None:
    rows = rows_of(store, "france-actions.rq")
    acts = {(r["type"].rsplit("#", 1)[1], r["modality"].rsplit("#", 1)[1]) for r in rows}
    assert acts == {("Referral", "Announced"), ("Opposition", "Reported"), ("ResolutionDrafted", "Completed")}


def test_casualties_since_22_september(store: ox.Store) -> None:
    rows = rows_of(store, "casualties-since.rq")
    assert len({r["report"] for r in rows}) == 1
    row = rows[0]
    assert row["count"] == "290" and row["qualifier"] == str(DKG.MoreThan) and row["children"] == "57"
    assert row["since"] == "2016-09-22"
    assert {r["perpetrator"] for r in rows} == {"Russia", "Syria"}


def test_sentence_supporting_the_veto(store: ox.Store) -> None:
    rows = rows_of(store, "veto-evidence.rq")
    text = (ROOT / "examples" / "aleppo-2016.txt").read_text(encoding="utf-8")
    quotes = {r["quote"] for r in rows}
    assert "Russia has recently vetoed a resolution drafted by France at UN" in quotes
    assert "This is the fifth time Russia has vetoed a resolution on Syria." in quotes
    for r in rows:
        assert text[int(r["start"]) : int(r["end"])] == r["quote"]
        assert r["title"] == "France pressing for war crimes investigation in Aleppo"


def test_relations_summary(store: ox.Store) -> None:
    rows = rows_of(store, "relations-summary.rq")
    pairs = {(r["agentLabel"], r["otherLabel"], r["quadClass"]) for r in rows}
    assert ("France", "Russia", "3") in pairs  # opposition: verbal conflict
    assert ("China", "Russia", "2") in pairs  # backing Russia's vetoes: cooperation
    assert ("Syrian government forces", "Syrian rebels", "4") in pairs  # territorial gains: material conflict


def test_guide_queries_run(store: ox.Store) -> None:
    """Every SPARQL example of docs/ontology.md parses and runs; the guide's seed examples find something."""
    import re

    guide = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sparql\n(.*?)```", guide, re.S)
    prefixes, examples = blocks[0], blocks[1:]
    assert len(examples) >= 8
    answered = 0
    for example in examples:
        result = store.query(prefixes + example, use_default_graph_as_union=True)
        answered += bool(list(result))
    assert answered == len(examples)
    for row in re.findall(r"`(SELECT [^`]*)`", guide):
        list(store.query(prefixes + row, use_default_graph_as_union=True))
