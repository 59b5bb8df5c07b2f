"""The year of a yearless dateline, chosen from evidence a reader would use.

Each candidate year is scored: a weekday the text gives for the dateline day, an
anniversary counted from a known event, an office holder named with a title, years written
in the text. The best-scored year wins; the reasons are kept as evidence strings. With no
evidence at all, the most recent year that keeps the date in the past is used, and a
warning says so: a default is never silent.
"""

from __future__ import annotations

import calendar
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from ..lexicon import facts
from ..model import TimeMention
from .anchors import anniversary_base
from .patterns import WEEKDAYS
from .tense import future_context

EARLIEST_YEAR = 1945
SAID_DAY_RE = re.compile(r"\b(?:said|told\s+\w+|announced|stated|added|says)\s+(?:on\s+)?$", re.I)
FORMER_RE = re.compile(r"(?:former|ex-|late|then-|then|previous|past)\s*$", re.I)


def today() -> date:
    """Today's date; `KORJP_TODAY=YYYY-MM-DD` pins it for reproducible runs and tests."""
    pinned = os.environ.get("KORJP_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            pass
    return date.today()


@dataclass
class YearChoice:
    year: int | None
    evidence: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    defaulted: bool = False


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int, text: str, mentions: list[TimeMention]) -> YearChoice:
    """Pick the year for a dateline `month`/`day` given the article text and its mentions."""
    now = today()
    candidates = [y for y in range(EARLIEST_YEAR, now.year + 1) if (d := _valid(y, month, day)) and d <= now]
    if not candidates:
        return YearChoice(None, warnings=[f"dateline day {month:02d}-{day:02d} does not exist"])
    score: dict[int, float] = defaultdict(float)
    evidence: dict[int, list[str]] = defaultdict(list)

    allowed = set(candidates)

    def support(years: set[int], weight: float, why: str) -> None:
        for y in years & allowed:  # an anniversary may point past today
            score[y] += weight
            evidence[y].append(why)

    day_label = f"{day} {calendar.month_name[month]}"
    weekday_of = {y: date(y, month, day).weekday() for y in candidates}
    seen_weekdays: set[str] = set()
    latest_past: tuple[int, str] | None = None
    for t in mentions:
        wd = t.fields.get("wd", "").lower()
        if t.kind == "weekday" and not t.fields.get("rel") and not t.fields.get("future"):
            said = bool(SAID_DAY_RE.search(text[max(0, t.start - 30) : t.start]))
            if wd in seen_weekdays and not said:
                continue
            # "said Friday" dates the story itself; another past weekday usually does too,
            # but may be a day or two before.
            weight = 3.0 if said else (1.5 if not seen_weekdays else 1.0)
            seen_weekdays.add(wd)
            target = WEEKDAYS.index(wd)
            same = {y for y in candidates if weekday_of[y] == target}
            shown = ", ".join(str(y) for y in sorted(same)[-4:])
            support(
                same,
                weight,
                f"'{t.text}' is the dateline day: {day_label} is a {wd.capitalize()} in {shown}",
            )
        elif t.kind == "anniversary":
            n = int(t.fields["n"])
            base = anniversary_base(n, t.fields["what"], text)
            if base and 0 < n < 1000:
                y = base + n
                what = " ".join(t.fields["what"].split(",")[0].split()[:6])
                around = text[max(0, t.start - 25) : t.end + len(t.fields["what"]) + 25].lower()
                if "last year" in around or "a year ago" in around:
                    support({y + 1}, 2.0, f"{t.text} of {what} ({base} + {n} = {y}) was last year")
                elif "next year" in around:
                    support({y - 1}, 2.0, f"{t.text} of {what} ({base} + {n} = {y}) is next year")
                elif re.search(rf"\b{y}\b", around):
                    support({y}, 0.5, f"{t.text} of {what}: {base} + {n} = {y}, the year named")
                else:
                    support({y}, 2.5, f"{t.text} of {what}: {base} + {n} = {y}")
                    support(
                        {y - 1, y + 1} & set(candidates),
                        0.5,
                        f"{t.text} of {what} falls in {y}, near this year",
                    )
        elif t.kind in ("year", "month_year", "full_mdy", "full_dmy", "iso"):
            y = int(t.fields["y"])
            prep = (t.fields.get("prep") or "").lower()
            if prep in ("by", "until", "before") or future_context(text, t.start):
                continue
            if latest_past is None or y > latest_past[0]:
                latest_past = (y, t.text)
    if latest_past is not None:  # only the latest past year binds: the story is after it
        y, written = latest_past
        later = {c for c in candidates if c >= y}
        support(later, 0.5, f"'{written}' is written as past, so the year is {y} or later")
    for why, years in office_evidence(text, month, day, candidates):
        support(years, 3.0, why)

    best = max(score.values(), default=0.0)
    if best <= 0:
        year = candidates[-1]
        return YearChoice(
            year,
            evidence=[
                f"no evidence in the text; assumed {year}, the most recent year that "
                f"keeps {day_label} in the past"
            ],
            warnings=[f"year not stated and no evidence found: assumed {year}"],
            defaulted=True,
        )
    top = [y for y in candidates if score[y] == best]
    year = top[-1]
    warnings = []
    close = [y for y in top[:-1] if year - y <= 2]
    if close:  # a president in office since last year fits this year and last year alike
        others = ", ".join(str(y) for y in close)
        warnings.append(f"the evidence fits {others} as well as {year}: chose {year}, the most recent")
    return YearChoice(year, evidence=_dedupe(evidence[year]), warnings=warnings)


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


@cache
def _office_patterns() -> list[tuple[str, str, re.Pattern, list[dict]]]:
    """(person, title, pattern, terms) for every office holder in facts.toml."""
    data = facts()
    out = []
    for person in data.get("people", []):
        name = person["name"]
        parts = name.split()
        korean = person.get("country") == "KR"
        surname = parts[0] if korean else parts[-1]
        flexible = r"[\s-]?".join(re.escape(p) for p in re.split(r"[\s-]+", name))
        # the surname alone only when no other given name follows: "President Lee" may be
        # Lee Myung-bak, "President Lee Jae-myung" is not
        name_rx = rf"(?:{flexible}|{re.escape(surname)}(?![\s-]+[A-Z]))"
        by_title: dict[str, list[dict]] = defaultdict(list)
        for term in person.get("terms", []):
            office = data["offices"][term["office"]]
            for title in office["titles"]:
                by_title[title].append(term)
        for title, terms in by_title.items():
            rx = re.compile(rf"\b{re.escape(title)}\s+{name_rx}\b", re.I)
            out.append((name, title, rx, terms))
    return out


def office_evidence(text: str, month: int, day: int, candidates: list[int]):
    """Years in which a titled office holder named in the text held that office."""
    for name, title, rx, terms in _office_patterns():
        if name.split()[-1] not in text and name.split()[0] not in text:
            continue  # a cheap test before the regex: the name is not in the article
        for m in rx.finditer(text):
            if not m.group()[0].isupper():
                continue
            if FORMER_RE.search(text[max(0, m.start() - 12) : m.start()]):
                continue
            years = set()
            for y in candidates:
                d = _valid(y, month, day)
                if d and any(t["start"] <= d and (t["end"] is None or d <= t["end"]) for t in terms):
                    years.add(y)
            if years:
                spans = "; ".join(f"{t['start']} to {t['end'] or 'now'}" for t in terms)
                yield f"{name} is {title} {spans} ('{m.group()}')", years
            break


def office_terms_named(text: str, on: date) -> list[tuple[int, date]]:
    """(position in the text, term start) of every titled office holder named whose term
    covers `on`: what "after taking office" counts from."""
    found = []
    for name, _title, rx, terms in _office_patterns():
        if name.split()[-1] not in text and name.split()[0] not in text:
            continue
        for m in rx.finditer(text):
            for term in terms:
                if term["start"] <= on and (term["end"] is None or on <= term["end"]):
                    found.append((m.start(), term["start"]))
    return found
