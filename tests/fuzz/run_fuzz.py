"""The long fuzz run: the property tests' generator and checks on N inputs (100,000 by default).

    nice python tests/fuzz/run_fuzz.py 100000 [--workers 2] [--seed 1] [--strict]

Inputs are generated wire copy (tests/test_properties.py's grammar), most of it mutated at
random, plus some arbitrary text. Each input is extracted twice and checked: no exception,
offsets that locate their text, valid dates with a consistent granularity, speakers that
are known people, the same answer twice. Hypothesis shrinks a failure to a small input and
the run goes on. Inputs that hit a bug already reported (KNOWN_BUGS in test_properties.py)
are counted apart, unless --strict. The summary gives the number of inputs, each bug with
its smallest input, and the slowest input (timed again alone, to tell a slow input from a
busy machine); a JSON report holds the inputs in full. Exit 1 if anything failed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))
# Hypothesis keeps a cache next to the working directory; send it somewhere harmless.
STORAGE = os.path.join(tempfile.gettempdir(), "korjp-fuzz-hypothesis")
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", STORAGE)

CHUNK = 1000  # generated inputs per hypothesis run; a failure ends its run after shrinking


def _category(props, exc: BaseException) -> str:
    """One name per bug, not per message: the property that failed, or where it raised."""
    broken = props.violation(exc)
    if broken:
        return f"property: {broken[0]}: the text at the offsets is not the reported field"
    if isinstance(exc, AssertionError):
        return f"property: {(str(exc).splitlines() or ['?'])[0][:80]}"
    file, function, kind = props.bug_key(exc)
    return f"exception: {kind} in {file}, {function}()"


def _worker(job: tuple[int, int, bool]) -> dict:
    """Generate `count` inputs from `seed` on; return the counts, failures, slowest inputs."""
    count, seed, strict = job
    if strict:
        os.environ["KORJP_FUZZ_STRICT"] = "1"
    import test_properties as props
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st

    stats = {"run": 0, "generated": 0, "known": {}, "failures": {}, "slowest": [], "seconds": 0.0}
    stats["chunks_failed"] = 0
    shrinking = [False]  # after the first failure of a run, hypothesis only shrinks it
    inputs = st.one_of(
        props.mutated(), props.mutated(), props.article(), props.mutated(), st.text(max_size=600)
    )

    def once(text: str) -> None:
        started = time.perf_counter()
        if not shrinking[0]:
            stats["generated"] += 1
        try:
            props.check_text(text)
        except props.KnownBug as exc:
            name = exc.args[0]
            stats["known"][name] = stats["known"].get(name, 0) + 1
        except Exception as exc:
            seen = stats["failures"].setdefault(
                _category(props, exc), {"inputs": 0, "smallest": text, "error": repr(exc)[:2000]}
            )
            seen["inputs"] += 1
            shrinking[0] = True
            if len(text) < len(seen["smallest"]):  # shrinking ends on the smallest
                seen["smallest"], seen["error"] = text, repr(exc)[:2000]
            raise
        finally:
            elapsed = time.perf_counter() - started
            stats["run"] += 1
            stats["seconds"] += elapsed
            stats["slowest"] = sorted([*stats["slowest"], (elapsed, text)], reverse=True)[:5]

    for text in props.PLAIN_EXAMPLES:  # compile the extractor's patterns before timing
        props.check_text(text)
    chunk = 0
    while stats["generated"] < count:
        n = min(CHUNK, count - stats["generated"])
        shrinking[0] = False
        runner = settings(
            max_examples=n,
            deadline=None,
            database=None,
            phases=(Phase.generate, Phase.shrink),
            suppress_health_check=list(HealthCheck),
            print_blob=False,
        )(given(inputs)(once))
        try:
            hypothesis_seed(seed * 1_000_003 + chunk)(runner)()
        except Exception:  # recorded in stats["failures"]; go on with the next run
            stats["chunks_failed"] += 1
        chunk += 1
    stats["chunks"] = chunk
    return stats


def _retime(text: str) -> float:
    """A slow input once more, alone: a busy machine or a pause is not a slow input."""
    import test_properties as props

    props.check_text(props.PLAIN_EXAMPLES[-1])
    started = time.perf_counter()
    try:
        props.check_text(text)
    except Exception:
        pass
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=100_000, help="inputs to generate")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--strict", action="store_true", help="count known bugs as failures")
    parser.add_argument(
        "--report",
        default=os.path.join(tempfile.gettempdir(), "korjp-fuzz-report.json"),
        help="where to write each failure's smallest input and the slowest inputs, in full",
    )
    args = parser.parse_args(argv)

    workers = max(1, min(args.workers, args.count))
    share = [args.count // workers + (i < args.count % workers) for i in range(workers)]
    jobs = [(n, args.seed * 100 + i, args.strict) for i, n in enumerate(share)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_worker, jobs))
    wall = time.perf_counter() - started

    run = sum(r["run"] for r in results)
    generated = sum(r["generated"] for r in results)
    known: dict[str, int] = {}
    failures: dict[str, dict] = {}
    for r in results:
        for name, n in r["known"].items():
            known[name] = known.get(name, 0) + n
        for name, seen in r["failures"].items():
            mine = failures.setdefault(name, {**seen, "inputs": 0})
            mine["inputs"] += seen["inputs"]
            if len(seen["smallest"]) < len(mine["smallest"]):
                mine["smallest"], mine["error"] = seen["smallest"], seen["error"]
    slowest = sorted((s for r in results for s in r["slowest"]), reverse=True)[:5]
    mean = sum(r["seconds"] for r in results) / max(run, 1)
    again = max((_retime(text), text) for _, text in slowest) if slowest else (0.0, "")
    chunks = sum(r["chunks"] for r in results)
    failed_chunks = sum(r["chunks_failed"] for r in results)

    print(f"inputs run:      {run:,}: {generated:,} generated, the rest while shrinking failures")
    print(f"                 ({workers} worker(s), seed {args.seed}, {wall:,.0f} s)")
    print(f"failures:        {len(failures)} bug(s), found in {failed_chunks} of {chunks} runs of {CHUNK}")
    for name, seen in sorted(failures.items()):
        print(f"  - {name}: {seen['inputs']:,} failing input(s), shrinking included")
        print(f"    smallest: {seen['smallest'][:300]!r}")
    print(f"known bugs hit:  {sum(known.values()):,} input(s) (reported; --strict fails on them)")
    for name, n in sorted(known.items()):
        print(f"  - {name}: {n:,}")
    print(f"mean per input:  {mean * 1000:.1f} ms (two extractions and the checks)")
    if slowest:
        elapsed, text = slowest[0]
        print(f"slowest input:   {elapsed * 1000:.0f} ms, {len(text):,} characters: {text[:80]!r}...")
        print(f"                 the 5 slowest run again alone: at most {again[0] * 1000:.0f} ms")
    report = {
        "inputs": run,
        "generated": generated,
        "seconds": wall,
        "failures": failures,
        "known": known,
        "slowest": [{"ms": round(t * 1000), "text": x} for t, x in slowest],
        "slowest_again": {"ms": round(again[0] * 1000), "text": again[1]},
    }
    Path(args.report).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"full report:     {args.report}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
