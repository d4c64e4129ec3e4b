"""Batch ingest (`ingest_many`, `dkg ingest` of many files): the same facts and queue as one article at a time."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from dkg.kg import KnowledgeGraph
from dkg.projection import user_quads
from dkg.refdata import load_reference_data
from dkg.review import ArticleInput, ReviewQueue, ingest, ingest_many

from conftest import copy_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from extraction_throughput import synthetic_articles  # noqa: E402

SEED = (Path(__file__).resolve().parents[1] / "examples" / "aleppo-2016.txt").read_text(encoding="utf-8")
VETO_SAT = ArticleInput("Russia vetoed the French draft at the Security Council on Saturday.", "2019-03-04")
VETO_FRI = ArticleInput("On Friday Russia used its veto against the French text at the UN Security Council.",
                        "2019-03-03")  # fmt: skip
REFUSED = ArticleInput("Spain vetoed the draft resolution at the Security Council on Saturday. "
                       "Rebels shelled western Aleppo on Sunday.", "2018-05-07")  # fmt: skip
LOW = ArticleInput("An aerial bombardment hit a market in Aleppo. Rebels shelled western Aleppo on Sunday.",
                   "2019-06-10")  # the agentless air strike waits for review (confidence 0.65)
DIGEST = "https://w3id.org/dkg/ontology#claimDigest"
VOLATILE = ("http://www.w3.org/ns/prov#generatedAtTime", "https://w3id.org/dkg/ontology#assertedAtVersion")


@pytest.fixture(scope="module")
def base_kg() -> Iterator[KnowledgeGraph]:
    kg = KnowledgeGraph.in_memory()
    load_reference_data(kg)
    ingest(kg, SEED, published="2016-10-10", principal="test")
    yield kg
    kg.close()


def normalised(kg: KnowledgeGraph) -> set[str]:
    """The dataset with each assertion IRI replaced by its claim digest, without write times and log versions
    (which differ between one commit per article and one per batch)."""
    quads = list(user_quads(kg.projection.store))
    digests = {q.subject.value: q.object.value for q in quads if q.predicate.value == DIGEST}
    iri = re.compile(r"<(https://w3id.org/dkg/id/assertion/[0-9a-f-]+)")
    out = set()
    for q in quads:
        if q.predicate.value not in VOLATILE:
            out.add(iri.sub(lambda m: "<claim:" + digests[m.group(1)], str(q)))
    return out


def queue_of(kg: KnowledgeGraph) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return sorted((i.article, i.fact["id"], i.fact["type"], tuple(i.reasons)) for i in ReviewQueue(kg).items())


def one_by_one(base: KnowledgeGraph, articles: list[ArticleInput]) -> KnowledgeGraph:
    kg = copy_of(base)
    for a in articles:
        ingest(kg, a.text, published=a.published, title=a.title, url=a.url, principal="test", threshold=0.8)
    return kg


def test_a_batch_records_what_one_by_one_records(base_kg: KnowledgeGraph) -> None:
    articles = [ArticleInput(a.text, a.published, a.title) for a in synthetic_articles(12, seed=3)]
    articles += [VETO_SAT, articles[2], LOW, VETO_FRI]  # the same veto twice, one article again, one to review
    expected = one_by_one(base_kg, articles)
    for size in (5, 50):
        kg = copy_of(base_kg)
        report = ingest_many(kg, articles, principal="test", threshold=0.8, batch_size=size)
        assert len(report.reports) == len(articles)
        assert report.batches == -(-len(articles) // size)  # two sources of one veto share a commit
        assert normalised(kg) == normalised(expected)
        assert queue_of(kg) == queue_of(expected) != []
        assert kg.digest() == kg.replay_digest()
        kg.close()
    expected.close()


def test_a_second_article_in_the_same_batch_adds_a_source(base_kg: KnowledgeGraph) -> None:
    kg = copy_of(base_kg)
    report = ingest_many(kg, [VETO_SAT, VETO_FRI], principal="test", batch_size=20)
    first, second = report.reports
    assert report.batches == 1  # each source validated on its own, both written in one commit
    veto = next(f for f in first.sheet["facts"] if f["type"] == "Veto")
    assert any(v.endswith("event/" + veto["id"]) for v in second.matched.values())
    rows = kg.select(f"""SELECT DISTINCT ?d ?src WHERE {{ GRAPH ?g {{ <{kg.base}event/{veto['id']}> dkg:date ?d }}
                         GRAPH ?p {{ ?g prov:wasDerivedFrom ?src }} }}""")
    assert {(str(r["d"]), str(r["src"])) for r in rows} == {("2019-03-02", first.article),
                                                            ("2019-03-01", second.article)}  # fmt: skip
    vetoes = kg.select("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a dkg:Veto } }")
    assert int(vetoes[0]["n"].toPython()) == 2  # the seed's and this one
    kg.close()


def test_a_refused_article_does_not_sink_its_batch(base_kg: KnowledgeGraph) -> None:
    articles = [ArticleInput(a.text, a.published, a.title) for a in synthetic_articles(3, seed=5)]
    articles.insert(1, REFUSED)
    expected = one_by_one(base_kg, articles)
    kg = copy_of(base_kg)
    report = ingest_many(kg, articles, principal="test", threshold=0.8, batch_size=10)
    assert 1 in report.refused and 0 not in report.refused
    assert "permanent member" in report.refused[1][0]
    refused = report.reports[1]
    assert [i.fact["type"] for i in refused.queued] == ["Veto"] and refused.asserted  # the shelling is recorded
    assert all(r.asserted for r in report.reports)
    assert normalised(kg) == normalised(expected)
    assert queue_of(kg) == queue_of(expected)
    expected.close()
    kg.close()


def test_progress_counts_every_article(base_kg: KnowledgeGraph) -> None:
    kg = copy_of(base_kg)
    seen: list[int] = []
    articles = [VETO_SAT, ArticleInput("The talks went on.", "2019-03-05"), VETO_FRI]
    report = ingest_many(kg, articles, principal="test", batch_size=2, progress=seen.append)
    assert sum(seen) == 3
    assert report.reports[1].asserted == [] and report.reports[1].queued == []
    assert kg.select("SELECT ?t WHERE { ?a dkg:text ?t }") != []
    kg.close()


def test_cli_ingests_many_files_and_a_folder(tmp_path: Path) -> None:
    """`dkg ingest a.txt b.txt` with --published for all, and `dkg ingest folder/` with sidecar metadata."""
    from dkg.cli import app
    from typer.testing import CliRunner

    runner = CliRunner()
    data = str(tmp_path / "kb")
    assert runner.invoke(app, ["init", "--data", data]).exit_code == 0
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(VETO_SAT.text, encoding="utf-8")
    b.write_text(REFUSED.text, encoding="utf-8")
    res = runner.invoke(app, ["ingest", str(a), str(b), "--published", "2019-03-04", "--data", data, "--as", "x"])
    assert res.exit_code == 0, res.output
    assert "a.txt: article" in res.output and "b.txt: article" in res.output
    assert "b.txt: refused in its batch" in res.output and "permanent member" in res.output
    assert "2 articles" in res.output
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one.txt").write_text(VETO_FRI.text, encoding="utf-8")
    (folder / "one.json").write_text('{"published": "2019-03-03", "title": "Friday veto", "url": "https://e.org/1"}')
    (folder / "two.txt").write_text("Rebels shelled western Aleppo on Sunday.", encoding="utf-8")
    (folder / "two.yaml").write_text("published: 2019-03-05\n", encoding="utf-8")
    res = runner.invoke(app, ["ingest", str(folder), "--batch", "5", "--data", data])
    assert res.exit_code == 0, res.output
    assert "one.txt: article" in res.output and "two.txt: article" in res.output
    lines = res.output.splitlines()
    assert "2 matched to known events" in lines[lines.index(next(x for x in lines if x.startswith("one.txt"))) + 1]
    assert "1 matched to known events" in lines[lines.index(next(x for x in lines if x.startswith("two.txt"))) + 1]
    titles = runner.invoke(app, ["query", "SELECT ?t WHERE { ?a <http://purl.org/dc/terms/title> ?t }",
                                 "--data", data])  # fmt: skip
    assert titles.exit_code == 0 and "Friday veto" in titles.output
    missing = runner.invoke(app, ["ingest", str(a), str(folder), "--data", data])
    assert missing.exit_code == 1 and "no publication date" in missing.output
    both = runner.invoke(app, ["ingest", str(a), str(b), "--published", "2019-03-04", "--title", "T", "--data", data])
    assert both.exit_code == 1 and "sidecar" in both.output
