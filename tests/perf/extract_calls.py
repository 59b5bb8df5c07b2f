#!/usr/bin/env python3
"""A fixed extraction workload for instruction counting (valgrind's callgrind).

    valgrind --tool=callgrind --callgrind-out-file=OUT PYTHON tests/perf/extract_calls.py SET N [--dry]

SET is `synthetic` (N wire articles from tests/perf/make_corpus.py) or `gum` (the first N
GUM documents). Three articles are extracted first to load the lexicons and compile the
patterns; then the N are extracted, or with --dry only made or read. The difference of the
two runs divided by N is the steady cost per article, an instruction count that other load
on the machine does not disturb (wall-clock timings on a shared machine do).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE)]  # this checkout's korjp, not an installed one
os.environ.setdefault("KORJP_TODAY", "2026-11-22")

from make_corpus import render_article  # noqa: E402

from korjp.extract import extract  # noqa: E402

GUM = HERE.parent / "data" / "gum" / "corpus"


def texts(kind: str, n: int) -> list[tuple[str, str]]:
    if kind == "synthetic":
        return [render_article(i)[:2] for i in range(n)]
    files = sorted(GUM.glob("*.txt"))[:n]
    return [(p.name, p.read_text(encoding="utf-8")) for p in files]


def main() -> int:
    kind, n, dry = sys.argv[1], int(sys.argv[2]), "--dry" in sys.argv[3:]
    warm = [render_article(10_000 + i)[:2] for i in range(3)]
    work = texts(kind, n)
    for name, text in warm:
        extract(name, name, text)
    for name, text in [] if dry else work:
        extract(name, name, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
