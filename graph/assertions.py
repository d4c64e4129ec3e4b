"""Provenance RDF for assertions and articles, exactly as docs/design.md specifies.

An assertion is one source's claim: its facts live in their own named graph; who asserted it, from which
article, with which quoted evidence and at which log version is written to the provenance graph.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from functools import lru_cache

import pyoxigraph as ox
from dkg.drafts import ArticleRecord, AssertionDraft
from dkg.events import format_timestamp
from dkg.normalize import canonical_literal
from dkg.terms import DKG, OA, SCHEMA
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD


def new_assertion_iri(base: str) -> str:
    """A fresh assertion IRI (it is also the name of the assertion's graph)."""
    return f"{base}assertion/{uuid.uuid4()}"


def claim_digest(article_sha256: str, facts_nquads: list[str], draft: AssertionDraft) -> str:
    """The identity of a claim: same source, same fact triples, same evidence spans (order-free)."""
    h = hashlib.sha256(article_sha256.encode())
    for line in sorted(facts_nquads):
        h.update(line.encode())
    for ev in sorted((e.start, e.end) for e in draft.evidence):
        h.update(f"{ev[0]}:{ev[1]};".encode())
    return h.hexdigest()


def _iri(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


_TYPE = _iri(RDF.type)
_ASSERTION, _ARTICLE, _EVIDENCE = _iri(DKG.Assertion), _iri(DKG.Article), _iri(DKG.Evidence)
_DERIVED, _ATTRIBUTED, _GENERATED = _iri(PROV.wasDerivedFrom), _iri(PROV.wasAttributedTo), _iri(PROV.generatedAtTime)
_AT_VERSION, _METHOD, _CONFIDENCE = _iri(DKG.assertedAtVersion), _iri(DKG.method), _iri(DKG.confidence)
_EXTRACTOR, _DIGEST, _HAS_EVIDENCE = _iri(DKG.extractor), _iri(DKG.claimDigest), _iri(DKG.hasEvidence)
_AUTOMATIC, _MANUAL = _iri(DKG.AutomaticExtraction), _iri(DKG.ManualCuration)
_ANNOTATION, _BODY, _TARGET = _iri(OA.Annotation), _iri(OA.hasBody), _iri(OA.hasTarget)
_SPECIFIC, _SOURCE, _SELECTOR = _iri(OA.SpecificResource), _iri(OA.hasSource), _iri(OA.hasSelector)
_QUOTE_SEL, _EXACT, _POSITION_SEL = _iri(OA.TextQuoteSelector), _iri(OA.exact), _iri(OA.TextPositionSelector)
_START, _END = _iri(OA.start), _iri(OA.end)
_AGENT, _LABEL = _iri(PROV.Agent), _iri(RDFS.label)
_XSD_INTEGER, _XSD_NNI = str(XSD.integer), str(XSD.nonNegativeInteger)
_XSD_DATE, _XSD_DATETIME, _XSD_DECIMAL = str(XSD.date), str(XSD.dateTime), str(XSD.decimal)


def _typed(lexical: str, datatype: str) -> ox.Literal:
    return canonical_literal(lexical, datatype, None)


def article_quads(article: ArticleRecord, base: str, graph: str) -> list[ox.Quad]:
    """The article's metadata and full text (kept so evidence offsets can be checked), in `graph`."""
    g = ox.NamedNode(graph)
    a = ox.NamedNode(article.iri(base))
    out = [
        ox.Quad(a, _TYPE, _ARTICLE, g),
        ox.Quad(a, _iri(DKG.text), ox.Literal(article.text), g),
        ox.Quad(a, _iri(DKG.sha256), ox.Literal(article.sha256), g),
    ]
    if article.title:
        out.append(ox.Quad(a, _iri(DCTERMS.title), ox.Literal(article.title), g))
    if article.url:
        out.append(ox.Quad(a, _iri(SCHEMA.url), ox.NamedNode(article.url), g))
    if article.published:
        out.append(ox.Quad(a, _iri(DCTERMS.issued), _typed(article.published.isoformat(), _XSD_DATE), g))
    return out


def agent_quads(base: str, principal: str, graph: ox.NamedNode) -> tuple[ox.NamedNode, list[ox.Quad]]:
    """The prov:Agent for a principal: its IRI and its two quads (type and label) in `graph`."""
    agent, quads = _agent(base, principal, graph)
    return agent, list(quads)


@lru_cache(maxsize=256)
def _agent(base: str, principal: str, graph: ox.NamedNode) -> tuple[ox.NamedNode, tuple[ox.Quad, ...]]:
    agent = ox.NamedNode(f"{base}agent/{principal}")
    return agent, (ox.Quad(agent, _TYPE, _AGENT, graph), ox.Quad(agent, _LABEL, ox.Literal(principal), graph))


@lru_cache(maxsize=16)
def _graph(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _timestamp(at: datetime) -> ox.Literal:
    """The xsd:dateTime literal of a moment (cached in UTC: a command stamps all its assertions with one)."""
    return _utc_timestamp(at) if at.tzinfo is UTC else _typed(format_timestamp(at), _XSD_DATETIME)


@lru_cache(maxsize=64)
def _utc_timestamp(at: datetime) -> ox.Literal:
    return _typed(format_timestamp(at), _XSD_DATETIME)


@lru_cache(maxsize=1024)
def _confidence(value: float) -> ox.Literal:
    return _typed(f"{value:.4f}".rstrip("0").rstrip("."), _XSD_DECIMAL)


def provenance_quads(
    assertion: str,
    draft: AssertionDraft,
    *,
    article_iri: str,
    base: str,
    principal: str,
    version: int,
    at: datetime,
    graph: str,
    digest: str | None = None,
) -> list[ox.Quad]:
    """The provenance of one assertion (source, evidence selectors, agent, version, method) as quads in `graph`.

    Literals are in Oxigraph's canonical form, as every quad that enters the log (docs/decisions.md, 6).
    """
    g = _graph(graph)
    a = ox.NamedNode(assertion)
    art = ox.NamedNode(article_iri)
    agent, agent_facts = _agent(base, principal, g)
    Quad = ox.Quad
    out = [
        Quad(a, _TYPE, _ASSERTION, g),
        Quad(a, _DERIVED, art, g),
        *agent_facts,
        Quad(a, _ATTRIBUTED, agent, g),
        Quad(a, _GENERATED, _timestamp(at), g),
        Quad(a, _AT_VERSION, _typed(str(version), _XSD_INTEGER), g),
        Quad(a, _METHOD, _AUTOMATIC if draft.method == "extraction" else _MANUAL, g),
    ]
    if draft.confidence is not None:
        out.append(Quad(a, _CONFIDENCE, _confidence(draft.confidence), g))
    if draft.extractor:
        out.append(Quad(a, _EXTRACTOR, ox.Literal(draft.extractor), g))
    if digest:
        out.append(Quad(a, _DIGEST, ox.Literal(digest), g))
    for i, ev in enumerate(draft.evidence, start=1):
        ev_iri = f"{assertion}/evidence/{i}"
        e = ox.NamedNode(ev_iri)
        t = ox.NamedNode(ev_iri + "/target")
        q = ox.NamedNode(ev_iri + "/quote")
        p = ox.NamedNode(ev_iri + "/position")
        out += [
            Quad(a, _HAS_EVIDENCE, e, g),
            Quad(e, _TYPE, _ANNOTATION, g),
            Quad(e, _TYPE, _EVIDENCE, g),
            Quad(e, _BODY, a, g),
            Quad(e, _TARGET, t, g),
            Quad(t, _TYPE, _SPECIFIC, g),
            Quad(t, _SOURCE, art, g),
            Quad(t, _SELECTOR, q, g),
            Quad(t, _SELECTOR, p, g),
            Quad(q, _TYPE, _QUOTE_SEL, g),
            Quad(q, _EXACT, ox.Literal(ev.quote), g),
            Quad(p, _TYPE, _POSITION_SEL, g),
            Quad(p, _START, _typed(str(ev.start), _XSD_NNI), g),
            Quad(p, _END, _typed(str(ev.end), _XSD_NNI), g),
        ]
    return out


def retraction_quads(assertion: str, *, reason: str, version: int, at: datetime, base: str, principal: str,
                     graph: str) -> list[ox.Quad]:
    """The quads a retraction adds to the assertion's provenance (in `graph`)."""
    g = ox.NamedNode(graph)
    a = ox.NamedNode(assertion)
    agent, agent_facts = agent_quads(base, principal, g)
    return [
        ox.Quad(a, _iri(DKG.retractedAtVersion), _typed(str(version), _XSD_INTEGER), g),
        ox.Quad(a, _iri(DKG.retractionReason), ox.Literal(reason), g),
        ox.Quad(a, _iri(PROV.invalidatedAtTime), _typed(format_timestamp(at), _XSD_DATETIME), g),
        *agent_facts,
        ox.Quad(a, _iri(DKG.retractedBy), agent, g),
    ]
