"""Numbers and casualty figures: number words, counts with their qualifier and victim category, breakdowns.

:func:`parse_int` reads a number token, :func:`quantities` the main casualty count of a clause ("more than 290
people") and its breakdowns ("57 were children"), and :func:`own_figure` the figure that belongs to one verb
where a sentence both kills and wounds. Vote tallies and ordinals use the same number words.
"""

from __future__ import annotations

from typing import Any

from dkg.extraction.context import SentenceContext
from dkg.extraction.dates import MONTHS

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24,
}  # fmt: skip
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}  # fmt: skip
VICTIMS = {"people": "People", "person": "People", "persons": "People", "civilians": "Civilians",
           "civilian": "Civilians", "children": "Children", "child": "Children", "kids": "Children",
           "soldiers": "Combatants", "fighters": "Combatants", "troops": "Combatants", "combatants": "Combatants",
           "militants": "Combatants", "residents": "Civilians", "women": "Civilians", "villagers": "Civilians",
           "rebels": "Combatants", "servicemen": "Combatants"}  # fmt: skip
QUALIFIERS = [("more than", "MoreThan"), ("over", "MoreThan"), ("at least", "AtLeast"), ("about", "About"),
              ("around", "About"), ("nearly", "About"), ("almost", "About"), ("some", "About"),
              ("roughly", "About"), ("approximately", "About"), ("up to", "AtLeast")]  # fmt: skip


def parse_int(text: str) -> int | None:
    """'290' -> 290, 'Eleven' -> 11, '1,200' -> 1200; None if not a number."""
    t = text.lower().replace(",", "")
    if t.isdigit():
        return int(t)
    return NUMBER_WORDS.get(t)


TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}  # fmt: skip


def compound_number(ctx: SentenceContext, k: int) -> int | None:
    """The number at token k, with a tens word before a hyphen ("twenty - four" -> 24 when k is "four")."""
    n = parse_int(ctx.doc[k].text)
    low = ctx.low
    if n is not None and 0 < n < 10 and k - 2 >= ctx.sent.start and low[k - 1] == "-" and low[k - 2] in TENS:
        return TENS[low[k - 2]] + n
    return n


MONTH_WORDS = frozenset({*MONTHS, *(f"{m}." for m in MONTHS if len(m) <= 4)})  # "October", "Oct", "Oct."
INJURY_NOUNS = {"injuries", "injury", "wounds"}
# "two of its staff were wounded", "three of the passengers": people counted by their role (no victim category)
PEOPLE_NOUNS = {"staff", "employees", "workers", "volunteers", "journalists", "passengers", "crew",
                "worshippers", "mourners", "patients", "doctors", "nurses", "medics", "peacekeepers", "officers",
                "policemen", "guards", "pilgrims", "students", "pupils", "teachers", "colleagues"}  # fmt: skip
DURATION_UNITS = {"years", "year", "days", "day", "hours", "hour", "weeks", "week", "months", "month", "minutes",
                  "nights"}  # fmt: skip  ("over the past 24 hours", "in two weeks": a length of time, not victims)
COUNTED_ATTACKS = {"raids", "strikes", "airstrikes", "sorties", "attacks", "rockets", "shells", "missiles", "bombs",
                   "rounds", "mortars", "shots", "explosions", "blasts", "flights", "missions"}  # fmt: skip


def quantities(ctx: SentenceContext, lo: int, hi: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Casualty figures: the main count (with qualifier and category) and breakdowns ('57 were children')."""
    doc = ctx.doc
    low = ctx.low
    figures: list[tuple[int, int, str | None, str | None]] = []  # (token index, value, category, qualifier)
    skip_to = lo
    for k in range(lo, hi):
        t = doc[k]
        n = parse_int(t.text)
        if n is None or ctx.by_token.get(k) or k < skip_to:
            continue
        if low[k] == "one" and k > lo and low[k - 1] in ("no", "not"):
            continue  # "no one was hurt": nobody, not a count of one
        unit = parse_int(doc[k + 2].text) if low[k] in TENS and k + 2 < hi and low[k + 1] == "-" else None
        if unit is not None and 0 < unit < 10:
            n, skip_to = TENS[low[k]] + unit, k + 3  # "Twenty-five civilians": one figure, 25
        if (1900 <= n <= 2100 and t.text.isdigit() and k > lo
                and low[k - 1] in ("since", "in", "until", "of", "by", "from", "before")
                and not (k + 1 < hi and low[k + 1] in VICTIMS)):
            continue  # "which has been bombing IS since 2014": a year; "the deaths of 2000 civilians" is a count
        if (
            k + 1 < hi
            and low[k + 1]
            in (
                "of",
                "members",
                "times",
                "time",
                "%",
                "percent",
                *DURATION_UNITS,
                "km",
                "kilometres",
                "kilometers",
                "miles",
            )
            and not (low[k + 1] == "of" and any(low[j] in VICTIMS or low[j] in PEOPLE_NOUNS
                                                for j in range(k + 2, min(hi, k + 6))))
            and not _family_members(low, k, hi)
        ):
            continue
        if k + 1 < hi and low[k + 1] in COUNTED_ATTACKS:
            continue  # "carried out at least 40 raids, killing 25 people": a count of raids, not of victims
        if counted_target(low, k, hi):
            continue  # "hit at least ten hospitals ... killing 67 civilians": a count of places hit, not of victims
        if any(low[j] in MONTH_WORDS for j in (k - 1, k + 1) if lo <= j < hi):
            continue  # "on 3 October", "Oct. 8 — ...": a day of the month, not a count
        cat = None
        for j in range(k + 1, min(hi, k + 5)):
            if low[j] in VICTIMS:
                cat = VICTIMS[low[j]]
                break
        if cat is None:
            for j in range(k + 1, min(hi, k + 4)):
                if low[j] in ("was", "were") and j + 1 < hi and low[j + 1] in VICTIMS:
                    cat = VICTIMS[low[j + 1]]
                    break
        j = k - 1 if k > lo and low[k - 1] in ("a", "an") else k  # "at least a dozen": past the article
        before = " ".join(x.lower_ for x in doc[max(lo, j - 2) : j])
        qual = next((q for phrase, q in QUALIFIERS if before.endswith(phrase)), None)
        figures.append((k, n, cat, qual))
    if not figures:
        return {}, []
    main_k, main_n, main_cat, main_q = figures[0]
    props: dict[str, Any] = {"casualtyCount": main_n, "victimCategory": main_cat or "People"}
    if main_q:
        props["countQualifier"] = main_q
    injured = any(low[k] in ("wounded", "injured", "injuring", "wounding") or low[k] in INJURY_NOUNS
                  for k in range(lo, hi))  # fmt: skip
    killed = any(doc[k].norm_ in ("kill", "die", "dead", "death", "life", "lives", "killed") for k in range(lo, hi))
    props["casualtyType"] = "Injured" if injured and not killed else "Killed"
    parts = []
    for _k, n, cat, qual in figures[1:]:
        if cat is None:
            continue
        part: dict[str, Any] = {"casualtyCount": n, "victimCategory": cat}
        if qual:
            part["countQualifier"] = qual
        parts.append(part)
    return props, parts


COUNTED_TARGETS = {"hospitals", "schools", "clinics", "markets", "mosques", "churches", "buildings", "homes",
                   "houses", "villages", "towns", "neighbourhoods", "neighborhoods", "districts", "sites",
                   "positions", "bases", "checkpoints", "vehicles", "trucks", "lorries", "tanks", "bridges",
                   "camps", "facilities", "depots", "targets"}  # fmt: skip


def counted_target(low: list[str], k: int, hi: int) -> bool:
    """ "ten hospitals", "two government-held neighbourhoods", "three Hamas sites": the number counts places or
    things hit (the noun within four tokens, no victim noun before it)."""
    for j in range(k + 1, min(hi, k + 5)):
        if low[j] in VICTIMS or low[j] in (",", ";", "and", "of"):
            return False
        if low[j] in COUNTED_TARGETS:
            return True
    return False


def _family_members(low: list[str], k: int, hi: int) -> bool:
    """ "Twelve members of one family died": members of a family or crew are victims, not council members."""
    return k + 2 < hi and low[k + 1] == "members" and low[k + 2] == "of" and any(
        low[j] in ("family", "families", "household", "crew", "staff", "team") for j in range(k + 3, min(hi, k + 6)))


KILL_HEADS = {"kill", "killed", "killing", "kills", "dead", "died", "die"}
WOUND_HEADS = {"wound", "wounded", "wounding", "injure", "injured", "injuring", "hurt"}


def own_figure(ctx: SentenceContext, head: str, e: int, hi: int) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """ "killed at least 12 people and wounded about 40 others", "left 20 dead and dozens injured": where the
    sentence both kills and wounds, the figure right after (or else right before) the trigger and the trigger's
    own casualty type (else None: the sentence's figures)."""
    if head not in KILL_HEADS and head not in WOUND_HEADS:
        return None
    other = WOUND_HEADS if head in KILL_HEADS else KILL_HEADS
    low = ctx.low
    if not any(low[k] in other for k in range(ctx.sent.start, ctx.sent.end)):
        return None
    after = None
    for k in range(e, min(hi, e + 4)):  # the figure the verb takes, not one past "and" or another verb
        if low[k] in KILL_HEADS or low[k] in WOUND_HEADS or low[k] in (",", ";", "and"):
            break
        if parse_int(ctx.doc[k].text) is not None and not (k + 1 < hi and low[k + 1] in DURATION_UNITS):
            after = k  # not "seven wounded over the past 24 hours": a length of time
            break
    if after is not None:
        stop = next((k for k in range(after, hi) if low[k] in KILL_HEADS or low[k] in WOUND_HEADS), hi)
        qty, parts = quantities(ctx, e, stop)  # "killed at least 12 people"
    else:
        fig = None
        for k in range(e - 2, max(ctx.sent.start, e - 6) - 1, -1):  # the nearest figure before, not past a verb
            if low[k] in KILL_HEADS or low[k] in WOUND_HEADS or low[k] in (",", ";"):
                break
            if parse_int(ctx.doc[k].text) is not None and k not in ctx.by_token:
                fig = k
                break
        if fig is None:
            return None
        qty, parts = quantities(ctx, max(ctx.sent.start, fig - 2), e)  # "at least 20 people dead", "40 wounded"
        if qty and fig - 1 > ctx.sent.start and low[fig - 1] == "and" and not any(
                low[j] in VICTIMS for j in range(fig + 1, e)):
            earlier = elided_category(ctx, fig - 1)
            if earlier:  # "Two soldiers were killed and seven wounded": the seven are soldiers too
                qty["victimCategory"] = earlier
    if not qty:
        return None
    qty["casualtyType"] = "Killed" if head in KILL_HEADS else "Injured"
    return qty, parts


def elided_category(ctx: SentenceContext, k: int) -> str | None:
    """The victim category of the figure of the clause before a coordinating "and" at k ("Two soldiers were killed
    and seven wounded"): the nearest number before k followed within four tokens by a victim noun, not past a
    clause boundary."""
    low = ctx.low
    for j in range(k - 1, max(ctx.sent.start, k - 10) - 1, -1):
        if low[j] in (";", ":", "—", "but"):
            return None
        if parse_int(ctx.doc[j].text) is not None and j not in ctx.by_token:
            for i in range(j + 1, min(k, j + 5)):
                if low[i] in VICTIMS:
                    return VICTIMS[low[i]]
            return None
    return None
