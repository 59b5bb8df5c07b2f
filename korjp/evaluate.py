"""Scoring korjp against hand annotations in the gold schema (see README, "Gold files").

Quotes match by text (whitespace and enclosing punctuation aside). Among matched quotes,
speaker, kind and said_on are checked; events match by date and overlapping evidence.
Optional gold items (`"required": false`) never count as misses, and a report of one is
not a false positive. Everything is computed from the store, so the score is the score of
what a user sees.
"""

from __future__ import annotations

import json
import re
import unicodedata
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


NAME_VARIANTS = {
    ("u", "s"): ("united", "states"),
    ("us",): ("united", "states"),
    ("uk",): ("united", "kingdom"),
}


def _name_words(name: str) -> tuple[str, ...]:
    """A name as lowercase words, with `U.S.`/`US` and `UK` spelled out."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKD", name).lower())
    out: list[str] = []
    i = 0
    while i < len(words):
        for short, full in NAME_VARIANTS.items():
            if tuple(words[i : i + len(short)]) == short:
                out.extend(full)
                i += len(short)
                break
        else:
            out.append(words[i])
            i += 1
    return tuple(w for w in out if w not in ("the", "s"))


def _names_agree(found: str, gold: str) -> bool:
    """Two names for one speaker: equal, one a run of two or more words of the other
    (`Enver Solomon` in `Refugee Council CEO Enver Solomon`), or a surname alone against the
    full name (`Devocht`, `Tom Devocht`)."""
    f, g = _name_words(found), _name_words(gold)
    if not f or not g:
        return False
    if f == g:
        return True
    short, long_ = (f, g) if len(f) <= len(g) else (g, f)
    if len(short) == 1:
        return long_[-1] == short[0]
    return any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def _same_speaker(found: str | None, gold: dict, known: dict[str, set[str]]) -> bool:
    """The found name is the gold speaker's, or one of the aliases the gold gives it."""
    name = gold.get("speaker")
    if found is None or name is None:
        return found is None and name is None
    allowed = {person_key(name)} | {person_key(a) for a in gold.get("aliases", [])}
    allowed |= known.get(person_key(name), set())
    if person_key(found) in allowed:
        return True
    names = [name, *gold.get("aliases", [])]
    if _body(found) in {_body(n) for n in names}:
        return True  # "South Korea" and "South Korean government" name one speaking body
    return any(_names_agree(found, n) for n in names)


def _body(name: str) -> str:
    """The body a name stands for by korjp's metonym list ("Seoul" -> South Korean government)."""
    from .lexicon import metonyms

    plain = re.sub(r"^(?:the)\s+", "", " ".join(name.split()), flags=re.I).lower()
    return metonyms().get(plain, plain)


@dataclass(frozen=True)
class Match:
    """How a found quote is paired with a gold one.

    `exact` compares texts once whitespace and enclosing punctuation are set aside.
    `overlap:F` pairs spans that cover at least F of the gold span, as quote-extraction
    research scores long reported-speech spans whose edges annotators draw differently.
    """

    mode: str = "exact"
    threshold: float = 1.0

    @classmethod
    def parse(cls, spec: str) -> Match:
        spec = spec.strip().lower()
        if spec == "exact":
            return cls()
        m = re.fullmatch(r"overlap(?::(\d*\.?\d+))?", spec)
        if m:
            threshold = float(m.group(1) or 0.3)
            if 0 < threshold <= 1:
                return cls("overlap", threshold)
        raise ValueError(f"--match takes 'exact' or 'overlap:F' with 0 < F <= 1, not {spec!r}")

    def __str__(self) -> str:
        return "exact" if self.mode == "exact" else f"overlap:{self.threshold:g}"


def _gold_span(g: dict, text: str | None) -> tuple[int, int] | None:
    if isinstance(g.get("start"), int) and isinstance(g.get("end"), int):
        return g["start"], g["end"]
    if text is None:
        return None
    at = text.find(g["text"])
    return (at, at + len(g["text"])) if at >= 0 else None


def pair_quotes(
    gold_quotes: list[dict], quotes: list[dict], match: Match, text: str | None = None
) -> list[tuple[dict, dict | None]]:
    """Each gold quote with the found quote it is paired to (or None); one-to-one.

    Overlap pairs are taken best first (largest share of the gold span covered), so a long
    reported clause and a fragment quoted inside it each find their own gold item.
    """
    taken: dict[int, dict] = {}
    if match.mode == "exact":
        found: dict[str, list[dict]] = {}
        for q in quotes:
            found.setdefault(norm_text(q["text"]), []).append(q)
        used: set = set()
        for i, g in enumerate(gold_quotes):
            hits = [q for q in found.get(norm_text(g["text"]), []) if q["id"] not in used]
            if hits:
                used.add(hits[0]["id"])
                taken[i] = hits[0]
        return [(g, taken.get(i)) for i, g in enumerate(gold_quotes)]
    candidates = []
    for i, g in enumerate(gold_quotes):
        span = _gold_span(g, text)
        if span is None or span[1] <= span[0]:
            continue
        a, z = span
        for q in quotes:
            shared = min(z, q["end"]) - max(a, q["start"])
            if shared > 0 and shared / (z - a) >= match.threshold:
                # required items first, then the larger share, then the tighter found span
                candidates.append(
                    (not g.get("required", True), -shared / (z - a), q["end"] - q["start"], i, q)
                )
    used_ids: set = set()
    for _, _, _, i, q in sorted(candidates, key=lambda c: c[:4]):
        if i in taken or q["id"] in used_ids:
            continue
        taken[i] = q
        used_ids.add(q["id"])
    return [(g, taken.get(i)) for i, g in enumerate(gold_quotes)]


def score_article(
    article: str,
    gold: dict,
    quotes: list[dict],
    events: list[dict],
    info: dict | None,
    match: Match | None = None,
    text: str | None = None,
    known: dict[str, set[str]] | None = None,
) -> ArticleScore:
    score = ArticleScore(article)
    known = known or {}
    used: set[int] = set()
    for g, q in pair_quotes(gold.get("quotes", []), quotes, match or Match(), text):
        required = g.get("required", True)
        if q is None:
            if required:
                score.fn += 1
                score.problems.append(
                    {"type": "missed quote", "text": g["text"], "speaker": g.get("speaker")}
                )
            continue
        used.add(q["id"])
        score.tp += 1 if required else 0
        if not required and g.get("speaker") is None:
            continue  # an optional item nobody attributed: reporting it costs nothing, either way
        same = _same_speaker(q["speaker"], g, known)
        score.speaker.add(same)
        if not same:
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
        evidence = g.get("evidence", "")
        ok = any(
            (_same_date(e["date"], g["date"]) and _overlaps(e["evidence"], evidence))
            or _range_end(e, g["date"], evidence)
            for e in events
        )
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


def _range_end(event: dict, gold: str, evidence: str) -> bool:
    """A gold date written at one end of a range korjp read whole: `2004` in `from 2004 to
    2009` is the range's first year (annotators differ on whether such a phrase is one
    expression or two; the words and the value agree either way)."""
    from .model import DateValue

    found = norm_text(event["evidence"]).lower()
    words = norm_text(evidence).lower()
    if "/" not in event["date"] or not words or words not in found or found == words:
        return False
    try:
        span, part = DateValue.from_iso(event["date"]), DateValue.from_iso(gold)
    except (ValueError, TypeError):
        return False
    if found.find(words) < len(found) // 2:
        return part.start == span.start and part.end <= span.end
    return part.end == span.end and part.start >= span.start


def _same_date(found: str, gold: str) -> bool:
    """Equal dates, however the interval is written: `1900/1999` is `1900-01-01/1999-12-31`."""
    if found == gold:
        return True
    from .model import DateValue

    try:
        a, b = DateValue.from_iso(found), DateValue.from_iso(gold)
    except (ValueError, TypeError):
        return False
    return (a.start, a.end) == (b.start, b.end)


def _overlaps(a: str, b: str) -> bool:
    a, b = norm_text(a).lower(), norm_text(b).lower()
    return bool(a and b) and (a in b or b in a)


def _known_aliases(gold: dict) -> dict[str, set[str]]:
    """Name key -> the keys of every alias the gold's `speakers` list gives that person."""
    known: dict[str, set[str]] = {}
    for entry in gold.get("speakers", []):
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            keys = {person_key(entry["name"])} | {person_key(a) for a in entry.get("aliases", [])}
            known.setdefault(person_key(entry["name"]), set()).update(keys)
    return known


def _article_text(info: dict | None) -> str | None:
    if not info or not info.get("path"):
        return None
    try:
        return Path(info["path"]).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None


def evaluate(db, gold: dict, match: Match | None = None) -> dict:
    """The full report: per-article scores, totals, and every miss and false positive."""
    from . import queries

    match = match or Match()
    known = _known_aliases(gold)
    per_article = []
    infos = {a["article"]: a for a in queries.articles(db)}
    for article, g in sorted(gold["articles"].items()):
        quotes = queries.quotes(db, article=article)
        events = queries.timeline(db, article=article)
        info = infos.get(article)
        text = _article_text(info) if match.mode != "exact" else None
        per_article.append(score_article(article, g, quotes, events, info, match, text, known))
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
    return {
        "match": str(match),
        "articles": [s.as_dict() for s in per_article],
        "total": total.as_dict(),
    }
