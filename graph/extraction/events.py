"""Event patterns: who did what to whom, where, when, with which modality, negation and quantities.

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from dkg.extraction.dates import Tense, find_dates
from dkg.extraction.entities import Lexicon, Mention, slugify
from dkg.extraction.pipeline import LEMMA_FIXES, TokenView, get_nlp, lemma_table
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

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
DET: dict[str, Any] = {"NORM": {"IN": ["the", "a", "an", "its", "their", "his", "her", "this", "that"]}, "OP": "?"}
ADJ: dict[str, Any] = {"IS_ALPHA": True, "OP": "?", "NORM": {"NOT_IN": ["and", "to", "by", "of", "the"]}}
# how aid is counted: "tonnes of food", "10 million dollars in humanitarian aid", "ten planeloads of aid"
AID_QTY: dict[str, Any] = {"NORM": {"IN": [
    "tonnes", "tons", "tonne", "ton", "truckloads", "planeloads", "shiploads", "loads", "shipments", "boxes",
    "crates", "kits", "parcels", "packages", "consignments", "million", "billion", "thousand", "dollars", "euros",
    "pounds", "yen", "worth", "lot", "lots", "plenty", "kilograms", "kilos", "pallets", "containers", "trucks",
    "lorries", "planes", "flights", "ships", "convoys", "cargo", "bags", "sacks", "boatloads"]}}

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
        # "sent to the ICC", "took the border dispute to the ICJ", "lodged a case with": a court must follow
        [_w("send", "sent", "sending", "hand", "handed", "handing", "lodge", "lodged", "lodging", "file", "filed",
            "filing", "take", "took", "taken", "taking", "bring", "brought", "bringing", "submit", "submitted",
            "submitting", "refer", "referred", "referring", "turn", "turned", "institute", "instituted", "instituting",
            "initiate", "initiated", "launch", "launched"),
         {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _w("to", "before", "with", "at")],
        # "take the bombing of eastern Aleppo to the ICC": a longer object
        [_w("take", "took", "taken", "taking"), DET, {"OP": "?"}, _w("of"), {"OP": "?"}, {"OP": "?"}, {"OP": "?"},
         _w("to", "before")],
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
    ("vote_count", "Vote", [
        [{"LIKE_NUM": True}, _w("of"), DET, {"LIKE_NUM": True}, {"NORM": {"IN": ["council", "security"]},
         "OP": "*"}, _w("member", "members", "state", "states", "country", "countries", "nation", "nations",
                        "votes")],  # "won 11 of the 15 votes" (checked below)
        [{"LIKE_NUM": True}, _w("of"), DET, _w("council", "assembly"), {"ORTH": {"IN": ["'s", "’s"]}},
         {"LIKE_NUM": True}, _w("member", "members", "state", "states")],  # "Eleven of the council's 15 members"
        [{"LIKE_NUM": True}, _w("vote", "votes"), _w("to", "against"), {"LIKE_NUM": True}],
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
    ]),
    ("vote_all", "Vote", [
        # "All fifteen members of the Security Council voted to ...": a unanimous vote (a verb of voting follows)
        [_w("all"), {"LIKE_NUM": True}, {"NORM": {"IN": ["council", "security", "assembly"]}, "OP": "*"},
         _w("members", "member")],
    ]),
    ("vote_pos", "VotePosition", [
        [_w("abstain", "abstained", "abstaining", "abstention")],
        [_w("vote", "voted", "voting"), _w("against", "for", "in", "yes", "no")],
        # "signalling that they will vote it down" (a member votes a draft down: against it)
        [_w("vote", "voted", "voting"), _w("it", "them", "this"), _w("down")],
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
        [_w("draw", "drew", "drawn", "drawing"), _w("up"), DET, ADJ, ADJ, _w("resolution", "text", "draft")],
        [_w("resolution", "draft", "text", "proposal"), _w("drawn"), _w("up")],  # "A text drawn up by X"
        # "a French-drafted call for a ceasefire", "the Russian-sponsored proposal" (a hyphen before: checked below)
        [_w("drafted", "sponsored"), _w("call", "proposal", "measure", "motion", "plan", "attempt", "bid",
                                        "initiative", "appeal")],  # "a French-drafted attempt to refer ..."
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
        [_w("fail", "failed", "fails"), _w("to"), _w("pass", "win", "secure", "gain", "get", "receive", "muster",
                                                      "garner", "attract", "obtain", "command")],
        [_w("fell", "fall", "falls"), {"OP": "?"}, {"OP": "?"}, _w("short")],
        # "one short of the nine needed", "two votes short of a majority"
        [{"LIKE_NUM": True}, {"NORM": {"IN": ["vote", "votes"]}, "OP": "?"}, _w("short"), _w("of")],
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
         _w("strike", "struck", "hit", "pound", "pounded", "target", "targeted", "attack", "attacked")],
        [_w("drone"), _w("strike", "strikes", "attack", "attacks")],
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
         _w("on", "near", "around", "outside", "along", "at", "in", "close")],
        # "it had moved nuclear-capable Iskander missiles to Kaliningrad": weapons moved somewhere
        [_w("move", "moved", "moving", "moves", "transfer", "transferred", "transferring", "relocate", "relocated",
            "ship", "shipped", "send", "sent"),
         {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"},
         _w("missiles", "missile", "warships", "jets", "warplanes", "bombers", "tanks", "artillery", "batteries",
            "launchers", "submarines", "systems", "weapons", "troops", "forces", "soldiers", "reinforcements",
            "units"), _w("to", "into", "towards")],
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
            "conquer", "conquered", "liberate", "liberated", "expel", "expelled")],
        [_w("take", "took", "taken", "taking", "seize", "gain", "gained", "regain", "lose", "lost"),
         {"NORM": {"IN": ["full", "complete", "total", "effective", "partial", "back"]}, "OP": "?"}, _w("control")],
        [_w("push", "pushed", "pushing", "drive", "drove", "driven", "force", "forced"), _w("back", "out")],
        # "drove the rebels out of several neighbourhoods", "forced IS fighters out of the town"
        [_w("push", "pushed", "drive", "drove", "driven", "force", "forced", "chase", "chased", "flush", "flushed"),
         {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _w("out"), _w("of", "from")],
        [_w("push", "pushed", "drive", "drove", "force", "forced", "beat"), {"OP": "?"}, {"OP": "?"}, {"OP": "?"},
         _w("back")],  # "the army forced the rebels back" (an actor in between: checked below)
        [_w("make", "made", "making"), {"IS_ALPHA": True, "OP": "?"}, _w("advance", "advances", "gains")],
        [_w("gain", "gained", "lose", "lost"), {"NORM": {"IN": ["any", "much", "more", "some"]}, "OP": "?"},
         _w("ground")],
        [_w("fall", "fell", "fallen"), _w("to")],
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
        [_w("airbase", "airbases")],
        # "plans to open a base in Egypt", "set up a new base": a verb of setting up before a bare "base"
        [_w("open", "opens", "opened", "opening", "build", "builds", "built", "building", "establish",
            "established", "establishing", "set", "sets", "setting", "station", "host", "hosts", "hosting"),
         {"NORM": "up", "OP": "?"}, _w("a", "an", "its", "their", "the", "another"),
         {"IS_ALPHA": True, "OP": "?", "NORM": {"NOT_IN": ["military", "air", "naval", "army", "permanent", "and",
                                                          "to", "by", "of", "the"]}}, _w("base", "bases")],
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
         {"LIKE_NUM": True, "OP": "?"}, {"LIKE_NUM": True, "OP": "?"}, AID_QTY,
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

# Words that close a clause for slot filling.
CLAUSE_BREAK = {";", "while", "whereas", "but", "however", "although", "though", "whilst", "meanwhile"}
PREPS = {"in", "at", "to", "by", "with", "from", "against", "of", "for", "on", "over", "into", "towards", "toward",
         "inside", "outside", "throughout",
         "near", "under", "during", "between", "among", "than", "about", "after", "before", "like", "across",
         "around", "within", "since", "through", "via", "behind", "beside", "without"}  # fmt: skip
LOCATIVE = {"in", "at", "on", "into", "towards", "toward", "near", "over", "across", "around", "outside", "inside",
            "within", "to", "of", "from", "through", "throughout"}  # fmt: skip
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
                  "believed", "purportedly", "report"}),
]  # fmt: skip
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
# "in northern Syria": a part of a place named by its direction is still behind the preposition
REGION_ADJ = {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
              "northeastern", "northwestern", "southeastern", "southwestern", "north-east", "north-west",
              "south-east", "south-west"}  # fmt: skip
DIRECTIONS = {"west": "west", "east": "east", "north": "north", "south": "south", "westward": "west",
              "eastward": "east", "northward": "north", "southward": "south"}  # fmt: skip
MILITARY_TYPES = {"MilitaryOffensive", "AirStrike", "Shelling", "MilitaryMovement", "TerritorialControlChange"}
NON_COMBATANT_KINDS = {"Organisation", "OrganisationOrgan", "Organ", "Court"}  # never the agent of a military event
NON_COMBATANT_IDS = {"actor/united-nations"}  # an intergovernmental organisation, but one that fights nobody
RESOLUTION_TYPES = {"Veto", "Vote", "VotePosition", "ResolutionDrafted", "ResolutionFailed", "ResolutionAdopted"}
DEMAND_CUES = {"end", "halt", "stop", "cessation", "ban", "freeze", "pause", "suspension"}


@dataclass
class Proposal:
    """One proposed fact: event type, roles, time, modality, quantities and its evidence span."""

    type: str
    sentence: Span
    trigger: tuple[int, int]  # token span of the trigger
    roles: dict[str, list[str]] = field(default_factory=dict)
    modality: str = "completed"
    negated: bool = False
    time: dict[str, str] = field(default_factory=dict)
    properties: dict[str, Any] = field(default_factory=dict)
    breakdown: list[dict[str, Any]] = field(default_factory=list)
    confidence: float = 0.9
    notes: list[str] = field(default_factory=list)

    def add(self, role: str, *ids: str) -> None:
        """Add ids to a role, keeping order and uniqueness."""
        vals = self.roles.setdefault(role, [])
        for i in ids:
            if i and i not in vals:
                vals.append(i)

    def actors(self) -> set[str]:
        """Every actor in any agent-like role."""
        return {a for r in ("agent", "participant", "perpetrator", "sponsor") for a in self.roles.get(r, [])}


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


def _ends(pattern: list[dict[str, Any]], k: int, tv: TokenView, i: int, n: int) -> set[int]:
    """All token positions where `pattern[k:]` matched from position i can end (OP ?, * and exactly one)."""
    if k == len(pattern):
        return {i}
    spec = pattern[k]
    op = spec.get("OP")
    out: set[int] = set()
    if op in ("?", "*"):
        out |= _ends(pattern, k + 1, tv, i, n)
    if i < n and _test(spec, tv, i):
        if op == "*":
            out |= _ends(pattern, k, tv, i + 1, n)
        else:
            out |= _ends(pattern, k + 1, tv, i + 1, n)
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


def parse_int(text: str) -> int | None:
    """'290' -> 290, 'Eleven' -> 11, '1,200' -> 1200; None if not a number."""
    t = text.lower().replace(",", "")
    if t.isdigit():
        return int(t)
    return NUMBER_WORDS.get(t)


TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}  # fmt: skip


def _compound_number(ctx: SentenceContext, k: int) -> int | None:
    """The number at token k, with a tens word before a hyphen ("twenty - four" -> 24 when k is "four")."""
    n = parse_int(ctx.doc[k].text)
    low = ctx.low
    if n is not None and 0 < n < 10 and k - 2 >= ctx.sent.start and low[k - 1] == "-" and low[k - 2] in TENS:
        return TENS[low[k - 2]] + n
    return n


class SentenceContext:
    """Mentions of one sentence with helpers for slot filling."""

    def __init__(self, doc: Doc, sent: Span, mentions: list[Mention], lex: Lexicon, published: date | None) -> None:
        self.doc = doc
        self.low = token_view(doc).low
        self.sent = sent
        self.lex = lex
        self.published = published
        self.mentions = [m for m in mentions if sent.start <= m.start and m.end <= sent.end]
        self._dates: dict[tuple[int, int, str], list[Any]] = {}
        self._said_at: int | None = None
        self.by_token: dict[int, Mention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m

    def dates(self, lo: int, hi: int, tense: Tense) -> list[Any]:
        """Date expressions of a clause resolved against the publication date (cached per clause and tense)."""
        if self.published is None:
            return []
        key = (lo, hi, tense)
        if key not in self._dates:
            self._dates[key] = find_dates(self.doc[lo:hi].text, self.published, tense)
        return self._dates[key]

    def clause_bounds(self, i: int) -> tuple[int, int]:
        """Token range of the clause around token i (breaks at ';', 'while', 'but' ...)."""
        s = i
        while s > self.sent.start and (self.low[s - 1] not in CLAUSE_BREAK or self._but_failed(s - 1)):
            s -= 1
        e = i
        while e < self.sent.end and (self.low[e] not in CLAUSE_BREAK or self._but_failed(e)):
            e += 1
        return s, e

    def attribution_start(self) -> int:
        """Start of a trailing attribution (", the defence ministry in Moscow said."), else the sentence end."""
        if self._said_at is None:
            self._said_at = _trailing_attribution(self.low, self.sent.start, self.sent.end)
        return self._said_at

    def _but_failed(self, k: int) -> bool:
        """'tried but failed to': the 'but' joins two verbs of one subject, not two clauses."""
        return self.low[k] == "but" and k + 1 < self.sent.end and self.low[k + 1] in ("failed", "fail", "fails")

    def preceded_by_prep(self, m: Mention) -> str | None:
        """The preposition directly before a mention (skipping determiners and adjectives), if any."""
        j = m.start - 1
        steps = 0
        while j >= self.sent.start and steps < 3:
            t = self.doc[j]
            if t.lower_ in PREPS:
                return t.lower_
            if t.lower_ in ("the", "both", "a", "an", "his", "her", "its", "their") or (
                t.is_alpha and t.is_lower and t.lower_ not in ("and", "or")
            ):
                if t.lower_ in ("the", "both", "a", "an", "his", "her", "its", "their") or t.lower_ in REGION_ADJ or (
                        t.lower_ in GROUP_ADJ):
                    j -= 1
                    steps += 1
                    continue
                return None
            return None
        return None


ORIGIN_PARTICIPLES = {"trained", "made", "built", "educated", "equipped", "supplied", "designed"}
GROUP_ADJ = {"moderate", "mainstream", "secular", "hardline", "radical", "islamist", "jihadist"}  # "the moderate ..."
TRAILING_SPEECH = {"said", "says", "told", "reported", "added", "announced", "stated", "claimed", "confirmed",
                   "according"}  # fmt: skip


def _trailing_attribution(low: list[str], lo: int, hi: int) -> int:
    """The last comma of a sentence if a speech verb follows it (", a spokesman in Ankara said on Sunday."),
    else `hi`. Only the last twelve words are looked at."""
    for k in range(hi - 1, max(lo, hi - 13), -1):
        if low[k] == ",":
            return k if any(w in TRAILING_SPEECH for w in low[k + 1 : hi]) else hi
    return hi


def _is_actor(m: Mention) -> bool:
    return bool(m.actors) and m.via != "capital_place"


QUANTITY_NOUNS = {"hundreds", "thousands", "dozens", "scores", "tens", "millions", "hundred", "thousand", "dozen",
                  "number", "handful", "column", "convoy", "unit", "units", "contingent", "battalion", "battalions"}


def _agent_mentions_left(ctx: SentenceContext, start: int, lo: int) -> Mention | None:
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
        return m
    return None


def _by_phrase(ctx: SentenceContext, after: int, hi: int, window: int = 4) -> tuple[str, Mention] | None:
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


def _modifier_before(ctx: SentenceContext, i: int) -> Mention | None:
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
                return m if _is_armed(ctx, m) else None
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
AUX = {"has", "have", "had", "is", "are", "was", "were", "will", "would", "said", "says", "announced", "can",
       "could", "should", "must", "may", "might", "did", "does", "do"}  # fmt: skip


SUBORDINATORS = {"as", "while", "when", "whereas", "because", "although", "though", "until", "once", "whilst"}


def _first_actor_after(
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
            if prep and prep in skip_preps:
                continue
            if m.backed:
                continue
            return m
    return None


def _places(ctx: SentenceContext, lo: int, hi: int, trig: tuple[int, int], direct_object: bool = False) -> list[str]:
    """Places of the clause: after the trigger behind a locative word first, then before it. With
    `direct_object`, a place right after the trigger is one too ("shelled Damascus", "seized Aleppo")."""
    after, before = [], []
    for m in ctx.mentions:
        if not m.place or m.start < lo or m.end > hi:
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
        if m.start < trig[0] and _speaker_place(ctx.low, lo, m, trig[0]):
            continue  # "Erdogan told a news conference in Ankara that the offensive would go on": not there
        (after if m.start >= trig[1] else before).append(m.place)
    return list(dict.fromkeys(after or list(reversed(before))))


def _ahead_of(low: list[str], lo: int, s: int) -> bool:
    """True after "ahead of", "in preparation for", "in anticipation of" (a determiner and modifiers between)."""
    k = s - 1
    while k >= lo and k > s - 4 and low[k] in ("the", "a", "an", "any", "an", "expected", "planned", "ground",
                                               "new", "final", "major", "possible", "its", "their"):
        k -= 1
    return k - 1 >= lo and (low[k - 1], low[k]) in (("ahead", "of"), ("preparation", "for"), ("anticipation", "of"),
                                                    ("preparations", "for"), ("readiness", "for"))


def _speaker_place(low: list[str], lo: int, m: Mention, s: int) -> bool:
    """True for the place of a speaker: a speech verb (or "speaking") before it, "that" after it and before the
    trigger ("told a news conference in Ankara that ...", "Speaking in Geneva, X warned that ...")."""
    if not any(low[k] == "that" for k in range(m.end, s)):
        return False
    return any(low[k] in SPEECH or low[k] in SPEECH_VERBS_MORE for k in range(max(lo, m.start - 6), m.start))


SPEECH_VERBS_MORE = {"warned", "insisted", "stressed", "argued", "noted", "added", "explained", "reiterated",
                     "speaking", "spoke", "addressing", "briefing", "briefed"}  # fmt: skip
STRIKE_CARRIERS = {"warplane", "warplanes", "jet", "jets", "bomber", "bombers", "aircraft", "drone", "drones"}
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


def _cue_window(ctx: SentenceContext, lo: int, trig_start: int) -> list[str]:
    """The words that may carry modality and negation cues for a trigger ("no mention of" negates nothing)."""
    low = ctx.low
    return [low[k] for k in range(lo, trig_start)
            if not (low[k] in ("no", "not") and k + 1 < trig_start and low[k + 1] in MENTION_NOUNS)]


PRESENT_BE = {"is", "are", "am"}
PASSIVE_AUX = {"was", "were", "is", "are", "been", "being", "has", "have", "had", "be"}


def _present_progressive(low: list[str], s: int, lo: int) -> bool:
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


def detect_modality(words: list[str], etype: str, trigger_text: str) -> tuple[str, bool]:
    """Modality and negation from the words between clause start (or agent) and the trigger."""
    negated = any(w in NEGATORS for w in words)
    text = " ".join(words)
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
        mod = name
        break
    if mod == "failed":
        negated = negated and not any(w in ("fail", "failed", "fails") for w in words)
    return mod, negated


INJURY_NOUNS = {"injuries", "injury", "wounds"}
COUNTED_ATTACKS = {"raids", "strikes", "airstrikes", "sorties", "attacks", "rockets", "shells", "missiles", "bombs",
                   "rounds", "mortars", "shots", "explosions", "blasts", "flights", "missions"}  # fmt: skip


def _quantities(ctx: SentenceContext, lo: int, hi: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Casualty figures: the main count (with qualifier and category) and breakdowns ('57 were children')."""
    doc = ctx.doc
    low = ctx.low
    figures: list[tuple[int, int, str | None, str | None]] = []  # (token index, value, category, qualifier)
    for k in range(lo, hi):
        t = doc[k]
        n = parse_int(t.text)
        if n is None or ctx.by_token.get(k):
            continue
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
                "years",
                "days",
                "km",
                "kilometres",
                "kilometers",
                "miles",
            )
            and not (low[k + 1] == "of" and any(low[j] in VICTIMS for j in range(k + 2, min(hi, k + 6))))
            and not _family_members(low, k, hi)
        ):
            continue
        if k + 1 < hi and low[k + 1] in COUNTED_ATTACKS:
            continue  # "carried out at least 40 raids, killing 25 people": a count of raids, not of victims
        if any(
            low[j]
            in (
                "september",
                "october",
                "november",
                "december",
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
            )
            for j in (k - 1, k + 1)
            if lo <= j < hi
        ):
            continue
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
        before = " ".join(x.lower_ for x in doc[max(lo, k - 2) : k])
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


def _family_members(low: list[str], k: int, hi: int) -> bool:
    """ "Twelve members of one family died": members of a family or crew are victims, not council members."""
    return k + 2 < hi and low[k + 1] == "members" and low[k + 2] == "of" and any(
        low[j] in ("family", "families", "household", "crew", "staff", "team") for j in range(k + 3, min(hi, k + 6)))


def _in_demand(ctx: SentenceContext, i: int) -> bool:
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
        if ctx.low[k] in HALT_GERUNDS and (k + 1 == i or ctx.low[k + 1] in ("the", "all", "its", "their")):
            return True  # "made no mention of halting air strikes", "demanded ending the bombing"
    return False


VERDICT_WORDS = {"crime", "crimes", "massacre", "atrocity", "atrocities", "disgrace", "outrage", "barbarism",
                 "genocide", "slaughter", "barbaric", "criminal", "unacceptable", "outrageous", "inhuman", "shameful",
                 "illegal", "terrorism", "murder"}  # fmt: skip
PAUSE_NOUNS = {"pause", "lull", "halt", "respite", "suspension", "let-up", "freeze"}
HALT_GERUNDS = {"halting", "ending", "stopping", "ceasing", "suspending", "banning", "freezing"}


NOMINAL_HEADS = {"shells", "shell", "mortars", "rockets", "fire", "barrage", "offensive", "assault", "onslaught",
                 "incursion", "invasion", "bombing", "bombardment", "air",
                 "aerial", "airstrike", "airstrikes", "shelling", "strikes", "raid", "raids", "attack", "attacks",
                 "meeting", "talks", "summit", "agreement", "deal", "accord", "pact", "treaty", "casualties",
                 "deaths", "death", "referral", "veto", "condemnation", "outcry", "criticism", "opposition",
                 "deployment", "withdrawal", "artillery", "mortar", "rocket", "cooperation", "aid", "abstention",
                 "military", "naval", "airbase", "resolution", "draft", "text", "killings"}  # fmt: skip
TRIGGER_NOUNS = {"offensive", "assault", "onslaught", "bombing", "strikes", "shelling", "attack", "attacks",
                 "forces", "troops", "resolution", "draft", "campaign", "operation", "advance"}  # fmt: skip
BE_FORMS = {"was", "were", "been", "is", "are", "be", "being", "got", "get"}


def _passive_or_nominal(ctx: SentenceContext, s: int, e: int) -> bool:
    """True if a by-phrase after the trigger names its agent (passive verb or nominal trigger)."""
    doc = ctx.doc
    low = ctx.low
    if low[s] in NOMINAL_HEADS and not (s > 0 and low[s - 1] in ("to", "will", "has", "have", "had")):
        return True
    j = s - 1
    while j >= ctx.sent.start and low[j].endswith("ly") and doc[j].is_alpha:
        j -= 1
    return j >= ctx.sent.start and low[j] in BE_FORMS


def _resolution_id(sponsor: str | None, published: date | None, text: str) -> str:
    sym = re.search(r"\bS/(\d{4})/(\d+)\b", text)
    if sym:
        return f"resolution/s-{sym.group(1)}-{sym.group(2)}"
    who = sponsor.rsplit("/", 1)[-1] if sponsor else "unknown"
    when = published.strftime("%Y-%m") if published else "undated"
    return f"resolution/{who}-draft-{when}"


def extract_events(doc: Doc, mentions: list[Mention], lex: Lexicon, published: date | None) -> list[Proposal]:
    """Every proposal of the document, in text order, merged per sentence."""
    matches = find_triggers(doc)
    out: list[Proposal] = []
    state = _DocState(focus_place=_focus_place(mentions, lex))
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
            if _noun_force(ctx, key, s):
                continue
            if key == "MilitaryOffensive|offensive_noun" and e - s == 1 and _repel_before(
                    ctx.low, max(sent.start, s - 6), s) is None and not _stalled_push(ctx, s, e):
                continue  # "an advance", "a push" alone: only after a verb of repelling (checked again in _fill)
            chosen.append((key, s, e))
        props: list[Proposal] = []
        main = [(k.split("|")[0], cs, ce) for k, cs, ce in chosen if not k.startswith(("Statement", "Support"))]
        dropped: set[tuple[str, int, int]] = set()  # triggers that gave no fact keep no cue words from later ones
        for key, s, e in chosen:
            etype, label = key.split("|")
            nxt = next((x for _t, x, _e in main if x >= e), sent.end)
            before = [(t, ce) for t, cs, ce in main if ce <= s and (t, cs, ce) not in dropped]
            prev_type, prev_end = before[-1] if before else (None, sent.start)
            tc = _TriggerContext(nxt, prev_end, prev_type, props, main)
            p = _fill(ctx, etype, label, s, e, state, tc)
            if p is not None:
                props.append(p)
            else:
                dropped.add((etype, s, e))
        props = _postprocess_sentence(ctx, props, state)
        if not props:
            _resolution_demands(ctx, out)
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


@dataclass
class _DocState:
    """Discourse state across sentences: last resolution, last offensive, last vote."""

    resolutions: list[tuple[str, str | None]] = field(default_factory=list)  # (id, sponsor)
    last_offensive: Proposal | None = None
    last_vote: str | None = None
    focus_place: str | None = None  # the city the article is about (mentioned at least twice)


def _focus_place(mentions: list[Mention], lex: Lexicon) -> str | None:
    """The most-mentioned city of the document if it is mentioned at least twice (ties: the first)."""
    counts: dict[str, int] = {}
    for m in mentions:
        entry = lex.entries.get(m.place or "")
        if entry is not None and entry.kind in ("City", "Town"):
            counts[entry.id] = counts.get(entry.id, 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
    return best[0] if best[1] >= 2 else None


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
ADVERB_BACK = {"push", "pull", "drive", "fight", "hit", "strike", "come", "go", "fall", "bring", "get", "hold",
               "turn", "roll", "step", "cut", "scale", "beat", "force", "send", "pushed", "pulled", "drove",
               "fought", "came", "went", "fell", "brought", "sent", "forced"}  # fmt: skip


def _of_phrase(ctx: SentenceContext, e: int, hi: int) -> Mention | None:
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


def _object_of_other_verb(ctx: SentenceContext, s: int) -> bool:
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


@dataclass
class _TriggerContext:
    """Where a trigger stands among the other triggers of its sentence."""

    next_start: int  # start of the next trigger (or the sentence end)
    prev_end: int  # end of the previous trigger (or the sentence start)
    prev_type: str | None  # event type of the previous trigger
    previous: list[Proposal]  # proposals already made in the sentence
    mains: list[tuple[str, int, int]] = field(default_factory=list)  # the sentence's main triggers (type, s, e)


REQUEST_VERBS = {"ask", "asked", "asks", "asking", "urge", "urged", "urges", "request", "requested", "requests",
                 "call", "called", "calls", "petition", "petitioned", "get", "got", "getting", "persuade",
                 "persuaded", "press", "pressed", "want", "wants", "wanted"}  # fmt: skip
AID_NOUNS = {"aid", "assistance", "relief", "supplies", "food", "medicine"}
MENTION_NOUNS = {"mention", "mentions", "mentioned", "reference", "references", "referring", "word"}
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
# "a joint humanitarian operation", "a diplomatic push": operations that are no fighting
CIVIL_OPERATIONS = {"humanitarian", "relief", "aid", "rescue", "evacuation", "vaccination", "diplomatic", "media",
                    "publicity", "charm", "election", "electoral", "fundraising", "recruitment", "advertising",
                    "lobbying", "peace", "mediation", "vaccine"}  # fmt: skip
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
PLAN_NOUNS = {"plan", "plans", "planned", "idea", "proposal"}
PLAN_HEADS = {"plan", "plans", "planned", "planning", "prepare", "prepares", "prepared", "preparing"}
# "a spokesman for the Turkish government said", "a statement from the Kremlin said"
SPEAKER_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokespeople", "official", "officials",
                 "source", "sources", "envoy", "ambassador", "representative", "aide", "aides", "adviser",
                 "advisor", "advisers", "diplomat", "diplomats", "statement", "communique", "communiqué",
                 "minister", "ministry", "office"}  # fmt: skip
# "officials in Ankara" speak for the state (diplomats or sources in a capital may be foreign)
OFFICIAL_NOUNS = {"official", "officials", "authorities", "spokesman", "spokeswoman", "spokesperson", "government"}
BLOCKED = {"blocked", "prevented", "stopped", "barred", "halted", "turned"}
RES_NOUNS = {"resolution", "draft", "text", "proposal", "motion", "measure", "resolutions", "drafts", "texts",
             "proposals", "motions", "measures"}  # fmt: skip
GROUND_HEADS = {"artillery", "tanks", "tank", "troops", "army", "soldiers", "guns", "howitzers", "forces", "militias",
                "fighters", "rebels", "gunboats", "units"}  # fmt: skip
LAUNCH_PARTICIPLES = {"launched", "carried", "conducted", "mounted", "staged", "waged", "led", "begun", "started",
                      "fired", "initiated", "announced", "unveiled", "planned", "prepared", "ordered"}  # fmt: skip
OWN_PARTICIPLES = LAUNCH_PARTICIPLES | {"cast", "used"}  # "the veto cast by Russia": the event's own verb
TALK_VERBS = {"spoke", "speak", "speaks", "talked", "talk", "talks", "wrote", "phoned", "called", "telephoned"}
HEDGES = {"reportedly", "allegedly", "accused", "accuses", "accuse", "according", "alleged", "purportedly"}


GROUND_BOMBS = {"car", "roadside", "suicide", "truck", "lorry", "nail", "pipe", "parcel", "letter", "bicycle",
                "motorcycle", "landmine", "mortar"}  # fmt: skip
PHYSICAL_PREPS = {"into", "onto", "against", "through"}


def _not_this_sense(ctx: SentenceContext, etype: str, head: str, s: int, e: int, hi: int) -> bool:
    """Trigger words in another sense: "according to" is no accord, rounds that "slammed into" a district
    condemn nobody, and a car or roadside bomb is no air strike."""
    low = ctx.low
    if etype == "Agreement" and head in ("according", "accorded"):
        return True
    if etype == "TerritorialControlChange" and e < hi and low[e - 1] == "back" and low[e] == "against":
        return True  # "pushed back against the plan": an objection (an Opposition trigger), no ground taken
    if etype == "Condemnation" and head in ("slam", "slammed", "slams", "slamming") and e < hi:
        return low[e] in PHYSICAL_PREPS
    if etype == "AirStrike" and head in ("bomb", "bombs", "bombing", "bombings", "bomber", "bombers"):
        return s > ctx.sent.start and low[s - 1] in GROUND_BOMBS
    # "the armed opposition", "opposition fighters": a side of the war, not an objection ("its opposition to" is one)
    return (etype == "Opposition" and head == "opposition" and s in ctx.by_token
            and low[s - 1] not in ("its", "their", "his", "her", "'s", "’s") and (e >= hi or low[e] != "to"))


VETO_WORDS = {"veto", "vetoed", "vetoes", "vetoing"}
DRAFT_PARTICIPLES = {"up", "drafted", "sponsored", "proposed", "tabled", "submitted", "written", "put", "prepared",
                     "authored", "presented", "circulated", "introduced", "forward", "penned", "crafted",
                     "formulated"}  # fmt: skip
DRAFT_KINDS = {"call", "proposal", "measure", "motion", "plan", "attempt", "bid", "initiative", "appeal"}
VOTE_VERBS = {"voted", "vote", "votes", "backed", "supported", "approved", "endorsed", "favoured", "favored"}
VETO_POWER = {"power", "powers", "right", "rights", "wielding", "-", "holders", "holder", "wielders"}


def _veto_power(ctx: SentenceContext, s: int, e: int) -> bool:
    """ "the power of veto", "the right of veto", "veto power", "veto-wielding": the right, not a veto cast."""
    low = ctx.low
    if s - 2 >= ctx.sent.start and low[s - 1] == "of" and low[s - 2] in ("power", "right", "powers", "rights"):
        return True
    return low[s] == "veto" and e < ctx.sent.end and low[e] in VETO_POWER


def _noun_force(ctx: SentenceContext, key: str, s: int) -> bool:
    """ "Russian forces pulled out", "the forces drove ...": the noun "forces" is no forcing (the patterns match
    lemmas, so "forced" matches "forces"); dropped before longer matches hide the real trigger."""
    if ctx.low[s] not in ("force", "forces") or not key.startswith("TerritorialControlChange"):
        return False
    return s in ctx.by_token or (s > ctx.sent.start and ctx.low[s - 1] in ("the", "a", "an", "its", "their"))


DRAFT_SUBJECT_GAP = AUX | BE_FORMS | {",", ";", "that", "which", "who", "after", "because", "when", "while", "as"}


def _draft_subject_fails(ctx: SentenceContext, lo: int, s: int, e: int, hi: int) -> bool:
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


SPEECH_WITHHELD = {"say", "comment", "confirm", "disclose", "reveal", "specify", "tell"}


def _in_undisclosed_question(ctx: SentenceContext, lo: int, s: int) -> bool:
    """True inside "declined to say whether ...", "would not confirm if ...": the question is not answered."""
    low = ctx.low
    for k in range(max(lo + 2, s - 12), s):
        if low[k] not in ("whether", "if"):
            continue
        v = k - 2 if low[k - 1] in ("on", "about") else k - 1  # "refused to comment on whether"
        if v >= lo and low[v] in SPEECH_WITHHELD and any(w in NEGATORS for w in low[max(lo, v - 4) : v]):
            return True
    return False


EFFORT_NOUNS = {"effort", "efforts", "attempt", "attempts", "bid", "bids", "push", "move", "moves", "plan", "plans"}


def _effort_before(ctx: SentenceContext, lo: int, s: int) -> int | None:
    """The noun of "<effort> by X to <trigger>" opening the clause ("Efforts by Spain to refer ..."), if any."""
    low = ctx.low
    if s - 3 < lo or low[s - 1] != "to":
        return None
    for k in range(lo, min(s - 2, lo + 3)):
        if low[k] in EFFORT_NOUNS and low[k + 1] == "by":
            return k
    return None


STAPLES = {"flour", "wheat", "grain", "bread", "rice", "water", "fuel", "milk"}
AID_FAILED_STOP = {",", ";", "after", "because", "when", "while", "as", "and", "but", "which", "that"}


def _aid_failed_after(low: list[str], e: int, hi: int) -> bool:
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


KILL_HEADS = {"kill", "killed", "killing", "kills", "dead", "died", "die"}
WOUND_HEADS = {"wound", "wounded", "wounding", "injure", "injured", "injuring", "hurt"}


def _own_figure(ctx: SentenceContext, head: str, e: int, hi: int) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
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
        if parse_int(ctx.doc[k].text) is not None:
            after = k
            break
    if after is not None:
        stop = next((k for k in range(after, hi) if low[k] in KILL_HEADS or low[k] in WOUND_HEADS), hi)
        qty, parts = _quantities(ctx, e, stop)  # "killed at least 12 people"
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
        qty, parts = _quantities(ctx, max(ctx.sent.start, fig - 2), e)  # "at least 20 people dead", "40 wounded"
    if not qty:
        return None
    qty["casualtyType"] = "Killed" if head in KILL_HEADS else "Injured"
    return qty, parts


def _forum_word_vote(ctx: SentenceContext, lo: int, s: int, e: int, hi: int) -> bool:
    """A vote named without a forum mention: "the council will vote on" (a forum word is the subject) or
    "a vote on the draft" (a nominal vote on a draft)."""
    low = ctx.low
    if low[s] in ("vote", "votes") and s > lo and low[s - 1] in ("a", "the"):
        return any(low[k] in RES_NOUNS for k in range(e, min(hi, e + 4)))
    return any(low[k] in ("council", "assembly") for k in range(max(lo, s - 5), s)) and not any(
        m.actors for m in ctx.mentions if lo <= m.start < s)


CIVIL_OBJECTS = {"ambassador", "ambassadors", "envoy", "envoys", "diplomats", "delegation", "support", "offer",
                 "signature", "signatures", "ratification", "consent", "participation", "cooperation",
                 "proposal", "draft", "resolution", "candidacy", "candidate", "objection", "objections", "request",
                 "bid", "application", "membership", "recognition", "funding", "treaty", "agreement", "deal",
                 "accord", "talks", "pact", "convention", "court", "union", "council", "statute", "process",
                 "negotiations", "league", "organisation", "organization", "alliance", "coalition"}  # fmt: skip


def _civil_withdrawal(ctx: SentenceContext, head: str, e: int, hi: int) -> bool:
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


ATTACK_NOUNS = {"attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "bombing", "shelling", "raid",
                "ambush", "assault"}  # fmt: skip


def _attacked_aid(ctx: SentenceContext, s: int) -> bool:
    """True if the aid trigger is what an attack hit: "the attack on the aid convoy", "a strike on a UN convoy"."""
    low = ctx.low
    for k in range(max(ctx.sent.start, s - 5), s):
        if low[k] in ("on", "against") and k > ctx.sent.start and low[k - 1] in ATTACK_NOUNS:
            return True
    return False


SET_UP_VERBS = {"open", "build", "establish", "set", "create", "construct", "expand", "station", "host", "reopen"}


def _infinitive_of_setting_up(low: list[str], lo: int, s: int) -> bool:
    """ "to open a base", "to set up a naval facility": the base is an aim, not yet there."""
    return any(low[k] == "to" and low[k + 1] in SET_UP_VERBS for k in range(lo, s - 1))


def _carrier_by(ctx: SentenceContext, s: int, e: int) -> tuple[str, Mention] | None:
    """ "was pounded by Russian warplanes": the actor named with the weapons inside the trigger, as a by-phrase."""
    m = next((m for m in ctx.mentions if s < m.start and m.end <= e and m.actors and not m.backed), None)
    return ("", m) if m is not None else None


def _fill(
    ctx: SentenceContext, etype: str, label: str, s: int, e: int, state: _DocState, tc: _TriggerContext
) -> Proposal | None:
    next_trigger = tc.next_start
    doc = ctx.doc
    low = ctx.low
    lo, hi = ctx.clause_bounds(s)
    p = Proposal(etype, ctx.sent, (s, e))
    trig_words = [low[k] for k in range(s, e)]
    head = trig_words[0]

    if etype in MILITARY_TYPES | {"CasualtyReport"} and _in_demand(ctx, s):
        return None
    if etype == "AirStrike" and head in ("strike", "strikes") and e - s == 1:
        return None
    if etype == "Shelling" and e - s == 1 and head in ("howitzer", "howitzers") and any(
            t == "Shelling" and e <= ms <= e + 4 for t, ms, _me in tc.mains):
        return None  # "Army howitzers did not fire a single round": the weapon is the subject of the firing
    if _not_this_sense(ctx, etype, head, s, e, hi):
        return None
    if label == "failed_late" and not _draft_subject_fails(ctx, lo, s, e, hi):
        return None
    if label == "failed_blocked" and not (head.endswith("ing") and low[s - 1] == ","
                                          and any(w in VETO_WORDS for w in low[ctx.sent.start : s])):
        return None  # "used its veto, blocking a draft": the draft failed (the gold set reads "Russia's veto
        # blocked the text" as the veto alone); "blocked the road" is no draft
    if label == "drafted" and e - s == 2 and trig_words[1] in DRAFT_KINDS and not (
        s > ctx.sent.start and doc[s - 1].text == "-"
    ):
        return None  # "a French-drafted call for a ceasefire"; not "a draft proposal"
    if label == "condemn_branded" and low[s + 1] not in ("branded", "denounced", "condemned") and not any(
            low[k] in VERDICT_WORDS for k in range(s + 2, e)):
        return None  # "was described as a crime by X"; not "was called off by X"
    if label == "campaign" and not _state_campaign(ctx, s, e):
        return None  # "the Russian campaign"; not "an election campaign", "a campaign to free the hostages"
    if label == "vote_all" and not any(low[k] in VOTE_VERBS for k in range(e, min(hi, e + 8))):
        return None  # "All fifteen members voted to recommend Guterres"; not "all 15 members attended"
    if label == "offensive_noun" and e - s == 1 and _repel_before(low, max(lo, s - 6), s) is None and not (
            _stalled_push(ctx, s, e)):
        return None  # "repelled an army advance" is a failed offensive; "an advance" alone may be a movement
    if label == "offensive_noun" and e - s == 2 and not _armed_after(ctx, e, hi):
        return None  # "the push against the rebels"; not "a push against the resolution"
    if label == "condemn_accuse" and (next_trigger < hi or _trailing_attribution(low, s, hi) < hi):
        return None  # "accused Russia of shelling Aleppo": the shelling is reported (convention), no verdict
    if etype == "Veto" and _veto_power(ctx, s, e):
        return None  # "the power of veto", "veto-wielding members": a right, not its use
    if label == "advance_on" and not head.endswith(("ed", "ing")):
        return None  # "the Russian advance on the city": the noun (the patterns match lemmas)
    if label == "led_campaign" and not (s > ctx.sent.start and doc[s - 1].text == "-"):
        return None  # "to lead the operation": only "<X>-led campaign" names a campaign and its leader
    if etype != "Statement" and _in_undisclosed_question(ctx, lo, s):
        return None  # "declined to say whether Damascus would attend the talks": no talks are stated
    if any(low[k] in MENTION_NOUNS for k in range(max(lo, s - 3), s)) and low[s - 1] in ("the", "a", "an", "of", "to"):
        return None  # "a text that made no mention of the bombing", "without reference to the attacks"
    if etype == "Statement" and s > ctx.sent.start and doc[s].text[:1].isupper():
        return None  # "Islamic State", "the State Department": a name, no speech act
    if etype == "Statement" and head == "appeal" and s > ctx.sent.start and (
        low[s - 1] in ("the", "a", "an", "its", "their", "his", "her", "this", "that") or s - 1 in ctx.by_token
    ):
        return None  # "the UN appeal for Yemen": a noun
    if etype == "Statement" and head in ("state", "states") and (e >= hi or low[e] != "that"):
        return None  # "the Baltic states": a noun; the verb is "states that"
    if etype == "MilitaryOffensive" and any(low[k] in CIVIL_OPERATIONS for k in range(max(lo, s - 2), e)):
        return None  # "a joint humanitarian operation", "a diplomatic push": no fighting
    if label == "aid_passive" and (
        (trig_words[-1] not in AID_PARTICIPLES and trig_words[-1] != "from")
        or (e - s == 1 and not (_passive_be_before(ctx, s)
                                and any(low[k] in AID_WORDS for k in range(max(lo, s - 8), s))))
    ):
        return None  # the patterns match lemmas ("delivering"); "Iran delivered", "troops were sent": no aid
    if etype == "AidCooperation" and any(low[k] in ("ways", "how", "means") and low[k + 1] == "to"
                                         for k in range(max(lo, s - 3), s - 1)):
        return None  # "discussing ways to get supplies into Aleppo": a topic of talks, not a delivery
    if etype in ("Condemnation", "Opposition", "Support") and s - 1 > lo and (
            low[s - 1] in RES_NOUNS or low[s - 1] in ("that", "which") and low[s - 2] in RES_NOUNS):
        return None  # "any resolution that condemns Damascus", "a text condemning the siege": the draft's content
    if etype == "MilitaryBaseAnnouncement" and any(low[k] in ATTACK_NOUNS or low[k] in HIT_VERBS
                                                   for k in range(max(lo, s - 4), s)):
        return None  # "died in the rebel attack on the air base", "shells hit the base": the base is a target
    if etype == "AidCooperation" and _demanded_by_draft(low, lo, s):
        return None  # "the British-drafted text demands access for aid convoys": a demand, no delivery
    if etype == "AidCooperation" and _attacked_aid(ctx, s):
        return None  # "the attack on the aid convoy": the event is the attack
    if label == "aid_evac" and not any(_humanitarian(ctx, a) for m in ctx.mentions if lo <= m.start < s
                                       for a in m.actors) and not any(low[k] in AID_WORKERS for k in range(lo, s)):
        return None  # "Red Cross teams evacuated the wounded" is aid; "the army evacuated its positions" is not
    if label == "aid_package" and not any(low[k] in PACKAGE_VERBS for k in range(max(lo, s - 8), s)):
        return None  # "unveiled a 25-million-euro emergency aid initiative"; not "the aid plan was discussed"
    if label == "aid_evac" and any(low[k] in REQUEST_VERBS for k in range(max(lo, s - 6), s)) and "to" in low[
            max(lo, s - 6) : s]:
        return None  # "urged Moscow to allow the evacuation of the wounded": a request, not an evacuation
    if label == "aid_arrived" and not (any(_humanitarian(ctx, a) for m in ctx.mentions if max(lo, s - 4) <= m.start < s
                                           for a in m.actors) or any(low[k] in AID_WORKERS | AID_WORDS
                                                                     for k in range(max(lo, s - 3), s))):
        return None  # "A UN convoy reached Madaya"; not "a military convoy reached the front"
    if label == "aid_unable" and not any(low[k] in AID_WORKERS | AID_WORDS for k in range(max(lo, s - 6), s)):
        return None  # "troops were unable to reach the city": no aid
    if label == "aid_money" and not any(low[k] in AID_WORDS or low[k] in AID_PURPOSES for k in range(e, hi)):
        return None  # money for aid: "to the UN appeal for Yemen", "for earthquake relief"

    # --- agent -------------------------------------------------------------------------------------------
    by = _by_phrase(ctx, e, hi) if label != "hit_by" else _carrier_by(ctx, s, e)
    drafted_by_phrase = etype == "ResolutionDrafted" and e - s > 1 and trig_words[-1] in DRAFT_PARTICIPLES
    if (by and not _passive_or_nominal(ctx, s, e) and by[0] not in ("backed", "supported", "aided", "assisted")
            and not drafted_by_phrase):  # "a proposal drawn up by New Zealand": the by-phrase drafts
        by = None
    if by and by[0] in ("backed", "supported") and not _passive_or_nominal(ctx, s, e):
        by = None
    mod = _modifier_before(ctx, s)
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
    elif _object_of_other_verb(ctx, s):
        agent = _of_phrase(ctx, e, hi)  # "condemned the bombing of Aleppo": the condemner did not bomb
    else:
        agent = _agent_mentions_left(ctx, s, lo)
        if agent is not None and low[s] in NOMINAL_HEADS and _speech_subject(low, s, agent.end):
            agent = None  # "diplomats said the offensive would continue": the speaker is not the attacker
        elif agent is not None and low[s] in NOMINAL_HEADS and _after_of(ctx, s, agent.end):
            agent = None  # "to bring the perpetrators of the Aleppo bombing before the ICC": no bomber named
    repel_k = _repel_before(low, max(lo, s - 6), s) if label == "offensive_noun" and e - s == 1 else None
    if repel_k is not None:
        # "Rebels repelled an army advance", "halted an advance by government troops": the attacker modifies the
        # noun or follows "by"; the subject of the verb of repelling defends
        b = _by_phrase(ctx, e, hi, window=0) if e < hi and low[e] == "by" else None
        named = ctx.by_token.get(s - 1)  # "an Islamic State advance"
        named = named if named is not None and named.actors and not named.backed else None
        agent = mod or named or (b[1] if b is not None else None)
    if label == "strike_believed":
        dem = next((m for m in ctx.mentions if s < m.start and m.end <= e and m.actors), None)
        if dem is not None and dem.actor:
            forces = ctx.lex.forces_by_state.get(dem.actor, dem.actor)  # "jets believed to be Russian"
            agent = Mention(dem.start, dem.end, dem.char_start, dem.char_end, dem.text, actor=forces, via="forces")
    if agent is None and tc.previous and _subjectless_after_but(ctx, lo):
        prev_agents = _subject_of(tc.previous[-1])
        if prev_agents:  # "Britain will send jets to Romania but has no plans to station troops there"
            agent = Mention(lo, lo, doc[lo].idx, doc[lo].idx, "", group=tuple(prev_agents), via="coordination")
    if agent is not None and s > lo and low[s - 1] == "in" and agent.start >= 2 and low[agent.start - 1] in (
            "joined", "joins", "join", "joining"):
        subject = ctx.by_token.get(agent.start - 2)
        if subject is not None and subject.actors and etype != "VotePosition":  # "China joined Russia in vetoing"
            agent = Mention(subject.start, agent.end, subject.char_start, agent.char_end, subject.text,
                            group=tuple(dict.fromkeys([*subject.actors, *agent.actors])), via="coordination")
    if etype == "Referral" and agent is not None and any(_is_court(ctx, x) for x in agent.actors):
        agent = _agent_mentions_left(ctx, agent.start, lo)  # "Ukraine asked the ICC to investigate"
    if agent is None and etype == "Veto" and low[s] in ("veto", "vetoes"):
        after = next((m for m in ctx.mentions if m.start == e and m.actors), None)
        if after is not None and after.end + 1 < hi and low[after.end] in ("had", "has", "have", "used", "cast"):
            agent = after  # "the third veto Russia had used"
    # coordinated verbs share the subject: "X pushed back Y and shelled Z" -> X, not Y
    if (agent is not None and not by and mod is None and tc.previous and "repelled" in tc.previous[-1].notes
            and agent.end <= tc.prev_end and "and" in low[tc.prev_end : s]):
        agent = None if not _subject_of(tc.previous[-1]) else Mention(
            agent.start, agent.end, agent.char_start, agent.char_end, agent.text,
            group=tuple(_subject_of(tc.previous[-1])), via="coordination")  # "repelled an army advance and retook"
    elif agent is not None and not by and mod is None and tc.previous and agent.start >= tc.prev_end:
        gap = [low[k] for k in range(agent.end, s)]
        prev_agents = _subject_of(tc.previous[-1])
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
                b = _by_phrase(ctx, k + 1, hi, window=0)
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
            return None
        if agent.end < hi and low[agent.end] in FIGURE_NOUNS:
            return None  # "according to UN figures": a source of numbers, no speech act
    if agent is None and etype == "Statement":
        agent = _speaker_of(ctx, lo, s)  # "a spokesman for the Turkish government said"
    passive_subject: Mention | None = None
    if by and _passive_or_nominal(ctx, s, e) and low[s] not in NOMINAL_HEADS:
        passive_subject = _agent_mentions_left(ctx, s, lo)
    if (
        by is None
        and etype in MILITARY_TYPES - {"MilitaryMovement"}  # "troops were redeployed": the troops moved
        and agent is not None
        and agent.end <= s
        and mod is None
        and low[s] not in NOMINAL_HEADS
        and (low[s].endswith("ed") or low[s] in IRREGULAR_PARTICIPLES)
        and _passive_be_before(ctx, s)
    ):
        passive_subject, agent = agent, None  # "the convoy was attacked": its subject was hit; no attacker named

    # "<X>-backed" before the trigger or the agent
    backed = [m for m in ctx.mentions if m.backed and lo <= m.start < s]
    if backed:
        supporter = backed[-1]
    # "X, backed by Y," after the agent
    if agent is not None and supporter is None:
        b2 = _by_phrase(ctx, agent.end, s, window=3)
        if b2 and b2[0] in ("backed", "supported"):
            supporter = b2[1]
    # "Backed by Russian air power, Syrian forces launched ...": a participle opening the sentence
    if supporter is None and lo + 2 < s and low[lo] in ("backed", "supported", "aided", "assisted"):
        b3 = _by_phrase(ctx, lo + 1, s, window=0)
        if b3 is not None and (agent is None or b3[1].start != agent.start):
            supporter = b3[1]
    # "Efforts by Spain and New Zealand to refer ...": the makers of the attempt are the agent
    effort_at = _effort_before(ctx, lo, s)
    if agent is None and effort_at is not None:
        b4 = _by_phrase(ctx, effort_at + 1, s, window=0)
        agent = b4[1] if b4 is not None else None

    said_at = ctx.attribution_start()
    tgt_hi = said_at if e <= said_at < hi else hi  # ", a Turkish military source said": the speaker is no target
    part_hi = tgt_hi  # nor a participant (", the Kremlin said")
    target = _first_actor_after(ctx, e, min(tgt_hi, next_trigger), TARGET_SKIP_PREPS, next_trigger)
    if target is not None and agent is not None and target.start == agent.start:
        target = None  # the by-phrase's agent is no target
    if by and agent is not None and supporter is None and agent.start >= 3 and ctx.doc[agent.start - 2].text == "-":
        backer = ctx.by_token.get(agent.start - 3)
        supporter = backer if backer is not None and backer.backed else None  # "by Turkish-backed rebels"
    if passive_subject is not None and target is None and (agent is None or passive_subject.actors != agent.actors):
        target = passive_subject
    if repel_k is not None and target is None:
        target = _agent_mentions_left(ctx, repel_k, lo)
    place_hi = said_at if e <= said_at < hi else hi  # "..., the defence ministry in Moscow said": not where it was
    places = _places(ctx, lo, min(place_hi, next_trigger), (s, e), direct_object=etype in MILITARY_TYPES)
    if not places and next_trigger < place_hi:
        places = _places(ctx, lo, place_hi, (s, e))  # "the bombing killed 18 people in Damascus"
    if agent is not None and agent.via == "capital" and agent.place in places and agent.end <= s:
        agent = None  # "Moscow was bombed": the capital is the place hit, not the attacker

    # --- time, modality, negation ---------------------------------------------------------------------------
    win_lo = max(lo, (agent.end if agent is not None and agent.end <= s else lo), tc.prev_end)
    if agent is None and (_object_of_other_verb(ctx, s) or low[s] in NOMINAL_HEADS and _after_of(ctx, s, lo)):
        win_lo = s  # the cues belong to the governing verb
    causer = _causative_before(ctx, agent, lo, s) if agent is not None and agent.end <= s else None
    if causer is not None:
        win_lo = max(lo, tc.prev_end)  # "would not allow the YPG to seize": the governing verb's cues count
    words = _cue_window(ctx, win_lo, s)
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
    if modality == "completed":
        # hedges and accusations anywhere earlier in the clause ("Ukraine accused Russian forces of shelling")
        early = _cue_window(ctx, max(lo, tc.prev_end), win_lo)
        if any(w in HEDGES for w in early):
            modality = "reported"
        elif e <= said_at < hi and "according" in low[said_at:hi] and not _in_time_clause(low, lo, s):
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
    drafted_by = etype == "ResolutionDrafted" and e - s > 1  # "a text drawn up by X would require": drafted
    if (modality == "completed" and low[s] in NOMINAL_HEADS and s > lo and low[s - 1] in ("the", "a", "an")
            and not drafted_by):
        modality = _modal_after(ctx, e, hi) or modality  # "the offensive would continue"
    if modality == "completed" and (low[s] in NOMINAL_HEADS or label == "offensive_noun" or low[s] in COUNTER_NOUNS
                                    ) and not drafted_by:
        # the nominal event is the subject: "an army offensive on Aleppo failed", "... is expected within days"
        said = _predicate_modality(ctx, e, hi)
        if said is not None and _opens_clause(ctx, lo, s):
            modality = said
            if modality == "cancelled":
                modality, negated = "planned", True
    blocked_try = _blocked_attempt(low, lo, s)
    if blocked_try is not None and modality in ("completed", "reported"):
        modality = "failed"  # "Russia and China blocked a 2014 attempt to refer Syria to the ICC"
        if agent is not None and agent.end <= blocked_try:
            agent = None  # the blockers made no attempt
            p.roles.pop("agent", None)
    blocked_later = _attempt_blocked_after(low, lo, s, e, hi)
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
        and _purpose_head_before(low, lo, s)
    ):
        modality = "planned"  # "began a push to retake Aleppo": the capture is the aim, not yet done
    if modality == "planned" and any(w in BEGUN for w in words) and not any(w in FUTURE_CUES for w in words):
        modality = "completed"  # "began its long-planned assault": the plan is carried out
    if not negated and not WINDOW_CUES.isdisjoint(words):
        if "yet" in words and any(a == "yet" and b == "to" for a, b in zip(words, [*words[1:], low[s]], strict=False)):
            negated = True  # "has yet to comment": not so far
        elif _cancelled(words):
            negated = True  # "called off a planned attack", "scrapped plans for an offensive"
            if modality == "completed" and not any(w.startswith("suspend") for w in words):
                modality = "planned"  # a called-off event was planned; a suspended activity was going on
        elif _ruled_out(words):
            negated = True  # "ruled out a ground offensive": an intention denied
            modality = "planned" if modality == "completed" else modality
    if repel_k is not None and modality in ("completed", "reported"):
        modality = "failed"  # "repelled an army advance"
        p.notes.append("repelled")  # the subject of the clause is the target
    repel_at = _repelled(ctx, max(lo, s - 4), s) if etype in MILITARY_TYPES and modality == "completed" else None
    if repel_at is not None:
        modality = "failed"  # "rebels repelled an attack by government forces", "fought off an assault"
        if agent is not None and agent.end <= repel_at:  # the defenders are the attack's target, not its agent
            target = target or agent
            agent = None
        if target is None and agent is None:
            target = _they_antecedent(ctx, repel_at + 1, sentence_subject=True)  # "Rebels said they had repelled"
    if (
        etype == "MilitaryOffensive"
        and modality == "completed"
        and low[s] in NOMINAL_HEADS
        and s - 2 >= lo
        and low[s - 2] == "for"
        and (tc.prev_type == "MilitaryMovement" or any(low[k] in PREPARE_VERBS for k in range(lo, s)))
    ):
        modality = "planned"  # "is massing troops for an assault on Aleppo": the assault is to come
    if etype == "MilitaryOffensive" and modality == "completed" and low[s] in NOMINAL_HEADS and _ahead_of(low, lo, s):
        modality = "planned"  # "troops massed outside Mosul ahead of the offensive", "in preparation for an assault"
    if modality == "completed" and _present_progressive(low, s, win_lo):
        modality = "reported"  # ongoing at the time of writing ("France is standing firmly against"): the ontology
        # reserves Completed for events the source states as having happened
    if tc.prev_type == "Agreement" and _infinitive_gap([low[k] for k in range(tc.prev_end, s)]):
        modality = "planned"  # "agreed to cooperate", "agreed to coordinate humanitarian deliveries"
    # "announced its plans of setting up a base": cues before the agent window inside the clause
    if modality == "completed" and etype == "MilitaryBaseAnnouncement":
        modality, negated = detect_modality(_cue_window(ctx, lo, s), etype, "")
    tense: Tense = "future" if modality in ("planned", "considered", "announced") else "past"
    if etype == "AidCooperation" and low[e - 1] in PACKAGE_NOUNS and modality == "announced" and any(
            w in PACKAGE_VERBS and w.endswith("ed") for w in low[max(lo, s - 8) : s]):
        tense = "past"  # "unveiled an aid initiative on Sunday": the day of the announcement
    p.modality = modality
    p.negated = negated
    dates = ctx.dates(lo, hi, tense)
    if dates:
        trig_char = doc[s].idx - doc[lo].idx
        best = min(dates, key=lambda d: abs(d.start - trig_char))
        if modality == "announced" and best.start < trig_char and _announce_before(low, lo, s):
            # "In March, Moscow announced the withdrawal": the date is of the announcement, in the past
            best = min(ctx.dates(lo, hi, "past"), key=lambda d: abs(d.start - trig_char))
        p.time = dict(best.value)
        between = doc[lo:hi].text[doc[e - 1].idx + len(doc[e - 1].text) - doc[lo].idx : best.start].lower()
        if "date" in p.time and best.start > trig_char and re.search(r"\bsince\b", between):
            p.time = {"since": p.time["date"]}  # the date is of the event that started it
        purpose_of = causer if causer is not None and causer > lo and low[causer - 1] == "to" else None
        if purpose_of is not None and best.start < doc[purpose_of].idx - doc[lo].idx:
            p.time = {}  # "on Wednesday sent tanks ... to help rebels drive IS out": the date of the sending

    text = ctx.sent.text
    conf = 0.9

    def put_agent(role: str = "agent") -> None:
        if agent is not None:
            p.add(role, *agent.actors)

    if etype == "Referral" and (trig_words[0] == "to" or label == "referral_bare"):
        asked = [low[k] for k in range(lo, s)]
        if not any(w in REQUEST_VERBS for w in asked):
            return None
    if (
        etype == "Referral"
        and label == "referral_bare"
        and not any(m.end == s and any(_is_court(ctx, x) for x in m.actors) for m in ctx.mentions)
    ):
        return None  # "requested that the ICC investigate": the court is the subject of the bare verb
    if etype == "Referral" and label == "referral_to":
        k = e
        while k < hi and low[k] in ("the", "a", "an"):
            k += 1
        m = ctx.by_token.get(k)
        if m is None or not any(_is_court(ctx, x) for x in m.actors):
            return None  # "took the fight to the rebels"
        if m.end < hi and ctx.doc[m.end].text in ("'s", "’s"):
            return None  # "sent a delegation to the ICC's assembly"
    if etype == "Referral" and agent is None and _attempt_blocked_after(low, lo, s, e, hi) is None:
        for k in range(lo, hi):
            if k < s and not (low[k] == "by" and k > lo and low[k - 1] in REQUEST_VERBS):
                continue  # before the trigger only "asked by Mali to investigate"
            if low[k] == "from" and head == "referral":  # "received a referral from Mali"
                src = ctx.by_token.get(k + 1) or ctx.by_token.get(k + 2)
                if src is not None and src.actors and not any(_is_court(ctx, x) for x in src.actors):
                    agent = src
                    break
            if low[k] == "by":
                b = _by_phrase(ctx, k, hi, window=0)
                if b and not any(_is_court(ctx, x) for x in b[1].actors):
                    agent = b[1]
                    break
    if etype == "Referral":
        court = next((m for m in ctx.mentions if m.actor and ctx.lex.entries.get(m.actor) and
                      ctx.lex.entries[m.actor].kind in ("Court",) or (m.actor or "").endswith("court")
                      or (m.actor or "").endswith("court-of-justice")), None)  # fmt: skip
        if court is None:
            return None
        put_agent()
        p.add("court", court.actor or "")
        if agent is not None and court.actor in agent.actors:
            p.roles["agent"] = [a for a in p.roles["agent"] if a != court.actor]
            if not p.roles["agent"]:
                del p.roles["agent"]
        for pl in places + _places(ctx, ctx.sent.start, ctx.sent.end, (s, e)):
            p.add("place", pl)
        war = next((m for m in ctx.mentions if s < m.start < court.start and m.modifier and m.actor and
                    m.end < hi and low[m.end] in WAR_NOUNS), None)  # fmt: skip
        if war is not None and war.actor and ctx.lex.territory(war.actor):
            p.add("place", ctx.lex.territory(war.actor) or "")  # "refer the Syrian conflict to the ICC"
    elif etype == "Veto":
        put_agent()
        if "agent" not in p.roles and mod is None:
            return None
        _resolution_roles(ctx, p, state, text)
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
        if not forum_agent and not _forum_word_vote(ctx, lo, s, e, hi):
            return None
        if forum_agent and agent is not None:
            p.add("forum", *agent.actors)
        else:
            _forum(ctx, p)  # "The council will vote on ...", "A vote on the draft is expected"
            if low[s] in ("vote", "votes") and s > lo and low[s - 1] in ("a", "the"):
                p.modality = _predicate_modality(ctx, e, hi) or p.modality
                if p.modality == "failed":
                    return None  # "the vote on the French draft failed": the draft failed
        rid = state.resolutions[-1][0] if state.resolutions else None
        if rid:
            p.add("resolution", rid)
    elif etype == "Vote" and label == "vote_won":
        if not any(low[k] in RES_NOUNS or low[k] in ("it", "council") for k in range(lo, hi)):
            return None  # "the party won 20 votes": no draft
        n = next((parse_int(doc[k].text) for k in range(s, e) if doc[k].like_num), None)
        if n is None:
            return None
        p.properties["inFavourCount"] = n
        _resolution_roles(ctx, p, state, text)
    elif etype == "Vote" and label == "vote_all":
        n = next((parse_int(doc[k].text) for k in range(s, e) if doc[k].like_num), None)
        if not n:
            return None
        against = any(low[k] == "against" for k in range(e, min(hi, e + 8)))
        p.properties["againstCount" if against else "inFavourCount"] = n
        p.properties["memberCount"] = n
        _resolution_roles(ctx, p, state, text)
    elif etype == "Vote" and label == "vote_tally":
        # a part of a tally counts only in a sentence about a vote or a draft ("3 against" alone says nothing)
        if not any(w in ("vote", "votes", "voted") or w in RES_NOUNS for w in low[ctx.sent.start : ctx.sent.end]):
            return None
        if s > ctx.sent.start and low[s - 1] in ("the", "of", "'s", "’s"):
            return None  # "of the 15 members voted": the count of members, not of votes
        n = _compound_number(ctx, s)
        if not n and n != 0:
            return None
        last = trig_words[-1]
        if last == "in" and (e >= hi or low[e] not in ("favour", "favor")):
            return None
        key = {"against": "againstCount", "opposed": "againstCount", "abstention": "abstainCount",
               "abstentions": "abstainCount", "abstaining": "abstainCount", "abstained": "abstainCount"}
        p.properties[key.get(last, "inFavourCount")] = n
        _resolution_roles(ctx, p, state, text)
    elif etype == "Vote":
        nums = [_compound_number(ctx, k) if k == s else parse_int(doc[k].text) for k in range(s, e)
                if parse_int(doc[k].text) is not None]
        if len(nums) == 1 and trig_words[-1] in ("for", "against", "in", "abstained", "abstain") and nums[0]:
            # "only four members voted for it" (not "of the 15 members voted", "of the council's 15 members")
            if s > ctx.sent.start and low[s - 1] in ("the", "of", "'s", "’s"):
                return None
            if trig_words[-1] == "in" and (e >= hi or low[e] not in ("favour", "favor")):
                return None
            key = {"against": "againstCount", "abstained": "abstainCount", "abstain": "abstainCount"}
            p.properties[key.get(trig_words[-1], "inFavourCount")] = nums[0]
            _resolution_roles(ctx, p, state, text)
            return p
        if len(nums) < 2 or nums[0] is None or nums[1] is None:
            return None
        counted = (trig_words[1] != "of" or trig_words[0] in ("vote", "votes")) and (
            "vote" in trig_words or "votes" in trig_words or "voted" in trig_words)  # "by a vote of 14-0"
        if not counted and nums[0] > nums[1]:
            return None
        after = " ".join(t.lower_ for t in doc[e : min(hi, e + 5)])
        if counted and (_defeated_by(low, s, lo) or "down" in trig_words):
            p.properties["inFavourCount"] = nums[1]  # "was defeated by nine votes to four": nine against
            p.properties["againstCount"] = nums[0]
        elif counted:
            p.properties["inFavourCount"] = nums[0]
            p.properties["againstCount"] = nums[1]
        elif _won_by(low, s, lo):
            p.properties["inFavourCount"] = nums[0]  # "backed by 12 of the council's 15 members", "won 11 of 15"
        elif any(w in after for w in ("favour", "favor", "support", "backed", "voted for", "in favour")):
            p.properties["inFavourCount"] = nums[0]
        elif "against" in after or "opposed" in after:
            p.properties["againstCount"] = nums[0]
        elif "abstain" in after:
            p.properties["abstainCount"] = nums[0]
        else:
            return None
        if not counted:
            p.properties["memberCount"] = nums[1]
        _resolution_roles(ctx, p, state, text)
    elif etype == "VotePosition":
        if head in ("abstention", "abstentions", "vote", "votes") and s > lo and doc[s - 1].like_num:
            return None  # "with 41 abstentions", "gathered eleven votes in favour" are tallies, not positions
        if low[s] == "vote" and e < hi and low[e - 1] == "for" and low[e] == "the" and e + 1 < hi and (
                low[e + 1] in ORDINALS or low[e + 1] == "last"):
            return None  # "on a Syria vote for the first time": "for" is no position
        if agent is None:
            agent = _they_antecedent(ctx, s)  # "Washington and London signalled that they will vote it down"
        if agent is None:
            return None
        if all("council" in a or "assembly" in a for a in agent.actors):
            return None  # "the General Assembly voted in favour": the forum's vote (a vote_event trigger)
        put_agent()
        if low[s - 1] == "in" and agent.start >= 2 and low[agent.start - 1] in ("joined", "joins", "join"):
            subject = ctx.by_token.get(agent.start - 2)
            if subject is not None and subject.actors:
                p.add("agent", *subject.actors)  # "Venezuela joined Russia in voting against it": both did
        if head.startswith(("abstain", "abstention")):
            p.properties["position"] = "Abstain"
        elif len(trig_words) > 1 and (trig_words[1] in ("against", "no") or trig_words[-1] == "down"):
            p.properties["position"] = "Against"
        else:
            p.properties["position"] = "InFavour"
        _resolution_roles(ctx, p, state, text)
        p.roles.pop("sponsor", None)
    elif etype == "ResolutionDrafted":
        if head == "draft" and s > ctx.sent.start and low[s - 1] in ("a", "an", "the", "its", "their", "rival") and (
            e - s > 1 or (e < len(doc) and low[e] in ("resolution", "text"))
        ) and not (e - s > 1 and low[s + 1] in (",", "written", "drafted", "sponsored", "proposed", "tabled",
                                                   "submitted", "put", "drawn", "prepared", "authored", "presented",
                                                   "circulated", "introduced")):  # fmt: skip
            return None
        sponsor = agent
        if sponsor is None:
            return None
        if head in ("prepare", "preparing") and p.modality == "completed":
            p.modality = "planned"
        p.add("agent", *sponsor.actors)
        rid = _resolution_id(sponsor.actors[0], ctx.published, text)
        state.resolutions.append((rid, sponsor.actors[0]))
        p.add("resolution", rid)
        _forum(ctx, p)
        _demands(p, text)
    elif etype == "ResolutionFailed":
        if low[s] in RES_NOUNS and e - s > 2:
            p.modality = detect_modality(words + trig_words[:-1], etype, "")[0]  # "the draft could fail"
        if label == "failed_doomed":
            p.modality = "considered"  # "appears doomed": its failure is expected, not yet stated
        if label != "failed_blocked" and not set(low[lo:hi]) & (RES_NOUNS | {"it", "vote"}):
            forum_agent = agent is not None and any("council" in a or "assembly" in a for a in agent.actors)
            if (agent is not None and not forum_agent) or not state.resolutions:
                return None  # "Morocco failed to get the ICC to investigate": no draft failed
        if (
            trig_words[0] in ("turn", "turned", "turns")
            and agent is not None
            and not any("council" in a or "assembly" in a for a in agent.actors)
        ):
            return None  # "Russia turned down the draft" is its opposition, not the council's decision
        upto = e if label == "failed_blocked" else s  # "blocking a French-drafted call": the sponsor is inside
        sponsor_m = next((m for m in ctx.mentions if (m.backed or m.modifier) and m.end <= upto and m.start >= lo),
                         None)  # fmt: skip
        if sponsor_m is not None:
            rid = _resolution_id(sponsor_m.actors[0], ctx.published, text)
            if (rid, sponsor_m.actors[0]) not in state.resolutions:
                state.resolutions.append((rid, sponsor_m.actors[0]))
            p.add("resolution", rid)
            p.properties["sponsor"] = sponsor_m.actors[0]
        elif state.resolutions:
            p.add("resolution", state.resolutions[-1][0])
        else:
            p.add("resolution", _resolution_id(None, ctx.published, text))
        _forum(ctx, p)
    elif etype == "ResolutionAdopted":
        if low[s] in RES_NOUNS and "not" in trig_words:
            return None  # "the proposal was not adopted": the draft failed (a ResolutionFailed trigger)
        forum = agent
        if label == "adopted_by":
            if not _passive_be_before(ctx, s):
                return None  # "was (unanimously) approved by": a passive
            forum = _first_actor_after(ctx, e - 1, hi, set())
            if forum is None or not any("council" in a or "assembly" in a for a in forum.actors) or not any(
                    low[k] in RES_NOUNS for k in range(lo, s)):
                return None  # "the plan was approved by Moscow": no forum adopted a draft
        if forum is not None and forum.actor and ("council" in forum.actor or "assembly" in forum.actor):
            p.add("forum", forum.actor)
        else:
            _forum(ctx, p)
        rid = state.resolutions[-1][0] if state.resolutions else _resolution_id(None, ctx.published, text)
        p.add("resolution", rid)
    elif etype == "Agreement":
        parts = _participants(ctx, lo, part_hi, s, agent)
        parts += [a for a in _pronoun_speaker(ctx, lo, s) if a not in parts]  # "Abe said that he and Putin agreed"
        if _without_agreeing(low, lo, s):
            p.modality, p.negated = "failed", False  # "ended two hours of talks without agreeing on ..."
        if label == "agree_brokered":
            by_m = _by_phrase(ctx, e - 1, hi, window=0)
            if by_m is None or len(by_m[1].actors) < 2:
                return None  # "a truce brokered by Moscow and Washington": the brokers are its parties
            parts = list(by_m[1].actors)
        if len(parts) < 2 and agent is None:
            return None
        p.add("participant", *parts)
        for pl in places:
            p.add("place", pl)
        for pat, topic in TOPICS:
            if topic in ("MilitaryContacts", "MilitaryCooperation", "Truce", "HumanitarianAid") and pat.search(
                doc[max(lo, s - 3) if label == "agree_brokered" else e : hi].text
            ):
                p.add("topic", topic)
    elif etype == "Meeting":
        if head in ("received", "receives") and not (e < hi and (e in ctx.by_token or low[e] in ("his", "her",
                                                                                                 "the"))):
            return None  # "received Lavrov", "received his counterpart"; not "the text received 11 votes"
        if head in ("visit", "visited") and not [m for m in ctx.mentions if m.actor and m.start > e]:
            return None
        if label == "meet_see" and not _person_after(ctx, e, hi):
            return None  # "went on to Washington to see John Kerry"; not "remains to see whether"
        next_meets = any(t == "Meeting" and x == next_trigger for t, x, _e in tc.mains)
        meet_hi = min(part_hi, next_trigger) if next_meets else part_hi
        parts = _participants(ctx, lo, meet_hi, s, agent)  # "... for talks with Lavrov and went on to see Kerry"
        if tc.previous and tc.previous[-1].type == "Meeting":  # the earlier meeting's partners are its own
            own = set(agent.actors) if agent is not None else set()
            parts = [a for a in parts if a in own or a not in tc.previous[-1].roles.get("participant", [])]
        parts += [a for a in _pronoun_speaker(ctx, lo, s) if a not in parts]  # "Abe said that he and Putin met"
        if len(parts) < 2:
            return None
        p.add("participant", *parts)
        if head not in ("visit", "visited", "visits", "trip"):  # "meet Putin ... to discuss aid to the city"
            gone = {m.place for m in ctx.mentions if m.place and m.start >= e and lo <= m.start < hi
                    and ctx.preceded_by_prep(m) in ("to", "towards", "toward", "into")}  # fmt: skip
            places = [pl for pl in places if pl not in gone]
            topics = {m.place for m in ctx.mentions if m.place and m.start >= e and lo <= m.start < hi
                      and any(low[k] in DISCUSS_WORDS for k in range(max(e, m.start - 4), m.start))}  # fmt: skip
            places = [pl for pl in places if pl not in topics]  # "telephoned Erdogan to discuss Aleppo": a topic
            dest = _travel_destination(ctx, lo, s)
            if dest is not None:
                places = [dest]  # "travelled to Ankara for talks ... on the war in Syria": where they met
        for pl in places:
            p.add("place", pl)
        if "bilateral" in text.lower():
            p.properties["bilateral"] = True
    elif etype == "MilitaryOffensive":
        put_agent()
        if supporter is None:  # "the offensive on Aleppo, backed by Russian jets, began"
            bk = next((k for k in range(e, hi - 1) if low[k] in ("backed", "supported") and low[k + 1] == "by"), None)
            sb = _by_phrase(ctx, bk + 1, hi, window=0) if bk is not None else None
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
        put_agent()
        if supporter is not None:
            p.add("supporter", *supporter.actors)
        for pl in places:
            p.add("place", pl)
        if target is not None and (agent is None or target.actors != agent.actors) and target.start > e:
            p.add("target", *target.actors)
    elif etype == "MilitaryMovement":
        if agent is None or _civil_withdrawal(ctx, head, e, hi):
            return None
        transported = e - s == 2 and doc[s].norm_ in TRANSPORT_LEMMAS and low[s + 1] in ("to", "into", "towards",
                                                                                         "toward", "in")
        if transported and not _passive_be_before(ctx, s):
            return None  # "were bussed into" (passive); not "flew to Moscow for talks"
        if label == "move" and (trig_words[0] in BRING_VERBS or transported) and not _is_armed(ctx, agent):
            return None  # "pro-government militiamen were brought up to Aleppo"; not "rules brought in from May"
        put_agent()
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
            return None  # "the meeting would take place in Moscow"
        if label == "take_place" and any(m.start > e and any(_is_court(ctx, a) for a in m.actors)
                                         for m in ctx.mentions if m.end <= hi):
            return None  # "take the bombing of eastern Aleppo to the ICC": a referral, no place taken
        if label == "take_place" and not any(
            m.place and not m.actor or m.via == "coref" for m in ctx.mentions if e <= m.start <= e + 4
        ):
            return None  # "took the district of Said", not "took part"
        if label == "take_place" and any(low[k] in AID_NOUNS or low[k] in ("convoy", "convoys", "trucks", "lorries")
                                         for k in range(lo, s)):
            return None  # "aid trucks were blocked from entering Aleppo": the aid enters, nobody takes the city
        if label == "lost_to":
            k = e + 1 if e < hi and low[e] in ("the", "a", "an") else e
            winner = ctx.by_token.get(k)
            if winner is not None and winner.backed:  # "lost Dabiq to Turkish-backed rebels"
                supporter = winner
                winner = ctx.by_token.get(winner.end + 2) if winner.end + 2 < hi else None
            if winner is None or not winner.actors or not any(m.place and not m.actor for m in ctx.mentions
                                                               if s < m.start and m.end < e):
                return None  # "lost the Farafira district to government forces"; not "lost patience to"
            p.add("agent", *winner.actors)
            if agent is not None and set(agent.actors) != set(winner.actors):
                p.add("target", *agent.actors)
            places = [m.place for m in ctx.mentions if m.place and s < m.start and m.end < e] or places
        elif label == "control" and trig_words[:2] in (["fall", "to"], ["fell", "to"], ["fallen", "to"]):
            new_holder = _first_actor_after(ctx, e - 1, hi, set())
            if new_holder is None:
                return None
            p.add("agent", *new_holder.actors)
        elif trig_words[0] in ("lose", "lost", "losing", "loses") and agent is not None:
            p.add("target", *agent.actors)
        else:
            put_agent()
            if target is None and e - s > 2:  # "drove the rebels out of": the driven out stand inside the trigger
                target = next((m for m in ctx.mentions if s < m.start and m.end < e and m.actors), None)
                if target is None and trig_words[-1] in ("back", "of", "from") and trig_words[1] != "out":
                    return None  # "forced them to come back": nobody driven from a place
            if target is None:
                target = next((m for m in ctx.mentions if e <= m.start < min(hi, next_trigger) and m.actors
                               and ctx.preceded_by_prep(m) == "from" and not m.place), None)  # fmt: skip
            if target is not None and (agent is None or set(target.actors) != set(agent.actors)):
                p.add("target", *target.actors)
        if supporter is not None:
            p.add("supporter", *supporter.actors)
        for pl in places:
            p.add("place", pl)
        if not p.roles.get("agent") and not p.roles.get("target"):
            return None
    elif etype == "CasualtyReport" and head in KILL_HEADS and any(low[k] in RES_NOUNS
                                                                  for k in range(e, min(hi, e + 4))):
        return None  # "cast its veto, killing a British draft": no one died
    elif etype == "CasualtyReport" and head in WOUND_HEADS | {"sick"} and any(
            low[k] in EVAC_WORDS for k in range(max(lo, s - 5), s)):
        return None  # "the evacuation of the sick and wounded", "evacuated dozens of wounded civilians"
    elif etype == "CasualtyReport":
        qty, parts = _own_figure(ctx, head, e, min(hi, next_trigger)) or _quantities(ctx, ctx.sent.start, ctx.sent.end)
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
                    b = _by_phrase(ctx, k, ctx.sent.end, window=0)
                    if b:
                        perp = b[1]
                        break
        if perp is None and agent is not None and head in ("kill", "killed", "killing", "kills"):
            before = [low[k] for k in range(agent.end, s)]
            if not any(w in ("were", "was", "been", "be") for w in before) and not (
                    len(before) > 1 and before[0] in ("'s", "’s") and before[1] in WAR_NOUNS):
                perp = agent  # not "Syria's war has killed 300,000": the war, not the state
        if perp is None and head in ("killing", "wounding", "injuring") and low[s - 1] in (",", "and"):
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
            return None
        if head in ("casualty", "casualties") and not qty:
            p.modality = "reported" if "report" in text.lower() else p.modality
    elif etype == "MilitaryBaseAnnouncement":
        if agent is not None:  # a base is announced by a state: "allows Russian warplanes to remain at the base"
            p.add("agent", *[_state_of_forces(ctx, a) for a in agent.actors])
        for pl in places:
            p.add("place", pl)
        if p.modality == "completed" and _infinitive_of_setting_up(low, max(lo, s - 6), s):
            p.modality = "planned"  # "is in talks to open a military base in Qatar"
        if PERMANENT.search(text):
            p.properties["permanent"] = True
    elif etype in ("Opposition", "Condemnation"):
        if (
            head in ("reject", "rejected", "rejects")
            and s > lo
            and low[s - 1] in BE_FORMS
            and any(low[k] in RES_NOUNS for k in range(lo, s))
        ):
            return None  # "the measure was rejected by the Security Council": a ResolutionFailed trigger
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
                return p
            return None
        if agent is not None and etype == "Condemnation" and any(low[k] in DRAW_VERBS
                                                                   for k in range(max(lo, s - 3), s)):
            target, agent = agent, None  # "Russia's support for Assad has drawn criticism": Russia is criticised
        if label == "condemn_branded":
            k = e + 1 if e < hi and low[e] in ("the", "a", "an") else e
            giver = _as_state(ctx, ctx.by_token.get(k))
            if giver is None or not giver.actors:
                return None
            target, agent = agent, giver  # "X's conduct was branded barbarism by Y": Y condemns X
        if agent is None and e + 1 < hi and low[e] in ("from", "by") and low[s] in NOUN_VERDICTS:
            k = e + 2 if low[e + 1] in ("the", "a", "an") else e + 1
            giver = _as_state(ctx, ctx.by_token.get(k))  # "a rebuke from Riyadh", "criticism from the Netherlands"
            if giver is not None and giver.actors and not giver.backed:
                agent = giver  # "drew condemnation from France", "criticism by Germany"
                target = target if target is None or target.start != giver.start else None
                places = [pl for pl in places if pl != giver.place]
        put_agent()
        tgt = target
        if head in OBJECTION_NOUNS and any(low[k] in DROP_VERBS for k in range(max(lo, s - 3), s)):
            p.negated = True  # "Egypt has dropped its objections to the French text"
        if label in ("condemn_call", "condemn_accuse"):  # "called the Russian veto unacceptable": the condemned
            # stand inside; "accused Russia of prolonging the war"
            tgt = next((m for m in ctx.mentions if s < m.start and m.end < e and m.actors and not m.backed), None)
        if tgt is None:
            # "against the Russian advance": a demonym modifying the object
            tgt = next((m for m in ctx.mentions if m.start >= e and m.end <= hi and m.actors and m.modifier), None)
        if tgt is None:
            tgt = next((m for m in ctx.mentions if m.start >= e and m.end <= hi and m.actors and not m.backed), None)
        if tgt is None:
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
            return None
    elif etype == "AidCooperation":
        passive = label == "aid_passive" and e - s == 1
        blocked_by = False
        if label == "aid_passive" and trig_words[-1] == "from":  # "aid from Kuwait": the giver follows
            k = e
            while k < hi and low[k] in ("the", "a", "an"):
                k += 1
            giver = ctx.by_token.get(k)
            if giver is None or not giver.actors or giver.backed:
                return None
            agent = giver
        elif agent is None or passive or trig_words[-1] in AID_PARTICIPLES:
            # "supplies ... were delivered to Aleppo by the UN", "medical supplies sent by Turkey",
            # "a joint relief convoy of the United Nations"
            by_at = next((k for k in range(e, min(hi, e + 8)) if low[k] == "by" and low[k - 1] not in
                          ("backed", "supported", "-backed")), None)  # past a place or beneficiary: "to Haiti by"
            blocked_by = by_at is not None and low[by_at - 1] in BLOCKED  # "was blocked by government forces"
            b = _by_phrase(ctx, by_at, hi, window=0) if by_at is not None and not blocked_by else None
            if b is not None:
                agent = b[1]
            elif agent is None and trig_words[-1] in AID_CARRIERS:
                agent = _of_phrase(ctx, e, hi)
        if agent is None:
            agent = _organiser_before(ctx, lo, s)  # "a convoy organised by the Red Crescent and the UN delivered"
        parts = _participants(ctx, lo, hi, s, agent)
        stop_at = _blocked_object(ctx, lo, s)
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
        bene = [m for m in ctx.mentions if m.start >= e and m.end <= hi]
        for m in bene:
            if m.place and not m.actor:
                p.add("place", m.place)
            elif m.actor and ctx.preceded_by_prep(m) in ("to", "for"):
                p.add("beneficiary", *m.actors)
            elif m.place and ctx.preceded_by_prep(m) in LOCATIVE:
                p.add("place", m.place)  # "food for refugees in Jordan"
        aid_subject = head in AID_HEADS or passive or blocked_by or any(
            low[k] in AID_WORKERS or low[k] in AID_CARRIERS for k in range(lo, s))  # "a convoy of 25 trucks delivered"
        if not parts and not (aid_subject and (p.roles.get("place") or p.roles.get("beneficiary"))):
            return None  # a giver is needed, except where the aid itself arrived somewhere ("aid reached Aleppo")
        p.add("participant", *parts)
        if p.modality == "completed" and (head in ANNOUNCE_AID or low[e - 1] in PACKAGE_NOUNS and any(
                low[k] in PACKAGE_VERBS for k in range(max(lo, s - 8), s))):
            p.modality = "announced"  # "pledged new aid", "unveiled/launched an aid initiative"
        if blocked_by or label == "aid_unable" or _aid_failed_after(low, e, hi) or (
            s - 2 >= lo and low[s - 1] == "from" and any(low[k] in BLOCKED for k in range(max(lo, s - 4), s - 1))
        ) or stop_at is not None:
            p.modality = "failed"  # "aid trucks were blocked from entering Aleppo", "prevented from delivering aid"
        elif p.modality == "completed" and s - 2 >= lo and _present_progressive(low, s - 1, lo):
            p.modality = "reported"  # "is funding food deliveries": ongoing, as "is delivering aid" is
        p.add("topic", "HumanitarianAid")
    elif etype == "Support" and label == "support_thank":
        givers = [m for m in ctx.mentions if s < m.start and m.end <= e and m.actors and not m.backed]
        if not givers:
            return None
        for m in givers:
            p.add("agent", *m.actors)  # "thanked Moscow and Tehran for their support": the thanked support
        if agent is not None:
            p.add("beneficiary", *agent.actors)
    elif etype == "Support" and label == "support_owner":
        owner = _possessor_before(ctx, s)
        if owner is None:
            return None
        if trig_words[-1] == "for":  # "Russia's support for Assad": the owner supports
            k = e + 1 if e < hi and low[e] in ("the", "a", "an") else e
            taker = ctx.by_token.get(k)
            if taker is None or not taker.actors or taker.backed:
                return None
            p.add("agent", *owner.actors)
            p.add("beneficiary", *taker.actors)
        else:  # "Iran has long been Assad's main backer": the subject backs the owner
            subject = _agent_mentions_left(ctx, owner.start, lo)
            if subject is None or not _copula_between(low, subject.end, owner.start):
                return None
            p.add("agent", *subject.actors)
            p.add("beneficiary", *owner.actors)
    elif etype == "Support" and label == "support_arms":
        k = e + 1 if e < hi and low[e] in ("the", "a", "an") else e
        taker = ctx.by_token.get(k)
        if agent is None or taker is None or not taker.actors or taker.start != k or taker.backed:
            return None  # "supplied weapons to the Syrian army"; not "sent missiles to Kaliningrad"
        put_agent()
        p.add("beneficiary", *taker.actors)
    elif etype == "Support" and label == "support_arm":
        armed = next((m for m in ctx.mentions if e <= m.start < min(hi, e + 4) and m.actors), None)
        if agent is None or armed is None or not _is_armed(ctx, armed) or set(armed.actors) == set(agent.actors):
            return None  # "Saudi Arabia is arming rebel groups"; not "the arms race"
        put_agent()
        p.add("beneficiary", *armed.actors)
    elif etype == "Support" and (rel := _relative_backer(ctx, s)) is not None:
        backer, backed_m = rel  # "to reinforce the rebels it backs", "the militias Iran supports"
        p.add("agent", *backer.actors)
        p.add("beneficiary", *backed_m.actors)
    elif etype == "Support":
        if (
            head in ("back", "backs")
            and s > ctx.sent.start
            and doc[s - 1].norm_ in ADVERB_BACK | {low[s - 1]} & ADVERB_BACK
        ):
            return None  # "pushed back": an adverb
        if s > ctx.sent.start and any(q for q in TRIGGER_NOUNS if ctx.low[s - 1] == q):
            return None  # "offensive backed by Russia": the backer is the event's supporter
        if (
            head in ("back", "backed", "support", "supported", "side", "sided")
            and len(trig_words) > 1
            and trig_words[1] == "by"
        ):
            backer = _first_actor_after(ctx, e, hi, set())
            if backer is None or agent is None or backer.backed:
                return None
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
                return None
            obj = " ".join(t.lower_ for t in doc[e:hi])
            if any(w in obj for w in ("resolution", "draft")):
                return None
            put_agent()
            p.add("beneficiary", *target.actors)
        occ = re.search(r"\b(?:last|previous|past)\s+(\d+|\w+)\s+(?:times|occasions|vetoes|votes)", text, re.I)
        if occ and parse_int(occ.group(1)):
            p.properties["occurrences"] = parse_int(occ.group(1))
            p.modality = "completed"
    elif etype == "Statement":
        if agent is None or head in ("claim", "claimed") and etype != "Statement":
            return None
        put_agent()
        p.properties["speechAct"] = head
        if negated and head in ("deny", "denied"):
            p.negated = False

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


WIN_VERBS = {"won", "win", "wins", "received", "receive", "got", "garnered", "garnering", "drew", "draw", "secured",
             "attracted", "mustered", "gained", "obtained"}  # fmt: skip


DEFEAT_VERBS = {"defeated", "rejected", "beaten", "down", "blocked", "outvoted"}


def _defeated_by(low: list[str], s: int, lo: int) -> bool:
    """ "The text was defeated/rejected by nine votes to four": the larger count is against."""
    return s - 2 >= lo and low[s - 1] == "by" and low[s - 2] in DEFEAT_VERBS


def _won_by(low: list[str], s: int, lo: int) -> bool:
    """True if a count of members or votes is what a draft won: "backed by 12 of", "won 11 of the 15 votes"."""
    if s - 1 >= lo and low[s - 1] in WIN_VERBS:
        return True
    return s - 2 >= lo and low[s - 1] == "by" and low[s - 2] in ("backed", "supported", "endorsed", "approved")


def _passive_be_before(ctx: SentenceContext, s: int) -> bool:
    """A form of "be" right before the trigger (adverbs skipped): "was attacked", "were repeatedly shelled"."""
    j = s - 1
    while j > ctx.sent.start and ctx.low[j].endswith("ly") and ctx.doc[j].is_alpha:
        j -= 1
    return j >= ctx.sent.start and ctx.low[j] in ("was", "were", "been", "being", "is", "are", "be")


SUBJECT_FILLERS = {"the", "a", "an", "this", "its", "their", "his", "her", "-", "'s", "’s", "'", "’"}


def _opens_clause(ctx: SentenceContext, lo: int, s: int) -> bool:
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


def _predicate_modality(ctx: SentenceContext, e: int, hi: int) -> str | None:
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
            nxt = [low[j] for j in range(k + 1, min(hi, k + 3))]
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
            if nxt and (nxt[0] in CANCEL_WORDS or nxt[:2] == ["called", "off"]):
                return "cancelled"  # "the meeting was cancelled": planned, and it did not happen
            return None
    return None


def _state_campaign(ctx: SentenceContext, s: int, e: int) -> bool:
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


def _they_antecedent(ctx: SentenceContext, s: int, sentence_subject: bool = False) -> Mention | None:
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


def _stalled_push(ctx: SentenceContext, s: int, e: int) -> bool:
    """ "A rebel push to break the siege ... stalled", "the army advance failed": a push that is its clause's
    subject and fails is a failed offensive (a push or advance alone is none)."""
    lo, hi = ctx.clause_bounds(s)
    return _opens_clause(ctx, lo, s) and _predicate_modality(ctx, e, hi) == "failed"


def _cancelled(words: list[str]) -> bool:
    """Cue words that call an event off: "called off a planned attack", "scrapped", "abandoned plans for"."""
    if any(w in CANCEL_WORDS for w in words):
        return True
    if any(a in ("call", "called", "calls", "calling") and b == "off" for a, b in zip(words, words[1:], strict=False)):
        return True
    return any(w in ("abandoned", "dropped", "abandon", "drop") for w in words) and any(w in PLAN_NOUNS for w in words)


IRREGULAR_PARTICIPLES = {"driven", "taken", "retaken", "overrun", "struck", "hit", "beaten", "shot", "thrown",
                         "overtaken", "won", "lost", "held", "seized"}  # fmt: skip
# words that must be in a cue window for "yet to", a cancellation or "ruled out" (a cheap test first)
WINDOW_CUES = frozenset({"yet", "off", "out", "abandoned", "dropped", "abandon", "drop", *CANCEL_WORDS})
BEGUN = {"began", "begun", "launched", "started", "mounted", "unleashed", "opened", "resumed"}
FUTURE_CUES = {"will", "would", "to", "'ll", "shall", "expected", "plans", "plan", "going", "due", "set", "may",
               "might", "could", "intends", "aims", "wants", "preparing", "prepares"}  # fmt: skip


def _ruled_out(words: list[str]) -> bool:
    return any(a in ("rule", "ruled", "rules", "ruling") and b == "out" for a, b in zip(words, words[1:], strict=False))


REPEL_VERBS = REPELLED | {"repel", "repels", "repelling", "repulse", "repulses", "repulsing", "thwart", "thwarts",
                          "foil", "foils", "defeat", "defeats"}  # fmt: skip
PREPARE_VERBS = {"mass", "massed", "massing", "amass", "amassed", "amassing", "prepare", "prepared", "preparing",
                 "ready", "readying", "readied", "gear", "gearing", "geared", "regroup", "regrouping", "reinforce",
                 "reinforcing", "reinforced", "build", "building"}  # fmt: skip


HALT_VERBS = REPEL_VERBS | {"halted", "halt", "halts", "stopped", "stop", "blunted", "blunt", "checked", "stalled"}
REPEL_PAIRS = {("fought", "off"), ("beat", "back"), ("beat", "off"), ("fight", "off"), ("beaten", "back"),
               ("pushed", "back")}  # fmt: skip


def _repel_before(low: list[str], lo: int, s: int) -> int | None:
    """The verb of repelling or halting before a noun of advance ("repelled an army advance", "fought off the
    push"), with only its determiner and modifiers between, if any."""
    for k in range(s - 1, lo - 1, -1):
        if low[k] in HALT_VERBS or (k + 1 < s and (low[k], low[k + 1]) in REPEL_PAIRS):
            return k
        if low[k] in (",", ";", "and", "but", "by", "of", "to", "that", "which"):
            return None
    return None


def _armed_after(ctx: SentenceContext, e: int, hi: int) -> bool:
    """True if an armed group or armed forces follow the trigger ("a push against the rebels")."""
    for m in ctx.mentions:
        if e <= m.start < min(hi, e + 4) and m.actors:
            return _is_armed(ctx, m)
    return False


REL_PRONOUNS = {"it", "they", "he", "she"}
FIGURE_NOUNS = {"figures", "figure", "estimates", "estimate", "data", "statistics", "count", "counts", "tally",
                "records", "numbers", "census", "tallies"}  # fmt: skip
OBJECTION_NOUNS = {"objection", "objections", "opposition"}
DROP_VERBS = {"dropped", "drop", "drops", "dropping", "withdrew", "withdrawn", "withdraw", "lifted", "lift",
              "abandoned", "abandon", "waived", "waive"}  # fmt: skip
TRAVEL_VERBS = {"travelled", "traveled", "travels", "travel", "flew", "flies", "fly", "went", "goes", "go", "came",
                "comes", "arrived", "arrives", "headed", "heads", "drove", "returned"}  # fmt: skip


def _without_agreeing(low: list[str], lo: int, s: int) -> bool:
    """ "without agreeing", "without reaching an agreement/a deal": the talks failed to agree."""
    k = s - 1
    while k >= lo and k > s - 4 and low[k] in ("a", "an", "any", "the", "reaching", "striking", "clinching"):
        k -= 1
    return k >= lo and low[k] == "without"


NOUN_VERDICTS = {"condemnation", "criticism", "outcry", "opposition", "objection", "objections", "censure",
                 "condemnations", "criticisms", "protest", "protests", "rebuke", "rebukes", "reprimand",
                 "reprimands", "reproach", "disapproval"}  # fmt: skip


def _as_state(ctx: SentenceContext, m: Mention | None) -> Mention | None:
    """A place that stands for its state after "from"/"by": a capital ("from Riyadh") or a country's territory."""
    if m is None or m.actors or not m.place:
        return m
    state = ctx.lex.capital_of.get(m.place) or f"actor/{m.place.split('/', 1)[1]}"
    entry = ctx.lex.entries.get(state)
    if entry is None or entry.kind != "State":
        return m
    return Mention(m.start, m.end, m.char_start, m.char_end, m.text, actor=state, place=m.place, via="capital")


DISCUSS_WORDS = {"discuss", "discussed", "discussing", "discusses", "about", "regarding", "concerning", "war",
                 "conflict", "crisis", "situation", "fighting"}  # fmt: skip
DRAW_VERBS = {"drew", "drawn", "draws", "drawing", "attracted", "attracts", "faced", "faces", "facing", "sparked",
              "prompted", "provoked", "triggered", "earned", "incurred"}  # fmt: skip
COUNTER_NOUNS = {"counterattack", "counterattacks", "counteroffensive", "counteroffensives", "counter"}
WAR_NOUNS = {"war", "conflict", "fighting", "violence", "crisis", "civil", "uprising", "insurgency"}
EVAC_WORDS = {"evacuate", "evacuated", "evacuates", "evacuating", "evacuation", "evacuations", "evacuees"}
PERMANENT = re.compile(r"permanent|indefinite", re.I)  # "a permanent base", "to remain at the base indefinitely"
ANNOUNCE_WORDS = {"announce", "announced", "announces", "unveiled", "declared"}


ALL_MEANS = re.compile(r"\b(?:every|all)(?: possible| available)? (?:avenues?|options?|means|possibilit(?:y|ies)|"
                       r"legal routes?|routes?)\b")


def _after_of(ctx: SentenceContext, s: int, lo: int) -> bool:
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


def _announce_before(low: list[str], lo: int, s: int) -> bool:
    """True if a past verb of announcing stands before the trigger in its clause ("Moscow announced the ...")."""
    return any(low[k] in ANNOUNCE_WORDS and low[k] != "announce" for k in range(lo, s))


def _humanitarian(ctx: SentenceContext, actor: str) -> bool:
    """True for the UN, its organs and agencies, and humanitarian organisations."""
    kind = getattr(ctx.lex.entries.get(actor), "kind", "")
    return actor in NON_COMBATANT_IDS or kind in ("Organisation", "OrganisationOrgan", "Organization", "Organ")


def _state_of_forces(ctx: SentenceContext, actor: str) -> str:
    """The state of armed forces the gazetteer defines ("actor/russian-armed-forces" -> "actor/russia"), else the
    actor itself."""
    entry = ctx.lex.entries.get(actor)
    return entry.forces_of if entry is not None and entry.kind == "ArmedForces" and entry.forces_of else actor


DRAFT_DEMANDS = {"demands", "demanding", "demanded", "requires", "requiring", "urges", "urging", "seeks", "seeking",
                 "calls", "calling", "call", "demand", "require", "would"}  # fmt: skip


def _demanded_by_draft(low: list[str], lo: int, s: int) -> bool:
    """True if the trigger is in what a draft demands ("a text demanding access for aid convoys")."""
    res = next((k for k in range(lo, s) if low[k] in RES_NOUNS), None)
    return res is not None and any(low[k] in DRAFT_DEMANDS for k in range(res + 1, s))


def _blocked_attempt(low: list[str], lo: int, s: int) -> int | None:
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


PACKAGE_VERBS = {"unveil", "unveiled", "unveils", "announce", "announced", "announces", "launch", "launched",
                 "launches", "pledge", "pledged", "pledges", "approve", "approved", "approves"}  # fmt: skip
ORGANISED = {"organised", "organized", "run", "operated", "arranged", "coordinated", "led", "sent", "dispatched",
             "chartered", "funded"}  # fmt: skip


def _organiser_before(ctx: SentenceContext, lo: int, s: int) -> Mention | None:
    """The by-phrase of an aid carrier before the trigger ("a convoy of 25 trucks organised by the UN delivered")."""
    low = ctx.low
    for k in range(max(lo + 1, s - 12), s):
        if low[k] == "by" and low[k - 1] in ORGANISED and any(
                low[j] in AID_CARRIERS for j in range(max(lo, k - 6), k - 1)):
            b = _by_phrase(ctx, k, s, window=0)
            return b[1] if b else None
    return None


def _attempt_blocked_after(low: list[str], lo: int, s: int, e: int, hi: int) -> int | None:
    """The passive verb of blocking after "an attempt/bid/effort to <trigger> ..." ("... was vetoed by"), if any."""
    if s - 2 < lo or low[s - 1] != "to" or low[s - 2] not in EFFORT_NOUNS:
        return None
    for k in range(e, min(hi, e + 12) - 1):
        if low[k] in ("was", "were", "been") and low[k + 1] in BLOCKED_PASSIVE:
            return k + 1
    return None


CAUSATIVES = {"allow", "allowed", "allows", "allowing", "let", "lets", "permit", "permitted", "help", "helped",
              "helps", "helping", "enable", "enabled", "enables", "urge", "urged", "urges", "ask", "asked", "asks",
              "want", "wants", "wanted", "force", "forced", "forces", "encourage", "encouraged", "persuade",
              "persuaded", "order", "ordered", "orders", "push", "pushed", "pressed", "press"}  # fmt: skip


def _causative_before(ctx: SentenceContext, agent: Mention, lo: int, s: int) -> int | None:
    """The verb whose object the agent is, before "to <trigger>" or a bare infinitive after "help"/"let" ("would
    not allow the YPG to seize", "to help Syrian rebels drive IS out"), if any."""
    k = agent.start - 1
    if k >= lo and ctx.low[k] in ("the", "a", "an", "its", "their"):
        k -= 1
    if k < lo or ctx.low[k] not in CAUSATIVES or agent.end >= len(ctx.low):
        return None
    bare = agent.end == s and ctx.low[k] in ("help", "helped", "helps", "helping", "let", "lets")
    return k if ctx.low[agent.end] == "to" or bare else None


def _possessor_before(ctx: SentenceContext, s: int) -> Mention | None:
    """The actor of a possessive before a noun, past up to two modifiers ("Assad's main regional backer")."""
    for k in range(s - 1, max(ctx.sent.start, s - 4) - 1, -1):
        if ctx.low[k] in ("'s", "’s"):
            m = ctx.by_token.get(k - 1)
            return m if m is not None and m.actors and not m.backed else None
        if not (ctx.doc[k].is_alpha and ctx.doc[k].is_lower) or ctx.low[k] in PREPS | AUX | {"and", "the"}:
            return None
    return None


def _copula_between(low: list[str], a: int, b: int) -> bool:
    """True if only a form of "be" (with adverbs) joins a subject to its predicate noun ("has long been")."""
    gap = low[a:b]
    return bool(gap) and len(gap) <= 4 and any(w in BE_FORMS or w in ("remains", "remained") for w in gap) and all(
        w in BE_FORMS or w in ("has", "have", "had", "long", "always", "still", "remains", "remained", "now", "also")
        for w in gap)


def _blocked_object(ctx: SentenceContext, lo: int, s: int) -> int | None:
    """ "Government forces blocked a UN aid convoy from entering": the verb of blocking whose object the aid is
    (only a determiner, modifiers and names between), if any."""
    for k in range(s - 1, max(lo, s - 5) - 1, -1):
        if ctx.low[k] in BLOCKED and ctx.low[k] != "turned":
            return k
        if not (k in ctx.by_token or ctx.low[k] in ("a", "an", "the", "its", "their", "another", "un", "red")
                or ctx.doc[k].is_alpha and ctx.doc[k].is_lower and ctx.low[k] not in PREPS | AUX):
            return None
    return None


def _person_after(ctx: SentenceContext, e: int, hi: int) -> bool:
    """True if a person or a state's office holder follows right after the trigger ("to see John Kerry")."""
    k = e + 1 if e < hi and ctx.low[e] in ("the", "his", "her", "their") else e
    m = ctx.by_token.get(k)
    return m is not None and m.start == k and any(
        getattr(ctx.lex.entries.get(a), "kind", "") == "Person" for a in m.actors)


def _pronoun_speaker(ctx: SentenceContext, lo: int, s: int) -> list[str]:
    """ "Abe said that he and the Russian President had agreed": "he" joined to an actor is the speaker before."""
    for k in range(lo, s - 1):
        if ctx.low[k] in ("he", "she") and ctx.low[k + 1] == "and":
            speaker = next((m for m in reversed(ctx.mentions) if m.end <= k and m.actor and getattr(
                ctx.lex.entries.get(m.actor), "kind", "") == "Person"), None)  # fmt: skip
            return list(speaker.actors) if speaker is not None else []
    return []


def _travel_destination(ctx: SentenceContext, lo: int, s: int) -> str | None:
    """The place a participant travelled to before a meeting trigger ("flew to Moscow on Thursday for talks")."""
    for m in ctx.mentions:
        if m.place and lo <= m.start < s and m.start >= 2 and ctx.low[m.start - 1] == "to" and (
                ctx.low[m.start - 2] in TRAVEL_VERBS or ctx.low[m.start - 2] == "on"
                and ctx.low[m.start - 3] in TRAVEL_VERBS):  # fmt: skip
            gap = ctx.low[m.end : s]
            if len(gap) <= 5 and not set(gap) & {",", ";", "and", "but", "to"}:
                return m.place
    return None


def _relative_backer(ctx: SentenceContext, s: int) -> tuple[Mention, Mention] | None:
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


def _subject_of(p: Proposal) -> list[str]:
    """The subject of the clause a proposal was read from: its agent, or the defenders of a repelled attack."""
    if "repelled" in p.notes:
        return p.roles.get("target", [])
    subject = next((n.split(":", 1)[1].split() for n in p.notes if n.startswith("subject:")), None)
    return subject or p.roles.get("agent") or p.roles.get("participant") or []


def _subjectless_after_but(ctx: SentenceContext, lo: int) -> bool:
    """True for a clause after "but" that opens with its verb ("... but has no plans to station troops"): it shares
    the subject of the clause before."""
    return lo > ctx.sent.start and ctx.low[lo - 1] == "but" and lo < ctx.sent.end and (
        ctx.low[lo] in AUX or ctx.low[lo] in ("has", "have", "had", "is", "are", "was", "were", "also", "then"))


TIME_CLAUSE_WORDS = {"since", "after", "before", "when", "until", "as"}


def _in_time_clause(low: list[str], lo: int, s: int) -> bool:
    """True for a nominal trigger inside a time clause ("since the offensive began", "after the strikes")."""
    return any(low[k] in TIME_CLAUSE_WORDS for k in range(max(lo, s - 3), s)) and low[s - 1] in ("the", "a", "an")


def _purpose_head_before(low: list[str], lo: int, s: int) -> bool:
    """ "a push to retake", "an offensive on Sunday to drive IS out": an effort noun shortly before "to <verb>"."""
    for k in range(s - 2, max(lo, s - 6) - 1, -1):
        if low[k] in PURPOSE_HEADS:
            return True
        if low[k] in (",", ";", "and", "but", "which", "that", "who", "after", "before"):
            return False
    return False


def _repelled(ctx: SentenceContext, lo: int, s: int) -> int | None:
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


def _infinitive_gap(gap: list[str]) -> bool:
    """The words between "agreed" and a later trigger open its infinitive: "to", "to coordinate", "to share the"."""
    return bool(gap) and gap[0] == "to" and len(gap) <= 4 and not set(gap) & {",", ";", "and", "but", "which",
                                                                              "that", "who", "while"}


def _speaker_of(ctx: SentenceContext, lo: int, s: int) -> Mention | None:
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


BRING_VERBS = {"bring", "brought", "bringing", "rush", "rushed", "rushing", "ferry", "ferried"}


def _is_armed(ctx: SentenceContext, m: Mention) -> bool:
    """True for armed forces or an armed group (named, by a demonym and a force noun, or generically)."""
    kinds = {getattr(ctx.lex.entries.get(a), "kind", "") for a in m.actors}
    return m.via in ("forces", "generic") or bool(kinds & {"ArmedGroup", "ArmedForces"})


def _speech_subject(low: list[str], s: int, lo: int) -> bool:
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


def _modal_after(ctx: SentenceContext, e: int, hi: int) -> str | None:
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


def _is_court(ctx: SentenceContext, actor: str) -> bool:
    entry = ctx.lex.entries.get(actor)
    return bool(entry and entry.kind == "Court") or actor.endswith(("-court", "court-of-justice"))


def _forum(ctx: SentenceContext, p: Proposal) -> None:
    for m in ctx.mentions:
        if m.actor and ("security-council" in m.actor or m.actor.endswith(("general-assembly", "rights-council"))):
            p.add("forum", m.actor)
            return
    text = ctx.sent.text.lower()
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


def _demands(p: Proposal, text: str) -> None:
    for pat, topic in TOPICS[1:4]:
        if pat.search(text):
            p.properties.setdefault("demands", [])
            if topic not in p.properties["demands"]:
                p.properties["demands"].append(topic)


DEMAND_VERBS = {"demand", "demanded", "demands", "stood", "stands", "call", "called", "calls", "urged", "urge",
                "sought", "seeks", "seek", "requested", "requests"}  # fmt: skip


def _resolution_demands(ctx: SentenceContext, earlier: list[Proposal]) -> None:
    """ "The resolution also stood for truce and humanitarian aid": demands added to the draft last mentioned."""
    words = set(ctx.low[ctx.sent.start : ctx.sent.end])
    if not (words & {"resolution", "draft", "text"}) or not (words & DEMAND_VERBS):
        return
    holder = next((p for p in reversed(earlier) if p.roles.get("resolution")), None)
    if holder is None:
        return
    demands = holder.properties.setdefault("demands", [])
    for pat, topic in TOPICS[1:4]:
        if pat.search(ctx.sent.text) and topic not in demands:
            demands.append(topic)


def _resolution_roles(ctx: SentenceContext, p: Proposal, state: _DocState, text: str) -> None:
    """Resolution, sponsor and forum of veto/vote events ('a resolution drafted by France at UN')."""
    low = ctx.low
    sponsor: str | None = None
    for k in range(ctx.sent.start, ctx.sent.end):
        if low[k] in ("resolution", "draft", "text"):
            b = _by_phrase(ctx, k + 1, ctx.sent.end, window=2)
            if b and b[0] in ("drafted", "sponsored", "proposed", "tabled", "submitted", "written", "put"):
                sponsor = b[1].actors[0]
                break
            mod = _modifier_before(ctx, k)
            if (
                mod is not None
                and (mod.modifier or mod.backed)
                and "agent" in p.roles
                and mod.actors[0] not in p.roles["agent"]
            ):
                sponsor = mod.actors[0]
                break
    if sponsor:
        rid = _resolution_id(sponsor, ctx.published, text)
        if (rid, sponsor) not in state.resolutions:
            state.resolutions.append((rid, sponsor))
        p.add("resolution", rid)
        p.properties["sponsor"] = sponsor
    elif state.resolutions:
        p.add("resolution", state.resolutions[0][0] if p.type in ("Vote", "VotePosition") else state.resolutions[-1][0])
    _forum(ctx, p)
    _demands(p, text)


ENVOY_PLURALS = {"ministers", "leaders", "presidents", "delegations", "representatives", "heads", "envoys",
                 "officials", "diplomats", "negotiators", "delegates"}  # fmt: skip


def _parenthetical_speaker(ctx: SentenceContext, m: Mention) -> bool:
    """True for the speaker of an attribution set off by commas (", the Kremlin said,")."""
    j = m.start - 1
    while j > ctx.sent.start and ctx.low[j] in ("the", "a", "an"):
        j -= 1
    if not (j >= ctx.sent.start and ctx.low[j] == "," and m.end < ctx.sent.end and ctx.low[m.end] in TRAILING_SPEECH):
        return False
    after = ctx.low[m.end + 1 : min(ctx.sent.end, m.end + 5)]  # "said," / "said on Sunday." (not "said that ...")
    return not after or any(w in (",", ".", ";") for w in after) and "that" not in after


def _participants(ctx: SentenceContext, lo: int, hi: int, s: int, agent: Mention | None) -> list[str]:
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
        if _parenthetical_speaker(ctx, m):
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


def _postprocess_sentence(ctx: SentenceContext, props: list[Proposal], state: _DocState) -> list[Proposal]:
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
    # "the mortar attack", "an air attack": an attack inside a shelling or strike trigger is that event
    merged = [p for p in merged if not (p.type == "MilitaryOffensive" and any(
        q.type in ("Shelling", "AirStrike") and q.trigger[0] <= p.trigger[0] and p.trigger[1] <= q.trigger[1]
        for q in merged))]
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


def proposal_slug(p: Proposal, published: date | None) -> str:
    """A deterministic, readable event slug: type, main participants, date."""
    who = (
        p.roles.get("agent")
        or p.roles.get("participant")
        or p.roles.get("perpetrator")
        or p.roles.get("resolution")
        or p.roles.get("court")
        or []
    )
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
