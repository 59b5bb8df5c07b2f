"""The bundled corpus and how article files are found and read."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from korjp.corpus import CorpusError, bundled_corpus, decode, list_articles, resolve_corpus

SHARED_SEEDS = ROOT.parent / "shared" / "corpus-seeds"


def test_bundled_corpus_holds_the_two_seeds():
    names = sorted(p.name for p in bundled_corpus().glob("*.txt"))
    assert names == ["000_9730816149b5759b.txt", "003_84e0aca2b85bf24c.txt"]


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared is not beside this checkout")
def test_corpus_holds_the_seeds_byte_for_byte():
    for seed in SHARED_SEEDS.glob("*.txt"):
        assert (ROOT / "corpus" / seed.name).read_bytes() == seed.read_bytes()


def test_corpus_location_precedence(tmp_path, monkeypatch):
    env_dir = tmp_path / "env"
    env_dir.mkdir()
    monkeypatch.chdir(tmp_path)
    assert resolve_corpus(tmp_path / "flag") == tmp_path / "flag"
    monkeypatch.setenv("KORJP_CORPUS", str(env_dir))
    assert resolve_corpus(None) == env_dir
    monkeypatch.delenv("KORJP_CORPUS")
    (tmp_path / "corpus").mkdir()
    assert resolve_corpus(None) == Path.cwd() / "corpus"
    monkeypatch.chdir(env_dir)
    assert resolve_corpus(None) == bundled_corpus()


def test_article_ids_are_relative_paths_in_subfolders(tmp_path):
    (tmp_path / "yonhap" / "2025").mkdir(parents=True)
    (tmp_path / "yonhap" / "2025" / "a.txt").write_text("Title\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("Title\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    assert [f.article for f in list_articles(tmp_path)] == ["b.txt", "yonhap/2025/a.txt"]


def test_missing_corpus_is_an_error_not_a_crash(tmp_path):
    with pytest.raises(CorpusError):
        list_articles(tmp_path / "nope")


def test_decoding_keeps_offsets_and_reports_what_it_did():
    text, warnings = decode("Seoul\r\nA “quote”.".encode())
    assert text == "Seoul\r\nA “quote”." and warnings == []
    text, warnings = decode("caf\xe9".encode("latin-1"))
    assert text == "café" and "not valid UTF-8" in warnings[0]
