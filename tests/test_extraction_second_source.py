"""A second full-length article about the October 2016 veto (written for dkg, `examples/`): what the extractor
reads in it, fact by fact, and that ingesting it after the seed adds sources to the seed's events instead of new
events, queues nothing and lists where the two articles disagree (sixth vs fifth veto)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dkg.extraction import extract
from dkg.extraction.matching import disagreements
from dkg.kg import KnowledgeGraph
from dkg.refdata import load_reference_data
from dkg.review import ingest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SECOND = (EXAMPLES / "aleppo-2016-second-source.txt").read_text(encoding="utf-8")


def _facts(type_: str) -> list[dict[str, Any]]:
    return [f for f in extract(SECOND, published="2016-10-09")["facts"] if f["type"] == type_]


def test_veto_vote_and_one_position_per_member() -> None:
    (veto,) = _facts("Veto")
    assert (veto["agent"], veto["date"], veto["properties"]["ordinal"]) == ("actor/russia", "2016-10-08", 6)
    (vote,) = _facts("Vote")
    assert vote["properties"] == {"inFavourCount": 11, "memberCount": 15}  # "Eleven of the council's 15 members"
    assert vote["forum"] == "actor/un-security-council"
    positions = {(p["agent"], p["properties"]["position"]) for p in _facts("VotePosition")}
    assert positions == {("actor/china", "Abstain"), ("actor/angola", "Abstain"), ("actor/russia", "Against"),
                         ("actor/venezuela", "Against")}  # fmt: skip
    assert all(p["forum"] == "actor/un-security-council" for p in _facts("VotePosition"))


def test_rival_draft_fails_and_its_silence_is_no_event() -> None:
    (failed,) = _facts("ResolutionFailed")
    assert failed["resolution"] == "resolution/russia-draft-2016-10" and not failed.get("negated")
    strikes = _facts("AirStrike")  # "made no mention of the bombing" is neither a bombing nor its negation
    assert [(s.get("negated", False), s.get("since")) for s in strikes] == [(False, "2016-09-19")]
    assert set(strikes[0]["agent"]) == {"actor/syrian-government-forces", "actor/russian-armed-forces"}


def test_referral_casualties_and_planned_meeting() -> None:
    (ref,) = _facts("Referral")
    assert (ref["agent"], ref["modality"], ref["place"]) == ("actor/france", "planned", "place/aleppo")
    (cas,) = _facts("CasualtyReport")
    assert cas["properties"]["casualtyCount"] == 370 and cas["breakdown"] == [
        {"casualtyCount": 68, "victimCategory": "Children"}]  # fmt: skip
    (meet,) = _facts("Meeting")
    assert set(meet["participant"]) == {"actor/recep-tayyip-erdogan", "actor/vladimir-putin"}
    assert (meet["modality"], meet["date"]) == ("planned", "2016-10-10")
    assert "place" not in meet  # Istanbul is not in the gazetteer; "aid to the city" is not where they meet


@pytest.fixture(scope="module")
def kg() -> Iterator[KnowledgeGraph]:
    kg = KnowledgeGraph.in_memory()
    load_reference_data(kg)
    ingest(kg, (EXAMPLES / "aleppo-2016.txt").read_text(encoding="utf-8"), published="2016-10-10", principal="t")
    yield kg
    kg.close()


def test_second_source_joins_the_seeds_events(kg: KnowledgeGraph) -> None:
    report = ingest(kg, SECOND, published="2016-10-09", principal="t", title="Russia blocks UN resolution")
    assert not report.queued  # every fact passes the shapes (one member per position, a forum per vote)
    vetoes = kg.query("SELECT DISTINCT ?e WHERE { ?e a dkg:Veto ; dkg:agent <https://w3id.org/dkg/id/actor/russia> }")
    assert len(list(vetoes)) == 1  # the sixth veto of this article is the seed's fifth: one event, two sources
    ordinals = {r["value"] for r in disagreements(kg) if r["property"].endswith("ordinal")}
    assert ordinals == {"5", "6"}
