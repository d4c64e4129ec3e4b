"""A real `oxigraph serve` (the PyPI `oxigraph` package) on a free loopback port, for tests.

`OxigraphServer(directory)` can be stopped and started again on the same port and data, to simulate an
outage of the graph store.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def oxigraph_binary() -> str:
    """The `oxigraph` executable next to the running Python (the venv), else on PATH."""
    candidate = Path(sys.executable).parent / "oxigraph"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the `oxigraph` server is not installed: pip install oxigraph")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """One `oxigraph serve --location DIR --bind 127.0.0.1:PORT` process."""

    def __init__(self, location: Path, port: int | None = None) -> None:
        self.location = Path(location)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.log = self.location.parent / f"oxigraph-{self.port}.log"

    def start(self, timeout: float = 20.0) -> None:
        self.location.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [oxigraph_binary(), "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"],
                stdout=out, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited: {self.log.read_text()[-2000:]}")
            try:
                httpx.post(f"{self.url}/query", data={"query": "ASK {}"}, timeout=1.0)
                return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError(f"oxigraph serve did not start within {timeout}s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None


@contextmanager
def oxigraph_server(location: Path) -> Iterator[OxigraphServer]:
    """A running server with its data in `location`, stopped afterwards."""
    server = OxigraphServer(location)
    server.start()
    try:
        yield server
    finally:
        server.stop()
