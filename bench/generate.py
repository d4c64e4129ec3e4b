"""Deterministic synthetic diplomatic data, written through dkg's own write path (SHACL, log, projection).

    python bench/generate.py --size 10k --data /tmp/dkg-bench-10k [--seed 7] [--validator compiled]

What it writes (same seed, same data; only assertion IRIs, which the core mints with uuid4, differ):
- reference data `bench-gazetteer` (one ReferenceDataLoaded event, validated like any write): ~250 actors
  (UN member states with their Wikidata ids and ISO codes, taken from the shipped world gazetteer when present;
  leaders; intergovernmental organisations and organs with the permanent five of the Security Council;
  a court; armed groups; armed forces) and ~500 places (territories, regions, cities, districts);
- articles in publication order (2000-2024), each a digest of 8-32 dated sentences; each sentence is one
  fact (one assertion, its evidence the sentence's exact span) about an event of one of the 23 ontology event
  types, with Zipf-distributed actors and places (a few states and cities dominate, as in news), day, month or
  open-interval dates near the publication date, CAMEO/PLOVER/QuadClass/Goldstein codes copied from the
  event class, UN sequences (draft -> vote -> veto or adoption, vote positions) and casualty reports with
  breakdowns that respect the totals.

Articles go through `KnowledgeGraph.assert_batch` (`--batch` articles per validation, log append and projection
step, all or nothing; `--batch 1` writes one article per commit like `assert_drafts`). A progress bar with
an ETA is shown on a terminal; a one-line status goes to stdout every `--report-every` articles (for nohup
logs); `gen-stats.json` in the data folder records the rate and validation time per window.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib.resources import files
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402
import yaml  # noqa: E402
from dkg.config import Settings  # noqa: E402
from dkg.drafts import ArticleRecord, AssertionDraft, Evidence  # noqa: E402
from dkg.kg import KnowledgeGraph  # noqa: E402
from dkg.terms import DKG, WD  # noqa: E402
from dkg.validation import ontology_graph  # noqa: E402
from helpers import apply_core_fixes, install_validator, parse_size, peak_rss_mb  # noqa: E402
from rdflib import Graph, Literal, URIRef  # noqa: E402
from rdflib.namespace import OWL, RDF, RDFS, XSD  # noqa: E402

BASE = "https://w3id.org/dkg/id/"
PRINCIPAL = "bench"
P5_ISO3 = ("USA", "GBR", "FRA", "RUS", "CHN")

# event type -> weight (share of news events; statements and meetings dominate, votes are rare)
EVENT_WEIGHTS: dict[str, float] = {
    "Statement": 16, "Meeting": 11, "Condemnation": 7, "Opposition": 4, "Support": 5, "Agreement": 4,
    "AidCooperation": 4, "AirStrike": 8, "Shelling": 6, "MilitaryOffensive": 4, "MilitaryMovement": 3,
    "TerritorialControlChange": 3, "CasualtyReport": 8, "MilitaryBaseAnnouncement": 1, "Referral": 1,
    "UNSequence": 5,  # ResolutionDrafted + Vote + VotePosition(s) + Veto | ResolutionAdopted | ResolutionFailed
}
MODALITIES = [("Completed", 70), ("Reported", 12), ("Announced", 8), ("Planned", 5), ("Considered", 3), ("Failed", 2)]
TOPICS = ["WarCrimes", "HumanitarianAid", "Truce", "AirStrikes", "EndOfAirStrikes", "MilitaryContacts",
          "MilitaryCooperation", "SyrianCivilWar"]


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-' (docs/design.md)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = "".join(c.lower() if c.isalnum() else "-" for c in ascii_text)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


@dataclass
class Entity:
    iri: URIRef
    label: str
    kind: str


@dataclass
class World:
    """The synthetic actors and places, and samplers over them."""

    states: list[Entity] = field(default_factory=list)
    persons: list[Entity] = field(default_factory=list)
    orgs: list[Entity] = field(default_factory=list)
    armed: list[Entity] = field(default_factory=list)  # armed groups and armed forces
    places: list[Entity] = field(default_factory=list)
    p5: list[Entity] = field(default_factory=list)
    unsc: Entity | None = None
    court: Entity | None = None
    graph: Graph = field(default_factory=Graph)

    @property
    def actors(self) -> list[Entity]:
        return [*self.states, *self.persons, *self.orgs, *self.armed]


class Zipf:
    """Sample items with probability proportional to 1 / rank^s (rank order fixed by the seed)."""

    def __init__(self, items: list, s: float, rng: random.Random) -> None:
        self.items = list(items)
        rng.shuffle(self.items)
        self.cum = list(accumulate(1 / (r + 1) ** s for r in range(len(self.items))))
        self.rng = rng

    def one(self):
        return self.items[bisect_left(self.cum, self.rng.random() * self.cum[-1])]

    def distinct(self, n: int) -> list:
        out: list = []
        while len(out) < n:
            x = self.one()
            if x not in out:
                out.append(x)
        return out


P5_FALLBACK = [
    {"id": "actor/china", "label": "China", "wikidata": "Q148", "iso2": "CN", "iso3": "CHN"},
    {"id": "actor/france", "label": "France", "wikidata": "Q142", "iso2": "FR", "iso3": "FRA"},
    {"id": "actor/russia", "label": "Russia", "wikidata": "Q159", "iso2": "RU", "iso3": "RUS"},
    {"id": "actor/united-kingdom", "label": "United Kingdom", "wikidata": "Q145", "iso2": "GB", "iso3": "GBR"},
    {"id": "actor/united-states", "label": "United States", "wikidata": "Q30", "iso2": "US", "iso3": "USA"},
]


def _gazetteer_states() -> list[dict]:
    """States of the shipped gazetteers (label, Wikidata id, ISO codes); the permanent five always present."""
    states: dict[str, dict] = {}
    for name in ("gazetteer.yaml", "gazetteer-world.yaml"):
        try:
            text = (files("dkg.reference") / name).read_text("utf-8")
        except (FileNotFoundError, ModuleNotFoundError):
            continue
        data = yaml.safe_load(text) or {}
        for a in data.get("actors", []) or []:
            if isinstance(a, dict) and a.get("type") == "State" and a.get("label") and a.get("id"):
                states.setdefault(a["id"], a)
    present = {a.get("iso3") for a in states.values()}
    for a in P5_FALLBACK:
        if a["iso3"] not in present:
            states.setdefault(a["id"], a)
    return sorted(states.values(), key=lambda a: a["id"])


def build_world(rng: random.Random) -> World:
    """~250 actors and ~500 places as one RDF graph (loaded as reference data)."""
    w = World()
    g = w.graph
    a_ = lambda s: URIRef(BASE + "actor/" + s)  # noqa: E731
    p_ = lambda s: URIRef(BASE + "place/" + s)  # noqa: E731

    def entity(iri: URIRef, kind: str, label: str) -> Entity:
        g.add((iri, RDF.type, DKG[kind]))
        g.add((iri, RDFS.label, Literal(label, lang="en")))
        return Entity(iri, label, kind)

    regions = [entity(p_(slug(r)), "Region", r) for r in
               ("Middle East", "Europe", "Africa", "Asia", "Americas", "Oceania", "Caucasus", "Sahel")]
    w.places.extend(regions)
    gaz = _gazetteer_states()
    rng_states = sorted(gaz, key=lambda a: a["id"])
    p5 = [a for a in rng_states if a.get("iso3") in P5_ISO3]
    others = [a for a in rng_states if a.get("iso3") not in P5_ISO3]
    rng.shuffle(others)
    chosen = p5 + others[: 150 - len(p5)]
    if len(chosen) < 150:  # no gazetteer: synthetic states
        chosen += [{"id": f"actor/state-{i:03d}", "label": f"State {i:03d}", "wikidata": f"Q{900000 + i}",
                    "iso2": None, "iso3": None} for i in range(150 - len(chosen))]
    cities: list[Entity] = []
    for a in sorted(chosen, key=lambda a: a["id"]):
        label = a["label"]
        st = entity(URIRef(BASE + a["id"]), "State", label)
        if a.get("wikidata"):
            g.add((st.iri, OWL.sameAs, WD[a["wikidata"]]))
        if a.get("iso2"):
            g.add((st.iri, DKG.iso3166Alpha2, Literal(a["iso2"])))
        if a.get("iso3"):
            g.add((st.iri, DKG.iso3166Alpha3, Literal(a["iso3"])))
        country = entity(p_(slug(label)), "Country", label)
        g.add((country.iri, DKG.partOf, rng.choice(regions).iri))
        g.add((st.iri, DKG.territory, country.iri))
        capital = entity(p_(slug(label) + "-capital"), "City", f"{label} capital")
        g.add((capital.iri, DKG.partOf, country.iri))
        g.add((st.iri, DKG.capital, capital.iri))
        w.states.append(st)
        w.places += [country, capital]
        cities.append(capital)
        if a.get("iso3") in P5_ISO3:
            w.p5.append(st)
    # more cities in the busiest countries, and districts of the biggest cities
    for i in range(500 - len(w.places) - 40):
        country = w.places[1 + 2 * rng.randrange(len(w.states)) + len(regions) - 1]
        city = entity(p_(f"city-{i:03d}"), "City", f"City {i:03d}")
        g.add((city.iri, DKG.partOf, country.iri))
        w.places.append(city)
        cities.append(city)
    for i in range(40):
        city = cities[i % 12]
        d = entity(p_(f"district-{i:02d}"), "District", f"District {i:02d} of {city.label}")
        g.add((d.iri, DKG.partOf, city.iri))
        w.places.append(d)
    # organisations: UN and its organs, regional IGOs, a court
    un = entity(a_("united-nations"), "IntergovernmentalOrganisation", "United Nations")
    g.add((un.iri, OWL.sameAs, WD.Q1065))
    unsc = entity(a_("un-security-council"), "OrganisationOrgan", "UN Security Council")
    g.add((unsc.iri, DKG.partOf, un.iri))
    g.add((unsc.iri, DKG.memberCount, Literal(15)))
    unga = entity(a_("un-general-assembly"), "OrganisationOrgan", "UN General Assembly")
    g.add((unga.iri, DKG.partOf, un.iri))
    w.court = entity(a_("international-criminal-court"), "Court", "International Criminal Court")
    w.unsc = unsc
    w.orgs += [un, unsc, unga, w.court]
    for name in ("European Union", "African Union", "NATO", "Arab League", "OSCE", "ASEAN", "Organisation of "
                 "Islamic Cooperation", "Gulf Cooperation Council", "Organization of American States",
                 "Shanghai Cooperation Organisation", "Commonwealth of Independent States", "ECOWAS"):
        w.orgs.append(entity(a_(slug(name)), "IntergovernmentalOrganisation", name))
    for st in w.states:
        g.add((st.iri, DKG.memberOf, un.iri))
    for st in w.p5:
        g.add((st.iri, DKG.permanentMemberOf, unsc.iri))
    # leaders, armed groups, armed forces
    for i in range(52):
        st = w.states[i * 7 % len(w.states)] if i >= len(w.p5) else w.p5[i]
        w.persons.append(entity(a_(f"leader-{i:02d}-{slug(st.label)}"), "Person", f"Leader {i:02d} of {st.label}"))
    for i in range(16):
        w.armed.append(entity(a_(f"armed-group-{i:02d}"), "ArmedGroup", f"Armed group {i:02d}"))
    for st in [*w.p5, *w.states[:15]]:
        f = entity(a_(f"{slug(st.label)}-armed-forces"), "ArmedForces", f"{st.label} armed forces")
        g.add((f.iri, DKG.forcesOf, st.iri))
        w.armed.append(f)
    return w


def class_codes() -> dict[str, list[tuple[URIRef, object]]]:
    """Class-level codes (cameoCode, ploverType, quadClass, goldstein) of each event class, from the ontology."""
    onto = ontology_graph()
    out: dict[str, list] = {}
    for cls in onto.subjects(RDFS.subClassOf, DKG.Event):
        name = str(cls).rsplit("#", 1)[-1]
        out[name] = [(p, o) for p in (DKG.cameoCode, DKG.ploverType, DKG.quadClass, DKG.goldstein)
                     for o in onto.objects(cls, p)]
    return out


class Generator:
    """Produces articles (text + assertion drafts) one at a time, deterministically from the seed."""

    def __init__(self, seed: int, world: World) -> None:
        self.rng = random.Random(seed)
        self.w = world
        rng = self.rng
        self.states = Zipf(world.states, 1.1, rng)
        self.actors = Zipf(world.actors, 1.0, rng)
        self.places = Zipf(world.places, 1.05, rng)
        self.armed = Zipf(world.armed, 0.8, rng)
        self.types = list(EVENT_WEIGHTS)
        self.type_cum = list(accumulate(EVENT_WEIGHTS.values()))
        self.mod_cum = list(accumulate(w for _, w in MODALITIES))
        self.codes = class_codes()
        self.n_articles = 0
        self.n_events = 0
        self.n_resolutions = 0
        self.day0 = date(2000, 1, 1)

    def pick_type(self) -> str:
        return self.types[bisect_left(self.type_cum, self.rng.random() * self.type_cum[-1])]

    def modality(self) -> URIRef:
        return DKG[MODALITIES[bisect_left(self.mod_cum, self.rng.random() * self.mod_cum[-1])][0]]

    def article(self, published: date, target_events: int) -> tuple[ArticleRecord, list[AssertionDraft]]:
        """One digest article with about `target_events` facts."""
        self.n_articles += 1
        sentences: list[tuple[str, Graph, URIRef]] = []
        while len(sentences) < target_events:
            kind = self.pick_type()
            if kind == "UNSequence":
                sentences += self.un_sequence(published)
            else:
                sentences.append(self.event(kind, published))
        head = f"Digest {self.n_articles:07d}, {published.isoformat()}. "
        text = head
        drafts = []
        for sentence, facts, event in sentences:
            start = len(text)
            text += sentence + " "
            ev = Evidence(sentence, start, start + len(sentence))
            drafts.append(AssertionDraft(facts=facts, evidence=[ev], confidence=round(self.rng.uniform(0.6, 1), 2),
                                         method="manual", label=str(event).rsplit("/", 1)[-1],
                                         subjects=[str(event)]))
        art = ArticleRecord(text=text.rstrip(), title=f"Digest {self.n_articles}", published=published,
                            url=f"https://news.example.org/digest/{self.n_articles}")
        return art, drafts

    def _event(self, kind: str, published: date) -> tuple[Graph, URIRef]:
        self.n_events += 1
        e = URIRef(f"{BASE}event/{slug(kind)}-{self.n_events:08d}")
        g = Graph(store="SimpleMemory")  # no context bookkeeping: ~40% cheaper to fill and read
        g.add((e, RDF.type, DKG[kind]))
        g.add((e, DKG.modality, self.modality()))
        for p, o in self.codes.get(kind, ()):
            g.add((e, p, o))
        self._dates(g, e, published)
        return g, e

    def _dates(self, g: Graph, e: URIRef, published: date) -> None:
        r = self.rng.random()
        g.add((e, DKG.dateAnchor, Literal(published.isoformat(), datatype=XSD.date)))
        if r < 0.8:
            d = published - timedelta(days=int(self.rng.expovariate(0.7)))
            lit = Literal(d.isoformat(), datatype=XSD.date)
            for p in (DKG.date, DKG.validFrom, DKG.validTo):
                g.add((e, p, lit))
            g.add((e, DKG.datePrecision, DKG.DayPrecision))
        elif r < 0.95:
            first = published.replace(day=1)
            nxt = (first + timedelta(days=32)).replace(day=1)
            g.add((e, DKG.month, Literal(first.strftime("%Y-%m"), datatype=XSD.gYearMonth)))
            g.add((e, DKG.validFrom, Literal(first.isoformat(), datatype=XSD.date)))
            g.add((e, DKG.validTo, Literal((nxt - timedelta(days=1)).isoformat(), datatype=XSD.date)))
            g.add((e, DKG.datePrecision, DKG.MonthPrecision))
        else:
            since = published - timedelta(days=self.rng.randrange(5, 400))
            lit = Literal(since.isoformat(), datatype=XSD.date)
            g.add((e, DKG.since, lit))
            g.add((e, DKG.validFrom, lit))
            g.add((e, DKG.datePrecision, DKG.OpenInterval))

    def event(self, kind: str, published: date) -> tuple[str, Graph, URIRef]:
        """One non-UN event and the sentence that reports it."""
        g, e = self._event(kind, published)
        rng = self.rng
        when = published.strftime("%d %B %Y")
        if kind in ("Statement", "Condemnation", "Opposition", "Support"):
            agent = self.actors.one()
            g.add((e, DKG.agent, agent.iri))
            if kind == "Statement":
                g.add((e, DKG.topic, DKG[rng.choice(TOPICS)]))
                return f"{agent.label} made a statement on {when}.", g, e
            if kind == "Support":
                other = self.actors.one()
                g.add((e, DKG.beneficiary, other.iri))
                return f"{agent.label} backed {other.label} on {when}.", g, e
            other = self.actors.one()
            g.add((e, DKG.target, other.iri))
            verb = "condemned" if kind == "Condemnation" else "opposed"
            return f"{agent.label} {verb} {other.label} on {when}.", g, e
        if kind in ("Meeting", "Agreement"):
            n = 2 if rng.random() < 0.75 else rng.randrange(3, 6)
            parts = self.states.distinct(n) if rng.random() < 0.7 else self.actors.distinct(n)
            for p in parts:
                g.add((e, DKG.participant, p.iri))
            place = self.places.one()
            g.add((e, DKG.place, place.iri))
            if kind == "Meeting":
                g.add((e, DKG.bilateral, Literal(n == 2)))
            names = ", ".join(p.label for p in parts)
            verb = "met" if kind == "Meeting" else "reached an agreement"
            return f"{names} {verb} in {place.label} on {when}.", g, e
        if kind == "AidCooperation":
            giver = self.states.one()
            g.add((e, DKG.participant, giver.iri))
            place = self.places.one()
            g.add((e, DKG.place, place.iri))
            return f"{giver.label} sent aid to {place.label} on {when}.", g, e
        if kind in ("AirStrike", "Shelling"):
            place = self.places.one()
            g.add((e, DKG.place, place.iri))
            agent = self.armed.one()
            g.add((e, DKG.agent, agent.iri))
            verb = "carried out air strikes on" if kind == "AirStrike" else "shelled"
            return f"{agent.label} {verb} {place.label} on {when}.", g, e
        if kind in ("MilitaryOffensive", "MilitaryMovement", "TerritorialControlChange", "MilitaryBaseAnnouncement"):
            agent = self.armed.one()
            g.add((e, DKG.agent, agent.iri))
            place = self.places.one()
            g.add((e, DKG.place, place.iri))
            if kind == "MilitaryMovement":
                g.add((e, DKG.direction, Literal(rng.choice(["north", "south", "east", "west"]))))
            if kind == "MilitaryBaseAnnouncement":
                g.add((e, DKG.permanent, Literal(rng.random() < 0.5)))
            return f"{agent.label} took action ({kind}) near {place.label} on {when}.", g, e
        if kind == "CasualtyReport":
            place = self.places.one()
            g.add((e, DKG.place, place.iri))
            total = int(rng.paretovariate(1.2) * 3)
            g.add((e, DKG.casualtyCount, Literal(total)))
            g.add((e, DKG.countQualifier, rng.choice([DKG.Exactly, DKG.AtLeast, DKG.About, DKG.MoreThan])))
            g.add((e, DKG.victimCategory, DKG.People))
            g.add((e, DKG.casualtyType, rng.choice([DKG.Killed, DKG.Injured])))
            if rng.random() < 0.3:
                g.add((e, DKG.perpetrator, self.armed.one().iri))
            if rng.random() < 0.4 and total > 0:
                b = URIRef(f"{e}/children")
                g.add((e, DKG.casualtyBreakdown, b))
                g.add((b, RDF.type, DKG.CasualtyCount))
                g.add((b, DKG.casualtyCount, Literal(rng.randrange(0, total + 1))))
                g.add((b, DKG.victimCategory, DKG.Children))
            return f"At least {total} people were reported killed or injured in {place.label} on {when}.", g, e
        if kind == "Referral":
            agent = self.states.one()
            g.add((e, DKG.agent, agent.iri))
            g.add((e, DKG.court, self.w.court.iri))
            return f"{agent.label} referred the matter to the International Criminal Court on {when}.", g, e
        raise ValueError(kind)

    def un_sequence(self, published: date) -> list[tuple[str, Graph, URIRef]]:
        """A draft resolution before the Security Council: drafted, voted, then vetoed, adopted or failed."""
        rng = self.rng
        w = self.w
        self.n_resolutions += 1
        res = URIRef(f"{BASE}resolution/s-{published.year}-{self.n_resolutions:06d}")
        symbol = f"S/{published.year}/{self.n_resolutions}"
        sponsor = self.states.one()
        outcome = rng.choice(["veto", "adopted", "failed"])
        out = []
        g, e = self._event("ResolutionDrafted", published)
        g.add((e, DKG.agent, sponsor.iri))
        g.add((e, DKG.resolution, res))
        g.add((res, RDF.type, DKG.DraftResolution))
        g.add((res, DKG.symbol, Literal(symbol)))
        g.add((res, DKG.sponsor, sponsor.iri))
        g.add((res, DKG.forum, w.unsc.iri))
        g.add((res, DKG.demands, DKG[rng.choice(TOPICS)]))
        g.add((res, DKG.outcome, {"veto": DKG.Vetoed, "adopted": DKG.Adopted, "failed": DKG.NotAdopted}[outcome]))
        out.append((f"{sponsor.label} drafted resolution {symbol}.", g, e))
        g, vote = self._event("Vote", published)
        yes = rng.randrange(9, 14) if outcome != "failed" else rng.randrange(3, 9)
        no = rng.randrange(0, 15 - yes)
        abstain = rng.randrange(0, 16 - yes - no)
        g.add((vote, DKG.forum, w.unsc.iri))
        g.add((vote, DKG.resolution, res))
        for p, n in ((DKG.inFavourCount, yes), (DKG.againstCount, no), (DKG.abstainCount, abstain)):
            g.add((vote, p, Literal(n)))
        out.append((f"The Security Council voted on {symbol}: {yes} in favour, {no} against, {abstain} abstaining.",
                    g, vote))
        for member in rng.sample(w.p5, 2):
            g, vp = self._event("VotePosition", published)
            g.add((vp, DKG.agent, member.iri))
            g.add((vp, DKG.vote, vote))
            pos = DKG.Against if outcome == "veto" and member is w.p5[0] else rng.choice([DKG.InFavour, DKG.Abstain])
            g.add((vp, DKG.position, pos))
            out.append((f"{member.label} took a position on {symbol}.", g, vp))
        if outcome == "veto":
            g, v = self._event("Veto", published)
            member = rng.choice(w.p5)
            g.add((v, DKG.agent, member.iri))
            g.add((v, DKG.forum, w.unsc.iri))
            g.add((v, DKG.resolution, res))
            out.append((f"{member.label} vetoed {symbol}.", g, v))
        elif outcome == "adopted":
            g, v = self._event("ResolutionAdopted", published)
            g.add((v, DKG.forum, w.unsc.iri))
            g.add((v, DKG.resolution, res))
            out.append((f"The Security Council adopted {symbol}.", g, v))
        else:
            g, v = self._event("ResolutionFailed", published)
            g.add((v, DKG.resolution, res))
            out.append((f"Resolution {symbol} failed.", g, v))
        return out


def _fmt(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "?"
    m, s = divmod(int(seconds), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}"


def generate(data: Path, events: int, *, seed: int = 7, validator: str = "compiled", report_every: int = 200,
             mean_facts: int = 20, quiet: bool = False, core_fixes: bool = True,
             snapshot_every: int | None = None, snapshot_keep: int | None = None, batch: int = 5) -> dict:
    """Write `events` synthetic facts into the knowledge base at `data` (created if needed); resumable.

    `batch` articles are committed together (`KnowledgeGraph.assert_batch`); `snapshot_keep` caps the number
    of time-travel snapshots kept (spread over the history).
    """
    settings = Settings.load(data)
    if snapshot_every is not None:
        settings.snapshot_every = snapshot_every
    if snapshot_keep is not None:
        settings.snapshot_keep = snapshot_keep
    settings.save()
    kg = KnowledgeGraph.open(settings)
    timed = install_validator(kg, validator)
    apply_core_fixes(core_fixes)
    rng = random.Random(seed)
    world = build_world(rng)
    stats_path = data / "gen-stats.json"
    stats = json.loads(stats_path.read_text()) if stats_path.exists() else {"windows": []}
    if kg.log.head() == 0:
        t0 = time.perf_counter()
        kg.load_reference("bench-gazetteer", world.graph, PRINCIPAL, version_label=f"seed {seed}", validate=True)
        stats["reference_seconds"] = time.perf_counter() - t0
        stats["reference_triples"] = len(world.graph)
    gen = Generator(seed, world)
    # resume: articles are regenerated deterministically; those already in the store are skipped
    total_days = (date(2024, 12, 31) - gen.day0).days
    expected_articles = max(1, events // (mean_facts + 1))
    written, skipped = 0, 0
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn  # noqa: PLC0415

    columns = [TextColumn("generating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    window_t0, window_n, window_val = time.perf_counter(), 0, 0.0
    start_time = time.perf_counter()
    sha = URIRef(str(DKG.sha256))
    pending: list[tuple[ArticleRecord, list[AssertionDraft]]] = []
    next_report = report_every
    with Progress(*columns, disable=quiet or not sys.stderr.isatty(), transient=True) as bar:
        task = bar.add_task("events", total=events)
        i = 0
        while written < events:
            n = max(8, min(32, int(gen.rng.gauss(mean_facts, 6))))
            published = gen.day0 + timedelta(days=min(total_days, int(i * total_days / expected_articles)))
            article, drafts = gen.article(published, min(n, events - written))
            i += 1
            written += len(drafts)
            node = ox.NamedNode(article.iri(kg.base))
            if next(iter(kg.projection.store.quads_for_pattern(node, ox.NamedNode(str(sha)), None)), None):
                skipped += len(drafts)
                continue
            pending.append((article, drafts))
            if len(pending) < batch and written < events:
                continue
            val_before = timed.seconds
            kg.assert_batch(pending, PRINCIPAL)
            window_n += sum(len(d) for _, d in pending)
            window_val += timed.seconds - val_before
            pending = []
            bar.update(task, completed=written)
            stats["articles"], stats["events"], stats["log_head"] = i, written, kg.log.head()
            if i >= next_report or written >= events:
                next_report = i + report_every
                dt = time.perf_counter() - window_t0
                rate = window_n / dt if dt else float("nan")
                overall = (written - skipped) / (time.perf_counter() - start_time)
                eta = (events - written) / overall if overall else float("nan")
                val_ms = 1000 * window_val / window_n if window_n else float("nan")
                stats["windows"].append({"events": written, "log_head": kg.log.head(), "rate": round(rate, 1),
                                         "validation_ms_per_assertion": round(val_ms, 3),
                                         "rss_mb": round(peak_rss_mb(), 1),
                                         "at": time.strftime("%Y-%m-%dT%H:%M:%S")})
                stats_path.write_text(json.dumps(stats, indent=1))
                if not quiet:
                    print(f"{time.strftime('%H:%M:%S')} events {written:>9,}/{events:,} articles {i:>7,} "
                          f"rate {rate:7.1f}/s validation {val_ms:6.3f} ms/assertion "
                          f"ETA {_fmt(eta)}", flush=True)
                window_t0, window_n, window_val = time.perf_counter(), 0, 0.0
    stats["seconds"] = stats.get("seconds", 0.0) + time.perf_counter() - start_time
    stats["generated_events"] = stats.get("generated_events", 0) + written - skipped
    stats["peak_rss_mb"] = max(stats.get("peak_rss_mb", 0.0), peak_rss_mb())
    stats_path.write_text(json.dumps(stats, indent=1))
    kg.close()
    return stats


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="10k", help="number of events: 10k, 100k, 1M or a number")
    parser.add_argument("--data", type=Path, required=True, help="data folder (outside the repository)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--validator", choices=["compiled", "pyshacl"], default="compiled")
    parser.add_argument("--report-every", type=int, default=200, help="articles between status lines")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--snapshot-every", type=int, default=None,
                        help="time-travel snapshot period in events (saved in config.json; dkg's default is 10000)")
    parser.add_argument("--snapshot-keep", type=int, default=None,
                        help="most snapshots kept, spread over the history (0: all; dkg's default is 6)")
    parser.add_argument("--batch", type=int, default=5, help="articles per commit (assert_batch); 1: one by one")
    parser.add_argument("--no-core-fixes", action="store_true",
                        help="measure the core as it is, without the proposed neighbourhood fixes (slow)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    stats = generate(args.data, parse_size(args.size), seed=args.seed, validator=args.validator,
                     report_every=args.report_every, quiet=args.quiet,
                     core_fixes=not args.no_core_fixes, snapshot_every=args.snapshot_every,
                     snapshot_keep=args.snapshot_keep, batch=max(1, args.batch))
    print(f"done: {stats['events']:,} events in {stats['articles']:,} articles, {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
