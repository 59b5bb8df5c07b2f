"""Real copy: GUM's Wikinews news and interviews (tests/data/gum, CC BY; see its LICENSE.md).

Gold converted by tests/gum/convert_gum.py from independent annotations (RST attribution
relations, coreference, interview turns, normalized <date> tags). The floors below are
for the tune split, scored the way quote-extraction research scores it (a found quote
covering at least 0.3 of a gold span). The blind split (gold_blind.json) is never tuned
on and has no floor here: it is measured by hand, `korjp eval ... --match overlap:0.3`.
"""

from __future__ import annotations

import pytest
from conftest import DATA

GUM = DATA / "gum"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    import os

    from korjp.evaluate import Match, evaluate, load_gold
    from korjp.store import open_store

    os.environ["KORJP_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["KORJP_TODAY"] = "2026-11-29"
    store = open_store(GUM / "corpus")
    result = evaluate(store.db, load_gold(GUM / "gold_tune.json"), Match.parse("overlap:0.3"))
    store.close()
    return result


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
