"""Relationship questions over the knowledge graph: who did what to whom, when, according to which source.

Every function reads one version of the graph (`as_of`) through SPARQL over the union of all graphs and
returns JSON-ready dicts; the web API (`dkg.api.relations`) is a thin shell over them.

An event is anything with a `dkg:modality`. An entity takes part in an event
- directly, through a role property (a sub-property of `dkg:involves`, or a vote shortcut such as
  `dkg:abstainer`): `event dkg:agent actor/russia` gives Russia the role `agent`;
- or one step removed, through the resolution, vote or event the event concerns: a veto of a draft that France
  sponsored (`event dkg:resolution R . R dkg:sponsor actor/france`) gives France the role `resolution/sponsor`;
  a vote position reaches the sponsor of the voted draft two steps removed (`vote/resolution/sponsor`).

Answers that list events or counterparts are pages (`limit`, default 100, and `offset`) with the `total` and
whether more follow (`truncated`); summaries cover everything. Queries start from the terms they are given and
details and sources are read only for the page (docs/benchmarks.md, finding 8, has the measurements).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
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
_HOP_LIST = ", ".join(f"dkg:{h}" for h in _HOPS)
_MAX_VALUES = 2000
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_FIELD_PROPS = {RDF_TYPE: "type", RDFS_LABEL: "label", **{str(DKG[p]): k for k, p in (
    ("cameo", "cameoCode"), ("quad_class", "quadClass"), ("goldstein", "goldstein"), ("modality", "modality"),
    ("valid_from", "validFrom"), ("valid_to", "validTo"), ("date_precision", "datePrecision"),
    ("negated", "negated"), ("day", "date"), ("month", "month"), ("since", "since"))}}
_FIELD_PROPS = {key: prop for prop, key in _FIELD_PROPS.items()}
EVENT_FIELDS = ("type", "label", "cameo", "quad_class", "goldstein", "modality", "date", "valid_from", "valid_to",
                "date_precision", "negated")
DEFAULT_PAGE = 100
_COUNT_CAP = 50_000  # statements counted to tell a busy entity from a quiet one
_STATEMENTS_PER_EVENT = 14  # role, hop and field statements read per event (measured ~12-16 per source)


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


@lru_cache(maxsize=1)
def _role_list() -> str:
    return ", ".join(f"<{r}>" for r in role_properties())


@lru_cache(maxsize=256)
def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _role(p1: ox.NamedNode, p2: ox.NamedNode | None, p3: ox.NamedNode | None) -> str:
    """The role a link's predicates spell: "agent", "resolution/sponsor", "vote/resolution/sponsor"."""
    role = _local(p1.value)
    for step in (p2, p3):
        if step is not None:
            role = f"{role}/{_local(step.value)}"
    return role


def _field_props(keys: Iterable[str]) -> dict[str, str]:
    """Predicate IRI -> field name for the event fields `keys` ("date" brings dkg:date, dkg:month, dkg:since and
    dkg:validFrom, its fallback)."""
    wanted = set(keys)
    if "date" in wanted:
        wanted |= {"day", "month", "since", "valid_from"}
    return {_FIELD_PROPS[k]: k for k in wanted if k in _FIELD_PROPS}


def _into(x: str, bound: str = "", tag: str = "") -> str:
    """The three ways entity `x` takes part in an event ?e, as a UNION whose every branch starts from `x` (an
    IRI in <>, or ?x bound by `bound`, a VALUES block repeated inside every branch: Oxigraph evaluates a UNION
    before joining it with anything outside). Role variables are ?{tag}p1 ?{tag}p2 ?{tag}p3:
    - directly, through a role property (event dkg:agent x);
    - one step removed, through the resolution, vote or event the event concerns (event dkg:resolution R .
      R dkg:sponsor x), except that a vote position does not reach the other members' positions on its vote;
    - two steps removed, from a vote position to the sponsor of the voted draft (vote/resolution/sponsor)."""
    roles = _role_list()
    p1, p2, p3, m, r, v = (f"?{tag}{n}" for n in ("p1", "p2", "p3", "m", "r", "v"))
    voters = ", ".join(f"dkg:{name}" for name in _VOTERS)
    return f"""{{ {bound} ?e {p1} {x} . FILTER({p1} IN ({roles})) ?e dkg:modality ?{tag}mod0 }}
        UNION
        {{ {bound} {m} {p2} {x} . FILTER({p2} IN ({roles})) ?e {p1} {m} .
           FILTER({p1} IN ({_HOP_LIST}) && ?e != {m} && !({p1} = dkg:vote && {p2} IN ({voters})))
           ?e dkg:modality ?{tag}mod1 }}
        UNION
        {{ {bound} {r} {p3} {x} . FILTER({p3} IN ({roles})) {v} dkg:resolution {r} . ?e dkg:vote {v} .
           ?e dkg:modality ?{tag}mod2 BIND(dkg:vote AS {p1}) BIND(dkg:resolution AS {p2}) }}"""


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


def _term_order(term: Any) -> tuple[int, Any, str]:
    """A sort key following SPARQL's ORDER BY for the values of one field: IRIs, then literals, numbers by value."""
    if not isinstance(term, ox.Literal):
        return (0, 0.0, term.value)
    if term.datatype.value.endswith(("#integer", "#int", "#long", "#decimal", "#double", "#float")):
        try:
            return (1, float(term.value), term.value)
        except ValueError:
            pass
    return (2, 0.0, term.value)


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
            for x, label in self.tuples(f"""SELECT ?x ?label WHERE {{ {_values('x', chunk)}
                    ?x ?p ?label . FILTER(?p IN (rdfs:label, skos:prefLabel)) }}
                    ORDER BY ?x DESC(LANGMATCHES(LANG(?label), "en")) ?label"""):
                out.setdefault(x.value, label.value)
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
    #
    # Every query below starts from the terms it is given (an entity IRI written into the query, or a VALUES
    # block inside every UNION branch), filters predicates with FILTER(IN) rather than a VALUES list of
    # predicates (one index lookup per bound term instead of one per term and predicate), and returns only
    # the columns the caller needs: Oxigraph answers such joins in its indexes, and most of the cost left is
    # turning rows into Python objects.

    def tuples(self, sparql: str) -> list[tuple[Any, ...]]:
        """The solutions of a SELECT query as tuples of Oxigraph terms (None when unbound), in column order."""
        return [tuple(s) for s in self.solutions(sparql)]

    def solutions(self, sparql: str) -> Iterator[Any]:
        """The solutions of a SELECT query as they come (each unpacks like a tuple of terms, in column order)."""
        return iter(self.store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True))

    def links_of_entities(self, iris: Iterable[str]) -> list[Link]:
        """Every event each entity takes part in, with its role."""
        iris = list(dict.fromkeys(iris))
        out: list[Link] = []
        if len(iris) == 1:
            for e, p1, p2, p3 in self.solutions(f"SELECT DISTINCT ?e ?p1 ?p2 ?p3 WHERE {{ {_into(f'<{iris[0]}>')} }}"):
                out.append(Link(e.value, iris[0], _role(p1, p2, p3)))
            return out
        for chunk in _chunks(iris):
            rows = self.solutions(f"SELECT DISTINCT ?e ?x ?p1 ?p2 ?p3 WHERE {{ {_into('?x', _values('x', chunk))} }}")
            out += [Link(e.value, x.value, _role(p1, p2, p3)) for e, x, p1, p2, p3 in rows]
        return out

    def links_between(self, a: str, b: str) -> list[tuple[str, str, str]]:
        """(event, role of a, role of b) for every event both entities take part in.

        The entity with fewer statements pointing at it gives its events; the other one's roles in them come from
        reading those events when that is cheaper than listing all of its own links (a busy state and a small
        actor: the cost follows the small one)."""
        counts = {x: self.count_links([x], cap=_COUNT_CAP) for x in (a, b)}
        small, big = (a, b) if counts[a] <= counts[b] else (b, a)
        of_small: dict[str, list[str]] = defaultdict(list)
        for link in self.links_of_entities([small]):
            of_small[link.event].append(link.role)
        if counts[big] > _STATEMENTS_PER_EVENT * len(of_small):
            big_links = [link for link in self.links_of_events(of_small) if link.entity == big]
        else:
            big_links = [link for link in self.links_of_entities([big]) if link.event in of_small]
        out = []
        for link in big_links:
            for role in of_small[link.event]:
                out.append((link.event, role, link.role) if small == a else (link.event, link.role, role))
        return out

    def links_of_events(self, events: Iterable[str]) -> list[Link]:
        """Every entity taking part in each event, with its role."""
        return self.links_and_fields(events, ())[0]

    def links_and_fields(self, events: Iterable[str], keys: Iterable[str]) -> tuple[list[Link], dict[str, dict]]:
        """Every entity taking part in each event with its role, and the events' fields `keys` (as `events` gives
        them; none when empty).

        Each event's statements are read once (role, hop and field predicates), then the statements of the
        resolutions, votes and events they lead to, and of the drafts those votes are on: three bound queries
        whose rows are joined here (a UNION per way of taking part read every event's statements once per
        branch, and the fields took one more read)."""
        events = list(dict.fromkeys(events))
        roles = set(role_properties())
        hops = {str(DKG[h]) for h in _HOPS}
        vote, resolution = str(DKG.vote), str(DKG.resolution)
        voters = {str(DKG[v]) for v in _VOTERS}
        props = _field_props(keys)
        linking = roles | hops
        first: list[tuple[str, str, str]] = []
        fields: list[tuple[str, str, Any]] = []
        for e, p, o in self._statements(events, linking | set(props)):
            if p in props:
                fields.append((e, props[p], o))
            if p in linking and isinstance(o, ox.NamedNode):
                first.append((e, p, o.value))
        mids = self._iri_objects(sorted({o for e, p, o in first if p in hops and o != e}), roles | {resolution})
        drafts = self._iri_objects(sorted({o for v, p, o in mids if p == resolution}), roles)
        after: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for s, p, o in (*mids, *drafts):
            after[s].append((p, o))
        out: dict[tuple[str, str, str], None] = {}
        for e, p1, o in first:
            if p1 in roles:
                out[(e, o, _local(p1))] = None
            if p1 not in hops or o == e:
                continue
            for p2, x in after.get(o, ()):
                if p2 in roles and not (p1 == vote and p2 in voters):
                    out[(e, x, f"{_local(p1)}/{_local(p2)}")] = None
                if p1 == vote and p2 == resolution:
                    for p3, y in after.get(x, ()):
                        if p3 in roles:
                            out[(e, y, f"vote/resolution/{_local(p3)}")] = None
        links = [Link(e, x, role) for e, x, role in out]
        return links, (self._event_dicts(events, fields) if props else {})

    def _statements(self, subjects: list[str], predicates: set[str]) -> list[tuple[str, str, Any]]:
        """(subject IRI, predicate IRI, object term) of the subjects' statements with these predicates."""
        listed = ", ".join(f"<{p}>" for p in sorted(predicates))
        out: list[tuple[str, str, Any]] = []
        for chunk in _chunks(subjects):
            out += [(s.value, p.value, o) for s, p, o in self.solutions(f"""SELECT ?s ?p ?o WHERE {{
                {_values('s', chunk)} ?s ?p ?o . FILTER(?p IN ({listed})) }}""")]
        return out

    def _iri_objects(self, subjects: list[str], predicates: set[str]) -> list[tuple[str, str, str]]:
        """(subject, predicate, object) for the subjects' statements with these predicates and an IRI object."""
        listed = ", ".join(f"<{p}>" for p in sorted(predicates))
        out: list[tuple[str, str, str]] = []
        for chunk in _chunks(subjects):
            out += [(s.value, p.value, o.value) for s, p, o in self.solutions(f"""SELECT ?s ?p ?o WHERE {{
                {_values('s', chunk)} ?s ?p ?o . FILTER(?p IN ({listed}) && isIRI(?o)) }}""")]
        return out

    def count_links(self, iris: Iterable[str], cap: int | None = None) -> int:
        """How many statements point at these entities (an upper bound of their links, counted in the store), or
        `cap` if there are more (counting stops there)."""
        total = 0
        for chunk in _chunks(list(dict.fromkeys(iris))):
            pattern = f"{_values('x', chunk)} ?s ?p ?x"
            if cap is not None:
                pattern = f"{{ SELECT ?s WHERE {{ {pattern} }} LIMIT {cap - total + 1} }}"
            rows = self.tuples(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
            total += int(rows[0][0].value) if rows and rows[0][0] is not None else 0
            if cap is not None and total > cap:
                return cap
        return total

    def events(self, iris: Iterable[str], keys: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """Type, codes, modality, dates and label of each event (one value per field); only the fields
        `keys` (from EVENT_FIELDS; "date" means dkg:date, dkg:month, dkg:since) when given."""
        iris = list(dict.fromkeys(iris))
        props = _field_props(EVENT_FIELDS if keys is None else keys)
        fields = [row for chunk in _chunks(iris) for row in self._fields(chunk, props)]
        return self._event_dicts(iris, fields)

    def _event_dicts(self, iris: list[str], fields: list[tuple[str, str, Any]]) -> dict[str, dict[str, Any]]:
        """The event dicts of `events` from (event, field, value) rows."""
        out: dict[str, dict[str, Any]] = {i: {"iri": i, "id": self._id(i), "type": None, "label": None,
                                              "cameo": None, "quad_class": None, "goldstein": None,
                                              "modality": None, "date": None, "valid_from": None, "valid_to": None,
                                              "date_precision": None, "negated": False} for i in iris}
        values: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for e, key, value in fields:
            values[(e, key)].append(value)
        dates: dict[str, dict[str, str]] = defaultdict(dict)
        for (e, key), found in values.items():
            # the first value in SPARQL order wins when sources state a field differently (the last for the type)
            if len(found) > 1:
                found.sort(key=_term_order)
            event = out[e]
            if key == "type":
                types = [v for v in found if v.value != str(DKG.Event)]
                if types:
                    event["type"] = _local(types[-1].value)
            elif key in ("day", "month", "since"):
                dates[e][key] = found[0].value
            elif key in ("cameo", "modality", "date_precision"):
                event[key] = _local(found[0].value)
            elif key == "negated":
                event["negated"] = any(v.value == "true" for v in found)
            else:
                event[key] = _py(found[0])
        for iri, event in out.items():
            stated = dates.get(iri, {})
            event["date"] = stated.get("day") or stated.get("month") or stated.get("since") or event["valid_from"]
        return out

    def _fields(self, chunk: list[str], props: dict[str, str]) -> Iterator[tuple[str, str, Any]]:
        """(event, field, value) of the events' statements with these predicates: one lookup per event and
        predicate for one or two predicates, else one scan of each event's statements filtered (ORDER BY in the
        query cost 300 ms for 4,000 rows, so values are ordered by the caller)."""
        bound = _values("e", chunk)
        if len(props) <= 2:
            for prop, key in props.items():
                for e, value in self.solutions(f"SELECT ?e ?v WHERE {{ {bound} ?e <{prop}> ?v }}"):
                    yield e.value, key, value
            return
        listed = ", ".join(f"<{p}>" for p in props)
        for e, p, value in self.solutions(f"SELECT ?e ?p ?v WHERE {{ {bound} ?e ?p ?v . FILTER(?p IN ({listed})) }}"):
            yield e.value, props[p.value], value

    def sources(self, events: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """For each event, the assertions stating it: their article (title, url, date) and quoted sentences.

        Four queries, each bound to the terms the previous one found (events, assertion graphs, articles):
        OPTIONALs, or an evidence chain joined to unbound provenance, made Oxigraph scan the whole provenance
        graph."""
        events = list(dict.fromkeys(events))
        prov, arts = self.graphs.provenance, self.graphs.articles
        graphs_of: dict[str, set[str]] = defaultdict(set)
        for chunk in _chunks(events):
            for e, g in self.tuples(f"""SELECT DISTINCT ?e ?g WHERE {{ {_values('e', chunk)}
                    GRAPH ?g {{ ?e ?stated ?value }} }}"""):
                graphs_of[e.value].add(g.value)
        meta = self._properties(sorted({g for gs in graphs_of.values() for g in gs}), prov,
                                {PREFIXES["prov"] + "wasDerivedFrom": "article",
                                 str(DKG.confidence): "confidence",
                                 PREFIXES["prov"] + "wasAttributedTo": "asserted_by"})
        articles = self._properties(sorted({m["article"].value for m in meta.values() if "article" in m}), arts,
                                    {PREFIXES["dcterms"] + "title": "title", PREFIXES["schema"] + "url": "url",
                                     PREFIXES["dcterms"] + "issued": "published"})
        quotes: dict[str, set[str]] = defaultdict(set)
        for part in _chunks(sorted(meta)):
            for g, quote in self.tuples(f"""SELECT ?g ?quote WHERE {{ {_values('g', part)}
                    GRAPH <{prov}> {{ ?g dkg:hasEvidence ?ev . ?ev oa:hasTarget ?t . ?t oa:hasSelector ?sel .
                                     ?sel oa:exact ?quote }} }}"""):
                quotes[g.value].add(quote.value)
        out: dict[str, list[dict[str, Any]]] = {}
        for e in events:
            found = []
            for g in sorted(graphs_of.get(e, ())):
                m = meta.get(g, {})
                if "article" not in m:
                    continue
                article = m["article"].value
                art = articles.get(article, {})
                found.append({"assertion": g, "article": article, "title": _py(art.get("title")),
                              "url": _py(art.get("url")), "published": _py(art.get("published")),
                              "confidence": _py(m.get("confidence")), "asserted_by": _py(m.get("asserted_by")),
                              "quotes": sorted(quotes.get(g, ()))})
            out[e] = found
        return out

    def _properties(self, subjects: list[str], graph: str, keys: dict[str, str]) -> dict[str, dict[str, Any]]:
        """For each subject, the first value (in SPARQL order) of each property `keys` maps to a name, in `graph`."""
        listed = ", ".join(f"<{p}>" for p in keys)
        out: dict[str, dict[str, Any]] = defaultdict(dict)
        for chunk in _chunks(subjects):
            rows = self.tuples(f"""SELECT ?s ?p ?o WHERE {{ {_values('s', chunk)}
                    GRAPH <{graph}> {{ ?s ?p ?o }} FILTER(?p IN ({listed})) }}""")
            rows.sort(key=lambda row: (row[0].value, row[1].value, _term_order(row[2])))
            for s, p, o in rows:
                out[s.value].setdefault(keys[p.value], o)
        return out

    def _id(self, iri: str) -> str:
        prefix = f"{self.base}event/"
        return iri[len(prefix):] if iri.startswith(prefix) else iri


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
    events = reader.events({link.event for link in links}, keys=("quad_class", "goldstein"))
    summary["event_count"] = len(events)
    summary["summary"] = summarise(events.values())
    roles: dict[str, int] = defaultdict(int)
    for link in links:
        roles[link.role] += 1
    summary["roles"] = dict(sorted(roles.items()))
    summary["version"] = reader.version
    return summary


def _check_page(limit: int, offset: int) -> None:
    if limit < 1 or offset < 0:
        raise RelationsError("limit must be at least 1 and offset at least 0")


def relations_between(kg: Any, a: str, b: str, *, as_of: int | str | None = None, limit: int = DEFAULT_PAGE,
                      offset: int = 0) -> dict[str, Any]:
    """Events linking `a` and `b` (either direction), newest first, with roles, codes and sources.

    `summary` and `total` cover every shared event; `events` holds the page [offset, offset + limit) with
    full details and sources (`truncated` when more follow)."""
    _check_page(limit, offset)
    reader = GraphReader(kg, as_of)
    ia, ib = reader.resolve(a, "actor"), reader.resolve(b, "actor")
    if ia == ib:
        raise RelationsError("a and b name the same entity")
    roles: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for event, role_a, role_b in reader.links_between(ia, ib):
        roles[event][0].add(role_a)
        roles[event][1].add(role_b)
    light = reader.events(roles, keys=("quad_class", "goldstein", "date"))
    page = [e["iri"] for e in _newest_first(list(light.values()))[offset:offset + limit]]
    details = reader.events(page)
    sources = reader.sources(page)
    rows = []
    for iri in page:
        row = dict(details[iri])
        row["sources"] = sources.get(iri, [])
        row["role_a"], row["role_b"] = sorted(roles[iri][0]), sorted(roles[iri][1])
        rows.append(row)
    labels = reader.labels([ia, ib])
    return {"version": reader.version,
            "a": {"iri": ia, "label": labels[ia]}, "b": {"iri": ib, "label": labels[ib]},
            "summary": summarise(light.values()), "total": len(light), "offset": offset,
            "truncated": offset + len(rows) < len(light), "events": rows}


def counterparts(kg: Any, ref: str, *, as_of: int | str | None = None, limit: int = 100, offset: int = 0,
                 events_limit: int = DEFAULT_PAGE) -> dict[str, Any]:
    """Actors sharing events with `ref`, ranked by the number of shared events, with a summary each.

    `total` counts every counterpart, `counterparts` is the page [offset, offset + limit) of the ranking; each
    lists its `events_limit` newest shared events (`event_count` and `summary` cover all of them)."""
    _check_page(limit, offset)
    _check_page(events_limit, 0)
    reader = GraphReader(kg, as_of)
    iri = reader.resolve(ref, "actor")
    own = reader.links_of_entities([iri])
    event_iris = list(dict.fromkeys(link.event for link in own))
    links, events = reader.links_and_fields(event_iris, ("type", "date", "quad_class", "goldstein"))
    others = [link for link in links if link.entity != iri]
    actors = reader.actors_among({link.entity for link in others})
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
    ranked = sorted(shared, key=lambda c: (-len(shared[c]), labels[c]))
    result = []
    for c in ranked[offset:offset + limit]:
        evs = _newest_first([events[e] for e in shared[c]])
        result.append({"iri": c, "label": labels[c], "event_count": len(evs), "roles": sorted(their_roles[c]),
                       "summary": summarise(evs),
                       "events": [{"iri": e["iri"], "id": e["id"], "type": e["type"], "date": e["date"],
                                   "quad_class": e["quad_class"], "goldstein": e["goldstein"],
                                   "own_roles": sorted(own_roles[e["iri"]])} for e in evs[:events_limit]]})
    return {"version": reader.version, "actor": {"iri": iri, "label": labels[iri]},
            "summary": summarise(events.values()), "total": len(ranked), "offset": offset,
            "truncated": offset + len(result) < len(ranked), "counterparts": result}


PATH_LINK_BUDGET = 100_000
_LINKS_PER_EVENT = 6  # estimate for an event frontier (measured: 4-7 role links per synthetic event)


Node = tuple[int, str]  # (0, entity IRI) or (1, event IRI): an IRI can be both (a vote is an event and a role's value)


@dataclass
class _Side:
    """One end of the bidirectional search. Depths count half-steps (entity -> event or event -> entity): even
    depths are entities, odd ones events; `ways[node]` lists (neighbour one half-step nearer the root, role)."""

    root: str
    depth: dict[Node, int] = field(default_factory=dict)
    ways: dict[Node, list[tuple[Node, str]]] = field(default_factory=dict)
    frontier: set[Node] = field(default_factory=set)
    level: int = 0
    _cost: tuple[int, int] | None = None  # (level, links) of the last estimate

    def __post_init__(self) -> None:
        self.depth[(0, self.root)] = 0
        self.frontier = {(0, self.root)}

    def cost(self, reader: GraphReader) -> int:
        """Links the next expansion will fetch (counted in the store for entities, estimated for events)."""
        if self._cost is None or self._cost[0] != self.level:
            links = (_LINKS_PER_EVENT * len(self.frontier) if self.level % 2
                     else reader.count_links(iri for _, iri in self.frontier))
            self._cost = (self.level, links)
        return self._cost[1]

    def expand(self, reader: GraphReader) -> int:
        """One half-step outwards: events of the frontier's entities, or entities of its events; returns the
        number of links fetched. Nodes seen before are not revisited (all their ways are at lower depths)."""
        new: dict[Node, set[tuple[Node, str]]] = defaultdict(set)
        iris = [iri for _, iri in self.frontier]
        if self.level % 2 == 0:
            links = reader.links_of_entities(iris)
            for link in links:
                if (1, link.event) not in self.depth:
                    new[(1, link.event)].add(((0, link.entity), link.role))
        else:
            links = reader.links_of_events(iris)
            for link in links:
                if (0, link.entity) not in self.depth:
                    new[(0, link.entity)].add(((1, link.event), link.role))
        self.level += 1
        for node, ways in new.items():
            self.depth[node] = self.level
            self.ways[node] = sorted(ways)
        self.frontier = set(new)
        return len(links)

    def walk(self, node: Node) -> Iterator[list[tuple[str, str, str]]]:
        """Every shortest way from the root to `node`, as (entity, event, role) edges from the root."""
        if node == (0, self.root):
            yield []
            return
        for neighbour, role in self.ways[node]:
            edge = (node[1], neighbour[1], role) if node[0] == 0 else (neighbour[1], node[1], role)
            for head in self.walk(neighbour):
                yield [*head, edge]


def paths(kg: Any, source: str, target: str, *, max_events: int = 3, limit: int = 20,
          as_of: int | str | None = None, link_budget: int = PATH_LINK_BUDGET) -> dict[str, Any]:
    """How two entities are connected through events: every shortest chain entity -event- entity … with at most
    `max_events` events (the first `limit` of them, `truncated` when there are more).

    A bidirectional breadth-first search over the entity-event graph: each half-step expands the end whose
    next expansion fetches fewer links, with one query per half-step bound to the frontier. It gives up when
    the next half-step would take the links fetched beyond `link_budget` (`complete` is then false: a
    shorter or any chain may exist beyond it)."""
    if not 1 <= max_events <= 6:
        raise RelationsError("max must be between 1 and 6")
    _check_page(limit, 0)
    reader = GraphReader(kg, as_of)
    start, goal = reader.resolve(source, "actor"), reader.resolve(target, "place")
    if start == goal:
        raise RelationsError("from and to name the same entity")
    fore, back = _Side(start), _Side(goal)
    meet: list[Node] = []
    spent, complete = 0, True
    while fore.frontier and back.frontier and fore.level + back.level < 2 * max_events:
        costs = (fore.cost(reader), back.cost(reader))
        side, other = (fore, back) if costs[0] <= costs[1] else (back, fore)
        if spent + min(costs) > link_budget:
            complete = False
            break
        spent += side.expand(reader)
        meet = sorted(n for n in side.frontier if n in other.depth)
        if meet:
            break
    chains: list[list[tuple[str, str, str]]] = []
    for node in meet:
        for head in fore.walk(node):
            for tail in back.walk(node):
                chains.append(head + tail[::-1])
                if len(chains) > limit:
                    break
            if len(chains) > limit:
                break
        if len(chains) > limit:
            break
    truncated = len(chains) > limit
    chains = chains[:limit]
    events = reader.events({edge[1] for chain in chains for edge in chain}, keys=("type", "date", "modality"))
    labels = reader.labels({start, goal, *(edge[0] for chain in chains for edge in chain)})
    result = []
    for chain in chains:
        steps = []
        for (prev, event, role_prev), (nxt, _, role) in zip(chain[::2], chain[1::2], strict=True):
            ev = events[event]
            steps.append({"from": {"iri": prev, "label": labels[prev], "role": role_prev},
                          "event": {"iri": event, "id": ev["id"], "type": ev["type"], "date": ev["date"],
                                    "modality": ev["modality"]},
                          "to": {"iri": nxt, "label": labels[nxt], "role": role}})
        result.append({"length": len(steps), "steps": steps})
    return {"version": reader.version, "from": {"iri": start, "label": labels[start]},
            "to": {"iri": goal, "label": labels[goal]}, "max": max_events, "complete": complete,
            "truncated": truncated, "paths": result}


def timeline(kg: Any, *, actor: str | None = None, place: str | None = None, start: str | None = None,
             end: str | None = None, as_of: int | str | None = None, limit: int = DEFAULT_PAGE, offset: int = 0
             ) -> dict[str, Any]:
    """Events in valid-time order (dkg:validFrom), optionally of an actor and/or at a place (or within it),
    overlapping [start, end] (ISO dates). `total` counts them all; `events` is the page [offset, offset + limit)
    with full details and sources (`count` its length, `truncated` when more follow)."""
    _check_page(limit, offset)
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
        within = [iri] + [x.value for (x,) in reader.tuples(f"SELECT DISTINCT ?x WHERE {{ ?x dkg:partOf+ <{iri}> }}")]
        at_place = {link.event for link in reader.links_of_entities(within)}
        selected = at_place if selected is None else selected & at_place
    if selected is None:
        selected = {e.value for (e,) in reader.tuples("SELECT DISTINCT ?e WHERE { ?e dkg:modality ?m }")}
    lo = _bound(start, low=True)
    hi = _bound(end, low=False)
    light = reader.events(selected, keys=("valid_from", "valid_to", *(("date_precision",) if lo or hi else ())))
    kept = []
    for event in light.values():
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
    page = [e["iri"] for e in kept[offset:offset + limit]]
    details = reader.events(page)
    sources = reader.sources(page)
    events = []
    for iri in page:
        event = details[iri]
        event["sources"] = sources.get(iri, [])
        if actor:
            event["actor_roles"] = sorted(role_of[iri])
        events.append(event)
    return {"version": reader.version, **subjects, "from": start, "to": end, "count": len(events),
            "total": len(kept), "offset": offset, "truncated": offset + len(events) < len(kept), "events": events}


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
