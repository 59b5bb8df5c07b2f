"""Listing commands: timeline, quotes, search, articles, speakers."""

from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .common import _check_article, _emit, _fail, _open, _speaker_keys, _usage
from .options import (
    ArticleOpt,
    CorpusOpt,
    FromOpt,
    JsonOpt,
    KindOpt,
    LimitOpt,
    QuoteBucket,
    SpeakerOpt,
    TimeBucket,
    ToOpt,
)


@app.command()
def timeline(
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    speaker: SpeakerOpt = None,
    article: ArticleOpt = None,
    limit: LimitOpt = None,
    by: Annotated[
        TimeBucket | None,
        typer.Option("--by", help="Count events per month, week or year and draw the counts as bars."),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Write the timeline as one self-contained offline web page to FILE.",
            show_default=False,
        ),
    ] = None,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List dated events in order, with the dating words highlighted.

    An event is shown when its dates overlap the --from/--to window, so a 1910-1945 period
    is in --from 1940 --to 1950. Dates keep their precision: 2025-08-21..24, 1993,
    1910–1945; a ~ marks an inferred year or day.

    Example: korjp timeline --from 2025-08 --to 2025-08-31

    Example: korjp timeline --by month --speaker Lee

    Example: korjp timeline --html timeline.html
    """
    from .. import queries, render

    _usage(queries.check_window, date_from, date_to)
    store = _open(corpus)
    _check_article(store.db, article, as_json)
    keys = _speaker_keys(store.db, speaker, as_json)
    records = _usage(queries.timeline, store.db, date_from, date_to, keys, article, limit)
    if by is not None:
        return _counts(records, by.value, "events", as_json)
    if html is not None:
        return _html_page(store, records, keys, article, date_from, date_to, html)
    for r in records if as_json else []:
        r.pop("sentence_start", None)
    _emit(records, as_json, render.timeline)


def _html_page(store, events, keys, article, date_from, date_to, path: Path) -> None:
    """`--html FILE`: the page, with the quotes said in the same window and filters."""
    from .. import queries, render
    from ..export.html import write_timeline_html

    said = queries.quotes(store.db, keys, None, date_from, date_to, article, None)
    countries = {s["name"]: s["country"] for s in queries.speakers(store.db)}
    try:
        count = write_timeline_html(events, said, path, countries=countries)
    except OSError as exc:
        raise _fail(f"cannot write {path}: {exc.strerror or exc}") from None
    render.message(f"korjp: wrote {count} events to {path}")


def _counts(records: list[dict], by: str, what: str, as_json: bool) -> None:
    """`--by`: counts per bucket, as bars on a terminal, TSV piped, or JSON."""
    from .. import charts, facets, render

    rows, left_out = facets.count(records, by, what)
    if left_out:
        render.message(f"korjp: {left_out} {what} span more than one {by} and are not counted")
    header = "Who" if by == "speaker" else by.capitalize()
    _emit(rows, as_json, lambda r: charts.bars(r, f"{what.capitalize()} per {by}", header))


@app.command()
def quotes(
    speaker: SpeakerOpt = None,
    kind: KindOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    article: ArticleOpt = None,
    limit: LimitOpt = None,
    by: Annotated[
        QuoteBucket | None,
        typer.Option("--by", help="Count quotes per month said, or per speaker, as bars."),
    ] = None,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show quotes with speaker, role, date said and kind.

    --from/--to select quotes by the date they were said.

    Example: korjp quotes --speaker Lee --kind direct

    Example: korjp quotes --by speaker
    """
    from .. import queries, render

    _usage(queries.check_window, date_from, date_to)
    store = _open(corpus)
    _check_article(store.db, article, as_json)
    keys = _speaker_keys(store.db, speaker, as_json)
    kind_value = kind.value if kind is not None else None
    records = _usage(queries.quotes, store.db, keys, kind_value, date_from, date_to, article, limit)
    if by is not None:
        return _counts(records, by.value, "quotes", as_json)
    _emit(records, as_json, render.quotes)


@app.command()
def search(
    query: Annotated[str, typer.Argument(metavar="QUERY", help="Words to look for; typos are tolerated.")],
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=0, metavar="N", help="Show at most N results.")
    ] = 10,
    min_score: Annotated[
        float,
        typer.Option("--min-score", min=0, max=100, metavar="S", help="Lowest match score, 0-100."),
    ] = 70.0,
    speaker: SpeakerOpt = None,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Fuzzy search over quotes, sentences, titles and takeaways.

    A phrase inside a long sentence scores 100, and typos still match.

    Example: korjp search "shuttle diplomacy"
    """
    from .. import render
    from ..search import search as run_search

    if not query.strip():
        raise _fail("the search query is empty; give some words to look for", 2)
    if not any(ch.isalnum() for ch in query):
        raise _fail("the search query has no letters or digits to match", 2)
    store = _open(corpus)
    keys = _speaker_keys(store.db, speaker, as_json)
    records = _usage(run_search, store.db, query, limit, min_score, keys)
    _emit(records, as_json, render.search)


@app.command()
def articles(
    article: ArticleOpt = None,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show each article's title, dateline, date and the evidence for its year.

    Example: korjp articles --json
    """
    from .. import queries, render

    store = _open(corpus)
    _check_article(store.db, article, as_json)
    records = queries.articles(store.db, article)
    for r in records:
        r.pop("source", None)
        r.pop("url", None)
    _emit(records, as_json, render.articles)


@app.command()
def speakers(
    speaker: SpeakerOpt = None,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Who's who: canonical names, aliases, roles with dates, and quote counts.

    Example: korjp speakers --speaker Kim
    """
    from .. import queries, render

    store = _open(corpus)
    keys = _speaker_keys(store.db, speaker, as_json)
    _emit(queries.speakers(store.db, keys), as_json, render.speakers)
