"""Event extraction: who did what to whom, where, when, with which modality, negation and quantities.

Each ontology event class has trigger patterns (spaCy ``Matcher`` over ``token.norm_``, the lower-cased lookup
lemma). For every trigger the slots are filled from the linked mentions of its clause:

* agent — a by-phrase after the trigger ("was launched by Russia", "drafted by France"), a demonym or
  possessive before a nominal trigger ("Syrian offensive", "Russia's veto"), else the nearest actor to its left
  that is not inside a prepositional phrase (the subject, also across coordinated verbs);
* target — the first actor after the trigger (or a demonym modifying its object: "against the Russian advance");
* supporter — "<X>-backed", "backed by X"; place — a place after a locative word, else one before;
* time — the date expression of the clause resolved against the publication date (:mod:`.dates`);
* modality — cue words before the trigger (announced / planned / considered / failed / reported, else
  completed); negation — "not", "never", "refused to" ...; quantities — "more than 290 people", "57 children".

Proposals of the same type in one sentence whose participants agree are merged into one fact.

This module is the orchestration: :func:`extract_events` finds the triggers (:mod:`.triggers`), picks one match
per trigger, hands each to :func:`.rules.fill`, merges each sentence's proposals and finishes them per document;
:func:`proposal_slug` names an event. The rest lives in modules named after what they hold: :mod:`.context` (the
sentence view and the records a rule reads and writes), :mod:`.slots` (agents, targets, places, participants),
:mod:`.quantities` (numbers and casualty figures), :mod:`.modality` (modality, negation, hedges, speech and
attribution), :mod:`.senses` (trigger words in another sense), :mod:`.military`, :mod:`.aid` and :mod:`.votes`
(the gated helpers and word lists of those event families) and :mod:`.rules` (the per-trigger rules).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dkg.extraction.context import DocState, Proposal, SentenceContext, TriggerContext
from dkg.extraction.entities import Lexicon, Mention, slugify
from dkg.extraction.military import MILITARY_TYPES, NON_COMBATANT_IDS, NON_COMBATANT_KINDS, repel_before, stalled_push
from dkg.extraction.quantities import parse_int
from dkg.extraction.rules import fill
from dkg.extraction.senses import noun_force
from dkg.extraction.triggers import find_triggers
from dkg.extraction.votes import resolution_demands
from spacy.tokens import Doc


def extract_events(doc: Doc, mentions: list[Mention], lex: Lexicon, published: date | None) -> list[Proposal]:
    """Every proposal of the document, in text order, merged per sentence."""
    matches = find_triggers(doc)
    out: list[Proposal] = []
    state = DocState(focus_place=_focus_place(mentions, lex))
    for sent in doc.sents:
        ctx = SentenceContext(doc, sent, mentions, lex, published)
        sent_matches = [(key, s, e) for key, s, e in matches if sent.start <= s and e <= sent.end]
        # keep the longest match per start token, drop matches nested in a longer one of the same type
        chosen: list[tuple[str, int, int]] = []
        for key, s, e in sent_matches:
            if any(s >= cs and e <= ce and key.split("|")[0] == ck.split("|")[0] for ck, cs, ce in chosen):
                continue
            inside = ctx.by_token.get(s)
            if inside is not None and inside.place and not inside.actor:
                continue  # "the district of Said" is no speech act
            if noun_force(ctx, key, s):
                continue
            if key == "MilitaryOffensive|offensive_noun" and e - s == 1 and repel_before(
                    ctx.low, max(sent.start, s - 6), s) is None and not stalled_push(ctx, s, e):
                continue  # "an advance", "a push" alone: only after a verb of repelling (checked again in fill)
            chosen.append((key, s, e))
        props: list[Proposal] = []
        main = [(k.split("|")[0], cs, ce) for k, cs, ce in chosen if not k.startswith(("Statement", "Support"))]
        dropped: set[tuple[str, int, int]] = set()  # triggers that gave no fact keep no cue words from later ones
        for key, s, e in chosen:
            etype, label = key.split("|")
            nxt = next((x for _t, x, _e in main if x >= e), sent.end)
            before = [(t, ce) for t, cs, ce in main if ce <= s and (t, cs, ce) not in dropped]
            prev_type, prev_end = before[-1] if before else (None, sent.start)
            tc = TriggerContext(nxt, prev_end, prev_type, props, main)
            p = fill(ctx, etype, label, s, e, state, tc)
            if p is not None:
                props.append(p)
            else:
                dropped.add((etype, s, e))
        props = _postprocess_sentence(ctx, props, state)
        if not props:
            resolution_demands(ctx, out)
        out.extend(props)
    return _per_document(out)


def _per_document(props: list[Proposal]) -> list[Proposal]:
    """One vote position per member ("China and Angola abstained" is two positions: the ontology's vote
    position has one member), and a vote or position without a forum takes the forum its draft has elsewhere
    in the article."""
    out: list[Proposal] = []
    for p in props:
        members = p.roles.get("agent", [])
        if p.type == "VotePosition" and len(members) > 1:
            out += [replace(p, roles={**p.roles, "agent": [a]}, properties=dict(p.properties)) for a in members]
        else:
            out.append(p)
    forums: dict[str, str] = {}
    for p in out:
        for r in p.roles.get("resolution", []):
            if p.roles.get("forum"):
                forums.setdefault(r, p.roles["forum"][0])
    for p in out:
        if p.type in ("Vote", "VotePosition") and not p.roles.get("forum"):
            forum = next((forums[r] for r in p.roles.get("resolution", []) if r in forums), None)
            if forum:
                p.add("forum", forum)
    return out


def _focus_place(mentions: list[Mention], lex: Lexicon) -> str | None:
    """The most-mentioned city of the document if it is mentioned at least twice (ties: the first)."""
    counts: dict[str, int] = {}
    for m in mentions:
        entry = lex.entries.get(m.place or "")
        if entry is not None and entry.kind in ("City", "Town"):
            counts[entry.id] = counts.get(entry.id, 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
    return best[0] if best[1] >= 2 else None


def _postprocess_sentence(ctx: SentenceContext, props: list[Proposal], state: DocState) -> list[Proposal]:
    """Merge same-type proposals of a sentence, drop statements that only wrap another event."""
    merged: list[Proposal] = []
    for p in props:
        twin = next((q for q in merged if q.type == p.type and _compatible(q, p)), None)
        if twin is None:
            merged.append(p)
            continue
        for role, ids in p.roles.items():
            twin.add(role, *ids)
        for k, v in p.properties.items():
            twin.properties.setdefault(k, v)
        twin.negated = twin.negated or p.negated
        if not twin.time and p.time:
            twin.time = p.time
        twin.confidence = max(twin.confidence, p.confidence)
    for p in merged:
        _drop_civilian_attackers(ctx, p)
        if p.type == "Vote" and "memberCount" not in p.properties:
            _member_count(ctx, p)
        if p.type == "CasualtyReport" and not p.roles.get("perpetrator"):
            _perpetrator_from_attack(ctx, p, merged)
        if p.type == "CasualtyReport":
            _perpetrator_of_clause_attack(ctx, p, merged)
    # "the mortar attack", "an air attack": an attack inside a shelling or strike trigger is that event
    merged = [p for p in merged if not (p.type == "MilitaryOffensive" and any(
        q.type in ("Shelling", "AirStrike") and q.trigger[0] <= p.trigger[0] and p.trigger[1] <= q.trigger[1]
        for q in merged))]
    # "Russian-backed Syrian forces advanced": the backing is the advance's supporter, no separate Support
    supporters = {a for p in merged for a in p.roles.get("supporter", [])}
    merged = [p for p in merged if not ("hyphen_backed" in p.notes and set(p.roles.get("agent", [])) <= supporters)]
    types = {p.type for p in merged}
    # a statement that reports another event of the sentence is not a separate fact
    if types - {"Statement"}:
        merged = [p for p in merged if p.type != "Statement" or _own_clause_speech(ctx, p, merged)]
    # "used its veto ..., blocking a French-drafted call": the veto is cast on the draft named after it
    later_draft = next((r for p in merged if p.type in ("ResolutionFailed", "ResolutionDrafted")
                        for r in p.roles.get("resolution", [])), None)  # fmt: skip
    for p in merged:
        if p.type == "Veto" and later_draft and not p.roles.get("resolution"):
            p.add("resolution", later_draft)
    # a vote position of a member in a sentence with a veto by the same member is the veto
    vetoers = {a for p in merged if p.type == "Veto" for a in p.roles.get("agent", [])}
    merged = [p for p in merged if not (p.type == "VotePosition" and set(p.roles.get("agent", [])) <= vetoers and
                                        p.properties.get("position") == "Against")]  # fmt: skip
    # a meeting that is only the frame of an agreement stays; an aid cooperation inside an agreement stays
    # a drafted-event inside a veto/vote sentence: the resolution's sponsor is kept as a ResolutionDrafted fact
    return merged


MEMBER_NOUNS = {"member", "nation", "seat", "strong"}  # "the 15-member council", "the 47-nation Human Rights Council"


def _member_count(ctx: SentenceContext, p: Proposal) -> None:
    """The size of the voting body from "the 15-member council" ("15 - member" as tokens) in a vote's sentence."""
    low, doc = ctx.low, ctx.doc
    for k in range(ctx.sent.start, ctx.sent.end - 2):
        if low[k + 1] == "-" and low[k + 2] in MEMBER_NOUNS and doc[k].like_num:
            n = parse_int(doc[k].text)
            if n:
                p.properties["memberCount"] = n
            return


def _own_clause_speech(ctx: SentenceContext, st: Proposal, merged: list[Proposal]) -> bool:
    """A speech after the sentence's events, in a clause of its own ("..., with the minister saying only that all
    parties bore responsibility"), that reports no event and is not a trailing attribution, is a Statement."""
    s, e = st.trigger
    low = ctx.low
    if any(q.trigger[0] >= s for q in merged if q is not st):
        return False
    if low[s] != "saying":
        return False
    k = e + 1 if e < ctx.sent.end and low[e] == "only" else e
    return k < ctx.sent.end and low[k] == "that" and low[s - 1] != ","


ATTACK_TYPES = {"MilitaryOffensive", "AirStrike", "Shelling"}


def _perpetrator_from_attack(ctx: SentenceContext, p: Proposal, merged: list[Proposal]) -> None:
    """ "were killed in a rebel ambush", "died during a government assault": the attack's agent killed them."""
    low = ctx.low
    for q in merged:
        k = q.trigger[0]
        if q.type in ATTACK_TYPES and q.roles.get("agent") and p.trigger[1] <= k <= p.trigger[1] + 5 and any(
                low[j] in ("in", "during") for j in range(max(p.trigger[1], k - 4), k)):
            p.add("perpetrator", *q.roles["agent"])
            return


def _perpetrator_of_clause_attack(ctx: SentenceContext, p: Proposal, merged: list[Proposal]) -> None:
    """ "Turkish jets struck IS positions near Dabiq, killing 35 militants": the strike's agent killed them (not
    the positions' holder); "25 civilians died as government and Russian aircraft bombarded Aleppo": the
    attackers of the "as/when" clause did."""
    low = ctx.low
    s = p.trigger[0]
    attacks = [q for q in merged if q.type in ATTACK_TYPES and q.roles.get("agent")]
    if not attacks:
        return
    if s > ctx.sent.start and low[s - 1] == "," and low[s] in ("killing", "wounding", "injuring", "leaving"):
        before = [q for q in attacks if q.trigger[1] <= s]
        if before:
            p.roles["perpetrator"] = list(before[-1].roles["agent"])
        return
    if p.roles.get("perpetrator"):
        return
    e = p.trigger[1]
    after = next((q for q in attacks if e <= q.trigger[0] <= e + 12), None)
    if after is not None and any(low[k] in ("as", "when", "while") for k in range(e, after.trigger[0])) and not any(
            low[k] in (";", ".") for k in range(e, after.trigger[0])):
        p.roles["perpetrator"] = list(after.roles["agent"])


def _drop_civilian_attackers(ctx: SentenceContext, p: Proposal) -> None:
    """A court, a UN organ or agency, or a humanitarian organisation fights nobody: "The UN said a hospital was hit
    by air strikes", "the Red Cross said shelling killed 12" name who reports, not who attacked."""
    role = "perpetrator" if p.type == "CasualtyReport" else "agent" if p.type in MILITARY_TYPES else None
    if role is None or role not in p.roles:
        return
    kept = [a for a in p.roles[role] if a not in NON_COMBATANT_IDS
            and getattr(ctx.lex.entries.get(a), "kind", "") not in NON_COMBATANT_KINDS]
    if kept:
        p.roles[role] = kept
    else:
        del p.roles[role]


def _compatible(a: Proposal, b: Proposal) -> bool:
    """Same-type proposals of one sentence describe one event unless their agents or places clash."""
    for role in ("agent", "participant", "place", "resolution"):
        x, y = set(a.roles.get(role, [])), set(b.roles.get(role, []))
        if x and y and not (x & y):
            return False
    if a.modality != b.modality and a.type not in ("TerritorialControlChange",):
        return False
    if a.type in ("VotePosition",) and a.properties.get("position") != b.properties.get("position"):
        return False
    if a.type == "CasualtyReport" and a.properties.get("casualtyType") != b.properties.get("casualtyType"):
        return False  # "killed 12 and wounded 40": two reports
    # overlapping triggers are one mention ("Not a single aid lorry has entered": "aid lorry", "lorry has entered")
    return a.negated == b.negated or (a.trigger[0] < b.trigger[1] and b.trigger[0] < a.trigger[1])


def proposal_slug(p: Proposal, published: date | None, implied: set[tuple[str, ...]] | None = None) -> str:
    """A deterministic, readable event slug: type, main participants, date. A state that only stands behind the
    forces before it (`implied` pairs: minted forces, their state) is left out."""
    who = (
        p.roles.get("agent")
        or p.roles.get("participant")
        or p.roles.get("perpetrator")
        or p.roles.get("resolution")
        or p.roles.get("court")
        or []
    )
    if implied:
        who = [w for i, w in enumerate(who) if not (i and (who[i - 1], w) in implied)]
    parts = [slugify(p.type)]
    parts += [w.rsplit("/", 1)[-1] for w in who[:2]]
    where = p.roles.get("place", [])
    if where:
        parts.append(where[0].rsplit("/", 1)[-1])
    when = next(iter(p.time.values()), None) if p.time else None
    if published and (when is None or "relative" in p.time):  # "recently": also the day it is relative to
        when = f"{when}-{published.isoformat()}" if when else published.isoformat()
    if when:
        parts.append(slugify(when))
    return "-".join(x for x in parts if x)
