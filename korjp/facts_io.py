"""Extracted facts as JSON lines: what the map step writes and the reduce step reads.

Extraction is the costly part of a build and each article's is independent, so any engine
can run it on many machines: `korjp extract`, or `extract_lines` called from Dask, Spark or
Ray, turns articles into one JSON line each, and `korjp index --facts` builds the store from
the lines on one machine. A line holds an article's facts as the rows they add to each
table of the store (`store.article_rows`, what a build's worker processes hand its writer)
and what the reduce needs to trust them: the file's size, mtime and content hash, when it
was read, and which korjp, schema and catalog made them. Facts from other extraction code
or another catalog would give a store that looks fresh but is not what this korjp finds,
so the reduce refuses them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from . import __version__
from .corpus import CATALOG_NAME, SourceFile, check_root, list_articles, load_catalog, source_file
from .index import Extracted, extract_file, extract_files
from .store import INSERTS, SCHEMA_VERSION, StoreError

FORMAT = 1  # the layout of a line; a change that old readers cannot follow bumps it
FACTS_SUFFIXES = (".jsonl", ".jsonl.gz")


class FactsError(StoreError):
    """Facts cannot be made from these paths or built into a store; the message names the
    file (and the line) and says what to do."""


# ---------------------------------------------------------------- who made the facts


@lru_cache(maxsize=1)
def extractor_digest() -> str:
    """korjp's version, schema, code and word lists, by content.

    The store's fingerprint stats these files to stay cheap on every query; facts travel
    between machines, where the same korjp has other mtimes, so they carry file contents.
    """
    h = hashlib.sha1(f"{FORMAT}:{__version__}:{SCHEMA_VERSION}".encode())
    package = Path(__file__).parent
    for source in sorted(package.rglob("*")):
        rel = source.relative_to(package)
        if rel.parts[0] in ("corpus_bundle", "__pycache__") or source.suffix not in (".py", ".txt", ".toml"):
            continue
        h.update(f"{rel.as_posix()}\0".encode())
        h.update(source.read_bytes())
    return h.hexdigest()


def catalog_digest(root: Path) -> str | None:
    """The content hash of the corpus catalog: its dates change the facts of every article."""
    try:
        return hashlib.sha1((root / CATALOG_NAME).read_bytes()).hexdigest()
    except OSError:
        return None


# ---------------------------------------------------------------- the map step


def sources(root: Path, paths: Iterable[str | Path]) -> list[SourceFile]:
    """The article files that `paths` (files or folders inside the corpus at `root`, absolute
    or relative to the working directory) name, with their ids in the corpus, once each.

    Every path is checked before any work: a wrong one is a mistake in the command or the
    list, and half a map step's output would be worse than none.
    """
    check_root(root)
    found: dict[str, SourceFile] = {}
    problems: list[str] = []
    for raw in paths:
        path = Path(raw)
        rel = _inside(root, path)
        if rel is None:
            problems.append(
                f"{raw}: not inside the corpus folder {root}; pass --corpus with the folder it is in"
            )
        elif any(part.startswith(".") for part in rel.parts):
            problems.append(f"{raw}: hidden; korjp skips hidden files and folders")
        elif path.is_dir():
            folder = rel.as_posix()
            for f in list_articles(root / rel):
                article = f.article if folder == "." else f"{folder}/{f.article}"
                found.setdefault(article, replace(f, article=article, root=root))
        elif not path.exists() and not path.is_symlink():
            problems.append(f"{raw}: no such file")
        elif not path.name.lower().endswith(".txt"):
            problems.append(f"{raw}: not a .txt file; korjp reads articles saved as plain .txt")
        else:
            found.setdefault(rel.as_posix(), source_file(root, rel.as_posix()))
    if problems:
        more = f" (and {len(problems) - 10:,} more)" if len(problems) > 10 else ""
        raise FactsError("; ".join(problems[:10]) + more)
    return list(found.values())


def _inside(root: Path, path: Path) -> Path | None:
    """`path` relative to `root`, as written or with symbolic links resolved."""
    for base, target in (
        (os.path.abspath(root), os.path.abspath(path)),
        (os.path.realpath(root), os.path.realpath(path)),
    ):
        try:
            return Path(target).relative_to(base)
        except ValueError:
            continue
    return None


def extract_records(root: Path, files: list[SourceFile], parallel: bool = True) -> Iterator[dict]:
    """The facts of `files`, one JSON-able record each, in their order.

    `parallel` uses every core as a build does; an engine that runs this in its own
    workers passes False, since it is the parallelism already.
    """
    catalog = load_catalog(root)
    catalog_sha1 = catalog_digest(root)
    read_ns = time.time_ns()  # no later than any file is read: see index._still_true
    if parallel:
        results = extract_files(root, files, catalog)
    else:
        results = (extract_file(root, f, catalog) for f in files)
    for result in results:
        yield to_record(result, catalog_sha1, read_ns)


def extract_lines(root: Path, paths: Iterable[str | Path]) -> list[str]:
    """The map step for any engine: these articles' facts as JSON lines (no newline), made in
    the calling process. `root` is the corpus folder, the same for every task."""
    root = Path(root)
    return [dumps(record) for record in extract_records(root, sources(root, paths), parallel=False)]


def dumps(record: dict) -> str:
    """One line of JSON, all ASCII: safe to print on a terminal, whatever the article holds."""
    return json.dumps(record, separators=(",", ":"), check_circular=False)


def write_lines(path: Path, lines: Iterable[str]) -> int:
    """Write lines to `path` whole or not at all (a temporary file renamed into place), gzip
    compressed when the name ends in .gz: a killed map task leaves no half file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    count = 0
    try:
        with open(fd, "wb") as raw:
            out = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) if path.name.endswith(".gz") else raw
            with out:
                for line in lines:
                    out.write(line.encode("ascii") + b"\n")
                    count += 1
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return count


def to_record(result: Extracted, catalog_sha1: str | None, read_ns: int) -> dict:
    """One extracted article as a JSON-able dict; `read_ns` is a time before it was read."""
    f, digest, rows, warnings = result
    return {
        "article": f.article,
        "path": str(f.path),
        "size": f.size,
        "mtime_ns": f.mtime_ns,
        "sha1": digest,
        "read_ns": read_ns,
        "warnings": warnings,
        "rows": rows,
        "korjp_facts": FORMAT,
        "korjp": __version__,
        "schema": SCHEMA_VERSION,
        "extractor": extractor_digest(),
        "catalog": catalog_sha1,
    }


# ---------------------------------------------------------------- the reduce step


def read_records(paths: Iterable[str | Path], catalog_sha1: str | None) -> Iterator[tuple[str, dict]]:
    """(where, record) for every line of the facts files, `where` being FILE:LINE.

    A folder means its *.jsonl and *.jsonl.gz files in name order (a map step's parts, in
    the corpus's order when numbered so), and `-` standard input. Lines made by another
    korjp, or with another catalog than `catalog_sha1`, are refused.
    """
    trusted = None
    for path in _facts_files(paths):
        for where, record in _lines(path):
            header = (record.get("korjp_facts"), record.get("extractor"), record.get("catalog"))
            if header != trusted:
                _check_header(where, record, catalog_sha1)
                trusted = header
            yield where, record


def _facts_files(paths: Iterable[str | Path]) -> Iterator[Path | None]:
    """The files to read, None standing for standard input."""
    for given in paths:
        if str(given) == "-":
            yield None
            continue
        path = Path(given)
        if path.is_dir():
            parts = sorted(p for p in path.iterdir() if p.name.endswith(FACTS_SUFFIXES) and p.name[0] != ".")
            if not parts:
                raise FactsError(f"no *.jsonl or *.jsonl.gz files of facts in the folder {path}")
            yield from parts
        elif path.is_file():
            yield path
        else:
            raise FactsError(f"facts file not found: {path}")


_REQUIRED = {
    "article": str,
    "size": int,
    "mtime_ns": int,
    "read_ns": int,
    "warnings": list,
    "rows": (dict, type(None)),
    "sha1": (str, type(None)),
}


def _lines(path: Path | None) -> Iterator[tuple[str, dict]]:
    name = "<stdin>" if path is None else str(path)
    try:
        if path is None:
            stream = sys.stdin.buffer
        elif path.name.endswith(".gz"):
            stream = gzip.open(path, "rb")
        else:
            stream = open(path, "rb")  # closed below, also on errors
    except OSError as exc:
        raise FactsError(f"cannot read the facts file {name}: {exc.strerror or exc}") from None
    number = 0
    try:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            where = f"{name}:{number}"
            try:
                record = json.loads(line)
            except ValueError as exc:  # JSONDecodeError, or bytes that are not UTF-8
                raise FactsError(
                    f"{where}: not valid JSON ({exc}); was the file cut short? Run korjp extract "
                    "again for the articles of this file"
                ) from None
            if not isinstance(record, dict) or not all(
                isinstance(record.get(key), kind) for key, kind in _REQUIRED.items()
            ):
                raise FactsError(f"{where}: not a line of facts that `korjp extract` writes")
            yield where, record
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        raise FactsError(
            f"{name}: cannot be read after line {number:,} ({exc or type(exc).__name__}); "
            "is it cut short or not gzip? Run korjp extract again for its articles"
        ) from None
    finally:
        if path is not None:
            stream.close()


def _check_header(where: str, record: dict, catalog_sha1: str | None) -> None:
    made_by = f"korjp {record.get('korjp', '?')}"
    if record.get("korjp_facts") != FORMAT:
        raise FactsError(
            f"{where}: facts in format {record.get('korjp_facts')!r} made by {made_by}; this korjp "
            f"{__version__} reads format {FORMAT}; run korjp extract again with this korjp"
        )
    if record.get("extractor") != extractor_digest():
        raise FactsError(
            f"{where}: these facts were made by {made_by} (schema {record.get('schema', '?')}) with "
            f"other extraction code or word lists than this korjp {__version__} (schema "
            f"{SCHEMA_VERSION}); run korjp extract again with this korjp, or the store would hold "
            "facts that no query re-extracts"
        )
    if record.get("catalog") != catalog_sha1:
        raise FactsError(
            f"{where}: these facts were made with another {CATALOG_NAME} (or none) than the corpus "
            "has now, and its dates change the facts of every article; run korjp extract again"
        )


# How many values a row of each table has: what its INSERT statement takes.
_COLUMNS = {table: statement.count("?") for table, statement in INSERTS.items()}
_SCALARS = (str, int, float, type(None))


def rows_of(record: dict, path: str, where: str) -> dict[str, list[tuple]] | None:
    """The rows a record holds for the store (None for a file that could not be read), with
    the articles row's path made `path`, the file on this machine."""
    given = record["rows"]
    if given is None:
        return None
    try:
        rows = {table: [tuple(row) for row in given[table]] for table in _COLUMNS}
        for table, found in rows.items():
            for row in found:
                if len(row) != _COLUMNS[table] or not all(isinstance(v, _SCALARS) for v in row):
                    raise ValueError(f"a row of {table} is not {_COLUMNS[table]} plain values")
        (article, _, *rest), *more = rows["articles"]
        if article != record["article"] or more:
            raise ValueError("its articles row is not the article's")
    except (KeyError, TypeError, ValueError) as exc:
        raise FactsError(
            f"{where}: the facts of {record['article']} are malformed ({type(exc).__name__}: {exc}); "
            "run korjp extract again for it"
        ) from None
    rows["articles"] = [(article, path, *rest)]
    return rows
