"""What `korjp add` reads: the incoming text, checked, and the preview of what korjp finds in it."""

from __future__ import annotations

import re
import stat
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from ..corpus import MAX_READ_BYTES, CatalogEntry, binary_kind, decode
from ..extract import extract
from .errors import NOTHING, SLUG_LIMIT, AddError
from .names import _taken, _unique


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
