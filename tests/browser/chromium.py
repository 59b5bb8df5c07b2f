"""Helpers for the browser tests and the README screenshot: Debian's chromium driven by
Playwright for Python (no `playwright install`: the system browser is used), the bundled
corpus as a page, and synthetic events for the load test."""

from __future__ import annotations

import importlib.util
import random
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed (python -m pip install playwright)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)


def bundled_records(corpus: Path = ROOT / "corpus") -> tuple[list[dict], list[dict], dict]:
    """Events, quotes and speaker countries of a corpus, as `korjp timeline --html` gets them."""
    from korjp import queries
    from korjp.index import open_store

    store = open_store(corpus)
    try:
        events = queries.timeline(store.db)
        quotes = queries.quotes(store.db)
        countries = {s["name"]: s["country"] for s in queries.speakers(store.db)}
    finally:
        store.db.close()
    return events, quotes, countries


SPEAKERS = [
    ("Lee Jae-myung", "KR"),
    ("Kim Min-seok", "KR"),
    ("Cho Hyun", "KR"),
    ("Shigeru Ishiba", "JP"),
    ("Takeshi Iwaya", "JP"),
    ("Sanae Takaichi", "JP"),
    ("Donald Trump", "US"),
    ("Marco Rubio", "US"),
]
EVIDENCE = {
    "day": ["on Monday", "on August 15", "the previous day", "on Friday"],
    "week": ["last week", "this week"],
    "month": ["last month", "in June", "early next month"],
    "year": ["in 1998", "last year", "the 60th anniversary"],
    "range": ["from 1910 to 1945", "later this week", "between 2015 and 2018"],
}


def synthetic(n: int, seed: int = 7) -> tuple[list[dict], list[dict], dict]:
    """`n` timeline records and n // 10 quotes over 1990-2025, deterministic for a seed."""
    rng = random.Random(seed)
    first = date(1990, 1, 1)
    events, quotes = [], []
    for i in range(n):
        gran = rng.choices(list(EVIDENCE), weights=[60, 8, 12, 12, 8])[0]
        start = first + timedelta(days=rng.randrange(36 * 365))
        if gran == "day":
            end = start
        elif gran == "week":
            start -= timedelta(days=start.weekday())
            end = start + timedelta(days=6)
        elif gran == "month":
            start = start.replace(day=1)
            end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        elif gran == "year":
            start, end = start.replace(month=1, day=1), start.replace(month=12, day=31)
        else:
            end = start + timedelta(days=rng.choice([3, 10, 60, 400, 3000]))
        actors = [name for name, _ in rng.sample(SPEAKERS, rng.choice([0, 1, 1, 1, 2, 3]))]
        evidence = rng.choice(EVIDENCE[gran])
        who = actors[0] if actors else "The ministry"
        text = f"{who} said talks would resume {evidence}, event number {i}."
        events.append(
            {
                "date": start.isoformat() if gran == "day" else f"{start}/{end}",
                "granularity": gran,
                "start_date": start.isoformat(),
                "end_date": end.isoformat(),
                "evidence": evidence,
                "start": 100 + text.index(evidence),
                "end": 100 + text.index(evidence) + len(evidence),
                "text": text,
                "actors": actors,
                "article": f"wire/{i % 400:03d}.txt",
                "inferred": rng.random() < 0.3,
                "kind": "weekday" if gran == "day" else gran,
                "sentence_start": 100,
            }
        )
        if i % 10 == 0:
            quotes.append(
                {
                    "id": i,
                    "article": f"wire/{i % 400:03d}.txt",
                    "speaker": actors[0] if actors else None,
                    "speaker_mention": actors[0].split()[0] if actors else None,
                    "role": None,
                    "kind": rng.choice(["direct", "indirect"]),
                    "text": f"Quote {i}: we will keep talking",
                    "start": 10,
                    "end": 40,
                    "said_on": start.isoformat(),
                    "verb": "said",
                }
            )
    return events, quotes, dict(SPEAKERS)
