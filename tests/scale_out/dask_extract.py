#!/usr/bin/env python3
"""korjp's extraction as a map step on Dask, then the reduce step, `korjp index --facts`.

    python tests/scale_out/dask_extract.py CORPUS OUT [--workers N] [--partitions N]
                                           [--scheduler processes|threads|sync|tcp://HOST:PORT]

lists CORPUS, cuts the sorted article paths into partitions, extracts each partition in a
Dask worker (`korjp.facts_io.extract_lines`: one JSON line of facts per article), writes
OUT/part-00000.jsonl, part-00001.jsonl ... (one file per partition, so their name order
is the corpus's order), then builds the store on this machine with
`korjp index --facts OUT --corpus CORPUS` and prints its path. Part files a former run
left in OUT are removed first.

The default scheduler is Dask's local process pool, one worker process per core: the
same task graph a cluster runs. With `tcp://HOST:PORT` (needs `pip install
'dask[distributed]'`) the map step runs on the workers of that dask.distributed
scheduler instead; CORPUS and OUT must then be on storage every worker sees at the same
path, and every worker needs the same korjp (the reduce refuses facts from other
extraction code, naming the file and line).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import dask
import dask.bag

import korjp
from korjp.corpus import list_articles
from korjp.facts_io import extract_lines


def map_step(corpus: Path, out: Path, partitions: int) -> int:
    """Extract every article of `corpus` into OUT/part-NNNNN.jsonl; the number of articles."""
    paths = [str(f.path) for f in list_articles(corpus)]
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.jsonl"):
        old.unlink()
    if not paths:
        return 0
    bag = dask.bag.from_sequence(paths, npartitions=max(1, min(partitions, len(paths))))
    facts = bag.map_partitions(partial(extract_lines, corpus))
    facts.to_textfiles(str(out / "part-*.jsonl"), name_function="{:05d}".format, last_endline=True)
    return len(paths)


def reduce_step(corpus: Path, out: Path) -> Path:
    """Build the store from the part files with the CLI, as a user would; its path."""
    # The reduce must run the korjp that made the facts: the one imported here.
    here = str(Path(korjp.__file__).parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run(
        [sys.executable, "-m", "korjp", "index", "--facts", str(out), "--corpus", str(corpus)],
        capture_output=True,
        text=True,
        env=env,
    )
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        raise SystemExit(f"dask_extract: korjp index --facts failed (exit {proc.returncode})")
    return Path(proc.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the corpus folder (article ids are paths relative to it)")
    parser.add_argument("out", type=Path, help="where the part files of facts go")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="local workers (default: cores)"
    )
    parser.add_argument("--partitions", type=int, help="partitions (default: 4 per worker)")
    parser.add_argument(
        "--scheduler",
        default="processes",
        help="processes (default), threads, sync, or the tcp:// address of a dask.distributed scheduler",
    )
    args = parser.parse_args(argv)
    corpus = Path(os.path.abspath(args.corpus))  # workers in other processes see the same path
    partitions = args.partitions or 4 * args.workers

    started = time.perf_counter()
    if "://" in args.scheduler:
        from dask.distributed import Client

        with Client(args.scheduler):  # the client is Dask's scheduler while it is open
            count = map_step(corpus, args.out, partitions)
    else:
        # chunksize 1: a partition is already a big unit of work; Dask's default sends six
        # ready tasks to one worker at a time, which leaves the others idle on a short run.
        with dask.config.set(scheduler=args.scheduler, num_workers=args.workers, chunksize=1):
            count = map_step(corpus, args.out, partitions)
    mapped = time.perf_counter()
    store = reduce_step(corpus, args.out)
    done = time.perf_counter()
    print(store)
    print(
        f"dask_extract: {count} articles; map {mapped - started:.1f} s ({args.scheduler}), "
        f"reduce {done - mapped:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
