"""What every export needs from a record: its days, a stable id, a label and its sentence."""

from __future__ import annotations

import calendar
import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Item:
    """One event or quote placed on the calendar: its first and last day (inclusive)."""

    type: str  # "event" or "quote"
    record: dict
    first: date
    last: date
    precision: str  # day, month or year when the span is exactly one of those; else range
    uid: str  # hex digest, unique within one export


def _bound(text: str, end: bool) -> date:
    """A day from `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: the first day of the span, or the last."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(*parts)[1] if end else 1)
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    raise ValueError(f"not an ISO date: {text!r}")


def span(type_: str, record: dict) -> tuple[date, date] | None:
    """The inclusive days an event covers or a quote was said on; None when undated or unreadable."""
    try:
        if type_ == "event":
            first, last = record.get("start_date"), record.get("end_date")
            if not first:
                return None
            return _bound(first, False), _bound(last or first, True)
        said = record.get("said_on")
        if not said:
            return None
        lo, _, hi = said.partition("/")
        return _bound(lo, False), _bound(hi or lo, True)
    except (ValueError, TypeError):
        return None


def precision(first: date, last: date) -> str:
    if first == last:
        return "day"
    if first.day == 1 and (first.year, first.month) == (last.year, last.month):
        if last.day == calendar.monthrange(last.year, last.month)[1]:
            return "month"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return "year"
    return "range"


def items(events: list[dict], quotes: list[dict]) -> list[Item]:
    """Events then quotes, the undated left out, each with an id stable across runs.

    The id hashes the record's type, article, character offsets, days and kind; two records
    alike in all of these (which the store does not make) get `-2`, `-3`... in their order.
    """
    out: list[Item] = []
    seen: dict[str, int] = {}
    for type_, records in (("event", events), ("quote", quotes)):
        for r in records:
            days = span(type_, r)
            if days is None:
                continue
            key = "\x1f".join(
                str(x) for x in (type_, r.get("article"), r.get("start"), r.get("end"), *days, r.get("kind"))
            )
            uid = hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]
            seen[uid] = seen.get(uid, 0) + 1
            if seen[uid] > 1:
                uid = f"{uid}-{seen[uid]}"
            out.append(Item(type_, r, days[0], days[1], precision(*days), uid))
    return out


def speaker_of(quote: dict) -> str:
    return quote.get("speaker") or quote.get("speaker_mention") or "Unattributed"


def quote_line(quote: dict) -> str:
    """`Name: “words”`; reported speech is the writer's wording, so it gets no quote marks."""
    if quote.get("kind") == "indirect":
        return f"{speaker_of(quote)} (reported): {quote.get('text') or ''}"
    return f"{speaker_of(quote)}: “{quote.get('text') or ''}”"


def where(record: dict) -> str:
    """Where the words are: `article, characters START–END` (offsets into the article file)."""
    return f"{record.get('article')}, characters {record.get('start')}–{record.get('end')}"


def sentence_of(db: sqlite3.Connection | None, item: Item) -> str:
    """The sentence of an event; for a quote, the sentences its span touches, joined."""
    r = item.record
    if item.type == "event":
        return r.get("text") or ""
    if db is None:
        return r.get("text") or ""
    try:
        rows = db.execute(
            "SELECT text FROM sentences WHERE article = ? AND kind = 'sentence' AND start < ? AND end > ? "
            "ORDER BY start",
            (r.get("article"), r.get("end"), r.get("start")),
        ).fetchall()
    except sqlite3.Error:
        rows = []
    return " ".join(row[0] for row in rows) or r.get("text") or ""
