"""Bearer tokens: stored hashed with the log, roles ordered, revocable; the CLI commands."""

from __future__ import annotations

import json

import pytest
from dkg.cli import app
from dkg.config import Settings
from dkg.kg import KnowledgeGraph
from dkg.tokens import TokenError, TokenStore, token_hash
from typer.testing import CliRunner


@pytest.fixture
def store():
    kg = KnowledgeGraph.in_memory(validator=None)
    yield TokenStore(kg.log)
    kg.close()


def test_create_verify_roles_and_hashing(store):
    secret, info = store.create("alice", "editor")
    assert secret.startswith("dkg_") and len(secret) > 40
    assert store.verify(secret) == info
    assert info.allows("reader") and info.allows("editor") and not info.allows("admin")
    stored = store.log.list_meta("token:")
    assert list(stored) == [f"token:{token_hash(secret)}"]
    assert secret not in json.dumps(stored)  # only the hash is kept
    assert store.verify(secret + "x") is None


def test_revoke_and_duplicates(store):
    secret, info = store.create("bob", "admin")
    with pytest.raises(TokenError):
        store.create("bob", "reader")
    with pytest.raises(TokenError):
        store.create("carol", "superuser")
    with pytest.raises(TokenError):
        store.create("two words", "reader")
    revoked = store.revoke(info.hash[:10])
    assert revoked.revoked is not None and store.verify(secret) is None
    with pytest.raises(TokenError):
        store.revoke("bob")
    again, _ = store.create("bob", "reader")
    assert store.verify(again).role == "reader"
    assert [t.name for t in store.list()] == ["bob", "bob"]


def test_cli_token_commands(tmp_path):
    runner = CliRunner()
    data = str(tmp_path / "kb")
    settings = Settings.load(data)
    settings.save()
    KnowledgeGraph.open(settings).close()  # an empty knowledge base (no reference data needed here)
    created = runner.invoke(app, ["token", "create", "--name", "alice", "--role", "editor", "--data", data])
    assert created.exit_code == 0, created.output
    secret = [line for line in created.output.splitlines() if line.startswith("dkg_")][0]
    listed = runner.invoke(app, ["token", "list", "--data", data])
    assert "alice" in listed.output and "editor" in listed.output and secret not in listed.output
    bad = runner.invoke(app, ["token", "create", "--name", "x", "--role", "root", "--data", data])
    assert bad.exit_code == 2
    revoked = runner.invoke(app, ["token", "revoke", "alice", "--data", data])
    assert revoked.exit_code == 0 and "revoked" in revoked.output
    kg = KnowledgeGraph.open(Settings.load(data))
    try:
        assert TokenStore(kg.log).verify(secret) is None
    finally:
        kg.close()
