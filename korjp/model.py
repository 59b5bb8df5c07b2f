"""The plain records every stage passes along.

They are dataclasses, not ORM rows, so the extraction code can be used and tested without a
store, and the store can be read without the extraction code.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

GRANULARITIES = ("day", "week", "month", "year", "range")


@dataclass(frozen=True, order=True)
class DateValue:
    """A date with the precision the source gave it: a year stays a year.

    `start` and `end` are the inclusive days the value covers, so any two values can be
    compared and overlapped; `granularity` says how the value was written.
    """

    start: date
    end: date
    granularity: str

    @classmethod
    def day(cls, d: date) -> DateValue:
        return cls(d, d, "day")

    @classmethod
    def month(cls, year: int, month: int) -> DateValue:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), "month")

    @classmethod
    def year(cls, year: int) -> DateValue:
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def span(cls, start: date, end: date, granularity: str = "range") -> DateValue:
        if end < start:
            start, end = end, start
        return cls(start, end, granularity)

    def precision(self) -> str:
        """The unit both ends of the value are aligned to: year, month or day."""
        if self.granularity in ("day", "month", "year"):
            return self.granularity
        if self.granularity == "week":
            return "day"
        whole_years = (self.start.month, self.start.day) == (1, 1) and (
            self.end.month,
            self.end.day,
        ) == (12, 31)
        if whole_years:
            return "year"
        month_end = calendar.monthrange(self.end.year, self.end.month)[1]
        if self.start.day == 1 and self.end.day == month_end:
            return "month"
        return "day"

    def _fmt(self, d: date, unit: str) -> str:
        if unit == "year":
            return f"{d.year:04d}"
        if unit == "month":
            return f"{d.year:04d}-{d.month:02d}"
        return d.isoformat()

    def iso(self) -> str:
        """ISO 8601 text: `2025-08-20`, `2025-08`, `1993`, or `START/END` for spans."""
        unit = self.precision()
        if self.granularity in ("day", "month", "year"):
            return self._fmt(self.start, unit)
        return f"{self._fmt(self.start, unit)}/{self._fmt(self.end, unit)}"

    def display(self) -> str:
        """Compact human form: `2025-08-21..24`, `1910–1945`, `2025-08`."""
        if self.granularity in ("day", "month", "year"):
            return self.iso()
        unit = self.precision()
        a, b = self._fmt(self.start, unit), self._fmt(self.end, unit)
        if unit == "year":
            return f"{a}–{b}"
        if unit == "day" and a[:8] == b[:8]:
            return f"{a}..{b[8:]}"
        if unit == "day" and a[:5] == b[:5]:
            return f"{a}..{b[5:]}"
        return f"{a}..{b}"

    @classmethod
    def from_iso(cls, text: str, granularity: str | None = None) -> DateValue:
        """Parse what `iso()` writes; granularity defaults to what the text shows."""
        if "/" in text:
            a, b = text.split("/", 1)
            lo, hi = cls.from_iso(a), cls.from_iso(b)
            return cls(lo.start, hi.end, granularity or "range")
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 1:
            return cls.year(parts[0])
        if len(parts) == 2:
            return cls.month(parts[0], parts[1])
        return cls.day(date(parts[0], parts[1], parts[2]))


@dataclass(frozen=True)
class Span:
    """Where a piece of evidence sits: `text[start:end]` of the article file."""

    start: int
    end: int


@dataclass
class Dateline:
    text: str
    place: str | None
    month: int | None
    day: int | None
    source: str | None
    start: int
    end: int
    body_start: int = 0  # where the article text after the dateline begins
    year: int | None = None  # only when the dateline writes one
    date: date | None = None


@dataclass
class TimeMention:
    """A dated expression found in text, before or after it is resolved."""

    start: int
    end: int
    text: str
    kind: str
    fields: dict = field(default_factory=dict)
    value: DateValue | None = None
    inferred: bool = False


@dataclass
class Mention:
    """A reference to a person or group in the text, resolved to a local person key."""

    start: int
    end: int
    text: str
    person: str | None  # person key, see people.person_key
    kind: str  # name, surname, title, pronoun, group


@dataclass
class Person:
    key: str
    name: str
    surname: str | None
    country: str | None = None
    gender: str | None = None
    group: bool = False
    aliases: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)


@dataclass
class Quote:
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None  # person key
    speaker_mention: str | None
    mention_start: int | None
    mention_end: int | None
    verb: str | None
    said_on: DateValue | None
    sentence: int


@dataclass
class Event:
    value: DateValue
    evidence: str
    start: int
    end: int
    sentence_text: str
    sentence_start: int
    actors: list[str]
    inferred: bool
    kind: str


@dataclass
class Segment:
    """A searchable piece of an article: title, takeaway or sentence."""

    kind: str
    start: int
    end: int
    text: str


@dataclass
class ArticleFacts:
    """Everything extracted from one article file, ready for the store."""

    article: str
    path: str
    text: str
    title: str | None
    title_span: Span | None
    takeaways: list[Segment]
    sentences: list[Segment]
    dateline: Dateline | None
    date: DateValue | None
    year_evidence: list[str]
    warnings: list[str]
    people: dict[str, Person]
    mentions: list[Mention]
    quotes: list[Quote]
    events: list[Event]
    source: str | None = None
    url: str | None = None
    date_basis: str | None = None  # catalog, dateline, page, inferred, content
