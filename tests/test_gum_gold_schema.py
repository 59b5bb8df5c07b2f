"""The GUM gold set (tests/data/gum, made by tests/gum/convert_gum.py) is internally consistent.

Needs neither network nor a GUM checkout: only the committed files are read.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

GUM = Path(__file__).resolve().parent / "data" / "gum"
CORPUS = GUM / "corpus"
SPLITS = ("tune", "blind")
BLIND = {
    "news_homeopathic.txt",
    "news_iodine.txt",
    "news_nasa.txt",
    "news_sensitive.txt",
    "interview_cyclone.txt",
    "interview_gaming.txt",
    "interview_hill.txt",
    "interview_libertarian.txt",
}
KINDS = {"direct", "partial", "continuation", "indirect"}


def gold(split: str) -> dict:
    return json.loads((GUM / f"gold_{split}.json").read_text(encoding="utf-8"))


def article(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module", params=SPLITS)
def split(request) -> tuple[str, dict]:
    return request.param, gold(request.param)


def test_top_level_keys(split):
    _name, data = split
    assert isinstance(data["about"], str) and data["about"]
    assert data["speakers"] == []
    assert data["articles"]


def test_every_article_is_in_the_corpus(split):
    _name, data = split
    for name in data["articles"]:
        assert (CORPUS / name).is_file(), name


def test_offsets_give_the_texts(split):
    _name, data = split
    for name, entry in data["articles"].items():
        text = article(name)
        assert text.endswith("\n") and entry["title"] == text.split("\n", 1)[0]
        for q in entry["quotes"]:
            assert q["kind"] in KINDS and isinstance(q["required"], bool)
            assert text[q["start"] : q["end"]] == q["text"], (name, q["text"])
            assert q["text"] == q["text"].strip() and q["text"]
            if q.get("mention_start") is not None:
                assert text[q["mention_start"] : q["mention_end"]] == q["mention"], (name, q["mention"])
            if q["speaker"] is None:
                assert not q["required"], (name, q["text"])
        for nq in entry["not_quotes"]:
            assert text[nq["start"] : nq["end"]] == nq["text"] and nq["why"]
        for event in entry["events"]:
            assert text[event["start"] : event["end"]] == event["evidence"], (name, event)
            assert event["granularity"] in {"day", "month", "year", "range"}
        if entry["dateline"]:
            assert entry["dateline"]["text"] in text


def test_catalog_parses_and_lists_every_article():
    catalog = tomllib.loads((CORPUS / "corpus.toml").read_text(encoding="utf-8"))
    assert set(catalog) == {"articles"}
    files = {p.name for p in CORPUS.glob("*.txt")}
    assert set(catalog["articles"]) == files
    for entry in catalog["articles"].values():
        assert set(entry) == {"published", "source", "url"}
        assert entry["source"] == "Wikinews" and entry["url"].startswith("https://en.wikinews.org/")


def test_published_dates_agree_with_the_catalog():
    catalog = tomllib.loads((CORPUS / "corpus.toml").read_text(encoding="utf-8"))["articles"]
    for split in SPLITS:
        for name, entry in gold(split)["articles"].items():
            assert entry["published"] == catalog[name]["published"]


def test_splits_are_disjoint_and_cover_all_43_documents():
    tune, blind = (set(gold(s)["articles"]) for s in SPLITS)
    assert not tune & blind
    assert blind == BLIND
    assert len(tune | blind) == 43
    assert tune | blind == {p.name for p in CORPUS.glob("*.txt")}
