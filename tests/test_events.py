"""Event hashing: the hash built around a payload's JSON text is the hash of all fields' canonical JSON."""

from __future__ import annotations

import hashlib

from dkg.events import Event, Patch, canonical_json, event_hash, event_hash_json
from hypothesis import given
from hypothesis import strategies as st

text = st.text(max_size=30)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | text,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
                           max_leaves=12)  # fmt: skip


@given(st.integers(1, 10**9), text, text, text, text, st.dictionaries(text, json_values, max_size=5), text)
def test_hash_from_payload_json_is_the_chain_hash(seq, eid, etype, at, principal, payload, prev) -> None:
    fields = {"seq": seq, "id": eid, "type": etype, "recorded_at": at, "principal": principal,
              "payload": payload, "prev_hash": prev}  # fmt: skip
    expected = hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()
    assert event_hash_json(seq, eid, etype, at, principal, canonical_json(payload), prev) == expected
    assert event_hash(seq, eid, etype, at, principal, payload, prev) == expected


def test_stored_payload_is_the_hashed_json() -> None:
    payload = {"b": "é \\" + '"', "a": [1, {"z": None}]}
    event = Event(1, "id", "T", "2026-01-01T00:00:00.000000Z", "me", payload, "0" * 64, "h")
    assert event.payload_json() == canonical_json(payload)
    written = canonical_json(payload)
    event.with_patch(Patch(), written)
    assert event.payload_json() is written  # the writer's text, not encoded a second time
