"""Ingest's write path and matching: one append per article, bound candidate queries equal a full scan."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from dkg.extraction import extract
from dkg.extraction.matching import candidate_events, existing_events, key_of_fact, match_fact
from dkg.kg import KnowledgeGraph
from dkg.refdata import load_reference_data
from dkg.review import REVIEW_QUEUED, ingest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from extraction_throughput import synthetic_articles  # noqa: E402


@pytest.fixture(scope="module")
def kg() -> Iterator[KnowledgeGraph]:
    """Reference data, the seed and eight distinct synthetic articles (some share parties, dates differ)."""
    kg = KnowledgeGraph.in_memory()
    load_reference_data(kg)
    seed = (Path(__file__).resolve().parents[1] / "examples" / "aleppo-2016.txt").read_text(encoding="utf-8")
    ingest(kg, seed, published="2016-10-10", principal="test")
    for a in synthetic_articles(8, seed=3):
        ingest(kg, a.text, published=a.published, principal="test")
    yield kg
    kg.close()


def test_synthetic_articles_are_distinct_and_seed_sized() -> None:
    arts = synthetic_articles(20)
    assert len({a.text for a in arts}) == 20
    assert len({a.published for a in arts}) == 20
    assert all(2000 < len(a.text) < 3000 for a in arts)
    assert synthetic_articles(5) == synthetic_articles(5)  # deterministic


def test_bound_candidates_match_like_a_full_scan(kg: KnowledgeGraph) -> None:
    """For every fact of new articles, the bound queries find the event a scan of all events of its type finds."""
    compared = 0
    for a in synthetic_articles(14, seed=3)[8:]:
        sheet = extract(a.text, published=a.published)
        facts = [f for f in sheet["facts"] if f["type"] != "DraftResolution"]
        bound = candidate_events(kg, [key_of_fact(f, a.published) for f in facts])
        for fact in facts:
            full = existing_events(kg, fact["type"])
            assert set(bound.get(fact["type"], {})) <= set(full)
            assert match_fact(fact, bound.get(fact["type"], {}), a.published) == match_fact(fact, full, a.published)
            compared += 1
    assert compared > 100


def test_one_append_per_article(kg: KnowledgeGraph) -> None:
    a = synthetic_articles(15, seed=3)[14]
    head = kg.log.head()
    report = ingest(kg, a.text, published=a.published, principal="test", threshold=0.85)
    assert report.queued and report.asserted  # both kinds in the same append
    assert kg.log.head() == head + len(report.events)
    assert [e.seq for e in report.events] == list(range(head + 1, kg.log.head() + 1))
    assert report.events[0].type == "ArticleRegistered"
    assert {e.payload["item"] for e in report.events if e.type == REVIEW_QUEUED} == {i.id for i in report.queued}


def test_undated_events_years_apart_are_not_one_event(kg: KnowledgeGraph) -> None:
    text = "Russia and Turkey met in Moscow."  # three articles (one text is one article, with one date)
    first = ingest(kg, text, published="2013-03-01", principal="test")
    again = ingest(kg, text + " They talked.", published="2013-03-04", principal="test")
    later = ingest(kg, text + " They talked again.", published="2019-06-01", principal="test")
    assert again.matched  # within the window: a second source
    assert not later.matched  # six years later: another meeting
    assert first.asserted and later.asserted
