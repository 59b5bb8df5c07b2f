"""The pager: long output on a terminal goes through $KORJP_PAGER / $PAGER / less, as gh
does; piped output and --no-pager never do."""

from __future__ import annotations

import sys

import pytest

from korjp import render


@pytest.fixture
def terminal(monkeypatch):
    """Pretend stdout is a terminal, as paged() checks it."""
    monkeypatch.setattr(
        render, "stream_isatty", lambda stream: stream is sys.stdout or stream is sys.__stdout__
    )
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


def _pager_into(path) -> str:
    return f"{sys.executable} -c \"import sys,shutil; shutil.copyfileobj(sys.stdin, open(r'{path}', 'w'))\""


def test_a_terminal_gets_the_table_through_the_pager(terminal, tmp_path, monkeypatch, capsys):
    paged_to = tmp_path / "paged.txt"
    monkeypatch.setenv("KORJP_PAGER", _pager_into(paged_to))
    with render.paged():
        render.quotes(
            [
                {
                    "said_on": "2025-08-20",
                    "speaker": "Lee",
                    "role": None,
                    "kind": "direct",
                    "text": "words said",
                    "article": "a.txt",
                }
            ]
        )
    shown = paged_to.read_text(encoding="utf-8")
    assert "Quotes" in shown and "“words said”" in shown  # the table, not TSV
    assert capsys.readouterr().out == ""


def test_piped_output_is_never_paged(tmp_path, monkeypatch):
    paged_to = tmp_path / "paged.txt"
    monkeypatch.setenv("KORJP_PAGER", _pager_into(paged_to))
    monkeypatch.setattr(render, "stream_isatty", lambda stream: False)
    with render.paged():
        pass
    assert not paged_to.exists()


@pytest.mark.parametrize("value", ["", "cat"])
def test_an_empty_pager_setting_means_no_pager(monkeypatch, value):
    monkeypatch.setenv("KORJP_PAGER", value)
    assert render.pager_command() is None


def test_korjp_pager_wins_over_pager_and_less_is_the_default(monkeypatch):
    monkeypatch.setenv("PAGER", "more")
    monkeypatch.setenv("KORJP_PAGER", "most")
    assert render.pager_command() == "most"
    monkeypatch.delenv("KORJP_PAGER")
    assert render.pager_command() == "more"
    monkeypatch.delenv("PAGER")
    assert render.pager_command() == "less"


def test_no_pager_flag(terminal, tmp_path, monkeypatch):
    paged_to = tmp_path / "paged.txt"
    monkeypatch.setenv("KORJP_PAGER", _pager_into(paged_to))
    monkeypatch.setattr(render, "PAGER_OFF", True)
    with render.paged():
        pass
    assert not paged_to.exists()
