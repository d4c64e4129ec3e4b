"""Comunica (`@comunica/query-sparql` from npm) queries the endpoint unchanged, finding it through the service
description. Skipped when the `comunica-sparql` command is not installed: set `DKG_COMUNICA_SPARQL` to its path,
or install it next to the repository (`npm install @comunica/query-sparql@4`; v5 needs Node 22)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_api_support import ROOT, live_server, synthetic_kg


def _comunica() -> str | None:
    candidates = [os.environ.get("DKG_COMUNICA_SPARQL"), str(ROOT / "node_modules" / ".bin" / "comunica-sparql"),
                  shutil.which("comunica-sparql")]
    for candidate in candidates:
        if candidate and Path(candidate).exists() and shutil.which("node"):
            return candidate
    return None


COMUNICA = _comunica()
VETO_AGENT = ("SELECT DISTINCT ?agent WHERE { ?e a <https://w3id.org/dkg/ontology#Veto> ; "
              "<https://w3id.org/dkg/ontology#agent> ?agent }")


@pytest.mark.skipif(COMUNICA is None, reason="comunica-sparql is not installed (npm @comunica/query-sparql)")
@pytest.mark.parametrize("source", ["sparql@{url}/sparql", "{url}/sparql"])
def test_comunica_queries_the_endpoint(source):
    kg = synthetic_kg()
    with live_server(kg) as server:
        run = subprocess.run([COMUNICA, source.format(url=server.url), VETO_AGENT], capture_output=True, text=True,
                             timeout=120)
    kg.close()
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(run.stdout) == [{"agent": "https://w3id.org/dkg/id/actor/russia"}]
