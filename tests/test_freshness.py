"""The freshness check: what the walk notices, and when a watcher's heartbeat is trusted."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import write_articles

from korjp import freshness, index
from korjp.freshness import corpus_state, new_watch_state, watcher_vouches, write_watch_state
from korjp.index import open_store
from korjp.paths import store_path

ARTICLE = 'SEOUL, Aug. 20 (Yonhap) -- "We will talk," Foreign Minister Cho Hyun said on Tuesday.\n'


@pytest.fixture
def corpus(tmp_path) -> Path:
    files = {f"{y}/{m:02d}/a{i}.txt": ARTICLE for y in (2024, 2025) for m in (1, 2) for i in range(3)}
    return write_articles(tmp_path / "corpus", files)


def _old(path: Path) -> None:
    """Date a file back a minute, out of the racy window of any build made now."""
    past = time.time_ns() - 60_000_000_000
    os.utime(path, ns=(past, past))


def test_walk_sees_size_mtime_mode_additions_and_removals(corpus):
    target = corpus / "2025/02/a1.txt"
    before = corpus_state(corpus)[0]
    assert corpus_state(corpus)[0] == before  # the same corpus, the same digest
    changes = [
        lambda: target.write_text(ARTICLE + "More.\n"),
        lambda: _old(target),
        lambda: target.chmod(0o600),
        lambda: (corpus / "2025/02/new.txt").write_text(ARTICLE),
        lambda: (corpus / "2025/02/new.txt").unlink(),
        lambda: (corpus / "2024/01/a0.txt").rename(corpus / "2024/01/b0.txt"),
    ]
    previous = before
    for change in changes:
        change()
        state = corpus_state(corpus)[0]
        assert state != previous
        previous = state


def test_walk_ignores_what_is_not_an_article(corpus):
    before = corpus_state(corpus)[0]
    (corpus / "2025/01/notes.md").write_text("not an article")
    (corpus / "2025/01/.a0.txt.swp").write_text("an editor's swap file")
    (corpus / ".hidden").mkdir()
    (corpus / ".hidden/x.txt").write_text(ARTICLE)
    assert corpus_state(corpus)[0] == before


def test_walk_reads_a_folder_reached_twice_once(corpus):
    before = corpus_state(corpus)[0]
    (corpus / "2025/loop").symlink_to(corpus, target_is_directory=True)
    assert corpus_state(corpus)[0] == before


def test_a_touched_file_costs_one_slow_query_not_every_query(corpus, monkeypatch):
    for path in corpus.rglob("*.txt"):
        _old(path)
    open_store(corpus).close()
    _old(corpus / "2024/02/a2.txt")  # a new mtime, the same bytes
    store = open_store(corpus)  # compares contents, finds nothing new, remembers the walk
    assert (store.changed, store.deleted) == (0, 0)
    store.close()

    def no_listing(root):
        raise AssertionError("the second query should not list and compare every file")

    monkeypatch.setattr(index, "list_articles", no_listing)
    open_store(corpus).close()


def _vouch(corpus: Path, **change) -> None:
    state = new_watch_state(corpus, pending=False)
    state.update(change)
    write_watch_state(store_path(corpus), state)


def test_a_live_watcher_spares_the_walk(corpus, monkeypatch):
    open_store(corpus).close()
    _vouch(corpus)
    assert watcher_vouches(store_path(corpus), corpus)

    def no_walk(root):
        raise AssertionError("a vouched store must not be walked")

    monkeypatch.setattr(freshness, "corpus_state", no_walk)
    monkeypatch.setattr(index, "list_articles", no_walk)
    store = open_store(corpus)
    assert store.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 12
    store.close()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.mark.parametrize(
    "change",
    [
        {"pending": True},  # told of a change it has not applied yet
        {"beat_ns": time.time_ns() - 60_000_000_000},  # hung or killed: no recent beat
        {"pid": "dead"},
        {"host": socket.gethostname() + "-elsewhere"},  # a watcher on another machine
        {"root": "/somewhere/else"},
    ],
    ids=["pending", "stale", "dead", "other-host", "other-root"],
)
def test_a_watcher_is_not_trusted_when(corpus, change):
    if change.get("pid") == "dead":
        change = {"pid": _dead_pid()}
    open_store(corpus).close()
    _vouch(corpus, **change)
    assert not watcher_vouches(store_path(corpus), corpus)
    # ...and then the walk notices a change made behind its back.
    (corpus / "2025/01/late.txt").write_text(ARTICLE)
    store = open_store(corpus)
    assert store.changed == 1
    store.close()


def test_a_garbled_heartbeat_is_not_trusted(corpus):
    open_store(corpus).close()
    freshness.watch_state_path(store_path(corpus)).write_text("{not json")
    assert not watcher_vouches(store_path(corpus), corpus)
