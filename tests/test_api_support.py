"""Helpers shared by the API tests: a live uvicorn server on a free loopback port, seeded knowledge graphs."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from dkg.api.app import create_app
from dkg.api.state import ApiConfig
from dkg.kg import KnowledgeGraph
from dkg.tokens import TokenStore
from fastapi import FastAPI

ROOT = Path(__file__).resolve().parent.parent
SEED_SHEET = ROOT / "examples" / "aleppo-2016.yaml"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveServer:
    """A running server: its URL, app, knowledge graph and tokens per role."""

    url: str
    app: FastAPI
    kg: KnowledgeGraph
    tokens: dict[str, str]

    def auth(self, role: str = "editor") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


def make_tokens(kg: KnowledgeGraph) -> dict[str, str]:
    """One token per role, named after it."""
    store = TokenStore(kg.log)
    return {role: store.create(f"test-{role}", role)[0] for role in ("reader", "editor", "admin")}


@contextmanager
def live_server(kg: KnowledgeGraph, config: ApiConfig | None = None) -> Iterator[LiveServer]:
    """Run the app with uvicorn on 127.0.0.1 in a thread; stop it on exit."""
    tokens = make_tokens(kg)
    app = create_app(kg, config)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on", timeout_graceful_shutdown=2))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", app, kg, tokens)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def seeded_kg() -> KnowledgeGraph:
    """An in-memory knowledge graph with the reference data and the Aleppo 2016 seed sheet loaded."""
    from dkg.factsheet import load_sheet  # noqa: PLC0415
    from dkg.refdata import load_reference_data  # noqa: PLC0415

    kg = KnowledgeGraph.in_memory()
    load_reference_data(kg)
    kg.assert_sheet(load_sheet(SEED_SHEET, base=kg.base), "seed")
    return kg
