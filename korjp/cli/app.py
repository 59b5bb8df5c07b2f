"""The Typer application and its root options; commands register on it from their modules."""

from typing import Annotated

import typer

from .. import __version__

app = typer.Typer(
    name="korjp",
    help="Timeline and quote explorer for news about South Korea–Japan relations.\n\n"
    "Reads wire articles (.txt) from a corpus folder, dates them, and lets you list the "
    "timeline, the quotes and who said them, and search it all.\n\n"
    "Example: korjp quotes --speaker Lee",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


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
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page long output. On a terminal korjp pages it with $KORJP_PAGER, $PAGER "
            "or less (empty: no pager); piped output is never paged.",
        ),
    ] = False,
) -> None:
    """Timeline and quote explorer for news about South Korea–Japan relations."""
    from .. import render

    render.PAGER_OFF = no_pager
