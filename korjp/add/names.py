"""Names inside the corpus: safe, ASCII, never taken, never outside the folder."""

from __future__ import annotations

import os
import re
import tomllib
from contextlib import suppress
from pathlib import Path

from .catalog import _catalog_path
from .errors import NOTHING, AddError

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
