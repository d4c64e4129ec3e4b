"""The extractor: article text in, fact sheet (a Python dict in the format of ``docs/factsheet.md``) out.

``extract(text, published=..., title=..., url=...)`` runs the pipeline (:mod:`.pipeline`), links mentions
(:mod:`.entities`), finds events (:mod:`.events`), merges mentions of one event within the article
(:mod:`.matching`) and writes each proposal as a fact with its evidence (the sentence, its offset, the trigger),
its confidence and the extractor's name and version. The same text, date and version always give the same
sheet: nothing random, no model, facts in text order, ids derived from their content.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dkg.extraction.entities import Lexicon, find_mentions, load_lexicon
from dkg.extraction.events import Proposal, extract_events, proposal_slug
from dkg.extraction.matching import merge_within_article
from dkg.extraction.pipeline import doc_text, get_nlp

EXTRACTOR_NAME = "dkg-rules"
EXTRACTOR_VERSION = "1.0.0"
EXTRACTOR = f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}"

ROLE_ORDER = ("agent", "participant", "target", "perpetrator", "victim", "supporter", "beneficiary", "sponsor",
              "forum", "court", "resolution", "place", "topic", "vote")  # fmt: skip
ENTITY_TYPES = {"rebels": "ArmedGroup", "armed-groups": "ArmedGroup", "forces": "ArmedForces"}


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _evidence(p: Proposal) -> dict[str, Any]:
    """The sentence of a proposal, whitespace-trimmed, with its character offset in the article."""
    doc = p.sentence.doc
    start, end = p.sentence.start_char, p.sentence.end_char
    raw = doc_text(doc)[start:end]
    lead = len(raw) - len(raw.lstrip())
    quote = raw.strip()
    trig = doc[p.trigger[0] : p.trigger[1]]
    return {
        "quote": quote,
        "start": start + lead,
        "trigger": {"quote": trig.text, "start": trig.start_char},
    }


def to_fact(p: Proposal, published: date | None, slug: str) -> dict[str, Any]:
    """One proposal as a fact-sheet fact."""
    fact: dict[str, Any] = {"id": slug, "type": p.type, "modality": p.modality}
    for role in ROLE_ORDER:
        vals = p.roles.get(role)
        if vals:
            fact[role] = vals[0] if len(vals) == 1 else list(vals)
    for role, vals in sorted(p.roles.items()):
        if role not in fact and vals:
            fact[role] = vals[0] if len(vals) == 1 else list(vals)
    fact.update(p.time)
    if p.negated:
        fact["negated"] = True
    if p.properties:
        fact["properties"] = dict(sorted(p.properties.items()))
    if p.breakdown:
        fact["breakdown"] = list(p.breakdown)
    fact["evidence"] = [_evidence(p), *getattr(p, "extra_evidence", [])]
    fact["confidence"] = p.confidence
    fact["extractor"] = EXTRACTOR
    return fact


def _unique_slugs(props: list[Proposal], published: date | None) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for p in props:
        base = proposal_slug(p, published)
        n = seen.get(base, 0) + 1
        seen[base] = n
        out.append(base if n == 1 else f"{base}-{n}")
    return out


def extract(
    text: str,
    *,
    published: date | str,
    title: str | None = None,
    url: str | None = None,
    lexicon: Lexicon | None = None,
) -> dict[str, Any]:
    """Propose the facts an article states, as a fact sheet dict (``article``, ``entities``, ``facts``).

    `published` anchors relative dates ("on Saturday", "in October", "recently"). Entities the gazetteer does not
    define (armed groups of a conflict it does not cover) are declared under ``entities``.
    """
    pub = _as_date(published)
    lex = lexicon or load_lexicon()
    doc = get_nlp()(text)
    mentions, minted = find_mentions(doc, pub, lex)
    props = merge_within_article(extract_events(doc, mentions, lex, pub))
    slugs = _unique_slugs(props, pub)
    article: dict[str, Any] = {"published": pub.isoformat(), "text": text}
    if title:
        article["title"] = title
    if url:
        article["url"] = url
    entities = []
    for eid, label in sorted(minted.items()):
        kind = next((t for k, t in ENTITY_TYPES.items() if eid.endswith(k)), "ArmedGroup")
        entities.append({"id": eid, "type": kind, "label": label})
    return {
        "article": article,
        "entities": entities,
        "facts": [to_fact(p, pub, s) for p, s in zip(props, slugs, strict=True)],
        "extractor": {"name": EXTRACTOR_NAME, "version": EXTRACTOR_VERSION},
    }
