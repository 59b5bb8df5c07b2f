"""`korjp watch`: file events keep the store fresh, and queries trust it only while it lives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import write_articles

from korjp.freshness import read_watch_state, watch_state_path, watcher_vouches
from korjp.index import open_store
from korjp.paths import store_path

pytest.importorskip("watchdog", reason="korjp watch needs the optional extra korjp[watch]")

from korjp.watch import AlreadyWatched, Watcher, relevant  # noqa: E402

QUOTE = (
    "Talks resume\n\n"
    'SEOUL, Aug. 20 (Yonhap) -- "We will talk again soon," Foreign Minister {name} said on Tuesday.\n'
)


def _wait(predicate, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


def _speakers(corpus: Path) -> set[str]:
    store = open_store(corpus)
    try:
        return {
            r[0] for r in store.db.execute("SELECT name FROM people p JOIN quotes q ON q.speaker = p.key")
        }
    finally:
        store.close()


@pytest.fixture
def watched(tmp_path):
    corpus = write_articles(tmp_path / "corpus", {"2025/a.txt": QUOTE.format(name="Cho Hyun")})
    refreshes = []
    watcher = Watcher(corpus, on_refresh=refreshes.append, full_check_seconds=3600)
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    store = store_path(corpus)
    _wait(lambda: watcher_vouches(store, corpus))
    yield corpus, watcher, refreshes
    watcher.stop()
    thread.join(10)
    assert not thread.is_alive()


def _settled(corpus: Path) -> bool:
    state = read_watch_state(store_path(corpus))
    return bool(state) and state["pending"] is False


def test_changes_reach_queries_without_a_walk(watched):
    corpus, watcher, refreshes = watched
    (corpus / "2025/b.txt").write_text(QUOTE.format(name="Takeshi Iwaya"))
    _wait(lambda: any(r.changed for r in refreshes) and _settled(corpus))
    assert _speakers(corpus) == {"Cho Hyun", "Takeshi Iwaya"}
    (corpus / "2025/a.txt").unlink()
    _wait(lambda: any(r.deleted for r in refreshes) and _settled(corpus))
    assert _speakers(corpus) == {"Takeshi Iwaya"}
    assert not any(r.missed for r in refreshes)


def test_the_heartbeat_says_pending_until_the_refresh_commits(watched):
    corpus, watcher, refreshes = watched
    states = []
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            state = read_watch_state(store_path(corpus))
            if state:
                states.append(state["pending"])
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    (corpus / "2025/c.txt").write_text(QUOTE.format(name="Wi Sung-lac"))
    _wait(lambda: bool(refreshes) and _settled(corpus))
    stop.set()
    sampler.join()
    assert True in states  # the event was announced before its refresh
    # Once settled, the refresh has committed: the new article is in the store. (The last
    # sample may predate the settling: writing a file sends several events.)
    assert "Wi Sung-lac" in _speakers(corpus)


def test_one_watcher_per_store(watched):
    corpus, _, _ = watched
    with pytest.raises(AlreadyWatched):
        Watcher(corpus).run()


def test_stopping_removes_the_heartbeat(tmp_path):
    corpus = write_articles(tmp_path / "corpus", {"a.txt": QUOTE.format(name="Cho Hyun")})
    watcher = Watcher(corpus)
    thread = threading.Thread(target=watcher.run)
    thread.start()
    _wait(lambda: watcher_vouches(store_path(corpus), corpus))
    watcher.stop()
    thread.join(10)
    assert not watch_state_path(store_path(corpus)).exists()


def test_only_articles_and_the_catalog_matter(tmp_path):
    root = tmp_path
    assert relevant(root, str(root / "2025/a.txt"), False)
    assert relevant(root, str(root / "corpus.toml"), False)
    assert relevant(root, str(root / "2025"), True)
    assert not relevant(root, str(root / "2025/.a.txt.swp"), False)
    assert not relevant(root, str(root / "notes.md"), False)
    assert not relevant(root, str(root / ".git/index"), False)
    assert not relevant(root, "/elsewhere/a.txt", False)


def test_the_command_stops_cleanly_on_sigterm(tmp_path):
    corpus = write_articles(tmp_path / "corpus", {"a.txt": QUOTE.format(name="Cho Hyun")})
    proc = subprocess.Popen(
        [sys.executable, "-m", "korjp", "watch", "--corpus", str(corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    try:
        _wait(lambda: watcher_vouches(store_path(corpus), corpus), 30)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "watching" in err and out == ""
    assert not watch_state_path(store_path(corpus)).exists()
