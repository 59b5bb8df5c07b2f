"""Every test runs with its own cache directory and a pinned 'today', never the user's."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("KORJP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KORJP_TODAY", "2026-11-22")
    monkeypatch.delenv("KORJP_CORPUS", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


def run_cli(*args: str):
    """Run korjp in-process; returns (exit code, stdout, stderr)."""
    from typer.testing import CliRunner

    from korjp.cli import app

    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def run_json(command: str, corpus: Path = SEEDS) -> tuple[int, list]:
    argv = shlex.split(command)
    if argv and argv[0] == "korjp":
        argv = argv[1:]
    code, out, err = run_cli(*argv, "--json", "--corpus", str(corpus))
    assert out.strip(), f"no JSON on stdout for {command!r}: {err}"
    return code, json.loads(out)


def write_articles(folder: Path, articles: dict[str, str], catalog: str | None = None) -> Path:
    for name, text in articles.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if catalog is not None:
        (folder / "corpus.toml").write_text(catalog, encoding="utf-8")
    return folder


def gold_report(corpus, gold_file, today: str, tmp_path_factory, match: str = "exact") -> dict:
    """`korjp eval` of a gold file against its corpus, in a fresh cache with "today" pinned."""
    import os

    from korjp.evaluate import Match, evaluate, load_gold
    from korjp.index import open_store

    os.environ["KORJP_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["KORJP_TODAY"] = today
    store = open_store(corpus)
    try:
        return evaluate(store.db, load_gold(gold_file), Match.parse(match))
    finally:
        store.close()


def store_rows(path: Path, ids: bool = True) -> dict[str, list[tuple]]:
    """Every row of a store, the full-text index included, to compare two builds.

    With `ids`, rows are in rowid order and keep their ids: the same facts inserted in the
    same order. Without, ids are dropped and rows sorted: the same facts in any order. The
    meta keeps all but the build's timings.
    """
    import sqlite3

    db = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if not name.startswith("search_fts_")  # FTS5's own storage, compared through search_fts
        ]
        rows: dict[str, list[tuple]] = {"user_version": [db.execute("PRAGMA user_version").fetchone()]}
        for table in tables:
            cursor = db.execute(
                f"SELECT * FROM {table}" if table == "search_vocab" else f"SELECT rowid, * FROM {table}"
            )
            names = [d[0] for d in cursor.description]
            found = [tuple(r) for r in cursor]
            if table == "meta":
                found = [r for r in found if r[1] not in ("built_ns", "build_phases")]
            if not ids:
                keep = [i for i, n in enumerate(names) if n not in ("rowid", "id", "ref")]
                found = sorted((tuple(r[i] for i in keep) for r in found), key=repr)
            rows[table] = found
        return rows
    finally:
        db.close()
