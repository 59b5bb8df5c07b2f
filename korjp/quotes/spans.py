"""Quote marks: whether a quoted span is speech, whose, and of which kind."""

from __future__ import annotations

import re

from ..segment import Block, QuoteSpan
from .speakers import QuoteFinder, Sentence, Speaker, _speaker_from_mention

LABEL_RE = re.compile(
    r"\s*\[(?:(?:Interview|INTERVIEW|Sound ?bite|SOT|Voice|VOICE|Speaker)\s*:\s*)?"
    r"([^\]\n]{2,80})\]\s*$"
)
ROLE_WORDS_RE = re.compile(r"[\s,”\"’]*(?:[A-Za-z.’'-]+\s+){0,5}")  # ", union representative "
NAME_LIKE_RE = re.compile(r"(?:[A-Z][\w'’-]*)(?:\s+(?:of|and|the|for|[A-Z][\w'’-]*)){0,4}")
WHOLE_PREFIX_RE = re.compile(r"[:,]\s*$")


def strip_quote_text(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim spaces and one comma or period just inside the closing mark."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a and text[b - 1] in ",.":
        b -= 1
        while b > a and text[b - 1].isspace():
            b -= 1
    return a, b


def _inside(pos: int, spans: list[QuoteSpan]) -> bool:
    return any(q.open < pos < q.close for q in spans)


def _only_quotes(text: str, b: Block, spans: list[QuoteSpan]) -> bool:
    rest = text[b.start : b.end]
    for q in spans:
        rest = rest.replace(text[q.open : q.close + 1], "")
    return not rest.strip(" .,")


def _quote_for_span(finder, s: Sentence, si: int, q: QuoteSpan, spans, attributions):
    """(speaker, kind, verb) for one quote span, or None when it is not speech."""
    text = finder.text
    b = s.block
    prefix = text[b.start : q.open]
    inner = text[q.open + 1 : q.close].lstrip()
    starts_upper = bool(inner[:1]) and (inner[0].isupper() or inner[0].isdigit())
    after_close = text[q.close + 1 : b.end]
    # A quote is a whole sentence when nothing but its attribution stands around it.
    post = None
    gap_start = q.close + 1
    for att in attributions:
        between = text[gap_start : att.start]
        if att.start < gap_start or len(between) > 220:
            continue
        spoke = att.speaker.start
        if re.fullmatch(r"[\s,”\"’]*", between) or (
            spoke is not None
            and gap_start <= spoke < att.start
            and ROLE_WORDS_RE.fullmatch(text[gap_start:spoke])
        ):
            post = att  # `"...," said X` or `"...," X, a spokesperson, said`
            break
    label = LABEL_RE.match(prefix)
    if label and starts_upper:
        who = finder.people.between(b.start + label.start(1), b.start + label.end(1))
        if who:
            return _speaker_from_mention(who[0]), "direct", None
    if pre_colon(prefix) and starts_upper and not any(a.end <= q.open for a in attributions):
        # `Kenji Arakawa ... struck a similar tone: "..."`: the sentence's subject said it
        who = finder.sentence_subject(b, before=q.open) or _possessive_speaker(finder, b)
        if who is not None:
            return who, "direct", None
    pre = None
    for att in attributions:
        if att.end <= q.open and re.fullmatch(r"[^“”\"]{0,40}?[:,]?\s*", text[att.end : q.open]):
            if WHOLE_PREFIX_RE.search(text[att.end : q.open]) or not text[att.end : q.open].strip():
                pre = att
    whole_prefix = not prefix.strip() or (pre is not None and WHOLE_PREFIX_RE.search(prefix[-40:]))
    ends_sentence = (
        not after_close.strip(" .") or post is not None or bool(re.match(r"\s*[,.]?\s*$", after_close))
    )
    if pre is not None and starts_upper and WHOLE_PREFIX_RE.search(prefix[-40:]):
        return pre.speaker, "direct", pre.verb.group().lower()  # `Lee said: "..." at a rally`
    if whole_prefix and starts_upper and ends_sentence:
        att = post or pre
        if att is not None:
            return att.speaker, "direct", att.verb.group().lower()
        if not prefix.strip() and not after_close.strip(' .,”"’'):
            return None, "continuation", None
        return None
    # A fragment: speech only in the scope of a speech verb whose subject is the speaker.
    if NAME_LIKE_RE.fullmatch(inner.rstrip(" ,.")):
        return None  # "Takeshima Day", "One Health": a name in quotes, not words said
    before = [a for a in attributions if a.end <= q.open and a.speaker.key]
    after = [a for a in attributions if a.start > q.close and a.speaker.key]
    if post is not None and not prefix.strip():
        return post.speaker, "partial", post.verb.group().lower()
    if before:
        # The outermost speech verb: "Lee said he and Takaichi agreed to "..."" is Lee's;
        # but a participle opens a frame of its own: "..., Cho stated, underlining that "..."".
        participles = [a for a in before if a.participle]
        att = participles[-1] if participles else before[0]
        return att.speaker, "partial", att.verb.group().lower()
    if after and after[0].start - q.close < 80:
        return after[0].speaker, "partial", after[0].verb.group().lower()
    return None


def pre_colon(prefix: str) -> bool:
    return prefix.rstrip().endswith(":")


def _possessive_speaker(finder: QuoteFinder, b: Block) -> Speaker | None:
    """ "Her explanation is blunt: ..." -> the woman the text was just about."""
    m = re.match(r"\s*(His|Her)\b", finder.text[b.start : b.end])
    if not m:
        return None
    return finder.resolve_pronoun("he" if m.group(1) == "His" else "she", b.start + m.start(1), b.start)
