"""What a rule reads and writes: the sentence view, the proposal records and the function words they rest on.

:class:`SentenceContext` holds one sentence's mentions with the helpers every slot filler uses (clause bounds,
dates, the trailing attribution, the preposition before a mention); :class:`Proposal` is one proposed fact;
:class:`TriggerContext` and :class:`DocState` carry what a trigger needs from the other triggers of its sentence
and from earlier sentences. They sit below every rule module, with the closed word classes (prepositions,
auxiliaries, forms of "be") that all of them read, so that no two rule modules import each other in a circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dkg.extraction.dates import Tense, find_dates
from dkg.extraction.entities import Lexicon, Mention
from dkg.extraction.triggers import token_view
from spacy.tokens import Doc, Span

# Words that close a clause for slot filling.
CLAUSE_BREAK = {";", "while", "whereas", "but", "however", "although", "though", "whilst", "meanwhile"}
PREPS = {"in", "at", "to", "by", "with", "from", "against", "of", "for", "on", "over", "into", "towards", "toward",
         "inside", "outside", "throughout",
         "near", "under", "during", "between", "among", "than", "about", "after", "before", "like", "across",
         "around", "within", "since", "through", "via", "behind", "beside", "without"}  # fmt: skip

AUX = {"has", "have", "had", "is", "are", "was", "were", "will", "would", "said", "says", "announced", "can",
       "could", "should", "must", "may", "might", "did", "does", "do"}  # fmt: skip

BE_FORMS = {"was", "were", "been", "is", "are", "be", "being", "got", "get"}

# "in northern Syria": a part of a place named by its direction is still behind the preposition
REGION_ADJ = {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
              "northeastern", "northwestern", "southeastern", "southwestern", "north-east", "north-west",
              "south-east", "south-west"}  # fmt: skip

GROUP_ADJ = {"moderate", "mainstream", "secular", "hardline", "radical", "islamist", "jihadist"}  # "the moderate ..."
TRAILING_SPEECH = {"said", "says", "told", "reported", "added", "announced", "stated", "claimed", "confirmed",
                   "according"}  # fmt: skip


def trailing_attribution(low: list[str], lo: int, hi: int) -> int:
    """The last comma of a sentence if a speech verb follows it (", a spokesman in Ankara said on Sunday."),
    else `hi`. Only the last twelve words are looked at."""
    last = hi
    for k in range(hi - 1, max(lo, hi - 13), -1):
        if low[k] == ",":
            last = k if any(w in TRAILING_SPEECH for w in low[k + 1 : hi]) else hi
            break
    if last < hi and low[last + 1] == "according":
        return last
    # ", according to the Observatory, a Britain-based monitor." / "..., which said ...": the hedge opens the
    # attribution even when a description of the source follows it
    for k in range(min(last, hi - 2), max(lo, hi - 26), -1):
        if low[k] == "," and low[k + 1] == "according" and low[k + 2] == "to":
            return k
    return last


class SentenceContext:
    """Mentions of one sentence with helpers for slot filling."""

    def __init__(self, doc: Doc, sent: Span, mentions: list[Mention], lex: Lexicon, published: date | None) -> None:
        self.doc = doc
        self.low = token_view(doc).low
        self.sent = sent
        self.text = sent.text  # Span.text joins the tokens on every access; the rules read it per match
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
            self._said_at = trailing_attribution(self.low, self.sent.start, self.sent.end)
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


@dataclass
class TriggerContext:
    """Where a trigger stands among the other triggers of its sentence."""

    next_start: int  # start of the next trigger (or the sentence end)
    prev_end: int  # end of the previous trigger (or the sentence start)
    prev_type: str | None  # event type of the previous trigger
    previous: list[Proposal]  # proposals already made in the sentence
    mains: list[tuple[str, int, int]] = field(default_factory=list)  # the sentence's main triggers (type, s, e)


@dataclass
class DocState:
    """Discourse state across sentences: last resolution, last offensive, last vote."""

    resolutions: list[tuple[str, str | None]] = field(default_factory=list)  # (id, sponsor)
    last_offensive: Proposal | None = None
    last_vote: str | None = None
    focus_place: str | None = None  # the city the article is about (mentioned at least twice)
