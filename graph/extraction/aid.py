"""Aid cooperation: deliveries, convoys, pledges and packages, and the tests that tell aid from its look-alikes.

The aid family's word lists and gated helpers: aid that failed or was blocked, aid that an attack hit, the
organiser of a convoy, humanitarian organisations. Used by :mod:`.rules` and, for the verbs of blocking, by
:mod:`.votes`.
"""

from __future__ import annotations

from dkg.extraction.context import AUX, BE_FORMS, PREPS, SentenceContext
from dkg.extraction.entities import Mention
from dkg.extraction.military import NON_COMBATANT_IDS
from dkg.extraction.slots import HIT_VERBS, by_phrase

AID_NOUNS = {"aid", "assistance", "relief", "supplies", "food", "medicine"}

ARRIVE_VERBS = {"reach", "reached", "reaches", "arrive", "arrived", "arrives"}
AID_HEADS = AID_NOUNS | {"humanitarian"}  # the aid itself is the subject: "humanitarian convoys were allowed in"
ANNOUNCE_AID = {"pledge", "pledged", "pledges", "promise", "promised", "promises", "announce", "announced",
                "announces", "offer", "offered", "offers", "offering"}  # fmt: skip
AID_WORDS = AID_NOUNS | {"medicines", "medical", "humanitarian", "rations", "tents", "blankets", "parcels",
                         "convoy", "convoys", "vaccines", "shipments", "deliveries", "goods"}  # fmt: skip
AID_FAILED = {"unable", "failed", "fail", "fails"}  # "aid convoys have been unable to reach Aleppo"
AID_WORKERS = {"aid", "humanitarian", "relief", "charity", "charities", "volunteers", "ngo", "ngos"}
AID_PURPOSES = {"humanitarian", "relief", "appeal", "refugees", "reconstruction", "victims", "survivors",
                "famine", "earthquake", "flood", "floods", "displaced", "hurricane", "drought"}  # fmt: skip
AID_PARTICIPLES = {"sent", "delivered", "donated", "provided", "shipped", "flown", "supplied", "airlifted",
                   "pledged", "promised", "distributed", "airdropped", "trucked", "handed", "brought"}  # fmt: skip
AID_CARRIERS = {"convoy", "convoys", "delivery", "deliveries", "shipment", "shipments", "truck", "trucks", "lorry",
                "lorries", "flight", "flights", "operation", "operations", "mission", "missions", "airlift",
                "airlifts", "airdrop", "airdrops", "effort", "efforts"}  # fmt: skip

BLOCKED = {"blocked", "prevented", "stopped", "barred", "halted", "turned"}

STAPLES = {"flour", "wheat", "grain", "bread", "rice", "water", "fuel", "milk"}
AID_FAILED_STOP = {",", ";", "after", "because", "when", "while", "as", "and", "but", "which", "that"}


def aid_failed_after(low: list[str], e: int, hi: int) -> bool:
    """The aid's predicate says it failed: "blocked", "unable", "failed" right after the trigger, or after the
    aid's own words ("A UN convoy carrying food for 25,000 people was unable to enter ...")."""
    for k in range(e, min(hi, e + 8)):
        if low[k] == "and" and k + 1 < hi and low[k + 1] in AID_WORDS | STAPLES:
            continue  # "a convoy carrying flour and medicine was turned back"
        if low[k] in BLOCKED or low[k] in AID_FAILED:
            return k < e + 3 or low[k - 1] in BE_FORMS or low[k] in ("failed", "fail", "fails")
        if low[k] in AID_FAILED_STOP:
            return False
    return False


ATTACK_NOUNS = {"attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "bombing", "shelling", "raid",
                "ambush", "assault"}  # fmt: skip


def attacked_aid(ctx: SentenceContext, s: int) -> bool:
    """True if the aid trigger is what an attack hit: "the attack on the aid convoy", "a strike on a UN convoy"."""
    low = ctx.low
    for k in range(max(ctx.sent.start, s - 5), s):
        if low[k] in ("on", "against") and k > ctx.sent.start and low[k - 1] in ATTACK_NOUNS:
            return True
        if low[k] in AID_HIT_VERBS and all(low[j] not in (",", "and", "to") for j in range(k + 1, s)):
            return True  # "had bombed a UN aid convoy", "of striking a Red Crescent convoy"
    return False


AID_HIT_VERBS = HIT_VERBS | {"striking", "hitting", "bombing", "shelling", "targeting", "attacking", "ambushed",
                             "ambushing", "looted", "looting"}  # fmt: skip


def humanitarian(ctx: SentenceContext, actor: str) -> bool:
    """True for the UN, its organs and agencies, and humanitarian organisations."""
    kind = getattr(ctx.lex.entries.get(actor), "kind", "")
    return actor in NON_COMBATANT_IDS or kind in ("Organisation", "OrganisationOrgan", "Organization", "Organ")


PACKAGE_VERBS = {"unveil", "unveiled", "unveils", "announce", "announced", "announces", "launch", "launched",
                 "launches", "pledge", "pledged", "pledges", "approve", "approved", "approves"}  # fmt: skip
ORGANISED = {"organised", "organized", "run", "operated", "arranged", "coordinated", "led", "sent", "dispatched",
             "chartered", "funded"}  # fmt: skip


def organiser_before(ctx: SentenceContext, lo: int, s: int) -> Mention | None:
    """The by-phrase of an aid carrier before the trigger ("a convoy of 25 trucks organised by the UN delivered")."""
    low = ctx.low
    for k in range(max(lo + 1, s - 12), s):
        if low[k] == "by" and low[k - 1] in ORGANISED and any(
                low[j] in AID_CARRIERS for j in range(max(lo, k - 6), k - 1)):
            b = by_phrase(ctx, k, s, window=0)
            return b[1] if b else None
    return None


def blocked_object(ctx: SentenceContext, lo: int, s: int) -> int | None:
    """ "Government forces blocked a UN aid convoy from entering": the verb of blocking whose object the aid is
    (only a determiner, modifiers and names between), if any."""
    for k in range(s - 1, max(lo, s - 5) - 1, -1):
        if ctx.low[k] in BLOCKED and ctx.low[k] != "turned":
            return k
        if not (k in ctx.by_token or ctx.low[k] in ("a", "an", "the", "its", "their", "another", "un", "red")
                or ctx.doc[k].is_alpha and ctx.doc[k].is_lower and ctx.low[k] not in PREPS | AUX):
            return None
    return None
