"""Where korjp keeps an index: light enough for shell completion to import."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def cache_dir() -> Path:
    """KORJP_CACHE_DIR, else the XDG cache directory, else ~/.cache."""
    override = os.environ.get("KORJP_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "korjp"


def store_path(root: Path) -> Path:
    digest = hashlib.sha1(str(root.resolve()).encode("utf-8", "replace")).hexdigest()[:16]
    return cache_dir() / f"index-{digest}.sqlite"
