"""The dated event store's schema and the SQL that writes it: one SQLite file per corpus.

Tables hold what extraction found (articles, sentences, people, quotes, events) with the
offsets of their evidence; `search_fts` indexes the text for `korjp search`. Everything here
is about rows; when to build, refresh or trust a store is `korjp.index`'s job.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

SCHEMA_VERSION = 5


SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files (
    article TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha1 TEXT
);
CREATE TABLE articles (
    article TEXT PRIMARY KEY, path TEXT, title TEXT, title_start INTEGER, title_end INTEGER,
    dateline_text TEXT, dateline_place TEXT, dateline_source TEXT, dateline_date TEXT,
    dateline_start INTEGER, dateline_end INTEGER,
    date TEXT, date_start TEXT, date_end TEXT, granularity TEXT,
    year_evidence TEXT, warnings TEXT, source TEXT, url TEXT, date_basis TEXT
);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY, article TEXT, kind TEXT, start INTEGER, end INTEGER, text TEXT
);
CREATE TABLE people (
    key TEXT PRIMARY KEY, name TEXT, surname TEXT, country TEXT, gender TEXT,
    is_group INTEGER
);
CREATE TABLE person_mentions (
    person TEXT, article TEXT, name TEXT, surname TEXT, country TEXT, gender TEXT,
    is_group INTEGER
);
CREATE TABLE aliases (alias TEXT, norm TEXT, person TEXT, article TEXT);
CREATE TABLE roles (person TEXT, role TEXT, as_of TEXT, article TEXT);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY, article TEXT, speaker TEXT, speaker_mention TEXT,
    mention_start INTEGER, mention_end INTEGER, kind TEXT, text TEXT,
    start INTEGER, end INTEGER, said_on TEXT, said_start TEXT, said_end TEXT, verb TEXT
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY, article TEXT, date TEXT, granularity TEXT,
    start_date TEXT, end_date TEXT, evidence TEXT, start INTEGER, end INTEGER,
    text TEXT, sentence_start INTEGER, actors TEXT, inferred INTEGER, kind TEXT,
    lane INTEGER
);
"""


INDEXES = """
CREATE INDEX sentences_article ON sentences(article, start);
CREATE INDEX person_mentions_person ON person_mentions(person);
CREATE INDEX person_mentions_article ON person_mentions(article);
CREATE INDEX aliases_norm ON aliases(norm, person);
CREATE INDEX aliases_article ON aliases(article);
CREATE INDEX roles_person ON roles(person);
CREATE INDEX roles_article ON roles(article);
CREATE INDEX quotes_speaker ON quotes(speaker, said_start IS NULL, said_start, article, start);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_said ON quotes(said_start, said_end);
CREATE INDEX events_lanes ON events(lane, start_date, end_date, article, start);
CREATE INDEX events_article ON events(article);
"""


# The search index holds neither the text (content='': it is in sentences and quotes) nor
# token positions (detail=none): which rows contain which trigrams is all a candidate
# lookup needs, since rapidfuzz scores every candidate against its text anyway. The rowid
# says where the text is: sentence id * 2, or quote id * 2 + 1. This keeps the index at a
# quarter of the size a full FTS5 table would take, and builds it twice as fast.
FTS_SCHEMA = """
CREATE VIRTUAL TABLE search_fts USING fts5(text, tokenize='{tokenizer}', detail=none, content='');
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row');
"""


# An event's lane is the first of these spans (in days) its own span fits in; the last lane
# has no bound. Within a lane, an event that overlaps a window [lo, hi] starts between
# lo - span and hi, so a window query is one bounded index range per lane, merged in date
# order, instead of a scan of everything that started before hi (see queries.timeline).
LANE_DAYS = (0, 7, 31, 92, 366, 3660, 36600)


def event_lane(start: date, end: date) -> int:
    span = (end - start).days
    return next((lane for lane, days in enumerate(LANE_DAYS) if span <= days), len(LANE_DAYS))


class StoreError(Exception):
    """The store cannot be built or opened; the message says what to do."""


@dataclass
class Store:
    """An open, fresh store. `path` is where it lives, `notices` what a user should know."""

    db: sqlite3.Connection
    path: Path
    root: Path
    notices: list[str]
    rebuilt: bool = False
    changed: int = 0  # articles a refresh re-extracted
    deleted: int = 0  # articles a refresh dropped

    def close(self) -> None:
        self.db.close()


def connect(path: Path | str) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA busy_timeout = 30000")
    return db


def fts_tokenizer() -> str:
    major, minor, _ = (int(x) for x in sqlite3.sqlite_version.split("."))
    return "trigram" if (major, minor) >= (3, 34) else "unicode61"


def create_schema(db: sqlite3.Connection) -> None:
    """The empty tables of a new store, its full-text index included."""
    db.executescript(SCHEMA)
    db.executescript(FTS_SCHEMA.format(tokenizer=fts_tokenizer()))


def create_indexes(db: sqlite3.Connection) -> None:
    """The B-tree indexes, built once after a bulk load rather than row by row."""
    for statement in INDEXES.strip().splitlines():  # executescript would commit early
        db.execute(statement)


def record_file(db: sqlite3.Connection, article: str, size: int, mtime_ns: int, sha1: str | None) -> None:
    """What the store was built from, so a later query can tell whether the file changed."""
    db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (article, size, mtime_ns, sha1))


def record_unreadable(db: sqlite3.Connection, article: str, path: str, warnings: list[str]) -> None:
    """An article korjp could not read still gets a row, so `korjp articles` says why."""
    db.execute(
        "INSERT OR REPLACE INTO articles (article, path, warnings) VALUES (?, ?, ?)",
        (article, path, json.dumps(warnings)),
    )


def write_meta(db: sqlite3.Connection, meta: dict[str, str]) -> None:
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())


def read_meta(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT key, value FROM meta").fetchall())


def search_rows(db: sqlite3.Connection) -> int:
    """Rows in the search index; FTS5 has no cheap COUNT(*) and search picks its strategy by size."""
    return db.execute("SELECT (SELECT COUNT(*) FROM sentences) + (SELECT COUNT(*) FROM quotes)").fetchone()[0]


def delete_article(db: sqlite3.Connection, article: str) -> None:
    # A contentless FTS5 table forgets a row only when told the text it indexed.
    index_text(db, "WHERE article = ?", (article,), command="'delete', ")
    for table in (
        "files",
        "articles",
        "sentences",
        "person_mentions",
        "aliases",
        "roles",
        "quotes",
        "events",
    ):
        db.execute(f"DELETE FROM {table} WHERE article = ?", (article,))


def article_rows(a) -> dict[str, list[tuple]]:
    """One article's facts as the rows of each table, ready for `insert_rows`.

    Pure and picklable, so a worker process makes them and the writer only writes: tuples
    of strings and numbers cross a process boundary far faster than the facts' objects.
    """
    from .names import person_key

    dl = a.dateline
    article = (
        a.article,
        a.path,
        a.title,
        a.title_span.start if a.title_span else None,
        a.title_span.end if a.title_span else None,
        dl.text if dl else None,
        dl.place if dl else None,
        dl.source if dl else None,
        dl.date.isoformat() if dl and dl.date else None,
        dl.start if dl else None,
        dl.end if dl else None,
        a.date.iso() if a.date else None,
        a.date.start.isoformat() if a.date else None,
        a.date.end.isoformat() if a.date else None,
        a.date.granularity if a.date else None,
        json.dumps(a.year_evidence, ensure_ascii=False),
        json.dumps(a.warnings, ensure_ascii=False),
        a.source,
        a.url,
        a.date_basis,
    )
    sentences = []
    if a.title_span:
        sentences.append((a.article, "title", a.title_span.start, a.title_span.end, a.title))
    sentences += [(a.article, s.kind, s.start, s.end, s.text) for s in a.takeaways + a.sentences]
    as_of = a.date.start.isoformat() if a.date else None
    people = list(a.people.values())
    sentence_at = {row[2]: row[4] for row in sentences}
    return {
        "articles": [article],
        "sentences": sentences,
        "person_mentions": [
            (p.key, a.article, p.name, p.surname, p.country, p.gender, int(p.group)) for p in people
        ],
        "aliases": [
            (alias, person_key(alias), p.key, a.article) for p in people for alias in sorted(p.aliases)
        ],
        "roles": [(p.key, role, as_of, a.article) for p in people for role in p.roles],
        "quotes": [
            (
                a.article,
                q.speaker,
                q.speaker_mention,
                q.mention_start,
                q.mention_end,
                q.kind,
                q.text,
                q.start,
                q.end,
                said_on_text(q.said_on),
                q.said_on.start.isoformat() if q.said_on else None,
                q.said_on.end.isoformat() if q.said_on else None,
                q.verb,
            )
            for q in a.quotes
        ],
        "events": [
            (
                a.article,
                e.value.iso(),
                e.value.granularity,
                e.value.start.isoformat(),
                e.value.end.isoformat(),
                e.evidence,
                e.start,
                e.end,
                # The sentence itself is stored once, in sentences; NULL here means "that one".
                None if sentence_at.get(e.sentence_start) == e.sentence_text else e.sentence_text,
                e.sentence_start,
                json.dumps(e.actors),
                int(e.inferred),
                e.kind,
                event_lane(e.value.start, e.value.end),
            )
            for e in a.events
        ],
    }


INSERTS = {
    "articles": "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "sentences": "INSERT INTO sentences (article, kind, start, end, text) VALUES (?,?,?,?,?)",
    "person_mentions": "INSERT INTO person_mentions VALUES (?,?,?,?,?,?,?)",
    "aliases": "INSERT INTO aliases VALUES (?,?,?,?)",
    "roles": "INSERT INTO roles VALUES (?,?,?,?)",
    "quotes": "INSERT INTO quotes (article, speaker, speaker_mention, mention_start, mention_end,"
    " kind, text, start, end, said_on, said_start, said_end, verb) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "events": "INSERT INTO events (article, date, granularity, start_date, end_date, evidence,"
    " start, end, text, sentence_start, actors, inferred, kind, lane)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
}


def fill_event_text(db: sqlite3.Connection, rows: list[dict]) -> None:
    """Put back the sentence text of events stored without it (see article_rows)."""
    wanted: dict[str, set[int]] = {}
    for row in rows:
        if row["text"] is None:
            wanted.setdefault(row["article"], set()).add(row["sentence_start"])
    found: dict[tuple[str, int], str] = {}
    for article, starts in wanted.items():
        marks = ",".join("?" * len(starts))
        for start, text in db.execute(
            f"SELECT start, text FROM sentences WHERE article = ? AND start IN ({marks})", (article, *starts)
        ):
            found[(article, start)] = text
    for row in rows:
        if row["text"] is None:
            row["text"] = found.get((row["article"], row["sentence_start"]), "")


def insert_rows(db: sqlite3.Connection, rows: dict[str, list[tuple]], fts: bool = True) -> None:
    """Write one article's rows. A full build passes fts=False and indexes text at the end,
    in one statement, which is much faster than row by row."""
    for table, statement in INSERTS.items():
        if rows[table]:
            db.executemany(statement, rows[table])
    if fts:
        index_text(db, "WHERE article = ?", (rows["articles"][0][0],))


def insert_facts(db: sqlite3.Connection, a, fts: bool = True) -> None:
    """Write one article's facts (see `insert_rows`)."""
    insert_rows(db, article_rows(a), fts)


def index_text(db: sqlite3.Connection, where: str = "", args: tuple = (), command: str = "") -> None:
    """Add sentences and quotes to the full-text index (or, with command "'delete', ",
    take them out)."""
    columns = "search_fts, rowid, text" if command else "rowid, text"
    for select in ("id * 2, text FROM sentences", "id * 2 + 1, text FROM quotes"):
        db.execute(f"INSERT INTO search_fts ({columns}) SELECT {command}{select} {where}", args)


def said_on_text(said) -> str | None:
    """A day, or the days a span covers (`2026-01-01/2026-01-31` for "last month")."""
    if said is None:
        return None
    if said.granularity == "day":
        return said.iso()
    return f"{said.start.isoformat()}/{said.end.isoformat()}"


def merge_people(db: sqlite3.Connection) -> None:
    """One row per person key across the corpus, with the best spelling of the name."""
    db.execute("DELETE FROM people")
    best: dict[str, tuple] = {}
    for row in db.execute("SELECT person, name, surname, country, gender, is_group FROM person_mentions"):
        key = row["person"]
        score = ("-" in row["name"], row["country"] is not None, row["gender"] is not None)
        current = best.get(key)
        if current is None or score > current[0]:
            merged = list(row)[1:]
            if current is not None:
                merged = [
                    new if new is not None else old for new, old in zip(merged, current[1], strict=True)
                ]
            best[key] = (score, merged)
        else:
            best[key] = (
                current[0],
                [old if old is not None else new for old, new in zip(current[1], list(row)[1:], strict=True)],
            )
    db.executemany("INSERT INTO people VALUES (?,?,?,?,?,?)", [(k, *v[1]) for k, v in best.items()])
