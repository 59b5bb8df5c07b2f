"""Quotes: the words, who said them, what kind of quote it is, and when it was said.

Attribution follows the way wire copy is written: `"...," Kim said.`, `said Kim`,
`Kim said: "..."`, a fragment in the scope of a speech verb, a whole quoted sentence that
continues the previous speaker, and `that`-clauses after a speech verb. A speaker is only
ever a person or group the text names; when no one is named, the speaker is None.
"""

from bisect import bisect_left

from ..model import DateValue, Quote, TimeMention
from ..people import PeopleIndex
from .attribution import _attributions, _remember_issuers
from .reported import _according_to, reported_clause
from .said_on import (
    _document_date,
    _occasion_by_reference,
    _occasion_date,
    _remember_occasions,
    date_for_quote,
)
from .spans import _only_quotes, _quote_for_span, strip_quote_text
from .speakers import QuoteFinder, Sentence, Speaker
from .transcript import transcript_turns

__all__ = ["Sentence", "find_quotes"]


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
        referenced: DateValue | None | bool = False  # "At the summit, ...": looked up once a sentence
        for att in attributions:
            when = _occasion_date(text, b, att, spans, here)
            if not when and referenced is False:
                referenced = _occasion_by_reference(text, b, occasions_by_noun)
            when = when or referenced or _document_date(att, finder.people, occasions_by_noun)
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
            clause = reported_clause(text, b, att, spans, attributions)
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
        according = _according_to(finder, b, default, occasions, si, spans)
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
    _add_turns(finder, transcript_turns(text, sentences, people, default))
    finder.quotes.sort(key=lambda q: q.start)
    return finder.quotes


def _add_turns(finder: QuoteFinder, turns: list[Quote]) -> None:
    """Transcript turns join the quotes; a quote in a turn with no speaker is the turn's."""
    if not turns:
        return
    starts = [t.start for t in turns]
    for q in finder.quotes:
        i = bisect_left(starts, q.start + 1) - 1
        in_turn = i >= 0 and turns[i].start <= q.start < turns[i].end and q.speaker is None
        first_person = (q.speaker_mention or "").lower() in ("i", "we")
        if in_turn and (q.verb is None or first_person):  # "we hope ..." in Herrick's answer
            q.speaker = turns[i].speaker
    kept = []
    for t in turns:
        same = [q for q in finder.quotes if t.start <= q.start and q.end <= t.end + 2]
        if any((q.end - q.start) >= 0.9 * (t.end - t.start) for q in same):
            continue  # the turn is one quoted sentence, already a quote
        kept.append(t)
    finder.quotes.extend(kept)
