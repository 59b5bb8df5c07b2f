"""Whether a dated expression points forward: the tense of the words around it."""

from __future__ import annotations

import re

from ..lexicon import speech_verbs

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
    if SAID_BEFORE_RE.search(before) and SAID_BEFORE_RE.search(before).group(1).lower() in speech_verbs():
        return False  # "..., the ministry said Saturday": the day of saying, not of the plan
    return bool(FUTURE_RE.search(before)) and not bool(PAST_RE.search(before[-25:]))
