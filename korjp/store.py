"""The dated event store: one SQLite file per corpus, kept fresh without being asked.

Every command opens the store through `open_store`, which compares the corpus on disk with
what the store was built from (size, mtime and content hash per file, the catalog, and
korjp's own version) and refreshes only what changed. A first build writes a temporary file
and renames it into place, so a reader never sees a half-built index; a refresh runs in one
transaction. Articles are extracted independently, so a refresh re-extracts only changed
files; people merge across articles by their normalized name key.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .corpus import CATALOG_NAME, Catalog, SourceFile, list_articles, load_catalog, read_article
from .paths import store_path

SCHEMA_VERSION = 4

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
    text TEXT, sentence_start INTEGER, actors TEXT, inferred INTEGER, kind TEXT
);
"""

INDEXES = """
CREATE INDEX sentences_article ON sentences(article);
CREATE INDEX person_mentions_person ON person_mentions(person);
CREATE INDEX person_mentions_article ON person_mentions(article);
CREATE INDEX aliases_norm ON aliases(norm);
CREATE INDEX aliases_article ON aliases(article);
CREATE INDEX roles_person ON roles(person);
CREATE INDEX roles_article ON roles(article);
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_said ON quotes(said_start, said_end);
CREATE INDEX events_dates ON events(start_date, end_date);
CREATE INDEX events_article ON events(article);
"""

FTS_SCHEMA = """
CREATE VIRTUAL TABLE search_fts USING fts5(text, kind UNINDEXED, ref UNINDEXED,
    article UNINDEXED, tokenize='{tokenizer}');
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row');
"""


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

    def close(self) -> None:
        self.db.close()


def _fingerprint() -> str:
    """korjp's version plus its data files: a change to either invalidates the store."""
    from importlib import resources

    h = hashlib.sha1(f"{__version__}:{SCHEMA_VERSION}".encode())
    # The extractor's own source: an edited checkout (editable install) must not serve an
    # index built by older code. Stats only, so this stays cheap at startup.
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        st = source.stat()
        h.update(f"{source.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}".encode())
    data = resources.files("korjp.data")
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".txt", ".toml")):
            h.update(entry.name.encode())
            h.update(entry.read_bytes())
    return h.hexdigest()


def _connect(path: Path | str) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA busy_timeout = 30000")
    return db


def _fts_tokenizer() -> str:
    major, minor, _ = (int(x) for x in sqlite3.sqlite_version.split("."))
    return "trigram" if (major, minor) >= (3, 34) else "unicode61"


def _sha1(path: Path) -> str | None:
    h = hashlib.sha1()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def open_store(root: Path, force: bool = False, progress: Callable[[int, int], None] | None = None) -> Store:
    """The store for `root`, built or refreshed so that it matches the corpus on disk.

    A store that cannot be read (truncated, not SQLite, another schema) is rebuilt with a
    notice; one that cannot be written is replaced by a temporary index, also with a notice.
    """
    path = store_path(root)
    notices: list[str] = []
    fingerprint = _fingerprint()
    if not force and path.exists() and root.is_dir():
        fresh = _unchanged_store(root, path, fingerprint)
        if fresh is not None:
            return Store(fresh, path, root, notices)
    files = list_articles(root)
    db = None
    if not force and path.exists():
        try:
            db = _connect(path)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            if version != SCHEMA_VERSION:
                notices.append(f"the index at {path} has schema {version}, not {SCHEMA_VERSION}; rebuilt it")
                db.close()
                db = None
            elif meta.get("fingerprint") != fingerprint:
                db.close()  # korjp or its word lists changed since the build: quietly rebuild
                db = None
        except sqlite3.DatabaseError:
            if db is not None:
                db.close()
            db = None
            notices.append(f"the index at {path} was unreadable (corrupt or not SQLite); rebuilt it")
    if db is None:
        path = _build(root, files, path, notices, progress)
        db = _connect(path)
        return Store(db, path, root, notices, rebuilt=True)
    store = Store(db, path, root, notices)
    try:
        _refresh(store, files, progress)
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc) and "read-only" not in str(exc):
            raise
        db.close()
        temp = Path(tempfile.gettempdir()) / f"korjp-{os.getuid()}" / path.name
        notices.append(f"the index at {path} is read-only; using a temporary index at {temp}")
        temp = _build(root, files, temp, notices, progress)
        return Store(_connect(temp), temp, root, notices, rebuilt=True)
    return store


def _quick_state(root: Path) -> tuple[str, int]:
    """A digest of every article file's path, size and mtime, and the newest mtime.

    One stat per file and no reads: this is what lets a warm query on 100,000 articles
    skip the full comparison with the index when nothing changed.
    """
    found: list[tuple[str, int, int, int]] = []
    newest = 0
    stack = [str(root)]
    seen: set[tuple[int, int]] = set()
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:  # a symlink loop or a second way in
                continue
            seen.add((st.st_dev, st.st_ino))
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            try:
                listed = list(entries)
            except OSError:
                continue  # a folder that cannot be listed (e.g. /proc behind a link)
            for entry in listed:
                name = entry.name
                if name.startswith("."):
                    continue
                try:
                    if entry.is_dir():
                        stack.append(entry.path)
                    elif name.lower().endswith(".txt"):
                        fst = entry.stat()
                        newest = max(newest, fst.st_mtime_ns)
                        found.append((entry.path, fst.st_size, fst.st_mtime_ns, fst.st_mode))
                except OSError:
                    found.append((entry.path, -1, -1, -1))
    found.sort()
    digest = hashlib.sha1()
    for path, size, mtime, mode in found:  # mode: a chmod makes a file (un)readable
        digest.update(f"{path}\0{size}\0{mtime}\0{mode}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest(), newest


def _unchanged_store(root: Path, path: Path, fingerprint: str) -> sqlite3.Connection | None:
    """The open store when neither korjp nor any corpus file changed since it was written."""
    try:
        db = _connect(path)
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    digest, newest = _quick_state(root)
    racy = newest >= int(meta.get("built_ns", "0")) - 2_000_000_000
    if (
        version == SCHEMA_VERSION
        and meta.get("fingerprint") == fingerprint
        and meta.get("files_digest") == digest
        and meta.get("catalog") == _catalog_state(root)
        and not racy
    ):
        return db
    db.close()
    return None


def _catalog_state(root: Path) -> str:
    try:
        st = (root / CATALOG_NAME).stat()
        return f"{st.st_size}:{st.st_mtime_ns}:{_sha1(root / CATALOG_NAME)}"
    except OSError:
        return "none"


def _build(root: Path, files: list[SourceFile], path: Path, notices: list[str], progress) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".build-", suffix=".sqlite", dir=path.parent)
        os.close(fd)
    except OSError:
        path = Path(tempfile.gettempdir()) / f"korjp-{os.getuid()}" / path.name
        notices.append(f"cache directory not writable; using a temporary index at {path}")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".build-", suffix=".sqlite", dir=path.parent)
        os.close(fd)
    db = _connect(tmp)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(SCHEMA)
        db.executescript(FTS_SCHEMA.format(tokenizer=_fts_tokenizer()))
        db.execute("BEGIN")
        started = time.time_ns()
        catalog = load_catalog(root, {f.article for f in files})
        _ingest(db, root, files, catalog, progress, fts=False)
        _index_text(db)  # indexes are built once, after the rows, not row by row
        for statement in INDEXES.strip().splitlines():  # executescript would commit early
            db.execute(statement)
        _finish(db, root, catalog, started)
        db.execute("COMMIT")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.close()
        os.replace(tmp, path)
    except BaseException:
        db.close()
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def _finish(db: sqlite3.Connection, root: Path, catalog: Catalog, started_ns: int) -> None:
    meta = {
        "fingerprint": _fingerprint(),
        "root": str(root.resolve()),
        "catalog": _catalog_state(root),
        "built_ns": str(started_ns),
        "catalog_warnings": json.dumps(catalog.warnings),
        "version": __version__,
        "files_digest": _quick_state(root)[0],
        # FTS5 has no cheap COUNT(*); search needs the size to choose its strategy.
        "search_rows": str(
            db.execute("SELECT (SELECT COUNT(*) FROM sentences) + (SELECT COUNT(*) FROM quotes)").fetchone()[
                0
            ]
        ),
    }
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
    _merge_people(db)


def _diff(db: sqlite3.Connection, root: Path, files: list[SourceFile]):
    """What changed on disk since the store was last written: (changed, deleted, restat)."""
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    built_ns = int(meta.get("built_ns", "0"))
    known = {r["article"]: r for r in db.execute("SELECT * FROM files")}
    changed: list[SourceFile] = []
    restat: list[tuple[int, int, str]] = []
    for f in files:
        row = known.pop(f.article, None)
        if row is None:
            changed.append(f)
            continue
        same_stat = row["size"] == f.size and row["mtime_ns"] == f.mtime_ns
        # Git's racy-timestamp rule: a file touched within the build's own clock tick may
        # have changed after it was read, so its content is compared, not its mtime.
        racy = f.mtime_ns >= built_ns - 2_000_000_000
        if same_stat and not racy:
            continue
        digest = _sha1(f.path)
        if digest != row["sha1"]:
            changed.append(f)
        elif not same_stat:
            restat.append((f.size, f.mtime_ns, f.article))
    deleted = list(known)
    if meta.get("catalog") != _catalog_state(root):
        # A catalog date moves every relative date in an article: re-extract all of them.
        changed, deleted = files, deleted + [f.article for f in files]
    return changed, deleted, restat


def _refresh(store: Store, files: list[SourceFile], progress) -> None:
    """Re-extract only what changed since the last build, in one transaction.

    The diff is taken again once the write lock is held, so two processes that both saw a
    change do the work once and never twice.
    """
    db = store.db
    changed, deleted, restat = _diff(db, store.root, files)
    if not changed and not deleted and not restat:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        changed, deleted, restat = _diff(db, store.root, files)
        started = time.time_ns()
        catalog = load_catalog(store.root, {f.article for f in files})
        db.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE article = ?", restat)
        for article in set(deleted) | {f.article for f in changed}:
            _delete_article(db, article)
        _ingest(db, store.root, changed, catalog, progress)
        _finish(db, store.root, catalog, started)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _delete_article(db: sqlite3.Connection, article: str) -> None:
    # Text rows are found by rowid (derived from the sentence or quote id): FTS5 has no
    # index on its other columns, and a scan of it per article would not scale.
    db.execute(
        "DELETE FROM search_fts WHERE rowid IN (SELECT id * 2 FROM sentences WHERE article = ?"
        " UNION ALL SELECT id * 2 + 1 FROM quotes WHERE article = ?)",
        (article, article),
    )
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


def _extract_file(root: Path, f: SourceFile, catalog: Catalog):
    from .extract import extract

    text, warnings = read_article(f)
    digest = _sha1(f.path)
    if text is None:
        return f, digest, None, warnings
    try:
        facts = extract(f.article, str(f.path), text, catalog.entries.get(f.article), warnings)
    except Exception as exc:  # one article korjp cannot read must not stop the others
        problem = f"{f.article}: korjp could not analyse this article ({type(exc).__name__}); "
        problem += "please report it with the file. Its text is not indexed."
        return f, digest, None, [*warnings, problem]
    facts.text = ""  # not stored, and costly to send back from a worker process
    return f, digest, facts, warnings


def _extracted(root: Path, files: list[SourceFile], catalog: Catalog) -> Iterable:
    if len(files) >= 400 and (os.cpu_count() or 1) > 1:
        from concurrent.futures import ProcessPoolExecutor

        workers = min(os.cpu_count() or 2, 8)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(
                _extract_file, [root] * len(files), files, [catalog] * len(files), chunksize=64
            )
    else:
        for f in files:
            yield _extract_file(root, f, catalog)


def _ingest(
    db: sqlite3.Connection, root: Path, files: list[SourceFile], catalog: Catalog, progress, fts: bool = True
) -> None:
    total = len(files)
    for done, (f, digest, facts, warnings) in enumerate(_extracted(root, files, catalog), 1):
        db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
            (f.article, f.size, f.mtime_ns, digest),
        )
        if facts is None:
            db.execute(
                "INSERT OR REPLACE INTO articles (article, path, warnings) VALUES (?, ?, ?)",
                (f.article, str(f.path), json.dumps(warnings)),
            )
        else:
            _insert_facts(db, facts, fts)
        if progress:
            progress(done, total)


def _insert_facts(db: sqlite3.Connection, a, fts: bool = True) -> None:
    """Write one article's facts. A full build passes fts=False and indexes text at the end,
    in one statement, which is much faster than row by row."""
    from .names import person_key

    dl = a.dateline
    db.execute(
        "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
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
        ),
    )
    rows = []
    if a.title_span:
        rows.append((a.article, "title", a.title_span.start, a.title_span.end, a.title))
    rows += [(a.article, s.kind, s.start, s.end, s.text) for s in a.takeaways + a.sentences]
    db.executemany("INSERT INTO sentences (article, kind, start, end, text) VALUES (?,?,?,?,?)", rows)
    as_of = a.date.start.isoformat() if a.date else None
    people = list(a.people.values())
    db.executemany(
        "INSERT INTO person_mentions VALUES (?,?,?,?,?,?,?)",
        [(p.key, a.article, p.name, p.surname, p.country, p.gender, int(p.group)) for p in people],
    )
    db.executemany(
        "INSERT INTO aliases VALUES (?,?,?,?)",
        [(alias, person_key(alias), p.key, a.article) for p in people for alias in sorted(p.aliases)],
    )
    db.executemany(
        "INSERT INTO roles VALUES (?,?,?,?)",
        [(p.key, role, as_of, a.article) for p in people for role in p.roles],
    )
    db.executemany(
        "INSERT INTO quotes (article, speaker, speaker_mention, mention_start, mention_end,"
        " kind, text, start, end, said_on, said_start, said_end, verb)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
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
                _said_on_text(q.said_on),
                q.said_on.start.isoformat() if q.said_on else None,
                q.said_on.end.isoformat() if q.said_on else None,
                q.verb,
            )
            for q in a.quotes
        ],
    )
    db.executemany(
        "INSERT INTO events (article, date, granularity, start_date, end_date, evidence,"
        " start, end, text, sentence_start, actors, inferred, kind)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                a.article,
                e.value.iso(),
                e.value.granularity,
                e.value.start.isoformat(),
                e.value.end.isoformat(),
                e.evidence,
                e.start,
                e.end,
                e.sentence_text,
                e.sentence_start,
                json.dumps(e.actors),
                int(e.inferred),
                e.kind,
            )
            for e in a.events
        ],
    )
    if fts:
        _index_text(db, "WHERE article = ?", (a.article,))


def _index_text(db: sqlite3.Connection, where: str = "", args: tuple = ()) -> None:
    """Copy sentences and quotes into the full-text index."""
    db.execute(
        "INSERT INTO search_fts (rowid, text, kind, ref, article) "
        f"SELECT id * 2, text, kind, id, article FROM sentences {where}",
        args,
    )
    db.execute(
        "INSERT INTO search_fts (rowid, text, kind, ref, article) "
        f"SELECT id * 2 + 1, text, 'quote', id, article FROM quotes {where}",
        args,
    )


def _said_on_text(said) -> str | None:
    """A day, or the days a span covers (`2026-01-01/2026-01-31` for "last month")."""
    if said is None:
        return None
    if said.granularity == "day":
        return said.iso()
    return f"{said.start.isoformat()}/{said.end.isoformat()}"


def _merge_people(db: sqlite3.Connection) -> None:
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
