"""Property-based tests of the extractor on generated wire copy, mutated at random.

A small grammar writes articles the way wires do (headline, dateline in several forms,
quotes with straight, curly and foreign marks and their attributions, Korean, Japanese and
Western names with titles, weekdays, month-days, years, anniversaries), and a mutator then
inserts, deletes and replaces characters and drops in Unicode junk. Whatever comes out,
`korjp.extract.extract` must:

- not raise;
- report offsets inside the text, with `text[start:end]` equal to the reported field;
- give valid dates whose granularity matches their value (a day is one day, a month a
  whole month, a year a whole year, a week Monday to Sunday) and that survive the ISO
  round trip the store and the CLI rely on;
- attribute quotes to a person it knows, or to no one;
- give the same answer twice.

The default run is a few hundred examples; `python tests/fuzz/run_fuzz.py N` runs the same
properties on N generated inputs (see the README, Troubleshooting).
"""

from __future__ import annotations

import calendar
import os
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest

# Hypothesis keeps a cache in the working directory unless told otherwise; keep the
# checkout clean (set before it first touches storage, which is when a test runs).
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "korjp-hypothesis"))

from hypothesis import HealthCheck, given, reject, settings  # noqa: E402
from hypothesis import strategies as st

from korjp.extract import extract
from korjp.model import GRANULARITIES, ArticleFacts, DateValue

# --------------------------------------------------------------------------- the grammar

PLACES = ["SEOUL", "TOKYO", "BUSAN", "OSAKA", "Seoul", "Tokyo", "NEW YORK", "Sejong", "JEJU ISLAND"]
AGENCIES = ["Yonhap", "Kyodo", "Reuters", "AP", "NationPress", "Jiji Press", "AFP", "IANS", "Korea Herald"]
MONTHS = [
    "Jan.", "Feb.", "Feb", "March", "Mar.", "April", "May", "June", "July", "Aug.", "Aug", "August",
    "Sept.", "Sept", "Sep.", "Oct.", "Nov.", "Dec.", "December",
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NAMES = [
    "Lee Jae-myung", "Kim Min-seok", "Cho Hyun", "Park Ji-won", "Ahn Duk-geun", "Yoon Suk Yeol",
    "Kim Jong-un", "Shigeru Ishiba", "Sanae Takaichi", "Takeshi Iwaya", "Toshimitsu Motegi",
    "Yoshimasa Hayashi", "Fumio Kishida", "Anna Berg", "Sean O'Brien", "José Müller",
    "Zoë Ångström", "Antony Blinken", "LEE JAE-MYUNG", "Nguyễn Văn An",
]  # fmt: skip
TITLES = [
    "President", "Prime Minister", "Foreign Minister", "Chief Cabinet Secretary", "Ambassador",
    "Trade Minister", "Mr.", "Ms.", "spokesperson", "former President", "National Security Adviser",
]  # fmt: skip
GROUPS = ["the foreign ministry", "Seoul's presidential office", "the Japanese government", "the delegation"]
VERBS = ["said", "told reporters", "added", "noted", "stressed", "asked", "wrote", "argued", "claimed"]
MARKS = [('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’"), ("«", "»"), ("「", "」"), ("„", "“"), ('"', "”")]
WORDS = (
    "we will work closely with Japan on shuttle diplomacy and the economy it's time to move "
    "forward together the talks were productive don't expect a deal soon history matters "
    "O'Brien's team can't agree and the summit ended"
).split()
JUNK = (
    "\x00\x07\x08\x1b[31m\x1b]0;title\x07\u200b\u200d\u202e\u2066\ufeff\ufffd\r\n\t\u00a0"
    "한국일본「」《》“”‘’\"'—–-…。、🙂\u0301\U0001f1f0\U0001f1f7[/][bold]"
)


def _choice(items):
    return st.sampled_from(items)


years = st.one_of(st.integers(1850, 2030), st.sampled_from([0, 1, 999, 1000, 1899, 9999, 99999]))
days = st.integers(0, 32)
month_day = st.builds(lambda m, d: f"{m} {d}", _choice(MONTHS), days)

date_expr = st.one_of(
    st.builds(lambda w: f"on {w}", _choice(WEEKDAYS)),
    st.builds(lambda w: f"last {w}", _choice(WEEKDAYS)),
    st.builds(lambda md: f"on {md}", month_day),
    st.builds(lambda md, y: f"on {md}, {y}", month_day, years),
    st.builds(lambda d, m: f"on {d} {m}", days, _choice(MONTHS)),
    st.builds(lambda m, y: f"in {m} {y}", _choice(MONTHS), years),
    st.builds(lambda y: f"in {y}", years),
    st.builds(lambda y: f"in the {y}s", st.integers(185, 203).map(lambda d: d * 10)),
    st.builds(lambda y, m, d: f"{y}-{m:02d}-{d:02d}", years, st.integers(0, 13), days),
    st.builds(lambda n: f"the {n}th anniversary of diplomatic ties", st.integers(0, 1200)),
    st.builds(lambda n: f"the {n}th anniversary of liberation", st.integers(1, 100)),
    st.builds(lambda a, b: f"from {a} to {b}", years, years),
    st.builds(lambda md, d: f"between {md} and {d}", month_day, days),
    _choice(
        [
            "last week", "later this week", "next week", "this week", "next month", "last month",
            "earlier this year", "last year", "yesterday", "today", "tomorrow", "this month",
            "February 30", "Sept 31", "the year 0", "the year 99999", "the 1000th anniversary",
        ]
    ),
)  # fmt: skip

person = st.one_of(
    _choice(NAMES),
    st.builds(lambda t, n: f"{t} {n}", _choice(TITLES), _choice(NAMES)),
    st.builds(lambda n, t: f"{n}, {t.lower()}", _choice(NAMES), _choice(TITLES)),
    _choice(GROUPS),
    _choice(["he", "she", "they", "it"]),
)
words = st.lists(_choice(WORDS), min_size=1, max_size=14).map(" ".join)
clause = st.builds(
    lambda w, d, more: f"{w} {d} {more}".strip(), words, st.one_of(st.just(""), date_expr), words
)


@st.composite
def quote(draw) -> str:
    o, c = draw(_choice(MARKS))
    inner = draw(clause)
    if draw(st.booleans()):  # a quote inside the quote
        o2, c2 = draw(_choice(MARKS))
        inner = f"{inner} {o2}{draw(words)}{c2} {draw(words)}"
    who, verb = draw(person), draw(_choice(VERBS))
    form = draw(st.integers(0, 6))
    if form == 0:
        return f"{o}{inner},{c} {who} {verb}."
    if form == 1:
        return f"{who} {verb}, {o}{inner}.{c}"
    if form == 2:
        return f"{o}{inner},{c} {verb} {who} {draw(date_expr)}."
    if form == 3:
        return f"{who} {verb} {draw(date_expr)} that {o}{inner}{c}."
    if form == 4:
        return f"{o}{inner}?{c} {who} {verb}."
    if form == 5:
        return f"{who} {verb} {o}{inner}"  # never closed
    return f"{o}{inner}.{c}"  # a continuation: no attribution


sentence = st.one_of(
    quote(),
    st.builds(lambda who, v, c: f"{who} {v} {c}.", person, _choice(VERBS + ["met", "visited"]), clause),
    st.builds(lambda d, who, c: f"{d[0].upper()}{d[1:]}, {who} {c}.", date_expr, person, clause),
    st.builds(lambda c: c[0].upper() + c[1:] + ".", clause),
)

dateline = st.one_of(
    st.builds(lambda p, md, a: f"{p}, {md} ({a}) -- ", _choice(PLACES), month_day, _choice(AGENCIES)),
    st.builds(
        lambda p, md, y, a: f"{p}, {md}, {y} ({a}) — ", _choice(PLACES), month_day, years, _choice(AGENCIES)
    ),
    st.builds(lambda p, md, a: f"{p}, {md} {a} – ", _choice(PLACES), month_day, _choice(AGENCIES)),
    st.builds(lambda p, a: f"{p} ({a}) — ", _choice(PLACES), _choice(AGENCIES)),
    st.builds(lambda p: f"{p} -- ", _choice(PLACES)),
    st.builds(lambda p, w, md: f"{p}, {w}, {md} (Yonhap) -- ", _choice(PLACES), _choice(WEEKDAYS), month_day),
    st.builds(lambda p: f"{p}\n\n", _choice(PLACES)),
    st.just(""),
)  # fmt: skip


@st.composite
def article(draw) -> str:
    headline = draw(st.one_of(words.map(str.title), st.just(""), quote()))
    paragraphs = [
        " ".join(draw(st.lists(sentence, min_size=1, max_size=3))) for _ in range(draw(st.integers(1, 5)))
    ]
    top = []
    if draw(st.booleans()):
        top.append(f"Published: {draw(years)}-0{draw(st.integers(1, 9))}-1{draw(st.integers(0, 9))} 09:15")
    body = draw(dateline) + "\n\n".join(paragraphs)
    newline = draw(_choice(["\n", "\r\n", "\r", "\n\n"]))
    return newline.join([headline, "", *top, body, ""]).replace("\n\n\n", "\n\n")


junk_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(JUNK), st.characters(blacklist_categories=("Cs",), max_codepoint=0x10FFFF)
    ),
    max_size=8,
)


@st.composite
def mutated(draw) -> str:
    """A generated article with a few random edits: nothing here may break the extractor."""
    text = draw(article())
    for _ in range(draw(st.integers(0, 6))):
        if not text:
            break
        i = draw(st.integers(0, len(text)))
        op = draw(st.integers(0, 3))
        if op == 0:  # insert junk
            text = text[:i] + draw(junk_text) + text[i:]
        elif op == 1:  # delete a run
            text = text[:i] + text[i + draw(st.integers(1, 12)) :]
        elif op == 2:  # replace one character
            text = text[:i] + draw(junk_text.filter(bool))[:1] + text[i + 1 :]
        else:  # duplicate a run (repeated marks, doubled datelines)
            j = min(len(text), i + draw(st.integers(1, 40)))
            text = text[:j] + text[i:j] * draw(st.integers(1, 4)) + text[j:]
    return text


# --------------------------------------------------------------------------- the properties


def check_date(value: DateValue, where: str) -> None:
    """A valid value whose granularity matches it, and that survives the ISO round trip."""
    assert value.granularity in GRANULARITIES, where
    assert value.start <= value.end, where
    if value.granularity == "day":
        assert value.start == value.end, where
    elif value.granularity == "month":
        last = calendar.monthrange(value.start.year, value.start.month)[1]
        assert value.start.day == 1, where
        assert value.end == value.start.replace(day=last), where
    elif value.granularity == "year":
        assert (value.start.month, value.start.day, value.end.month, value.end.day) == (1, 1, 12, 31), where
        assert value.start.year == value.end.year, where
    elif value.granularity == "week":
        assert value.start.weekday() == 0, where
        assert value.end == value.start + timedelta(days=6), where
    assert DateValue.from_iso(value.iso(), value.granularity) == value, where


def check_facts(text: str, facts: ArticleFacts) -> None:
    """Every property of one extraction (the text is short enough to be analysed whole)."""
    n = len(text)

    def located(start, end, field, what):
        assert 0 <= start <= end <= n, (what, start, end)
        assert text[start:end] == field, (what, text[start:end], field)

    if facts.title_span is not None:
        located(facts.title_span.start, facts.title_span.end, facts.title, "title")
    if facts.dateline is not None:
        located(facts.dateline.start, facts.dateline.end, facts.dateline.text, "dateline")
    for s in facts.sentences + facts.takeaways:
        located(s.start, s.end, s.text, s.kind)
    for m in facts.mentions:
        located(m.start, m.end, m.text, "mention")
        assert m.person is None or m.person in facts.people, ("mention", m)
    for q in facts.quotes:
        located(q.start, q.end, q.text, "quote")
        if q.mention_start is not None:
            located(q.mention_start, q.mention_end, q.speaker_mention, "speaker mention")
        assert q.speaker is None or q.speaker in facts.people, ("speaker", q.speaker)
        if q.said_on is not None:
            check_date(q.said_on, f"said_on of {q.text!r}")
    for e in facts.events:
        located(e.start, e.end, e.evidence, "event")
        located(e.sentence_start, e.sentence_start + len(e.sentence_text), e.sentence_text, "event sentence")
        check_date(e.value, f"event {e.evidence!r}")
        assert all(a in facts.people for a in e.actors), ("actors", e.actors)
    if facts.date is not None:
        check_date(facts.date, "article date")
    for key, p in facts.people.items():
        assert p.key == key


class KnownBug(Exception):
    """An exception already reported, with a minimal reproduction in KNOWN_BUGS."""


def bug_key(exc: BaseException) -> tuple[str, str, str]:
    """Where an exception comes from: (file, function, exception type)."""
    last = traceback.extract_tb(exc.__traceback__)[-1]
    return (os.path.basename(last.filename), last.name, type(exc).__name__)


def violation(exc: BaseException) -> tuple:
    """For a failed property check: (what, text at the offsets, reported field); else ()."""
    if isinstance(exc, AssertionError) and exc.args and isinstance(exc.args[0], tuple):
        return exc.args[0]
    return ()


@dataclass(frozen=True)
class Known:
    repro: str  # a minimal article that shows the bug
    matches: Callable[[BaseException], bool]


# Reported bugs the generator keeps hitting. Inputs that hit one are set aside (hypothesis
# rejects them) so that the suite stays green while the fix is pending;
# test_known_bugs_still_reproduce XPASSes once a bug is fixed, and then its entry goes.
# KORJP_FUZZ_STRICT=1 counts them as failures anyway.
KNOWN_BUGS: dict = {}
# Found by the generator and fixed since (b58c83a, b73e2e6), kept as plain examples below:
FIXED = [
    # the date scanner raised ValueError when a no-break space preceded "anniversary"
    "Talks\n\nSEOUL, Aug. 20 (Yonhap) -- They marked the 60th\u00a0anniversary of diplomatic ties.\n",
    # years.infer_year raised IndexError for an anniversary that points past today
    "Title\n\nSEOUL, Aug. 20 (Yonhap) -- Officials marked the 100th anniversary of 1950.\n",
    # 'it said' went to the headline run into the dateline, with an empty mention span
    'Korea Trade Team\n\nSEOUL, Aug. 20 (Yonhap) -- It said, "we will meet."\n',
]


def known_bug(exc: BaseException) -> str | None:
    """The KNOWN_BUGS entry an exception belongs to, else None."""
    if os.environ.get("KORJP_FUZZ_STRICT"):
        return None
    return next((name for name, bug in KNOWN_BUGS.items() if bug.matches(exc)), None)


def check_text(text: str) -> ArticleFacts:
    """Extract twice; both runs must agree and satisfy every property."""
    try:
        first = extract("fuzz.txt", "fuzz.txt", text)
        check_facts(text, first)
    except Exception as exc:
        if known_bug(exc):
            raise KnownBug(known_bug(exc)) from exc
        raise
    again = extract("fuzz.txt", "fuzz.txt", text)
    assert again == first, "a second run on the same text gave a different answer"
    return first


def check_or_reject(text: str) -> None:
    """For hypothesis: an input that hits a known, reported bug is not counted."""
    try:
        check_text(text)
    except KnownBug:
        reject()


EXAMPLES = int(os.environ.get("KORJP_HYPOTHESIS_EXAMPLES", "150"))
FAST = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


@FAST
@given(article())
def test_generated_wire_copy(text):
    check_or_reject(text)


@FAST
@given(mutated())
def test_mutated_wire_copy(text):
    check_or_reject(text)


@settings(FAST, max_examples=max(20, EXAMPLES // 3))
@given(st.text(max_size=400))
def test_arbitrary_text(text):
    check_or_reject(text)


PLAIN_EXAMPLES = [
    "",
    "\r",
    '"',
    "SEOUL, Feb. 30 (Yonhap) -- ",
    "Title\n\nSEOUL, Aug. 20 (Yonhap) -- Lee said, " + '"' * 50 + "x" + '"' * 50,
    "Title\r\rTOKYO, Sept 31 (Kyodo) -- “We will,” Ishiba said on Wednesday.\r",
    "Title\n\nSEOUL, Aug. 20 (Yonhap) -- It marked the 1000th anniversary of diplomatic ties in 99999.",
    "Talks\n\nSEOUL, Aug. 20 (Yonhap) -- President Lee Jae-myung said on Wednesday, “We will meet "
    "later this week,” and Prime Minister Shigeru Ishiba agreed, on the 60th anniversary of ties.\n",
    *FIXED,
]


def test_plain_examples_hold_the_properties():
    """Inputs that once mattered, kept as plain examples (hypothesis may not find them)."""
    for text in PLAIN_EXAMPLES:
        check_text(text)


@pytest.mark.xfail(reason="reported, not fixed yet")
@pytest.mark.parametrize("name", sorted(KNOWN_BUGS))
def test_known_bugs_still_reproduce(name):
    """When this XPASSes, the bug is fixed: remove its KNOWN_BUGS entry."""
    text = KNOWN_BUGS[name].repro
    try:
        check_facts(text, extract("bug.txt", "bug.txt", text))
    except Exception as exc:
        assert KNOWN_BUGS[name].matches(exc), exc
        raise
