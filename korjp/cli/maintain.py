"""Keeping the store and measuring it: index and eval."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .common import _closed_pipe_is_fine, _fail, _open
from .options import CorpusOpt, JsonOpt


@app.command()
def index(corpus: CorpusOpt = None) -> None:
    """Rebuild the store from the corpus and print its path on stdout.

    The store lives in $KORJP_CACHE_DIR, else $XDG_CACHE_HOME/korjp, else ~/.cache/korjp.

    Example: korjp index --corpus ~/news
    """
    from .. import render

    store = _open(corpus, force=True)
    count = store.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    with _closed_pipe_is_fine():
        sys.stdout.write(f"{store.path}\n")
        sys.stdout.flush()
    render.message(f"korjp: indexed {count} articles from {store.root}")


@app.command()
def watch(
    corpus: CorpusOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Log nothing but errors.")] = False,
) -> None:
    """Keep the store fresh as articles change, so queries on a large corpus skip their check.

    Without a watcher every query stats each article file (about 0.2 s per 100,000). While
    `korjp watch` runs, queries trust it instead; if it stops, hangs or falls behind they
    check by themselves again. Needs the optional extra: pip install 'korjp[watch]'.
    Stop it with Ctrl-C.

    Example: korjp watch --corpus ~/news &
    """
    import signal

    from .. import render
    from ..corpus import CorpusError, resolve_corpus
    from ..watch import AlreadyWatched, Watcher, WatchUnavailable

    try:
        root = resolve_corpus(corpus)
        watcher = Watcher(root, on_refresh=None if quiet else _log_refresh)
    except CorpusError as exc:
        raise _fail(f"{exc}. Pass --corpus DIR or set KORJP_CORPUS.") from None
    except WatchUnavailable as exc:
        raise _fail(str(exc)) from None
    signal.signal(signal.SIGTERM, lambda *_: watcher.stop())
    if not quiet:
        render.message(f"korjp: watching {root} (index {watcher.store}); Ctrl-C stops")
    try:
        watcher.run()
    except AlreadyWatched as exc:
        raise _fail(f"{exc}; stop it first or let it be.") from None
    except KeyboardInterrupt:
        watcher.stop()
    except OSError as exc:
        raise _fail(f"cannot watch {root}: {exc}") from None


def _log_refresh(refresh) -> None:
    from .. import render

    how = "found by the periodic check" if refresh.missed else "from file events"
    render.message(
        f"korjp: refreshed {refresh.changed} changed and {refresh.deleted} removed article(s) "
        f"in {refresh.seconds:.2f} s ({how})"
    )


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
    from .. import render
    from ..evaluate import GoldError, Match, evaluate, load_gold

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
