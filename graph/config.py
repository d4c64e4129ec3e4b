"""Where a knowledge base lives and how it is addressed: data folder, log URL, base IRI.

Settings come from (strongest first) explicit arguments, environment variables (`DKG_DATA`, `DKG_LOG_URL`,
`DKG_STORE_URL`, `DKG_BASE_IRI`, `DKG_VALIDATOR`, `DKG_PROJECTION`) and the `config.json` that `dkg init` writes into
the data folder.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from dkg.terms import DEFAULT_BASE

CONFIG_FILE = "config.json"


@dataclass
class Settings:
    """Resolved settings for one knowledge base."""

    data_dir: Path
    base: str = DEFAULT_BASE
    log_url: str | None = None
    store_url: str | None = None
    snapshot_every: int = 10_000
    snapshot_keep: int = 6  # snapshots kept, spread over the history (docs/decisions.md, 13); 0 keeps all
    validator: str = "compiled"  # write-path validator: "compiled" (default) or "pyshacl"
    projection: str = "disk"  # local projection: "disk" (Oxigraph on RocksDB, default) or "memory" (rebuilt at open)

    @property
    def resolved_log_url(self) -> str:
        return self.log_url or f"sqlite:///{self.data_dir / 'log.sqlite'}"

    @property
    def projection_dir(self) -> Path:
        return self.data_dir / "projection"

    def save(self) -> None:
        """Write config.json (only what differs from the defaults derived from the folder)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        data = {k: v for k, v in asdict(self).items() if k != "data_dir" and v is not None}
        (self.data_dir / CONFIG_FILE).write_text(json.dumps(data, indent=2) + "\n")

    @classmethod
    def load(cls, data_dir: str | Path | None = None, **overrides) -> Settings:
        """Settings for `data_dir` (default `$DKG_DATA` or ./dkg-data)."""
        folder = Path(data_dir or os.environ.get("DKG_DATA") or "dkg-data")
        values: dict = {}
        path = folder / CONFIG_FILE
        if path.exists():
            values.update(json.loads(path.read_text()))
        env = {
            "log_url": os.environ.get("DKG_LOG_URL"),
            "store_url": os.environ.get("DKG_STORE_URL"),
            "base": os.environ.get("DKG_BASE_IRI"),
            "validator": os.environ.get("DKG_VALIDATOR"),
            "projection": os.environ.get("DKG_PROJECTION"),
        }
        values.update({k: v for k, v in env.items() if v})
        values.update({k: v for k, v in overrides.items() if v is not None})
        base = values.get("base", DEFAULT_BASE)
        if not base.endswith(("/", "#")):
            values["base"] = base + "/"
        return cls(data_dir=folder, **values)
