"""Provenance RDF for assertions and articles, exactly as docs/design.md specifies.

An assertion is one source's claim: its facts live in their own named graph; who asserted it, from which
article, with which quoted evidence and at which log version is written to the provenance graph.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime

from dkg.drafts import ArticleRecord, AssertionDraft
from dkg.events import format_timestamp
from dkg.terms import DKG, OA, SCHEMA
from rdflib import Graph, Literal, URIRef
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


def article_graph(article: ArticleRecord, base: str) -> Graph:
    """The article's metadata and full text (kept so evidence offsets can be checked)."""
    g = Graph()
    a = URIRef(article.iri(base))
    g.add((a, RDF.type, DKG.Article))
    g.add((a, DKG.text, Literal(article.text)))
    g.add((a, DKG.sha256, Literal(article.sha256)))
    if article.title:
        g.add((a, DCTERMS.title, Literal(article.title)))
    if article.url:
        g.add((a, SCHEMA.url, URIRef(article.url)))
    if article.published:
        g.add((a, DCTERMS.issued, Literal(article.published.isoformat(), datatype=XSD.date)))
    return g


def agent_triples(g: Graph, base: str, principal: str) -> URIRef:
    """Add the prov:Agent for a principal to `g` and return its IRI."""
    agent = URIRef(f"{base}agent/{principal}")
    g.add((agent, RDF.type, PROV.Agent))
    g.add((agent, RDFS.label, Literal(principal)))
    return agent


def provenance_graph(
    assertion: str,
    draft: AssertionDraft,
    *,
    article_iri: str,
    base: str,
    principal: str,
    version: int,
    at: datetime,
    digest: str | None = None,
) -> Graph:
    """The provenance triples of one assertion (source, evidence selectors, agent, version, method)."""
    g = Graph()
    a = URIRef(assertion)
    art = URIRef(article_iri)
    g.add((a, RDF.type, DKG.Assertion))
    g.add((a, PROV.wasDerivedFrom, art))
    g.add((a, PROV.wasAttributedTo, agent_triples(g, base, principal)))
    g.add((a, PROV.generatedAtTime, Literal(format_timestamp(at), datatype=XSD.dateTime)))
    g.add((a, DKG.assertedAtVersion, Literal(version, datatype=XSD.integer)))
    g.add((a, DKG.method, DKG.AutomaticExtraction if draft.method == "extraction" else DKG.ManualCuration))
    if draft.confidence is not None:
        g.add((a, DKG.confidence, Literal(f"{draft.confidence:.4f}".rstrip("0").rstrip("."), datatype=XSD.decimal)))
    if draft.extractor:
        g.add((a, DKG.extractor, Literal(draft.extractor)))
    if digest:
        g.add((a, DKG.claimDigest, Literal(digest)))
    for i, ev in enumerate(draft.evidence, start=1):
        e = URIRef(f"{assertion}/evidence/{i}")
        t = URIRef(f"{e}/target")
        q = URIRef(f"{e}/quote")
        p = URIRef(f"{e}/position")
        g.add((a, DKG.hasEvidence, e))
        g.add((e, RDF.type, OA.Annotation))
        g.add((e, RDF.type, DKG.Evidence))
        g.add((e, OA.hasBody, a))
        g.add((e, OA.hasTarget, t))
        g.add((t, RDF.type, OA.SpecificResource))
        g.add((t, OA.hasSource, art))
        g.add((t, OA.hasSelector, q))
        g.add((t, OA.hasSelector, p))
        g.add((q, RDF.type, OA.TextQuoteSelector))
        g.add((q, OA.exact, Literal(ev.quote)))
        g.add((p, RDF.type, OA.TextPositionSelector))
        g.add((p, OA.start, Literal(ev.start, datatype=XSD.nonNegativeInteger)))
        g.add((p, OA.end, Literal(ev.end, datatype=XSD.nonNegativeInteger)))
    return g


def retraction_graph(assertion: str, *, reason: str, version: int, at: datetime, base: str,
                     principal: str) -> Graph:
    """The triples a retraction adds to the assertion's provenance."""
    g = Graph()
    a = URIRef(assertion)
    g.add((a, DKG.retractedAtVersion, Literal(version, datatype=XSD.integer)))
    g.add((a, DKG.retractionReason, Literal(reason)))
    g.add((a, PROV.invalidatedAtTime, Literal(format_timestamp(at), datatype=XSD.dateTime)))
    g.add((a, DKG.retractedBy, agent_triples(g, base, principal)))
    return g
