#!/usr/bin/env python3
"""What the reduce step (`korjp index --facts`) costs per article, and what 1M would take.

    python tests/perf/reduce_bench.py [--sizes 10000,100000] [--base 2000] [--workdir DIR]
                                      [--json] [--smoke]

Facts are made once, for real: a synthetic corpus of --base articles
(tests/perf/make_corpus.py) is extracted with `korjp extract`'s own code. Each size N is
then a corpus of N articles and N lines of facts, made cheaply and realistically: the base
corpus is repeated under copy folders (c000/, c001/, ...) as hard links (so size and mtime
match the facts, and the reduce lists, stats and checks N real files), and each copy's
lines are the base lines with the copy folder put in front of the article id (in the
record and in its rows). Rows, text
and people are therefore those of real extraction; only the people pool does not grow
with N (make_corpus draws from a few hundred people), so the people table stays small.

For each size the reduce runs once in a fresh process with an empty cache (the library
call `korjp index --facts` makes), timing its phases by wrapping korjp's functions:
listing the corpus, reading the lines (JSON parse and header checks), turning them into
rows (and checking them), inserting those, the full-text index, the B-tree indexes, and
the finish (people merge, corpus digest); "other" is matching lines to files, committing
and renaming.
Phases are CPU seconds of the reducing process, which other work on the machine does not
inflate as it does wall time; the wall total is beside them. The table gives seconds and
microseconds per article, the peak RSS of the process, and the facts and store sizes;
then a 1M-article estimate: per phase, the cost per article as a + b*ln(N) through the
two largest sizes (flat where a phase is linear; rising where it is N log N, as the FTS
and B-tree builds are, marked *).

Everything is cached in --workdir (default /tmp/korjp-reduce-bench) for the next run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path[:0] = [str(HERE), str(REPO)]  # make_corpus, and the korjp of this checkout

PHASES = ["list", "read+check", "decode", "insert", "fts", "indexes", "finish", "other"]
GROWS_N_LOG_N = {"fts", "indexes"}
MB = 1024 * 1024


def log(msg: str) -> None:
    print(f"[reduce-bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# Inputs


def base_facts(workdir: Path, base: int) -> tuple[Path, list[bytes]]:
    """The base corpus and its facts, one line each, made by korjp's map step once per
    version of korjp (the reduce refuses facts another one made)."""
    import make_corpus

    from korjp.corpus import list_articles
    from korjp.facts_io import dumps, extract_records, extractor_digest, write_lines

    root = workdir / f"base-{base}"
    facts = workdir / f"base-{base}-{extractor_digest()[:12]}.jsonl"
    if not facts.exists():
        if not root.exists():
            log(f"generating {base} articles")
            make_corpus.generate(root, base)
        log(f"extracting {base} articles (the map step, every core)")
        started = time.perf_counter()
        write_lines(facts, (dumps(r) for r in extract_records(root, list_articles(root))))
        log(f"extracted in {time.perf_counter() - started:.0f} s")
    lines = facts.read_bytes().splitlines()
    assert len(lines) == base, f"{facts} has {len(lines)} lines, not {base}; delete it"
    return root, lines


def sized(workdir: Path, base_root: Path, base_lines: list[bytes], n: int) -> tuple[Path, Path]:
    """A corpus of N hard links to the base files, and N lines of facts in its order."""
    from korjp.facts_io import extractor_digest

    root = workdir / f"corpus-{n}"
    facts = workdir / f"facts-{n}-{extractor_digest()[:12]}"
    done = facts / "done"
    if done.exists():
        return root, facts
    log(f"making a corpus of {n:,} hard links and its facts")
    ids = [json.loads(line[: line.index(b',"path"')] + b"}")["article"] for line in base_lines]
    facts.mkdir(parents=True, exist_ok=True)
    made: set[Path] = set()
    copies = math.ceil(n / len(base_lines))
    for c in range(copies):
        count = min(len(base_lines), n - c * len(base_lines))
        prefix = f"c{c:03d}/"
        with open(facts / f"part-{c:05d}.jsonl", "wb") as out:
            for article, line in zip(ids[:count], base_lines[:count], strict=True):
                target = root / prefix / article
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                if not target.exists():
                    os.link(base_root / article, target)
                quoted = json.dumps(article).encode()  # the id wherever it stands, rows included
                out.write(line.replace(quoted, json.dumps(prefix + article).encode()) + b"\n")
    done.touch()
    return root, facts


# ---------------------------------------------------------------------------------------
# One reduce, in its own process


def child(corpus: Path, facts: Path) -> dict:
    """Run the reduce with its phases timed; print what it cost as JSON."""
    import korjp.facts_io as facts_io
    import korjp.index as index
    import korjp.reduce as reduce

    spent = dict.fromkeys(PHASES, 0.0)

    def timed(module, name: str, phase: str) -> None:
        inner = getattr(module, name)

        def wrapper(*args, **kwargs):
            t = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[phase] += time.process_time() - t

        setattr(module, name, wrapper)

    def timed_iter(module, name: str, phase: str) -> None:
        inner = getattr(module, name)

        def wrapper(*args, **kwargs):
            it = inner(*args, **kwargs)
            while True:
                t = time.process_time()
                try:
                    item = next(it)
                except StopIteration:
                    spent[phase] += time.process_time() - t
                    return
                spent[phase] += time.process_time() - t
                yield item

        setattr(module, name, wrapper)

    timed(reduce, "list_articles", "list")
    timed_iter(facts_io, "read_records", "read+check")
    timed(facts_io, "rows_of", "decode")
    timed(index, "insert_rows", "insert")
    timed(index, "index_text", "fts")
    timed(index, "create_indexes", "indexes")
    timed(index, "_finish", "finish")
    started, cpu_started = time.perf_counter(), time.process_time()
    store = reduce.build_from_facts(corpus, [facts])
    total, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    articles = store.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    counts = {
        t: store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("sentences", "quotes", "events", "person_mentions", "people")
    }
    store.close()
    # other: matching lines to files, the catalog, committing and renaming the store
    spent["other"] = cpu - sum(v for k, v in spent.items() if k != "other")
    return {
        "articles": articles,
        "rows": counts,
        "notices": store.notices,
        "seconds": total,
        "cpu_seconds": cpu,
        "phases": spent,
        "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "store_bytes": store.path.stat().st_size,
    }


def reduce_once(corpus: Path, facts: Path, cache: Path) -> dict:
    env = {**os.environ, "KORJP_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO)}
    for old in cache.glob("*"):
        old.unlink()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(corpus), str(facts)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    if proc.returncode != 0:
        raise SystemExit(f"the reduce failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout)
    result["facts_bytes"] = sum(p.stat().st_size for p in facts.iterdir())
    return result


# ---------------------------------------------------------------------------------------
# Report


def estimate(results: list[dict], target: int) -> dict:
    """Each phase at `target` articles, its cost per article taken as a + b*ln(N) through
    the two largest sizes: flat for the phases that are linear, growing with the log of N
    for B-tree and FTS merges (an N log N total). A cost per article that falls with N is
    a fixed cost being spread; it is held at its last value, not carried below it. Memory
    grows linearly (the listing and the lines' bookkeeping are per article)."""
    small, large = sorted(results, key=lambda r: r["articles"])[-2:]
    n0, n1 = small["articles"], large["articles"]
    out = {}
    for phase in PHASES:
        u0, u1 = small["phases"][phase] / n0, large["phases"][phase] / n1
        per_log = max((u1 - u0) / math.log(n1 / n0), 0.0) if n1 != n0 else 0.0
        out[phase] = (u1 + per_log * math.log(target / n1)) * target
    out["total"] = sum(out[p] for p in PHASES)
    rss_slope = (large["maxrss"] - small["maxrss"]) / (n1 - n0) if n1 != n0 else 0
    out["maxrss"] = large["maxrss"] + rss_slope * (target - n1)
    out["facts_bytes"] = large["facts_bytes"] / n1 * target
    out["store_bytes"] = large["store_bytes"] / n1 * target
    return out


def table(results: list[dict], guess: dict | None, target: int) -> str:
    sizes = [r["articles"] for r in results]
    head = f"{'CPU seconds':<12}" + "".join(f"{f'{n:,}':>12}{'µs/art':>9}" for n in sizes)
    if guess:
        head += f"{f'~{target:,}':>14}"
    lines = [head, "-" * len(head)]
    for phase in [*PHASES, "total CPU", "total wall"]:
        row = f"{phase + (' *' if phase in GROWS_N_LOG_N else ''):<12}"
        for r in results:
            t = {"total CPU": r["cpu_seconds"], "total wall": r["seconds"]}.get(phase) or r["phases"][phase]
            row += f"{t:>12.2f}{t / r['articles'] * 1e6:>9.0f}"
        if guess and phase != "total wall":
            row += f"{guess['total' if phase == 'total CPU' else phase]:>14.0f}"
        lines.append(row)
    lines.append("")
    for label, key, unit in (
        ("peak RSS", "maxrss", MB),
        ("facts", "facts_bytes", MB),
        ("store", "store_bytes", MB),
    ):
        row = f"{label:<12}" + "".join(f"{r[key] / unit:>12.0f}{'MB':>9}" for r in results)
        if guess:
            row += f"{guess[key] / unit:>11.0f} MB"
        lines.append(row)
    lines.append("")
    lines.append(
        "rows per article: "
        + ", ".join(f"{k} {v / results[-1]['articles']:.1f}" for k, v in results[-1]["rows"].items())
    )
    lines.append("* N log N (index merges): µs per article grows with the log of N")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated article counts")
    ap.add_argument("--base", type=int, default=2000, help="articles really extracted (default 2000)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/korjp-reduce-bench"))
    ap.add_argument("--target", type=int, default=1_000_000, help="size to estimate (default 1M)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--smoke", action="store_true", help="50 base articles, sizes 100 and 150: seconds")
    ap.add_argument("--child", nargs=2, type=Path, metavar=("CORPUS", "FACTS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    if args.smoke:
        args.base, args.sizes = 50, "100,150"
    sizes = sorted(int(s) for s in args.sizes.split(","))
    args.workdir.mkdir(parents=True, exist_ok=True)
    base_root, base_lines = base_facts(args.workdir, args.base)
    results = []
    for n in sizes:
        corpus, facts = sized(args.workdir, base_root, base_lines, n)
        log(f"reducing {n:,} articles (load {os.getloadavg()[0]:.1f})")
        result = reduce_once(corpus, facts, args.workdir / f"cache-{n}")
        if result["articles"] != n or result["notices"]:
            raise SystemExit(f"the reduce of {n:,} gave {result['articles']} articles: {result['notices']}")
        log(f"{n:,}: {result['seconds']:.1f} s, peak RSS {result['maxrss'] / MB:.0f} MB")
        results.append(result)
    guess = estimate(results, args.target) if len(results) >= 2 and args.target > sizes[-1] else None
    if args.json:
        print(json.dumps({"results": results, "estimate": guess, "target": args.target}, indent=2))
    else:
        print(table(results, guess, args.target))
    return 0


if __name__ == "__main__":
    sys.exit(main())
