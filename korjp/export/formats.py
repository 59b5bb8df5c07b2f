"""`korjp export`: the timeline and quotes as TimelineJS, iCalendar, CSV, JSON Lines or SQLite.

`export` is the one entry point. Text formats go to a stream (stdout by default) or a file;
`sqlite` writes a standalone copy of the store to a new file. Article text is untrusted:
CSV and JSON Lines keep it as written (they are data), iCalendar escapes it per RFC 5545,
and TimelineJS, which renders its strings as HTML, gets it HTML-escaped.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sqlite3
import sys
import typing
from pathlib import Path

from .records import Item, items, quote_line, sentence_of, speaker_of, where

FORMATS = ("timelinejs", "ics", "csv", "jsonl", "sqlite")

# The keys of `timeline --json` and `quotes --json` (README, "JSON contract"), in that order.
EVENT_KEYS = (
    "date", "granularity", "start_date", "end_date", "evidence", "start", "end", "text", "actors",
    "article", "inferred", "kind",
)  # fmt: skip
QUOTE_KEYS = (
    "id", "article", "speaker", "speaker_mention", "role", "kind", "text", "start", "end", "said_on", "verb",
)  # fmt: skip
INTERNAL_KEYS = {"sentence_start"}  # in the query records, not in the contract

# Left raw by json.dumps(ensure_ascii=False) but able to act on a terminal or a text editor:
# DEL and C1 controls, zero-width and bidi formatting characters. Written as \u escapes.
_INVISIBLE = "\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb"
_JSON_UNSAFE_RE = re.compile(f"[\x7f-\x9f{_INVISIBLE}]")


class ExportError(Exception):
    """Something the user can fix (a missing --output, an existing file, a missing extra)."""


def export(
    db: sqlite3.Connection,
    fmt: str,
    out: typing.TextIO | None,
    path: Path | None,
    *,
    events: list[dict],
    quotes: list[dict],
) -> int:
    """Write `events` (records of korjp.queries.timeline) and `quotes` (records of korjp.queries.quotes)
    in format `fmt`; text formats go to `out` (stdout by default), sqlite needs `path`. Returns rows written.

    With `path`, a text format is written to that file, replacing it; the whole output is made
    in memory first, so a user error (such as the missing `ics` extra) leaves an existing file
    untouched. `sqlite` never replaces a file. Raises ExportError for what the user can fix.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if path is not None and Path(path).is_dir():
        raise ExportError(f"{path} is a directory; give a file name to --output")
    if fmt == "sqlite":
        from .sqlite_copy import copy_store

        if path is None:
            raise ExportError("--format sqlite writes a database file: give it with --output FILE")
        return copy_store(db, Path(path), events=events, quotes=quotes, error=ExportError)
    if fmt == "ics":
        from .ics import calendar_text

        text, count = calendar_text(db, items(events, quotes), error=ExportError)
    elif fmt == "timelinejs":
        text, count = timelinejs_text(db, items(events, quotes))
    elif fmt == "csv":
        text, count = csv_text(events, quotes)
    else:
        text, count = jsonl_text(events, quotes)
    _write(text, out, None if path is None else Path(path))
    return count


def _write(text: str, out: typing.TextIO | None, path: Path | None) -> None:
    if path is None:
        stream = out if out is not None else sys.stdout
        stream.write(text)
        stream.flush()
        return
    try:
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write(text)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _rows(events: list[dict], quotes: list[dict]) -> typing.Iterator[dict]:
    """One dict per record, `type` first, with the keys `--json` prints."""
    for type_, records in (("event", events), ("quote", quotes)):
        for r in records:
            yield {"type": type_, **{k: v for k, v in r.items() if k not in INTERNAL_KEYS}}


# --- CSV and JSON Lines: data, the text as written ------------------------------------------


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def csv_text(events: list[dict], quotes: list[dict]) -> tuple[str, int]:
    """RFC 4180 CSV: a header, CRLF line ends, fields quoted when they hold `"` `,` or a newline.

    Columns are `type`, the event and quote contract keys, then any key a later korjp adds;
    a key a row does not have is empty. Lists are JSON text, booleans `true`/`false`.
    """
    rows = list(_rows(events, quotes))
    columns = ["type", *dict.fromkeys(EVENT_KEYS + QUOTE_KEYS)]
    for row in rows:
        columns += [k for k in row if k not in columns]
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(k)) for k in columns])
    return buf.getvalue(), len(rows)


def _json(document: object, indent: int | None = None) -> str:
    text = json.dumps(document, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def jsonl_text(events: list[dict], quotes: list[dict]) -> tuple[str, int]:
    """One JSON object a line: `{"type": "event"|"quote", ...the --json keys}`."""
    lines = [_json(row) + "\n" for row in _rows(events, quotes)]
    return "".join(lines), len(lines)


# --- TimelineJS: its strings are HTML, so every piece of article text is escaped ------------


def _date_object(day, fields: int) -> dict:
    """A TimelineJS date: integer year, then month and day as far as `fields` asks."""
    out: dict = {"year": day.year}
    if fields >= 2:
        out["month"] = day.month
    if fields >= 3:
        out["day"] = day.day
    return out


def _display(item: Item) -> str:
    r = item.record
    if item.type == "event":
        shown = (r.get("date") or "").replace("/", " – ")
        return ("~" if r.get("inferred") else "") + shown
    return (r.get("said_on") or "").replace("/", " – ")


def _slide(db: sqlite3.Connection | None, item: Item) -> dict:
    r, esc = item.record, html.escape
    fields = {"year": 1, "month": 2}.get(item.precision, 3)
    slide: dict = {"start_date": _date_object(item.first, fields)}
    if item.precision != "day":
        slide["end_date"] = _date_object(item.last, 3)  # the last day it covers
    if item.type == "event":
        headline = r.get("evidence") or r.get("date") or ""
        paragraphs = [r.get("text") or ""]
        if r.get("actors"):
            paragraphs.append("With " + ", ".join(r["actors"]))
        group = r.get("article") or ""
    else:
        headline = quote_line(r)
        context = sentence_of(db, item)
        paragraphs = [context] if context and context != r.get("text") else []
        if r.get("role"):
            paragraphs.append(f"{speaker_of(r)}, {r['role']}")
        group = r.get("speaker") or r.get("article") or ""
    paragraphs.append(where(r))
    slide["text"] = {
        "headline": esc(headline),
        "text": "".join(f"<p>{esc(p)}</p>" for p in paragraphs),
    }
    slide["display_date"] = esc(_display(item))
    slide["group"] = esc(group)
    slide["unique_id"] = f"{item.type}-{item.uid}"
    return slide


def timelinejs_text(db: sqlite3.Connection | None, placed: list[Item]) -> tuple[str, int]:
    """A TimelineJS3 JSON document: a title slide and one slide per dated event or quote.

    Day-precise records have a start date only; a month, a year or a range also has an
    `end_date`, its last day, so the slide spans the whole extent. Quotes sit on `said_on`.
    """
    n_events = sum(i.type == "event" for i in placed)
    n_quotes = len(placed) - n_events
    document = {
        "title": {
            "text": {
                "headline": "korjp timeline",
                "text": f"<p>{n_events} dated events and {n_quotes} dated quotes</p>",
            }
        },
        "events": [_slide(db, item) for item in placed],
    }
    return _json(document, indent=2) + "\n", len(placed)
