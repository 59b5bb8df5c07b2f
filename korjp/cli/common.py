"""What every command does around its query: open the store, report errors, emit results."""

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import typer


def _fail(text: str, code: int = 1) -> typer.Exit:
    from .. import render

    render.message(f"korjp: {text}", style="red")
    return typer.Exit(code)


def _usage(fn, *args):
    """Check option values before any work: a bad value is a usage error (exit 2)."""
    from ..queries import QueryError

    try:
        return fn(*args)
    except QueryError as exc:
        raise _fail(str(exc), 2 if exc.usage else 1) from None


def _open(corpus: Path | None, force: bool = False, facts: list[Path] | None = None):
    """The fresh store for the chosen corpus, with notices and progress on stderr; built from
    `facts` (`korjp extract`'s files) when given."""
    from .. import render
    from ..corpus import CorpusError, resolve_corpus
    from ..index import open_store
    from ..reduce import build_from_facts
    from ..store import StoreError

    root = resolve_corpus(corpus)
    progress = _progress() if render.stream_isatty(sys.stderr) else None
    try:
        if facts:
            store = build_from_facts(root, facts, progress)
        else:
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

            from ..render import console

            self.bar = Progress(console=console(sys.stderr), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("indexing articles", total=total)
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _none_found(as_json: bool, text: str) -> typer.Exit:
    """Nothing can match (unknown speaker or article): `[]` for --json, exit 1."""
    from .. import render

    if as_json:
        with _closed_pipe_is_fine():
            render.print_json([])
    return _fail(text, 1)


def _speaker_keys(db, speaker: str | None, as_json: bool) -> list[str] | None:
    if speaker is None:
        return None
    from ..queries import QueryError, match_speakers

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
    from ..queries import suggest_articles

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
    from .. import render

    with _closed_pipe_is_fine():
        if as_json:
            render.print_json(records)
        elif records:
            with render.paged():
                table(records)
    if not records:
        if not as_json:
            render.message("korjp: no results")
        raise typer.Exit(1)
