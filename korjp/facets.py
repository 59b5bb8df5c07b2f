"""Counts over time or by speaker: how activity is spread ("how many statements per month?").

A facet view, like Datasette's date facets: each record goes to one bucket. A date coarser
than the bucket (a year when counting months, 1910–1945 when counting years) fits no single
bucket and is left out and counted apart, rather than piled onto its first day.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

BUCKETS = ("month", "week", "year", "speaker")


def _bucket(start: str, end: str, by: str) -> str | None:
    a, z = date.fromisoformat(start), date.fromisoformat(end)
    if by == "year":
        return f"{a.year:04d}" if a.year == z.year else None
    if by == "month":
        return f"{a.year:04d}-{a.month:02d}" if (a.year, a.month) == (z.year, z.month) else None
    year, week, _ = a.isocalendar()
    return f"{year:04d}-W{week:02d}" if z.isocalendar()[:2] == (year, week) else None


def _span_of(value: str | None) -> tuple[str, str] | None:
    """The first and last day of an ISO value (a day, YYYY-MM, YYYY, or START/END)."""
    if not value:
        return None
    from .model import DateValue

    v = DateValue.from_iso(value)
    return v.start.isoformat(), v.end.isoformat()


def count(records: list[dict], by: str, what: str) -> tuple[list[dict], int]:
    """[{bucket, count}] in bucket order, and how many records fit no single bucket.

    `what` is "events" (records of queries.timeline) or "quotes" (records of queries.quotes).
    """
    if by not in BUCKETS or (by == "speaker" and what != "quotes"):
        raise ValueError(f"cannot count {what} by {by}")
    counts: Counter = Counter()
    left_out = 0
    for r in records:
        if by == "speaker":
            counts[r.get("speaker") or "(unattributed)"] += 1
            continue
        span = (r["start_date"], r["end_date"]) if what == "events" else _span_of(r.get("said_on"))
        bucket = _bucket(*span, by) if span else None
        if bucket is None:
            left_out += 1
        else:
            counts[bucket] += 1
    if by == "speaker":
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    else:
        ordered = sorted(counts.items())
    return [{"bucket": b, "count": n} for b, n in ordered], left_out
