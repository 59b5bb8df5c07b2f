"""Options every listing command shares: one definition, one help text."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import complete

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
        autocompletion=complete.speakers,
    ),
]
ArticleOpt = Annotated[
    str | None,
    typer.Option(
        "--article",
        metavar="ID",
        help="Article id (path relative to the corpus).",
        show_default=False,
        autocompletion=complete.articles,
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


class TimeBucket(StrEnum):
    month = "month"
    week = "week"
    year = "year"


class QuoteBucket(StrEnum):
    month = "month"
    speaker = "speaker"
