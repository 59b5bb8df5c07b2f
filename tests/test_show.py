"""`korjp show` (korjp/show.py): the article text with quotes, speakers and dates marked.

Rendered to a recording truecolor Console (and a NO_COLOR one); the styles are checked on
the `rich.text.Text` spans and on the segments Rich renders, at the offsets the store gives.
"""

from __future__ import annotations

import io
import re

import pytest
from conftest import write_articles
from rich.color import ColorSystem
from rich.console import Console
from rich.style import Style
from test_add import ARTICLE  # the same short Yonhap story

from korjp import queries, show
from korjp.index import open_store
from korjp.render import clean

HOSTILE = (
    ARTICLE.replace("closer", "\x1b[31mcloser\x1b[0m")
    .replace("ties\n", "ties [bold]x[/bold]\n", 1)
    .replace("vital.", "\u202evital\u202c [bold]x[/bold].")
    .replace("next month", "\x1b[31mnext month\x1b[0m")
    .replace("is open", "is [red]open[/red]")
)
SGR_RE = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def _colour_allowed(monkeypatch):
    """conftest sets NO_COLOR for every test; these consoles say themselves what they want."""
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def store(tmp_path):
    root = write_articles(tmp_path / "corpus", {"a.txt": ARTICLE, "h.txt": HOSTILE})
    opened = open_store(root)
    yield opened
    opened.close()


def colour_console(**kwargs) -> Console:
    options = {"record": True, "width": 100, "color_system": "truecolor", "force_terminal": True}
    return Console(**(options | kwargs), highlight=False, markup=False, emoji=False)


def spans_at(text, start: int, end: int) -> list[Style]:
    return [Style.parse(str(s.style)) for s in text.spans if (s.start, s.end) == (start, end)]


def rendered_styles(console: Console, text) -> list[tuple[str, Style]]:
    return [(seg.text, seg.style or Style()) for seg in text.render(console) if seg.text]


def style_of(segments, words: str) -> Style:
    """The style of the rendered segment that holds these words."""
    return next(style for text, style in segments if words in text)


# --- gathering --------------------------------------------------------------------------------


def test_gather_takes_the_file_text_quotes_events_and_speakers(store):
    view = show.gather(store.db, "a.txt", store.root)
    assert view.text == ARTICLE
    assert {q["text"] for q in view.quotes} == {
        "relations with Japan were vital",
        "We will meet again next month",
        "The door is open",
        "Tokyo would consider the offer",
    }
    assert {e["evidence"] for e in view.events} >= {"on Wednesday", "next month"}
    kim = view.speakers["Kim Min-seok"]
    assert (kim.role, kim.country, kim.quoted, kim.reported) == ("Prime Minister of South Korea", "KR", 2, 1)
    assert "Kim" in kim.named_as and "Prime Minister Kim Min-seok" in kim.named_as
    assert view.speakers["Shigeru Ishiba"].role == "Prime Minister of Japan"


def test_speakers_get_distinct_stable_colours(store):
    view = show.gather(store.db, "a.txt", store.root)
    colours = [s.colour for s in view.speakers.values()]
    assert len(set(colours)) == len(colours) and set(colours) <= set(show.PALETTE)
    assert colours == [s.colour for s in show.gather(store.db, "a.txt", store.root).speakers.values()]
    for colour in colours:
        Style.parse(colour)  # a colour Rich knows


def test_an_unknown_article_suggests_ids(store):
    with pytest.raises(queries.QueryError) as exc:
        show.gather(store.db, "a.tx", store.root)
    assert "a.txt" in exc.value.suggestions


def test_a_file_changed_after_indexing_loses_marks_not_accuracy(store):
    (store.root / "a.txt").write_text("Completely different text now.\n")
    view = show.gather(store.db, "a.txt", store.root)
    assert view.quotes == [] and view.events == []
    assert any("korjp index" in n for n in view.notes)


# --- styles at the store's offsets --------------------------------------------------------------


def test_quotes_dates_and_speakers_are_styled_at_their_offsets(store):
    view = show.gather(store.db, "a.txt", store.root)
    body = show.body_text(view)
    assert body.plain == ARTICLE
    for q in view.quotes:
        who = view.speakers[q["speaker"]]
        [style] = [s for s in spans_at(body, q["start"], q["end"]) if s.color]
        assert style.color.name == who.colour
        assert body.plain[q["start"] : q["end"]] == q["text"]
        if q["mention_start"] is not None:
            [mark] = spans_at(body, q["mention_start"], q["mention_end"])
            assert mark.reverse and mark.color.name == who.colour
    for e in view.events:
        assert any(s.underline for s in spans_at(body, e["start"], e["end"]))


def test_reported_speech_is_italic_and_quotations_bold(store):
    view = show.gather(store.db, "a.txt", store.root)
    segments = rendered_styles(colour_console(), show.body_text(view))
    reported = style_of(segments, "relations with Japan were vital")
    quoted = style_of(segments, "We will meet again")
    assert reported.italic and not reported.bold
    assert quoted.bold and not quoted.italic
    assert reported.color == quoted.color  # the same speaker, the same colour
    ishiba = style_of(segments, "Tokyo would consider the offer")
    assert ishiba.italic and ishiba.color != reported.color
    assert style_of(segments, "on Wednesday").underline
    assert style_of(segments, "next month").underline and style_of(segments, "next month").bold


def test_reported_speech_gets_no_added_quote_marks(store):
    console = colour_console()
    show.show_article(store.db, "a.txt", console, root=store.root)
    out = console.export_text(clear=False)
    assert "were vital." in out
    assert "“relations" not in out and '"relations' not in out


def test_every_quote_and_the_legend_are_printed(store):
    console = colour_console()
    show.show_article(store.db, "a.txt", console, root=store.root)
    out = console.export_text(clear=False)
    flat = " ".join(out.split())
    for q in queries.quotes(store.db, article="a.txt"):
        assert q["text"] in flat
    legend = flat[flat.index("Who is who") :]
    assert "Kim Min-seok Prime Minister of South Korea · KR" in legend
    assert "Shigeru Ishiba Prime Minister of Japan · JP" in legend
    assert "italic: reported speech" in legend
    assert "Quotes" not in legend  # with colour, the swatches say who said what
    styled = console.export_text(styles=True, clear=False)
    for who in show.gather(store.db, "a.txt", store.root).speakers.values():
        sgr = Style.parse(who.colour).render("x", color_system=ColorSystem.TRUECOLOR).split("x")[0]
        assert sgr.startswith("\x1b[") and sgr[2:-1] in styled  # each speaker in its colour


def test_without_colour_the_marks_stay_and_a_quote_list_says_who(store):
    console = Console(record=True, width=100, force_terminal=True, no_color=True, color_system=None)
    show.show_article(store.db, "a.txt", console, root=store.root)
    styled = console.export_text(styles=True, clear=False)
    assert "\x1b[38" not in styled and "\x1b[3" in styled  # italic survives, colour does not
    flat = " ".join(console.export_text(clear=False).split())
    assert "Quotes" in flat
    assert "Shigeru Ishiba reported: Tokyo would consider the offer" in flat
    assert "Kim Min-seok direct: We will meet again next month" in flat


# --- untrusted text -----------------------------------------------------------------------------


def test_a_hostile_article_prints_inert(store):
    console = colour_console()
    show.show_article(store.db, "h.txt", console, root=store.root)
    plain = console.export_text(clear=False)
    assert "[bold]x[/bold]" in plain and "[red]open[/red]" in plain  # shown as written
    assert "\x1b" not in plain and "\u202e" not in plain and "\u202c" not in plain
    styled = console.export_text(styles=True, clear=False)
    assert "\u202e" not in styled
    assert SGR_RE.sub("", styled) == plain  # the only escapes are korjp's own colours


def test_offsets_are_mapped_past_removed_characters(store):
    view = show.gather(store.db, "h.txt", store.root)
    body = show.body_text(view)
    assert body.plain == clean(HOSTILE)
    cleaned, kept = show.clean_with_offsets(HOSTILE)
    for q in view.quotes:
        a, b = show._mapper(kept)(q["start"], q["end"])
        assert body.plain[a:b] == clean(q["text"])
        assert any(s.color for s in spans_at(body, a, b))
    segments = rendered_styles(colour_console(), body)
    assert style_of(segments, "[red]open[/red]").bold


def test_clean_with_offsets_matches_clean():
    for text in (HOSTILE, "plain", "", "\x1b]0;title\x07a\u200bb\x9b31mc"):
        cleaned, kept = show.clean_with_offsets(text)
        assert cleaned == clean(text)
        if kept is not None:
            assert "".join(text[i] for i in kept) == cleaned


# --- plain mode for pipes ------------------------------------------------------------------------


def test_plain_mode_prints_the_text_then_records_with_offsets(store):
    out = io.StringIO()
    show.show_article(store.db, "a.txt", Console(file=out, width=100), root=store.root, plain=True)
    text, records = out.getvalue().split("\n--\n")
    assert text + "\n" == ARTICLE
    rows = [line.split("\t") for line in records.splitlines()]
    assert rows[0][:3] == ["article", "a.txt", "2025-08-20"]
    assert ["speaker", "Kim Min-seok", "Prime Minister of South Korea", "KR", "2", "1"] in [
        r[:6] for r in rows
    ]
    quotes = [r for r in rows if r[0] == "quote"]
    assert len(quotes) == 4
    for _, start, end, _kind, _speaker, _said, words in quotes:
        assert ARTICLE[int(start) : int(end)] == words
    assert any(r[0] == "event" and r[-1] == "on Wednesday" for r in rows)


def test_plain_mode_is_inert_too(store):
    out = io.StringIO()
    show.show_article(store.db, "h.txt", Console(file=out), root=store.root, plain=True)
    value = out.getvalue()
    assert "\x1b" not in value and "\u202e" not in value
    assert value.startswith(clean(HOSTILE))


def test_without_root_the_stored_path_is_read(store):
    assert show.gather(store.db, "a.txt").text == ARTICLE


def test_an_article_without_quotes_or_dates_says_so(tmp_path):
    root = write_articles(tmp_path / "c", {"q.txt": "Quiet day\n\nNothing was said at all.\n"})
    console = colour_console()
    show.show_article(open_store(root).db, "q.txt", console, root=root)
    out = console.export_text(clear=False)
    assert "no quotes found" in out and "no dated expressions found" in out


def test_an_unreadable_article_is_a_query_error(tmp_path):
    root = write_articles(tmp_path / "c", {"ok.txt": ARTICLE})
    (root / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(queries.QueryError, match="PNG image"):
        show.gather(open_store(root).db, "img.txt", root)
