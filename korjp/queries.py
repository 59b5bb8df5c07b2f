"""Questions asked of the store, answered as plain dicts in the stable JSON shape.

Each function returns exactly the records `--json` prints, so the CLI and the tests see the
same thing and the render layer only has to lay them out.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .names import person_key
from .store import LANE_DAYS, fill_event_text

KINDS = ("direct", "partial", "continuation", "indirect")


class QueryError(Exception):
    """A query that cannot be answered as asked; `suggestions` may help the user."""

    def __init__(self, message: str, suggestions: list[str] | None = None, usage: bool = False):
        super().__init__(message)
        self.suggestions = suggestions or []
        self.usage = usage


@dataclass(frozen=True)
class DateBound:
    start: date
    end: date


def parse_date_bound(text: str) -> DateBound:
    """A --from/--to value as the days it covers: `2025` is the whole year."""
    raw = text.strip()
    if m := re.fullmatch(r"(\d{4})", raw):
        y = int(m.group(1))
        if y < 1:
            raise QueryError(f"cannot read {text!r} as a date: there is no year 0", usage=True)
        return DateBound(date(y, 1, 1), date(y, 12, 31))
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", raw):
        import calendar

        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            return DateBound(date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]))
    from dateutil import parser

    try:
        lo = parser.parse(raw, default=datetime(2000, 1, 1))
        hi = parser.parse(raw, default=datetime(2001, 12, 31))
    except (ValueError, OverflowError, parser.ParserError):
        raise QueryError(
            f"cannot read {text!r} as a date; try 2025-08-20, 2025-08 or 2025", usage=True
        ) from None
    if lo.year != hi.year:  # no year written: this year (KORJP_TODAY pins it)
        from .dates.years import today

        year = today().year
        try:
            lo, hi = lo.replace(year=year), hi.replace(year=year)
        except ValueError:  # Feb 29 outside a leap year
            raise QueryError(f"{text!r} does not exist in {year}; add a year", usage=True) from None
    return DateBound(lo.date(), hi.date())


def check_window(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """The --from/--to window as inclusive ISO days; a bad or reversed window is a usage error.

    An empty value is an error, not "no bound": `--from ""` is almost always a shell variable
    that was not set.
    """
    lo = parse_date_bound(date_from).start.isoformat() if date_from is not None else None
    hi = parse_date_bound(date_to).end.isoformat() if date_to is not None else None
    if lo and hi and lo > hi:
        raise QueryError(f"--from {date_from} ({lo}) is later than --to {date_to} ({hi})", usage=True)
    return lo, hi


def _names(db: sqlite3.Connection) -> dict[str, str]:
    return {r["key"]: r["name"] for r in db.execute("SELECT key, name FROM people")}


def names_for(db: sqlite3.Connection, keys) -> dict[str, str]:
    """Canonical names of just these person keys (a large corpus has many people)."""
    keys = [k for k in set(keys) if k]
    out: dict[str, str] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        marks = ",".join("?" * len(chunk))
        out.update(db.execute(f"SELECT key, name FROM people WHERE key IN ({marks})", chunk).fetchall())
    return out


def match_speakers(db: sqlite3.Connection, name: str) -> list[str]:
    """Person keys for a --speaker value: full name, alias or surname, typo-tolerant.

    Case, hyphens and spaces do not matter (`lee jaemyung`, `LEE JAE-MYUNG`), a surname gives
    everyone who bears it (`Kim`), the words may come in either order (`Jae-myung Lee`), and
    a near miss (`Kim Minseok`, `Lee Jaemyong`) still finds its person. No match raises a
    QueryError with the nearest names as suggestions.
    """
    wanted = person_key(name)
    if not wanted:
        raise QueryError("--speaker needs a name", usage=True)
    keys = [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT person FROM aliases WHERE norm = ? UNION SELECT key FROM people WHERE key = ?",
            (wanted, wanted),
        )
    ]
    if keys:
        return sorted(set(keys))
    names = _names(db)
    words = sorted(w for w in (person_key(part) for part in name.split()) if w)
    if len(words) > 1:
        keys = [k for k, full in names.items() if sorted(person_key(p) for p in full.split()) == words]
        if keys:
            return sorted(keys)
    from rapidfuzz import fuzz, process

    choices = {}
    for r in db.execute("SELECT DISTINCT norm, person FROM aliases"):
        choices.setdefault(r["norm"], set()).add(r["person"])
    hits = process.extract(wanted, list(choices), scorer=fuzz.ratio, score_cutoff=80, limit=10)
    if hits:
        top = hits[0][1]
        keys = {p for norm, score, _ in hits if score >= top - 1 for p in choices[norm]}
        return sorted(keys)
    raise QueryError(f"no speaker matches {name!r}", suggestions=suggest_speakers(db, name))


def suggest_speakers(db: sqlite3.Connection, name: str, limit: int = 3) -> list[str]:
    """The canonical names nearest to `name`, judged by their best-matching alias."""
    from rapidfuzz import fuzz, utils

    names = _names(db)
    forms = [(r["alias"], r["person"]) for r in db.execute("SELECT DISTINCT alias, person FROM aliases")]
    forms += [(full, key) for key, full in names.items()]
    best: dict[str, float] = {}
    for form, key in forms:
        if key in names:
            score = fuzz.WRatio(name, form, processor=utils.default_process)
            best[key] = max(best.get(key, 0.0), score)
    full = {k: fuzz.WRatio(name, names[k], processor=utils.default_process) for k in best}
    ranked = sorted((k for k in best if best[k] >= 70), key=lambda k: (-best[k], -full[k], names[k]))
    return [names[k] for k in ranked[:limit]]


def suggest_articles(db: sqlite3.Connection, article: str, limit: int = 3) -> list[str]:
    """Article ids nearest to `article` (an id that does not exist)."""
    from rapidfuzz import fuzz, process

    ids = [r[0] for r in db.execute("SELECT article FROM articles")]
    hits = process.extract(article, ids, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
    return [a for a, _, _ in hits]


def _role(db: sqlite3.Connection, person: str | None, article: str) -> str | None:
    if not person:
        return None
    row = db.execute(
        "SELECT role FROM roles WHERE person = ? AND article = ? LIMIT 1", (person, article)
    ).fetchone()
    return row["role"] if row else None


def timeline(
    db: sqlite3.Connection,
    date_from: str | None = None,
    date_to: str | None = None,
    speakers: list[str] | None = None,
    article: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    lo, hi = check_window(date_from, date_to)
    filters, args = [], []
    if article:
        filters.append("AND article = ?")
        args.append(article)
    if speakers:
        filters.append("AND (" + " OR ".join("actors LIKE ?" for _ in speakers) + ")")
        args += [f'%"{k}"%' for k in speakers]
    # One index range per lane (see store.LANE_DAYS), merged in date order: SQLite reads
    # each lane in index order and stops at the limit, whatever the corpus size.
    arms, arm_args = [], []
    for lane in range(len(LANE_DAYS) + 1):
        bounds, bound_args = [], []
        if lo:
            bounds.append("AND end_date >= ?")
            bound_args.append(lo)
            if lane < len(LANE_DAYS):
                bounds.append("AND start_date >= ?")
                bound_args.append((date.fromisoformat(lo) - timedelta(days=LANE_DAYS[lane])).isoformat())
        if hi:
            bounds.append("AND start_date <= ?")
            bound_args.append(hi)
        arms.append(" ".join([f"SELECT * FROM events WHERE lane = {lane}", *bounds, *filters]))
        arm_args += bound_args + args
    sql = [" UNION ALL ".join(arms), "ORDER BY start_date, end_date, article, start"]
    args = arm_args
    if limit is not None:
        sql.append("LIMIT ?")
        args.append(limit)
    rows = db.execute(" ".join(sql), args).fetchall()
    names = names_for(db, (k for r in rows for k in json.loads(r["actors"])))
    out = []
    for r in rows:
        out.append(
            {
                "date": r["date"],
                "granularity": r["granularity"],
                "start_date": r["start_date"],
                "end_date": r["end_date"],
                "evidence": r["evidence"],
                "start": r["start"],
                "end": r["end"],
                "text": r["text"],
                "actors": [names.get(k, k) for k in json.loads(r["actors"])],
                "article": r["article"],
                "inferred": bool(r["inferred"]),
                "kind": r["kind"],
                "sentence_start": r["sentence_start"],
            }
        )
    fill_event_text(db, out)
    return out


def quotes(
    db: sqlite3.Connection,
    speakers: list[str] | None = None,
    kind: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    article: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    lo, hi = check_window(date_from, date_to)
    filters, args = [], []
    if kind:
        if kind not in KINDS:
            raise QueryError(f"--kind must be one of {', '.join(KINDS)}", usage=True)
        filters.append("AND kind = ?")
        args.append(kind)
    if lo:
        filters.append("AND said_end >= ?")
        args.append(lo)
    if hi:
        filters.append("AND said_start <= ?")
        args.append(hi)
    if article:
        filters.append("AND article = ?")
        args.append(article)
    # Undated quotes last. A compound query can only sort by result columns, hence `undated`.
    select = "SELECT *, said_start IS NULL AS undated FROM quotes"
    order = "ORDER BY undated, said_start, article, start"
    if speakers:
        # One arm per speaker, each read in the order of the quotes_speaker index and
        # merged, so the most quoted person costs no more than the least.
        arms = [" ".join([select, "WHERE speaker = ?", *filters]) for _ in speakers]
        sql = [" UNION ALL ".join(arms), order]
        args = [a for key in speakers for a in (key, *args)]
    else:
        sql = [" ".join([select, "WHERE 1=1", *filters]), order]
    if limit is not None:
        sql.append("LIMIT ?")
        args.append(limit)
    rows = db.execute(" ".join(sql), args).fetchall()
    names = names_for(db, (r["speaker"] for r in rows))
    return [
        {
            "id": r["id"],
            "article": r["article"],
            "speaker": names.get(r["speaker"]) if r["speaker"] else None,
            "speaker_mention": r["speaker_mention"],
            "role": _role(db, r["speaker"], r["article"]),
            "kind": r["kind"],
            "text": r["text"],
            "start": r["start"],
            "end": r["end"],
            "said_on": r["said_on"],
            "verb": r["verb"],
        }
        for r in rows
    ]


def articles(db: sqlite3.Connection, article: str | None = None) -> list[dict]:
    counts_q = dict(db.execute("SELECT article, COUNT(*) FROM quotes GROUP BY article").fetchall())
    counts_e = dict(db.execute("SELECT article, COUNT(*) FROM events GROUP BY article").fetchall())
    sql, args = "SELECT * FROM articles", []
    if article:
        sql, args = sql + " WHERE article = ?", [article]
    out = []
    for r in db.execute(sql + " ORDER BY article", args):
        dateline = None
        if r["dateline_text"] is not None:
            dateline = {
                "text": r["dateline_text"],
                "place": r["dateline_place"],
                "date": r["dateline_date"],
                "source": r["dateline_source"],
            }
        out.append(
            {
                "article": r["article"],
                "path": r["path"],
                "title": r["title"],
                "dateline": dateline,
                "date": r["date"],
                "date_basis": r["date_basis"],
                "year_evidence": json.loads(r["year_evidence"] or "[]"),
                "quotes": counts_q.get(r["article"], 0),
                "events": counts_e.get(r["article"], 0),
                "warnings": json.loads(r["warnings"] or "[]"),
                "source": r["source"],
                "url": r["url"],
            }
        )
    return out


def speakers(db: sqlite3.Connection, keys: list[str] | None = None) -> list[dict]:
    quote_counts = {
        r[0]: (r[1], r[2])
        for r in db.execute(
            "SELECT speaker, COUNT(*), COUNT(DISTINCT article) FROM quotes "
            "WHERE speaker IS NOT NULL GROUP BY speaker"
        )
    }
    out = []
    for p in db.execute("SELECT * FROM people ORDER BY name"):
        if keys is not None and p["key"] not in keys:
            continue
        count, _ = quote_counts.get(p["key"], (0, 0))
        if keys is None and count == 0 and p["is_group"]:
            continue
        aliases = sorted(
            {r[0] for r in db.execute("SELECT alias FROM aliases WHERE person = ?", (p["key"],))}
            - {p["name"]}
        )
        roles = [
            {"role": r[0], "as_of": r[1]}
            for r in db.execute(
                "SELECT role, MIN(as_of) FROM roles WHERE person = ? GROUP BY role ORDER BY MIN(as_of)",
                (p["key"],),
            )
        ]
        arts = [
            r[0]
            for r in db.execute(
                "SELECT DISTINCT article FROM person_mentions WHERE person = ? ORDER BY article",
                (p["key"],),
            )
        ]
        out.append(
            {
                "name": p["name"],
                "aliases": aliases,
                "roles": roles,
                "country": p["country"],
                "group": bool(p["is_group"]),
                "quotes": count,
                "articles": arts,
            }
        )
    out.sort(key=lambda s: (-s["quotes"], s["name"]))
    return out
