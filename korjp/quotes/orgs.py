"""Organisations and groups as speakers: their names, heads and canonical forms."""

from __future__ import annotations

import re
from functools import cache

from ..lexicon import metonyms, titles, word_set


@cache
def _group_nouns() -> frozenset[str]:
    """Nouns that name a body or an office, never a person just described."""
    return (
        word_set("group_speakers.txt")
        | word_set("org_heads.txt")
        | {w.lower() for t in titles() for w in t.split()}
    )


@cache
def _group_re() -> re.Pattern:
    nouns = "|".join(sorted(word_set("group_speakers.txt"), key=len, reverse=True))
    stop = (
        r"(?:that|which|who|whom|said|says|and|but|or|as|of|in|on|at|to|for|with|by|from|"
        r"after|before|while|when|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
        r"[Tt]he|[Aa]n?)\b"
    )
    return re.compile(
        rf"(?:\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+)?((?:\b(?!{stop})(?:[A-Z][\w.’'-]*|[a-z][\w-]*)\s+){{0,3}}"
        rf"(?i:(?:{nouns})s?)|(?:Seoul|Tokyo|Washington|Beijing|Pyongyang|Japan|South Korea|"
        rf"North Korea|China|the U\.S\.|the United States))\s*$"
    )


CONNECTORS = {"of", "for", "and", "on", "the", "de", "du", "des", "la", "&"}
ORG_NAME_RE = re.compile(r"((?:[A-Z][\w&'’.-]*,?\s+(?:(?:of|for|and|on|the|de)\s+)?){0,7}[A-Z][\w&'’.-]*)")
ACRONYM_DEF_RE = re.compile(
    r"(?<![\w&'’.-])((?:[A-Z][\w&'’.-]*+,?\s+(?:(?:of|for|and|on|the|de)\s+)?){1,8})\(([A-Z][A-Za-z]{1,9})\)"
)
POSSESSIVE_COUNTRY_RE = re.compile(r"^(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['’]s\s+")


@cache
def _org_heads() -> frozenset[str]:
    return word_set("org_heads.txt")


def acronyms(text: str) -> dict[str, str]:
    """Acronyms the article defines: "South African Weather Service (SAWS)"."""
    out = {}
    for m in ACRONYM_DEF_RE.finditer(text):
        full = re.sub(r"^(?:[Tt]he)\s+", "", m.group(1).strip().rstrip(","))
        out.setdefault(m.group(2), full)
    return out


def org_head(name: str) -> str:
    """The word that says what kind of body a name is: "Ministry" of "Ministry of Economy"."""
    words = name.split()
    if "of" in words and words.index("of") > 0:
        return words[words.index("of") - 1].strip(",")
    return words[-1].strip(",") if words else ""


def is_org(name: str) -> bool:
    words = [w.strip(",") for w in name.split()]
    return any(w.lower() in _org_heads() for w in words if w[:1].isupper())


def canonical_group(phrase: str, defined: dict[str, str] | None = None) -> str:
    """A group's name without determiners, possessive countries or acronym brackets."""
    name = " ".join(phrase.split())
    name = re.sub(r"^(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]n?)\s+", "", name)
    body = metonyms().get(" ".join(name.lower().split()))
    if body:
        return body  # "Japan's Foreign Ministry", "Seoul": the body they stand for
    name = POSSESSIVE_COUNTRY_RE.sub("", name) or name
    name = re.sub(r"\s*\([A-Z][A-Za-z]{1,9}\)$", "", name)
    if defined and name in defined:
        name = defined[name]
    return metonyms().get(" ".join(name.lower().split()), name)


def org_before(left: str, at_sentence_start: bool = False) -> tuple[int, str] | None:
    """A named organisation ending right before a verb: "The International Cycling Union (UCI)",
    or any capitalized name of two words or more that opens the sentence ("Tennis Australia")."""
    m = re.search(
        r"(?:\b[Tt]he\s+)?((?:[A-Z][\w&'’.-]*,?\s+(?:(?:of|for|and|on|the|de)\s+)?){0,7}"
        r"[A-Z][\w&'’.-]*)(?:\s*\([A-Z][A-Za-z]{1,9}\))?\s*$",
        left,
    )
    if not m:
        return None
    name = m.group(1)
    words = name.split()
    acronym = len(words) == 1 and re.fullmatch(r"[A-Z]{2,8}", words[0])
    opener = at_sentence_start and not left[: m.start()].strip() and len(words) >= 2
    if not (is_org(name) or acronym or opener):
        return None
    return m.start(), m.group(0).strip()
