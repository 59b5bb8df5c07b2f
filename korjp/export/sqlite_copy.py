"""`--format sqlite`: a standalone copy of the store, ready for Datasette's search box.

The copy has every table of the store (see README, "The store") but korjp's private search
index, with `events` and `quotes` narrowed to the records exported when filters were given,
plus two FTS5 tables in
the layout sqlite-utils and Datasette recognise for a table's full-text search:
`quotes_fts` over `quotes.text` and `sentences_fts` over `sentences.text`, each
`content="<table>"` (external content, keyed by the table's `id`) and filled by 'rebuild'.
It is built in a temporary file beside the target and linked into place only if no file
has that name by then: an existing file is never replaced.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

# (table, column): Datasette finds `<table>_fts` by its `content="<table>"` clause.
FTS_TABLES = (("quotes", "text"), ("sentences", "text"))


def _event_key(r) -> tuple:
    return (r["article"], r["start"], r["end"], r["start_date"], r["end_date"], r["kind"])


def _narrow(db: sqlite3.Connection, events: list[dict], quotes: list[dict]) -> None:
    """Keep only the exported events and quotes (all of them when nothing was filtered out)."""
    wanted = {_event_key(r) for r in events}
    drop = [
        (row["id"],)
        for row in db.execute("SELECT id, article, start, end, start_date, end_date, kind FROM events")
        if _event_key(row) not in wanted
    ]
    db.executemany("DELETE FROM events WHERE id = ?", drop)
    keep = {r["id"] for r in quotes}
    drop = [(row["id"],) for row in db.execute("SELECT id FROM quotes") if row["id"] not in keep]
    if drop:
        db.executemany("DELETE FROM quotes WHERE id = ?", drop)


def _restore_event_text(db: sqlite3.Connection) -> None:
    """The store keeps an event's sentence once, in sentences; the copy spells it out."""
    db.execute(
        "UPDATE events SET text = (SELECT s.text FROM sentences s WHERE s.article = events.article"
        " AND s.start = events.sentence_start) WHERE text IS NULL"
    )


def _add_fts(db: sqlite3.Connection) -> None:
    # korjp's own search index holds no text (it points into sentences and quotes), so it
    # means nothing outside korjp; Datasette gets tables of its own kind instead.
    db.execute("DROP TABLE IF EXISTS search_vocab")
    db.execute("DROP TABLE IF EXISTS search_fts")
    for table, column in FTS_TABLES:
        options = f'content="{table}", content_rowid="id"'
        db.execute(f'CREATE VIRTUAL TABLE "{table}_fts" USING fts5("{column}", {options})')
        db.execute(f'INSERT INTO "{table}_fts" ("{table}_fts") VALUES (\'rebuild\')')


def _place(temp: Path, path: Path, error: type[Exception]) -> None:
    """Give `temp` the name `path`, failing if that name is taken (even by a file made just now)."""
    try:
        os.link(temp, path)
    except FileExistsError as exc:
        raise error(f"{path} already exists; korjp export does not overwrite files") from exc
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            raise error(f"{path} already exists; korjp export does not overwrite files") from None
        os.replace(temp, path)


def copy_store(
    db: sqlite3.Connection, path: Path, *, events: list[dict], quotes: list[dict], error: type[Exception]
) -> int:
    """Write the copy to `path`, which must not exist; returns the events and quotes it holds."""
    if path.exists() or path.is_symlink():
        raise error(f"{path} already exists; korjp export does not overwrite files")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise error(f"cannot write {path}: no folder {folder}")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise error(f"cannot write {path}: {exc.strerror or exc}") from exc
    os.close(fd)
    temp = Path(name)
    try:
        copy = sqlite3.connect(str(temp), isolation_level=None)
        try:
            db.backup(copy)
            copy.row_factory = sqlite3.Row
            copy.execute("PRAGMA journal_mode = DELETE")
            copy.execute("BEGIN")
            _narrow(copy, events, quotes)
            _restore_event_text(copy)
            _add_fts(copy)
            copy.execute("COMMIT")
            copy.execute("VACUUM")
            count = copy.execute(
                "SELECT (SELECT COUNT(*) FROM events) + (SELECT COUNT(*) FROM quotes)"
            ).fetchone()[0]
        finally:
            copy.close()
        _place(temp, path, error)
    except (OSError, sqlite3.Error) as exc:
        raise error(f"cannot write {path}: {exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return count
