"""Backup and restore: `dkg export-log --format jsonl` + `dkg import-log` move a knowledge base between SQLite
and PostgreSQL deployments (and into a remote SPARQL store); the rebuilt graph is identical."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from dkg.cli import app
from dkg.config import Settings
from dkg.kg import KnowledgeGraph
from dkg.log import open_log
from dkg.remote_store import RemoteProjection
from oxigraph_server import oxigraph_server
from pg_fixtures import fresh_database
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from typer.testing import CliRunner

BASE = "https://example.org/kb/"
EX = "http://example.org/"

pytestmark = pytest.mark.postgres


def build_source(folder) -> tuple[tuple[int, str], int]:
    """A small knowledge base on SQLite with every kind of change: reference data, patches, a merge."""
    settings = Settings.load(folder, base=BASE)
    settings.save()
    kg = KnowledgeGraph.open(settings)
    kg.log.set_meta("base_iri", BASE)
    ref = Graph()
    for i in range(30):
        ref.add((URIRef(f"{BASE}thing/{i}"), RDFS.label, Literal(f"chose n°{i} — ☃", lang="fr")))
        ref.add((URIRef(f"{BASE}thing/{i}"), RDF.type, URIRef(EX + "Thing")))
    kg.load_reference("things", ref)
    for i in range(20):
        kg.patch([], [ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(f"v{i}\n\"q\""),
                              ox.NamedNode(f"{EX}g{i % 3}"))], "alice", validate=False)
    kg.patch([ox.Quad(ox.NamedNode(f"{EX}s1"), ox.NamedNode(EX + "p"), ox.Literal("v1\n\"q\""),
                      ox.NamedNode(f"{EX}g1"))], [], "bob", validate=False)
    kg.merge([f"{BASE}thing/1"], into=f"{BASE}thing/2", reason="same", principal="carol")
    digest, head = kg.digest(), kg.log.head()
    kg.close()
    return digest, head


def test_export_import_between_sqlite_postgres_and_a_remote_store(tmp_path, monkeypatch) -> None:
    for var in ("DKG_LOG_URL", "DKG_STORE_URL", "DKG_DATA", "DKG_BASE_IRI"):
        monkeypatch.delenv(var, raising=False)
    runner = CliRunner()
    digest, head = build_source(tmp_path / "a")
    backup = tmp_path / "backup.jsonl"
    result = runner.invoke(app, ["export-log", "--data", str(tmp_path / "a"), "--format", "jsonl", "-o", str(backup)])
    assert result.exit_code == 0, result.output
    exported = [json.loads(line) for line in backup.read_text().splitlines()]
    assert len(exported) == head

    with fresh_database() as pg_url, fresh_database() as pg_url2:
        # SQLite -> PostgreSQL (local projection)
        result = runner.invoke(app, ["import-log", str(backup), "--data", str(tmp_path / "b"), "--log-url", pg_url])
        assert result.exit_code == 0, result.output
        assert f"imported {head} event(s)" in result.output and f"base IRI {BASE}" in result.output
        kg = KnowledgeGraph.open(Settings.load(tmp_path / "b"))
        assert kg.log.url == pg_url and kg.base == BASE
        assert [e.to_json() for e in kg.log.read()] == exported  # verbatim: ids, times, hashes
        assert kg.log.verify().ok
        assert kg.digest() == digest
        kg.close()
        # importing again does not continue the chain: refused, nothing written
        result = runner.invoke(app, ["import-log", str(backup), "--data", str(tmp_path / "b")])
        assert result.exit_code == 1 and "nothing imported" in result.output
        with open_log(pg_url) as log:
            assert log.head() == head

        # PostgreSQL -> SQLite
        backup2 = tmp_path / "backup2.jsonl"
        result = runner.invoke(app, ["export-log", "--data", str(tmp_path / "b"), "--format", "jsonl", "-o",
                                     str(backup2)])
        assert result.exit_code == 0, result.output
        assert backup2.read_text() == backup.read_text()
        result = runner.invoke(app, ["import-log", str(backup2), "--data", str(tmp_path / "c")])
        assert result.exit_code == 0, result.output
        kg = KnowledgeGraph.open(Settings.load(tmp_path / "c"))
        assert kg.log.url.startswith("sqlite:") and kg.digest() == digest and kg.base == BASE
        kg.close()

        # -> PostgreSQL + a remote SPARQL store: the projector applies the restored log
        with oxigraph_server(tmp_path / "ox") as server:
            monkeypatch.setenv("DKG_STORE_URL", server.url)
            result = runner.invoke(app, ["import-log", str(backup), "--data", str(tmp_path / "d"), "--log-url",
                                         pg_url2])
            assert result.exit_code == 0, result.output
            assert "projector" in result.output
            result = runner.invoke(app, ["project", "--data", str(tmp_path / "d"), "--quiet"])
            assert result.exit_code == 0, result.output
            remote = RemoteProjection(server.url)
            assert remote.version() == head and remote.digest() == digest
            kg = KnowledgeGraph.open(Settings.load(tmp_path / "d"))  # reader of the remote store
            twin = KnowledgeGraph.open(Settings.load(tmp_path / "c"))
            assert kg.version() == head
            assert kg.digest(as_of=head - 1) == twin.digest(as_of=head - 1)  # time travel on the remote store
            twin.close()
            kg.close()


def test_import_log_refuses_a_file_that_is_no_exported_log(tmp_path) -> None:
    """A file in another encoding or a line that is no event: one line naming the file, exit 1, nothing written."""
    runner = CliRunner()
    latin, garbage = tmp_path / "latin.jsonl", tmp_path / "garbage.jsonl"
    latin.write_bytes('{"seq": 1, "type": "Caf\xe9"}\n'.encode("latin-1"))
    garbage.write_text('{"seq": 1}\nnot json\n', encoding="utf-8")
    for path, message in ((latin, "not UTF-8 text"), (garbage, "garbage.jsonl:1: not an exported event")):
        result = runner.invoke(app, ["import-log", str(path), "--data", str(tmp_path / path.stem)])
        assert result.exit_code == 1 and message in result.output and str(path) in result.output, result.output
        assert "Traceback" not in result.output
        assert not (tmp_path / path.stem).exists()  # no empty knowledge base left behind
