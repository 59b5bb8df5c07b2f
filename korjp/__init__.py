"""korjp: a timeline and quote explorer for news about South Korea–Japan relations.

The library (corpus, extraction, store, queries) imports neither typer nor rich; the CLI in
`korjp.cli` and the output in `korjp.render` sit on top of it.
"""

__version__ = "0.1.0"
