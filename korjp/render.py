"""Everything korjp shows: Rich tables on a terminal, TSV in a pipe, JSON on request.

Article text is untrusted: it is never parsed as Rich markup (cells are `Text` objects) and
every control sequence (ANSI CSI/OSC, C0/C1 controls, bidi overrides, zero-width marks) is
removed before it reaches a terminal. JSON keeps the original text; JSON escapes make it
inert. Consoles are made per call, so NO_COLOR, FORCE_COLOR and TERM set by a caller or a
test take effect.

The environment, following no-color.org and force-color.org (a variable counts when it is
set and not empty):
- FORCE_COLOR: draw for a terminal even when stdout is a pipe or a file (Rich tables, not
  TSV), in colour unless NO_COLOR is set too;
- NO_COLOR, or TERM=dumb without FORCE_COLOR: no colour.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from contextlib import contextmanager
from typing import IO

ANSI_RE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]"  # two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
# Controls (C0 but tab and newline, DEL, C1), zero-width and bidi formatting characters.
_INVISIBLE = "\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb"
UNSAFE_RE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
# What JSON leaves raw but a terminal could act on; C0 controls are always escaped by json.
JSON_UNSAFE_RE = re.compile(f"[\x7f-\x9f{_INVISIBLE}]")


def clean(text: str | None) -> str:
    """Text from an article made inert for a terminal: no escapes, controls or bidi tricks."""
    if not text:
        return ""
    return UNSAFE_RE.sub("", ANSI_RE.sub("", text))


def one_line(text: str | None) -> str:
    return " ".join(clean(text).split())


def _env_set(name: str) -> bool:
    return os.environ.get(name, "") != ""


def stream_isatty(stream: IO | None) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):
        return False


def is_terminal(stream: IO | None = None) -> bool:
    """Whether to draw for a terminal (tables) rather than for a program (TSV)."""
    if _PAGING and (stream is None or stream is sys.stdout):
        return True  # stdout is the pager's pipe, and the pager shows a terminal
    return _env_set("FORCE_COLOR") or stream_isatty(stream or sys.stdout)


# While output goes through a pager: the terminal's width and colour decided before it started.
_PAGING: dict = {}
PAGER_OFF = False  # --no-pager


def pager_command() -> str | None:
    """KORJP_PAGER, else PAGER, else less; empty (or `cat`) means no pager, as with gh."""
    for name in ("KORJP_PAGER", "PAGER"):
        if name in os.environ:
            command = os.environ[name].strip()
            return None if command in ("", "cat") else command
    return "less"


@contextmanager
def paged():
    """Send what is printed inside to the pager when stdout is a terminal (never when piped).

    `less` gets LESS=FRX unless the user set LESS: it quits at once when everything fits on
    one screen, keeps colours, and leaves the text on the screen, as gh does.
    """
    command = None if PAGER_OFF else pager_command()
    if command is None or _PAGING or not stream_isatty(sys.stdout):
        yield
        return
    import shutil
    import subprocess

    width = shutil.get_terminal_size().columns
    color = _color_wanted(sys.stdout)
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    try:
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        yield  # no such pager: print as if there were none
        return
    saved = sys.stdout
    sys.stdout = io.TextIOWrapper(proc.stdin, encoding="utf-8", errors="replace", line_buffering=False)
    _PAGING.update(width=width, color=color)
    try:
        yield
    finally:
        _PAGING.clear()
        try:
            sys.stdout.flush()
            sys.stdout.close()
        except (BrokenPipeError, OSError, ValueError):
            pass  # the reader quit the pager early
        sys.stdout = saved
        proc.wait()


def _color_wanted(stream: IO) -> bool:
    if _env_set("NO_COLOR"):
        return False
    if _env_set("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return stream_isatty(stream)


def console(stream: IO | None = None):
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # Rich would exit 1; let the CLI end quietly
            self.quiet = True
            raise BrokenPipeError

    stream = stream or sys.stdout
    paging = bool(_PAGING) and stream is sys.stdout
    color = _PAGING["color"] if paging else _color_wanted(stream)
    return _Console(
        file=stream,
        width=_PAGING["width"] if paging else None,
        force_terminal=is_terminal(stream),
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )


def message(text: str, *, style: str | None = None) -> None:
    """A line for the user on stderr; its text is never treated as markup."""
    err = sys.stderr
    if _color_wanted(err) and style:
        from rich.text import Text

        console(err).print(Text(clean(text), style=style))
    else:
        err.write(clean(text) + "\n")
        err.flush()


def to_json(document: object) -> str:
    """Indented JSON with the original text; invisible and control characters as \\u escapes."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def print_json(document: object) -> None:
    """The JSON document alone on stdout (a listing is one array, `[]` when empty)."""
    sys.stdout.write(to_json(document))
    sys.stdout.write("\n")
    sys.stdout.flush()


def print_tsv(rows: list[list[object]]) -> None:
    for row in rows:
        cells = ["" if c is None else one_line(str(c)).replace("\t", " ") for c in row]
        sys.stdout.write("\t".join(cells) + "\n")
    sys.stdout.flush()


def _highlight(text: str, spans: list[tuple[int, int]], style: str):
    from rich.text import Text

    safe = Text()
    pos = 0
    for a, b in sorted(spans):
        if a < pos or b > len(text) or a >= b:
            continue
        safe.append(clean(text[pos:a]))
        safe.append(clean(text[a:b]), style=style)
        pos = b
    safe.append(clean(text[pos:]))
    return safe


def _table(title: str, columns: list[tuple[str, dict]]):
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False, expand=False, header_style="bold")
    for name, opts in columns:
        table.add_column(name, **opts)
    return table


def _t(text: object, style: str | None = None):
    from rich.text import Text

    return Text(clean("" if text is None else str(text)), style=style or "")


def timeline(records: list[dict]) -> None:
    if not is_terminal():
        print_tsv(
            [
                [_date_display(r), r["evidence"], r["text"], ", ".join(r["actors"]), r["article"]]
                for r in records
            ]
        )
        return
    table = _table(
        "Timeline",
        [
            ("Date", {"style": "cyan", "no_wrap": True}),
            ("Event", {"ratio": 4}),
            ("People", {"ratio": 1}),
            ("Article", {"style": "dim", "ratio": 1}),
        ],
    )
    for r in records:
        offset = r["start"] - r["sentence_start"]
        spans = [(offset, offset + (r["end"] - r["start"]))]
        date = _date_display(r) + (" ~" if r["inferred"] else "")
        table.add_row(
            _t(date),
            _highlight(r["text"], spans, "bold yellow"),
            _t(", ".join(r["actors"])),
            _t(r["article"]),
        )
    console().print(table)


def _date_display(r: dict) -> str:
    from .model import DateValue

    try:
        return DateValue.from_iso(r["date"], r["granularity"]).display()
    except (ValueError, KeyError):
        return r["date"]


def _quote_cells(r: dict) -> tuple:
    """Kind and text cells: words said are in quote marks; reported speech never is.

    `Cho said he would go` reports what Cho said in the writer's words, so the table shows
    it as `reported`, in italics and without marks, where a quotation could be mistaken.
    """
    from rich.text import Text

    if r["kind"] == "indirect":
        return Text("reported", style="italic"), Text(clean(r["text"]), style="italic")
    return _t(r["kind"]), _t(f"“{r['text']}”")


def quotes(records: list[dict]) -> None:
    if not is_terminal():
        print_tsv(
            [[r["said_on"], r["speaker"], r["role"], r["kind"], r["text"], r["article"]] for r in records]
        )
        return
    table = _table(
        "Quotes",
        [
            ("Said", {"style": "cyan", "no_wrap": True}),
            ("Speaker", {"ratio": 1}),
            ("Kind", {"style": "magenta"}),
            ("Quote", {"ratio": 4}),
            ("Article", {"style": "dim", "ratio": 1}),
        ],
    )
    for r in records:
        from rich.text import Text

        who = Text(clean(r["speaker"] or "(unattributed)"), style="bold")
        if r["role"]:
            who.append("\n" + clean(r["role"]), style="dim")
        table.add_row(_t(r["said_on"] or "?"), who, *_quote_cells(r), _t(r["article"]))
    console().print(table)


def search(records: list[dict]) -> None:
    if not is_terminal():
        print_tsv(
            [
                [
                    r["score"],
                    r["kind"],
                    r["match"]["text"],
                    r["text"],
                    r["speaker"],
                    r["date"],
                    r["article"],
                    r["match"]["start"],  # where the best-matching words are in the article
                    r["match"]["end"],
                ]
                for r in records
            ]
        )
        return
    table = _table(
        "Search",
        [
            ("Score", {"style": "green", "justify": "right"}),
            ("Kind", {"style": "magenta"}),
            ("Text", {"ratio": 4}),
            ("Speaker", {"ratio": 1}),
            ("Article", {"style": "dim", "ratio": 1}),
        ],
    )
    for r in records:
        a = r["match"]["start"] - r["start"]
        b = r["match"]["end"] - r["start"]
        table.add_row(
            _t(f"{r['score']:.0f}"),
            _t(r["kind"]),
            _highlight(r["text"], [(a, b)], "bold yellow"),
            _t(r["speaker"] or ""),
            _t(f"{r['article']}\n{r['date'] or ''}"),
        )
    console().print(table)


def articles(records: list[dict]) -> None:
    if not is_terminal():
        print_tsv(
            [
                [
                    r["article"],
                    r["date"],
                    (r["dateline"] or {}).get("text"),
                    r["title"],
                    r["quotes"],
                    r["events"],
                    "; ".join(r["warnings"]),
                    r["date_basis"],
                ]
                for r in records
            ]
        )
        return
    from rich.text import Text

    table = _table(
        "Articles",
        [
            ("Article", {"style": "dim", "ratio": 1}),
            ("Date", {"style": "cyan", "no_wrap": True}),
            ("Title and dateline", {"ratio": 3}),
            ("Why this year", {"ratio": 3}),
            ("Q/E", {"justify": "right"}),
        ],
    )
    for r in records:
        head = Text(clean(r["title"] or "(no title)"), style="bold")
        head.append("\n" + clean((r["dateline"] or {}).get("text") or "(no dateline)"), style="dim")
        why = Text("\n".join("• " + clean(e) for e in r["year_evidence"]))
        for w in r["warnings"]:
            why.append("\n⚠ " + clean(w), style="yellow")
        table.add_row(
            _t(r["article"]),
            _t(f"{r['date']}\n({BASIS.get(r['date_basis'], r['date_basis'])})" if r["date"] else "undated"),
            head,
            why,
            _t(f"{r['quotes']}/{r['events']}"),
        )
    console().print(table)


BASIS = {
    "catalog": "catalog",
    "dateline": "dateline",
    "page": "page date",
    "inferred": "year inferred",
    "content": "from the text",
}


def speakers(records: list[dict]) -> None:
    if not is_terminal():
        print_tsv(
            [
                [
                    r["name"],
                    r["country"],
                    r["quotes"],
                    "; ".join(r["aliases"]),
                    "; ".join(f"{x['role']} ({x['as_of']})" for x in r["roles"]),
                ]
                for r in records
            ]
        )
        return
    table = _table(
        "Speakers",
        [
            ("Name", {"style": "bold", "ratio": 1}),
            ("Country", {"no_wrap": True}),
            ("Roles", {"ratio": 2}),
            ("Aliases", {"ratio": 2}),
            ("Quotes", {"justify": "right"}),
        ],
    )
    for r in records:
        roles = "\n".join(f"{x['role']} (as of {x['as_of'] or '?'})" for x in r["roles"])
        table.add_row(
            _t(r["name"]),
            _t(r["country"] or ""),
            _t(roles),
            _t(", ".join(r["aliases"])),
            _t(r["quotes"]),
        )
    console().print(table)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def evaluation(report: dict) -> None:
    """Per-article and total scores, then every miss and false positive."""
    rows = []
    for a in report["articles"] + [report["total"]]:
        q = a["quotes"]
        rows.append(
            [
                a["article"],
                _pct(q["precision"]),
                _pct(q["recall"]),
                _pct(q["f1"]),
                _pct(a["speaker_accuracy"]),
                _pct(a["kind_accuracy"]),
                _pct(a["said_on_accuracy"]),
                _pct(a["event_date_accuracy"]),
                _pct(a["article_date_accuracy"]),
            ]
        )
    header = ["article", "P", "R", "F1", "speaker", "kind", "said_on", "events", "year"]
    problems = [(a["article"], p) for a in report["articles"] for p in a["problems"]]
    if is_terminal():
        table = _table(
            "Evaluation", [(h, {"justify": "right"} if i else {"ratio": 2}) for i, h in enumerate(header)]
        )
        for r in rows:
            table.add_row(*[_t(c) for c in r])
        out = console()
        out.print(table)
        for article, p in problems:
            detail = ", ".join(f"{k}={v!r}" for k, v in p.items() if k != "type")
            out.print(_t(f"{article}: {p['type']}: {detail}"))
        return
    print_tsv([header] + rows)
    for article, p in problems:
        detail = ", ".join(f"{k}={v!r}" for k, v in p.items() if k != "type")
        sys.stdout.write(one_line(f"{article}: {p['type']}: {detail}") + "\n")


def add_preview(r: dict, written: bool) -> None:
    """What `korjp add` read from one article: its id, date and why, quotes and warnings."""
    date = r.get("date") or "undated"
    basis = f" ({r['date_basis']})" if r.get("date_basis") else ""
    head = f"{'added' if written else 'would add'} {r['article']}: {date}{basis}"
    lines = [head, f"title: {r.get('title') or '(none)'}"]
    if r.get("dateline"):
        lines.append(f"dateline: {r['dateline']}")
    lines += [f"why: {why}" for why in r.get("year_evidence", [])]
    for q in r.get("quotes", []):
        words = q["text"] if q["kind"] == "indirect" else f"“{q['text']}”"
        lines.append(f"{q['kind']}: {q.get('speaker') or '(unattributed)'}: {words}")
    lines += [f"event: {e['date']} {e['evidence']}" for e in r.get("events", [])]
    lines += [f"warning: {w}" for w in r.get("warnings", [])]
    out = [one_line(lines[0])] + ["  " + one_line(line) for line in lines[1:]]
    sys.stdout.write("\n".join(out) + "\n")
    sys.stdout.flush()
