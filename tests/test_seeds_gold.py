"""The seed gold file is the acceptance spec: every assertion in it must hold."""

from __future__ import annotations

import json

import pytest
from conftest import DATA, SEEDS, run_json

from korjp.evaluate import norm_text

GOLD = json.loads((DATA / "seeds_gold.json").read_text(encoding="utf-8"))
ARTICLES = sorted(GOLD["articles"])


@pytest.fixture(scope="module")
def extracted():
    import os
    import tempfile

    from korjp import queries
    from korjp.index import open_store

    with tempfile.TemporaryDirectory() as cache:
        old = os.environ.get("KORJP_CACHE_DIR")
        os.environ["KORJP_CACHE_DIR"] = cache
        os.environ["KORJP_TODAY"] = "2026-11-22"
        try:
            store = open_store(SEEDS)
            yield {
                a: {
                    "quotes": queries.quotes(store.db, article=a),
                    "events": queries.timeline(store.db, article=a),
                    "info": queries.articles(store.db, a)[0],
                }
                for a in ARTICLES
            }
            store.close()
        finally:
            if old is None:
                os.environ.pop("KORJP_CACHE_DIR", None)
            else:
                os.environ["KORJP_CACHE_DIR"] = old


def _required_quotes():
    for a in ARTICLES:
        for q in GOLD["articles"][a]["quotes"]:
            if q.get("required", True):
                yield pytest.param(a, q, id=f"{a[:3]}:{q['text'][:30]}")


@pytest.mark.parametrize(("article", "gold"), list(_required_quotes()))
def test_required_quote_found_with_speaker_kind_and_date(extracted, article, gold):
    found = [q for q in extracted[article]["quotes"] if norm_text(q["text"]) == norm_text(gold["text"])]
    assert found, f"missing quote: {gold['text']!r}"
    q = found[0]
    assert q["speaker"] == gold["speaker"]
    assert q["kind"] == gold["kind"]
    assert q["said_on"] == gold["said_on"]


@pytest.mark.parametrize("article", ARTICLES)
def test_every_extracted_quote_is_in_gold(extracted, article):
    gold_texts = {norm_text(q["text"]) for q in GOLD["articles"][article]["quotes"]}
    not_quotes = {norm_text(q["text"]) for q in GOLD["articles"][article]["not_quotes"]}
    for q in extracted[article]["quotes"]:
        assert norm_text(q["text"]) not in not_quotes, f"not speech: {q['text']!r}"
        assert norm_text(q["text"]) in gold_texts, f"false positive: {q['text']!r}"


def _required_events():
    for a in ARTICLES:
        for e in GOLD["articles"][a]["events"]:
            if e.get("required", True):
                yield pytest.param(a, e, id=f"{a[:3]}:{e['evidence'][:25]}")


@pytest.mark.parametrize(("article", "gold"), list(_required_events()))
def test_required_event_found_with_date(extracted, article, gold):
    matches = [
        e
        for e in extracted[article]["events"]
        if e["evidence"] in gold["evidence"] or gold["evidence"] in e["evidence"]
    ]
    assert matches, f"no event for {gold['evidence']!r}"
    assert gold["date"] in {e["date"] for e in matches}
    assert gold["granularity"] in {e["granularity"] for e in matches if e["date"] == gold["date"]}


@pytest.mark.parametrize("article", ARTICLES)
def test_article_dateline_and_year(extracted, article):
    gold = GOLD["articles"][article]
    info = extracted[article]["info"]
    assert info["title"] == gold["title"]
    assert info["dateline"]["text"] == gold["dateline"]["text"]
    assert info["dateline"]["place"] == gold["dateline"]["place"]
    assert info["dateline"]["source"] == gold["dateline"]["source"]
    assert info["dateline"]["date"] == gold["dateline"]["date"]
    assert info["date"][:4] == str(gold["year"])
    assert info["year_evidence"], "the year must come with evidence"


@pytest.mark.parametrize("query", GOLD["queries"], ids=lambda q: q["command"])
def test_gold_queries(query):
    code, records = run_json(query["command"])
    assert code == 0
    if "expect_speakers" in query:
        assert {r["speaker"] for r in records} == set(query["expect_speakers"])
        assert len(records) >= query.get("expect_min_results", 1)
    if "expect_top_contains" in query:
        assert query["expect_top_contains"] in records[0]["text"]
    if "expect_article" in query:
        assert records[0]["article"] == query["expect_article"]
    if "expect_first" in query:
        assert records[0]["date"] == query["expect_first"]
    if "expect_order" in query:
        dates = [r["date"] for r in records]
        positions = [dates.index(d) for d in query["expect_order"]]
        assert positions == sorted(positions), dates
