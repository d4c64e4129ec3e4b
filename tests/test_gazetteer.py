"""The shipped gazetteer: seed entities, Wikidata links, Security Council membership, resolution, RDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from dkg.gazetteer import GazetteerError, gazetteer_graph, load_gazetteer, read_gazetteer, resolve
from dkg.terms import DKG, SCHEMA, WD
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/dkg/id/"
WIKIDATA = {
    "actor/france": "Q142", "actor/russia": "Q159", "actor/syria": "Q858", "actor/turkey": "Q43",
    "actor/china": "Q148", "actor/united-nations": "Q1065", "actor/un-security-council": "Q37470",
    "actor/international-criminal-court": "Q47488", "place/aleppo": "Q41183", "place/paris": "Q90",
    "actor/vladimir-putin": "Q7747", "actor/francois-hollande": "Q157", "actor/recep-tayyip-erdogan": "Q39259",
}  # fmt: skip
SEED_IDS = [
    "actor/syrian-rebels",
    "actor/syrian-government-forces",
    "actor/russian-armed-forces",
    "actor/pro-government-armed-groups",
    "place/syria",
    "place/middle-east",
]


def by_id():
    return {e.id: e for e in load_gazetteer()}


def test_seed_entities_and_wikidata() -> None:
    entities = by_id()
    for eid, qid in WIKIDATA.items():
        assert entities[eid].wikidata == qid, eid
    for eid in SEED_IDS:
        assert eid in entities
    assert entities["actor/un-security-council"].type == "OrganisationOrgan"
    assert entities["actor/international-criminal-court"].type == "Court"
    assert entities["actor/syrian-rebels"].type == "ArmedGroup"
    assert entities["actor/russian-armed-forces"].forces_of == "actor/russia"
    assert entities["place/aleppo"].part_of == "place/syria"


def test_security_council_october_2016() -> None:
    on = date(2016, 10, 8)
    members = {
        e.slug
        for e in load_gazetteer()
        for m in e.member_of
        if m.organisation == "actor/un-security-council"
        and (m.start is None or m.start <= on)
        and (m.end is None or on <= m.end)
    }
    assert members == set(
        [
            "china",
            "france",
            "russia",
            "united-kingdom",
            "united-states",
            "angola",
            "egypt",
            "japan",
            "malaysia",
            "new-zealand",
            "senegal",
            "spain",
            "ukraine",
            "uruguay",
            "venezuela",
        ]
    )
    permanent = {
        e.slug
        for e in load_gazetteer()
        for m in e.member_of
        if m.organisation == "actor/un-security-council" and m.permanent and (m.end is None or on <= m.end)
    }
    assert permanent == {"china", "france", "russia", "united-kingdom", "united-states"}
    ever = {e.slug for e in load_gazetteer() if "actor/un-security-council" in e.permanent_member_of}
    assert ever == permanent | {"soviet-union"}  # the USSR's seat passed to Russia in 1991
    assert by_id()["actor/un-security-council"].member_count == 15


def test_offices() -> None:
    hollande = by_id()["actor/francois-hollande"]
    (term,) = [t for t in hollande.offices if t.of == "actor/france"]
    assert term.holds(date(2016, 10, 10)) and not term.holds(date(2017, 6, 1))
    assert term.office_path == "office/head-of-state-of-france"


@pytest.mark.parametrize(
    ("key", "kind", "expected"),
    [
        ("france", None, "actor/france"),
        ("actor/france", None, "actor/france"),
        ("France", None, "actor/france"),
        ("French Republic", None, "actor/france"),
        ("French", None, "actor/france"),
        ("syria", "place", "place/syria"),
        ("syria", None, "actor/syria"),
        ("ICC", None, "actor/international-criminal-court"),
        ("UN Security Council", None, "actor/un-security-council"),
        ("Erdoğan", None, "actor/recep-tayyip-erdogan"),
        ("erdogan", None, "actor/recep-tayyip-erdogan"),
        ("Q41183", None, "place/aleppo"),
        (BASE + "place/paris", None, "place/paris"),
    ],
)
def test_resolve(key: str, kind: str | None, expected: str) -> None:
    found = resolve(key, kind=kind)
    assert found is not None and found.id == expected


def test_resolve_unknown() -> None:
    assert resolve("Atlantis") is None


def test_graph() -> None:
    g = gazetteer_graph(BASE)
    france = URIRef(BASE + "actor/france")
    unsc = URIRef(BASE + "actor/un-security-council")
    assert (france, RDF.type, DKG.State) in g
    assert (france, OWL.sameAs, WD.Q142) in g
    assert (france, RDFS.label, Literal("France", lang="en")) in g
    assert (france, SKOS.altLabel, Literal("French Republic", lang="en")) in g
    assert (france, DKG.permanentMemberOf, unsc) in g
    assert (URIRef(BASE + "actor/russia"), DKG.permanentMemberOf, unsc) in g
    assert (unsc, DKG.memberCount, Literal(15, datatype=XSD.integer)) in g
    assert (unsc, DKG.partOf, URIRef(BASE + "actor/united-nations")) in g
    # the territory links to Wikidata without owl:sameAs, which would merge state and territory
    assert (URIRef(BASE + "place/france"), SCHEMA.sameAs, WD.Q142) in g
    assert (URIRef(BASE + "place/france"), OWL.sameAs, WD.Q142) not in g
    angola = URIRef(BASE + "actor/angola/membership/un-security-council-2015")
    assert (angola, DKG.validTo, Literal("2016-12-31", datatype=XSD.date)) in g
    term = URIRef(BASE + "actor/vladimir-putin/term/head-of-state-of-russia-2012")
    assert (term, DKG.holder, URIRef(BASE + "actor/vladimir-putin")) in g
    assert (URIRef(BASE + "office/head-of-state-of-russia"), RDFS.label, Literal("President of Russia", lang="en")) in g
    assert not [t for t in g if any(isinstance(x, BNode) for x in t)]
    # each Wikidata item names at most one entity via owl:sameAs
    same = [o for o in g.objects(None, OWL.sameAs)]
    assert len(same) == len(set(same))


def test_graph_conforms_to_shapes() -> None:
    from importlib import resources

    import pyshacl
    from rdflib import Graph

    shapes = Graph().parse(str(resources.files("dkg.shapes") / "dkg-shapes.ttl"))
    onto = Graph().parse(str(resources.files("dkg.ontology") / "dkg.ttl"))
    conforms, _, text = pyshacl.validate(gazetteer_graph(BASE), shacl_graph=shapes, ont_graph=onto,
                                         inference="none", advanced=True, allow_warnings=True)  # fmt: skip
    assert conforms, text


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "gazetteer-test.yaml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("actors:\n- {id: actor/x, type: Planet, label: X}\n", "unknown type"),
        ("actors:\n- {id: actor/x, type: State}\n", "label is required"),
        ("actors:\n- {id: actor/x, type: State, label: X, capital: place/nowhere}\n", "unknown entity place/nowhere"),
        ("actors:\n- {id: actor/x, type: State, label: X, wikidata: 142}\n", "Q-id"),
        ("actors:\n- {id: actor/x, type: State, label: X, colour: red}\n", "unknown keys"),
        (
            "actors:\n- {id: actor/x, type: State, label: X, wikidata: Q1}\n"
            "- {id: actor/x, type: State, wikidata: Q2}\n",
            "conflicts",
        ),
        (
            "actors:\n- {id: actor/x, type: Person, label: X, positions: [{role: r, of: actor/x, from: 2016-13-01}]}\n",
            "not a date",
        ),
    ],
)
def test_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(GazetteerError, match=message):
        read_gazetteer([write(tmp_path, text)])


def test_merge_across_files(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text("actors:\n- {id: actor/x, type: Organization, label: X, aliases: [XX]}\n", encoding="utf-8")
    b.write_text("actors:\n- {id: actor/x, type: IntergovernmentalOrganisation, label: Ex, aliases: [Y]}\n"
                 "- {id: actor/s, type: State, label: S, member_of: [{of: actor/x, from: 2000-01-01}]}\n",
                 encoding="utf-8")  # fmt: skip
    x, s = read_gazetteer([a, b])
    assert x.label == "X" and x.aliases == ["XX", "Ex", "Y"]
    assert s.member_of[0].organisation == "actor/x" and s.member_of[0].start == date(2000, 1, 1)
