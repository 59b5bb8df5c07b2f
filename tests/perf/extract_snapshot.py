#!/usr/bin/env python3
"""A canonical dump of everything the extractor finds, to prove a speed-up changed nothing.

    python tests/perf/extract_snapshot.py OUT.json [--articles N]

Runs `korjp.extract.extract` the way the index build does (each folder's catalog from
`load_catalog`, files read with `read_article`) over the seed corpus, the wire, held-out and
GUM gold corpora, and N synthetic wire articles (tests/perf/make_corpus.py, default 300),
and writes every fact as JSON: dataclasses as dicts with sorted keys, dates as ISO text,
sets sorted, and each article's people as an ordered list so their order is checked too.
"Today" is pinned, since a yearless dateline's year depends on it. Take a dump before a
change and one after: the two files must be byte-identical.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE)]  # this checkout's korjp, not an installed one
os.environ["KORJP_TODAY"] = "2026-11-22"

from make_corpus import render_article  # noqa: E402

from korjp.corpus import list_articles, load_catalog, read_article  # noqa: E402
from korjp.extract import extract  # noqa: E402

GOLD_CORPORA = [
    ROOT / "corpus",
    ROOT / "tests/data/wire/corpus",
    ROOT / "tests/data/heldout/corpus",
    ROOT / "tests/data/gum/corpus",
]


def _plain(value):
    """JSON-ready form of a fact: dataclasses, sets and dates made canonical."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _facts_record(facts) -> dict:
    record = _plain(facts)
    record["text"] = len(facts.text)  # the input itself; its length shows a cut
    record["people"] = [[key, _plain(person)] for key, person in facts.people.items()]
    return record


def corpus_records(folder: Path) -> list[dict]:
    """The facts of every article of a gold corpus, extracted as the index build does."""
    files = list_articles(folder)
    catalog = load_catalog(folder, {f.article for f in files})
    records = []
    for f in files:
        text, warnings = read_article(f)
        if text is None:
            records.append({"article": f.article, "unreadable": warnings})
            continue
        facts = extract(f.article, f.article, text, catalog.entries.get(f.article), warnings)
        records.append(_facts_record(facts))
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=300, help="synthetic articles (default 300)")
    args = ap.parse_args(argv)
    dump: dict[str, list[dict]] = {}
    for folder in GOLD_CORPORA:
        if folder.is_dir():
            dump[str(folder.relative_to(ROOT))] = corpus_records(folder)
    dump["synthetic"] = [
        _facts_record(extract(rel, rel, text)) for rel, text, _ in map(render_article, range(args.articles))
    ]
    args.out.write_text(
        json.dumps(dump, sort_keys=True, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    print(f"{args.out}: {sum(len(v) for v in dump.values())} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
