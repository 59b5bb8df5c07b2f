"""Commands that take korjp's results elsewhere: export (other tools' formats)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .common import _check_article, _closed_pipe_is_fine, _fail, _open, _speaker_keys, _usage
from .options import ArticleOpt, CorpusOpt, FromOpt, KindOpt, LimitOpt, SpeakerOpt, ToOpt


class ExportFormat(StrEnum):
    timelinejs = "timelinejs"
    ics = "ics"
    csv = "csv"
    jsonl = "jsonl"
    sqlite = "sqlite"


@app.command()
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="timelinejs (TimelineJS3 JSON), ics (calendar; needs pip install 'korjp[ics]'), csv, "
            "jsonl, or sqlite (a copy of the store for Datasette; needs --output).",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    ] = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    speaker: SpeakerOpt = None,
    article: ArticleOpt = None,
    kind: KindOpt = None,
    limit: LimitOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """Export dated events and quotes for TimelineJS, a calendar, a spreadsheet or Datasette.

    Takes the filters of timeline and quotes. Text formats go to stdout unless --output names
    a file; sqlite always needs --output and never overwrites a file.

    Example: korjp export --format ics --speaker Lee --output lee.ics
    """
    from .. import queries, render
    from ..export.formats import ExportError
    from ..export.formats import export as write

    if fmt == ExportFormat.sqlite and output is None:
        raise _fail("--format sqlite writes a database file: give it --output FILE", 2)
    _usage(queries.check_window, date_from, date_to)
    store = _open(corpus)
    _check_article(store.db, article, False)
    keys = _speaker_keys(store.db, speaker, False)
    events = _usage(queries.timeline, store.db, date_from, date_to, keys, article, limit)
    kind_value = kind.value if kind is not None else None
    said = _usage(queries.quotes, store.db, keys, kind_value, date_from, date_to, article, limit)
    try:
        with _closed_pipe_is_fine():
            rows = write(store.db, fmt.value, sys.stdout, output, events=events, quotes=said)
    except ExportError as exc:
        raise _fail(str(exc)) from None
    if output is not None:
        render.message(f"korjp: wrote {rows} rows to {output}")
