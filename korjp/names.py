"""Name keys: the one function both extraction and queries need, kept light to import."""

from __future__ import annotations

import unicodedata


def person_key(name: str) -> str:
    """A spelling-insensitive key: `Lee Jae-myung` and `Lee Jae Myung` give `leejaemyung`."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in folded.lower() if ch.isalnum())
