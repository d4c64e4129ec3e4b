"""dkg's own RDF Patch reader and writer."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from dkg.events import NewEvent, Patch
from dkg.rdfpatch import RDFPatchError, apply_transaction, read_patch, write_events
from dkg.sqlite_log import SQLiteLog

A = ox.NamedNode("http://example.org/a")
P = ox.NamedNode("http://example.org/p")
G = ox.NamedNode("http://example.org/g")


def test_events_round_trip_and_replay():
    log = SQLiteLog(":memory:")
    q1 = ox.Quad(A, P, ox.Literal('say "hi"\nthere', language="en"), G)
    q2 = ox.Quad(A, P, ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    log.append([NewEvent("GraphPatched", "t", {}, Patch(add=(q1, q2)))])
    log.append([NewEvent("GraphPatched", "t", {}, Patch(remove=(q1,)))])
    out = io.StringIO()
    assert write_events(log.read(), out) == 2
    text = out.getvalue()
    assert text.count("TX .") == 2 and text.count("TC .") == 2
    events = list(log.read())
    assert f"H prev <urn:uuid:{events[0].id}> ." in text
    txs = list(read_patch(text.splitlines()))
    assert [str(t.headers["id"].value) for t in txs] == [f"urn:uuid:{e.id}" for e in events]
    store = ox.Store()
    for tx in txs:
        apply_transaction(store, tx)
    assert list(store) == [q2]


def test_aborted_transactions_prefixes_and_prefix_deletion():
    text = """
PA ex <http://example.org/> .
TX .
A ex:a ex:p "1" ex:g .
TA .
TX .
A ex:a ex:p "2"^^<http://www.w3.org/2001/XMLSchema#integer> .
D <http://example.org/a> ex:p "x"@en ex:g .
TC .
PD ex .
"""
    txs = list(read_patch(text.splitlines()))
    assert len(txs) == 1
    ops = txs[0].operations
    assert ops[0] == ("A", ox.Quad(A, P, ox.Literal("2", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))))
    assert ops[1] == ("D", ox.Quad(A, P, ox.Literal("x", language="en"), G))
    with pytest.raises(RDFPatchError, match="undeclared prefix"):
        list(read_patch(text.splitlines() + ["TX .", "A ex:a ex:p ex:b .", "TC ."]))


@pytest.mark.parametrize(
    "bad, message",
    [
        ('H prev "not-an-iri" .', "must be an IRI"),
        ("H prev .", "header"),
        ("TC .", "without TX"),
        ("TX .\nTX .", "inside a transaction"),
        ("TX .\nA <http://a> <http://b> .\nTC .", "3 or 4 terms"),
        ("TX .\nA <http://a> <http://b> <http://c>\nTC .", "end with"),
        ("TX .\nA <http://a> <http://b> <http://c> .", "ends inside"),
        ("Q <http://a> .", "unknown row"),
    ],
)
def test_malformed_patches_are_reported_with_the_line(bad, message):
    with pytest.raises(RDFPatchError, match=message):
        list(read_patch(bad.splitlines()))
