"""Fuzzy search over quotes, sentences, titles and takeaways.

SQLite's FTS5 trigram index narrows a large corpus to a bounded candidate set, and
rapidfuzz's `partial_ratio` ranks them, so a phrase inside a long sentence scores 100 and a
typo ("shutle diplomcy") still finds its target. Rows with every trigram of the query's
words are tried first (a superset of the rows with the phrase); then the query's rarest
trigrams are OR-ed, not AND-ed, so a typo drops a few trigrams from a candidate's rank
instead of dropping the candidate.
"""

from __future__ import annotations

import re
import sqlite3

from .queries import QueryError, names_for

FULL_SCAN_LIMIT = 20_000
CANDIDATES = 2_000
KIND_RANK = {"quote": 0, "title": 1, "takeaway": 2, "sentence": 3}


NOT_ALNUM_RE = re.compile(r"[\W_]")


def _fold(text: str) -> str:
    """Lower-case, punctuation to spaces, same length: offsets stay valid."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer (rare): go slowly
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return NOT_ALNUM_RE.sub(" ", low)


def _trigrams(query: str) -> list[str]:
    words = [w for w in _fold(query).split() if len(w) >= 3]
    return sorted({w[i : i + 3] for w in words for i in range(len(w) - 2)})


def _rare_trigrams(db: sqlite3.Connection, grams: list[str], keep: int = 8) -> list[str]:
    """The query's trigrams that the corpus has but few rows share: small posting lists."""
    marks = ",".join("?" * len(grams))
    try:
        rows = db.execute(
            f"SELECT term, doc FROM search_vocab WHERE term IN ({marks}) ORDER BY doc", grams
        ).fetchall()
    except sqlite3.OperationalError:
        return grams[:keep]
    return [r[0] for r in rows[:keep]]


# Every searchable text with the rowid it has in search_fts (see korjp.store).
ROWS = (
    "SELECT id * 2 AS rowid, text, kind, id AS ref, article FROM sentences {where} UNION ALL "
    "SELECT id * 2 + 1, text, 'quote', id, article FROM quotes {where}"
)


def _by_rowid(db: sqlite3.Connection, rowids: list[int]) -> list[sqlite3.Row]:
    """The texts behind search_fts rowids, in the order given."""
    found: dict[int, sqlite3.Row] = {}
    for table, parity, kind in (("sentences", 0, "kind"), ("quotes", 1, "'quote'")):
        ids = [r // 2 for r in rowids if r % 2 == parity]
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            sql = (
                f"SELECT id * 2 + {parity} AS rowid, text, {kind} AS kind, id AS ref, article "
                f"FROM {table} WHERE id IN ({marks})"
            )
            found.update((r["rowid"], r) for r in db.execute(sql, chunk))
    return [found[r] for r in rowids if r in found]


def _matching(db: sqlite3.Connection, match: str, ranked: bool = False) -> list[int]:
    order = " ORDER BY rank" if ranked else ""
    return [
        r[0]
        for r in db.execute(
            f"SELECT rowid FROM search_fts WHERE search_fts MATCH ?{order} LIMIT ?", (match, CANDIDATES)
        )
    ]


def _quoted(grams: list[str]) -> list[str]:
    return ['"' + g.replace('"', '""') + '"' for g in grams]


def _candidates(db: sqlite3.Connection, query: str) -> list[sqlite3.Row]:
    """A bounded set of rows worth scoring: all of a small corpus; in a large one, the rows
    that contain every trigram of the query's words, then the rows sharing its rarest
    trigrams (typos)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'search_rows'").fetchone()
    total = int(row[0]) if row else FULL_SCAN_LIMIT + 1
    if total <= FULL_SCAN_LIMIT:
        return db.execute(ROWS.format(where="")).fetchall()
    grams = _trigrams(query)
    if not grams:  # only short words: no trigram to look up
        sql = f"SELECT * FROM ({ROWS.format(where='')}) WHERE text LIKE ? LIMIT ?"
        return db.execute(sql, (f"%{query}%", CANDIDATES)).fetchall()
    try:
        found = _matching(db, " AND ".join(_quoted(grams)))
        if len(found) >= CANDIDATES // 4:
            return _by_rowid(db, found)
        rare = _rare_trigrams(db, grams)
        seen = set(found)
        more = (
            [r for r in _matching(db, " OR ".join(_quoted(rare)), ranked=True) if r not in seen]
            if rare
            else []
        )
        return _by_rowid(db, found + more)
    except sqlite3.OperationalError:  # an FTS5 without the trigram tokenizer
        return db.execute(f"SELECT * FROM ({ROWS.format(where='')}) LIMIT ?", (FULL_SCAN_LIMIT,)).fetchall()


def search(
    db: sqlite3.Connection,
    query: str,
    limit: int | None = 20,
    min_score: float = 60.0,
    speakers: list[str] | None = None,
) -> list[dict]:
    """Ranked matches for `query`, best first, each with the matched part located."""
    from rapidfuzz import fuzz

    folded_query = " ".join(_fold(query).split())
    if not folded_query:
        raise QueryError("the search query has no letters or digits to match", usage=True)
    scored = []
    for row in _candidates(db, query):
        text = row["text"]
        folded = _fold(text)
        score = fuzz.partial_ratio(folded_query, folded, score_cutoff=min_score)
        if not score:
            continue
        scored.append((score, fuzz.ratio(folded_query, folded), row))
    scored.sort(key=lambda s: (-s[0], KIND_RANK.get(s[2]["kind"], 9), -s[1], len(s[2]["text"])))
    keys = set()
    for _, _, row in scored[: (limit or len(scored)) * 3]:
        if row["kind"] == "quote":
            q = db.execute("SELECT speaker FROM quotes WHERE id = ?", (row["ref"],)).fetchone()
            if q and q[0]:
                keys.add(q[0])
    names = names_for(db, keys)
    out = []
    for score, _, row in scored:
        item = _item(db, row, names)
        if speakers is not None and item.pop("_speaker_key") not in speakers:
            continue
        item.pop("_speaker_key", None)
        align = fuzz.partial_ratio_alignment(folded_query, _fold(row["text"]))
        item["score"] = round(score, 1)
        a, b = align.dest_start, align.dest_end
        item["match"] = {
            "start": item["start"] + a,
            "end": item["start"] + b,
            "text": row["text"][a:b],
        }
        out.append(item)
        if limit is not None and len(out) >= limit:
            break
    return out


def _item(db: sqlite3.Connection, row: sqlite3.Row, names: dict[str, str]) -> dict:
    kind = row["kind"]
    if kind == "quote":
        q = db.execute(
            "SELECT speaker, said_on, start, end FROM quotes WHERE id = ?", (row["ref"],)
        ).fetchone()
        speaker_key, when, start, end = q["speaker"], q["said_on"], q["start"], q["end"]
    else:
        s = db.execute("SELECT start, end FROM sentences WHERE id = ?", (row["ref"],)).fetchone()
        a = db.execute("SELECT date FROM articles WHERE article = ?", (row["article"],)).fetchone()
        speaker_key, when, start, end = None, a["date"] if a else None, s["start"], s["end"]
    return {
        "score": 0.0,
        "kind": kind,
        "text": row["text"],
        "article": row["article"],
        "speaker": names.get(speaker_key) if speaker_key else None,
        "date": when,
        "start": start,
        "end": end,
        "_speaker_key": speaker_key,
    }
