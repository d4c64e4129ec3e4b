"""Review workflow: low-confidence or invalid facts wait in a queue that lives in the log."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dkg.drafts import ArticleRecord
from dkg.kg import KnowledgeGraph
from dkg.refdata import load_reference_data
from dkg.review import (
    REVIEW_DECIDED,
    REVIEW_EDITED,
    REVIEW_QUEUED,
    ArticleDateConflict,
    ArticleInput,
    PendingDependency,
    ReviewError,
    ReviewQueue,
    ingest,
    ingest_many,
)

from conftest import copy_of

TEXT = (
    "Russia vetoed the French draft at the Security Council on Saturday. "
    "An aerial bombardment hit a market in Aleppo. "
    "Rebels shelled western Aleppo on Sunday."
)


@pytest.fixture(scope="module")
def base_kg() -> Iterator[KnowledgeGraph]:
    kg = KnowledgeGraph.in_memory()
    load_reference_data(kg)
    yield kg
    kg.close()


@pytest.fixture()
def kg(base_kg: KnowledgeGraph) -> Iterator[KnowledgeGraph]:
    """A fresh knowledge graph with the reference data (copied from the module's by replaying its log)."""
    kg = copy_of(base_kg)
    yield kg
    kg.close()


def facts_in_graph(kg: KnowledgeGraph, cls: str) -> int:
    rows = kg.select(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH ?g {{ ?e a dkg:{cls} }} }}")
    return int(rows[0]["n"].toPython())


def test_ingest_splits_by_confidence_and_logs_everything(kg: KnowledgeGraph) -> None:
    before = kg.version()
    report = ingest(kg, TEXT, published="2016-10-10", principal="analyst", threshold=0.8,
                    url="https://example.org/a")  # fmt: skip
    # the agentless air strike has confidence 0.65: it waits; the veto and the shelling are recorded
    assert {f.split("-")[0] for f in report.asserted} >= {"veto", "shelling"}
    assert [i.fact["type"] for i in report.queued] == ["AirStrike"]
    assert report.queued[0].reasons[0].startswith("confidence 0.65 below 0.8")
    assert facts_in_graph(kg, "Veto") == 1 and facts_in_graph(kg, "AirStrike") == 0
    types = [e.type for e in kg.log.read(after=before)]
    assert types[0] == "ArticleRegistered" and types[-1] == REVIEW_QUEUED
    queued = [e for e in kg.log.read(after=before) if e.type == REVIEW_QUEUED]
    assert all(e.payload["patch"] == {"remove": "", "add": ""} for e in queued)  # changes no triple


def test_accept_records_the_fact_and_the_decision(kg: KnowledgeGraph) -> None:
    report = ingest(kg, TEXT, published="2016-10-10", principal="analyst", threshold=0.8)
    q = ReviewQueue(kg)
    item = report.queued[0]
    version = kg.version()
    done = q.accept(item.id[:8], "reviewer", note="checked against the wire")
    assert done.status == "accepted" and done.decided_by == "reviewer" and len(done.assertions) == 1
    assert facts_in_graph(kg, "AirStrike") == 1
    assert [e.type for e in kg.log.read(after=version)] == ["FactsAsserted", REVIEW_DECIDED]
    assert q.items() == []
    with pytest.raises(ReviewError, match="already accepted"):
        q.accept(item.id, "reviewer")
    status = kg.assertion_status(done.assertions[0])
    assert status is not None and status["source"] == report.article


def test_reject_needs_a_reason_and_changes_no_triple(kg: KnowledgeGraph) -> None:
    report = ingest(kg, TEXT, published="2016-10-10", principal="analyst", threshold=0.8)
    q = ReviewQueue(kg)
    with pytest.raises(ReviewError, match="reason"):
        q.reject(report.queued[0].id, "reviewer", " ")
    digest = kg.digest()[1]
    done = q.reject(report.queued[0].id, "reviewer", "no agent: cannot tell who bombed")
    assert done.status == "rejected" and done.decision_reason.startswith("no agent")
    assert kg.digest()[1] == digest  # same triples
    assert q.items(status="rejected")[0].id == done.id


def test_edit_then_accept(kg: KnowledgeGraph) -> None:
    report = ingest(kg, TEXT, published="2016-10-10", principal="analyst", threshold=0.8)
    q = ReviewQueue(kg)
    item = q.edit(report.queued[0].id, "reviewer", changes={"agent": "actor/russian-armed-forces", "confidence": 1.0})
    assert item.edits == 1 and item.fact["agent"] == "actor/russian-armed-forces"
    assert [e.type for e in kg.log.read(after=kg.version() - 1)] == [REVIEW_EDITED]
    with pytest.raises(ReviewError, match="does not compile"):
        q.edit(item.id, "reviewer", changes={"agent": "actor/nobody-known"})
    q.accept(item.id, "reviewer")
    rows = kg.select("SELECT ?a WHERE { GRAPH ?g { ?e a dkg:AirStrike ; dkg:agent ?a } }")
    assert [str(r["a"]).rsplit("/", 1)[1] for r in rows] == ["russian-armed-forces"]


def test_invalid_facts_wait_with_the_shacl_message(kg: KnowledgeGraph) -> None:
    q = ReviewQueue(kg)
    article = ArticleRecord("Spain vetoed the draft.", published=None)
    fact = {"id": "spain-veto", "type": "Veto", "modality": "completed", "agent": "actor/spain",
            "forum": "actor/un-security-council", "evidence": [{"quote": "Spain vetoed the draft."}],
            "confidence": 0.9, "extractor": "dkg-rules 1.0.0"}  # fmt: skip
    item = q.queue(article, fact, ["manual check"], "analyst")
    from dkg.kg import ValidationFailed

    with pytest.raises(ValidationFailed) as failed:
        q.accept(item.id, "reviewer")  # Spain is not a permanent member: the item stays pending
    assert "permanent member" in failed.value.report.text()
    assert q.get(item.id).status == "pending"


VOTE_TEXT = ("Russia vetoed the French draft at the Security Council on Saturday. Eleven members voted for it. "
             "China abstained.")


def test_accepting_a_position_before_its_vote_names_the_waiting_items(kg: KnowledgeGraph) -> None:
    """Everything queued (threshold 0.95): the position refers to the draft and the vote, which wait too; accepting
    it first says which items to accept before it, and once they are in, it is accepted and adds its member."""
    report = ingest(kg, VOTE_TEXT, published="2016-10-10", principal="analyst", threshold=0.95)
    q = ReviewQueue(kg)
    by_type = {i.fact["type"]: i for i in report.queued}
    position, vote, draft = by_type["VotePosition"], by_type["Vote"], by_type["DraftResolution"]
    version = kg.version()
    with pytest.raises(PendingDependency) as waiting:
        q.accept(position.id, "reviewer")
    assert draft.id[:8] in str(waiting.value) and vote.id[:8] in str(waiting.value)
    assert kg.version() == version and q.get(position.id).status == "pending"
    q.accept(draft.id, "reviewer")
    with pytest.raises(PendingDependency, match=vote.id[:8]):
        q.accept(position.id, "reviewer")
    q.accept(vote.id, "reviewer")
    assert q.accept(position.id, "reviewer").status == "accepted"  # the vote recorded earlier counts
    rows = kg.select("SELECT ?m WHERE { GRAPH ?g { ?v a dkg:Vote } GRAPH ?h { ?v dkg:abstainer ?m } }")
    assert [str(r["m"]).rsplit("/", 1)[1] for r in rows] == ["china"]


def test_a_position_reported_alone_joins_the_known_vote(kg: KnowledgeGraph, base_kg: KnowledgeGraph) -> None:
    """A later article that only says who abstained is recorded on the vote already in the graph (or in the same
    batch), instead of waiting in review for want of a vote."""
    alone = "China abstained on the French draft at the Security Council on Saturday."
    first = ingest(kg, VOTE_TEXT.rsplit(" China", 1)[0], published="2016-10-10", principal="analyst")
    vote = next(f for f in first.sheet["facts"] if f["type"] == "Vote")
    second = ingest(kg, alone, published="2016-10-10", principal="analyst")
    assert not second.queued and len(second.asserted) == 1
    (position,) = second.sheet["facts"]
    assert position["vote"] == f"vote/{vote['id']}"
    other = copy_of(base_kg)
    try:  # both articles in one batch: the position finds the vote among the batch's uncommitted facts
        batch = ingest_many(other, [ArticleInput(VOTE_TEXT.rsplit(" China", 1)[0], "2016-10-10"),
                                    ArticleInput(alone, "2016-10-10")], principal="analyst")  # fmt: skip
        assert not any(r.queued for r in batch.reports)
        assert batch.reports[1].sheet["facts"][0]["vote"] == f"vote/{vote['id']}"
    finally:
        other.close()


def test_second_source_adds_a_source_to_the_same_event(kg: KnowledgeGraph) -> None:
    first = ingest(kg, "Russia vetoed the French draft at the Security Council on Saturday.",
                   published="2016-10-10", principal="analyst")  # fmt: skip
    second = ingest(kg, "On Friday Russia used its veto against the French text at the UN Security Council.",
                    published="2016-10-09", principal="analyst")  # fmt: skip
    veto_first = next(f for f in first.sheet["facts"] if f["type"] == "Veto")
    veto_iri = next(v for v in second.matched.values() if "/event/" in v)
    assert veto_iri.endswith("event/" + veto_first["id"])
    assert any(v.endswith("resolution/france-draft-2016-10") for v in second.matched.values())
    assert facts_in_graph(kg, "Veto") == 1
    rows = kg.select(f"""SELECT DISTINCT ?d ?src WHERE {{ GRAPH ?g {{ <{veto_iri}> dkg:date ?d }}
                         GRAPH ?p {{ ?g prov:wasDerivedFrom ?src }} }}""")
    assert {str(r["d"]) for r in rows} == {"2016-10-08", "2016-10-07"}  # Saturday vs Friday, one per source


def test_reposting_an_article_queues_nothing_twice(kg: KnowledgeGraph) -> None:
    first = ingest(kg, TEXT, published="2016-10-10", principal="analyst", threshold=0.8)
    assert len(first.queued) == 1
    head = kg.version()
    again = ingest(kg, TEXT, published="2016-10-10", principal="analyst", threshold=0.8)
    assert again.queued == [] and kg.version() == head  # nothing new: no event at all
    q = ReviewQueue(kg)
    q.reject(first.queued[0].id, "reviewer", "not in the article")
    third = ingest(kg, TEXT, published="2016-10-10", principal="analyst", threshold=0.8)
    assert third.queued == []  # a decided fact does not come back either
    assert [i.status for i in q.items(None)] == ["rejected"]
    many = ingest_many(kg, [ArticleInput(TEXT, "2016-10-10"), ArticleInput(TEXT + " More.", "2016-10-10"),
                            ArticleInput(TEXT + " More.", "2016-10-10")], principal="analyst", threshold=0.8)
    assert [len(r.queued) for r in many.reports] == [0, 1, 0]  # a new text queues once, even twice in a batch


def test_reposting_under_another_date_is_refused_and_writes_nothing(kg: KnowledgeGraph) -> None:
    ingest(kg, TEXT, published="2016-10-10", principal="analyst")
    head = kg.version()
    with pytest.raises(ArticleDateConflict, match="already registered as published 2016-10-10, not 2017-01-01"):
        ingest(kg, TEXT, published="2017-01-01", principal="analyst")
    other = "Rebels shelled western Aleppo on Monday."
    with pytest.raises(ArticleDateConflict, match="given twice"):
        ingest_many(kg, [ArticleInput(other, "2016-10-11"), ArticleInput(other, "2016-10-12")],
                    principal="analyst")  # fmt: skip
    with pytest.raises(ArticleDateConflict):
        ingest_many(kg, [ArticleInput(other, "2016-10-11"), ArticleInput(TEXT, "2016-10-11")], principal="analyst")
    assert kg.version() == head  # the first article of the refused batch was not written either


def test_cli_ingest_and_review(tmp_path) -> None:  # noqa: ANN001
    """`dkg ingest` (dry run and for real) and `dkg review list/reject` through the command line."""
    import importlib

    from dkg import review
    from dkg.cli import app  # loads the command plug-ins (dkg.cli_extraction among them)
    from typer.testing import CliRunner

    cli_extraction = importlib.import_module("dkg.cli_extraction")
    assert cli_extraction.DEFAULT_THRESHOLD == review.DEFAULT_THRESHOLD
    runner = CliRunner()
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    dry = runner.invoke(app, ["ingest", str(article), "--published", "2016-10-10", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "type: Veto" in dry.output and "text_file: a.txt" in dry.output
    data = str(tmp_path / "kb")
    assert runner.invoke(app, ["init", "--data", data]).exit_code == 0
    res = runner.invoke(app, ["ingest", str(article), "--published", "2016-10-10", "--threshold", "0.8",
                              "--data", data, "--as", "analyst"])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "queued for review" in res.output
    listed = runner.invoke(app, ["review", "list", "--json", "--data", data])
    assert listed.exit_code == 0 and "AirStrike" in listed.output
    item = res.output.split("review ")[1].split()[0]
    rejected = runner.invoke(app, ["review", "reject", item, "--reason", "no agent", "--data", data])
    assert rejected.exit_code == 0, rejected.output
    assert "[]" in runner.invoke(app, ["review", "list", "--json", "--data", data]).output
    again = runner.invoke(app, ["ingest", str(article), "--published", "2016-10-10", "--threshold", "0.8",
                                "--data", data])  # fmt: skip
    assert again.exit_code == 0 and "0 fact(s) recorded (3 already recorded), 0 queued" in again.output
    moved = runner.invoke(app, ["ingest", str(article), "--published", "2016-10-12", "--data", data])
    assert moved.exit_code == 1 and "already registered as published 2016-10-10" in moved.output
    for args in (["--dry-run"], ["--data", data]):
        far = runner.invoke(app, ["ingest", str(article), "--published", "0001-01-01", *args])
        assert far.exit_code == 1 and "needs a publication date between 1000-01-01" in far.output, far.output
        assert "Traceback" not in far.output


def test_cli_ingest_refuses_unreadable_and_empty_articles(tmp_path) -> None:  # noqa: ANN001
    """Latin-1, binary and empty files get a one-line error and exit 1, and nothing is written, even when a
    good article comes first in the same command."""
    from dkg.cli import app
    from typer.testing import CliRunner

    runner = CliRunner()
    data = str(tmp_path / "kb")
    assert runner.invoke(app, ["init", "--data", data]).exit_code == 0
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    bad = {"latin.txt": "Caf\xe9 talks in Aleppo.".encode("latin-1"), "binary.txt": b"\x00\x01\x02 Aleppo",
           "empty.txt": b"  \n\n"}  # fmt: skip
    messages = {"latin.txt": "not UTF-8 text", "binary.txt": "not a text file", "empty.txt": "the article is empty"}
    for name, content in bad.items():
        (tmp_path / name).write_bytes(content)
        res = runner.invoke(app, ["ingest", str(good), str(tmp_path / name), "--published", "2016-10-10",
                                  "--data", data])  # fmt: skip
        assert res.exit_code == 1, res.output
        assert messages[name] in res.output and "Traceback" not in res.output
        assert len(res.output.strip().splitlines()) == 1
    log = runner.invoke(app, ["log", "--data", data])
    assert "ArticleRegistered" not in log.output  # the good article of each refused command was not written either
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))  # a UTF-8 byte-order mark is not part of the text
    dry = runner.invoke(app, ["ingest", str(bom), "--published", "2016-10-10", "--dry-run"])
    assert dry.exit_code == 0 and "type: Veto" in dry.output
