"""Quotes: the words, who said them, what kind of quote it is, and when it was said.

Attribution follows the way wire copy is written: `"...," Kim said.`, `said Kim`,
`Kim said: "..."`, a fragment in the scope of a speech verb, a whole quoted sentence that
continues the previous speaker, and `that`-clauses after a speech verb. A speaker is only
ever a person or group the text names; when no one is named, the speaker is None.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from .lexicon import speech_verbs, titles, word_set
from .model import DateValue, Mention, Quote, TimeMention
from .people import TITLE_ONLY_RE, PeopleIndex, Person, person_key, resolve_title
from .segment import Block, QuoteSpan

PRONOUNS = {"he": "male", "she": "female", "they": None}
CLOSERS = "”\"’'»」』“"


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

    def finditer(self, text: str, start: int, end: int):
        words = list(WORD_RE.finditer(text, start, end))
        for i, w in enumerate(words):
            low = w.group().lower()
            if low in self.heads and i + 1 < len(words):
                nxt = words[i + 1]
                if (low, nxt.group().lower()) in self.double and text[w.end() : nxt.start()].isspace():
                    yield VerbMatch(w.start(), nxt.end(), text[w.start() : nxt.end()])
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
    return re.compile(rf",[”\"’]?\s+(?:{alt})\b(?:\s+\w+){{0,3}}?\s+that\b", re.I)


@cache
def _group_nouns() -> frozenset[str]:
    """Nouns that name a body or an office, never a person just described."""
    return (
        word_set("group_speakers.txt")
        | word_set("org_heads.txt")
        | {w.lower() for t in titles() for w in t.split()}
    )


@cache
def _group_re() -> re.Pattern:
    nouns = "|".join(sorted(word_set("group_speakers.txt"), key=len, reverse=True))
    stop = (
        r"(?:that|which|who|whom|said|says|and|but|or|as|of|in|on|at|to|for|with|by|from|"
        r"after|before|while|when|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
        r"[Tt]he|[Aa]n?)\b"
    )
    return re.compile(
        rf"(?:\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+)?((?:\b(?!{stop})(?:[A-Z][\w.’'-]*|[a-z][\w-]*)\s+){{0,3}}"
        rf"(?i:{nouns})|(?:Seoul|Tokyo|Washington|Beijing|Pyongyang|Japan|South Korea|"
        rf"North Korea|China|the U\.S\.|the United States))\s*$"
    )


CONNECTORS = {"of", "for", "and", "on", "the", "de", "du", "des", "la", "&"}
ORG_NAME_RE = re.compile(r"((?:[A-Z][\w&'’.-]*,?\s+(?:(?:of|for|and|on|the|de)\s+)?){0,7}[A-Z][\w&'’.-]*)")
ACRONYM_DEF_RE = re.compile(
    r"(?<![\w&'’.-])((?:[A-Z][\w&'’.-]*+,?\s+(?:(?:of|for|and|on|the|de)\s+)?){1,8})\(([A-Z][A-Za-z]{1,9})\)"
)
POSSESSIVE_COUNTRY_RE = re.compile(r"^(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['’]s\s+")


@cache
def _org_heads() -> frozenset[str]:
    return word_set("org_heads.txt")


def acronyms(text: str) -> dict[str, str]:
    """Acronyms the article defines: "South African Weather Service (SAWS)"."""
    out = {}
    for m in ACRONYM_DEF_RE.finditer(text):
        full = re.sub(r"^(?:[Tt]he)\s+", "", m.group(1).strip().rstrip(","))
        out.setdefault(m.group(2), full)
    return out


def org_head(name: str) -> str:
    """The word that says what kind of body a name is: "Ministry" of "Ministry of Economy"."""
    words = name.split()
    if "of" in words and words.index("of") > 0:
        return words[words.index("of") - 1].strip(",")
    return words[-1].strip(",") if words else ""


def is_org(name: str) -> bool:
    words = [w.strip(",") for w in name.split()]
    return any(w.lower() in _org_heads() for w in words if w[:1].isupper())


def canonical_group(phrase: str, defined: dict[str, str] | None = None) -> str:
    """A group's name without determiners, possessive countries or acronym brackets."""
    name = " ".join(phrase.split())
    name = re.sub(r"^(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]n?)\s+", "", name)
    name = POSSESSIVE_COUNTRY_RE.sub("", name) or name
    name = re.sub(r"\s*\([A-Z][A-Za-z]{1,9}\)$", "", name)
    if defined and name in defined:
        return defined[name]
    return name


def org_before(left: str, at_sentence_start: bool = False) -> tuple[int, str] | None:
    """A named organisation ending right before a verb: "The International Cycling Union (UCI)",
    or any capitalized name of two words or more that opens the sentence ("Tennis Australia")."""
    m = re.search(
        r"(?:\b[Tt]he\s+)?((?:[A-Z][\w&'’.-]*,?\s+(?:(?:of|for|and|on|the|de)\s+)?){0,7}"
        r"[A-Z][\w&'’.-]*)(?:\s*\([A-Z][A-Za-z]{1,9}\))?\s*$",
        left,
    )
    if not m:
        return None
    name = m.group(1)
    words = name.split()
    acronym = len(words) == 1 and re.fullmatch(r"[A-Z]{2,8}", words[0])
    opener = at_sentence_start and not left[: m.start()].strip() and len(words) >= 2
    if not (is_org(name) or acronym or opener):
        return None
    return m.start(), m.group(0).strip()


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
            if len(inserted.split()) < 2 and not inserted.strip().isdigit():  # ", 29," is an age
                break
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
            if len(gap) <= 60 and not re.search(r"[,;“”\"]|\.\s", gap) and self._gap_ok(gap):
                return _speaker_from_mention(m)
            break
        pm = re.search(
            r"\b([Hh]e|[Ss]he|[Tt]hey)\s+(?:\w+ly\s+|also\s+|then\s+|had\s+|has\s+|"
            r"have\s+|would\s+|will\s+){0,2}$",
            near,
        )
        if pm:
            return self.resolve_pronoun(pm.group(1).lower(), near_base + pm.start(1), floor)
        im = re.search(r"(?:^|[,;]\s*|\band\s+)([Ii]t)\s+(?:\w+ly\s+|also\s+|then\s+){0,2}$", near)
        if im:
            return self.resolve_it(near_base + im.start(1))
        wm = re.search(r",\s+who\s+(?:\w+ly\s+|also\s+|then\s+|had\s+|has\s+){0,2}$", near)
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
        gm = _group_re().search(near)
        if gm and gm.group(1).strip():
            if re.search(
                r"\b(?:in|to|from|at|of|with|for|on|by|near)\s*$", text[base : near_base + gm.start()]
            ):
                return None  # "a diplomat in Tokyo said": Tokyo is a place here
            start = near_base + gm.start()
            return self._title_or_group(gm.group(0), start, start + len(gm.group(0).rstrip()))
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
            for m in ORG_NAME_RE.finditer(self.text):
                name = re.sub(r",\s+[A-Z][\w.-]*['’]s?$|,$", "", m.group(1))  # "X, Germany’s"
                if is_org(name):
                    self._orgs.append((m.start(), canonical_group(name, self.acronyms)))
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


def pronoun_text(text: str, at: int) -> str:
    m = re.match(r"\w+", text[at:])
    return m.group() if m else ""


def _subject_prefix(prefix: str) -> bool:
    p = prefix.strip()
    if not p or p.endswith(","):
        return True
    return bool(re.fullmatch(r"(?:(?:The|the|[A-Z][\w.’'-]*)\s*)*", p))


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


def date_for_quote(
    occasions: dict[str, DateValue], speaker: str | None, default: DateValue | None
) -> DateValue | None:
    if speaker and speaker in occasions:
        return occasions[speaker]
    return default


def _inside(pos: int, spans: list[QuoteSpan]) -> bool:
    return any(q.open < pos < q.close for q in spans)


ACCORDING_RE = re.compile(r"(?:[Aa]ccording to)\s+([^,]{2,80}),\s+")
THAT_RE = re.compile(r"(?:\s+[\w’'-]+){0,14}?\s+that\s+")
LABEL_RE = re.compile(
    r"\s*\[(?:(?:Interview|INTERVIEW|Sound ?bite|SOT|Voice|VOICE|Speaker)\s*:\s*)?"
    r"([^\]\n]{2,80})\]\s*$"
)
ROLE_WORDS_RE = re.compile(r"[\s,”\"’]*(?:[A-Za-z.’'-]+\s+){0,5}")  # ", union representative "
CLAUSE_VERB_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|will|would|could|should|can|may|might|must|shall|has|"
    r"have|had|do|does|did|\w+ed|\w+s|came|went|said|told|made|took|gave|got|saw|knew|thought|"
    r"found|left|felt|kept|held|brought|began|became|ran|met|sent|spent|stood|won|lost|paid|put|"
    r"set|cut|fell|rose|grew|led|wrote|spoke|broke|chose|built|sold|bought|meant|heard|need|"
    r"want|remain|continue|plan|hope|expect|seek|face|play|stay|agree|take|make|give|come|go)\b"
)
NAME_LIKE_RE = re.compile(r"(?:[A-Z][\w'’-]*)(?:\s+(?:of|and|the|for|[A-Z][\w'’-]*)){0,4}")
CLAUSE_END_RE = re.compile(
    r"(?:,?\s+and\s+(?:also\s+)?|[,”\"]\s*[”\"]?\s*(?:the|a|an|its|his|her)\s+(?:\w+\s+){0,2})([a-z]+ed)\b"
)
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
DESCRIPTIVE_RE = re.compile(r"\b[Tt]he\s+(?:[\w-]+\s+){0,3}?([A-Za-z]+)\s+(?:\w+ly\s+)?$")
OF_BODY_RE = re.compile(r"of\s+(?:the\s+)?(?:[a-z]+\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4}")
INSERTION_START_RE = re.compile(r"\s*(?:[a-z0-9]|(?:A|An|The)\s+[a-z])")
WHOLE_PREFIX_RE = re.compile(r"[:,]\s*$")


class _Attribution:
    def __init__(self, verb: re.Match, speaker: Speaker, participle: bool):
        self.verb = verb
        self.speaker = speaker
        self.participle = participle

    @property
    def start(self) -> int:
        return self.verb.start()

    @property
    def end(self) -> int:
        return self.verb.end()


def find_quotes(
    text: str,
    sentences: list[Sentence],
    people: PeopleIndex,
    default: DateValue | None,
    dates: list[TimeMention],
    on=None,
) -> list[Quote]:
    """All quotes of an article, in text order, with speakers and dates said."""
    finder = QuoteFinder(text, sentences, people, on)
    occasions: dict[str, DateValue] = {}
    occasions_by_noun: dict[str, DateValue] = {}
    date_starts = [t.start for t in dates]
    last_quote_sentence = -10
    quote_reach = -10
    colon_lead = None  # (speaker, sentence, verb) of a sentence ending "Lee said:"
    last_speaker: Speaker | None = None
    for si, s in enumerate(sentences):
        b = s.block
        spans = [q for q in s.quotes if not q.nested]
        here = dates[bisect_left(date_starts, b.start) : bisect_left(date_starts, b.end)]
        attributions = _attributions(finder, b, spans)
        for att in attributions:
            when = (
                _occasion_date(text, b, att, spans, here)
                or _occasion_by_reference(text, b, occasions_by_noun)
                or _document_date(att, finder.people, occasions_by_noun)
            )
            if when and att.speaker.key:
                occasions[att.speaker.key] = when
        _remember_occasions(text, b, spans, here, occasions_by_noun)
        _remember_issuers(finder, b, attributions)
        found_here = False
        for q in spans:
            quote = _quote_for_span(finder, s, si, q, spans, attributions)
            if quote is None:
                continue
            speaker, kind, verb = quote
            if kind == "continuation" and colon_lead is not None and colon_lead[1] == si - 1:
                speaker, kind, verb = colon_lead[0], "direct", colon_lead[2]  # `Lee said:` + quote
            elif kind == "continuation":
                if last_speaker and si - last_quote_sentence <= 1:
                    speaker = last_speaker
                else:
                    speaker, kind = Speaker(None, None, None, None), "direct"
            a, z = strip_quote_text(text, q.open + 1, q.close)
            if z <= a:
                continue
            shown = speaker if kind != "continuation" else Speaker(speaker.key, None, None, None)
            finder.quotes.append(
                Quote(
                    text=text[a:z],
                    start=a,
                    end=z,
                    kind=kind,
                    speaker=speaker.key,
                    speaker_mention=shown.mention,
                    mention_start=shown.start,
                    mention_end=shown.end,
                    verb=verb,
                    said_on=date_for_quote(occasions, speaker.key, default),
                    sentence=si,
                )
            )
            if kind in ("direct", "continuation") and speaker.key:
                last_speaker, found_here = speaker, True
                # A quote running on past its sentence (over paragraphs) ends later.
                last_in = bisect_left(finder._sentence_starts, q.close) - 1
                quote_reach = max(quote_reach, last_in)
        for att in attributions:
            clause = _that_clause(text, b, att, spans)
            if clause:
                a, z = clause
                finder.quotes.append(
                    Quote(
                        text=text[a:z],
                        start=a,
                        end=z,
                        kind="indirect",
                        speaker=att.speaker.key,
                        speaker_mention=att.speaker.mention,
                        mention_start=att.speaker.start,
                        mention_end=att.speaker.end,
                        verb=att.verb.group().lower(),
                        said_on=date_for_quote(occasions, att.speaker.key, default),
                        sentence=si,
                    )
                )
        according = _according_to(finder, b, default, occasions, si)
        if according:
            finder.quotes.append(according)
        if found_here:
            last_quote_sentence = max(si, quote_reach)
        colon_lead = None
        if b.text.rstrip().endswith(":") and attributions and attributions[-1].speaker.key:
            att = attributions[-1]
            colon_lead = (att.speaker, si, att.verb.group().lower())
        elif spans:
            last_quote_sentence = (
                si if last_quote_sentence == si - 1 and _only_quotes(text, b, spans) else last_quote_sentence
            )
    finder.quotes.sort(key=lambda q: q.start)
    return finder.quotes


def _only_quotes(text: str, b: Block, spans: list[QuoteSpan]) -> bool:
    rest = text[b.start : b.end]
    for q in spans:
        rest = rest.replace(text[q.open : q.close + 1], "")
    return not rest.strip(" .,")


def _attributions(finder: QuoteFinder, b: Block, spans: list[QuoteSpan]) -> list[_Attribution]:
    """Speech verbs outside quotes in a sentence, each with its speaker (None if unnamed)."""
    text = finder.text
    out: list[_Attribution] = []
    for vm in finder.verb_re.finditer(text, b.start, b.end):
        if _inside(vm.start(), spans):
            continue
        before = text[max(b.start, vm.start() - 300) : vm.start()]
        word = vm.group().lower()
        if re.search(r"\bto\s*$", before):
            continue  # "to maintain", "to say": an infinitive, not someone speaking
        gerund = word.split()[0].endswith("ing")
        participle = gerund and before.rstrip().rstrip(CLOSERS).endswith(",")
        after_quote = bool(re.search(r"[,?!][”\"’]\s*$|[”\"’],?\s*$", before))
        speaker = None
        if participle:
            known = [a for a in out if a.speaker.key]
            speaker = known[-1].speaker if known else finder.sentence_subject(b, before=vm.start())
        elif not gerund:
            speaker = finder.subject_at(vm.start(), b.start)
        if speaker is None and not gerund and re.search(r"\b(?:and|but)\s+(?:\w+ly\s+)?$", before):
            # "Takaichi met the delegation on Tuesday and said ...": the first verb's subject
            speaker = finder.sentence_subject(b, before=vm.start())
        if speaker is None and after_quote:
            speaker = _subject_after(finder, vm.end(), b.end)
        lead_in = bool(re.match(r"[^\w\"“”]{0,3}[:,]?\s*[\"“]", text[vm.end() : vm.end() + 6]))
        reports = bool(re.match(r"\s+that\b", text[vm.end() : vm.end() + 8]))
        if speaker is None and not gerund and (after_quote or lead_in or reports):
            speaker = Speaker(None, None, None, None)  # "...," a source said. / X said: "..."
        if speaker is not None:
            out.append(_Attribution(vm, speaker, participle))
    return out


def _subject_after(finder: QuoteFinder, at: int, limit: int) -> Speaker | None:
    """`said Choi Eun-hee` / `said the ministry`: the subject after an inverted verb."""
    text = finder.text
    for m in finder.people.between(at, min(at + 60, limit)):
        if ROLE_WORDS_RE.fullmatch(text[at : m.start]):  # "said Swedish lawmaker Karin Holmqvist"
            return _speaker_from_mention(m)
        break
    rest = text[at:limit]
    tm = re.match(
        r"\s+((?:the|its|their)\s+(?:\w+\s+){0,2}?(?:president|prime minister|"
        r"minister|ambassador|spokesperson|spokesman|spokeswoman))\b",
        rest,
    )
    if tm:
        person = resolve_title(
            finder.people, text, tm.group(1).split(None, 1)[1], at + tm.start(1), finder.on
        )
        if person is not None:
            return Speaker(person.key, tm.group(1), at + tm.start(1), at + tm.end(1))
    pm = re.match(r"\s+(he|she|they)\b", rest)
    if pm:
        return finder.resolve_pronoun(pm.group(1), at + pm.start(1), at)
    gm = re.match(
        r"\s+((?:the|a|an)\s+(?:[\w’'-]+\s+){0,3}?(?:" + "|".join(word_set("group_speakers.txt")) + r"))\b",
        rest,
    )
    if gm:
        return finder._title_or_group(gm.group(1), at + gm.start(1), at + gm.end(1))
    return None


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
        # The outermost speech verb: "Lee said he and Takaichi agreed to "..."" is Lee's.
        att = before[0]
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


def _remember_issuers(finder: QuoteFinder, b: Block, attributions) -> None:
    """ "In a statement, the ministry said": the ministry issued the statement."""
    named = [a.speaker for a in attributions if a.speaker.key]
    if not named:
        return
    for m in re.finditer(
        r"\b(?:in|by)\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+)?(statement|readout|report|"
        r"release|letter|message)\b",
        finder.text[b.start : b.end],
        re.I,
    ):
        finder.issuers[m.group(1).lower()] = named[0]


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
