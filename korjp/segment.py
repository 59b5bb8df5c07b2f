"""The layout of an article: title, takeaways, paragraphs, quote marks and sentences.

Every piece keeps its character offsets into the file's text, so any fact extracted later
can point at the exact words it came from. All scanning here is linear: single passes over
characters and regexes without nested quantifiers, so a pathological file cannot stall it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate

LINE_RE = re.compile(r"[^\r\n]*")
NBSP_SPACE = " \t\u00a0\u2007\u202f\u3000\ufeff"

# Lines that browsers copy along with an article but that are not its text.
NOISE_RES = [
    re.compile(r"^(?:published|updated|posted|last updated|modified)\b\s*[:：]?", re.I),
    re.compile(
        r"^(?:share|share this article|share on \w+|print|email|e-mail|tweet|"
        r"advertisement|subscribe|related articles?|read more|more stories|"
        r"sign in|log in|menu|skip to (?:main )?content|top stories|most read)"
        r"\s*\W*$",
        re.I,
    ),
    re.compile(r"^(?:[^|\n]{1,40}\|){2,}[^|\n]{0,40}$"),
    re.compile(
        r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+"
        r"(?:\d{1,2}\s+[A-Za-z]{3,9}\.?|[A-Za-z]{3,9}\.?\s+\d{1,2}),?\s+\d{4}\s*$",
        re.I,
    ),
    re.compile(r"^\d{4}[-./]\d{1,2}[-./]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:KST|JST|GMT|UTC)?$"),
    re.compile(r"^(?:photo|image|graphic|video)\s*(?:[:：=]|credit\b|by\b)", re.I),
    re.compile(r"^[©(]c?\)?\s*(?:copyright\b)?", re.I),
    re.compile(r"^(?:copyright|all rights reserved)\b", re.I),
]
CAPTION_RE = re.compile(
    r"\((?:Yonhap|Kyodo|AP|Reuters|AFP|Getty Images|EPA|Xinhua|Jiji|"
    r"NationPress|IANS|Pool|Photo)[^()]{0,40}\)\s*$"
)
BYLINE_RE = re.compile(r"^By\s+((?:[A-Z][\w'’.-]+\s?){1,4})(?:,\s*.{0,60})?$")
BULLET_RE = re.compile(r"^\s*[-•*–]\s+")


@dataclass
class Block:
    """A paragraph (or title, takeaway...) with its offsets in the file."""

    start: int
    end: int
    text: str


@dataclass
class QuoteSpan:
    """A pair of quote marks: `open` and `close` index the marks themselves."""

    open: int
    close: int
    double: bool
    closed: bool = True
    nested: bool = False


@dataclass
class Layout:
    title: Block | None = None
    takeaways: list[Block] = field(default_factory=list)
    paragraphs: list[Block] = field(default_factory=list)
    byline: Block | None = None
    noise: list[Block] = field(default_factory=list)


def lines(text: str) -> list[Block]:
    """Non-blank lines with offsets; lines of only (non-breaking) spaces count as blank."""
    out = []
    for m in LINE_RE.finditer(text):
        raw = m.group()
        if not raw.strip(NBSP_SPACE):
            continue
        lead = len(raw) - len(raw.lstrip(NBSP_SPACE))
        trail = len(raw.rstrip(NBSP_SPACE))
        out.append(Block(m.start() + lead, m.start() + trail, raw[lead:trail]))
    return out


def is_noise(line: str) -> bool:
    if any(r.search(line) for r in NOISE_RES):
        return True
    # A photo caption: a short line ending with an agency credit in parentheses.
    return bool(CAPTION_RE.search(line)) and len(line) < 300


def layout(text: str) -> Layout:
    """Title, takeaways, byline and body paragraphs of an article."""
    result = Layout()
    in_takeaways = False
    for block in lines(text):
        line = block.text
        if result.title is None:
            if is_noise(line):
                result.noise.append(block)
                continue
            result.title = block
            continue
        low = line.lower().rstrip(":")
        if low in ("synopsis", "key takeaways", "highlights", "summary"):
            in_takeaways = low in ("key takeaways", "highlights")
            continue
        if in_takeaways and BULLET_RE.match(line):
            skip = BULLET_RE.match(line).end()
            result.takeaways.append(Block(block.start + skip, block.end, line[skip:]))
            continue
        in_takeaways = False
        if line == result.title.text or is_noise(line):
            result.noise.append(block)
            continue
        if result.byline is None and not result.paragraphs and BYLINE_RE.match(line):
            result.byline = block
            continue
        result.paragraphs.append(block)
    return result


# ---------------------------------------------------------------- quote marks

DOUBLE_OPEN = {"“": "”", "„": "“", "«": "»", "「": "」", "『": "』"}
DOUBLE_CLOSE = {"”", "»", "」", "』"}
DOUBLE_MARK_RE = re.compile('["“”„«»「」『』]')
SINGLE_MARK_RE = re.compile("[‘’']")
OPEN_CONTEXT = set(" \t\n\r\u00a0([{—–-/:") | set(DOUBLE_OPEN)


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[QuoteSpan]:
    """Quote spans in `text[start:end]`, double marks first, then single marks outside them.

    Curly marks pair by nesting; a straight mark opens after a space or bracket and closes
    otherwise. A quote still open at `end` is returned with `closed=False`.
    """
    end = len(text) if end is None else end
    spans: list[QuoteSpan] = []
    stack: list[tuple[int, str]] = []  # (index, expected closing mark)
    for mark in DOUBLE_MARK_RE.finditer(text, start, end):
        i, ch = mark.start(), mark.group()
        if ch == '"':
            if stack and stack[-1][1] == '"':
                o, _ = stack.pop()
                spans.append(QuoteSpan(o, i, True, nested=bool(stack)))
            else:
                stack.append((i, '"'))
        elif ch in DOUBLE_OPEN and not (stack and stack[-1][1] == ch):
            stack.append((i, DOUBLE_OPEN[ch]))
        elif ch in DOUBLE_CLOSE or (stack and stack[-1][1] == ch):
            for depth in range(len(stack) - 1, max(-1, len(stack) - 51), -1):  # 50 levels
                if stack[depth][1] == ch:
                    o, _ = stack[depth]
                    del stack[depth:]
                    spans.append(QuoteSpan(o, i, True, nested=bool(stack)))
                    break
    for o, _ in stack[:1]:
        spans.append(QuoteSpan(o, end, True, closed=False))
    spans.extend(_single_quotes(text, start, end, spans))
    spans.sort(key=lambda s: s.open)
    return spans


def _single_quotes(text: str, start: int, end: int, doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-mark quotes (‘…’ or '…'), telling closing marks from apostrophes."""
    out: list[QuoteSpan] = []
    inside = sorted((s.open, s.close) for s in doubles if not s.nested)
    open_at: int | None = None
    k = 0
    for mark in SINGLE_MARK_RE.finditer(text, start, end):
        i, ch = mark.start(), mark.group()
        while k < len(inside) and inside[k][1] < i:
            k += 1
        nested = k < len(inside) and inside[k][0] < i < inside[k][1]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if open_at is None:
            if (ch == "‘" or (ch == "'" and (prev in OPEN_CONTEXT or prev in '“"'))) and (nxt.isalnum()):
                open_at = i
        elif ch in "’'" and not prev.isspace() and not nxt.isalnum():
            out.append(QuoteSpan(open_at, i, False, nested=nested))
            open_at = None
    return out


# ---------------------------------------------------------------- sentences

# Possessive quantifiers and the look-behind keep a long run of dots linear.
BOUNDARY_RE = re.compile(
    r"(?<![.!?…])[.!?…]++[\"”’')\]]*+(?=\s+[\"“‘'(\[]?[A-Z0-9])|(?<![.!?…])[.!?][\"”’]?(?=[A-Z][a-z])"
)
ABBREV_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Adm|Sen|Rep|Gov|Rev|St|Jr|Sr|No|Nos|"
    r"Co|Corp|Inc|Ltd|vs|etc|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"a\.m|p\.m|U\.S|U\.K|U\.N|E\.U)\.|\b[A-Z]\.)$"
)


def sentences(text: str, block: Block, quotes: list[QuoteSpan]) -> list[Block]:
    """Split a paragraph into sentences, never inside a closed quote."""
    inner = sorted((q.open, q.close) for q in quotes if q.closed and block.start <= q.open < block.end)
    opens = [o for o, _ in inner]
    reach = list(accumulate((c for _, c in inner), max))  # furthest close among spans so far
    out: list[Block] = []
    cur = block.start
    para = text[block.start : block.end]
    for m in BOUNDARY_RE.finditer(para):
        cut = block.start + m.end()
        k = bisect_left(opens, cut) - 1
        if k >= 0 and reach[k] >= cut:
            continue  # inside a closed quote
        head = text[max(cur, cut - 12) : block.start + m.start() + 1]
        if m.group()[0] == "." and ABBREV_RE.search(head):
            continue
        if _attribution_follows(text, m.group(), cut, block.end):
            continue
        out.append(_trimmed(text, cur, cut))
        cur = cut
    if cur < block.end:
        out.append(_trimmed(text, cur, block.end))
    return [piece for s in out if s.text for piece in _bounded(text, s)]


MAX_SENTENCE = 1500  # characters; longer "sentences" are run-on text or garbage


def _bounded(text: str, s: Block) -> list[Block]:
    """Chop a run-on sentence at spaces so per-sentence work stays bounded."""
    if s.end - s.start <= MAX_SENTENCE:
        return [s]
    pieces, start = [], s.start
    while s.end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        pieces.append(_trimmed(text, start, cut))
        start = cut
    pieces.append(_trimmed(text, start, s.end))
    return [p for p in pieces if p.text]


def _attribution_follows(text: str, boundary: str, cut: int, end: int) -> bool:
    """`"Is it fair?" Lee asked.`: a ?/! quote whose attribution follows is one sentence."""
    if len(boundary) < 2 or boundary[-1] not in "\"”’'" or boundary[-2] not in "?!":
        return False
    nxt = re.match(r"[^.!?\"“”]{1,120}", text[cut:end])
    if not nxt:
        return False
    from .lexicon import speech_verbs

    words = re.findall(r"[a-z]+", nxt.group().lower())
    return any(w in speech_verbs() for w in words[:20])


def _trimmed(text: str, start: int, end: int) -> Block:
    while start < end and text[start] in NBSP_SPACE + "\n\r":
        start += 1
    while end > start and text[end - 1] in NBSP_SPACE + "\n\r":
        end -= 1
    return Block(start, end, text[start:end])
