"""Matching's event index: what :func:`~dkg.extraction.matching.candidate_events` reads, cached and kept current.

Matching asks, for every fact of every article, which events of the fact's type are linked to one of its parties
(or drafts) and fall in its date window. Through SPARQL that re-reads every event linked to a hub party (a
permanent member of the Security Council links to thousands of events once the graph holds a few hundred
articles) for every article. The index reads a linked IRI's events once, with bound queries for many IRIs at a
time, and keeps them bucketed by type and sorted by start date, so a fact costs dictionary lookups and a bisection
of its window; per event it keeps the rows matching reads (types, dates, parties, drafts, places) and the
``dkg:partOf+`` closure of places.

It stays current through :meth:`dkg.kg.KnowledgeGraph.subscribe`: every applied event's patch is folded in. An
added triple of a loaded event is added in place (the store path reads the union of all graphs, a set); an event
newly linked to a loaded IRI, and any loaded event that loses a triple (another graph may still hold it), is
re-read before the next answer; a change of ``dkg:partOf`` drops the place closures; a rebuild (``[]``) drops
everything. A store that moved without telling this process (a remote store's projector) is caught up from the
log. Answers are those of the store path, pending batch facts included: :mod:`tests.test_event_index` checks it.
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from dkg.extraction.matching import (
    LINK_PROPS,
    LINKED_QUERY,
    LINKS,
    PART_OF,
    PART_OF_QUERY,
    PLACE,
    ROLE_PROPS,
    TIME_PROPS,
    EventKey,
    PendingFacts,
    _dates_meet,
    _iris,
    _make_key,
    _roles_of,
    _times_of,
)

if TYPE_CHECKING:
    from dkg.events import Event
    from dkg.kg import KnowledgeGraph

SPAN_DAYS = 62  # events spanning more days than this are kept apart from the sorted list and tested one by one
CHUNK = 1000  # IRIs per bound query
MANY_PLACES = 100  # more places than this moved in one fold: all place closures are dropped
EVENT_PROPS = TIME_PROPS | ROLE_PROPS
WATCHED = EVENT_PROPS | {PART_OF}
EVENT_ROWS_QUERY = "SELECT ?event ?p ?v WHERE { VALUES ?event { %s } ?event ?p ?v . FILTER(?p IN (%s)) }"
_PROPS = ", ".join(f"<{p}>" for p in sorted(EVENT_PROPS))

Row = tuple[str, str, bool]  # (predicate, value, whether the value is an IRI)


class _Event:
    """One event's rows of the watched predicates (all graphs together) and what matching derives from them."""

    __slots__ = ("end", "keys", "links", "places", "rows", "start", "types")

    def __init__(self, rows: set[Row]) -> None:
        self.rows = rows
        self.types, self.start, self.end = _times_of((p, v) for p, v, _iri in rows)
        self.links = frozenset(v for p, v, iri in rows if iri and p in LINK_PROPS)
        self.places = frozenset(v for p, v, iri in rows if iri and p == PLACE)
        self.keys: dict[str, EventKey] = {}  # type -> key, built when first asked for

    def long(self) -> bool:
        """Whether its dates span more than SPAN_DAYS (then the sorted list's window bound does not hold)."""
        assert self.start is not None
        return ((self.end or self.start) - self.start).days > SPAN_DAYS


class _Bucket:
    """The events of one type linked to one IRI: undated ones, long ones, and the rest sorted by start date."""

    __slots__ = ("long", "short", "undated")

    def __init__(self) -> None:
        self.short: list[tuple[int, str]] = []  # (start date ordinal, event), sorted
        self.long: set[str] = set()
        self.undated: set[str] = set()

    def add(self, ev: str, rec: _Event) -> None:
        if rec.start is None:
            self.undated.add(ev)
        elif rec.long():
            self.long.add(ev)
        else:
            insort(self.short, (rec.start.toordinal(), ev))

    def discard(self, ev: str, rec: _Event) -> None:
        """Take out an event placed with the dates `rec` has now (call before changing them)."""
        if rec.start is None:
            self.undated.discard(ev)
        elif rec.long():
            self.long.discard(ev)
        else:
            entry = (rec.start.toordinal(), ev)
            i = bisect_left(self.short, entry)
            if i < len(self.short) and self.short[i] == entry:
                del self.short[i]

    def meeting(self, start: date | None, end: date | None, window_days: int,
                events: dict[str, _Event]) -> Iterator[str]:  # fmt: skip
        """The events whose dates meet [start, end] within the window (as `_dates_meet` decides)."""
        yield from self.undated
        if start is None:
            yield from (ev for _o, ev in self.short)
            yield from self.long
            return
        # a short event meets only if it starts in [start - window - SPAN_DAYS, end + window]
        lo = start.toordinal() - window_days - SPAN_DAYS
        hi = (end or start).toordinal() + window_days
        for _o, ev in self.short[bisect_left(self.short, (lo,)) : bisect_left(self.short, (hi + 1,))]:
            rec = events[ev]
            if _dates_meet(start, end, rec.start, rec.end, window_days):
                yield ev
        for ev in self.long:
            rec = events[ev]
            if _dates_meet(start, end, rec.start, rec.end, window_days):
                yield ev


class EventIndex:
    """Per linked IRI the events linked to it, per event its types, dates and roles: matching's reads, cached.

    Loaded lazily from the store and kept current from the events `kg` applies (see the module docstring). Use
    :func:`event_index` for the one index of a knowledge graph. Thread-safe: it works under the knowledge graph's
    write lock, which every projection change holds.
    """

    def __init__(self, kg: KnowledgeGraph) -> None:
        self._kg = weakref.ref(kg)
        self.base = kg.base
        self._lock: threading.RLock = getattr(kg, "write_lock", None) or threading.RLock()
        self.stats = {"queries": 0, "events_read": 0, "keys_read": 0, "folded": 0, "resets": 0}
        with self._lock:
            self._clear()
            self._version = kg.version()
            self._unsubscribe = kg.subscribe(self._apply)

    def close(self) -> None:
        """Stop following the knowledge graph and drop the cache."""
        with self._lock:
            self._unsubscribe()
            self._clear()

    def _clear(self) -> None:
        self._events: dict[str, _Event] = {}  # loaded events
        self._linked: dict[str, set[str]] = {}  # loaded linked IRI -> its events (all loaded or dirty)
        self._buckets: dict[str, dict[str, _Bucket]] = {}  # loaded linked IRI -> type -> bucket
        self._closures: dict[str, frozenset[str]] = {}  # place -> the places that hold it (dkg:partOf+)
        self._dirty: set[str] = set()  # events to (re-)read before the next answer
        # the batch's pending facts -> {event: (its _Event, how many pending rows, (types, start, end))}
        self._batch_times: tuple[PendingFacts | None, dict[str, tuple[_Event, int, Any]]] = (None, {})
        self._at_place: dict[str, set[str]] = {}  # place -> the loaded events there (their keys hold its closure)

    # ---- following the graph -------------------------------------------------------------------------

    def _apply(self, events: Sequence[Event]) -> None:
        """Fold applied events into the cache (`[]`: the projection was rebuilt, forget everything)."""
        with self._lock:
            if not events:
                self._clear()
                kg = self._kg()
                self._version = kg.version() if kg is not None else 0
                return
            self._fold(events)
            self._version = max(self._version, max(e.seq for e in events))

    def _fold(self, events: Iterable[Event]) -> None:
        """Fold events' patches; a cache that cannot follow them is dropped (the next answer reads the store)."""
        try:
            self._fold_patches(events)
        except Exception:
            self.stats["resets"] += 1
            self._clear()

    def _fold_patches(self, events: Iterable[Event]) -> None:
        moved: set[str] = set()  # places whose dkg:partOf changed
        grown: dict[str, set[Row]] = {}  # loaded events -> rows added to them (placed once, at the end)
        for event in events:
            patch = event.patch
            self.stats["folded"] += 1
            for added, quads in ((False, patch.remove), (True, patch.add)):
                for q in quads:
                    p = q.predicate.value
                    if p not in WATCHED:
                        continue
                    if p == PART_OF:
                        moved.add(q.subject.value)
                        continue
                    s = q.subject.value
                    rec = self._events.get(s)
                    if rec is None:  # unloaded: it matters only once it links to a loaded IRI
                        if added and p in LINK_PROPS and isinstance(q.object, ox.NamedNode) \
                                and q.object.value in self._linked:  # fmt: skip
                            self._dirty.add(s)
                    elif s in self._dirty:
                        continue
                    elif not added:  # another graph may still hold the triple: read the event again
                        self._dirty.add(s)
                    else:
                        row = (p, q.object.value, isinstance(q.object, ox.NamedNode))
                        if row not in rec.rows:
                            grown.setdefault(s, set()).add(row)
        for s, rows in grown.items():
            if s not in self._dirty:  # a later removal in the same fold sends it back to the store
                self._replace(s, self._events[s].rows | rows)
        if moved:
            self._forget_places(moved)

    def _forget_places(self, moved: set[str]) -> None:
        """Drop the closures that hold a place whose dkg:partOf changed, and the keys of the events there (an
        article declaring a place below a city changes one place, a gazetteer many: then all are dropped)."""
        if len(moved) > MANY_PLACES:
            self._closures.clear()
            for rec in self._events.values():
                rec.keys.clear()
            return
        stale = {p for p, held in self._closures.items() if p in moved or not held.isdisjoint(moved)}
        for place in stale:
            del self._closures[place]
            for ev in self._at_place.get(place, ()):
                self._events[ev].keys.clear()

    def _catch_up(self, kg: KnowledgeGraph) -> None:
        """Fold what the store applied without this process being told (a remote store's projector)."""
        current = kg.version()
        if current < self._version:
            self._clear()
        elif current > self._version:
            self._fold(kg.log.read(after=self._version, until=current))
        self._version = current

    # ---- placing events ------------------------------------------------------------------------------

    def _replace(self, ev: str, rows: set[Row]) -> None:
        """Set an event's rows, moving it between the loaded IRIs' sets and buckets."""
        old = self._events.get(ev)
        new = _Event(rows)
        old_links = frozenset()
        if old is not None:
            self._place(ev, old, remove=True)
            old_links = old.links
            for place in old.places:
                self._at_place[place].discard(ev)
        self._events[ev] = new
        for place in new.places:
            self._at_place.setdefault(place, set()).add(ev)
        for k in old_links - new.links:
            if k in self._linked:
                self._linked[k].discard(ev)
        for k in new.links - old_links:
            if k in self._linked:
                self._linked[k].add(ev)
        self._place(ev, new)

    def _place(self, ev: str, rec: _Event, remove: bool = False) -> None:
        for k in rec.links:
            buckets = self._buckets.get(k)
            if buckets is None:
                continue
            for t in rec.types:
                if remove:
                    if t in buckets:
                        buckets[t].discard(ev, rec)
                else:
                    buckets.setdefault(t, _Bucket()).add(ev, rec)

    # ---- reading the store ---------------------------------------------------------------------------

    def _select(self, kg: KnowledgeGraph, sparql: str) -> Iterator[Any]:
        """Solutions at the version this index follows (no refresh in between: a catch-up would fold events
        into the cache while it is being read)."""
        self.stats["queries"] += 1
        version = getattr(kg, "version", None)
        return iter(kg.query(sparql, as_of=version()) if version is not None else kg.query(sparql))

    def _read_events(self, kg: KnowledgeGraph, events: set[str]) -> None:
        """(Re-)read the rows of `events` and of the dirty events, a query per CHUNK events."""
        todo = sorted(self._dirty | {ev for ev in events if ev not in self._events})
        self._dirty = set()
        for i in range(0, len(todo), CHUNK):
            chunk = todo[i : i + CHUNK]
            rows: dict[str, set[Row]] = {ev: set() for ev in chunk}
            for ev, p, v in self._select(kg, EVENT_ROWS_QUERY % (_iris(chunk), _PROPS)):
                rows[ev.value].add((p.value, v.value, isinstance(v, ox.NamedNode)))
            for ev in chunk:
                self._replace(ev, rows[ev])
            self.stats["events_read"] += len(chunk)

    def _load(self, kg: KnowledgeGraph, linked: Iterable[str]) -> None:
        """Read the dirty events and the IRIs not loaded yet: their events (and those events' rows)."""
        missing = sorted(k for k in linked if k not in self._linked)
        members: dict[str, set[str]] = {k: set() for k in missing}
        for i in range(0, len(missing), CHUNK):
            for ev, k in self._select(kg, LINKED_QUERY % (_iris(missing[i : i + CHUNK]), LINKS)):
                members[k.value].add(ev.value)
        self._read_events(kg, set().union(*members.values()))
        for k, evs in members.items():
            self._linked[k] = evs
            buckets: dict[str, _Bucket] = {}
            for ev in evs:
                rec = self._events[ev]
                for t in rec.types:
                    buckets.setdefault(t, _Bucket()).add(ev, rec)
            self._buckets[k] = buckets
        self.stats["keys_read"] += len(missing)

    def _held(self, kg: KnowledgeGraph, places: Iterable[str]) -> dict[str, frozenset[str]]:
        """{place: the places that hold it}, read once per place (PART_OF_QUERY, the query matching uses)."""
        missing = sorted(p for p in set(places) if p not in self._closures)
        for i in range(0, len(missing), CHUNK):
            chunk = missing[i : i + CHUNK]
            found: dict[str, set[str]] = {p: set() for p in chunk}
            for x, v in self._select(kg, PART_OF_QUERY % _iris(chunk)):
                found[x.value].add(v.value)
            self._closures.update((p, frozenset(v)) for p, v in found.items())
        return {p: self._closures[p] for p in places}

    def _role_rows(self, kg: KnowledgeGraph, rec: _Event) -> set[tuple[str, str]]:
        """An event's rows of ROLES_QUERY: parties, drafts, places and the places that hold them."""
        rows = {(p, v) for p, v, _iri in rec.rows if p in ROLE_PROPS}
        for held in self._held(kg, rec.places).values():
            rows.update((PLACE, up) for up in held)
        return rows

    def _key(self, kg: KnowledgeGraph, ev: str, etype: str) -> EventKey:
        rec = self._events[ev]
        key = rec.keys.get(etype)
        if key is None:
            key = rec.keys[etype] = _make_key(etype, rec.start, rec.end, _roles_of(self._role_rows(kg, rec), self.base))
        return key

    # ---- answering -----------------------------------------------------------------------------------

    def candidates(self, kg: KnowledgeGraph, wanted: dict[str, list[EventKey]], window_days: int,
                   pending: PendingFacts | None = None) -> dict[str, dict[str, EventKey]]:  # fmt: skip
        """{type: {IRI: key}} of the events linked to a `wanted` IRI (-> the keys that ask for it) whose type and
        dates meet one of its keys: :func:`~dkg.extraction.matching.candidate_events`'s answer, from the cache."""
        if self._kg() is not kg:
            raise ValueError("this event index follows another knowledge graph")
        refresh = getattr(kg, "refresh", None)
        if refresh is not None:
            refresh()  # as the store path's queries do: apply (and fold) what other processes appended
        with self._lock:
            try:
                self._catch_up(kg)
                self._load(kg, wanted)
                return self._answer(kg, wanted, window_days, pending)
            except Exception:  # a read that failed half-way leaves nothing half-updated behind
                self._clear()
                raise

    def _answer(self, kg: KnowledgeGraph, wanted: dict[str, list[EventKey]], window_days: int,
                pending: PendingFacts | None) -> dict[str, dict[str, EventKey]]:  # fmt: skip
        """The candidates from the loaded cache: the buckets' windows, then the batch's events."""
        touched = set(pending.props) if pending is not None else set()
        chosen: dict[str, set[str]] = {}  # event -> the types it is a candidate as
        batch: dict[str, set[str]] = {}  # events the batch says something about -> the IRIs that reach them
        for k, keys in wanted.items():
            buckets = self._buckets[k]
            for key in keys:
                bucket = buckets.get(key.type)
                if bucket is None:
                    continue
                for ev in bucket.meeting(key.start, key.end, window_days, self._events):
                    if ev not in touched:
                        chosen.setdefault(ev, set()).add(key.type)
            if pending is not None:
                for ev in (self._linked[k] & touched) | pending.links.get(k, set()):
                    batch.setdefault(ev, set()).add(k)
        unbuilt = [rec for ev, types in chosen.items() if not types <= (rec := self._events[ev]).keys.keys()]
        self._held(kg, {p for rec in unbuilt for p in rec.places})  # one query for the places not read yet
        out: dict[str, dict[str, EventKey]] = {}
        for ev, types in chosen.items():
            for etype in types:
                out.setdefault(etype, {})[ev] = self._key(kg, ev, etype)
        if batch:
            assert pending is not None
            self._with_batch(kg, wanted, window_days, pending, batch, out)
        return out

    def _with_batch(self, kg: KnowledgeGraph, wanted: dict[str, list[EventKey]], window_days: int,
                    pending: PendingFacts, batch: dict[str, set[str]], out: dict[str, dict[str, EventKey]]
                    ) -> None:  # fmt: skip
        """Add the candidates among events the batch's uncommitted facts describe: their store rows and the
        batch's together, decided as the store path decides."""
        self._read_events(kg, set(batch))  # events only the batch links so far (a new event: no rows)
        if self._batch_times[0] is not pending:
            self._batch_times = (pending, {})
        memo = self._batch_times[1]
        chosen: dict[str, tuple[set[str], date | None, date | None]] = {}
        for ev, linked in batch.items():
            rec = self._events[ev]
            extra = pending.props.get(ev, set())
            known = memo.get(ev)  # the batch's rows of an event only grow: their count dates the memo
            if known is not None and known[0] is rec and known[1] == len(extra):
                types, start, end = known[2]
            else:
                types, start, end = _times_of({(p, v) for p, v, _iri in rec.rows} | extra)
                memo[ev] = (rec, len(extra), (types, start, end))
            for k in linked:
                for key in wanted[k]:
                    if key.type in types and _dates_meet(key.start, key.end, start, end, window_days):
                        chosen.setdefault(ev, (set(), start, end))[0].add(key.type)
        if not chosen:
            return
        extra: dict[str, set[tuple[str, str]]] = {}
        for ev, p, v in pending.role_rows(kg, set(chosen), part_of=lambda places: self._held(kg, places)):
            extra.setdefault(ev, set()).add((p, v))
        for ev, (types, start, end) in chosen.items():
            roles = _roles_of(self._role_rows(kg, self._events[ev]) | extra.get(ev, set()), self.base)
            for etype in types:
                out.setdefault(etype, {})[ev] = _make_key(etype, start, end, roles)


_INDEXES: weakref.WeakKeyDictionary[Any, EventIndex] = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def event_index(kg: KnowledgeGraph) -> EventIndex:
    """The event index of `kg` (one per KnowledgeGraph object, created and subscribed on first use)."""
    with _INDEXES_LOCK:
        index = _INDEXES.get(kg)
        if index is None:
            index = _INDEXES[kg] = EventIndex(kg)
        return index
