"""Relative dates resolve against the publication date."""

from __future__ import annotations

from datetime import date

import pytest
from dkg.extraction import dates
from dkg.extraction.dates import find_dates, resolve_date, weekday_date
from hypothesis import given, settings
from hypothesis import strategies as st

MON = date(2016, 10, 10)  # a Monday, the seed article's publication date


@pytest.mark.parametrize(
    "text,tense,expected",
    [
        ("on Saturday", "past", {"date": "2016-10-08"}),
        ("on Friday", "past", {"date": "2016-10-07"}),
        ("on Monday", "past", {"date": "2016-10-10"}),
        ("last Monday", "past", {"date": "2016-10-03"}),
        ("on Saturday", "future", {"date": "2016-10-15"}),
        ("next Monday", "future", {"date": "2016-10-17"}),
        ("in October", "past", {"month": "2016-10"}),
        ("in October", "future", {"month": "2016-10"}),
        ("in November", "past", {"month": "2015-11"}),
        ("in November", "future", {"month": "2016-11"}),
        ("in September", "future", {"month": "2017-09"}),
        ("since September 22", "past", {"since": "2016-09-22"}),
        ("Ever since September 22", "past", {"since": "2016-09-22"}),
        ("since 22 September", "past", {"since": "2016-09-22"}),
        ("since September", "past", {"since": "2016-09-01"}),
        ("on October 8", "past", {"date": "2016-10-08"}),
        ("on 8 October 2016", "past", {"date": "2016-10-08"}),
        ("on December 20", "past", {"date": "2015-12-20"}),
        ("on December 20", "future", {"date": "2016-12-20"}),
        ("2016-10-08", "past", {"date": "2016-10-08"}),
        ("yesterday", "past", {"date": "2016-10-09"}),
        ("today", "past", {"date": "2016-10-10"}),
        ("tomorrow", "future", {"date": "2016-10-11"}),
        ("last month", "past", {"month": "2016-09"}),
        ("earlier this month", "past", {"month": "2016-10"}),
        ("recently", "past", {"relative": "recently"}),
        ("last week", "past", {"relative": "last week"}),
    ],
)
def test_resolve(text: str, tense: str, expected: dict[str, str]) -> None:
    assert resolve_date(text, MON, tense) == expected  # type: ignore[arg-type]


def test_weekday_on_the_anchor_day_itself() -> None:
    assert weekday_date(0, MON, "past") == MON
    assert weekday_date(0, MON, "future") == MON


def test_year_boundary() -> None:
    jan = date(2017, 1, 3)
    assert resolve_date("in December", jan, "past") == {"month": "2016-12"}
    assert resolve_date("last month", jan, "past") == {"month": "2016-12"}
    assert resolve_date("on December 30", jan, "past") == {"date": "2016-12-30"}


def test_modal_may_is_not_a_month() -> None:
    assert find_dates("Russia may veto the text.", MON) == []
    assert resolve_date("in May", MON) == {"month": "2016-05"}


def test_offsets_point_into_the_text() -> None:
    text = "The talks, held on Saturday in Geneva, follow a meeting in September."
    found = find_dates(text, MON)
    assert [text[d.start : d.end] for d in found] == ["on Saturday", "in September"]
    assert [d.kind for d in found] == ["date", "month"]


def test_no_date() -> None:
    assert resolve_date("the council met", MON) is None


_WORDS = ["since", "from", "on", "the", "of", "in", "during", "by", "early", "mid-", "late", "last", "next", "this",
          "ever", "2016-10-08", "1999-01-31", "2016", "22", "3rd", "21st", ",", ".", "Sept.", "Sept", "Sep", "May",
          "may", "Jan", "March", "mar", "Saturday", "sunday", "Yesterday", "TODAY", "tomorrow", "day", "before",
          "earlier", "month", "Month", "recently", "Lately", "recent", "days", "weeks", "week", "year", "coming",
          "soon", "Soon", "Russia", "vetoed", "draft", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=8), st.sampled_from([" ", "", "-"]))
def test_the_quick_prefilter_never_hides_a_date(words: list[str], sep: str) -> None:
    """A clause the prefilter skips would have yielded no date from the full patterns."""
    text = sep.join(words)
    if any(p.search(text) for _kind, p in dates._PATTERNS):
        assert dates.may_hold_date(text), text


def test_next_day_after_a_dated_clause() -> None:
    """Extractor 1.8.0: "the next day", "the following day", "a day later" are the day after the date before."""
    got = find_dates("She flew to Moscow on Thursday and on to Paris the next day.", date(2016, 10, 10))
    assert [d.value for d in got] == [{"date": "2016-10-06"}, {"date": "2016-10-07"}]
    assert [d.value for d in find_dates("On October 3 talks began; a day later they ended.", date(2016, 10, 10))] == [
        {"date": "2016-10-03"}, {"date": "2016-10-04"}]
    assert find_dates("The talks ended the following day.", date(2016, 10, 10)) == []



def test_prefilter_skips_texts_without_dates() -> None:
    assert not dates.may_hold_date("Russia vetoed the draft resolution at the council")
    assert dates.may_hold_date("the council met on Saturday") and dates.may_hold_date("since 2016-09-22")


def test_month_of_last_or_next_year() -> None:
    """Extractor 1.9.0: "in July last year", "in March of next year" name the month of that year."""
    assert resolve_date("in July last year", MON) == {"month": "2015-07"}
    assert resolve_date("in March of next year", MON, "future") == {"month": "2017-03"}
    assert resolve_date("in December this year", MON, "future") == {"month": "2016-12"}
