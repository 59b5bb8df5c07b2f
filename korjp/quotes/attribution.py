"""Speech verbs with their speakers: who says what in a sentence."""

from __future__ import annotations

import re

from ..lexicon import word_set
from ..people import resolve_title
from ..segment import Block, QuoteSpan
from .orgs import is_org
from .spans import ROLE_WORDS_RE, _inside
from .speakers import QuoteFinder, Speaker, _speaker_from_mention

INVERTED_ORG_RE = re.compile(
    r"\s+((?:[Tt]he\s+)?((?:[A-Z][\w&'’.-]*\s+(?:(?:of|for|and|the)\s+)?){0,6}[A-Z][\w&'’-]*))"
)
ACRONYM_RE = re.compile(r"[A-Z]{2,8}")
NOUN_BEFORE_RE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[Mm]y|[Yy]our|[Tt]he|[Aa]n?)\s+$")
CLOSERS = "”\"’'»」』“"
INFINITIVE_RE = re.compile(r"\bto\s*$")
AFTER_QUOTE_RE = re.compile(r"[,?!][”\"’]\s*$|[”\"’],?\s*$")


def _ending(pattern: re.Pattern, before: str, longest: int) -> re.Match | None:
    """`pattern.search(before)` for a pattern anchored at the end whose match is at most
    `longest` characters before the trailing spaces: the search starts where such a match
    can, not at each of the 300 characters (a word boundary still sees the one before)."""
    return pattern.search(before, max(0, len(before.rstrip()) - longest))


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


def _attributions(finder: QuoteFinder, b: Block, spans: list[QuoteSpan]) -> list[_Attribution]:
    """Speech verbs outside quotes in a sentence, each with its speaker (None if unnamed)."""
    text = finder.text
    out: list[_Attribution] = []
    for vm in finder.verb_re.finditer(text, b.start, b.end):
        if _inside(vm.start(), spans):
            continue
        before = text[max(b.start, vm.start() - 300) : vm.start()]
        word = vm.group().lower()
        if _ending(INFINITIVE_RE, before, len("to")):
            continue  # "to maintain", "to say": an infinitive, not someone speaking
        if _ending(NOUN_BEFORE_RE, before, len("their")):
            continue  # "his comments", "the statement": a noun, not a verb
        gerund = word.split()[0].endswith("ing")
        participle = gerund and before.rstrip().rstrip(CLOSERS).endswith(",")
        after_quote = bool(_ending(AFTER_QUOTE_RE, before, len(',"')))
        speaker = None
        if participle:
            known = [a for a in out if a.speaker.key]
            speaker = known[-1].speaker if known else finder.opening_subject(b, before=vm.start())
        elif not gerund:
            speaker = finder.subject_at(vm.start(), b.start)
        if speaker is None and not gerund and re.search(r"\b(?:and|but)\s+(?:\w+ly\s+)?$", before):
            # "Takaichi met the delegation on Tuesday and said ...": the first verb's subject
            speaker = finder.sentence_subject(b, before=vm.start())
        if speaker is None and (after_quote or before.rstrip().endswith(",")):
            speaker = _subject_after(finder, vm.end(), b.end)  # `..., said the ministry.`
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
    om = INVERTED_ORG_RE.match(rest)
    if om and (om.group(2) in finder.acronyms or is_org(om.group(2)) or ACRONYM_RE.fullmatch(om.group(2))):
        return finder.group(om.group(1), at + om.start(1), at + om.end(1))  # "said KCNA"
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
