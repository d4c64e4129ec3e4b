"""The shipped gazetteer: states, people and their offices, organisations, armed actors and places.

Every ``gazetteer*.yaml`` in package ``dkg.reference`` is read (``gazetteer.yaml`` first, then the others by
name) and merged by id; see the header of ``gazetteer.yaml`` for the format. ``gazetteer_graph(base)`` turns
the entities into RDF under the configured base IRI (no blank nodes: memberships, offices and office terms get
minted IRIs), ``resolve(key)`` finds an entity by id, slug, label, alias, demonym or Wikidata id.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from dkg.terms import DKG, SCHEMA, WD
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

ACTOR_TYPES = {"Actor", "State", "Person", "Organisation", "IntergovernmentalOrganisation", "OrganisationOrgan",
               "Court", "ArmedGroup", "ArmedForces"}  # fmt: skip
PLACE_TYPES = {"Place", "Country", "City", "District", "Region"}
OTHER_TYPES = {"Office"}
TYPE_ALIASES = {"Organization": "IntergovernmentalOrganisation", "Organ": "OrganisationOrgan"}
ORGANISATION_TYPES = {"Organisation", "IntergovernmentalOrganisation", "OrganisationOrgan", "Court"}


class GazetteerError(ValueError):
    """A gazetteer file is malformed or inconsistent."""


def slugify(text: str) -> str:
    """Lower-case ASCII slug, words joined by '-' (the design's minting rule)."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


@dataclass(frozen=True)
class Membership:
    """An actor's membership of an organisation, possibly dated and permanent."""

    member: str
    organisation: str
    start: date | None = None
    end: date | None = None
    permanent: bool = False

    def iri_path(self) -> str:
        """{member}/membership/{organisation slug}[-{start year}]."""
        suffix = f"-{self.start.year}" if self.start else ""
        return f"{self.member}/membership/{self.organisation.rsplit('/', 1)[-1]}{suffix}"


@dataclass(frozen=True)
class OfficeTerm:
    """A person's tenure of an office (role of an actor), e.g. head of state of France 2012-2017."""

    person: str
    role: str
    of: str
    start: date | None = None
    end: date | None = None
    title: str | None = None

    @property
    def office_path(self) -> str:
        """office/{role}-of-{actor slug}, e.g. office/head-of-state-of-france."""
        return f"office/{slugify(self.role)}-of-{self.of.rsplit('/', 1)[-1]}"

    def iri_path(self) -> str:
        """{person}/term/{office slug}[-{start year}]."""
        suffix = f"-{self.start.year}" if self.start else ""
        return f"{self.person}/term/{self.office_path.split('/', 1)[1]}{suffix}"

    def holds(self, on: date) -> bool:
        """True if the term covers the given day."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass
class Entity:
    """One gazetteer entry (an actor, a place or an office)."""

    id: str
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    description: str | None = None
    wikidata: str | None = None
    iso2: str | None = None
    iso3: str | None = None
    capital: str | None = None
    capital_of: str | None = None
    territory: str | None = None
    part_of: str | None = None
    forces_of: str | None = None
    allied_with: list[str] = field(default_factory=list)
    member_of: list[Membership] = field(default_factory=list)
    member_count: int | None = None
    all_states_members: bool = False
    offices: list[OfficeTerm] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """The last path segment of the id (france for actor/france)."""
        return self.id.rsplit("/", 1)[-1]

    @property
    def kind(self) -> str:
        """'actor', 'place' or 'office'."""
        return "place" if self.type in PLACE_TYPES else "office" if self.type in OTHER_TYPES else "actor"

    @property
    def permanent_member_of(self) -> list[str]:
        """Organisations where this actor holds a permanent seat."""
        return [m.organisation for m in self.member_of if m.permanent]

    def iri(self, base: str) -> URIRef:
        """The entity's IRI under `base`."""
        return URIRef(base + self.id)


def _date(value: Any, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise GazetteerError(f"{where}: not a date (YYYY-MM-DD): {value!r}") from exc


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _norm_id(raw: Any, kind: str = "actor") -> str:
    text = str(raw).strip()
    return text if "/" in text else f"{kind}/{text}"


class _Builder:
    """Merges raw YAML documents into entities, checking types, dates and references."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.org_members: list[tuple[str, Any, str]] = []
        self.offices: list[tuple[dict[str, Any], str]] = []

    def add_document(self, doc: Any, source: str) -> None:
        if doc is None:
            return
        if not isinstance(doc, dict):
            raise GazetteerError(f"{source}: expected a mapping with 'actors', 'places', 'offices'")
        unknown = set(doc) - {"actors", "places", "offices"}
        if unknown:
            raise GazetteerError(f"{source}: unknown top-level keys {sorted(unknown)}")
        for section in ("actors", "places"):
            for raw in _list(doc.get(section)):
                self.add_entity(raw, section[:-1], source)
        for raw in _list(doc.get("offices")):
            self.offices.append((raw, source))

    def add_entity(self, raw: Any, kind: str, source: str) -> None:
        if not isinstance(raw, dict) or "id" not in raw:
            raise GazetteerError(f"{source}: every entry needs an id: {raw!r}")
        eid = _norm_id(raw["id"], kind)
        where = f"{source}: {eid}"
        etype = TYPE_ALIASES.get(str(raw.get("type", "")), str(raw.get("type", "")))
        if etype not in ACTOR_TYPES | PLACE_TYPES | OTHER_TYPES:
            raise GazetteerError(f"{where}: unknown type {raw.get('type')!r}")
        known = {"id", "type", "label", "aliases", "demonyms", "description", "wikidata", "iso2", "iso3",
                 "capital", "capital_of", "territory", "part_of", "forces_of", "allied_with", "member_of",
                 "permanent_member_of", "members", "member_count", "positions"}  # fmt: skip
        unknown = set(raw) - known
        if unknown:
            raise GazetteerError(f"{where}: unknown keys {sorted(unknown)}")
        wikidata = str(raw["wikidata"]).strip() if raw.get("wikidata") else None
        if wikidata and not re.fullmatch(r"Q[1-9][0-9]*", wikidata):
            raise GazetteerError(f"{where}: wikidata must be a Q-id, got {wikidata!r}")
        label = str(raw.get("label") or "").strip()
        entity = self.entities.get(eid)
        if entity is None:
            if not label:
                raise GazetteerError(f"{where}: a label is required")
            entity = Entity(eid, etype, label)
            self.entities[eid] = entity
        else:
            if etype != entity.type:
                raise GazetteerError(f"{where}: type {etype} conflicts with {entity.type} given before")
            if wikidata and entity.wikidata and wikidata != entity.wikidata:
                raise GazetteerError(f"{where}: wikidata {wikidata} conflicts with {entity.wikidata} given before")
            if label and label != entity.label and label not in entity.aliases:
                entity.aliases.append(label)
        for name in _list(raw.get("aliases")):
            if str(name) not in entity.aliases and str(name) != entity.label:
                entity.aliases.append(str(name))
        for name in _list(raw.get("demonyms")):
            if str(name) not in entity.demonyms:
                entity.demonyms.append(str(name))
        entity.wikidata = entity.wikidata or wikidata
        for key in ("description", "iso2", "iso3"):
            if raw.get(key) and not getattr(entity, key):
                setattr(entity, key, str(raw[key]).strip())
        for key, target_kind in (("capital", "place"), ("capital_of", "actor"), ("territory", "place"),
                                 ("part_of", kind), ("forces_of", "actor")):  # fmt: skip
            if raw.get(key) and not getattr(entity, key):
                setattr(entity, key, _norm_id(raw[key], target_kind))
        for other in _list(raw.get("allied_with")):
            if _norm_id(other) not in entity.allied_with:
                entity.allied_with.append(_norm_id(other))
        if raw.get("member_count") is not None and entity.member_count is None:
            if not isinstance(raw["member_count"], int) or raw["member_count"] < 1:
                raise GazetteerError(f"{where}: member_count must be a positive integer")
            entity.member_count = raw["member_count"]
        for item in _list(raw.get("member_of")):
            if isinstance(item, dict):
                org = item.get("of") or item.get("organisation")
                if not org:
                    raise GazetteerError(f"{where}: member_of entries need 'of'")
                self._add_membership(entity, _norm_id(org), item, where)
            else:
                self._add_membership(entity, _norm_id(item), {}, where)
        for org in _list(raw.get("permanent_member_of")):
            self._add_membership(entity, _norm_id(org), {"permanent": True}, where)
        members = raw.get("members")
        if members == "all_states":
            entity.all_states_members = True
        else:
            for item in _list(members):
                self.org_members.append((eid, item, where))
        for pos in _list(raw.get("positions")):
            if not isinstance(pos, dict):
                raise GazetteerError(f"{where}: positions must be mappings with role, of, from, to")
            self.offices.append(({"person": eid, **pos}, source))

    def _add_membership(self, entity: Entity, org: str, item: dict[str, Any], where: str) -> None:
        m = Membership(entity.id, org, _date(item.get("from"), where), _date(item.get("to"), where),
                       bool(item.get("permanent", False)))  # fmt: skip
        if m.start and m.end and m.end < m.start:
            raise GazetteerError(f"{where}: membership of {org} ends before it starts")
        same = [x for x in entity.member_of if x.organisation == org and x.start == m.start]
        for x in same:
            entity.member_of.remove(x)
            m = Membership(m.member, org, m.start, m.end or x.end, m.permanent or x.permanent)
        entity.member_of.append(m)

    def finish(self) -> list[Entity]:
        for org, item, where in self.org_members:
            item = item if isinstance(item, dict) else {"member": item}
            member = _norm_id(item.get("member") or item.get("id") or "")
            if member not in self.entities:
                raise GazetteerError(f"{where}: unknown member {member}")
            self._add_membership(self.entities[member], org, item, where)
        for org in [e for e in self.entities.values() if e.all_states_members]:
            for state in self.entities.values():
                if state.type == "State" and not any(m.organisation == org.id for m in state.member_of):
                    self._add_membership(state, org.id, {}, org.id)
        for raw, source in self.offices:
            person = _norm_id(raw.get("person", ""))
            where = f"{source}: office of {person}"
            if person not in self.entities or self.entities[person].type != "Person":
                raise GazetteerError(f"{where}: unknown person")
            if not raw.get("role") or not raw.get("of"):
                raise GazetteerError(f"{where}: an office needs role and of")
            term = OfficeTerm(person, str(raw["role"]), _norm_id(raw["of"]), _date(raw.get("from"), where),
                              _date(raw.get("to"), where), raw.get("title"))  # fmt: skip
            entity = self.entities[person]
            if not any(t.role == term.role and t.of == term.of and t.start == term.start for t in entity.offices):
                entity.offices.append(term)
        self._check_references()
        return list(self.entities.values())

    def _check_references(self) -> None:
        def need(ref: str | None, where: str, types: set[str]) -> None:
            if ref is None:
                return
            target = self.entities.get(ref)
            if target is None:
                raise GazetteerError(f"{where}: unknown entity {ref}")
            if target.type not in types:
                raise GazetteerError(f"{where}: {ref} is a {target.type}, expected one of {sorted(types)}")

        orgs = ORGANISATION_TYPES
        for e in self.entities.values():
            need(e.capital, f"{e.id} capital", {"City"})
            need(e.capital_of, f"{e.id} capital_of", {"State"})
            need(e.territory, f"{e.id} territory", {"Country"})
            need(e.forces_of, f"{e.id} forces_of", {"State"})
            if e.kind == "place":
                need(e.part_of, f"{e.id} part_of", PLACE_TYPES)
            elif e.kind == "office":
                need(e.part_of, f"{e.id} part_of", ACTOR_TYPES)
            else:
                need(e.part_of, f"{e.id} part_of", orgs)
            for other in e.allied_with:
                need(other, f"{e.id} allied_with", ACTOR_TYPES)
            for m in e.member_of:
                need(m.organisation, f"{e.id} member_of", orgs)
            for t in e.offices:
                need(t.of, f"{e.id} office", ACTOR_TYPES)


def _default_paths() -> list[Path]:
    ref = resources.files("dkg.reference")
    names = sorted(
        (p.name for p in ref.iterdir() if p.name.startswith("gazetteer") and p.name.endswith(".yaml")),
        key=lambda n: (n != "gazetteer.yaml", n),
    )
    return [Path(str(ref / n)) for n in names]


def read_gazetteer(paths: Iterable[Path]) -> list[Entity]:
    """Read and merge the given gazetteer files (in order); GazetteerError if malformed or inconsistent."""
    builder = _Builder()
    for path in paths:
        try:
            doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (yaml.YAMLError, ValueError) as exc:  # PyYAML raises ValueError for impossible dates
            raise GazetteerError(f"{Path(path).name}: not valid YAML (or not a date): {exc}") from exc
        builder.add_document(doc, Path(path).name)
    return builder.finish()


@lru_cache(maxsize=1)
def _shipped() -> tuple[Entity, ...]:
    return tuple(read_gazetteer(_default_paths()))


def load_gazetteer() -> list[Entity]:
    """Every entity of the shipped gazetteer*.yaml files in dkg.reference, merged by id."""
    return list(_shipped())


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"\s+", " ", s.replace("’", "'")).strip()


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Entity], list[dict[str, list[Entity]]]]:
    by_id = {e.id: e for e in _shipped()}
    tiers: list[dict[str, list[Entity]]] = [{}, {}, {}, {}, {}]
    for e in _shipped():
        keys = [
            [e.slug],
            [_fold(e.label)],
            [_fold(a) for a in e.aliases],
            [_fold(d) for d in e.demonyms],
            [e.wikidata.lower()] if e.wikidata else [],
        ]
        for tier, names in zip(tiers, keys, strict=True):
            for name in names:
                tier.setdefault(name, []).append(e)
    return by_id, tiers


def resolve(key: str, *, kind: str | None = None) -> Entity | None:
    """The entity for an id (actor/france), slug (france), label, alias, demonym or Wikidata id (Q142).

    `kind` ('actor' or 'place') picks between entities sharing a name (actor/syria, place/syria); without it
    actors win. Returns None if nothing matches.
    """
    by_id, tiers = _index()
    text = str(key).strip()
    if text in by_id:
        return by_id[text]
    if text.startswith(("http://", "https://")):
        return next((e for e in by_id.values() if text.endswith("/" + e.id)), None)
    folded = _fold(text)
    for tier in tiers:
        candidates = tier.get(folded) or tier.get(text.lower()) or []
        if kind:
            candidates = [c for c in candidates if c.kind == kind]
        if candidates:
            candidates = sorted(candidates, key=lambda c: (c.kind != "actor", c.id))
            return candidates[0]
    return None


def gazetteer_graph(base: str) -> Graph:
    """The entities as RDF under `base`: types, labels, Wikidata links, memberships, offices, containment."""
    g = Graph()
    g.bind("dkg", DKG)
    g.bind("wd", WD)
    g.bind("skos", SKOS)
    g.bind("schema", SCHEMA)
    entities = load_gazetteer()

    def iri(path: str) -> URIRef:
        return URIRef(base + path)

    def day(d: date) -> Literal:
        return Literal(d.isoformat(), datatype=XSD.date)

    labels = {e.id: e.label for e in entities}
    for e in entities:
        s = iri(e.id)
        g.add((s, RDF.type, DKG[e.type]))
        g.add((s, RDFS.label, Literal(e.label, lang="en")))
        g.add((s, SKOS.prefLabel, Literal(e.label, lang="en")))
        for alias in e.aliases:
            g.add((s, SKOS.altLabel, Literal(alias, lang="en")))
        for demonym in e.demonyms:
            g.add((s, DKG.demonym, Literal(demonym, lang="en")))
        if e.description:
            g.add((s, RDFS.comment, Literal(e.description, lang="en")))
        if e.wikidata:
            # a country shares its Wikidata item with its state: owl:sameAs would merge state and territory
            g.add((s, SCHEMA.sameAs if e.type == "Country" else OWL.sameAs, WD[e.wikidata]))
        if e.iso2:
            g.add((s, DKG.iso3166Alpha2, Literal(e.iso2)))
        if e.iso3:
            g.add((s, DKG.iso3166Alpha3, Literal(e.iso3)))
        if e.capital:
            g.add((s, DKG.capital, iri(e.capital)))
        if e.capital_of:
            g.add((iri(e.capital_of), DKG.capital, s))
        if e.territory:
            g.add((s, DKG.territory, iri(e.territory)))
        if e.part_of:
            g.add((s, DKG.officeOf if e.kind == "office" else DKG.partOf, iri(e.part_of)))
        if e.forces_of:
            g.add((s, DKG.forcesOf, iri(e.forces_of)))
        for other in e.allied_with:
            g.add((s, DKG.alliedWith, iri(other)))
        if e.member_count is not None:
            g.add((s, DKG.memberCount, Literal(e.member_count, datatype=XSD.integer)))
        for m in e.member_of:
            org = iri(m.organisation)
            g.add((s, DKG.memberOf, org))
            if m.permanent:
                g.add((s, DKG.permanentMemberOf, org))
            node = iri(m.iri_path())
            g.add((s, DKG.hasMembership, node))
            g.add((node, RDF.type, DKG.Membership))
            g.add((node, RDFS.label, Literal(f"{e.label} in {labels.get(m.organisation, m.organisation)}", lang="en")))
            g.add((node, DKG.member, s))
            g.add((node, DKG.organisation, org))
            g.add((node, DKG.permanent, Literal(m.permanent)))
            if m.start:
                g.add((node, DKG.validFrom, day(m.start)))
            if m.end:
                g.add((node, DKG.validTo, day(m.end)))
        for t in e.offices:
            office = iri(t.office_path)
            title = t.title or t.role.replace("_", " ").capitalize()
            office_label = f"{title} of {labels.get(t.of, t.of)}"
            g.add((office, RDF.type, DKG.Office))
            g.add((office, RDFS.label, Literal(office_label, lang="en")))
            g.add((office, DKG.officeOf, iri(t.of)))
            g.add((s, DKG.holdsOffice, office))
            term = iri(t.iri_path())
            g.add((term, RDF.type, DKG.OfficeTerm))
            g.add((term, RDFS.label, Literal(f"{e.label}, {office_label}", lang="en")))
            g.add((term, DKG.holder, s))
            g.add((term, DKG.office, office))
            if t.start:
                g.add((term, DKG.validFrom, day(t.start)))
            if t.end:
                g.add((term, DKG.validTo, day(t.end)))
    return g
