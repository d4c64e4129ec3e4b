"""Trigger words in another sense: matches that are no event of their type.

A demand for an end to the bombing is no bombing, "according to" is no accord, a car bomb is no air strike, and
the noun "forces" is no forcing. :func:`noun_force` drops a match before the longest match per token is chosen;
:func:`in_demand` and :func:`not_this_sense` are the first tests of :func:`.rules.fill`.
"""

from __future__ import annotations

from dkg.extraction.context import SentenceContext

DEMAND_CUES = {"end", "halt", "stop", "cessation", "ban", "freeze", "pause", "suspension"}


def in_demand(ctx: SentenceContext, i: int) -> bool:
    """True if the trigger is the object of a demand ('an immediate end to the air-strikes')."""
    lo = max(ctx.sent.start, i - 5)
    for k in range(lo, i - 1):
        w = ctx.low[k]
        prev = ctx.low[k - 1] if k > ctx.sent.start else ""
        if w in DEMAND_CUES and ctx.low[k + 1] in ("to", "of") and prev not in ("receiving", "the"):
            return True
        if w in PAUSE_NOUNS and ctx.low[k + 1] == "in":
            return True  # "as a unilateral pause in the bombardment took hold": the bombing stopped
    for k in range(max(ctx.sent.start, i - 2), i):
        w = ctx.low[k]
        halting = w in HALT_GERUNDS or (w in HALT_VERBS and halt_verb(ctx.low, ctx.sent.start, k))
        if halting and (k + 1 == i or ctx.low[k + 1] in ("the", "all", "its", "their")):
            return True  # "made no mention of halting air strikes", "demanded that all parties halt attacks"
    return False


PAUSE_NOUNS = {"pause", "lull", "halt", "respite", "suspension", "let-up", "freeze"}
HALT_GERUNDS = {"halting", "ending", "stopping", "ceasing", "suspending", "banning", "freezing"}
HALT_VERBS = {"halt", "end", "stop", "cease", "suspend"}  # "to halt attacks", not "the halt" (a noun)
ARTICLES = {"a", "an", "the"}
KILL_WORDS = {"kill", "kills", "killed", "killing"}
DOCUMENT_NOUNS = {"resolution", "resolutions", "draft", "drafts", "text", "proposal", "proposals", "bill", "deal",
                  "plan", "motion", "initiative", "measure", "talks", "treaty", "agreement"}  # fmt: skip

GROUND_BOMBS = {"car", "roadside", "suicide", "truck", "lorry", "nail", "pipe", "parcel", "letter", "bicycle",
                "motorcycle", "landmine", "mortar"}  # fmt: skip
PHYSICAL_PREPS = {"into", "onto", "against", "through"}


def not_this_sense(ctx: SentenceContext, etype: str, head: str, s: int, e: int, hi: int) -> bool:
    """Trigger words in another sense: "according to" is no accord, rounds that "slammed into" a district
    condemn nobody, and a car or roadside bomb is no air strike."""
    low = ctx.low
    if etype == "Agreement" and head in ("according", "accorded"):
        return True
    if etype == "Agreement" and head in ("agreed", "agreed-upon") and s > ctx.sent.start and low[s - 1] in AGREED_DETS:
        return True  # "left the council with no agreed position": an adjective, no agreement reached
    if etype == "TerritorialControlChange" and e < hi and low[e - 1] == "back" and low[e] == "against":
        return True  # "pushed back against the plan": an objection (an Opposition trigger), no ground taken
    if etype == "Condemnation" and head in ("slam", "slammed", "slams", "slamming") and e < hi:
        return low[e] in PHYSICAL_PREPS
    if etype == "AirStrike" and head in ("bomb", "bombs", "bombing", "bombings", "bomber", "bombers"):
        return s > ctx.sent.start and low[s - 1] in GROUND_BOMBS
    if etype == "CasualtyReport" and head in KILL_WORDS and killed_document(low, e, hi):
        return True  # "used its veto to kill a British-drafted resolution": a draft blocked, nobody dead
    if etype == "MilitaryMovement" and head.startswith("withdr") and withdrawn_text(ctx, s, e, hi):
        return True  # "Wellington withdrew its draft", "withdrew it before a vote": no troops moved
    if etype == "Opposition" and head in ("protest", "protests") and s > ctx.sent.start and low[s - 1] in STREET_CUES:
        return True  # "wounded 14 Palestinians during protests along the fence": demonstrations, no state's objection
    if etype == "MilitaryOffensive" and head in ("attack", "attacks") and ranked_attack(low, ctx.sent.start, s):
        return True  # "..., the deadliest attack in the capital in weeks": ranks the event the clause reports
    # "the armed opposition", "opposition fighters": a side of the war, not an objection ("its opposition to" is one)
    return (etype == "Opposition" and head == "opposition" and s in ctx.by_token
            and low[s - 1] not in ("its", "their", "his", "her", "'s", "’s") and (e >= hi or low[e] != "to"))


AGREED_DETS = {"no", "a", "an", "the", "any", "its", "their", "our"}
DEMAND_VERBS = {"demand", "demands", "demanded", "demanding", "urge", "urges", "urged", "urging"}
CALL_VERBS = {"call", "calls", "called", "calling"}


def demanded_move(ctx: SentenceContext, lo: int, s: int) -> bool:
    """A movement asked for, not made: "Baghdad's demands for a withdrawal", "has demanded that Turkey withdraw
    its troops", "called on Moscow to pull its forces out"."""
    low = ctx.low
    for k in range(s - 1, max(lo, s - 7) - 1, -1):
        w = low[k]
        if w in (",", ";", "said", "says"):
            return False
        if w in DEMAND_VERBS or (w in CALL_VERBS and low[k + 1] in ("for", "on")):
            return True
    return False


def halt_verb(low: list[str], lo: int, k: int) -> bool:
    """A verb of halting that asks for an end ("demand that all parties halt attacks"), not the noun ("the halt")
    nor a failure to halt what went on ("had failed to stop the bombing")."""
    if k <= lo or low[k - 1] in ARTICLES:
        return False
    return not (low[k - 1] == "to" and k - 2 >= lo and low[k - 2] in FAILURE_WORDS)


FAILURE_WORDS = {"failed", "fail", "fails", "failing", "unable", "refused", "refuses"}


STREET_CUES = {"during", "at", "amid", "joined", "staged", "street", "mass", "violent", "peaceful", "weekly", "nightly"}
WITHDRAWN_THINGS = DOCUMENT_NOUNS | {"support", "backing", "objection", "objections", "offer", "candidacy"}


def withdrawn_text(ctx: SentenceContext, s: int, e: int, hi: int) -> bool:
    """What is withdrawn is a text, an offer or support, or "it" standing for a text named just before."""
    low = ctx.low
    if e < hi and low[e] == "it":
        return any(w in DOCUMENT_NOUNS for w in low[max(0, s - 30) : s])  # the text may be the question's
    return any(low[k] in WITHDRAWN_THINGS for k in range(e, min(hi, e + 4)))


def killed_document(low: list[str], e: int, hi: int) -> bool:
    """The object of "kill" is a text or a deal ("to kill the draft", "killed a French-drafted resolution")."""
    for k in range(e, min(hi, e + 5)):
        if low[k] in DOCUMENT_NOUNS:
            return True
        if low[k] in ("people", "civilians", "soldiers", "fighters", ",", "and", "in", "on", "at"):
            return False
    return False


RANKING = {"deadliest", "bloodiest", "worst", "deadly", "lethal", "bloody"}  # "most deadly", "the deadliest"


def ranked_attack(low: list[str], lo: int, s: int) -> bool:
    """ "the deadliest attack", "one of the deadliest single attacks", "the most lethal attack": a superlative
    that ranks an event the sentence already reports (not sentence-initial "Attacks ...")."""
    for k in range(s - 1, max(lo, s - 4) - 1, -1):
        w = low[k]
        if w in RANKING:
            return w not in ("deadly", "lethal", "bloody") or (k > lo and low[k - 1] == "most")
        if w not in ("single", "suicide", "militant", "insurgent", "terrorist", "such"):
            return False
    return False


def noun_force(ctx: SentenceContext, key: str, s: int) -> bool:
    """ "Russian forces pulled out", "the forces drove ...": the noun "forces" is no forcing (the patterns match
    lemmas, so "forced" matches "forces"); dropped before longer matches hide the real trigger."""
    if ctx.low[s] not in ("force", "forces") or not key.startswith("TerritorialControlChange"):
        return False
    return s in ctx.by_token or (s > ctx.sent.start and ctx.low[s - 1] in ("the", "a", "an", "its", "their"))
