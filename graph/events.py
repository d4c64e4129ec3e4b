"""Events: the immutable facts of the log, and the RDF patch each one applies to the dataset."""

from __future__ import annotations

import hashlib
import json
import weakref
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

import pyoxigraph as ox
from dkg.normalize import nquads_to_quads, quads_to_nquads

ARTICLE_REGISTERED = "ArticleRegistered"
FACTS_ASSERTED = "FactsAsserted"
FACTS_RETRACTED = "FactsRetracted"
ENTITIES_MERGED = "EntitiesMerged"
REFERENCE_DATA_LOADED = "ReferenceDataLoaded"
GRAPH_PATCHED = "GraphPatched"

EVENT_TYPES = (
    ARTICLE_REGISTERED,
    FACTS_ASSERTED,
    FACTS_RETRACTED,
    ENTITIES_MERGED,
    REFERENCE_DATA_LOADED,
    GRAPH_PATCHED,
)

GENESIS_HASH = "0" * 64
_WRITER_PATCHES: dict[int, Patch] = {}  # id(event) -> the patch its writer built (dropped with the event)
_WRITER_JSON: dict[int, str] = {}  # id(event) -> its payload's canonical JSON, as its writer hashed it


@dataclass(frozen=True)
class Patch:
    """Quads removed then added by one event; the write path keeps it *effective* so it can be inverted."""

    remove: tuple[ox.Quad, ...] = ()
    add: tuple[ox.Quad, ...] = ()

    def inverse(self) -> Patch:
        return Patch(remove=self.add, add=self.remove)

    def __len__(self) -> int:
        return len(self.remove) + len(self.add)

    def to_json(self) -> dict[str, str]:
        return {"remove": quads_to_nquads(self.remove), "add": quads_to_nquads(self.add)}

    @classmethod
    def from_json(cls, data: dict[str, str] | None) -> Patch:
        if not data:
            return cls()
        return cls(
            remove=tuple(nquads_to_quads(data.get("remove", ""))),
            add=tuple(nquads_to_quads(data.get("add", ""))),
        )


@dataclass(frozen=True)
class NewEvent:
    """An event a command wants to append; the log gives it a sequence number, time and hashes."""

    type: str
    principal: str
    payload: dict[str, Any]
    patch: Patch = field(default_factory=Patch)


@dataclass(frozen=True)
class Event:
    """An event as stored in the log."""

    seq: int
    id: str
    type: str
    recorded_at: str
    principal: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    @property
    def patch(self) -> Patch:
        """The effective patch: the writer's own copy (see `with_patch`), else parsed from the payload."""
        known = _WRITER_PATCHES.get(id(self))
        return known if known is not None else Patch.from_json(self.payload.get("patch"))

    def change(self) -> Patch | str:
        """What applying this event takes: the writer's parsed patch when held; else, for an add-only patch, the
        N-Quads text the payload stores (Oxigraph parses it without building Python quads); else the patch."""
        known = _WRITER_PATCHES.get(id(self))
        if known is not None:
            return known
        data = self.payload.get("patch") or {}
        if data.get("remove"):
            return Patch.from_json(data)
        return data.get("add") or ""

    def with_patch(self, patch: Patch, payload_json: str | None = None) -> Event:
        """Remember the parsed patch this event's payload serialises (the writer holds it: no re-parsing), and
        the payload's canonical JSON if the writer has it (hashed once, stored as is: no second encoding).

        Kept beside the event, not in its fields, so `Event(**event.__dict__)` and equality are unaffected.
        """
        key = id(self)
        _WRITER_PATCHES[key] = patch
        if payload_json is not None:
            _WRITER_JSON[key] = payload_json
        weakref.finalize(self, _forget, key)
        return self

    def payload_json(self) -> str:
        """The payload as the log stores it: canonical JSON."""
        known = _WRITER_JSON.get(id(self))
        return known if known is not None else canonical_json(self.payload)

    @property
    def recorded_datetime(self) -> datetime:
        return parse_timestamp(self.recorded_at)

    def summary(self) -> dict[str, Any]:
        """A short description for listings: everything but the bulky payload."""
        patch = self.payload.get("patch") or {}
        return {
            "seq": self.seq,
            "id": self.id,
            "type": self.type,
            "recorded_at": self.recorded_at,
            "principal": self.principal,
            "added": _count_lines(patch.get("add", "")),
            "removed": _count_lines(patch.get("remove", "")),
            "subject": self.payload.get("assertion")
            or self.payload.get("article")
            or self.payload.get("name")
            or self.payload.get("into"),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "id": self.id,
            "type": self.type,
            "recorded_at": self.recorded_at,
            "principal": self.principal,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__})


def _forget(key: int) -> None:
    _WRITER_PATCHES.pop(key, None)
    _WRITER_JSON.pop(key, None)


def _count_lines(text: str) -> int:
    return text.count("\n")


def canonical_json(value: Any) -> str:
    """The byte-stable JSON form hashed by the chain (sorted keys, no spaces, UTF-8)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(
    seq: int, id: str, type: str, recorded_at: str, principal: str, payload: dict[str, Any], prev_hash: str
) -> str:
    """sha256 over every field of an event but its own hash: editing any of them breaks the chain."""
    return event_hash_json(seq, id, type, recorded_at, principal, canonical_json(payload), prev_hash)


def event_hash_json(
    seq: int, id: str, type: str, recorded_at: str, principal: str, payload_json: str, prev_hash: str
) -> str:
    """`event_hash` from the payload's canonical JSON: the same bytes as the canonical JSON of all the fields
    (keys in sorted order), built around the payload text so that a large payload is encoded only once."""
    text = partial(json.dumps, ensure_ascii=False)
    body = (f'{{"id":{text(id)},"payload":{payload_json},"prev_hash":{text(prev_hash)},'
            f'"principal":{text(principal)},"recorded_at":{text(recorded_at)},"seq":{text(seq)},"type":{text(type)}}}')
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def format_timestamp(moment: datetime) -> str:
    """UTC ISO 8601 with microseconds and a Z, so string order is time order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_timestamp(value: str) -> datetime:
    """Parse an ISO 8601 timestamp; a naive one is taken as UTC."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
