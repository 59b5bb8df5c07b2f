"""Who a subject is: names, pronouns, titles, descriptions and organisations before a verb."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..lexicon import clause_words
from ..model import Mention, Quote
from ..people import TITLE_ONLY_RE, PeopleIndex, Person, person_key, resolve_title
from ..segment import Block, QuoteSpan
from .clauses import subject_end
from .orgs import (
    ORG_NAME_RE,
    _group_nouns,
    acronyms,
    canonical_group,
    group_phrase_at_end,
    is_org,
    org_before,
    org_head,
)
from .verbs import _verb_re

PRONOUNS = {"he": "male", "she": "female", "they": None}
STOPWORDS = {
    "to",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "and",
    "or",
    "but",
    "that",
    "which",
    "who",
    "as",
    "is",
    "was",
    "has",
    "have",
    "had",
    "be",
    "been",
    "not",
}
# A capitalised name right before the verb that no other rule took: "Microsoft announced".
PROPER_SUBJECT_RE = re.compile(
    r"(?:^|[,;:]\s+|(?<=\s))((?:[A-Z][\w&'’.-]*\s+){0,3}[A-Z][\w&'’-]*)\s+(?:also\s+|has\s+|have\s+|had\s+|\w+ly\s+){0,2}$"
)
AUX_TAIL_RE = re.compile(r"(?:\s+(?:has|have|had|also|would|will|then|later|reportedly|repeatedly))+$")
DESCRIPTIVE_RE = re.compile(r"\b[Tt]he\s+(?:[\w-]+\s+){0,3}?([a-z]+|[A-Z][a-z]+)\s+(?:\w+ly\s+)?$")
OF_BODY_RE = re.compile(r"of\s+(?:the\s+)?(?:[a-z]+\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4}")
INSERTION_START_RE = re.compile(r"\s*(?:[a-z0-9]|(?:A|An|The)\s+[a-z])")
ORG_NAME_TAIL_RE = re.compile(r",\s+[A-Z][\w.-]*['’]s?$|,$")  # a comma and what follows a name
# Compiled once: these run for every speech verb whose subject is not a name right before it.
GAP_BREAK_RE = re.compile(r"[,;“”\"]|\.\s")
PRONOUN_SUBJECT_RE = re.compile(
    r"\b([Hh]e|[Ss]he|[Tt]hey)\s+(?:\w+ly\s+|also\s+|then\s+|had\s+|has\s+|have\s+|would\s+|will\s+){0,2}$"
)
IT_SUBJECT_RE = re.compile(r"(?:^|[,;]\s*|\band\s+)([Ii]t)\s+(?:\w+ly\s+|also\s+|then\s+){0,2}$")
WHO_SUBJECT_RE = re.compile(r",\s+who\s+(?:\w+ly\s+|also\s+|then\s+|had\s+|has\s+){0,2}$")


@dataclass
class Speaker:
    key: str | None
    mention: str | None
    start: int | None
    end: int | None


@dataclass
class Sentence:
    block: Block
    paragraph: int
    quotes: list[QuoteSpan]


def _speaker_from_mention(m: Mention) -> Speaker:
    return Speaker(m.person, m.text, m.start, m.end)


def _group_speaker(
    people: PeopleIndex, canonical: str, start: int, end: int, phrase: str | None = None
) -> Speaker:
    """A group or organisation ("The Japanese representatives") as a speaker."""
    written = (phrase or canonical).strip()
    key = person_key(canonical)
    if key not in people.people:
        people.people[key] = Person(key=key, name=canonical, surname=None, group=True, aliases={written})
        people.first_seen[key] = start
    else:
        people.people[key].aliases.add(written)
    return Speaker(key, written, start, end)


class QuoteFinder:
    """Finds the quotes of one article; holds the per-article state attribution needs."""

    def __init__(self, text: str, sentences: list[Sentence], people: PeopleIndex, on=None):
        self.on = on
        self.acronyms = acronyms(text)
        self.issuers: dict[str, Speaker] = {}  # "statement" -> who said "in a statement"
        self.text = text
        self.sentences = sentences
        self.people = people
        self.verb_re = _verb_re()
        self._sentence_starts = [s.block.start for s in sentences]
        self._orgs: list[tuple[int, str]] | None = None
        self.quotes: list[Quote] = []

    # ------------------------------------------------------------ subjects

    def subject_at(self, verb_start: int, floor: int) -> Speaker | None:
        """Who is the subject of a speech verb starting at `verb_start`.

        Insertions between subject and verb (", a ministry spokesperson,", ", who took office
        on Tuesday,") are stepped over, so a name inside them is never taken for the subject.
        """
        text = self.text
        found = self._subject_ending_at(verb_start, floor)
        if found is not None:
            return found
        start = max(floor, verb_start - 300)
        left = text[start:verb_start].rstrip()
        aux = AUX_TAIL_RE.search(left)
        if aux:  # "Valeska Paris, an Australian woman, has claimed"
            left = left[: aux.start()]
        if not left.endswith(","):
            return None
        closing = start + len(left) - 1  # the comma that ends the insertion
        commas = [start + m.start() for m in re.finditer(",", text[start:closing])]
        for c in list(reversed(commas))[:6]:  # a subject is at most a few insertions back
            inserted = text[c + 1 : closing]
            if re.search(r"[;“”\"]|\.\s", inserted):
                break
            named = self._apposed_name(c + 1, closing)
            if named is not None:
                return named  # "Lindqvist's lawyer, Anna Berg, said"
            one_word = len(inserted.split()) < 2
            if one_word and not inserted.strip().isdigit() and not inserted.strip()[:1].isupper():
                break  # ", 29," is an age and ", Fayetteville," a place: both are stepped over
            if INSERTION_START_RE.match(text, c + 1):  # ", a director at ...", ", who ..."
                found = self._subject_ending_at(c, floor)
                if found is not None:
                    return found
        return None

    def resolve_it(self, at: int) -> Speaker | None:
        """ "it said" (the pronoun at `at`): the organisation that spoke or was named last."""
        word = self.text[at : at + 2]
        for q in reversed(self.quotes):
            if q.start < at - 3000:
                break
            person = self.people.people.get(q.speaker or "")
            if person is not None and person.group:
                return Speaker(person.key, word, at, at + 2)
        named = self.orgs_before(at)
        if named:
            return Speaker(self.group(named[0], at, at).key, word, at, at + 2)
        return None

    def recent_person(self, at: int, noun: str) -> str | None:
        """The person a description points back to: one with that role, else the last named."""
        recent = [
            m
            for m in self.people.between(at - 800, at)
            if m.person in self.people.people and not self.people.people[m.person].group
        ]
        for m in reversed(recent):
            if any(noun.lower() in r.lower() for r in self.people.people[m.person].roles):
                return m.person
        return recent[-1].person if recent else None

    def _apposed_name(self, start: int, end: int) -> Speaker | None:
        inner = self.text[start:end].strip(" ,")
        for m in self.people.between(start, end):
            if m.end <= end and m.text == inner:
                return _speaker_from_mention(m)
        return None

    def _subject_ending_at(self, end: int, floor: int) -> Speaker | None:
        text = self.text
        base = max(floor, end - 160)  # a subject is never further back: keeps this linear
        left = text[base:end]
        near_base = max(base, end - 90)  # pronouns, titles and groups end within a few words
        near = text[near_base:end]
        for m in reversed(self.people.between(max(floor, end - 400), end)):
            if m.end > end:
                continue
            gap = text[m.end : end]
            if len(gap) <= 60 and not GAP_BREAK_RE.search(gap) and self._gap_ok(gap):
                return _speaker_from_mention(m)
            break
        pm = PRONOUN_SUBJECT_RE.search(near)
        if pm:
            return self.resolve_pronoun(pm.group(1).lower(), near_base + pm.start(1), floor)
        im = IT_SUBJECT_RE.search(near)
        if im:
            return self.resolve_it(near_base + im.start(1))
        wm = WHO_SUBJECT_RE.search(near)
        if wm:  # "Simon Brennan, who said ...": the name before the relative pronoun
            return self._subject_ending_at(near_base + wm.start(), floor)
        tm = TITLE_ONLY_RE.search(near)
        if tm:
            person = resolve_title(self.people, text, tm.group(1), near_base + tm.start(), self.on)
            if person is not None:
                return Speaker(
                    person.key,
                    tm.group(0).strip(),
                    near_base + tm.start(),
                    near_base + tm.start() + len(tm.group(0).rstrip()),
                )
        dm = DESCRIPTIVE_RE.search(near)
        if (
            dm
            and dm.group(1).lower() not in _group_nouns()
            and re.search(r"(?:^|[,;:”\"’])\s*$", text[base : near_base + dm.start()])
            and dm.group(1).lower() not in STOPWORDS
        ):
            person = self.recent_person(near_base + dm.start(), dm.group(1))
            if person is not None:  # "the 67-year-old potter said": the person just described
                return Speaker(
                    person,
                    dm.group(0).strip(),
                    near_base + dm.start(),
                    near_base + dm.start() + len(dm.group(0).rstrip()),
                )
        org = org_before(left, at_sentence_start=(base == floor))
        if org:
            a, name = org
            return self.group(name, base + a, base + a + len(name))
        gm = group_phrase_at_end(near)
        if gm and gm.group(1).strip():
            if re.search(
                r"\b(?:in|to|from|at|of|with|for|on|by|near)\s*$", text[base : near_base + gm.start()]
            ):
                return None  # "a diplomat in Tokyo said": Tokyo is a place here
            start = near_base + gm.start()
            return self._title_or_group(gm.group(0), start, start + len(gm.group(0).rstrip()))
        tail = [
            w
            for w in near.split()[-3:]
            if w.lower() not in ("also", "has", "have", "had") and not w.endswith("ly")
        ]
        capitalised = bool(tail) and tail[-1][:1].isupper()  # a cheap test before the regex
        pn = PROPER_SUBJECT_RE.search(near) if capitalised else None
        if pn and pn.group(1).split()[0].lower() not in STOPWORDS | clause_words()["not_subjects"]:
            if re.search(
                r"\b(?:in|to|from|at|of|with|for|on|by|near|than|as)\s*$", text[base : near_base + pn.start()]
            ):
                return None
            start = near_base + pn.start(1)
            return self.group(pn.group(1), start, start + len(pn.group(1)))  # "Microsoft announced"
        return None

    def group(self, phrase: str, start: int, end: int) -> Speaker:
        """A group speaker, with "the ministry" resolved to the ministry named before it."""
        name = canonical_group(phrase, self.acronyms)
        words = name.split()
        if len(words) == 1 and phrase.strip().lower().startswith(("the ", "its ", "their ")):
            head = words[0].lower()
            if head in self.issuers:  # "the statement said": whoever issued the statement
                return self.issuers[head]
            if head in ("company", "firm", "group", "organisation", "organization"):
                named = self.orgs_before(start)
                if named:
                    return _group_speaker(self.people, named[0], start, end, phrase)
            for key in reversed(list(self.people.people)):
                p = self.people.people[key]
                if p.group and org_head(p.name).lower() == head and self.people.first_seen[key] < start:
                    name = p.name
                    break
            else:
                for full in self.orgs_before(start):
                    if org_head(full).lower() == head:
                        name = full
                        break
        return _group_speaker(self.people, name, start, end, phrase)

    def orgs_before(self, at: int) -> list[str]:
        """Organisation names written before `at`, latest first (found once per article)."""
        if self._orgs is None:
            self._orgs = []
            canonical: dict[str, str] = {}  # an article names its bodies again and again
            for m in ORG_NAME_RE.finditer(self.text):
                name = ORG_NAME_TAIL_RE.sub("", m.group(1))  # "X, Germany’s"
                if is_org(name):
                    if name not in canonical:
                        canonical[name] = canonical_group(name, self.acronyms)
                    self._orgs.append((m.start(), canonical[name]))
        cut = bisect_left(self._orgs, (at, ""))
        return [name for _, name in reversed(self._orgs[max(0, cut - 50) : cut])]

    def _gap_ok(self, gap: str) -> bool:
        g = gap.strip()
        if not g:
            return True
        if OF_BODY_RE.fullmatch(g):  # "Julien Marchand of Banque Lemaire said"
            return True
        if g.startswith(",") and g.endswith(",") and not re.search(r"\b(?:who|which)\b", g):
            return True  # an apposition: ", a ministry spokesperson,"
        words = g.split()
        fillers = {
            "also",
            "then",
            "has",
            "had",
            "have",
            "would",
            "will",
            "later",
            "earlier",
            "on",
            "in",
            "at",
            "last",
            "this",
            "next",
            "again",
            "further",
            "once",
            "previously",
            "similarly",
            "repeatedly",
            "reportedly",
            "told",
            "was",
            "is",
            "quoted",
            "as",
            "saying",
            "the",
            "week",
            "month",
            "year",
        }
        return len(words) <= 4 and all(
            w.lower() in fillers or w.endswith("ly") or w[:1].isupper() or w[:1].isdigit() for w in words
        )

    def _title_or_group(self, phrase: str, start: int, end: int) -> Speaker:
        head = phrase.strip().split()[-1].lower()
        role_words = {
            "president",
            "minister",
            "ambassador",
            "spokesperson",
            "spokesman",
            "spokeswoman",
            "premier",
            "chancellor",
            "secretary",
        }
        if head in role_words:
            for m in reversed(self.people.between(start - 4000, start)):
                person = self.people.people.get(m.person)
                if person and any(head in r.lower() for r in person.roles):
                    return Speaker(person.key, phrase.strip(), start, end)
        return self.group(phrase, start, end)

    def resolve_pronoun(self, pronoun: str, at: int, floor: int) -> Speaker | None:
        """The person a subject pronoun points to: the last subject, or speaker, that fits."""
        gender = PRONOUNS.get(pronoun)
        last_q = None
        for q in reversed(self.quotes):
            if q.start < at - 3000:
                break  # only the quotes of the last few paragraphs can be meant
            if q.start < at and q.speaker and self._fits(q.speaker, gender):
                last_q = q
                break
        first = bisect_left(self._sentence_starts, at)
        for s in reversed(self.sentences[:first]):
            subj = self.sentence_subject(s.block, before=at)
            if subj and subj.key and self._fits(subj.key, gender):
                if last_q and last_q.start > subj.start and last_q.start < at:
                    break
                return Speaker(subj.key, pronoun_text(self.text, at), at, at + len(pronoun))
            if s.block.start < at - 1500:
                break
        if last_q:
            return Speaker(last_q.speaker, pronoun_text(self.text, at), at, at + len(pronoun))
        return None

    def _fits(self, key: str, gender: str | None) -> bool:
        person = self.people.people.get(key)
        if person is None or person.group:
            return gender is None
        return gender is None or person.gender in (gender, None)

    def opening_subject(self, block: Block, before: int) -> Speaker | None:
        """Who a sentence is about when its verb is not a speech verb: `The ministry issued a
        statement, saying ...`, `Tanaka met the delegation, adding ...`."""
        found = self.sentence_subject(block, before=before)
        if found is not None:
            return found
        words = list(re.finditer(r"[\w’'.-]+|[,;:“”\"(]", self.text[block.start : before]))
        k = subject_end([w.group() for w in words])
        if k is None:
            return None
        heads = [j for j in range(k) if _is_group_noun(words[j].group())]
        if heads:  # "Civic groups representing victims of ...", "A Bank of Korea report": the head noun
            k = heads[-1] + 1
        a, z = block.start + words[0].start(), block.start + words[k - 1].end()
        phrase = self.text[a:z]
        if phrase.lower() in PRONOUNS:
            return self.resolve_pronoun(phrase.lower(), a, block.start)
        gm = group_phrase_at_end(phrase)
        if gm and gm.group(1).strip():
            return self._title_or_group(phrase, a, z)
        if phrase[:1].isupper() and phrase.split()[0].lower() not in clause_words()["not_subjects"]:
            return self.group(phrase, a, z)
        return None

    def sentence_subject(self, block: Block, before: int | None = None) -> Speaker | None:
        """The first person named as a sentence's subject (not after a preposition)."""
        limit = min(block.end, before) if before is not None else block.end
        for m in self.people.between(block.start, limit):
            prefix = self.text[block.start : m.start]
            if _subject_prefix(prefix):
                return _speaker_from_mention(m)
            return None
        pm = re.match(r"(?:[^,]{0,60},\s+)?([Hh]e|[Ss]he)\b", self.text[block.start : limit])
        if pm and before is None:
            return self.resolve_pronoun(pm.group(1).lower(), block.start + pm.start(1), block.start)
        return None


def _is_group_noun(word: str) -> bool:
    low = word.lower()
    if low in STOPWORDS or len(low) < 3:
        return False  # "of" in "Minister of ...": a title word, not a head noun
    return low in _group_nouns() or (low.endswith("s") and low[:-1] in _group_nouns())


def pronoun_text(text: str, at: int) -> str:
    m = re.match(r"\w+", text[at:])
    return m.group() if m else ""


def _subject_prefix(prefix: str) -> bool:
    p = prefix.strip()
    if not p or p.endswith(","):
        return True
    return bool(re.fullmatch(r"(?:(?:The|the|[A-Z][\w.’'-]*)\s*)*", p))
