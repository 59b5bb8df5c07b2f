"""Dates that only the rest of the article can settle: a time of day belongs to the day the
story is telling, "two weeks after taking office" counts from an office holder's term."""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta

from ..model import DateValue, TimeMention
from .years import office_terms_named

UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def settle(text: str, mentions: list[TimeMention], anchor: date | None) -> None:
    """Give time-of-day and after-taking-office mentions their values, in place."""
    days = [t for t in mentions if t.value is not None and t.value.granularity == "day"]
    starts = [t.start for t in days]
    for t in mentions:
        if t.value is not None:
            continue
        if t.kind == "time_of_day":
            t.value = _day_of(t, days, starts, text, anchor)
            t.inferred = True
        elif t.kind == "after_office" and anchor is not None:
            t.value = _after_office(t, text, anchor)
            t.inferred = True


def _day_of(t: TimeMention, days, starts, text: str, anchor: date | None) -> DateValue | None:
    """The day named next to the time ("at 5 p.m. on Tuesday"), else the last day named before
    it in its paragraph ("met on Tuesday ... at around 5 p.m."), else the article's day."""
    i = bisect_left(starts, t.start)
    if i < len(days) and days[i].start - t.end <= 12 and "\n" not in text[t.end : days[i].start]:
        return days[i].value
    if i > 0 and "\n\n" not in text[days[i - 1].end : t.start]:
        return days[i - 1].value
    return DateValue.day(anchor) if anchor else None


def _after_office(t: TimeMention, text: str, anchor: date) -> DateValue | None:
    """The office holder named last before the phrase whose term covers the article's date."""
    from .resolve import _number

    terms = [(pos, start) for pos, start in office_terms_named(text, anchor) if pos < t.start]
    if not terms:
        return None
    start = max(terms)[1]
    n = _number(t.fields["n"])
    return DateValue.day(start + timedelta(days=n * UNIT_DAYS[t.fields["unit"].lower()]))
