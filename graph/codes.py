"""CAMEO event codes, Goldstein scores and PLOVER event types as SKOS concept schemes.

Sources (copied into ``dkg.reference``, see its README.md): ``CAMEO2PLOVER-2021.txt`` (every CAMEO code with its
name and PLOVER event type, mode and context; CC BY-SA 4.0), ``CAMEO.goldsteinscale.txt`` (GDELT's Goldstein
score per code) and ``PLOVER_structured_codebook_updated.csv`` (PLOVER definitions; MIT). The conversion table
leaves out the CAMEO 01 (statements) and 02 (appeals) families and the names of the 20 root codes; those names
are taken from the CAMEO codebook (Gerner, Schrodt et al., CAMEO 1.1b3) in :data:`SUPPLEMENTARY_LABELS`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from dkg.terms import CAMEO, DKG, PLOVER
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

CAMEO_SCHEME = URIRef(str(CAMEO))
PLOVER_SCHEME = URIRef(str(PLOVER))

# CAMEO names missing from CAMEO2PLOVER-2021.txt: the root codes and the 01/02 families (CAMEO 1.1b3 codebook).
SUPPLEMENTARY_LABELS: dict[str, str] = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate", "04": "Consult",
    "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation", "07": "Provide aid",
    "08": "Yield", "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten",
    "14": "Protest", "15": "Exhibit force posture", "16": "Reduce relations", "17": "Coerce", "18": "Assault",
    "19": "Fight", "20": "Use unconventional mass violence",
    "010": "Make statement, not specified below", "011": "Decline comment", "012": "Make pessimistic comment",
    "013": "Make optimistic comment", "014": "Consider policy option",
    "015": "Acknowledge or claim responsibility", "016": "Deny responsibility", "017": "Engage in symbolic act",
    "018": "Make empathetic comment", "019": "Express accord",
    "020": "Make an appeal or request, not specified below", "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation", "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation", "0214": "Appeal for intelligence",
    "022": "Appeal for diplomatic cooperation (such as policy support)", "023": "Appeal for aid",
    "0231": "Appeal for economic aid", "0232": "Appeal for military aid", "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping", "024": "Appeal for political reform",
    "0241": "Appeal for change in leadership", "0242": "Appeal for policy change", "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime", "025": "Appeal to yield",
    "0251": "Appeal for easing of administrative sanctions", "0252": "Appeal for easing of popular dissent",
    "0253": "Appeal for release of persons or property",
    "0254": "Appeal for easing of economic sanctions, boycott, or embargo",
    "0255": "Appeal for target to allow international involvement (non-mediation)",
    "0256": "Appeal for de-escalation of military engagement", "026": "Appeal to others to meet or negotiate",
    "027": "Appeal to others to settle dispute", "028": "Appeal to others to engage in or accept mediation",
}  # fmt: skip

_LINE = re.compile(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with its name, Goldstein score, QuadClass and PLOVER mapping."""

    code: str
    label: str
    goldstein: float | None
    quad_class: int
    plover: tuple[str, ...] = ()
    mode: str | None = None
    context: tuple[str, ...] = ()

    @property
    def parent(self) -> str | None:
        """The broader code (1211 -> 121 -> 12), None for a root code."""
        return None if len(self.code) == 2 else self.code[:-1] if len(self.code) == 4 else self.code[:2]


@dataclass
class PloverType:
    """One PLOVER event type with its definition and modes."""

    name: str
    definition: str = ""
    modes: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _read(name: str) -> str:
    return (resources.files("dkg.reference") / name).read_text(encoding="utf-8")


def quad_class(code: str) -> int:
    """GDELT QuadClass of a CAMEO code from its root: 01-04 -> 1, 05-08 -> 2, 09-13 -> 3, 14-20 -> 4."""
    root = int(code[:2])
    if not 1 <= root <= 20:
        raise ValueError(f"not a CAMEO code: {code!r}")
    return 1 if root <= 4 else 2 if root <= 8 else 3 if root <= 13 else 4


@lru_cache(maxsize=1)
def goldstein_scores() -> dict[str, float]:
    """CAMEO code -> Goldstein score, from CAMEO.goldsteinscale.txt."""
    scores: dict[str, float] = {}
    for line in _read("CAMEO.goldsteinscale.txt").splitlines()[1:]:
        if line.strip():
            code, score = line.split("\t")
            scores[code.strip()] = float(score)
    return scores


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO code (from the conversion table and the Goldstein file), keyed by its notation."""
    labels: dict[str, str] = {}
    plover: dict[str, list[str]] = {}
    modes: dict[str, str] = {}
    contexts: dict[str, tuple[str, ...]] = {}
    for line in _read("CAMEO2PLOVER-2021.txt").splitlines():
        m = _LINE.match(line.strip())
        if not m:
            continue
        code, mapping, comment = m.groups()
        parts = [p.strip() for p in mapping.split(",")]
        event = parts[0]
        if event and event not in plover.setdefault(code, []):
            plover[code].append(event)
        if comment and code not in labels:
            labels[code] = re.split(r"\s{2,}", comment.strip())[0].strip()
        if len(parts) > 1 and parts[1] and code not in modes:
            modes[code] = parts[1]
        if len(parts) > 2 and parts[2] and code not in contexts:
            contexts[code] = tuple(c.strip() for c in parts[2].split(";") if c.strip())
    scores = goldstein_scores()
    out: dict[str, CameoCode] = {}
    for code in sorted(set(labels) | set(plover) | set(scores) | set(SUPPLEMENTARY_LABELS)):
        label = labels.get(code) or SUPPLEMENTARY_LABELS.get(code)
        if label is None:
            raise ValueError(f"CAMEO code {code} has no name in the reference files")
        out[code] = CameoCode(
            code=code,
            label=label,
            goldstein=scores.get(code),
            quad_class=quad_class(code),
            plover=tuple(plover.get(code, ())),
            mode=modes.get(code),
            context=contexts.get(code, ()),
        )
    return out


def cameo_code(code: str) -> CameoCode | None:
    """The CAMEO code with this notation (e.g. "129"), or None."""
    return cameo_codes().get(str(code).strip())


@lru_cache(maxsize=1)
def plover_types() -> dict[str, PloverType]:
    """The PLOVER event types of the structured codebook, with their modes."""
    types: dict[str, PloverType] = {}
    rows = csv.DictReader(_read("PLOVER_structured_codebook_updated.csv").splitlines())
    for row in rows:
        name = row["event"].strip()
        t = types.setdefault(name, PloverType(name, row["event_def"].strip()))
        mode, mode_def = row["mode"].strip(), row["mode_def"].strip()
        if mode:
            t.modes.setdefault(mode, mode_def)
        elif mode_def:
            t.notes.append(mode_def)
    return types


def cameo_iri(code: str) -> URIRef:
    """The concept IRI of a CAMEO code (cameo:129)."""
    return CAMEO[code]


def plover_iri(name: str, mode: str | None = None) -> URIRef:
    """The concept IRI of a PLOVER event type (plover:REJECT) or of one of its modes (plover:REJECT-yield)."""
    return PLOVER[f"{name}-{mode}" if mode else name]


def _mode_slug(mode: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]+", "-", mode.strip()).strip("-")


def cameo_graph() -> Graph:
    """CAMEO codes and PLOVER event types (and modes) as two SKOS concept schemes, linked by skos matches."""
    g = Graph()
    g.bind("skos", SKOS)
    g.bind("cameo", CAMEO)
    g.bind("plover", PLOVER)
    g.bind("dkg", DKG)
    g.add((CAMEO_SCHEME, RDF.type, SKOS.ConceptScheme))
    g.add((CAMEO_SCHEME, SKOS.prefLabel, Literal("CAMEO event codes", lang="en")))
    g.add((CAMEO_SCHEME, RDFS.label, Literal("CAMEO event codes", lang="en")))
    g.add((CAMEO_SCHEME, RDFS.comment, Literal(
        "Conflict and Mediation Event Observations codes with GDELT Goldstein scores and QuadClass; names and "
        "PLOVER mappings from CAMEO2PLOVER-2021 (P. Schrodt, CC BY-SA 4.0).", lang="en")))  # fmt: skip
    g.add((PLOVER_SCHEME, RDF.type, SKOS.ConceptScheme))
    g.add((PLOVER_SCHEME, SKOS.prefLabel, Literal("PLOVER event types", lang="en")))
    g.add((PLOVER_SCHEME, RDFS.label, Literal("PLOVER event types", lang="en")))
    g.add((PLOVER_SCHEME, RDFS.comment, Literal(
        "Political Language Ontology for Verifiable Event Records: event types and modes, definitions from the "
        "PLOVER structured codebook (NGEC, MIT).", lang="en")))  # fmt: skip

    types = plover_types()
    mode_concepts: set[URIRef] = set()

    def add_mode(event: str, mode: str, definition: str | None) -> URIRef:
        iri = plover_iri(event, _mode_slug(mode))
        if iri not in mode_concepts:
            mode_concepts.add(iri)
            g.add((iri, RDF.type, SKOS.Concept))
            g.add((iri, SKOS.inScheme, PLOVER_SCHEME))
            g.add((iri, SKOS.broader, plover_iri(event)))
            g.add((iri, SKOS.notation, Literal(f"{event}/{mode}")))
            g.add((iri, SKOS.prefLabel, Literal(f"{event.title()}: {mode}", lang="en")))
            if definition:
                g.add((iri, SKOS.definition, Literal(definition, lang="en")))
        return iri

    names = set(types) | {p for c in cameo_codes().values() for p in c.plover}
    for name in sorted(names):
        iri = plover_iri(name)
        g.add((iri, RDF.type, SKOS.Concept))
        g.add((iri, SKOS.inScheme, PLOVER_SCHEME))
        g.add((iri, SKOS.topConceptOf, PLOVER_SCHEME))
        g.add((PLOVER_SCHEME, SKOS.hasTopConcept, iri))
        g.add((iri, SKOS.notation, Literal(name)))
        g.add((iri, SKOS.prefLabel, Literal(name.title(), lang="en")))
        t = types.get(name)
        if t:
            if t.definition:
                g.add((iri, SKOS.definition, Literal(t.definition, lang="en")))
            for note in t.notes:
                g.add((iri, SKOS.scopeNote, Literal(note, lang="en")))
            for mode, definition in t.modes.items():
                add_mode(name, mode, definition)

    for c in cameo_codes().values():
        iri = cameo_iri(c.code)
        g.add((iri, RDF.type, SKOS.Concept))
        g.add((iri, SKOS.inScheme, CAMEO_SCHEME))
        g.add((iri, SKOS.notation, Literal(c.code)))
        g.add((iri, SKOS.prefLabel, Literal(c.label, lang="en")))
        g.add((iri, RDFS.label, Literal(f"{c.code} {c.label}", lang="en")))
        g.add((iri, DKG.quadClass, Literal(c.quad_class, datatype=XSD.integer)))
        if c.goldstein is not None:
            g.add((iri, DKG.goldstein, Literal(Decimal(str(c.goldstein)), datatype=XSD.decimal)))
        if c.parent is None:
            g.add((iri, SKOS.topConceptOf, CAMEO_SCHEME))
            g.add((CAMEO_SCHEME, SKOS.hasTopConcept, iri))
        else:
            g.add((iri, SKOS.broader, cameo_iri(c.parent)))
        for event in c.plover:
            g.add((iri, SKOS.closeMatch, plover_iri(event)))
        if c.mode and c.plover:
            event = c.plover[0]
            definition = types[event].modes.get(c.mode) if event in types else None
            g.add((iri, SKOS.relatedMatch, add_mode(event, c.mode, definition)))
        for context in c.context:
            g.add((iri, DKG.ploverContext, Literal(context)))
    return g
