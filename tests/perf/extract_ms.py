#!/usr/bin/env python3
"""Extraction cost per article, single process: the figure the extraction budgets are set in.

    python tests/perf/extract_ms.py [--articles N] [--reps R] [--gold-corpus DIR ...]

Times `korjp.extract.extract` on N synthetic wire articles (tests/perf/make_corpus.py, about
450 words each) and on every .txt under each --gold-corpus folder (real copy such as the
converted GUM documents), R passes each, and prints the fastest pass's CPU milliseconds per
article of each set. Reading files and the store are left out: this is the extractor alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE)]  # this checkout's korjp, not an installed one

from make_corpus import render_article  # noqa: E402

from korjp.extract import extract  # noqa: E402


def per_article_ms(texts: list[tuple[str, str]], reps: int) -> float:
    """The fastest of `reps` passes, in CPU milliseconds per article: on a shared machine
    the minimum is the figure least disturbed by other work."""
    for name, text in texts[:3]:
        extract(name, name, text)  # warm the caches (lexicons, compiled patterns)
    passes = []
    for _ in range(reps):
        began = time.process_time()
        for name, text in texts:
            extract(name, name, text)
        passes.append((time.process_time() - began) * 1000 / len(texts))
    return min(passes)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300, help="synthetic articles (default 300)")
    ap.add_argument("--reps", type=int, default=5, help="passes per set (default 5)")
    ap.add_argument("--gold-corpus", type=Path, action="append", default=[], help="a folder of real .txt")
    args = ap.parse_args(argv)
    sets = {"synthetic": [render_article(i)[:2] for i in range(args.articles)]}
    for folder in args.gold_corpus:
        files = sorted(folder.rglob("*.txt"))
        sets[str(folder)] = [(str(p), p.read_text(encoding="utf-8")) for p in files]
    for name, texts in sets.items():
        words = sum(len(t.split()) for _, t in texts) / max(1, len(texts))
        ms = per_article_ms(texts, args.reps)
        print(f"{name}\t{len(texts)} articles\t{words:.0f} words/article\t{ms:.2f} ms/article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
