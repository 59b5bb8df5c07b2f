"""Fuzzy search over quotes, sentences, titles and takeaways.

SQLite's FTS5 trigram index narrows a large corpus to a bounded candidate set, and
rapidfuzz's `partial_ratio` ranks them, so a phrase inside a long sentence scores 100 and a
typo ("shutle diplomcy") still finds its target. The exact phrase is tried first; then the
query's rarest trigrams are OR-ed, not AND-ed, so a typo drops a few trigrams from a
candidate's rank instead of dropping the candidate.
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


def _candidates(db: sqlite3.Connection, query: str) -> list[sqlite3.Row]:
    """A bounded set of rows worth scoring: all of a small corpus; in a large one, the rows
    that contain the query as typed, then the rows sharing its rarest trigrams (typos)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'search_rows'").fetchone()
    total = int(row[0]) if row else FULL_SCAN_LIMIT + 1
    cols = "rowid, text, kind, ref, article"
    if total <= FULL_SCAN_LIMIT:
        return db.execute(f"SELECT {cols} FROM search_fts").fetchall()
    grams = _trigrams(query)
    if not grams:
        return db.execute(
            f"SELECT {cols} FROM search_fts WHERE text LIKE ? LIMIT ?", (f"%{query}%", CANDIDATES)
        ).fetchall()
    try:
        phrase = '"' + " ".join(_fold(query).split()).replace('"', '""') + '"'
        found = db.execute(
            f"SELECT {cols} FROM search_fts WHERE search_fts MATCH ? LIMIT ?", (phrase, CANDIDATES)
        ).fetchall()
        if len(found) >= CANDIDATES // 4:
            return found
        rare = _rare_trigrams(db, grams)
        if not rare:
            return found
        match = " OR ".join('"' + g.replace('"', '""') + '"' for g in rare)
        seen = {r["rowid"] for r in found}
        more = db.execute(
            f"SELECT {cols} FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, CANDIDATES),
        ).fetchall()
        return found + [r for r in more if r["rowid"] not in seen]
    except sqlite3.OperationalError:  # an FTS5 without the trigram tokenizer
        return db.execute(f"SELECT {cols} FROM search_fts LIMIT ?", (FULL_SCAN_LIMIT,)).fetchall()


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
