"""Validation plumbing of the write path: batch parts grouped by the subjects they claim, reports merged."""

from __future__ import annotations

import pyoxigraph as ox
from dkg.validation import (
    ValidationPart,
    ValidationReport,
    Violation,
    describe,
    join_parts,
    merge_reports,
    validation_groups,
)

CLAIMS = "https://ex.org/assertion/"
PROV = ox.NamedNode("https://ex.org/graph/provenance")
P = ox.NamedNode("https://ex.org/p")


def claim(subject: str, value: str, source: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"https://ex.org/{subject}"), P, ox.Literal(value), ox.NamedNode(CLAIMS + source))


def claimed(quads: list[ox.Quad], extra: list[ox.Quad] = ()) -> ValidationPart:
    """A part of claim quads (and provenance `extra`), described as the write path describes it."""
    everything = [*quads, *extra]
    return ValidationPart(everything, {q.subject.value for q in everything},
                          described=describe([(q.subject, q.predicate, q.object) for q in quads]))  # fmt: skip


RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
THING = "https://ex.org/Thing"


def typed(subject: str, source: str) -> ox.Quad:
    node, graph = ox.NamedNode(f"https://ex.org/{subject}"), ox.NamedNode(CLAIMS + source)
    return ox.Quad(node, RDF_TYPE, ox.NamedNode(THING), graph)


def part(source: str, *subjects: str) -> ValidationPart:
    """A source's part describing (typing, as every fact does) each subject."""
    prov = ox.Quad(ox.NamedNode(CLAIMS + source), P, ox.Literal("prov"), PROV)
    return claimed([q for s in subjects for q in (claim(s, source, source), typed(s, source))], [prov])


def test_parts_with_disjoint_claimed_subjects_share_a_group() -> None:
    groups = validation_groups([part("a", "e1"), part("b", "e2"), part("c", "e3")], CLAIMS)
    assert len(groups) == 1 and groups[0].members == [0, 1, 2] and groups[0].context == []
    assert len(groups[0].quads) == 9  # a claim, a type and a provenance quad each


def test_two_sources_of_one_subject_are_validated_apart_and_see_each_other_elsewhere() -> None:
    parts = [part("a", "veto", "draft"), part("b", "veto"), part("c", "other"), part("d", "veto")]
    link = ox.Quad(ox.NamedNode("https://ex.org/veto"), ox.NamedNode("https://ex.org/resolution"),
                   ox.NamedNode("https://ex.org/draft"), ox.NamedNode(CLAIMS + "b"))  # fmt: skip
    parts[1] = claimed([claim("veto", "b", "b"), typed("veto", "b"), link])
    groups = validation_groups(parts, CLAIMS)
    assert [g.members for g in groups] == [[0, 2], [1], [3]]
    second = groups[1]
    # b sees a's claims about the draft it points at, not the unrelated "other", and no other claim on the veto
    seen = {(q.subject.value.rsplit("/", 1)[1], q.object.value) for q in second.context}
    assert seen == {("draft", "a"), ("draft", THING)}
    fourth = {(q.subject.value.rsplit("/", 1)[1], q.object.value) for q in groups[2].context}
    assert fourth == set()  # d points at nothing else; the veto is its own subject


def test_a_source_that_only_adds_to_a_subject_sees_the_others_claims_on_it() -> None:
    """"China abstained" adds a member to a vote another article of the batch records: the vote is not its own
    subject (it does not type it), so it sees that article's claims on the vote (its type, its tally)."""
    vote = claimed([claim("vote", "11 in favour", "a"), typed("vote", "a")])
    position = claimed([claim("vote", "abstainer china", "b"), claim("position", "abstain", "b"),
                        typed("position", "b")])
    groups = validation_groups([vote, position], CLAIMS)
    assert [g.members for g in groups] == [[0], [1]]  # they describe the vote differently
    seen = {(q.subject.value.rsplit("/", 1)[1], q.object.value) for q in groups[1].context}
    assert seen == {("vote", "11 in favour"), ("vote", THING)}
    assert groups[0].context == []  # the vote's own source does not read the other's addition as its claim


def test_an_articles_assertions_about_one_subject_stay_together() -> None:
    """A vote and the positions recorded on it are validated in one part: they read each other's claims."""
    vote, position, event = (claimed([claim("vote", "type", "v")]),
                             claimed([claim("vote", "yes:china", "p1"), claim("position", "x", "p1")]),
                             claimed([claim("event", "y", "e")]))  # fmt: skip
    registration = ValidationPart([ox.Quad(ox.NamedNode("https://ex.org/article/1"), P, ox.Literal("t"), PROV)],
                                  {"https://ex.org/article/1"})  # fmt: skip
    parts = join_parts([vote, registration, position, event])
    assert sorted(len(p.quads) for p in parts) == [1, 1, 3]  # the article, the event, the vote with its position
    joined = next(p for p in parts if len(p.quads) == 3)
    assert {s.value.rsplit("/", 1)[1] for s in joined.described} == {"vote", "position"}
    assert len(joined.described[ox.NamedNode("https://ex.org/vote")]) == 2
    assert joined.focus == {"https://ex.org/vote", "https://ex.org/position"}


def test_merged_reports_conform_only_if_all_do() -> None:
    bad = Violation(focus="https://ex.org/veto", message="A veto must be cast by a permanent member.",
                    severity="Violation")  # fmt: skip
    warn = Violation(focus="https://ex.org/x", message="Just a warning about x.", severity="Warning")
    merged = merge_reports([ValidationReport(True, [warn]), ValidationReport(False, [bad, bad])])
    assert not merged.conforms and merged.violations == [bad, warn]
    assert "permanent member" in merged.turtle()
    assert merge_reports([ValidationReport(True, [warn])]).conforms


def test_sources_that_describe_a_subject_alike_share_a_group() -> None:
    """Two articles declaring the same district identically do not conflict; a different description does."""
    parts = [claimed([claim("district", "label", "a")]), claimed([claim("district", "label", "b")]),
             claimed([claim("district", "other label", "c")])]  # fmt: skip
    groups = validation_groups(parts, CLAIMS)
    assert [g.members for g in groups] == [[0, 1], [2]]


def test_neighbourhood_of_an_own_subject_leaves_out_other_sources_claims() -> None:
    """An event two sources describe: the other source's claims about it are left out, its triples outside claim
    graphs are kept; a place typed only in claims is still a hub (its incoming edges are not read)."""
    from dkg.validation import neighbourhood  # noqa: PLC0415

    store = ox.Store()
    event, place = ox.NamedNode("https://ex.org/event"), ox.NamedNode("https://ex.org/place")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    district = ox.NamedNode("https://w3id.org/dkg/ontology#District")
    store.extend([
        claim("event", "other source's date", "old"),
        ox.Quad(event, ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs"), ox.NamedNode("https://ex.org/e2"),
                ox.NamedNode("https://ex.org/graph/merges")),
        ox.Quad(event, P, ox.Literal("default graph"), ox.DefaultGraph()),
        ox.Quad(place, rdf_type, district, ox.NamedNode(CLAIMS + "old")),
        ox.Quad(ox.NamedNode("https://ex.org/elsewhere"), P, place, ox.NamedNode(CLAIMS + "x")),
    ])  # fmt: skip
    nodes = own = {event.value, place.value, "https://ex.org/new-event"}  # the last: a subject this write mints
    found = neighbourhood(store, nodes, claims_prefix=CLAIMS, own=own)
    objects = {t.object for t in found}
    assert ox.Literal("other source's date") not in objects
    assert {ox.NamedNode("https://ex.org/e2"), ox.Literal("default graph")} <= objects
    assert not any(t.subject == ox.NamedNode("https://ex.org/elsewhere") for t in found)
    # the fast path (the named graphs outside the claims are known, read graph by graph) reads the same
    outside = {g for g in store.named_graphs() if not g.value.startswith(CLAIMS)}
    types = {place.value: {district.value}}
    assert neighbourhood(store, nodes, claims_prefix=CLAIMS, own=own, own_types=types, graphs=outside) == \
        neighbourhood(store, nodes, claims_prefix=CLAIMS, own=own, own_types=types) != set()
