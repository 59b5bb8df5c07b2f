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
import json
import os
import re
import stat
import tempfile
import tomllib
import unicodedata
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from .corpus import CATALOG_NAME, MAX_READ_BYTES, CatalogEntry, binary_kind, decode
from .extract import extract

SLUG_LIMIT = 60
NOTHING = "nothing was added"


class AddError(Exception):
    """A problem the user can fix; the message names the file and what to do."""


@dataclass
class Preview:
    """What korjp reads from one incoming article, before it joins the corpus."""

    source: str  # the file given, or "-" for a paste
    article: str  # the proposed id: the file name it gets in the corpus
    title: str | None
    dateline: str | None
    dateline_date: str | None
    date: str | None
    date_basis: str | None  # catalog, dateline, page, inferred, content (README)
    year_evidence: list[str]
    quotes: list[dict]  # the keys of `quotes --json` but id and article; names as this article has them
    events: list[dict]  # the keys of `timeline --json` but text, actors and article
    warnings: list[str]
    published: date | None = None
    source_name: str | None = None
    text: str = field(default="", repr=False)

    def as_dict(self) -> dict:
        out = asdict(self)
        out.pop("text")
        out["published"] = self.published.isoformat() if self.published else None
        return out


@dataclass
class AddResult:
    article: str  # its id in the corpus
    path: Path  # where it was written (with dry_run: where it would be)
    preview: Preview
    written: bool
    catalog_entry: str | None  # the TOML table appended to corpus.toml, if any

    def as_dict(self) -> dict:
        return asdict(self) | {"path": str(self.path), "preview": self.preview.as_dict()}


# ---------------------------------------------------------------- reading the input


def _name(label: str) -> str:
    return "the pasted article" if label == "-" else label


def _check_bytes(label: str, data: bytes) -> str:
    """The text of an incoming article, or an AddError saying why it cannot be added."""
    kind = binary_kind(data)
    if kind:
        raise AddError(f"{_name(label)}: looks like {kind}, not text; save the article as plain text (UTF-8)")
    try:
        text, where = data.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        text, where = None, f"the first bad byte is at {exc.start:,}"
    notes = " ".join(decode(data)[1])  # corpus's reading names UTF-16/32 and 8-bit encodings
    guess = next((enc for enc in ("UTF-16", "UTF-32", "Windows-1252") if enc in notes), None)
    if text is None or guess in ("UTF-16", "UTF-32"):  # UTF-16 without a mark may pass as UTF-8
        raise AddError(
            f"{_name(label)}: is not UTF-8 text ({f'it looks like {guess}' if guess else where}); save "
            f"it as UTF-8 (an editor's Save As, encoding UTF-8) and add it again; {NOTHING}"
        )
    return _check_text(label, text)  # NULs kept, for _check_text to refuse


def _check_text(label: str, text: str) -> str:
    if "\x00" in text:
        raise AddError(f"{_name(label)}: contains NUL bytes, so it is not text; save it as plain text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise AddError(f"{_name(label)}: holds bytes that are not UTF-8; save it as UTF-8 text") from None
    if not text.lstrip("\ufeff").strip():
        hint = "paste the article, then press Ctrl-D" if label == "-" else NOTHING
        raise AddError(f"{_name(label)}: is empty or only whitespace; {hint}")
    return text


def _read_source(path: Path) -> tuple[bytes, str]:
    label = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise AddError(f"{label}: no such file or folder") from None
    except OSError as exc:
        raise AddError(f"{label}: cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):
        raise AddError(f"{label}: is not a regular file; give a .txt file or a folder of them")
    if st.st_size > MAX_READ_BYTES:
        raise AddError(f"{label}: is {st.st_size:,} bytes, far larger than any article; not added")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AddError(f"{label}: cannot be read ({exc.strerror or exc}); check its permissions") from None
    return data, _check_bytes(label, data)


def _expand(sources: list[Path]) -> list[Path]:
    """Files as given, and the .txt files directly inside each folder given, sorted."""
    files: list[Path] = []
    for src in sources:
        if src.is_dir():
            found = sorted(p for p in src.iterdir() if _is_article(p))
            if not found:
                raise AddError(
                    f"{src}: holds no .txt files; korjp adds plain-text articles saved as .txt "
                    "(files in subfolders are not looked at)"
                )
            files.extend(found)
        else:
            files.append(src)
    return files


def _is_article(path: Path) -> bool:
    return path.suffix.lower() == ".txt" and not path.name.startswith(".") and path.is_file()


# ---------------------------------------------------------------- preview


def slugify(text: str, limit: int = SLUG_LIMIT) -> str:
    """An ASCII file-name stem: lower case letters, digits, '_' and '-' (may be empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_text.lower()).strip("-_")
    if len(slug) > limit:
        cut = slug[:limit]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut[limit // 2 :] else cut).strip("-_")
    return slug


def _stem(source: str, title: str | None) -> str:
    """The file name's slug for a file; the title's for a paste (or a name with no ASCII)."""
    if source != "-":
        name = Path(source).name
        stem = name[:-4] if name.lower().endswith(".txt") else name
        if slug := slugify(stem):
            return slug
    return slugify(title or "") or "article"


def preview(
    source: str | Path,
    text: str | None = None,
    *,
    published: date | None = None,
    source_name: str | None = None,
    root: Path | None = None,
) -> Preview:
    """What korjp reads from one article: read from `source` unless `text` is given.

    With `root`, the proposed id is one no file or catalog entry of that corpus uses yet.
    """
    label = str(source)
    text = _check_text(label, text) if text is not None else _read_source(Path(source))[1]
    return _preview(label, text, published, source_name, _taken(root) if root else set())


def _preview(label: str, text: str, published, source_name, taken: set[str]) -> Preview:
    entry = CatalogEntry(published=published, source=source_name)
    facts = extract("incoming.txt", label, text, entry)
    article = _unique(_stem(label, facts.title), taken)
    people = facts.people
    quotes = []
    for q in facts.quotes:
        who = people.get(q.speaker) if q.speaker else None
        said = q.said_on.iso() if q.said_on else None
        quotes.append(
            {"speaker": who.name if who else None, "speaker_mention": q.speaker_mention}
            | {"role": who.roles[0] if who and who.roles else None, "kind": q.kind, "text": q.text}
            | {"start": q.start, "end": q.end, "said_on": said, "verb": q.verb}
        )
    events = [
        {"date": e.value.iso(), "granularity": e.value.granularity, "evidence": e.evidence}
        | {"start": e.start, "end": e.end, "inferred": e.inferred, "kind": e.kind}
        for e in facts.events
    ]
    warnings = list(facts.warnings)
    if facts.date is None:
        warnings.append("korjp cannot date this article; add it with --published YYYY-MM-DD")
    dl, day = facts.dateline, facts.date
    dateline = (dl.text, dl.date.isoformat() if dl.date else None) if dl else (None, None)
    dated = (day.iso(), facts.date_basis) if day else (None, None)
    evidence = list(facts.year_evidence)
    return Preview(
        label,
        article,
        facts.title,
        *dateline,
        *dated,
        evidence,
        quotes,
        events,
        warnings,
        published,
        source_name,
        text,
    )


# ---------------------------------------------------------------- names inside the corpus


def _taken(root: Path) -> set[str]:
    """Names in use, lower-cased (a case-insensitive file system sees A.txt as a.txt)."""
    names = {n.lower() for n in os.listdir(root)}
    catalog = _catalog_path(root)
    if catalog.is_file():
        with suppress(OSError, tomllib.TOMLDecodeError):
            raw = tomllib.loads(catalog.read_text(encoding="utf-8", errors="replace"))
            if isinstance(raw.get("articles"), dict):
                names |= {k.lower() for k in raw["articles"]}
    return names


def _unique(stem: str, taken: set[str]) -> str:
    name, n = f"{stem}.txt", 1
    while name.lower() in taken:
        n += 1
        name = f"{stem}-{n}.txt"
    taken.add(name.lower())
    return name


def safe_destination(root: Path, name: str) -> Path:
    """`root / name` for a new article, or an AddError when the name would leave the corpus
    folder (a path, `..`, an absolute name), hide the file, or land on an existing file or
    a symbolic link (pointing anywhere)."""
    if not re.fullmatch(r"[^./\\\x00][^/\\\x00]*\.txt", name, re.IGNORECASE):  # no path, not hidden
        raise AddError(f"{name!r}: not a plain .txt file name inside the corpus folder; {NOTHING}")
    dest = root / name
    if os.path.lexists(dest):
        what = "a symbolic link" if dest.is_symlink() else "a file"
        raise AddError(f"{dest}: there is already {what} with this name; korjp never overwrites one")
    if dest.parent.resolve() != root.resolve():
        raise AddError(f"{dest}: would be written outside the corpus folder {root}; {NOTHING}")
    return dest


# ---------------------------------------------------------------- the catalog


def _catalog_path(root: Path) -> Path:
    path = root / CATALOG_NAME
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root.resolve()) or not target.is_file():
            raise AddError(
                f"{path}: is a symbolic link to {target}, outside the corpus folder or not a file; "
                f"korjp will not write there. Replace the link with the file itself; {NOTHING}"
            )
        return target
    if path.exists() and not path.is_file():
        raise AddError(f"{path}: is not a file; move it away so korjp can write its catalog; {NOTHING}")
    return path


def _toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, but for DEL, which TOML escapes too."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def catalog_table(article: str, published: date | None, source_name: str | None) -> str | None:
    """The `[articles."<id>"]` table for one article, or None with nothing to record."""
    lines = [f"[articles.{_toml_string(article)}]"]
    if published:
        lines.append(f'published = "{published.isoformat()}"')
    if source_name:
        lines.append(f"source = {_toml_string(source_name)}")
    return "\n".join(lines) + "\n" if len(lines) > 1 else None


def _new_catalog(path: Path, tables: list[tuple[str, str, dict]]) -> bytes:
    """The catalog's bytes as they are, then the new tables; checked to parse as meant."""
    old = path.read_bytes() if path.exists() else b""
    newline = "\r\n" if b"\r\n" in old else "\n"
    try:
        tomllib.loads(old.decode("utf-8", errors="replace"))
    except tomllib.TOMLDecodeError as exc:
        raise AddError(
            f"{path}: is not valid TOML ({exc}); fix it first (korjp articles shows the problem); {NOTHING}"
        ) from None
    added = "".join(newline + table.replace("\n", newline) for _, table, _ in tables)
    if not old:
        added = added[len(newline) :]
    elif not old.endswith(b"\n"):
        added = newline + added
    new = old + added.encode("utf-8")
    try:
        parsed = tomllib.loads(new.decode("utf-8", errors="replace"))["articles"]
        ok = all(parsed.get(article) == expected for article, _, expected in tables)
        problem = None if ok else "its [articles] tables are written in another form"
    except (tomllib.TOMLDecodeError, KeyError, AttributeError) as exc:
        problem = str(exc)
    if problem:
        raise AddError(
            f"{path}: the new entries would not read back ({problem}); {NOTHING}. "
            f"Add them yourself:{newline}{added}"
        )
    return new


def _temp_copy(folder: Path, data: bytes, mode: int) -> str:
    """`data` in a hidden temporary file in `folder` (korjp skips hidden files), on disk."""
    fd, tmp = tempfile.mkstemp(prefix=".korjp-add-", suffix=".tmp", dir=folder)
    try:
        with open(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _replace_atomically(path: Path, data: bytes) -> None:
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _new_file_mode()
    tmp = _temp_copy(path.parent, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


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
    return root.resolve().is_relative_to(Path(__file__).resolve().parent)
