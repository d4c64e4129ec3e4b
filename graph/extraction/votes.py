"""Resolutions, votes, vetoes and drafts, and referrals to a court.

The UN family's word lists and gated helpers: the resolution a veto or vote is about, its sponsor, forum and
demands (kept across sentences in :class:`.context.DocState`), vote tallies won or lost, the right of veto that is
no veto cast, drafts that are the subject of "failed", attempts to refer that were blocked, and courts. Used by
:mod:`.rules` and, for the demands of a later sentence, by :mod:`.events`.
"""

from __future__ import annotations

import re
from datetime import date

from dkg.extraction.aid import BLOCKED
from dkg.extraction.context import AUX, BE_FORMS, PREPS, DocState, Proposal, SentenceContext
from dkg.extraction.military import REPEL_VERBS
from dkg.extraction.modality import SUBJECT_FILLERS
from dkg.extraction.slots import by_phrase, modifier_before

TOPICS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"war crimes?|atrocit", re.I), "WarCrimes"),
    (
        re.compile(
            r"(?:end|halt|stop|cessation)\s+(?:to|of)\s+(?:the\s+)?(?:\w+\s+)?"
            r"(?:air[- ]?strikes|bombing|air[- ]raids|air[- ]offensive)",
            re.I,
        ),
        "EndOfAirStrikes",
    ),  # noqa: E501
    (re.compile(r"truce|ceasefire|cease-fire|cessation of hostilities", re.I), "Truce"),
    (re.compile(r"humanitarian|\baid\b|relief supplies|assistance", re.I), "HumanitarianAid"),
    (re.compile(r"military contacts?|contacts between (?:their|the(?: two)?) (?:militaries|armed forces|defen[cs]e "
                r"ministries|general staffs)", re.I), "MilitaryContacts"),
    (re.compile(r"military cooperation|defence cooperation|defense cooperation", re.I), "MilitaryCooperation"),
    # "a treaty that lets Russian forces keep the Hmeimim air base": an agreement on a base is military cooperation
    (re.compile(r"\b(?:air|naval|military|army) (?:base|bases|facility|facilities)\b", re.I), "MilitaryCooperation"),
]

RESOLUTION_TYPES = {"Veto", "Vote", "VotePosition", "ResolutionDrafted", "ResolutionFailed", "ResolutionAdopted"}


def resolution_id(sponsor: str | None, published: date | None, text: str) -> str:
    sym = re.search(r"\bS/(\d{4})/(\d+)\b", text)
    if sym:
        return f"resolution/s-{sym.group(1)}-{sym.group(2)}"
    who = sponsor.rsplit("/", 1)[-1] if sponsor else "unknown"
    when = published.strftime("%Y-%m") if published else "undated"
    return f"resolution/{who}-draft-{when}"


RES_NOUNS = {"resolution", "draft", "text", "proposal", "motion", "measure", "resolutions", "drafts", "texts",
             "proposals", "motions", "measures"}  # fmt: skip

VETO_WORDS = {"veto", "vetoed", "vetoes", "vetoing"}
DRAFT_PARTICIPLES = {"up", "drafted", "sponsored", "proposed", "tabled", "submitted", "written", "put", "prepared",
                     "authored", "presented", "circulated", "introduced", "forward", "penned", "crafted",
                     "formulated"}  # fmt: skip
DRAFT_KINDS = {"call", "proposal", "measure", "motion", "plan", "attempt", "bid", "initiative", "appeal", "compromise",
               "counterproposal"}
VOTE_VERBS = {"voted", "vote", "votes", "backed", "supported", "approved", "endorsed", "favoured", "favored"}
VETO_POWER = {"power", "powers", "right", "rights", "wielding", "-", "holders", "holder", "wielders"}


HOLD_VERBS = {"hold", "holds", "held", "holding", "wield", "wields", "wielding", "have", "has", "possess",
              "possesses", "retain", "retains"}  # fmt: skip


def veto_power(ctx: SentenceContext, s: int, e: int) -> bool:
    """ "the power of veto", "the right of veto", "veto power", "veto-wielding", "holds a veto": the right, not a
    veto cast."""
    low = ctx.low
    if s - 2 >= ctx.sent.start and low[s - 1] == "of" and low[s - 2] in ("power", "right", "powers", "rights"):
        return True
    if s - 2 >= ctx.sent.start and low[s - 1] in ("a", "the", "its") and low[s - 2] in HOLD_VERBS:
        return True  # "five of which hold a veto", "as long as Moscow holds a veto"
    return low[s] == "veto" and e < ctx.sent.end and low[e] in VETO_POWER


DRAFT_SUBJECT_GAP = AUX | BE_FORMS | {",", ";", "that", "which", "who", "after", "because", "when", "while", "as"}


def draft_subject_fails(ctx: SentenceContext, lo: int, s: int, e: int, hi: int) -> bool:
    """ "A French-drafted resolution calling for a ceasefire in Aleppo failed": a draft that opens the clause is
    the subject of a later "failed" (not "failed to", not past a verb or a subordinate clause)."""
    low = ctx.low
    if e < hi and low[e] == "to":
        return False
    res = next((k for k in range(lo, min(s, lo + 6)) if low[k] in RES_NOUNS), None)
    if res is None or not all(k in ctx.by_token or low[k] in SUBJECT_FILLERS or low[k] in ("backed", "drafted",
                                                                                           "sponsored", "rival")
                              or (ctx.doc[k].is_alpha and low[k] not in PREPS | AUX) for k in range(lo, res)):
        return False
    return not any(low[k] in DRAFT_SUBJECT_GAP or low[k].endswith("ed") for k in range(res + 1, s))


EFFORT_NOUNS = {"effort", "efforts", "attempt", "attempts", "bid", "bids", "push", "move", "moves", "plan", "plans"}


def effort_before(ctx: SentenceContext, lo: int, s: int) -> int | None:
    """The noun of "<effort> by X to <trigger>" opening the clause ("Efforts by Spain to refer ..."), if any."""
    low = ctx.low
    if s - 3 < lo or low[s - 1] != "to":
        return None
    for k in range(lo, min(s - 2, lo + 3)):
        if low[k] in EFFORT_NOUNS and low[k + 1] == "by":
            return k
    return None


def forum_word_vote(ctx: SentenceContext, lo: int, s: int, e: int, hi: int) -> bool:
    """A vote named without a forum mention: "the council will vote on" (a forum word is the subject) or
    "a vote on the draft" (a nominal vote on a draft)."""
    low = ctx.low
    if low[s] in ("vote", "votes") and s > lo and low[s - 1] in ("a", "the"):
        return any(low[k] in RES_NOUNS for k in range(e, min(hi, e + 4)))
    return any(low[k] in ("council", "assembly") for k in range(max(lo, s - 5), s)) and not any(
        m.actors for m in ctx.mentions if lo <= m.start < s)


WIN_VERBS = {"won", "win", "wins", "received", "receive", "got", "garnered", "garnering", "drew", "draw", "secured",
             "attracted", "mustered", "gained", "obtained"}  # fmt: skip


DEFEAT_VERBS = {"defeated", "rejected", "beaten", "down", "blocked", "outvoted"}


def defeated_by(low: list[str], s: int, lo: int) -> bool:
    """ "The text was defeated/rejected by nine votes to four": the larger count is against."""
    return s - 2 >= lo and low[s - 1] == "by" and low[s - 2] in DEFEAT_VERBS


def won_by(low: list[str], s: int, lo: int) -> bool:
    """True if a count of members or votes is what a draft won: "backed by 12 of", "won 11 of the 15 votes"."""
    if s - 1 >= lo and low[s - 1] in WIN_VERBS:
        return True
    return s - 2 >= lo and low[s - 1] == "by" and low[s - 2] in ("backed", "supported", "endorsed", "approved")


DRAFT_DEMANDS = {"demands", "demanding", "demanded", "requires", "requiring", "urges", "urging", "seeks", "seeking",
                 "calls", "calling", "call", "demand", "require", "would"}  # fmt: skip


def demanded_by_draft(low: list[str], lo: int, s: int) -> bool:
    """True if the trigger is in what a draft demands ("a text demanding access for aid convoys")."""
    res = next((k for k in range(lo, s) if low[k] in RES_NOUNS), None)
    return res is not None and any(low[k] in DRAFT_DEMANDS for k in range(res + 1, s))


def blocked_attempt(low: list[str], lo: int, s: int) -> int | None:
    """The verb of blocking before "an attempt/bid/effort to <trigger>" ("vetoed a bid to refer"), if any."""
    if s - 2 < lo or low[s - 1] != "to":
        return None
    k = s - 2
    if low[k] not in EFFORT_NOUNS:
        return None
    for j in range(k - 1, max(lo, k - 4) - 1, -1):
        if low[j] in BLOCKED or low[j] in VETO_WORDS or low[j] in REPEL_VERBS or low[j] in ("thwarted", "foiled"):
            return j
    return None


BLOCKED_PASSIVE = BLOCKED | VETO_WORDS | {"rejected", "defeated", "thwarted", "foiled", "scuppered", "torpedoed"}


def attempt_blocked_after(low: list[str], lo: int, s: int, e: int, hi: int) -> int | None:
    """The passive verb of blocking after "an attempt/bid/effort to <trigger> ..." ("... was vetoed by"), if any."""
    if s - 2 < lo or low[s - 1] != "to" or low[s - 2] not in EFFORT_NOUNS:
        return None
    for k in range(e, min(hi, e + 12) - 1):
        if low[k] in ("was", "were", "been") and low[k + 1] in BLOCKED_PASSIVE:
            return k + 1
    return None


def is_court(ctx: SentenceContext, actor: str) -> bool:
    entry = ctx.lex.entries.get(actor)
    return bool(entry and entry.kind == "Court") or actor.endswith(("-court", "court-of-justice"))


def add_forum(ctx: SentenceContext, p: Proposal) -> None:
    for m in ctx.mentions:
        if m.actor and ("security-council" in m.actor or m.actor.endswith(("general-assembly", "rights-council"))):
            p.add("forum", m.actor)
            return
    text = ctx.text.lower()
    un = any(m.actor == "actor/united-nations" for m in ctx.mentions) or "resolution" in text
    # "the council's 15 members": the Security Council, unless another council is named in the sentence
    council = "council" in ctx.low[ctx.sent.start : ctx.sent.end] and not any(
        m.actor and "council" in m.actor for m in ctx.mentions)  # fmt: skip
    if not council and "assembly" in ctx.low[ctx.sent.start : ctx.sent.end] and not any(
            m.actor and "assembly" in m.actor for m in ctx.mentions):
        p.add("forum", "actor/un-general-assembly")  # "the Assembly is due to vote next month"
        return
    if un or council:
        p.add("forum", "actor/un-security-council")


def add_demands(p: Proposal, text: str) -> None:
    for pat, topic in TOPICS[1:4]:
        if pat.search(text):
            p.properties.setdefault("demands", [])
            if topic not in p.properties["demands"]:
                p.properties["demands"].append(topic)


DEMAND_VERBS = {"demand", "demanded", "demands", "stood", "stands", "call", "called", "calls", "urged", "urge",
                "sought", "seeks", "seek", "requested", "requests"}  # fmt: skip


def resolution_demands(ctx: SentenceContext, earlier: list[Proposal]) -> None:
    """ "The resolution also stood for truce and humanitarian aid": demands added to the draft last mentioned."""
    words = set(ctx.low[ctx.sent.start : ctx.sent.end])
    if not (words & {"resolution", "draft", "text"}) or not (words & DEMAND_VERBS):
        return
    holder = next((p for p in reversed(earlier) if p.roles.get("resolution")), None)
    if holder is None:
        return
    demands = holder.properties.setdefault("demands", [])
    for pat, topic in TOPICS[1:4]:
        if pat.search(ctx.text) and topic not in demands:
            demands.append(topic)


def resolution_roles(ctx: SentenceContext, p: Proposal, state: DocState, text: str) -> None:
    """Resolution, sponsor and forum of veto/vote events ('a resolution drafted by France at UN')."""
    low = ctx.low
    sponsor: str | None = None
    for k in range(ctx.sent.start, ctx.sent.end):
        if low[k] in ("resolution", "draft", "text"):
            b = by_phrase(ctx, k + 1, ctx.sent.end, window=2)
            if b and b[0] in ("drafted", "sponsored", "proposed", "tabled", "submitted", "written", "put"):
                sponsor = b[1].actors[0]
                break
            mod = modifier_before(ctx, k)
            if (
                mod is not None
                and (mod.modifier or mod.backed)
                and "agent" in p.roles
                and mod.actors[0] not in p.roles["agent"]
            ):
                sponsor = mod.actors[0]
                break
    if sponsor:
        rid = resolution_id(sponsor, ctx.published, text)
        if (rid, sponsor) not in state.resolutions:
            state.resolutions.append((rid, sponsor))
        p.add("resolution", rid)
        p.properties["sponsor"] = sponsor
    elif state.resolutions:
        p.add("resolution", state.resolutions[0][0] if p.type in ("Vote", "VotePosition") else state.resolutions[-1][0])
    add_forum(ctx, p)
    add_demands(p, text)


CO_VOTER_MARKERS = {("as", "did"), ("alongside",), ("along", "with"), ("together", "with")}


def co_voters(ctx: SentenceContext, e: int) -> list[str]:
    """Members named after a position as voting alike: "voted for the French text, as did Senegal and Malaysia",
    "abstained on the Russian draft alongside Angola". Looks a few words past the trigger, in the sentence, for a
    marker followed by a list of actors ("X", "X and Y", "X, Y and Z")."""
    low, end = ctx.low, ctx.sent.end
    k = e
    while k < min(end, e + 8) and low[k] not in (";", "while", "whereas", "but"):
        marker = next((m for m in CO_VOTER_MARKERS if tuple(low[k : k + len(m)]) == m), None)
        if marker is None:
            k += 1
            continue
        found: list[str] = []
        j = k + len(marker)
        while j < end:
            m = ctx.by_token.get(j)
            if m is not None and m.actors and m.start == j:
                found += [a for a in m.actors if a not in found]
                j = m.end
            elif low[j] == "the" or (found and low[j] in (",", "and")):
                j += 1
            else:
                break
        return found
    return []
