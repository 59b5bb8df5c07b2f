"""Speech verbs in running text: the lexicon looked up word by word, one pass per sentence."""

from __future__ import annotations

import re
from functools import cache

from ..lexicon import speech_verbs

WORD_RE = re.compile(r"[A-Za-z]+")


class VerbMatch:
    """A speech verb found in text; the slice of `re.Match` the attribution code uses."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str):
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text


class SpeechVerbs:
    """Finds speech verbs by looking words up in the lexicon: one pass, no big alternation."""

    def __init__(self) -> None:
        table = speech_verbs()
        self.single = {f for f in table if " " not in f}
        self.double = {tuple(f.split()) for f in table if " " in f}
        self.heads = {pair[0] for pair in self.double}
        self.first_words = self.single | self.heads

    def finditer(self, text: str, start: int, end: int):
        """Speech verbs in `text[start:end]`. The words are read as plain strings first, and
        only a sentence with a verb form among them is read again for the offsets."""
        lowered = [w.lower() for w in WORD_RE.findall(text, start, end)]
        candidates = [i for i, low in enumerate(lowered) if low in self.first_words]
        if not candidates:
            return
        words = list(WORD_RE.finditer(text, start, end))
        taken = -1  # the second word of a two-word verb ("expressing hope") is not a verb again
        for i in candidates:
            if i == taken:
                continue
            w = words[i]
            if i > 0 and w.group()[0].isupper():
                continue  # "the United States", "Says Who": a name, not a verb in running text
            low = lowered[i]
            if low in self.heads and i + 1 < len(words):
                nxt = words[i + 1]
                if (low, lowered[i + 1]) in self.double and text[w.end() : nxt.start()].isspace():
                    yield VerbMatch(w.start(), nxt.end(), text[w.start() : nxt.end()])
                    taken = i + 1
                    continue
            if low in self.single:
                yield VerbMatch(w.start(), w.end(), w.group())


@cache
def _verb_re() -> SpeechVerbs:
    return SpeechVerbs()


@cache
def _participle_cut_re() -> re.Pattern:
    forms = sorted((f for f in speech_verbs() if f.split()[0].endswith("ing")), key=len, reverse=True)
    alt = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    return re.compile(rf",[”\"’]?\s+(?:{alt})\b", re.I)
