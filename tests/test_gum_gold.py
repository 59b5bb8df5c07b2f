"""Real copy: GUM's Wikinews news and interviews (tests/data/gum, CC BY; see its LICENSE.md).

Gold converted by tests/gum/convert_gum.py from independent annotations (RST attribution
relations, coreference, interview turns, normalized <date> tags). The floors below are
for the tune split, scored the way quote-extraction research scores it (a found quote
covering at least 0.3 of a gold span). The blind split (gold_blind.json) is never tuned
on and has no floor here: it is measured by hand, `korjp eval ... --match overlap:0.3`.
"""

from __future__ import annotations

import pytest
from conftest import DATA, gold_report

GUM = DATA / "gum"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return gold_report(GUM / "corpus", GUM / "gold_tune.json", "2026-11-29", tmp_path_factory, "overlap:0.3")


def _problems(report, *kinds):
    return [f"{a['article']}: {p}" for a in report["articles"] for p in a["problems"] if p["type"] in kinds]


@pytest.mark.parametrize(
    ("metric", "floor", "kinds"),
    [
        ("precision", 0.92, ("false positive",)),
        ("recall", 0.90, ("missed quote",)),
        ("speaker_accuracy", 0.87, ("wrong speaker",)),
        ("event_date_accuracy", 0.90, ("missed event",)),
    ],
)
def test_gum_tune_floor(report, metric, floor, kinds):
    total = report["total"]
    value = total["quotes"][metric] if metric in ("precision", "recall") else total[metric]
    assert value >= floor, "\n".join([f"{metric} = {value:.3f} < {floor}"] + _problems(report, *kinds))
