"""Reported speech: the clause a speech verb reports, and `according to X, ...`."""

from __future__ import annotations

import re

from ..lexicon import speech_verbs, word_set
from ..model import Quote
from ..segment import Block, QuoteSpan
from .attribution import _Attribution
from .said_on import date_for_quote
from .spans import _inside, strip_quote_text
from .speakers import QuoteFinder, _speaker_from_mention
from .verbs import _participle_cut_re

ACCORDING_RE = re.compile(r"(?:[Aa]ccording to)\s+([^,]{2,80}),\s+")
THAT_RE = re.compile(r"(?:\s+[\w’'-]+){0,14}?\s+that\s+")
CLAUSE_VERB_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|will|would|could|should|can|may|might|must|shall|has|"
    r"have|had|do|does|did|\w+ed|\w+s|came|went|said|told|made|took|gave|got|saw|knew|thought|"
    r"found|left|felt|kept|held|brought|began|became|ran|met|sent|spent|stood|won|lost|paid|put|"
    r"set|cut|fell|rose|grew|led|wrote|spoke|broke|chose|built|sold|bought|meant|heard|need|"
    r"want|remain|continue|plan|hope|expect|seek|face|play|stay|agree|take|make|give|come|go)\b"
)
CLAUSE_END_RE = re.compile(
    r"(?:,?\s+and\s+(?:also\s+)?|[,”\"]\s*[”\"]?\s*(?:the|a|an|its|his|her)\s+(?:\w+\s+){0,2})([a-z]+ed)\b"
)


def _that_clause(text: str, b: Block, att: _Attribution, spans) -> tuple[int, int] | None:
    lemma = speech_verbs().get(att.verb.group().lower().split()[0], "")
    if lemma in word_set("object_speech_verbs.txt") and " " not in att.verb.group().strip():
        return None
    m = THAT_RE.match(text, att.end, b.end)
    if not m or _inside(m.end(), spans):
        return None
    between = text[att.end : m.start() + len(m.group()) - len("that ")].lower()

    if re.search(r"[,;]|\b(?:is|was|are|were|the fact)\b", between.split("that")[0]):
        return None
    start, end = m.end(), b.end
    cut = _participle_cut_re().search(text, start, end)
    if cut:
        end = cut.start()
    for m in CLAUSE_END_RE.finditer(text, start, end):
        verb = m.group(1).lower()
        if verb in speech_verbs():  # `..., and urged ...` / `"...," the ministry noted`
            end = m.start()
            break
    a, z = strip_quote_text(text, start, end)
    if len(text[a:z].split()) < 3:
        return None
    if not CLAUSE_VERB_RE.search(text, a, z):
        return None  # "hope to build on that momentum in 2026": "that" is a determiner here
    if any(a <= q.open and q.close <= z + 2 and _whole_quote(text, q) for q in spans):
        return None  # it recounts a direct quote, which stands as its own item
    return a, z


def _whole_quote(text: str, q: QuoteSpan) -> bool:
    inner = text[q.open + 1 : q.close].strip()
    return bool(inner) and inner[0].isupper() and inner[-1] in ".?!,"


def _according_to(finder: QuoteFinder, b: Block, default, occasions, si) -> Quote | None:
    text = finder.text
    m = ACCORDING_RE.match(text, b.start, b.end)
    if not m:
        return None
    who_start = m.start(1)
    speaker = None
    for mention in finder.people.between(who_start, m.end(1)):
        speaker = _speaker_from_mention(mention)
        break
    if speaker is None:
        speaker = finder.group(m.group(1), who_start, m.end(1))
    a, z = strip_quote_text(text, m.end(), b.end)
    if len(text[a:z].split()) < 3:
        return None
    return Quote(
        text=text[a:z],
        start=a,
        end=z,
        kind="indirect",
        speaker=speaker.key,
        speaker_mention=speaker.mention,
        mention_start=speaker.start,
        mention_end=speaker.end,
        verb="according to",
        said_on=date_for_quote(occasions, speaker.key, default),
        sentence=si,
    )
