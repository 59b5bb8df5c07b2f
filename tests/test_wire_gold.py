"""The wire gold set: 32 hand-annotated articles in many outlets' styles (see
tests/data/wire/ANNOTATION.md). These are floors korjp must not fall below; `korjp eval`
prints the same figures with every miss and false positive."""

from __future__ import annotations

import pytest
from conftest import DATA, gold_report

WIRE = DATA / "wire"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return gold_report(WIRE / "corpus", WIRE / "gold.json", "2026-11-22", tmp_path_factory)


def _problems(report, *kinds):
    return [f"{a['article']}: {p}" for a in report["articles"] for p in a["problems"] if p["type"] in kinds]


def test_gold_set_is_large_enough():
    import json

    gold = json.loads((WIRE / "gold.json").read_text(encoding="utf-8"))
    articles = gold["articles"]
    assert len(articles) >= 30
    assert sum(len(a["quotes"]) for a in articles.values()) >= 150
    assert sum(len(a["events"]) for a in articles.values()) >= 100


@pytest.mark.parametrize(
    ("metric", "floor", "kinds"),
    [
        ("f1", 0.95, ("missed quote", "false positive")),
        ("speaker_accuracy", 0.95, ("wrong speaker",)),
        ("kind_accuracy", 0.95, ("wrong kind",)),
        ("said_on_accuracy", 0.90, ("wrong said_on",)),
        ("event_date_accuracy", 0.95, ("missed event",)),
        ("article_date_accuracy", 0.95, ("wrong article date",)),
    ],
)
def test_wire_gold_floor(report, metric, floor, kinds):
    total = report["total"]
    value = total["quotes"]["f1"] if metric == "f1" else total[metric]
    assert value >= floor, "\n".join([f"{metric} = {value:.3f} < {floor}"] + _problems(report, *kinds))
