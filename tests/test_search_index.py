"""The large-corpus search path (FTS5 candidates) agrees with the small-corpus scan."""

from __future__ import annotations

import json

import pytest
from conftest import DATA, SEEDS, run_cli, write_articles

QUERIES = ["shuttle diplomacy", "shutle diplomcy", "Lee Jae-myung", "comfort women", "forced labour", "Dokdo"]


def _search(query: str, corpus, monkeypatch, fts: bool) -> list:
    monkeypatch.setattr("korjp.search.FULL_SCAN_LIMIT", 0 if fts else 10**9)
    code, out, err = run_cli("search", query, "--json", "--limit", "10", "--corpus", str(corpus))
    assert code in (0, 1), err
    return json.loads(out)


@pytest.mark.parametrize("corpus", [SEEDS, DATA / "wire" / "corpus"], ids=["seeds", "wire"])
def test_the_index_finds_what_the_scan_finds(corpus, monkeypatch):
    for query in QUERIES:
        scanned = _search(query, corpus, monkeypatch, fts=False)
        indexed = _search(query, corpus, monkeypatch, fts=True)
        assert indexed == scanned, query


def test_text_removed_from_an_article_leaves_the_index(tmp_path, monkeypatch):
    article = "Talks\n\nSEOUL, Aug. 20 (Yonhap) -- The envoys discussed the {} at length.\n"
    corpus = write_articles(tmp_path / "c", {"a.txt": article.format("zebra quorum protocol")})
    assert _search("zebra quorum", corpus, monkeypatch, fts=True)
    (corpus / "a.txt").write_text(article.format("harbour tariff schedule"))
    assert _search("zebra quorum", corpus, monkeypatch, fts=True) == []
    assert _search("harbour tariff", corpus, monkeypatch, fts=True)
    (corpus / "a.txt").unlink()
    assert _search("harbour tariff", corpus, monkeypatch, fts=True) == []
