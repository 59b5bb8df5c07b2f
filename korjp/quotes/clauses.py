"""The shape of a clause, read without a tagger: a subject, then a finite verb.

Function words come from `data/clause_words.toml`; regular verb forms are read by their
endings. Both the reported-clause reader and subject finding use it.
"""

from __future__ import annotations

from ..lexicon import clause_words

QUOTE_MARKS = "“”\"‘’'"


def finite(written: str, previous: str, strict: bool = False) -> bool:
    """Whether `written` reads as a finite verb after `previous` (both as written).

    An -s word may be a verb or a plural noun; `strict` reads it as a noun."""
    cw = clause_words()
    word, previous = written.lower(), previous.lower()
    if word in cw["finite_verbs"]:
        return True
    if previous in cw["determiners"]:
        return False  # "the planned talks", "two countries": a modifier or a noun
    if not written[:1].islower():
        return False
    if len(word) > 4 and word.endswith("ed"):
        return True
    return not strict and len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def clause_shape(words: list[str]) -> bool:
    """A subject and, within a few words, a finite verb: the shape of a reported clause."""
    words = [w for w in words if w not in QUOTE_MARKS]  # `Dokdo "is an inherent part ..."`
    if len(words) < 2:
        return False
    cw = clause_words()
    first = words[0]
    low = first.lower()
    if low in cw["not_openers"] or first in ',;:“”"(':
        return False
    if low in cw["subject_pronouns"] and low not in cw["determiners"]:
        nxt = words[1].lower()
        return nxt not in cw["not_openers"] and nxt not in ",;:"
    if not (low in cw["determiners"] or first[:1].isupper() or first[:1].isdigit() or first[:1].islower()):
        return False
    for k in range(1, min(len(words), 9)):
        w = words[k]
        if w in ',;:“”"(':
            return False
        if finite(w, words[k - 1]):
            return True
        if k == 1 and first[:1].islower() and low not in cw["determiners"] and not first.endswith("s"):
            return False  # a bare lowercase word is only a subject when it is a plural noun
    return False


def subject_end(words: list[str]) -> int | None:
    """How many words open a sentence before its first finite verb, if few enough to be its subject."""
    for k in range(1, min(len(words), 7)):
        if words[k] in ',;:“”"(':
            return None
        if finite(words[k], words[k - 1], strict=True):  # "Civic groups representing ...": a noun
            return k
    return None
