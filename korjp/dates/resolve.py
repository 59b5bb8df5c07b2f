"""The value of a dated expression against an anchor date, keeping its written precision."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from ..lexicon import calendar_words
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
    t.inferred = kind not in ABSOLUTE or (kind in WITH_OPTIONAL_YEAR and not (f.get("y") or f.get("y1")))
    try:
        value = _absolute(kind, f)
        if value is not None:
            return value
        if kind == "years_after":
            return _years_after(f, article_text)
        if kind == "iso":
            d = _safe_date(int(f["y"]), int(f["m"]), int(f["d"]))
            return DateValue.day(d) if d else None
        if kind in ("full_mdy", "full_dmy"):
            d = _safe_date(int(f["y"]), _month(f["mon"]), _day(f["d"]))
            return DateValue.day(d) if d else None
        if kind == "year":
            return DateValue.year(int(f["y"]))  # "mid-1996" and "late 1996" stay the year
        if kind == "year_range":
            y1 = int(f["y1"])
            return DateValue.span(date(y1, 1, 1), date(_expand_year(y1, f["y2"]), 12, 31))
        if kind == "month_year":
            return DateValue.month(int(f["y"]), _month(f["mon"]))
        if kind == "anniversary":
            base = anniversary_base(int(f["n"]), f["what"], article_text)
            return DateValue.year(base) if base else None
        if kind == "part_month" and "y" in f:
            return _part_of_month(int(f["y"]), _month(f["mon"]), f["part"])
        if anchor is None:
            return None
        return _relative(kind, f, anchor, future) or _calendar(kind, f, anchor, future)
    except (ValueError, OverflowError, KeyError):
        return None


ABSOLUTE = {
    "end_of_year",
    "iso",
    "full_mdy",
    "full_dmy",
    "year",
    "year_range",
    "decade",
    "month_year",
    "century",
    "years_after",
}
WITH_OPTIONAL_YEAR = {"day_range", "quarter", "quarter_code", "season", "fiscal", "holiday", "century"}
QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _years_after(f: dict, article_text: str) -> DateValue | None:
    """ "80 years after the end of World War II": the anchor event's year, plus or minus N."""
    from .anchors import match_anchor

    anchor = match_anchor(f["what"], article_text)
    if anchor is None:
        return None
    n = _number(f["n"]) * (-1 if f["dir"].lower() == "before" else 1)
    return DateValue.year(anchor["date"].year + n)


def _absolute(kind: str, f: dict) -> DateValue | None:
    """Values the words fix by themselves: a quarter, season or fiscal year with its year,
    a decade, a century by number, a known event."""
    if kind == "day_range" and f.get("y"):
        return _day_range(int(f["y"]), f)
    if kind == "quarter" and (f.get("y1") or f.get("y2")):
        return _quarter(int(f.get("y1") or f["y2"]), QUARTERS[f["q"].lower()])
    if kind == "quarter_code" and f.get("y"):
        return _quarter(int(f["y"]), int(f["qn"]))
    if kind == "season" and f.get("y"):
        return _season(int(f["y"]), f.get("s3") or "")
    if kind == "fiscal" and (f.get("y") or f.get("y2")):
        return DateValue.year(int(f.get("y") or f["y2"]))
    if kind == "holiday" and f.get("y"):
        m, d = _holiday(f["h"])
        return DateValue.day(date(int(f["y"]), m, d))
    if kind == "end_of_year":
        return DateValue.year(int(f["y"]))
    if kind == "century" and f.get("ord"):
        start = (int(f["ord"]) - 1) * 100
        return DateValue.span(date(max(start, 1), 1, 1), date(start + 99, 12, 31))
    if kind == "decade" and f.get("y"):
        y = int(f["y"])
        return DateValue.span(date(y, 1, 1), date(y + 9, 12, 31))
    if kind == "known_event":
        event = _known_event(f["ev"])
        return DateValue.span(event["start"], event["end"]) if event else None
    return None


def _calendar(kind: str, f: dict, anchor: date, future: bool) -> DateValue | None:
    """Calendar units resolved against the article's date: quarters, "two years ago",
    seasons, decades and centuries named without their digits, weekends, the year's end,
    fiscal years, holidays, "the previous day", "the first ... in 12 years"."""
    if kind == "day_range":
        first = _nearest_year_for(_month(f["mon"]), _day(f["d"]), anchor, future)
        return _day_range(first.year, f) if first else None
    if kind in ("quarter", "quarter_code"):
        q = QUARTERS[f["q"].lower()] if kind == "quarter" else int(f["qn"])
        step = {"last": -1, "this": 0, "next": 1}.get((f.get("rel") or f.get("rel0") or "").lower())
        if step is not None:
            return _quarter(anchor.year + step, q)
        value = _quarter(anchor.year, q)  # results are reported after the quarter: the latest one
        return value if value.start <= anchor else _quarter(anchor.year - 1, q)
    if kind == "quarter_ref":
        return _quarter_ref(f, anchor)
    if kind == "year_earlier" or (kind == "ago" and f.get("context_q") and f["unit"].lower() == "year"):
        if f.get("context_q") and (kind == "year_earlier" or _number(f["n"]) == 1):
            return _quarter_ref({"context_q": f["context_q"], "back": True}, anchor)  # results a year ago
        return DateValue.year(anchor.year - 1)
    if kind == "ago":
        n = _number(f["n"])
        unit = f["unit"].lower()
        if unit in ("year", "decade"):
            return DateValue.year(anchor.year - n * (10 if unit == "decade" else 1))
        if unit == "month":
            y, m = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
            return DateValue.month(y, m + 1)
        if unit == "week":
            lo, hi = _week_of(anchor - timedelta(weeks=n))
            return DateValue.span(lo, hi, "week")
        return DateValue.day(anchor - timedelta(days=n))
    if kind == "season":
        return _season_near(f.get("s") or f.get("s2") or "", (f.get("rel") or "").lower(), anchor, future)
    if kind == "decade":
        n = int(f["yy"]) if f.get("yy") else _decade_word(f["w"])
        y = 2000 + n if 2000 + n + 9 < anchor.year else 1900 + n
        return DateValue.span(date(y, 1, 1), date(y + 9, 12, 31))
    if kind == "century":
        step = {"past": -1, "last": -1, "previous": -1, "this": 0, "current": 0, "next": 1}[f["rel"].lower()]
        start = (anchor.year // 100 + step) * 100
        return DateValue.span(date(start, 1, 1), date(start + 99, 12, 31))
    if kind == "weekend":
        return _weekend((f.get("rel") or "").lower(), bool(f.get("over")), anchor, future)
    if kind == "year_end":
        step = {"last": -1, "next": 1}.get((f.get("rel") or "").lower(), 0)
        year = int(f["y"]) if f.get("y") else anchor.year + step
        if f.get("whole"):
            return DateValue.year(year)  # "by the end of the year": the year it closes
        return DateValue.day(date(year, 12, 31))  # "year-end": its last day
    if kind == "fiscal":
        step = {"last": -1, "previous": -1, "next": 1}.get(f["rel"].lower(), 0)
        return DateValue.year(anchor.year + step)
    if kind == "holiday":
        m, d = _holiday(f["h"])
        day = _nearest_year_for(m, d, anchor, future)
        return DateValue.day(day) if day else None
    if kind == "day_rel":
        rel = " ".join(f["rel"].lower().split())
        shift = (
            -1
            if ("previous" in rel or "before" in rel)
            else 1
            if ("next" in rel or "following" in rel or "after" in rel)
            else 0
        )
        return DateValue.day(anchor + timedelta(days=shift))
    if kind == "part_rel":
        base = _rel_unit(f["rel"].lower(), f["unit"].lower(), anchor)
        part = " ".join(f["part"].lower().replace("the ", "").split())
        if part in ("end of", "beginning of", "start of"):
            return base  # "by the end of this month": the month it closes
        if f["unit"].lower() == "month":
            return _part_of_month(base.start.year, base.start.month, part)
        thirds = {"early": (1, 4), "mid": (5, 8)}
        lo, hi = thirds.get(part, (9, 12))
        year = base.start.year
        return DateValue.span(DateValue.month(year, lo).start, DateValue.month(year, hi).end)
    if kind == "past_n":  # "the past 30 days": up to the article's day
        n, unit = _number(f["n"]), f["unit"].lower()
        days = {"day": 1, "week": 7}.get(unit)
        if days:
            return DateValue.span(anchor - timedelta(days=n * days), anchor)
        if unit == "month":
            y, m = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
            return DateValue.span(date(y, m + 1, min(anchor.day, 28)), anchor)
        return DateValue.span(date(anchor.year - n, 1, 1), date(anchor.year, 12, 31))
    if kind == "unit_rel":  # "the year before", "the following month": next to the article's
        rel = (f.get("rel") or f.get("rel2") or "").lower()
        step = -1 if rel in ("previous", "before", "earlier") else 1
        return _rel_unit("last" if step < 0 else "next", (f.get("unit") or f["unit2"]).lower(), anchor)
    if kind == "first_in":
        n = _number(f["n"]) * (10 if f["unit"].lower().startswith("decade") else 1)
        return DateValue.span(date(anchor.year - n, 1, 1), date(anchor.year, 12, 31))
    return None


def _quarter_ref(f: dict, anchor: date) -> DateValue:
    """ "the latest quarter", "this quarter", "the year-earlier quarter", "the quarter": the
    quarter the article last named (`context_q`, set by the caller) or the last one ended."""
    current = (anchor.month - 1) // 3 + 1
    year, q = f.get("context_q") or ((anchor.year, current - 1) if current > 1 else (anchor.year - 1, 4))
    rel = " ".join((f.get("rel") or f.get("rel2") or "").lower().split())
    if rel in ("this", "current"):
        year, q = anchor.year, current
    elif rel in ("next", "coming"):
        year, q = (anchor.year, current + 1) if current < 4 else (anchor.year + 1, 1)
    elif rel in ("last", "latest", "most recent", "past", "previous"):
        year, q = (anchor.year, current - 1) if current > 1 else (anchor.year - 1, 4)
    if f.get("back") or f.get("ago"):
        year -= 1
        if f.get("q"):
            q = QUARTERS[f["q"].lower()]
    return _quarter(year, q)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else int(calendar_words()["numbers"][word.lower()])


def _decade_word(word: str) -> int:
    return int(calendar_words()["decade_words"][word.lower()])


def _holiday(name: str) -> tuple[int, int]:
    m, d = calendar_words()["holidays"][" ".join(name.lower().split())].split("-")
    return int(m), int(d)


def _known_event(keyword: str) -> dict | None:
    low = " ".join(keyword.lower().split())
    for event in calendar_words()["events"]:
        if low in (k.lower() for k in event["keywords"]):
            return event
    return None


def _day_range(year: int, f: dict) -> DateValue | None:
    first = _safe_date(year, _month(f["mon"]), _day(f["d"]))
    month2 = _month(f["mon2"]) if f.get("mon2") else _month(f["mon"])
    last = _safe_date(year + (1 if month2 < _month(f["mon"]) else 0), month2, _day(f["d2"]))
    if first is None or last is None or last <= first:
        return None
    return DateValue.span(first, last)


def _quarter(year: int, q: int) -> DateValue:
    first = 3 * (q - 1) + 1
    return DateValue.span(DateValue.month(year, first).start, DateValue.month(year, first + 2).end)


def _season(year: int, name: str) -> DateValue | None:
    """A season of `year`; winter runs from December of `year` into the next year."""
    lo, hi = calendar_words()["seasons"][name.lower()]
    start = DateValue.month(year, lo).start
    end = DateValue.month(year + (1 if hi < lo else 0), hi).end
    return DateValue.span(start, end)


def _season_near(name: str, rel: str, anchor: date, future: bool) -> DateValue | None:
    candidates = [_season(anchor.year + k, name) for k in (-2, -1, 0, 1)]
    if rel in ("last", "past"):
        done = [c for c in candidates if c.end < anchor]
        return done[-1] if done else None
    if rel in ("next", "coming"):
        ahead = [c for c in candidates if c.start > anchor]
        return ahead[0] if ahead else None
    current = [c for c in candidates if c.start <= anchor <= c.end]
    if current:
        return current[0]
    if rel == "this" or future:
        ahead = [c for c in candidates if c.start > anchor]
        return ahead[0] if ahead else None
    done = [c for c in candidates if c.end < anchor]
    return done[-1] if done else None


def _weekend(rel: str, over: bool, anchor: date, future: bool) -> DateValue:
    saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7)  # this week's (or today)
    past = saturday - timedelta(days=7) if saturday > anchor else saturday
    if rel in ("last", "past", "previous") or (over and not future):
        start = past
    elif rel in ("next", "coming"):
        start = saturday + timedelta(days=7)
    elif future:
        start = saturday  # "will open this weekend": the coming one (or today's)
    else:
        start = past  # "attended this weekend" in Tuesday's paper: the one just gone
    return DateValue.span(start, start + timedelta(days=1))


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
    if kind == "month_subject":
        return _month_near(_month(f["mon"]), anchor, future, "in")
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
    if kind == "present":
        return DateValue.day(anchor)  # "now", "currently": as of the article's day
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
        return anchor + timedelta(days=ahead)  # "will travel on Thursday" in Thursday's paper: today
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
