"""Trigger patterns: the (label, event type, patterns) table of every ontology event class and the matcher over it.

The patterns are spaCy ``Matcher`` token specs over ``token.norm_`` (the lower-cased lookup lemma); their word
lists are extended by the words' lookup lemmas. :func:`find_triggers` matches them with a first-token index (about
one dictionary look-up per token) and :func:`spacy_matcher` builds the same patterns into a spaCy ``Matcher``, the
reference implementation a test compares it with. The word lists that only the patterns use are kept here, next
to the table; a few of them (``PACKAGE_NOUNS``, ``TRANSPORT_LEMMAS``) are read by the rules too.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from dkg.extraction.pipeline import LEMMA_FIXES, TokenView, get_nlp, lemma_table
from spacy.matcher import Matcher
from spacy.tokens import Doc

EVENT_TYPES = (
    "Statement", "Referral", "Veto", "Vote", "VotePosition", "ResolutionDrafted", "ResolutionFailed",
    "ResolutionAdopted", "Agreement", "Meeting", "MilitaryOffensive", "AirStrike", "Shelling", "MilitaryMovement",
    "TerritorialControlChange", "CasualtyReport", "MilitaryBaseAnnouncement", "Opposition", "Condemnation",
    "AidCooperation", "Support",
)  # fmt: skip


def _w(*words: str) -> dict[str, Any]:
    """One token whose norm is one of `words`."""
    return {"NORM": {"IN": list(words)}}


HY: dict[str, Any] = {"ORTH": "-", "OP": "?"}
# what a draft does in a participle clause after it ("a draft demanding a truce", "a text urging ...") (norms)
DRAFT_GERUNDS = ("call", "calling", "demand", "demanding", "urge", "urging", "threaten", "threatening", "condemn",
                 "condemning", "impose", "imposing", "seek", "seeking", "propose", "proposing", "extend",
                 "extending", "authorise", "authorising", "authorize", "authorizing", "refer", "referring",
                 "require", "requiring", "ask", "asking")
DET: dict[str, Any] = {"NORM": {"IN": ["the", "a", "an", "its", "their", "his", "her", "this", "that"]}, "OP": "?"}
ADJ: dict[str, Any] = {"IS_ALPHA": True, "OP": "?", "NORM": {"NOT_IN": ["and", "to", "by", "of", "the"]}}
# how aid is counted: "tonnes of food", "10 million dollars in humanitarian aid", "ten planeloads of aid"
AID_QTY: dict[str, Any] = {"NORM": {"IN": [
    "tonnes", "tons", "tonne", "ton", "truckloads", "planeloads", "shiploads", "loads", "shipments", "boxes",
    "crates", "kits", "parcels", "packages", "consignments", "million", "billion", "thousand", "dollars", "euros",
    "pounds", "yen", "worth", "lot", "lots", "plenty", "kilograms", "kilos", "pallets", "containers", "trucks",
    "lorries", "planes", "flights", "ships", "convoys", "cargo", "bags", "sacks", "boatloads"]}}

CURRENCY: dict[str, Any] = {"ORTH": {"IN": ["$", "€", "£", "¥", "US$"]}, "OP": "?"}  # "$10 million in aid"

# (label, event type, patterns); label suffix after ':' says which token of the match is the trigger head.
PACKAGE_NOUNS = ("initiative", "package", "programme", "program", "plan", "fund", "appeal", "effort")
# "militiamen loyal to Damascus have been bussed into Aleppo": participles of transport (an armed subject)
TRANSPORTED = ("bussed", "bused", "trucked", "ferried", "airlifted", "flown", "shipped", "sent", "dispatched",
               "rushed", "transferred")
TRANSPORT_LEMMAS = {"bus", "bussed", "bused", "truck", "ferry", "airlift", "fly", "ship", "send", "dispatch", "rush",
                    "transfer", *TRANSPORTED}  # fmt: skip
# "its aircraft mistakenly struck", "warplanes deliberately targeted": adverbs between a carrier and its verb
STRIKE_ADVERBS = ["mistakenly", "accidentally", "wrongly", "deliberately", "apparently", "allegedly", "heavily",
                  "intensively", "relentlessly", "systematically", "then", "later", "first", "briefly", "twice"]
# a word of an of-phrase naming who flies the aircraft ("of the US-led coalition"): no clause break, no verb
OF_OWNER: dict[str, Any] = {"OP": "?", "ORTH": {"NOT_IN": [",", ".", ";", ":", "(", ")"]},
                            "NORM": {"NOT_IN": ["and", "which", "that", "who", "have", "has", "had"]}}  # fmt: skip
# what aircraft do in an air strike: "warplanes struck", "jets pounded"
STRIKE_VERBS = _w("strike", "struck", "hit", "pound", "pounded", "target", "targeted", "attack", "attacked")
# what a military base is for: "a military training base", "a forward operating base" (norms)
BASE_FUNCTIONS = ("training", "operating", "logistics", "logistic", "supply", "staging", "support", "drone",
                  "submarine", "missile", "radar", "refuelling", "refueling")  # fmt: skip
# "open a base", "set up a new base": verbs of setting a base up
SET_UP = _w("open", "opens", "opened", "opening", "build", "builds", "built", "building", "establish",
         "established", "establishing", "set", "sets", "setting", "station", "host", "hosts", "hosting")
# an adjective before "base" that is not already a base word ("a new base")
BASE_ADJECTIVE: dict[str, Any] = {"IS_ALPHA": True, "OP": "?", "NORM": {
    "NOT_IN": ["military", "air", "naval", "army", "permanent", "and", "to", "by", "of", "the"]}}
TRIGGERS: list[tuple[str, str, list[list[dict[str, Any]]]]] = [
    ("referral", "Referral", [
        [_w("refer", "referred", "referring", "refers"), {"OP": "?"}, {"OP": "?"}, _w("to", "before")],
        [_w("take", "took", "taken", "taking", "bring", "brought", "submit", "submitted", "submits", "submitting"),
         DET, _w("matter", "case", "situation", "file", "dispute"), _w("to", "before")],
        [_w("referral")],
        [_w("seek", "sought", "demand", "request", "call", "called"), {"NORM": "for", "OP": "?"}, DET,
         {"ORTH": {"IN": ["ICC", "ICJ"]}}, _w("investigation", "probe")],
        [_w("to"), _w("investigate", "probe", "examine")],
        [_w("to"), _w("open", "launch", "start", "begin", "conduct"), DET, ADJ,
         _w("investigation", "inquiry", "probe")],
        [_w("to"), _w("look"), _w("into")],
        [_w("to"), _w("rule"), _w("on")],
        [_w("case", "matter", "situation"), _w("be", "was", "were"), _w("brought", "taken", "referred"),
         _w("to", "before")],  # "asked the ICC to investigate" (checked below)
    ]),
    ("referral_to", "Referral", [
        # "sent to the ICC", "took the border dispute to the ICJ", "lodged a case with", "is preparing a case
        # against Moscow at the ICJ": a court must follow
        [_w("send", "sent", "sending", "hand", "handed", "handing", "lodge", "lodged", "lodging", "file", "filed",
            "filing", "take", "took", "taken", "taking", "bring", "brought", "bringing", "submit", "submitted",
            "submitting", "refer", "referred", "referring", "turn", "turned", "institute", "instituted", "instituting",
            "initiate", "initiated", "launch", "launched", "prepare", "prepares", "prepared", "preparing"),
         {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _w("to", "before", "with", "at")],
        # "take the bombing of eastern Aleppo to the ICC": a longer object
        [_w("take", "took", "taken", "taking"), DET, {"OP": "?"}, _w("of"), {"OP": "?"}, {"OP": "?"}, {"OP": "?"},
         _w("to", "before")],
    ]),
    ("referral_to", "Referral", [
        # "referred the situation in its northern regions to the ICC", "the situation in Darfur, Sudan, to the ICC":
        # a longer object after "refer"
        [_w("refer", "referred", "referring", "refers"), DET, _w("situation", "case", "file", "matter", "conflict"),
         _w("in", "of", "on"), *[{"ORTH": {"NOT_IN": [".", ";", "to"]}, "OP": "?"}] * 5, _w("to")],
    ]),
    ("referral_to", "Referral", [
        # "bring those responsible for war crimes in Aleppo before the ICC": a longer object before "before"
        [_w("bring", "brought", "bringing", "haul", "hauled", "drag", "dragged"), {"OP": "?"}, {"OP": "?"},
         {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _w("before")],
    ]),
    ("referral_bare", "Referral", [
        [_w("investigate", "probe", "examine")],  # "requested that the ICC investigate" (checked below)
    ]),
    ("veto", "Veto", [[_w("veto", "vetoed", "vetoes", "vetoing")]]),
    ("veto_negative", "Veto", [
        # the UN readout's formula: "owing to the negative vote of a permanent member"
        [_w("negative"), _w("vote", "votes"), _w("of", "by", "from"), _w("a", "one", "two", "the"),
         _w("permanent"), _w("member", "members")],
    ]),
    ("vote_count", "Vote", [
        [{"LIKE_NUM": True}, _w("of"), DET, {"LIKE_NUM": True}, {"NORM": {"IN": ["council", "security"]},
         "OP": "*"}, _w("member", "members", "state", "states", "country", "countries", "nation", "nations",
                        "votes")],  # "won 11 of the 15 votes" (checked below)
        [{"LIKE_NUM": True}, _w("of"), DET, _w("council", "assembly"), {"ORTH": {"IN": ["'s", "’s"]}},
         {"LIKE_NUM": True}, _w("member", "members", "state", "states")],  # "Eleven of the council's 15 members"
        [{"LIKE_NUM": True}, _w("vote", "votes"), _w("to", "against"), {"LIKE_NUM": True}],
        [{"LIKE_NUM": True}, _w("vote", "votes"), _w("to"), _w("none", "nil")],  # "by 14 votes to none"
        [_w("vote", "voted"), {"LIKE_NUM": True}, _w("to", "against"), {"LIKE_NUM": True}],
        [_w("vote", "voted"), _w("down"), {"LIKE_NUM": True}, _w("to", "against"), {"LIKE_NUM": True}],
        [_w("vote", "votes"), _w("of"), {"LIKE_NUM": True}, {"ORTH": {"IN": ["-", "–", "to"]}}, {"LIKE_NUM": True}],
        [{"LIKE_NUM": True}, {"NORM": {"IN": ["council", "security", "other"]}, "OP": "*"},
         _w("member", "members", "state", "states", "country", "countries", "nation", "nations"),
         {"NORM": {"IN": ["have", "had", "then", "also", "only"]}, "OP": "?"}, _w("voted", "vote"),
         _w("for", "against", "in")],
        [{"LIKE_NUM": True}, {"NORM": {"IN": ["council", "security", "other"]}, "OP": "*"},
         _w("member", "members", "state", "states", "country", "countries", "nation", "nations"),
         _w("abstained", "abstain")],
    ]),
    ("vote_tally", "Vote", [
        # the parts of a tally: "four voted against it", "9 votes in favour, 3 against and 3 abstentions"
        [{"LIKE_NUM": True}, _w("voted"), _w("for", "against", "in")],
        [{"LIKE_NUM": True}, _w("vote", "votes"), _w("in"), _w("favour", "favor")],
        [{"LIKE_NUM": True}, _w("in"), _w("favour", "favor")],  # "the vote was 11 in favour, two against"
        [{"LIKE_NUM": True}, _w("against")],
        [{"LIKE_NUM": True}, _w("abstention", "abstentions")],
        [{"LIKE_NUM": True}, _w("abstaining", "abstained")],  # "with two voting against and two abstaining"
        [{"LIKE_NUM": True}, _w("opposed")],  # "nine backed the text, four opposed it"
        [{"LIKE_NUM": True}, {"NORM": {"IN": ["council", "security", "other"]}, "OP": "*"},
         _w("member", "members", "country", "countries", "nation", "nations"),
         {"NORM": {"IN": ["have", "had", "then", "also", "only"]}, "OP": "?"},
         _w("supported", "backed", "favoured", "favored", "opposed")],
    ]),
    ("vote_won", "Vote", [
        # "the draft secured only five votes", "won just four votes": the votes in favour
        [_w("won", "win", "wins", "secured", "secure", "received", "receive", "got", "garnered", "drew", "attracted",
            "mustered", "obtained"), {"NORM": {"IN": ["only", "just", "a", "mere"]}, "OP": "?"},
         {"NORM": {"IN": ["mere"]}, "OP": "?"}, {"LIKE_NUM": True}, _w("votes", "vote")],
        # "winning the backing of just four council members", "won the support of 12 members"
        [_w("won", "win", "wins", "winning", "secured", "securing", "gained", "gaining", "drew", "drawing"), DET,
         _w("backing", "support"), _w("of"), {"NORM": {"IN": ["only", "just", "a", "mere"]}, "OP": "?"},
         {"LIKE_NUM": True}],
    ]),
    ("vote_event", "Vote", [
        [_w("vote", "votes", "voted", "voting"), _w("on")],
        # "is expected to vote later this month on a text", "will vote again next week on"
        [_w("vote", "votes", "voted", "voting"), {"NORM": {"IN": ["later", "next", "this", "month", "week", "again",
                                                                  "soon", "shortly", "early", "today", "tomorrow"]},
                                                  "OP": "*"}, _w("on")],
        # "the General Assembly voted overwhelmingly in favour of the resolution" (a forum votes: checked below)
        [_w("voted", "votes", "vote"), {"NORM": {"IN": ["overwhelmingly", "unanimously", "narrowly"]}, "OP": "?"},
         _w("in"), _w("favour", "favor")],
        [_w("voted", "votes", "vote"), _w("unanimously")],
        [_w("unanimously"), _w("voted", "votes", "vote")],  # "the council unanimously voted to extend"
        # "are due to vote before the end of the month", "will vote by Friday", "expected to vote within days"
        [_w("vote", "votes", "voting"), _w("before", "by", "within", "at"), DET,
         {"NORM": {"IN": ["next", "coming", "two", "three", "few"]}, "OP": "?"},
         _w("end", "weekend", "days", "week", "month", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday")],
    ]),
    ("vote_all", "Vote", [
        # "All fifteen members of the Security Council voted to ...": a unanimous vote (a verb of voting follows)
        [_w("all"), {"LIKE_NUM": True}, {"NORM": {"IN": ["council", "security", "assembly"]}, "OP": "*"},
         _w("members", "member")],
    ]),
    ("vote_paren", "VotePosition", [
        # "2 against (Russian Federation, Venezuela), with 2 abstentions (Angola, China)" (a count before: checked)
        [_w("against", "opposed", "favour", "favor", "abstention", "abstentions", "abstaining"), {"ORTH": "("}],
    ]),
    ("vote_backed", "VotePosition", [
        # "Japan and Ukraine backed the French text", "Egypt supported the Russian draft" (a draft named by its
        # sponsor or a sentence about a vote: checked below)
        [_w("backed", "supported", "opposed"), DET, ADJ, _w("text", "draft", "drafts", "texts")],
    ]),
    ("vote_pos_and", "VotePosition", [
        # "voted for the French draft and against the Russian one": a second position of the same voters
        [_w("and", "but"), _w("against", "for"), DET, ADJ, HY, ADJ, _w("one", "draft", "text", "resolution")],
    ]),
    ("vote_pos", "VotePosition", [
        [_w("abstain", "abstained", "abstaining", "abstention")],
        [_w("vote", "voted", "voting"), _w("against", "for", "in", "yes", "no")],
        # "signalling that they will vote it down" (a member votes a draft down: against it)
        [_w("vote", "voted", "voting"), _w("it", "them", "this"), _w("down")],
        # "while Angola sat on the fence": an abstention (a vote in the sentence or the article: checked below)
        [_w("sat", "sit", "sits", "sitting", "stayed", "stay", "stays", "remained", "remain"), _w("on"), _w("the"),
         _w("fence")],
    ]),
    ("drafted", "ResolutionDrafted", [
        [_w("draft", "drafted", "circulate", "circulated", "table", "tabled", "submit", "submitted", "sponsor",
            "sponsored", "introduce", "introduced", "propose", "proposed", "prepare", "preparing", "write",
            "wrote", "present", "presented", "presenting", "unveil", "unveiled", "float", "floated"), DET, ADJ, ADJ,
         _w("resolution", "text", "draft")],
        [_w("resolution", "draft", "text"), _w("draft", "drafted", "sponsored", "proposed", "tabled",
                                               "submitted", "written", "put", "prepared", "authored", "presented",
                                               "circulated", "introduced", "penned", "crafted")],
        [_w("put", "putting"), _w("forward"), DET, ADJ, _w("resolution", "draft", "text")],
        [_w("resolution", "draft", "text"), {"ORTH": ","}, _w("written", "drafted", "sponsored", "proposed",
                                                              "tabled", "prepared", "submitted", "authored",
                                                              "penned", "crafted", "formulated")],
        # "the text, co-sponsored by Egypt, Japan and Uruguay"
        [_w("resolution", "draft", "text"), {"ORTH": ","}, _w("co"), {"ORTH": "-"},
         _w("sponsored", "drafted", "written", "authored")],
        [_w("resolution", "draft", "text"), {"ORTH": ","}, _w("cosponsored", "co-sponsored")],
        # "the draft, drawn up by Britain,", "the resolution, which was drafted by France,"
        [_w("resolution", "draft", "text"), {"ORTH": ","}, _w("drawn"), _w("up")],
        [_w("resolution", "draft", "text", "proposal"), {"ORTH": ",", "OP": "?"}, _w("put"), _w("forward")],
        [_w("resolution", "draft", "text"), {"ORTH": ","}, _w("which", "that"), _w("was", "is", "had", "has"),
         {"NORM": {"IN": ["been"]}, "OP": "?"}, _w("drafted", "written", "sponsored", "proposed", "tabled",
                                                  "submitted", "prepared", "circulated", "drawn")],
        # "The text was sponsored by France", "the draft had been tabled by Egypt": the passive names the drafter
        [_w("resolution", "draft", "text"), _w("was", "is", "were", "had", "has"),
         {"NORM": {"IN": ["been"]}, "OP": "?"},
         _w("drafted", "written", "sponsored", "tabled", "submitted", "prepared", "circulated", "authored",
            "penned")],
        [_w("draw", "drew", "drawn", "drawing"), _w("up"), DET, ADJ, ADJ, _w("resolution", "text", "draft")],
        [_w("resolution", "draft", "text", "proposal"), _w("drawn"), _w("up")],  # "A text drawn up by X"
        # "a French-drafted call for a ceasefire", "the Russian-sponsored proposal" (a hyphen before: checked below)
        [_w("drafted", "sponsored"), _w("call", "proposal", "measure", "motion", "plan", "attempt", "bid",
                                        "initiative", "appeal", "compromise", "counterproposal")],
        # "a French-drafted attempt to refer ...", "the Egyptian-drafted compromise"
    ]),
    ("drafted_rel", "ResolutionDrafted", [
        # "the counter-draft that Churkin, Russia's ambassador, circulated": the drafter inside a relative clause
        [_w("resolution", "draft", "text"), _w("that", "which"), *[{"ORTH": {"NOT_IN": [".", ";"]}, "OP": "?"}] * 7,
         _w("circulated", "tabled", "drafted", "submitted", "sponsored", "presented", "introduced", "authored",
            "proposed")],
    ]),
    ("failed", "ResolutionFailed", [
        [_w("resolution", "draft", "text", "proposal", "motion", "measure"), {"OP": "?"},
         _w("fail", "failed", "fails")],
        [_w("resolution", "draft", "text", "proposal", "motion", "measure"), _w("be", "was", "were"),
         _w("reject", "rejected", "defeat", "defeated", "voted", "block", "blocked", "beaten", "outvoted")],
        # "the proposal was not approved": a draft that was not adopted failed (the council "did not adopt" it
        # is a negated adoption)
        [_w("resolution", "draft", "text", "proposal", "motion", "measure"), _w("be", "was", "were"), _w("not"),
         _w("adopted", "approved", "passed", "accepted", "endorsed")],
        # "The draft (document S/2016/846) was not adopted": a bracketed reference between
        [_w("resolution", "draft", "text", "proposal", "motion", "measure"), {"ORTH": "("},
         *[{"ORTH": {"NOT_IN": [")", ".", ";"]}, "OP": "?"}] * 4, {"ORTH": ")"}, _w("be", "was", "were"), _w("not"),
         _w("adopted", "approved", "passed", "accepted", "endorsed")],
        [_w("fail", "failed", "fails"), _w("to"), _w("pass", "win", "secure", "gain", "get", "receive", "muster",
                                                      "garner", "attract", "obtain", "command")],
        [_w("fell", "fall", "falls"), {"OP": "?"}, {"OP": "?"}, _w("short")],
        # "the French draft fell to a Russian veto"
        [_w("resolution", "draft", "text", "proposal", "motion", "measure"), _w("fell", "falls"), _w("to"), DET, ADJ,
         _w("veto")],
        # "one short of the nine needed", "two votes short of a majority"
        [{"LIKE_NUM": True}, {"NORM": {"IN": ["vote", "votes"]}, "OP": "?"}, _w("short"), _w("of")],
        # "mustered four votes, well short of the nine needed for adoption"
        [_w("short"), _w("of"), DET, {"LIKE_NUM": True}, {"NORM": {"IN": ["vote", "votes"]}, "OP": "?"},
         _w("needed", "required", "necessary")],
        # "the draft was likely to fail", "the text is expected to fail"
        [_w("resolution", "draft", "text", "proposal", "motion", "measure"), _w("be", "was", "were", "is", "are"),
         _w("likely", "expected", "set", "bound", "certain", "poised", "sure", "unlikely"), _w("to"),
         _w("fail", "pass")],
        [_w("did", "does"), _w("not"), _w("pass")],
        [_w("did", "does"), _w("not"), _w("win", "get", "secure", "gain", "obtain", "receive", "muster", "garner",
                                          "attract", "command"),
         _w("approval", "adoption", "enough", "the", "a", "sufficient", "majority")],
        [_w("vote", "voted", "votes", "voting"), _w("down")],
        [_w("lose", "lost", "loses", "losing"), DET, _w("vote", "votes", "ballot")],
        [_w("turn", "turned", "turns"), _w("down")],  # "the proposal was turned down" (not "Russia turned down")
        # "the rival text was shot down", "striking down Western-backed drafts" (a draft next to the verb)
        [_w("resolution", "draft", "text", "proposal", "motion", "measure"), _w("be", "was", "were"),
         _w("shot", "shoot", "struck", "strike", "knocked", "knock"), _w("down")],
        [_w("shot", "shoot", "shooting", "struck", "strike", "striking", "knocked", "knock", "knocking"), _w("down"),
         DET, {"LIKE_NUM": True, "OP": "?"}, ADJ, HY, ADJ, ADJ, _w("resolution", "draft", "text", "proposal")],
        # "... but the text fell." (the clause ends with the verb)
        [_w("resolution", "draft", "text", "proposal", "motion", "measure"), _w("fell", "fall"),
         {"ORTH": {"IN": [".", ";", ",", ":"]}}],
        # "a draft threatening Damascus with sanctions was blocked", "Egypt's text calling for a truce in Aleppo
        # was not adopted": a participle clause between the draft and its failure
        [_w("resolution", "draft", "text", "proposal", "motion"), _w(*DRAFT_GERUNDS),
         *[{"ORTH": {"NOT_IN": [".", ",", ";", ":", "that", "which", "and", "but"]}, "OP": "?"}] * 6,
         _w("be", "was", "were"), {"NORM": {"IN": ["not"]}, "OP": "?"},
         _w("rejected", "reject", "defeated", "defeat", "blocked", "block", "vetoed", "veto", "outvoted", "adopted",
            "approved", "passed")],
        # "the French-drafted resolution that Russia vetoed on Saturday": the draft vetoed in a relative clause
        [_w("resolution", "draft", "text", "proposal"), _w("that", "which"),
         *[{"ORTH": {"NOT_IN": [".", ",", ";", ":", "and", "but", "not", "would", "will"]}, "OP": "?"}] * 3,
         _w("vetoed", "veto", "blocked", "block", "defeated", "defeat")],
    ]),
    ("failed_doomed", "ResolutionFailed", [
        # "The Egyptian compromise text appears doomed", "the draft looks certain to fail" (considered)
        [_w("resolution", "draft", "text", "proposal", "motion", "measure"), _w("appears", "appear", "seems", "seem",
                                                                                "looks", "look", "is", "was"),
         {"NORM": {"IN": ["all", "almost", "likely", "probably", "certainly"]}, "OP": "?"}, _w("doomed")],
    ]),
    ("failed_blocked", "ResolutionFailed", [
        # "used its veto ..., blocking a French-drafted call for a ceasefire" (a veto in the sentence: checked below)
        [_w("block", "blocked", "blocking", "blocks", "kill", "killed", "killing", "sink", "sank", "sinking",
            "torpedo", "torpedoed", "torpedoing"), DET, ADJ, HY, ADJ, ADJ,
         _w("resolution", "draft", "text", "proposal", "call", "measure", "motion")],
    ]),
    ("failed_late", "ResolutionFailed", [
        # "A French-drafted resolution calling for a ceasefire in Aleppo failed on Saturday" (checked below)
        [_w("failed", "collapsed")],
    ]),
    ("adopted", "ResolutionAdopted", [
        [_w("adopt", "adopted", "adopts", "pass", "passed", "approve", "approved", "endorse", "endorsed"), DET,
         ADJ, ADJ, _w("resolution", "text", "draft")],
        [_w("resolution", "text", "draft", "measure", "proposal", "motion"), _w("be", "was", "were"), {"OP": "?"},
         _w("adopt", "adopted", "passed", "approved", "endorsed")],
        [_w("resolution", "text", "draft", "measure", "proposal", "motion"), _w("passed")],  # "the motion passed"
        # "Resolution 2268, passed in February, endorsed ..."
        [_w("resolution"), {"LIKE_NUM": True}, {"ORTH": ",", "OP": "?"}, _w("passed", "adopted", "approved")],
    ]),
    ("adopted_by", "ResolutionAdopted", [
        # "A resolution on the siege of Aleppo was approved by the Human Rights Council" (a draft before, a forum
        # after: checked below)
        [_w("adopted", "passed", "approved", "endorsed"), _w("by")],
    ]),
    ("agree", "Agreement", [
        [_w("agree", "agreed", "agreeing", "agrees")],
        [_w("agreement", "accord", "deal", "pact", "treaty", "memorandum")],
        # "failed to bridge their differences", "narrowed the gap over Syria"
        [_w("bridge", "bridged", "bridging", "narrow", "narrowed", "narrowing", "resolve", "resolved", "settle",
            "settled", "overcome", "iron", "ironed"), {"NORM": {"IN": ["out"]}, "OP": "?"},
         {"NORM": {"IN": ["their", "the", "its", "his", "her"]}}, ADJ,
         _w("differences", "gap", "gaps", "rift", "divide", "disagreements")],
    ]),
    ("agree_brokered", "Agreement", [
        # "the cessation of hostilities brokered by Moscow and Washington" (a by-phrase names the parties)
        [_w("ceasefire", "truce", "hostilities", "deal", "agreement", "accord", "pact", "arrangement"),
         {"ORTH": ",", "OP": "?"}, _w("brokered", "negotiated", "mediated", "agreed", "signed", "struck"), _w("by")],
    ]),
    ("meet", "Meeting", [
        [_w("meet", "met", "meeting", "meets", "summit", "talks", "visit", "visited", "host", "hosted", "received",
            "receives", "welcomed", "welcomes")],
        [_w("sit", "sat", "sits", "sitting"), _w("down"), _w("with")],  # "sat down with his Russian counterpart"
        # a call is a meeting at a distance: "spoke by telephone", "in a phone call with", "held phone talks"
        [_w("spoke", "speak", "speaks", "talked", "talk", "conferred"), _w("by", "over", "on"), DET,
         _w("telephone", "phone", "videoconference", "video")],
        [_w("telephone", "phone", "video"), _w("call", "calls", "conversation", "conversations", "talks")],
    ]),
    ("meet_see", "Meeting", [
        [_w("to"), _w("see")],  # "went on to Washington to see John Kerry" (a person must follow: checked below)
        [_w("phoned", "telephoned", "phones", "telephones", "rang")],  # "Ayrault phoned Lavrov on Saturday"
    ]),
    ("offensive", "MilitaryOffensive", [
        [_w("offensive", "assault", "onslaught", "incursion", "invasion", "ground operation", "counterattack",
            "counteroffensive", "counterattacks", "counteroffensives")],
        [_w("attack", "attacked", "attacking", "attacks", "storm", "stormed", "ambush", "ambushed", "ambushes",
            "ambushing")],
        # "launched an operation against", "began a military campaign in", "began a push to retake"
        [_w("launch", "launched", "launching", "begin", "began", "begun", "start", "started", "mount", "mounted",
            "plan", "planned", "planning", "plans", "prepare", "prepared", "preparing", "prepares"),
         DET, ADJ, HY, ADJ, ADJ, _w("operation", "campaign", "push", "drive", "blitz")],
        # "carried out a cross-border operation", "is waging a campaign against"
        [_w("carry", "carried", "carrying", "conduct", "conducted", "conducting", "undertake", "undertook",
            "undertaken", "wage", "waged", "waging"), {"NORM": "out", "OP": "?"}, DET, ADJ, HY, ADJ, ADJ,
         _w("operation", "campaign", "offensive")],
        [_w("open", "opened", "opening", "opens"), DET, ADJ, _w("front")],  # "opened a new front against"
    ]),
    ("battle_for", "MilitaryOffensive", [
        # "the coming battle for Raqqa", "before the battle for Mosul begins" (a place right after: checked below)
        [_w("battle", "fight"), _w("for")],
    ]),
    ("offensive_noun", "MilitaryOffensive", [
        # "repelled an army advance", "halted the government push" (a verb of repelling before: checked below),
        # "the government's push against the rebels", "a drive against Islamic State"
        [_w("advance", "advances", "push", "thrust")],
        [_w("push", "drive", "thrust", "drives", "pushes"), _w("against")],
    ]),
    ("campaign", "MilitaryOffensive", [
        # "criticise the Russian campaign", "Russia's military campaign in Syria" (a state's demonym or possessive
        # right before, or "military/bombing/air" between: checked below)
        [_w("campaign", "campaigns", "intervention")],
    ]),
    ("led_campaign", "MilitaryOffensive", [
        # "the Saudi-led campaign in Yemen" (a hyphen and the leader before: checked below)
        [_w("led"), {"NORM": {"IN": ["military", "air", "ground", "bombing"]}, "OP": "?"},
         _w("campaign", "operation", "offensive", "intervention", "assault", "invasion")],
    ]),
    ("airstrike", "AirStrike", [
        [_w("air", "aerial"), HY, _w("strike", "strikes", "raid", "raids", "bombing", "bombardment", "attack",
                                    "attacks", "campaign", "offensive")],
        [_w("airstrike", "airstrikes", "bombing", "bombardment", "bomb", "bombed", "bombs", "bombarded",
            "bombard")],
        [_w("warplane", "warplanes", "jet", "jets", "bomber", "bombers", "aircraft", "drone", "drones"),
         {"NORM": {"IN": ["had", "have", "has", "did", "do", "does"]}, "OP": "?"},
         {"NORM": {"IN": ["not", "never", "n't", "also", "again", "repeatedly", "reportedly", *STRIKE_ADVERBS]},
          "OP": "?"},
         STRIKE_VERBS],
        [_w("drone"), _w("strike", "strikes", "attack", "attacks")],
        # "Aircraft of the US-led coalition struck oil wells": the carrier's owner in an of-phrase between
        [_w("warplanes", "jets", "bombers", "aircraft", "drones"), _w("of"), DET, *[OF_OWNER] * 4,
         STRIKE_VERBS],
        [_w("warplane", "warplanes", "jet", "jets", "bomber", "bombers", "aircraft", "helicopters", "drones"),
         {"NORM": {"IN": ["had", "have", "has", "did", "do", "does"]}, "OP": "?"},
         {"NORM": {"IN": ["not", "never", "n't", "also", "again", "reportedly"]}, "OP": "?"},
         _w("carry", "carried", "conduct", "conducted", "launch", "launched", "stage", "staged", "fly", "flew",
            "flown"), {"OP": "?"},
         # "carried out at least 40 raids", "flew more than 100 sorties"
         {"NORM": {"IN": ["at", "more", "over", "nearly", "almost", "about", "some", "around", "up"]}, "OP": "?"},
         {"NORM": {"IN": ["least", "than", "to"]}, "OP": "?"}, {"LIKE_NUM": True, "OP": "?"},
         {"NORM": {"IN": ["any", "no", "new", "more", "further", "fresh", "dozens",
                          "scores", "hundreds", "several", "numerous"]}, "OP": "?"},
         {"NORM": {"IN": ["of"]}, "OP": "?"},  # "carried out dozens of raids on eastern Aleppo"
         _w("raid", "raids", "strike", "strikes", "sorties", "attack", "attacks")],
    ]),
    ("strike_believed", "AirStrike", [
        # "Warplanes believed to be Russian pounded ...": a hedged carrier (the demonym names the attacker)
        [_w("warplanes", "jets", "aircraft", "bombers", "helicopters", "drones", "planes"),
         _w("believed", "thought", "suspected", "presumed", "said", "reported"), _w("to"), _w("be"),
         {"OP": "?"}, {"OP": "?"},
         _w("pounded", "hit", "struck", "bombed", "targeted", "attacked", "raided", "strafed", "bombarded")],
    ]),
    ("hit_by", "AirStrike", [
        # "Aleppo was pounded by Russian warplanes" (the carrier names the attacker: checked below)
        [_w("pounded", "hit", "struck", "targeted", "attacked", "bombarded", "raided", "bombed", "strafed"),
         _w("by"), DET, {"OP": "?"}, {"OP": "?"},
         _w("warplanes", "jets", "aircraft", "bombers", "helicopters", "drones", "planes", "gunships")],
    ]),
    ("hit_by", "Shelling", [
        # "the district was pounded by government artillery"
        [_w("pounded", "hit", "struck", "targeted", "attacked", "bombarded", "shelled"), _w("by"), DET,
         {"OP": "?"}, {"OP": "?"}, _w("artillery", "tanks", "mortars", "rockets", "guns", "howitzers", "shells")],
    ]),
    ("shelling", "Shelling", [
        [_w("shelling", "shell", "shelled", "shells")],
        [_w("artillery", "mortar", "rocket", "tank"), _w("fire", "barrage", "attack", "attacks", "strike")],
        [_w("mortar", "mortars", "rocket", "rockets", "artillery"),
         {"NORM": {"IN": ["round", "rounds", "shell", "shells", "fire", "bomb", "bombs"]}, "OP": "?"},
         _w("hit", "struck", "land", "landed", "slammed", "rained", "fell", "crashed", "smashed", "exploded")],
        # "Insurgent rockets and mortar bombs crashed into ...": coordinated munitions before the verb of impact
        [_w("rockets", "mortars", "shells", "rounds"), _w("and"), {"OP": "?"}, {"OP": "?"},
         _w("hit", "struck", "land", "landed", "slammed", "rained", "fell", "crashed", "smashed", "exploded")],
        [_w("howitzer", "howitzers")],
        [_w("fire", "fired", "firing", "lob", "lobbed", "launch", "launched"), {"IS_ALPHA": True, "OP": "?"},
         _w("artillery", "mortar", "mortars", "shell", "shells", "rocket", "rockets")],
        # "did not fire a single round at", "fired dozens of rounds into"
        [_w("fire", "fired", "firing"), {"IS_ALPHA": True, "OP": "?"}, {"IS_ALPHA": True, "OP": "?"},
         {"NORM": {"IN": ["of"]}, "OP": "?"}, _w("round", "rounds", "salvo", "salvoes", "salvos", "volley", "volleys")],
        [_w("rocket", "rockets", "shell", "shells", "mortar", "mortars"), _w("be", "was", "were", "been"),
         _w("fired", "launched", "lobbed")],  # "rockets were fired at Damascus"
        [_w("rockets", "shells", "mortars", "rounds"), _w("fired", "launched", "lobbed"),
         _w("from", "at", "into")],  # "rockets fired from rebel areas struck western Aleppo"
        [_w("with"), _w("artillery", "mortars", "mortar", "shells", "howitzers")],
        [_w("artillery", "tanks", "tank", "guns", "howitzers", "mortars", "gunboats"),
         _w("pound", "pounded", "hit", "fire", "fired", "shell", "shelled", "struck", "strike", "target", "targeted",
            "bombard", "bombarded")],
    ]),
    ("move", "MilitaryMovement", [
        [_w("move", "moved", "moving", "moves", "head", "headed", "heading", "march", "marched", "advance",
            "advanced", "advancing", "push", "pushing", "cross", "crossed", "crossing", "roll", "rolled", "rolling",
            "pour", "poured", "pouring"), {"IS_ALPHA": True, "OP": "?"},
         _w("towards", "toward", "west", "east", "north", "south", "westward", "eastward", "northward",
            "southward", "into")],
        [_w("deploy", "deployed", "deploying", "deployment", "redeploy", "redeployed", "withdraw", "withdrew",
            "withdrawn", "withdrawal", "withdrawing", "retreat", "retreated", "retreating")],
        [_w("pull", "pulled", "pulling"), _w("out", "back")],
        # "Hezbollah has pulled hundreds of fighters out of Aleppo"
        [_w("pull", "pulled", "pulling"), {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _w("out", "back"), _w("of", "from")],
        # "US special forces have been sent to northern Syria", "troops were flown into"
        [_w("troops", "forces", "soldiers", "reinforcements", "marines", "paratroopers", "units", "advisers",
            "commandos", "warships", "jets", "warplanes", "fighters", "militiamen"),
         {"NORM": {"IN": ["have", "has", "had", "were", "was", "are", "is", "will", "be", "been", "being"]},
          "OP": "*"},
         _w("sent", "dispatched", "flown", "rushed", "shipped", "airlifted", "transferred", "moved"),
         _w("to", "into", "towards")],
        # "militiamen loyal to Damascus have been bussed into southern Aleppo" (an armed subject: checked below)
        [_w(*TRANSPORTED), _w("to", "into", "towards", "toward", "in")],
        # "militiamen have been brought up to the edge of Aleppo", "reinforcements were rushed in"
        [_w("bring", "brought", "bringing", "rush", "rushed", "rushing", "ferry", "ferried"), _w("up", "in"),
         _w("to", "towards", "toward", "from", "near", "around")],

        [_w("troops", "forces", "soldiers", "fighters", "reinforcements", "units", "marines", "paratroopers"),
         _w("arrive", "arrived", "arriving", "arrives")],
        # "troops were massing on the outskirts of Aleppo" (intransitive: a place word follows)
        [_w("mass", "massed", "massing", "amass", "amassed", "amassing"),
         _w("on", "near", "around", "outside", "along", "at", "in", "close", "south", "north", "east", "west")],
        # "the carrier will sail for the eastern Mediterranean", "tanks rolled across the frontier"
        [_w("sail", "sailed", "sailing", "sails", "steam", "steamed", "steaming"), _w("for", "to", "towards", "toward",
                                                                                    "into")],
        [_w("roll", "rolled", "rolling", "rolls", "drive", "drove", "driving", "pour", "poured", "pouring"),
         _w("across")],
        # "troops moved on Thursday towards the old city" (a weekday between the verb and its direction)
        [_w("move", "moved", "moving", "moves", "head", "headed", "heading", "march", "marched", "advance",
            "advanced", "advancing"), _w("on", "late", "early"),
         _w("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
         _w("towards", "toward", "into")],
        # "it had moved nuclear-capable Iskander missiles to Kaliningrad": weapons moved somewhere
        [_w("move", "moved", "moving", "moves", "transfer", "transferred", "transferring", "relocate", "relocated",
            "ship", "shipped", "send", "sent"),
         {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"},
         _w("missiles", "missile", "warships", "jets", "warplanes", "bombers", "tanks", "artillery", "batteries",
            "launchers", "submarines", "systems", "weapons", "troops", "forces", "soldiers", "reinforcements",
            "units", "armour", "armor", "division", "divisions", "battalions", "brigades", "vehicles"),
         _w("to", "into", "towards")],
        [_w("evacuate", "evacuated", "abandon", "abandoned", "vacate", "vacated"), DET,
         _w("positions", "position", "bases", "base", "posts", "strongholds")],
        [_w("send", "sent", "sending", "dispatch", "dispatched", "mass", "massed", "station", "stationed",
            "stationing", "position", "positioned"), {"OP": "?"}, {"OP": "?"},
         _w("troops", "force", "forces", "soldiers", "reinforcements", "tanks", "warships", "carrier", "carriers",
            "submarines", "battalion", "battalions", "brigade", "brigades", "paratroopers", "marines", "advisers",
            "advisors", "instructors", "commandos", "personnel", "jets", "warplanes", "bombers", "aircraft",
            "helicopters", "frigates", "destroyers", "units")],
    ]),
    ("advance_on", "MilitaryMovement", [
        # "Iraqi forces are advancing on Mosul", "troops closing in on the city" (verbs only: checked below)
        [_w("advanced", "advancing", "marched", "marching"), _w("on", "upon")],
        [_w("close", "closed", "closing", "closes"), _w("in"), _w("on")],
    ]),
    ("control", "TerritorialControlChange", [
        [_w("seize", "seized", "seizing", "capture", "captured", "capturing", "recapture", "recaptured",
            "retake", "retook", "retaken", "overrun", "overran", "overpower", "overpowered", "regain", "regained",
            "conquer", "conquered", "liberate", "liberated", "expel", "expelled", "wrest", "wrested", "wresting",
            "annex", "annexed", "annexing", "dislodge", "dislodged", "dislodging")],
        # "vowed to win back every district", "troops won back the village"
        [_w("win", "won", "winning"), _w("back")],
        [_w("take", "took", "taken", "taking", "seize", "gain", "gained", "regain", "lose", "lost"),
         {"NORM": {"IN": ["full", "complete", "total", "effective", "partial", "back"]}, "OP": "?"}, _w("control")],
        [_w("push", "pushed", "pushing", "drive", "drove", "driven", "force", "forced"), _w("back", "out")],
        # "drove the rebels out of several neighbourhoods", "forced IS fighters out of the town"
        [_w("push", "pushed", "drive", "drove", "driven", "force", "forced", "chase", "chased", "flush", "flushed"),
         {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _w("out"), _w("of", "from")],
        [_w("push", "pushed", "drive", "drove", "force", "forced", "beat"), {"OP": "?"}, {"OP": "?"}, {"OP": "?"},
         _w("back")],  # "the army forced the rebels back" (an actor in between: checked below)
        # "before French troops drove them out", "have driven the militants out"
        [_w("push", "pushed", "drive", "drove", "driven", "force", "forced", "chase", "chased", "flush", "flushed"),
         _w("them", "it", "him", "the", "its", "their"), {"IS_ALPHA": True, "OP": "?"}, _w("out"),
         {"ORTH": {"IN": [".", ",", ";", "of", "from", "on", "in", "within", "after", "before", "and"]}}],
        # "had driven rebels loyal to the former vice-president, Riek Machar, out of several villages"
        [_w("drive", "drove", "driven", "force", "forced", "chase", "chased"),
         *[{"ORTH": {"NOT_IN": [".", ";", "and", "but", "out"]}, "OP": "?"}] * 12, _w("out"), _w("of")],
        # "said they had cleared most of the city", "cleared the last rebel pockets from Homs"
        [_w("clear", "cleared", "clearing", "clears"), _w("most", "much", "all", "parts", "part", "large", "swathes",
                                                          "the", "rebels", "militants", "jihadists", "fighters"),
         {"IS_ALPHA": True, "OP": "?"}, {"IS_ALPHA": True, "OP": "?"},
         _w("of", "from", "pockets", "districts", "neighbourhoods", "villages", "areas")],
        [_w("make", "made", "making"), {"IS_ALPHA": True, "OP": "?"}, _w("advance", "advances", "gains")],
        [_w("gain", "gained", "lose", "lost"), {"NORM": {"IN": ["any", "much", "more", "some"]}, "OP": "?"},
         _w("ground")],
        [_w("fall", "fell", "fallen"), _w("to")],
        # "the army restored security and stability to the Handarat camp", "restored control over the town"
        [_w("restore", "restored", "restoring", "restores"), _w("security", "control", "order", "stability"),
         {"NORM": {"IN": ["and"]}, "OP": "?"}, {"NORM": {"IN": ["security", "stability", "order"]}, "OP": "?"},
         _w("to", "in", "over")],
    ]),
    ("fall_bare", "TerritorialControlChange", [
        # "Palmyra has not fallen", "the town fell on Sunday" (a place or a town noun as subject: checked below)
        [_w("fell", "fallen")],
    ]),
    ("lost_to", "TerritorialControlChange", [
        # "Rebels lost the Farafira district to government forces" (a place between, an actor after: checked below)
        [_w("lost", "lose", "loses", "losing"), {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _w("to")],
    ]),
    ("take_place", "TerritorialControlChange", [
        [_w("take", "took", "taken", "taking", "enter", "entered", "entering")],
    ]),
    ("casualty", "CasualtyReport", [
        [_w("kill", "killed", "killing", "kills")],
        [_w("lose", "lost", "losing"), _w("their"), _w("life", "lives")],
        [_w("claim", "claimed", "claiming"), {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _w("life", "lives")],
        [_w("die", "died", "dead", "death", "deaths", "casualty", "casualties", "wounded", "injured", "injure", "hurt",
            "wound")],
        [_w("death"), _w("toll")],
        # "several passers-by suffered light injuries", "sustained serious wounds"
        [_w("suffer", "suffered", "suffering", "sustain", "sustained", "sustaining"), ADJ,
         _w("injuries", "injury", "wounds")],
    ]),
    ("base", "MilitaryBaseAnnouncement", [
        [_w("military", "air", "naval", "army", "permanent"), HY, _w("base", "bases", "airbase", "facility")],
        # "a military training base", "a naval logistics base": one word of the base's function between
        [_w("military", "naval", "army"), _w(*BASE_FUNCTIONS), _w("base", "bases")],
        [_w("airbase", "airbases")],
        # "plans to open a base in Egypt", "set up a new base": a verb of setting up before a bare "base"
        [SET_UP,
         {"NORM": "up", "OP": "?"}, _w("a", "an", "its", "their", "the", "another"),
         BASE_ADJECTIVE, _w("base", "bases")],
        # "set up a new forward operating base", "open a new logistics base": a function word after an adjective
        [SET_UP,
         {"NORM": "up", "OP": "?"}, _w("a", "an", "its", "their", "the", "another"),
         BASE_ADJECTIVE,
         {"NORM": {"IN": ["forward"]}, "OP": "?"}, _w(*BASE_FUNCTIONS), _w("base", "bases")],
        # "a return to its Soviet-era bases": a state going back to bases it once had
        [_w("a", "the"), _w("return"), _w("to"), _w("its", "their"), {"IS_ALPHA": True, "OP": "?"}, HY,
         {"IS_ALPHA": True, "OP": "?"}, _w("base", "bases")],
    ]),
    ("oppose_accept", "Opposition", [
        # "will not accept any transition that sidelines Assad", "refuses to recognise the annexation": a refusal
        # to accept is an objection (the negation is the trigger's own)
        [_w("not", "never", "n't"), {"NORM": {"IN": ["ever", "simply", "easily", "now"]}, "OP": "?"},
         _w("accept", "tolerate", "recognise", "recognize")],
        [_w("refuse", "refused", "refuses", "refusing"), _w("to"), _w("accept", "tolerate", "recognise", "recognize")],
    ]),
    ("oppose", "Opposition", [
        [_w("stand", "standing", "stood", "stands"), {"IS_ALPHA": True, "OP": "?"}, _w("against")],
        # "Turkey came out against the plan", "spoke out against the strikes"
        [_w("come", "came", "comes", "coming", "speak", "spoke", "speaks", "speaking"), _w("out"), _w("against")],
        [_w("oppose", "opposed", "opposing", "opposes", "opposition", "object", "objected", "objects",
            "resist", "resisted", "protest", "protested", "reject", "rejected", "rejects", "objection", "objections",
            "dismiss", "dismissed", "dismisses", "rebuff", "rebuffed", "rebuffs", "spurn", "spurned", "spurns")],
        # "brushed aside the Russian proposal", "waved away the plan"
        [_w("brush", "brushed", "brushes", "brushing", "wave", "waved", "waves", "waving"), _w("aside", "away")],
        # "Ankara is pushing back against Washington's plan", "balked at the proposal", "took issue with"
        [_w("push", "pushed", "pushes", "pushing"), _w("back"), _w("against")],
        [_w("balk", "balked", "balks", "balking", "baulk", "baulked", "baulks", "baulking"), _w("at")],
        [_w("take", "took", "takes", "taking", "taken"), _w("issue"), _w("with")],
    ]),
    ("condemn", "Condemnation", [
        [_w("condemn", "condemned", "condemning", "condemns", "condemnation", "denounce", "denounced",
            "denounces", "criticise", "criticised", "criticize", "criticized", "criticism", "deplore",
            "deplored", "outcry", "slam", "slammed", "censure", "censured", "decry", "decried", "lambast",
            "lambasted", "lambasts", "castigate", "castigated", "rebuke", "rebuked", "chastise", "chastised",
            "berate", "berated", "assail", "assailed", "excoriate", "excoriated", "disapproval", "reprimand",
            "reprimanded", "reproach", "reproached")],
        [_w("hit", "hits", "hitting", "lash", "lashed", "lashing"), _w("out"), _w("at")],  # "hit out at Moscow"
    ]),
    ("condemn_accuse", "Condemnation", [
        # "accused Russia of prolonging the war" (no other event in the of-clause: checked below)
        [_w("accuse", "accused", "accuses", "accusing"), {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"},
         _w("of")],
    ]),
    ("condemn_branded", "Condemnation", [
        # "Moscow's conduct was branded 'barbarism' by the American ambassador" (the condemned before, the by-phrase
        # condemns; a verdict word between for verbs other than "branded": checked below)
        [_w("was", "were", "been", "is", "are", "be"), _w("branded", "labelled", "labeled", "called", "termed",
                                                         "described", "denounced", "condemned"),
         {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _w("by")],
    ]),
    ("condemn_call", "Condemnation", [
        # "Merkel called the bombing of Aleppo a crime", "branded the attack a massacre" (a verdict noun)
        [_w("called", "calls", "calling", "branded", "brands", "branding", "labelled", "labeled", "termed"),
         {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _w("a", "an"), ADJ,
         _w("crime", "crimes", "massacre", "atrocity", "disgrace", "outrage", "barbarism", "genocide", "slaughter")],
        [_w("called", "calls", "calling", "branded", "brands", "branding", "labelled", "labeled", "termed"),
         {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _w("barbaric", "criminal", "unacceptable",
                                                                                "outrageous", "inhuman", "shameful")],
    ]),
    ("aid", "AidCooperation", [
        [_w("cooperate", "cooperated", "cooperating", "cooperation", "co-operate", "work", "coordinate"),
         {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _w("aid", "assistance", "relief", "supplies", "help")],
        [_w("deliver", "delivered", "delivering", "provide", "provided", "providing", "send", "sent", "give",
            "gave", "giving", "ship", "shipped", "airdrop", "airdropped", "supply", "supplied", "airlift",
            "airlifted", "fly", "flew", "get", "got", "bring", "brought", "carry", "carried", "carrying", "truck",
            "trucked", "transport", "transported", "ferry", "ferried", "offer", "offered", "offering", "donate",
            "donated", "donating", "rush", "rushed", "dispatch", "dispatched", "distribute", "distributed",
            "increase", "increased", "boost", "boosted", "expand", "expanded", "double", "doubled", "resume",
            "resumed", "fund", "funded", "finance", "financed"), DET, ADJ, ADJ,
         _w("aid", "assistance", "relief", "supplies", "food", "medicine", "medicines", "shelter", "tents",
            "blankets", "vaccines", "rations", "flour", "wheat", "grain", "bread", "clothes", "clothing")],
        # quantities of aid: "flew tonnes of food", "will provide 10 million dollars in humanitarian aid"
        [_w("deliver", "delivered", "delivering", "provide", "provided", "providing", "send", "sent", "sending",
            "give", "gave", "ship", "shipped", "airdrop", "airdropped", "supply", "supplied", "airlift",
            "airlifted", "fly", "flew", "bring", "brought", "carry", "carried", "truck", "trucked", "transport",
            "transported", "offer", "offered", "donate", "donated", "rush", "rushed", "dispatch", "dispatched",
            "distribute", "distributed"),
         CURRENCY, {"LIKE_NUM": True, "OP": "?"}, {"LIKE_NUM": True, "OP": "?"}, AID_QTY,
         {**AID_QTY, "OP": "?"}, _w("of", "in", "worth"), ADJ,
         _w("aid", "assistance", "relief", "supplies", "food", "medicine", "medicines", "flour", "wheat", "rice",
            "grain", "fuel", "water", "vaccines", "tents", "blankets")],
        # goods that are aid by their adjective: "donated medical equipment", "sent relief goods"
        [_w("deliver", "delivered", "delivering", "provide", "provided", "providing", "send", "sent", "sending",
            "give", "gave", "ship", "shipped", "airdrop", "airdropped", "supply", "supplied", "airlift",
            "airlifted", "fly", "flew", "bring", "brought", "carry", "carried", "offer", "offered", "donate",
            "donated", "rush", "rushed", "dispatch", "dispatched", "distribute", "distributed"), DET,
         _w("medical", "humanitarian", "relief", "emergency"),
         _w("equipment", "goods", "items", "kits", "teams", "materials")],
        # "stepped up its humanitarian assistance"
        [_w("step", "stepped", "steps", "stepping", "scale", "scaled", "ramp", "ramped"), _w("up"), DET, ADJ,
         _w("aid", "assistance", "relief", "supplies")],
        # nominal: "a joint airlift of aid", "the distribution of food", "the cost of aid"
        [_w("airlift", "airlifts", "airdrop", "airdrops", "delivery", "deliveries", "shipment", "shipments",
            "distribution", "cost", "costs", "supplies", "consignment", "consignments"), _w("of"), ADJ,
         _w("aid", "assistance", "relief", "supplies", "food", "medicine", "medicines")],
        # "aid convoys", "a Turkish aid ship", "launched a joint humanitarian operation", "a relief mission"
        [_w("aid", "relief", "food", "humanitarian"), _w("convoy", "convoys", "delivery", "deliveries", "shipment",
                                                         "truck", "trucks", "lorry", "lorries", "flight", "flights",
                                                         "ship", "ships", "plane", "planes", "vessel", "vessels",
                                                         "package", "packages", "consignment", "consignments",
                                                         "operation", "operations", "mission", "missions", "effort",
                                                         "efforts", "airlift", "airlifts", "airdrop", "airdrops")],
        [_w("aid", "assistance", "relief", "supplies", "food", "medicine"),
         {"NORM": {"IN": ["rations", "parcels", "supplies", "aid", "assistance", "convoys", "deliveries"]},
          "OP": "?"}, _w("be", "was", "were", "been"),
         _w("distributed", "delivered", "sent", "shipped", "provided", "airdropped", "dropped", "handed", "flown")],
        [_w("aid", "assistance", "relief", "supplies"), {"NORM": {"IN": ["has", "have", "had"]}, "OP": "?"},
         _w("reach", "reached", "reaches", "arrive", "arrived", "arrives")],
        [_w("pledge", "pledged", "pledges", "promise", "promised", "promises", "announce", "announced", "announces",
            "donate", "donated", "donates"), {"OP": "?"}, {"OP": "?"},
         {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _w("aid", "assistance", "relief")],
    ]),
    ("aid_package", "AidCooperation", [
        # "unveiled a 25-million-euro emergency aid initiative for Aleppo", "announced a new relief package"
        # (a verb of announcing up to eight words before: checked below)
        [_w("aid", "relief", "assistance", "humanitarian"), _w(*PACKAGE_NOUNS)],
    ]),
    ("aid_money", "AidCooperation", [
        # "gave 5 million dollars to Nepal for earthquake relief" (an aid word must follow in the clause)
        [_w("give", "gave", "given", "donate", "donated", "contribute", "contributed", "contributes", "pledge",
            "pledged", "promise", "promised", "provide", "provided", "grant", "granted", "allocate", "allocated",
            "earmark", "earmarked", "send", "sent", "offer", "offered"),
         {"NORM": {"IN": ["a", "an", "another", "further", "additional", "extra", "more", "nearly", "about",
                          "some", "over", "around", "almost"]}, "OP": "?"},
         {"NORM": {"IN": ["extra", "additional", "further", "more", "nearly", "about", "some", "over", "around",
                          "almost"]}, "OP": "?"},  # "an extra 30 million pounds"
         {"LIKE_NUM": True}, {"LIKE_NUM": True, "OP": "?"}, _w("million", "billion", "dollars", "euros", "pounds",
                                                               "yen", "francs", "riyals", "dirhams")],
    ]),
    ("aid_passive", "AidCooperation", [
        # "supplies of food and fuel were delivered": a passive participle of delivery after "be" with aid before
        # it (checked below: the patterns match lemmas, so "delivering" matches too)
        [_w("delivered", "distributed", "airdropped", "airlifted", "shipped", "flown", "trucked", "handed", "sent",
            "brought")],
        # "medical supplies sent by Turkey": a participle after the aid; "aid from Kuwait": the giver follows
        [_w("aid", "assistance", "relief", "supplies", "food", "medicine", "medicines"),
         _w("sent", "delivered", "donated", "provided", "shipped", "flown", "supplied", "airlifted", "pledged",
            "promised", "from")],
    ]),
    ("aid_evac", "AidCooperation", [
        # "Red Cross teams evacuated dozens of wounded civilians", "a plan to evacuate the wounded" (a humanitarian
        # or UN participant: checked below)
        [_w("evacuate", "evacuated", "evacuating", "evacuates", "evacuation", "evacuations"), {"OP": "?"},
         {"OP": "?"}, {"OP": "?"},
         _w("wounded", "sick", "injured", "civilians", "children", "patients", "residents", "families", "people",
            "casualties", "orphans")],
    ]),
    ("aid_arrived", "AidCooperation", [
        # "A UN convoy reached the besieged town", "Red Cross trucks entered eastern Aleppo" (a humanitarian actor
        # or aid word before: checked below)
        [_w("convoy", "convoys", "trucks", "lorries", "teams", "team"), {"NORM": {"IN": ["has", "have", "had",
                                                                                      "finally", "eventually"]},
                                                                     "OP": "?"},
         _w("reached", "arrived", "entered", "reaches", "arrives", "enters")],
    ]),
    ("aid_unable", "AidCooperation", [
        # "aid agencies have been unable to reach Aleppo" (an aid word must come before: checked below)
        [_w("unable", "failed"), _w("to"), _w("reach", "enter", "access", "deliver", "get")],
    ]),
    ("support", "Support", [
        [_w("back", "backed", "backing", "support", "supported", "supporting", "side", "sided"), _w("by", "with")],
        [_w("back", "backed", "backs", "support", "supported", "supports", "endorse", "endorsed")],
        [_w("rally", "rallied", "rallies", "rallying"), _w("behind", "to")],
        [_w("stand", "stood", "stands", "standing"), {"NORM": {"IN": ["firmly", "squarely", "solidly",
                                                                           "resolutely", "staunchly", "steadfastly",
                                                                           "fully", "strongly", "still"]}, "OP": "?"},
         _w("by", "behind", "with")],
        [_w("voice", "voiced", "express", "expressed", "offer", "offered", "pledge", "pledged", "declare",
            "declared", "lend", "lent", "lending", "give", "gave", "given", "extend", "extended", "reiterate",
            "reiterated", "reaffirm", "reaffirmed"), DET, ADJ, _w("support", "backing"), _w("for", "to")],
        # "will keep up its political support for", "continued its backing of", "stepped up its support for"
        [_w("keep", "keeps", "kept", "keeping", "continue", "continues", "continued", "continuing", "maintain",
            "maintains", "maintained", "step", "steps", "stepped", "stepping", "increase", "increased", "boost",
            "boosted", "renew", "renewed"), {"NORM": {"IN": ["up"]}, "OP": "?"},
         {"NORM": {"IN": ["its", "their", "his", "her"]}}, ADJ, ADJ, _w("support", "backing"), _w("for", "to", "of")],
        # "have stood shoulder to shoulder with Damascus"
        [_w("stand", "stood", "stands", "standing"), _w("shoulder"), _w("to"), _w("shoulder"), _w("with")],
        [_w("in"), _w("support"), _w("of")],  # "came out in support of Egypt"
        [_w("backer", "backers", "supporter", "supporters", "ally", "allies", "patron", "patrons"), _w("of")],
        [_w("weight"), _w("behind")],
    ]),
    ("support_owner", "Support", [
        # "Assad's main backer", "Russia's support for Assad" (a possessive before: checked below)
        [_w("backer", "backers", "patron", "patrons", "sponsor", "sponsors", "supporter", "supporters",
            "protector")],
        [_w("support", "backing"), _w("for")],
    ]),
    ("support_thank", "Support", [
        # "thanked Moscow and Tehran for their support" (the thanked give it)
        [_w("thank", "thanked", "thanks", "thanking"), {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"},
         _w("for"), DET, ADJ, _w("support", "backing", "help", "assistance", "solidarity")],
    ]),
    ("support_arms", "Support", [
        # "Russia supplied weapons to the Syrian army", "sold arms to the rebels" (an actor after "to": checked below)
        [_w("supply", "supplied", "supplies", "supplying", "sell", "sold", "sells", "selling", "ship", "shipped",
            "deliver", "delivered", "delivering", "send", "sent", "sending", "provide", "provided", "providing",
            "give", "gave", "giving"), DET, ADJ, ADJ,
         _w("weapons", "arms", "ammunition", "munitions", "missiles", "rifles", "guns", "weaponry"), _w("to")],
    ]),
    ("support_arm", "Support", [
        # "are arming rebel groups", "Iran arms and trains Hezbollah" (an armed actor follows: checked below)
        [_w("arming", "arm", "arms", "equipping", "equip", "equips", "bankrolling", "bankroll", "bankrolls", "funded",
            "funding", "funds", "financed", "financing", "finances", "trained", "training", "trains")],
    ]),
    ("say", "Statement", [
        [_w("say", "said", "says", "saying", "state", "stated", "declare", "declared", "warn", "warned", "tell", "told",
            "insist", "insisted", "urge", "urged", "announce", "announced", "claim", "claimed", "accuse",
            "accused", "stress", "stressed", "deny", "denied", "comment", "commented", "respond", "responded",
            "describe", "described", "appeal", "appealed", "acknowledge", "acknowledged", "acknowledges",
            "argue", "argued", "argues", "reiterate", "reiterated", "reiterates", "emphasise", "emphasised",
            "emphasize", "emphasized", "underline", "underlined", "underscore", "underscored", "assert",
            "asserted", "asserts", "affirm", "affirmed", "reaffirm", "reaffirmed", "explain", "explained",
            "caution", "cautioned", "pledge", "pledged", "vow", "vowed", "promise", "promised")],
        # verbs that are speech only before "that": "noted that", "added that", "maintained that"
        [_w("note", "noted", "notes", "add", "added", "adds", "maintain", "maintained", "maintains", "admit",
            "admitted", "admits", "recall", "recalled", "predict", "predicted", "suggest", "suggested", "concede",
            "conceded"), _w("that")],
        # "expressed concern", "voiced alarm", "made clear"
        [_w("express", "expressed", "expresses", "expressing", "voice", "voiced", "voices", "voicing"), DET,
         {"NORM": {"IN": ["deep", "grave", "serious", "great", "strong", "growing", "its", "his", "her"]}, "OP": "?"},
         _w("concern", "concerns", "alarm", "regret", "hope", "dismay", "frustration", "sympathy", "condolences",
            "satisfaction", "disappointment", "optimism", "doubt", "doubts", "surprise", "outrage", "anger")],
        [_w("call", "called", "calls", "calling"), _w("for", "on", "upon")],  # "called for restraint"
        [_w("speak", "spoke", "spoken", "speaks", "speaking"), _w("publicly", "out", "about", "openly", "up")],
        [_w("react", "reacted", "reacts", "reply", "replied", "replies", "retort", "retorted")],
        [_w("according"), _w("to")],  # "according to Zarif, the talks were productive" (the speaker follows)
        # "issued a statement", "made an appeal for calm", "renewed its call for talks", "made clear"
        [_w("issue", "issued", "issues", "make", "made", "makes", "release", "released", "renew", "renewed",
            "repeat", "repeated", "reiterate", "reiterated"), DET, ADJ,
         _w("statement", "appeal", "plea", "declaration", "warning", "call", "calls", "clear", "plain")],
    ]),
]  # fmt: skip


def _augmented_patterns(table: Any) -> list[tuple[str, list[dict[str, Any]]]]:
    """Every trigger pattern with its word lists extended by the words' lookup lemmas ("troops" -> "troop")."""
    out = []
    for label, etype, patterns in TRIGGERS:
        for pattern in patterns:
            new = []
            for spec in pattern:
                norm = spec.get("NORM")
                if isinstance(norm, dict) and "IN" in norm:
                    words = list(norm["IN"])
                    words += [str(table.get(w, w)).lower() for w in words]
                    words += [LEMMA_FIXES[w] for w in words if w in LEMMA_FIXES]
                    spec = {**spec, "NORM": {"IN": sorted(set(words))}}
                new.append(spec)
            out.append((f"{etype}|{label}", new))
    return out


@lru_cache(maxsize=1)
def spacy_matcher() -> Matcher:
    """The same trigger patterns in a spaCy ``Matcher`` (reference implementation for tests)."""
    nlp = get_nlp()
    table = lemma_table()
    m = Matcher(nlp.vocab)
    for key, pattern in _augmented_patterns(table):
        m.add(key, [pattern])
    return m


_FIRST_WORDS: set[str] = set()


def token_view(doc: Doc) -> TokenView:
    """The document's :class:`TokenView` (kept by the ``dkg_norm`` pipe)."""
    return doc.user_data["dkg_tokens"]


def _test(spec: dict[str, Any], tv: TokenView, i: int) -> bool:
    """One token spec of spaCy's pattern language (NORM, ORTH, LIKE_NUM, IS_ALPHA; values, IN, NOT_IN)."""
    for key, want in spec.items():
        if key == "OP":
            continue
        if key in ("NORM", "ORTH"):
            have = tv.norm[i] if key == "NORM" else tv.orth[i]
            if isinstance(want, dict):
                if "IN" in want and have not in want["IN"]:
                    return False
                if "NOT_IN" in want and have in want["NOT_IN"]:
                    return False
            elif have != want:
                return False
        elif key == "LIKE_NUM":
            if tv.like_num[i] != want:
                return False
        elif key == "IS_ALPHA":
            if tv.is_alpha[i] != want:
                return False
        else:
            raise ValueError(f"unsupported pattern key {key}")
    return True


def _ends(
    pattern: list[dict[str, Any]], k: int, tv: TokenView, i: int, n: int,
    memo: dict[tuple[int, int], set[int]] | None = None,
) -> set[int]:
    """All token positions where `pattern[k:]` matched from position i can end (OP ?, * and exactly one).
    Memoised per (pattern position, token) within one match attempt, so runs of optional tokens cost linear,
    not exponential, time."""
    if k == len(pattern):
        return {i}
    if memo is None:
        memo = {}
    got = memo.get((k, i))
    if got is not None:
        return got
    spec = pattern[k]
    op = spec.get("OP")
    out: set[int] = set()
    if op in ("?", "*"):
        out |= _ends(pattern, k + 1, tv, i, n, memo)
    if i < n and _test(spec, tv, i):
        if op == "*":
            out |= _ends(pattern, k, tv, i + 1, n, memo)
        else:
            out |= _ends(pattern, k + 1, tv, i + 1, n, memo)
    memo[(k, i)] = out
    return out


@lru_cache(maxsize=1)
def _compiled() -> dict[str, list[tuple[str, list[dict[str, Any]]]]]:
    """Trigger patterns indexed by the norms their first token accepts ('<num>' for numbers)."""
    table = lemma_table()
    index: dict[str, list[tuple[str, list[dict[str, Any]]]]] = {}
    for key, pattern in _augmented_patterns(table):
        first = pattern[0]
        norm = first.get("NORM")
        words = norm["IN"] if isinstance(norm, dict) else ["<num>"] if first.get("LIKE_NUM") else []
        if not words:
            raise ValueError(f"trigger pattern {key} must start with a NORM list or a number")
        for w in words:
            index.setdefault(w, []).append((key, pattern))
    return index


def find_triggers(doc: Doc) -> list[tuple[str, int, int]]:
    """Trigger matches (``"Type|label"``, start, end) of a document, every possible end of every pattern.

    Same pattern language and results as spaCy's ``Matcher`` with these patterns (a test checks this), but
    patterns are looked up by their first token, so a document costs about one dictionary look-up per token.
    """
    index = _compiled()
    tv = token_view(doc)
    n = len(doc)
    out: set[tuple[str, int, int]] = set()
    for i in range(n):
        cands = index.get(tv.norm[i], [])
        if tv.like_num[i]:
            cands = cands + index.get("<num>", [])
        for key, pattern in cands:
            for end in _ends(pattern, 0, tv, i, n):
                if end > i:
                    out.add((key, i, end))
    return sorted(out, key=lambda m: (m[1], -(m[2] - m[1]), m[0]))
