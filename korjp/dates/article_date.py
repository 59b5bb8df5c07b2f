"""The article's own date: the catalog, a dateline with a year, a date printed on the page,
or evidence in the text; each choice keeps the reasons `korjp articles` shows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..model import DateValue
from . import anchors, patterns, resolve
from .years import infer_year

DOTTED_DATE_RE = re.compile(r"\b(20\d\d|19\d\d)[./](\d{1,2})[./](\d{1,2})\b")


def _page_date(text: str, lay) -> tuple[date | None, str | None]:
    """A publication date printed on the page ("Published: 2025-10-02 09:15")."""
    for block in lay.noise + lay.paragraphs[:6]:
        line = block.text.rstrip()
        if len(line) > 90 or line.endswith((".", '"', "”")):
            continue  # a sentence of the story, not a date line of the page
        dotted = DOTTED_DATE_RE.search(line)  # "Published: 2024.11.26"
        if dotted:
            try:
                return date(*(int(g) for g in dotted.groups())), line
            except ValueError:
                pass
        for t in patterns.scan(text, block.start, block.end):
            if t.kind in ("iso", "full_mdy", "full_dmy"):
                value = resolve.resolve(t, None)
                if value:
                    return value.start, block.text
    return None, None


@dataclass
class ArticleDate:
    """The article's date, the reasons for it, and what it rests on: `catalog`, `dateline`
    (a dateline with its year), `page` (a date line of the page), `inferred` (a yearless
    dateline or lead day whose year the text suggests), `content` (the latest date the text
    gives, with its weekday cues), or None when nothing dates the article."""

    value: DateValue | None
    evidence: list[str] = field(default_factory=list)
    basis: str | None = None


def decide(text, dl, entry, lay, mentions, warnings) -> ArticleDate:
    has_day = dl is not None and dl.month is not None
    if entry and entry.published:
        pub = entry.published
        return _near_dateline(
            dl if has_day else None, pub, f"catalog: published {pub.isoformat()}", "catalog"
        )
    if has_day and dl.year:
        try:
            day = date(dl.year, dl.month, dl.day)
        except ValueError:
            warnings.append(f"dateline date does not exist: {dl.text}")
            return ArticleDate(None)
        return ArticleDate(DateValue.day(day), ["the dateline gives the year"], "dateline")
    page, line = _page_date(text, lay)
    if page is not None:
        why = f"the page shows a publication date: '{line.strip()[:60]}'"
        return _near_dateline(dl if has_day else None, page, why, "page")
    if not has_day:
        lead = _date_from_lead_anniversary(text, lay, mentions) or _date_from_lead_day(
            text, lay, mentions, warnings
        )
        if lead is not None:
            return ArticleDate(lead[0], lead[1], "inferred")
        content = _date_from_content(text, mentions)
        if content is not None:
            warnings.append(f"no dateline: dated {content[0].iso()} from the dates in the text")
            return ArticleDate(content[0], content[1], "content")
        if dl is None:
            warnings.append("no dateline and no full date in the text: the article is undated")
        else:
            warnings.append("the dateline gives no date and the text no full date: the article is undated")
        return ArticleDate(None)
    choice = infer_year(dl.month, dl.day, text, mentions)
    warnings.extend(choice.warnings)
    if choice.year is None:
        return ArticleDate(None, choice.evidence)
    return ArticleDate(DateValue.day(date(choice.year, dl.month, dl.day)), choice.evidence, "inferred")


def _near_dateline(dl, ref: date, why: str, basis: str) -> ArticleDate:
    """A known date (catalog, page) moved to the dateline's day when that day is near it: a
    dateline is often the day before publication."""
    day = _near(dl.month, dl.day, ref) if dl is not None else None
    return ArticleDate(DateValue.day(day or ref), [why], basis)


def _date_from_content(text: str, mentions) -> tuple[DateValue, list[str]] | None:
    """An article with no dateline and no page date: the latest full date its text gives as
    past (a photo caption's "Tokyo, August 23, 2025", "met on Aug. 21, 2025"), moved on to
    the weekday the lead reports ("said Tuesday") when one follows within the week."""
    dated = []
    for t in mentions:
        if t.kind in ("iso", "full_mdy", "full_dmy") and not t.fields.get("future"):
            value = resolve.resolve(t, None)
            if value is not None:
                dated.append((value.start, t.text))
    if not dated:
        return None
    latest, written = max(dated)
    weekdays = [
        t for t in mentions if t.kind == "weekday" and not t.fields.get("rel") and not t.fields.get("future")
    ]
    for t in weekdays:
        target = patterns.WEEKDAYS.index(t.fields["wd"].lower())
        ahead = (target - latest.weekday()) % 7
        if ahead:
            day = latest + timedelta(days=ahead)
            why = [
                f"the latest date the text gives is '{written}' ({latest.isoformat()})",
                f"'{t.text}' after it is {day.isoformat()}",
            ]
            return DateValue.day(day), why
        break
    return DateValue.day(latest), [f"the latest date the text gives is '{written}' ({latest.isoformat()})"]


def _date_from_lead_anniversary(text, lay, mentions) -> tuple[DateValue, list[str]] | None:
    """A lead that marks "the 105th anniversary of" a known day dates the article to that
    anniversary (or the day after, if the lead's weekday says so)."""
    if not lay.paragraphs:
        return None
    lead_end = lay.paragraphs[min(1, len(lay.paragraphs) - 1)].end
    lead = [t for t in mentions if t.start < lead_end]
    for t in lead:
        if t.kind != "anniversary":
            continue
        anchor = anchors.anchor_of_anniversary(t.fields["what"], text)
        if anchor is None:
            continue
        n = int(t.fields["n"])
        try:
            day = anchor["date"].replace(year=anchor["date"].year + n)
        except ValueError:
            continue
        weekdays = [
            patterns.WEEKDAYS.index(w.fields["wd"].lower())
            for w in lead
            if w.kind == "weekday" and not w.fields.get("rel") and not w.fields.get("future")
        ]
        why = f"the lead marks {t.text} of {anchor['name']} ({anchor['date'].isoformat()}): {day}"
        if not weekdays or weekdays[0] == day.weekday():
            return DateValue.day(day), [why]
        if weekdays[0] == (day + timedelta(days=1)).weekday():
            return DateValue.day(day + timedelta(days=1)), [why + ", reported the day after"]
    return None


def _date_from_lead_day(text, lay, mentions, warnings) -> tuple[DateValue, list[str]] | None:
    """A dateline without a day ("MADRID (AP) —") whose lead names one ("on Aug. 12"): that
    day is the news day, and its year is inferred as a dateline's would be."""
    if not lay.paragraphs:
        return None
    lead_end = lay.paragraphs[min(1, len(lay.paragraphs) - 1)].end
    lead = [t for t in mentions if t.start < lead_end]
    weekdays = [
        patterns.WEEKDAYS.index(t.fields["wd"].lower())
        for t in lead
        if t.kind == "weekday" and not t.fields.get("rel") and not t.fields.get("future")
    ]
    for t in lead:
        if t.kind not in ("month_day", "day_month") or t.fields.get("future"):
            continue
        month, day = patterns.month_number(t.fields["mon"]), int(re.match(r"\d+", t.fields["d"]).group())
        choice = infer_year(month, day, text, mentions)
        if choice.year is None or choice.defaulted:
            continue
        found = date(choice.year, month, day)
        if weekdays and found.weekday() != weekdays[0]:
            continue  # the lead's weekday names another day
        why = f"the lead gives the day: '{t.text}'"
        return DateValue.day(found), [why, *choice.evidence]
    return None


def _near(month: int, day: int, ref: date) -> date | None:
    """The dateline day closest to (and normally just before) a reference date."""
    options = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(date(y, month, day))
        except ValueError:
            continue
    if not options:
        return None
    return min(options, key=lambda d: (abs((d - ref).days), d > ref))
