"""The SHACL shapes: well-formed, and each one accepts a conforming example and rejects a broken one."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF, SH

DKGSH = Namespace("https://w3id.org/dkg/shapes#")
SHAPES_ONTOLOGY = URIRef("https://w3id.org/dkg/shapes")
BASE = "https://w3id.org/dkg/id/"
WORLD = Path(__file__).parent / "shapes" / "world.ttl"
PREFIXES = """
PREFIX dkg: <https://w3id.org/dkg/ontology#>
PREFIX id: <https://w3id.org/dkg/id/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(str(resources.files("dkg.shapes") / "dkg-shapes.ttl"), format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(str(resources.files("dkg.ontology") / "dkg.ttl"), format="turtle")


def validate(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph]:
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True, allow_warnings=True
    )
    return conforms, report


def owner(shapes: Graph, shape) -> URIRef:
    """The named node shape a (possibly anonymous) source shape belongs to."""
    for _ in range(4):
        if isinstance(shape, URIRef):
            return shape
        parent = next(shapes.subjects(SH.property, shape), None) or next(shapes.subjects(SH.sparql, shape), None)
        if parent is None:
            break
        shape = parent
    return shape


def failing_shapes(report: Graph, shapes: Graph) -> dict[URIRef, list[str]]:
    out: dict[URIRef, list[str]] = {}
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        shape = owner(shapes, report.value(result, SH.sourceShape))
        out.setdefault(shape, []).append(str(report.value(result, SH.resultMessage)))
    return out


def world() -> Graph:
    return Graph().parse(WORLD, format="turtle")


def break_world(update: str) -> Graph:
    """The conforming world with `update` applied (`id:a\\/b` abbreviates <{BASE}a/b>)."""
    g = world()
    g.update(PREFIXES + re.sub(r"id:((?:[\w.-]|\\/)+)", lambda m: f"<{BASE}{m.group(1).replace(chr(92), '')}>", update))
    return g


def only(shapes: Graph, shape: URIRef) -> Graph:
    """The shapes graph reduced to one node shape (with its blank nodes, referenced shapes and prefixes)."""
    out = Graph()
    todo, seen = [shape, SHAPES_ONTOLOGY], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for s, p, o in shapes.triples((node, None, None)):
            out.add((s, p, o))
            if isinstance(o, BNode) or p == SH.node:
                todo.append(o)
    return out


def test_shapes_graph_is_valid_shacl(shapes: Graph) -> None:
    shacl_shacl = Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl"
    conforms, _, text = pyshacl.validate(shapes, shacl_graph=Graph().parse(shacl_shacl), inference="none")
    assert conforms, text


def test_world_conforms(shapes: Graph, ontology: Graph) -> None:
    conforms, report = validate(world(), shapes, ontology)
    assert conforms, report.serialize(format="turtle") if isinstance(report, Graph) else report


# shape -> SPARQL update that breaks the conforming world in the way that shape must catch
BREAKS: dict[str, str] = {
    "EventShape": "DELETE DATA { id:event\\/veto dkg:modality dkg:Completed } ;"
    " INSERT DATA { id:event\\/veto dkg:modality dkg:Announced, dkg:Completed }",
    "EventTypeShape": "INSERT DATA { id:event\\/bare a dkg:Event ; dkg:modality dkg:Completed }",
    "ValidTimeShape": 'DELETE DATA { id:event\\/veto dkg:validTo "2016-10-08"^^xsd:date } ;'
    ' INSERT DATA { id:event\\/veto dkg:validTo "2016-10-09"^^xsd:date }',
    "StatementShape": "DELETE WHERE { id:event\\/statement dkg:agent ?a }",
    "ReferralShape": "DELETE WHERE { id:event\\/referral dkg:court ?c }",
    "VetoShape": "INSERT DATA { id:event\\/veto dkg:resolution id:resolution\\/s-2016-100 }",
    "VoteShape": "DELETE WHERE { id:vote\\/s-2016-846 dkg:resolution ?r }",
    "VotePositionShape": "DELETE DATA { id:event\\/china-abstains dkg:position dkg:Abstain } ;"
    " INSERT DATA { id:event\\/china-abstains dkg:position dkg:Truce }",
    "DraftResolutionShape": "INSERT DATA { id:resolution\\/s-2016-846 dkg:outcome dkg:Adopted }",
    "ResolutionDraftedShape": "DELETE WHERE { id:event\\/drafted dkg:resolution ?r }",
    "ResolutionFailedShape": "DELETE WHERE { id:event\\/failed dkg:resolution ?r }",
    "ResolutionAdoptedShape": "DELETE WHERE { id:event\\/adopted dkg:forum ?f }",
    "AgreementShape": "DELETE DATA { id:event\\/agreement dkg:participant id:actor\\/turkey }",
    "MeetingShape": "DELETE DATA { id:event\\/meeting dkg:participant id:actor\\/vladimir-putin }",
    "MilitaryOffensiveShape": "DELETE WHERE { id:event\\/offensive dkg:agent ?a }",
    "AirStrikeShape": "DELETE WHERE { id:event\\/air-strike dkg:place ?p }",
    "ShellingShape": "DELETE WHERE { id:event\\/shelling dkg:place ?p }",
    "MilitaryMovementShape": 'INSERT DATA { id:event\\/movement dkg:direction "north" }',
    "TerritorialControlChangeShape": "DELETE WHERE { id:event\\/advance dkg:place ?p }",
    "CasualtyReportShape": "INSERT DATA { id:event\\/casualties dkg:countQualifier dkg:Exactly }",
    "CasualtyCountShape": "DELETE WHERE { id:event\\/casualties\\/breakdown\\/1 dkg:victimCategory ?c }",
    "CasualtyBreakdownWithinTotalShape": "DELETE DATA { id:event\\/casualties\\/breakdown\\/1 dkg:casualtyCount 57 } ;"
    " INSERT DATA { id:event\\/casualties\\/breakdown\\/1 dkg:casualtyCount 300 }",
    "MilitaryBaseAnnouncementShape": "DELETE WHERE { id:event\\/base dkg:place ?p }",
    "OppositionShape": "DELETE WHERE { id:event\\/opposition dkg:target ?t }",
    "CondemnationShape": "DELETE WHERE { id:event\\/condemnation dkg:about ?t }",
    "AidCooperationShape": "DELETE WHERE { id:event\\/aid dkg:place ?p }",
    "SupportShape": "DELETE WHERE { id:event\\/support dkg:beneficiary ?b }",
    "VetoByPermanentMemberShape": "DELETE DATA { id:actor\\/russia dkg:permanentMemberOf"
    " id:actor\\/un-security-council }",
    "VetoedDraftNotAdoptedShape": "DELETE DATA { id:resolution\\/s-2016-846 dkg:outcome dkg:Vetoed } ;"
    " INSERT DATA { id:resolution\\/s-2016-846 dkg:outcome dkg:Adopted }",
    "OnePositionPerMemberShape": "INSERT DATA { id:event\\/china-favours a dkg:VotePosition ;"
    " dkg:modality dkg:Completed ; dkg:agent id:actor\\/china ; dkg:vote id:vote\\/s-2016-846 ;"
    " dkg:position dkg:InFavour }",
    "VoteCountWithinMembershipShape": "DELETE DATA { id:vote\\/s-2016-846 dkg:inFavourCount 11 } ;"
    " INSERT DATA { id:vote\\/s-2016-846 dkg:inFavourCount 12 }",
    "ActorShape": "DELETE WHERE { id:actor\\/turkey rdfs:label ?l }",
    "StateShape": 'INSERT DATA { id:actor\\/france dkg:iso3166Alpha2 "fr" }',
    "PersonShape": "INSERT DATA { id:actor\\/vladimir-putin dkg:holdsOffice id:actor\\/russia }",
    "OrganisationShape": "INSERT DATA { id:actor\\/un-security-council dkg:memberCount 0 }",
    "IntergovernmentalOrganisationShape": "INSERT DATA { id:actor\\/vladimir-putin dkg:memberOf"
    " id:actor\\/united-nations }",
    "OrganisationOrganShape": "DELETE WHERE { id:actor\\/un-security-council dkg:partOf ?o }",
    "CourtShape": "DELETE WHERE { id:actor\\/international-criminal-court rdfs:label ?l }",
    "ArmedGroupShape": "INSERT DATA { id:actor\\/syrian-rebels dkg:alliedWith id:place\\/aleppo }",
    "ArmedForcesShape": "INSERT DATA { id:actor\\/russian-armed-forces dkg:forcesOf id:actor\\/syrian-rebels }",
    "OfficeShape": "DELETE WHERE { id:office\\/president-of-russia dkg:officeOf ?a }",
    "OfficeTermShape": "DELETE WHERE { id:actor\\/vladimir-putin\\/term\\/president-of-russia-2012 dkg:holder ?h }",
    "MembershipShape": "DELETE DATA { id:actor\\/angola\\/membership\\/un-security-council-2015"
    ' dkg:validTo "2016-12-31"^^xsd:date } ; INSERT DATA {'
    ' id:actor\\/angola\\/membership\\/un-security-council-2015 dkg:validTo "2014-12-31"^^xsd:date }',
    "PlaceShape": "DELETE WHERE { id:place\\/middle-east rdfs:label ?l }",
    "CountryShape": "INSERT DATA { id:place\\/france dkg:partOf id:place\\/paris }",
    "CityShape": "DELETE WHERE { id:place\\/aleppo dkg:partOf ?p }",
    "DistrictShape": "DELETE WHERE { id:place\\/said-aleppo dkg:partOf ?p }",
    "RegionShape": "INSERT DATA { id:place\\/middle-east dkg:partOf id:actor\\/russia }",
    "AssertionShape": "DELETE WHERE { id:assertion\\/a1 prov:wasDerivedFrom ?a }",
    "AssertionEvidenceShape": "DELETE DATA { id:assertion\\/a1\\/evidence\\/1\\/position oa:start"
    ' "0"^^xsd:nonNegativeInteger } ; INSERT DATA { id:assertion\\/a1\\/evidence\\/1\\/position oa:start'
    ' "1"^^xsd:nonNegativeInteger }',
    "EvidenceShape": "DELETE WHERE { id:assertion\\/a1\\/evidence\\/1 oa:hasBody ?b }",
    "EvidenceTargetShape": "DELETE DATA { id:assertion\\/a1\\/evidence\\/1\\/target oa:hasSelector"
    " id:assertion\\/a1\\/evidence\\/1\\/position }",
    "TextQuoteSelectorShape": 'INSERT DATA { id:assertion\\/a1\\/evidence\\/1\\/quote oa:exact "Russia" }',
    "TextPositionSelectorShape": "INSERT DATA { id:assertion\\/a1\\/evidence\\/1\\/position oa:end 27 }",
    "ArticleShape": "DELETE WHERE { id:article\\/0123456789abcdef dkg:sha256 ?h }",
}


def test_every_shape_has_a_breaking_example(shapes: Graph) -> None:
    named = {str(s).removeprefix(str(DKGSH)) for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    assert named == set(BREAKS)


@pytest.mark.parametrize("shape", sorted(BREAKS))
def test_shape_accepts_conforming_and_rejects_broken(shape: str, shapes: Graph, ontology: Graph) -> None:
    one = only(shapes, DKGSH[shape])
    conforming = world()
    conforms, report = validate(conforming, one, ontology)
    assert conforms, failing_shapes(report, one)

    broken = break_world(BREAKS[shape])
    assert set(broken) != set(conforming), "the update changed nothing"
    conforms, report = validate(broken, one, ontology)
    assert not conforms
    failing = failing_shapes(report, one)
    assert DKGSH[shape] in failing, failing
    for message in failing[DKGSH[shape]]:
        assert len(message) > 20 and message[0].isupper()


def test_veto_message_names_member_and_forum(shapes: Graph, ontology: Graph) -> None:
    broken = break_world(BREAKS["VetoByPermanentMemberShape"])
    _, report = validate(broken, shapes, ontology)
    (message,) = failing_shapes(report, shapes)[DKGSH.VetoByPermanentMemberShape]
    assert message.startswith("A veto must be cast by a permanent member of the forum")
    assert "actor/russia" in message and "actor/un-security-council" in message


def test_two_positions_via_vote_shortcuts(shapes: Graph, ontology: Graph) -> None:
    """The rule also sees positions recorded on the vote itself (what the store neighbourhood provides)."""
    g = break_world("INSERT DATA { id:vote\\/s-2016-846 dkg:yesVoter id:actor\\/china }")
    _, report = validate(g, shapes, ontology)
    messages = failing_shapes(report, shapes)[DKGSH.OnePositionPerMemberShape]
    assert any("actor/china" in m for m in messages)


def test_more_listed_voters_than_count(shapes: Graph, ontology: Graph) -> None:
    g = break_world("INSERT DATA { id:vote\\/s-2016-846 dkg:noVoter id:actor\\/turkey, id:actor\\/syria }")
    _, report = validate(g, shapes, ontology)
    messages = failing_shapes(report, shapes)[DKGSH.VoteCountWithinMembershipShape]
    assert any("against" in m for m in messages)


def test_integer_offsets_accepted(shapes: Graph, ontology: Graph) -> None:
    """Offsets typed xsd:integer (plain Turtle numbers) are as good as xsd:nonNegativeInteger."""
    g = break_world(
        "DELETE WHERE { id:assertion\\/a1\\/evidence\\/1\\/position oa:start ?s ; oa:end ?e } ;"
        " INSERT DATA { id:assertion\\/a1\\/evidence\\/1\\/position oa:start 0 ; oa:end 26 }"
    )
    conforms, report = validate(g, shapes, ontology)
    assert conforms, report.serialize(format="turtle") if isinstance(report, Graph) else report


@pytest.mark.parametrize(
    "update",
    [
        "DELETE WHERE { id:assertion\\/a1\\/evidence\\/1\\/target oa:hasSource ?s }",
        "DELETE WHERE { id:assertion\\/a1\\/evidence\\/1\\/quote a ?t }",
        "DELETE WHERE { id:assertion\\/a1\\/evidence\\/1\\/position a ?t }",
        "DELETE WHERE { id:assertion\\/a1\\/evidence\\/1 oa:hasBody ?b }",
    ],
)
def test_evidence_must_annotate_a_span_of_the_source(update: str, shapes: Graph, ontology: Graph) -> None:
    """Evidence whose target lacks its source, a quote or a position selector is refused by the assertion rule."""
    _, report = validate(break_world(update), shapes, ontology)
    messages = failing_shapes(report, shapes).get(DKGSH.AssertionEvidenceShape, [])
    assert any("must be an annotation whose body is the assertion" in m for m in messages), messages
