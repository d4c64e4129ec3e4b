"""Shared fixtures: knowledge bases in memory and on disk, the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
from dkg.kg import KnowledgeGraph
from dkg.log import open_log
from dkg.projection import Projection

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED_TEXT = EXAMPLES / "aleppo-2016.txt"
SEED_SHEET = EXAMPLES / "aleppo-2016.yaml"
BASE = "https://w3id.org/dkg/id/"


@pytest.fixture
def raw_kg():
    """An in-memory knowledge base with SHACL disabled, for tests of the log and projection layers."""
    kg = KnowledgeGraph.in_memory(validator=None)
    yield kg
    kg.close()


@pytest.fixture
def disk_kg(tmp_path):
    """An on-disk knowledge base (SQLite + Oxigraph with snapshots every 5 events), SHACL disabled."""
    log = open_log(f"sqlite:///{tmp_path / 'log.sqlite'}")
    kg = KnowledgeGraph(log, Projection(tmp_path / "projection", snapshot_every=5), base=BASE, validator=None)
    yield kg
    kg.close()


def copy_of(base: KnowledgeGraph) -> KnowledgeGraph:
    """An in-memory knowledge graph holding what `base` holds (its log replayed), to change in one test."""
    kg = KnowledgeGraph.in_memory()
    kg.log.import_events(list(base.log.read()))
    kg.catch_up()
    return kg
