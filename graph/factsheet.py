"""Fact sheets: one YAML file (or dict) per article, compiled into assertion drafts.

``load_sheet(path)`` reads a YAML sheet; ``compile_sheet(sheet, base=..., text=...)`` validates its structure and
turns every fact into an :class:`~dkg.drafts.AssertionDraft`: the fact triples (no blank nodes; nested nodes get
IRIs below the event IRI), the evidence located in the article text, and the IRIs of the nodes it describes.
Class-level codes (CAMEO, PLOVER, QuadClass, Goldstein) are copied onto each event, valid time is computed from
``date`` / ``month`` / ``since`` / ``relative`` and the publication date. See docs/factsheet.md.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from dkg.codes import cameo_code, cameo_iri, plover_iri
from dkg.drafts import ArticleRecord, AssertionDraft, CompiledSheet, Evidence, FactGraph, Triple
from dkg.gazetteer import PLACE_TYPES, TYPE_ALIASES, resolve
from dkg.terms import DEFAULT_BASE, DKG, WD
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

MODALITIES = {"announced": "Announced", "planned": "Planned", "considered": "Considered",
              "completed": "Completed", "reported": "Reported", "failed": "Failed"}  # fmt: skip
FUTURE_MODALITIES = {"planned", "considered"}
FACT_KEYS = {"id", "type", "modality", "date", "month", "since", "relative", "properties", "breakdown", "evidence",
             "confidence", "extractor", "negated", "cameo", "label"}  # fmt: skip
ENTITY_KEYS = {"id", "type", "label", "aliases", "wikidata", "part_of", "forces_of", "allied_with", "description",
               "evidence"}  # fmt: skip
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PATH = re.compile(r"^[a-z0-9-]+(?:/[a-z0-9.-]+)+$")

# the terms every fact uses, built once (a Namespace attribute builds and checks a new URIRef on each access)
_TYPE, _LABEL, _COMMENT, _ALT_LABEL, _SAME_AS = RDF.type, RDFS.label, RDFS.comment, SKOS.altLabel, OWL.sameAs
_PART_OF, _FORCES_OF, _ALLIED_WITH = DKG.partOf, DKG.forcesOf, DKG.alliedWith
_MODALITY, _NEGATED, _BREAKDOWN, _CASUALTY_COUNT = DKG.modality, DKG.negated, DKG.casualtyBreakdown, DKG.CasualtyCount
_VOTE, _AGENT, _POSITION = DKG.vote, DKG.agent, DKG.position
_VOTE_SHORTCUT = {DKG.InFavour: DKG.yesVoter, DKG.Against: DKG.noVoter, DKG.Abstain: DKG.abstainer}
_DATE_ANCHOR, _DATE, _MONTH, _SINCE, _RELATIVE = DKG.dateAnchor, DKG.date, DKG.month, DKG.since, DKG.relativeTime
_VALID_FROM, _VALID_TO, _PRECISION = DKG.validFrom, DKG.validTo, DKG.datePrecision
_DAY_PRECISION, _MONTH_PRECISION, _OPEN_INTERVAL = DKG.DayPrecision, DKG.MonthPrecision, DKG.OpenInterval
_RELATIVE_PRECISION, _UNDATED = DKG.RelativePrecision, DKG.Undated
_CAMEO_CODE, _QUAD_CLASS, _GOLDSTEIN, _PLOVER_TYPE = DKG.cameoCode, DKG.quadClass, DKG.goldstein, DKG.ploverType
_INTEGER, _DECIMAL, _DAY, _YEAR_MONTH = XSD.integer, XSD.decimal, XSD.date, XSD.gYearMonth
_XSD_INTEGER, _XSD_BOOLEAN, _XSD_DECIMAL = str(_INTEGER), str(XSD.boolean), str(_DECIMAL)
_XSD_DATE, _XSD_STRING, _CONCEPT = str(_DAY), str(XSD.string), str(SKOS.Concept)


@lru_cache(maxsize=4096)
def _dkg(name: str) -> URIRef:
    """The ontology term with this local name (names come from the vocabulary, so the cache stays small)."""
    return DKG[name]


@lru_cache(maxsize=16384)
def _day(d: date) -> Literal:
    """The xsd:date literal of a day (rdflib parses the lexical form of each new literal)."""
    return Literal(d.isoformat(), datatype=_DAY)


class FactSheetError(ValueError):
    """A fact sheet is malformed: the message names the fact and the field."""


@dataclass(frozen=True)
class _Vocabulary:
    """What the ontology allows: event types, roles, properties and code-list individuals."""

    event_types: frozenset[str]
    node_types: frozenset[str]
    entity_types: frozenset[str]
    roles: frozenset[str]
    object_properties: dict[str, str | None]
    datatype_properties: dict[str, str | None]
    individuals: dict[str, frozenset[str]]
    class_codes: dict[str, dict[URIRef, Any]]


def _local(term: Any) -> str:
    return str(term).rsplit("#", 1)[-1]


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    onto = Graph().parse(str(resources.files("dkg.ontology") / "dkg.ttl"), format="turtle")
    ns = str(DKG)

    def below(top: URIRef, prop: URIRef) -> set[URIRef]:
        out, todo = set(), [top]
        while todo:
            for sub in onto.subjects(prop, todo.pop()):
                if sub not in out:
                    out.add(sub)
                    todo.append(sub)
        return out

    events = {_local(c) for c in below(DKG.Event, RDFS.subClassOf)}
    entities = {_local(c) for c in below(DKG.Actor, RDFS.subClassOf) | below(DKG.Place, RDFS.subClassOf)}
    entities |= {"Actor", "Place"}
    roles = {_local(p) for p in below(DKG.involves, RDFS.subPropertyOf) if str(p).startswith(ns)}
    objs = {_local(p): (str(onto.value(p, RDFS.range)) if onto.value(p, RDFS.range) else None)
            for p in onto.subjects(RDF.type, OWL.ObjectProperty) if str(p).startswith(ns)}  # fmt: skip
    dts = {_local(p): (str(onto.value(p, RDFS.range)) if onto.value(p, RDFS.range) else None)
           for p in onto.subjects(RDF.type, OWL.DatatypeProperty) if str(p).startswith(ns)}  # fmt: skip
    individuals: dict[str, set[str]] = {}
    for ind in onto.subjects(RDF.type, OWL.NamedIndividual):
        if str(ind).startswith(ns):
            for cls in onto.objects(ind, RDF.type):
                if cls != OWL.NamedIndividual:
                    individuals.setdefault(str(cls), set()).add(_local(ind))
    concepts = set().union(*individuals.values())
    individuals[str(SKOS.Concept)] = concepts
    codes = {}
    for name in events:
        cls = DKG[name]
        codes[name] = {p: onto.value(cls, p) for p in (DKG.cameoCode, DKG.ploverType, DKG.quadClass, DKG.goldstein)
                       if onto.value(cls, p) is not None}  # fmt: skip
    return _Vocabulary(
        event_types=frozenset(events),
        node_types=frozenset(events | {"DraftResolution"}),
        entity_types=frozenset(entities),
        roles=frozenset(roles),
        object_properties=objs,
        datatype_properties=dts,
        individuals={k: frozenset(v) for k, v in individuals.items()},
        class_codes=codes,
    )


def _camel(value: str) -> str:
    """'war-crimes' / 'war crimes' -> 'WarCrimes'; 'WarCrimes' stays."""
    if re.fullmatch(r"[A-Z][A-Za-z0-9]*", value):
        return value
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[\s_-]+", value.strip()) if part)


def as_list(value: Any) -> list[Any]:
    """A fact-sheet value that may be one item or a list (roles, aliases, entities), as a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _parse_date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise FactSheetError(f"{where}: malformed date {value!r} (expected YYYY-MM-DD)") from None


def _parse_month(value: Any, where: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{4})-(\d{2})", str(value).strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise FactSheetError(f"{where}: malformed month {value!r} (expected YYYY-MM)")
    return int(m.group(1)), int(m.group(2))


class _Compiler:
    """Compiles one sheet; keeps the sheet-level entities and the facts' IRIs."""

    def __init__(self, sheet: dict[str, Any], base: str, text: str | None, base_dir: Path | None) -> None:
        self.vocab = _vocabulary()
        self.base = base
        if not isinstance(sheet, dict):
            raise FactSheetError("a fact sheet is a mapping with 'article', 'facts' and optionally 'entities'")
        unknown = set(sheet) - {"article", "entities", "facts", "extractor"}
        if unknown:
            raise FactSheetError(f"unknown top-level keys {sorted(unknown)}")
        self.sheet = sheet
        self.article = self._article(sheet.get("article") or {}, text, base_dir)
        extractor = sheet.get("extractor")
        if isinstance(extractor, dict):
            extractor = " ".join(str(extractor[k]) for k in ("name", "version") if extractor.get(k))
        self.extractor: str | None = str(extractor) if extractor else None
        self.entities: dict[str, dict[str, Any]] = {}
        for raw in as_list(sheet.get("entities")):
            self._entity(raw)
        self._entity_iris = {base + eid: eid for eid in self.entities}
        self._entity_cache: dict[str, list[Triple]] = {}
        facts = sheet.get("facts")
        if not isinstance(facts, list) or not facts:
            raise FactSheetError("'facts' must be a non-empty list")
        self.facts = facts
        self.fact_types: dict[str, str] = {}
        for i, fact in enumerate(facts):
            if not isinstance(fact, dict):
                raise FactSheetError(f"fact #{i + 1}: expected a mapping, got {fact!r}")
            fid = str(fact.get("id") or "")
            if not fid:
                raise FactSheetError(f"fact #{i + 1}: 'id' is required")
            ftype = str(fact.get("type") or "")
            if ftype not in self.vocab.node_types:
                raise FactSheetError(
                    f"fact {fid}: unknown type {fact.get('type')!r} (expected an event class such as Veto, "
                    f"Referral, Meeting, or DraftResolution)"
                )
            path = self._fact_path(fid, ftype)
            if path in self.fact_types:
                raise FactSheetError(f"fact {fid}: duplicate id")
            self.fact_types[path] = ftype

    # --- article and entities ------------------------------------------------------------------------------
    def _article(self, raw: dict[str, Any], text: str | None, base_dir: Path | None) -> ArticleRecord:
        if not isinstance(raw, dict):
            raise FactSheetError("article: expected a mapping (title, url, published, text_file or text)")
        unknown = set(raw) - {"title", "url", "published", "text_file", "text"}
        if unknown:
            raise FactSheetError(f"article: unknown keys {sorted(unknown)}")
        if text is None:
            if raw.get("text") is not None:
                text = str(raw["text"])
            elif raw.get("text_file"):
                if base_dir is None:
                    raise FactSheetError("article.text_file: no directory to resolve it against (pass base_dir)")
                path = Path(base_dir) / str(raw["text_file"])
                try:
                    text = path.read_text(encoding="utf-8")
                except OSError as exc:
                    raise FactSheetError(f"article.text_file: cannot read {path}: {exc}") from exc
            else:
                raise FactSheetError("article: give the text (text: or text_file:)")
        published = _parse_date(raw["published"], "article.published") if raw.get("published") else None
        url = str(raw["url"]) if raw.get("url") else None
        if url and not re.match(r"^https?://\S+$", url):
            raise FactSheetError(f"article.url: not an http(s) URL: {url!r}")
        return ArticleRecord(text=text, title=raw.get("title"), url=url, published=published)

    def _entity(self, raw: Any) -> None:
        if not isinstance(raw, dict) or not raw.get("id"):
            raise FactSheetError(f"entities: every entity needs an id: {raw!r}")
        eid = str(raw["id"])
        unknown = set(raw) - ENTITY_KEYS
        if unknown:
            raise FactSheetError(f"entity {eid}: unknown keys {sorted(unknown)}")
        etype = TYPE_ALIASES.get(str(raw.get("type")), str(raw.get("type")))
        if etype not in self.vocab.entity_types:
            raise FactSheetError(f"entity {eid}: unknown type {raw.get('type')!r} (expected an actor or place class)")
        if "/" not in eid:
            eid = f"{'place' if etype in PLACE_TYPES else 'actor'}/{eid}"
        if not PATH.match(eid):
            raise FactSheetError(f"entity {eid}: id must be a lower-case path such as place/said-aleppo")
        if not raw.get("label"):
            raise FactSheetError(f"entity {eid}: 'label' is required")
        if raw.get("wikidata") and not re.fullmatch(r"Q[1-9][0-9]*", str(raw["wikidata"])):
            raise FactSheetError(f"entity {eid}: wikidata must be a Q-id, got {raw['wikidata']!r}")
        self.entities[eid] = {**raw, "id": eid, "type": etype}

    def _entity_graph(self, eid: str) -> FactGraph:
        return FactGraph(self._entity_triples(eid))

    def _entity_triples(self, eid: str) -> list[Triple]:
        """The triples describing a sheet entity (computed once per sheet: facts mention the same entities)."""
        known = self._entity_cache.get(eid)
        if known is not None:
            return known
        raw = self.entities[eid]
        s = URIRef(self.base + eid)
        out: list[Triple] = [(s, _TYPE, _dkg(raw["type"])), (s, _LABEL, Literal(str(raw["label"]), lang="en"))]
        for alias in as_list(raw.get("aliases")):
            out.append((s, _ALT_LABEL, Literal(str(alias), lang="en")))
        if raw.get("description"):
            out.append((s, _COMMENT, Literal(str(raw["description"]), lang="en")))
        if raw.get("wikidata"):
            out.append((s, _SAME_AS, WD[str(raw["wikidata"])]))
        kind = "place" if raw["type"] in PLACE_TYPES else "actor"
        if raw.get("part_of"):
            out.append((s, _PART_OF, self._entity_ref(raw["part_of"], f"entity {eid}", "part_of", kind)))
        if raw.get("forces_of"):
            out.append((s, _FORCES_OF, self._entity_ref(raw["forces_of"], f"entity {eid}", "forces_of", "actor")))
        for other in as_list(raw.get("allied_with")):
            out.append((s, _ALLIED_WITH, self._entity_ref(other, f"entity {eid}", "allied_with", "actor")))
        self._entity_cache[eid] = out
        return out

    def _entity_ref(self, value: Any, where: str, key: str, kind: str | None) -> URIRef:
        text = str(value).strip()
        if text.startswith(("http://", "https://")):
            return URIRef(text)
        if text in self.entities:
            return URIRef(self.base + text)
        for prefix in ("actor/", "place/") if kind is None else (f"{kind}/", "actor/", "place/"):
            if "/" not in text and f"{prefix}{text}" in self.entities:
                return URIRef(self.base + prefix + text)
        found = resolve(text, kind=kind) if kind else resolve(text)
        if found is None and kind:
            found = resolve(text)
        if found is None or ("/" in text and found.id != text):
            raise FactSheetError(f"{where}: {key}: unknown entity {text!r} (not in the gazetteer or the sheet)")
        return URIRef(self.base + found.id)

    # --- facts ---------------------------------------------------------------------------------------------
    def _fact_path(self, fid: str, ftype: str) -> str:
        if "/" in fid:
            if not PATH.match(fid):
                raise FactSheetError(f"fact {fid}: id must be a lower-case slug or path")
            return fid
        if not SLUG.match(fid):
            raise FactSheetError(f"fact {fid}: id must be a lower-case slug (words joined by '-')")
        collection = {"DraftResolution": "resolution", "Vote": "vote"}.get(ftype, "event")
        return f"{collection}/{fid}"

    def _role_value(self, role: str, value: Any, where: str) -> URIRef:
        text = str(value).strip()
        if not text:
            raise FactSheetError(f"{where}: {role}: empty value")
        if text.startswith(("http://", "https://")):
            return URIRef(text)
        if role in ("topic", "demands"):
            name = _camel(text.removeprefix("dkg:"))
            if name not in self.vocab.individuals.get(_CONCEPT, ()):
                raise FactSheetError(
                    f"{where}: {role}: unknown topic {text!r} (a concept of the ontology, e.g. WarCrimes)"
                )
            return _dkg(name)
        collections = {"resolution": "resolution", "vote": "vote", "about": "event", "relatedEvent": "event"}
        if role in collections:
            path = text if "/" in text else f"{collections[role]}/{text}"
            if not PATH.match(path):
                raise FactSheetError(f"{where}: {role}: malformed reference {text!r}")
            return URIRef(self.base + path)
        if "/" in text and not text.startswith(("actor/", "place/")):
            if not PATH.match(text):
                raise FactSheetError(f"{where}: {role}: malformed reference {text!r}")
            return URIRef(self.base + text)
        return self._entity_ref(text, where, role, "place" if role == "place" else "actor")

    def _property(self, g: FactGraph, s: URIRef, key: str, value: Any, where: str) -> None:
        vocab = self.vocab
        if key in vocab.roles:
            for v in as_list(value):
                g.add((s, _dkg(key), self._role_value(key, v, where)))
            return
        if key in vocab.object_properties:
            rng = vocab.object_properties[key]
            for v in as_list(value):
                if rng in vocab.individuals and rng != _CONCEPT or key == "demands":
                    name = _camel(str(v).removeprefix("dkg:"))
                    allowed = vocab.individuals.get(rng or "", vocab.individuals[_CONCEPT])
                    if key == "demands":
                        allowed = vocab.individuals[_CONCEPT]
                    if name not in allowed:
                        raise FactSheetError(
                            f"{where}: properties.{key}: unknown value {v!r} (one of {sorted(allowed)})"
                        )
                    g.add((s, _dkg(key), _dkg(name)))
                else:
                    g.add((s, _dkg(key), self._role_value(key, v, where)))
            return
        if key in vocab.datatype_properties:
            for v in as_list(value):
                g.add((s, _dkg(key), self._literal(key, vocab.datatype_properties[key], v, where)))
            return
        raise FactSheetError(f"{where}: unknown property {key!r} (not a role or property of the ontology)")

    def _literal(self, key: str, rng: str | None, v: Any, where: str) -> Literal:
        bad = FactSheetError(f"{where}: properties.{key}: {v!r} is not a valid {(rng or 'value').rsplit('#', 1)[-1]}")
        if rng == _XSD_INTEGER:
            if isinstance(v, bool) or not isinstance(v, int):
                raise bad
            return Literal(v, datatype=_INTEGER)
        if rng == _XSD_BOOLEAN:
            if not isinstance(v, bool):
                raise bad
            return Literal(v)
        if rng == _XSD_DECIMAL:
            try:
                return Literal(Decimal(str(v)), datatype=_DECIMAL)
            except InvalidOperation:
                raise bad from None
        if rng == _XSD_DATE:
            return _day(_parse_date(v, f"{where}: properties.{key}"))
        if rng == _XSD_STRING:
            if not isinstance(v, str):
                raise bad
            return Literal(v)
        if isinstance(v, bool | int):
            return Literal(v)
        if isinstance(v, date):
            return _day(v)
        return Literal(str(v), lang="en") if rng is None else Literal(str(v))

    def _time(self, g: FactGraph, s: URIRef, fact: dict[str, Any], where: str, is_event: bool,
              modality: str) -> None:  # fmt: skip
        keys = [k for k in ("date", "month", "since", "relative") if fact.get(k) is not None]
        if len(keys) > 1:
            raise FactSheetError(f"{where}: give one of date, month, since, relative (got {keys})")
        anchor = self.article.published
        # a draft resolution carries its source's publication date too: matching places an undated draft there
        if anchor and (is_event or keys or fact.get("type") == "DraftResolution"):
            g.add((s, _DATE_ANCHOR, _day(anchor)))
        key = keys[0] if keys else None
        if key == "date":
            d = _day(_parse_date(fact["date"], f"{where}: date"))
            g.add((s, _DATE, d))
            g.add((s, _VALID_FROM, d))
            g.add((s, _VALID_TO, d))
            g.add((s, _PRECISION, _DAY_PRECISION))
        elif key == "month":
            year, month = _parse_month(fact["month"], f"{where}: month")
            g.add((s, _MONTH, Literal(f"{year:04d}-{month:02d}", datatype=_YEAR_MONTH)))
            g.add((s, _VALID_FROM, _day(date(year, month, 1))))
            g.add((s, _VALID_TO, _day(date(year, month, calendar.monthrange(year, month)[1]))))
            g.add((s, _PRECISION, _MONTH_PRECISION))
        elif key == "since":
            d = _day(_parse_date(fact["since"], f"{where}: since"))
            g.add((s, _SINCE, d))
            g.add((s, _VALID_FROM, d))
            g.add((s, _PRECISION, _OPEN_INTERVAL))
        elif is_event:
            if key == "relative":
                g.add((s, _RELATIVE, Literal(str(fact["relative"]))))
            g.add((s, _PRECISION, _RELATIVE_PRECISION if key else _UNDATED))
            if anchor:
                bound = _VALID_FROM if modality in FUTURE_MODALITIES else _VALID_TO
                g.add((s, bound, _day(anchor)))

    def _codes(self, g: FactGraph, s: URIRef, ftype: str, fact: dict[str, Any], where: str) -> None:
        if fact.get("cameo") is not None:
            facts = _cameo_facts(str(fact["cameo"]).removeprefix("cameo:"))
            if facts is None:
                raise FactSheetError(f"{where}: cameo: unknown CAMEO code {fact['cameo']!r}")
            for p, o in facts:
                g.add((s, p, o))
            return
        for prop, value in self.vocab.class_codes.get(ftype, {}).items():
            g.add((s, prop, value))

    def _evidence(self, raw: Any, where: str) -> list[Evidence]:
        items = as_list(raw)
        if not items:
            raise FactSheetError(f"{where}: evidence: at least one quote from the article is required")
        out = []
        for item in items:
            if isinstance(item, str):
                item = {"quote": item}
            if not isinstance(item, dict) or not isinstance(item.get("quote"), str) or not item["quote"].strip():
                raise FactSheetError(f"{where}: evidence: each entry needs a non-empty quote: {item!r}")
            start = item.get("start")
            if start is not None and (isinstance(start, bool) or not isinstance(start, int)):
                raise FactSheetError(f"{where}: evidence: start must be a character offset, got {start!r}")
            try:
                out.append(Evidence.locate(self.article.text, item["quote"], start))
            except ValueError:
                at = f" at offset {start}" if start is not None else ""
                raise FactSheetError(f"{where}: evidence: quote not found in the article text{at}: "
                                     f"{item['quote']!r}") from None  # fmt: skip
        return out

    def _mentioned_entities(self, g: Graph | FactGraph) -> set[str]:
        iris = self._entity_iris
        if not iris:
            return set()
        return {iris[iri] for _s, _p, o in g if isinstance(o, URIRef) and (iri := str(o)) in iris}

    def compile_fact(self, fact: dict[str, Any]) -> AssertionDraft:
        vocab = self.vocab
        fid, ftype = str(fact["id"]), str(fact["type"])
        where = f"fact {fid}"
        is_event = ftype in vocab.event_types
        unknown = set(fact) - FACT_KEYS - vocab.roles
        if unknown:
            extra = sorted(unknown)
            hint = [k for k in extra if k in vocab.object_properties or k in vocab.datatype_properties]
            note = f" ({hint} are properties: put them under 'properties')" if hint else ""
            raise FactSheetError(f"{where}: unknown role or key {extra}{note}")
        s = URIRef(self.base + self._fact_path(fid, ftype))
        g = FactGraph()
        g.add((s, _TYPE, _dkg(ftype)))
        if fact.get("label"):
            g.add((s, _LABEL, Literal(str(fact["label"]), lang="en")))
        modality = str(fact.get("modality") or "").lower()
        if is_event and modality not in MODALITIES:
            raise FactSheetError(
                f"{where}: modality: expected one of {sorted(MODALITIES)}, got {fact.get('modality')!r}"
            )
        if modality:
            if modality not in MODALITIES:
                raise FactSheetError(f"{where}: modality: expected one of {sorted(MODALITIES)}")
            g.add((s, _MODALITY, _dkg(MODALITIES[modality])))
        for role in sorted(set(fact) & vocab.roles):
            for v in as_list(fact[role]):
                g.add((s, _dkg(role), self._role_value(role, v, where)))
        props = fact.get("properties") or {}
        if not isinstance(props, dict):
            raise FactSheetError(f"{where}: properties: expected a mapping of property names to values")
        for key, value in props.items():
            self._property(g, s, str(key), value, where)
        if fact.get("negated") is not None:
            if not isinstance(fact["negated"], bool):
                raise FactSheetError(f"{where}: negated: expected true or false")
            g.add((s, _NEGATED, Literal(fact["negated"])))
        subjects = [str(s)]
        for i, part in enumerate(as_list(fact.get("breakdown")), start=1):
            if ftype != "CasualtyReport":
                raise FactSheetError(f"{where}: breakdown is only allowed on a CasualtyReport")
            if not isinstance(part, dict):
                raise FactSheetError(f"{where}: breakdown #{i}: expected a mapping (casualtyCount, victimCategory)")
            node = URIRef(f"{s}/breakdown/{i}")
            g.add((s, _BREAKDOWN, node))
            g.add((node, _TYPE, _CASUALTY_COUNT))
            for key, value in part.items():
                self._property(g, node, str(key), value, f"{where}: breakdown #{i}")
            subjects.append(str(node))
        if ftype == "VotePosition":
            vote, member, position = g.value(s, _VOTE), g.value(s, _AGENT), g.value(s, _POSITION)
            if vote is not None and member is not None and position in _VOTE_SHORTCUT:
                g.add((vote, _VOTE_SHORTCUT[position], member))
                subjects.append(str(vote))
        if is_event:
            self._codes(g, s, ftype, fact, where)
        elif fact.get("cameo") is not None:
            raise FactSheetError(f"{where}: cameo: only events carry CAMEO codes")
        self._time(g, s, fact, where, is_event, modality)
        for eid in sorted(self._mentioned_entities(g)):
            g += self._entity_triples(eid)
            subjects.append(self.base + eid)
        confidence = fact.get("confidence")
        if confidence is not None and (isinstance(confidence, bool) or not isinstance(confidence, int | float)
                                       or not 0 <= confidence <= 1):  # fmt: skip
            raise FactSheetError(f"{where}: confidence: expected a number between 0 and 1, got {confidence!r}")
        extractor = fact.get("extractor") or self.extractor
        return AssertionDraft(
            facts=g,
            evidence=self._evidence(fact.get("evidence"), where),
            confidence=float(confidence) if confidence is not None else (None if extractor else 1.0),
            method="extraction" if extractor else "manual",
            extractor=str(extractor) if extractor else None,
            label=fid,
            subjects=subjects,
        )

    def compile(self) -> CompiledSheet:
        drafts = [self.compile_fact(f) for f in self.facts]
        evidenced = [eid for eid, raw in self.entities.items() if raw.get("evidence") is not None]
        used = set().union(*(self._mentioned_entities(d.facts) for d in drafts)) if evidenced else set()
        for eid in evidenced:
            raw = self.entities[eid]
            if eid not in used:
                drafts.append(AssertionDraft(
                    facts=self._entity_graph(eid),
                    evidence=self._evidence(raw["evidence"], f"entity {eid}"),
                    confidence=None if self.extractor else 1.0,
                    method="extraction" if self.extractor else "manual",
                    extractor=self.extractor,
                    label=eid,
                    subjects=[self.base + eid],
                ))  # fmt: skip
        return CompiledSheet(article=self.article, assertions=drafts)


@lru_cache(maxsize=1024)
def _cameo_facts(notation: str) -> tuple[tuple[URIRef, URIRef | Literal], ...] | None:
    """The (predicate, object) pairs a CAMEO code puts on an event (None: no such code)."""
    code = cameo_code(notation)
    if code is None:
        return None
    out: list[tuple[URIRef, URIRef | Literal]] = [
        (_CAMEO_CODE, cameo_iri(code.code)),
        (_QUAD_CLASS, Literal(code.quad_class, datatype=_INTEGER)),
    ]
    if code.goldstein is not None:
        out.append((_GOLDSTEIN, Literal(Decimal(str(code.goldstein)), datatype=_DECIMAL)))
    if code.plover:
        out.append((_PLOVER_TYPE, plover_iri(code.plover[0])))
    return tuple(out)


def compile_sheet(
    sheet: dict[str, Any], *, base: str = DEFAULT_BASE, text: str | None = None, base_dir: Path | None = None
) -> CompiledSheet:
    """Validate a fact sheet (dict) and compile it: one AssertionDraft per fact; FactSheetError if malformed."""
    return _Compiler(sheet, base, text, base_dir).compile()


def load_sheet(path: str | Path, *, base: str = DEFAULT_BASE) -> CompiledSheet:
    """Read a YAML fact sheet (its text_file relative to the YAML file) and compile it."""
    path = Path(path)
    try:
        sheet = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FactSheetError(f"cannot read {path}: {exc}") from exc
    except (yaml.YAMLError, ValueError) as exc:  # PyYAML raises ValueError for impossible dates
        raise FactSheetError(f"{path.name}: not valid YAML (or a malformed date): {exc}") from exc
    return compile_sheet(sheet, base=base, base_dir=path.parent)


def fact_types() -> Iterable[str]:
    """The fact types a sheet may use (event classes and DraftResolution)."""
    return sorted(_vocabulary().node_types)
