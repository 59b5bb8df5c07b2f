"""Reported speech: the clause a speech verb reports, and `according to X, ...`."""

from __future__ import annotations

import re

from ..lexicon import clause_words, speech_verbs, word_set
from ..model import Quote
from ..segment import Block, QuoteSpan
from .attribution import _Attribution
from .clauses import clause_shape, subject_end
from .said_on import date_for_quote
from .spans import _inside, strip_quote_text
from .speakers import QuoteFinder, _speaker_from_mention
from .verbs import _participle_cut_re

ACCORDING_RE = re.compile(r"(?:[Aa]ccording to)\s+([^,]{2,80}),\s+")
# "According to the Saudi Interior Ministry over 345 pilgrims ...": a name with no comma after it
ACCORDING_NAME_RE = re.compile(
    r"[Aa]ccording to\s+((?:the\s+)?(?:[A-Z][\w&'’.-]*\s+(?:(?:of|for|and|the)\s+)?){0,6}"
    r"[A-Z][\w&'’.-]*)\s+(?=[a-z0-9])"
)
# ", according to Kristen Wilkins, assistant professor of photography."
ACCORDING_END_RE = re.compile(r",\s+according to\s+([^,;:]{2,100}?)(?:,\s+([a-z][^;:]{0,160}?))?[.!?]?\s*$")
THAT_RE = re.compile(r"(?:\s+[\w’'-]+){0,14}?\s+that\s+")
CLAUSE_VERB_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|will|would|could|should|can|may|might|must|shall|has|"
    r"have|had|do|does|did|\w+ed|\w+s|came|went|said|told|made|took|gave|got|saw|knew|thought|"
    r"found|left|felt|kept|held|brought|began|became|ran|met|sent|spent|stood|won|lost|paid|put|"
    r"set|cut|fell|rose|grew|led|wrote|spoke|broke|chose|built|sold|bought|meant|heard|need|"
    r"want|remain|continue|plan|hope|expect|seek|face|play|stay|agree|take|make|give|come|go)\b"
)
PARTICIPLE_OPENER_RE = re.compile(r"[A-Z][a-z]+(?:ed|ing)\b|(?:When|While|After|Before|If|As)\b")
TAIL_STOP_RE = re.compile(r"\bthat\b|[;:“”\"]|,\s+\S+\s+\S+\s+\S+")
GERUND_THAT_RE = re.compile(r",\s+[a-z]+ing\s+(?:[a-z]+\s+){0,2}?that\b")
BUT_VERB_RE = re.compile(r",\s+but\s+(?:also\s+|then\s+)?[a-z]+ed\b")
CLAUSE_END_RE = re.compile(
    r"(?:,?\s+and\s+(?:also\s+)?|[,”\"]\s*[”\"]?\s*(?:the|a|an|its|his|her)\s+(?:\w+\s+){0,2})([a-z]+ed)\b"
)


def reported_clause(
    text: str, b: Block, att: _Attribution, spans, attributions: list[_Attribution]
) -> tuple[int, int] | None:
    """The clause a speech verb reports: after it, with "that" or without, or before it
    (`Exports fell in May, the ministry said.`); None if there is none."""
    return (
        _that_clause(text, b, att, spans)
        or _bare_clause(text, b, att, spans)
        or _preposed_clause(text, b, att, spans, attributions)
    )


def _preposed_clause(
    text: str, b: Block, att: _Attribution, spans, attributions: list[_Attribution]
) -> tuple[int, int] | None:
    """`Exports fell 3 percent, the ministry said on Monday.` / `..., said the ministry.`

    The attribution closes the sentence after a comma, and nothing but adverbials and an
    inverted subject follows it; the words before the comma are what was said. A quote
    there is a direct quote and is left to the quote-mark reader.
    """
    if att.participle:
        return None
    lead = att.start
    if att.speaker.start is not None and att.speaker.start < att.start:
        lead = att.speaker.start
    left = text[b.start : lead].rstrip()
    if not left.endswith(",") or _inside(lead, spans):
        return None
    tail = text[att.end : b.end].strip().rstrip(".!?")
    if len(tail.split()) > 12 or TAIL_STOP_RE.search(tail):
        return None
    if tail and clause_shape(tail.split()[:12]):
        return None  # `..., he said the talks would go on`: a clause follows the verb
    a, z = strip_quote_text(text, b.start, b.start + len(left) - 1)
    a, z = _unquoted(text, a, z)
    if len(text[a:z].split()) < 4 or not CLAUSE_VERB_RE.search(text, a, z):
        return None
    if PARTICIPLE_OPENER_RE.match(text, a):
        return None  # "Asked whether ..., Kim said": a circumstance, not what was said
    for q in spans:
        if q.open <= a + 1 and q.close >= z - 2:
            return None  # the whole of it is quoted: a direct quote
        if a <= q.open < z and not q.closed:
            return None
    if any(q.open < a < q.close for q in spans):
        return None
    if any(a <= other.start < z for other in attributions if other is not att):
        return None  # "Lee said X, his office said": Lee's own report is the item
    return a, z


def _unquoted(text: str, a: int, z: int) -> tuple[int, int]:
    """Trim stray quote marks, spaces and a trailing comma at the edges of a clause."""
    while a < z and text[a] in "“”\"'‘’ ":
        a += 1
    while z > a and text[z - 1] in "“”\"'‘’ ,":
        z -= 1
    return a, z


def _clause_end(text: str, start: int, end: int) -> int:
    """Where a reported clause stops: before `, adding ...`, `; ...`, or another speech verb."""
    cut = _participle_cut_re().search(text, start, end)
    if cut:
        end = cut.start()
    semi = text.find(";", start, end)
    if semi >= 0:
        end = semi
    gerund = GERUND_THAT_RE.search(text, start, end)
    if gerund:  # ", betting that ...": a participle with a clause of its own
        end = gerund.start()
    but = BUT_VERB_RE.search(text, start, end)
    if but:  # "said the sides differ, but played down the gap": the subject acts again
        end = but.start()
    for m in CLAUSE_END_RE.finditer(text, start, end):
        verb = m.group(1).lower()
        if verb in speech_verbs():  # `..., and urged ...` / `"...," the ministry noted`
            end = m.start()
            break
    return end


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
    start = m.end()
    a, z = strip_quote_text(text, start, _clause_end(text, start, b.end))
    if len(text[a:z].split()) < 3:
        return None
    if not CLAUSE_VERB_RE.search(text, a, z):
        return None  # "hope to build on that momentum in 2026": "that" is a determiner here
    if any(a <= q.open and q.close <= z + 2 and _whole_quote(text, q) for q in spans):
        return None  # it recounts a direct quote, which stands as its own item
    return a, z


WORDS_RE = re.compile(r"[A-Za-z0-9][\w’'.-]*|[,;:“”\"(]")
PASSIVE_BEFORE_RE = re.compile(r"\b(?:is|was|were|are|be|been|being|to|not)\s+(?:\w+ly\s+)?$", re.I)


def _bare_clause(text: str, b: Block, att: _Attribution, spans) -> tuple[int, int] | None:
    """`Cho said he would go`, `told reporters the talks went well`: a clause with no "that".

    The clause is found by its shape, not by its first word: after the verb (and the object
    of `told`, and adverbials such as `on Monday` or `in a statement`) comes a subject and,
    within a few words, a finite verb. `said the ministry.` has no finite verb: it is the
    verb's own subject, written after it.
    """
    verb = att.verb.group().lower()
    lemma = speech_verbs().get(verb.split()[0], "")
    if lemma not in word_set("clause_verbs.txt"):
        return None
    if verb.endswith("ing") and not att.participle:
        return None
    if PASSIVE_BEFORE_RE.search(text, max(b.start, att.start - 20), att.start):
        return None  # "was told", "is said to", "did not say"
    words = list(WORDS_RE.finditer(text, att.end, min(b.end, att.end + 400)))
    i = _skip_object(words, lemma)
    i = _skip_adverbials(words, i)
    if i < len(words) and words[i].group().lower() == "that":
        return None  # a that-clause the other reader did not take: leave it
    if i >= len(words) or not clause_shape([w.group() for w in words[i : i + 12]]):
        return None
    start = words[i].start()
    if _inside(start, spans):
        return None
    a, z = strip_quote_text(text, start, _clause_end(text, start, b.end))
    if len(text[a:z].split()) < 3:
        return None
    if any(a <= q.open and q.close <= z + 2 and _whole_quote(text, q) for q in spans):
        return None
    return a, z


def _skip_object(words: list[re.Match], lemma: str) -> int:
    """Past the object of `tell`, `assure`, `remind`: `told reporters`, `told Yonhap`, `told him`."""
    if lemma not in ("tell", "assure", "remind", "warn") or not words:
        return 0
    cw = clause_words()
    first = words[0].group()
    low = first.lower()
    if low in cw["object_pronouns"]:
        return 1
    if low in cw["determiners"] and low not in cw["subject_pronouns"]:
        # "told the newspaper [the talks ...]": the determiner and its noun, up to the next
        # determiner or pronoun, or a capitalized word after a lowercase one ("the parliament Japan")
        j = 1
        while j < min(len(words), 5):
            w = words[j].group()
            if not w[:1].isalpha() or w.lower() in cw["determiners"] | cw["subject_pronouns"]:
                break
            if w[:1].isupper() and words[j - 1].group()[:1].islower() and j > 1:
                break
            j += 1
        return j
    if first[:1].isupper():
        j = 0
        while j < len(words) and words[j].group()[:1].isupper():
            j += 1
        return j
    if first[:1].islower() and low.endswith("s") and low not in cw["finite_verbs"]:
        return 1  # "told reporters", "told lawmakers"
    return 0


def _skip_adverbials(words: list[re.Match], i: int) -> int:
    """Past `on Monday`, `in a statement`, `at a news conference in Tokyo`, `yesterday`, `,`."""
    cw = clause_words()
    for _ in range(4):
        if i >= len(words):
            return i
        low = words[i].group().lower()
        if low in cw["time_words"]:
            i += 1
            continue
        if low in cw["adverbial_preps"] or (
            low == "to" and i + 1 < len(words) and words[i + 1].group()[0].islower()
        ):
            j = i + 1
            stop = cw["subject_pronouns"] | {"that"}
            while j < min(len(words), i + 8):
                w = words[j].group()
                if w in ',;:“”"(' or w.lower() in stop or (j > i + 1 and w.lower() in cw["determiners"]):
                    break
                j += 1
            if j == i + 1:
                return i
            i = j
            continue
        return i
    return i


def _whole_quote(text: str, q: QuoteSpan) -> bool:
    inner = text[q.open + 1 : q.close].strip()
    return bool(inner) and inner[0].isupper() and inner[-1] in ".?!,"


def _according_to(finder: QuoteFinder, b: Block, default, occasions, si, spans) -> Quote | None:
    """`According to X, ...`, `According to X the talks ...` and `..., according to X.`"""
    text = finder.text
    m = ACCORDING_RE.match(text, b.start, b.end) or ACCORDING_NAME_RE.match(text, b.start, b.end)
    if m:
        who_start, who_end = m.start(1), m.end(1)
        a, z = strip_quote_text(text, m.end(), b.end)
    else:
        m = ACCORDING_END_RE.search(text, b.start, b.end)
        if not m:
            return None
        if m.group(2) and subject_end(m.group(2).split()) is not None:
            return None  # ", according to AFP, the UN has criticised": a clause goes on
        who_start, who_end = m.start(1), m.end(1)
        a, z = strip_quote_text(text, b.start, m.start())
        if PARTICIPLE_OPENER_RE.match(text, a):
            return None
    if len(text[a:z].split()) < 3 or (m.re is not ACCORDING_RE and not CLAUSE_VERB_RE.search(text, a, z)):
        return None
    if any(a <= q.open and q.close <= z + 2 and _whole_quote(text, q) for q in spans):
        return None  # "According to a draft, "...," the report said": a direct quote
    speaker = None
    for mention in finder.people.between(who_start, who_end):
        speaker = _speaker_from_mention(mention)
        break
    if speaker is None:
        speaker = finder.group(text[who_start:who_end], who_start, who_end)
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
