"""When words were said: the occasion a sentence gives, or the article's date."""

from __future__ import annotations

import re
from functools import cache

from ..lexicon import word_set
from ..model import DateValue
from ..people import PeopleIndex
from ..segment import Block
from .attribution import _Attribution
from .spans import _inside

INTRO_RE = re.compile(
    r"(?:\w+ing|\w+ed|In|At|On|During|After|Before|Earlier|Later|Separately|Also|Last|This|Since|"
    r"When|While|Following|Addressing)\b"
)
OCCASION_REF_RE = re.compile(
    r"\b(?:at|during|after|on the sidelines of|in)\s+(?:the|that|this|its|his|her)\s+"
    r"(?:[\w-]+\s+){0,2}?(summit|talks|meeting|symposium|ceremony|conference|forum|session|"
    r"event|rally|briefing|speech|address|visit|call|interview|hearing|festival|fair|editorial|"
    r"statement|report|readout|letter|message)\b",
    re.I,
)


def date_for_quote(
    occasions: dict[str, DateValue], speaker: str | None, default: DateValue | None
) -> DateValue | None:
    if speaker and speaker in occasions:
        return occasions[speaker]
    return default


def _occasion_date(text, b: Block, att: _Attribution, spans, dates) -> DateValue | None:
    """A date that places the act of speaking ("Earlier, on Aug. 15, Lee said", "said Monday").

    Only past days, weeks and "earlier this week/month" spans count, and only where they
    modify the speech: an opening adverbial, between subject and verb, or right after the
    verb. A date in the reported words ("talks were held on Monday, the ministry said"), in
    a quote, or in ", who took office on Tuesday," is about something else.
    """
    best = None
    subject = att.speaker.start
    for t in dates:
        a, z, value = t.start, t.end, t.value
        if a < b.start or z > b.end or _inside(a, spans) or t.fields.get("future"):
            continue
        if value.granularity not in ("day", "week") and t.kind not in ("rel_span", "rel_unit"):
            continue
        if t.kind == "rel_unit" and (t.fields.get("rel") or "").lower() not in ("last", "past", "previous"):
            continue
        if a < att.start:
            between = text[z : att.start]
            if "that" in between.split() or re.search(r"[\"“”]", between):
                continue
            prefix = text[b.start : a]
            opening = subject is not None and (
                # "Earlier, on Aug. 15, Lee said" / "Speaking in Tokyo on Friday, Ishiba said"
                (not prefix.strip() or INTRO_RE.match(prefix.lstrip()))
                and re.fullmatch(r"[^;.]{0,140},\s*", text[z:subject])
                and prefix.count(",") <= 1
            )
            inside_subject = subject is not None and subject <= a
            if not (opening or inside_subject):
                continue
            clause = text[b.start : a]
            if re.search(r",\s+(?:who|which|whose)\b[^,]*$", clause) and "," in between:
                continue  # inside a relative clause about the speaker
            best = value
        else:
            seg = text[att.end : a]
            if "that" in seg.split() or re.search(r"[\"“”:]", seg) or len(seg) > 120:
                continue
            return value
    return best


@cache
def _event_noun_re() -> re.Pattern:
    nouns = "|".join(sorted(word_set("event_nouns.txt"), key=len, reverse=True))
    return re.compile(rf"\b(?:{nouns})s?\b", re.I)


def _remember_occasions(text, b: Block, spans, dates, by_noun: dict[str, DateValue]) -> None:
    """Record the past day each occasion noun in this sentence is given ("a summit on Tuesday")."""
    days = [
        t
        for t in dates
        if b.start <= t.start < b.end
        and not _inside(t.start, spans)
        and not t.fields.get("future")
        and t.value.granularity == "day"
    ]
    if len(days) != 1:
        return
    day = days[0]
    nouns = [m for m in _event_noun_re().finditer(text, b.start, day.start) if not _inside(m.start(), spans)]
    after = _event_noun_re().match(text, day.end + 1) if text[day.end : day.end + 1] == " " else None
    if after:  # "its Thursday editorial"
        nouns = [after]
    elif not nouns or day.start - nouns[-1].end() > 80:
        return
    word = nouns[-1].group().lower()  # the occasion nearest before the date
    by_noun[word if word == "talks" else word.rstrip("s")] = day.value


def _document_date(att: _Attribution, people: PeopleIndex, by_noun) -> DateValue | None:
    """ "the editorial said": the day the text gave that editorial ("its Thursday editorial")."""
    person = people.people.get(att.speaker.key or "")
    if person is None or not person.group:
        return None
    return by_noun.get(person.name.split()[-1].lower())


def _occasion_by_reference(text, b: Block, by_noun: dict[str, DateValue]) -> DateValue | None:
    """ "At the summit, the Japanese side said": the date given to that summit earlier."""
    m = OCCASION_REF_RE.search(text, b.start, b.end)
    if not m:
        return None
    noun = m.group(1).lower()
    noun = noun if noun == "talks" else noun.rstrip("s")
    if noun in by_noun:
        return by_noun[noun]
    if noun in ("meeting", "event", "talks", "session") and by_noun:
        return list(by_noun.values())[-1]  # "after that meeting": the occasion last dated
    return None
