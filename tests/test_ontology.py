"""The OWL ontology: well-formed, documented, consistent under OWL RL, and declaring every term dkg uses."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import owlrl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

DKG = Namespace("https://w3id.org/dkg/ontology#")
ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_IRI = URIRef("https://w3id.org/dkg/ontology")
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")

EVENT_CLASSES = [
    "Statement",
    "Referral",
    "Veto",
    "Vote",
    "VotePosition",
    "ResolutionDrafted",
    "ResolutionFailed",
    "ResolutionAdopted",
    "Agreement",
    "Meeting",
    "MilitaryOffensive",
    "AirStrike",
    "Shelling",
    "MilitaryMovement",
    "TerritorialControlChange",
    "CasualtyReport",
    "MilitaryBaseAnnouncement",
    "Opposition",
    "Condemnation",
    "AidCooperation",
]
ENTITY_CLASSES = [
    "Actor",
    "State",
    "Person",
    "Office",
    "IntergovernmentalOrganisation",
    "OrganisationOrgan",
    "Court",
    "ArmedGroup",
    "ArmedForces",
    "Place",
    "Country",
    "City",
    "District",
    "Region",
    "Assertion",
    "Evidence",
    "Article",
    "DraftResolution",
]
ROLES = [
    "agent",
    "target",
    "participant",
    "beneficiary",
    "forum",
    "place",
    "court",
    "resolution",
    "sponsor",
    "perpetrator",
    "supporter",
    "topic",
]
DESIGN_PROPERTIES = [
    "assertedAtVersion",
    "retractedAtVersion",
    "retractionReason",
    "hasEvidence",
    "method",
    "confidence",
    "extractor",
    "text",
    "sha256",
    "modality",
    "cameoCode",
    "quadClass",
    "goldstein",
    "date",
    "month",
    "since",
    "validFrom",
    "validTo",
    "datePrecision",
    "dateAnchor",
    "negated",
]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(str(resources.files("dkg.ontology") / "dkg.ttl"), format="turtle")


def declared(g: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual,
             SKOS.ConceptScheme, SKOS.Concept)  # fmt: skip
    return {s for k in kinds for s in g.subjects(RDF.type, k) if isinstance(s, URIRef)}


def test_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert str(onto.value(ONTOLOGY_IRI, OWL.versionIRI)).startswith("https://w3id.org/dkg/ontology/")
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) is not None
    assert onto.value(ONTOLOGY_IRI, RDFS.comment) is not None


def test_every_term_has_label_and_comment(onto: Graph) -> None:
    missing = [t for t in declared(onto) if onto.value(t, RDFS.label) is None or onto.value(t, RDFS.comment) is None]
    assert not missing, missing
    dkg_subjects = {s for s in onto.subjects() if isinstance(s, URIRef) and s.startswith(str(DKG))}
    assert dkg_subjects <= declared(onto), dkg_subjects - declared(onto)


def test_required_classes_and_roles(onto: Graph) -> None:
    for name in EVENT_CLASSES:
        assert (DKG[name], RDFS.subClassOf, DKG.Event) in onto, name
    for name in ENTITY_CLASSES:
        assert (DKG[name], RDF.type, OWL.Class) in onto, name
    for name in ROLES:
        assert (DKG[name], RDFS.subPropertyOf, DKG.involves) in onto, name
    for name in DESIGN_PROPERTIES:
        assert DKG[name] in declared(onto), name
    for name in ["Announced", "Planned", "Considered", "Completed", "Reported", "Failed"]:
        assert (DKG[name], SKOS.inScheme, DKG.ModalityScheme) in onto
        assert (DKG[name], RDF.type, DKG.Modality) in onto
    for name in ["InFavour", "Against", "Abstain"]:
        assert (DKG[name], RDF.type, DKG.VoteChoice) in onto
    for name in ["DayPrecision", "MonthPrecision", "OpenInterval"]:
        assert (DKG[name], RDF.type, DKG.DatePrecision) in onto
    for name in ["WarCrimes", "HumanitarianAid", "Truce", "AirStrikes", "MilitaryContacts"]:
        assert (DKG[name], RDF.type, DKG.Topic) in onto


def test_alignment(onto: Graph) -> None:
    prov = Namespace("http://www.w3.org/ns/prov#")
    oa = Namespace("http://www.w3.org/ns/oa#")
    sem = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    assert (DKG.Assertion, RDFS.subClassOf, prov.Entity) in onto
    assert (DKG.Evidence, RDFS.subClassOf, oa.Annotation) in onto
    assert (DKG.Event, RDFS.subClassOf, sem.Event) in onto
    assert (DKG.Modality, RDFS.subClassOf, SKOS.Concept) in onto
    assert (DKG.validFrom, RDFS.subPropertyOf, sem.hasEarliestBeginTimeStamp) in onto
    assert (DKG.DayPrecision, SKOS.closeMatch, URIRef("http://www.w3.org/2006/time#unitDay")) in onto


def test_class_level_codes(onto: Graph) -> None:
    """Coded event classes carry a CAMEO concept, a QuadClass that matches its root, and its Goldstein score."""
    from dkg.codes import goldstein_scores, quad_class

    scores = goldstein_scores()
    assert onto.value(DKG.Veto, DKG.cameoCode) == URIRef("https://w3id.org/dkg/cameo/129")
    coded = 0
    for cls in onto.subjects(RDFS.subClassOf, DKG.Event):
        assert onto.value(cls, DKG.quadClass) is not None or cls in {
            DKG.Vote, DKG.VotePosition, DKG.ResolutionDrafted, DKG.ResolutionFailed, DKG.ResolutionAdopted
        }, cls  # fmt: skip
        code = onto.value(cls, DKG.cameoCode)
        if code is None:
            continue
        coded += 1
        notation = str(code).rsplit("/", 1)[1]
        assert onto.value(cls, DKG.quadClass).toPython() == quad_class(notation), cls
        assert float(onto.value(cls, DKG.goldstein).toPython()) == scores[notation], cls
    assert coded >= 15


def _closure(g: Graph) -> Graph:
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return g


def _assert_consistent(g: Graph) -> None:
    assert not list(g.subjects(RDF.type, OWL.Nothing))
    errors = [str(m) for m in g.objects(None, ERR.error)]
    assert not errors, errors


def test_owl_rl_consistent(onto: Graph) -> None:
    g = Graph()
    g += onto
    _assert_consistent(_closure(g))


def test_owl_rl_detects_inconsistency(onto: Graph) -> None:
    """The disjointness axioms have teeth: something both an actor and a place is flagged."""
    g = Graph()
    g += onto
    x = URIRef("https://w3id.org/dkg/id/actor/x")
    g.add((x, RDF.type, DKG.State))
    g.add((x, RDF.type, DKG.City))
    _closure(g)
    assert list(g.objects(None, ERR.error))


def test_owl_rl_consistent_with_data(onto: Graph) -> None:
    """Ontology + gazetteer + the compiled seed sheet + the shapes test world stay consistent under OWL RL."""
    from dkg.factsheet import load_sheet
    from dkg.gazetteer import gazetteer_graph

    base = "https://w3id.org/dkg/id/"
    g = Graph()
    g += onto
    g += gazetteer_graph(base)
    for draft in load_sheet(ROOT / "examples" / "aleppo-2016.yaml", base=base).assertions:
        g += draft.facts
    g.parse(ROOT / "tests" / "shapes" / "world.ttl", format="turtle")
    _closure(g)
    _assert_consistent(g)
    # role sub-properties roll up to dkg:involves
    veto = URIRef(base + "event/russia-veto-s-2016-846")
    assert (veto, DKG.involves, URIRef(base + "actor/russia")) in g


TERM = re.compile(r"(?<![\w:/#.-])dkg:([A-Za-z][A-Za-z0-9_]*)")
PY_TERM = re.compile(r"\bDKG(?:\.([A-Za-z][A-Za-z0-9_]*)|\[\"([A-Za-z][A-Za-z0-9_]*)\"\])")


def _used_terms() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}

    def note(name: str, where: str) -> None:
        used.setdefault(name, set()).add(where)

    files = [*ROOT.glob("shapes/*.ttl"), *ROOT.glob("docs/queries/*.rq"), *ROOT.glob("docs/*.md"),
             *ROOT.glob("graph/**/*.py"), *ROOT.glob("api/**/*.py")]  # fmt: skip
    for path in files:
        text = path.read_text(encoding="utf-8")
        for m in TERM.finditer(text):
            note(m.group(1), path.name)
        if path.suffix == ".py":
            for m in PY_TERM.finditer(text):
                note(m.group(1) or m.group(2), path.name)
    return used


def test_every_used_term_is_declared(onto: Graph) -> None:
    from dkg.factsheet import load_sheet

    names = {str(t).removeprefix(str(DKG)) for t in declared(onto) if t.startswith(str(DKG))}
    used = _used_terms()
    for draft in load_sheet(ROOT / "examples" / "aleppo-2016.yaml", base="https://w3id.org/dkg/id/").assertions:
        for triple in draft.facts:
            for term in triple:
                if isinstance(term, URIRef) and term.startswith(str(DKG)):
                    used.setdefault(term.removeprefix(str(DKG)), set()).add("aleppo-2016.yaml")
    assert "Veto" in used and "agent" in used
    undeclared = {name: sorted(where) for name, where in used.items() if name not in names}
    assert not undeclared, undeclared


def test_no_blank_nodes(onto: Graph) -> None:
    """The ontology is loaded into the log as reference data, where no blank node may enter."""
    assert not [t for t in onto if any(not isinstance(x, URIRef | Literal) for x in t)]


def test_jsonld_context_covers_every_term(onto: Graph) -> None:
    path = resources.files("dkg.ontology") / "context.jsonld"
    context = json.loads(path.read_text(encoding="utf-8"))["@context"]
    ids = set()
    for value in context.values():
        if isinstance(value, str):
            ids.add(value)
        elif isinstance(value, dict) and "@id" in value:
            ids.add(value["@id"])
    dkg_terms = {f"dkg:{str(t).removeprefix(str(DKG))}" for t in declared(onto) if t.startswith(str(DKG))}
    assert dkg_terms <= ids, dkg_terms - ids
    doc = {
        "@context": context,
        "@id": "id:event/v",
        "@type": "Veto",
        "agent": "id:actor/russia",
        "modality": "Completed",
        "date": "2016-10-08",
        "ordinal": 5,
    }
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    ev = URIRef("https://w3id.org/dkg/id/event/v")
    assert (ev, RDF.type, DKG.Veto) in g
    assert (ev, DKG.agent, URIRef("https://w3id.org/dkg/id/actor/russia")) in g
    assert (ev, DKG.modality, DKG.Completed) in g
    assert (ev, DKG.date, Literal("2016-10-08", datatype=XSD.date)) in g


def test_guide_documents_every_term(onto: Graph) -> None:
    guide = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    missing = [t for t in declared(onto) if t.startswith(str(DKG)) and f"`dkg:{t.removeprefix(str(DKG))}`" not in guide]
    assert not missing, missing
