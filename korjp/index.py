"""Building and refreshing the store: corpus files in, extracted facts out, kept fresh.

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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .corpus import CATALOG_NAME, Catalog, SourceFile, list_articles, load_catalog, read_article
from .freshness import CorpusState, corpus_state, unchanged_since, watcher_vouches
from .paths import store_path
from .store import (
    SCHEMA_VERSION,
    Store,
    article_rows,
    connect,
    create_indexes,
    create_schema,
    delete_article,
    index_text,
    insert_rows,
    merge_people,
    read_meta,
    record_file,
    record_unreadable,
    search_rows,
    write_meta,
)

BUILD_CACHE_KB = 256 * 1024  # the build's page cache; peak RSS stays well under 600 MB


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


def _sha1(path: Path) -> str | None:
    h = hashlib.sha1()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def open_store(
    root: Path,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
    trust_watcher: bool = True,
) -> Store:
    """The store for `root`, built or refreshed so that it matches the corpus on disk.

    A store that cannot be read (truncated, not SQLite, another schema) is rebuilt with a
    notice; one that cannot be written is replaced by a temporary index, also with a notice.
    While `korjp watch` vouches for the store, no corpus file is looked at (see
    `korjp.freshness`); the watcher itself passes trust_watcher=False.
    """
    path = store_path(root)
    notices: list[str] = []
    fingerprint = _fingerprint()
    walked = None
    if not force and path.exists() and root.is_dir():
        fresh, walked = _unchanged_store(root, path, fingerprint, trust_watcher)
        if fresh is not None:
            return Store(fresh, path, root, notices)
    files = list_articles(root)
    db = None
    if not force and path.exists():
        try:
            db = connect(path)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            meta = read_meta(db)
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
        db = connect(path)
        return Store(db, path, root, notices, rebuilt=True)
    store = Store(db, path, root, notices)
    try:
        _refresh(store, files, progress, walked)
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc) and "read-only" not in str(exc):
            raise
        db.close()
        temp = Path(tempfile.gettempdir()) / f"korjp-{os.getuid()}" / path.name
        notices.append(f"the index at {path} is read-only; using a temporary index at {temp}")
        temp = _build(root, files, temp, notices, progress)
        return Store(connect(temp), temp, root, notices, rebuilt=True)
    return store


def _unchanged_store(
    root: Path, path: Path, fingerprint: str, trust_watcher: bool
) -> tuple[sqlite3.Connection | None, CorpusState | None]:
    """The open store when neither korjp nor any corpus file changed since it was written,
    else None; and the corpus walk, when one was taken, for the refresh to reuse."""
    try:
        db = connect(path)
        meta = read_meta(db)
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError:
        return None, None
    walked = None
    if (
        version == SCHEMA_VERSION
        and meta.get("fingerprint") == fingerprint
        and meta.get("catalog") == _catalog_state(root)
    ):
        if trust_watcher and watcher_vouches(path, root):
            return db, None
        unchanged, walked = unchanged_since(root, meta)
        if unchanged:
            return db, walked
    db.close()
    return None, walked


def _catalog_state(root: Path) -> str:
    try:
        st = (root / CATALOG_NAME).stat()
        return f"{st.st_size}:{st.st_mtime_ns}:{_sha1(root / CATALOG_NAME)}"
    except OSError:
        return "none"


def _build(
    root: Path,
    files: list[SourceFile],
    path: Path,
    notices: list[str],
    progress,
    extracted: Callable[[Catalog], Iterable[Extracted]] | None = None,
) -> Path:
    """A new store at `path`, from the `extracted` results of `files` (default: extract them
    here). The reduce step passes facts made elsewhere, so both builds write the same rows."""
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
    db = connect(tmp)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        # The index and FTS builds revisit pages all over the file. SQLite's default 2 MB
        # cache sends each revisit to the OS, which may have dropped the page (seen: a VM
        # whose page cache is reclaimed eagerly spent most of a 100k build reading back).
        db.execute(f"PRAGMA cache_size = -{BUILD_CACHE_KB}")
        create_schema(db)
        db.execute("BEGIN")
        started = time.time_ns()
        catalog = load_catalog(root, {f.article for f in files})
        phases = BuildPhases()
        results = extract_files(root, files, catalog) if extracted is None else extracted(catalog)
        with phases.timed("extract_and_write"):
            phases.writing = _ingest(db, results, len(files), progress, fts=False)
        with phases.timed("search_index"):
            index_text(db)  # indexes are built once, after the rows, not row by row
        with phases.timed("indexes"):
            create_indexes(db)
        with phases.timed("people_and_meta"):
            _finish(db, root, catalog, started, corpus_state(root).digest)
        write_meta(db, {"build_phases": json.dumps(phases.seconds())})
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


class BuildPhases:
    """Where a build's time went, kept in the store's meta (`build_phases`) for the benchmark:
    extraction and row writing overlap, so the writer's own share is timed apart."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.writing = 0.0

    @contextmanager
    def timed(self, phase: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.spent[phase] = time.perf_counter() - started

    def seconds(self) -> dict[str, float]:
        return {**{k: round(v, 2) for k, v in self.spent.items()}, "writer_busy": round(self.writing, 2)}


def _finish(db: sqlite3.Connection, root: Path, catalog: Catalog, started_ns: int, files_digest: str) -> None:
    meta = {
        "fingerprint": _fingerprint(),
        "root": str(root.resolve()),
        "catalog": _catalog_state(root),
        "built_ns": str(started_ns),
        "catalog_warnings": json.dumps(catalog.warnings),
        "version": __version__,
        "files_digest": files_digest,
        "search_rows": str(search_rows(db)),
    }
    write_meta(db, meta)
    merge_people(db)


def _diff(db: sqlite3.Connection, root: Path, files: list[SourceFile]):
    """What changed on disk since the store was last written: (changed, deleted, restat)."""
    meta = read_meta(db)
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


def _refresh(store: Store, files: list[SourceFile], progress, walked: CorpusState | None = None) -> None:
    """Re-extract only what changed since the last build, in one transaction.

    The diff is taken again once the write lock is held, so two processes that both saw a
    change do the work once and never twice. The store records the corpus walk taken
    before the diff (`walked`, when the freshness check made one), dated when it began.
    """
    db = store.db
    state = walked or corpus_state(store.root)
    started = state.taken_ns
    changed, deleted, restat = _diff(db, store.root, files)
    if not changed and not deleted and not restat:
        _remember_unchanged(db, started, state.digest)
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        changed, deleted, restat = _diff(db, store.root, files)
        store.changed, store.deleted = len(changed), len(set(deleted) - {f.article for f in changed})
        catalog = load_catalog(store.root, {f.article for f in files})
        db.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE article = ?", restat)
        for article in set(deleted) | {f.article for f in changed}:
            delete_article(db, article)
        _ingest(db, extract_files(store.root, changed, catalog), len(changed), progress)
        _finish(db, store.root, catalog, started, state.digest)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _remember_unchanged(db: sqlite3.Connection, checked_ns: int, state: str) -> None:
    """After a full comparison found nothing new (a racy file that did not change, a touch),
    record the corpus as seen, so the next query takes the fast path again."""
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return  # read-only, or another writer: the next query just compares again
    try:
        write_meta(db, {"built_ns": str(checked_ns), "files_digest": state})
        db.execute("COMMIT")
    except sqlite3.OperationalError:
        db.execute("ROLLBACK")


# What extracting one file gives: the file, its content hash, its rows for the store
# (store.article_rows; None when it cannot be read) and the warnings about it. The map step
# of a scale-out run writes these as JSON lines (facts_io).
Extracted = tuple[SourceFile, str | None, dict[str, list[tuple]] | None, list[str]]


def extract_file(root: Path, f: SourceFile, catalog: Catalog) -> Extracted:
    """One article file's rows, never raising for a bad file: the unit of work of a build,
    of `korjp extract`, and of any engine that maps korjp over a corpus."""
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
    return f, digest, article_rows(facts), warnings


# What every worker process of a build shares, sent once per worker rather than per task.
_WORKER_JOB: tuple[Path, Catalog] | None = None


def _start_worker(root: Path, catalog: Catalog) -> None:
    global _WORKER_JOB
    _WORKER_JOB = (root, catalog)


def _extract_in_worker(f: SourceFile):
    assert _WORKER_JOB is not None
    root, catalog = _WORKER_JOB
    return extract_file(root, f, catalog)


def extract_files(root: Path, files: list[SourceFile], catalog: Catalog) -> Iterator[Extracted]:
    """The files' rows in their order, on every core once there are enough to pay for it."""
    if len(files) >= 400 and (os.cpu_count() or 1) > 1:
        from concurrent.futures import ProcessPoolExecutor

        workers = min(os.cpu_count() or 2, 8)
        with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(root, catalog)) as pool:
            yield from pool.map(_extract_in_worker, files, chunksize=64)
    else:
        for f in files:
            yield extract_file(root, f, catalog)


def _ingest(
    db: sqlite3.Connection, results: Iterable[Extracted], total: int, progress, fts: bool = True
) -> float:
    """Write the rows of extracted files (made in worker processes when there are many, or
    read from a map step's facts). Returns the seconds spent writing, which extraction
    overlaps."""
    writing = 0.0
    for done, (f, digest, rows, warnings) in enumerate(results, 1):
        started = time.perf_counter()
        record_file(db, f.article, f.size, f.mtime_ns, digest)
        if rows is None:
            record_unreadable(db, f.article, str(f.path), warnings)
        else:
            insert_rows(db, rows, fts)
        writing += time.perf_counter() - started
        if progress:
            progress(done, total)
    return writing
