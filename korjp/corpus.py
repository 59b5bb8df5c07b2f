"""Finding article files, reading them safely, and the optional `corpus.toml` catalog.

Reading never raises on bad input: a file that cannot be listed, decoded or read becomes a
warning that starts with its article id and says what to do, so one broken file never
stops the others from loading. korjp only reads the corpus; it never writes into it.

Decoding keeps the offset contract (offsets are characters of the file decoded as UTF-8,
no newline translation): a UTF-8 byte order mark stays character 0, NUL bytes become
spaces one for one, bad bytes become U+FFFD. Only files that are not UTF-8 at all (UTF-16,
Windows-1252) are decoded otherwise, and their warning says so.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

CATALOG_NAME = "corpus.toml"
ARTICLE_SUFFIXES = (".txt",)
CATALOG_KEYS = ("published", "source", "url")
# Read at most this much of a file. korjp analyses the first 500,000 characters of an
# article (extract.MAX_ANALYSED_CHARS), at most 4 bytes each; this leaves a wide margin
# while a 5 GB log file renamed .txt cannot exhaust memory.
MAX_READ_BYTES = 16 * 1024 * 1024


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
    warnings: list[str] = field(default_factory=list)  # every problem, for the store's meta
    general: list[str] = field(default_factory=list)  # problems that concern every article
    by_article: dict[str, list[str]] = field(default_factory=dict)  # problems of one entry


@dataclass
class SourceFile:
    """One article file as found on disk; `article` is its id (path relative to the root).

    `problem` is set when listing already shows the file cannot be read (a symbolic link
    loop, a named pipe, a name that is not UTF-8): `read_article` then reports it without
    opening the file. `size` is -1 for such files and for files without read permission,
    so that fixing them changes what the store saw and the file is read again.
    """

    article: str
    path: Path
    size: int
    mtime_ns: int
    root: Path | None = None
    problem: str | None = None


class _UnopenablePath(type(Path())):
    """The path of a named pipe or device: shown as is, but opening it fails at once.

    Opening a FIFO for reading blocks until a writer comes, and /dev/zero never ends; any
    code that opens `SourceFile.path` (the store hashes files) gets ENOTDIR instead.
    """

    def __fspath__(self) -> str:
        return str(self) + "/"


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


# ---------------------------------------------------------------- listing


def list_articles(root: Path) -> list[SourceFile]:
    """Every article file below `root`, sorted by id.

    Hidden files and folders are skipped. Symbolic links to folders are followed, except
    links back to the corpus or above it (a loop) and links to a folder the walk visits
    anyway; each folder is walked once. Files that cannot be used are listed with their
    `problem`, so the user sees why they are missing.
    """
    check_root(root)
    real_root = root.resolve()
    found: list[SourceFile] = []
    seen_dirs: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        ident = (st.st_dev, st.st_ino)
        if ident in seen_dirs:  # a second way into a folder already walked
            dirnames[:] = []
            continue
        seen_dirs.add(ident)
        dirnames[:] = [
            d for d in sorted(dirnames) if not d.startswith(".") and _follow(Path(dirpath) / d, real_root)
        ]
        for name in filenames:
            if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                continue
            path = Path(dirpath) / name
            found.append(_source_file(root, path.relative_to(root).as_posix(), path))
    found.sort(key=lambda f: f.article)
    return found


def check_root(root: Path) -> None:
    """Raise CorpusError, saying what to do, when `root` cannot be a corpus folder."""
    if not root.exists():
        if root.is_symlink():
            raise CorpusError(f"corpus folder is a broken symbolic link: {root}")
        raise CorpusError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise CorpusError(f"corpus path is not a folder: {root}")
    if not _utf8_ok(str(root.resolve())):
        raise CorpusError(
            f"the corpus folder's path is not valid UTF-8: {_printable(str(root))}; "
            "rename it, or point to it through a symbolic link with a UTF-8 name"
        )
    try:
        with os.scandir(root):
            pass
    except OSError as exc:
        raise CorpusError(f"cannot list the corpus folder {root}: {exc.strerror or exc}") from None


def _follow(path: Path, real_root: Path) -> bool:
    """Whether the walk goes into this folder: always for a real one; for a symbolic link,
    only when it leads out of the corpus and not to the corpus or a folder above it."""
    if not path.is_symlink():
        return True
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # broken link or loop
        return False
    if target == real_root or target in real_root.parents:
        return False  # the corpus again, or everything around it: a loop
    if target.is_relative_to(real_root):
        # Inside the corpus: the real folder is walked under its own name, unless hidden.
        return any(part.startswith(".") for part in target.relative_to(real_root).parts)
    return True


def source_file(root: Path, article: str) -> SourceFile:
    """One article file by its id, as `list_articles` lists it: a map step over part of a
    corpus is handed paths, and must not list the whole corpus to find them."""
    return _source_file(root, article, root / article)


def _source_file(root: Path, rel: str, path: Path) -> SourceFile:
    if not _utf8_ok(rel):
        shown = _printable(rel)
        return SourceFile(
            shown,
            root / shown,
            -1,
            0,
            root,
            f"{shown}: the file name is not valid UTF-8; skipped. Rename the file (its name is "
            "shown here with \\x escapes for the bytes that are not UTF-8)",
        )
    try:
        st = path.stat()
    except OSError as exc:
        mtime = _lstat_mtime(path)
        return SourceFile(rel, path, -1, mtime, root, _unreadable(rel, path, exc))
    if not stat.S_ISREG(st.st_mode):
        what = _file_kind(st.st_mode)
        return SourceFile(
            rel,
            _UnopenablePath(path),
            -1,
            st.st_mtime_ns,
            root,
            f"{rel}: is {what}, not a regular file; skipped",
        )
    # Without read permission, record size -1: a later chmod changes no size or mtime, and
    # the store must still notice that the file has become readable.
    size = st.st_size if st.st_mode & 0o444 else -1
    return SourceFile(rel, path, size, st.st_mtime_ns, root)


def _lstat_mtime(path: Path) -> int:
    try:
        return path.lstat().st_mtime_ns
    except OSError:
        return 0


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def _unreadable(rel: str, path: Path, exc: OSError) -> str:
    """Why a file cannot be read, and what to do about it."""
    code = exc.errno
    if code == errno.ELOOP:
        return f"{rel}: is a symbolic link loop; skipped. Point the link at a file, or remove it"
    if code == errno.ENOENT and path.is_symlink():
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return f"{rel}: is a symbolic link to a missing file ({target}); skipped. Fix or remove the link"
    if code == errno.ENOENT:
        return (
            f"{rel}: disappeared while korjp was reading the corpus (deleted or renamed); "
            "skipped. Run korjp again"
        )
    if code in (errno.EACCES, errno.EPERM):
        return f"{rel}: permission denied; skipped. Make it readable (chmod a+r {rel})"
    if code == errno.EISDIR:
        return f"{rel}: is a folder, not a file; skipped"
    return f"{rel}: cannot be read ({exc.strerror or exc}); skipped"


def _utf8_ok(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(text: str) -> str:
    """A file name with bytes that are not UTF-8 as \\xNN escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


# ---------------------------------------------------------------- reading


def read_article(source: SourceFile) -> tuple[str | None, list[str]]:
    """The article text, or None when the file cannot be used; and the warnings, each
    starting with the article id. Never raises for a bad file."""
    if source.problem:
        return None, [source.problem]
    rel = source.article
    try:
        data, file_size = _read_bytes(source.path)
    except _NotRegular as exc:
        return None, [f"{rel}: is {exc}, not a regular file; skipped"]
    except OSError as exc:
        return None, [_unreadable(rel, Path(source.path), exc)]
    kind = binary_kind(data)
    if kind:
        return None, [
            f"{rel}: looks like {kind}, not text; skipped. Save the article as plain text "
            "(UTF-8) to include it"
        ]
    text, notes = decode(data)
    warnings = [f"{rel}: {note}" for note in notes]
    if file_size > len(data):
        warnings.append(
            f"{rel}: the file is {file_size:,} bytes, far larger than any article; only its "
            f"first {len(data):,} bytes were read"
        )
    if not text.lstrip("\ufeff").strip():
        what = "is empty" if not text.lstrip("\ufeff") else "holds only whitespace"
        return None, [*warnings, f"{rel}: {what}; skipped"]
    return text, warnings + catalog_notes(source)


class _NotRegular(Exception):
    """The path is a pipe, a device or a folder: never read it."""


def _read_bytes(path: Path) -> tuple[bytes, int]:
    """At most MAX_READ_BYTES of a regular file, and its size. A path that turned into a
    pipe or a device since it was listed is refused without blocking."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "rb", closefd=True) as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _NotRegular(_file_kind(st.st_mode))
        data = fh.read(MAX_READ_BYTES)
    size = max(st.st_size, len(data))
    if size > len(data):
        data = _without_cut_character(data)
    return data, size


def _without_cut_character(data: bytes) -> bytes:
    """A prefix cut at the read limit, without a UTF-8 character cut in two at its end (it
    would read as a bad byte). UTF-16 and UTF-32 are trimmed to whole units when decoded."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return data  # ASCII: nothing cut
        if byte >= 0xC0:  # the lead byte of the last character: complete?
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return data if need == back else data[:-back]
    return data


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),  # before UTF-16: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text, with what a user should know about how it was decoded."""
    warnings: list[str] = []
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _decode_wide(data, codec, name, "byte order mark", warnings)
            break
    else:
        wide = _bomless_utf16(data)
        if wide:
            text = _decode_wide(data, wide, wide.upper(), "no byte order mark, guessed", warnings)
        else:
            text = _decode_8bit(data, warnings)
            if text.startswith("\ufeff"):
                warnings.append(
                    "starts with a UTF-8 byte order mark; it is kept as character 0, so offsets count it"
                )
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", " ")
        warnings.append(f"contains {nuls:,} NUL byte(s), replaced by spaces")
    return text, warnings


def _decode_wide(data: bytes, codec: str, name: str, how: str, warnings: list[str]) -> str:
    unit = 4 if "32" in codec else 2
    usable = data[: len(data) - len(data) % unit]
    try:
        text = usable.decode(codec)
        bad = ""
    except UnicodeDecodeError:
        text = usable.decode(codec, "replace")
        bad = "; bad sequences replaced by U+FFFD"
    warnings.append(
        f"encoded as {name} ({how}), not UTF-8{bad}; offsets count characters of the decoded "
        "text. Save it as UTF-8 to avoid surprises"
    )
    return text


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for UTF-16 text saved without a byte order mark: Latin
    text then has a NUL in every other byte."""
    head = data[:4096]
    half = len(head) // 2
    if half < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.02 * half:
        codec = "utf-16-le"
    elif even >= 0.3 * half and odd <= 0.02 * half:
        codec = "utf-16-be"
    else:
        return None
    try:
        sample = head[: len(head) - len(head) % 2].decode(codec)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    return codec if controls <= len(sample) * 0.02 else None


_BAD_BYTE_RE = re.compile("[\udc80-\udcff]+")
_NOT_MULTIBYTE_RE = re.compile("[\x00-\x7f\udc80-\udcff]+")


def _decode_8bit(data: bytes, warnings: list[str]) -> str:
    """UTF-8; else UTF-8 with the bad bytes replaced when the file is mostly UTF-8; else
    Windows-1252 (a superset of Latin-1's printable range), else Latin-1."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    probe = data.decode("utf-8", "surrogateescape")  # each bad byte becomes U+DC80..U+DCFF
    bad = len(probe) - len(_BAD_BYTE_RE.sub("", probe))
    good = len(_NOT_MULTIBYTE_RE.sub("", probe))  # characters of two to four bytes
    if good and good >= bad:  # UTF-8 with a few broken bytes: keep the UTF-8, mark the damage
        warnings.append(
            f"not valid UTF-8: {bad:,} bad byte(s), the first at byte {first:,}; replaced by U+FFFD (�)"
        )
        return data.decode("utf-8", "replace")
    try:
        text = data.decode("cp1252")
        name = "Windows-1252 (Latin-1)"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        name = "Latin-1"
    warnings.append(
        f"not valid UTF-8 (first bad byte at {first:,}); decoded as {name}. If accented "
        "letters look wrong, save the file as UTF-8"
    )
    return text


_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .odt document?)"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office document (.doc)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


# Control bytes other than white space and ESC (colour codes in pasted terminal text).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b")


def binary_kind(data: bytes) -> str | None:
    """What a file that is not text looks like ("a PNG image"), or None for text."""
    head = data[:4096]
    if not head or head.startswith(tuple(bom for bom, _, _ in _BOMS)) or _bomless_utf16(data):
        return None
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls / len(head) > 0.10:
        return "binary data"
    return None


def looks_binary(data: bytes) -> bool:
    return binary_kind(data) is not None


# ---------------------------------------------------------------- catalog


def load_catalog(root: Path, known: set[str] | None = None) -> Catalog:
    """The optional catalog; every problem in it becomes a warning naming the entry."""
    catalog = Catalog()
    path = root / CATALOG_NAME
    if not path.exists() and not path.is_symlink():
        return catalog
    if not path.is_file():
        catalog.general.append(f"{CATALOG_NAME}: is not a readable file; ignored")
        catalog.warnings.extend(catalog.general)
        return catalog
    import tomllib  # only when there is a catalog to read

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8", errors="replace"))
    except tomllib.TOMLDecodeError as exc:
        catalog.general.append(
            f"{CATALOG_NAME}: not valid TOML ({exc}); the whole catalog is ignored until it is fixed"
        )
    except OSError as exc:
        catalog.general.append(f"{CATALOG_NAME}: cannot be read ({exc.strerror or exc}); ignored")
    else:
        _read_catalog(raw, catalog, known)
    catalog.warnings[:0] = catalog.general
    return catalog


def _read_catalog(raw: dict, catalog: Catalog, known: set[str] | None) -> None:
    for key in raw:
        if key != "articles":
            hint = " (did you mean [articles]?)" if key.lower().startswith("article") else ""
            catalog.general.append(f"{CATALOG_NAME}: unknown table or key {key!r}{hint}; ignored")
    articles = raw.get("articles", {})
    if not isinstance(articles, dict):
        catalog.general.append(
            f'{CATALOG_NAME}: "articles" must be a table of [articles."ID"] entries; ignored'
        )
        return
    for article_id, entry in articles.items():
        where = f'{CATALOG_NAME}: [articles."{article_id}"]'
        notes = catalog.by_article.setdefault(article_id, [])
        if not isinstance(entry, dict):
            notes.append(f"{where} must be a table (published, source, url); ignored")
            catalog.warnings.append(notes[-1])
            continue
        if known is not None and article_id not in known:
            catalog.warnings.append(f"{where} names no article file in the corpus")
        item = CatalogEntry()
        published = entry.get("published")
        if isinstance(published, datetime):  # TOML datetimes are dates too; keep the day
            item.published = published.date()
        elif isinstance(published, date):
            item.published = published
        elif isinstance(published, str):
            try:
                item.published = date.fromisoformat(published.strip())
            except ValueError:
                notes.append(
                    f"{where}: published = {published!r} is not a real date (YYYY-MM-DD, "
                    "e.g. 2025-08-20); ignored"
                )
        elif published is not None:
            notes.append(
                f"{where}: published must be a date like 2025-08-20, not {_toml_type(published)}; ignored"
            )
        for key in ("url", "source"):
            value = entry.get(key)
            if isinstance(value, str):
                setattr(item, key, value)
            elif value is not None:
                notes.append(f"{where}: {key} must be a string, not {_toml_type(value)}; ignored")
        for key in entry:
            if key not in CATALOG_KEYS:
                import difflib

                near = difflib.get_close_matches(key, CATALOG_KEYS, n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                notes.append(f"{where}: unknown key {key!r}{hint}; ignored")
        catalog.warnings.extend(notes)
        catalog.entries[article_id] = item


def _toml_type(value: object) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a table"}
    return names.get(type(value), f"{type(value).__name__} {value!r}")


def catalog_notes(source: SourceFile) -> list[str]:
    """The catalog's warnings that concern this article: problems with the whole catalog,
    with its own entry, and an entry whose id looks like a misspelling of this one."""
    if source.root is None:
        return []
    path = source.root / CATALOG_NAME
    try:
        st = path.stat()
    except OSError:
        if not path.is_symlink():
            return []
        st = None
    key = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns) if st else None
    general, by_article, meant = _catalog_summary(str(source.root), key)
    notes = list(general) + list(by_article.get(source.article, ()))
    for written in meant.get(source.article, ()):
        notes.append(
            f'{CATALOG_NAME}: [articles."{written}"] names no file in the corpus, so it is '
            f'ignored; did you mean "{source.article}"?'
        )
    return notes


@lru_cache(maxsize=8)
def _catalog_summary(root: str, _stat_key) -> tuple[list[str], dict[str, list[str]], dict[str, list[str]]]:
    """The catalog's general and per-entry warnings, and for each article the mistyped ids
    that probably meant it. Parsed once per catalog version per process (`_stat_key`
    changes with the file); the corpus is listed again only when some id names no file."""
    base = Path(root)
    catalog = load_catalog(base)
    unknown = []
    for article_id in catalog.entries:
        rel = Path(article_id)
        inside = not rel.is_absolute() and ".." not in rel.parts
        if not inside or not (base / rel).is_file():
            unknown.append(article_id)
    meant: dict[str, list[str]] = {}
    if unknown:
        try:
            ids = [f.article for f in list_articles(base) if f.problem is None]
        except CorpusError:
            ids = []
        for written in unknown:
            target = _meant_article(written, ids)
            if target is not None:
                meant.setdefault(target, []).append(written)
    return catalog.general, catalog.by_article, meant


def _meant_article(written: str, ids: list[str]) -> str | None:
    """The one article a catalog id that names no file probably meant: the same id in
    another case or with backslashes, the file name without its folder, or a small typo."""
    w = written.strip().replace("\\", "/").removeprefix("./")
    for rule in (
        lambda a: a.lower() == w.lower(),
        lambda a: a.endswith("/" + w),
        lambda a: a.rsplit("/", 1)[-1] == w.rsplit("/", 1)[-1],
    ):
        hits = [a for a in ids if rule(a)]
        if len(hits) == 1:
            return hits[0]
    import difflib

    close = difflib.get_close_matches(w, ids, n=2, cutoff=0.85)
    if len(close) == 1 or (len(close) == 2 and _ratio(w, close[0]) > _ratio(w, close[1])):
        return close[0]
    return None


def _ratio(a: str, b: str) -> float:
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio()
