#!/usr/bin/env python3
"""korjp performance benchmark: one run, one table.

    python tests/perf/bench.py [--sizes 1000,10000,100000] [--reps 5] [--workdir DIR]
                               [--build-budget SECONDS] [--seed S] [--json] [--smoke]

Every korjp figure is a whole process (`python -m korjp ...` with this interpreter), timed
from spawn to exit, and reported as the median of the repetitions (`n` in the table).
Commands that are compared with each other run interleaved, after one untimed warm-up
each, so both see the same warm page cache.

  1. build        `korjp index --corpus C` with a fresh KORJP_CACHE_DIR, for each size, with
                  the throughput at 10k and the index's size on disk next to the size of
                  the article text. Repetitions stop early once the next one would push the
                  time spent on that size past --build-budget (default 1800 s); the table
                  says how many ran.
  2. search       `korjp search NEEDLE --json` on the largest corpus, warm index, next to
                  `grep -rliF NEEDLE C` on the same files.
  3. bundled      `korjp search "shuttle diplomacy"` on the bundled seed corpus, next to
                  `python -c "import typer"`.
  4. refresh      1 file changed, 1 added, 1 deleted in the 10k corpus (or the size closest
                  to it), then `korjp quotes --limit 1` (which refreshes the store), against
                  the full build of the same corpus.
  5. peak RSS     of the build and the needle search at the largest size: the largest
                  single process (ru_maxrss of the child and its reaped children, via
                  wait4) and, for the build on Linux, the sampled peak of the whole process
                  tree (PSS, so forked workers' shared pages are not counted twice); the
                  larger of the two is held against the target.
  6. queries      `korjp quotes --speaker NAME --limit 20` and
                  `korjp timeline --from D1 --to D2 --limit 50` at the largest size.

Sections 2 and 6 run twice: with every query checking freshness by itself (`walk`: one stat
per article file), and with `korjp watch` running on the corpus (`watch`: queries trust its
heartbeat). The README recommends the watcher for large corpora, so the targets are held
against the `watch` rows; the `walk` rows are reported beside them.

Corpora come from tests/perf/make_corpus.py and are cached in --workdir (default
/tmp/korjp-bench) for the next run. `--smoke` runs everything once on 100 articles in a
few seconds (for CI). The exit code is 1 when a korjp command failed or returned the wrong
thing, 0 otherwise; missed targets are reported, not fatal.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402

PY = [sys.executable]
KORJP = [*PY, "-m", "korjp"]
TARGET_SIZE = 100_000  # the size the search, RSS and build targets are set for
REFRESH_SIZE = 10_000
SMOKE_SIZE = 100  # articles in a --smoke run: below the store's parallel-build threshold, seconds
TODAY = "2026-06-30"
BUNDLED_QUERY = "shuttle diplomacy"
MB = 1024 * 1024

TARGETS = {
    "build_10k_per_s": 800,
    "build_100k_s": 120,
    "rss_build_mb": 600,
    "search_vs_grep": 0.5,
    "query_s": 0.25,
    "index_100k_gb": 1.0,
    "bundled_vs_typer": 1.3,
    "refresh_vs_build": 0.05,
    "rss_search_mb": 150,
}
BUILD_RATE_SIZE = 10_000  # the size the build throughput target is set for
GB = 1000**3
# Freshness modes for the warm queries at the largest size: every query walks the corpus
# (one stat per file), or `korjp watch` runs and queries trust its heartbeat. The README
# recommends the watcher for large corpora, so the targets are held against that mode.
RECOMMENDED_MODE = "watch"


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# Running one command


class TreeSampler(threading.Thread):
    """Samples the memory of a process and all its descendants (Linux /proc only)."""

    def __init__(self, pid: int, interval: float = 0.25):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.peak_procs = 0
        self._stop_event = threading.Event()

    @staticmethod
    def available() -> bool:
        return Path("/proc/self/status").exists()

    def _children(self, pid: int) -> list[int]:
        out: list[int] = []
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    out.extend(int(x) for x in fh.read().split())
        except (OSError, ValueError):
            pass
        return out

    @staticmethod
    def _memory(pid: int) -> int:
        """PSS in bytes when smaps_rollup is readable, else RSS."""
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        return int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
        try:
            with open(f"/proc/{pid}/statm") as fh:
                return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return 0

    def run(self) -> None:
        while not self._stop_event.is_set():
            pids, todo = [], [self.pid]
            while todo:
                p = todo.pop()
                pids.append(p)
                todo.extend(self._children(p))
            total = sum(self._memory(p) for p in pids)
            if total > self.peak:
                self.peak, self.peak_procs = total, len(pids)
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _maxrss_bytes(ru) -> int:
    # Linux reports kilobytes, macOS bytes.
    return ru.ru_maxrss if sys.platform == "darwin" else ru.ru_maxrss * 1024


# Commands run in the work directory, not the caller's: `python -m`/`-c` put the current
# directory first on sys.path, which would shadow a --snapshot with a checkout's korjp/.
RUN_CWD: str | None = None


def run(cmd: list[str], env: dict, capture: bool = False, sample: bool = False) -> dict:
    """Run one command; wall seconds, exit code, peak RSS (bytes) and optional stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=RUN_CWD, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        sampler = None
        if sample and TreeSampler.available():
            sampler = TreeSampler(proc.pid)
            sampler.start()
        maxrss = cpu = None
        if hasattr(os, "wait4"):
            _, status, ru = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            maxrss = _maxrss_bytes(ru)
            cpu = ru.ru_utime + ru.ru_stime  # includes the reaped workers' CPU time
        else:  # pragma: no cover - Windows
            proc.wait()
        seconds = time.perf_counter() - started
        if sampler:
            sampler.stop()
        out.seek(0)
        err.seek(0)
        result = {
            "seconds": seconds,
            "rc": proc.returncode,
            "maxrss": maxrss,
            "cpu": cpu,
            "tree_peak": sampler.peak if sampler else None,
            "stderr": err.read().decode("utf-8", "replace")[-200_000:],
        }
        if capture:
            result["stdout"] = out.read().decode("utf-8", "replace")
        return result


def machine_load() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine skews timings."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


# ---------------------------------------------------------------------------------------
# The benchmark


class Bench:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.workdir = Path(args.workdir).expanduser().resolve()
        self.workdir.mkdir(parents=True, exist_ok=True)
        global RUN_CWD
        RUN_CWD = str(self.workdir)
        self.rows: list[dict] = []
        self.notes: list[str] = []
        self.errors: list[str] = []
        self.corpora: dict[int, Path] = {}
        self.needles: dict[int, int] = {}
        self.warm_cache: dict[int, Path] = {}
        self.build_median: dict[int, float] = {}
        self.base_env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("KORJP_CORPUS", "FORCE_COLOR", "KORJP_CACHE_DIR", "XDG_CACHE_HOME")
        }
        self.base_env.update({"KORJP_TODAY": TODAY, "NO_COLOR": "1"})
        if not args.no_pycache:
            # Python's bytecode cache, kept out of the source tree. With PYTHONDONTWRITEBYTECODE
            # set (as in some sandboxes) and no __pycache__ beside an editable checkout, every
            # korjp process would compile its modules from source (~40 ms), which an installed
            # korjp never does, while `import typer` reads site-packages' .pyc files.
            if self.base_env.pop("PYTHONDONTWRITEBYTECODE", None):
                self.notes.append(
                    "PYTHONDONTWRITEBYTECODE was set; commands ran with a bytecode cache in "
                    f"{self.workdir / 'pycache'} instead (--no-pycache keeps the caller's setting)"
                )
            self.base_env["PYTHONPYCACHEPREFIX"] = str(self.workdir / "pycache")
        self.package = self.korjp_package()
        self.revision = self.git_revision()
        if args.snapshot:
            snap = self.workdir / "snapshot"
            if snap.exists():
                shutil.rmtree(snap)
            shutil.copytree(self.package, snap / "korjp", ignore=shutil.ignore_patterns("__pycache__"))
            self.base_env["PYTHONPATH"] = os.pathsep.join(
                p for p in (str(snap), self.base_env.get("PYTHONPATH")) if p
            )
            self.revision += f" (snapshot in {snap})"
            log(f"benchmarking a snapshot of {self.package} in {snap}")

    @staticmethod
    def korjp_package() -> Path:
        import korjp  # light: the package __init__ imports nothing heavy

        return Path(korjp.__file__).resolve().parent

    def git_revision(self) -> str:
        try:
            cwd = self.package.parent
            rev = subprocess.check_output(
                ["git", "rev-parse", "--short", "HEAD"], cwd=cwd, text=True, stderr=subprocess.DEVNULL
            ).strip()
            dirty = subprocess.check_output(
                ["git", "status", "--porcelain", "--", self.package.name],
                cwd=cwd,
                text=True,
                stderr=subprocess.DEVNULL,
            ).strip()
            return rev + ("+uncommitted changes in korjp/" if dirty else "")
        except (OSError, subprocess.CalledProcessError):
            return "unknown"

    def env(self, cache: Path) -> dict:
        return {**self.base_env, "KORJP_CACHE_DIR": str(cache)}

    def row(self, **kw) -> dict:
        self.rows.append(kw)
        return kw

    @staticmethod
    def target(text: str, size: int, target_size: int) -> str:
        return text if size == target_size else f"({text} at {target_size // 1000}k)"

    def mode_target(self, text: str, size: int, held: bool) -> str:
        """The target of a freshness-mode row: held against the recommended mode only."""
        return self.target(text, size, TARGET_SIZE) if held else f"({text} with {RECOMMENDED_MODE})"

    @staticmethod
    def ok(passed: bool, size: int, target_size: int) -> bool | None:
        return passed if size == target_size else None

    def check(self, res: dict, what: str, ok_codes: tuple[int, ...] = (0,)) -> bool:
        if res["rc"] not in ok_codes:
            self.errors.append(f"{what}: exit {res['rc']}: {res['stderr'].strip()[-500:]}")
            log(f"FAILED {what}: exit {res['rc']}")
            return False
        return True

    # corpora ---------------------------------------------------------------------------

    def corpus(self, n: int) -> Path:
        """The cached generated corpus of n articles (generated on first use)."""
        seed = self.args.seed
        path = self.workdir / f"corpus-{n}-s{seed}"
        marker = self.workdir / f"corpus-{n}-s{seed}.json"
        if path.is_dir() and marker.exists():
            stats = json.loads(marker.read_text())
            log(f"reusing {path} ({len(stats['needle_articles'])} needle articles)")
        else:
            if path.exists():
                shutil.rmtree(path)
            log(f"generating {n} articles in {path}")
            stats = make_corpus.generate(path, n, seed)
            marker.write_text(json.dumps(stats))
            log(f"generated in {stats['seconds']:.1f} s; needle in {len(stats['needle_articles'])}")
        self.needles[n] = len(stats["needle_articles"])
        return path

    def mutable_copy(self, n: int) -> Path:
        """A fresh copy of corpus n that the refresh test may change (mtimes preserved)."""
        src = self.corpus(n)
        dst = self.workdir / f"mutable-{n}-s{self.args.seed}"
        if dst.exists():
            shutil.rmtree(dst)
        log(f"copying {src.name} to {dst.name}")
        shutil.copytree(src, dst, copy_function=shutil.copy2)
        return dst

    @staticmethod
    def settle(path: Path) -> None:
        """Wait until the newest file is > 2 s old, so a build does not see 'racy' files
        (modified within 2 s of the build) that every later query would re-hash."""
        newest = max((p.stat().st_mtime for p in path.rglob("*.txt")), default=0)
        wait = newest + 2.2 - time.time()
        if wait > 0:
            time.sleep(wait)

    # 1. builds -------------------------------------------------------------------------

    def builds(self) -> None:
        for n in self.sizes:
            corpus = self.mutable_copy(n) if n == self.refresh_size else self.corpus(n)
            self.corpora[n] = corpus
            self.settle(corpus)
            times, rss, tree, cpu = [], [], [], []
            spent = 0.0
            reps = self.args.reps
            load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
            for r in range(reps):
                cache = self.workdir / f"cache-{n}"
                if cache.exists():
                    shutil.rmtree(cache)
                sample = n == self.largest
                log(f"build {n} rep {r + 1}/{reps}")
                res = run([*KORJP, "index", "--corpus", str(corpus)], self.env(cache), sample=sample)
                if not self.check(res, f"build {n}"):
                    break
                times.append(res["seconds"])
                rss.append(res["maxrss"] or 0)
                if res["cpu"] is not None:
                    cpu.append(res["cpu"])
                if res["tree_peak"]:
                    tree.append(res["tree_peak"])
                spent += res["seconds"]
                log(f"  {res['seconds']:.2f} s")
                if r + 1 < reps and spent + res["seconds"] > self.args.build_budget:
                    self.notes.append(
                        f"build {n}: {len(times)} repetition(s) instead of {reps}, the last took "
                        f"{res['seconds']:.0f} s (--build-budget {self.args.build_budget:.0f} s per size)"
                    )
                    break
            self.warm_cache[n] = self.workdir / f"cache-{n}"
            if not times:
                continue
            med = median(times)
            self.build_median[n] = med
            index_bytes = sum(p.stat().st_size for p in self.warm_cache[n].glob("index-*.sqlite"))
            text_bytes = sum(p.stat().st_size for p in corpus.rglob("*.txt"))
            is_100k = n == TARGET_SIZE
            rate = n / med
            self.row(
                section="1 build",
                measure="korjp index (fresh cache)",
                size=n,
                n=len(times),
                seconds=med,
                spread=(min(times), max(times)),
                extra=f"{rate:,.0f} articles/s"
                + (f"; CPU {median(cpu):.1f} s (all processes)" if cpu else "")
                + f"; load average before {load[0]:.2f}"
                + self.phases(self.workdir / f"cache-{n}"),
                target=f"<= {TARGETS['build_100k_s']} s" if is_100k else None,
                ok=(med <= TARGETS["build_100k_s"]) if is_100k else None,
            )
            if n == BUILD_RATE_SIZE:
                self.row(
                    section="1 build",
                    measure="build throughput (articles/s)",
                    size=n,
                    n=len(times),
                    value=f"{rate:,.0f}/s",
                    target=f">= {TARGETS['build_10k_per_s']}/s",
                    ok=rate >= TARGETS["build_10k_per_s"],
                )
            self.row(
                section="1 build",
                measure="index size on disk",
                size=n,
                value=f"{index_bytes / GB:.2f} GB",
                extra=f"index {index_bytes / MB:,.0f} MB for {text_bytes / MB:,.0f} MB of article text "
                f"({index_bytes / max(text_bytes, 1):.1f}x)",
                target=self.target(f"<= {TARGETS['index_100k_gb']} GB", n, TARGET_SIZE),
                ok=self.ok(index_bytes / GB <= TARGETS["index_100k_gb"], n, TARGET_SIZE),
            )
            if n == self.largest:
                self.build_rss = (max(rss), max(tree) if tree else None)

    # 2. needle search vs grep ----------------------------------------------------------

    def interleaved(self, a: list[str], b: list[str], env: dict, reps: int, sample_a=False):
        ra, rb = [], []
        for _ in range(reps):
            ra.append(run(a, env, sample=sample_a))
            rb.append(run(b, env))
        return ra, rb

    def needle_search(self, mode: str) -> None:
        n = self.largest
        corpus, env = self.corpora[n], self.env(self.warm_cache[n])
        needle = make_corpus.NEEDLE
        cmd = [*KORJP, "search", needle, "--json", "--corpus", str(corpus)]
        warm = run(cmd, env, capture=True)
        if not self.check(warm, "search needle"):
            return
        hits = json.loads(warm["stdout"])
        found = {h["article"] for h in hits if needle in h["text"].lower()}
        if not found:
            self.errors.append(f"search needle: no hit contains {needle!r}")
        grep = shutil.which("grep")
        if grep is None:
            self.notes.append("grep not found: search vs grep skipped")
            times = [run(cmd, env)["seconds"] for _ in range(self.args.reps)]
            self.row(
                section="2 search",
                measure="korjp search NEEDLE --json",
                size=n,
                n=len(times),
                seconds=median(times),
            )
            return
        gcmd = [grep, "-rliF", needle, str(corpus)]
        gwarm = run(gcmd, env, capture=True)
        self.check(gwarm, "grep needle")
        grep_files = len(gwarm.get("stdout", "").split())
        ra, rb = self.interleaved(cmd, gcmd, env, self.args.reps)
        for r in ra:
            self.check(r, "search needle")
        ks, gs = median([r["seconds"] for r in ra]), median([r["seconds"] for r in rb])
        ratio = ks / gs
        held = mode == RECOMMENDED_MODE
        self.row(
            section="2 search",
            measure=f"korjp search {needle!r} --json (warm, {mode})",
            size=n,
            n=len(ra),
            seconds=ks,
            spread=(min(r["seconds"] for r in ra), max(r["seconds"] for r in ra)),
            extra=f"{len(hits)} hits (default --limit), {len(found)} articles with the needle among "
            f"them; {self.needles[n]} planted",
            baseline=f"grep -rliF {gs:.3f} s ({grep_files} files)",
            ratio=ratio,
            target=self.mode_target(f"<= {TARGETS['search_vs_grep']}x grep", n, held),
            ok=self.ok(ratio <= TARGETS["search_vs_grep"], n, TARGET_SIZE) if held else None,
        )
        if held or not hasattr(self, "search_rss"):
            # one process, so ru_maxrss is exact (a sampler could miss a sub-second peak)
            self.search_rss = (max(r["maxrss"] or 0 for r in ra), None)

    @contextlib.contextmanager
    def freshness(self, mode: str):
        """Yields whether `mode` could be set up: "walk" always; "watch" runs `korjp watch`
        on the largest corpus until its heartbeat vouches for the store."""
        if mode == "walk":
            yield True
            return
        n = self.largest
        corpus, cache = self.corpora[n], self.warm_cache[n]
        proc = subprocess.Popen(
            [*KORJP, "watch", "--quiet", "--corpus", str(corpus)],
            env=self.env(cache),
            cwd=RUN_CWD,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline and proc.poll() is None:
                beats = list(cache.glob("index-*.sqlite.watch"))
                if beats and '"pending": false' in beats[0].read_text(errors="replace"):
                    break
                time.sleep(0.2)
            if proc.poll() is not None:
                self.notes.append(f"korjp watch did not start: {proc.stderr.read().strip()[-300:]}")
                yield False
                return
            log(f"korjp watch is keeping {corpus.name} fresh")
            yield True
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=60)

    # 3. bundled search vs import typer -------------------------------------------------

    def bundled(self) -> None:
        corpus = REPO / "corpus"
        if not corpus.is_dir():
            corpus = Path(
                subprocess.check_output(
                    [*PY, "-c", "from korjp.corpus import bundled_corpus; print(bundled_corpus())"],
                    env=self.base_env,
                    cwd=RUN_CWD,
                    text=True,
                ).strip()
            )
        env = self.env(self.workdir / "cache-bundled")
        cmd = [*KORJP, "search", BUNDLED_QUERY, "--corpus", str(corpus)]
        typer_cmd = [*PY, "-c", "import typer"]
        warm = run(cmd, env, capture=True)
        if not self.check(warm, "search bundled"):
            return
        run(typer_cmd, env)
        reps = max(self.args.reps, 5) if not self.args.smoke else self.args.reps
        ra, rb = self.interleaved(cmd, typer_cmd, env, reps)
        for r in ra:
            self.check(r, "search bundled")
        ks, ts = median([r["seconds"] for r in ra]), median([r["seconds"] for r in rb])
        ratio = ks / ts
        self.row(
            section="3 bundled",
            measure=f"korjp search {BUNDLED_QUERY!r} (bundled, warm)",
            size=len(list(corpus.rglob("*.txt"))),
            n=len(ra),
            seconds=ks,
            spread=(min(r["seconds"] for r in ra), max(r["seconds"] for r in ra)),
            extra=f"{len(warm['stdout'].splitlines())} result lines",
            baseline=f"import typer {ts:.3f} s",
            ratio=ratio,
            target=f"<= {TARGETS['bundled_vs_typer']}x typer",
            ok=ratio <= TARGETS["bundled_vs_typer"],
        )

    # 4. incremental refresh --------------------------------------------------------------

    def refresh(self) -> None:
        n = self.refresh_size
        corpus, cache = self.corpora[n], self.warm_cache[n]
        env = self.env(cache)
        cmd = [*KORJP, "quotes", "--limit", "1", "--corpus", str(corpus)]
        first = run(cmd, env)
        if not self.check(first, "quotes (no change)"):
            return
        idle = [run(cmd, env)["seconds"] for _ in range(self.args.reps)]
        times = []
        for r in range(self.args.reps):
            files = sorted(corpus.rglob("*.txt"))
            changed = files[(2 * r * 7919) % len(files)]
            deleted = files[((2 * r + 1) * 7919 + 1) % len(files)]
            if changed == deleted or not changed.exists() or not deleted.exists():
                continue
            with open(changed, "a", encoding="utf-8", newline="\n") as fh:
                fh.write(f'\n"We will meet again soon, revision {r}," Kim Min-seok said.\n')
            deleted.unlink()
            rel, text, _ = make_corpus.render_article(10_000_000 + r, self.args.seed)
            added = corpus / "added" / rel
            added.parent.mkdir(parents=True, exist_ok=True)
            added.write_text(text, encoding="utf-8", newline="\n")
            res = run(cmd, env)
            if not self.check(res, "quotes after refresh"):
                return
            times.append(res["seconds"])
            self.verify_refresh(cache, corpus, changed, deleted, added, r)
        full = self.build_median.get(n)
        med = median(times)
        if med is None or full is None:
            return
        idle_med = median(idle)
        self.row(
            section="4 refresh",
            measure="korjp quotes --limit 1, nothing changed",
            size=n,
            n=len(idle),
            seconds=idle_med,
        )
        ratio = med / full
        self.row(
            section="4 refresh",
            measure="korjp quotes --limit 1 after 1 changed, 1 added, 1 deleted",
            size=n,
            n=len(times),
            seconds=med,
            spread=(min(times), max(times)),
            extra=f"refresh work ~{max(med - idle_med, 0):.3f} s over the idle query",
            baseline=f"full build {full:.2f} s",
            ratio=ratio,
            target=self.target(f"<= {TARGETS['refresh_vs_build']:.0%} of build", n, REFRESH_SIZE),
            ok=self.ok(ratio <= TARGETS["refresh_vs_build"], n, REFRESH_SIZE),
            ratio_fmt="pct",
        )

    def verify_refresh(self, cache: Path, corpus: Path, changed, deleted, added, r: int) -> None:
        stores = sorted(cache.glob("index-*.sqlite"))
        if not stores:
            self.errors.append("refresh: no store found in the cache directory")
            return
        db = sqlite3.connect(f"file:{stores[0]}?mode=ro", uri=True)
        try:
            ids = {row[0] for row in db.execute("SELECT article FROM files")}
            rel = lambda p: p.relative_to(corpus).as_posix()  # noqa: E731
            on_disk = len(list(corpus.rglob("*.txt")))
            problems = []
            if rel(deleted) in ids:
                problems.append("deleted file still indexed")
            if rel(added) not in ids:
                problems.append("added file not indexed")
            if len(ids) != on_disk:
                problems.append(f"{len(ids)} files indexed, {on_disk} on disk")
            marker = f"revision {r}"
            hit = db.execute(
                "SELECT COUNT(*) FROM quotes WHERE article = ? AND text LIKE ?",
                (rel(changed), f"%{marker}%"),
            ).fetchone()[0]
            sent = db.execute(
                "SELECT COUNT(*) FROM sentences WHERE article = ? AND text LIKE ?",
                (rel(changed), f"%{marker}%"),
            ).fetchone()[0]
            if not hit and not sent:
                problems.append("changed file not re-extracted")
            for p in problems:
                self.errors.append(f"refresh rep {r + 1}: {p}")
        finally:
            db.close()

    # 5. RSS ------------------------------------------------------------------------------

    def rss_rows(self) -> None:
        n = self.largest
        for label, attr, target in (
            ("build (korjp index)", "build_rss", TARGETS["rss_build_mb"]),
            ("search NEEDLE", "search_rss", TARGETS["rss_search_mb"]),
        ):
            values = getattr(self, attr, None)
            if not values:
                continue
            single, tree = values
            # the larger of the biggest single process (ru_maxrss) and the sampled tree PSS
            figure = max(single, tree or 0) / MB
            extra = f"largest process {single / MB:.0f} MB"
            if tree:
                extra += f"; process tree (PSS, sampled) {tree / MB:.0f} MB"
            self.row(
                section="5 peak RSS",
                measure=label,
                size=n,
                n=None,
                mb=figure,
                extra=extra,
                target=self.target(f"<= {target} MB", n, TARGET_SIZE),
                ok=self.ok(figure <= target, n, TARGET_SIZE),
            )

    # 6. queries --------------------------------------------------------------------------

    def queries(self, mode: str) -> None:
        n = self.largest
        corpus, cache = self.corpora[n], self.warm_cache[n]
        env = self.env(cache)
        name = self.pick_speaker(cache)
        rel, _, _ = make_corpus.render_article(0, self.args.seed)
        year, month = rel.split("/")[:2]
        d1, d2 = f"{year}-{month}-01", f"{year}-{month}-28"
        for label, cmd in (
            (
                f"korjp quotes --speaker {name!r} --limit 20",
                [*KORJP, "quotes", "--speaker", name, "--limit", "20", "--corpus", str(corpus)],
            ),
            (
                f"korjp timeline --from {d1} --to {d2} --limit 50",
                [*KORJP, "timeline", "--from", d1, "--to", d2, "--limit", "50", "--corpus", str(corpus)],
            ),
        ):
            warm = run(cmd, env, capture=True)
            if not self.check(warm, label):
                continue
            lines = len(warm["stdout"].splitlines())
            res = [run(cmd, env) for _ in range(self.args.reps)]
            for r in res:
                self.check(r, label)
            times = [r["seconds"] for r in res]
            held = mode == RECOMMENDED_MODE
            self.row(
                section="6 queries",
                measure=f"{label} ({mode})",
                size=n,
                n=len(times),
                seconds=median(times),
                spread=(min(times), max(times)),
                extra=f"{lines} result lines; RSS {max(r['maxrss'] or 0 for r in res) / MB:.0f} MB",
                target=self.mode_target(f"<= {TARGETS['query_s']} s", n, held),
                ok=self.ok(median(times) <= TARGETS["query_s"], n, TARGET_SIZE) if held else None,
            )

    @staticmethod
    def phases(cache: Path) -> str:
        """The last build's phases, as the store recorded them (meta build_phases)."""
        for store in sorted(cache.glob("index-*.sqlite")):
            db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
            try:
                row = db.execute("SELECT value FROM meta WHERE key = 'build_phases'").fetchone()
            except sqlite3.Error:
                row = None
            finally:
                db.close()
            if row:
                spent = json.loads(row[0])
                return "; phases " + ", ".join(f"{k} {v:.1f} s" for k, v in spent.items())
        return ""

    def pick_speaker(self, cache: Path) -> str:
        """The most quoted Korean full name in the store (deterministic for a corpus)."""
        stores = sorted(cache.glob("index-*.sqlite"))
        if stores:
            db = sqlite3.connect(f"file:{stores[0]}?mode=ro", uri=True)
            try:
                row = db.execute(
                    "SELECT p.name FROM quotes q JOIN people p ON p.key = q.speaker "
                    "WHERE p.name LIKE '%-%' GROUP BY q.speaker ORDER BY COUNT(*) DESC, p.name LIMIT 1"
                ).fetchone()
                if row:
                    return row[0]
            except sqlite3.Error:
                pass
            finally:
                db.close()
        return make_corpus.PEOPLE[0]["name"]

    # driver ------------------------------------------------------------------------------

    def profile(self) -> None:
        """cProfile an in-process build of the smallest corpus, extraction forced serial so
        the workers' time is visible; prints the top functions to stderr."""
        n = min(self.args.size_list)
        corpus = self.corpus(n)
        out = self.workdir / f"profile-{n}.pstats"
        code = f"""
import cProfile, os, pstats, sys
from pathlib import Path
os.cpu_count = lambda: 1  # serial extraction: the process pool would hide the work
from korjp.index import open_store
cProfile.run("open_store(Path({str(corpus)!r}), force=True).close()", {str(out)!r})
stats = pstats.Stats({str(out)!r}, stream=sys.stderr)
stats.sort_stats("tottime").print_stats(25)
stats.sort_stats("cumulative").print_stats(40)
"""
        cache = self.workdir / f"cache-profile-{n}"
        if cache.exists():
            shutil.rmtree(cache)
        log(f"profiling a serial build of {n} articles -> {out}")
        self.settle(corpus)
        res = run([*PY, "-c", code], self.env(cache), capture=True)
        self.check(res, "profile")
        print(res["stderr"], file=sys.stderr)
        log(f"profiled build took {res['seconds']:.1f} s")
        self.notes.append(f"profile of a serial {n}-article build: {out} (python -m pstats)")

    def run_all(self) -> None:
        self.sizes = sorted(self.args.size_list)
        self.largest = self.sizes[-1]
        self.refresh_size = min(self.sizes, key=lambda s: (abs(s - REFRESH_SIZE), s))
        t0 = time.perf_counter()
        self.builds()
        if self.largest in self.build_median:
            for mode in ("walk", "watch"):
                with self.freshness(mode) as active:
                    if active:
                        self.needle_search(mode)
                        self.queries(mode)
            self.rss_rows()
        self.bundled()
        if self.refresh_size in self.build_median:
            self.refresh()
        self.elapsed = time.perf_counter() - t0
        self.rows.sort(key=lambda r: r["section"])

    def machine(self) -> dict:
        cpu = platform.processor() or platform.machine()
        try:
            with open("/proc/cpuinfo") as fh:
                for line in fh:
                    if line.startswith("model name"):
                        cpu = line.split(":", 1)[1].strip()
                        break
        except OSError:
            pass
        try:
            version = subprocess.check_output(
                [*KORJP, "--version"], env=self.base_env, cwd=RUN_CWD, text=True
            ).strip()
        except (OSError, subprocess.CalledProcessError):
            version = "?"
        try:
            where = subprocess.check_output(
                [*PY, "-c", "import korjp; print(korjp.__file__)"], env=self.base_env, cwd=RUN_CWD, text=True
            ).strip()
            self.revision += f"; korjp imported from {Path(where).parent}"
        except (OSError, subprocess.CalledProcessError):
            pass
        return {
            "korjp": version,
            "revision": self.revision,
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(),
            "cpu": cpu,
            "cpus": os.cpu_count(),
            "load": machine_load(),
        }


# ---------------------------------------------------------------------------------------
# Output


def fmt_table(bench: Bench, machine: dict) -> str:
    lines = [
        "korjp benchmark  "
        + "  ".join(f"{k}={v}" for k, v in machine.items() if k not in ("platform", "revision"))
        + f"\n  revision {machine['revision']}"
        f"\n  {machine['platform']}; workdir {bench.workdir}; seed {bench.args.seed}; "
        f"median of n runs (min..max); total {bench.elapsed:.0f} s; "
        f"load average at the end {machine_load()}",
        "",
    ]
    head = ("section", "measure", "size", "n", "median", "min..max", "baseline", "ratio", "target", "")
    table = [head]
    for r in bench.rows:
        if "mb" in r:
            value = f"{r['mb']:.0f} MB"
        elif "value" in r:
            value = r["value"]
        elif r.get("seconds") is not None:
            value = f"{r['seconds']:.3f} s"
        else:
            value = "-"
        spread = f"{r['spread'][0]:.3f}..{r['spread'][1]:.3f}" if r.get("spread") else ""
        ratio = r.get("ratio")
        if ratio is None:
            ratio_s = ""
        elif r.get("ratio_fmt") == "pct":
            ratio_s = f"{ratio:.1%}"
        else:
            ratio_s = f"{ratio:.2f}x"
        ok = {True: "ok", False: "MISS", None: ""}[r.get("ok")]
        table.append(
            (
                r["section"],
                r["measure"],
                f"{r['size']:,}",
                str(r["n"]) if r.get("n") else "",
                value,
                spread,
                r.get("baseline") or "",
                ratio_s,
                r.get("target") or "",
                ok,
            )
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    for i, row in enumerate(table):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    extras = [(r["section"], r["measure"], r["size"], r["extra"]) for r in bench.rows if r.get("extra")]
    if extras:
        lines.append("")
        for section, measure, size, extra in extras:
            lines.append(f"  {section} | {measure} | {size:,}: {extra}")
    for note in bench.notes:
        lines.append(f"note: {note}")
    for err in bench.errors:
        lines.append(f"ERROR: {err}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="korjp performance benchmark (see the module docstring)")
    ap.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes, comma-separated")
    ap.add_argument("--reps", type=int, default=5, help="repetitions per measure (default 5)")
    ap.add_argument("--workdir", help="where corpora and caches live (default /tmp/korjp-bench)")
    ap.add_argument(
        "--build-budget",
        type=float,
        default=1800.0,
        help="seconds of builds per size before repetitions stop early (default 1800)",
    )
    ap.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    ap.add_argument("--save", metavar="FILE", help="also write the JSON results to FILE")
    ap.add_argument(
        "--snapshot",
        action="store_true",
        help="benchmark a copy of the korjp package taken at start (stable while others edit it)",
    )
    ap.add_argument(
        "--profile",
        action="store_true",
        help="only cProfile a serial build of the smallest size (report on stderr)",
    )
    ap.add_argument(
        "--no-pycache",
        action="store_true",
        help="run commands with the caller's bytecode settings (default: a cache in the workdir)",
    )
    ap.add_argument("--smoke", action="store_true", help=f"everything once on {SMOKE_SIZE} articles (CI)")
    args = ap.parse_args(argv)
    if args.smoke:
        args.sizes, args.reps = str(SMOKE_SIZE), 1
        args.workdir = args.workdir or str(Path(tempfile.gettempdir()) / "korjp-bench" / "smoke")
    args.workdir = args.workdir or str(Path(tempfile.gettempdir()) / "korjp-bench")
    try:
        sizes = [s.strip().lower().replace("_", "").replace("k", "000") for s in args.sizes.split(",")]
        args.size_list = sorted({int(s) for s in sizes if s})
    except ValueError:
        ap.error(f"--sizes: not a list of integers: {args.sizes!r}")
    if not args.size_list or min(args.size_list) < 1:
        ap.error("--sizes needs positive sizes")
    if args.reps < 1:
        ap.error("--reps must be >= 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bench = Bench(args)
    if args.profile:
        bench.profile()
        return 0
    machine = bench.machine()
    bench.run_all()
    report = json.dumps(
        {
            "machine": machine,
            "seed": args.seed,
            "reps": args.reps,
            "seconds": round(bench.elapsed, 1),
            "targets": TARGETS,
            "rows": bench.rows,
            "notes": bench.notes,
            "errors": bench.errors,
        },
        indent=2,
    )
    if args.save:
        Path(args.save).write_text(report + "\n", encoding="utf-8")
    if args.json:
        print(report)
    else:
        print(fmt_table(bench, machine))
    return 1 if bench.errors else 0


if __name__ == "__main__":
    sys.exit(main())
