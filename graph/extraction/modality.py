"""Modality and negation of a trigger, with the hedges, speech and attribution cues that decide them.

:func:`detect_modality` reads the cue words between the clause start (or the agent) and the trigger (announced /
planned / considered / failed / reported, else completed) and the negators; the other helpers read cues elsewhere:
the predicate of a nominal event that is its clause's subject, a modal after it, calling off and ruling out,
"ahead of", purposes, causatives, time clauses. Speech and attribution (speech verbs, a speaker's place, a
spokesman's state, a parenthetical "the Kremlin said") live here too, because they decide whether a clause is
reported and who says it.
"""

from __future__ import annotations

import re

from dkg.extraction.context import AUX, BE_FORMS, PREPS, TRAILING_SPEECH, SentenceContext
from dkg.extraction.entities import Mention

SPEECH = {"say", "said", "says", "state", "stated", "declare", "declared", "tell", "told", "announce",
          "announced", "claim", "claimed", "insist", "insisted", "warn", "warned", "report", "reported", "add",
          "added", "confirm", "confirmed", "according"}  # fmt: skip
NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "refuse", "refused", "refuses", "decline", "declined",
            "declines", "deny", "denied", "denies", "without", "nobody", "refrain", "refrained", "refrains",
            "refraining"}  # fmt: skip
CUES: list[tuple[str, set[str]]] = [
    ("failed", {"fail", "failed", "fails", "unable", "unsuccessful", "unsuccessfully"}),
    ("considered", {"consider", "considered", "considering", "considers", "weigh", "weighing", "mull", "mulling",
                    "deciding", "decide", "may", "might", "could", "possible", "possibly", "explore", "exploring",
                    "contemplate", "contemplating", "mulls", "weighs", "whether", "perhaps", "potential"}),
    ("announced", {"announce", "announced", "announces", "announcing", "pledge", "pledged", "vow", "vowed",
                   "promise", "promised", "unveil", "unveiled"}),
    ("planned", {"plan", "plans", "planned", "planning", "will", "would", "intend", "intends", "intended",
                 "prepare", "prepares", "preparing", "scheduled", "set", "aim", "aims", "due", "expected",
                 "going", "'ll", "shall", "propose", "proposed", "seek", "seeks", "wants", "want", "threaten",
                 "threatened", "threatens", "threatening", "ready", "poised", "intention", "intentions"}),
    ("reported", {"reportedly", "reported", "allegedly", "according", "reports", "alleged", "said", "claimed",
                  "believed", "purportedly", "report", "estimates", "estimate"}),  # "the UN estimates that"
]  # fmt: skip


def ahead_of(low: list[str], lo: int, s: int) -> bool:
    """True after "ahead of", "in preparation for", "in anticipation of", "the prelude to" (a determiner and
    modifiers between)."""
    k = s - 1
    while k >= lo and k > s - 4 and low[k] in ("the", "a", "an", "any", "an", "expected", "planned", "ground",
                                               "new", "final", "major", "possible", "its", "their"):
        k -= 1
    return k - 1 >= lo and (low[k - 1], low[k]) in (("ahead", "of"), ("preparation", "for"), ("anticipation", "of"),
                                                    ("preparations", "for"), ("readiness", "for"),
                                                    ("prelude", "to"), ("precursor", "to"))


def speaker_place(low: list[str], lo: int, m: Mention, s: int) -> bool:
    """True for the place of a speaker: a speech verb (or "speaking") before it, "that" after it and before the
    trigger ("told a news conference in Ankara that ...", "Speaking in Geneva, X warned that ...")."""
    if not any(low[k] == "that" for k in range(m.end, s)):
        return False
    return any(low[k] in SPEECH or low[k] in SPEECH_VERBS_MORE for k in range(max(lo, m.start - 6), m.start))


SPEECH_VERBS_MORE = {"warned", "insisted", "stressed", "argued", "noted", "added", "explained", "reiterated",
                     "speaking", "spoke", "addressing", "briefing", "briefed"}  # fmt: skip


def cue_window(ctx: SentenceContext, lo: int, trig_start: int) -> list[str]:
    """The words that may carry modality and negation cues for a trigger ("no mention of" negates nothing)."""
    low = ctx.low
    return [low[k] for k in range(lo, trig_start)
            if not (low[k] in ("no", "not") and k + 1 < trig_start and low[k + 1] in MENTION_NOUNS)
            and not (low[k] == "no" and k + 1 < trig_start and low[k + 1] in ("vote", "votes"))]  # "the no votes"


PRESENT_BE = {"is", "are", "am"}


def present_progressive(low: list[str], s: int, lo: int) -> bool:
    """Whether the trigger at `s` is a present progressive verb ("is standing", "are moving swiftly")."""
    if not low[s].endswith("ing") or any(low[s] in cue_words for _name, cue_words in CUES):
        return False  # "is preparing a draft", "is considering": the verb's own cue decides
    k = s - 1
    while k >= lo and k > s - 3 and (low[k].endswith("ly") or low[k] in ("not", "n't")) and low[k] not in PRESENT_BE:
        k -= 1  # adverbs and negation between: "are swiftly moving", "is not backing"
    return k >= lo and low[k] in PRESENT_BE


# "are said to have withdrawn", "is believed to have fled", "were thought to be": a hedge, not a speech act
SAID_TO = re.compile(r"\b(?:is|are|was|were|been|being) (?:widely |also |now )?(?:said|thought|understood|believed|"
                     r"reported|rumoured|rumored|alleged|claimed|suspected) to\b")


def announced_as_done(words: list[str], cue: str) -> bool:
    """ "announced that X had / has done": the perfect after "that" reports a deed (not "vowed that X would")."""
    k = len(words) - 1 - words[::-1].index(cue)
    tail = words[k + 1 :]
    if "that" not in tail or cue.startswith(("vow", "pledg", "promis")):
        return False
    after = tail[tail.index("that") + 1 :]
    return any(w in ("had", "has", "have") for w in after) and not any(w in ("will", "would", "to") for w in after)


STOPPED_SHORT = re.compile(r"\b(?:stop|stops|stopped|stopping) short of$")


def detect_modality(words: list[str], etype: str, trigger_text: str) -> tuple[str, bool]:
    """Modality and negation from the words between clause start (or agent) and the trigger."""
    negated = any(w in NEGATORS for w in words)
    text = " ".join(words)
    if STOPPED_SHORT.search(text):
        negated = True  # "stopped short of condemning the strikes": the deed was not done
    if etype != "ResolutionFailed" and " to" in text and SAID_TO.search(text):
        return "reported", negated
    if etype == "ResolutionFailed":
        near = words[-3:]
        if any(w in ("may", "might", "could", "likely") for w in near):
            return "considered", negated  # "the draft could fail to win enough support"
        if any(w in ("will", "would", "expected", "'ll", "shall") for w in near):
            return "planned", negated
        return "completed", negated
    mod = "completed"
    if "proposed" in words:  # "vetoed a proposed tribunal, drawing a rebuke": an adjective of another noun
        words = [w for i, w in enumerate(words) if not (w == "proposed" and 0 < i < len(words) - 1
                                                        and words[i - 1] in ("a", "an", "the"))]  # fmt: skip
    for name, cues in CUES:
        hit = [w for w in words if w in cues]
        if not hit:
            continue
        if name == "planned" and hit == ["set"] and "set to" not in text:
            continue
        if name == "reported" and etype == "CasualtyReport" and not set(hit) <= {"said", "claimed"}:
            mod = "reported"
            break
        if name == "reported" and hit and all(h in ("said", "claimed") for h in hit):
            continue  # "X said Y did Z" keeps Z's own modality; speech is recorded as a Statement
        if name == "planned" and ("will" in hit or "would" in hit) and mod == "considered":
            continue
        if name == "announced" and announced_as_done(words, hit[-1]):
            continue  # "announced that its units had restored security": a report of a done deed, no pledge
        mod = name
        break
    if mod == "failed":
        negated = negated and not any(w in ("fail", "failed", "fails") for w in words)
    return mod, negated


MENTION_NOUNS = {"mention", "mentions", "mentioned", "reference", "references", "referring", "word"}

# the participle of "<event> was launched/announced by X" and the modality it gives
PARTICIPLE_MODALITY = {"announced": "announced", "unveiled": "announced", "planned": "planned",
                       "prepared": "planned"}  # fmt: skip
# "a push to retake", "an offensive to recapture", "trying to seize": the capture is the aim
PURPOSE_HEADS = {"push", "drive", "bid", "attempt", "attempts", "effort", "efforts", "offensive", "operation",
                 "campaign", "assault", "attack", "counteroffensive", "counterattack", "trying", "try", "tries",
                 "attempting", "seeking", "seek", "seeks", "fighting", "battle", "battling", "blitz"}  # fmt: skip
CANCEL_WORDS = {"cancel", "cancelled", "canceled", "cancels", "cancelling", "canceling", "scrap", "scrapped",
                "scraps", "shelve", "shelved", "shelves", "abort", "aborted", "aborts", "suspend", "suspended",
                "suspends", "suspending"}  # fmt: skip
POSTPONE_WORDS = {"postponed", "deferred", "delayed", "adjourned"}  # "the vote has been postponed"
PLAN_NOUNS = {"plan", "plans", "planned", "idea", "proposal"}
PLAN_HEADS = {"plan", "plans", "planned", "planning", "prepare", "prepares", "prepared", "preparing"}
# "a spokesman for the Turkish government said", "a statement from the Kremlin said"
SPEAKER_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokespeople", "official", "officials",
                 "source", "sources", "envoy", "ambassador", "representative", "aide", "aides", "adviser",
                 "advisor", "advisers", "diplomat", "diplomats", "statement", "communique", "communiqué",
                 "minister", "ministry", "office"}  # fmt: skip
# "officials in Ankara" speak for the state (diplomats or sources in a capital may be foreign)
OFFICIAL_NOUNS = {"official", "officials", "authorities", "spokesman", "spokeswoman", "spokesperson", "government"}

HEDGES = {"reportedly", "allegedly", "accused", "accuses", "accuse", "according", "alleged", "purportedly"}

DENY_WORDS = {"deny", "denied", "denies", "denying"}
CLAIM_NOUNS = {"reports", "report", "claims", "claim", "allegations", "accusations", "suggestions"}


def denied_that(words: list[str]) -> bool:
    """True when the words before a clause's subject deny it: "the Kremlin denied that (Russian jets had bombed
    ...)", "denied reports that (rebels had shelled ...)"; not "did not deny that"."""
    for i, w in enumerate(words):
        if i > 0 and words[i - 1] in ("not", "n't", "never"):
            continue
        rest = words[i + 1 :]
        if w in DENY_WORDS and "that" in rest[:3]:
            return True
        if w in DENY_WORDS and len(rest) >= 2 and rest[0] in CLAIM_NOUNS and rest[1] == "that":
            return True
    return False


IMPLY_WORDS = {"mean", "means", "meant", "imply", "implies", "implied", "indicate", "indicates", "signal", "signals"}


def not_implied(words: list[str]) -> bool:
    """True when the words before a clause's subject say it does not follow: "Egypt's vote did not mean (that)
    (Cairo had sided with Moscow)", "does not necessarily imply that ..."; the clause's subject comes right after."""
    for i, w in enumerate(words):
        if w in IMPLY_WORDS and i > 0 and (words[i - 1] in ("not", "n't", "never") or i > 1 and words[i - 1] in (
                "necessarily", "automatically") and words[i - 2] in ("not", "n't")):
            rest = words[i + 1 :]
            if rest[:1] == ["that"]:
                rest = rest[1:]
            return len(rest) <= 4  # the subject only: no other verb between
    return False


SPEECH_WITHHELD = {"say", "comment", "confirm", "disclose", "reveal", "specify", "tell"}


def in_undisclosed_question(ctx: SentenceContext, lo: int, s: int) -> bool:
    """True inside "declined to say whether ...", "would not confirm if ...": the question is not answered."""
    low = ctx.low
    for k in range(max(lo + 2, s - 12), s):
        if low[k] not in ("whether", "if"):
            continue
        v = k - 2 if low[k - 1] in ("on", "about") else k - 1  # "refused to comment on whether"
        if v >= lo and low[v] in SPEECH_WITHHELD and any(w in NEGATORS for w in low[max(lo, v - 4) : v]):
            return True
    return False


SUBJECT_FILLERS = {"the", "a", "an", "this", "its", "their", "his", "her", "-", "'s", "’s", "'", "’"}


def opens_clause(ctx: SentenceContext, lo: int, s: int) -> bool:
    """True if only a determiner, modifiers and mentions stand before a nominal trigger in its clause (the event
    is the subject: "An army offensive on Aleppo failed", "The Russian-backed offensive ...")."""
    doc, low = ctx.doc, ctx.low
    if s <= lo:
        return True
    for k in range(lo, s):
        w = low[k]
        if k in ctx.by_token or w in SUBJECT_FILLERS:
            continue
        if w in ("backed", "led") and k > lo and low[k - 1] == "-":
            continue
        if (
            doc[k].is_alpha
            and w not in PREPS
            and w not in AUX
            and w not in BE_FORMS
            and w not in SPEECH
            and not w.endswith("ed")
            and w not in ("and", "or", "that", "which", "who")
        ):
            continue
        return False
    return True


FAILED_PREDICATES = {"failed", "fails", "collapsed", "collapses", "fizzled", "floundered", "foundered", "stalled",
                     "stalls", "faltered", "falters"}  # fmt: skip
REPELLED = {"repelled", "repulsed", "thwarted", "foiled", "defeated", "beaten", "crushed"}
PLANNED_PREDICATES = {"expected", "planned", "scheduled", "due", "likely", "slated", "poised", "set", "imminent"}


def predicate_modality(ctx: SentenceContext, e: int, hi: int) -> str | None:
    """Modality given by the predicate of a nominal event that is its clause's subject: "... failed" (failed),
    "... was repelled" (failed), "... is expected within days" (planned), "... may begin" (considered)."""
    low = ctx.low
    for k in range(e, min(hi, e + 14)):
        w = low[k]
        if w == "and" and k - 1 in ctx.by_token and (k + 1 in ctx.by_token or low[k + 1] in ("the", "its")):
            continue  # "a meeting between Lavrov and Kerry was cancelled": names joined, not clauses
        if w in (",", ";", "and", "but", "that", "which", "who", "while", "when", "after", "as", "because"):
            return None
        if w in ("will", "would", "'ll", "shall"):
            return "planned"
        if w in ("may", "might", "could"):
            return "considered"
        if w in FAILED_PREDICATES:
            return "failed"
        if w in BE_FORMS or w in ("has", "have", "had"):
            nxt = [low[j] for j in range(k + 1, min(hi, k + 4))]
            if nxt and nxt[0] == "been":
                nxt = nxt[1:]
            if nxt and nxt[0] in PLANNED_PREDICATES:
                return "planned"
            if nxt and (nxt[0] in REPELLED or nxt[0] in FAILED_PREDICATES):
                return "failed"
            if nxt and nxt[0] in ("considered", "contemplated", "discussed"):
                return "considered"
            if len(nxt) > 1 and nxt[0] in ("a", "an") and nxt[1] in ("failure", "fiasco", "flop"):
                return "failed"  # "the offensive was a failure"
            if nxt and (nxt[0] in CANCEL_WORDS or nxt[0] in POSTPONE_WORDS or nxt[:2] in (["called", "off"],
                                                                                           ["put", "off"])):
                return "cancelled"  # "the meeting was cancelled / postponed": planned, and it did not happen
            return None
    return None


def cancelled(words: list[str]) -> bool:
    """Cue words that call an event off: "called off a planned attack", "scrapped", "abandoned plans for"."""
    if any(w in CANCEL_WORDS for w in words):
        return True
    if any(a in ("call", "called", "calls", "calling") and b == "off" for a, b in zip(words, words[1:], strict=False)):
        return True
    return any(w in ("abandoned", "dropped", "abandon", "drop") for w in words) and any(w in PLAN_NOUNS for w in words)


# words that must be in a cue window for "yet to", a cancellation or "ruled out" (a cheap test first)
WINDOW_CUES = frozenset({"yet", "off", "out", "abandoned", "dropped", "abandon", "drop", *CANCEL_WORDS})
BEGUN = {"began", "begun", "launched", "started", "mounted", "unleashed", "opened", "resumed"}
FUTURE_CUES = {"will", "would", "to", "'ll", "shall", "expected", "plans", "plan", "going", "due", "set", "may",
               "might", "could", "intends", "aims", "wants", "preparing", "prepares"}  # fmt: skip


def ruled_out(words: list[str]) -> bool:
    return any(a in ("rule", "ruled", "rules", "ruling") and b == "out" for a, b in zip(words, words[1:], strict=False))


def without_agreeing(low: list[str], lo: int, s: int) -> bool:
    """ "without agreeing", "without reaching an agreement/a deal": the talks failed to agree."""
    k = s - 1
    while k >= lo and k > s - 4 and low[k] in ("a", "an", "any", "the", "reaching", "striking", "clinching"):
        k -= 1
    return k >= lo and low[k] == "without"


ANNOUNCE_WORDS = {"announce", "announced", "announces", "unveiled", "declared"}


ALL_MEANS = re.compile(r"\b(?:every|all)(?: possible| available)? (?:avenues?|options?|means|possibilit(?:y|ies)|"
                       r"legal routes?|routes?)\b")


def announce_before(low: list[str], lo: int, s: int) -> bool:
    """True if a past verb of announcing stands before the trigger in its clause ("Moscow announced the ...")."""
    return any(low[k] in ANNOUNCE_WORDS and low[k] != "announce" for k in range(lo, s))


CAUSATIVES = {"allow", "allowed", "allows", "allowing", "let", "lets", "permit", "permitted", "help", "helped",
              "helps", "helping", "enable", "enabled", "enables", "urge", "urged", "urges", "ask", "asked", "asks",
              "want", "wants", "wanted", "force", "forced", "forces", "encourage", "encouraged", "persuade",
              "persuaded", "order", "ordered", "orders", "push", "pushed", "pressed", "press"}  # fmt: skip


def causative_before(ctx: SentenceContext, agent: Mention, lo: int, s: int) -> int | None:
    """The verb whose object the agent is, before "to <trigger>" or a bare infinitive after "help"/"let" ("would
    not allow the YPG to seize", "to help Syrian rebels drive IS out"), if any."""
    k = agent.start - 1
    if k >= lo and ctx.low[k] in ("the", "a", "an", "its", "their"):
        k -= 1
    if k < lo or ctx.low[k] not in CAUSATIVES or agent.end >= len(ctx.low):
        return None
    bare = agent.end == s and ctx.low[k] in ("help", "helped", "helps", "helping", "let", "lets")
    return k if ctx.low[agent.end] == "to" or bare else None


def pronoun_speaker(ctx: SentenceContext, lo: int, s: int) -> list[str]:
    """ "Abe said that he and the Russian President had agreed": "he" joined to an actor is the speaker before."""
    for k in range(lo, s - 1):
        if ctx.low[k] in ("he", "she") and ctx.low[k + 1] == "and":
            speaker = next((m for m in reversed(ctx.mentions) if m.end <= k and m.actor and getattr(
                ctx.lex.entries.get(m.actor), "kind", "") == "Person"), None)  # fmt: skip
            return list(speaker.actors) if speaker is not None else []
    return []


TIME_CLAUSE_WORDS = {"since", "after", "before", "when", "until", "as"}


def in_time_clause(low: list[str], lo: int, s: int) -> bool:
    """True for a nominal trigger inside a time clause ("since the offensive began", "after the strikes")."""
    return any(low[k] in TIME_CLAUSE_WORDS for k in range(max(lo, s - 3), s)) and low[s - 1] in ("the", "a", "an")


def purpose_head_before(low: list[str], lo: int, s: int) -> bool:
    """ "a push to retake", "an offensive on Sunday to drive IS out": an effort noun shortly before "to <verb>"."""
    for k in range(s - 2, max(lo, s - 6) - 1, -1):
        if low[k] in PURPOSE_HEADS:
            return True
        if low[k] in (",", ";", "and", "but", "which", "that", "who", "after", "before"):
            return False
    return False


def infinitive_gap(gap: list[str]) -> bool:
    """The words between "agreed" and a later trigger open its infinitive: "to", "to coordinate", "to share the"."""
    return bool(gap) and gap[0] == "to" and len(gap) <= 4 and not set(gap) & {",", ";", "and", "but", "which",
                                                                              "that", "who", "while"}


def speaker_of(ctx: SentenceContext, lo: int, s: int) -> Mention | None:
    """The actor a speaker speaks for: "a spokesman for the Turkish government", "a statement from the Kremlin"."""
    for m in reversed(ctx.mentions):
        if not (lo <= m.start and m.end <= s and (m.actors or m.place in ctx.lex.capital_of)) or m.backed:
            continue
        j = m.start - 1
        while j > lo and ctx.low[j] in ("the", "a", "an"):
            j -= 1
        if j > lo and ctx.low[j] in ("for", "of", "from") and ctx.low[j - 1] in SPEAKER_NOUNS and m.actors:
            return m
        if j > lo and ctx.low[j] == "in" and ctx.low[j - 1] in OFFICIAL_NOUNS and m.place in ctx.lex.capital_of:
            # "officials in Ankara said": the capital's state speaks
            return Mention(m.start, m.end, m.char_start, m.char_end, m.text, actor=ctx.lex.capital_of[m.place],
                           via="capital")
    return None


def speech_subject(low: list[str], s: int, lo: int) -> bool:
    """True if a nominal trigger opens the clause a speech verb reports ("said (that) the offensive ...")."""
    k = s - 1
    if k < lo or low[k] not in ("the", "a", "an"):
        return False
    k -= 1
    if k >= lo and low[k] == "that":
        k -= 1
    return k >= lo and low[k] in SPEECH and low[k] not in OBJECT_SPEECH


# speech verbs whose object is the event itself: "Moscow announced the withdrawal of its forces" (the announcer's)
OBJECT_SPEECH = {"announce", "announced", "confirm", "confirmed"}


def modal_after(ctx: SentenceContext, e: int, hi: int) -> str | None:
    """Modality of a modal verb after a nominal trigger that is its subject ("the offensive would continue")."""
    for k in range(e, min(hi, e + 6)):
        w = ctx.low[k]
        if w in ("will", "would", "'ll", "shall"):
            return "planned"
        if w in ("may", "might", "could"):
            return "considered"
        if w in (",", ";", "and", "but", "that", "which", "who") or w in BE_FORMS or w in ("has", "have", "had"):
            return None
    return None


def parenthetical_speaker(ctx: SentenceContext, m: Mention) -> bool:
    """True for the speaker of an attribution set off by commas (", the Kremlin said,")."""
    j = m.start - 1
    while j > ctx.sent.start and ctx.low[j] in ("the", "a", "an"):
        j -= 1
    if not (j >= ctx.sent.start and ctx.low[j] == "," and m.end < ctx.sent.end and ctx.low[m.end] in TRAILING_SPEECH):
        return False
    after = ctx.low[m.end + 1 : min(ctx.sent.end, m.end + 5)]  # "said," / "said on Sunday." (not "said that ...")
    return not after or any(w in (",", ".", ";") for w in after) and "that" not in after


# adjectives that place a nominal event in the future: "the coming assault", "the long-awaited offensive"
COMING_ADJECTIVES = {"coming", "upcoming", "impending", "looming", "awaited", "anticipated", "forthcoming", "imminent",
                     "promised", "planned", "expected", "mooted"}  # fmt: skip
START_VERBS = {"begins", "starts", "gets", "begin", "start", "kicks", "opens"}


def coming_event(low: list[str], lo: int, s: int) -> bool:
    """True for a nominal event told as still to come: a future adjective among the three words before it ("the
    coming assault", "a long-awaited offensive"), or "once/when/before the offensive (on X) begins"."""
    if any(low[k] in COMING_ADJECTIVES for k in range(max(lo, s - 3), s)):
        return True
    k = s - 1
    while k >= lo and k > s - 3 and low[k] in ("the", "a", "an", "its", "their", "ground", "army", "final", "new"):
        k -= 1
    if k < lo or low[k] not in ("once", "when", "before", "until") or k == s - 1:
        return False
    for j in range(s + 1, min(len(low), s + 6)):
        if low[j] in (".", ";", ",", "and", "but"):
            return False
        if low[j] in START_VERBS:
            return True
    return False


RELATIVE_PRONOUNS = {"which", "who", "whom", "whose"}


def relative_clause_cues(words: list[str]) -> list[str]:
    """The cue words of a trigger inside a relative clause set off by a comma are the clause's own: "Kiev has never
    accepted the loss of Crimea, which was annexed by Russia" (the annexation is not negated)."""
    for k in range(len(words) - 1, 0, -1):
        if words[k] == ",":
            return closed_relative_clauses_dropped(words)  # the relative clause (if any) closed before the trigger
        if words[k] in RELATIVE_PRONOUNS and words[k - 1] == ",":
            return words[k + 1:]
    return closed_relative_clauses_dropped(words)


def closed_relative_clauses_dropped(words: list[str]) -> list[str]:
    """The cue words without the relative clauses closed before the trigger: in "Kiev, which is not a party to the
    statute, asked the court" or "Rebels, who have never accepted the truce, shelled the city" the negation is the
    clause's own, not the main verb's."""
    if "," not in words:
        return words
    out: list[str] = []
    k = 0
    while k < len(words):
        if words[k] == "," and k + 1 < len(words) and words[k + 1] in RELATIVE_PRONOUNS:
            close = next((j for j in range(k + 2, len(words)) if words[j] == ","), None)
            if close is not None:
                k = close + 1  # the whole clause and both commas
                continue
        out.append(words[k])
        k += 1
    return out
