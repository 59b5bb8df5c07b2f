"""Fast checks of the performance tooling: the corpus generator and a smoke benchmark run.

The benchmark itself (tests/perf/bench.py) is run by hand; here it runs once on a tiny corpus
so that CI notices when it breaks. Slower runs are behind `perf`, skipped unless
KORJP_PERF=1 is set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402

# A marker-like skip: registering a real marker would need pyproject/conftest changes.
perf = pytest.mark.skipif(os.environ.get("KORJP_PERF") != "1", reason="slow; set KORJP_PERF=1 to run")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.txt"))}


def test_generator_is_deterministic(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    make_corpus.generate(a, 12, seed=7)
    out = subprocess.run(
        [sys.executable, str(HERE / "make_corpus.py"), str(b), "12", "--seed", "7"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "needle 'zebra quorum protocol' planted in 1 article(s)" in out
    first, second = _files(a), _files(b)
    assert len(first) == 12
    assert first == second
    assert all(len(p.split("/")) == 3 for p in first)  # YYYY/MM/source-NNNNNN.txt
    make_corpus.generate(c, 12, seed=8)
    assert _files(c) != first


def test_articles_look_like_wire_copy():
    seen: dict[str, str] = {}
    words = []
    for i in range(400):
        rel, text, _ = make_corpus.render_article(i, seed=3)
        source = rel.rsplit("/", 1)[1].split("-")[0]
        seen.setdefault(source, text)
        words.append(len(text.split()))
    assert set(seen) == {"yonhap", "nationpress", "reuters", "ap", "jiji", "kyodo"}
    assert 400 <= sum(words) / len(words) <= 500
    assert "(Yonhap) --" in seen["yonhap"] and "(AP) —" in seen["ap"]
    # about 1 in 500 articles carries the needle, deterministically
    count = sum(make_corpus.render_article(i, seed=3)[2] for i in range(5000))
    assert 3 <= count <= 20


def test_generated_articles_parse():
    from korjp.extract import extract

    by_source: dict[str, tuple[str, str]] = {}
    i = 0
    while len(by_source) < 6 and i < 200:
        rel, text, _ = make_corpus.render_article(i, seed=0)
        by_source.setdefault(rel.rsplit("/", 1)[1].split("-")[0], (rel, text))
        i += 1
    assert len(by_source) == 6
    kinds: set[str] = set()
    for rel, text in by_source.values():
        facts = extract(rel, rel, text)
        assert facts.dateline is not None, rel
        assert facts.date is not None, rel
        # month and day come from the dateline (the year may be inferred)
        assert facts.date.start.month == int(rel[5:7]), (rel, facts.date)
        assert len(facts.quotes) >= 3, rel
        assert facts.events, rel
        kinds |= {q.kind for q in facts.quotes}
    assert {"direct", "partial", "indirect"} <= kinds


def _smoke(script: str, workdir: Path) -> dict:
    """A benchmark script's --smoke run and its JSON report."""
    proc = subprocess.run(
        [sys.executable, str(HERE / script), "--smoke", "--json", "--workdir", str(workdir)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return json.loads(proc.stdout)


def test_bench_smoke_runs(tmp_path):
    report = _smoke("bench.py", tmp_path)
    assert report["errors"] == []
    sections = {row["section"].split()[0] for row in report["rows"]}
    assert sections == {"1", "2", "3", "4", "5", "6"}


@perf
def test_bench_1k(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(HERE / "bench.py"), "--sizes", "1000", "--reps", "1"]
        + ["--workdir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "ERROR" not in proc.stdout


def test_reduce_bench_smoke_runs(tmp_path):
    report = _smoke("reduce_bench.py", tmp_path)
    assert [r["articles"] for r in report["results"]] == [100, 150]
    assert all(r["phases"]["insert"] > 0 and r["maxrss"] > 0 for r in report["results"])
    assert report["estimate"]["total"] > 0
