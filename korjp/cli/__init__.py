"""The `korjp` command: parse options, ask the library, hand the answer to render.

Nothing here extracts or queries by itself. Heavy modules (rich, rapidfuzz, dateutil, the
extractor) are imported inside the commands that need them, so `korjp --help` and a warm
query start fast.
"""

import os
import sys

from . import listing, maintain, share  # noqa: F401  (the commands register on `app`)
from .app import app
from .options import Kind

__all__ = ["Kind", "app", "main"]


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
        from .. import render

        try:
            render.message(f"korjp: error: {type(exc).__name__}: {exc} (KORJP_DEBUG=1 shows details)")
        finally:
            sys.exit(1)
