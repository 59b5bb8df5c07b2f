"""Organisations and groups as speakers: their names, heads and canonical forms."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..lexicon import metonyms, titles, word_set


@cache
def _group_nouns() -> frozenset[str]:
    """Nouns that name a body or an office, never a person just described."""
    return (
        word_set("group_speakers.txt")
        | word_set("org_heads.txt")
        | {w.lower() for t in titles() for w in t.split()}
    )


# Places that speak for their governments ("Seoul said"), as a regex alternation.
PLACE_SPEAKERS = (
    r"Seoul|Tokyo|Washington|Beijing|Pyongyang|Japan|South Korea|North Korea|China|the U\.S\.|"
    r"the United States"
)


def _group_noun_alt() -> str:
    return "|".join(sorted(word_set("group_speakers.txt"), key=len, reverse=True))


@cache
def _group_noun_end() -> tuple[re.Pattern, tuple[int, ...], bool, tuple[str, ...]]:
    """What a group phrase must end with: a group noun (plural too) or a place that speaks
    for its government. The noun pattern, the lengths a noun can have, whether every noun is
    one word of letters, and the places."""
    nouns = word_set("group_speakers.txt")
    lengths = sorted({len(n) for n in nouns} | {len(n) + 1 for n in nouns})
    places = tuple(p.replace("\\", "") for p in PLACE_SPEAKERS.split("|"))
    one_word = all(n.isalpha() for n in nouns)
    return re.compile(rf"(?i:(?:{_group_noun_alt()})s?)"), tuple(lengths), one_word, places


def group_phrase_at_end(text: str) -> re.Match | None:
    """`_group_re().search(text)`: "the Japanese side", "Seoul" ending `text`.

    That search tries every start position with every noun, so it is costly; most subjects
    end in a name or a pronoun instead, which the cheap test below turns away first (the
    phrase must end with a group noun or a place, before any trailing space).
    """
    end = len(text.rstrip())
    noun_end, lengths, one_word, places = _group_noun_end()
    room = end  # how far back a noun may start: within the letters ending the text
    if one_word:
        room = 0
        while room < lengths[-1] and room < end and text[end - room - 1].isalpha():
            room += 1
    ends_in_group = text.endswith(places, 0, end) or any(
        noun_end.fullmatch(text, end - n, end) for n in lengths if n <= room
    )
    return _group_re().search(text) if ends_in_group else None


@cache
def _group_re() -> re.Pattern:
    nouns = _group_noun_alt()
    stop = (
        r"(?:that|which|who|whom|said|says|and|but|or|as|of|in|on|at|to|for|with|by|from|"
        r"after|before|while|when|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
        r"[Tt]he|[Aa]n?)\b"
    )
    return re.compile(
        rf"(?:\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+)?((?:\b(?!{stop})(?:[A-Z][\w.’'-]*|[a-z][\w-]*)\s+){{0,3}}"
        rf"(?i:(?:{nouns})s?)|(?:{PLACE_SPEAKERS}))\s*$"
    )


CONNECTORS = {"of", "for", "and", "on", "the", "de", "du", "des", "la", "&"}
ORG_NAME_RE = re.compile(r"((?:[A-Z][\w&'’.-]*,?\s+(?:(?:of|for|and|on|the|de)\s+)?){0,7}[A-Z][\w&'’.-]*)")
ACRONYM_DEF_RE = re.compile(
    r"(?<![\w&'’.-])((?:[A-Z][\w&'’.-]*+,?\s+(?:(?:of|for|and|on|the|de)\s+)?){1,8})\(([A-Z][A-Za-z]{1,9})\)"
)
BRACKETED_ACRONYM_RE = re.compile(r"\([A-Z][A-Za-z]{1,9}\)")  # what every definition ends with
ORG_BEFORE_RE = re.compile(
    r"(?:\b[Tt]he\s+)?((?:[A-Z][\w&'’.-]*,?\s+(?:(?:of|for|and|on|the|de)\s+)?){0,7}"
    r"[A-Z][\w&'’.-]*)(?:\s*\([A-Z][A-Za-z]{1,9}\))?\s*$"
)
POSSESSIVE_COUNTRY_RE = re.compile(r"^(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['’]s\s+")


@cache
def _org_heads() -> frozenset[str]:
    return word_set("org_heads.txt")


def acronyms(text: str) -> dict[str, str]:
    """Acronyms the article defines: "South African Weather Service (SAWS)"."""
    out: dict[str, str] = {}
    if not BRACKETED_ACRONYM_RE.search(text):
        return out  # a quick look for "(SAWS)" first: the full pattern tries every capital
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


@lru_cache(maxsize=4096)
def is_org(name: str) -> bool:
    """Whether a capitalised name has a word that heads a body ("Ministry", "Union"); kept
    per name, since an article repeats its names."""
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
    m = ORG_BEFORE_RE.search(left)
    if not m:
        return None
    name = m.group(1)
    words = name.split()
    acronym = len(words) == 1 and re.fullmatch(r"[A-Z]{2,8}", words[0])
    opener = at_sentence_start and not left[: m.start()].strip() and len(words) >= 2
    if not (is_org(name) or acronym or opener):
        return None
    return m.start(), m.group(0).strip()
