"""Extracted facts as JSON lines: what the map step writes and the reduce step reads.

Extraction is the costly part of a build and each article's is independent, so any engine
can run it on many machines: `korjp extract`, or `extract_lines` called from Dask, Spark or
Ray, turns articles into one JSON line each, and `korjp index --facts` builds the store from
the lines on one machine. A line holds the facts the store keeps (not the text: the store
keeps sentences, not files) and what the reduce needs to trust them: the file's size,
mtime and content hash, when it was read, and which korjp and catalog made them. Facts
from other extraction code or another catalog would give a store that looks fresh but is
not what this korjp finds, so the reduce refuses them.
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
from datetime import date
from functools import lru_cache
from pathlib import Path

from . import __version__
from .corpus import CATALOG_NAME, SourceFile, check_root, list_articles, load_catalog, source_file
from .index import Extracted, extract_file, extract_files
from .model import ArticleFacts, Dateline, DateValue, Event, Person, Quote, Segment, Span
from .store import SCHEMA_VERSION, StoreError

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
    f, digest, facts, warnings = result
    return {
        "article": f.article,
        "path": str(f.path),
        "size": f.size,
        "mtime_ns": f.mtime_ns,
        "sha1": digest,
        "read_ns": read_ns,
        "warnings": warnings,
        "facts": None if facts is None else _facts_record(facts),
        "korjp_facts": FORMAT,
        "korjp": __version__,
        "schema": SCHEMA_VERSION,
        "extractor": extractor_digest(),
        "catalog": catalog_sha1,
    }


def _facts_record(a: ArticleFacts) -> dict:
    """Every field but the article and path (on the record itself), the text and the mentions:
    the store keeps neither of the last two (it keeps sentences, people and their aliases)."""
    return {
        "title": a.title,
        "title_span": [a.title_span.start, a.title_span.end] if a.title_span else None,
        "takeaways": [vars(s) for s in a.takeaways],
        "sentences": [vars(s) for s in a.sentences],
        "dateline": None if a.dateline is None else {**vars(a.dateline), "date": _day(a.dateline.date)},
        "date": _value(a.date),
        "year_evidence": a.year_evidence,
        "warnings": a.warnings,
        "people": [{**vars(p), "aliases": sorted(p.aliases)} for p in a.people.values()],
        "quotes": [{**vars(q), "said_on": _value(q.said_on)} for q in a.quotes],
        "events": [{**vars(e), "value": _value(e.value)} for e in a.events],
        "source": a.source,
        "url": a.url,
        "date_basis": a.date_basis,
    }


def _day(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _value(v: DateValue | None) -> dict | None:
    if v is None:
        return None
    return {"start": v.start.isoformat(), "end": v.end.isoformat(), "granularity": v.granularity}


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
    "facts": (dict, type(None)),
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


def facts_of(record: dict, path: str, where: str) -> ArticleFacts | None:
    """The ArticleFacts a record holds (None for a file that could not be read), as the
    store needs them: no text, no mentions. `path` is the file on this machine."""
    d = record["facts"]
    if d is None:
        return None
    try:
        return ArticleFacts(
            article=record["article"],
            path=path,
            text="",
            title=d["title"],
            title_span=Span(*d["title_span"]) if d["title_span"] else None,
            takeaways=[Segment(**s) for s in d["takeaways"]],
            sentences=[Segment(**s) for s in d["sentences"]],
            dateline=_dateline(d["dateline"]),
            date=_date_value(d["date"]),
            year_evidence=d["year_evidence"],
            warnings=d["warnings"],
            people={p.key: p for p in (Person(**{**p, "aliases": set(p["aliases"])}) for p in d["people"])},
            mentions=[],
            quotes=[Quote(**{**q, "said_on": _date_value(q["said_on"])}) for q in d["quotes"]],
            events=[Event(**{**e, "value": _date_value(e["value"])}) for e in d["events"]],
            source=d["source"],
            url=d["url"],
            date_basis=d["date_basis"],
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise FactsError(
            f"{where}: the facts of {record['article']} are malformed ({type(exc).__name__}: {exc}); "
            "run korjp extract again for it"
        ) from None


def _dateline(d: dict | None) -> Dateline | None:
    if d is None:
        return None
    day = d["date"]
    return Dateline(**{**d, "date": None if day is None else date.fromisoformat(day)})


def _date_value(d: dict | None) -> DateValue | None:
    if d is None:
        return None
    return DateValue(date.fromisoformat(d["start"]), date.fromisoformat(d["end"]), d["granularity"])
