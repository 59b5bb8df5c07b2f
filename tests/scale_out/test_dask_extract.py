"""The scale-out example runs: Dask maps korjp's extraction over a corpus in worker
processes, `korjp index --facts` reduces, and the store is the one a direct build makes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from conftest import DATA, ROOT, store_rows

from korjp.index import open_store

SCRIPT = Path(__file__).resolve().parent / "dask_extract.py"


def test_dask_map_and_korjp_reduce_give_the_store_of_a_direct_build(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "wire" / "corpus", corpus)
    out = tmp_path / "facts"
    # the korjp under test, not another one installed
    env = {**os.environ, "KORJP_CACHE_DIR": str(tmp_path / "reduced"), "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), str(corpus), str(out), "--workers", "2", "--partitions", "5"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    elapsed = time.perf_counter() - started
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert sorted(p.name for p in out.iterdir()) == [f"part-0000{i}.jsonl" for i in range(5)]
    assert "dask_extract: 32 articles; map" in proc.stderr and "(processes)" in proc.stderr
    assert "korjp: indexed 32 articles" in proc.stderr
    reduced = Path(proc.stdout.strip())
    assert reduced.parent == tmp_path / "reduced"

    monkeypatch.setenv("KORJP_CACHE_DIR", str(tmp_path / "direct"))
    direct = open_store(corpus, force=True)
    direct.close()
    assert store_rows(reduced) == store_rows(direct.path)
    assert elapsed < 60, f"the example took {elapsed:.0f} s"
