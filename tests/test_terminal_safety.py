"""Article text cannot take over the terminal: exact bytes, every command, every message.

tests/test_cli.py checks that one hostile quote comes out without escapes in the quotes,
timeline, articles and search listings. Here the hostile text is everywhere a user can put
it (headline, quote, sentence, file name, corpus folder name, command-line values), and
the checks are byte-exact. A "twin" corpus holds the same articles typed without the
escapes and invisible characters; then:

- TSV and tables (FORCE_COLOR=1, NO_COLOR=1, see the README) of the hostile corpus are
  byte for byte those of the twin, for every command, and each TSV cell that carries
  hostile text is exactly the expected inert text;
- with colour, the only escapes are korjp's own SGR colours, and removing them gives the
  plain table byte for byte;
- stderr: warnings, notices and errors (unknown article or speaker, bad option values,
  a hostile corpus folder name) hold no control, bidi or zero-width character;
- --json keeps the original text, escaped, for every command.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from korjp import cli, render

# Every kind of trouble, with what a terminal must get instead: Rich markup (shown as
# written), CSI colour, OSC titles (BEL and ST ends), an OSC 8 hyperlink, cursor movement,
# screen clear, the alternate screen, BEL, backspace, DEL, an 8-bit CSI, bidi overrides and
# isolates, zero-width characters (all removed), and a tab.
PIECES = [
    ("\x1b[31mred\x1b[0m", "red"),
    (" \x1b]0;pwned\x07", " "),
    (" \x1b]2;pwned too\x1b\\", " "),
    (" \x1b]8;;http://evil.example/\x1b\\here\x1b]8;;\x1b\\", " here"),
    (" \x1b[2J\x1b[H\x1b[10A\x1b[1;1H\x1b[?1049h", " "),
    (" ring\x07 back\x08\x08 del\x7f", " ring back del"),
    (" \x9b2J", " "),
    (" \u202eevil\u202c \u2066iso\u2069 \u200fzero\u200bwid\u200dth\u2060\ufeff", " evil iso zerowidth"),
    (" [bold red]b[/bold red] [link=file:///etc/passwd]x[/link] stray [/] :smiley:", None),
    ("\tend", None),
]
EVIL = "".join(a for a, _ in PIECES)
STRIPPED = "".join(a if b is None else b for a, b in PIECES)  # what a table shows
INERT = " ".join(STRIPPED.split())  # what a TSV cell shows: white space runs made one space
# A file name can hold all of it but "/" and NUL.
NAME = "evil\x1b]0;pwned\x07[bold]f[link=x]\u202e\u200b.txt"
INERT_NAME = "evil[bold]f[link=x].txt"


def article(evil: str) -> str:
    return (
        f"Headline {evil}\n\n"
        f'SEOUL, Aug. 20 (Yonhap) -- President Lee Jae-myung said on Wednesday, "{evil} is the '
        'point," after talks.\n\n'
        f"The {evil} talks ended on Aug. 21.\n"
    )


ARTICLE = article(EVIL)

SGR = re.compile(rb"\x1b\[[0-9;]*m")
INVISIBLE = set("\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e")
INVISIBLE |= set("\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\ufff9\ufffa\ufffb")


def assert_inert(data: bytes, allow_sgr: bool = False, tsv: bool = False, echoed: bool = False) -> str:
    """Nothing a terminal would act on: no escapes (but SGR colours if allowed), no C0 but
    newline (and tab, the TSV separator), no C1, no bidi or zero-width characters; and
    nothing of the escape sequences' payloads, unless `echoed` (an error message may quote
    a command-line value, escaped as printable text). Returns the text without SGR."""
    if allow_sgr:
        data = SGR.sub(b"", data)
    text = data.decode("utf-8")
    allowed = "\n\t" if tsv else "\n"
    bad = sorted(
        {
            f"U+{ord(ch):04X}"
            for ch in text
            if (ch not in allowed and unicodedata.category(ch) == "Cc") or ch in INVISIBLE
        }
    )
    assert not bad, bad
    if not echoed:
        for word in ("pwned", "evil.example", "http://"):
            assert word not in text
    return text


def make_corpus(root: Path, evil: str, name: str) -> Path:
    root.mkdir()
    (root / name).write_bytes(article(evil).encode("utf-8"))
    # a second file, empty, so that `articles` shows a warning naming a hostile id
    (root / f"x{name}").write_bytes(b"")
    return root


@pytest.fixture
def hostile(tmp_path):
    return make_corpus(tmp_path / "corpus", EVIL, NAME)


@pytest.fixture
def twin(tmp_path):
    """The same corpus typed without the escapes: what the hostile one must look like."""
    return make_corpus(tmp_path / "twin", STRIPPED, INERT_NAME)


def invoke(*args: str) -> tuple[int, bytes, bytes]:
    result = CliRunner().invoke(cli.app, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr_bytes


COMMANDS = {
    "timeline": ["timeline"],
    "quotes": ["quotes"],
    "search": ["search", "point"],
    "articles": ["articles"],
    "speakers": ["speakers"],
}


# --------------------------------------------------------------------------- TSV, exact cells


def _cells(out: bytes) -> list[list[str]]:
    return [line.split("\t") for line in out.decode("utf-8").splitlines()]


def test_tsv_cells_are_exactly_the_inert_text(hostile):
    code, out, _ = invoke("timeline", "--corpus", str(hostile))
    assert code == 0
    assert_inert(out, tsv=True)
    rows = _cells(out)
    assert all(len(r) == 5 for r in rows)
    texts = {r[2] for r in rows if r[4] == INERT_NAME}
    assert f'President Lee Jae-myung said on Wednesday, "{INERT} is the point," after talks.' in texts
    assert f"The {INERT} talks ended on Aug. 21." in texts

    code, out, _ = invoke("quotes", "--corpus", str(hostile))
    assert code == 0
    assert_inert(out, tsv=True)
    assert [(r[4], r[5]) for r in _cells(out)] == [(f"{INERT} is the point", INERT_NAME)]

    code, out, _ = invoke("search", "point", "--corpus", str(hostile))
    assert code == 0
    assert_inert(out, tsv=True)
    rows = _cells(out)
    assert all(len(r) == 9 for r in rows)  # ..., article, match start, match end
    assert (f"{INERT} is the point", INERT_NAME) in {(r[3], r[6]) for r in rows}

    code, out, _ = invoke("articles", "--corpus", str(hostile))
    assert code == 0
    assert_inert(out, tsv=True)
    rows = {r[0]: r for r in _cells(out)}
    assert all(len(r) == 8 for r in rows.values())  # ... warnings, date basis
    assert rows[INERT_NAME][3] == f"Headline {INERT}"
    assert rows["x" + INERT_NAME][6] == f"x{INERT_NAME}: is empty; skipped"

    code, out, _ = invoke("speakers", "--corpus", str(hostile))
    assert code == 0
    assert_inert(out, tsv=True)
    assert [r[0] for r in _cells(out)] == ["Lee Jae-myung"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_tsv_is_the_tsv_of_the_same_text_typed_without_escapes(hostile, twin, command):
    code, out, _ = invoke(*COMMANDS[command], "--corpus", str(hostile))
    assert code == 0
    code, expected, _ = invoke(*COMMANDS[command], "--corpus", str(twin))
    assert code == 0
    if command == "search":  # the match offsets count the escape characters of the file
        out, expected = _without_offsets(out), _without_offsets(expected)
    assert out == expected


def _without_offsets(tsv: bytes) -> list[list[bytes]]:
    return [line.split(b"\t")[:-2] for line in tsv.splitlines()]


# --------------------------------------------------------------------------- tables


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_tables_are_the_tables_of_the_same_text_typed_without_escapes(hostile, twin, monkeypatch, command):
    """Byte for byte: the escapes and invisible characters leave no trace in the layout."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "1000")  # wide enough that no cell wraps
    code, plain, _ = invoke(*COMMANDS[command], "--corpus", str(hostile))
    assert code == 0
    text = assert_inert(plain)
    assert "│" in text  # a table, not TSV
    if command != "speakers":
        for literal in (
            "[bold red]b[/bold red]",
            "[link=file:///etc/passwd]x[/link]",
            "stray [/]",
            ":smiley:",
        ):
            assert literal in text
    code, expected, _ = invoke(*COMMANDS[command], "--corpus", str(twin))
    assert plain == expected


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_colour_adds_nothing_but_sgr_colours(hostile, monkeypatch, command):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "1000")
    code, plain, _ = invoke(*COMMANDS[command], "--corpus", str(hostile))
    assert code == 0
    monkeypatch.delenv("NO_COLOR")
    code, colour, _ = invoke(*COMMANDS[command], "--corpus", str(hostile))
    assert code == 0
    assert SGR.search(colour)
    assert_inert(colour, allow_sgr=True)
    assert SGR.sub(b"", colour) == plain


def test_article_table_warnings_are_inert(hostile, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "1000")
    code, out, _ = invoke("articles", "--corpus", str(hostile))
    assert code == 0
    assert f"⚠ x{INERT_NAME}: is empty; skipped" in assert_inert(out)


@pytest.mark.parametrize("table", [True, False], ids=["table", "tsv"])
def test_renderers_clean_every_field_they_are_given(capsys, monkeypatch, table):
    """Names, roles and aliases cannot carry escapes out of the extractor today, and ESC
    followed by a single byte (reset, save and restore cursor) is not in the article above;
    the renderers must not rely on either."""
    if table:
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("COLUMNS", "1000")
    evil = EVIL + " \x1bc\x1b7\x1b8\x1bM\x85\u2028"
    speaker = {
        "name": f"Kim {evil}",
        "aliases": [evil],
        "roles": [{"role": evil, "as_of": "2025-08-20"}],
        "country": evil,
        "group": False,
        "quotes": 1,
        "articles": 1,
    }
    quote = {"said_on": evil, "speaker": evil, "role": evil, "kind": evil, "text": evil, "article": evil}
    render.speakers([speaker])
    render.quotes([quote])
    out = capsys.readouterr().out.encode()
    assert_inert(out, tsv=not table)
    if not table:
        rows = _cells(out)
        assert rows[0][0].startswith(f"Kim {INERT}") and rows[0][3].startswith(INERT)
        assert len(rows) == 2 and [len(r) for r in rows] == [5, 6]


# --------------------------------------------------------------------------- stderr


def _stderr_cases(hostile: Path, tmp_path: Path) -> list[tuple[list[str], int, str]]:
    evil_dir = tmp_path / f"dir{NAME}"
    evil_dir.mkdir()
    return [
        (["quotes", "--article", "evil", "--corpus", str(hostile)], 1, f"Did you mean: {INERT_NAME}"),
        (["quotes", "--speaker", f"Lee{EVIL}", "--corpus", str(hostile)], 1, "korjp speakers"),
        (["timeline", "--corpus", str(evil_dir)], 1, f"no .txt articles in {tmp_path}/dir{INERT_NAME}"),
        (["timeline", "--corpus", str(evil_dir / "gone")], 1, f"dir{INERT_NAME}/gone"),
        (["index", "--corpus", str(hostile)], 0, f"indexed 2 articles from {hostile}"),
        (["timeline", "--from", EVIL], 2, "cannot read"),
        (["quotes", "--kind", EVIL], 2, "Invalid value"),
        (["quotes", "--limit", EVIL], 2, "Invalid value"),
        ([f"bogus{EVIL}"], 2, "No such command"),
        (["search", "--min-score", "100", "--corpus", str(hostile), "--", f"zzzqqq{EVIL}"], 1, "no results"),
    ]


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_messages_on_stderr_are_inert(hostile, tmp_path, monkeypatch, colour):
    if colour:
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.delenv("NO_COLOR")
    for args, expected, words in _stderr_cases(hostile, tmp_path):
        code, _, err = invoke(*args)
        assert code == expected, (args, err)
        echoed = any(EVIL in a for a in args)
        text = assert_inert(err, allow_sgr=colour, echoed=echoed)
        assert "".join(words.split()) in "".join(text.split()), (args, text)  # Rich may wrap


@pytest.mark.xfail(reason="click's 'No such option' escapes C0/C1 but not bidi or zero-width (reported)")
def test_an_unknown_option_is_echoed_inert():
    code, _, err = invoke("quotes", f"--bogus{EVIL}")
    assert code == 2
    assert "No such option" in assert_inert(err, echoed=True)


# --------------------------------------------------------------------------- JSON


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_json_keeps_the_original_text_escaped(hostile, command):
    code, out, _ = invoke(*COMMANDS[command], "--json", "--corpus", str(hostile))
    assert code == 0
    raw = out.decode("utf-8")
    assert not any(unicodedata.category(ch) == "Cc" and ch != "\n" for ch in raw)
    assert not INVISIBLE & set(raw)
    assert "\\u001b" in raw or command == "speakers"
    records = json.loads(raw)
    if command == "speakers":
        assert [r["name"] for r in records] == ["Lee Jae-myung"]
        return
    assert NAME in {r["article"] for r in records}
    mine = [r for r in records if r["article"] == NAME]
    if command == "quotes":
        assert [r["text"] for r in mine] == [f"{EVIL} is the point"]
        assert ARTICLE[mine[0]["start"] : mine[0]["end"]] == mine[0]["text"]
    elif command == "articles":
        assert mine[0]["title"] == f"Headline {EVIL}"
    else:
        assert any(EVIL in r["text"] for r in mine)
