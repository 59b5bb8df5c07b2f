"""Finding dated expressions: patterns that need no anchor date, gated by cheap cues.

Every pattern is a flat alternation of words and digits, so scanning is linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from functools import cache, lru_cache

from ..lexicon import calendar_words, months
from ..model import TimeMention
from .cues import NEEDS, cues

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _month_alt() -> str:
    forms = sorted(months(), key=len, reverse=True)
    return "|".join(re.escape(f) for f in forms)


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    mon = rf"(?:{_month_alt()})\.?"
    wd = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:1[0-9]\d\d|20\d\d)"
    prep = r"(?:(?:on|in|since|from|until|till|by|before|after|during|through|of)\s+)?"
    cal = calendar_words()
    num = rf"(?:\d{{1,3}}|{_alt(cal['numbers'])})"
    season = _alt(cal["seasons"])
    decade_word = _alt(cal["decade_words"])
    specs = [
        ("iso", rf"\b(?P<y>{year})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
        (
            "day_range",
            rf"\b{prep}(?P<mon>{mon})\s+(?P<d>{day})\s*(?:-|–|to|through)\s*(?:(?P<mon2>{mon})\s+)?"
            rf"(?P<d2>{day})\b(?:,?\s+(?P<y>{year})\b)?(?![:.]\d)",
        ),
        (
            "quarter_ref",
            r"\b(?:(?P<rel>this|last|next)\s+quarter|the\s+(?:(?P<rel2>latest|most\s+recent|past|previous|"
            r"current|coming|same)\s+)?quarter(?P<ago>\s+a\s+year\s+(?:ago|earlier))?|the\s+(?P<back>year[\s-]"
            r"earlier|year[\s-]ago|prior[\s-]year)\s+(?:(?P<q>first|second|third|fourth)[\s-]+)?quarter)\b",
        ),
        (
            "quarter",
            rf"\b(?:the\s+)?(?:(?P<rel0>this|last|next)\s+year['’]s\s+)?(?:(?P<y1>{year})\s+)?"
            rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
            rf"[\s-]+quarter\b(?:\s+of\s+(?:(?P<y2>{year})|(?P<rel>this|last|next)\s+year))?",
        ),
        ("quarter_code", rf"\bQ(?P<qn>[1-4])(?:\s+|-|/)?(?P<y>{year})?\b"),
        ("ago", rf"\b(?P<n>{num})\s+(?P<unit>year|month|week|day|decade)s?\s+(?:ago|earlier)\b"),
        ("year_earlier", r"\b(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?:period|quarter|results))?\b"),
        (
            "season",
            rf"\b(?:(?P<rel>this|last|next|past|coming)\s+(?P<s>{season})|(?:in|during|by|until|since|over)"
            rf"\s+the\s+(?P<s2>{season})|(?:in|during|by|until|since|over)\s+(?P<s3>{season})\s+(?:of\s+)?"
            rf"(?P<y>{year}))\b",
        ),
        (
            "century",
            r"\bthe\s+(?:(?P<ord>\d{1,2})(?:st|nd|rd|th)|(?P<rel>past|last|previous|this|current|next))"
            r"\s+century\b",
        ),
        (
            "weekend",
            r"\b(?:(?P<rel>this|last|next|past|coming|previous)\s+weekend|(?P<over>over|during|at|on)\s+"
            r"the\s+weekend)\b",
        ),
        (
            "year_end",
            rf"\b(?:(?:by|at|until|before|toward|towards|through)\s+)?(?:the\s+)?(?:(?P<whole>end\s+of\s+(?:the\s+|"
            rf"(?P<rel>this|last|next)\s+)?year)|(?P<y>{year})\s+year[\s-]end|year[\s-]end)\b",
        ),
        (
            "fiscal",
            rf"\b(?:(?:the\s+)?(?:(?P<rel>this|last|next|current|previous)\s+)fiscal\s+year|fiscal\s+"
            rf"(?:year\s+)?(?P<y>{year})|FY\s?(?P<y2>{year}))\b",
        ),
        ("holiday", rf"\b(?P<h>{_alt(cal['holidays'])})\b(?:,?\s+(?P<y>{year}))?"),
        (
            "part_rel",  # "early next month", "late last year", "mid-this month"
            r"\b(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+"
            r"(?P<rel>this|next|last)\s+(?P<unit>month|year)\b",
        ),
        (
            "years_after",  # "80 years after the end of World War II"
            rf"\b(?P<n>{num})\s+years\s+(?P<dir>after|since|before)\s+(?P<what>[^.;:!?,\n\d]{{3,80}}?)"
            rf"(?=\s+(?:in|on|of)\s+\d|[.;:!?,\n]|$)",
        ),
        (
            "after_office",  # "two weeks after taking office"
            rf"\b(?P<n>{num})\s+(?P<unit>day|week|month|year)s?\s+after\s+(?:taking|assuming|he\s+took|"
            rf"she\s+took|coming\s+to)\s+(?:office|power)\b",
        ),
        (
            "time_of_day",  # "at around 5 p.m.": the day the story is telling
            r"\b(?:at\s+)?(?:around\s+|about\s+|approximately\s+)?(?P<h>1[0-2]|0?[1-9])(?::[0-5]\d)?\s*"
            r"(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)",
        ),
        (
            "past_n",
            rf"\b(?:in|over|during|for|within)?\s*the\s+(?P<rel>past|last|previous)\s+(?P<n>{num})\s+"
            rf"(?P<unit>day|week|month|year)s\b",
        ),
        (
            "unit_rel",
            r"\bthe\s+(?:(?P<rel>previous|next|following)\s+(?P<unit>week|month|year)|(?P<unit2>week|month|year)"
            r"\s+(?P<rel2>before|after|earlier))\b(?!\s+(?:the|that|last|next|this)\b)",
        ),
        (
            "day_rel",
            r"\b(?P<rel>earlier\s+in\s+the\s+day|later\s+in\s+the\s+day|the\s+previous\s+day|"
            r"the\s+day\s+before|the\s+next\s+day|the\s+following\s+day|the\s+day\s+after)\b(?!\s+\w)",
        ),
        (
            "first_in",
            rf"\bfirst\s+(?:[\w-]+\s+){{0,5}}?in\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+)?"
            rf"(?P<n>{num})\s+(?P<unit>years|decades)\b",
        ),
        ("known_event", rf"\b(?P<ev>{_alt(k for e in cal['events'] for k in e['keywords'])})\b"),
        ("full_mdy", rf"\b{prep}(?:(?P<wd>{wd}),?\s+)?(?P<mon>{mon})\s+(?P<d>{day}),?\s+(?P<y>{year})\b"),
        (
            "full_dmy",
            rf"\b{prep}(?:the\s+)?(?P<d>{day})\s+(?:of\s+)?(?P<mon>{mon}),?\s+(?P<y>{year})\b",
        ),
        ("end_of_year", rf"\b(?:(?:by|at|until|before)\s+)?the\s+end\s+of\s+(?P<y>{year})\b"),
        (
            "year_range",
            rf"\b(?:(?P<p>from|between)\s+)?(?P<y1>{year})\s*(?P<conn>-|–|—|to|until|through|and)\s*"
            rf"(?P<y2>{year}|\d\d)\b(?!-\d)",
        ),
        (
            "decade",
            rf"\b(?:in\s+)?the\s+(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<y>1[0-9]\d0|20\d0)[’']?s|"
            rf"[’'](?P<yy>\d0)s|(?P<w>{decade_word}))\b",
        ),
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
            r"(?:\s+of\s+(?P<rel>this|last|next|the\s+previous|the\s+same)\s+month)?"
            r"(?!\s+(?:(?-i:[A-Z])|century|centuries|anniversary|time|round|place|floor|day\s+of))",
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
            "present",
            r"\b(?:(?:until|till|by|for|as\s+of)\s+)?(?P<word>now|currently|at\s+present|nowadays|these\s+days|"
            r"at\s+the\s+moment|presently)\b(?!\s+that\b)(?!,\s)",
        ),
        (
            "month_range",
            rf"\b(?:(?:from|between)\s+)?(?P<mon>{mon})\s+(?:through|to|until|and|-|–)\s+"
            rf"(?P<mon2>{mon})\b(?!\s+\d)",
        ),
        (
            "month_subject",  # "October is National Magic Month"
            r"(?:^|(?<=\. )|(?<=: ))(?P<mon>(?-i:[A-Z])[a-z]{2,8})\s+(?=(?:is|was|will|has|marks)\b)",
        ),
        (
            "month_only",
            rf"\b(?P<prep>in|since|until|by|during|from|through|for|last|this|next|early|"
            rf"late|as\s+early\s+as|as\s+late\s+as|as\s+soon\s+as)\s+(?P<mon>{mon})\b(?!\s+\d)",
        ),
        (
            "year",
            rf"(?<![\d$€£¥.,-])\b(?:(?P<prep>in|since|until|by|from|of|during|before|after|"
            rf"through)\s+)?(?:(?P<part>mid|early|late)[\s-]+)?(?P<y>{year})\b(?![\d%]|,\d|-\d|\.\d|"
            rf"\s*(?:won|yen|dollars|people|"
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
    for kind, rx in _runnable(frozenset(cues(chunk))):
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


@lru_cache(maxsize=4096)
def _runnable(present: frozenset[str]) -> tuple[tuple[str, re.Pattern], ...]:
    """The patterns worth running on a chunk with these cues, in their order of precedence.
    A cheap test first, since most sentences hold no date at all; few sets of cues occur,
    so the answer is kept for each."""
    return tuple((kind, rx) for kind, rx in _patterns() if any(needed <= present for needed in NEEDS[kind]))


def _accept(kind: str, fields: dict, matched: str) -> bool:
    if kind == "month_subject":
        return fields["mon"].lower() in months() and len(fields["mon"]) > 3
    if kind == "month_only":
        mon = fields["mon"].lower().rstrip(".")
        # "may", "march" and short forms are verbs or words unless clearly a month.
        if mon in ("may", "march", "mar", "jan", "jun", "jul", "dec", "sep", "oct", "nov"):
            if not fields["mon"][0].isupper():
                return False  # "this march", "may": a word, not the month
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
        if fields["conn"].lower() == "and" and (fields.get("p") or "").lower() != "between":
            return False  # "in 2009 and 2010": two years, two facts
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
