"""Dated expressions in running text, and their values against an anchor date.

Finding and resolving are separate steps: `scan` needs no anchor, so years.py can weigh
weekday and anniversary mentions before the article's year is known, and `resolve` then
turns each mention into a DateValue that keeps the written precision (a year stays a year).
Every pattern is a flat alternation of words and digits, so scanning is linear in the text.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, insort
from datetime import date, timedelta
from functools import cache

from .lexicon import facts, months, speech_verbs
from .model import DateValue, TimeMention

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
FUTURE_RE = re.compile(
    r"\b(?:will|won't|shall|is to|are to|is set to|are set to|is scheduled|are scheduled|"
    r"was scheduled|were scheduled|scheduled to|scheduled for|is expected to|are expected to|"
    r"plans? to|planned|planning|is due|are due|slated|upcoming|to be held|to hold|"
    r"is going to|are going to|would|set to|set for|to visit|to travel|to meet|ahead of|"
    r"starts|begins|opens|ends|expires|kicks off|takes place|runs through|months before|"
    r"weeks before|days before|until|through)\b",
    re.I,
)
SAID_BEFORE_RE = re.compile(r"\b([a-z]+ed|said|told|wrote|spoke)\s+(?:on\s+|late\s+|early\s+)?$")
PAST_RE = re.compile(r"\b(?:last|ago|earlier|previous|past|was held|were held)\b", re.I)


@cache
def _month_alt() -> str:
    forms = sorted(months(), key=len, reverse=True)
    return "|".join(re.escape(f) for f in forms)


@cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    mon = rf"(?:{_month_alt()})\.?"
    wd = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:1[0-9]\d\d|20\d\d)"
    prep = r"(?:(?:on|in|since|from|until|till|by|before|after|during|through|of)\s+)?"
    specs = [
        ("iso", rf"\b(?P<y>{year})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
        ("full_mdy", rf"\b{prep}(?P<mon>{mon})\s+(?P<d>{day}),?\s+(?P<y>{year})\b"),
        (
            "full_dmy",
            rf"\b{prep}(?:the\s+)?(?P<d>{day})\s+(?:of\s+)?(?P<mon>{mon}),?\s+(?P<y>{year})\b",
        ),
        (
            "year_range",
            rf"\b(?:(?P<p>from|between)\s+)?(?P<y1>{year})\s*(?:-|–|—|to|and|until|through)\s*"
            rf"(?P<y2>{year}|\d\d)\b(?!-\d)",
        ),
        ("decade", r"\b(?:in\s+)?the\s+(?P<y>1[0-9]\d0|20\d0)s\b"),
        (
            "anniversary",
            r"\b(?:the\s+)?(?P<n>\d{1,4})(?:st|nd|rd|th)\s+anniversary\s+of\s+"
            r"(?P<what>[^.;:!?\n]{1,120})",
        ),
        (
            "part_month",
            rf"\b(?:(?:in|since|by|until|from)\s+)?(?:the\s+)?(?P<part>early|mid|late|"
            rf"end\s+of|beginning\s+of|start\s+of|middle\s+of)[\s-]+(?P<mon>{mon})"
            rf"(?:,?\s+(?P<y>{year}))?\b",
        ),
        ("month_year", rf"\b{prep}(?P<mon>{mon})\s+(?:of\s+)?(?P<y>{year})\b"),
        ("month_rel_year", rf"\b{prep}(?P<mon>{mon})\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b"),
        ("month_day", rf"\b{prep}(?P<mon>{mon})\s+(?P<d>{day})\b(?!\s*,?\s*{year})(?![:.]\d)"),
        ("day_month", rf"\b{prep}(?:the\s+)?(?P<d>{day})\s+(?:of\s+)?(?P<mon>{mon})\b"),
        (
            "nth_of",
            r"\b(?:on\s+)?the\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b"
            r"(?:\s+of\s+(?P<rel>this|last|next|the\s+previous|the\s+same)\s+month)?",
        ),
        ("rel_span", r"\b(?P<edge>earlier|later)\s+this\s+(?P<unit>week|month|year)\b"),
        (
            "rel_unit",
            r"\b(?:(?:in|during|over|within)\s+)?(?:the\s+)?(?P<rel>this|last|next|past|"
            r"previous|coming|following)\s+(?P<unit>week|month|year)\b",
        ),
        (
            "weekday",
            rf"\b(?:(?P<prep>on|by|until|since|from|through)\s+)?(?:(?P<rel>last|this|next|"
            rf"coming|past|previous)\s+)?(?P<wd>{wd})\b(?:\s+(?P<tod>morning|afternoon|"
            rf"evening|night))?",
        ),
        ("deictic", r"\b(?P<word>yesterday|today|tomorrow|tonight)\b"),
        (
            "month_range",
            rf"\b(?:(?:from|between)\s+)?(?P<mon>{mon})\s+(?:through|to|until|and|-|–)\s+"
            rf"(?P<mon2>{mon})\b(?!\s+\d)",
        ),
        (
            "month_only",
            rf"\b(?P<prep>in|since|until|by|during|from|through|for|last|this|next|early|"
            rf"late|as\s+early\s+as|as\s+late\s+as|as\s+soon\s+as)\s+(?P<mon>{mon})\b(?!\s+\d)",
        ),
        (
            "year",
            rf"(?<![\d$€£¥.,-])\b(?:(?P<prep>in|since|until|by|from|of|during|before|after|"
            rf"through)\s+)?(?P<y>{year})\b(?![\d%]|,\d|-\d|\s*(?:won|yen|dollars|people|"
            rf"percent|units|tons))",
        ),
    ]
    return [(kind, re.compile(rx, re.I)) for kind, rx in specs]


def scan(text: str, start: int = 0, end: int | None = None) -> list[TimeMention]:
    """Dated expressions in `text[start:end]`, earliest first, none overlapping."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    taken: list[tuple[int, int]] = []
    found: list[TimeMention] = []
    present = _cues(chunk)
    for kind, rx in _patterns():
        if not NEEDS[kind] & present:
            continue  # a cheap test first: most sentences hold no date at all
        for m in rx.finditer(chunk):
            a, b = m.start() + start, m.end() + start
            if kind == "anniversary":  # the evidence stops before "of ..."
                b = a + re.search(r"\sanniversary", m.group(), re.I).end()  # any space, e.g. NBSP
            k = bisect_left(taken, (a, a))
            if (k < len(taken) and taken[k][0] < b) or (k and taken[k - 1][1] > a):
                continue  # overlaps a mention an earlier pattern already took
            fields = {k: v for k, v in m.groupdict().items() if v is not None}
            if not _accept(kind, fields, m.group()):
                continue
            insort(taken, (a, b))
            found.append(TimeMention(a, b, text[a:b], kind, fields))
    found.sort(key=lambda t: t.start)
    return found


# What each pattern needs to be worth running: a digit, a month word, "day"...
NEEDS = {
    "iso": {"digit"},
    "full_mdy": {"digit"},
    "full_dmy": {"digit"},
    "year_range": {"digit"},
    "decade": {"digit"},
    "anniversary": {"digit"},
    "month_year": {"digit"},
    "month_day": {"digit"},
    "day_month": {"digit"},
    "nth_of": {"digit"},
    "year": {"digit"},
    "month_rel_year": {"month"},
    "month_range": {"month"},
    "part_month": {"month"},
    "month_only": {"month"},
    "weekday": {"day"},
    "deictic": {"day", "to"},
    "rel_span": {"unit"},
    "rel_unit": {"unit"},
}
DIGIT_RE = re.compile(r"\d")
UNIT_RE = re.compile(r"week|month|year", re.I)


@cache
def _month_cue_re() -> re.Pattern:
    return re.compile(rf"\b(?:{_month_alt()})\b", re.I)


def _cues(chunk: str) -> set[str]:
    cues = set()
    if DIGIT_RE.search(chunk):
        cues.add("digit")
    low = chunk.lower()
    if "day" in low:
        cues.add("day")
    if "tomorrow" in low or "tonight" in low:
        cues.add("to")
    if UNIT_RE.search(chunk):
        cues.add("unit")
    if _month_cue_re().search(chunk):
        cues.add("month")
    return cues


def _accept(kind: str, fields: dict, matched: str) -> bool:
    if kind == "month_only":
        mon = fields["mon"].lower().rstrip(".")
        # "may", "march" and short forms are verbs or words unless clearly a month.
        if mon in ("may", "march", "mar", "jan", "jun", "jul", "dec", "sep", "oct", "nov"):
            return fields["prep"].lower() in (
                "in",
                "since",
                "until",
                "by",
                "during",
                "last",
                "this",
                "next",
                "early",
                "late",
            )
        return True
    if kind in ("month_day",) and fields["mon"].lower() in ("may", "march") and fields["mon"][0].islower():
        return False
    if kind == "year_range":
        y1 = int(fields["y1"])
        y2 = _expand_year(y1, fields["y2"])
        return y1 < y2 <= y1 + 200 and (len(fields["y2"]) == 4 or "-" in matched or "–" in matched)
    return True


def _expand_year(y1: int, y2: str) -> int:
    if len(y2) == 2:
        century = y1 // 100 * 100
        value = century + int(y2)
        return value if value > y1 else value + 100
    return int(y2)


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def month_number(text: str) -> int:
    """ "Aug.", "Sept", "august" -> 8, 9, 8."""
    return months()[text.lower().rstrip(".")]


def _month(text: str) -> int:
    return months()[text.lower().rstrip(".")]


def future_context(sentence: str, offset: int) -> bool:
    """Whether the clause before a mention (or the mention's phrase) points forward."""
    before = sentence[max(0, offset - 90) : offset]
    if SAID_BEFORE_RE.search(before) and SAID_BEFORE_RE.search(before).group(1).lower() in speech_verbs():
        return False  # "..., the ministry said Saturday": the day of saying, not of the plan
    return bool(FUTURE_RE.search(before)) and not bool(PAST_RE.search(before[-25:]))


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


def anniversary_base(n: int, what: str, article_text: str = "") -> int | None:
    """The year an anniversary counts from: a known anchor event, or a year in the phrase."""
    anchor = match_anchor(what, article_text)
    if anchor:
        return anchor["date"].year
    years = [int(y) for y in re.findall(r"\b(1[5-9]\d\d|20\d\d)\b", what)]
    if years:
        return years[-1] if "from" in what and len(years) > 1 else years[0]
    return None


def anchor_of_anniversary(what: str, article_text: str = "") -> dict | None:
    """The anchor event an anniversary phrase names, by keyword or by the year it states
    ("the 105th anniversary of a 1919 uprising": the one anchor event of 1919)."""
    anchor = match_anchor(what, article_text)
    if anchor:
        return anchor
    years = {int(y) for y in re.findall(r"\b(1[5-9]\d\d|20\d\d)\b", what)}
    if len(years) != 1:
        return None
    year = years.pop()
    same = [
        a
        for a in facts().get("anchors", [])
        if a["date"].year == year and not (article_text and any(r not in article_text for r in a["requires"]))
    ]
    return same[0] if same and len({a["date"] for a in same}) == 1 else None


def match_anchor(what: str, article_text: str = "") -> dict | None:
    low = what.lower()
    best = None
    best_pos = len(low) + 1
    for anchor in facts().get("anchors", []):
        if any(req not in article_text for req in anchor["requires"]) and article_text:
            continue
        for kw in anchor["keywords"]:
            pos = low.find(kw.lower())
            if pos != -1 and pos < best_pos:
                best, best_pos = anchor, pos
    return best
