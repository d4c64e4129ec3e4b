"""Issue #4's end-to-end promise: ingesting the raw seed article (no fact sheet) answers the documented seed
questions as the curated sheet does."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from dkg.kg import KnowledgeGraph
from dkg.refdata import load_reference_data
from dkg.review import ingest

from conftest import BASE, SEED_TEXT

QUERIES = Path(__file__).resolve().parent.parent / "docs" / "queries"


@pytest.fixture(scope="module")
def kg():
    kg = KnowledgeGraph.in_memory(BASE)
    load_reference_data(kg)
    report = ingest(kg, SEED_TEXT.read_text(encoding="utf-8"), published=date(2016, 10, 10), principal="ingest")
    assert report is not None
    yield kg
    kg.close()


def rows(kg: KnowledgeGraph, name: str) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in r.items()} for r in kg.select((QUERIES / name).read_text(encoding="utf-8"))]


def test_who_vetoed(kg):
    assert {r["vetoer"] for r in rows(kg, "who-vetoed-french-draft.rq")} == {BASE + "actor/russia"}
    assert {r.get("ordinal") for r in rows(kg, "who-vetoed-french-draft.rq")} == {"5"}


def test_china_abstained(kg):
    assert {r["positionLabel"] for r in rows(kg, "china-vote.rq")} == {"abstain"}


def test_turkey_and_russia_agreed_on_military_contacts_and_aid(kg):
    topics = {r["topicLabel"] for r in rows(kg, "turkey-russia-agreement.rq")}
    assert topics == {"military contacts", "humanitarian aid"}


def test_france_actions(kg):
    kinds = {(r["type"].rsplit("#", 1)[1], r["modality"].rsplit("#", 1)[1]) for r in rows(kg, "france-actions.rq")}
    assert ("Referral", "Announced") in kinds  # announced, not completed
    assert {k for k, _ in kinds} == {"Referral", "Opposition", "ResolutionDrafted"}


def test_casualties_since_22_september(kg):
    found = rows(kg, "casualties-since.rq")
    assert {(r["count"], r["children"], r["since"]) for r in found} == {("290", "57", "2016-09-22")}
    assert found[0]["qualifier"].endswith("MoreThan")


def test_the_sentence_supporting_the_veto(kg):
    quotes = {r["quote"] for r in rows(kg, "veto-evidence.rq")}
    assert any(q.startswith("Russia has recently vetoed a resolution drafted by France") for q in quotes)
