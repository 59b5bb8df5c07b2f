"""Keeping the store and measuring it: extract and index (also as map and reduce), eval."""

import os
import stat
import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .common import _closed_pipe_is_fine, _fail, _open, _progress
from .options import CorpusOpt, JsonOpt


@app.command()
def index(
    corpus: CorpusOpt = None,
    facts: Annotated[
        list[Path] | None,
        typer.Option(
            "--facts",
            metavar="FILE|DIR",
            help="Build from the JSON lines of `korjp extract` (the reduce step): a file, - for "
            "stdin, or a folder of *.jsonl and *.jsonl.gz files, read in name order. Repeatable. "
            "Articles changed since, or without facts, are extracted here.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Rebuild the store from the corpus and print its path on stdout.

    The store lives in $KORJP_CACHE_DIR, else $XDG_CACHE_HOME/korjp, else ~/.cache/korjp.
    With --facts it is built from facts extracted elsewhere (see `korjp extract`) instead of
    extracting every article here; it is the same store.

    Example: korjp index --corpus ~/news --facts facts/
    """
    from .. import render

    store = _open(corpus, force=True, facts=facts)
    count = store.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    with _closed_pipe_is_fine():
        sys.stdout.write(f"{store.path}\n")
        sys.stdout.flush()
    render.message(f"korjp: indexed {count} articles from {store.root}")


@app.command()
def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Article files or folders inside the corpus. - reads paths from stdin, one a line, "
            "as does giving none while stdin is a pipe or a file; none otherwise: the whole corpus.",
            show_default=False,
        ),
    ] = None,
    corpus: CorpusOpt = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="One JSON line of facts per article: the format, and the default.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE instead of stdout, whole or not at all; gzip when it ends in .gz.",
        ),
    ] = None,
) -> None:
    """Extract articles and print one JSON line of facts per article: the map step.

    Run it on many machines over parts of a corpus on shared storage, then build the store
    on one machine with `korjp index --facts`. Every machine needs the same korjp and the
    same corpus.toml; article ids are paths relative to --corpus.

    Example: find ~/news/2025 -name '*.txt' | korjp extract --corpus ~/news -o 2025.jsonl
    """
    from .. import render
    from ..corpus import CorpusError, list_articles, resolve_corpus
    from ..facts_io import FactsError, dumps, extract_records, sources, write_lines

    root = resolve_corpus(corpus)
    given = _paths_given(paths)
    if given == []:
        raise _fail("no paths on stdin (one a line); nothing extracted")
    try:
        files = list_articles(root) if given is None else sources(root, given)
    except CorpusError as exc:
        raise _fail(f"{exc}. Pass --corpus DIR or set KORJP_CORPUS.") from None
    except FactsError as exc:
        raise _fail(str(exc), 2) from None
    if not files:
        raise _fail(f"no .txt articles in {' '.join(given) if given else root}")
    progress = _progress() if render.stream_isatty(sys.stderr) else None
    unreadable = 0

    def lines():
        nonlocal unreadable
        for done, record in enumerate(extract_records(root, files), 1):
            unreadable += record["rows"] is None
            if progress:
                progress(done, len(files))
            yield dumps(record)

    try:
        if output is not None:
            write_lines(output, lines())
        else:
            with _closed_pipe_is_fine():
                for line in lines():
                    sys.stdout.write(line + "\n")
                sys.stdout.flush()
    except OSError as exc:
        raise _fail(f"cannot write {output or 'stdout'}: {exc.strerror or exc}") from None
    finally:
        if progress:
            progress.close()
    skipped = f"; {unreadable} could not be read (their lines say why)" if unreadable else ""
    where = f" to {output}" if output is not None else ""
    render.message(f"korjp: extracted {len(files)} articles from {root}{where}{skipped}")


def _paths_given(paths: list[str] | None) -> list[str] | None:
    """The paths to extract, with `-` replaced by stdin's lines; None for the whole corpus."""
    if not paths:
        if not _stdin_is_a_list():
            return None
        paths = ["-"]
    given: list[str] = []
    for path in paths:
        if path != "-":
            given.append(path)
            continue
        for line in sys.stdin.buffer:
            line = line.rstrip(b"\r\n")
            if line:
                given.append(os.fsdecode(line))  # a name that is not UTF-8 survives, escaped
    return given


def _stdin_is_a_list() -> bool:
    """Whether stdin is a pipe or a file (a list of paths), not a terminal or /dev/null."""
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (AttributeError, ValueError, OSError):  # closed, or an in-process test stream
        return sys.stdin is not None and not sys.stdin.closed and not sys.stdin.isatty()
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)


@app.command()
def watch(
    corpus: CorpusOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Log nothing but errors.")] = False,
) -> None:
    """Keep the store fresh as articles change, so queries on a large corpus skip their check.

    Without a watcher every query stats each article file (about a second per 100,000 files
    on a 2-core VM). While `korjp watch` runs, queries trust it instead; if it stops, hangs
    or falls behind they check by themselves again. Needs the optional extra:
    pip install 'korjp[watch]'. Stop it with Ctrl-C.

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
