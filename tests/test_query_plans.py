"""The queries a large corpus leans on read bounded index ranges: checked with EXPLAIN QUERY PLAN.

A plan that scans a table or sorts every matching row is fine on the seeds and slow at
100,000 articles, where no fast test could notice it; the plan can be checked on any size.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import SEEDS

from korjp import queries
from korjp.index import open_store
from korjp.store import LANE_DAYS, event_lane


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KORJP_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        opened = open_store(SEEDS)
    yield opened
    opened.close()


def _plans(db, run) -> list[str]:
    """The query plan of every statement `run` executes on `db`."""
    statements: list[str] = []
    db.set_trace_callback(statements.append)
    try:
        run()
    finally:
        db.set_trace_callback(None)
    plans = []
    for sql in statements:
        if sql.lstrip().upper().startswith("SELECT"):
            detail = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
            plans.append("\n".join(detail))
    return plans


def _assert_bounded(plans: list[str], table: str) -> None:
    mine = [p for p in plans if table in p]
    assert mine, f"no query touched {table}"
    for plan in mine:
        assert f"SCAN {table}" not in plan, plan
        assert "TEMP B-TREE" not in plan, plan


def _speaker(db) -> str:
    return db.execute("SELECT speaker FROM quotes WHERE speaker IS NOT NULL LIMIT 1").fetchone()[0]


def test_quotes_of_one_speaker(store):
    key = _speaker(store.db)
    plans = _plans(store.db, lambda: queries.quotes(store.db, speakers=[key], limit=20))
    _assert_bounded(plans, "quotes")


def test_quotes_of_several_speakers_merge_in_order(store):
    keys = [r[0] for r in store.db.execute("SELECT DISTINCT speaker FROM quotes WHERE speaker IS NOT NULL")]
    assert len(keys) > 1
    plans = _plans(store.db, lambda: queries.quotes(store.db, speakers=keys[:3], limit=20))
    _assert_bounded(plans, "quotes")
    assert any("MERGE (UNION ALL)" in p for p in plans)


def test_a_timeline_window(store):
    plans = _plans(store.db, lambda: queries.timeline(store.db, "2025-08-01", "2025-08-28", limit=50))
    _assert_bounded(plans, "events")


@pytest.mark.parametrize("window", [("2025-08-01", None), (None, "2025-08-28"), (None, None)])
def test_a_half_open_or_whole_timeline(store, window):
    plans = _plans(store.db, lambda: queries.timeline(store.db, *window, limit=50))
    _assert_bounded(plans, "events")


def test_a_speaker_by_name(store):
    name = store.db.execute("SELECT norm FROM aliases LIMIT 1").fetchone()[0]
    plans = _plans(store.db, lambda: queries.match_speakers(store.db, name))
    assert any("COVERING INDEX aliases_norm" in p for p in plans), plans


def test_windows_agree_with_a_plain_overlap_filter(store):
    """The lane bounds never drop an event that overlaps the window."""
    every = queries.timeline(store.db)
    for lo, hi in [("2025-08-01", "2025-08-31"), ("2025-01-01", "2025-12-31"), ("1990-01-01", "2010-12-31")]:
        expected = [e for e in every if e["end_date"] >= lo and e["start_date"] <= hi]
        assert queries.timeline(store.db, lo, hi) == expected


def test_lanes_bound_spans():
    day = date(2025, 8, 20)
    assert event_lane(day, day) == 0
    assert event_lane(date(2025, 1, 1), date(2025, 12, 31)) == LANE_DAYS.index(366)
    assert event_lane(date(1900, 1, 1), date(2025, 1, 1)) == len(LANE_DAYS)
