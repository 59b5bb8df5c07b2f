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
