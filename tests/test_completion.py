"""Shell completion of speaker names and article ids, from the index alone."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import SEEDS

from korjp.cli import complete


class FakeContext:
    def __init__(self, corpus):
        self.params = {"corpus": corpus}


def test_speakers_complete_from_the_index_by_name():
    from korjp.index import open_store

    open_store(SEEDS).close()  # build the index the completion reads
    assert "Lee Jae-myung" in complete.speakers(FakeContext(SEEDS), "Lee")
    assert "Kim Min-seok" in complete.speakers(FakeContext(SEEDS), "Kim")
    assert complete.speakers(FakeContext(SEEDS), "Zzz") == []


def test_articles_complete_and_like_wildcards_are_literal():
    from korjp.index import open_store

    open_store(SEEDS).close()
    assert complete.articles(FakeContext(SEEDS), "00") == [
        "000_9730816149b5759b.txt",
        "003_84e0aca2b85bf24c.txt",
    ]
    assert complete.articles(FakeContext(SEEDS), "%") == []


def test_no_index_means_no_suggestions_and_no_error(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nText.\n", encoding="utf-8")
    assert complete.speakers(FakeContext(tmp_path), "") == []


def test_the_shell_gets_the_names(tmp_path):
    from korjp.index import open_store

    open_store(SEEDS).close()
    env = dict(
        os.environ,
        _KORJP_COMPLETE="complete_bash",
        COMP_WORDS=f"korjp quotes --corpus {SEEDS} --speaker Shige",
        COMP_CWORD="5",
    )
    out = subprocess.run([sys.executable, "-m", "korjp"], env=env, capture_output=True, text=True, timeout=60)
    assert "Shigeru Ishiba" in out.stdout, out.stderr
