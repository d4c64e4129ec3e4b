"""Mention detection and entity linking against the shipped gazetteer.

A :class:`Lexicon` is built from every ``gazetteer*.yaml`` in ``dkg.reference`` (the curated seed gazetteer and
the world gazetteer) plus the extractor's own alias table (:data:`EXTRA_ALIASES`). :func:`find_mentions` returns
the actor and place mentions of a parsed document, each linked to the IRI path the curated data uses
(``actor/russia``, ``place/aleppo``):

* names and aliases of states, people, organisations, armed groups and places;
* demonyms: "the French" -> France, "Russian forces" -> the Russian armed forces, "Syrian forces" -> the Syrian
  government forces, "Russian-backed" -> a supporter mention;
* capitals used as metonyms: "Moscow said" -> Russia (a capital after a locative preposition stays a place);
* titles in context: "the Turkish President" -> the office holder on the publication date,
  "his Russian counterpart" -> the holder of the same office as the person mentioned before;
* armed groups named generically ("rebels", "pro-government armed groups", "government forces", "opposition"),
  scoped to the article's conflict country;
* light coreference: "the city" -> the last city mentioned, "the two sides" -> the last two actors.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from dkg.extraction.pipeline import doc_text, get_nlp
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

ACTOR_KINDS = {"State", "Person", "Organization", "Organisation", "Organ", "OrganisationOrgan",
               "IntergovernmentalOrganisation", "Court", "ArmedGroup", "Office", "ArmedForces", "MilitaryForce",
               "Government", "Actor", "Group", "IGO", "Coalition"}  # fmt: skip
PLACE_KINDS = {"Place", "Country", "City", "District", "Region", "Town", "Village", "Territory", "Area",
               "Province", "Governorate", "Neighbourhood", "Neighborhood"}  # fmt: skip

# Aliases the extractor adds to ids of the curated gazetteer (never redefining those ids).
EXTRA_ALIASES: dict[str, list[str]] = {
    "actor/vladimir-putin": ["Putin", "Vladimir Putin", "Vladimir Vladimirovich Putin"],
    "actor/francois-hollande": ["Hollande", "François Hollande", "Francois Hollande"],
    "actor/recep-tayyip-erdogan": ["Erdogan", "Erdoğan", "Recep Tayyip Erdogan", "Recep Tayyip Erdoğan",
                                   "Tayyip Erdogan"],
    "actor/united-nations": ["UN", "U.N.", "United Nations", "the world body", "world body"],  # journalese
    "actor/un-security-council": ["UN Security Council", "U.N. Security Council", "Security Council", "UNSC"],
    "actor/international-criminal-court": ["International Criminal Court", "ICC"],
    "actor/france": ["France", "Elysee", "Élysée", "Elysee Palace", "Élysée Palace", "Quai d'Orsay"],
    "actor/russia": ["Russia", "Russian Federation", "Kremlin"],
    # seats of government used as metonyms ("the Kremlin said", "the White House warned")
    "actor/united-states": ["White House", "Pentagon", "State Department"],
    "actor/united-kingdom": ["Downing Street", "Foreign Office", "Whitehall"],
    "actor/syria": ["Syria"], "actor/turkey": ["Turkey"], "actor/china": ["China"],
    "place/aleppo": ["Aleppo"], "place/paris": ["Paris"], "place/said-aleppo": ["Said"],
    "place/middle-east": ["Middle East", "middle-east", "Middle-East", "middle east"],
}  # fmt: skip

EXTRA_KINDS: dict[str, str] = {
    "actor/vladimir-putin": "Person", "actor/francois-hollande": "Person", "actor/recep-tayyip-erdogan": "Person",
    "actor/france": "State", "actor/russia": "State", "actor/syria": "State", "actor/turkey": "State",
    "actor/china": "State", "actor/united-nations": "IntergovernmentalOrganisation",
    "actor/un-security-council": "OrganisationOrgan",
    "actor/international-criminal-court": "Court", "place/said-aleppo": "District", "place/middle-east": "Region",
}  # fmt: skip
# Demonyms, capitals and containment of curated ids, used when the curated gazetteer does not give them.
EXTRA_FACTS: dict[str, dict[str, Any]] = {
    "actor/france": {"demonyms": ["French"], "capital": "place/paris", "territory": "place/france"},
    "actor/russia": {"demonyms": ["Russian"], "capital": "place/moscow", "territory": "place/russia"},
    "actor/syria": {"demonyms": ["Syrian"], "capital": "place/damascus", "territory": "place/syria"},
    "actor/turkey": {"demonyms": ["Turkish"], "capital": "place/ankara", "territory": "place/turkey"},
    "actor/china": {"demonyms": ["Chinese"], "capital": "place/beijing", "territory": "place/china"},
    "place/paris": {"capital_of": "actor/france", "part_of": "place/france"},
    "place/aleppo": {"part_of": "place/syria"},
    "place/said-aleppo": {"part_of": "place/aleppo"},
}  # fmt: skip

# Office holders of the curated gazetteer's people (their ids are defined there; offices are added here).
EXTRA_OFFICES: list[dict[str, str]] = [
    {"person": "actor/vladimir-putin", "role": "head_of_state", "of": "actor/russia", "from": "2012-05-07"},
    {"person": "actor/francois-hollande", "role": "head_of_state", "of": "actor/france", "from": "2012-05-15",
     "to": "2017-05-14"},
    {"person": "actor/recep-tayyip-erdogan", "role": "head_of_state", "of": "actor/turkey", "from": "2014-08-28"},
]  # fmt: skip

# "in eastern Ukraine": a direction adjective between a locative word and the country it names
REGION_WORDS = frozenset({"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
                          "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
                          "south-western"})  # fmt: skip

# Words of the article that are ambiguous as place names: linked only after a locative cue.
AMBIGUOUS_PLACES = {"Said", "Nice", "Split", "Reading", "Mobile", "Victoria"}

# Verbs after which an ambiguous place name is a place ("captured Said").
TAKE_VERBS = {"captured", "seized", "took", "retook", "recaptured", "shelled", "bombed", "attacked", "entered",
              "stormed", "overran", "besieged", "hit", "struck", "pounded", "liberated", "lost"}  # fmt: skip

TITLE_ROLES: dict[str, str] = {
    "president": "head_of_state", "king": "head_of_state", "queen": "head_of_state", "emir": "head_of_state",
    "supreme leader": "head_of_state", "leader": "head_of_state", "head of state": "head_of_state",
    "prime minister": "head_of_government", "premier": "head_of_government", "chancellor": "head_of_government",
    "pm": "head_of_government",
    "foreign minister": "foreign_minister", "foreign secretary": "foreign_minister",
    "secretary of state": "foreign_minister", "minister of foreign affairs": "foreign_minister",
    "top diplomat": "foreign_minister", "secretary-general": "secretary_general",
    "secretary general": "secretary_general",
}  # fmt: skip

# Organisations whose office holders are named by the organisation and a title ("the UN Secretary-General")
UN_ID = "actor/united-nations"
ORG_KINDS = {"IntergovernmentalOrganisation", "Organization", "Organisation", "IGO"}

# States whose president heads the government under another head of state (Iran's Supreme Leader).
PRESIDENT_HEADS_GOVERNMENT = {"actor/iran"}

FORCE_NOUNS = {"force", "forces", "troops", "troop", "army", "military", "soldiers", "soldier", "jets", "jet", "tanks",
               "tank", "navy", "gunboats", "drones", "warplanes", "warplane", "aircraft", "bombers", "planes",
               "air force", "artillery", "helicopters", "units", "armed forces", "government forces",
               "regime forces", "gunships", "howitzers", "howitzer", "warships", "warship", "frigates", "frigate",
               "submarines", "submarine", "bomber", "drone", "helicopter", "gunship"}  # fmt: skip
# a model designation between a demonym and its force noun ("Su-24", "MiG-29", "F-16", "Tu-22M3")
AIRCRAFT_MODEL = re.compile(r"[A-Z][A-Za-z]{0,3}-\d+[A-Za-z0-9]*$")
# two-word heads of a demonym that name its armed forces ("Russian air power": the aircraft of its forces)
FORCE_HEADS2 = {"armed forces", "government forces", "regime forces", "air force", "air power", "airpower",
                "air forces", "naval forces", "ground forces", "ground troops", "special forces",
                "government troops", "government soldiers", "regime troops", "regime soldiers"}  # fmt: skip
# heads that name the government's (not any) armed forces of the demonym's state ("South Sudanese government troops")
GOVERNMENT_HEADS2 = {"government forces", "regime forces", "government troops", "government soldiers",
                     "regime troops", "regime soldiers"}  # fmt: skip
STATE_NOUNS = {"government", "authorities", "officials", "official", "diplomats", "diplomat", "leaders",
               "leadership", "ministry", "delegation", "envoy", "ambassador", "side", "regime", "state",
               "administration", "people", "foreign ministry", "defence ministry", "defense ministry", "parliament",
               "lawmakers", "legislators", "senate", "cabinet"}  # fmt: skip
LOCATIVE = {"in", "at", "into", "to", "towards", "toward", "near", "from", "across", "around", "outside",
            "inside", "within", "of", "on", "over", "through", "throughout", "via", "visit", "district",
            "city", "town", "capital"}  # fmt: skip

# Armed groups named generically, scoped to the conflict country: phrase -> id template ({dem} = demonym slug).
GENERIC_GROUPS: list[tuple[str, str, str]] = [
    ("pro-government armed groups", "actor/pro-government-armed-groups", "Pro-government armed groups"),
    ("pro-government groups", "actor/pro-government-armed-groups", "Pro-government armed groups"),
    ("pro-government militias", "actor/pro-government-armed-groups", "Pro-government armed groups"),
    ("pro-government militia", "actor/pro-government-armed-groups", "Pro-government armed groups"),
    ("pro-government forces", "actor/pro-government-armed-groups", "Pro-government armed groups"),
    ("pro-government fighters", "actor/pro-government-armed-groups", "Pro-government armed groups"),
    ("pro-government militiamen", "actor/pro-government-armed-groups", "Pro-government armed groups"),
    # "government troops and allied militiamen", "militiamen loyal to Damascus", "Iranian-trained militiamen"
    ("allied militiamen", "actor/pro-government-armed-groups", "Pro-government armed groups"),
    ("allied militias", "actor/pro-government-armed-groups", "Pro-government armed groups"),
    ("allied militia", "actor/pro-government-armed-groups", "Pro-government armed groups"),
    ("militiamen loyal to", "actor/pro-government-armed-groups", "Pro-government armed groups"),
    ("militias loyal to", "actor/pro-government-armed-groups", "Pro-government armed groups"),
    ("militiamen", "actor/pro-government-armed-groups", "Pro-government armed groups"),
    ("government forces", "actor/{dem}-government-forces", "{Dem} government forces"),
    ("government troops", "actor/{dem}-government-forces", "{Dem} government forces"),
    ("regime forces", "actor/{dem}-government-forces", "{Dem} government forces"),
    ("army", "actor/{dem}-government-forces", "{Dem} government forces"),
    ("government", "{state}", ""),
    ("regime", "{state}", ""),
    ("rebel fighters", "actor/{dem}-rebels", "{Dem} rebels"),
    ("rebel groups", "actor/{dem}-rebels", "{Dem} rebels"),
    ("rebel factions", "actor/{dem}-rebels", "{Dem} rebels"),
    ("rebel brigades", "actor/{dem}-rebels", "{Dem} rebels"),
    ("opposition factions", "actor/{dem}-rebels", "{Dem} rebels"),
    ("insurgent groups", "actor/{dem}-rebels", "{Dem} rebels"),
    ("rebel forces", "actor/{dem}-rebels", "{Dem} rebels"),
    ("rebels", "actor/{dem}-rebels", "{Dem} rebels"),
    ("insurgents", "actor/{dem}-rebels", "{Dem} rebels"),
    ("opposition fighters", "actor/{dem}-rebels", "{Dem} rebels"),
    ("opposition forces", "actor/{dem}-rebels", "{Dem} rebels"),
    ("armed opposition", "actor/{dem}-rebels", "{Dem} rebels"),
    ("opposition groups", "actor/{dem}-rebels", "{Dem} rebels"),
    ("opposition", "actor/{dem}-rebels", "{Dem} rebels"),
]
# "government artillery", "regime warplanes", "rebel mortars": the weapon names the armed actor that uses it
GENERIC_GROUPS += [
    (f"{who} {noun}", tmpl, label)
    for who, tmpl, label in (("government", "actor/{dem}-government-forces", "{Dem} government forces"),
                             ("regime", "actor/{dem}-government-forces", "{Dem} government forces"),
                             ("rebel", "actor/{dem}-rebels", "{Dem} rebels"),
                             ("insurgent", "actor/{dem}-rebels", "{Dem} rebels"))
    for noun in ("artillery", "mortars", "rockets", "shells", "tanks", "guns", "howitzers", "soldiers", "jets",
                 "warplanes", "aircraft", "helicopters", "snipers", "units", "gunmen")
    if not (who in ("rebel", "insurgent") and noun in ("jets", "warplanes", "aircraft", "helicopters"))
]  # fmt: skip
# "the rebel attack", "a rebel counter-offensive", "rebel mortar rounds": an attack named by the rebels who make it
GENERIC_GROUPS += [
    (f"rebel {noun}", "actor/{dem}-rebels", "{Dem} rebels")
    for noun in ("attack", "attacks", "offensive", "offensives", "counter-offensive", "counteroffensive",
                 "counterattack", "counter-attack", "assault", "advance", "push", "shelling", "fire", "mortar",
                 "rocket", "bombardment", "ambush", "incursion")
]  # fmt: skip
# Forces named by a demonym: the Syrian conflict's own forces are the government forces.
FORCES_ID = "actor/{dem}-armed-forces"
CONFLICT_FORCES_ID = "actor/{dem}-government-forces"


def slugify(text: str) -> str:
    """Lower-case ASCII slug, words joined by '-' (the design's minting rule)."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


@dataclass
class Entry:
    """One gazetteer entity as the extractor needs it."""

    id: str
    kind: str
    label: str
    names: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capital: str | None = None
    territory: str | None = None
    part_of: str | None = None
    capital_of: str | None = None
    forces_of: str | None = None

    @property
    def is_place(self) -> bool:
        return self.id.startswith("place/") or self.kind in PLACE_KINDS


@dataclass(frozen=True)
class Office:
    """A person holding an office of a state or organisation over a period."""

    person: str
    role: str
    of: str
    start: date | None
    end: date | None

    def holds(self, on: date) -> bool:
        """True if the office is held on the given day."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


def _as_date(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, date):
        return v
    return date.fromisoformat(str(v))


def _walk_entities(node: Any) -> list[dict[str, Any]]:
    """Every mapping with an ``id`` key in a loaded YAML document (any nesting)."""
    out: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if "id" in node and isinstance(node["id"], str):
            out.append(node)
        for k, v in node.items():
            if k in ("offices", "positions"):
                continue
            if isinstance(v, list | dict):
                out.extend(_walk_entities(v))
    elif isinstance(node, list):
        for v in node:
            out.extend(_walk_entities(v))
    return out


def _strs(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    if isinstance(v, dict):
        return [x for vals in v.values() for x in _strs(vals)]
    return [str(x) for x in v if isinstance(x, str | int)]


def _norm_id(raw: str, kind: str) -> str:
    if "/" in raw:
        return raw
    return f"place/{raw}" if kind in PLACE_KINDS else f"actor/{raw}"


class Lexicon:
    """Entities, names, demonyms, capitals and offices from the shipped gazetteer files."""

    def __init__(self, documents: list[Any]) -> None:
        self.entries: dict[str, Entry] = {}
        self.offices: list[Office] = []
        for doc in documents:
            for raw in _walk_entities(doc):
                self._add(raw)
            for off in (doc.get("offices") or []) if isinstance(doc, dict) else []:
                self._add_office(off)
        self.shipped: frozenset[str] = frozenset(self.entries)  # ids the gazetteer files define
        for eid, names in EXTRA_ALIASES.items():
            if eid in self.entries:
                self.entries[eid].names.extend(n for n in names if n not in self.entries[eid].names)
            else:
                kind = EXTRA_KINDS.get(eid, "City" if eid.startswith("place/") else "Actor")
                self.entries[eid] = Entry(eid, kind, names[0], list(names))
        for eid, extra in EXTRA_FACTS.items():
            if eid in self.entries:
                entry = self.entries[eid]
                for key, val in extra.items():
                    if key == "demonyms":
                        entry.demonyms.extend(d for d in val if d not in entry.demonyms)
                    elif not getattr(entry, key):
                        setattr(entry, key, val)
        for off in EXTRA_OFFICES:
            if not any(o.person == off["person"] and o.role == off["role"] for o in self.offices):
                self._add_office(off)
        # states' demonyms, capitals and territories
        self.demonym_of: dict[str, str] = {}
        self.capital_of: dict[str, str] = {}
        for e in list(self.entries.values()):
            for d in e.demonyms:
                self.demonym_of.setdefault(d, e.id)
            if e.capital:
                self.capital_of[e.capital] = e.id
            if e.capital_of:
                self.capital_of[e.id] = e.capital_of
        for e in self.entries.values():
            if e.kind == "State" and not e.territory and f"place/{e.id.split('/', 1)[1]}" in self.entries:
                e.territory = f"place/{e.id.split('/', 1)[1]}"
        self.state_demonym: dict[str, str] = {}
        for dem, sid in self.demonym_of.items():
            self.state_demonym.setdefault(sid, dem)
        self.forces_by_state: dict[str, str] = {}  # a state's armed forces as the gazetteer defines them
        for e in self.entries.values():
            if e.kind == "ArmedForces" and e.forces_of:
                self.forces_by_state.setdefault(e.forces_of, e.id)

    def _add(self, raw: dict[str, Any]) -> None:
        kind = str(raw.get("type") or raw.get("class") or "Actor")
        eid = _norm_id(raw["id"], kind)
        label = str(raw.get("label") or raw.get("name") or eid.rsplit("/", 1)[1])
        names = [label, *_strs(raw.get("aliases")), *_strs(raw.get("alt_labels")), *_strs(raw.get("altLabels")),
                 *_strs(raw.get("names")), *_strs(raw.get("labels"))]  # fmt: skip
        entry = self.entries.get(eid)
        if entry is None:
            entry = Entry(eid, kind, label)
            self.entries[eid] = entry
        entry.names.extend(n for n in names if n and n not in entry.names)
        entry.demonyms.extend(d for d in _strs(raw.get("demonyms") or raw.get("demonym")) if d not in entry.demonyms)
        for key in ("capital", "territory", "part_of", "capital_of", "forces_of"):
            val = raw.get(key)
            if isinstance(val, str) and val:
                setattr(entry, key, val if "/" in val else _norm_id(val, "City" if key != "capital_of" else "State"))
        for pos in raw.get("positions") or []:
            self._add_office({"person": eid, **pos})

    def _add_office(self, off: dict[str, Any]) -> None:
        of = off.get("of")
        if not of:
            return
        self.offices.append(
            Office(
                _norm_id(str(off["person"]), "Person"),
                str(off["role"]),
                _norm_id(str(of), "State"),
                _as_date(off.get("from")),
                _as_date(off.get("to")),
            )
        )

    def holder(self, role: str, of: str, on: date | None) -> str | None:
        """The person holding `role` of `of` on the given day (the latest-starting one if several)."""
        cands = [o for o in self.offices if o.role == role and o.of == of and (on is None or o.holds(on))]
        if not cands:
            return None
        cands.sort(key=lambda o: (o.start or date.min, o.person))
        return cands[-1].person

    def roles_of(self, person: str, on: date | None) -> list[Office]:
        """Offices a person holds on the given day."""
        return [o for o in self.offices if o.person == person and (on is None or o.holds(on))]

    def territory(self, actor: str) -> str | None:
        """The place of a state (``actor/syria`` -> ``place/syria``), if known."""
        e = self.entries.get(actor)
        if e and e.territory:
            return e.territory
        guess = f"place/{actor.split('/', 1)[1]}"
        return guess if guess in self.entries else None

    def state_of_place(self, place: str) -> str | None:
        """The state whose territory contains a place (following part_of links)."""
        seen: set[str] = set()
        cur: str | None = place
        while cur and cur not in seen:
            seen.add(cur)
            for e in self.entries.values():
                if e.kind == "State" and self.territory(e.id) == cur:
                    return e.id
            entry = self.entries.get(cur)
            cur = entry.part_of if entry else None
        return None

    def stands_for(self, actor: str, on: date | None) -> set[str]:
        """The states an actor stands for: the state of armed forces, the state a person heads or represents."""
        out: set[str] = set()
        entry = self.entries.get(actor)
        if entry is not None and entry.forces_of:
            out.add(entry.forces_of)
        for office in self.roles_of(actor, on):
            if office.role in ("head_of_state", "head_of_government", "foreign_minister"):
                out.add(office.of)
        return out

    def label(self, eid: str) -> str:
        """The display label of an id (its slug if unknown)."""
        e = self.entries.get(eid)
        return e.label if e else eid.rsplit("/", 1)[1].replace("-", " ")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon of the shipped gazetteer files (``gazetteer.yaml`` first, then the others by name)."""
    ref = resources.files("dkg.reference")
    names = sorted(
        (p.name for p in ref.iterdir() if p.name.startswith("gazetteer") and p.name.endswith(".yaml")),
        key=lambda n: (n != "gazetteer.yaml", n),
    )
    docs = [yaml.safe_load((ref / n).read_text(encoding="utf-8")) for n in names]
    return Lexicon([d for d in docs if d])


@dataclass
class Mention:
    """A span of the document linked to an actor and/or a place."""

    start: int  # token index
    end: int  # token index, exclusive
    char_start: int
    char_end: int
    text: str
    actor: str | None = None
    place: str | None = None
    via: str = "name"  # name | demonym | capital | title | generic | coref | forces
    modifier: bool = False  # a demonym modifying a noun ("Russian advance"), not a full noun phrase
    backed: bool = False  # "<X>-backed": the actor supports the head it modifies
    group: tuple[str, ...] = ()  # several actors ("the two sides", "both the Syrian and Russian forces")
    group_places: tuple[str, ...] = ()  # the places of a coordinated group ("in Cuba and Vietnam")

    @property
    def actors(self) -> tuple[str, ...]:
        """All actors this mention stands for."""
        if self.group:
            return self.group
        return (self.actor,) if self.actor else ()


@dataclass
class _Matchers:
    names: PhraseMatcher
    generic: PhraseMatcher
    titles: PhraseMatcher
    keys: dict[str, tuple[str, tuple[str, ...]]]  # match label -> (kind, ids)


@lru_cache(maxsize=4)
def _matchers(lex_id: int) -> _Matchers:
    lex = _LEXICONS[lex_id]
    nlp = get_nlp()
    names = PhraseMatcher(nlp.vocab, attr="ORTH")
    keys: dict[str, tuple[str, tuple[str, ...]]] = {}
    by_phrase: dict[tuple[str, str], list[str]] = {}
    generic = {phrase for phrase, _t, _l in GENERIC_GROUPS}
    demonyms = set(lex.demonym_of)
    for e in lex.entries.values():
        for n in e.names:
            if n.lower() in generic or _is_demonym_force(n, demonyms):
                continue  # resolved in context by the generic-group and demonym rules, not as a fixed name
            by_phrase.setdefault(("N", n), []).append(e.id)
        for d in e.demonyms:
            by_phrase.setdefault(("D", d), []).append(e.id)
            if not d.endswith("s") and d[-1].islower():
                by_phrase.setdefault(("D", d + "s"), []).append(e.id)  # "Afghans"; "the French" stays as is
    for (kind, phrase), ids in sorted(by_phrase.items()):
        key = f"{kind}|{phrase}"
        keys[key] = (kind, tuple(dict.fromkeys(ids)))
        names.add(key, [nlp.make_doc(phrase)])
    generic = PhraseMatcher(nlp.vocab, attr="LOWER")
    for phrase, _tmpl, _label in GENERIC_GROUPS:
        generic.add(f"G|{phrase}", [nlp.make_doc(phrase)])
    titles = PhraseMatcher(nlp.vocab, attr="LOWER")
    for phrase in TITLE_ROLES:
        titles.add(f"T|{phrase}", [nlp.make_doc(phrase), nlp.make_doc(phrase + "s")])
    titles.add("T|counterpart", [nlp.make_doc("counterpart"), nlp.make_doc("counterparts")])
    return _Matchers(names, generic, titles, keys)


_LEXICONS: dict[int, Lexicon] = {}


def _lex_key(lex: Lexicon) -> int:
    _LEXICONS[id(lex)] = lex
    return id(lex)


def _is_demonym_force(name: str, demonyms: set[str]) -> bool:
    """ "Russian forces", "Syrian army": a demonym followed by a force noun."""
    first, _, rest = name.partition(" ")
    rest = rest.lower()
    return first in demonyms and (rest in FORCE_NOUNS or rest in ("armed forces", "air force", "government"))


def conflict_country(doc: Doc, lex: Lexicon, mentions: list[Mention]) -> str | None:
    """The state whose territory holds the most-mentioned city or district (capitals used as metonyms do not
    count), else the most-mentioned country named as a place ("in Yemen"); None if the text names no place."""
    places = Counter(
        m.place
        for m in mentions
        if m.place
        and (m.via != "capital" or _prev_word(doc, m.start) not in ("", ",", ".") or _hit_subject(doc, m.end))
        and lex.entries.get(m.place)
        and lex.entries[m.place].kind != "Country"
    )
    for place, _n in sorted(places.items(), key=lambda kv: (-kv[1], kv[0])):
        state = lex.state_of_place(place)
        if state:
            return state
    countries = Counter(
        m.actor
        for m in mentions
        if m.actor
        and m.place
        and _prev_word(doc, m.start, skip=REGION_WORDS) in LOCATIVE  # "in eastern Ukraine" too
        and lex.entries.get(m.actor, Entry("", "", "")).kind == "State"
    )
    return sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if countries else None


def _hit_subject(doc: Doc, end: int) -> bool:
    """True if the words after a name make it the passive subject of a military verb ("Damascus was shelled")."""
    words = [t.lower_ for t in doc[end : end + 3]]
    return (
        len(words) >= 2
        and words[0] in ("was", "were", "is", "are", "has", "had")
        and (words[1] in TAKE_VERBS or (words[1] == "been" and len(words) > 2 and words[2] in TAKE_VERBS))
    )


def _prev_word(doc: Doc, i: int, skip: frozenset[str] = frozenset()) -> str:
    j = i - 1
    while j >= 0 and (doc[j].is_space or doc[j].text in ("the", "The") or doc[j].lower_ in skip):
        j -= 1
    return doc[j].lower_ if j >= 0 else ""


TREATY_NOUNS = {"statute", "conventions"}
SEAT_OFFICES = {"government", "ministry", "authorities", "administration", "leadership", "regime", "presidency"}


def _office_in(doc: Doc, i: int) -> bool:
    """ "the foreign ministry in Damascus", "the government in Juba": the capital names the seat of that state."""
    return i >= 2 and doc[i - 1].lower_ == "in" and doc[i - 2].lower_ in SEAT_OFFICES


def find_mentions(doc: Doc, published: date | None, lex: Lexicon | None = None) -> tuple[list[Mention], dict[str, str]]:
    """Detect and link actor and place mentions; returns them (sorted, non-overlapping) and minted entities.

    The second value maps ids that the gazetteer does not define (generic armed groups of another conflict) to
    their labels, so the fact sheet can declare them.
    """
    lex = lex or load_lexicon()
    mt = _matchers(_lex_key(lex))
    raw: list[tuple[int, int, str, tuple[str, ...]]] = []  # (start, end, kind, values)
    for mid, s, e in mt.names(doc):
        kind, values = mt.keys[doc.vocab.strings[mid]]
        raw.append((s, e, kind, values))
    for mid, s, e in mt.generic(doc):
        raw.append((s, e, "G", (doc.vocab.strings[mid].split("|", 1)[1],)))
    for mid, s, e in mt.titles(doc):
        raw.append((s, e, "T", (doc.vocab.strings[mid].split("|", 1)[1],)))
    # longest match first, then leftmost
    kind_rank = {"N": 0, "G": 1, "T": 2, "D": 3}  # a name beats a demonym of the same span ("New Zealand")
    raw.sort(key=lambda r: (-(r[1] - r[0]), r[0], kind_rank.get(r[2], 9)))
    taken = [False] * len(doc)
    chosen: list[tuple[int, int, str, tuple[str, ...]]] = []
    for s, e, kind, value in raw:
        if any(taken[s:e]):
            continue
        if kind == "N" and doc[s:e].text in AMBIGUOUS_PLACES and _prev_word(doc, s) not in LOCATIVE | TAKE_VERBS:
            continue
        if kind == "N" and e < len(doc) and doc[e].lower_ in TREATY_NOUNS:
            continue  # "the Rome Statute", "the Geneva Conventions": a treaty named after a city, no place
        for i in range(s, e):
            taken[i] = True
        chosen.append((s, e, kind, value))
    chosen.sort()

    mentions: list[Mention] = []
    pending_titles: list[tuple[int, int, str]] = []
    for s, e, kind, values in chosen:
        span = doc[s:e]
        m = Mention(s, e, span.start_char, span.end_char, span.text)
        value = values[0]
        if kind == "N":
            actors = [v for v in values if not lex.entries[v].is_place]
            places = [v for v in values if lex.entries[v].is_place]
            if actors:
                m.actor = actors[0]
                m.place = places[0] if places else lex.territory(actors[0])
            elif places:
                m.place = places[0]
                state = _state_of_country(lex, places[0])
                if state and _prev_word(doc, s) not in LOCATIVE:
                    m.actor = state  # "Russia and the US failed to agree": a country's name used for its state
                elif places[0] in lex.capital_of:
                    m.actor = lex.capital_of[places[0]]
                    m.via = "capital"
                    if _prev_word(doc, s) in LOCATIVE and not _possessive(doc, e) and not _office_in(doc, s):
                        m.actor = None  # "talks in Moscow"; but "opposed to Moscow's role": the state
                        m.via = "name"
        elif kind == "D":
            m.actor = value
            m.via = "demonym"
            m.modifier = True
        elif kind == "G":
            m.via = "generic"
            m.actor = "G:" + value
        elif kind == "T":
            pending_titles.append((s, e, value))
            continue
        mentions.append(m)

    minted: dict[str, str] = {}
    conflict = conflict_country(doc, lex, mentions)
    dem = lex.state_demonym.get(conflict or "", "")
    dem_slug = slugify(dem) if dem else "unknown"
    _resolve_demonym_heads(doc, lex, mentions, dem_slug, conflict, minted)
    # "the Turkish army": the demonym took the head noun, whose generic reading ("army") is gone
    mentions[:] = [m for m in mentions if not (m.via == "generic" and any(
        o is not m and o.via != "generic" and o.start <= m.start and m.end <= o.end for o in mentions))]
    _resolve_generic(lex, mentions, dem, dem_slug, minted, conflict, doc)
    mentions[:] = [m for m in mentions if (m.actor or m.place or m.group) and not _holds_territory(doc, m.end)]
    _resolve_titles(doc, lex, mentions, pending_titles, published)
    _resolve_coref(doc, lex, mentions)
    _merge_coordination(doc, mentions)
    _capital_city_parts(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    return mentions, minted


# "near Mogadishu's port", "Damascus's eastern suburbs": a part of the city, so the capital is a place only
CITY_PARTS = {"port", "airport", "harbour", "harbor", "outskirts", "suburbs", "suburb", "centre", "center",
              "streets", "districts", "neighbourhoods", "neighborhoods", "outskirt", "seafront", "waterfront"}


def _capital_city_parts(doc: Doc, mentions: list[Mention]) -> None:
    """A capital before "'s" and a part of the city (one adjective may come between) names the city, not its
    government ("a bomb near Baghdad's airport" has no Iraqi perpetrator)."""
    for m in mentions:
        if m.via != "capital" or not m.place or not m.actor or m.end + 1 >= len(doc):
            continue
        if doc[m.end].text not in ("'s", "’s"):
            continue
        k = m.end + 1
        if doc[k].lower_ not in CITY_PARTS and k + 1 < len(doc) and doc[k].is_alpha and doc[k].is_lower:
            k += 1  # "Damascus's eastern suburbs"
        if doc[k].lower_ in CITY_PARTS:
            m.actor = None


def _ensure(lex: Lexicon, eid: str, label: str, minted: dict[str, str]) -> str:
    if eid not in lex.entries:
        minted[eid] = label
    return eid


def _resolve_demonym_heads(
    doc: Doc, lex: Lexicon, mentions: list[Mention], dem_slug: str, conflict: str | None, minted: dict[str, str]
) -> None:
    """Demonym + head noun: forces, state organs, "<X>-backed", plural demonyms as the people/state."""
    starts = {m.start: m for m in mentions}
    for m in list(mentions):
        if m.via != "demonym":
            continue
        j = m.end
        # "<Russian>-backed"
        if j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in ("backed", "supported", "led"):
            m.backed = doc[j + 1].lower_ != "led"
            continue
        if j < len(doc) and doc[j].lower_ in ("-backed",):
            m.backed = True
            continue
        if _made_or_era(doc, j):
            m.actor = None  # "its Soviet-era base", "Russian-made jets": no actor takes part
            continue
        if j < len(doc) and (doc[j].lower_ in TERRITORY_HEADS or doc[j].lower_ == "capital"):
            _as_territory(doc, lex, m)
            continue
        # coordinated demonyms share the head: "the Syrian and Russian forces"
        k = j
        while k < len(doc) and (doc[k].lower_ in ("and", ",", "or") or (k in starts and starts[k].via == "demonym")
                                or AIRCRAFT_MODEL.match(doc[k].text)):  # "Russian Su-24 and Su-34 bombers"
            k = starts[k].end if k in starts and starts[k].via == "demonym" else k + 1
        head1 = doc[k].lower_ if k < len(doc) else ""
        head2 = doc[k : k + 2].text.lower() if k + 1 < len(doc) else ""
        if head2 in FORCE_HEADS2 or head1 in FORCE_NOUNS:
            state = m.actor or ""
            sslug = slugify(lex.state_demonym.get(state, state.rsplit("/", 1)[-1]))
            if (state == conflict or head2 in GOVERNMENT_HEADS2) and (
                    CONFLICT_FORCES_ID.format(dem=sslug) in lex.entries or state not in lex.forces_by_state):
                fid = CONFLICT_FORCES_ID.format(dem=sslug)
                label = f"{lex.state_demonym.get(state, sslug).title()} government forces"
            elif state in lex.forces_by_state:  # "Syrian troops" in a text that names no place of the conflict
                fid = lex.forces_by_state[state]
                label = lex.entries[fid].label
            else:
                fid = FORCES_ID.format(dem=sslug)
                label = f"{lex.state_demonym.get(state, sslug).title()} armed forces"
            m.actor = _ensure(lex, fid, label, minted)
            if fid in minted and state in lex.entries:
                m.group = (fid, state)  # forces the gazetteer does not define also name their state
            m.via = "forces"
            m.modifier = False
            if k == j:  # the head belongs to this mention
                h_end = k + (2 if head2 in FORCE_HEADS2 else 1)
                m.end = h_end
                m.char_end = doc[h_end - 1].idx + len(doc[h_end - 1].text)
                m.text = doc_text(doc)[m.char_start : m.char_end]
        elif head1 in STATE_NOUNS or head2 in STATE_NOUNS:
            m.modifier = False
        elif doc[m.start].text.endswith("s") or (
            m.start > 0 and doc[m.start - 1].lower_ == "the" and not doc[j].is_alpha
        ):
            m.modifier = False  # "the French", "Afghans"


def _state_of_country(lex: Lexicon, place: str) -> str | None:
    """The state whose territory a Country place is ("the US" is a name of place/united-states only)."""
    table = lex.__dict__.get("_country_state")
    if table is None:
        table = {lex.territory(e.id): e.id for e in lex.entries.values() if e.kind == "State"}
        lex.__dict__["_country_state"] = table
    entry = lex.entries.get(place)
    return table.get(place) if entry is not None and entry.kind == "Country" else None


def _possessive(doc: Doc, j: int) -> bool:
    """True if the token at j is a possessive 's ("Washington's reliance on")."""
    return j < len(doc) and doc[j].text in ("'s", "’s")


HELD_WORDS = frozenset({"held", "controlled", "occupied", "run", "dominated"})


def _holds_territory(doc: Doc, j: int) -> bool:
    """True if a mention ending at token j only qualifies a territory ("government-held western Aleppo",
    "Kurdish-controlled areas"): the holder takes no part in the clause's event."""
    return j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in HELD_WORDS


ERA_WORDS = frozenset({"era", "style", "made", "built", "designed", "speaking", "born", "trained", "educated"})


def _made_or_era(doc: Doc, j: int) -> bool:
    """True if a demonym ending at token j only dates or sources a thing ("Soviet-era", "Russian-made")."""
    return j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in ERA_WORDS


# "off the Syrian coast", "on Ukrainian soil", "in Turkish airspace": the demonym's country is the place
TERRITORY_HEADS = frozenset({"coast", "coastline", "soil", "territory", "airspace", "waters", "mainland"})


def _as_territory(doc: Doc, lex: Lexicon, m: Mention) -> None:
    """Make a demonym mention and the territory noun after it a place and no actor: the demonym's country, or
    its capital city for "capital" ("in the Yemeni capital")."""
    entry = lex.entries.get(m.actor or "")
    capital = entry.capital if entry is not None and doc[m.end].lower_ == "capital" else None
    m.place = capital or lex.territory(m.actor or "")
    m.actor = None
    m.modifier = False
    m.end += 1
    m.char_end = doc[m.end - 1].idx + len(doc[m.end - 1].text)
    m.text = doc_text(doc)[m.char_start : m.char_end]


def _coordinated_force(doc: Doc | None, mentions: list[Mention], m: Mention) -> bool:
    """ "government and Russian aircraft", "government and rebel forces": a bare "government" coordinated with a
    demonym or "rebel" that a force noun follows shares that head (the government's forces, not the state)."""
    if doc is None or m.end + 2 >= len(doc) or doc[m.end].lower_ not in ("and", "or", ","):
        return False
    k = m.end + 1
    nxt = next((x for x in mentions if x.start == k), None)
    if nxt is not None and nxt.via in ("demonym", "forces"):
        head = doc[nxt.end].lower_ if nxt.end < len(doc) else ""
        return nxt.via == "forces" or head in FORCE_NOUNS
    return doc[k].lower_ in ("rebel", "opposition", "insurgent") and doc[k + 1].lower_ in FORCE_NOUNS | {"fighters"}


def _resolve_generic(
    lex: Lexicon, mentions: list[Mention], dem: str, dem_slug: str, minted: dict[str, str], state: str | None = None,
    doc: Doc | None = None,
) -> None:
    """Generic armed groups -> the conflict's groups (existing gazetteer ids, or minted and declared)."""
    demonym_at = {x.end: x for x in mentions if x.via == "demonym" and x.modifier}
    for m in mentions:
        if not (m.actor and m.actor.startswith("G:")):
            continue
        phrase = m.actor[2:]
        tmpl, label = next((t, lab) for p, t, lab in GENERIC_GROUPS if p == phrase)
        if tmpl == "{state}":
            # "the government" of the conflict country; "the British government" is the demonym's state
            prev = next((x for x in mentions if x.end == m.start and x.via == "demonym"), None)
            if prev is not None or not state:
                m.actor = None
                continue
            if phrase == "government" and _coordinated_force(doc, mentions, m):
                tmpl, label = "actor/{dem}-government-forces", "{Dem} government forces"  # and go on below
            else:
                m.actor = state
                continue
        prev = demonym_at.get(m.start)
        if prev is not None and "{dem}" in tmpl and "rebels" in tmpl and prev.actor in lex.state_demonym:
            # "the moderate Syrian opposition", "Libyan rebels": the demonym names the rebels' country
            pdem = lex.state_demonym[prev.actor]
            m.actor = _ensure(lex, tmpl.format(dem=slugify(pdem)), label.format(Dem=pdem.title()), minted)
            prev.actor = None
            m.start, m.char_start = prev.start, prev.char_start  # one mention: "Syrian opposition"
            m.text = f"{prev.text} {m.text}"
            continue
        if prev is not None and "pro-government" in tmpl:
            prev.actor = None  # "Iraqi militiamen loyal to Damascus": the militias' origin takes no part
        owner = _possessive_state(doc, lex, mentions, m) if "government-forces" in tmpl else None
        if owner is not None:  # "Myanmar's army", "Nigeria's troops": that state's forces, whatever the conflict
            odem = lex.state_demonym.get(owner, "")
            fid = lex.forces_by_state.get(owner) or (
                _ensure(lex, tmpl.format(dem=slugify(odem)), label.format(Dem=odem.title()), minted) if odem else None)
            if fid:
                m.actor = fid
                if fid in minted:
                    m.group = (fid, owner)  # forces the gazetteer does not define stand with their state
                continue
        eid = tmpl.format(dem=dem_slug)
        m.actor = _ensure(lex, eid, label.format(Dem=dem.title() if dem else "Unknown"), minted)
        if eid in minted and "government-forces" in eid and state in lex.entries:
            m.group = (eid, state)  # "government forces" of a conflict whose forces the gazetteer does not define


def _possessive_state(doc: Doc | None, lex: Lexicon, mentions: list[Mention], m: Mention) -> str | None:
    """The state named with "'s" right before a generic armed noun ("Myanmar's army"), if any."""
    if doc is None or m.start < 2 or doc[m.start - 1].text not in ("'s", "’s"):
        return None
    owner = next((x for x in mentions if x.end == m.start - 1 and x.actor and not x.actor.startswith("G:")), None)
    if owner is None or getattr(lex.entries.get(owner.actor or ""), "kind", "") != "State":
        return None
    return owner.actor


def _resolve_titles(
    doc: Doc, lex: Lexicon, mentions: list[Mention], titles: list[tuple[int, int, str]], published: date | None
) -> None:
    """Titles: "French President Hollande" (one mention), "the Turkish President", "his Russian counterpart"."""
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    for s, e, title in titles:
        nxt = by_start.get(e)
        prev = by_end.get(s)
        # name right after the title: merge title (and a preceding demonym) into the person mention
        if nxt and nxt.actor and lex.entries.get(nxt.actor) and lex.entries[nxt.actor].kind == "Person":
            if prev and prev.via == "demonym":
                mentions.remove(prev)
                nxt.start, nxt.char_start = prev.start, prev.char_start
            else:
                nxt.start, nxt.char_start = s, doc[s].idx
            nxt.text = doc_text(doc)[nxt.char_start : nxt.char_end]
            nxt.via = "title"
            continue
        role = TITLE_ROLES.get(title)
        state: str | None = None
        owner = by_end.get(s - 1) if s >= 2 and doc[s - 1].text in ("'s", "’s") else None
        if prev and prev.via == "demonym" and prev.actor:
            state = prev.actor
            plural = doc[e - 1].lower_.endswith("s")
            k = prev.start - 1
            first = by_end.get(k) if plural and k >= 1 and doc[k].lower_ in ("and", ",") else None
            if role and first is not None and first.via == "demonym" and first.actor and first.actor != state:
                holders = [lex.holder(role, st, published) for st in (first.actor, state)]
                if all(holders):  # "the Russian and Turkish presidents": both office holders
                    mentions.remove(prev)
                    mentions.remove(first)
                    m = Mention(first.start, e, first.char_start, doc[e - 1].idx + len(doc[e - 1].text),
                                doc_text(doc)[first.char_start : doc[e - 1].idx + len(doc[e - 1].text)],
                                actor=holders[0], via="title", group=tuple(h for h in holders if h))  # fmt: skip
                    mentions.append(m)
                    by_start[first.start] = m
                    by_end[e] = m
                    continue
        elif prev and prev.actor and prev.via == "name" and getattr(lex.entries.get(prev.actor), "kind", "") == (
                "State"):
            state = prev.actor  # "the US Secretary of State" (a state's short name before the title)
        elif prev and prev.actor and getattr(lex.entries.get(prev.actor), "kind", "") in ORG_KINDS:
            state = prev.actor  # "the UN Secretary-General": the organisation's office holder
        elif (
            owner is not None
            and owner.actor
            and lex.entries.get(owner.actor) is not None
            and lex.entries[owner.actor].kind == "State"
        ):
            state = owner.actor  # "Egypt's foreign minister", "Russia's President"
            prev = owner
        elif e + 1 < len(doc) and doc[e].lower_ == "of" and by_start.get(e + 1) and by_start[e + 1].actor:
            state = by_start[e + 1].actor
        states = _coordinated_after_of(doc, by_start, e) if doc[e - 1].lower_.endswith("s") else []
        if role and len(states) > 1:
            holders = [lex.holder(role, st, published) for st in states]
            if all(holders):  # "the foreign ministers of Russia and Turkey": both ministers
                m = Mention(s, e, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), doc[s:e].text,
                            actor=holders[0], via="title", group=tuple(h for h in holders if h))  # fmt: skip
                mentions.append(m)
                by_start[s] = m
                by_end[e] = m
            continue
        if title == "counterpart":
            earlier = [m for m in mentions if m.end <= s and m.actor and lex.roles_of(m.actor, published)]
            role = lex.roles_of(earlier[-1].actor or "", published)[0].role if earlier else "head_of_state"
        if (role == "secretary_general" and not state and doc[s].text[:1].isupper() and s >= 1
                and doc[s - 1].lower_ == "the" and UN_ID in lex.entries):
            state = UN_ID  # "The Secretary-General condemns ...": the capitalised bare title is the UN's
        if not role or not state:
            continue
        if title in ("president", "presidents") and state in PRESIDENT_HEADS_GOVERNMENT:
            role = "head_of_government"  # "the Iranian President" is Rouhani, not the Supreme Leader
        person = lex.holder(role, state, published)
        if not person:
            continue
        start = prev.start if prev else s
        if prev:
            mentions.remove(prev)
        end = nxt.end if (nxt and nxt.actor == person) else e
        if nxt and nxt.actor == person:
            mentions.remove(nxt)
        m = Mention(
            start,
            end,
            doc[start].idx,
            doc[end - 1].idx + len(doc[end - 1].text),
            doc_text(doc)[doc[start].idx : doc[end - 1].idx + len(doc[end - 1].text)],
            actor=person,
            via="title",
        )
        mentions.append(m)
        by_start[start] = m
        by_end[end] = m


def _coordinated_after_of(doc: Doc, by_start: dict[int, Mention], e: int) -> list[str]:
    """The actors of "of X and Y" (or "of X, Y and Z") right after token e, else []."""
    if e + 1 >= len(doc) or doc[e].lower_ != "of":
        return []
    out: list[str] = []
    k = e + 1
    while k in by_start and by_start[k].actor:
        out.append(by_start[k].actor or "")
        k = by_start[k].end
        if k < len(doc) and doc[k].text == ",":
            k += 1
        if k < len(doc) and doc[k].lower_ == "and":
            k += 1
    return out


COREF_PLACES = {"city", "town", "district"}


def _resolve_coref(doc: Doc, lex: Lexicon, mentions: list[Mention]) -> None:
    """ "the city" -> last city; "the two sides"/"both sides" -> last two actors (a group)."""
    mentions.sort(key=lambda m: m.start)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    added: list[Mention] = []
    for tok in doc:
        i = tok.i
        if i in covered or i == 0:
            continue
        followed_by_of = i + 1 < len(doc) and doc[i + 1].lower_ == "of"
        if tok.lower_ in COREF_PLACES and doc[i - 1].lower_ == "the" and not followed_by_of:
            prior = [m for m in mentions if m.end <= i and m.place and lex.entries.get(m.place)
                     and lex.entries[m.place].kind in ("City", "Town")]  # fmt: skip
            if prior:
                # the city the text has named most so far, the last of equals ("meet Putin in Istanbul ... aid to
                # the city" after two mentions of Aleppo is Aleppo)
                seen = Counter(m.place for m in prior)
                best = max(reversed(prior), key=lambda m: seen[m.place]).place
                added.append(Mention(i - 1, i + 1, doc[i - 1].idx, tok.idx + len(tok.text),
                                     doc_text(doc)[doc[i - 1].idx : tok.idx + len(tok.text)], place=best,
                                     via="coref"))  # fmt: skip
        elif tok.lower_ == "sides" and doc[i - 1].lower_ in ("two", "both"):
            prior = [m for m in mentions if m.end <= i - 1 and m.actor and not m.modifier]
            people: list[str] = []
            for m in reversed(prior):
                if m.actor and m.actor not in people:
                    people.insert(0, m.actor)
                if len(people) == 2:
                    break
            if len(people) == 2:
                s = i - 2 if doc[i - 2].lower_ == "the" else i - 1
                added.append(Mention(s, i + 1, doc[s].idx, tok.idx + len(tok.text),
                                     doc_text(doc)[doc[s].idx : tok.idx + len(tok.text)], group=tuple(people),
                                     via="coref"))  # fmt: skip
    mentions.extend(added)


# words joining two coordinated actors: "Russia and Syria", "France, Britain and the United States", "Lavrov and
# his Turkish counterpart"
COORD_GAPS = (["and"], [",", "and"], ["and", "the"], [",", "and", "the"], [","], [",", "the"], ["and", "his"],
              ["and", "her"])
COMMA_GAPS = ([","], [",", "the"])  # "France, the United Kingdom and the United States": only before an "and"


def _coordinated_places(a: Mention, b: Mention) -> tuple[str, ...]:
    """The places of two coordinated mentions when both are places ("Cuba and Vietnam"), else none."""
    pa = a.group_places or ((a.place,) if a.place and not a.group else ())
    pb = b.group_places or ((b.place,) if b.place and not b.group else ())
    return tuple(dict.fromkeys([*pa, *pb])) if pa and pb else ()


def _demonym_gap(gap: Span) -> bool:
    """ "Iraqi troops and Kurdish Peshmerga fighters", "Hezbollah and Iraqi militiamen": "and" and a capitalised
    word that qualifies the next actor but names none itself."""
    words = [t for t in gap if not t.is_space]
    return len(words) == 2 and words[0].lower_ == "and" and words[1].is_alpha and words[1].is_title


def _merge_coordination(doc: Doc, mentions: list[Mention]) -> None:
    """ "Russia and Syria", "both the Syrian and Russian forces" -> one group mention."""
    mentions.sort(key=lambda m: m.start)
    i = 0
    while i < len(mentions) - 1:
        a, b = mentions[i], mentions[i + 1]
        gap = doc[a.end : b.start]
        words = [t.lower_ for t in gap if not t.is_space]
        ok = (words in COORD_GAPS or _demonym_gap(gap)) and bool(a.actor) and bool(b.actor)
        ok = ok and not a.modifier and not b.modifier and a.via != "coref" and b.via != "coref"
        if ok and words in COMMA_GAPS:
            # "Egypt, New Zealand and Spain": a comma joins only if an "and" joins the next mention
            # ("China, Russia, Egypt and Venezuela": commas may go on until the "and")
            ok = False
            j = i + 1
            while j + 1 < len(mentions) and j - i <= 8:
                prev, c = mentions[j], mentions[j + 1]
                gap2 = [t.lower_ for t in doc[prev.end : c.start] if not t.is_space]
                if gap2 not in COORD_GAPS or not c.actor or c.modifier:
                    break
                if gap2 not in COMMA_GAPS:
                    ok = True
                    break
                j += 1
        if ok:
            group = tuple(dict.fromkeys([*a.actors, *b.actors]))
            start = a.start
            if start >= 1 and doc[start - 1].lower_ == "the" and start >= 2 and doc[start - 2].lower_ == "both":
                start -= 2
            elif start >= 1 and doc[start - 1].lower_ == "both":
                start -= 1
            merged = Mention(start, b.end, doc[start].idx, b.char_end, doc_text(doc)[doc[start].idx : b.char_end],
                             actor=a.actor, place=None, via="group", group=group,
                             group_places=_coordinated_places(a, b))  # fmt: skip
            mentions[i : i + 2] = [merged]
            continue
        i += 1
