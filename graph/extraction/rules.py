"""The per-trigger rules: :func:`fill` turns one trigger match into a :class:`.context.Proposal`, or None.

:func:`fill` runs the stages in order, each a function that reads and updates a :class:`Frame`: :func:`refused`
(the gates that drop a match: another sense, a demand, a question left open), :func:`find_agent`,
:func:`find_supporter`, :func:`target_and_places` (with :mod:`.slots`), :func:`modality_and_negation` and
:func:`event_time` (with :mod:`.modality`), then the roles and properties of the event type (the ``*_roles``
functions of :data:`TYPE_RULES`, with the family helpers of :mod:`.military`, :mod:`.aid` and :mod:`.votes`) and
:func:`places_topics_confidence`. The word lists only these rules read, and that belong to no family module, are
kept here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dkg.extraction.aid import (
    AID_CARRIERS,
    AID_HEADS,
    AID_NOUNS,
    AID_PARTICIPLES,
    AID_PURPOSES,
    AID_WORDS,
    AID_WORKERS,
    ANNOUNCE_AID,
    ARRIVE_VERBS,
    ATTACK_NOUNS,
    BLOCKED,
    PACKAGE_VERBS,
    aid_failed_after,
    attacked_aid,
    blocked_object,
    humanitarian,
    organiser_before,
)
from dkg.extraction.context import (
    AUX,
    BE_FORMS,
    GROUP_ADJ,
    DocState,
    Proposal,
    SentenceContext,
    TriggerContext,
    trailing_attribution,
)
from dkg.extraction.dates import DateMention, Tense
from dkg.extraction.entities import Mention
from dkg.extraction.military import (
    BRING_VERBS,
    CIVIL_OPERATIONS,
    COUNTER_NOUNS,
    DIRECTIONS,
    GROUND_HEADS,
    IRREGULAR_PARTICIPLES,
    MILITARY_TYPES,
    PERMANENT,
    PREPARE_VERBS,
    STRIKE_CARRIERS,
    armed_after,
    civil_withdrawal,
    infinitive_of_setting_up,
    repel_before,
    repelled,
    stalled_push,
    state_campaign,
    state_of_forces,
)
from dkg.extraction.modality import (
    ALL_MEANS,
    BEGUN,
    FAILED_PREDICATES,
    FUTURE_CUES,
    HEDGES,
    MENTION_NOUNS,
    PARTICIPLE_MODALITY,
    PLAN_HEADS,
    SPEECH,
    WINDOW_CUES,
    ahead_of,
    announce_before,
    cancelled,
    causative_before,
    coming_event,
    cue_window,
    denied_that,
    detect_modality,
    in_time_clause,
    in_undisclosed_question,
    infinitive_gap,
    modal_after,
    not_implied,
    opens_clause,
    predicate_modality,
    present_progressive,
    pronoun_speaker,
    purpose_head_before,
    relative_clause_cues,
    ruled_out,
    speaker_of,
    speech_subject,
    without_agreeing,
)
from dkg.extraction.quantities import (
    INJURY_NOUNS,
    KILL_HEADS,
    ORDINALS,
    VICTIMS,
    WOUND_HEADS,
    compound_number,
    own_figure,
    parse_int,
    quantities,
)
from dkg.extraction.senses import demanded_move, in_demand, not_this_sense
from dkg.extraction.slots import (
    HIT_VERBS,
    LOCATIVE,
    NOMINAL_HEADS,
    TARGET_SKIP_PREPS,
    after_of,
    agent_mentions_left,
    as_state,
    by_phrase,
    carrier_by,
    clause_places,
    copula_between,
    first_actor_after,
    fronted_participle,
    is_armed,
    modifier_before,
    object_of_other_verb,
    of_phrase,
    participants,
    passive_be_before,
    passive_or_nominal,
    person_after,
    possessor_before,
    relative_backer,
    subject_after_comma,
    subject_of,
    subjectless_after_but,
    they_antecedent,
    travel_destination,
)
from dkg.extraction.triggers import PACKAGE_NOUNS, TRANSPORT_LEMMAS
from dkg.extraction.votes import (
    DRAFT_KINDS,
    DRAFT_PARTICIPLES,
    RES_NOUNS,
    TOPICS,
    VETO_WORDS,
    VOTE_VERBS,
    add_demands,
    add_forum,
    attempt_blocked_after,
    blocked_attempt,
    co_voters,
    defeated_by,
    demanded_by_draft,
    draft_subject_fails,
    effort_before,
    forum_word_vote,
    is_court,
    resolution_id,
    resolution_roles,
    veto_power,
    won_by,
)
from spacy.tokens import Doc

VERDICT_WORDS = {"crime", "crimes", "massacre", "atrocity", "atrocities", "disgrace", "outrage", "barbarism",
                 "genocide", "slaughter", "barbaric", "criminal", "unacceptable", "outrageous", "inhuman", "shameful",
                 "illegal", "terrorism", "murder"}  # fmt: skip

TRIGGER_NOUNS = {"offensive", "assault", "onslaught", "bombing", "strikes", "shelling", "attack", "attacks",
                 "forces", "troops", "resolution", "draft", "campaign", "operation", "advance"}  # fmt: skip

ADVERB_BACK = {"push", "pull", "drive", "fight", "hit", "strike", "come", "go", "fall", "bring", "get", "hold",
               "turn", "roll", "step", "cut", "scale", "beat", "force", "send", "pushed", "pulled", "drove",
               "fought", "came", "went", "fell", "brought", "sent", "forced"}  # fmt: skip

REQUEST_VERBS = {"ask", "asked", "asks", "asking", "urge", "urged", "urges", "request", "requested", "requests",
                 "call", "called", "calls", "petition", "petitioned", "get", "got", "getting", "persuade",
                 "persuaded", "press", "pressed", "want", "wants", "wanted"}  # fmt: skip

LAUNCH_PARTICIPLES = {"launched", "carried", "conducted", "mounted", "staged", "waged", "led", "begun", "started",
                      "fired", "initiated", "announced", "unveiled", "planned", "prepared", "ordered"}  # fmt: skip
OWN_PARTICIPLES = LAUNCH_PARTICIPLES | {"cast", "used"}  # "the veto cast by Russia": the event's own verb

@dataclass
class Frame:
    """One trigger match and what the rules have found for it so far: each stage of :func:`fill` reads it and
    writes back what it decided."""

    ctx: SentenceContext
    etype: str
    label: str
    s: int
    e: int
    state: DocState
    tc: TriggerContext
    lo: int
    hi: int
    p: Proposal
    trig_words: list[str]
    by: tuple[str, Mention] | None = None
    mod: Mention | None = None
    passive_subject: Mention | None = None
    agent: Mention | None = None
    supporter: Mention | None = None
    target: Mention | None = None
    places: list[str] = field(default_factory=list)
    repel_k: int | None = None
    launched_as: str | None = None
    effort_at: int | None = None
    said_at: int = 0
    part_hi: int = 0
    words: list[str] = field(default_factory=list)
    negated: bool = False
    causer: int | None = None
    tense: Tense = "past"

    @property
    def next_trigger(self) -> int:
        return self.tc.next_start

    @property
    def doc(self) -> Doc:
        return self.ctx.doc

    @property
    def low(self) -> list[str]:
        return self.ctx.low

    @property
    def head(self) -> str:
        return self.trig_words[0]

    @property
    def modality(self) -> str:
        return self.p.modality

    @property
    def text(self) -> str:
        return self.ctx.text


# what a per-type rule tells :func:`fill`: drop the match, return the proposal as it stands, or go on to the
# shared place, topic and confidence rules
DROP, DONE, GO = "drop", "done", "go"


def put_agent(p: Proposal, agent: Mention | None, role: str = "agent") -> None:
    if agent is not None:
        p.add(role, *agent.actors)


def fill(
    ctx: SentenceContext, etype: str, label: str, s: int, e: int, state: DocState, tc: TriggerContext
) -> Proposal | None:
    """One trigger match as a proposal, or None: read top to bottom, each stage a function below."""
    lo, hi = ctx.clause_bounds(s)
    trig_words = [ctx.low[k] for k in range(s, e)]
    if refused(ctx, etype, label, s, e, tc, lo, hi, trig_words):
        return None
    f = Frame(ctx, etype, label, s, e, state, tc, lo, hi, Proposal(etype, ctx.sent, (s, e)), trig_words)
    if not find_agent(f):
        return None
    find_supporter(f)
    target_and_places(f)
    modality_and_negation(f)
    event_time(f)
    rule = TYPE_RULES.get(etype)
    verdict = rule(f) if rule is not None else GO
    if verdict == DROP:
        return None
    if verdict == DONE:
        return f.p
    return places_topics_confidence(f)


BATTLE_VERBS = {"began", "begin", "begun", "begins", "launched", "launch", "launches", "started", "start", "starts",
                "opened", "open", "opens", "waging", "waged", "wage", "fighting", "fought", "led", "leading", "leads",
                "joined", "join", "joins", "joining"}


BASE_LOCATION_WORDS = {"near", "around", "outside", "from", "off", "beside", "towards", "toward", "nearby",
                       "retook", "retake", "retaken", "recaptured", "recapture", "captured", "capture", "seized",
                       "seize", "overran", "overrun", "stormed", "storm", "took", "taken", "lost", "surrounded",
                       "besieged", "encircled", "to"}  # fmt: skip
NEW_BASE_WORDS = {"new", "permanent", "second", "another", "first"}


def base_as_location(ctx: SentenceContext, lo: int, s: int) -> bool:
    """A base named as where something happens or what was taken ("near the Deir ez-Zor air base", "retook the
    Qayyarah airbase", "deployed a battery to its naval facility at Tartus"), not a base set up or offered;
    "moved jets to a new air base" still announces one."""
    low = ctx.low
    if low[s] not in ("military", "air", "naval", "army", "airbase", "airbases"):
        return False  # "plans to open a base": the verb sets one up
    for k in range(s - 1, max(lo, s - 5) - 1, -1):
        w = low[k]
        if w in NEW_BASE_WORDS:
            return False
        if w in BASE_LOCATION_WORDS:
            return True
        if not (w in ("the", "its", "their", "a", "an", "his", "'s", "’s", "-") or k in ctx.by_token
                or ctx.doc[k].text[:1].isupper()):
            return False
    return False


# a trailing attribution that hedges: "..., according to activists", "..., Ankara claimed"
TRAILING_HEDGES = {"according", "claimed", "claims", "claim", "alleged", "alleges"}


def battle_for_place(ctx: SentenceContext, e: int, hi: int) -> bool:
    """A city or region named right after "battle for" / "fight for" (a determiner or "control of" between)."""
    k = e
    while k < hi and ctx.low[k] in ("the", "control", "of"):
        k += 1
    m = ctx.by_token.get(k)
    return m is not None and m.start == k and m.place is not None


def refused(
    ctx: SentenceContext, etype: str, label: str, s: int, e: int, tc: TriggerContext, lo: int, hi: int,
    trig_words: list[str],
) -> bool:
    """The gates: another sense of the trigger, a demand, a question left open, a noun and not the event."""
    next_trigger = tc.next_start
    doc = ctx.doc
    low = ctx.low
    head = trig_words[0]

    if etype in MILITARY_TYPES | {"CasualtyReport"} and in_demand(ctx, s):
        return True
    if etype == "AirStrike" and head in ("strike", "strikes") and e - s == 1:
        return True
    if etype == "Shelling" and e - s == 1 and head in ("howitzer", "howitzers") and any(
            t == "Shelling" and e <= ms <= e + 4 for t, ms, _me in tc.mains):
        return True  # "Army howitzers did not fire a single round": the weapon is the subject of the firing
    if not_this_sense(ctx, etype, head, s, e, hi):
        return True
    if etype == "MilitaryMovement" and demanded_move(ctx, lo, s):
        return True
    if etype == "MilitaryOffensive" and redescribed(low, lo, s, tc):
        return True
    if all(len(doc[k].text) > 2 and doc[k].text.isupper() for k in range(s, e)):
        return True  # "MEETING COVERAGE —", "BAN: HOSPITAL ATTACKS IN ALEPPO": a headline; the text reports it
    if label == "failed_late" and not draft_subject_fails(ctx, lo, s, e, hi):
        return True
    if label == "failed_blocked" and not (head.endswith("ing") and low[s - 1] == ","
                                          and any(w in VETO_WORDS for w in low[ctx.sent.start : s])):
        return True  # "used its veto, blocking a draft": the draft failed (the gold set reads "Russia's veto
        # blocked the text" as the veto alone); "blocked the road" is no draft
    if label == "drafted" and e - s == 2 and trig_words[1] in DRAFT_KINDS and not (
        s > ctx.sent.start and doc[s - 1].text == "-"
    ):
        return True  # "a French-drafted call for a ceasefire"; not "a draft proposal"
    if label == "condemn_branded" and low[s + 1] not in ("branded", "denounced", "condemned") and not any(
            low[k] in VERDICT_WORDS for k in range(s + 2, e)):
        return True  # "was described as a crime by X"; not "was called off by X"
    if label == "battle_for" and not battle_for_place(ctx, e, hi):
        return True  # "the battle for Mosul"; not "the fight for survival", "a battle for votes"
    if label == "campaign" and not state_campaign(ctx, s, e):
        return True  # "the Russian campaign"; not "an election campaign", "a campaign to free the hostages"
    if label == "vote_all" and not any(low[k] in VOTE_VERBS for k in range(e, min(hi, e + 8))):
        return True  # "All fifteen members voted to recommend Guterres"; not "all 15 members attended"
    if label == "offensive_noun" and e - s == 1 and repel_before(low, max(lo, s - 6), s) is None and not (
            stalled_push(ctx, s, e)):
        return True  # "repelled an army advance" is a failed offensive; "an advance" alone may be a movement
    if label == "offensive_noun" and e - s == 2 and not armed_after(ctx, e, hi):
        return True  # "the push against the rebels"; not "a push against the resolution"
    if label == "condemn_accuse" and (next_trigger < hi or trailing_attribution(low, s, hi) < hi):
        return True  # "accused Russia of shelling Aleppo": the shelling is reported (convention), no verdict
    if etype == "Veto" and veto_power(ctx, s, e):
        return True  # "the power of veto", "veto-wielding members": a right, not its use
    if label == "advance_on" and not head.endswith(("ed", "ing")):
        return True  # "the Russian advance on the city": the noun (the patterns match lemmas)
    if label == "led_campaign" and not (s > ctx.sent.start and doc[s - 1].text == "-"):
        return True  # "to lead the operation": only "<X>-led campaign" names a campaign and its leader
    if etype != "Statement" and in_undisclosed_question(ctx, lo, s):
        return True  # "declined to say whether Damascus would attend the talks": no talks are stated
    if any(low[k] in MENTION_NOUNS for k in range(max(lo, s - 3), s)) and low[s - 1] in ("the", "a", "an", "of", "to"):
        return True  # "a text that made no mention of the bombing", "without reference to the attacks"
    if etype == "Statement" and s > ctx.sent.start and doc[s].text[:1].isupper():
        return True  # "Islamic State", "the State Department": a name, no speech act
    if etype == "Statement" and head == "appeal" and s > ctx.sent.start and (
        low[s - 1] in ("the", "a", "an", "its", "their", "his", "her", "this", "that") or s - 1 in ctx.by_token
    ):
        return True  # "the UN appeal for Yemen": a noun
    if etype == "Statement" and head in ("state", "states") and (e >= hi or low[e] != "that"):
        return True  # "the Baltic states": a noun; the verb is "states that"
    if etype == "MilitaryOffensive" and any(low[k] in CIVIL_OPERATIONS for k in range(max(lo, s - 2), e)):
        return True  # "a joint humanitarian operation", "a diplomatic push": no fighting
    if label == "aid_passive" and (
        (trig_words[-1] not in AID_PARTICIPLES and trig_words[-1] != "from")
        or (e - s == 1 and not (passive_be_before(ctx, s)
                                and any(low[k] in AID_WORDS for k in range(max(lo, s - 8), s))))
    ):
        return True  # the patterns match lemmas ("delivering"); "Iran delivered", "troops were sent": no aid
    if etype == "AidCooperation" and any(low[k] in ("ways", "how", "means") and low[k + 1] == "to"
                                         for k in range(max(lo, s - 3), s - 1)):
        return True  # "discussing ways to get supplies into Aleppo": a topic of talks, not a delivery
    if etype in ("Condemnation", "Opposition", "Support") and s - 1 > lo and (
            low[s - 1] in RES_NOUNS or low[s - 1] in ("that", "which") and low[s - 2] in RES_NOUNS):
        return True  # "any resolution that condemns Damascus", "a text condemning the siege": the draft's content
    if etype == "MilitaryBaseAnnouncement" and any(low[k] in ATTACK_NOUNS or low[k] in HIT_VERBS
                                                   for k in range(max(lo, s - 4), s)):
        return True  # "died in the rebel attack on the air base", "shells hit the base": the base is a target
    if etype == "MilitaryBaseAnnouncement" and base_as_location(ctx, lo, s):
        return True  # "fighting near the Kuweires air base", "recaptured the Taqba airbase": the base is a place
    if etype == "AidCooperation" and demanded_by_draft(low, lo, s):
        return True  # "the British-drafted text demands access for aid convoys": a demand, no delivery
    if etype == "AidCooperation" and attacked_aid(ctx, s):
        return True  # "the attack on the aid convoy": the event is the attack
    if label == "aid_evac" and not any(humanitarian(ctx, a) for m in ctx.mentions if lo <= m.start < s
                                       for a in m.actors) and not any(low[k] in AID_WORKERS for k in range(lo, s)):
        return True  # "Red Cross teams evacuated the wounded" is aid; "the army evacuated its positions" is not
    if label == "aid_package" and not any(low[k] in PACKAGE_VERBS for k in range(max(lo, s - 8), s)):
        return True  # "unveiled a 25-million-euro emergency aid initiative"; not "the aid plan was discussed"
    if label == "aid_evac" and any(low[k] in REQUEST_VERBS for k in range(max(lo, s - 6), s)) and "to" in low[
            max(lo, s - 6) : s]:
        return True  # "urged Moscow to allow the evacuation of the wounded": a request, not an evacuation
    if label == "aid_arrived" and not (any(humanitarian(ctx, a) for m in ctx.mentions if max(lo, s - 4) <= m.start < s
                                           for a in m.actors) or any(low[k] in AID_WORKERS | AID_WORDS
                                                                     for k in range(max(lo, s - 3), s))):
        return True  # "A UN convoy reached Madaya"; not "a military convoy reached the front"
    if label == "aid_unable" and not any(low[k] in AID_WORKERS | AID_WORDS for k in range(max(lo, s - 6), s)):
        return True  # "troops were unable to reach the city": no aid
    # money for aid: "to the UN appeal for Yemen", "for earthquake relief"
    return label == "aid_money" and not any(low[k] in AID_WORDS or low[k] in AID_PURPOSES for k in range(e, hi))


OFFICE_SUBJECTS = {"ministry", "government", "department", "office", "presidency", "cabinet"}


def bare_office_subject(low: list[str], start: int, s: int) -> bool:
    """A communique's subject with no name ("The ministry strongly condemns", "The government firmly rejects")."""
    k = start
    if k < s and low[k] in ("the", "this"):
        k += 1
    if k < s and low[k] in ("foreign", "defence", "defense", "interior"):
        k += 1
    if k >= s or low[k] not in OFFICE_SUBJECTS:
        return False
    return all(w.endswith("ly") or w in ("also", "again", "today") for w in low[k + 1 : s])


REL_SUBJECT_FILLERS = {"both", "all", "also", "again", "then", "has", "have", "had", "cast", "casts", "used",
                       "uses", "exercised", "once", "twice", "already", "itself", "themselves"}  # fmt: skip


def relative_antecedent(ctx: SentenceContext, s: int) -> Mention | None:
    """The actor a relative pronoun stands for when it is the trigger's subject ("Russia and China, which both cast
    vetoes"; "Moscow, which has used its veto"): the mention right before ", which / who"."""
    low = ctx.low
    k = s - 1
    while k > ctx.sent.start and low[k] in REL_SUBJECT_FILLERS | {"its", "their", "a", "the"}:
        k -= 1
    if k - 2 < ctx.sent.start or low[k] not in ("which", "who") or low[k - 1] != ",":
        return None
    m = ctx.by_token.get(k - 2)
    if m is None or not m.actors or m.end != k - 1 or m.modifier:
        return None
    return m


def trailing_speaker(ctx: SentenceContext) -> Mention | None:
    """The actor named in the sentence's trailing attribution (", the Turkish foreign ministry said.")."""
    at = ctx.attribution_start()
    if at >= ctx.sent.end:
        return None
    return next((m for m in ctx.mentions if m.start > at and m.actors), None)


def find_agent(f: Frame) -> bool:
    """The agent: a by-phrase, a modifier, the subject (shared by coordinated verbs), the maker of an attempt.

    False where the match is refused ("according to UN figures")."""
    ctx, etype, label, s, e, tc, next_trigger, doc = f.ctx, f.etype, f.label, f.s, f.e, f.tc, f.next_trigger, f.doc
    low, lo, hi, trig_words, head, by, mod, agent = f.low, f.lo, f.hi, f.trig_words, f.head, f.by, f.mod, f.agent
    supporter, passive_subject, repel_k, launched_as = f.supporter, f.passive_subject, f.repel_k, f.launched_as
    by = by_phrase(ctx, e, hi) if label != "hit_by" else carrier_by(ctx, s, e)
    drafted_by_phrase = etype == "ResolutionDrafted" and e - s > 1 and trig_words[-1] in DRAFT_PARTICIPLES
    if (by and not passive_or_nominal(ctx, s, e) and by[0] not in ("backed", "supported", "aided", "assisted")
            and not drafted_by_phrase):  # "a proposal drawn up by New Zealand": the by-phrase drafts
        by = None
    if by and by[0] in ("backed", "supported") and not passive_or_nominal(ctx, s, e):
        by = None
    mod = modifier_before(ctx, s)
    if by and mod is not None and low[s] in NOMINAL_HEADS and by[0] and by[0] not in OWN_PARTICIPLES:
        by = None  # "Russia's veto was denounced by France": the by-phrase belongs to another verb
    agent: Mention | None = None
    supporter: Mention | None = None
    if by and by[0] in ("backed", "supported", "aided", "assisted"):
        supporter = by[1]
        by = None
    if by:
        agent = by[1]
    elif mod is not None:
        agent = mod
    elif (cover := ctx.by_token.get(s)) is not None and cover.actors and cover.start < s:
        agent = cover  # "a worldwide outcry": the mention holds the trigger
    elif object_of_other_verb(ctx, s):
        agent = of_phrase(ctx, e, hi)  # "condemned the bombing of Aleppo": the condemner did not bomb
    else:
        agent = agent_mentions_left(ctx, s, lo)
        if agent is not None and low[s] in NOMINAL_HEADS and speech_subject(low, s, agent.end):
            agent = None  # "diplomats said the offensive would continue": the speaker is not the attacker
        elif agent is not None and low[s] in NOMINAL_HEADS and after_of(ctx, s, agent.end):
            agent = None  # "to bring the perpetrators of the Aleppo bombing before the ICC": no bomber named
    repel_k = repel_before(low, max(lo, s - 6), s) if label == "offensive_noun" and e - s == 1 else None
    if repel_k is not None:
        # "Rebels repelled an army advance", "halted an advance by government troops": the attacker modifies the
        # noun or follows "by"; the subject of the verb of repelling defends
        b = by_phrase(ctx, e, hi, window=0) if e < hi and low[e] == "by" else None
        named = ctx.by_token.get(s - 1)  # "an Islamic State advance"
        named = named if named is not None and named.actors and not named.backed else None
        agent = mod or named or (b[1] if b is not None else None)
    if (etype == "AirStrike" and agent is not None and agent is mod and mod.via == "demonym" and mod.actor
            and mod.actor in ctx.lex.forces_by_state and low[s] in ("air", "strikes", "airstrikes", "strike", "raids")):
        forces = ctx.lex.forces_by_state[mod.actor]  # "Russian air strikes": the strikes of its armed forces
        agent = Mention(mod.start, mod.end, mod.char_start, mod.char_end, mod.text, actor=forces, via="forces")
    if label == "strike_believed":
        dem = next((m for m in ctx.mentions if s < m.start and m.end <= e and m.actors), None)
        if dem is not None and dem.actor:
            forces = ctx.lex.forces_by_state.get(dem.actor, dem.actor)  # "jets believed to be Russian"
            agent = Mention(dem.start, dem.end, dem.char_start, dem.char_end, dem.text, actor=forces, via="forces")
    if etype == "AirStrike" and head in STRIKE_CARRIERS and e - s > 2 and low[s + 1] == "of":
        owner = next((m for m in ctx.mentions if s + 1 < m.start and m.end < e and m.actors), None)
        if owner is not None:
            agent = owner  # "Aircraft of the US-led coalition struck": the of-phrase owns the aircraft
    if agent is None and tc.previous and subjectless_after_but(ctx, lo):
        prev_agents = subject_of(tc.previous[-1])
        if prev_agents:  # "Britain will send jets to Romania but has no plans to station troops there"
            agent = Mention(lo, lo, doc[lo].idx, doc[lo].idx, "", group=tuple(prev_agents), via="coordination")
    if agent is not None and s > lo and low[s - 1] == "in" and agent.start >= 2 and low[agent.start - 1] in (
            "joined", "joins", "join", "joining"):
        subject = ctx.by_token.get(agent.start - 2)
        if subject is not None and subject.actors and etype != "VotePosition":  # "China joined Russia in vetoing"
            agent = Mention(subject.start, agent.end, subject.char_start, agent.char_end, subject.text,
                            group=tuple(dict.fromkeys([*subject.actors, *agent.actors])), via="coordination")
    if etype == "Referral" and agent is not None and any(is_court(ctx, x) for x in agent.actors):
        agent = agent_mentions_left(ctx, agent.start, lo)  # "Ukraine asked the ICC to investigate"
    if agent is None and etype == "Veto" and low[s] in ("veto", "vetoes"):
        after = next((m for m in ctx.mentions if m.start == e and m.actors), None)
        if after is not None and after.end + 1 < hi and low[after.end] in ("had", "has", "have", "used", "cast"):
            agent = after  # "the third veto Russia had used"
    # coordinated verbs share the subject: "X pushed back Y and shelled Z" -> X, not Y
    if (agent is not None and not by and mod is None and tc.previous and "repelled" in tc.previous[-1].notes
            and agent.end <= tc.prev_end and "and" in low[tc.prev_end : s]):
        agent = None if not subject_of(tc.previous[-1]) else Mention(
            agent.start, agent.end, agent.char_start, agent.char_end, agent.text,
            group=tuple(subject_of(tc.previous[-1])), via="coordination")  # "repelled an army advance and retook"
    elif agent is not None and not by and mod is None and tc.previous and agent.start >= tc.prev_end:
        gap = [low[k] for k in range(agent.end, s)]
        prev_agents = subject_of(tc.previous[-1])
        if prev_agents and any(w == "and" for w in gap) and not any(w in AUX for w in gap):
            agent = Mention(agent.start, agent.end, agent.char_start, agent.char_end, agent.text,
                            group=tuple(prev_agents), via="coordination")  # fmt: skip
    if agent is None and etype in ("Shelling", "AirStrike"):
        # "artillery fire from Turkish forces"
        src = next((m for m in ctx.mentions if e <= m.start < min(hi, next_trigger) and m.actors and
                    (ctx.preceded_by_prep(m) == "from" or (ctx.preceded_by_prep(m) == "of" and m.start <= e + 2
                                                           and head in GROUND_HEADS))), None)  # fmt: skip
        if src is not None and src.via in ("forces", "generic", "name", "group"):
            agent = src
    launched_as: str | None = None  # the participle of "<event> was launched/announced by X"
    if agent is None and doc[s].lower_ in NOMINAL_HEADS:
        # "The offensive against the rebels was launched by the army"
        for k in range(e, hi - 1):
            if low[k] in LAUNCH_PARTICIPLES and low[k + 1] == "by":
                b = by_phrase(ctx, k + 1, hi, window=0)
                if b:
                    agent = b[1]
                    launched_as = low[k]
                break
    if etype == "Statement" and trig_words == ["according", "to"]:
        k = e
        while k < hi and low[k] in ("the", "a", "an"):
            k += 1
        agent = ctx.by_token.get(k)  # "according to Zarif": the speaker follows
        if agent is None or not agent.actors:
            return False
        if agent.end < hi and low[agent.end] in FIGURE_NOUNS:
            return False  # "according to UN figures": a source of numbers, no speech act
    if agent is None and etype == "Statement":
        agent = speaker_of(ctx, lo, s)  # "a spokesman for the Turkish government said"
    if agent is None:
        agent = relative_antecedent(ctx, s)  # "blocked by Russia and China, which both cast vetoes"
    if agent is None and etype in ("Condemnation", "Opposition", "Support") and bare_office_subject(low, ctx.sent.start,
                                                                                                     s):
        agent = trailing_speaker(ctx)  # "The ministry condemns ..., the Turkish foreign ministry said"
    accuse_at = accused_of(low, lo, s)
    if accuse_at is not None and (agent is None or agent.end <= accuse_at + 1):
        agent = next((m for m in ctx.mentions if accuse_at < m.start and m.end < s and m.actors), None)
        # "accused separatist fighters of shelling": the accused did it, named or not, never the accuser
    passive_subject: Mention | None = None
    if by and passive_or_nominal(ctx, s, e) and low[s] not in NOMINAL_HEADS:
        passive_subject = agent_mentions_left(ctx, s, lo)
    if (
        by is None
        and etype in MILITARY_TYPES - {"MilitaryMovement"}  # "troops were redeployed": the troops moved
        and agent is not None
        and agent.end <= s
        and mod is None
        and low[s] not in NOMINAL_HEADS
        and (low[s].endswith("ed") or low[s] in IRREGULAR_PARTICIPLES)
        and passive_be_before(ctx, s)
    ):
        passive_subject, agent = agent, None  # "the convoy was attacked": its subject was hit; no attacker named
    f.by = by
    f.mod = mod
    f.agent = agent
    f.supporter = supporter
    f.passive_subject = passive_subject
    f.repel_k = repel_k
    f.launched_as = launched_as
    return True


HARM_PARTICIPLES = {"killing", "wounding", "injuring"}  # ", killing 12 people" after the attack that did it
def redescribed(low: list[str], lo: int, s: int, tc: TriggerContext) -> bool:
    """ "condemned Saturday's air strike on a funeral hall as an outrageous attack on mourners": a verdict's new
    name for an attack the sentence already reports (not "have launched what they describe as a final assault")."""
    k = s - 1
    while k > lo and k >= s - 3 and low[k] not in ("as", "a", "an"):
        k -= 1  # past up to two adjectives
    if low[k] in ("a", "an") and k > lo:
        k -= 1
    launched = any(low[j] in BATTLE_VERBS for j in range(max(lo, k - 6), k))  # "launched what they call an assault"
    return low[k] == "as" and not launched and any(q.type in MILITARY_TYPES for q in tc.previous)


TERRITORY_NOUNS = {"coast", "coastline", "territory", "soil", "shores", "border", "borders", "frontier"}


def own_territory(ctx: SentenceContext, e: int, hi: int) -> str | None:
    """ "a base at Sidi Barrani on its Mediterranean coast": the state that "its" stands for, the sentence's first
    state named as such (not as a demonym)."""
    low = ctx.low
    at = next((k for k in range(e, hi - 1) if low[k] == "its" and (
        low[k + 1] in TERRITORY_NOUNS or k + 2 < hi and low[k + 2] in TERRITORY_NOUNS)), None)
    if at is None:
        return None
    owner = next((m for m in ctx.mentions if ctx.sent.start <= m.start < at and m.place and m.actor
                  and m.via == "name"), None)
    return owner.place if owner is not None else None


PREPARE_FORMS = {"prepare", "prepares", "prepared", "preparing"}
ACCUSE_WORDS = {"accuse", "accused", "accuses", "accusing"}


def accused_of(low: list[str], lo: int, s: int) -> int | None:
    """The index of "accused" in "accused <up to five words> of <trigger>", else None."""
    if s - 2 < lo or low[s - 1] != "of":
        return None
    return next((k for k in range(s - 2, max(lo, s - 7) - 1, -1) if low[k] in ACCUSE_WORDS), None)


WITH_SUPPORT_VERBS = {"providing", "giving", "lending", "offering", "flying"}
WITH_SUPPORT_NOUNS = {"cover", "support", "backing", "escort"}


def with_clause_supporter(ctx: SentenceContext, e: int, agent: Mention | None) -> Mention | None:
    """The armed actor of ", with X providing air cover" / ", with X flying in support" after the trigger (the
    with-clause opens after a comma; the support noun follows the participle within four words)."""
    low, end = ctx.low, ctx.sent.end
    for k in range(e, end - 2):
        if low[k] != "with" or low[k - 1] != ",":
            continue
        j = k + 1
        while j < end and low[j] in ("the", "a", "an"):
            j += 1
        m = ctx.by_token.get(j)
        if m is None or m.start != j or not m.actors or m.end >= end or low[m.end] not in WITH_SUPPORT_VERBS:
            return None
        if not any(w in WITH_SUPPORT_NOUNS for w in low[m.end + 1 : min(end, m.end + 5)]):
            return None
        if not is_armed(ctx, m) or agent is not None and set(m.actors) <= set(agent.actors):
            return None
        return m
    return None


def find_supporter(f: Frame) -> None:
    """The supporter: "<X>-backed", "X, backed by Y,", "Backed by Y, X launched"; and the agent of
    "efforts by X to ..."."""
    ctx, s, low, lo, agent, supporter, effort_at = f.ctx, f.s, f.low, f.lo, f.agent, f.supporter, f.effort_at
    # "<X>-backed" before the trigger or the agent
    backed = [m for m in ctx.mentions if m.backed and lo <= m.start < s]
    if backed:
        supporter = backed[-1]
    # "X, backed by Y," after the agent
    if agent is not None and supporter is None:
        b2 = by_phrase(ctx, agent.end, s, window=3)
        if b2 and b2[0] in ("backed", "supported"):
            supporter = b2[1]
    # "Backed by Russian air power, Syrian forces launched ...": a participle opening the sentence
    if supporter is None and lo + 2 < s and low[lo] in ("backed", "supported", "aided", "assisted"):
        b3 = by_phrase(ctx, lo + 1, s, window=0)
        if b3 is not None and (agent is None or b3[1].start != agent.start):
            supporter = b3[1]
    # "..., with Russian jets providing air cover": the armed actor of an absolute with-clause after the trigger
    if supporter is None and f.etype in MILITARY_TYPES:
        supporter = with_clause_supporter(ctx, f.e, agent)
    # "Efforts by Spain and New Zealand to refer ...": the makers of the attempt are the agent
    effort_at = effort_before(ctx, lo, s)
    if agent is None and effort_at is not None:
        b4 = by_phrase(ctx, effort_at + 1, s, window=0)
        agent = b4[1] if b4 is not None else None

    f.agent = agent
    f.supporter = supporter
    f.effort_at = effort_at


def target_and_places(f: Frame) -> None:
    """The target (the first actor after the trigger, the subject of a passive) and the places of the clause."""
    ctx, etype, s, e, next_trigger, low, lo, hi, by = f.ctx, f.etype, f.s, f.e, f.next_trigger, f.low, f.lo, f.hi, f.by
    agent, supporter, passive_subject, target, places = f.agent, f.supporter, f.passive_subject, f.target, f.places
    repel_k, said_at, part_hi = f.repel_k, f.said_at, f.part_hi
    said_at = ctx.attribution_start()
    tgt_hi = said_at if e <= said_at < hi else hi  # ", a Turkish military source said": the speaker is no target
    part_hi = tgt_hi  # nor a participant (", the Kremlin said")
    target = first_actor_after(ctx, e, min(tgt_hi, next_trigger), TARGET_SKIP_PREPS, next_trigger)
    if target is not None and agent is not None and target.start == agent.start:
        target = None  # the by-phrase's agent is no target
    if by and agent is not None and supporter is None and agent.start >= 3 and ctx.doc[agent.start - 2].text == "-":
        backer = ctx.by_token.get(agent.start - 3)
        supporter = backer if backer is not None and backer.backed else None  # "by Turkish-backed rebels"
    if passive_subject is not None and target is None and (agent is None or passive_subject.actors != agent.actors):
        target = passive_subject
    if agent is None and etype in MILITARY_TYPES and fronted_participle(low, ctx.sent.start, s):
        # "Having retaken the hospital, government troops moved ...": the subject after the comma is the agent
        subj = subject_after_comma(ctx, e, min(hi, e + 14))
        if subj is not None:
            agent = subj
            if target is not None and target.start == subj.start:
                target = None
    if repel_k is not None and target is None:
        target = agent_mentions_left(ctx, repel_k, lo)
    place_hi = said_at if e <= said_at < hi else hi  # "..., the defence ministry in Moscow said": not where it was
    places = clause_places(ctx, lo, min(place_hi, next_trigger), (s, e), direct_object=etype in MILITARY_TYPES)
    if not places and next_trigger < place_hi:
        places = clause_places(ctx, lo, place_hi, (s, e))  # "the bombing killed 18 people in Damascus"
    if agent is not None and agent.via == "capital" and agent.place in places and agent.end <= s:
        agent = None  # "Moscow was bombed": the capital is the place hit, not the attacker
    if not places and etype in ("MilitaryBaseAnnouncement", "MilitaryMovement"):  # not strikes "near its border"
        own = own_territory(ctx, e, place_hi)
        places = [own] if own else places

    f.agent = agent
    f.supporter = supporter
    f.target = target
    f.places = places
    f.said_at = said_at
    f.part_hi = part_hi


def modality_and_negation(f: Frame) -> None:
    """The modality (completed, planned, reported, failed ...) and the negation, from the cues before the
    trigger and the predicate of a nominal event; sets them on the proposal."""
    ctx, etype, label, s, e, tc, low, lo, hi, p = f.ctx, f.etype, f.label, f.s, f.e, f.tc, f.low, f.lo, f.hi, f.p
    trig_words, head, agent, target, repel_k = f.trig_words, f.head, f.agent, f.target, f.repel_k
    launched_as, effort_at, said_at, words, modality = f.launched_as, f.effort_at, f.said_at, f.words, f.modality
    negated, causer, tense = f.negated, f.causer, f.tense
    win_lo = max(lo, (agent.end if agent is not None and agent.end <= s else lo), tc.prev_end)
    if agent is None and (object_of_other_verb(ctx, s) or low[s] in NOMINAL_HEADS and after_of(ctx, s, lo)):
        win_lo = s  # the cues belong to the governing verb
    causer = causative_before(ctx, agent, lo, s) if agent is not None and agent.end <= s else None
    if causer is not None:
        win_lo = max(lo, tc.prev_end)  # "would not allow the YPG to seize": the governing verb's cues count
    words = relative_clause_cues(cue_window(ctx, win_lo, s))
    if etype == "AirStrike" and head in STRIKE_CARRIERS:
        words += trig_words[1:-1]  # "its jets had not struck", "jets reportedly hit": cues inside the trigger
    modality, negated = detect_modality(words, etype, " ".join(trig_words))
    if modality == "considered" and ALL_MEANS.search(" ".join(words)) and {"will", "would", "shall"} & set(words):
        modality = "planned"  # "will explore every avenue to bring them before the ICC": a resolve, not a musing
    if causer is not None and modality == "completed" and causer > lo and low[causer - 1] == "to":
        modality = "planned"  # "sent tanks to help Syrian rebels drive IS out": the aim of the sending
    if label == "strike_believed" and modality == "completed":
        modality = "reported"  # "jets thought to be Syrian": the attacker is a belief
    if any(w in ("reportedly", "allegedly", "purportedly") for w in words):
        modality = "reported"  # a hedge outranks the other cues: "is reportedly preparing an assault"
    if not negated and win_lo > lo and denied_that(cue_window(ctx, max(lo, tc.prev_end), win_lo)):
        negated = True  # "the Kremlin denied that Russian aircraft had bombed the convoy": a denied deed
    if not negated and win_lo > lo and not_implied(cue_window(ctx, max(lo, tc.prev_end), win_lo)):
        negated = True  # "Egypt's vote did not mean Cairo had sided with Moscow": a deed said not to follow
    if modality == "completed":
        # hedges and accusations anywhere earlier in the clause ("Ukraine accused Russian forces of shelling")
        early = cue_window(ctx, max(lo, tc.prev_end), win_lo)
        if any(w in HEDGES for w in early) or accused_of(low, lo, s) is not None:
            modality = "reported"
        elif e <= said_at < hi and any(w in TRAILING_HEDGES for w in low[said_at:hi]) and not in_time_clause(
                low, lo, s):
            modality = "reported"  # "Rebels seized the town, according to activists": a hedge after the event
            # (not on the frame: "270 killed since the offensive began, according to the WHO")
    if (
        modality == "completed"
        and s > lo
        and low[s - 1] == "to"
        and tc.previous
        and tc.previous[-1].modality in ("planned", "considered", "announced")
        and tc.prev_end >= s - 6
    ):
        modality = tc.previous[-1].modality  # "is expected to visit Moscow to meet Putin"
        negated = negated or tc.previous[-1].negated  # "has no intention of launching an offensive to retake"
    if (modality == "completed" and head in HARM_PARTICIPLES and low[s - 1] == "," and tc.previous
            and tc.previous[-1].type in MILITARY_TYPES and tc.previous[-1].modality == "reported"):
        modality = "reported"  # "accused the rebels of shelling its positions, wounding three": the harm is claimed too
    drafted_by = etype == "ResolutionDrafted" and e - s > 1  # "a text drawn up by X would require": drafted
    if (modality == "completed" and low[s] in NOMINAL_HEADS and s > lo and low[s - 1] in ("the", "a", "an")
            and not drafted_by):
        modality = modal_after(ctx, e, hi) or modality  # "the offensive would continue"
    if modality == "completed" and (low[s] in NOMINAL_HEADS or label == "offensive_noun" or low[s] in COUNTER_NOUNS
                                    ) and not drafted_by:
        # the nominal event is the subject: "an army offensive on Aleppo failed", "... is expected within days"
        said = predicate_modality(ctx, e, hi)
        if said is not None and opens_clause(ctx, lo, s):
            modality = said
            if modality == "cancelled":
                modality, negated = "planned", True
    blocked_try = blocked_attempt(low, lo, s)
    if blocked_try is not None and modality in ("completed", "reported"):
        modality = "failed"  # "Russia and China blocked a 2014 attempt to refer Syria to the ICC"
        if agent is not None and agent.end <= blocked_try:
            agent = None  # the blockers made no attempt
            p.roles.pop("agent", None)
    if (blocked_try is not None and agent is None and etype == "Referral" and s - 2 > blocked_try
            and low[s - 1] == "to" and low[s - 2] in ATTEMPT_NOUNS):
        agent = modifier_before(ctx, s - 2)  # "vetoed a French attempt to refer Syria": the attempt is France's
    blocked_later = attempt_blocked_after(low, lo, s, e, hi)
    if blocked_later is not None and modality in ("completed", "reported"):
        modality = "failed"  # "a French-drafted attempt to refer Syria to the ICC was vetoed by Russia and China"
        if agent is not None and agent.start > blocked_later:
            agent = None  # the blockers made no attempt
            p.roles.pop("agent", None)
    if modality == "completed" and effort_at is not None and any(low[k] in FAILED_PREDICATES for k in range(e, hi)):
        modality = "failed"  # "Efforts by Spain to refer the bombing to the ICC failed last month"
    if modality == "completed" and launched_as in PARTICIPLE_MODALITY:
        modality = PARTICIPLE_MODALITY[launched_as]  # "a ground offensive was announced by Turkey"
    if (
        modality == "completed"
        and etype == "TerritorialControlChange"
        and s - 2 >= lo
        and low[s - 1] == "to"
        and purpose_head_before(low, lo, s)
    ):
        modality = "planned"  # "began a push to retake Aleppo": the capture is the aim, not yet done
    if etype == "Referral" and modality == "completed" and s - 2 >= lo and low[s - 1] == "to" and (
            low[s - 2] in INTENT_NOUNS):
        modality = "planned"  # "backs the French push to take Aleppo to the ICC", "rejects the threat to refer"
        owner = modifier_before(ctx, s - 2)
        if owner is not None:
            agent = owner  # the push is France's, not the backer's
            p.roles.pop("agent", None)
    if modality == "planned" and any(w in BEGUN for w in words) and not any(w in FUTURE_CUES for w in words):
        modality = "completed"  # "began its long-planned assault": the plan is carried out
    if not negated and not WINDOW_CUES.isdisjoint(words):
        if "yet" in words and any(a == "yet" and b == "to" for a, b in zip(words, [*words[1:], low[s]], strict=False)):
            negated = True  # "has yet to comment": not so far
        elif cancelled(words):
            negated = True  # "called off a planned attack", "scrapped plans for an offensive"
            if modality == "completed" and not any(w.startswith("suspend") for w in words):
                modality = "planned"  # a called-off event was planned; a suspended activity was going on
        elif ruled_out(words):
            negated = True  # "ruled out a ground offensive": an intention denied
            modality = "planned" if modality == "completed" else modality
    if repel_k is not None and modality in ("completed", "reported"):
        modality = "failed"  # "repelled an army advance"
        p.notes.append("repelled")  # the subject of the clause is the target
    repel_at = repelled(ctx, max(lo, s - 4), s) if etype in MILITARY_TYPES and modality == "completed" else None
    if repel_at is not None:
        modality = "failed"  # "rebels repelled an attack by government forces", "fought off an assault"
        if agent is not None and agent.end <= repel_at:  # the defenders are the attack's target, not its agent
            target = target or agent
            agent = None
        if target is None and agent is None:
            target = they_antecedent(ctx, repel_at + 1, sentence_subject=True)  # "Rebels said they had repelled"
    if (
        etype == "MilitaryOffensive"
        and modality == "completed"
        and low[s] in NOMINAL_HEADS
        and s - 2 >= lo
        and low[s - 2] == "for"
        and (tc.prev_type == "MilitaryMovement" or any(low[k] in PREPARE_VERBS for k in range(lo, s)))
    ):
        modality = "planned"  # "is massing troops for an assault on Aleppo": the assault is to come
    if etype == "MilitaryOffensive" and modality == "completed" and low[s] in NOMINAL_HEADS and ahead_of(low, lo, s):
        modality = "planned"  # "troops massed outside Mosul ahead of the offensive", "in preparation for an assault"
    if (etype == "MilitaryOffensive" and modality == "completed" and low[s] in NOMINAL_HEADS
            and coming_event(low, lo, s) and not any(low[k] in BEGUN for k in range(max(lo, s - 10), s))):
        modality = "planned"  # "the coming assault on the city", "once the offensive on Mosul begins"
    if modality == "completed" and etype == "Referral" and head in PREPARE_FORMS:
        modality = "planned"  # "is preparing a case against Moscow at the ICJ": the referral is to come
    if modality == "completed" and present_progressive(low, s, win_lo):
        modality = "reported"  # ongoing at the time of writing ("France is standing firmly against"): the ontology
        # reserves Completed for events the source states as having happened
    if tc.prev_type == "Agreement" and infinitive_gap([low[k] for k in range(tc.prev_end, s)]):
        modality = "planned"  # "agreed to cooperate", "agreed to coordinate humanitarian deliveries"
    # "announced its plans of setting up a base": cues before the agent window inside the clause
    if modality == "completed" and etype == "MilitaryBaseAnnouncement":
        modality, negated = detect_modality(cue_window(ctx, lo, s), etype, "")
    if etype == "Meeting" and low[s] in MEETING_NOUNS and at_gathering(low, lo, s):
        modality = "planned" if coming_event(low, lo, s) else "completed"  # "pledged support at its summit"
    tense: Tense = "future" if modality in ("planned", "considered", "announced") else "past"
    if etype == "AidCooperation" and low[e - 1] in PACKAGE_NOUNS and modality == "announced" and any(
            w in PACKAGE_VERBS and w.endswith("ed") for w in low[max(lo, s - 8) : s]):
        tense = "past"  # "unveiled an aid initiative on Sunday": the day of the announcement
    p.modality = modality
    p.negated = negated
    f.agent = agent
    f.target = target
    f.words = words
    f.negated = negated
    f.causer = causer
    f.tense = tense


# "the deadliest attack in the capital since July", "the heaviest bombardment since the start of September": the
# date is the term of a comparison, not the time of any event of the clause
_SUPERLATIVE = re.compile(r"\b(?:\w+iest|worst|biggest|largest|fiercest|strongest|longest|greatest|highest|"
                          r"toughest|harshest|sharpest|most \w+|first)\b[^,;.]{0,60}$", re.I)
_SINCE_TAIL = re.compile(r"\b(?:ever )?since (?:the (?:start|beginning|end|middle) of )?$", re.I)


def compared_since(clause: str, start: int, text: str) -> bool:
    """Whether the date mention at `start` (with its own "since" or after one) ends a superlative comparison
    ("the worst fighting since 2014", "the heaviest bombardment since the start of September")."""
    before = clause[:start]
    if not text.lower().startswith(("since", "ever since")):
        m = _SINCE_TAIL.search(before)
        if m is None:
            return False
        before = before[: m.start()]
    return _SUPERLATIVE.search(before[-80:]) is not None


def event_time(f: Frame) -> None:
    """The time of the event: the date nearest the trigger, of the announcement or of what it started."""
    ctx, s, e, doc, low, lo, hi, p, modality = f.ctx, f.s, f.e, f.doc, f.low, f.lo, f.hi, f.p, f.modality
    causer, tense = f.causer, f.tense
    dates = ctx.dates(lo, hi, tense)
    if dates:
        clause = doc[lo:hi].text
        dates = [d for d in dates if not compared_since(clause, d.start, d.text)]  # "the heaviest ... since"
    if dates:
        trig_char = doc[s].idx - doc[lo].idx
        best = min(dates, key=lambda d: abs(d.start - trig_char))
        later = [d for d in dates if d.start > trig_char]
        if best.start < trig_char and later and date_of_speech(clause, best):
            best = min(later, key=lambda d: d.start)  # "said on Thursday that 150 had been killed since 3 October"
        if modality == "announced" and best.start < trig_char and announce_before(low, lo, s):
            # "In March, Moscow announced the withdrawal": the date is of the announcement, in the past
            best = min(ctx.dates(lo, hi, "past"), key=lambda d: abs(d.start - trig_char))
        p.time = dict(best.value)
        between = doc[lo:hi].text[doc[e - 1].idx + len(doc[e - 1].text) - doc[lo].idx : best.start].lower()
        if "date" in p.time and best.start > trig_char and re.search(r"\bsince\b", between):
            p.time = {"since": p.time["date"]}  # the date is of the event that started it
        purpose_of = causer if causer is not None and causer > lo and low[causer - 1] == "to" else None
        if purpose_of is not None and best.start < doc[purpose_of].idx - doc[lo].idx:
            p.time = {}  # "on Wednesday sent tanks ... to help rebels drive IS out": the date of the sending
    if p.modality == "completed" and after_publication(ctx, p.time.get("date")):
        p.modality = "planned"  # "next Saturday's Lausanne talks": an event dated after the article is to come


def after_publication(ctx: SentenceContext, day: str | None) -> bool:
    """True if an ISO day lies after the article's publication date."""
    return day is not None and ctx.published is not None and day > ctx.published.isoformat()



def date_of_speech(clause: str, d: DateMention) -> bool:
    """True if a date sits between a speech verb and the "that" of what was said ("the UN said on Thursday that"):
    the date of the saying, not of the event reported."""
    before, after = clause[: d.start].split(), clause[d.start + len(d.text) :].lstrip()
    return bool(before) and before[-1].lower() in SPEECH and after.startswith("that ")


def referral_roles(f: Frame) -> str:
    """Referral: the requester, the court, the places (and the war referred)."""
    ctx, etype, label, s, e, low, lo, hi, p = f.ctx, f.etype, f.label, f.s, f.e, f.low, f.lo, f.hi, f.p
    trig_words, head, agent, places = f.trig_words, f.head, f.agent, f.places

    if etype == "Referral" and (trig_words[0] == "to" or label == "referral_bare"):
        asked = [low[k] for k in range(lo, s)]
        if not any(w in REQUEST_VERBS for w in asked):
            return DROP
    if (
        etype == "Referral"
        and label == "referral_bare"
        and not any(m.end == s and any(is_court(ctx, x) for x in m.actors) for m in ctx.mentions)
    ):
        return DROP  # "requested that the ICC investigate": the court is the subject of the bare verb
    if etype == "Referral" and label == "referral_to":
        k = e
        while k < hi and low[k] in ("the", "a", "an"):
            k += 1
        # "the ICC prosecutor told the council, which referred Libya to the court": the court named before
        m = ctx.by_token.get(k) or court_named_before(ctx, k)
        if m is None or not any(is_court(ctx, x) for x in m.actors):
            return DROP  # "took the fight to the rebels"
        if m.end < hi and ctx.doc[m.end].text in ("'s", "’s"):
            return DROP  # "sent a delegation to the ICC's assembly"
    if etype == "Referral" and agent is None and attempt_blocked_after(low, lo, s, e, hi) is None:
        for k in range(lo, hi):
            if k < s and not (low[k] == "by" and k > lo and low[k - 1] in REQUEST_VERBS):
                continue  # before the trigger only "asked by Mali to investigate"
            if low[k] == "from" and head == "referral":  # "received a referral from Mali"
                src = ctx.by_token.get(k + 1) or ctx.by_token.get(k + 2)
                if src is not None and src.actors and not any(is_court(ctx, x) for x in src.actors):
                    agent = src
                    break
            if low[k] == "by":
                b = by_phrase(ctx, k, hi, window=0)
                if b and not any(is_court(ctx, x) for x in b[1].actors):
                    agent = b[1]
                    break
    if etype == "Referral":
        court = next((m for m in ctx.mentions if m.actor and ctx.lex.entries.get(m.actor) and
                      ctx.lex.entries[m.actor].kind in ("Court",) or (m.actor or "").endswith("court")
                      or (m.actor or "").endswith("court-of-justice")), None)  # fmt: skip
        if court is None:
            return DROP
        referred, passive_subject = referred_states(ctx, agent, s, e, hi)
        if passive_subject:
            agent = None  # "Myanmar has never been brought before the ICC": the state is referred, it refers nothing
        for pl in referred:
            p.add("place", pl)
        put_agent(p, agent)
        p.add("court", court.actor or "")
        accused = next((m for m in ctx.mentions if s < m.start < court.start and m.actors and ctx.low[m.start - 1]
                        == "against" and (agent is None or not set(m.actors) & set(agent.actors))), None)
        if accused is not None:
            p.add("target", *accused.actors)  # "a case against Moscow at the ICJ": the state the case is against
        if agent is not None and court.actor in agent.actors:
            p.roles["agent"] = [a for a in p.roles["agent"] if a != court.actor]
            if not p.roles["agent"]:
                del p.roles["agent"]
        for pl in places + clause_places(ctx, ctx.sent.start, ctx.sent.end, (s, e)):
            p.add("place", pl)
        own = next((k for k in range(s, min(hi - 1, e + 8)) if low[k] == "in" and low[k + 1] in ("its", "their")),
                   None)
        if own is not None and agent is not None and low[own - 1] in ("situation", "crimes", "conflict", "violence"):
            for a in agent.actors:  # "referred the situation in its northern regions": the referring state's land
                if ctx.lex.territory(a):
                    p.add("place", ctx.lex.territory(a) or "")
        war = next((m for m in ctx.mentions if s < m.start < court.start and m.modifier and m.actor and
                    m.end < hi and low[m.end] in WAR_NOUNS), None)  # fmt: skip
        if war is not None and war.actor and ctx.lex.territory(war.actor):
            p.add("place", ctx.lex.territory(war.actor) or "")  # "refer the Syrian conflict to the ICC"
    f.agent = agent
    return GO


REFER_VERBS = {"refer", "referred", "referring", "refers"}


def court_named_before(ctx: SentenceContext, k: int) -> Mention | None:
    """The court that "the court" at token k stands for: a court named earlier in the sentence, if any ("the
    court's assembly" is no court)."""
    if ctx.low[k] != "court" or (k + 1 < len(ctx.doc) and ctx.doc[k + 1].text in ("'s", "’s")):
        return None
    return next((m for m in ctx.mentions if m.end <= k and any(is_court(ctx, x) for x in m.actors)), None)


def referred_states(ctx: SentenceContext, agent: Mention | None, s: int, e: int, hi: int) -> tuple[list[str], bool]:
    """The territories of the states a referral is about, when the state is what is referred, not the referrer:
    the subject of a passive ("Myanmar has never been brought before the ICC", with no by-phrase after), the object
    of "refer" inside the trigger ("refer Yemen to the ICC"), the antecedent of an object relative ("Sudan, which
    the council referred to the court"); and whether the agent found is that passive subject."""
    low = ctx.low
    out: list[str] = []
    passive_subject = False

    def territories(m: Mention | None) -> list[str]:
        if m is None or m.modifier:
            return []
        return [t for t in (ctx.lex.territory(a) for a in m.actors) if t]

    if (agent is not None and agent.end <= s and passive_be_before(ctx, s) and "by" not in low[e:hi]
            and not low[s].endswith("ing")):  # "Kiev is preparing a case": progressive, not passive
        out += territories(agent)  # only a state stands for its land; "the case was brought" has no agent anyway
        passive_subject = bool(out)
    if low[s] in REFER_VERBS:
        out += territories(next((m for m in ctx.mentions if s < m.start and m.end < e and m.actors), None))
    if agent is not None and agent.end <= s + 1 and agent.start - 3 >= ctx.sent.start:
        k = agent.start - 1 if low[agent.start - 1] == "which" else agent.start - 2
        if low[k] == "which" and k == agent.start - 1 - (low[agent.start - 1] == "the") and low[k - 1] == ",":
            out += territories(ctx.by_token.get(k - 2) if (m := ctx.by_token.get(k - 2)) and m.end == k - 1 else None)
    return list(dict.fromkeys(out)), passive_subject


def vote_roles(f: Frame) -> str:
    """Veto, Vote and VotePosition: who vetoed or voted how, the counts of a tally, the draft."""
    ctx, etype, label, s, e, state, doc, low, lo = f.ctx, f.etype, f.label, f.s, f.e, f.state, f.doc, f.low, f.lo
    hi, p, trig_words, head, mod, agent, text = f.hi, f.p, f.trig_words, f.head, f.mod, f.agent, f.text
    if etype == "Veto":
        # "Tuesday's veto, China's third on Myanmar", "the veto ... was Moscow's fifth": the owner of the ordinal
        owned = next((k for k in range(e, min(hi, e + 12) - 3) if low[k + 1] in ("'s", "’s") and low[k + 2] in ORDINALS
                      and low[k + 3] in (",", ".", "on", "since", "in", "veto", "against", "of", "this", "that")
                      and k in ctx.by_token and ctx.by_token[k].actors), None)
        if owned is not None and (agent is None or set(agent.actors) <= set(ctx.by_token[owned].actors)):
            agent = ctx.by_token[owned]
            p.properties["ordinal"] = ORDINALS[low[owned + 2]]
        if label == "veto_negative":
            p.roles.pop("agent", None)  # the readout names no member; the vote was cast (cues before: the draft)
            p.modality, p.negated = "completed", False
            p.add("forum", "actor/un-security-council")
            resolution_roles(ctx, p, state, text)
            return DONE
        put_agent(p, agent)
        if "agent" not in p.roles and mod is None:
            return DROP
        resolution_roles(ctx, p, state, text)
        ordn = next((ORDINALS[w.lower_] for w in ctx.sent if w.lower_ in ORDINALS), None)
        if ordn and "time" in text.lower():
            p.properties["ordinal"] = ordn
        for m in ctx.mentions:
            if m.place and ctx.preceded_by_prep(m) == "on" and m.start > s:
                p.add("topic", "SyrianCivilWar" if m.place == "place/syria" else "")
        p.roles["topic"] = [t for t in p.roles.get("topic", []) if t]
        if not p.roles["topic"]:
            del p.roles["topic"]
    elif etype == "Vote" and label == "vote_event":
        # "The Security Council will vote on the draft": a vote by a forum
        forum_agent = agent is not None and any("council" in a or "assembly" in a for a in agent.actors)
        if not forum_agent and not forum_word_vote(ctx, lo, s, e, hi):
            return DROP
        if forum_agent and agent is not None:
            p.add("forum", *agent.actors)
        else:
            add_forum(ctx, p)  # "The council will vote on ...", "A vote on the draft is expected"
        # "A vote on the draft is expected", "A Security Council vote on the text has been postponed"
        first = agent.start if forum_agent and agent is not None and agent.end == s else s
        if low[s] in ("vote", "votes") and first > lo and low[first - 1] in ("a", "the"):
            said = predicate_modality(ctx, e, hi)
            if said == "failed" and not forum_agent:
                return DROP  # "the vote on the French draft failed": the draft failed
            if said == "cancelled":
                p.modality, p.negated = "planned", True  # "the vote has been put off": it did not take place
            elif said is not None and said != "failed":
                p.modality = said
        rid = state.resolutions[-1][0] if state.resolutions else None
        if rid:
            p.add("resolution", rid)
    elif etype == "Vote" and label == "vote_won":
        if not any(low[k] in RES_NOUNS or low[k] in ("it", "council") for k in range(lo, hi)):
            return DROP  # "the party won 20 votes": no draft
        n = next((parse_int(doc[k].text) for k in range(s, e) if doc[k].like_num), None)
        if n is None:
            return DROP
        p.properties["inFavourCount"] = n
        if p.negated and not any(low[k] in ("not", "never", "n't", "neither", "nor") for k in range(max(lo, s - 3), s)):
            p.negated = False  # "was not adopted, having received 10 votes", "which made no provision ..., won 4"
        resolution_roles(ctx, p, state, text)
    elif etype == "Vote" and label == "vote_all":
        n = next((parse_int(doc[k].text) for k in range(s, e) if doc[k].like_num), None)
        if not n:
            return DROP
        against = any(low[k] == "against" for k in range(e, min(hi, e + 8)))
        p.properties["againstCount" if against else "inFavourCount"] = n
        p.properties["memberCount"] = n
        resolution_roles(ctx, p, state, text)
    elif etype == "Vote" and label == "vote_tally":
        # a part of a tally counts only in a sentence about a vote or a draft ("3 against" alone says nothing)
        if not any(w in ("vote", "votes", "voted") or w in RES_NOUNS for w in low[ctx.sent.start : ctx.sent.end]):
            return DROP
        if s > ctx.sent.start and low[s - 1] in ("the", "of", "'s", "’s") and not (
                low[s - 1] == "of" and s - 1 > ctx.sent.start and low[s - 2] in ("vote", "votes", "tally", "count")):
            return DROP  # "of the 15 members voted": the count of members, not of votes ("a vote of 98 in favour")
        n = compound_number(ctx, s)
        if not n and n != 0:
            return DROP
        last = trig_words[-1]
        if last == "in" and (e >= hi or low[e] not in ("favour", "favor")):
            return DROP
        key = {"against": "againstCount", "opposed": "againstCount", "abstention": "abstainCount",
               "abstentions": "abstainCount", "abstaining": "abstainCount", "abstained": "abstainCount"}
        p.properties[key.get(last, "inFavourCount")] = n
        p.negated = False  # "was not adopted, having received 10 votes in favour": the count itself stands
        resolution_roles(ctx, p, state, text)
    elif etype == "Vote":
        nums = [compound_number(ctx, k) if k == s else parse_int(doc[k].text) for k in range(s, e)
                if parse_int(doc[k].text) is not None]
        if low[e - 1] in ("none", "nil"):
            nums.append(0)  # "adopted by 14 votes to none"
        if len(nums) == 1 and trig_words[-1] in ("for", "against", "in", "abstained", "abstain") and nums[0]:
            # "only four members voted for it" (not "of the 15 members voted", "of the council's 15 members")
            if s > ctx.sent.start and low[s - 1] in ("the", "of", "'s", "’s"):
                return DROP
            if trig_words[-1] == "in" and (e >= hi or low[e] not in ("favour", "favor")):
                return DROP
            key = {"against": "againstCount", "abstained": "abstainCount", "abstain": "abstainCount"}
            p.properties[key.get(trig_words[-1], "inFavourCount")] = nums[0]
            resolution_roles(ctx, p, state, text)
            return DONE
        if len(nums) < 2 or nums[0] is None or nums[1] is None:
            return DROP
        counted = (trig_words[1] != "of" or trig_words[0] in ("vote", "votes")) and (
            "vote" in trig_words or "votes" in trig_words or "voted" in trig_words)  # "by a vote of 14-0"
        if not counted and nums[0] > nums[1]:
            return DROP
        after = " ".join(t.lower_ for t in doc[e : min(hi, e + 5)])
        if counted and (defeated_by(low, s, lo) or "down" in trig_words):
            p.properties["inFavourCount"] = nums[1]  # "was defeated by nine votes to four": nine against
            p.properties["againstCount"] = nums[0]
        elif counted:
            p.properties["inFavourCount"] = nums[0]
            p.properties["againstCount"] = nums[1]
        elif won_by(low, s, lo):
            p.properties["inFavourCount"] = nums[0]  # "backed by 12 of the council's 15 members", "won 11 of 15"
        elif any(w in after for w in ("favour", "favor", "support", "backed", "voted for", "in favour")):
            p.properties["inFavourCount"] = nums[0]
        elif "against" in after or "opposed" in after:
            p.properties["againstCount"] = nums[0]
        elif "abstain" in after:
            p.properties["abstainCount"] = nums[0]
        else:
            return DROP
        if not counted:
            p.properties["memberCount"] = nums[1]
        resolution_roles(ctx, p, state, text)
    elif etype == "VotePosition" and label == "vote_paren":
        # "11 votes in favour to 2 against (Russian Federation, Venezuela), with 2 abstentions (Angola, China)":
        # the members named in brackets after a part of a tally voted that way
        if not any(doc[k].like_num for k in range(max(lo, s - 3), s)):
            return DROP
        close = next((k for k in range(e, hi) if low[k] == ")"), None)
        if close is None:
            return DROP
        members = [a for m in ctx.mentions if e <= m.start and m.end <= close for a in m.actors]
        if not members:
            return DROP
        p.roles.pop("agent", None)
        p.add("agent", *dict.fromkeys(members))
        p.negated = False
        p.properties["position"] = {"against": "Against", "opposed": "Against", "favour": "InFavour",
                                    "favor": "InFavour"}.get(low[s], "Abstain")
        resolution_roles(ctx, p, state, text)
        p.roles.pop("sponsor", None)
        return DONE
    elif etype == "VotePosition" and label == "vote_pos_and":
        tc = f.tc
        first = tc.previous[-1] if tc.previous else None
        if first is None or first.type != "VotePosition" or not first.roles.get("agent") or tc.prev_end < s - 6:
            return DROP  # only right after a position of the same voters
        p.roles.pop("agent", None)
        p.add("agent", *first.roles["agent"])
        p.properties["position"] = "Against" if trig_words[1] == "against" else "InFavour"
        sponsor_m = modifier_before(ctx, e - 1)
        if sponsor_m is not None and sponsor_m.actors:
            rid = resolution_id(sponsor_m.actors[0], ctx.published, text)
            if (rid, sponsor_m.actors[0]) not in state.resolutions:
                state.resolutions.append((rid, sponsor_m.actors[0]))
            p.add("resolution", rid)
        for forum in first.roles.get("forum", []):
            p.add("forum", forum)
        f.agent = None
        return DONE
    elif etype == "VotePosition" and label == "vote_backed":
        named = any(m.actors and m.modifier and s < m.start and m.end < e for m in ctx.mentions)
        voting = any(w.startswith(("vote", "abstain", "veto")) or w == "council"
                     for w in low[ctx.sent.start : ctx.sent.end])
        if agent is None or not (named or voting or state.last_vote or state.resolutions):
            return DROP
        if all("council" in a or "assembly" in a for a in agent.actors):
            return DROP
        put_agent(p, agent)
        p.properties["position"] = "Against" if trig_words[0] == "opposed" else "InFavour"
        resolution_roles(ctx, p, state, text)
        p.roles.pop("sponsor", None)
    elif etype == "VotePosition":
        if head in ("abstention", "abstentions", "vote", "votes") and s > lo and doc[s - 1].like_num:
            return DROP  # "with 41 abstentions", "gathered eleven votes in favour" are tallies, not positions
        if low[s] == "vote" and e < hi and low[e - 1] == "for" and low[e] == "the" and e + 1 < hi and (
                low[e + 1] in ORDINALS or low[e + 1] == "last"):
            return DROP  # "on a Syria vote for the first time": "for" is no position
        fence = trig_words[-1] == "fence"
        if fence and not (state.last_vote or state.resolutions or any(
                w.startswith(("vote", "abstain", "veto")) or w in RES_NOUNS
                for w in low[ctx.sent.start : ctx.sent.end])):
            return DROP  # "sat on the fence over Brexit": no council vote
        if agent is None:
            agent = they_antecedent(ctx, s)  # "Washington and London signalled that they will vote it down"
        if agent is None:
            return DROP
        if all("council" in a or "assembly" in a for a in agent.actors):
            return DROP  # "the General Assembly voted in favour": the forum's vote (a vote_event trigger)
        put_agent(p, agent)
        if low[s - 1] == "in" and agent.start >= 2 and low[agent.start - 1] in ("joined", "joins", "join"):
            subject = ctx.by_token.get(agent.start - 2)
            if subject is not None and subject.actors:
                p.add("agent", *subject.actors)  # "Venezuela joined Russia in voting against it": both did
        p.add("agent", *co_voters(ctx, e))  # "voted for the text, as did Senegal and Malaysia"
        if head.startswith(("abstain", "abstention")) or fence:
            p.properties["position"] = "Abstain"
        elif len(trig_words) > 1 and (trig_words[1] in ("against", "no") or trig_words[-1] == "down"):
            p.properties["position"] = "Against"
        else:
            p.properties["position"] = "InFavour"
        resolution_roles(ctx, p, state, text)
        p.roles.pop("sponsor", None)
    f.agent = agent
    return GO


def draft_roles(f: Frame) -> str:
    """ResolutionDrafted, ResolutionFailed, ResolutionAdopted: the sponsor, the forum, the draft."""
    ctx, etype, label, s, e, state, doc, low, lo = f.ctx, f.etype, f.label, f.s, f.e, f.state, f.doc, f.low, f.lo
    hi, p, trig_words, head, agent, words, text = f.hi, f.p, f.trig_words, f.head, f.agent, f.words, f.text
    if etype == "ResolutionDrafted":
        if label == "drafted_rel":  # "the text that France tabled": the first actor in the relative clause drafts
            agent = next((ctx.by_token[k] for k in range(s + 2, e - 1) if k in ctx.by_token
                          and ctx.by_token[k].actors and ctx.by_token[k].start >= s + 2), None)
        elif (s - 2 >= ctx.sent.start and doc[s - 1].text == "-" and (hyph := ctx.by_token.get(s - 2)) is not None
              and hyph.actors):
            agent = hyph  # "a vote on the Egyptian-drafted compromise": the demonym drafted it, not the voters
        elif head == "draft" and s > ctx.sent.start and low[s - 1] in ("a", "an", "the", "its", "their", "rival") and (
            e - s > 1 or (e < len(doc) and low[e] in ("resolution", "text"))
        ) and not (e - s > 1 and low[s + 1] in (",", "written", "drafted", "sponsored", "proposed", "tabled",
                                                   "submitted", "put", "drawn", "prepared", "authored", "presented",
                                                   "circulated", "introduced")):  # fmt: skip
            return DROP
        sponsor = agent
        if sponsor is None:
            return DROP
        if head in ("prepare", "preparing") and p.modality == "completed":
            p.modality = "planned"
        p.add("agent", *sponsor.actors)
        rid = resolution_id(sponsor.actors[0], ctx.published, text)
        state.resolutions.append((rid, sponsor.actors[0]))
        p.add("resolution", rid)
        add_forum(ctx, p)
        add_demands(p, text)
    elif etype == "ResolutionFailed":
        if low[s] in RES_NOUNS and e - s > 2:
            p.modality = detect_modality(words + trig_words[:-1], etype, "")[0]  # "the draft could fail"
        if label == "failed_doomed":
            p.modality = "considered"  # "appears doomed": its failure is expected, not yet stated
        if label != "failed_blocked" and not set(low[lo:hi]) & (RES_NOUNS | {"it", "vote"}):
            forum_agent = agent is not None and any("council" in a or "assembly" in a for a in agent.actors)
            if (agent is not None and not forum_agent) or not state.resolutions:
                return DROP  # "Morocco failed to get the ICC to investigate": no draft failed
        if (
            trig_words[0] in ("turn", "turned", "turns")
            and agent is not None
            and not any("council" in a or "assembly" in a for a in agent.actors)
        ):
            return DROP  # "Russia turned down the draft" is its opposition, not the council's decision
        upto = e if label == "failed_blocked" else s  # "blocking a French-drafted call": the sponsor is inside
        sponsor_m = next((m for m in ctx.mentions if (m.backed or m.modifier) and m.end <= upto and m.start >= lo),
                         None)  # fmt: skip
        if sponsor_m is not None:
            rid = resolution_id(sponsor_m.actors[0], ctx.published, text)
            if (rid, sponsor_m.actors[0]) not in state.resolutions:
                state.resolutions.append((rid, sponsor_m.actors[0]))
            p.add("resolution", rid)
            p.properties["sponsor"] = sponsor_m.actors[0]
        elif state.resolutions:
            p.add("resolution", state.resolutions[-1][0])
        else:
            p.add("resolution", resolution_id(None, ctx.published, text))
        add_forum(ctx, p)
    elif etype == "ResolutionAdopted":
        if low[s] in RES_NOUNS and "not" in trig_words:
            return DROP  # "the proposal was not adopted": the draft failed (a ResolutionFailed trigger)
        forum = agent
        if label == "adopted_by":
            if not passive_be_before(ctx, s):
                return DROP  # "was (unanimously) approved by": a passive
            forum = first_actor_after(ctx, e - 1, hi, set())
            if forum is None or not any("council" in a or "assembly" in a for a in forum.actors) or not any(
                    low[k] in RES_NOUNS for k in range(lo, s)):
                return DROP  # "the plan was approved by Moscow": no forum adopted a draft
        if forum is not None and forum.actor and ("council" in forum.actor or "assembly" in forum.actor):
            p.add("forum", forum.actor)
        else:
            add_forum(ctx, p)
        rid = state.resolutions[-1][0] if state.resolutions else resolution_id(None, ctx.published, text)
        p.add("resolution", rid)
    f.agent = agent
    return GO


MEETING_NOUNS = {"summit", "talks", "meeting", "conference"}


def at_gathering(low: list[str], lo: int, s: int) -> bool:
    """ "pledged support at its Warsaw summit", "said at a news conference": the gathering is where the clause's
    act took place, so the act's cues (a pledge, a plan) are not its own."""
    for k in range(s - 1, max(lo, s - 5) - 1, -1):
        if low[k] == "at":
            return True
        if low[k] in (",", ";", "to", "for", "on", "that", "which", "will", "would"):
            return False
    return False


def venue_of(ctx: SentenceContext, s: int, e: int, hi: int) -> bool:
    """A gathering named with its venue: "the Warsaw summit", "Lausanne talks", "a summit in Addis Ababa",
    "the emergency meeting on Yemen in Cairo" (the city right before the noun or after "in" shortly after it)."""
    before = ctx.by_token.get(s - 1)
    if before is not None and before.place is not None and before.end == s:
        return True
    for k in range(e, min(hi - 1, e + 5)):
        if ctx.low[k] in (",", ";", "that", "which", "to"):
            return False
        if ctx.low[k] == "in":
            m = ctx.by_token.get(k + 1)
            return m is not None and m.place is not None
    return False


def effort_verb_before(low: list[str], lo: int, s: int) -> bool:
    """ "called for talks in Geneva", "pushing for a summit": a gathering sought, not held."""
    return any(low[k] in ("for", "urged", "proposed", "demanded", "sought") for k in range(max(lo, s - 4), s))


TRUCE_NOUNS = {"ceasefire", "truce", "cease-fire", "armistice"}


def truce_agreed(low: list[str], lo: int, s: int) -> bool:
    """The agreement is a truce named before its trigger: "the ceasefire deal" (a compound), "the ceasefire (that)
    the two had agreed", "the truce Moscow and Washington struck" (an object relative clause, no comma between)."""
    if s - 1 >= lo and low[s - 1] in TRUCE_NOUNS:
        return True
    for k in range(s - 1, max(lo, s - 7) - 1, -1):
        if low[k] in (",", ";", ".", "after", "before", "when", "as", "but"):
            return False
        if low[k] in TRUCE_NOUNS:
            return low[s - 1] in ("had", "have", "has") or low[k + 1] in ("that", "which")
    return False


def meeting_roles(f: Frame) -> str:
    """Agreement and Meeting: the participants and where they met."""
    ctx, etype, label, s, e, tc, next_trigger, doc = f.ctx, f.etype, f.label, f.s, f.e, f.tc, f.next_trigger, f.doc
    low, lo, hi, p, head, agent, places, part_hi = f.low, f.lo, f.hi, f.p, f.head, f.agent, f.places, f.part_hi
    text = f.text
    if etype == "Agreement":
        parts = participants(ctx, lo, part_hi, s, agent)
        parts += [a for a in pronoun_speaker(ctx, lo, s) if a not in parts]  # "Abe said that he and Putin agreed"
        if without_agreeing(low, lo, s):
            p.modality, p.negated = "failed", False  # "ended two hours of talks without agreeing on ..."
        if label == "agree_brokered":
            by_m = by_phrase(ctx, e - 1, hi, window=0)
            if by_m is None or len(by_m[1].actors) < 2:
                return DROP  # "a truce brokered by Moscow and Washington": the brokers are its parties
            parts = list(by_m[1].actors)
        if len(parts) < 2 and agent is None:
            return DROP
        p.add("participant", *parts)
        for pl in places:
            p.add("place", pl)
        for pat, topic in TOPICS:
            if topic in ("MilitaryContacts", "MilitaryCooperation", "Truce", "HumanitarianAid") and pat.search(
                doc[max(lo, s - 3) if label == "agree_brokered" else e : hi].text
            ):
                p.add("topic", topic)
        if "Truce" not in p.roles.get("topic", []) and truce_agreed(low, lo, s):
            p.add("topic", "Truce")  # "the ceasefire deal they struck", "the ceasefire the two had agreed"
    elif etype == "Meeting":
        if head in ("received", "receives") and not (e < hi and (e in ctx.by_token or low[e] in ("his", "her",
                                                                                                 "the"))):
            return DROP  # "received Lavrov", "received his counterpart"; not "the text received 11 votes"
        if head in ("visit", "visited") and not [m for m in ctx.mentions if m.actor and m.start > e]:
            return DROP
        if label == "meet_see" and not person_after(ctx, e, hi):
            return DROP  # "went on to Washington to see John Kerry"; not "remains to see whether"
        next_meets = any(t == "Meeting" and x == next_trigger for t, x, _e in tc.mains)
        meet_hi = min(part_hi, next_trigger) if next_meets else part_hi
        parts = participants(ctx, lo, meet_hi, s, agent)  # "... for talks with Lavrov and went on to see Kerry"
        if tc.previous and tc.previous[-1].type == "Meeting":  # the earlier meeting's partners are its own
            own = set(agent.actors) if agent is not None else set()
            parts = [a for a in parts if a in own or a not in tc.previous[-1].roles.get("participant", [])]
        parts += [a for a in pronoun_speaker(ctx, lo, s) if a not in parts]  # "Abe said that he and Putin met"
        if len(parts) < 2 and not (head in MEETING_NOUNS and venue_of(ctx, s, e, hi) and not effort_verb_before(
                low, lo, s)):
            return DROP  # a named gathering with its venue needs no two parties: "the Warsaw summit"
        p.add("participant", *parts)
        if head not in ("visit", "visited", "visits", "trip"):  # "meet Putin ... to discuss aid to the city"
            gone = {m.place for m in ctx.mentions if m.place and m.start >= e and lo <= m.start < hi
                    and ctx.preceded_by_prep(m) in ("to", "towards", "toward", "into")}  # fmt: skip
            places = [pl for pl in places if pl not in gone]
            topics = {m.place for m in ctx.mentions if m.place and m.start >= e and lo <= m.start < hi
                      and any(low[k] in DISCUSS_WORDS for k in range(max(e, m.start - 4), m.start))}  # fmt: skip
            places = [pl for pl in places if pl not in topics]  # "telephoned Erdogan to discuss Aleppo": a topic
            dest = travel_destination(ctx, lo, s)
            if dest is not None:
                places = [dest]  # "travelled to Ankara for talks ... on the war in Syria": where they met
        for pl in places:
            p.add("place", pl)
        if "bilateral" in text.lower():
            p.properties["bilateral"] = True
    f.agent = agent
    return GO


def military_roles(f: Frame) -> str:
    """Offensives, strikes, shelling, movements, changes of control and bases: agent, target, supporter,
    places and properties."""
    ctx, etype, label, s, e, state, tc, next_trigger = f.ctx, f.etype, f.label, f.s, f.e, f.state, f.tc, f.next_trigger
    doc, low, lo, hi, p, trig_words, head, agent = f.doc, f.low, f.lo, f.hi, f.p, f.trig_words, f.head, f.agent
    supporter, target, places, text = f.supporter, f.target, f.places, f.text
    if etype == "MilitaryOffensive":
        if label == "battle_for" and agent is not None and not (
                agent.end == s - 1 and low[s - 1] in ("'s", "’s") or any(
                    low[k] in BATTLE_VERBS for k in range(max(lo, s - 3), s))):
            agent = None  # "rejected any role in the coming battle for Raqqa": the clause's subject does not fight
        put_agent(p, agent)
        if supporter is None:  # "the offensive on Aleppo, backed by Russian jets, began"
            bk = next((k for k in range(e, hi - 1) if low[k] in ("backed", "supported") and low[k + 1] == "by"), None)
            sb = by_phrase(ctx, bk + 1, hi, window=0) if bk is not None else None
            if sb is not None and (agent is None or set(sb[1].actors) != set(agent.actors)):
                supporter = sb[1]
        if supporter is not None:
            p.add("supporter", *supporter.actors)
        if target is not None and target.actors != (agent.actors if agent else ()):
            p.add("target", *target.actors)
        for pl in places:
            p.add("place", pl)
        if "joint" in [low[k] for k in range(max(lo, s - 2), s)]:
            p.properties["joint"] = True
        if p.modality in ("completed", "reported") and head in PLAN_HEADS:
            p.modality = "planned"  # "are planning a major push", "is preparing an operation"
        state.last_offensive = p
    elif etype in ("AirStrike", "Shelling"):
        if (
            etype == "AirStrike"
            and head.startswith("bombard")
            and agent is not None
            and (low[agent.end - 1] in GROUND_HEADS)
        ):
            p.type = "Shelling"  # "government forces bombarded": guns, not aircraft
        put_agent(p, agent)
        if supporter is not None:
            p.add("supporter", *supporter.actors)
        for pl in places:
            p.add("place", pl)
        if target is not None and (agent is None or target.actors != agent.actors) and target.start > e:
            p.add("target", *target.actors)
    elif etype == "MilitaryMovement":
        if agent is None or civil_withdrawal(ctx, head, e, hi):
            return DROP
        transported = e - s == 2 and doc[s].norm_ in TRANSPORT_LEMMAS and low[s + 1] in ("to", "into", "towards",
                                                                                         "toward", "in")
        if transported and not passive_be_before(ctx, s):
            return DROP  # "were bussed into" (passive); not "flew to Moscow for talks"
        if label == "move" and (trig_words[0] in BRING_VERBS or transported) and not is_armed(ctx, agent):
            return DROP  # "pro-government militiamen were brought up to Aleppo"; not "rules brought in from May"
        put_agent(p, agent)
        if not places and tc.previous and "there" in low[e:hi]:
            places = list(tc.previous[-1].roles.get("place", []))  # "... to Romania but no troops there"
        for pl in places:
            p.add("place", pl)
        direction = next((DIRECTIONS[low[k]] for k in range(s, min(hi, e + 3)) if low[k] in DIRECTIONS),
                         None)  # fmt: skip
        if direction:
            p.properties["direction"] = direction
        if head.startswith(("withdraw", "retreat", "pull")):
            p.properties["direction"] = p.properties.get("direction", "away")
    elif etype == "TerritorialControlChange":
        if label == "take_place" and e < hi and low[e] in ("place", "part"):
            return DROP  # "the meeting would take place in Moscow"
        if label == "take_place" and any(m.start > e and any(is_court(ctx, a) for a in m.actors)
                                         for m in ctx.mentions if m.end <= hi):
            return DROP  # "take the bombing of eastern Aleppo to the ICC": a referral, no place taken
        if label == "take_place" and not any(
            m.place and not m.actor or m.via == "coref" for m in ctx.mentions if e <= m.start <= e + 4
        ):
            return DROP  # "took the district of Said", not "took part"
        if label == "take_place" and any(low[k] in AID_NOUNS or low[k] in ("convoy", "convoys", "trucks", "lorries")
                                         for k in range(lo, s)):
            return DROP  # "aid trucks were blocked from entering Aleppo": the aid enters, nobody takes the city
        if label == "lost_to" and agent is not None and any(low[k] in ("ground", "territory") for k in range(s, e)):
            # "lost ground to the YPG", "lost much of that ground to a counter-attack by the Syrian army"
            k = e
            while k < min(hi, e + 5) and k not in ctx.by_token and low[k] not in (",", "by"):
                k += 1
            if k < hi and low[k] == "by":
                k += 2 if k + 1 < hi and low[k + 1] == "the" else 1
            winner = ctx.by_token.get(k)
            if winner is None or not winner.actors or winner.modifier or set(winner.actors) == set(agent.actors):
                return DROP
            p.add("agent", *winner.actors)
            p.add("target", *agent.actors)
        elif label == "lost_to":
            k = e + 1 if e < hi and low[e] in ("the", "a", "an") else e
            winner = ctx.by_token.get(k)
            if winner is not None and winner.backed:  # "lost Dabiq to Turkish-backed rebels"
                supporter = winner
                winner = ctx.by_token.get(winner.end + 2) if winner.end + 2 < hi else None
            if winner is None or not winner.actors or not (any(
                    m.place and not m.actor for m in ctx.mentions if s < m.start and m.end < e)
                    or armed_loss(ctx, agent, winner, s, e)):
                return DROP  # "lost the Farafira district to government forces"; not "lost patience to"
            p.add("agent", *winner.actors)
            if agent is not None and set(agent.actors) != set(winner.actors):
                p.add("target", *agent.actors)
            places = [m.place for m in ctx.mentions if m.place and s < m.start and m.end < e] or places
        elif label == "control" and trig_words[:2] in (["fall", "to"], ["fell", "to"], ["fallen", "to"]):
            new_holder = first_actor_after(ctx, e - 1, hi, set())
            if new_holder is None:
                return DROP
            if any(low[k] in ("veto", "vetoes", "vote", "votes", "objection", "objections") for k in
                   range(e, min(hi, e + 4))) or any(low[k] in RES_NOUNS for k in range(lo, s)):
                return DROP  # "the French draft fell to a Russian veto": a draft fails, no ground changes hands
            p.add("agent", *new_holder.actors)
        elif label == "fall_bare":
            if not fallen_place(ctx, s, e, hi):
                return DROP  # not "shells fell on Aleppo", "the text fell short", "fell silent"
            agent = None
        elif trig_words[0] in ("lose", "lost", "losing", "loses") and agent is not None:
            p.add("target", *agent.actors)

        else:
            put_agent(p, agent)
            if target is None and e - s > 2:  # "drove the rebels out of": the driven out stand inside the trigger
                target = next((m for m in ctx.mentions if s < m.start and m.end < e and m.actors), None)
                if target is None and trig_words[-1] in ("back", "of", "from") and trig_words[1] != "out" and not (
                        trig_words[0].startswith("clear") or "out" in trig_words and e - s > 5):  # a long object
                    return DROP  # "forced them to come back": nobody driven from a place
            if target is None:
                target = next((m for m in ctx.mentions if e <= m.start < min(hi, next_trigger) and m.actors
                               and ctx.preceded_by_prep(m) == "from" and not m.place), None)  # fmt: skip
            if target is None:
                target = holder_after(ctx, e, min(hi, next_trigger))  # "took the last district held by IS"
            if target is not None and (agent is None or set(target.actors) != set(agent.actors)):
                p.add("target", *target.actors)
        if supporter is not None:
            p.add("supporter", *supporter.actors)
        for pl in places:
            p.add("place", pl)
        if not p.roles.get("agent") and not p.roles.get("target") and not (
                places and (label == "fall_bare" or unnamed_armed_subject(ctx, lo, s, trig_words[0]))):
            return DROP
    elif etype == "MilitaryBaseAnnouncement":
        if agent is not None:  # a base is announced by a state: "allows Russian warplanes to remain at the base"
            p.add("agent", *[state_of_forces(ctx, a) for a in agent.actors])
        for pl in places:
            p.add("place", pl)
        if p.modality == "completed" and infinitive_of_setting_up(low, max(lo, s - 6), s):
            p.modality = "planned"  # "is in talks to open a military base in Qatar"
        if PERMANENT.search(text):
            p.properties["permanent"] = True
    f.agent = agent
    return GO


TOWN_NOUNS = {"town", "city", "village", "district", "base", "airbase", "airport", "camp", "stronghold", "capital",
              "garrison", "neighbourhood", "neighborhood", "quarter", "enclave", "port", "outpost", "citadel"}
FALL_NOT = {"short", "silent", "ill", "sick", "apart", "victim", "prey", "into", "back", "behind", "out", "asleep",
            "off", "through", "flat", "foul", "below", "by", "sharply", "steadily", "%", "percent"}  # fmt: skip
FALL_SKIP = {"has", "have", "had", "not", "never", "finally", "already", "now", "yet", "n't", "also", "all", "but"}


def fallen_place(ctx: SentenceContext, s: int, e: int, hi: int) -> bool:
    """ "Palmyra has not fallen", "the town had fallen by nightfall": the subject of an intransitive "fall" is a
    place (not an actor) or a town noun, and no word of another sense follows ("fell short", "fell into chaos")."""
    low = ctx.low
    if e < hi and low[e] in FALL_NOT:
        return False
    k = s - 1
    while k > ctx.sent.start and low[k] in FALL_SKIP:
        k -= 1
    m = ctx.by_token.get(k)
    if m is not None:
        return bool(m.place) and not m.actor
    return low[k] in TOWN_NOUNS


CAPTURE_HEADS = {"seize", "seized", "seizing", "capture", "captured", "capturing", "overrun", "overran", "conquer",
                 "conquered", "recapture", "recaptured", "retake", "retook", "retaken"}  # fmt: skip
UNNAMED_ARMED = {"jihadists", "gunmen", "militants", "insurgents", "fighters", "rebels", "militiamen", "troops",
                 "soldiers", "forces", "attackers", "extremists", "islamists"}  # fmt: skip


def unnamed_armed_subject(ctx: SentenceContext, lo: int, s: int, head: str) -> bool:
    """ "Jihadists briefly overran a town in central Mali": a capture by armed men the gazetteer cannot name is a
    change of control all the same (kept with its place, without agent)."""
    if head not in CAPTURE_HEADS:
        return False
    low = ctx.low
    k = s - 1
    while k > lo and (low[k].endswith("ly") or low[k] in FALL_SKIP):
        k -= 1
    return low[k] in UNNAMED_ARMED and ctx.by_token.get(k) is None


def armed_loss(ctx: SentenceContext, loser: Mention | None, winner: Mention, s: int, e: int) -> bool:
    """ "the fighters lost the housing project to government troops", "the villages they lost to the rebels": what
    one armed side loses to another is ground, unless it is men or a figure ("lost 20 soldiers to rebel fire",
    "lost two commanders to"); a figure after "the" names a place ("lost the 1070 housing project to")."""
    if loser is None or not is_armed(ctx, loser) or not is_armed(ctx, winner) or set(loser.actors) == set(
            winner.actors):
        return False
    return not any(ctx.low[k] in VICTIMS or ctx.low[k] in ("commander", "commanders", "men", "lives", "life")
                   or parse_int(ctx.doc[k].text) is not None and ctx.low[k - 1] != "the" for k in range(s + 1, e))


HELD_WORDS = {"held", "controlled", "occupied", "run"}


def holder_after(ctx: SentenceContext, e: int, hi: int) -> Mention | None:
    """The holder a place was taken from: "captured the last district of Sirte (still) held by Islamic State",
    "seized two villages controlled by the rebels" (the participle within nine tokens of the capture)."""
    low = ctx.low
    for k in range(e, min(hi - 1, e + 10)):
        if low[k] in HELD_WORDS and low[k + 1] == "by" and k > e and low[k - 1] not in BE_FORMS:
            m = ctx.by_token.get(k + 2)
            if m is not None and m.start == k + 2 and m.actors:
                return m
    return None


# active verbs of harm whose subject is the perpetrator ("troops shot and wounded 14 protesters")
HARM_VERBS = {"kill", "killed", "killing", "kills", "wound", "wounded", "wounds", "injure", "injured", "injures"}
# verbs of saying between a speaker and the harm it reports ("Russia said the strike killed"; not "claimed
# responsibility for a bombing that killed", which names the perpetrator)
SAID_WORDS = {"said", "says", "say", "told", "tells", "reported", "reports", "stated", "added", "according"}


def casualty_roles(f: Frame) -> str:
    """CasualtyReport: the counts, the perpetrator, the victims."""
    ctx, etype, s, e, tc, next_trigger, low, lo, hi = f.ctx, f.etype, f.s, f.e, f.tc, f.next_trigger, f.low, f.lo, f.hi
    p, trig_words, head, by, agent, places, text = f.p, f.trig_words, f.head, f.by, f.agent, f.places, f.text
    if etype == "CasualtyReport" and head in KILL_HEADS and any(low[k] in RES_NOUNS
                                                                  for k in range(e, min(hi, e + 4))):
        return DROP  # "cast its veto, killing a British draft": no one died
    elif etype == "CasualtyReport" and head in WOUND_HEADS | {"sick"} and any(
            low[k] in EVAC_WORDS for k in range(max(lo, s - 5), s)):
        return DROP  # "the evacuation of the sick and wounded", "evacuated dozens of wounded civilians"
    elif etype == "CasualtyReport":
        qty, parts = own_figure(ctx, head, e, min(hi, next_trigger)) or quantities(ctx, ctx.sent.start, ctx.sent.end)
        p.properties.update(qty)
        p.breakdown = parts
        if not qty and (head in KILL_HEADS or head in WOUND_HEADS or trig_words[-1] in INJURY_NOUNS):
            # "nobody had been killed", "suffered light injuries": the kind of casualty without a count
            p.properties["casualtyType"] = "Killed" if head in KILL_HEADS else "Injured"
        perp = by[1] if by else None
        if perp is None:
            # "killed by X", "the shelling caused by rebels", "rebel shelling killed"
            for k in range(ctx.sent.start, ctx.sent.end):
                if low[k] == "by":
                    b = by_phrase(ctx, k, ctx.sent.end, window=0)
                    if b:
                        perp = b[1]
                        break
        if perp is None and agent is not None and head in HARM_VERBS:
            before = [low[k] for k in range(agent.end, s)]
            if not any(w in ("were", "was", "been", "be") or w in SAID_WORDS for w in before) and not (
                    len(before) > 1 and before[0] in ("'s", "’s") and before[1] in WAR_NOUNS):
                perp = agent  # not "Syria's war has killed 300,000" (the war), nor "Russia said the strike killed"
        if perp is None and head in HARM_PARTICIPLES and low[s - 1] in (",", "and"):
            # "Rebel mortar rounds slammed into Damascus, wounding 15": the attackers of the clause before
            attack = next((q for q in reversed(tc.previous) if q.type in MILITARY_TYPES and q.roles.get("agent")), None)
            if attack is not None:
                p.add("perpetrator", *attack.roles["agent"])
        if perp is not None and not perp.backed:
            p.add("perpetrator", *perp.actors)
        sides = next((m for m in ctx.mentions if m.group and m.via == "coref"), None)
        if sides is not None:
            p.add("victim", *sides.actors)
        for pl in places:
            p.add("place", pl)
        if not qty and not p.roles and "casualt" not in text.lower() and not p.negated:
            return DROP
        if head in ("casualty", "casualties") and not qty:
            p.modality = "reported" if "report" in text.lower() else p.modality
    f.agent = agent
    return GO


VERDICT_PARTICIPLES = {"calling", "describing", "branding", "labelling", "labeling", "denouncing", "terming"}


def rejected_as(low: list[str], e: int, hi: int) -> bool:
    """ "rejected the Russian counter-draft as a cynical diversion", "rejected the draft outright, calling it
    unworkable": a verdict on the draft (its sponsor is opposed), not a vote against it."""
    return any(low[k] == "as" and low[k + 1] in ("a", "an", "the", "unacceptable", "unbalanced", "one-sided",
                                                 "cynical", "premature", "biased", "inadequate")
               or low[k] == "outright"  # "rejected the French draft outright"
               or low[k] in VERDICT_PARTICIPLES and low[k - 1] == "," and low[k + 1] in ("it", "them")
               for k in range(e, min(hi - 1, e + 8)))  # ", calling it politicised"


def verdict_roles(f: Frame) -> str:
    """Opposition and Condemnation: who condemns or opposes whom."""
    ctx, etype, label, s, e, state, doc, low, lo = f.ctx, f.etype, f.label, f.s, f.e, f.state, f.doc, f.low, f.lo
    hi, p, head, agent, target, places, text = f.hi, f.p, f.head, f.agent, f.target, f.places, f.text
    if etype in ("Opposition", "Condemnation"):
        if (
            head in ("reject", "rejected", "rejects")
            and s > lo
            and low[s - 1] in BE_FORMS
            and any(low[k] in RES_NOUNS for k in range(lo, s))
        ):
            return DROP  # "the measure was rejected by the Security Council": a ResolutionFailed trigger
        if head in ("reject", "rejected", "rejects") and any(t.lower_ in ("resolution", "draft") for t in doc[e:hi]):
            forum_word = agent is None and any(low[k] in ("council", "assembly") for k in range(lo, s))
            if forum_word or agent is not None and any("council" in a or "assembly" in a for a in agent.actors):
                # "The council rejected the draft": the draft failed
                p.type = "ResolutionFailed"
                if agent is not None:
                    p.add("forum", *agent.actors)
                if state.resolutions:
                    p.add("resolution", state.resolutions[-1][0])
                p.confidence = 0.8
                return DONE
            if not (agent is not None and etype == "Opposition" and rejected_as(low, e, hi)):
                return DROP
        if agent is not None and etype == "Condemnation" and any(low[k] in DRAW_VERBS
                                                                   for k in range(max(lo, s - 3), s)):
            target, agent = agent, None  # "Russia's support for Assad has drawn criticism": Russia is criticised
        if label == "condemn_branded":
            k = e + 1 if e < hi and low[e] in ("the", "a", "an") else e
            giver = as_state(ctx, ctx.by_token.get(k))
            if giver is None or not giver.actors:
                return DROP
            target, agent = agent, giver  # "X's conduct was branded barbarism by Y": Y condemns X
        if agent is None and e + 1 < hi and low[e] in ("from", "by") and low[s] in NOUN_VERDICTS:
            k = e + 2 if low[e + 1] in ("the", "a", "an") else e + 1
            giver = as_state(ctx, ctx.by_token.get(k))  # "a rebuke from Riyadh", "criticism from the Netherlands"
            if giver is not None and giver.actors and not giver.backed:
                agent = giver  # "drew condemnation from France", "criticism by Germany"
                target = target if target is None or target.start != giver.start else None
                places = [pl for pl in places if pl != giver.place]
        put_agent(p, agent)
        tgt = target
        if label == "oppose_accept":
            if agent is None:
                return DROP  # "the terms were never accepted": nobody named objects
            if p.modality in ("planned", "announced"):
                p.modality = "completed"  # "will not accept": a stance stated now
            k = e
            while k < hi and low[k] in ("the", "a", "an", "any", "its", "their"):
                k += 1
            tgt = ctx.by_token.get(k)  # only the thing refused ("will not accept Turkish troops"), not "Assad" in
            tgt = tgt if tgt is not None and tgt.start == k and tgt.actors and not tgt.backed else None  # a clause
            target = tgt
            if tgt is None:
                p.roles.pop("target", None)
        if head in OBJECTION_NOUNS and any(low[k] in DROP_VERBS for k in range(max(lo, s - 3), s)):
            p.negated = True  # "Egypt has dropped its objections to the French text"
        if label in ("condemn_call", "condemn_accuse"):  # "called the Russian veto unacceptable": the condemned
            # stand inside; "accused Russia of prolonging the war"
            tgt = next((m for m in ctx.mentions if s < m.start and m.end < e and m.actors and not m.backed), None)
        if tgt is None and label != "oppose_accept":
            # "against the Russian advance": a demonym modifying the object
            tgt = next((m for m in ctx.mentions if m.start >= e and m.end <= hi and m.actors and m.modifier), None)
        if tgt is None and label != "oppose_accept":
            tgt = next((m for m in ctx.mentions if m.start >= e and m.end <= hi and m.actors and not m.backed), None)
        if tgt is None and label != "oppose_accept":
            src = next((m for m in ctx.mentions if m.start >= e and m.end <= hi and m.place in ctx.lex.capital_of and
                        ctx.preceded_by_prep(m) == "from"), None)  # fmt: skip
            if src is not None and src.place:
                tgt = Mention(src.start, src.end, src.char_start, src.char_end, src.text,
                              actor=ctx.lex.capital_of[src.place], via="capital")  # fmt: skip
                places = [pl for pl in places if pl != src.place]
        if tgt is not None and (agent is None or set(tgt.actors) != set(agent.actors)):
            p.add("target", *tgt.actors)
        for pl in places:
            p.add("place", pl)
        scope = re.search(r"\b(worldwide|international|global|widespread)\b", text, re.I)
        if etype == "Condemnation" and scope:
            p.properties["scope"] = scope.group(1).lower()
        if etype == "Condemnation" and re.search(r"strikes|bombing|air[- ]?raids", text, re.I):
            p.add("topic", "AirStrikes")
        if not p.roles:
            return DROP
    f.agent = agent
    return GO


def aid_roles(f: Frame) -> str:
    """AidCooperation: the givers, the beneficiaries, where the aid arrived, and whether it got through."""
    ctx, etype, label, s, e, low, lo, hi, p = f.ctx, f.etype, f.label, f.s, f.e, f.low, f.lo, f.hi, f.p
    trig_words, head, agent = f.trig_words, f.head, f.agent
    if etype == "AidCooperation":
        passive = label == "aid_passive" and e - s == 1
        blocked_by = False
        if label == "aid_passive" and trig_words[-1] == "from":  # "aid from Kuwait": the giver follows
            k = e
            while k < hi and low[k] in ("the", "a", "an"):
                k += 1
            giver = ctx.by_token.get(k)
            if giver is None or not giver.actors or giver.backed:
                return DROP
            agent = giver
        elif agent is None or passive or trig_words[-1] in AID_PARTICIPLES:
            # "supplies ... were delivered to Aleppo by the UN", "medical supplies sent by Turkey",
            # "a joint relief convoy of the United Nations"
            by_at = next((k for k in range(e, min(hi, e + 8)) if low[k] == "by" and low[k - 1] not in
                          ("backed", "supported", "-backed")), None)  # past a place or beneficiary: "to Haiti by"
            blocked_by = by_at is not None and low[by_at - 1] in BLOCKED  # "was blocked by government forces"
            b = by_phrase(ctx, by_at, hi, window=0) if by_at is not None and not blocked_by else None
            if b is not None:
                agent = b[1]
            elif agent is None and trig_words[-1] in AID_CARRIERS:
                agent = of_phrase(ctx, e, hi)
        if agent is None:
            agent = organiser_before(ctx, lo, s)  # "a convoy organised by the Red Crescent and the UN delivered"
        if agent is None:  # "a joint convoy of the UN and the Red Crescent delivered food": the carrier's owners
            agent = next((m for k in range(max(lo, s - 16), s - 1) if low[k] in AID_CARRIERS
                          and (m := of_phrase(ctx, k + 1, s)) is not None and m.end == s), None)  # fmt: skip
        parts = participants(ctx, lo, hi, s, agent)
        stop_at = blocked_object(ctx, lo, s)
        if stop_at is not None:  # "Rebels stopped the aid trucks": the blockers give nothing
            blockers = {a for m in ctx.mentions if lo <= m.start and m.end <= stop_at for a in m.actors}
            parts = [a for a in parts if a not in blockers]
        for k in range(s, hi):  # "aid reached Damascus", "food sent by Iran reached Damascus": where it arrived
            if low[k] not in ARRIVE_VERBS:
                continue
            for m in ctx.mentions:
                if m.place and k + 1 <= m.start <= k + 3:  # a capital or a country reached
                    parts = [a for a in parts if a not in m.actors]
                    p.add("place", m.place)
        said_at = trailing_attribution(low, lo, hi)  # ", the foreign ministry in Tokyo said": the speaker's
        bene = [m for m in ctx.mentions if m.start >= e and m.end <= said_at]
        for m in bene:
            if m.actor and ctx.preceded_by_prep(m) in ("through", "via"):
                parts += [a for a in m.actors if a not in parts]  # "through the World Food Programme": a channel
            elif m.place and not m.actor:
                p.add("place", m.place)
            elif m.actor and ctx.preceded_by_prep(m) in ("to", "for"):
                p.add("beneficiary", *m.actors)
                if m.place:
                    p.add("place", m.place)  # "aid to Yemen": the receiving country is where it goes
            elif m.place and ctx.preceded_by_prep(m) in LOCATIVE:
                p.add("place", m.place)  # "food for refugees in Jordan"
        aid_subject = head in AID_HEADS or passive or blocked_by or any(
            low[k] in AID_WORKERS or low[k] in AID_CARRIERS for k in range(lo, s))  # "a convoy of 25 trucks delivered"
        if not parts and not (aid_subject and (p.roles.get("place") or p.roles.get("beneficiary"))):
            return DROP  # a giver is needed, except where the aid itself arrived somewhere ("aid reached Aleppo")
        p.add("participant", *parts)
        if p.modality == "completed" and (head in ANNOUNCE_AID or low[e - 1] in PACKAGE_NOUNS and any(
                low[k] in PACKAGE_VERBS for k in range(max(lo, s - 8), s))):
            p.modality = "announced"  # "pledged new aid", "unveiled/launched an aid initiative"
        if blocked_by or label == "aid_unable" or aid_failed_after(low, e, hi) or (
            s - 2 >= lo and low[s - 1] == "from" and any(low[k] in BLOCKED for k in range(max(lo, s - 4), s - 1))
        ) or stop_at is not None:
            p.modality = "failed"  # "aid trucks were blocked from entering Aleppo", "prevented from delivering aid"
        elif p.modality == "completed" and s - 2 >= lo and present_progressive(low, s - 1, lo):
            p.modality = "reported"  # "is funding food deliveries": ongoing, as "is delivering aid" is
        p.add("topic", "HumanitarianAid")
    f.agent = agent
    return GO


def hyphen_backed(ctx: SentenceContext, s: int, e: int, hi: int) -> tuple[Mention, Mention] | None:
    """ "<X>-backed <armed group or government>": the backer and the backed ("US-backed Kurdish and Arab
    fighters", "the UN-backed unity government"); not "Western-backed drafts" (no actor after)."""
    low = ctx.low
    if not (s >= 2 and low[s - 1] == "-" and low[s] in ("backed", "supported", "sponsored", "funded", "armed")):
        return None
    backer = ctx.by_token.get(s - 2)
    if backer is None or not backer.actors or backer.end != s - 1:
        return None
    k = e
    while k < min(hi, e + 3) and k not in ctx.by_token and ctx.doc[k].is_alpha and low[k] not in ("and", "or"):
        k += 1  # "UN-backed unity government", "Iranian-backed Shiite militias"
    backed_m = ctx.by_token.get(k)
    if backed_m is None or not backed_m.actors or set(backed_m.actors) == set(backer.actors):
        return None
    return backer, backed_m


def support_roles(f: Frame) -> str:
    """Support: the backer and the backed."""
    ctx, etype, label, s, e, doc, low, lo, hi, p = f.ctx, f.etype, f.label, f.s, f.e, f.doc, f.low, f.lo, f.hi, f.p
    trig_words, head, agent, target, text = f.trig_words, f.head, f.agent, f.target, f.text
    if etype == "Support" and label == "support_thank":
        givers = [m for m in ctx.mentions if s < m.start and m.end <= e and m.actors and not m.backed]
        if not givers:
            return DROP
        for m in givers:
            p.add("agent", *m.actors)  # "thanked Moscow and Tehran for their support": the thanked support
        if agent is not None:
            p.add("beneficiary", *agent.actors)
    elif etype == "Support" and label == "support_owner":
        owner = possessor_before(ctx, s)
        if owner is None:
            return DROP
        if trig_words[-1] == "for":  # "Russia's support for Assad": the owner supports
            k = e + 1 if e < hi and low[e] in ("the", "a", "an") else e
            taker = ctx.by_token.get(k)
            if taker is None or not taker.actors or taker.backed:
                return DROP
            p.add("agent", *owner.actors)
            p.add("beneficiary", *taker.actors)
        else:  # "Iran has long been Assad's main backer": the subject backs the owner
            subject = agent_mentions_left(ctx, owner.start, lo)
            if subject is None or not copula_between(low, subject.end, owner.start):
                return DROP
            p.add("agent", *subject.actors)
            p.add("beneficiary", *owner.actors)
    elif etype == "Support" and label == "support_arms":
        k = e + 1 if e < hi and low[e] in ("the", "a", "an") else e
        taker = ctx.by_token.get(k)
        if agent is None or taker is None or not taker.actors or taker.start != k or taker.backed:
            return DROP  # "supplied weapons to the Syrian army"; not "sent missiles to Kaliningrad"
        put_agent(p, agent)
        p.add("beneficiary", *taker.actors)
    elif etype == "Support" and label == "support_arm":
        armed = next((m for m in ctx.mentions if e <= m.start < min(hi, e + 4) and m.actors), None)
        if agent is None or armed is None or not is_armed(ctx, armed) or set(armed.actors) == set(agent.actors):
            return DROP  # "Saudi Arabia is arming rebel groups"; not "the arms race"
        put_agent(p, agent)
        p.add("beneficiary", *armed.actors)
    elif etype == "Support" and (hyph := hyphen_backed(ctx, s, e, hi)) is not None:
        backer, backed_m = hyph  # "the UN-backed unity government": the UN backs it
        p.notes.append("hyphen_backed")  # dropped where an event of the sentence records the backer as supporter
        p.modality = "completed"  # a modifier: the backing is background, not hedged by the clause's "claimed"
        p.add("agent", *backer.actors)
        p.add("beneficiary", *backed_m.actors)
    elif etype == "Support" and (rel := relative_backer(ctx, s)) is not None:
        backer, backed_m = rel  # "to reinforce the rebels it backs", "the militias Iran supports"
        p.add("agent", *backer.actors)
        p.add("beneficiary", *backed_m.actors)
    elif etype == "Support":
        if (
            head in ("back", "backs")
            and s > ctx.sent.start
            and doc[s - 1].norm_ in ADVERB_BACK | {low[s - 1]} & ADVERB_BACK
        ):
            return DROP  # "pushed back": an adverb
        if s > ctx.sent.start and any(q for q in TRIGGER_NOUNS if ctx.low[s - 1] == q):
            return DROP  # "offensive backed by Russia": the backer is the event's supporter
        if (
            head in ("back", "backed", "support", "supported", "side", "sided")
            and len(trig_words) > 1
            and trig_words[1] == "by"
        ):
            backer = first_actor_after(ctx, e, hi, set())
            if backer is None or agent is None or backer.backed:
                return DROP
            p.add("agent", *backer.actors)
            p.add("beneficiary", *agent.actors)
        else:
            if trig_words[-1] in ("by", "behind", "for", "to", "of", "with"):
                # "stood by Syria", "voiced support for Russia", "lend its support to the Qatari plan"
                k = e
                while k < hi and (low[k] in ("the", "a", "an") or low[k] in GROUP_ADJ):
                    k += 1
                after = next((m for m in ctx.mentions if m.start == k and (m.actors or m.place in ctx.lex.capital_of)),
                             None)  # fmt: skip
                if after is not None and not after.actors and after.place:
                    after = Mention(after.start, after.end, after.char_start, after.char_end, after.text,
                                    actor=ctx.lex.capital_of[after.place], via="capital")  # fmt: skip
                target = after or target
            if agent is None or target is None or target.backed:
                return DROP
            # the object ends at the clause's comma: "sided with Russia, voting for the Russian draft"
            obj_end = next((k for k in range(e, hi) if low[k] in (",", ";", ":")), hi)
            obj = " ".join(t.lower_ for t in doc[e:obj_end])
            if any(w in obj for w in ("resolution", "draft")) or any(low[k] in ("text", "texts") for k in
                                                                      range(e, min(obj_end, e + 3))):
                return DROP  # "backed the French text": a draft at a vote, not France
            put_agent(p, agent)
            p.add("beneficiary", *target.actors)
        occ = re.search(r"\b(?:last|previous|past)\s+(\d+|\w+)\s+(?:times|occasions|vetoes|votes)", text, re.I)
        if occ and parse_int(occ.group(1)):
            p.properties["occurrences"] = parse_int(occ.group(1))
            p.modality = "completed"
    f.agent = agent
    return GO


def statement_roles(f: Frame) -> str:
    """Statement: the speaker and the speech act."""
    etype, p, head, agent, negated = f.etype, f.p, f.head, f.agent, f.negated
    if etype == "Statement":
        if agent is None or head in ("claim", "claimed") and etype != "Statement":
            return DROP
        put_agent(p, agent)
        p.properties["speechAct"] = head
        if negated and head in ("deny", "denied"):
            p.negated = False

    f.agent = agent
    return GO


TYPE_RULES = {
    "Referral": referral_roles,
    "Veto": vote_roles,
    "Vote": vote_roles,
    "VotePosition": vote_roles,
    "ResolutionDrafted": draft_roles,
    "ResolutionFailed": draft_roles,
    "ResolutionAdopted": draft_roles,
    "Agreement": meeting_roles,
    "Meeting": meeting_roles,
    "MilitaryOffensive": military_roles,
    "AirStrike": military_roles,
    "Shelling": military_roles,
    "MilitaryMovement": military_roles,
    "TerritorialControlChange": military_roles,
    "MilitaryBaseAnnouncement": military_roles,
    "CasualtyReport": casualty_roles,
    "Opposition": verdict_roles,
    "Condemnation": verdict_roles,
    "AidCooperation": aid_roles,
    "Support": support_roles,
    "Statement": statement_roles,
}


def places_topics_confidence(f: Frame) -> Proposal:
    """The place of a military event without one (the article's city), the topics, and the confidence."""
    etype, label, state, p, agent, text = f.etype, f.label, f.state, f.p, f.agent, f.text
    conf = 0.9
    # military events happen somewhere: without a place in the clause, the city the article is about
    if etype in MILITARY_TYPES and not p.roles.get("place") and state.focus_place:
        p.add("place", state.focus_place)
        conf -= 0.1
    # topics and confidence
    if etype in ("Referral", "Condemnation", "Opposition"):
        for pat, topic in TOPICS[:1]:
            if pat.search(text):
                p.add("topic", topic)
    if etype in (
        "MilitaryOffensive",
        "AirStrike",
        "Shelling",
        "TerritorialControlChange",
        "MilitaryMovement",
        "Veto",
        "VotePosition",
        "Statement",
        "Opposition",
        "Condemnation",
        "MilitaryBaseAnnouncement",
        "Referral",
    ) and not p.roles.get("agent"):
        conf -= 0.25
    if etype in ("AirStrike", "Shelling", "MilitaryOffensive", "TerritorialControlChange") and not p.roles.get("place"):
        conf -= 0.1
    if label == "say":
        conf -= 0.15
    p.confidence = round(max(0.3, conf), 2)
    if etype == "Meeting" and agent is not None:
        p.notes.append("subject:" + " ".join(agent.actors))  # "X flew to Moscow for talks ... and went on to see Y"
    return p



FIGURE_NOUNS = {"figures", "figure", "estimates", "estimate", "data", "statistics", "count", "counts", "tally",
                "records", "numbers", "census", "tallies"}  # fmt: skip
OBJECTION_NOUNS = {"objection", "objections", "opposition"}
DROP_VERBS = {"dropped", "drop", "drops", "dropping", "withdrew", "withdrawn", "withdraw", "lifted", "lift",
              "abandoned", "abandon", "waived", "waive"}  # fmt: skip

NOUN_VERDICTS = {"condemnation", "criticism", "outcry", "opposition", "objection", "objections", "censure",
                 "condemnations", "criticisms", "protest", "protests", "rebuke", "rebukes", "reprimand",
                 "reprimands", "reproach", "disapproval"}  # fmt: skip

DISCUSS_WORDS = {"discuss", "discussed", "discussing", "discusses", "about", "regarding", "concerning", "war",
                 "conflict", "crisis", "situation", "fighting"}  # fmt: skip
DRAW_VERBS = {"drew", "drawn", "draws", "drawing", "attracted", "attracts", "faced", "faces", "facing", "sparked",
              "prompted", "provoked", "triggered", "earned", "incurred"}  # fmt: skip

WAR_NOUNS = {"war", "conflict", "fighting", "violence", "crisis", "civil", "uprising", "insurgency"}
EVAC_WORDS = {"evacuate", "evacuated", "evacuates", "evacuating", "evacuation", "evacuations", "evacuees"}


# nouns of an intention whose infinitive is a referral still to be made: "the French push to refer Syria to the ICC"
ATTEMPT_NOUNS = {"attempt", "attempts", "bid", "bids", "effort", "efforts", "push", "move", "initiative"}
INTENT_NOUNS = {"push", "threat", "threats", "bid", "plan", "plans", "proposal", "move", "call", "calls", "drive",
                "campaign", "initiative", "intention", "offer"}  # fmt: skip
