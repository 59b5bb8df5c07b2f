"""Commands that move articles and results in and out: export, show, add."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import complete
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


@app.command()
def show(
    article: Annotated[
        str,
        typer.Argument(
            metavar="ARTICLE", help="Article id (see korjp articles).", autocompletion=complete.articles
        ),
    ],
    corpus: CorpusOpt = None,
) -> None:
    """Print an article with its quotes coloured by speaker, reported speech in italics,
    dating words underlined, and a legend of who is who.

    Piped, the text is followed by tab-separated quote and event lines with their offsets.

    Example: korjp show 003_84e0aca2b85bf24c.txt
    """
    from .. import render
    from ..queries import QueryError
    from ..show import show_article

    store = _open(corpus)
    _check_article(store.db, article, False)
    try:
        with _closed_pipe_is_fine(), render.paged():
            out = render.console()
            show_article(store.db, article, out, root=store.root, plain=not render.is_terminal())
    except QueryError as exc:
        raise _fail(str(exc)) from None


@app.command()
def add(
    sources: Annotated[
        list[str],
        typer.Argument(metavar="FILE|DIR|-", help="Article files, folders of .txt files, or - for a paste."),
    ],
    published: Annotated[
        str | None,
        typer.Option("--published", metavar="YYYY-MM-DD", help="The publication date to record."),
    ] = None,
    source_name: Annotated[
        str | None, typer.Option("--source", metavar="NAME", help="The outlet to record (Yonhap, Kyodo...).")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what korjp reads; write nothing.")] = False,
    corpus: CorpusOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the previews as one JSON array.")] = False,
) -> None:
    """Add articles to the corpus: preview what korjp reads, copy them under safe names,
    record --published/--source in corpus.toml (its comments kept), refresh the index.

    Example: pbpaste | korjp add - --published 2025-08-20 --source Yonhap
    """
    from datetime import date

    from .. import render
    from ..add import AddError, add_articles
    from ..corpus import resolve_corpus

    day = None
    if published is not None:
        try:
            day = date.fromisoformat(published.strip())
        except ValueError:
            raise _fail(f"--published {published!r} is not a date like 2025-08-20", 2) from None
    paths = [Path(s) for s in sources if s != "-"]
    stdin = sys.stdin.buffer.read() if "-" in sources else None
    root = resolve_corpus(corpus)
    try:
        results = add_articles(root, paths, stdin, published=day, source_name=source_name, dry_run=dry_run)
    except AddError as exc:
        raise _fail(str(exc)) from None
    with _closed_pipe_is_fine():
        if as_json:
            render.print_json([r.as_dict() for r in results])
        else:
            for r in results:
                render.add_preview(r.preview.as_dict(), written=r.written)
    if not dry_run:
        store = _open(root)
        render.message(f"korjp: added {len(results)} article(s) to {store.root}; the index is fresh")
