"""Relationship questions over the knowledge graph: who did what to whom, when, according to which source.

Every function reads one version of the graph (`as_of`) through SPARQL over the union of all graphs and
returns JSON-ready dicts; the web API (`dkg.api.relations`) is a thin shell over them.

An event is anything with a `dkg:modality`. An entity takes part in an event
- directly, through a role property (a sub-property of `dkg:involves`, or a vote shortcut such as
  `dkg:abstainer`): `event dkg:agent actor/russia` gives Russia the role `agent`;
- or one step removed, through the resolution, vote or event the event concerns: a veto of a draft that France
  sponsored (`event dkg:resolution R . R dkg:sponsor actor/france`) gives France the role `resolution/sponsor`;
  a vote position reaches the sponsor of the voted draft two steps removed (`vote/resolution/sponsor`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from dkg.terms import DKG, PREFIXES, WD

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL_SAMEAS = "http://www.w3.org/2002/07/owl#sameAs"
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
_VOTERS = ("yesVoter", "noVoter", "abstainer")
_HOPS = ("resolution", "vote", "about", "relatedEvent")
_MAX_VALUES = 2000
# a vote position does not link its voter to the *other* members' positions recorded on the same vote
_NOT_OTHER_VOTERS = "FILTER(!(?p1 = dkg:vote && ?p2 IN (dkg:yesVoter, dkg:noVoter, dkg:abstainer)))"


class RelationsError(ValueError):
    """A question cannot be answered as asked (unknown actor, bad parameter); the message is for the user."""


class NotFound(RelationsError):
    """The entity or event named does not exist."""


@lru_cache(maxsize=1)
def role_properties() -> tuple[str, ...]:
    """IRIs of every role property: sub-properties of dkg:involves (from the shipped ontology) and vote shortcuts."""
    roles = {str(DKG.involves)}
    try:
        from dkg.validation import ontology_graph  # noqa: PLC0415
        from rdflib.namespace import RDFS  # noqa: PLC0415

        g = ontology_graph()
        changed = True
        while changed:
            changed = False
            for prop, _, parent in g.triples((None, RDFS.subPropertyOf, None)):
                if str(parent) in roles and str(prop) not in roles and str(prop).startswith(str(DKG)):
                    roles.add(str(prop))
                    changed = True
    except (OSError, ValueError):
        pass
    if len(roles) == 1:  # no ontology file: the roles the design names
        roles |= {str(DKG[r]) for r in ("agent", "target", "participant", "beneficiary", "forum", "place", "court",
                                        "resolution", "sponsor", "perpetrator", "victim", "supporter", "topic",
                                        "vote")}
    roles |= {str(DKG[v]) for v in _VOTERS}
    return tuple(sorted(roles))


def _literal(text: str) -> str:
    """A SPARQL string literal for any text (N-Triples escaping, as Oxigraph writes it)."""
    return str(ox.Literal(text))


def _safe_iri(iri: str) -> bool:
    """Whether an IRI can be written between <> in a query (and parses as an absolute IRI)."""
    if not iri or re.search(r'[\x00-\x20<>"{}|^`\\]', iri):
        return False
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ " + " ".join(f"<{i}>" for i in iris) + " }"


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _py(term: Any) -> Any:
    """A JSON-friendly value of an Oxigraph term."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt.endswith(("#integer", "#int", "#long")):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dt.endswith(("#decimal", "#double", "#float")):
            try:
                return float(term.value)
            except ValueError:
                return term.value
        if dt.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value


@dataclass
class Link:
    """An entity's part in an event."""

    event: str
    entity: str
    role: str  # "agent", or "resolution/sponsor" for a link one step removed


class GraphReader:
    """Queries over one version of the graph (the union of all graphs as the default graph)."""

    def __init__(self, kg: Any, as_of: int | str | None = None) -> None:
        self.kg = kg
        self.store, self.version = kg.store_at(as_of)
        self.base = kg.base
        self.graphs = kg.graphs

    def rows(self, sparql: str) -> list[dict[str, Any]]:
        result = self.store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        return [{n: s[n] for n in names if s[n] is not None} for s in result]

    # ---- entities ---------------------------------------------------------------------------------------

    def resolve(self, ref: str, prefer: str = "actor") -> str:
        """An entity IRI from an IRI, a Wikidata id (Q142, wd:Q142), an id below the base, a name or alias."""
        ref = ref.strip()
        if not ref:
            raise RelationsError("an entity reference is empty")
        m = re.fullmatch(r"(?:wd:|http://www\.wikidata\.org/entity/|https://www\.wikidata\.org/wiki/)?(Q\d+)", ref)
        if m:
            rows = self.rows(f"SELECT DISTINCT ?x WHERE {{ ?x owl:sameAs <{WD[m.group(1)]}> }}")
            if rows:
                return self._prefer([r["x"].value for r in rows], prefer)
            raise NotFound(f"no entity has the Wikidata id {m.group(1)}")
        if ref.startswith(("http://", "https://", "urn:")):
            if _safe_iri(ref) and self._exists(ref):
                return ref
            raise NotFound(f"no entity {ref}")
        if "/" in ref and self._exists(self.base + ref):
            return self.base + ref
        needle = ref.casefold()
        literal = _literal(needle)
        rows = self.rows(f"""SELECT DISTINCT ?x WHERE {{
            VALUES ?p {{ rdfs:label skos:altLabel skos:prefLabel dkg:demonym }}
            ?x ?p ?name . FILTER(LCASE(STR(?name)) = {literal}) }}""")
        if rows:
            return self._prefer([r["x"].value for r in rows], prefer)
        slug = re.sub(r"[^a-z0-9]+", "-", needle).strip("-")
        for kind in (prefer, "actor", "place", "event"):
            if self._exists(f"{self.base}{kind}/{slug}"):
                return f"{self.base}{kind}/{slug}"
        raise NotFound(f"no entity is called {ref!r}")

    def _exists(self, iri: str) -> bool:
        if not _safe_iri(iri):
            return False
        node = ox.NamedNode(iri)
        return any(True for _ in self.store.quads_for_pattern(node, None, None, None))

    def _prefer(self, iris: list[str], prefer: str) -> str:
        ranked = sorted(set(iris), key=lambda i: (not i.startswith(f"{self.base}{prefer}/"),
                                                  not i.startswith(self.base), i))
        return ranked[0]

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        """Preferred English (or any) label of each IRI."""
        iris = list(dict.fromkeys(iris))
        out: dict[str, str] = {}
        for chunk in _chunks(iris):
            for r in self.rows(f"""SELECT ?x ?label WHERE {{ {_values('x', chunk)}
                    {{ ?x rdfs:label ?label }} UNION {{ ?x skos:prefLabel ?label }} }}
                    ORDER BY ?x DESC(LANGMATCHES(LANG(?label), "en")) ?label"""):
                out.setdefault(r["x"].value, r["label"].value)
        return {i: out.get(i, _local(i)) for i in iris}

    def actors_among(self, iris: Iterable[str]) -> set[str]:
        """The IRIs that are actors (instances of dkg:Actor or a subclass, or minted under actor/)."""
        iris = list(dict.fromkeys(iris))
        found = {i for i in iris if i.startswith(f"{self.base}actor/")}
        for chunk in _chunks(iris):
            for r in self.rows(f"""SELECT DISTINCT ?x WHERE {{ {_values('x', chunk)}
                    ?x a ?t . ?t rdfs:subClassOf* dkg:Actor }}"""):
                found.add(r["x"].value)
        return found

    def entity_summary(self, iri: str) -> dict[str, Any]:
        rows = self.rows(f"""SELECT ?p ?o WHERE {{ <{iri}> ?p ?o .
            VALUES ?p {{ rdf:type rdfs:label skos:altLabel owl:sameAs dkg:demonym }} }}""")
        types, aliases, wikidata, labels = set(), set(), set(), []
        for r in rows:
            p, o = r["p"].value, r["o"]
            if p.endswith("#type"):
                types.add(_local(o.value))
            elif p == RDFS_LABEL:
                labels.append(o.value)
            elif p == OWL_SAMEAS and o.value.startswith(str(WD)):
                wikidata.add(o.value[len(str(WD)):])
            elif isinstance(o, ox.Literal):
                aliases.add(o.value)
        label = labels[0] if labels else _local(iri)
        return {"iri": iri, "id": iri[len(self.base):] if iri.startswith(self.base) else iri, "label": label,
                "types": sorted(types), "aliases": sorted(aliases - {label}), "wikidata": sorted(wikidata)}

    # ---- links and events -------------------------------------------------------------------------------

    def links_of_entities(self, iris: Iterable[str]) -> list[Link]:
        """Every event each entity takes part in, with its role."""
        roles = " ".join(f"<{r}>" for r in role_properties())
        hops = " ".join(f"dkg:{h}" for h in _HOPS)
        out: list[Link] = []
        for chunk in _chunks(list(iris)):
            # the VALUES go inside every branch: Oxigraph evaluates a UNION before joining it with outer VALUES
            bound = _values('x', chunk)
            rows = self.rows(f"""SELECT DISTINCT ?e ?x ?p1 ?p2 ?p3 WHERE {{
                {{ {bound} VALUES ?p1 {{ {roles} }} ?e ?p1 ?x . ?e dkg:modality ?mod }}
                UNION
                {{ {bound} VALUES ?p2 {{ {roles} }} VALUES ?p1 {{ {hops} }} ?m ?p2 ?x . ?e ?p1 ?m .
                   ?e dkg:modality ?mod FILTER(?e != ?m) {_NOT_OTHER_VOTERS} }}
                UNION
                {{ {bound} VALUES ?p3 {{ {roles} }} ?r ?p3 ?x . ?v dkg:resolution ?r . ?e dkg:vote ?v .
                   ?e dkg:modality ?mod BIND(dkg:vote AS ?p1) BIND(dkg:resolution AS ?p2) }} }}""")
            out += [_link(r) for r in rows]
        return out

    def links_of_events(self, events: Iterable[str]) -> list[Link]:
        """Every entity taking part in each event, with its role."""
        roles = " ".join(f"<{r}>" for r in role_properties())
        hops = " ".join(f"dkg:{h}" for h in _HOPS)
        out: list[Link] = []
        for chunk in _chunks(list(events)):
            bound = _values('e', chunk)
            rows = self.rows(f"""SELECT DISTINCT ?e ?x ?p1 ?p2 ?p3 WHERE {{
                {{ {bound} VALUES ?p1 {{ {roles} }} ?e ?p1 ?x }}
                UNION
                {{ {bound} VALUES ?p1 {{ {hops} }} VALUES ?p2 {{ {roles} }} ?e ?p1 ?m . ?m ?p2 ?x FILTER(?e != ?m)
                   {_NOT_OTHER_VOTERS} }}
                UNION
                {{ {bound} VALUES ?p3 {{ {roles} }} ?e dkg:vote ?v . ?v dkg:resolution ?r . ?r ?p3 ?x
                   BIND(dkg:vote AS ?p1) BIND(dkg:resolution AS ?p2) }}
                FILTER(isIRI(?x)) }}""")
            out += [_link(r) for r in rows]
        return out

    def events(self, iris: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Type, codes, modality, dates and label of each event (one value per field)."""
        iris = list(dict.fromkeys(iris))
        out: dict[str, dict[str, Any]] = {i: {"iri": i, "id": self._id(i), "type": None, "label": None,
                                              "cameo": None, "quad_class": None, "goldstein": None,
                                              "modality": None, "date": None, "valid_from": None, "valid_to": None,
                                              "date_precision": None, "negated": False} for i in iris}
        fields = {"label": "rdfs:label", "cameo": "dkg:cameoCode", "quad_class": "dkg:quadClass",
                  "goldstein": "dkg:goldstein", "modality": "dkg:modality", "valid_from": "dkg:validFrom",
                  "valid_to": "dkg:validTo", "date_precision": "dkg:datePrecision", "negated": "dkg:negated",
                  "day": "dkg:date", "month": "dkg:month", "since": "dkg:since"}
        values = " ".join(f"({p} \"{k}\")" for k, p in fields.items())
        for chunk in _chunks(iris):
            for r in self.rows(f"""SELECT ?e ?key ?v WHERE {{ {_values('e', chunk)}
                    {{ VALUES (?p ?key) {{ {values} }} ?e ?p ?v }}
                    UNION {{ ?e a ?v . BIND("type" AS ?key) FILTER(?v != dkg:Event) }} }}
                    ORDER BY ?e ?key ?v"""):
                event, key, value = out[r["e"].value], r["key"].value, r["v"]
                if key == "type":
                    if event["type"] is None or _local(value.value) not in ("Event",):
                        event["type"] = _local(value.value)
                elif key in ("day", "month", "since"):
                    event["date"] = event["date"] or value.value
                elif key in ("cameo", "modality", "date_precision"):
                    event[key] = event[key] or _local(value.value)
                elif key == "negated":
                    event["negated"] = event["negated"] or value.value == "true"
                elif event[key] is None:
                    event[key] = _py(value)
        for event in out.values():
            if event["date"] is None:
                event["date"] = event["valid_from"]
        return out

    def sources(self, events: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """For each event, the assertions stating it: their article (title, url, date) and quoted sentences."""
        events = list(dict.fromkeys(events))
        prov, arts = self.graphs.provenance, self.graphs.articles
        found: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for chunk in _chunks(events):
            # Two queries: Oxigraph evaluates an OPTIONAL evidence chain over the whole provenance graph before
            # joining it (0.25 s at 10k events), but answers it at once for a handful of bound assertions.
            rows = self.rows(f"""SELECT DISTINCT ?e ?g ?article ?title ?url ?published ?confidence ?agent
                WHERE {{ {_values('e', chunk)}
                  GRAPH ?g {{ ?e ?stated ?value }}
                  GRAPH <{prov}> {{ ?g prov:wasDerivedFrom ?article }}
                  OPTIONAL {{ GRAPH <{prov}> {{ ?g dkg:confidence ?confidence }} }}
                  OPTIONAL {{ GRAPH <{prov}> {{ ?g prov:wasAttributedTo ?agent }} }}
                  OPTIONAL {{ GRAPH <{arts}> {{ ?article dcterms:title ?title }} }}
                  OPTIONAL {{ GRAPH <{arts}> {{ ?article schema:url ?url }} }}
                  OPTIONAL {{ GRAPH <{arts}> {{ ?article dcterms:issued ?published }} }}
                }} ORDER BY ?e ?g""")
            for r in rows:
                found[r["e"].value].setdefault(r["g"].value, {
                    "assertion": r["g"].value, "article": r["article"].value,
                    "title": _py(r.get("title")), "url": _py(r.get("url")), "published": _py(r.get("published")),
                    "confidence": _py(r.get("confidence")), "asserted_by": _py(r.get("agent")), "quotes": []})
            graphs = sorted({g for by_graph in (found[e] for e in chunk if e in found) for g in by_graph})
            quotes: dict[str, list[str]] = defaultdict(list)
            for part in _chunks(graphs):
                for r in self.rows(f"""SELECT DISTINCT ?g ?quote WHERE {{ {_values('g', part)}
                        GRAPH <{prov}> {{ ?g dkg:hasEvidence ?ev . ?ev oa:hasTarget ?t . ?t oa:hasSelector ?sel .
                                         ?sel oa:exact ?quote }} }} ORDER BY ?g ?quote"""):
                    quotes[r["g"].value].append(r["quote"].value)
            for e in chunk:
                for g, src in found.get(e, {}).items():
                    src["quotes"] = quotes.get(g, [])
        return {e: list(found.get(e, {}).values()) for e in events}

    def _id(self, iri: str) -> str:
        prefix = f"{self.base}event/"
        return iri[len(prefix):] if iri.startswith(prefix) else iri


def _link(row: dict[str, Any]) -> Link:
    role = _local(row["p1"].value)
    for step in ("p2", "p3"):
        if step in row:
            role = f"{role}/{_local(row[step].value)}"
    return Link(row["e"].value, row["x"].value, role)


def _chunks(items: list[str], size: int = _MAX_VALUES) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
    if not items:
        return


def summarise(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Counts by CAMEO quad class and the net Goldstein score of a set of events."""
    counts = {name: 0 for name in QUAD_CLASSES.values()}
    unclassified, score, total = 0, 0.0, 0
    for event in events:
        total += 1
        quad = event.get("quad_class")
        if quad in QUAD_CLASSES:
            counts[QUAD_CLASSES[quad]] += 1
        else:
            unclassified += 1
        if isinstance(event.get("goldstein"), int | float):
            score += float(event["goldstein"])
    return {"events": total, "by_quad_class": counts, "unclassified": unclassified,
            "cooperation": counts["verbal cooperation"] + counts["material cooperation"],
            "conflict": counts["verbal conflict"] + counts["material conflict"],
            "net_goldstein": round(score, 2)}


def _newest_first(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(events, key=lambda e: (e.get("valid_from") or e.get("date") or "", e["iri"]), reverse=True)


# ---- the questions --------------------------------------------------------------------------------------


def search_actors(kg: Any, q: str | None = None, *, limit: int = 50, as_of: int | str | None = None
                  ) -> dict[str, Any]:
    """Actors whose name, alias or Wikidata id matches `q` (all actors without `q`), with their event counts."""
    reader = GraphReader(kg, as_of)
    filters = ""
    if q:
        needle = q.strip().casefold()
        wd = re.fullmatch(r"(?:wd:)?(q\d+)", needle)
        lit = _literal(needle)
        if wd:
            filters = f"?x owl:sameAs <{WD[wd.group(1).upper()]}> ."
        else:
            filters = f"""{{ SELECT DISTINCT ?x WHERE {{
                VALUES ?p {{ rdfs:label skos:altLabel skos:prefLabel dkg:demonym }}
                ?x ?p ?name . FILTER(CONTAINS(LCASE(STR(?name)), {lit})) }} }}"""
    rows = reader.rows(f"""SELECT DISTINCT ?x WHERE {{ {filters}
        ?x a ?t . ?t rdfs:subClassOf* dkg:Actor }} ORDER BY ?x LIMIT {int(limit) + 1}""")
    iris = [r["x"].value for r in rows]
    truncated = len(iris) > limit
    iris = iris[:limit]
    links = reader.links_of_entities(iris)
    counts: dict[str, set[str]] = defaultdict(set)
    for link in links:
        counts[link.entity].add(link.event)
    actors = []
    for iri in iris:
        summary = reader.entity_summary(iri)
        summary["event_count"] = len(counts.get(iri, ()))
        actors.append(summary)
    if q:
        needle = q.strip().casefold()
        actors.sort(key=lambda a: (a["label"].casefold() != needle, -a["event_count"], a["label"]))
    else:
        actors.sort(key=lambda a: (-a["event_count"], a["label"]))
    return {"version": reader.version, "query": q, "count": len(actors), "truncated": truncated, "actors": actors}


def actor_detail(kg: Any, ref: str, *, as_of: int | str | None = None) -> dict[str, Any]:
    """One actor: names, types, Wikidata ids, and its events' summary."""
    reader = GraphReader(kg, as_of)
    iri = reader.resolve(ref, "actor")
    summary = reader.entity_summary(iri)
    links = reader.links_of_entities([iri])
    events = reader.events({link.event for link in links})
    summary["event_count"] = len(events)
    summary["summary"] = summarise(events.values())
    roles: dict[str, int] = defaultdict(int)
    for link in links:
        roles[link.role] += 1
    summary["roles"] = dict(sorted(roles.items()))
    summary["version"] = reader.version
    return summary


def _event_rows(reader: GraphReader, events: dict[str, dict[str, Any]], roles: dict[str, dict[str, list[str]]],
                entities: dict[str, str]) -> list[dict[str, Any]]:
    sources = reader.sources(events)
    out = []
    for iri, event in events.items():
        row = dict(event)
        row["roles"] = {label: sorted(set(r)) for label, r in roles.get(iri, {}).items()}
        row["sources"] = sources.get(iri, [])
        out.append(row)
    del entities
    return _newest_first(out)


def relations_between(kg: Any, a: str, b: str, *, as_of: int | str | None = None) -> dict[str, Any]:
    """Every event linking `a` and `b` (either direction), newest first, with roles, codes and sources."""
    reader = GraphReader(kg, as_of)
    ia, ib = reader.resolve(a, "actor"), reader.resolve(b, "actor")
    if ia == ib:
        raise RelationsError("a and b name the same entity")
    links = reader.links_of_entities([ia, ib])
    by_event: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for link in links:
        by_event[link.event]["a" if link.entity == ia else "b"].append(link.role)
    shared = [e for e, r in by_event.items() if r.get("a") and r.get("b")]
    events = reader.events(shared)
    labels = reader.labels([ia, ib])
    rows = _event_rows(reader, events, {e: by_event[e] for e in shared}, labels)
    for row in rows:
        row["role_a"], row["role_b"] = row["roles"].pop("a"), row["roles"].pop("b")
        del row["roles"]
    return {"version": reader.version,
            "a": {"iri": ia, "label": labels[ia]}, "b": {"iri": ib, "label": labels[ib]},
            "summary": summarise(rows), "events": rows}


def counterparts(kg: Any, ref: str, *, as_of: int | str | None = None, limit: int = 100) -> dict[str, Any]:
    """Every actor sharing events with `ref`, ranked by the number of shared events, with a summary each."""
    reader = GraphReader(kg, as_of)
    iri = reader.resolve(ref, "actor")
    own = reader.links_of_entities([iri])
    event_iris = {link.event for link in own}
    others = [link for link in reader.links_of_events(event_iris) if link.entity != iri]
    actors = reader.actors_among({link.entity for link in others})
    events = reader.events(event_iris)
    shared: dict[str, set[str]] = defaultdict(set)
    their_roles: dict[str, set[str]] = defaultdict(set)
    for link in others:
        if link.entity in actors:
            shared[link.entity].add(link.event)
            their_roles[link.entity].add(link.role)
    own_roles: dict[str, set[str]] = defaultdict(set)
    for link in own:
        own_roles[link.event].add(link.role)
    labels = reader.labels([iri, *shared])
    ranked = sorted(shared, key=lambda c: (-len(shared[c]), labels[c]))[:limit]
    result = []
    for c in ranked:
        evs = _newest_first([events[e] for e in shared[c]])
        result.append({"iri": c, "label": labels[c], "event_count": len(evs), "roles": sorted(their_roles[c]),
                       "summary": summarise(evs),
                       "events": [{"iri": e["iri"], "id": e["id"], "type": e["type"], "date": e["date"],
                                   "quad_class": e["quad_class"], "goldstein": e["goldstein"],
                                   "own_roles": sorted(own_roles[e["iri"]])} for e in evs]})
    return {"version": reader.version, "actor": {"iri": iri, "label": labels[iri]},
            "summary": summarise(events.values()), "counterparts": result}


def paths(kg: Any, source: str, target: str, *, max_events: int = 3, limit: int = 20,
          as_of: int | str | None = None) -> dict[str, Any]:
    """How two entities are connected through events: shortest chains entity -event- entity … (≤ max_events)."""
    if not 1 <= max_events <= 6:
        raise RelationsError("max must be between 1 and 6")
    reader = GraphReader(kg, as_of)
    start, goal = reader.resolve(source, "actor"), reader.resolve(target, "place")
    if start == goal:
        raise RelationsError("from and to name the same entity")
    # breadth-first over entity -> event -> entity; parents keep every shortest way into a node
    parents: dict[str, list[tuple[str, str, str, str]]] = {start: []}  # entity -> [(prev, event, role_prev, role)]
    frontier = {start}
    depth = 0
    found = False
    while frontier and depth < max_events and not found:
        depth += 1
        ev_links = reader.links_of_entities(frontier)
        by_event: dict[str, list[Link]] = defaultdict(list)
        for link in ev_links:
            by_event[link.event].append(link)
        all_links = reader.links_of_events(by_event)
        nxt: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        for link in all_links:
            for origin in by_event.get(link.event, []):
                if link.entity in parents or link.entity == origin.entity:
                    continue
                nxt[link.entity].append((origin.entity, link.event, origin.role, link.role))
        for entity, ways in nxt.items():
            parents[entity] = list(dict.fromkeys(ways))
        found = goal in nxt
        frontier = set(nxt)
    chains: list[list[tuple[str, str, str, str]]] = []

    def walk(node: str, tail: list[tuple[str, str, str, str]]) -> None:
        if len(chains) >= limit:
            return
        if node == start:
            chains.append(list(reversed(tail)))
            return
        for way in parents.get(node, []):
            walk(way[0], [*tail, (way[0], way[1], way[2], way[3] + "|" + node)])

    if found:
        walk(goal, [])
    event_iris = {step[1] for chain in chains for step in chain}
    events = reader.events(event_iris)
    labels = reader.labels({start, goal, *(s[0] for c in chains for s in c)})
    result = []
    for chain in chains:
        steps = []
        for prev, event, role_prev, role_next in chain:
            role, nxt_entity = role_next.split("|", 1)
            labels.setdefault(nxt_entity, reader.labels([nxt_entity])[nxt_entity])
            ev = events[event]
            steps.append({"from": {"iri": prev, "label": labels.get(prev, _local(prev)), "role": role_prev},
                          "event": {"iri": event, "id": ev["id"], "type": ev["type"], "date": ev["date"],
                                    "modality": ev["modality"]},
                          "to": {"iri": nxt_entity, "label": labels.get(nxt_entity, _local(nxt_entity)),
                                 "role": role}})
        result.append({"length": len(steps), "steps": steps})
    return {"version": reader.version, "from": {"iri": start, "label": labels[start]},
            "to": {"iri": goal, "label": labels[goal]}, "max": max_events, "paths": result}


def timeline(kg: Any, *, actor: str | None = None, place: str | None = None, start: str | None = None,
             end: str | None = None, as_of: int | str | None = None, limit: int = 500) -> dict[str, Any]:
    """Events in valid-time order (dkg:validFrom), optionally of an actor and/or at a place (or within it),
    overlapping [start, end] (ISO dates)."""
    reader = GraphReader(kg, as_of)
    for value, name in ((start, "from"), (end, "to")):
        if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise RelationsError(f"{name} must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not {value!r}")
    selected: set[str] | None = None
    subjects: dict[str, Any] = {}
    role_of: dict[str, set[str]] = defaultdict(set)
    if actor:
        iri = reader.resolve(actor, "actor")
        subjects["actor"] = {"iri": iri, "label": reader.labels([iri])[iri]}
        links = reader.links_of_entities([iri])
        selected = {link.event for link in links}
        for link in links:
            role_of[link.event].add(link.role)
    if place:
        iri = reader.resolve(place, "place")
        subjects["place"] = {"iri": iri, "label": reader.labels([iri])[iri]}
        within = [iri] + [r["x"].value for r in reader.rows(f"SELECT DISTINCT ?x WHERE {{ ?x dkg:partOf+ <{iri}> }}")]
        at_place = {link.event for link in reader.links_of_entities(within)}
        selected = at_place if selected is None else selected & at_place
    if selected is None:
        selected = {r["e"].value for r in reader.rows("SELECT DISTINCT ?e WHERE { ?e dkg:modality ?m }")}
    events = reader.events(selected)
    lo = _bound(start, low=True)
    hi = _bound(end, low=False)
    kept = []
    for event in events.values():
        vf, vt = event.get("valid_from"), event.get("valid_to")
        if lo or hi:
            if vf is None:
                continue
            if hi and vf > hi:
                continue
            if lo and (vt or vf) < lo and vt is not None:
                continue
            if lo and vt is None and event.get("date_precision") != "OpenInterval" and vf < lo:
                continue
        kept.append(event)
    kept.sort(key=lambda e: (e.get("valid_from") or "9999", e.get("valid_to") or "9999", e["iri"]))
    truncated = len(kept) > limit
    kept = kept[:limit]
    sources = reader.sources(e["iri"] for e in kept)
    for event in kept:
        event["sources"] = sources.get(event["iri"], [])
        if actor:
            event["actor_roles"] = sorted(role_of[event["iri"]])
    return {"version": reader.version, **subjects, "from": start, "to": end, "count": len(kept),
            "truncated": truncated, "events": kept}


def _bound(value: str | None, *, low: bool) -> str | None:
    if value is None:
        return None
    if len(value) == 4:
        return f"{value}-01-01" if low else f"{value}-12-31"
    if len(value) == 7:
        return f"{value}-01" if low else f"{value}-31"
    return value


def event_detail(kg: Any, ref: str, *, as_of: int | str | None = None) -> dict[str, Any]:
    """One event: every property with the assertions stating each value, its participants, all its sources,
    and the properties on which sources disagree (different values from different assertion graphs)."""
    reader = GraphReader(kg, as_of)
    iri = ref if ref.startswith(("http://", "https://", "urn:")) else f"{reader.base}event/{ref}"
    if not _safe_iri(iri):
        raise RelationsError(f"not a valid event id: {ref!r}")
    node = ox.NamedNode(iri)
    quads = [q for q in reader.store.quads_for_pattern(node, None, None, None)
             if q.graph_name != ox.NamedNode("urn:dkg:system")]
    if not quads:
        raise NotFound(f"no event {iri}")
    properties: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for q in quads:
        graph = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None
        value = properties[q.predicate.value].setdefault(str(q.object), {
            "value": _py(q.object), "iri": isinstance(q.object, ox.NamedNode), "assertions": []})
        if graph and graph not in value["assertions"]:
            value["assertions"].append(graph)
    sources = reader.sources([iri])[iri]
    graph_article = {s["assertion"]: s["article"] for s in sources}
    disagreements = []
    for prop, values in properties.items():
        if len(values) > 1 and prop != "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
            graphs_per_value = [set(v["assertions"]) for v in values.values()]
            if all(graphs_per_value) and not set.intersection(*graphs_per_value):
                disagreements.append({"property": prop, "values": [
                    {"value": v["value"], "assertions": v["assertions"],
                     "articles": sorted({graph_article[g] for g in v["assertions"] if g in graph_article})}
                    for v in values.values()]})
    links = reader.links_of_events([iri])
    labels = reader.labels({link.entity for link in links})
    participants = [{"iri": link.entity, "label": labels[link.entity], "role": link.role}
                    for link in sorted(links, key=lambda lk: (lk.role, lk.entity))]
    summary = reader.events([iri])[iri]
    return {"version": reader.version, **summary, "participants": participants,
            "properties": [{"property": p, "short": _short(p), "values": list(v.values())}
                           for p, v in sorted(properties.items())],
            "sources": sources, "disagreements": disagreements}


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri
