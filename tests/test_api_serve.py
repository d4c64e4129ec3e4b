"""`dkg serve` starts uvicorn on loopback over a knowledge base folder, with the options it documents."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
from dkg.config import Settings
from dkg.kg import KnowledgeGraph
from dkg.tokens import TokenStore
from test_api_support import free_port


def test_dkg_serve_read_only_with_timeout(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "kb")
    settings.save()
    kg = KnowledgeGraph.open(settings)
    secret, _ = TokenStore(kg.log).create("ops", "admin")
    kg.close()
    port = free_port()
    dkg = Path(sys.executable).parent / "dkg"
    proc = subprocess.Popen([str(dkg), "serve", "--data", str(settings.data_dir), "--port", str(port),
                             "--read-only", "--require-token", "--query-timeout", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{url}/openapi.json", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError("dkg serve did not start") from None
                time.sleep(0.1)
        auth = {"Authorization": f"Bearer {secret}"}
        assert httpx.get(f"{url}/sparql", params={"query": "ASK {}"}).status_code == 401
        ok = httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, headers=auth)
        assert ok.status_code == 200 and ok.json()["boolean"] is True and ok.headers["DKG-Version"] == "0"
        refused = httpx.post(f"{url}/sparql", data={"update": "CLEAR ALL"}, headers=auth)
        assert refused.status_code == 403 and refused.json()["error"] == "read_only"
    finally:
        proc.terminate()
        output = proc.communicate(timeout=10)[0]
    assert f"http://127.0.0.1:{port}" in output
    assert secret not in output  # tokens never reach the logs
