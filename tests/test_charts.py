"""`--by`: counts per month, week, year or speaker (korjp/facets.py), drawn as bars."""

from __future__ import annotations

import json

import pytest
from conftest import SEEDS
from test_cli import invoke

from korjp import facets


def test_events_coarser_than_the_bucket_are_left_out_not_piled_on_a_day():
    records = [
        {"start_date": "2025-08-20", "end_date": "2025-08-20"},
        {"start_date": "2025-08-21", "end_date": "2025-08-24"},
        {"start_date": "2025-01-01", "end_date": "2025-12-31"},
        {"start_date": "1910-01-01", "end_date": "1945-12-31"},
    ]
    assert facets.count(records, "month", "events") == ([{"bucket": "2025-08", "count": 2}], 2)
    assert facets.count(records, "year", "events") == ([{"bucket": "2025", "count": 3}], 1)
    assert facets.count(records, "week", "events")[0] == [{"bucket": "2025-W34", "count": 2}]


def test_quotes_by_speaker_most_first_and_unattributed_named():
    records = [{"speaker": "Lee"}, {"speaker": None}, {"speaker": "Lee"}, {"speaker": "Kim"}]
    rows, _ = facets.count(records, "speaker", "quotes")
    assert rows == [
        {"bucket": "Lee", "count": 2},
        {"bucket": "(unattributed)", "count": 1},
        {"bucket": "Kim", "count": 1},
    ]


def test_events_cannot_be_counted_by_speaker():
    with pytest.raises(ValueError):
        facets.count([], "speaker", "events")


def test_quotes_by_month_json_counts_every_dated_quote():
    code, out, _ = invoke("quotes", "--by", "month", "--json", "--corpus", str(SEEDS))
    assert code == 0
    rows = json.loads(out)
    code, out, _ = invoke("quotes", "--json", "--corpus", str(SEEDS))
    assert sum(r["count"] for r in rows) == len([q for q in json.loads(out) if q["said_on"]])


def test_timeline_by_month_piped_is_tsv_and_drawn_on_a_terminal(monkeypatch):
    code, out, err = invoke("timeline", "--by", "month", "--corpus", str(SEEDS))
    assert code == 0
    assert [line.split(b"\t")[0] for line in out.splitlines()] == [b"2025-06", b"2025-08"]
    assert "not counted" in err
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = invoke("timeline", "--by", "month", "--speaker", "Lee", "--corpus", str(SEEDS))
    assert code == 0 and "Events per month" in out.decode() and "█" in out.decode()


def test_by_takes_only_known_buckets():
    code, _, _ = invoke("quotes", "--by", "fortnight", "--corpus", str(SEEDS))
    assert code == 2
