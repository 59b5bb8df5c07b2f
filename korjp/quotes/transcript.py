"""Interviews and transcripts: `Name: words` turns, and the paragraphs that continue a turn.

A turn label is a short capitalised name and a colon opening a paragraph. One label could be
anything ("Note: ..."), so an article is read as a transcript only when at least two of its
paragraphs open with a label that names someone. A turn's words are the speaker's own: every
paragraph of the turn is a quote of theirs, until the next label.
"""

from __future__ import annotations

import re

from ..lexicon import clause_words
from ..lexicon import transcript_labels as _labels
from ..model import DateValue, Quote
from ..people import PeopleIndex, Person, person_key
from .clauses import finite
from .speakers import Sentence, Speaker, _speaker_from_mention

CREDIT_RE = re.compile(r"\b(?:Image|Photo|Picture|Photograph|Credit|Courtesy)\s*:")
NOTE_RE = re.compile(r"[ \t]*(?:Ed|Editor|Note|Editor's note|Update|Correction)\.?[ \t]*:", re.I)
LABEL_RE = re.compile(
    r"[ \t]*((?:[A-Z][\w'’-]*|[A-Z]\.)(?:[ \t]+(?:[A-Z][\w'’-]*|[A-Z]\.|de|van|von|da|bin|al)){0,5})"
    r"[ \t]*:[ \t]+(?=\S)"
)


def _turn_label(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(label start, label end, words start) when the paragraph opens with a speaker label."""
    m = LABEL_RE.match(text, start, end)
    if not m or m.group(1).lower().rstrip(".") in _labels()["not_speakers"]:
        return None
    return m.start(1), m.end(1), m.end()


def _paragraphs(sentences: list[Sentence]) -> list[tuple[int, int, int]]:
    """(paragraph number, start, end) of each body paragraph, from its sentences."""
    spans: dict[int, list[int]] = {}
    for s in sentences:
        if s.paragraph < 0:
            continue
        span = spans.setdefault(s.paragraph, [s.block.start, s.block.end])
        span[0], span[1] = min(span[0], s.block.start), max(span[1], s.block.end)
    return [(p, a, z) for p, (a, z) in sorted(spans.items())]


def _label_speaker(people: PeopleIndex, text: str, a: int, z: int, interviewee: Speaker | None) -> Speaker:
    label = text[a:z]
    low = label.lower()
    if low in _labels()["answer_labels"]:
        return interviewee or Speaker(None, label, a, z)
    for m in people.between(a, z):
        if m.person:
            return _speaker_from_mention(m)
    matches = [p for p in people.people.values() if not p.group and label in p.aliases | {p.surname}]
    if len(matches) == 1:
        return Speaker(matches[0].key, label, a, z)
    full = [p for p in people.people.values() if not p.group and p.name.split()[0] == label]
    if len(full) == 1:  # "Bill:" for the Bill Smith named in the introduction
        return Speaker(full[0].key, label, a, z)
    key = person_key(label)
    group = low in _labels()["interviewers"]
    if key not in people.people:
        people.people[key] = Person(key=key, name=label, surname=None, group=group, aliases={label})
        people.first_seen[key] = a
    return Speaker(key, label, a, z)


def _heading_or_caption(paragraph: str) -> bool:
    """A short line with no sentence end, or one sentence of a few words: not a turn's words."""
    words = paragraph.split()
    ends = paragraph.rstrip()[-1:] in '.?!"”’…-'
    if CREDIT_RE.search(paragraph):
        return True  # "... Image: David Shankbone": a caption with its credit
    if words and words[0].lower() in clause_words()["subject_pronouns"]:
        return False  # "We also spend on advertising.": someone speaking
    if len(words) <= 10 and not ends:
        return True
    pairs = zip(["", *words], words, strict=False)
    no_verb = not any(finite(w.strip(".,"), p, strict=True) for p, w in pairs)
    return len(words) <= 12 and paragraph.count(". ") == 0 and (not ends or no_verb)


def _interviewee(people: PeopleIndex) -> Speaker | None:
    counts: dict[str, int] = {}
    for m in people.mentions:
        person = people.people.get(m.person or "")
        if person is not None and not person.group:
            counts[m.person] = counts.get(m.person, 0) + 1
    if not counts:
        return None
    key = max(counts, key=lambda k: (counts[k], -people.first_seen.get(k, 0)))
    return Speaker(key, None, None, None)


def transcript_turns(
    text: str, sentences: list[Sentence], people: PeopleIndex, said_on: DateValue | None
) -> list[Quote]:
    """One quote per paragraph of every turn, or nothing when the article is no transcript."""
    paragraphs = _paragraphs(sentences)
    labelled = {p: lab for p, a, z in paragraphs if (lab := _turn_label(text, a, z))}
    names = {text[a:z].lower() for a, z, _ in labelled.values()}
    if len(labelled) < 2 or not names - _labels()["interviewers"]:
        return []
    first_sentence = {}
    for i, s in enumerate(sentences):
        first_sentence.setdefault(s.paragraph, i)
    interviewee = _interviewee(people)
    quotes: list[Quote] = []
    speaker: Speaker | None = None
    short = {p for p, a, z in paragraphs if p not in labelled and _heading_or_caption(text[a:z])}
    notes = {p for p, a, z in paragraphs if p not in labelled and NOTE_RE.match(text, a, z)}
    # A heading or caption is not a turn's words when the next longer paragraph opens a turn.
    next_long: dict[int, int | None] = {}
    upcoming: int | None = None
    for p, _, _ in reversed(paragraphs):
        next_long[p] = upcoming
        if p not in short:
            upcoming = p
    for p, a, z in paragraphs:
        if p in labelled:
            la, lz, a = labelled[p]
            speaker = _label_speaker(people, text, la, lz, interviewee)
        elif p in notes:
            speaker = None  # "Ed.: ...", "Note: ...": the outlet speaks, the turn is over
            continue
        elif speaker is None:
            continue
        elif p in short and (next_long[p] is None or next_long[p] in labelled):
            continue  # a section heading or a photo caption before the next turn
        while z > a and text[z - 1].isspace():
            z -= 1
        if z <= a:
            continue
        quotes.append(
            Quote(
                text=text[a:z],
                start=a,
                end=z,
                kind="direct",
                speaker=speaker.key,
                speaker_mention=speaker.mention if p in labelled else None,
                mention_start=speaker.start if p in labelled else None,
                mention_end=speaker.end if p in labelled else None,
                verb=None,
                said_on=said_on,
                sentence=first_sentence.get(p, 0),
            )
        )
    return quotes
