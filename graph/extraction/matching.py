"""One real-world event, many sources.

Two descriptions denote the same event when they have the same event type, share participants (or the same
draft resolution), do not name different places, and their dates fall in one window. Then:

* within one article (:func:`merge_within_article`) the later mention adds its roles, properties and evidence to
  the first ("Russia has recently vetoed ..." and "This is the fifth time Russia has vetoed ...");
* across articles (:func:`match_sheet`) the new fact takes the id of the existing event, so asserting it adds a
  second source (a second assertion graph) instead of a new event. Values the sources disagree on (fifth vs
  sixth veto, Friday vs Saturday) stay as separate claims, each in its own assertion graph with its own source,
  and :func:`disagreements` lists them with SPARQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from dkg.extraction.context import Proposal
from dkg.extraction.entities import load_lexicon
from dkg.extraction.pipeline import doc_text

if TYPE_CHECKING:
    from dkg.extraction.event_index import EventIndex

PARTY_ROLES = ("agent", "participant", "perpetrator", "sponsor", "victim")
DEFAULT_WINDOW_DAYS = 3
RECENT_DAYS = 14  # "recently", and an undated past event in a news article: the two weeks before publication
FUTURE_MODALITIES = {"planned", "considered"}


class _Queryable(Protocol):
    base: str

    def select(self, sparql: str, *, as_of: Any = None) -> list[dict[str, Any]]: ...

    def query(self, sparql: str, *, as_of: Any = None) -> Any: ...


@dataclass(frozen=True)
class EventKey:
    """What matching compares: type, parties, resolutions, places and the date interval.

    `parties` also holds the states the parties stand for (a state's forces, its head of state or foreign
    minister), so "Syrian offensive" matches "an offensive by Syrian government forces"; `roled` keeps
    (role, party) pairs, used to prefer the candidate that shares parties in the same roles.
    """

    type: str
    parties: frozenset[str]
    resolutions: frozenset[str]
    places: frozenset[str]
    start: date | None
    end: date | None
    roled: frozenset[tuple[str, str]] = frozenset()


def _expand(ids: set[str], anchor: date | None) -> frozenset[str]:
    lex = load_lexicon()
    out = set(ids)
    for i in ids:
        out |= lex.stands_for(i, anchor)
    return frozenset(out)


def _interval(time: dict[str, str], anchor: date | None) -> tuple[date | None, date | None]:
    """[start, end] of a fact's time fragment (open intervals end at the anchor)."""
    if "date" in time:
        d = date.fromisoformat(time["date"])
        return d, d
    if "month" in time:
        y, m = (int(x) for x in time["month"].split("-"))
        first = date(y, m, 1)
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return first, nxt - timedelta(days=1)
    if "since" in time:
        return date.fromisoformat(time["since"]), anchor
    if "relative" in time and anchor:
        return anchor - timedelta(days=RECENT_DAYS), anchor
    return None, None


def key_of_fact(fact: dict[str, Any], anchor: date | None = None) -> EventKey:
    """The matching key of a fact-sheet fact (role values as IRI paths or slugs)."""

    def vals(role: str) -> list[str]:
        v = fact.get(role)
        if v is None:
            return []
        return [_path(x, role) for x in (v if isinstance(v, list) else [v])]

    time = {k: str(fact[k]) for k in ("date", "month", "since", "relative") if k in fact}
    if not time and anchor:
        time = {"relative": "undated"}  # news reports recent events: as the graph keeps it (see _times_of)
    start, end = _interval(time, anchor)
    if not any(k in fact for k in ("date", "month", "since", "relative")) and anchor \
            and str(fact.get("modality") or "completed") in FUTURE_MODALITIES:
        end = anchor + timedelta(days=RECENT_DAYS)  # an undated plan: announced around the publication date
    return EventKey(
        str(fact["type"]),
        _expand({x for r in PARTY_ROLES for x in vals(r)}, anchor),
        frozenset(vals("resolution")),
        frozenset(vals("place")),
        start,
        end,
        frozenset((r, x) for r in PARTY_ROLES for x in vals(r)),
    )


def _path(value: str, role: str) -> str:
    """Normalise a role value to an IRI path below the base ('russia' -> 'actor/russia')."""
    value = str(value)
    if "://" in value:
        for marker in ("/id/",):
            if marker in value:
                return value.split(marker, 1)[1]
        return value
    if "/" in value:
        return value
    return f"place/{value}" if role == "place" else f"actor/{value}"


def key_of_proposal(p: Proposal, anchor: date | None) -> EventKey:
    """The matching key of an extractor proposal."""
    start, end = _interval(p.time, anchor)
    return EventKey(
        p.type,
        frozenset(x for r in PARTY_ROLES for x in p.roles.get(r, [])),
        frozenset(p.roles.get("resolution", [])),
        frozenset(p.roles.get("place", [])),
        start,
        end,
        frozenset((r, x) for r in PARTY_ROLES for x in p.roles.get(r, [])),
    )


def same_event(a: EventKey, b: EventKey, window_days: int = DEFAULT_WINDOW_DAYS) -> bool:
    """True when two keys describe one real-world event (see the module docstring)."""
    if a.type != b.type:
        return False
    if a.resolutions and b.resolutions:
        if not (a.resolutions & b.resolutions):
            return False
        if a.type == "VotePosition" and a.parties and b.parties and not (a.parties & b.parties):
            return False  # one position per member: China's abstention is not Angola's
    elif not (a.parties and b.parties and a.parties & b.parties):
        return False
    if a.places and b.places and not (a.places & b.places):
        return False
    return _dates_meet(a.start, a.end, b.start, b.end, window_days)


def _dates_meet(a_start: date | None, a_end: date | None, b_start: date | None, b_end: date | None,
                window_days: int) -> bool:  # fmt: skip
    """Whether two date intervals meet within the window (an interval without a start meets any)."""
    if a_start and b_start:
        w = timedelta(days=window_days)
        if a_start - w > (b_end or b_start) or b_start - w > (a_end or a_start):
            return False
    return True


def _conflicting_counts(a: Proposal, b: Proposal) -> bool:
    for k in ("casualtyCount", "inFavourCount", "againstCount", "abstainCount", "position", "ordinal"):
        if k in a.properties and k in b.properties and a.properties[k] != b.properties[k]:
            return True
    return a.modality != b.modality or a.negated != b.negated


def merge_within_article(props: list[Proposal], anchor: date | None = None) -> list[Proposal]:
    """Merge proposals of one article that describe the same event (the first keeps the id and order)."""
    out: list[Proposal] = []
    keys: list[EventKey] = []
    for p in props:
        kp = key_of_proposal(p, anchor)
        twin = None
        for i, q in enumerate(out):
            if same_event(keys[i], kp) and not _conflicting_counts(q, p):
                twin = q
                break
        if twin is None:
            out.append(p)
            keys.append(kp)
            continue
        taken = {x for vals in twin.roles.values() for x in vals}
        for role, ids in p.roles.items():
            twin.add(role, *[i for i in ids if i not in taken or i in twin.roles.get(role, [])])
        for k, v in p.properties.items():
            twin.properties.setdefault(k, v)
        if not twin.time and p.time:
            twin.time = dict(p.time)
        extra = getattr(twin, "extra_evidence", [])
        doc = p.sentence.doc
        raw = doc_text(doc)[p.sentence.start_char : p.sentence.end_char]
        lead = len(raw) - len(raw.lstrip())
        trig = doc[p.trigger[0] : p.trigger[1]]
        extra.append({"quote": raw.strip(), "start": p.sentence.start_char + lead,
                      "trigger": {"quote": trig.text, "start": trig.start_char}})  # fmt: skip
        twin.extra_evidence = extra  # type: ignore[attr-defined]
        twin.confidence = max(twin.confidence, p.confidence)
        keys[out.index(twin)] = key_of_proposal(twin, anchor)
    return out


# ---- across sources: the knowledge graph ------------------------------------------------------------------

LINKS = "dkg:agent, dkg:participant, dkg:perpetrator, dkg:sponsor, dkg:victim, dkg:resolution"
# Three small queries instead of one join: Oxigraph evaluated "?event ?link ?key . ?event a ?type" by scanning
# every event of the type (and OPTIONAL/EXISTS date tests by scanning every dated node), so that query grew with
# the graph; each of these starts from bound IRIs.
LINKED_QUERY = "SELECT DISTINCT ?event ?key WHERE { VALUES ?key { %s } ?event ?link ?key . FILTER(?link IN (%s)) }"
OF_TYPE_QUERY = "SELECT DISTINCT ?event WHERE { ?event a dkg:%s }"
TYPES_QUERY = "SELECT DISTINCT ?event ?t WHERE { VALUES ?event { %s } ?event a ?t }"
TIMES_QUERY = """SELECT DISTINCT ?event ?p ?v WHERE { VALUES ?event { %s } ?event ?p ?v .
  FILTER(?p IN (rdf:type, dkg:date, dkg:month, dkg:since, dkg:validFrom, dkg:validTo, dkg:dateAnchor)) }"""
ROLES_QUERY = """SELECT DISTINCT ?event ?p ?v WHERE { VALUES ?event { %s }
  { ?event ?p ?v . FILTER(?p IN (%s, dkg:place)) }
  UNION { ?event dkg:place/dkg:partOf+ ?v . BIND(dkg:place AS ?p) } }"""
DKG_NS = "https://w3id.org/dkg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LINK_PROPS = frozenset(DKG_NS + r for r in (*PARTY_ROLES, "resolution"))
TIME_PROPS = frozenset({RDF_TYPE, *(DKG_NS + p for p in ("date", "month", "since", "validFrom", "validTo",
                                                          "dateAnchor"))})
PLACE, PART_OF = DKG_NS + "place", DKG_NS + "partOf"
ROLE_PROPS = LINK_PROPS | {PLACE}
PART_OF_QUERY = "SELECT DISTINCT ?x ?v WHERE { VALUES ?x { %s } ?x dkg:partOf+ ?v }"


class PendingFacts:
    """The fact triples of a batch's articles that are matched but not committed yet, answering matching's three
    queries as the graph will once they are: an article of a batch is matched against the graph plus the earlier
    articles of its batch, so it adds a source to an event an earlier one proposes, as one by one."""

    def __init__(self) -> None:
        self.props: dict[str, set[tuple[str, str]]] = {}  # subject -> {(predicate, object)}
        self.links: dict[str, set[str]] = {}  # linked IRI (party or draft) -> events
        self.part_of: dict[str, set[str]] = {}

    def add(self, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        """Add fact triples (rdflib or plain terms; IRIs and literals are compared by their string value)."""
        for s, p, o in triples:
            s, p, o = str(s), str(p), str(o)
            self.props.setdefault(s, set()).add((p, o))
            if p in LINK_PROPS:
                self.links.setdefault(o, set()).add(s)
            elif p == PART_OF:
                self.part_of.setdefault(s, set()).add(o)

    def linked(self, wanted: Iterable[str]) -> set[tuple[str, str]]:
        """(event, linked IRI) rows of LINKED_QUERY."""
        return {(ev, w) for w in wanted for ev in self.links.get(w, ())}

    def rows(self, events: Iterable[str], props: frozenset[str]) -> set[tuple[str, str, str]]:
        """(event, predicate, value) rows of the given predicates."""
        return {(ev, p, o) for ev in events for p, o in self.props.get(ev, ()) if p in props}

    def role_rows(self, kg: _Queryable, events: set[str],
                  part_of: Callable[[set[str]], dict[str, Iterable[str]]] | None = None
                  ) -> set[tuple[str, str, str]]:  # fmt: skip
        """Rows of ROLES_QUERY: parties, drafts and places, and the places that hold those places (`part_of`
        answers {place: the places that hold it in the graph}; by default one query, an event index its cache)."""
        rows = self.rows(events, ROLE_PROPS)
        places = {v for _e, p, v in rows if p == PLACE}
        if not places:
            return rows
        todo = list(places)
        while todo:  # places the batch says hold these places (declared entities)
            for up in self.part_of.get(todo.pop(), ()):
                if up not in places:
                    places.add(up)
                    todo.append(up)
        held = (part_of or (lambda wanted: _part_of(kg, wanted)))(places)
        for ev, _p, place in [r for r in rows if r[1] == PLACE]:
            todo, seen = [place], set()
            while todo:
                node = todo.pop()
                for up in set(held.get(node, ())) | self.part_of.get(node, set()):
                    if up not in seen:
                        seen.add(up)
                        todo.append(up)
            rows |= {(ev, PLACE, up) for up in seen}
        return rows


def _part_of(kg: _Queryable, places: Iterable[str]) -> dict[str, set[str]]:
    """{place: the places that hold it (dkg:partOf+)} in the graph, in one query."""
    held: dict[str, set[str]] = {}
    places = set(places)
    if places:
        for x, v in _select(kg, PART_OF_QUERY % _iris(places)):
            held.setdefault(x, set()).add(v)
    return held


@lru_cache(maxsize=1)
def _represented_by() -> dict[str, frozenset[str]]:
    """state -> the actors that can stand for it on some day (its armed forces, heads, foreign ministers)."""
    lex = load_lexicon()
    out: dict[str, set[str]] = {}
    for e in lex.entries.values():
        if e.forces_of:
            out.setdefault(e.forces_of, set()).add(e.id)
    for o in lex.offices:
        if o.role in ("head_of_state", "head_of_government", "foreign_minister"):
            out.setdefault(o.of, set()).add(o.person)
    return {k: frozenset(v) for k, v in out.items()}


def _link_keys(key: EventKey) -> set[str]:
    """IRI paths an existing event must link to (as a party or draft) to possibly describe the same event."""
    reps = _represented_by()
    out = set(key.parties) | set(key.resolutions)
    for p in key.parties:
        out |= reps.get(p, frozenset())
    return out


def _select(kg: _Queryable, sparql: str) -> list[tuple[str, ...]]:
    """Solutions as tuples of strings, read from Oxigraph's terms directly (every variable must be bound)."""
    return [tuple(t.value for t in sol) for sol in kg.query(sparql)]


def _iris(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(iris))


def _times_of(rows: Iterable[tuple[str, str]]) -> tuple[frozenset[str], date | None, date | None]:
    """(local type names, start, end) of one event from its (predicate, value) rows (other predicates are
    skipped, and so are values that are not dates); an undated past event (only a validTo, its article's date)
    is taken to lie in the RECENT_DAYS before it, as :func:`key_of_fact` takes an undated fact, and so is a node
    with no date but its sources' publication dates (``dkg:dateAnchor``: a draft resolution)."""
    types: set[str] = set()
    starts: list[date] = []
    ends: list[date] = []
    anchors: list[date] = []
    for prop_iri, val in rows:
        if prop_iri not in TIME_PROPS:
            continue
        prop = prop_iri.rsplit("#", 1)[-1]
        if prop == "type":
            if val.startswith(DKG_NS):
                types.add(val[len(DKG_NS) :])
            continue
        try:
            if prop == "month":
                first, last = _interval({"month": val[:7]}, None)
                starts.append(first)  # type: ignore[arg-type]
                ends.append(last)  # type: ignore[arg-type]
                continue
            day = date.fromisoformat(val[:10])
        except ValueError:
            continue  # not a date: it cannot place the event in time
        if prop in ("date", "since", "validFrom"):
            starts.append(day)
        if prop in ("date", "validTo"):
            ends.append(day)
        if prop == "dateAnchor":
            anchors.append(day)
    if not starts and not ends and anchors:
        ends = anchors
    if not starts and ends:
        starts = [min(ends) - timedelta(days=RECENT_DAYS)]
    return frozenset(types), min(starts) if starts else None, max(ends) if ends else None


def _times(kg: _Queryable, events: Iterable[str], pending: PendingFacts | None = None
           ) -> dict[str, tuple[frozenset[str], date | None, date | None]]:  # fmt: skip
    """{event: (local type names, start, end)} of the events that have any (see :func:`_times_of`)."""
    events = set(events)
    rows = set(_select(kg, TIMES_QUERY % _iris(events)))
    if pending is not None:
        rows |= pending.rows(events, TIME_PROPS)
    grouped: dict[str, list[tuple[str, str]]] = {}
    for ev, prop_iri, val in rows:
        grouped.setdefault(ev, []).append((prop_iri, val))
    return {ev: _times_of(r) for ev, r in grouped.items()}


Roles = tuple[set[str], set[str], set[str], set[tuple[str, str]]]


def _roles_of(rows: Iterable[tuple[str, str]], base: str) -> Roles:
    """(parties, resolutions, places, (role, party) pairs) of one event from its (predicate, value) rows of
    ROLES_QUERY (values as paths below `base`; other predicates are skipped)."""
    parties: set[str] = set()
    res: set[str] = set()
    places: set[str] = set()
    roled: set[tuple[str, str]] = set()
    for prop_iri, val in rows:
        if prop_iri not in ROLE_PROPS:
            continue
        role = prop_iri.rsplit("#", 1)[-1]
        val = val[len(base) :] if val.startswith(base) else val
        {"resolution": res, "place": places}.get(role, parties).add(val)
        if role in PARTY_ROLES:
            roled.add((role, val))
    return parties, res, places, roled


def _make_key(etype: str, start: date | None, end: date | None, roles: Roles) -> EventKey:
    """An existing event's key as one type (its parties expanded to the states they stand for at its start)."""
    parties, res, places, roled = roles
    return EventKey(etype, _expand(parties, start), frozenset(res), frozenset(places), start, end, frozenset(roled))


def _keys(kg: _Queryable, events: dict[str, tuple[Iterable[str], date | None, date | None]],
          pending: PendingFacts | None = None) -> dict[str, dict[str, EventKey]]:  # fmt: skip
    """{type: {IRI: key}} for events given as {IRI: (types, start, end)} (their roles read in one query); an
    event chosen as several types is a candidate of each."""
    rows = set(_select(kg, ROLES_QUERY % (_iris(events), LINKS))) if events else set()
    if pending is not None and events:
        rows |= pending.role_rows(kg, set(events))
    grouped: dict[str, list[tuple[str, str]]] = {}
    for ev, prop_iri, val in rows:
        grouped.setdefault(ev, []).append((prop_iri, val))
    out: dict[str, dict[str, EventKey]] = {}
    for ev, (types, start, end) in sorted(events.items()):
        roles = _roles_of(grouped.get(ev, ()), kg.base)
        for etype in sorted(types):
            out.setdefault(etype, {})[ev] = _make_key(etype, start, end, roles)
    return out


def existing_events(kg: _Queryable, event_type: str) -> dict[str, EventKey]:
    """Keys of all the events of one type already in the graph (all sources together)."""
    events = [row[0] for row in _select(kg, OF_TYPE_QUERY % event_type)]
    times = _times(kg, events) if events else {}
    return _keys(kg, {ev: ((event_type,), *times.get(ev, ((), None, None))[1:]) for ev in events}).get(event_type, {})


def candidate_events(kg: _Queryable, keys: Iterable[EventKey], window_days: int = DEFAULT_WINDOW_DAYS,
                     pending: PendingFacts | None = None, index: EventIndex | None = None
                     ) -> dict[str, dict[str, EventKey]]:  # fmt: skip
    """{type: {IRI: key}} of the existing events that may describe one of `keys`, in four small queries.

    Only events of a key's type, linked to a shared party (or to a state's forces, head or foreign minister when
    the key names the state) or draft, whose dates meet the key's window, are read in full; :func:`same_event`
    then decides. Every event it would accept is among them. `pending` triples count as part of the graph.
    With `index` (:func:`dkg.extraction.event_index.event_index` of `kg`) the same answer comes from its cache.
    """
    wanted: dict[str, list[EventKey]] = {}  # linked IRI -> the keys that ask for it
    for key in keys:
        for path in _link_keys(key):
            wanted.setdefault(path if "://" in path else kg.base + path, []).append(key)
    if not wanted:
        return {}
    if index is not None:
        return index.candidates(kg, wanted, window_days, pending)
    links = set(_select(kg, LINKED_QUERY % (_iris(wanted), LINKS)))
    if pending is not None:
        links |= pending.linked(wanted)
    if not links:
        return {}
    # types first, so that dates are read only for events of a wanted type (parties such as the permanent
    # members link to thousands of events of every type once the graph holds a few hundred articles)
    linked_events = {ev for ev, _k in links}
    typed = set(_select(kg, TYPES_QUERY % _iris(linked_events)))
    if pending is not None:
        typed |= {(ev, t) for ev, _p, t in pending.rows(linked_events, frozenset({RDF_TYPE}))}
    types_of: dict[str, set[str]] = {}
    for ev, t in typed:
        if t.startswith(DKG_NS):
            types_of.setdefault(ev, set()).add(t[len(DKG_NS) :])
    links = {(ev, k) for ev, k in links if any(key.type in types_of.get(ev, ()) for key in wanted[k])}
    times = _times(kg, {ev for ev, _k in links}, pending) if links else {}
    chosen: dict[str, tuple[set[str], date | None, date | None]] = {}
    for ev, linked in links:
        types, start, end = times.get(ev, (frozenset(), None, None))
        for key in wanted[linked]:
            if key.type in types and _dates_meet(key.start, key.end, start, end, window_days):
                chosen.setdefault(ev, (set(), start, end))[0].add(key.type)
    return _keys(kg, chosen, pending)


def match_fact(
    fact: dict[str, Any],
    candidates: dict[str, EventKey],
    anchor: date | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> str | None:
    """The IRI of the existing event a fact describes, or None (the best match: most shared parties)."""
    key = key_of_fact(fact, anchor)
    best: tuple[int, str] | None = None
    for iri, cand in sorted(candidates.items()):
        if same_event(key, cand, window_days):
            score = (len(key.parties & cand.parties) + 2 * len(key.roled & cand.roled)
                     + 2 * len(key.resolutions & cand.resolutions) + len(key.places & cand.places))  # fmt: skip
            if best is None or score > best[0]:
                best = (score, iri)
    return best[1] if best else None


COLLECTIONS = {"DraftResolution": "resolution", "Vote": "vote"}
REFERENCE_ROLES = {"resolution": "resolution", "vote": "vote"}
EVENT_REFERENCES = ("about", "relatedEvent")


def _fact_path(fact: dict[str, Any]) -> str:
    fid = str(fact["id"])
    return fid if "/" in fid else f"{COLLECTIONS.get(str(fact['type']), 'event')}/{fid}"


def match_sheet(sheet: dict[str, Any], kg: _Queryable, window_days: int = DEFAULT_WINDOW_DAYS,
                pending: PendingFacts | None = None, index: EventIndex | None = None) -> dict[str, str]:  # fmt: skip
    """Point the sheet's facts at existing events; returns {old fact id: existing IRI}.

    Draft resolutions are matched first and the facts' references to them rewritten, so a veto or vote on a
    known draft matches the known veto or vote. A matched fact's ``id`` becomes the existing node's id, so
    compiling and asserting the sheet adds a new source to it; references inside the sheet (``resolution``,
    ``vote``, ``about``, ``relatedEvent``) follow. Unmatched facts keep their ids. A known node is the match of at
    most one fact of the sheet: the extractor already joined the mentions of one event in an article, so facts
    it kept apart (another modality, another date) stay apart. `pending` holds the facts of
    earlier articles of a batch that are not committed yet: matching reads them as if they were in the graph.
    `index` (:func:`dkg.extraction.event_index.event_index` of `kg`) answers the candidate queries from its cache,
    with the same answers.
    """
    anchor_raw = sheet.get("article", {}).get("published")
    anchor = date.fromisoformat(str(anchor_raw)) if anchor_raw else None
    changed: dict[str, str] = {}
    renamed: dict[str, str] = {}  # old path -> new path
    facts = sheet.get("facts", [])
    drafts = [f for f in facts if f["type"] == "DraftResolution"]
    others = [f for f in facts if f["type"] != "DraftResolution"]
    for group in (drafts, others):  # drafts first: the others' references to them are rewritten before matching
        for fact in group:
            for role in REFERENCE_ROLES:
                if isinstance(fact.get(role), str) and fact[role] in renamed:
                    fact[role] = renamed[fact[role]]
        keys = [key_of_fact(f, anchor) for f in group]
        cands = candidate_events(kg, keys, window_days, pending, index) if group else {}
        for fact in group:
            t = str(fact["type"])
            free = {k: v for k, v in cands.get(t, {}).items() if k not in changed.values()}
            iri = match_fact(fact, free, anchor, window_days)
            if iri is None or not iri.startswith(kg.base):
                continue
            old_id, old_path = fact["id"], _fact_path(fact)
            new_path = iri[len(kg.base) :]
            collection = COLLECTIONS.get(t, "event") + "/"
            fact["id"] = new_path[len(collection) :] if new_path.startswith(collection) else new_path
            renamed[old_path] = new_path
            changed[old_id] = iri
    _link_known_votes(others, kg, anchor, window_days, pending, index)
    for fact in facts:
        for role in REFERENCE_ROLES:
            if isinstance(fact.get(role), str):
                path = fact[role] if "/" in fact[role] else f"{REFERENCE_ROLES[role]}/{fact[role]}"
                if path in renamed:
                    fact[role] = renamed[path]
        props = fact.get("properties") or {}
        for key in EVENT_REFERENCES:
            if isinstance(props.get(key), str):
                path = props[key] if "/" in props[key] else f"event/{props[key]}"
                if path in renamed:
                    props[key] = renamed[path]
    return changed


def _link_known_votes(facts: list[dict[str, Any]], kg: _Queryable, anchor: date | None, window_days: int,
                      pending: PendingFacts | None, index: EventIndex | None) -> None:
    """A vote position the article gives without its vote ("China abstained on the French draft") is taken on
    the known vote on that draft (same draft, forum and date window), if the graph or the batch has one."""
    if any(f["type"] == "Vote" for f in facts):
        return  # the article's own vote (matched or new) is what its positions were linked to
    orphans = [f for f in facts if f["type"] == "VotePosition" and not f.get("vote")
               and isinstance(f.get("resolution"), str)]  # fmt: skip
    if not orphans:
        return
    probes = [{"id": f"vote-of-{f['id']}", "type": "Vote", "resolution": f["resolution"],
               **{k: f[k] for k in ("forum", "date", "month", "since", "relative") if k in f}} for f in orphans]
    cands = candidate_events(kg, [key_of_fact(p, anchor) for p in probes], window_days, pending, index)
    for fact, probe in zip(orphans, probes, strict=True):
        iri = match_fact(probe, cands.get("Vote", {}), anchor, window_days)
        if iri is not None and iri.startswith(kg.base):
            fact["vote"] = iri[len(kg.base) :]


DISAGREEMENTS_QUERY = """
SELECT ?event ?property ?value ?assertion ?source WHERE {
  {
    SELECT ?event ?property WHERE {
      GRAPH ?g { ?event ?property ?v }
      FILTER(STRSTARTS(STR(?g), "%(base)sassertion/") && (isLiteral(?v) || ?property IN (dkg:modality,
             dkg:position, dkg:outcome, dkg:countQualifier, dkg:casualtyType, dkg:victimCategory)))
      FILTER(?property NOT IN (dkg:validFrom, dkg:validTo, dkg:dateAnchor, dkg:quadClass, dkg:goldstein,
                               dkg:confidence))
    } GROUP BY ?event ?property HAVING (COUNT(DISTINCT ?v) > 1)
  }
  GRAPH ?assertion { ?event ?property ?value }
  FILTER(STRSTARTS(STR(?assertion), "%(base)sassertion/"))
  OPTIONAL { GRAPH <%(base)sgraph/provenance> { ?assertion prov:wasDerivedFrom ?source } }
  %(filter)s
}
ORDER BY ?event ?property ?value ?assertion
"""


def disagreements(kg: _Queryable, event: str | None = None) -> list[dict[str, str]]:
    """Values on which sources disagree (ordinal 5 vs 6, date Friday vs Saturday, modality reported vs completed),
    each with its assertion graph and source article."""
    flt = f"FILTER(?event = <{event}>)" if event else ""
    rows = kg.select(DISAGREEMENTS_QUERY % {"filter": flt, "base": kg.base})
    return [{k: str(v) for k, v in row.items()} for row in rows]


def group_by_event(rows: Iterable[dict[str, str]]) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """{event: {property: [(value, source), ...]}} from :func:`disagreements` rows."""
    out: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for r in rows:
        out.setdefault(r["event"], {}).setdefault(r["property"], []).append((r["value"], r.get("source", "")))
    return out
