"""Shell completion for speaker names and article ids, read straight from the index.

Completion runs on every Tab, so it skips the freshness walk and opens the SQLite index
read-only: it offers what the last build saw, in a few milliseconds. No index yet, no
suggestions (and no error: a shell must never print a traceback on Tab).
"""

import sqlite3

import typer


def _index(ctx: typer.Context) -> sqlite3.Connection | None:
    from ..corpus import resolve_corpus
    from ..paths import store_path

    path = store_path(resolve_corpus(ctx.params.get("corpus")))
    if not path.is_file():
        return None
    try:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None


def _like(incomplete: str) -> str:
    return incomplete.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _column(ctx: typer.Context, sql: str, incomplete: str) -> list[str]:
    db = _index(ctx)
    if db is None:
        return []
    try:
        return [r[0] for r in db.execute(sql, (_like(incomplete),))]
    except sqlite3.Error:
        return []
    finally:
        db.close()


def speakers(ctx: typer.Context, incomplete: str) -> list[str]:
    """Names starting with what was typed (`Lee` offers Lee Jae-myung): shells keep only
    candidates that begin with the typed word, so a surname alone cannot offer a full name."""
    sql = "SELECT DISTINCT name FROM people WHERE name LIKE ? ESCAPE '\\' ORDER BY name LIMIT 50"
    return _column(ctx, sql, incomplete)


def articles(ctx: typer.Context, incomplete: str) -> list[str]:
    sql = "SELECT article FROM articles WHERE article LIKE ? ESCAPE '\\' ORDER BY article LIMIT 100"
    return _column(ctx, sql, incomplete)
