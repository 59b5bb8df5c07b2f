"""Finding article files, reading them safely, and the optional `corpus.toml` catalog.

Reading never raises on bad input: a file that cannot be decoded or read becomes a warning
that names it, so one broken file never stops the others from loading.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

CATALOG_NAME = "corpus.toml"
ARTICLE_SUFFIXES = (".txt",)


class CorpusError(Exception):
    """A problem with the corpus as a whole (missing folder), which the CLI reports."""


@dataclass
class CatalogEntry:
    published: date | None = None
    url: str | None = None
    source: str | None = None


@dataclass
class Catalog:
    entries: dict[str, CatalogEntry] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class SourceFile:
    """One article file as found on disk; `article` is its id (path relative to the root)."""

    article: str
    path: Path
    size: int
    mtime_ns: int


def resolve_corpus(explicit: str | os.PathLike | None = None) -> Path:
    """Where the corpus is: --corpus, then KORJP_CORPUS, then ./corpus, then the bundle."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("KORJP_CORPUS")
    if env:
        return Path(env).expanduser()
    local = Path.cwd() / "corpus"
    if local.is_dir():
        return local
    return bundled_corpus()


def bundled_corpus() -> Path:
    """The seed corpus shipped inside the package (or beside it, in a source checkout)."""
    installed = Path(__file__).resolve().parent / "corpus_bundle"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "corpus"


def list_articles(root: Path) -> list[SourceFile]:
    """Every article file below `root`, sorted by id, skipping hidden folders and loops."""
    if not root.exists():
        raise CorpusError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise CorpusError(f"corpus path is not a folder: {root}")
    found: list[SourceFile] = []
    seen_dirs: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        ident = (st.st_dev, st.st_ino)
        if ident in seen_dirs:  # a symlink loop or a second link to a visited folder
            dirnames[:] = []
            continue
        seen_dirs.add(ident)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                continue
            path = Path(dirpath) / name
            try:
                st = path.stat()
            except OSError:
                continue
            if not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            found.append(SourceFile(rel, path, st.st_size, st.st_mtime_ns))
    found.sort(key=lambda f: f.article)
    return found


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text, with the warnings a user should see about how it was decoded."""
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["decoded as UTF-16 (byte order mark)"]
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
            warnings.append(f"not valid UTF-8 (byte {exc.start}); decoded as Windows-1252/Latin-1")
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace")
            warnings.append(f"not valid UTF-8 (byte {exc.start}); bad bytes replaced")
    if "\x00" in text:
        text = text.replace("\x00", " ")
        warnings.append("contains NUL bytes (replaced by spaces)")
    return text, warnings


def read_article(source: SourceFile) -> tuple[str | None, list[str]]:
    """The article text, or None with the reason when the file cannot be used."""
    try:
        data = source.path.read_bytes()
    except OSError as exc:
        return None, [f"cannot read file: {exc.strerror or exc}"]
    if looks_binary(data):
        return None, ["looks like a binary file, not text; skipped"]
    return decode(data)


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if head.startswith((b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04")):
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.10


def load_catalog(root: Path, known: set[str] | None = None) -> Catalog:
    """The optional catalog; every problem in it becomes a warning naming the entry."""
    catalog = Catalog()
    path = root / CATALOG_NAME
    if not path.is_file():
        return catalog
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8", errors="replace"))
    except (tomllib.TOMLDecodeError, OSError) as exc:
        catalog.warnings.append(f"{CATALOG_NAME}: ignored, not valid TOML ({exc})")
        return catalog
    articles = raw.get("articles", {})
    if not isinstance(articles, dict):
        catalog.warnings.append(f"{CATALOG_NAME}: [articles] must be a table; ignored")
        return catalog
    for article_id, entry in articles.items():
        where = f'{CATALOG_NAME}: [articles."{article_id}"]'
        if not isinstance(entry, dict):
            catalog.warnings.append(f"{where} must be a table; ignored")
            continue
        if known is not None and article_id not in known:
            catalog.warnings.append(f"{where} names no article file in the corpus")
        item = CatalogEntry()
        published = entry.get("published")
        if isinstance(published, date):
            item.published = published
        elif isinstance(published, str):
            try:
                item.published = date.fromisoformat(published.strip())
            except ValueError:
                catalog.warnings.append(
                    f"{where}: published = {published!r} is not a date (YYYY-MM-DD); ignored"
                )
        elif published is not None:
            catalog.warnings.append(f"{where}: published must be a YYYY-MM-DD string; ignored")
        for key in ("url", "source"):
            value = entry.get(key)
            if isinstance(value, str):
                setattr(item, key, value)
            elif value is not None:
                catalog.warnings.append(f"{where}: {key} must be a string; ignored")
        catalog.entries[article_id] = item
    return catalog
