"""`korjp add`: preview what korjp reads from an article, then copy it into the corpus.

Everything is checked before anything is written: each source must be UTF-8 text (no NUL
bytes, not binary, not empty), the corpus folder must exist, and the catalog with its new
tables must parse. Then each article is copied under a new ASCII name (never over another
file, never outside the corpus folder), and `corpus.toml` gets its new
`[articles."<id>"]` tables appended as text, so its comments and layout stay byte for byte;
it is replaced atomically. A failure part way removes what this run wrote. Refreshing the
index is the caller's job (opening the store does it).
"""

from __future__ import annotations

import errno
import os
import tomllib
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path

from .catalog import (
    _catalog_path,
    _new_catalog,
    _new_file_mode,
    _replace_atomically,
    _temp_copy,
    catalog_table,
)
from .errors import NOTHING, SLUG_LIMIT, AddError
from .names import _taken, safe_destination
from .reading import (
    AddResult,
    Preview,
    _check_bytes,
    _check_text,
    _expand,
    _preview,
    _read_source,
    preview,
    slugify,
)

# ---------------------------------------------------------------- adding


@contextmanager
def _locked(root: Path):
    """Hold the corpus folder while adding, so two `korjp add` runs cannot lose an entry."""
    try:
        import fcntl

        fd = os.open(root, os.O_RDONLY)
    except (ImportError, OSError):
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
        with suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _write_new(dest: Path, data: bytes) -> None:
    """Write a new file without ever replacing one: a temporary copy, then a hard link (which
    fails if the name exists); where links are not supported, an exclusive create."""
    tmp = _temp_copy(dest.parent, data, _new_file_mode())
    try:
        os.link(tmp, dest)
    except OSError as exc:
        if exc.errno == errno.EEXIST:
            raise AddError(f"{dest}: appeared while korjp was adding; run korjp add again") from None
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with open(os.open(dest, flags, 0o666), "wb") as out:
            out.write(data)
    finally:
        with suppress(OSError):
            os.unlink(tmp)


def add_articles(
    root: Path,
    sources: list[Path] | None,
    stdin_text: str | bytes | None,
    *,
    published: date | None,
    source_name: str | None,
    dry_run: bool,
) -> list[AddResult]:
    """Preview each article and, unless `dry_run`, copy it into the corpus at `root` and
    record `published`/`source_name` in corpus.toml. All or nothing: any AddError leaves
    the corpus as it was."""
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "not found"
        raise AddError(f"corpus folder {what}: {root}. Create it (mkdir -p {root}) or pass --corpus DIR")
    if _inside_package(root):
        raise AddError(
            f"{root} is the seed corpus bundled with korjp; choose your own corpus folder with "
            "--corpus DIR or KORJP_CORPUS"
        )
    if source_name is not None and not source_name.strip():
        raise AddError("--source is empty; give the publisher's name, e.g. --source Yonhap")
    source_name = source_name.strip() if source_name else None
    incoming: list[tuple[str, bytes, str]] = []
    for path in _expand(list(sources or [])):
        _refuse_inside(root, path)
        data, text = _read_source(path)
        incoming.append((str(path), data, text))
    if stdin_text is not None:
        text = (_check_bytes if isinstance(stdin_text, bytes) else _check_text)("-", stdin_text)
        incoming.append(("-", text.encode("utf-8"), text))
    if not incoming:
        raise AddError("nothing to add: give article files, a folder of .txt files, or - to paste one")
    with _locked(root):
        catalog = _catalog_path(root)
        taken = _taken(root)
        results, tables = [], []
        for label, data, text in incoming:
            pre = _preview(label, text, published, source_name, taken)
            dest = safe_destination(root, pre.article)
            table = catalog_table(pre.article, published, source_name)
            if table:
                tables.append((pre.article, table, tomllib.loads(table)["articles"][pre.article]))
            results.append((AddResult(pre.article, dest, pre, False, table), data))
        new_catalog = _new_catalog(catalog, tables) if tables else None
        if dry_run:
            return [r for r, _ in results]
        _commit(root, results, catalog, new_catalog)
    return [r for r, _ in results]


def _commit(root: Path, results: list, catalog: Path, new_catalog: bytes | None) -> None:
    try:
        for result, data in results:
            _write_new(result.path, data)
            result.written = True
        if new_catalog is not None:
            _replace_atomically(catalog, new_catalog)
    except BaseException as exc:
        for result, _ in results:
            if result.written:
                with suppress(OSError):
                    result.path.unlink()
            result.written = False
        if isinstance(exc, OSError):
            raise AddError(
                f"cannot write into the corpus folder {root} ({exc.strerror or exc}); check that it "
                f"is writable; {NOTHING}"
            ) from None
        raise


def _refuse_inside(root: Path, path: Path) -> None:
    with suppress(OSError, ValueError):
        rel = path.resolve().relative_to(root.resolve())
        raise AddError(f"{path}: is already in the corpus as {rel.as_posix()}; {NOTHING}")


def _inside_package(root: Path) -> bool:
    return root.resolve().is_relative_to(Path(__file__).resolve().parent.parent)  # the korjp package


__all__ = [
    "SLUG_LIMIT",
    "AddError",
    "AddResult",
    "Preview",
    "add_articles",
    "catalog_table",
    "preview",
    "safe_destination",
    "slugify",
]
