"""iCalendar (RFC 5545): one all-day VEVENT per dated event or quote, through `icalendar`.

The icalendar package is the optional `ics` extra (`pip install 'korjp[ics]'`); without it
the export stops with that hint. Article text goes through our own TEXT escaping (RFC 5545
§3.3.11): backslash, `;`, `,` and line breaks are escaped, and the control characters a TEXT
value may not hold are dropped; icalendar folds the lines at 75 octets.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import UTC, date, datetime, timedelta

from .records import Item, quote_line, sentence_of, speaker_of, where

HINT = "pip install 'korjp[ics]'"
PRODID = "-//korjp//korjp export//EN"
# RFC 5545 CONTROL: every C0 character but HTAB (line feeds are escaped first), and DEL.
_CONTROL_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


def escape_text(text: str) -> str:
    """An RFC 5545 TEXT value: `\\` `;` `,` escaped, any line break as `\\n`, no controls."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return _CONTROL_RE.sub("", text)


def _stamp() -> datetime:
    """DTSTAMP: now, or midnight UTC of `KORJP_TODAY` when that pins the day (reproducible runs)."""
    pinned = os.environ.get("KORJP_TODAY")
    if pinned:
        try:
            return datetime.combine(date.fromisoformat(pinned), datetime.min.time(), tzinfo=UTC)
        except ValueError:
            pass
    return datetime.now(UTC).replace(microsecond=0)


def _summary(item: Item) -> str:
    if item.type == "event":
        return item.record.get("evidence") or item.record.get("date") or ""
    return quote_line(item.record)


def _description(db: sqlite3.Connection | None, item: Item) -> str:
    r = item.record
    lines = [sentence_of(db, item), ""]
    if item.type == "quote" and r.get("role"):
        lines.append(f"{speaker_of(r)}, {r['role']}")
    if item.type == "event" and r.get("actors"):
        lines.append("With " + ", ".join(r["actors"]))
    lines.append(where(r))
    return "\n".join(lines)


def calendar_text(
    db: sqlite3.Connection | None, placed: list[Item], *, error: type[Exception]
) -> tuple[str, int]:
    """The VCALENDAR as text (CRLF line ends) and the number of VEVENTs in it.

    DTSTART;VALUE=DATE is the first day, DTEND;VALUE=DATE the day after the last (RFC 5545
    makes DTEND exclusive); UID is `<hash of type, article, offsets, days, kind>@korjp`, the
    same on every run, so a calendar that re-imports the file updates its events.
    """
    try:
        from icalendar import Calendar, Event, vText
    except ImportError as exc:
        raise error(f"--format ics needs the icalendar package: {HINT}") from exc

    class Text(vText):
        """A TEXT value escaped by `escape_text` (icalendar would read `\\N` in it as a newline)."""

        def to_ical(self) -> bytes:
            return escape_text(str(self)).encode("utf-8")

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "korjp timeline")
    stamp = _stamp()
    count = 0
    for item in placed:
        try:
            after = item.last + timedelta(days=1)
        except OverflowError:  # 9999-12-31 has no day after; iCalendar cannot end it
            continue
        event = Event()
        event.add("uid", f"{item.uid}@korjp")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.first)
        event.add("dtend", after)
        event.add("summary", Text(_summary(item)))
        event.add("description", Text(_description(db, item)))
        event.add("categories", [item.type])
        event.add("transp", "TRANSPARENT")  # a dated mention does not make anyone busy
        cal.add_component(event)
        count += 1
    return cal.to_ical().decode("utf-8"), count
