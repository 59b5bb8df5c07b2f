"""The `korjp` command as a user and a script see it: output shapes, exit codes, safety.

In-process through Typer's CliRunner (stdout is not a terminal there, so listings are TSV
unless FORCE_COLOR asks for tables), on the bundled seeds or on small corpora written into
tmp_path. One test runs a real subprocess, for the closed-pipe case.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, run_cli, run_json, write_articles

from korjp import cli, queries, render

LISTINGS = {
    "timeline": ["timeline"],
    "quotes": ["quotes"],
    "search": ["search", "shuttle diplomacy"],
    "articles": ["articles"],
    "speakers": ["speakers"],
}

CONTRACT = {
    "quotes": {
        "id", "article", "speaker", "speaker_mention", "role", "kind", "text", "start", "end",
        "said_on", "verb",
    },
    "timeline": {
        "date", "granularity", "start_date", "end_date", "evidence", "start", "end", "text",
        "actors", "article", "inferred", "kind",
    },
    "search": {"score", "kind", "text", "article", "speaker", "date", "start", "end", "match"},
    "articles": {
        "article", "path", "title", "dateline", "date", "year_evidence", "quotes", "events",
        "warnings", "date_basis",
    },
    "speakers": {"name", "aliases", "roles", "country", "group", "quotes", "articles"},
}  # fmt: skip


def invoke(*args: str):
    """Run korjp in-process; returns (exit code, stdout bytes, stderr text)."""
    from typer.testing import CliRunner

    result = CliRunner().invoke(cli.app, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr


# --- --json: one array, the contract's keys, messages elsewhere ---------------------------


@pytest.mark.parametrize("command", sorted(LISTINGS))
def test_json_is_one_array_with_the_contract_keys(command):
    code, out, err = run_cli(*LISTINGS[command], "--json", "--corpus", str(SEEDS))
    assert code == 0, err
    records = json.loads(out)  # the whole of stdout is one JSON document
    assert isinstance(records, list) and records
    for r in records:
        assert set(r) == CONTRACT[command]
    if command == "articles":
        for r in records:
            assert r["dateline"] is None or set(r["dateline"]) == {"text", "place", "date", "source"}
            assert all(isinstance(e, str) for e in r["year_evidence"] + r["warnings"])
    if command == "speakers":
        for r in records:
            assert all(set(role) == {"role", "as_of"} for role in r["roles"])
    if command == "search":
        for r in records:
            assert set(r["match"]) == {"start", "end", "text"}


def test_json_offsets_locate_the_text():
    _, records = run_json("quotes")
    for q in records:
        text = (SEEDS / q["article"]).read_bytes().decode("utf-8")
        assert text[q["start"] : q["end"]] == q["text"]


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--from", "2090"],
        ["quotes", "--from", "2090"],
        ["search", "qqqxxxzzzjjj"],
        ["articles", "--article", "no-such-article.txt"],
        ["speakers", "--speaker", "Nobody Atall"],
        ["quotes", "--speaker", "Nobody Atall"],
        ["timeline", "--limit", "0"],
    ],
    ids=lambda a: " ".join(a),
)
def test_json_nothing_found_is_an_empty_array_and_exit_1(args):
    code, out, err = run_cli(*args, "--json", "--corpus", str(SEEDS))
    assert code == 1
    assert out == "[]\n"
    assert "Traceback" not in err


def test_no_results_message_goes_to_stderr():
    code, out, err = run_cli("timeline", "--from", "2090", "--corpus", str(SEEDS))
    assert (code, out) == (1, "")
    assert "no results" in err


def test_empty_corpus_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    code, out, err = run_cli("timeline", "--json", "--corpus", str(tmp_path / "empty"))
    assert (code, out) == (1, "[]\n")
    assert "no .txt articles" in err


# --- exit codes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--bogus"],
        ["quotes", "--kind", "bogus"],
        ["timeline", "--from", "notadate"],
        ["quotes", "--to", "the 45th of Smarch"],
        ["timeline", "--from", ""],
        ["timeline", "--from", "2025-09", "--to", "2025-08"],
        ["quotes", "--from", "2025-08-21", "--to", "2025-08-20"],
        ["search", ""],
        ["search", "   "],
        ["search", "!!!"],
        ["timeline", "--limit", "-1"],
        ["search", "shuttle", "--limit", "-1"],
        ["search", "shuttle", "--min-score", "101"],
        ["quotes", "--speaker", ""],
        ["speakers", "--speaker", "---"],
        ["search"],
        ["timeline", "extra-argument"],
    ],
    ids=lambda a: " ".join(a) or "empty",
)
def test_usage_errors_exit_2_with_nothing_on_stdout(args):
    code, out, err = run_cli(*args, "--json", "--corpus", str(SEEDS))
    assert code == 2, err
    assert out == ""
    assert err.strip()
    assert "Traceback" not in err


def test_bad_dates_are_usage_errors_even_without_a_corpus(tmp_path):
    code, out, err = run_cli("timeline", "--from", "someday", "--corpus", str(tmp_path / "nope"))
    assert (code, out) == (2, "")
    assert "someday" in err


@pytest.mark.parametrize("how", ["--corpus", "KORJP_CORPUS", "file"])
def test_missing_corpus_exits_1_with_an_actionable_message(tmp_path, monkeypatch, how):
    missing = tmp_path / "no-such-folder"
    args = ["timeline", "--json"]
    if how == "--corpus":
        args += ["--corpus", str(missing)]
    elif how == "KORJP_CORPUS":
        monkeypatch.setenv("KORJP_CORPUS", str(missing))
    else:
        missing.write_text("not a folder")
        args += ["--corpus", str(missing)]
    code, out, err = run_cli(*args)
    assert (code, out) == (1, "")
    assert str(missing) in err
    assert "--corpus DIR" in err
    assert "Traceback" not in err


def test_unknown_speaker_exits_1_and_suggests_names():
    code, out, err = run_cli("quotes", "--speaker", "Kim Minsu", "--corpus", str(SEEDS))
    assert (code, out) == (1, "")
    assert "Did you mean" in err
    assert "Kim Min-seok" in err


def test_unknown_article_exits_1_and_suggests_ids():
    article = sorted(p.name for p in SEEDS.glob("*.txt"))[0]
    code, out, err = run_cli("quotes", "--article", article[:-4], "--corpus", str(SEEDS))
    assert (code, out) == (1, "")
    assert f"Did you mean: {article}" in err


def test_an_unexpected_error_is_one_line_not_a_traceback(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(queries, "timeline", broken)
    monkeypatch.setattr(sys, "argv", ["korjp", "timeline", "--corpus", str(SEEDS)])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "korjp: error: RuntimeError: database on fire" in err
    assert "Traceback" not in err


# --- --speaker ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lee", {"Lee Jae-myung"}),
        ("lee jaemyung", {"Lee Jae-myung"}),
        ("LEE JAE-MYUNG", {"Lee Jae-myung"}),
        ("Lee Jae Myung", {"Lee Jae-myung"}),
        ("Jae-myung Lee", {"Lee Jae-myung"}),
        ("Lee Jaemyong", {"Lee Jae-myung"}),
        ("Kim", {"Kim Min-seok", "Kim Ji-na"}),
        ("kim min-seok", {"Kim Min-seok"}),
        ("Kim Minseok", {"Kim Min-seok"}),
        ("Kim Ji-na", {"Kim Ji-na"}),
    ],
)
def test_speaker_matching_in_quotes(name, expected):
    code, records = run_json(f"quotes --speaker '{name}'")
    assert code == 0
    assert {q["speaker"] for q in records} == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ishiba", ["Shigeru Ishiba"]),
        ("shigeru ishiba", ["Shigeru Ishiba"]),
        ("Ishbia", ["Shigeru Ishiba"]),
        ("Kim", ["Kim Ji-na", "Kim Min-seok"]),
        ("Lee", ["Lee Jae-myung"]),
    ],
)
def test_speaker_matching_in_speakers(name, expected):
    code, records = run_json(f"speakers --speaker '{name}'")
    assert code == 0
    assert sorted(r["name"] for r in records) == expected


def test_kind_is_case_insensitive_and_filters():
    code, records = run_json("quotes --kind DIRECT")
    assert code == 0 and records
    assert {q["kind"] for q in records} == {"direct"}
    assert tuple(k.value for k in cli.Kind) == queries.KINDS


# --- timeline window ---------------------------------------------------------------------------


def test_timeline_window_selects_overlapping_events():
    code, records = run_json("timeline --from 1940 --to 1950")
    assert code == 0
    assert "1910/1945" in {r["date"] for r in records}
    assert all(r["end_date"] >= "1940-01-01" and r["start_date"] <= "1950-12-31" for r in records)
    code, records = run_json("timeline --from 1946 --to 1950")
    assert "1910/1945" not in {r["date"] for r in records}


def test_timeline_window_on_a_small_corpus(tmp_path):
    corpus = write_articles(
        tmp_path / "c",
        {
            "history.txt": "Colonial rule\n\nSEOUL, Aug. 20 (Yonhap) -- Korea was under Japanese "
            "colonial rule from 1910 to 1945, the minister noted. The treaty was signed in 1965.\n",
        },
    )
    _, records = run_json("timeline --from 1940-06 --to 1950", corpus)
    dates = {r["date"] for r in records}
    assert "1910/1945" in dates and "1965" not in dates
    _, records = run_json("timeline --from 1965-03-01 --to 1965-03-31", corpus)
    assert {r["date"] for r in records} == {"1965"}


def test_month_bound_is_inclusive_to_its_last_day():
    _, everything = run_json("timeline")
    _, august = run_json("timeline --from 2025-08 --to 2025-08")
    expected = [r for r in everything if r["end_date"] >= "2025-08-01" and r["start_date"] <= "2025-08-31"]
    assert august == expected


# --- terminal, pipe, colour ---------------------------------------------------------------------


def test_piped_output_is_tsv_without_colour():
    code, out, _ = invoke("timeline", "--corpus", str(SEEDS))
    assert code == 0
    lines = out.decode("utf-8").splitlines()
    assert lines and all(line.count("\t") == 4 for line in lines)
    assert b"\x1b" not in out and "│".encode() not in out


def test_force_color_draws_a_table_and_no_color_keeps_it_plain(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = invoke("quotes", "--speaker", "Lee", "--corpus", str(SEEDS))
    assert code == 0
    assert "│".encode() in out and b"Quotes" in out
    assert b"\x1b" not in out  # NO_COLOR=1 (set by conftest) still wins over FORCE_COLOR
    monkeypatch.delenv("NO_COLOR")
    code, out, _ = invoke("quotes", "--speaker", "Lee", "--corpus", str(SEEDS))
    assert code == 0
    assert re.search(rb"\x1b\[[0-9;]*m", out)


def test_colour_follows_no_color_term_and_force_color(monkeypatch):
    class Tty:
        def isatty(self):
            return True

    class Pipe:
        def isatty(self):
            return False

    for var in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(var, raising=False)
    assert render._color_wanted(Tty()) and render.is_terminal(Tty())
    monkeypatch.setenv("NO_COLOR", "")  # empty means unset (no-color.org)
    assert render._color_wanted(Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not render._color_wanted(Tty()) and render.is_terminal(Tty())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not render._color_wanted(Tty())
    assert not render.is_terminal(Pipe())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert render._color_wanted(Tty()) and render._color_wanted(Pipe())
    assert render.is_terminal(Pipe())


# --- untrusted article text ---------------------------------------------------------------------

HOSTILE_BITS = (
    "[bold red]x[/bold red] [link=file:///etc/passwd]x[/link] stray [/] "
    "\x1b[31mred\x1b[0m \x1b]0;pwned\x07 \x1b]8;;http://evil.example/\x1b\\here\x1b]8;;\x1b\\ "
    "ring\x07 back\x08\x08 \u202eevil\u202c zero\u200bwidth"
)
HOSTILE = (
    f"Hostile {HOSTILE_BITS} headline\n\n"
    f'SEOUL, Aug. 20 (Yonhap) -- President Lee Jae-myung said on Wednesday, "{HOSTILE_BITS} '
    'is what we will discuss," at a meeting in 2025.\n\n'
    "Lee added that the summit would be held later this month.\n"
)
FORBIDDEN = [b"\x1b", b"\x07", b"\x08", "\u202e".encode(), "\u200b".encode(), b"pwned", b"evil.example"]
LITERAL = [b"[bold red]x[/bold red]", b"[link=file:///etc/passwd]x[/link]", b"stray [/]"]


@pytest.fixture
def hostile(tmp_path):
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "bad.txt").write_bytes(HOSTILE.encode("utf-8"))
    return corpus


@pytest.mark.parametrize("mode", ["tsv", "table", "colour table"])
@pytest.mark.parametrize(
    "args", [["quotes"], ["timeline"], ["articles"], ["search", "discuss"]], ids=lambda a: a[0]
)
def test_article_text_is_inert_on_the_terminal(hostile, monkeypatch, mode, args):
    if mode != "tsv":
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("COLUMNS", "400")
    if mode == "colour table":
        monkeypatch.delenv("NO_COLOR")
    code, out, err = invoke(*args, "--corpus", str(hostile))
    assert code == 0, err
    assert ("│".encode() in out) == (mode != "tsv")
    if mode == "colour table":
        assert re.search(rb"\x1b\[[0-9;]*m", out)
        out = re.sub(rb"\x1b\[[0-9;]*m", b"", out)  # korjp's own styles; nothing else may remain
    for bad in FORBIDDEN:
        assert bad not in out, (mode, bad)
    for text in LITERAL:
        assert text in out, (mode, text)


def test_json_keeps_the_original_text_escaped(hostile):
    code, out, err = invoke("quotes", "--json", "--corpus", str(hostile))
    assert code == 0, err
    for raw in ("\x1b", "\x07", "\x08", "\u202e", "\u200b"):
        assert raw.encode() not in out
    records = json.loads(out)
    source = HOSTILE
    quote = next(q for q in records if "[link=" in q["text"])
    assert HOSTILE_BITS in quote["text"]
    assert source[quote["start"] : quote["end"]] == quote["text"]


def test_messages_are_cleaned_too(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    render.message("korjp: no article 'x\x1b]0;pwned\x07\u202e[bold]y[/bold]'", style="red")
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err and "[bold]y[/bold]" in err


# --- help, version, index -------------------------------------------------------------------------


def test_version():
    from korjp import __version__

    code, out, _ = run_cli("--version")
    assert (code, out) == (0, f"korjp {__version__}\n")


@pytest.mark.parametrize("command", ["timeline", "quotes", "search", "articles", "speakers", "index", "eval"])
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_on_every_command_has_an_example(command, flag):
    code, out, _ = run_cli(command, flag)
    assert code == 0
    assert f"Usage: korjp {command}" in out
    assert f"Example: korjp {command}" in out
    assert "-h, --help" in out


def test_help_keeps_bracketed_text():
    _, out, _ = run_cli("quotes", "-h")
    flat = " ".join(out.split())
    assert "[direct|partial|continuation|indirect]" in flat
    assert "[Lee, 'lee jaemyung', Kim]" in flat
    assert "[OPTIONS]" in flat
    _, out, _ = run_cli("search", "-h")
    assert "[default: 10; x>=0]" in " ".join(out.split())
    code, out, _ = run_cli("-h")
    assert code == 0 and "Example: korjp quotes --speaker Lee" in out


def test_index_prints_the_store_path_in_korjp_cache_dir(tmp_path, monkeypatch):
    cache = tmp_path / "my cache"
    monkeypatch.setenv("KORJP_CACHE_DIR", str(cache))
    code, out, err = run_cli("index", "--corpus", str(SEEDS))
    assert code == 0
    path = Path(out.strip())
    assert out.count("\n") == 1
    assert path.is_file() and path.parent == cache
    assert "indexed 2 articles" in err


# --- pipes, and the library/CLI split ------------------------------------------------------------


def test_closed_pipe_ends_quietly(tmp_path):
    """`korjp timeline | head -1`: the reader is gone before korjp writes a byte."""
    env = {**os.environ, "KORJP_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "korjp", "timeline", "--corpus", str(SEEDS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0, err
    assert err == b""


RENDER_LAYER = {"render.py", "show.py", "charts.py"}  # the CLI package and the Rich renderers


def test_only_cli_and_render_import_typer_or_rich():
    for path in sorted((ROOT / "korjp").rglob("*.py")):
        if path.name in RENDER_LAYER or "cli" in path.relative_to(ROOT / "korjp").parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in {"typer", "rich", "click"}, f"{path.name} imports {name}"
