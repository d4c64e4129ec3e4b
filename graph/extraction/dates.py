"""Resolve date expressions of news text against the article's publication date.

The result is the fragment of a fact-sheet fact that carries valid time: exactly one of
``{"date": "YYYY-MM-DD"}``, ``{"month": "YYYY-MM"}``, ``{"since": "YYYY-MM-DD"}`` or
``{"relative": "recently"}`` (the compiler turns the last into bounds around the anchor).

News convention: a bare weekday or month names the most recent one on or before the publication date when
the clause is in the past tense, and the next one on or after it when the clause speaks of the future.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Tense = Literal["past", "future"]

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"  # noqa: E501
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# Order matters: the first pattern that matches at a position wins (longest forms first).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b(?P<since>since |from )?{_YEAR}-(?P<mnum>[01]\d)-(?P<dnum>[0-3]\d)\b")),
    ("md", re.compile(rf"\b(?P<since>(?:ever )?since |from )?(?:on )?{_MONTH} {_DAY}(?:,? {_YEAR})?\b")),
    ("dm", re.compile(rf"\b(?P<since>(?:ever )?since |from )?(?:on )?(?:the )?{_DAY} (?:of )?{_MONTH}(?:,? {_YEAR})?\b")),  # noqa: E501
    ("month", re.compile(rf"\b(?P<since>(?:ever )?since |from )?(?:in |during |by |(?:early|late|mid)[- ])?(?:(?P<rel>last|next|this) )?{_MONTH}(?: {_YEAR}|,? (?:of )?(?P<yrel>last|next|this) year)?\b")),  # noqa: E501
    ("weekday", re.compile(rf"\b(?P<since>since )?(?:on |last |this |next )?{_WEEKDAY}\b")),
    ("yesterday", re.compile(r"\b(?P<word>yesterday|today|tomorrow|the day before)\b", re.I)),
    ("month_rel", re.compile(r"\b(?P<word>earlier this month|this month|last month|next month|the end of the month|"
                             r"the end of this month)\b", re.I)),
    ("recent", re.compile(r"\b(?P<word>recently|lately|in recent (?:days|weeks)|earlier this (?:week|year)|last week|this week|next week|in the coming (?:days|weeks)|soon)\b", re.I)),  # noqa: E501
]  # fmt: skip


# What every pattern above needs somewhere in the text: a clause without any of it has no date (most clauses).
# Three cheap tests instead of one regex: an alternation that starts with \d or holds a case-insensitive group
# loses the regex engine's literal scan (one such regex took five times as long on the clauses of 50 articles).
_DATE_NAMES = re.compile(
    r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
_DATE_WORDS = ("yesterday", "today", "tomorrow", "the day before", "month", "recent", "lately", "week",
               "earlier this", "coming", "soon", "next day", "following day", "day later", "day after",
               "days after", "day before", "days before")  # fmt: skip
_ISO_START = re.compile(r"\d{4}-")


def may_hold_date(text: str) -> bool:
    """Whether `text` holds something every date pattern needs (a month or weekday name, a relative word such
    as 'yesterday' in any case, or 'YYYY-'): if not, `find_dates` finds nothing and is skipped."""
    if _DATE_NAMES.search(text):
        return True
    low = text.lower()
    return any(w in low for w in _DATE_WORDS) or ("-" in text and _ISO_START.search(text) is not None)


# "flew to Moscow on Thursday ... and went on to Washington the next day": a day after the date before it
_NEXT_DAY = re.compile(r"\b(?:the next day|the following day|a day later)\b", re.I)


# "summoned the envoy on Sunday, a day after Russian jets bombed ...": what follows happened the day before
_DAYS_APART = re.compile(r"\b(?P<n>a|one|two|three) days? (?P<rel>after|before)\b", re.I)
_DAY_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3}
_NEXT_TEXTS = ("the next day", "the following day", "a day later")


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text and what it resolves to."""

    start: int  # offset in the searched string
    end: int
    text: str
    value: dict[str, str]  # the fact-sheet fragment: date | month | since | relative

    @property
    def kind(self) -> str:
        """`date`, `month`, `since` or `relative`."""
        return next(iter(self.value))


def _month_year(month: int, anchor: date, tense: Tense, rel: str | None = None) -> tuple[int, int]:
    """The year of a bare month name relative to the anchor (past: on/before; future: on/after)."""
    if rel == "last":
        return (anchor.year if month < anchor.month else anchor.year - 1), month
    if rel == "next":
        return (anchor.year if month > anchor.month else anchor.year + 1), month
    if rel == "this":
        return anchor.year, month
    if tense == "future":
        return (anchor.year if month >= anchor.month else anchor.year + 1), month
    return (anchor.year if month <= anchor.month else anchor.year - 1), month


def _day_date(month: int, day: int, anchor: date, tense: Tense, year: int | None) -> date | None:
    """The full date of "<month> <day>" without a year, on/before (past) or on/after (future) the anchor."""
    try:
        if year is not None:
            return date(year, month, day)
        cand = date(anchor.year, month, day)
    except ValueError:
        return None
    if tense == "future" and cand < anchor:
        try:
            return date(anchor.year + 1, month, day)
        except ValueError:
            return None
    if tense == "past" and cand > anchor:
        try:
            return date(anchor.year - 1, month, day)
        except ValueError:
            return None
    return cand


def weekday_date(weekday: int, anchor: date, tense: Tense = "past") -> date:
    """The most recent given weekday on/before the anchor (past) or the next one on/after it (future)."""
    if tense == "future":
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _resolve(kind: str, m: re.Match[str], anchor: date, tense: Tense) -> dict[str, str] | None:
    gd = m.groupdict()
    since = bool(gd.get("since"))
    key = "since" if since else "date"
    if kind == "iso":
        try:
            d = date(int(gd["year"]), int(gd["mnum"]), int(gd["dnum"]))
        except ValueError:
            return None
        return {key: d.isoformat()}
    if kind in ("md", "dm"):
        month = MONTHS[gd["month"].lower().rstrip(".")]
        day = int(gd["day"])
        year = int(gd["year"]) if gd.get("year") else None
        d = _day_date(month, day, anchor, "past" if since else tense, year)
        return {key: d.isoformat()} if d else None
    if kind == "month":
        month = MONTHS[gd["month"].lower().rstrip(".")]
        if gd.get("year"):
            y = int(gd["year"])
        elif gd.get("yrel"):  # "in July last year", "in March of next year"
            y = anchor.year + {"last": -1, "next": 1, "this": 0}[gd["yrel"]]
        else:
            y, _ = _month_year(month, anchor, "past" if since else tense, gd.get("rel"))
        if since:
            return {"since": date(y, month, 1).isoformat()}
        return {"month": f"{y:04d}-{month:02d}"}
    if kind == "weekday":
        said = m.group(0).lower()  # "next Saturday" is to come and "last Saturday" past, whatever the clause's tense
        rel_tense: Tense = "future" if said.startswith("next ") else "past" if said.startswith("last ") else tense
        d = weekday_date(WEEKDAYS[gd["weekday"].lower()], anchor, "past" if since else rel_tense)
        if (m.group(0).lower().startswith("last ")) and d == anchor:
            d -= timedelta(days=7)
        if m.group(0).lower().startswith("next ") and d == anchor:
            d += timedelta(days=7)
        return {key: d.isoformat()}
    word = gd["word"].lower()
    if kind == "yesterday":
        delta = {"yesterday": -1, "the day before": -1, "today": 0, "tomorrow": 1}[word]
        return {"date": (anchor + timedelta(days=delta)).isoformat()}
    if kind == "month_rel":
        if word.startswith("last"):
            y, mo = (anchor.year, anchor.month - 1) if anchor.month > 1 else (anchor.year - 1, 12)
        elif word.startswith("next"):
            y, mo = (anchor.year, anchor.month + 1) if anchor.month < 12 else (anchor.year + 1, 1)
        else:
            y, mo = anchor.year, anchor.month
        return {"month": f"{y:04d}-{mo:02d}"}
    return {"relative": word}


def find_dates(text: str, anchor: date, tense: Tense = "past") -> list[DateMention]:
    """All date expressions in `text`, left to right, without overlaps, resolved against `anchor`."""
    found: list[DateMention] = []
    if not may_hold_date(text):
        return found
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "month" and m.group("month") == "May" and not _may_is_month(text, s, m):
                continue
            if kind == "month" and m.group("month") in ("Mar", "Jan", "Dec") and not m.group(0)[0].isupper():
                continue
            value = _resolve(kind, m, anchor, tense)
            if value is None:
                continue
            taken.append((s, e))
            found.append(DateMention(s, e, m.group(0), value))
    found.sort(key=lambda d: d.start)
    for m in _NEXT_DAY.finditer(text):
        before = [d for d in found if d.end <= m.start() and "date" in d.value]
        if before:
            day = date.fromisoformat(before[-1].value["date"]) + timedelta(days=1)
            found.append(DateMention(m.start(), m.end(), m.group(0), {"date": day.isoformat()}))
    for m in _DAYS_APART.finditer(text):
        before = [d for d in found if d.end <= m.start() and "date" in d.value and d.text not in _NEXT_TEXTS]
        if before:
            n = _DAY_COUNTS[m.group("n").lower()] * (-1 if m.group("rel").lower() == "after" else 1)
            day = date.fromisoformat(before[-1].value["date"]) + timedelta(days=n)
            found.append(DateMention(m.start(), m.end(), m.group(0), {"date": day.isoformat()}))
    found.sort(key=lambda d: d.start)
    return found


def _may_is_month(text: str, start: int, m: re.Match[str]) -> bool:
    """'May' is a month only after a preposition or before a day/year (not the modal verb)."""
    g = m.group(0)
    if g != "May":
        return True  # preceded by in/since/... or followed by a year inside the match
    after = text[m.end() : m.end() + 6]
    return bool(re.match(r"\s*\d", after)) or text[max(0, start - 4) : start].lower().strip() in ("in", "of")


def resolve_date(expression: str, anchor: date, tense: Tense = "past") -> dict[str, str] | None:
    """Resolve one date expression ("on Saturday", "in October", "since September 22", "recently")."""
    found = find_dates(expression, anchor, tense)
    return found[0].value if found else None
