"""Scoring korjp against hand annotations in the gold schema (see README, "Gold files").

Quotes match by text (whitespace and enclosing punctuation aside). Among matched quotes,
speaker, kind and said_on are checked; events match by date and overlapping evidence.
Optional gold items (`"required": false`) never count as misses, and a report of one is
not a false positive. Everything is computed from the store, so the score is the score of
what a user sees.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .names import person_key

PUNCT = " \t\r\n,.;:“”\"'‘’«»「」"


class GoldError(Exception):
    """The gold file cannot be read; the message names the file and the problem."""


def norm_text(text: str) -> str:
    return " ".join(text.split()).strip(PUNCT)


def load_gold(path: Path) -> dict:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("articles"), dict):
        raise GoldError(f'{path}: expected an object with an "articles" table')
    return gold


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    @property
    def rate(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class ArticleScore:
    article: str
    tp: int = 0
    fn: int = 0
    fp: int = 0
    speaker: Tally = field(default_factory=Tally)
    kind: Tally = field(default_factory=Tally)
    said_on: Tally = field(default_factory=Tally)
    events: Tally = field(default_factory=Tally)
    article_date: Tally = field(default_factory=Tally)
    problems: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "article": self.article,
            "quotes": {
                "tp": self.tp,
                "fp": self.fp,
                "fn": self.fn,
                "precision": self.precision,
                "recall": self.recall,
                "f1": self.f1,
            },
            "speaker_accuracy": self.speaker.rate,
            "kind_accuracy": self.kind.rate,
            "said_on_accuracy": self.said_on.rate,
            "event_date_accuracy": self.events.rate,
            "article_date_accuracy": self.article_date.rate,
            "problems": self.problems,
        }


def _same_speaker(found: str | None, gold: str | None) -> bool:
    if found is None or gold is None:
        return found is None and gold is None
    return person_key(found) == person_key(gold)


def score_article(
    article: str, gold: dict, quotes: list[dict], events: list[dict], info: dict | None
) -> ArticleScore:
    score = ArticleScore(article)
    found = {}
    for q in quotes:
        found.setdefault(norm_text(q["text"]), []).append(q)
    used: set[int] = set()
    for g in gold.get("quotes", []):
        key = norm_text(g["text"])
        hits = [q for q in found.get(key, []) if q["id"] not in used]
        required = g.get("required", True)
        if not hits:
            if required:
                score.fn += 1
                score.problems.append(
                    {"type": "missed quote", "text": g["text"], "speaker": g.get("speaker")}
                )
            continue
        q = hits[0]
        used.add(q["id"])
        score.tp += 1 if required else 0
        score.speaker.add(_same_speaker(q["speaker"], g.get("speaker")))
        if not _same_speaker(q["speaker"], g.get("speaker")):
            score.problems.append(
                {
                    "type": "wrong speaker",
                    "text": g["text"],
                    "expected": g.get("speaker"),
                    "found": q["speaker"],
                }
            )
        score.kind.add(q["kind"] == g.get("kind"))
        if q["kind"] != g.get("kind"):
            score.problems.append(
                {
                    "type": "wrong kind",
                    "text": g["text"],
                    "expected": g.get("kind"),
                    "found": q["kind"],
                }
            )
        if "said_on" in g:
            score.said_on.add(q["said_on"] == g["said_on"])
            if q["said_on"] != g["said_on"]:
                score.problems.append(
                    {
                        "type": "wrong said_on",
                        "text": g["text"],
                        "expected": g["said_on"],
                        "found": q["said_on"],
                    }
                )
    for q in quotes:
        if q["id"] not in used:
            score.fp += 1
            score.problems.append(
                {
                    "type": "false positive",
                    "text": q["text"],
                    "speaker": q["speaker"],
                    "kind": q["kind"],
                }
            )
    for g in gold.get("events", []):
        ok = any(e["date"] == g["date"] and _overlaps(e["evidence"], g.get("evidence", "")) for e in events)
        if not ok and not g.get("required", True):
            continue
        score.events.add(ok)
        if not ok:
            near = [e["date"] for e in events if _overlaps(e["evidence"], g.get("evidence", ""))]
            score.problems.append(
                {
                    "type": "missed event",
                    "evidence": g.get("evidence"),
                    "expected": g["date"],
                    "found": near or None,
                }
            )
    expected = _gold_article_date(gold)
    if expected is not None or (info and info.get("date")):
        got = info.get("date") if info else None
        ok = (got or "")[:4] == (expected or "")[:4] and (got is None) == (expected is None)
        score.article_date.add(ok)
        if not ok:
            score.problems.append({"type": "wrong article date", "expected": expected, "found": got})
    return score


def _gold_article_date(gold: dict) -> str | None:
    dl = gold.get("dateline") or {}
    if dl.get("date"):
        return dl["date"]
    if gold.get("published"):
        return gold["published"]
    if gold.get("year"):
        return str(gold["year"])
    return None


def _overlaps(a: str, b: str) -> bool:
    a, b = norm_text(a).lower(), norm_text(b).lower()
    return bool(a and b) and (a in b or b in a)


def evaluate(db, gold: dict) -> dict:
    """The full report: per-article scores, totals, and every miss and false positive."""
    from . import queries

    per_article = []
    infos = {a["article"]: a for a in queries.articles(db)}
    for article, g in sorted(gold["articles"].items()):
        quotes = queries.quotes(db, article=article)
        events = queries.timeline(db, article=article)
        per_article.append(score_article(article, g, quotes, events, infos.get(article)))
        if article not in infos:
            per_article[-1].problems.insert(0, {"type": "article not in corpus"})
    total = ArticleScore("TOTAL")
    for s in per_article:
        total.tp += s.tp
        total.fp += s.fp
        total.fn += s.fn
        for name in ("speaker", "kind", "said_on", "events", "article_date"):
            t, part = getattr(total, name), getattr(s, name)
            t.right += part.right
            t.total += part.total
    return {"articles": [s.as_dict() for s in per_article], "total": total.as_dict()}
