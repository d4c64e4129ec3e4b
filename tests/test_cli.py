"""The `dkg` command line, end to end on the seed article (every command of the core issue)."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3

import pytest
from dkg.cli import app
from dkg.rdfpatch import apply_transaction, read_patch
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from conftest import SEED_SHEET, SEED_TEXT

runner = CliRunner()

VETO_QUERY = """SELECT DISTINCT ?who WHERE {
  ?veto a dkg:Veto ; dkg:agent ?who ; dkg:resolution ?draft .
  ?draft dkg:sponsor <https://w3id.org/dkg/id/actor/france> . }"""


def dkg(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A knowledge base with the reference data and the seed fact sheet loaded (built once)."""
    root = tmp_path_factory.mktemp("seeded")
    data = str(root / "dkg-data")
    assert dkg("init", "--data", data).exit_code == 0
    result = dkg("load", str(SEED_SHEET), "--data", data, "--as", "curator")
    assert result.exit_code == 0, result.output
    return root / "dkg-data"


@pytest.fixture
def kb(seeded, tmp_path):
    """A private copy of the seeded knowledge base, for tests that write."""
    target = tmp_path / "dkg-data"
    shutil.copytree(seeded, target)
    return str(target)


def rows(output: str) -> list[dict]:
    return json.loads(output)["results"]["bindings"]


def test_commands_without_a_knowledge_base_say_so(tmp_path):
    result = dkg("query", "SELECT * WHERE { ?s ?p ?o }", "--data", str(tmp_path / "nothing"))
    assert result.exit_code == 1
    assert "dkg init" in result.output
    assert "Traceback" not in result.output


def test_init_is_idempotent(kb):
    result = dkg("init", "--data", kb)
    assert result.exit_code == 0
    assert "already up to date" in result.output


def test_query_finds_who_vetoed_the_french_draft(kb):
    result = dkg("query", VETO_QUERY, "--data", kb, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [r["who"]["value"] for r in rows(result.stdout)] == ["https://w3id.org/dkg/id/actor/russia"]


def test_query_reads_a_file_and_reports_bad_sparql_in_one_line(kb, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text(VETO_QUERY)
    assert "russia" in dkg("query", f"@{rq}", "--data", kb).stdout
    bad = dkg("query", "SELEC ?x WHERE {", "--data", kb)
    assert bad.exit_code == 1
    assert bad.output.count("\n") <= 3 and "error" in bad.output
    missing = dkg("query", "@/nonexistent.rq", "--data", kb)
    assert missing.exit_code == 1 and "cannot read" in missing.output
    latin = tmp_path / "latin.rq"
    latin.write_bytes("SELECT * WHERE { ?s ?p 'Caf\xe9' }".encode("latin-1"))
    encoded = dkg("query", f"@{latin}", "--data", kb)
    assert encoded.exit_code == 1 and "not UTF-8 text" in encoded.output and "Traceback" not in encoded.output


def test_log_lists_numbered_events_with_principal_and_counts(kb):
    result = dkg("log", "--data", kb, "--json")
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    types = [e["type"] for e in events]
    assert types[:3] == ["ReferenceDataLoaded"] * 3
    assert "ArticleRegistered" in types and types.count("FactsAsserted") >= 17
    assert {e["principal"] for e in events if e["type"] == "FactsAsserted"} == {"curator"}
    table = dkg("log", "--data", kb, "--limit", "5")
    assert table.exit_code == 0 and "ReferenceData" in table.stdout


def _veto_assertion(kb: str) -> str:
    q = "SELECT DISTINCT ?a WHERE { GRAPH ?a { ?v a dkg:Veto ; dkg:agent ?who } }"
    return rows(dkg("query", q, "--data", kb, "--format", "json").stdout)[0]["a"]["value"]


def test_retract_then_time_travel(kb):
    head = len(dkg("log", "--data", kb, "--json").stdout.splitlines())
    assertion = _veto_assertion(kb)
    shown = next(json.loads(line) for line in dkg("log", "--data", kb, "--json").stdout.splitlines()
                 if json.loads(line)["payload"].get("assertion") == assertion)
    assert assertion.endswith(dkg("log", "--data", kb, "--after", str(shown["seq"] - 1), "--limit", "1")
                              .stdout.split("assertion/")[1].split()[0])  # the id `dkg log` shows
    result = dkg("retract", "assertion/" + assertion.rsplit("/", 1)[-1], "--reason", "test retraction",
                 "--data", kb)
    assert result.exit_code == 0, result.output
    ask = "ASK { ?v a dkg:Veto ; dkg:agent <https://w3id.org/dkg/id/actor/russia> }"
    assert dkg("query", ask, "--data", kb).stdout.strip() == "false"
    assert dkg("query", "--as-of", str(head), ask, "--data", kb).stdout.strip() == "true"
    why = f"SELECT ?r WHERE {{ <{assertion}> dkg:retractionReason ?r }}"
    assert "test retraction" in dkg("query", why, "--data", kb).stdout
    again = dkg("retract", assertion, "--reason", "again", "--data", kb)
    assert again.exit_code == 1 and "already retracted" in again.output
    unknown = dkg("retract", "no-such-assertion", "--reason", "x", "--data", kb)
    assert unknown.exit_code == 1 and "no assertion" in unknown.output
    bad = dkg("query", "--as-of", "99999", ask, "--data", kb)
    assert bad.exit_code == 1 and "does not exist" in bad.output


def test_validate_reports_conformance(kb):
    result = dkg("validate", "--data", kb)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout


@pytest.mark.parametrize("fmt, parser", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld"),
                                         ("turtle", "turtle")])
def test_export_formats_parse_and_hold_the_veto(kb, fmt, parser):
    result = dkg("export", "--format", fmt, "--data", kb)
    assert result.exit_code == 0
    ds = Dataset() if fmt != "turtle" else Graph()
    ds.parse(data=result.stdout_bytes, format=parser)
    q = "ASK { GRAPH ?g { ?v a <https://w3id.org/dkg/ontology#Veto> } }" if fmt != "turtle" else \
        "ASK { ?v a <https://w3id.org/dkg/ontology#Veto> }"
    assert ds.query(q).askAnswer


def test_export_as_of_before_the_facts(kb):
    result = dkg("export", "--format", "nquads", "--as-of", "3", "--data", kb)
    assert result.exit_code == 0
    instance_of_veto = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/dkg/ontology#Veto>"
    assert instance_of_veto not in result.stdout_bytes
    assert instance_of_veto in dkg("export", "--format", "nquads", "--data", kb).stdout_bytes
    assert dkg("export", "--format", "xml", "--data", kb).exit_code == 2


def test_export_log_rdf_patch_replays_to_the_same_dataset(kb):
    import pyoxigraph as ox
    from dkg.config import Settings
    from dkg.kg import KnowledgeGraph
    from dkg.projection import dataset_digest

    result = dkg("export-log", "--format", "rdf-patch", "--data", kb)
    assert result.exit_code == 0
    store = ox.Store()
    for tx in read_patch(io.StringIO(result.stdout)):
        apply_transaction(store, tx)
    with KnowledgeGraph.open(Settings.load(kb)) as kg:
        assert dataset_digest(store) == kg.digest()
    jsonl = dkg("export-log", "--format", "jsonl", "--data", kb)
    assert all(json.loads(line)["hash"] for line in jsonl.stdout.splitlines())


def test_rebuild_gives_the_same_graph_and_verify_checks_it(kb):
    before = dkg("verify", "--data", kb)
    assert before.exit_code == 0, before.output
    digest = before.stdout.split("digest ")[1][:16]
    result = dkg("rebuild", "--data", kb)
    assert result.exit_code == 0
    assert digest in result.stdout
    assert dkg("verify", "--data", kb).exit_code == 0


def test_verify_detects_a_tampered_log(kb):
    con = sqlite3.connect(f"{kb}/log.sqlite")
    con.execute("DROP TRIGGER events_no_update")
    con.execute("UPDATE events SET principal = 'mallory' WHERE seq = 5")
    con.commit()
    con.close()
    result = dkg("verify", "--data", kb)
    assert result.exit_code == 1
    assert "event 5" in result.output


BROKEN_SHEET = """
article:
  title: France pressing for war crimes investigation in Aleppo
  published: 2016-10-10
  text_file: aleppo-2016.txt
facts:
  - id: a-veto-by-an-elected-member
    type: Veto
    modality: completed
    agent: japan
    forum: un-security-council
    date: 2016-10-08
    evidence:
      - quote: Russia has recently vetoed a resolution drafted by France at UN
"""


def test_a_refused_sheet_appends_nothing(kb, tmp_path):
    head = len(dkg("log", "--data", kb, "--json").stdout.splitlines())
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN_SHEET)
    shutil.copy(SEED_SHEET.with_suffix(".txt"), tmp_path / "aleppo-2016.txt")
    result = dkg("load", str(broken), "--data", kb)
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert "permanent member" in result.output
    assert len(dkg("log", "--data", kb, "--json").stdout.splitlines()) == head


def test_a_malformed_sheet_is_one_clear_line(kb, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN_SHEET.replace("type: Veto", "type: Vetoo"))
    shutil.copy(SEED_SHEET.with_suffix(".txt"), tmp_path / "aleppo-2016.txt")
    result = dkg("load", str(bad), "--data", kb)
    assert result.exit_code == 1
    assert "Vetoo" in result.output and "Traceback" not in result.output


def test_loading_the_same_sheet_again_records_nothing_new(kb):
    head = len(dkg("log", "--data", kb, "--json").stdout.splitlines())
    result = dkg("load", str(SEED_SHEET), "--data", kb)
    assert result.exit_code == 0
    assert "0 assertion(s) appended (28 already recorded" in result.stdout.replace("\n", " ")
    assert len(dkg("log", "--data", kb, "--json").stdout.splitlines()) == head


def test_log_and_tokens_work_while_a_server_holds_the_store(kb):
    from dkg.config import Settings
    from dkg.kg import KnowledgeGraph

    server = KnowledgeGraph.open(Settings.load(kb))  # what `dkg serve` holds open
    try:
        assert dkg("log", "--data", kb, "--limit", "1").exit_code == 0
        created = dkg("token", "create", "--role", "reader", "--name", "carol", "--data", kb)
        assert created.exit_code == 0 and created.stdout.strip().startswith("dkg_")
        busy = dkg("query", "ASK { ?s ?p ?o }", "--data", kb)
        assert busy.exit_code == 1
        assert "another dkg process" in busy.output and "Traceback" not in busy.output
    finally:
        server.close()


def test_a_memory_projection_kb_ingests_and_answers_from_its_log_alone(tmp_path):
    data = str(tmp_path / "mem")
    assert dkg("init", "--data", data, "--projection", "memory").exit_code == 0
    result = dkg("ingest", str(SEED_TEXT), "--published", "2016-10-10", "--data", data)
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "mem" / "projection").exists()
    result = dkg("query", VETO_QUERY, "--data", data, "--format", "json")  # opened again: the log is replayed
    assert [r["who"]["value"] for r in rows(result.stdout)] == ["https://w3id.org/dkg/id/actor/russia"]


def test_init_refuses_an_unknown_projection_in_one_line(tmp_path):
    result = dkg("init", "--data", str(tmp_path / "kb"), "--projection", "ram")
    assert result.exit_code == 1
    assert "unknown projection 'ram'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "kb").exists()
