"""Slot filling: the agent, target, places, participants and beneficiaries of a trigger from the mentions of its clause.

By-phrases, demonym and possessive modifiers, the nearest subject to the left, the first actor after the trigger,
the places behind a locative word, the parties of a meeting or an agreement, and the tests that tell whether a
mention is that slot at all (a subject of another verb, an of-phrase, a relative clause, a capital standing for
its state). Used by :mod:`.rules` for every event type and by the family modules.
"""

from __future__ import annotations

from dkg.extraction.context import AUX, BE_FORMS, PREPS, Proposal, SentenceContext
from dkg.extraction.entities import Mention
from dkg.extraction.modality import parenthetical_speaker, speaker_place

LOCATIVE = {"in", "at", "on", "into", "towards", "toward", "near", "over", "across", "around", "outside", "inside",
            "within", "to", "of", "from", "through", "throughout"}  # fmt: skip

ORIGIN_PARTICIPLES = {"trained", "made", "built", "educated", "equipped", "supplied", "designed"}


def _is_actor(m: Mention) -> bool:
    return bool(m.actors) and m.via != "capital_place"


QUANTITY_NOUNS = {"hundreds", "thousands", "dozens", "scores", "tens", "millions", "hundred", "thousand", "dozen",
                  "number", "handful", "column", "convoy", "unit", "units", "contingent", "battalion", "battalions"}


def agent_mentions_left(ctx: SentenceContext, start: int, lo: int) -> Mention | None:
    """Nearest actor mention left of `start` that is a plausible subject."""
    cands = [m for m in ctx.mentions if lo <= m.start and m.end <= start and m.actors]
    for m in reversed(cands):
        if m.modifier and not m.backed:
            # a demonym modifying a noun is the subject only if the noun is a state/force noun
            continue
        if m.backed:
            continue
        prep = ctx.preceded_by_prep(m)
        if prep == "with" and m.end == start and ctx.low[start].endswith("ing"):
            return m  # "with Venezuela voting against": the subject of an absolute clause
        if prep == "of" and m.start >= 2 and ctx.low[m.start - 2] in QUANTITY_NOUNS and m.start - 2 <= lo + 2:
            return m  # "Hundreds of Hezbollah fighters were rushed in": a quantity of the subject
        if prep and prep not in ("after",):
            continue
        if m.end < len(ctx.doc) and ctx.low[m.end] in ("visit", "trip", "summit"):
            continue
        return appositive_person(ctx, m, cands) or m
    return None


def appositive_person(ctx: SentenceContext, m: Mention, cands: list[Mention]) -> Mention | None:
    """ "Staffan de Mistura, the UN special envoy, told reporters": the organisation names the person's post in an
    apposition; the person before the comma is the subject."""
    low = ctx.low
    if m.start < 3 or low[m.start - 1] != "the" or low[m.start - 2] != ",":
        return None
    if m.end >= len(low) or not ctx.doc[m.end].is_alpha or not ctx.doc[m.end].is_lower:
        return None  # "..., the UN said": the organisation itself, no title after it
    prev = next((c for c in cands if c.end == m.start - 2), None)
    if prev is None or len(prev.actors) != 1:
        return None
    entry = ctx.lex.entries.get(prev.actors[0])
    return prev if entry is not None and entry.kind == "Person" else None


def by_phrase(ctx: SentenceContext, after: int, hi: int, window: int = 4) -> tuple[str, Mention] | None:
    """'<participle> by X' or 'by X' within a few tokens after the trigger: returns (participle, mention)."""
    j = after
    steps = 0
    participle = ""
    while j < hi and steps <= window:
        t = ctx.doc[j]
        if t.lower_ == "by":
            k = j + 1
            while k < hi and ctx.low[k] in ("the", "both", "a", "an"):
                k += 1
            if k + 3 < hi and ctx.low[k + 1] == "-" and ctx.low[k + 2] in ORIGIN_PARTICIPLES:
                k += 3  # "backed by Iranian-trained militiamen": the trainer is no actor, the militiamen are
            m = ctx.by_token.get(k)
            if m and m.backed:  # "by Turkish-backed rebels": the rebels, backed by Turkey (no head: nobody)
                m = ctx.by_token.get(m.end + 2) if m.end + 2 < hi and ctx.doc[m.end].text == "-" else None
            if m and m.actors and m.start >= j:
                return participle, m
            return None
        blocker = ctx.by_token.get(j)
        if t.lower_ in (",", ".", ";", "and", "which", "that", "who") or (blocker and blocker.actors):
            return None
        if t.is_alpha:
            participle = t.lower_ if t.lower_.endswith("ed") or t.lower_ in ("led", "carried", "out") else participle
        j += 1
        steps += 1
    return None


def modifier_before(ctx: SentenceContext, i: int) -> Mention | None:
    """A demonym or possessive actor directly before a nominal trigger ('Syrian offensive', "Russia's veto")."""
    j = i - 1
    steps = 0
    while j >= ctx.sent.start and steps < 4:
        m = ctx.by_token.get(j)
        if m and m.actors:
            if m.modifier or (m.end < len(ctx.doc) and ctx.doc[m.end].text in ("'s", "’s")):
                return m
            if m.end == i or (m.end < i and all(ctx.doc[k].is_alpha and ctx.doc[k].is_lower for k in range(m.end, i))):
                # "the Syrian government forces offensive" / "rebel shelling" / "US-led coalition air strikes"
                return m if is_armed(ctx, m) else None
            return None
        t = ctx.doc[j]
        if t.text in ("'s", "’s", "-", "backed") or (
            t.is_alpha and t.is_lower and t.lower_ not in PREPS and t.lower_ not in ("and", "by")
            and t.lower_ not in AUX and t.lower_ not in BE_FORMS  # "Rebels have been driven out": a subject
        ):
            j -= 1
            steps += 1
            continue
        return None
    return None


TARGET_SKIP_PREPS = {"by", "in", "at", "with", "from", "to", "for", "on", "of", "into", "during", "towards", "near",
                     "inside", "outside", "across", "around", "within", "throughout", "before"}  # fmt: skip

SUBORDINATORS = {"as", "while", "when", "whereas", "because", "although", "though", "until", "once", "whilst"}


def first_actor_after(
    ctx: SentenceContext, start: int, hi: int, skip_preps: set[str], next_trigger: int | None = None
) -> Mention | None:
    for m in ctx.mentions:
        if m.start >= start and m.end <= hi and m.actors:
            if m.end < ctx.sent.end and ctx.low[m.end] in AUX:
                break  # the subject of the next clause
            if m.start > start and ctx.low[m.start - 1] in SUBORDINATORS or (
                    m.start - 2 >= start and ctx.low[m.start - 2] in SUBORDINATORS and ctx.low[m.start - 1] == "the"):
                break  # "pounded Aleppo as government forces pressed an offensive": the next clause's subject
            if next_trigger is not None and m.end == next_trigger:
                break
            if m.end < len(ctx.doc) and ctx.low[m.end] in ("visit", "trip"):
                continue
            prep = ctx.preceded_by_prep(m)
            if prep and prep in skip_preps and not holds_position(ctx, m):
                continue
            if m.backed:
                continue
            return m
    return None


# "an attack on Iraqi army positions", "a string of army checkpoints": the holder of the positions is the target
POSITION_NOUNS = {"positions", "position", "posts", "post", "checkpoints", "checkpoint", "lines", "outposts",
                  "outpost", "bases", "base", "barracks", "garrison", "garrisons", "strongholds", "stronghold",
                  "defences", "defenses", "trenches", "convoy", "convoys"}  # fmt: skip


def holds_position(ctx: SentenceContext, m: Mention) -> bool:
    """True if a position noun follows the mention, one lower-case word ("border posts") may come between."""
    k = m.end
    if k + 1 < ctx.sent.end and ctx.doc[k].is_alpha and ctx.doc[k].is_lower and ctx.low[k] not in POSITION_NOUNS:
        k += 1
    return k < ctx.sent.end and ctx.low[k] in POSITION_NOUNS


def clause_places(
    ctx: SentenceContext, lo: int, hi: int, trig: tuple[int, int], direct_object: bool = False
) -> list[str]:
    """Places of the clause: after the trigger behind a locative word first, then before it. With
    `direct_object`, a place right after the trigger is one too ("shelled Damascus", "seized Aleppo")."""
    after, before = [], []
    for m in ctx.mentions:
        if not (m.place or m.group_places) or m.start < lo or m.end > hi:
            continue
        prep = ctx.preceded_by_prep(m)
        if prep == "of" and m.start >= 2 and getattr(ctx.by_token.get(m.start - 2), "via", "") == "title":
            continue  # "the foreign minister of Egypt": the minister's state, not a place
        if m.via == "capital" and m.actor and m.end < len(ctx.doc) and ctx.doc[m.end].text in ("'s", "’s"):
            continue  # "objects to Washington's reliance on": the state, not a place
        obj = direct_object and prep is None and (trig[1] <= m.start <= trig[1] + 1 or _after_hit_verb(ctx, m))
        # "Damascus was shelled": a capital that is the subject of a passive military verb is the place hit
        passive_subject = (direct_object and m.via == "capital" and m.end < trig[0]
                           and all(ctx.low[k] in PASSIVE_AUX for k in range(m.end, trig[0])))  # fmt: skip
        locative = (
            (prep in LOCATIVE)
            or obj
            or passive_subject
            or m.via == "coref"
            or (m.end < len(ctx.doc) and ctx.low[m.end] in ("visit", "trip", "summit"))
        )
        is_actor_use = bool(m.actor) and not locative
        if is_actor_use:
            continue
        if m.start < trig[0] and speaker_place(ctx.low, lo, m, trig[0]):
            continue  # "Erdogan told a news conference in Ankara that the offensive would go on": not there
        for pl in m.group_places or (m.place,):  # "bases in Cuba and Vietnam": each place of the group
            (after if m.start >= trig[1] else before).append(pl)
    return list(dict.fromkeys(after or list(reversed(before))))


HIT_VERBS = {"hit", "hits", "struck", "strike", "strikes", "pounded", "pounds", "shelled", "bombed", "targeted",
             "attacked", "rocked", "bombarded"}  # fmt: skip


def _after_hit_verb(ctx: SentenceContext, m: Mention) -> bool:
    """True if a mention is the object of a verb of hitting, behind determiners or adjectives ("hit western
    Damascus", "struck the southern districts of")"""
    j = m.start - 1
    while j >= ctx.sent.start and j > m.start - 4 and ctx.low[j] not in HIT_VERBS:
        t = ctx.doc[j]
        if not (t.is_alpha and t.is_lower) or ctx.low[j] in PREPS or ctx.low[j] in ("and", "or"):
            return False
        j -= 1
    return j >= ctx.sent.start and ctx.low[j] in HIT_VERBS


PASSIVE_AUX = {"was", "were", "is", "are", "been", "being", "has", "have", "had", "be"}

NOMINAL_HEADS = {"shells", "shell", "mortars", "rockets", "fire", "barrage", "offensive", "assault", "onslaught",
                 "incursion", "invasion", "bombing", "bombardment", "air",
                 "aerial", "airstrike", "airstrikes", "shelling", "strikes", "raid", "raids", "attack", "attacks",
                 "meeting", "talks", "summit", "agreement", "deal", "accord", "pact", "treaty", "casualties",
                 "deaths", "death", "referral", "veto", "condemnation", "outcry", "criticism", "opposition",
                 "deployment", "withdrawal", "artillery", "mortar", "rocket", "cooperation", "aid", "abstention",
                 "military", "naval", "airbase", "resolution", "draft", "text", "killings", "battle"}  # fmt: skip


def passive_or_nominal(ctx: SentenceContext, s: int, e: int) -> bool:
    """True if a by-phrase after the trigger names its agent (passive verb or nominal trigger)."""
    doc = ctx.doc
    low = ctx.low
    if low[s] in NOMINAL_HEADS and not (s > 0 and low[s - 1] in ("to", "will", "has", "have", "had")):
        return True
    j = s - 1
    while j >= ctx.sent.start and low[j].endswith("ly") and doc[j].is_alpha:
        j -= 1
    return j >= ctx.sent.start and low[j] in BE_FORMS


SUPPORT_VERBS = {"launch", "launched", "launching", "carry", "carried", "conduct", "conducted", "begin", "began",
                 "begun", "start", "started", "mount", "mounted", "stage", "staged", "hold", "held", "make", "made",
                 "continue", "continued", "intensify", "intensified", "wage", "waged", "sign", "signed", "reach",
                 "reached", "cast", "use", "used", "step", "stepped", "resume", "resumed", "renew", "renewed",
                 "announce", "announced", "plan", "planned", "planning", "plans", "consider", "considering",
                 "considered", "set", "setting", "build", "building", "expand", "open", "opened", "establish",
                 "established", "deliver", "delivered", "lead", "led", "order", "ordered", "joined", "join",
                 "deny", "denied", "denies", "avoid", "avoided", "prepare", "preparing", "prepared", "up", "out",
                 "conclude", "concluded", "seal", "sealed", "strike", "struck", "negotiate", "negotiated", "finalise",
                 "finalize", "finalised", "finalized", "agree", "agreed", "authorise", "authorize", "keep", "kept",
                 "maintain", "maintained", "expanded", "expanding", "has", "have", "own", "owns",
                 "down", "press", "pressed", "pressing", "escalate", "escalated", "escalating", "widen", "widened",
                 "unleash", "unleashed", "spearhead", "spearheaded", "confirm", "confirmed", "confirms",
                 # "dropped its opposition", "withdrew its objection", "voiced its opposition": the holder's stance
                 "drop", "dropped", "drops", "withdrew", "withdraw", "withdrawn", "lift", "lifted", "abandon",
                 "abandoned", "voice", "voiced", "express", "expressed", "reiterate", "reiterated", "soften",
                 "softened",
                 # "wielded its veto for the fifth time", "exercised its veto", "invoked its veto"
                 "wield", "wielded", "wields", "wielding", "exercise", "exercised", "exercises", "exercising",
                 "invoke", "invoked", "invokes", "invoking", "deploy", "deployed"}  # fmt: skip


def of_phrase(ctx: SentenceContext, e: int, hi: int) -> Mention | None:
    """ "the deployment of NATO troops": an actor right after 'of' (places are no agents)."""
    if e >= hi or ctx.low[e] != "of":
        return None
    k = e + 1
    while k < hi and ctx.low[k] in ("the", "a", "an"):
        k += 1
    m = ctx.by_token.get(k)
    if m is None or not m.actors or (m.place and m.via in ("name", "capital") and
                                     ctx.lex.entries.get(m.actors[0], None) is not None and
                                     ctx.lex.entries[m.actors[0]].kind == "State"):  # fmt: skip
        return None
    return m


def object_of_other_verb(ctx: SentenceContext, s: int) -> bool:
    """True for a nominal trigger that is the object of a verb other than a support verb
    ("condemned the bombing", "failed to stop the shelling"), whose subject is not the event's agent."""
    doc = ctx.doc
    low = ctx.low
    if low[s] not in NOMINAL_HEADS:
        return False
    j = s - 1
    while (
        j > ctx.sent.start
        and doc[j].is_alpha
        and low[j] not in ("the", "a", "an", "its", "their")
        and (doc[j].is_lower and low[j] not in PREPS and low[j] not in SUPPORT_VERBS)
        and j > s - 3
    ):
        j -= 1
    if low[j] not in ("the", "a", "an", "its", "their", "any", "further", "more", "new"):
        return False
    if j - 1 >= ctx.sent.start and low[j - 1] in ("over", "about", "against", "despite"):
        return True  # "criticised Russia over the air strikes": the topic of another verb
    verb = doc[j - 1] if j - 1 >= ctx.sent.start else None
    if verb is None or not verb.is_alpha or verb.lower_ in PREPS or ctx.by_token.get(verb.i):
        return False
    return (
        verb.lower_ not in SUPPORT_VERBS
        and verb.norm_ not in SUPPORT_VERBS
        and verb.lower_ not in AUX
        and verb.lower_ not in ("be", "is", "are", "was", "were", "been", "and", "or", "'s")
    )


TALK_VERBS = {"spoke", "speak", "speaks", "talked", "talk", "talks", "wrote", "phoned", "called", "telephoned"}


def carrier_by(ctx: SentenceContext, s: int, e: int) -> tuple[str, Mention] | None:
    """ "was pounded by Russian warplanes": the actor named with the weapons inside the trigger, as a by-phrase."""
    m = next((m for m in ctx.mentions if s < m.start and m.end <= e and m.actors and not m.backed), None)
    return ("", m) if m is not None else None


def passive_be_before(ctx: SentenceContext, s: int) -> bool:
    """A form of "be" right before the trigger (adverbs skipped): "was attacked", "were repeatedly shelled"."""
    j = s - 1
    while j > ctx.sent.start and ctx.low[j].endswith("ly") and ctx.doc[j].is_alpha:
        j -= 1
    return j >= ctx.sent.start and ctx.low[j] in ("was", "were", "been", "being", "is", "are", "be")


def they_antecedent(ctx: SentenceContext, s: int, sentence_subject: bool = False) -> Mention | None:
    """The actors "they" stands for right before a trigger: the last coordinated actors before it in the sentence
    ("with Washington and London both signalling that they will vote it down"), or with `sentence_subject` the
    actor that opens the sentence ("Rebels denied ... and said they had repelled the assault")."""
    low = ctx.low
    k = next((j for j in range(s - 1, max(ctx.sent.start, s - 4) - 1, -1) if low[j] == "they"), None)
    if k is None:
        return None
    group = next((m for m in reversed(ctx.mentions) if m.end <= k and len(m.actors) > 1), None)
    if group is not None or not sentence_subject:
        return group
    first = ctx.mentions[0] if ctx.mentions else None
    opens = first is not None and first.actors and first.start <= ctx.sent.start + 1 and first.end <= k
    return first if opens else None


REL_PRONOUNS = {"it", "they", "he", "she"}

TRAVEL_VERBS = {"travelled", "traveled", "travels", "travel", "flew", "flies", "fly", "went", "goes", "go", "came",
                "comes", "arrived", "arrives", "headed", "heads", "drove", "returned"}  # fmt: skip


def as_state(ctx: SentenceContext, m: Mention | None) -> Mention | None:
    """A place that stands for its state after "from"/"by": a capital ("from Riyadh") or a country's territory."""
    if m is None or m.actors or not m.place:
        return m
    state = ctx.lex.capital_of.get(m.place) or f"actor/{m.place.split('/', 1)[1]}"
    entry = ctx.lex.entries.get(state)
    if entry is None or entry.kind != "State":
        return m
    return Mention(m.start, m.end, m.char_start, m.char_end, m.text, actor=state, place=m.place, via="capital")


def after_of(ctx: SentenceContext, s: int, lo: int) -> bool:
    """True for a nominal trigger inside an of-phrase ("the perpetrators of the Aleppo bombing", "victims of the
    shelling"): the subject of the clause is not its agent."""
    k = s - 1
    while k >= lo and k > s - 5 and (k in ctx.by_token or ctx.low[k] in ("the", "a", "an", "this", "that", "last",
                                                                      "recent", "latest", "-", "deadly")):
        k -= 1
    return k >= lo and ctx.low[k] == "of" and k - 1 >= lo and ctx.low[k - 1] in OF_HOLDERS


# nouns whose of-phrase names an event they are not the agent of
OF_HOLDERS = {"perpetrators", "perpetrator", "victims", "victim", "survivors", "aftermath", "wake", "scene",
              "site", "organisers", "organizers", "planners", "authors", "culprits", "those", "disapproval",
              "condemnation", "criticism", "outrage", "anger", "concern", "denunciation", "investigation",
              "inquiry", "probe"}  # fmt: skip


def possessor_before(ctx: SentenceContext, s: int) -> Mention | None:
    """The actor of a possessive before a noun, past up to two modifiers ("Assad's main regional backer")."""
    for k in range(s - 1, max(ctx.sent.start, s - 4) - 1, -1):
        if ctx.low[k] in ("'s", "’s"):
            m = ctx.by_token.get(k - 1)
            return m if m is not None and m.actors and not m.backed else None
        if not (ctx.doc[k].is_alpha and ctx.doc[k].is_lower) or ctx.low[k] in PREPS | AUX | {"and", "the"}:
            return None
    return None


def copula_between(low: list[str], a: int, b: int) -> bool:
    """True if only a form of "be" (with adverbs) joins a subject to its predicate noun ("has long been")."""
    gap = low[a:b]
    return bool(gap) and len(gap) <= 4 and any(w in BE_FORMS or w in ("remains", "remained") for w in gap) and all(
        w in BE_FORMS or w in ("has", "have", "had", "long", "always", "still", "remains", "remained", "now", "also")
        for w in gap)


def person_after(ctx: SentenceContext, e: int, hi: int) -> bool:
    """True if a person or a state's office holder follows right after the trigger ("to see John Kerry")."""
    k = e + 1 if e < hi and ctx.low[e] in ("the", "his", "her", "their") else e
    m = ctx.by_token.get(k)
    return m is not None and m.start == k and any(
        getattr(ctx.lex.entries.get(a), "kind", "") == "Person" for a in m.actors)


def travel_destination(ctx: SentenceContext, lo: int, s: int) -> str | None:
    """The place a participant travelled to before a meeting trigger ("flew to Moscow on Thursday for talks")."""
    for m in ctx.mentions:
        if m.place and lo <= m.start < s and m.start >= 2 and ctx.low[m.start - 1] == "to" and (
                ctx.low[m.start - 2] in TRAVEL_VERBS or ctx.low[m.start - 2] == "on"
                and ctx.low[m.start - 3] in TRAVEL_VERBS):  # fmt: skip
            gap = ctx.low[m.end : s]
            if len(gap) <= 5 and not set(gap) & {",", ";", "and", "but", "to"}:
                return m.place
    return None


def relative_backer(ctx: SentenceContext, s: int) -> tuple[Mention, Mention] | None:
    """ "the rebels it backs" (the pronoun is the clause's subject), "the militias Iran supports": an object
    relative clause; returns (backer, backed)."""
    if ctx.low[s] not in ("backs", "supports", "backed", "supported", "arms", "funds") or s - 2 < ctx.sent.start:
        return None
    if ctx.low[s - 1] in REL_PRONOUNS:
        backed_m = ctx.by_token.get(s - 2)
        if backed_m is None or not backed_m.actors:
            return None
        backer = next((m for m in ctx.mentions if m.end <= backed_m.start and m.actors and not m.modifier
                       and not m.backed and ctx.preceded_by_prep(m) is None), None)  # "it": the clause's subject
        return (backer, backed_m) if backer is not None and backer.actors != backed_m.actors else None
    backer = ctx.by_token.get(s - 1)
    backed_m = ctx.by_token.get(backer.start - 1) if backer is not None else None
    if backer is None or backed_m is None or not backer.actors or not backed_m.actors or backed_m is backer:
        return None
    return backer, backed_m


def subject_of(p: Proposal) -> list[str]:
    """The subject of the clause a proposal was read from: its agent, or the defenders of a repelled attack."""
    if "repelled" in p.notes:
        return p.roles.get("target", [])
    subject = next((n.split(":", 1)[1].split() for n in p.notes if n.startswith("subject:")), None)
    return subject or p.roles.get("agent") or p.roles.get("participant") or []


def subjectless_after_but(ctx: SentenceContext, lo: int) -> bool:
    """True for a clause after "but" that opens with its verb ("... but has no plans to station troops"): it shares
    the subject of the clause before."""
    return lo > ctx.sent.start and ctx.low[lo - 1] == "but" and lo < ctx.sent.end and (
        ctx.low[lo] in AUX or ctx.low[lo] in ("has", "have", "had", "is", "are", "was", "were", "also", "then"))


def is_armed(ctx: SentenceContext, m: Mention) -> bool:
    """True for armed forces or an armed group (named, by a demonym and a force noun, or generically)."""
    kinds = {getattr(ctx.lex.entries.get(a), "kind", "") for a in m.actors}
    return m.via in ("forces", "generic") or bool(kinds & {"ArmedGroup", "ArmedForces"})


ENVOY_PLURALS = {"ministers", "leaders", "presidents", "delegations", "representatives", "heads", "envoys",
                 "officials", "diplomats", "negotiators", "delegates"}  # fmt: skip


def participants(ctx: SentenceContext, lo: int, hi: int, s: int, agent: Mention | None) -> list[str]:
    """Participants of a meeting/agreement: the subject, 'with X', the object, 'between X and Y'."""
    found: list[str] = []
    if agent is not None:
        found.extend(agent.actors)
    for m in ctx.mentions:
        if not (lo <= m.start and m.end <= hi) or not m.actors or m.backed or (m.modifier and m.via == "demonym"):
            continue
        prep = ctx.preceded_by_prep(m)
        if m.via == "capital" and prep in LOCATIVE:
            continue
        if m.end < len(ctx.doc) and ctx.low[m.end] in ("visit", "trip"):
            continue
        if parenthetical_speaker(ctx, m):
            continue  # "Putin and Erdogan spoke by telephone, the Kremlin said, discussing ..."
        if m.start > s and ctx.low[m.start - 1] in ("discuss", "discussed", "discussing", "discusses"):
            continue  # "met Kerry in Geneva to discuss Syria": a topic
        if prep == "of" and m.start >= 2 and ctx.low[m.start - 2] in ENVOY_PLURALS and m.start < s:
            prep = None  # "the foreign ministers of Russia and Turkey held talks": the states meet
        after_with = m.start > s and prep in (None, "with", "between", "and")
        talked_to = (
            prep == "to"
            and m.start >= 2
            and ctx.low[m.start - 2] in TALK_VERBS
            or (prep == "to" and m.start >= 3 and ctx.low[m.start - 3] in TALK_VERBS)
        )
        before_with = m.start < s and (prep in ("with", "between") or talked_to)
        before_bare = m.start < s and prep is None and (agent is None or m.start > agent.end)
        if after_with or before_with or before_bare:
            found.extend(m.actors)
    return list(dict.fromkeys(found))


def fronted_participle(low: list[str], start: int, s: int) -> bool:
    """True for a trigger that opens its sentence as a participle: "Having retaken X, ...", "After seizing X, ..."."""
    if s - 1 == start and low[s - 1] == "having":
        return True
    return s - 1 == start and low[s - 1] in ("after", "since", "before") and low[s].endswith("ing")


def subject_after_comma(ctx: SentenceContext, e: int, hi: int) -> Mention | None:
    """The actor right after the first comma past `e` (a determiner or modifier words between): the main clause's
    subject."""
    low = ctx.low
    k = next((j for j in range(e, min(hi, len(low))) if low[j] == ","), None)
    if k is None:
        return None
    j = k + 1
    while j < hi and j not in ctx.by_token and low[j] in ("the", "a", "an", "its", "their", "some", "more"):
        j += 1
    m = ctx.by_token.get(j)
    return m if m is not None and m.actors and m.start == j else None
