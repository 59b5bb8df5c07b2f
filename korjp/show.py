"""`korjp show ARTICLE`: one article's text with what korjp found in it marked in place.

Part of the render layer (it imports rich). The article text is untrusted: it is cleaned
with `render.clean` (escapes, controls, bidi and zero-width characters removed) and only
ever put in `rich.text.Text` objects, never parsed as markup; the store's offsets, which
count characters of the file, are mapped onto the cleaned text.

How the text is marked, so that it reads without colour too (NO_COLOR keeps bold, italic,
underline and reverse video; only the colours go):
- quotations (kinds direct, partial, continuation): bold, in the speaker's colour; the
  article's own quote marks are the only ones shown;
- reported speech (kind indirect, the writer's words): italic, in the speaker's colour,
  never inside added quote marks;
- the words that name the speaker: reverse video in the speaker's colour;
- dating words (the evidence of each timeline event): underlined.
After the text: who is who (a swatch of each speaker's colour, role, country, how the
article names them), then the dates each underlined phrase stands for. Without colour the
swatches cannot tell speakers apart, so a list of the quotes with their speakers and
offsets follows as well. `plain=True` (for pipes) prints the cleaned text, a `--` line,
then tab-separated `article`, `speaker`, `quote` and `event` lines with file offsets.
"""

from __future__ import annotations

import sqlite3
import zlib
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from rich.text import Text

from . import queries
from .corpus import SourceFile, read_article
from .render import ANSI_RE, BASIS, UNSAFE_RE, clean, one_line
from .render import _date_display as date_display

PALETTE = (
    "dodger_blue1",
    "dark_orange",
    "green3",
    "magenta",
    "cyan",
    "gold1",
    "orchid1",
    "spring_green2",
    "salmon1",
    "steel_blue1",
    "chartreuse2",
    "hot_pink",
)
UNATTRIBUTED = "(unattributed)"
QUOTATION_KINDS = ("direct", "partial", "continuation")
DATE_STYLE = "underline"
KEY = (
    "bold: quoted words · italic: reported speech (the writer's words, not a quotation) · "
    "reversed: who speaks · underlined: dating words"
)


@dataclass
class Speaker:
    name: str  # canonical name, or UNATTRIBUTED
    colour: str | None
    role: str | None = None
    country: str | None = None
    named_as: list[str] = field(default_factory=list)
    quoted: int = 0  # quotations
    reported: int = 0  # reported speech


@dataclass
class ArticleView:
    """Everything `show` prints about one article, gathered from the store and the file."""

    record: dict  # queries.articles record
    text: str  # the file text, as the store decoded it
    quotes: list[dict]  # queries.quotes records, plus mention_start / mention_end
    events: list[dict]  # queries.timeline records
    speakers: dict[str | None, Speaker]  # by canonical name; None for unattributed quotes
    notes: list[str] = field(default_factory=list)


def gather(db: sqlite3.Connection, article: str, root: Path | None = None) -> ArticleView:
    """The article's record, text, quotes, events and speakers. An unknown or unreadable
    article raises queries.QueryError (with near ids as suggestions)."""
    records = queries.articles(db, article)
    if not records:
        raise queries.QueryError(
            f"no article {article!r} in the corpus", suggestions=queries.suggest_articles(db, article)
        )
    record = records[0]
    path = root / article if root is not None else Path(record["path"])
    text, warnings = read_article(SourceFile(article, path, -1, 0))
    if text is None:
        raise queries.QueryError(warnings[-1] if warnings else f"{article}: cannot be read")
    quotes = sorted(queries.quotes(db, article=article), key=lambda q: (q["start"], q["end"]))
    mentions = {
        r["id"]: (r["speaker"], r["mention_start"], r["mention_end"])
        for r in db.execute(
            "SELECT id, speaker, mention_start, mention_end FROM quotes WHERE article = ?", (article,)
        )
    }
    keys = {}
    for q in quotes:
        key, q["mention_start"], q["mention_end"] = mentions.get(q["id"], (None, None, None))
        if key and q["speaker"]:
            keys[q["speaker"]] = key
    events = sorted(queries.timeline(db, article=article), key=lambda e: (e["start"], e["end"]))
    view = ArticleView(record, text, quotes, events, {})
    _check_offsets(view)
    view.speakers = _speakers(db, view.quotes, keys)
    return view


def _check_offsets(view: ArticleView) -> None:
    """Drop spans that no longer locate their words (the file changed after indexing)."""
    text = view.text
    quotes = [q for q in view.quotes if text[q["start"] : q["end"]] == q["text"]]
    events = [e for e in view.events if text[e["start"] : e["end"]] == e["evidence"]]
    if len(quotes) < len(view.quotes) or len(events) < len(view.events):
        view.notes.append(
            "the file changed after korjp indexed it, so some marks are missing; run korjp index"
        )
    view.quotes, view.events = quotes, events


def _speakers(db, quotes: list[dict], keys: dict[str, str]) -> dict[str | None, Speaker]:
    """One entry per speaker, in order of first quote, each with its own colour: the one
    its name hashes to (so it tends to keep it across articles), else the next free one."""
    records = {s["name"]: s for s in queries.speakers(db, sorted(set(keys.values())))}
    out: dict[str | None, Speaker] = {}
    used: set[str] = set()
    for q in quotes:
        name = q["speaker"]
        if name not in out:
            colour = _colour(name, used) if name else None
            info = records.get(name, {})
            roles = [r["role"] for r in info.get("roles", [])]
            out[name] = Speaker(
                name or UNATTRIBUTED, colour, q["role"] or (roles[-1] if roles else None), info.get("country")
            )
        who = out[name]
        if q["kind"] == "indirect":
            who.reported += 1
        else:
            who.quoted += 1
        if q["speaker_mention"] and q["speaker_mention"] not in who.named_as:
            who.named_as.append(q["speaker_mention"])
    return out


def _colour(name: str, used: set[str]) -> str:
    first = zlib.crc32(name.encode("utf-8")) % len(PALETTE)
    for step in range(len(PALETTE)):
        colour = PALETTE[(first + step) % len(PALETTE)]
        if colour not in used:
            used.add(colour)
            return colour
    return PALETTE[first]  # more speakers than colours: share


# ---------------------------------------------------------------- offsets after cleaning


def clean_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """`render.clean(text)` and, when cleaning removed anything, the file offset of each
    character kept (None: offsets are unchanged)."""
    cleaned = clean(text)
    if cleaned == text:
        return text, None
    kept: list[int] = []
    pos = 0
    for m in ANSI_RE.finditer(text):
        kept.extend(range(pos, m.start()))
        pos = m.end()
    kept.extend(range(pos, len(text)))
    kept = [i for i in kept if not UNSAFE_RE.match(text, i)]
    if "".join(text[i] for i in kept) != cleaned:  # cannot happen; never mark the wrong words
        return cleaned, []
    return cleaned, kept


def _mapper(kept: list[int] | None):
    if kept is None:
        return lambda a, b: (a, b)
    if not kept:
        return lambda a, b: (0, 0)
    return lambda a, b: (bisect_left(kept, a), bisect_left(kept, b))


# ---------------------------------------------------------------- styled output


def quote_style(speaker: Speaker | None, kind: str) -> str:
    colour = speaker.colour if speaker and speaker.colour else ""
    return f"{'italic' if kind == 'indirect' else 'bold'} {colour}".strip()


def mention_style(speaker: Speaker | None) -> str:
    colour = speaker.colour if speaker and speaker.colour else ""
    return f"bold reverse {colour}".strip()


def body_text(view: ArticleView) -> Text:
    """The cleaned article text with quotes, speakers and dating words styled in place."""
    cleaned, kept = clean_with_offsets(view.text)
    where = _mapper(kept)
    body = Text(cleaned, end="")
    for q in view.quotes:
        who = view.speakers.get(q["speaker"])
        body.stylize(quote_style(who, q["kind"]), *where(q["start"], q["end"]))
    for e in view.events:
        body.stylize(DATE_STYLE, *where(e["start"], e["end"]))
    for q in view.quotes:
        if q["mention_start"] is not None and q["mention_end"] is not None:
            who = view.speakers.get(q["speaker"])
            body.stylize(mention_style(who), *where(q["mention_start"], q["mention_end"]))
    return body


def _header(view: ArticleView) -> Text:
    r = view.record
    head = Text(clean(r["title"] or "(no title)"), style="bold")
    facts = [r["article"]]
    if r["date"]:
        facts.append(f"{r['date']} ({BASIS.get(r['date_basis'], r['date_basis'])})")
    else:
        facts.append("undated")
    if r["dateline"]:
        facts.append(r["dateline"]["text"])
    if r["source"]:
        facts.append(r["source"])
    head.append("\n" + one_line(" · ".join(str(f) for f in facts)), style="dim")
    for w in r["warnings"] + view.notes:
        head.append("\n⚠ " + one_line(w), style="yellow")
    return head


def legend(view: ArticleView) -> Text:
    """Who is who: each speaker's swatch, role, country, how the article names them."""
    out = Text("Who is who", style="bold")
    if not view.speakers:
        out.append("\n  no quotes found", style="dim")
    for who in view.speakers.values():
        out.append("\n  ")
        out.append(f" {clean(who.name)} ", style=mention_style(who))
        details = [who.role, who.country, _counts(who)]
        if who.named_as:
            details.append("named as " + ", ".join(f"'{one_line(n)}'" for n in who.named_as))
        out.append("  " + one_line(" · ".join(d for d in details if d)))
    out.append("\n" + KEY, style="dim")
    return out


def _counts(who: Speaker) -> str:
    parts = []
    if who.quoted:
        parts.append(f"{who.quoted} quoted")
    if who.reported:
        parts.append(f"{who.reported} reported")
    return ", ".join(parts)


def dates(view: ArticleView) -> Text:
    out = Text("Dates", style="bold")
    if not view.events:
        out.append("\n  no dated expressions found", style="dim")
    for e in view.events:
        out.append(f"\n  {date_display(e)}{' ~' if e['inferred'] else ''}  ", style="cyan")
        out.append(one_line(e["evidence"]), style=DATE_STYLE)
        out.append(f"  [{e['start']}:{e['end']}]", style="dim")
    return out


def quote_list(view: ArticleView) -> Text:
    """Every quote with its speaker: what colour would say, for a terminal without it."""
    out = Text("Quotes", style="bold")
    for q in view.quotes:
        who = view.speakers.get(q["speaker"])
        out.append(f"\n  [{q['start']}:{q['end']}] ", style="dim")
        out.append(clean(who.name if who else UNATTRIBUTED), style=mention_style(who))
        label = "reported" if q["kind"] == "indirect" else q["kind"]
        out.append(f" {label}: ")
        out.append(one_line(q["text"]), style=quote_style(who, q["kind"]))
    return out


def show_article(
    db: sqlite3.Connection, article: str, console, *, root: Path | None = None, plain: bool = False
) -> None:
    """Print one article with its quotes, speakers and dating words marked (see the module
    docstring); `plain` writes unstyled text and tab-separated records for a pipe. `root`
    is the corpus folder (the store's root); without it the path the store recorded is
    read. Raises queries.QueryError for an unknown or unreadable article."""
    view = gather(db, article, root)
    if plain:
        console.file.write(plain_text(view))
        console.file.flush()
        return
    no_colour = bool(console.no_color) or console.color_system is None
    console.print(_header(view))
    console.print()
    console.print(body_text(view))
    console.print()
    console.print(legend(view))
    console.print()
    console.print(dates(view))
    if no_colour and view.quotes:
        console.print()
        console.print(quote_list(view))


def plain_text(view: ArticleView) -> str:
    """The cleaned text, then `--`, then tab-separated records with file offsets."""
    cleaned, _ = clean_with_offsets(view.text)
    r = view.record
    rows = [["article", r["article"], r["date"], r["date_basis"], r["title"]]]
    rows += [["warning", w] for w in r["warnings"] + view.notes]
    rows += [
        ["speaker", s.name, s.role, s.country, s.quoted, s.reported, "; ".join(s.named_as)]
        for s in view.speakers.values()
    ]
    rows += [
        ["quote", q["start"], q["end"], q["kind"], q["speaker"], q["said_on"], q["text"]] for q in view.quotes
    ]
    rows += [
        ["event", e["start"], e["end"], e["date"], "inferred" if e["inferred"] else "", e["evidence"]]
        for e in view.events
    ]
    lines = ["\t".join("" if c is None else one_line(str(c)).replace("\t", " ") for c in row) for row in rows]
    return cleaned + ("" if cleaned.endswith("\n") else "\n") + "--\n" + "\n".join(lines) + "\n"
