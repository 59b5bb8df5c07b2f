"""The TBAQ date benchmark's own logic, on a tiny invented .tml: no TempEval data needed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent / "bench_dates" / "timex_bench.py"


def _load():
    spec = importlib.util.spec_from_file_location("timex_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["timex_bench"] = module
    spec.loader.exec_module(module)
    return module


bench = _load()

# Invented sentences in TimeML 1.2 markup, shaped like a TBAQ-cleaned file.
TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>fake_0001</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="2003-05-14T09:30" temporalFunction="false" \
functionInDocument="CREATION_TIME">05-14-03 0930</TIMEX3></DCT>
<TEXT>
The harbour board <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t1" type="DATE" \
value="2003-05-12" functionInDocument="NONE">on Monday</TIMEX3> &amp; agreed to repaint the pier \
<TIMEX3 tid="t2" type="DATE" value="2003-W21" functionInDocument="NONE">next week</TIMEX3>.
Ferry traffic fell in <TIMEX3 tid="t3" type="DATE" value="2003-Q1" functionInDocument="NONE">the \
first quarter</TIMEX3> and is <TIMEX3 tid="t4" type="DATE" value="PRESENT_REF" \
functionInDocument="NONE">now</TIMEX3> back to <TIMEX3 tid="t5" type="DATE" value="2001" \
functionInDocument="NONE">2001</TIMEX3> levels, the board said <TIMEX3 tid="t6" type="TIME" \
value="2003-05-13TEV" functionInDocument="NONE">Tuesday evening</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def doc():
    return bench.parse_tml(TML, "fake_0001")


def test_parse_keeps_text_offsets_and_the_creation_day(doc):
    assert doc.dct == "2003-05-14"
    assert doc.text.startswith("\nThe harbour board met on Monday & agreed")
    assert [(t.text, t.value) for t in doc.dates] == [
        ("on Monday", "2003-05-12"),
        ("next week", "2003-W21"),
        ("the first quarter", "2003-Q1"),
        ("now", "PRESENT_REF"),
        ("2001", "2001"),
    ]
    for t in doc.dates + doc.others:
        assert doc.text[t.start : t.end] == t.text
    assert [t.type for t in doc.others] == ["TIME"]


def test_korjp_values_in_timex3_terms():
    norm = bench.normalize_korjp
    assert norm("2003-05-12") == "2003-05-12"
    assert norm("2003-05") == "2003-05"
    assert norm("2003-05-19/2003-05-25") == "2003-W21"  # Monday to Sunday
    assert norm("2024-12-30/2025-01-05") == "2025-W01"  # ISO week of the next year
    assert norm("2003-05-20/2003-05-25") == "2003-05-20/2003-05-25"  # Tuesday to Sunday
    assert norm("2003-01-01/2003-03-31") == "2003-Q1"
    assert norm("2003-10/2003-12") == "2003-Q4"
    assert norm("2003-02-01/2003-04-30") == "2003-02-01/2003-04-30"  # three months, no quarter
    assert norm("2003-06-01/2003-06-30") == "2003-06"
    assert norm("2003-01-01/2003-12-31") == "2003"
    assert norm("1990/1999") == "199"
    assert norm("1910/1945") == "1910/1945"


def test_gold_values_and_which_are_concrete():
    assert bench.normalize_gold("2000-W7") == "2000-W07"
    assert bench.normalize_gold("2000-W07") == "2000-W07"
    concrete = ["2003", "2003-05", "2003-05-12", "2003-W21", "2000-W7", "2003-Q4"]
    vague = [
        "PRESENT_REF",
        "PAST_REF",
        "1998-SU",
        "199X",
        "199",
        "2003-WXX",
        "2003-05-12TEV",
        "P1D",
        "2003-Q5",
    ]
    assert all(bench.is_concrete(v) for v in concrete)
    assert not any(bench.is_concrete(v) for v in vague)


def test_matching_is_one_to_one_longest_overlap_first():
    Timex, Event = bench.Timex, bench.Event
    golds = [Timex(0, 10, "a", "DATE", "2003"), Timex(12, 20, "b", "DATE", "2003")]
    events = [
        Event(2, 4, "x", "2003", "year"),  # overlaps gold 0 by 2
        Event(5, 15, "y", "2003", "year"),  # overlaps gold 0 by 5 and gold 1 by 3
        Event(14, 19, "z", "2003", "year"),  # overlaps gold 1 by 5
        Event(30, 35, "w", "2003", "year"),  # overlaps nothing
    ]
    assert bench.match(golds, events) == {0: 1, 1: 2}
    assert bench.match([], events) == {}


def test_prf():
    assert bench.prf(3, 4, 6) == pytest.approx((0.75, 0.5, 0.6))
    assert bench.prf(0, 0, 5) == (0.0, 0.0, 0.0)


def test_scores_of_one_document(doc):
    def at(phrase: str, date: str, granularity: str) -> bench.Event:
        start = doc.text.index(phrase)
        return bench.Event(start, start + len(phrase), phrase, date, granularity)

    events = [
        at("Monday", "2003-05-12", "day"),  # right
        at("next week", "2003-05-19/2003-05-25", "week"),  # right once written 2003-W21
        at("now", "2003-05-14", "day"),  # matched, but gold is PRESENT_REF
        at("2001 levels", "2001", "year"),  # right, longer span: relaxed match
        at("Tuesday", "2003-05-13", "day"),  # on a TIME timex: left out
        at("harbour", "2003", "year"),  # on no timex: a false positive
    ]
    ds = bench.score_doc(doc, events)
    assert (ds.all.gold, ds.all.system, ds.all.span, ds.all.value) == (5, 5, 4, 3)
    assert (ds.concrete.gold, ds.concrete.system, ds.concrete.span, ds.concrete.value) == (4, 4, 3, 3)
    assert ds.ignored == 1
    assert ds.all.scores()["value"] == pytest.approx({"p": 0.6, "r": 0.6, "f1": 0.6})
    assert ds.concrete.scores()["span"] == pytest.approx({"p": 0.75, "r": 0.75, "f1": 0.75})
    kinds = sorted((o.kind, o.gold.text if o.gold else o.event.evidence) for o in ds.outcomes)
    assert kinds == [("extra", "harbour"), ("missed", "the first quarter"), ("wrong", "now")]
    table = dict(bench.breakdown(ds.outcomes))
    assert table["quarter"] == {"missed": 1}
    assert table["present ref (now, currently)"] == {"wrong: value": 1}


def test_miss_categories():
    def cat(text: str, value: str) -> str:
        return bench.category(bench.Timex(0, len(text), text, "DATE", value))

    assert cat("Thursday", "2003-05-15") == "weekday"
    assert cat("three years ago", "2000") == "N units ago / earlier / later"
    assert cat("last month", "2003-04") == "last/this/next unit"
    assert cat("the summer", "2003-SU") == "season"
    assert cat("fiscal 2002", "2002") == "fiscal year"
    assert cat("1999", "1999") == "year written alone"
    assert cat("June", "2003-06") == "month name without a day"


def test_blind_split_is_a_fixed_tenth():
    names = [f"doc{i:04d}" for i in range(2000)]
    share = sum(map(bench.is_blind, names)) / len(names)
    assert 0.08 < share < 0.12
    assert bench.split_of("doc0000") == bench.split_of("doc0000")


def test_misses_are_refused_outside_the_tune_split(tmp_path, capsys):
    for split in ("blind", "all"):
        with pytest.raises(SystemExit) as exc:
            bench.main([str(tmp_path), "--split", split, "--misses", "5"])
        assert exc.value.code == 2
    assert "only the tune split" in capsys.readouterr().err


def test_korjp_run_offsets_locate_the_evidence(doc, tmp_path):
    """End to end through korjp: whatever it finds, its offsets index the .tml's text."""
    events, seconds, problems = bench.run_korjp([doc], catalog=True)
    assert problems == []
    assert seconds >= 0
    assert events["fake_0001"], "korjp resolved none of the plain dates"
    for ev in events["fake_0001"]:
        assert doc.text[ev.start : ev.end] == ev.evidence
