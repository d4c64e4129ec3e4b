"""Military events: offensives, strikes, shelling, movements, territorial control and bases.

The word lists and gated helpers of the military family: repelled and stalled attacks, a state's campaign, armed
groups after a push, civil withdrawals (from a court, a treaty, of an envoy) that move no troops, the state behind
armed forces, and who never fights (courts, UN organs). Used by :mod:`.rules`, by the vote helpers (a blocked
attempt) and by the sentence merge in :mod:`.events`.
"""

from __future__ import annotations

import re

from dkg.extraction.context import SentenceContext
from dkg.extraction.modality import REPELLED, opens_clause, predicate_modality
from dkg.extraction.slots import NOMINAL_HEADS, is_armed

DIRECTIONS = {"west": "west", "east": "east", "north": "north", "south": "south", "westward": "west",
              "eastward": "east", "northward": "north", "southward": "south"}  # fmt: skip
MILITARY_TYPES = {"MilitaryOffensive", "AirStrike", "Shelling", "MilitaryMovement", "TerritorialControlChange"}
NON_COMBATANT_KINDS = {"Organisation", "OrganisationOrgan", "Organ", "Court"}  # never the agent of a military event
NON_COMBATANT_IDS = {"actor/united-nations"}  # an intergovernmental organisation, but one that fights nobody

STRIKE_CARRIERS = {"warplane", "warplanes", "jet", "jets", "bomber", "bombers", "aircraft", "drone", "drones"}

# "a joint humanitarian operation", "a diplomatic push": operations that are no fighting
CIVIL_OPERATIONS = {"humanitarian", "relief", "aid", "rescue", "evacuation", "vaccination", "diplomatic", "media",
                    "publicity", "charm", "election", "electoral", "fundraising", "recruitment", "advertising",
                    "lobbying", "peace", "mediation", "vaccine"}  # fmt: skip

GROUND_HEADS = {"artillery", "tanks", "tank", "troops", "army", "soldiers", "guns", "howitzers", "forces", "militias",
                "fighters", "rebels", "gunboats", "units"}  # fmt: skip

CIVIL_OBJECTS = {"ambassador", "ambassadors", "envoy", "envoys", "diplomats", "delegation", "support", "offer",
                 "signature", "signatures", "ratification", "consent", "participation", "cooperation",
                 "proposal", "draft", "resolution", "candidacy", "candidate", "objection", "objections", "request",
                 "bid", "application", "membership", "recognition", "funding", "treaty", "agreement", "deal",
                 "accord", "talks", "pact", "convention", "court", "union", "council", "statute", "process",
                 "negotiations", "league", "organisation", "organization", "alliance", "coalition"}  # fmt: skip


def civil_withdrawal(ctx: SentenceContext, head: str, e: int, hi: int) -> bool:
    """ "announced its withdrawal from the ICC", "withdrew its ambassador", "pulled out of the talks": no troops
    move (a withdrawal from a court, treaty or organisation, or of an envoy or an offer)."""
    if not head.startswith(("withdr", "pull")):
        return False
    low = ctx.low
    for k in range(e, min(hi, e + 4)):
        m = ctx.by_token.get(k)
        if m is not None:
            kind = getattr(ctx.lex.entries.get(m.actor or ""), "kind", "")
            return kind in NON_COMBATANT_KINDS or kind == "IntergovernmentalOrganisation"
        if low[k] in CIVIL_OBJECTS:
            return True
        if low[k] in GROUND_HEADS or low[k] in ("its", "their") and k + 1 < hi and low[k + 1] in GROUND_HEADS:
            return False
    return False


SET_UP_VERBS = {"open", "build", "establish", "set", "create", "construct", "expand", "station", "host", "reopen"}


def infinitive_of_setting_up(low: list[str], lo: int, s: int) -> bool:
    """ "to open a base", "to set up a naval facility": the base is an aim, not yet there."""
    return any(low[k] == "to" and low[k + 1] in SET_UP_VERBS for k in range(lo, s - 1))


def state_campaign(ctx: SentenceContext, s: int, e: int) -> bool:
    """ "the Russian campaign", "Russia's military campaign": a campaign (or intervention) of a state or its forces."""
    low = ctx.low
    k = s - 1
    if k > ctx.sent.start and low[k] in ("military", "bombing", "air", "armed"):
        k -= 1
    if k > ctx.sent.start and low[k] in ("'s", "’s"):
        k -= 1
    m = ctx.by_token.get(k)
    if m is None or not m.actor or (e < ctx.sent.end and low[e] in ("to", "for")):
        return False
    kind = getattr(ctx.lex.entries.get(m.actor), "kind", "")
    return kind in ("State", "ArmedForces") or m.via == "forces"


def stalled_push(ctx: SentenceContext, s: int, e: int) -> bool:
    """ "A rebel push to break the siege ... stalled", "the army advance failed": a push that is its clause's
    subject and fails is a failed offensive (a push or advance alone is none)."""
    lo, hi = ctx.clause_bounds(s)
    return opens_clause(ctx, lo, s) and predicate_modality(ctx, e, hi) == "failed"


IRREGULAR_PARTICIPLES = {"driven", "taken", "retaken", "overrun", "struck", "hit", "beaten", "shot", "thrown",
                         "overtaken", "won", "lost", "held", "seized"}  # fmt: skip

REPEL_VERBS = REPELLED | {"repel", "repels", "repelling", "repulse", "repulses", "repulsing", "thwart", "thwarts",
                          "foil", "foils", "defeat", "defeats"}  # fmt: skip
PREPARE_VERBS = {"mass", "massed", "massing", "amass", "amassed", "amassing", "prepare", "prepared", "preparing",
                 "ready", "readying", "readied", "gear", "gearing", "geared", "regroup", "regrouping", "reinforce",
                 "reinforcing", "reinforced", "build", "building"}  # fmt: skip


HALT_VERBS = REPEL_VERBS | {"halted", "halt", "halts", "stopped", "stop", "blunted", "blunt", "checked", "stalled"}
REPEL_PAIRS = {("fought", "off"), ("beat", "back"), ("beat", "off"), ("fight", "off"), ("beaten", "back"),
               ("pushed", "back")}  # fmt: skip


def repel_before(low: list[str], lo: int, s: int) -> int | None:
    """The verb of repelling or halting before a noun of advance ("repelled an army advance", "fought off the
    push"), with only its determiner and modifiers between, if any."""
    for k in range(s - 1, lo - 1, -1):
        if low[k] in HALT_VERBS or (k + 1 < s and (low[k], low[k + 1]) in REPEL_PAIRS):
            return k
        if low[k] in (",", ";", "and", "but", "by", "of", "to", "that", "which"):
            return None
    return None


def armed_after(ctx: SentenceContext, e: int, hi: int) -> bool:
    """True if an armed group or armed forces follow the trigger ("a push against the rebels")."""
    for m in ctx.mentions:
        if e <= m.start < min(hi, e + 4) and m.actors:
            return is_armed(ctx, m)
    return False


COUNTER_NOUNS = {"counterattack", "counterattacks", "counteroffensive", "counteroffensives", "counter"}

PERMANENT = re.compile(r"permanent|indefinite", re.I)  # "a permanent base", "to remain at the base indefinitely"


def state_of_forces(ctx: SentenceContext, actor: str) -> str:
    """The state of armed forces the gazetteer defines ("actor/russian-armed-forces" -> "actor/russia"), else the
    actor itself."""
    entry = ctx.lex.entries.get(actor)
    return entry.forces_of if entry is not None and entry.kind == "ArmedForces" and entry.forces_of else actor


def repelled(ctx: SentenceContext, lo: int, s: int) -> int | None:
    """The verb of repelling right before a nominal trigger, if any ("repelled an attack", "fought off an
    assault", "beat back the offensive")."""
    low = ctx.low
    if low[s] not in NOMINAL_HEADS:
        return None
    for k in range(lo, s):
        if low[k] in REPEL_VERBS:
            return k
        if k + 1 < s and (low[k], low[k + 1]) in (("fought", "off"), ("beat", "back"), ("beat", "off"),
                                                    ("fight", "off"), ("beaten", "back"), ("pushed", "back")):
            return k
    return None


BRING_VERBS = {"bring", "brought", "bringing", "rush", "rushed", "rushing", "ferry", "ferried"}
