"""Cheap cues that tell which date patterns are worth running on a chunk of text.

Most date patterns open with an optional preposition, so the regex engine tries them at
every word; most paragraphs hold few dates. One pass over a chunk's words and a few quick
searches find the cues (a month word, a four-digit year, "anniversary"...), and a pattern
runs only where every cue of one of its alternatives is present. Each cue is something every
match of the pattern contains, so skipping a pattern never loses a match.
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicon import calendar_words, months

# What each pattern needs to be worth running: every cue of one of its alternatives (a
# digit, a month word, "day"...). Each cue is something every match of the pattern holds, so
# skipping a pattern whose cues are missing never loses a match.
_NEEDS_WRITTEN = {
    "iso": ["year4 dash"],
    "full_mdy": ["monthdigit year4 word_digit"],
    "full_dmy": ["monthdigit year4 digit_word"],
    "year_range": ["year4"],
    "decade": ["digit decade_digits", "decade"],
    "anniversary": ["ordinal anniversary"],
    "month_year": ["monthdigit year4"],
    "month_day": ["monthdigit word_digit"],
    "day_month": ["monthdigit digit_word"],
    "nth_of": ["ordinal"],
    "year": ["year4"],
    "month_rel_year": ["month year_word"],
    "month_range": ["two_months"],
    "part_month": ["month part"],
    "month_only": ["month"],
    "month_subject": ["month copula"],
    "weekday": ["day"],
    "deictic": ["deictic"],
    "present": ["present"],
    "rel_span": ["unit"],
    "rel_unit": ["unit"],
    "day_range": ["monthdigit word_digit"],
    "quarter": ["quarter"],
    "quarter_ref": ["quarter"],
    "quarter_code": ["qcode"],
    "ago": ["ago", "earlier"],
    "year_earlier": ["earlier", "ago"],
    "season": ["season"],
    "century": ["century"],
    "weekend": ["weekend"],
    "year_end": ["end"],
    "end_of_year": ["end"],
    "fiscal": ["fiscal"],
    "holiday": ["calendar"],
    "day_rel": ["day_word"],
    "past_n": ["unit rel_back", "day rel_back"],
    "part_rel": ["unit part rel_word"],
    "years_after": ["after"],
    "after_office": ["after"],
    "time_of_day": ["ampm"],
    "unit_rel": ["unit unit_rel_word"],
    "first_in": ["first"],
    "known_event": ["calendar"],
}
NEEDS = {kind: tuple(frozenset(a.split()) for a in alts) for kind, alts in _NEEDS_WRITTEN.items()}
DECADE_CUE_RE = re.compile(r"ties\b", re.I)  # "the sixties", "the twenties"


WORD_RE = re.compile(r"[a-z]+")
DIGIT_RE = re.compile(r"\d")
YEAR4_RE = re.compile(r"1\d\d\d|20\d\d")  # a year the patterns read: 1000-2099
ORDINAL_RE = re.compile(r"\d(?:st|nd|rd|th)", re.I)  # "the 15th", "80th anniversary"
DECADE_DIGITS_RE = re.compile(r"0[’']?s", re.I)  # "the 1990s", "the '90s"
WORD_DIGIT_RE = re.compile(r"[^\W\d_]\.?\s+\d")  # "Aug. 20": a month, then its day
DIGIT_WORD_RE = re.compile(r"\d(?:st|nd|rd|th)?\s+[^\W\d_]", re.I)  # "20 August", "20 of"
# Words that some patterns cannot match without: cue -> any one of these words.
WORD_CUES = {
    "part": {"early", "mid", "late", "end", "beginning", "start", "middle"},
    "rel_back": {"past", "last", "previous"},
    "rel_word": {"this", "next", "last"},
    "unit_rel_word": {"previous", "next", "following", "before", "after", "earlier"},
    "deictic": {"yesterday", "today", "tomorrow", "tonight"},
    "copula": {"is", "was", "will", "has", "marks"},
    "year_word": {"year"},
    "day_word": {"day"},
}


def cues(chunk: str) -> set[str]:
    """Which kinds of date words a chunk holds: one pass over its words and set lookups,
    so the patterns that cannot match are never run (most paragraphs hold few dates)."""
    low = chunk.lower()
    words = set(WORD_RE.findall(low))
    cue_words = _cue_words()
    cues: set[str] = set()
    for word in words.intersection(cue_words):
        cues.update(cue_words[word])
    for cue, needed in WORD_CUES.items():
        if not needed.isdisjoint(words):
            cues.add(cue)
    for word in ("day", "quarter", "ago", "earlier", "century", "weekend", "fiscal", "first", "after", "end"):
        if word in low:
            cues.add(word)
    if "tomorrow" in low or "tonight" in low:
        cues.add("to")
    if "fy" in low:
        cues.add("fiscal")
    if "ties" in low:
        cues.add("decade")
    if "anniversary" in low:
        cues.add("anniversary")
    if "month" in cues and _two_months(low, words):
        cues.add("two_months")
    if any(name in low for name in _calendar_names()):
        cues.add("calendar")
    if DIGIT_RE.search(chunk):
        cues.add("digit")
        if "month" in cues:
            cues.add("monthdigit")
        if "q" in low:
            cues.add("qcode")
        if "a.m" in low or "p.m" in low or "am" in words or "pm" in words:
            cues.add("ampm")
        for cue, rx in (
            ("year4", YEAR4_RE),
            ("ordinal", ORDINAL_RE),
            ("decade_digits", DECADE_DIGITS_RE),
            ("word_digit", WORD_DIGIT_RE),
            ("digit_word", DIGIT_WORD_RE),
        ):
            if rx.search(chunk):
                cues.add(cue)
        if "-" in chunk:
            cues.add("dash")
    return cues


def _two_months(low: str, words: set[str]) -> bool:
    """Whether month words occur at least twice ("from March to May", "March to March")."""
    named = [w for w in words if w in months()]
    return len(named) > 1 or (len(named) == 1 and low.count(named[0]) > 1)


@cache
def _calendar_names() -> tuple[str, ...]:
    """Holidays and known events, lower case: a chunk must hold one whole for those patterns."""
    cal = calendar_words()
    return tuple(n.lower() for n in [*cal["holidays"], *(k for e in cal["events"] for k in e["keywords"])])


@cache
def _cue_words() -> dict[str, tuple[str, ...]]:
    """Lower-case word -> the cues it raises (a month name, a season, a holiday's first word...)."""
    cal = calendar_words()
    table: dict[str, set[str]] = {}

    def add(words, cue: str) -> None:
        for w in words:
            for part in WORD_RE.findall(w.lower())[:1]:
                table.setdefault(part, set()).add(cue)

    add(months(), "month")
    add(cal["seasons"], "season")
    add(["now", "currently", "present", "nowadays", "these", "moment", "presently"], "present")
    for unit in ("week", "weeks", "month", "months", "year", "years", "weekly", "monthly", "yearly"):
        table.setdefault(unit, set()).add("unit")
    return {w: tuple(c) for w, c in table.items()}
