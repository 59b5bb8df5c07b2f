"""Anniversaries and the known events they count from (data/facts.toml)."""

from __future__ import annotations

import re

from ..lexicon import facts


def anniversary_base(n: int, what: str, article_text: str = "") -> int | None:
    """The year an anniversary counts from: a known anchor event, or a year in the phrase."""
    anchor = match_anchor(what, article_text)
    if anchor:
        return anchor["date"].year
    years = [int(y) for y in re.findall(r"\b(1[5-9]\d\d|20\d\d)\b", what)]
    if years:
        return years[-1] if "from" in what and len(years) > 1 else years[0]
    return None


def anchor_of_anniversary(what: str, article_text: str = "") -> dict | None:
    """The anchor event an anniversary phrase names, by keyword or by the year it states
    ("the 105th anniversary of a 1919 uprising": the one anchor event of 1919)."""
    anchor = match_anchor(what, article_text)
    if anchor:
        return anchor
    years = {int(y) for y in re.findall(r"\b(1[5-9]\d\d|20\d\d)\b", what)}
    if len(years) != 1:
        return None
    year = years.pop()
    same = [
        a
        for a in facts().get("anchors", [])
        if a["date"].year == year and not (article_text and any(r not in article_text for r in a["requires"]))
    ]
    return same[0] if same and len({a["date"] for a in same}) == 1 else None


def match_anchor(what: str, article_text: str = "") -> dict | None:
    low = what.lower()
    best = None
    best_pos = len(low) + 1
    for anchor in facts().get("anchors", []):
        if any(req not in article_text for req in anchor["requires"]) and article_text:
            continue
        for kw in anchor["keywords"]:
            pos = low.find(kw.lower())
            if pos != -1 and pos < best_pos:
                best, best_pos = anchor, pos
    return best
