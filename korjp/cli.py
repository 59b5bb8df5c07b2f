"""The `korjp` command: parse options, ask the library, hand the answer to render.

Nothing here extracts or queries by itself. Heavy modules (rich, rapidfuzz, dateutil, the
extractor) are imported inside the commands that need them, so `korjp --help` and a warm
query start fast.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from enum import StrEnum
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
        metavar="DIR",
        help="Corpus folder. Default: $KORJP_CORPUS, ./corpus, else the bundled seeds.",
        show_default=False,
    ),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print one JSON array on stdout ([] when nothing matches).")
]
LimitOpt = Annotated[
    int | None, typer.Option("--limit", "-n", min=0, metavar="N", help="Show at most N results.")
]
FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="DATE",
        help="Start of the window, e.g. 2025, 2025-08, 2025-08-20 or 'Aug 15 2025'.",
        show_default=False,
    ),
]
ToOpt = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="DATE",
        help="End of the window (inclusive: 2025-08 ends on Aug 31).",
        show_default=False,
    ),
]
SpeakerOpt = Annotated[
    str | None,
    typer.Option(
        "--speaker",
        "-s",
        metavar="NAME",
        help="Full name, alias or surname, any case or hyphenation [Lee, 'lee jaemyung', Kim]; "
        "typos are tolerated.",
        show_default=False,
    ),
]
ArticleOpt = Annotated[
    str | None,
    typer.Option(
        "--article", metavar="ID", help="Article id (path relative to the corpus).", show_default=False
    ),
]


class Kind(StrEnum):
    """Quote kinds; the same values as `queries.KINDS` (kept here so --help stays light)."""

    direct = "direct"
    partial = "partial"
    continuation = "continuation"
    indirect = "indirect"


KindOpt = Annotated[
    Kind | None,
    typer.Option(
        "--kind",
        metavar="[direct|partial|continuation|indirect]",
        case_sensitive=False,
        help="Only quotes of this kind.",
        show_default=False,
    ),
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


def _usage(fn, *args):
    """Check option values before any work: a bad value is a usage error (exit 2)."""
    from .queries import QueryError

    try:
        return fn(*args)
    except QueryError as exc:
        raise _fail(str(exc), 2 if exc.usage else 1) from None


def _open(corpus: Path | None, force: bool = False):
    """The fresh store for the chosen corpus, with notices and progress on stderr."""
    from . import render
    from .corpus import CorpusError, resolve_corpus
    from .store import StoreError, open_store

    root = resolve_corpus(corpus)
    progress = _progress() if render.stream_isatty(sys.stderr) else None
    try:
        store = open_store(root, force=force, progress=progress)
    except CorpusError as exc:
        raise _fail(f"{exc}. Pass --corpus DIR or set KORJP_CORPUS.") from None
    except StoreError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"cannot read the corpus or write the index: {exc}") from None
    finally:
        if progress:
            progress.close()
    for notice in store.notices:
        render.message(f"korjp: {notice}", style="yellow")
    if not store.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
        render.message(f"korjp: no .txt articles in {store.root}", style="yellow")
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


def _none_found(as_json: bool, text: str) -> typer.Exit:
    """Nothing can match (unknown speaker or article): `[]` for --json, exit 1."""
    from . import render

    if as_json:
        with _closed_pipe_is_fine():
            render.print_json([])
    return _fail(text, 1)


def _speaker_keys(db, speaker: str | None, as_json: bool) -> list[str] | None:
    if speaker is None:
        return None
    from .queries import QueryError, match_speakers

    try:
        return match_speakers(db, speaker)
    except QueryError as exc:
        if exc.usage:
            raise _fail(str(exc), 2) from None
        hint = f" Did you mean: {', '.join(exc.suggestions)}?" if exc.suggestions else ""
        raise _none_found(as_json, f"{exc}.{hint} See `korjp speakers` for everyone.") from None


def _check_article(db, article: str | None, as_json: bool) -> None:
    if article is None:
        return
    from .queries import suggest_articles

    if db.execute("SELECT 1 FROM articles WHERE article = ?", (article,)).fetchone():
        return
    near = suggest_articles(db, article)
    hint = f" Did you mean: {', '.join(near)}?" if near else ""
    raise _none_found(as_json, f"no article {article!r} in the corpus.{hint} See `korjp articles`.")


@contextmanager
def _closed_pipe_is_fine():
    """`korjp timeline | head -1`: when the reader goes away, stop quietly with exit 0."""
    try:
        yield
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(0) from None


def _silence_stdout() -> None:
    """After a closed pipe: send whatever is still buffered to /dev/null, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _emit(records: list[dict], as_json: bool, table) -> None:
    from . import render

    with _closed_pipe_is_fine():
        if as_json:
            render.print_json(records)
        elif records:
            table(records)
    if not records:
        if not as_json:
            render.message("korjp: no results")
        raise typer.Exit(1)


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

    An event is shown when its dates overlap the --from/--to window, so a 1910-1945 period
    is in --from 1940 --to 1950. Dates keep their precision: 2025-08-21..24, 1993,
    1910–1945; a ~ marks an inferred year or day.

    Example: korjp timeline --from 2025-08 --to 2025-08-31
    """
    from . import queries, render

    _usage(queries.check_window, date_from, date_to)
    store = _open(corpus)
    _check_article(store.db, article, as_json)
    keys = _speaker_keys(store.db, speaker, as_json)
    records = _usage(queries.timeline, store.db, date_from, date_to, keys, article, limit)
    for r in records if as_json else []:
        r.pop("sentence_start", None)
    _emit(records, as_json, render.timeline)


@app.command()
def quotes(
    speaker: SpeakerOpt = None,
    kind: KindOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    article: ArticleOpt = None,
    limit: LimitOpt = None,
    corpus: CorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show quotes with speaker, role, date said and kind.

    --from/--to select quotes by the date they were said.

    Example: korjp quotes --speaker Lee --kind direct
    """
    from . import queries, render

    _usage(queries.check_window, date_from, date_to)
    store = _open(corpus)
    _check_article(store.db, article, as_json)
    keys = _speaker_keys(store.db, speaker, as_json)
    kind_value = kind.value if kind is not None else None
    records = _usage(queries.quotes, store.db, keys, kind_value, date_from, date_to, article, limit)
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
    from . import render
    from .search import search as run_search

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
    from . import queries, render

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
    from . import queries, render

    store = _open(corpus)
    keys = _speaker_keys(store.db, speaker, as_json)
    _emit(queries.speakers(store.db, keys), as_json, render.speakers)


@app.command()
def index(corpus: CorpusOpt = None) -> None:
    """Rebuild the store from the corpus and print its path on stdout.

    The store lives in $KORJP_CACHE_DIR, else $XDG_CACHE_HOME/korjp, else ~/.cache/korjp.

    Example: korjp index --corpus ~/news
    """
    from . import render

    store = _open(corpus, force=True)
    count = store.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    with _closed_pipe_is_fine():
        sys.stdout.write(f"{store.path}\n")
        sys.stdout.flush()
    render.message(f"korjp: indexed {count} articles from {store.root}")


@app.command("eval")
def eval_(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD", help="Gold annotations (JSON, the schema of tests/data/seeds_gold.json)."
        ),
    ],
    corpus: CorpusOpt = None,
    match: Annotated[
        str,
        typer.Option(
            "--match",
            metavar="exact|overlap:F",
            help="How found quotes pair with gold ones: equal text (exact), or spans covering at "
            "least F of the gold span (overlap:0.3, as quote-extraction research scores).",
        ),
    ] = "exact",
    as_json: JsonOpt = False,
) -> None:
    """Score korjp against hand annotations: quotes, speakers, kinds and dates.

    Example: korjp eval tests/data/wire/gold.json --corpus tests/data/wire/corpus --match overlap:0.3
    """
    from . import render
    from .evaluate import GoldError, Match, evaluate, load_gold

    try:
        pairing = Match.parse(match)
    except ValueError as exc:
        raise _fail(str(exc), 2) from None
    try:
        annotations = load_gold(gold)
    except GoldError as exc:
        raise _fail(str(exc), 2) from None
    store = _open(corpus)
    report = evaluate(store.db, annotations, pairing)
    with _closed_pipe_is_fine():
        if as_json:
            render.print_json(report)
        else:
            render.evaluation(report)


def main() -> None:
    """Entry point. Exit codes: 0 results, 1 no results or error, 2 usage, 130 Ctrl-C.

    Typer's standalone mode handles usage errors (2) and Ctrl-C (130). Output is written
    inside `_closed_pipe_is_fine`, so `korjp timeline | head -1` ends quietly with 0. Any
    other error becomes one line on stderr, not a traceback (KORJP_DEBUG=1 shows it).
    """
    try:
        app(prog_name="korjp")
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
    except Exception as exc:  # the last line of defence: no tracebacks for users
        if os.environ.get("KORJP_DEBUG"):
            raise
        from . import render

        try:
            render.message(f"korjp: error: {type(exc).__name__}: {exc} (KORJP_DEBUG=1 shows details)")
        finally:
            sys.exit(1)
