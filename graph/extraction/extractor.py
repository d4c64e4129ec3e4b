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

from dkg.extraction.context import Proposal
from dkg.extraction.entities import Lexicon, find_mentions, load_lexicon
from dkg.extraction.events import extract_events, proposal_slug
from dkg.extraction.matching import merge_within_article
from dkg.extraction.pipeline import doc_text, get_nlp

EXTRACTOR_NAME = "dkg-rules"
EXTRACTOR_VERSION = "1.19.0"
EXTRACTOR = f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}"

ROLE_ORDER = ("agent", "participant", "target", "perpetrator", "victim", "supporter", "beneficiary", "sponsor",
              "forum", "court", "resolution", "place", "topic", "vote")  # fmt: skip
ENTITY_TYPES = {"rebels": "ArmedGroup", "armed-groups": "ArmedGroup", "forces": "ArmedForces"}


PUBLISHED_RANGE = (date(1000, 1, 1), date(8999, 12, 31))


class PublishedOutOfRange(ValueError):
    """The publication date is too close to the calendar's ends for relative dates and matching windows."""


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def checked_published(value: date | str) -> date:
    """The publication date as a date; PublishedOutOfRange outside ``PUBLISHED_RANGE`` (relative dates, office
    terms and matching windows are computed around it and would leave the calendar)."""
    pub = _as_date(value)
    if not PUBLISHED_RANGE[0] <= pub <= PUBLISHED_RANGE[1]:
        raise PublishedOutOfRange(f"extraction needs a publication date between {PUBLISHED_RANGE[0]} and "
                                  f"{PUBLISHED_RANGE[1]}, not {pub}")  # fmt: skip
    return pub


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
    props = {k: v for k, v in p.properties.items() if k not in NON_ONTOLOGY_PROPERTIES}
    if props:
        fact["properties"] = dict(sorted(props.items()))
    if p.breakdown:
        fact["breakdown"] = list(p.breakdown)
    fact["evidence"] = [_evidence(p), *getattr(p, "extra_evidence", [])]
    fact["confidence"] = p.confidence
    fact["extractor"] = EXTRACTOR
    return fact


NON_ONTOLOGY_PROPERTIES = {"sponsor", "demands"}  # moved to the DraftResolution fact


def resolution_facts(props: list[Proposal]) -> list[dict[str, Any]]:
    """One DraftResolution fact per draft the article mentions: sponsor, forum, demands, outcome."""
    drafts: dict[str, dict[str, Any]] = {}
    for p in props:
        for rid in p.roles.get("resolution", []):
            d = drafts.setdefault(rid, {"id": rid.split("/", 1)[1], "type": "DraftResolution", "_props": {},
                                        "_evidence": []})  # fmt: skip
            sponsor = p.properties.get("sponsor") or (p.roles.get("agent", [None])[0]
                                                      if p.type == "ResolutionDrafted" else None)  # fmt: skip
            if sponsor:
                d.setdefault("sponsor", sponsor)
            for forum in p.roles.get("forum", []):
                d.setdefault("forum", forum)
            for topic in p.properties.get("demands", []):
                d["_props"].setdefault("demands", [])
                if topic not in d["_props"]["demands"]:
                    d["_props"]["demands"].append(topic)
            outcome = {"Veto": "Vetoed", "ResolutionFailed": "NotAdopted", "ResolutionAdopted": "Adopted"}.get(p.type)
            if outcome and not p.negated and p.modality == "completed":
                d["_props"].setdefault("outcome", outcome)
            if p.type in ("ResolutionDrafted", "Veto", "ResolutionFailed", "ResolutionAdopted") and not d["_evidence"]:
                d["_evidence"].append(_evidence(p))
                d["_confidence"] = p.confidence
    out = []
    for d in drafts.values():
        if not d["_evidence"]:
            continue
        fact = {k: v for k, v in d.items() if not k.startswith("_")}
        if d["_props"]:
            fact["properties"] = dict(sorted(d["_props"].items()))
        fact["evidence"] = d["_evidence"]
        fact["confidence"] = d["_confidence"]
        fact["extractor"] = EXTRACTOR
        out.append(fact)
    return out


def _unique_slugs(
    props: list[Proposal], published: date | None, implied: set[tuple[str, ...]] | None = None
) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for p in props:
        base = proposal_slug(p, published, implied)
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
    pub = checked_published(published)
    lex = lexicon or load_lexicon()
    doc = get_nlp()(text)
    mentions, minted = find_mentions(doc, pub, lex)
    props = merge_within_article(extract_events(doc, mentions, lex, pub))
    # "Iraqi troops" (forces the gazetteer does not define) also name Iraq; the slug keeps naming the forces
    implied = {m.group for m in mentions if m.via == "forces" and len(m.group) == 2 and m.group[0] in minted}
    slugs = _unique_slugs(props, pub, implied)
    article: dict[str, Any] = {"published": pub.isoformat(), "text": text}
    if title:
        article["title"] = title
    if url:
        article["url"] = url
    facts = [to_fact(p, pub, s) for p, s in zip(props, slugs, strict=True)]
    _link_votes(facts)
    _link_reactions(facts)
    facts += resolution_facts(props)
    return {
        "article": article,
        "entities": _declared_entities(facts, minted, lex),
        "facts": facts,
        "extractor": {"name": EXTRACTOR_NAME, "version": EXTRACTOR_VERSION},
    }


def _link_votes(facts: list[dict[str, Any]]) -> None:
    """A vote position on a draft the article also reports a vote on points at that vote (``vote:``)."""
    votes = {f["resolution"]: f["id"] for f in facts if f["type"] == "Vote" and isinstance(f.get("resolution"), str)}
    for f in facts:
        if f["type"] == "VotePosition" and isinstance(f.get("resolution"), str) and f["resolution"] in votes:
            f["vote"] = votes[f["resolution"]]


REACTION_TOPICS = {"AirStrikes": "AirStrike"}


def _link_reactions(facts: list[dict[str, Any]]) -> None:
    """A condemnation or opposition without a target is ``about`` the latest earlier event it names by topic."""
    for i, f in enumerate(facts):
        if f["type"] not in ("Condemnation", "Opposition") or f.get("target") or f.get("properties", {}).get("about"):
            continue
        topics = f.get("topic") or []
        for topic in topics if isinstance(topics, list) else [topics]:
            etype = REACTION_TOPICS.get(topic)
            earlier = [g for g in facts[:i] if g["type"] == etype]
            if earlier:
                f.setdefault("properties", {})["about"] = earlier[-1]["id"]
                break


def _declared_entities(facts: list[dict[str, Any]], minted: dict[str, str], lex: Lexicon) -> list[dict[str, Any]]:
    """Entities the facts use that the shipped gazetteer files do not define (declared in the sheet)."""
    used: set[str] = set()
    for f in facts:
        for key, val in f.items():
            if key in ("id", "type", "evidence", "properties", "breakdown", "extractor", "confidence", "modality"):
                continue
            for v in val if isinstance(val, list) else [val]:
                if isinstance(v, str) and v.startswith(("actor/", "place/")):
                    used.add(v)
    out = []
    for eid in sorted(used):
        if eid in lex.shipped:
            continue
        entry = lex.entries.get(eid)
        if entry is not None:
            decl: dict[str, Any] = {"id": eid, "type": entry.kind, "label": entry.label}
            if entry.part_of:
                decl["part_of"] = entry.part_of
        else:
            kind = next((t for k, t in ENTITY_TYPES.items() if eid.endswith(k)), "ArmedGroup")
            decl = {"id": eid, "type": kind, "label": minted.get(eid, eid.rsplit("/", 1)[1].replace("-", " "))}
        out.append(decl)
    return out
