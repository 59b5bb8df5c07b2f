"""`korjp timeline --html FILE`: one self-contained, offline HTML page of the timeline.

The page is the template in `templates/` (HTML, CSS and vanilla JavaScript, all inlined) with
the records embedded as JSON in a `<script type="application/json">` element. Nothing is
fetched: no CDN, no fonts, no network, and a Content-Security-Policy says so. Article text
only ever reaches the page as JSON data; the script inserts it with `textContent`.

The records are those of `korjp.queries.timeline` and `korjp.queries.quotes`, kept whole (the
JSON contract) with a few keys added for the page: an event's stable `id` and the position of
its dating words in its sentence (`hl`, UTF-16 units, as JavaScript counts), and a quote's
`said_on` as first and last day (`ss`, `se`).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import tempfile
from collections.abc import Mapping
from datetime import date
from importlib import resources
from pathlib import Path

from .. import __version__

_TEMPLATE_FILES = ("timeline.html", "timeline.css", "timeline.js")
_PLACEHOLDER = re.compile(r"__(TITLE|CSP|VERSION|CSS|JS|DATA)__")
# Inside a <script> element, `</script` or `<!--` would end or confuse it; U+2028/2029 are
# line terminators to old JavaScript parsers. All of them only occur inside JSON strings,
# where a \uXXXX escape means the same character. Lone surrogates cannot be written as UTF-8.
_UNSAFE_IN_SCRIPT = re.compile("[<>&\u2028\u2029\ud800-\udfff]")


def write_timeline_html(
    events: list[dict],
    quotes: list[dict],
    path: Path,
    *,
    title: str = "korjp timeline",
    countries: Mapping[str, str | None] | None = None,
) -> int:
    """Write one self-contained, offline HTML page (no CDN, no network) showing `events`
    (records of korjp.queries.timeline, JSON-contract keys plus `kind`, `sentence_start`) and
    `quotes` (records of korjp.queries.quotes). Returns the number of events written.

    `countries` (speaker name -> country code, as `korjp.queries.speakers` gives them) adds
    lanes by country. Events without a readable start and end date are left out. The file is
    written to a temporary name beside `path` and renamed into place.
    """
    page, written = timeline_html(events, quotes, title=title, countries=countries)
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(page)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as open() would have made it, not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written


def timeline_html(
    events: list[dict],
    quotes: list[dict],
    *,
    title: str = "korjp timeline",
    countries: Mapping[str, str | None] | None = None,
) -> tuple[str, int]:
    """The page as a string, and the number of events in it."""
    page_events = _page_events(events)
    data = {
        "events": page_events,
        "quotes": [_page_quote(q) for q in quotes],
        "countries": {k: v for k, v in (countries or {}).items() if v},
        "hasCountries": countries is not None,
    }
    css, js, skeleton = (_template(name) for name in ("timeline.css", "timeline.js", "timeline.html"))
    script_hash = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    csp = (
        "default-src 'none'; "
        f"script-src 'sha256-{script_hash}'; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    values = {
        "TITLE": html.escape(title),
        "CSP": html.escape(csp, quote=False),  # it has no double quote
        "VERSION": html.escape(__version__),
        "CSS": css,
        "JS": js,
        "DATA": embed_json(data),
    }
    # One pass, so that a placeholder written inside the data or the title stays text.
    return _PLACEHOLDER.sub(lambda m: values[m[1]], skeleton), len(page_events)


def embed_json(value) -> str:
    """JSON that can sit inside a <script> element: `<`, `>`, `&`, U+2028/2029 escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _UNSAFE_IN_SCRIPT.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _template(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def _iso_day(value) -> str | None:
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except (TypeError, ValueError):
        return None


def _page_events(events: list[dict]) -> list[dict]:
    """Dated events in time order, each with a stable id and its highlight."""
    out: list[dict] = []
    seen: dict[str, int] = {}
    for record in events:
        start, end = _iso_day(record.get("start_date")), _iso_day(record.get("end_date"))
        if start is None or end is None:
            continue
        if end < start:
            start, end = end, start
        base = f"{record.get('article')}:{record.get('start')}-{record.get('end')}"
        seen[base] = seen.get(base, 0) + 1
        event = dict(record)
        event["start_date"], event["end_date"] = start, end
        event["actors"] = [a for a in record.get("actors") or [] if isinstance(a, str)]
        for key in ("text", "evidence", "article"):
            event[key] = "" if record.get(key) is None else str(record[key])
        event["id"] = base if seen[base] == 1 else f"{base}#{seen[base]}"
        event["hl"] = _highlight(record)
        out.append(event)
    out.sort(key=lambda e: (e["start_date"], e["end_date"]))  # stable: keeps the query's order
    return out


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _highlight(record: dict) -> list[int] | None:
    """Where the dating words sit in the sentence, in UTF-16 units; None when they are not in it
    (a dateline event's evidence is the dateline, outside its lead sentence)."""
    text, evidence = record.get("text") or "", record.get("evidence") or ""
    if not evidence or not text:
        return None
    at = -1
    start, sentence_start = record.get("start"), record.get("sentence_start")
    if isinstance(start, int) and isinstance(sentence_start, int):
        rel = start - sentence_start
        if 0 <= rel and text[rel : rel + len(evidence)] == evidence:
            at = rel
    if at < 0:
        at = text.find(evidence)
    if at < 0:
        return None
    lo = _utf16_len(text[:at])
    return [lo, lo + _utf16_len(evidence)]


def _said_range(said_on) -> tuple[str | None, str | None]:
    """`said_on` (a day, `START/END`, or a month or year) as its first and last day."""
    if not isinstance(said_on, str) or not said_on:
        return None, None
    first, _, last = said_on.partition("/")
    lo, hi = _bound(first, low=True), _bound(last or first, low=False)
    return (lo, hi) if lo and hi and lo <= hi else (None, None)


def _bound(text: str, low: bool) -> str | None:
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return _iso_day(text)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        import calendar

        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12 and year >= 1:
            return date(year, month, 1 if low else calendar.monthrange(year, month)[1]).isoformat()
    if re.fullmatch(r"\d{4}", text) and text != "0000":
        return f"{text}-01-01" if low else f"{text}-12-31"
    return None


def _page_quote(record: dict) -> dict:
    quote = dict(record)
    quote["ss"], quote["se"] = _said_range(record.get("said_on"))
    return quote
