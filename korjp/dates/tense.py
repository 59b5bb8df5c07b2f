"""Whether a dated expression points forward: the tense of the words around it."""

from __future__ import annotations

import re

from ..lexicon import clause_words, speech_verbs

FUTURE_RE = re.compile(
    r"\b(?:will|won't|shall|is to|are to|is set to|are set to|is scheduled|are scheduled|"
    r"was scheduled|were scheduled|scheduled to|scheduled for|is expected to|are expected to|"
    r"plans? to|planned|planning|is due|are due|slated|upcoming|to be held|to hold|"
    r"is going to|are going to|would|set to|set for|to visit|to travel|to meet|ahead of|"
    r"starts|begins|opens|ends|expires|kicks off|takes place|runs through|months before|"
    r"weeks before|days before|until|through)\b",
    re.I,
)
SAID_BEFORE_RE = re.compile(r"\b([a-z]+ed|said|told|wrote|spoke)\s+(?:on\s+|late\s+|early\s+)?$")
PAST_RE = re.compile(r"\b(?:last|ago|earlier|previous|past|was held|were held)\b", re.I)


def future_context(sentence: str, offset: int) -> bool:
    """Whether the clause before a mention (or the mention's phrase) points forward."""
    before = sentence[max(0, offset - 90) : offset]
    said = SAID_BEFORE_RE.search(before)
    if said and said.group(1).lower() in speech_verbs():
        return False  # "..., the ministry said Saturday": the day of saying, not of the plan
    return bool(FUTURE_RE.search(before)) and not bool(PAST_RE.search(before[-25:]))


WORD_RE = re.compile(r"[A-Za-z][\w’'-]*")
CLAUSE_BREAK_RE = re.compile(r"[;:]|[.!?]\s|\bthat\b|\bwhich\b|\bwho\b|\bwhen\b|\bafter\b|\bbefore\b")
# Phrases that point forward whatever the verb after them: "is to be held", "am going to".
FUTURE_PHRASE_RE = re.compile(r"\b(?:(?:is|are|am|was|were)\s+to|going\s+to|about\s+to)\b", re.I)


def verb_tense(sentence: str, a: int, z: int, reach: int = 140) -> str | None:
    """ "future", "past" or "present": the tense of the verb nearest a date in its clause.

    `filed reports by Wednesday` is past whatever "by" suggests, `the State Department on
    Sunday issued` too, though "ahead of" stood earlier in the sentence; `meet separately
    Monday` is news's present for a scheduled event. None when no verb is near.
    """
    cw = clause_words()
    verbs = speech_verbs()
    left_start = max(0, a - reach)
    left = sentence[left_start:a]
    breaks = list(CLAUSE_BREAK_RE.finditer(left))
    if breaks:
        left_start += breaks[-1].end()
    right = sentence[z : z + 60]
    stop = re.search(r"[;:,.!?]|\bthat\b|\bwhich\b", right)
    if stop:
        right = right[: stop.start()]
    found: list[tuple[int, str]] = [
        (a - m.end(), "future") for m in FUTURE_PHRASE_RE.finditer(sentence, left_start, a)
    ]
    words = list(WORD_RE.finditer(sentence, left_start, a)) + list(
        WORD_RE.finditer(sentence, z, z + len(right))
    )
    for i, w in enumerate(words):
        low = w.group().lower()
        kind = None
        if low in cw["future_forms"]:
            kind = "future"
        elif low in verbs and (low.endswith(("ed", "saying")) or low in cw["past_forms"]):
            kind = "past"  # "the ministry said Saturday", "saying on Friday": the day of saying
        elif low in cw["past_forms"]:
            passive = i > 0 and words[i - 1].group().lower() in ("be", "been", "being")
            kind = None if passive else "past"  # "is to be held": the auxiliary decides
        elif low in cw["present_forms"]:
            kind = "present"
        elif len(low) > 4 and low.endswith("ed") and w.group()[0].islower() and low not in cw["not_past_ed"]:
            passive = i > 0 and words[i - 1].group().lower() in ("be", "been", "being")
            kind = None if passive else "past"  # "will be tested": the auxiliary decides
        if kind:
            distance = a - w.end() if w.end() <= a else w.start() - z
            found.append((distance, kind))
    if not found:
        # a list of dates with no verb of their own ("Italy in November, Mexico in January"):
        # the verb that opens the list, further back
        return verb_tense(sentence, a, z, 400) if reach < 400 else None
    return min(found, key=lambda f: f[0])[1]
