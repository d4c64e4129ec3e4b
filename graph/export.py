"""Linked-data exports of the dataset (TriG, N-Quads, Turtle, JSON-LD) and of the log (RDF Patch, JSON lines).

Exports stream from the store through Oxigraph's serialisers, so a large graph is never held as one string.
The projection's bookkeeping graph is never exported.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO, TextIO

import pyoxigraph as ox
from dkg.events import Event
from dkg.projection import user_quads
from dkg.rdfpatch import write_events
from dkg.terms import PREFIXES

DATASET_FORMATS: dict[str, tuple[ox.RdfFormat, str, bool]] = {
    # name: (Oxigraph format, media type, keeps named graphs)
    "trig": (ox.RdfFormat.TRIG, "application/trig", True),
    "nquads": (ox.RdfFormat.N_QUADS, "application/n-quads", True),
    "turtle": (ox.RdfFormat.TURTLE, "text/turtle", False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "application/n-triples", False),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json", True),
}
LOG_FORMATS = ("rdf-patch", "jsonl")


class ExportError(ValueError):
    """An unknown export format."""


def _triples(store: ox.Store) -> Iterator[ox.Triple]:
    for q in user_quads(store):
        yield ox.Triple(q.subject, q.predicate, q.object)


def export_dataset(store: ox.Store, fmt: str, out: BinaryIO) -> None:
    """Write the dataset; triple-only formats (Turtle, N-Triples) get the union of all graphs."""
    if fmt not in DATASET_FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(DATASET_FORMATS)}")
    rdf_format, _, quads = DATASET_FORMATS[fmt]
    items = user_quads(store) if quads else _triples(store)
    ox.serialize(items, out, rdf_format, prefixes=PREFIXES if fmt in ("trig", "turtle") else None)


def export_log(events: Iterator[Event], fmt: str, out: TextIO) -> int:
    """Write events as RDF Patch transactions or as JSON lines (the lossless form `import-log` reads)."""
    if fmt == "rdf-patch":
        return write_events(events, out)
    if fmt == "jsonl":
        count = 0
        for event in events:
            out.write(json.dumps(event.to_json(), ensure_ascii=False) + "\n")
            count += 1
        return count
    raise ExportError(f"unknown log format {fmt!r}; choose one of {', '.join(LOG_FORMATS)}")
