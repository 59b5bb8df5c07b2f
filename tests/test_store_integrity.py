"""The index survives kills, corruption, unwritable caches and concurrent runs, and never
serves a stale or half-built answer."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DATA, run_cli

from korjp.index import open_store
from korjp.paths import store_path

WIRE = DATA / "wire" / "corpus"


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A copy of the wire corpus, three times over, so a build takes a moment."""
    root = tmp_path / "corpus"
    for n in range(3):
        shutil.copytree(WIRE, root / f"copy{n}", ignore=shutil.ignore_patterns("corpus.toml"))
    return root


def _korjp(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "korjp", *args],
        capture_output=True,
        text=True,
        env=env or os.environ.copy(),
        timeout=120,
    )


def _answer(corpus: Path) -> list:
    code, out, err = run_cli("quotes", "--json", "--corpus", str(corpus))
    assert code == 0, err
    assert "database is locked" not in err
    return json.loads(out)


def test_a_build_killed_at_any_point_leaves_no_partial_index(corpus):
    expected = len(_answer(corpus))
    path = store_path(corpus)
    rng = random.Random(7)
    for _ in range(20):
        proc = subprocess.Popen(
            [sys.executable, "-m", "korjp", "index", "--corpus", str(corpus)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.05, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if path.exists():  # whatever is there is a complete index
            db = sqlite3.connect(path)
            assert db.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 96
            db.close()
    assert len(_answer(corpus)) == expected
    leftovers = [p for p in path.parent.iterdir() if p.name.startswith(".build-")]
    assert len(leftovers) <= 20  # killed builds may leave temp files, never a half index


def test_a_corrupt_index_is_detected_and_rebuilt_with_a_notice(corpus):
    expected = _answer(corpus)
    path = store_path(corpus)
    for damage in (b"", b"garbage" * 100, path.read_bytes()[:4096]):
        path.write_bytes(damage)
        code, out, err = run_cli("quotes", "--json", "--corpus", str(corpus))
        assert code == 0
        assert json.loads(out) == expected
        assert "rebuilt" in err and len(err.strip().splitlines()) == 1


def test_an_index_of_another_schema_version_is_rebuilt(corpus):
    expected = _answer(corpus)
    db = sqlite3.connect(store_path(corpus))
    db.execute("PRAGMA user_version = 999")
    db.commit()
    db.close()
    code, out, err = run_cli("quotes", "--json", "--corpus", str(corpus))
    assert code == 0 and json.loads(out) == expected
    assert "schema" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_cache_directory_falls_back_to_a_temporary_index(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "locked"
    cache.mkdir()
    cache.chmod(0o500)
    monkeypatch.setenv("KORJP_CACHE_DIR", str(cache / "korjp"))
    try:
        code, out, err = run_cli("quotes", "--json", "--corpus", str(corpus))
    finally:
        cache.chmod(0o700)
    assert code == 0 and json.loads(out)
    assert "temporary index" in err


def test_an_uncreatable_cache_directory_falls_back_to_a_temporary_index(corpus, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KORJP_CACHE_DIR", str(blocker / "korjp"))
    code, out, err = run_cli("quotes", "--json", "--corpus", str(corpus))
    assert code == 0 and json.loads(out)
    assert "temporary index" in err


def test_an_edit_in_the_same_second_as_the_build_is_seen(corpus):
    target = corpus / "copy0" / "a" / "a01_yonhap_summit.txt"
    os.utime(target)  # written just now, as an editor would, then indexed in the same tick
    before = _answer(corpus)
    stat = target.stat()
    text = target.read_text(encoding="utf-8")
    # Same size, same mtime as when it was indexed (a coarse clock): only the hash can tell.
    target.write_text(text.replace("Choi Eun-hee", "Choi Eun-hye"), encoding="utf-8")
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = _answer(corpus)
    assert after != before
    assert any(q["speaker"] == "Choi Eun-hye" for q in after)


def test_refresh_handles_a_changed_an_added_and_a_deleted_file(corpus):
    _answer(corpus)
    (corpus / "copy1" / "a" / "a02_kyodo_econsecurity.txt").unlink()
    new = corpus / "copy1" / "new.txt"
    new.write_text(
        'Title\n\nSEOUL, Aug. 20 (Yonhap) -- "We will talk," Kim Min-seok said on Wednesday.\n',
        encoding="utf-8",
    )
    changed = corpus / "copy2" / "b" / "b01_reuters_chips.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nExtra line.\n", encoding="utf-8")
    store = open_store(corpus)
    articles = {r[0] for r in store.db.execute("SELECT article FROM articles")}
    assert "copy1/new.txt" in articles
    assert "copy1/a/a02_kyodo_econsecurity.txt" not in articles
    assert store.db.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 96
    store.close()


def test_korjp_never_writes_into_the_corpus(corpus):
    before = sorted((p.relative_to(corpus), p.stat().st_mtime_ns) for p in corpus.rglob("*"))
    _answer(corpus)
    run_cli("index", "--corpus", str(corpus))
    after = sorted((p.relative_to(corpus), p.stat().st_mtime_ns) for p in corpus.rglob("*"))
    assert before == after


def test_readers_get_complete_answers_while_another_process_rebuilds(corpus):
    expected = len(_answer(corpus))
    env = os.environ.copy()
    builder = subprocess.Popen(
        [sys.executable, "-m", "korjp", "index", "--corpus", str(corpus)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    readers = [
        subprocess.Popen(
            [sys.executable, "-m", "korjp", "quotes", "--json", "--corpus", str(corpus)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(8)
    ]
    for r in readers:
        out, err = r.communicate(timeout=120)
        assert r.returncode == 0, err
        assert "locked" not in err
        assert len(json.loads(out)) == expected
    assert builder.wait(timeout=120) == 0


def test_an_event_sentence_is_stored_once_and_read_back_whole():
    from conftest import SEEDS

    from korjp import queries

    store = open_store(SEEDS)
    try:
        stored = store.db.execute("SELECT COUNT(*), COUNT(text) FROM events").fetchone()
        assert stored[0] > stored[1]  # most events point at their sentence instead of copying it
        for event in queries.timeline(store.db):
            sentence = store.db.execute(
                "SELECT text FROM sentences WHERE article = ? AND start = ?",
                (event["article"], event["sentence_start"]),
            ).fetchone()
            assert event["text"]
            if sentence:
                assert event["text"] == sentence[0]
    finally:
        store.close()
