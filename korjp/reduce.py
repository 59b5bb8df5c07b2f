"""The reduce step: a store built from facts that `korjp extract` wrote, on any machine.

It is `korjp index` with extraction done elsewhere: the same build (rows, meta, indexes and
people merged), so the next query finds the store fresh. Facts are trusted only while they
still describe their file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .corpus import Catalog, SourceFile, list_articles
from .index import Extracted, _build, _sha1, extract_files
from .paths import store_path
from .store import Store, connect


def build_from_facts(root: Path, sources: Iterable[str | Path], progress=None) -> Store:
    """The reduce step: the store for `root` from facts `korjp extract` wrote, anywhere.

    It is the same build as `korjp index` (same rows, meta, indexes and people), so the
    next query finds it fresh. Facts are trusted only while they still describe the file:
    an article changed since, or without facts, is extracted here, and facts of a file no
    longer in the corpus are left out; the notices name them.
    """
    from .facts_io import catalog_digest, read_records

    files = list_articles(root)
    notices: list[str] = []
    records = read_records(sources, catalog_digest(root))

    def extracted(catalog: Catalog) -> Iterator[Extracted]:
        return _from_facts(root, files, catalog, records, notices)

    path = _build(root, files, store_path(root), notices, progress, extracted)
    return Store(connect(path), path, root, notices, rebuilt=True)


def _from_facts(
    root: Path, files: list[SourceFile], catalog: Catalog, records: Iterable, notices: list[str]
) -> Iterator[Extracted]:
    from .facts_io import FactsError, rows_of

    pending: dict[str, SourceFile | None] = {f.article: f for f in files}  # None: facts used
    stale: list[SourceFile] = []
    gone: list[str] = []
    twice: list[str] = []
    read = 0
    for where, record in records:
        read += 1
        article = record["article"]
        if article not in pending:
            gone.append(f"{article} ({where})")
            continue
        f = pending[article]
        if f is None:
            twice.append(f"{article} ({where})")
            continue
        pending[article] = None
        if not _still_true(f, record):
            stale.append(f)
            continue
        yield f, record["sha1"], rows_of(record, str(f.path), where), record["warnings"]
    if read and len(gone) == read:
        raise FactsError(
            f"none of the {read:,} articles in the facts is a file of the corpus {root}; "
            "pass the --corpus the facts were extracted from"
        )
    if files and not read:
        raise FactsError("the facts hold no articles; give the files `korjp extract` wrote")
    unseen = [f for f in pending.values() if f is not None]
    for what, names in (
        ("are no longer files of the corpus; left out", gone),
        ("have facts more than once; the first were used, these left out", twice),
        ("changed since their facts were made; extracted them again here", [f.article for f in stale]),
        ("had no facts; extracted them here", [f.article for f in unseen]),
    ):
        if names:
            shown = ", ".join(names[:5]) + (f" and {len(names) - 5:,} more" if len(names) > 5 else "")
            notices.append(f"{len(names):,} article(s) {what}: {shown}")
    yield from extract_files(root, stale + unseen, catalog)


def _still_true(f: SourceFile, record: dict) -> bool:
    """Whether facts still describe the file: the same size and mtime, and for a file touched
    around the time it was read (the racy rule of `_diff`), the same content."""
    if f.size != record["size"] or f.mtime_ns != record["mtime_ns"]:
        return False
    return f.mtime_ns < record["read_ns"] - 2_000_000_000 or _sha1(f.path) == record["sha1"]
