#!/usr/bin/env python3
"""Score korjp's date resolution against the DATE timexes of TempEval-3's TBAQ-cleaned data.

Dev-time benchmark, not part of the test suite: the data is not openly licensed and lives
outside the repository (see README.md beside this file). Standard library only, plus korjp,
which is run once as `python -m korjp timeline --json` over a temporary corpus.

    python tests/bench_dates/timex_bench.py FOLDER [--split tune|blind|all] [--no-catalog]
        [--json] [--misses N] [--workers N]

Scoring follows TempEval-3's value scoring for DATE timexes: a gold timex and a korjp event
match when their character spans overlap (relaxed match, one-to-one, greedy by overlap
length); a matched pair is value-correct when korjp's value, written the TIMEX3 way
(YYYY-Www, YYYY-Qn, ...), equals the gold value.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

TODAY = "2026-11-29"  # KORJP_TODAY for every run, so results do not depend on the clock
SPLITS = ("tune", "blind")
# Gold values korjp can express; every other DATE value (PRESENT_REF, 1998-SU, 199X, ...)
# still counts as a gold item, but is left out of the "concrete" scores.
CONCRETE_RE = re.compile(
    r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?|-W(?:0[1-9]|[1-4]\d|5[0-3])|-Q[1-4])?"
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()


# ---------------------------------------------------------------- the split


def is_blind(name: str) -> bool:
    """The blind split: documents whose name (file name without .tml) has a SHA-1 that is
    0 modulo 10, about a tenth of them (27 of the 256 TBAQ-cleaned documents). Nobody
    looks at their text or their misses; only aggregate numbers are printed for them."""
    return int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % 10 == 0


def split_of(name: str) -> str:
    return "blind" if is_blind(name) else "tune"


# ---------------------------------------------------------------- reading .tml


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str
    tid: str = ""


@dataclass
class Doc:
    name: str
    text: str
    dct: str | None  # the creation day, YYYY-MM-DD
    dates: list[Timex]  # TIMEX3 type DATE inside TEXT
    others: list[Timex] = field(default_factory=list)  # TIME, DURATION, SET inside TEXT


def _flatten(el: ET.Element, parts: list[str], pos: int, found: list[tuple[int, int, ET.Element]]) -> int:
    """Append the element's text (tags removed) to parts; record every TIMEX3's span."""
    if el.text:
        parts.append(el.text)
        pos += len(el.text)
    for child in el:
        start = pos
        pos = _flatten(child, parts, pos, found)
        if child.tag == "TIMEX3":
            found.append((start, pos, child))
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return pos


def parse_tml(source: str, name: str) -> Doc:
    """The TEXT element's plain text, the creation day and the timexes with their spans in it."""
    root = ET.fromstring(source)
    text_el = root.find(".//TEXT")
    if text_el is None:
        raise ValueError(f"{name}: no TEXT element")
    parts: list[str] = []
    found: list[tuple[int, int, ET.Element]] = []
    _flatten(text_el, parts, 0, found)
    text = "".join(parts)
    dct = None
    for el in root.iter("TIMEX3"):
        if el.get("functionInDocument") == "CREATION_TIME" and re.match(
            r"\d{4}-\d\d-\d\d", el.get("value", "")
        ):
            dct = el.get("value", "")[:10]
            break
    doc = Doc(name, text, dct, [])
    for start, end, el in sorted(found, key=lambda f: f[0]):
        timex = Timex(start, end, text[start:end], el.get("type", ""), el.get("value", ""), el.get("tid", ""))
        (doc.dates if timex.type == "DATE" else doc.others).append(timex)
    return doc


def load_folder(folder: Path) -> tuple[list[Doc], list[str]]:
    """Every .tml below folder, by name; a second file with a name already seen is skipped."""
    docs: dict[str, Doc] = {}
    notes: list[str] = []
    for path in sorted(folder.rglob("*.tml")):
        name = path.name[: -len(".tml")]
        if name in docs:
            notes.append(f"{path}: a second {path.name}; skipped")
            continue
        docs[name] = parse_tml(path.read_text(encoding="utf-8"), name)
    return [docs[n] for n in sorted(docs)], notes


# ---------------------------------------------------------------- values


def _interval(iso: str, last: bool) -> date:
    """The first (or last) day of an ISO day, month or year."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        y, m = parts
        if not last:
            return date(y, m, 1)
        return date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)
    return date(parts[0], 12, 31) if last else date(parts[0], 1, 1)


def normalize_korjp(value: str) -> str:
    """korjp's date (a day, YYYY-MM, YYYY or START/END) in TIMEX3 terms: a Monday-Sunday week
    is YYYY-Www, a whole quarter YYYY-Qn, a whole month YYYY-MM, a whole year YYYY, a whole
    decade YYY; any other range stays START/END (and matches no single gold value)."""
    if "/" not in value:
        return value
    a, b = value.split("/", 1)
    try:
        lo, hi = _interval(a, last=False), _interval(b, last=True)
    except ValueError:
        return value
    span = (hi - lo).days
    if lo.weekday() == 0 and span == 6:
        year, week, _ = lo.isocalendar()
        return f"{year}-W{week:02d}"
    if lo.year == hi.year and lo.day == 1 and hi == _interval(f"{hi.year}-{hi.month}", last=True):
        if lo.month == hi.month:
            return f"{lo.year}-{lo.month:02d}"
        if lo.month % 3 == 1 and hi.month == lo.month + 2:
            return f"{lo.year}-Q{hi.month // 3}"
        if (lo.month, hi.month) == (1, 12):
            return str(lo.year)
    if (
        (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31)
        and lo.year % 10 == 0
        and hi.year == lo.year + 9
    ):
        return str(lo.year)[:3]
    if (
        (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31)
        and lo.year % 100 == 0
        and hi.year == lo.year + 99
    ):
        return str(lo.year)[:2]  # a century
    if lo.weekday() == 5 and span == 1:
        year, week, _ = lo.isocalendar()
        return f"{year}-W{week:02d}-WE"  # a weekend
    season = SEASONS.get((lo.month, hi.month))
    if season and lo.day == 1 and hi == _interval(f"{hi.year}-{hi.month}", last=True):
        return f"{lo.year}-{season}"
    return value


SEASONS = {(3, 5): "SP", (6, 8): "SU", (9, 11): "FA", (12, 2): "WI"}
# Kinds of korjp event whose TIMEX3 value is a reference, not a date.
KIND_VALUES = {"present": "PRESENT_REF"}


def normalize_gold(value: str) -> str:
    """A gold value with the notational variants folded: 1998-W5 is 1998-W05."""
    m = re.fullmatch(r"(\d{4})-W(\d)", value)
    return f"{m[1]}-W0{m[2]}" if m else value


def is_concrete(value: str) -> bool:
    return CONCRETE_RE.fullmatch(normalize_gold(value)) is not None


# ---------------------------------------------------------------- korjp's events


@dataclass
class Event:
    start: int
    end: int
    evidence: str
    date: str
    granularity: str
    value: str = ""  # normalized

    def __post_init__(self) -> None:
        self.value = self.value or normalize_korjp(self.date)


def _korjp_env(cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KORJP_CORPUS", "FORCE_COLOR")}
    env.update(KORJP_CACHE_DIR=cache, KORJP_TODAY=TODAY, NO_COLOR="1")
    return env


def header(doc: Doc, title: bool) -> str:
    """What the .txt file holds before the TEXT element's text: a title line, as on a real
    article page. Without it korjp takes the first paragraph for the title and reads no dates
    there, and many TBAQ texts are one single paragraph."""
    return f"{doc.name}\n\n" if title else ""


def write_corpus(docs: list[Doc], folder: Path, catalog: bool, title: bool = True) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for doc in docs:
        with open(folder / f"{doc.name}.txt", "w", encoding="utf-8", newline="") as fh:
            fh.write(header(doc, title) + doc.text)
        if catalog and doc.dct:
            lines.append(f'[articles."{doc.name}.txt"]\npublished = "{doc.dct}"\n')
    if lines:
        (folder / "corpus.toml").write_text("\n".join(lines), encoding="utf-8")


def run_korjp(
    docs: list[Doc], catalog: bool, workers: int = 1, title: bool = True
) -> tuple[dict[str, list[Event]], float, list[str]]:
    """korjp's events per document name, with offsets into the document's text; the seconds
    the korjp runs took (wall clock); and problems (offsets that do not locate the evidence).
    With workers > 1 the documents are dealt into that many corpora, each run by its own
    korjp process at the same time."""
    workers = max(1, min(workers, len(docs) or 1))
    problems: list[str] = []
    events: dict[str, list[Event]] = {d.name: [] for d in docs}
    texts = {f"{d.name}.txt": d for d in docs}
    with tempfile.TemporaryDirectory(prefix="tbaq-bench-") as tmp:
        shards = [Path(tmp, f"corpus{i}") for i in range(workers)]
        for i, shard in enumerate(shards):
            write_corpus(docs[i::workers], shard, catalog, title)
        env = _korjp_env(str(Path(tmp, "cache")))
        cmd = [sys.executable, "-m", "korjp", "timeline", "--json", "--corpus"]
        began = time.perf_counter()
        procs = [
            subprocess.Popen(
                [*cmd, str(s)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for s in shards
        ]
        outputs = [p.communicate() for p in procs]
        seconds = time.perf_counter() - began
    for proc, (out, err) in zip(procs, outputs, strict=True):
        if proc.returncode not in (0, 1) or not out.strip():
            raise RuntimeError(f"korjp failed (exit {proc.returncode}): {err.strip()[-2000:]}")
        for rec in json.loads(out):
            doc = texts.get(rec["article"])
            if doc is None:
                problems.append(f"korjp reported an unknown article {rec['article']!r}")
                continue
            head = header(doc, title)
            if (head + doc.text)[rec["start"] : rec["end"]] != rec["evidence"]:
                problems.append(
                    f"{rec['article']}: offsets {rec['start']}-{rec['end']} do not locate {rec['evidence']!r}"
                )
            if rec["start"] < len(head):
                continue  # in the added title line
            start, end = rec["start"] - len(head), rec["end"] - len(head)
            value = KIND_VALUES.get(rec.get("kind", ""), "")  # "now": korjp's kind says present
            events[doc.name].append(
                Event(start, end, rec["evidence"], rec["date"], rec["granularity"], value)
            )
    for evs in events.values():
        evs.sort(key=lambda e: (e.start, e.end))
    return events, seconds, problems


# ---------------------------------------------------------------- scoring


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return min(a_end, b_end) - max(a_start, b_start)


def match(golds: list[Timex], events: list[Event]) -> dict[int, int]:
    """One-to-one relaxed matching, gold index -> event index: overlapping pairs are taken
    greedily, the longest overlap first (ties: earliest gold, then earliest event)."""
    pairs = []
    for gi, g in enumerate(golds):
        for ei, e in enumerate(events):
            n = _overlap(g.start, g.end, e.start, e.end)
            if n > 0:
                pairs.append((-n, gi, ei))
    pairs.sort()
    taken: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, ei in pairs:
        if gi not in taken and ei not in used:
            taken[gi] = ei
            used.add(ei)
    return taken


def prf(correct: int, n_system: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_system if n_system else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    span: int = 0  # matched pairs
    value: int = 0  # value-correct pairs

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.system += other.system
        self.span += other.span
        self.value += other.value

    def scores(self) -> dict:
        sp, sr, sf = prf(self.span, self.system, self.gold)
        vp, vr, vf = prf(self.value, self.system, self.gold)
        return {
            "gold": self.gold,
            "korjp": self.system,
            "span_matched": self.span,
            "value_correct": self.value,
            "span": {"p": sp, "r": sr, "f1": sf},
            "value": {"p": vp, "r": vr, "f1": vf},
        }


@dataclass
class Outcome:
    """One gold timex that is not value-correct, or one korjp event that matches no gold."""

    doc: str
    kind: str  # missed (no korjp event), wrong (korjp's value differs), extra (no gold)
    gold: Timex | None
    event: Event | None


@dataclass
class DocScore:
    all: Counts
    concrete: Counts
    ignored: int  # korjp events on a TIME, DURATION or SET timex: not scored
    outcomes: list[Outcome]


def score_doc(doc: Doc, events: list[Event]) -> DocScore:
    """Counts over all DATE timexes and over those with concrete values. A korjp event that
    matches no DATE timex but overlaps a TIME, DURATION or SET timex is left out of both.
    In the concrete counts, a korjp event matched to a non-concrete gold value is left out."""
    golds = doc.dates
    pairs = match(golds, events)
    matched = set(pairs.values())
    ignored = {
        ei
        for ei, e in enumerate(events)
        if ei not in matched and any(_overlap(t.start, t.end, e.start, e.end) > 0 for t in doc.others)
    }
    extra = [ei for ei in range(len(events)) if ei not in matched and ei not in ignored]
    everything, concrete = Counts(), Counts()
    outcomes: list[Outcome] = []
    for gi, g in enumerate(golds):
        ei = pairs.get(gi)
        ok = ei is not None and events[ei].value == normalize_gold(g.value)
        for counts, counted in ((everything, True), (concrete, is_concrete(g.value))):
            if counted:
                counts.gold += 1
                counts.system += ei is not None
                counts.span += ei is not None
                counts.value += ok
        if not ok:
            ev = events[ei] if ei is not None else None
            outcomes.append(Outcome(doc.name, "missed" if ev is None else "wrong", g, ev))
    everything.system += len(extra)
    concrete.system += len(extra)
    outcomes += [Outcome(doc.name, "extra", None, events[ei]) for ei in extra]
    return DocScore(everything, concrete, len(ignored), outcomes)


# ---------------------------------------------------------------- miss categories

CATEGORY_RULES: list[tuple[str, str, str]] = [
    # (category, where to look: "value" or "text", regex), the first that matches wins
    ("present ref (now, currently)", "value", r"PRESENT_REF"),
    ("past/future ref (recently, the future)", "value", r"PAST_REF|FUTURE_REF"),
    ("season", "value", r"-(SU|FA|WI|SP)$"),
    ("half year", "value", r"-H[12]$"),
    ("time of day on a date", "value", r"T"),
    ("duration-like value", "value", r"^P"),
    ("decade or century", "value", r"^\d{2,3}X*$"),
    ("fiscal year", "text", r"\bfiscal\b"),
    ("quarter", "text", r"\bquarter\b"),
    ("year-ago / latest period (a quarter in gold)", "value", r"-Q"),
    ("weekend", "value", r"-WE$"),
    ("weekday", "text", r"\b(" + "|".join(WEEKDAYS) + r")\b"),
    ("today/yesterday/tomorrow", "text", r"\b(today|yesterday|tomorrow|tonight)\b"),
    ("earlier/later this unit", "text", r"\b(earlier|later)\s+(this|that)\s+(week|month|year)\b"),
    ("N units ago / earlier / later", "text", r"\b(ago|earlier|later|before|after|from now|hence)\b"),
    (
        "last/this/next unit",
        "text",
        r"\b(last|this|next|past|previous|coming|following|current|same|that)\b.*\b(week|month|year)s?\b",
    ),
    ("spelled-out year", "text", r"\b(nineteen|two thousand)\b"),
    ("holiday", "text", r"\b(thanksgiving|easter|christmas|new year)"),
    ("end of a period (year end)", "text", r"\bend\b"),
    ("unspecified in gold (X in value)", "value", r"X"),
    ("year written alone", "text", r"^\D*(\d{4}|'\d\d)\D*$"),
    ("month and day", "text", r"\b(" + "|".join(MONTHS) + r")\b.*\d|\d.*\b(" + "|".join(MONTHS) + r")\b"),
    ("month name without a day", "text", r"\b(" + "|".join(MONTHS) + r")\b"),
    (
        "anaphoric or vague (the year, the day, then, days)",
        "text",
        r"^(the\s+)?(\w+\s+)?(year|day|week|month|period|time|then|days|weeks|months|years)\W*$",
    ),
]


def category(gold: Timex) -> str:
    for name, where, rx in CATEGORY_RULES:
        if re.search(rx, gold.value if where == "value" else gold.text, re.I):
            return name
    return "other"


def how_wrong(outcome: Outcome) -> str:
    """missed, or for a wrong value: wrong year, wrong precision, range, wrong value."""
    if outcome.kind != "wrong" or outcome.gold is None or outcome.event is None:
        return outcome.kind
    got, want = outcome.event.value, normalize_gold(outcome.gold.value)
    if "/" in got:
        return "wrong: a range"
    if got[4:] == want[4:] and got[:4] != want[:4]:
        return "wrong: year"
    if got.startswith(want) or want.startswith(got) or got[:4] == want[:4] and got[4:6] != want[4:6]:
        return "wrong: precision"
    return "wrong: value"


def breakdown(outcomes: list[Outcome]) -> list[tuple[str, Counter]]:
    """Per gold category: how many gold items were missed or got a wrong value; and the korjp
    events that match no gold DATE timex (kind "extra")."""
    table: dict[str, Counter] = {}
    for o in outcomes:
        name = category(o.gold) if o.gold is not None else "(korjp event on no gold DATE)"
        table.setdefault(name, Counter())[how_wrong(o)] += 1
    return sorted(table.items(), key=lambda kv: -sum(kv[1].values()))


# ---------------------------------------------------------------- report


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def sample(outcomes: list[Outcome], n: int) -> list[Outcome]:
    """n outcomes in a fixed order that mixes documents (by a hash of doc and position)."""

    def key(o: Outcome) -> str:
        pos = o.gold.start if o.gold else o.event.start if o.event else 0
        return hashlib.sha1(f"{o.doc}:{pos}:{o.kind}".encode()).hexdigest()

    return sorted(outcomes, key=key)[:n]


def outcome_record(o: Outcome, texts: dict[str, str]) -> dict:
    span = o.gold or o.event
    assert span is not None
    return {
        "doc": o.doc,
        "kind": how_wrong(o),
        "category": category(o.gold) if o.gold else None,
        "gold_text": o.gold.text if o.gold else None,
        "gold_value": o.gold.value if o.gold else None,
        "korjp_evidence": o.event.evidence if o.event else None,
        "korjp_date": o.event.date if o.event else None,
        "korjp_value": o.event.value if o.event else None,
        "context": _context(texts[o.doc], span.start, span.end),
    }


def _fmt_row(label: str, s: dict) -> str:
    v, sp = s["value"], s["span"]
    return (
        f"  {label:<9} value F1 {v['f1']:.3f} (P {v['p']:.3f} R {v['r']:.3f})  span F1 {sp['f1']:.3f} "
        f"(P {sp['p']:.3f} R {sp['r']:.3f})  gold {s['gold']}, korjp {s['korjp']}, "
        f"matched {s['span_matched']}, value-correct {s['value_correct']}"
    )


def print_report(result: dict, misses: list[dict] | None, table: list | None) -> None:
    k = result["korjp"]
    print(
        f"korjp: {k['documents']} documents in {k['seconds']:.1f} s ({k['workers']} process(es)), "
        f"catalog {'on' if k['catalog'] else 'off'}, title line {'on' if k['title_line'] else 'off'}, "
        f"KORJP_TODAY={TODAY}"
    )
    for name, s in result["splits"].items():
        print(
            f"{name}: {s['documents']} documents, {s['ignored']} korjp events on TIME/DURATION/SET left out"
        )
        print(_fmt_row("all DATE", s["all"]))
        print(_fmt_row("concrete", s["concrete"]))
    for p in result["problems"][:20]:
        print(f"problem: {p}")
    if table is not None:
        print("\ntune misses and wrong values by gold category:")
        for name, c in table:
            detail = ", ".join(f"{k} {n}" for k, n in c.most_common())
            print(f"  {sum(c.values()):4d}  {name}: {detail}")
    for m in misses or []:
        print(
            f"\n{m['doc']} [{m['kind']}] {m['category'] or ''}\n"
            f"  gold: {m['gold_text']!r} = {m['gold_value']}\n"
            f"  korjp: {m['korjp_evidence']!r} = {m['korjp_date']} ({m['korjp_value']})\n"
            f"  {m['context']}"
        )


def evaluate(docs: list[Doc], catalog: bool, workers: int, title: bool = True) -> tuple[dict, list[Outcome]]:
    events, seconds, problems = run_korjp(docs, catalog, workers, title)
    splits: dict[str, dict] = {}
    outcomes: list[Outcome] = []
    totals: dict[str, list] = {}
    for doc in docs:
        ds = score_doc(doc, events[doc.name])
        for key in (split_of(doc.name), "all"):
            t = totals.setdefault(key, [0, Counts(), Counts(), 0])
            t[0] += 1
            t[1].add(ds.all)
            t[2].add(ds.concrete)
            t[3] += ds.ignored
        if split_of(doc.name) == "tune":
            outcomes += ds.outcomes
    for key in (*SPLITS, "all"):
        if key in totals and (key != "all" or len(totals) > 2):
            n, everything, concrete, ignored = totals[key]
            splits[key] = {
                "documents": n,
                "ignored": ignored,
                "all": everything.scores(),
                "concrete": concrete.scores(),
            }
    missing_dct = sum(1 for d in docs if d.dct is None)
    result = {
        "korjp": {
            "documents": len(docs),
            "seconds": seconds,
            "workers": workers,
            "catalog": catalog,
            "title_line": title,
        },
        "splits": splits,
        "problems": problems + [f"{missing_dct} documents have no creation time"] * bool(missing_dct),
    }
    return result, outcomes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="folder holding the .tml files (searched recursively)")
    ap.add_argument("--split", choices=("tune", "blind", "all"), default="tune")
    ap.add_argument("--no-catalog", action="store_true", help="give korjp no corpus.toml (no article dates)")
    ap.add_argument(
        "--no-title",
        action="store_true",
        help="write the TEXT alone, with no title line (korjp then reads the first paragraph as the title)",
    )
    ap.add_argument("--json", action="store_true", help="one JSON object on stdout")
    ap.add_argument(
        "--misses",
        type=int,
        metavar="N",
        help="the tune split's misses by category, and N examples (tune split only)",
    )
    ap.add_argument("--workers", type=int, default=1, metavar="N", help="korjp processes at once (default 1)")
    args = ap.parse_args(argv)
    if args.misses is not None and args.split != "tune":
        ap.error("--misses shows text, and only the tune split's text may be looked at: use --split tune")
    if args.misses is not None and args.misses < 0 or args.workers < 1:
        ap.error("--misses and --workers take a positive number")
    if not args.folder.is_dir():
        ap.error(f"{args.folder} is not a folder")
    docs, notes = load_folder(args.folder)
    for note in notes:
        print(note, file=sys.stderr)
    docs = [d for d in docs if args.split == "all" or split_of(d.name) == args.split]
    if not docs:
        print(f"no .tml documents in {args.folder} for the {args.split} split", file=sys.stderr)
        return 1
    result, outcomes = evaluate(docs, not args.no_catalog, args.workers, not args.no_title)
    misses = table = None
    if args.misses is not None:
        texts = {d.name: d.text for d in docs}
        misses = [outcome_record(o, texts) for o in sample(outcomes, args.misses)]
        table = breakdown(outcomes)
        result["tune_breakdown"] = {name: dict(c) for name, c in table}
        result["tune_misses"] = misses
    if args.json:
        json.dump(result, sys.stdout, indent=1)
        print()
    else:
        print_report(result, misses, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
