"""`corpus.toml` entries appended as text (comments kept), and files written atomically."""

from __future__ import annotations

import json
import os
import stat
import tempfile
import tomllib
from contextlib import suppress
from datetime import date
from pathlib import Path

from ..corpus import CATALOG_NAME
from .errors import NOTHING, AddError

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
