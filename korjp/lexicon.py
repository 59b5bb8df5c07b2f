"""Word lists and facts, read once from `korjp/data/`.

Keeping them as data files lets a user extend korjp (a new speech verb, a title, an office
holder) without touching code; this module only parses them.
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from importlib import resources


def _read(name: str) -> str:
    return resources.files("korjp.data").joinpath(name).read_text(encoding="utf-8")


def _lines(name: str) -> list[str]:
    out = []
    for raw in _read(name).splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


def _inflect(lemma: str) -> set[str]:
    """Regular -s/-ed/-ing forms of a (possibly multi-word) verb lemma."""
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    forms = {head}
    if head.endswith("e"):
        forms |= {head + "s", head + "d", head[:-1] + "ing"}
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        forms |= {head[:-1] + "ies", head[:-1] + "ied", head + "ing"}
    elif head.endswith(("s", "sh", "ch", "x")):
        forms |= {head + "es", head + "ed", head + "ing"}
    else:
        forms |= {head + "s", head + "ed", head + "ing"}
    if head in {"admit", "regret"}:
        forms |= {head + head[-1] + "ed", head + head[-1] + "ing"}
    return {f + tail for f in forms}


@cache
def speech_verbs() -> dict[str, str]:
    """Every inflected speech-verb form mapped to its lemma."""
    table: dict[str, str] = {}
    for line in _lines("speech_verbs.txt"):
        lemma, *irregular = [p.strip() for p in line.split("|")]
        for form in _inflect(lemma) | set(irregular):
            table[form.lower()] = lemma
    return table


@cache
def titles() -> dict[str, str | None]:
    """Title words (as written, e.g. `Prime Minister`) mapped to an office kind or None."""
    table: dict[str, str | None] = {}
    for line in _lines("titles.txt"):
        title, _, office = line.partition("=")
        table[title.strip()] = office.strip() or None
    return table


@cache
def korean_surnames() -> frozenset[str]:
    return frozenset(_lines("korean_surnames.txt"))


@cache
def word_set(name: str) -> frozenset[str]:
    """A lower-cased word list from a data file."""
    return frozenset(w.lower() for w in _lines(name))


@cache
def months() -> dict[str, int]:
    """Month forms (lower case, no period) mapped to month numbers."""
    raw = tomllib.loads(_read("months.toml"))
    return {form: int(num) for num, forms in raw.items() for form in forms}


@cache
def facts() -> dict:
    """Office terms and anchor events, with ISO strings turned into dates."""
    raw = tomllib.loads(_read("facts.toml"))
    for person in raw.get("people", []):
        for term in person.get("terms", []):
            term["start"] = date.fromisoformat(term["start"])
            term["end"] = date.fromisoformat(term["end"]) if "end" in term else None
    for anchor in raw.get("anchors", []):
        anchor["date"] = date.fromisoformat(anchor["date"])
        anchor.setdefault("requires", [])
    return raw


@cache
def clause_words() -> dict[str, frozenset[str]]:
    """The function-word lists the reported-clause finder reads a clause's shape with."""
    raw = tomllib.loads(_read("clause_words.toml"))
    return {name: frozenset(w.lower() for w in words) for name, words in raw.items()}


@cache
def transcript_labels() -> dict[str, frozenset[str]]:
    """Paragraph labels of interviews: not speakers, interviewers, answer labels."""
    raw = tomllib.loads(_read("transcript_labels.toml"))
    return {name: frozenset(w.lower() for w in words) for name, words in raw.items()}


@cache
def metonyms() -> dict[str, str]:
    """Each form that stands for a body (lower case, no leading "the") -> the body's name."""
    raw = tomllib.loads(_read("metonyms.toml"))
    table: dict[str, str] = {}
    for body, forms in raw.get("bodies", {}).items():
        for form in [body, *forms]:
            table[" ".join(form.lower().split())] = body
    return table


@cache
def calendar_words() -> dict:
    """Seasons, fixed holidays, spelled-out numbers, decade words and known dated events."""
    return tomllib.loads(_read("calendar.toml"))
