"""Datelines: `SEOUL, Aug. 20 (Yonhap) --`, `TOKYO (AP) —`, `BUSAN —`, a bare `TOKYO` line.

A dateline names the desk and usually a month and day but no year; the year is inferred
later (see years.py). Only the first few paragraphs are searched, since a place name with a
dash deep in an article is prose, not a dateline.
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicon import months
from ..model import Dateline
from ..segment import Block

SEARCH_PARAGRAPHS = 6
AGENCIES = r"Yonhap|Kyodo|Reuters|AP|AFP|Xinhua|Jiji Press|Jiji|IANS|NationPress|UPI|Bloomberg"
PLACE = r"[A-Z][A-Za-z.'’-]*(?:[ ][A-Z][A-Za-z.'’-]*){0,3}"
DASH = r"(?:-{1,2}|—|–|―)"


@cache
def _patterns() -> tuple[re.Pattern, ...]:
    month = "|".join(sorted((re.escape(m) for m in months()), key=len, reverse=True))
    dated = re.compile(
        rf"(?P<place>{PLACE}),[ \u00a0]+(?P<month>(?i:{month}))\.?[ \u00a0]+(?P<day>\d{{1,2}})\b"
        rf"(?:,?[ ](?P<year>\d{{4}}))?"
        rf"(?:[ \u00a0]*\((?P<source>[^()\n]{{1,40}})\)|[ \u00a0]+(?P<agency>{AGENCIES})\b)?"
        rf"(?P<dash>[ \u00a0]*{DASH})?[ \u00a0]*"
    )
    sourced = re.compile(
        rf"(?P<place>{PLACE})(?:,[ ](?P<region>{PLACE}))?[ \u00a0]*\((?P<source>[^()\n]{{1,40}})\)"
        rf"(?P<dash>[ \u00a0]*{DASH})?[ \u00a0]*"
    )
    place_only = re.compile(
        rf"(?P<place>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){{0,3}})"
        rf"(?:,[ ](?P<region>{PLACE}))?(?P<dash>[ \u00a0]*{DASH})[ \u00a0]*"
    )
    mixed_place = re.compile(
        rf"(?P<place>{PLACE})(?:,[ ](?P<region>{PLACE}))?(?P<dash>[ \u00a0]+(?:--|—|–))[ \u00a0]+"
    )
    bare = re.compile(r"(?P<place>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,2})\s*$")
    return dated, sourced, place_only, mixed_place, bare


def find_dateline(text: str, paragraphs: list[Block]) -> tuple[Dateline | None, int | None]:
    """The dateline and the index of the paragraph holding it, or (None, None)."""
    dated, sourced, place_only, mixed_place, bare = _patterns()
    for index, para in enumerate(paragraphs[:SEARCH_PARAGRAPHS]):
        line = para.text
        m = dated.match(line)
        if m and (m.group("source") or m.group("agency") or m.group("dash") or m.end() < len(line)):
            month = months()[m.group("month").lower().rstrip(".")]
            day = int(m.group("day"))
            source = m.group("source") or m.group("agency")
            if 1 <= day <= 31 and _plausible_place(m.group("place")):
                return _make(para, m, month, day, source, m.group("year")), index
        for pattern in (sourced, place_only, mixed_place):
            m = pattern.match(line)
            if m and _plausible_place(m.group("place")):
                if pattern is sourced and not re.fullmatch(
                    rf"(?:{AGENCIES}|[A-Z][\w .&-]{{1,38}})", m.group("source").strip()
                ):
                    continue
                source = m.groupdict().get("source")
                return _make(para, m, None, None, source, None), index
        m = bare.match(line)
        if m and len(line) <= 30 and _plausible_place(m.group("place")):
            return _make(para, m, None, None, None, None), index
    return None, None


def _plausible_place(place: str) -> bool:
    words = place.split()
    return 0 < len(words) <= 4 and words[0].lower() not in {"the", "a", "in", "on", "by"}


def _make(para: Block, m: re.Match, month, day, source, year) -> Dateline:
    end_of_text = m.end("source") + 1 if m.groupdict().get("source") else None
    if end_of_text is None and m.groupdict().get("agency"):
        end_of_text = m.end("agency")
    if end_of_text is None:
        last = [g for g in ("day", "year", "region", "place") if m.groupdict().get(g)]
        end_of_text = max(m.end(g) for g in last)
    if m.groupdict().get("year"):
        end_of_text = max(end_of_text, m.end("year"))
    place = m.group("place")
    if m.groupdict().get("region"):
        place = f"{place}, {m.group('region')}"
    dl = Dateline(
        text=para.text[:end_of_text],
        place=place,
        month=month,
        day=day,
        source=source.strip() if source else None,
        start=para.start,
        end=para.start + end_of_text,
        body_start=para.start + m.end(),
        year=int(year) if year else None,
    )
    return dl
