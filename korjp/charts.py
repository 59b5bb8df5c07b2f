"""Counts drawn as bars in the terminal (the render side of `--by`)."""

from __future__ import annotations

from .render import _t, console, is_terminal, print_tsv

BAR = "█"


def bars(rows: list[dict], title: str, header: str, width: int | None = None) -> None:
    """One row per bucket: its name, its count, and a bar scaled to the largest count.
    Piped, the rows are `bucket<TAB>count` lines."""
    if not is_terminal():
        print_tsv([[r["bucket"], r["count"]] for r in rows])
        return
    from rich.table import Table
    from rich.text import Text

    out = console()
    most = max((r["count"] for r in rows), default=1) or 1
    room = max(10, (width or out.width) - max((len(r["bucket"]) for r in rows), default=8) - 16)
    table = Table(title=title, show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column(header)
    table.add_column("Count", justify="right", style="cyan")
    table.add_column("", no_wrap=True)
    for r in rows:
        length = max(1, round(r["count"] / most * room)) if r["count"] else 0
        table.add_row(_t(r["bucket"]), _t(str(r["count"])), Text(BAR * length, style="green"))
    out.print(table)
