"""The value of a dated expression against an anchor date, keeping its written precision."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from ..model import DateValue, TimeMention
from .anchors import anniversary_base
from .patterns import WEEKDAYS, _day, _expand_year, _month


def _safe_date(y: int, m: int, d: int) -> date | None:
    if not (1 <= y <= 9999 and 1 <= m <= 12):
        return None
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return date(y, m, d)


def _nearest_year_for(month: int, day: int, anchor: date, future: bool | None) -> date | None:
    options = [_safe_date(anchor.year + k, month, day) for k in (-1, 0, 1)]
    options = [d for d in options if d]
    if not options:
        return None
    if future is True:
        ahead = [d for d in options if d >= anchor]
        return min(ahead) if ahead else None
    if future is False:
        behind = [d for d in options if d <= anchor]
        close = [d for d in behind if (anchor - d).days <= 300]
        if close:
            return max(close)
    return min(options, key=lambda d: abs((d - anchor).days))


def resolve(
    t: TimeMention, anchor: date | None, future: bool = False, article_text: str = ""
) -> DateValue | None:
    """The value of a mention; None when it needs an anchor and has none, or is impossible."""
    f, kind = t.fields, t.kind
    t.inferred = kind not in (
        "iso",
        "full_mdy",
        "full_dmy",
        "year",
        "year_range",
        "decade",
        "month_year",
    )
    try:
        if kind == "iso":
            d = _safe_date(int(f["y"]), int(f["m"]), int(f["d"]))
            return DateValue.day(d) if d else None
        if kind in ("full_mdy", "full_dmy"):
            d = _safe_date(int(f["y"]), _month(f["mon"]), _day(f["d"]))
            return DateValue.day(d) if d else None
        if kind == "year":
            return DateValue.year(int(f["y"]))
        if kind == "year_range":
            y1 = int(f["y1"])
            return DateValue.span(date(y1, 1, 1), date(_expand_year(y1, f["y2"]), 12, 31))
        if kind == "decade":
            y = int(f["y"])
            return DateValue.span(date(y, 1, 1), date(y + 9, 12, 31))
        if kind == "month_year":
            return DateValue.month(int(f["y"]), _month(f["mon"]))
        if kind == "anniversary":
            base = anniversary_base(int(f["n"]), f["what"], article_text)
            return DateValue.year(base) if base else None
        if kind == "part_month" and "y" in f:
            return _part_of_month(int(f["y"]), _month(f["mon"]), f["part"])
        if anchor is None:
            return None
        return _relative(kind, f, anchor, future)
    except (ValueError, OverflowError):
        return None


def _relative(kind: str, f: dict, anchor: date, future: bool) -> DateValue | None:
    if kind == "month_day":
        d = _nearest_year_for(_month(f["mon"]), _day(f["d"]), anchor, future)
        return DateValue.day(d) if d else None
    if kind == "day_month":
        d = _nearest_year_for(_month(f["mon"]), _day(f["d"]), anchor, future)
        return DateValue.day(d) if d else None
    if kind == "month_rel_year":
        step = {"last": -1, "this": 0, "next": 1}[f["rel"].lower()]
        return DateValue.month(anchor.year + step, _month(f["mon"]))
    if kind == "month_range":
        first = _month_near(_month(f["mon"]), anchor, future, "in")
        last_month = _month(f["mon2"])
        year = first.start.year if last_month >= first.start.month else first.start.year + 1
        return DateValue.span(first.start, DateValue.month(year, last_month).end)
    if kind == "month_only":
        prep = f["prep"].lower()
        return _month_near(_month(f["mon"]), anchor, future, "in" if prep.startswith("as") else prep)
    if kind == "part_month":
        mv = _month_near(_month(f["mon"]), anchor, future, "in")
        return _part_of_month(mv.start.year, mv.start.month, f["part"]) if mv else None
    if kind == "nth_of":
        return _nth_of(_day(f["d"]), (f.get("rel") or "").lower(), anchor, future)
    if kind == "weekday":
        return DateValue.day(_weekday(f, anchor, future))
    if kind == "deictic":
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[f["word"].lower()]
        return DateValue.day(anchor + timedelta(days=shift))
    if kind == "rel_span":
        return _rel_span(f["edge"].lower(), f["unit"].lower(), anchor)
    if kind == "rel_unit":
        return _rel_unit(f["rel"].lower(), f["unit"].lower(), anchor)
    return None


def _weekday(f: dict, anchor: date, future: bool) -> date:
    target = WEEKDAYS.index(f["wd"].lower())
    rel = (f.get("rel") or "").lower()
    back = (anchor.weekday() - target) % 7  # days back to the latest such day, 0 = today
    ahead = (target - anchor.weekday()) % 7
    if rel in ("last", "past", "previous"):
        return anchor - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return anchor + timedelta(days=ahead or 7)
    if rel == "this":
        return anchor + timedelta(days=ahead)
    if future:
        return anchor + timedelta(days=ahead or 7)
    return anchor - timedelta(days=back)


def _month_near(month: int, anchor: date, future: bool, prep: str) -> DateValue:
    """A month written without a year: the occurrence the wording and tense point to.

    With no tense either way, the nearest occurrence wins: news writes "last March" or
    "in March last year" for a month long past, and "in March" for one close by.
    """
    if prep == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif prep == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif prep == "this":
        year = anchor.year
    elif future:
        year = anchor.year if month >= anchor.month else anchor.year + 1
    elif prep == "since" or month <= anchor.month:
        year = anchor.year if month <= anchor.month else anchor.year - 1
    else:  # a later month than the anchor's: nearest of last year's and this year's
        ahead = month - anchor.month
        year = anchor.year if ahead <= 12 - ahead else anchor.year - 1
    return DateValue.month(year, month)


def _part_of_month(year: int, month: int, part: str) -> DateValue:
    last = calendar.monthrange(year, month)[1]
    part = " ".join(part.lower().split())
    lo, hi = {
        "early": (1, 10),
        "beginning of": (1, 10),
        "start of": (1, 10),
        "mid": (11, 20),
        "middle of": (11, 20),
        "late": (21, last),
        "end of": (21, last),
    }[part]
    return DateValue.span(date(year, month, lo), date(year, month, hi))


def _nth_of(day: int, rel: str, anchor: date, future: bool) -> DateValue | None:
    y, m = anchor.year, anchor.month
    if rel == "last" or rel == "the previous":
        m -= 1
    elif rel == "next":
        m += 1
    elif not rel and not future and day > anchor.day:
        m -= 1
    elif not rel and future and day < anchor.day:
        m += 1
    if m == 0:
        y, m = y - 1, 12
    elif m == 13:
        y, m = y + 1, 1
    d = _safe_date(y, m, day)
    return DateValue.day(d) if d else None


def _week_of(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _rel_span(edge: str, unit: str, anchor: date) -> DateValue | None:
    if unit == "week":
        lo, hi = _week_of(anchor)
    elif unit == "month":
        lo = anchor.replace(day=1)
        hi = anchor.replace(day=calendar.monthrange(anchor.year, anchor.month)[1])
    else:
        lo, hi = date(anchor.year, 1, 1), date(anchor.year, 12, 31)
    if edge == "earlier":
        hi = anchor - timedelta(days=1)
    else:
        lo = anchor + timedelta(days=1)
    if hi < lo:
        return DateValue.day(anchor)
    return DateValue.span(lo, hi)


def _rel_unit(rel: str, unit: str, anchor: date) -> DateValue:
    step = {
        "this": 0,
        "last": -1,
        "past": -1,
        "previous": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
    }[rel]
    if unit == "week":
        lo, hi = _week_of(anchor + timedelta(weeks=step))
        return DateValue.span(lo, hi, "week")
    if unit == "month":
        y, m = anchor.year, anchor.month + step
        if m == 0:
            y, m = y - 1, 12
        elif m == 13:
            y, m = y + 1, 1
        return DateValue.month(y, m)
    return DateValue.year(anchor.year + step)
