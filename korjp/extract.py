"""One article in, all its facts out: the pipeline every other stage feeds.

The order matters and mirrors how a reader works: find the layout and the dateline, settle
the article's date (catalog, a date printed on the page, or inferred from evidence), then
resolve the dates in the text against it, find the people, and attribute the quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta

from . import timex
from .corpus import CatalogEntry
from .dateline import find_dateline
from .model import ArticleFacts, DateValue, Event, Segment, Span, TimeMention
from .people import find_people
from .quotes import Sentence, find_quotes
from .segment import Block, layout, sentences
from .segment import find_quotes as find_quote_marks
from .years import infer_year

DOTTED_DATE_RE = re.compile(r"\b(20\d\d|19\d\d)[./](\d{1,2})[./](\d{1,2})\b")
MAX_ANALYSED_CHARS = 500_000  # about 80,000 words; real articles are 50 times shorter


def extract(
    article: str,
    path: str,
    text: str,
    entry: CatalogEntry | None = None,
    warnings: list[str] | None = None,
) -> ArticleFacts:
    """Extract every fact from one article's text."""
    warnings = list(warnings or [])
    if len(text) > MAX_ANALYSED_CHARS:
        # Offsets stay valid: the text is cut, never shifted.
        warnings.append(
            f"{len(text):,} characters is far beyond any news article; only the first "
            f"{MAX_ANALYSED_CHARS:,} were analysed"
        )
        text = text[:MAX_ANALYSED_CHARS]
    lay = layout(text)
    dl, dl_index = find_dateline(text, lay.paragraphs)
    paragraphs = list(lay.paragraphs)
    if dl is not None and dl_index is not None:
        para = paragraphs[dl_index]
        if dl.body_start < para.end:
            paragraphs[dl_index] = Block(dl.body_start, para.end, text[dl.body_start : para.end])
        else:
            del paragraphs[dl_index]
            _drop_repeated_dateline(paragraphs, dl.text)

    quote_marks = []
    sents: list[Sentence] = []
    for pi, para in enumerate(paragraphs):
        marks = find_quote_marks(text, para.start, para.end)
        quote_marks.extend(marks)
        for block in sentences(text, para, marks):
            inside = [q for q in marks if block.start <= q.open < block.end]
            sents.append(Sentence(block, pi, inside))

    mentions: list[TimeMention] = []
    for para in paragraphs:
        mentions.extend(timex.scan(text, para.start, para.end))

    for t in mentions:
        sent = _sentence_of(sents, t.start)
        offset = t.start - sent.block.start if sent else 0
        context = text[sent.block.start : sent.block.end] if sent else ""
        t.fields["future"] = timex.future_context(context, offset) or _future_phrase(text, t)

    article_date, year_evidence = _article_date(text, dl, entry, lay, mentions, warnings)
    anchor = article_date.start if article_date else None
    for t in mentions:
        t.value = timex.resolve(t, anchor, t.fields["future"], text)

    # Headlines are left out: Title Case turns ordinary words into false names there.
    regions = [(p.start, p.end) for p in paragraphs]
    people = find_people(text, regions, anchor)

    dated = [t for t in mentions if t.value is not None]
    quotes = find_quotes(
        text,
        sents,
        people,
        article_date if article_date and article_date.granularity == "day" else None,
        dated,
        anchor,
    )

    events = _events(text, sents, mentions, people, dl, article_date)
    segments = [Segment("sentence", s.block.start, s.block.end, s.block.text) for s in sents]
    takeaways = [Segment("takeaway", b.start, b.end, b.text) for b in lay.takeaways]
    if dl is not None and article_date is not None and dl.month:
        dl.date = article_date.start
    return ArticleFacts(
        article=article,
        path=path,
        text=text,
        title=lay.title.text if lay.title else None,
        title_span=Span(lay.title.start, lay.title.end) if lay.title else None,
        takeaways=takeaways,
        sentences=segments,
        dateline=dl,
        date=article_date,
        year_evidence=year_evidence,
        warnings=warnings,
        people=people.people,
        mentions=people.mentions,
        quotes=quotes,
        events=events,
        source=(entry.source if entry and entry.source else (dl.source if dl else None)),
        url=entry.url if entry else None,
    )


def _drop_repeated_dateline(paragraphs: list[Block], dateline_text: str) -> None:
    """A page that shows the bare dateline twice keeps only the first."""
    paragraphs[:] = [p for p in paragraphs if p.text.strip() != dateline_text]


def _future_phrase(text: str, t: TimeMention) -> bool:
    if t.kind != "weekday":
        return False
    rel = (t.fields.get("rel") or "").lower()
    prep = (t.fields.get("prep") or "").lower()
    return rel in ("this", "next", "coming") or prep in ("until", "through", "by")


def _sentence_of(sents: list[Sentence], pos: int) -> Sentence | None:
    i = bisect_right(sents, pos, key=lambda s: s.block.start) - 1
    if i >= 0 and sents[i].block.start <= pos < sents[i].block.end:
        return sents[i]
    return None


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
        for t in timex.scan(text, block.start, block.end):
            if t.kind in ("iso", "full_mdy", "full_dmy"):
                value = timex.resolve(t, None)
                if value:
                    return value.start, block.text
    return None, None


def _article_date(text, dl, entry, lay, mentions, warnings) -> tuple[DateValue | None, list[str]]:
    has_day = dl is not None and dl.month is not None
    if entry and entry.published:
        pub = entry.published
        if has_day:
            day = _near(dl.month, dl.day, pub)
            if day:
                return DateValue.day(day), [f"catalog: published {pub.isoformat()}"]
        return DateValue.day(pub), [f"catalog: published {pub.isoformat()}"]
    if has_day and dl.year:
        try:
            return DateValue.day(date(dl.year, dl.month, dl.day)), ["the dateline gives the year"]
        except ValueError:
            warnings.append(f"dateline date does not exist: {dl.text}")
            return None, []
    page, line = _page_date(text, lay)
    if page is not None:
        why = f"the page shows a publication date: '{line.strip()[:60]}'"
        if has_day:
            day = _near(dl.month, dl.day, page)
            if day:
                return DateValue.day(day), [why]
        return DateValue.day(page), [why]
    if not has_day:
        lead = _date_from_lead_anniversary(text, lay, mentions) or _date_from_lead_day(
            text, lay, mentions, warnings
        )
        if lead is not None:
            return lead
        if dl is None:
            warnings.append("no dateline found: the article is undated")
        else:
            warnings.append("the dateline gives no date: the article is undated")
        return None, []
    choice = infer_year(dl.month, dl.day, text, mentions)
    warnings.extend(choice.warnings)
    if choice.year is None:
        return None, choice.evidence
    return DateValue.day(date(choice.year, dl.month, dl.day)), choice.evidence


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
        anchor = timex.anchor_of_anniversary(t.fields["what"], text)
        if anchor is None:
            continue
        n = int(t.fields["n"])
        try:
            day = anchor["date"].replace(year=anchor["date"].year + n)
        except ValueError:
            continue
        weekdays = [
            timex.WEEKDAYS.index(w.fields["wd"].lower())
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
        timex.WEEKDAYS.index(t.fields["wd"].lower())
        for t in lead
        if t.kind == "weekday" and not t.fields.get("rel") and not t.fields.get("future")
    ]
    for t in lead:
        if t.kind not in ("month_day", "day_month") or t.fields.get("future"):
            continue
        month, day = timex.month_number(t.fields["mon"]), int(re.match(r"\d+", t.fields["d"]).group())
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


def _events(text, sents, mentions, people, dl, article_date) -> list[Event]:
    """One event per dated dateline and per resolved date expression, with its sentence."""

    def event(value, evidence, start, end, sent, inferred, kind) -> Event:
        return Event(
            value=value,
            evidence=evidence,
            start=start,
            end=end,
            sentence_text=sent.block.text if sent else evidence,
            sentence_start=sent.block.start if sent else start,
            actors=_actors(people, sent.block if sent else None),
            inferred=inferred,
            kind=kind,
        )

    events: list[Event] = []
    if dl is not None and article_date is not None and dl.month:
        lead = sents[0] if sents else None
        day = DateValue.day(article_date.start)
        events.append(event(day, dl.text, dl.start, dl.end, lead, dl.year is None, "dateline"))
    for t in mentions:
        if t.value is not None:
            sent = _sentence_of(sents, t.start)
            events.append(event(t.value, t.text, t.start, t.end, sent, t.inferred, t.kind))
    return events


def _actors(people, block: Block | None) -> list[str]:
    if block is None:
        return []
    keys = []
    for m in people.mentions:
        if block.start <= m.start < block.end and m.person and m.person not in keys:
            keys.append(m.person)
    return keys
