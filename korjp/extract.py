"""One article in, all its facts out: the pipeline every other stage feeds.

The order matters and mirrors how a reader works: find the layout and the dateline, settle
the article's date (catalog, a date printed on the page, or inferred from evidence), then
resolve the dates in the text against it, find the people, and attribute the quotes.
"""

from __future__ import annotations

from bisect import bisect_right

from .corpus import CatalogEntry
from .dates import article_date as dates_of_article
from .dates import context as in_context
from .dates import patterns, resolve, tense
from .dates.dateline import find_dateline
from .model import ArticleFacts, DateValue, Event, Segment, Span, TimeMention
from .people import find_people
from .quotes import Sentence, find_quotes
from .segment import Block, layout, sentences
from .segment import find_quotes as find_quote_marks

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
        mentions.extend(patterns.scan(text, para.start, para.end))

    for t in mentions:
        sent = _sentence_of(sents, t.start)
        offset = t.start - sent.block.start if sent else 0
        context = text[sent.block.start : sent.block.end] if sent else ""
        t.fields["future"] = _points_forward(t, context, offset)

    decided = dates_of_article.decide(text, dl, entry, lay, mentions, warnings)
    article_date, year_evidence = decided.value, decided.evidence
    anchor = article_date.start if article_date else None
    last_quarter = None
    for t in mentions:
        if t.kind in ("quarter_ref", "ago", "year_earlier") and last_quarter:
            t.fields["context_q"] = last_quarter  # "the quarter": the one just named
        t.value = resolve.resolve(t, anchor, t.fields["future"], text)
        if t.value and t.kind in ("quarter", "quarter_code", "quarter_ref"):
            last_quarter = (t.value.start.year, (t.value.start.month - 1) // 3 + 1)
    in_context.settle(text, mentions, anchor)

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

    events = _events(text, sents, mentions + _page_dates(text, lay.noise), people, dl, article_date)
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
        date_basis=decided.basis,
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


# Dates whose year or week the tense decides: "on Friday", "in March", "this weekend".
FORWARD_OR_BACK = {
    "weekday",
    "month_day",
    "day_month",
    "month_only",
    "nth_of",
    "part_month",
    "weekend",
    "season",
    "holiday",
    "day_range",
}


def _points_forward(t: TimeMention, context: str, offset: int) -> bool:
    """Whether a date without a year or week points to the coming one: its own words
    ("next Friday", "this Sunday"), else the tense of the verb nearest it, else cues such
    as "until" or "ahead of" before it."""
    rel = (t.fields.get("rel") or "").lower()
    if t.kind == "weekday" and rel in ("this", "next", "coming"):
        return True
    if rel in ("last", "past", "previous"):
        return False
    if t.kind in FORWARD_OR_BACK:
        verb = tense.verb_tense(context, offset, offset + len(t.text))
        if verb in ("future", "past"):
            return verb == "future"
        if verb == "present" and t.kind == "weekday":
            return True
    prep = (t.fields.get("prep") or "").lower()
    return tense.future_context(context, offset) or (
        t.kind == "weekday" and prep in ("until", "through", "by")
    )


def _sentence_of(sents: list[Sentence], pos: int) -> Sentence | None:
    i = bisect_right(sents, pos, key=lambda s: s.block.start) - 1
    if i >= 0 and sents[i].block.start <= pos < sents[i].block.end:
        return sents[i]
    return None


def _page_dates(text: str, noise: list[Block]) -> list[TimeMention]:
    """Full dates on the page's own lines ("Friday, August 21, 2015", "Updated: 2025-06-04"):
    they date the article, so the timeline shows them too."""
    found = []
    for block in noise:
        for t in patterns.scan(text, block.start, block.end):
            if t.kind in ("iso", "full_mdy", "full_dmy"):
                t.value = resolve.resolve(t, None)
                t.kind = "page_date"
                found.append(t)
    return found


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
    for m in people.between(block.start, block.end):  # the mentions are in text order
        if m.person and m.person not in keys:
            keys.append(m.person)
    return keys
