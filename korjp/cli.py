"""The `korjp` command: parse options, ask the library, hand the answer to render.

Nothing here extracts or queries by itself. Heavy modules (rich, rapidfuzz, dateutil, the
extractor) are imported inside the commands that need them, so `korjp --help` and a warm
query start fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from . import __version__

app = typer.Typer(
    name="korjp",
    help="Timeline and quote explorer for news about South Korea–Japan relations.\n\n"
    "Reads wire articles (.txt) from a corpus folder, dates them, and lets you list the "
    "timeline, the quotes and who said them, and search it all.\n\n"
    "Example: korjp quotes --speaker Lee",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

CorpusOpt = Annotated[
    Path | None,
    typer.Option(
        "--corpus",
        help="Corpus folder. Default: $KORJP_CORPUS, ./corpus, else the bundled seeds.",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print a JSON array on stdout.")]
LimitOpt = Annotated[int | None, typer.Option("--limit", "-n", min=0, help="Show at most N results.")]
FromOpt = Annotated[
    str | None,
    typer.Option("--from", help="Start date, e.g. 2025-08 or 'Aug 15 2025'.", show_default=False),
]
ToOpt = Annotated[str | None, typer.Option("--to", help="End date (inclusive).", show_default=False)]
SpeakerOpt = Annotated[
    str | None,
    typer.Option(
        "--speaker",
        "-s",
        help="Full name, alias or surname; typos are tolerated.",
        show_default=False,
    ),
]
ArticleOpt = Annotated[
    str | None,
    typer.Option("--article", help="Article id (path relative to the corpus).", show_default=False),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"korjp {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Timeline and quote explorer for news about South Korea–Japan relations."""


def _fail(text: str, code: int = 1) -> typer.Exit:
    from . import render

    render.message(f"korjp: {text}", style="red")
    return typer.Exit(code)


def _open(corpus: Path | None, force: bool = False):
    """The fresh store for the chosen corpus, with notices and progress on stderr."""
    from . import render
    from .corpus import CorpusError, resolve_corpus
    from .store import StoreError, open_store

    root = resolve_corpus(corpus)
    progress = _progress() if render.is_terminal(sys.stderr) else None
    try:
        store = open_store(root, force=force, progress=progress)
    except CorpusError as exc:
        raise _fail(f"{exc}. Pass --corpus DIR or set KORJP_CORPUS.") from None
    except StoreError as exc:
        raise _fail(str(exc)) from None
    finally:
        if progress:
            progress.close()
    for notice in store.notices:
        render.message(f"korjp: {notice}", style="yellow")
    return store


class _progress:
    """A Rich progress bar on stderr, shown only once a build has real work to do."""

    def __init__(self) -> None:
        self.bar = None
        self.task = None

    def __call__(self, done: int, total: int) -> None:
        if total < 200:
            return
        if self.bar is None:
            from rich.progress import Progress

            from .render import console

            self.bar = Progress(console=console(sys.stderr), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("indexing articles", total=total)
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _speaker_keys(db, speaker: str | None) -> list[str] | None:
    if speaker is None:
        return None
    from .queries import QueryError, match_speakers

    try:
        return match_speakers(db, speaker)
    except QueryError as exc:
        hint = f" Did you mean: {', '.join(exc.suggestions)}?" if exc.suggestions else ""
        raise _fail(f"{exc}.{hint}", 2 if exc.usage else 1) from None


def _emit(records: list[dict], as_json: bool, table) -> None:
    from . import render

    if as_json:
        render.print_json(records)
    elif records:
        table(records)
    if not records:
        if not as_json:
            render.message("korjp: no results")
        raise typer.Exit(1)


def _run_query(fn, *args, **kwargs):
    from .queries import QueryError

    try:
        return fn(*args, **kwargs)
    except QueryError as exc:
        raise _fail(str(exc), 2 if exc.usage else 1) from None


@app.command()
def timeline(
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    speaker: SpeakerOpt = None,
    article: ArticleOpt = None,
    limit: LimitOpt = None,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List dated events in order, with the dating words highlighted.

    Example: korjp timeline --from 2025-08 --to 2025-08-31
    """
    from . import queries, render

    store = _open(corpus)
    keys = _speaker_keys(store.db, speaker)
    records = _run_query(queries.timeline, store.db, date_from, date_to, keys, article, limit)
    for r in records if as_json else []:
        r.pop("sentence_start", None)
    _emit(records, as_json, render.timeline)


@app.command()
def quotes(
    speaker: SpeakerOpt = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="direct, partial, continuation or indirect.", show_default=False),
    ] = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    article: ArticleOpt = None,
    limit: LimitOpt = None,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show quotes with speaker, role, date said and kind.

    Example: korjp quotes --speaker Lee --kind direct
    """
    from . import queries, render

    store = _open(corpus)
    keys = _speaker_keys(store.db, speaker)
    records = _run_query(queries.quotes, store.db, keys, kind, date_from, date_to, article, limit)
    _emit(records, as_json, render.quotes)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to look for; typos are tolerated.")],
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=0, help="Show at most N results.")] = 10,
    min_score: Annotated[
        float, typer.Option("--min-score", min=0, max=100, help="Lowest match score, 0-100.")
    ] = 70.0,
    speaker: SpeakerOpt = None,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Fuzzy search over quotes, sentences, titles and takeaways.

    Example: korjp search "shuttle diplomacy"
    """
    from . import render
    from .search import search as run_search

    if not query.strip():
        raise _fail("the search query is empty; give some words to look for", 2)
    store = _open(corpus)
    keys = _speaker_keys(store.db, speaker)
    records = _run_query(run_search, store.db, query, limit, min_score, keys)
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
    from . import queries, render

    store = _open(corpus)
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
    from . import queries, render

    store = _open(corpus)
    keys = _speaker_keys(store.db, speaker)
    _emit(queries.speakers(store.db, keys), as_json, render.speakers)


@app.command()
def index(corpus: CorpusOpt = None) -> None:
    """Rebuild the store from the corpus and print where it is.

    Example: korjp index --corpus ~/news
    """
    store = _open(corpus, force=True)
    count = store.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    typer.echo(str(store.path))
    from . import render

    render.message(f"korjp: indexed {count} articles from {store.root}")


@app.command("eval")
def eval_(
    gold: Annotated[
        Path, typer.Argument(help="Gold annotations (JSON, the schema of tests/data/seeds_gold.json).")
    ],
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Score korjp against hand annotations: quotes, speakers, kinds and dates.

    Example: korjp eval tests/data/wire/gold.json --corpus tests/data/wire/corpus
    """
    from . import render
    from .evaluate import GoldError, evaluate, load_gold

    try:
        annotations = load_gold(gold)
    except GoldError as exc:
        raise _fail(str(exc), 2) from None
    store = _open(corpus)
    report = evaluate(store.db, annotations)
    if as_json:
        sys.stdout.write(__import__("json").dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        render.evaluation(report)


def main() -> None:
    """Entry point: exit codes 0 results, 1 no results or error, 2 usage, 130 Ctrl-C."""
    try:
        app()
    except BrokenPipeError:
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
