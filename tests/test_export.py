"""korjp.export.formats: TimelineJS, iCalendar, CSV, JSON Lines and SQLite exports.

On a small corpus written into tmp_path, with one hostile article whose text carries HTML,
`</script>`, quote marks, commas, semicolons and backslashes, to show each format escapes
what it must (ICS per RFC 5545, TimelineJS as HTML) and keeps the rest as written.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import sys

import pytest
from conftest import write_articles

from korjp import queries
from korjp.export import formats
from korjp.export.formats import FORMATS, ExportError, export
from korjp.index import open_store

HOSTILE_BITS = "C:\\New <img src=x onerror=alert(1)> are what we will discuss</script>"
ARTICLES = {
    "hostile.txt": (
        "Summit <img src=x onerror=alert(1)> headline </script>\n\n"
        f'SEOUL, Aug. 20 (Yonhap) -- President Lee Jae-myung said on Wednesday, "Tokyo, Seoul; and '
        f'{HOSTILE_BITS}," at a meeting in 2025.\n\n'
        'Lee added that the summit would be held later this month, with "Japan; Korea, \\ and us" '
        "as its motto.\n\n"
        '"We will not forget 1965," Kim Min-seok said on Tuesday.\n'
    ),
    "news/plain.txt": (
        "Ishiba and Lee meet in Tokyo\n\n"
        'TOKYO, Aug. 23 (Kyodo) -- Prime Minister Shigeru Ishiba said on Saturday, "Japan and South '
        'Korea are important neighbours," after talks with Lee Jae-myung.\n\n'
        "The two leaders agreed to resume shuttle diplomacy later this year.\n"
    ),
}
EVENT_KEYS = {
    "date", "granularity", "start_date", "end_date", "evidence", "start", "end", "text", "actors",
    "article", "inferred", "kind",
}  # fmt: skip
QUOTE_KEYS = {
    "id", "article", "speaker", "speaker_mention", "role", "kind", "text", "start", "end", "said_on", "verb",
}  # fmt: skip
NASTY = 'Line one, "quoted"; back\\slash\nline two\r\nline three'


@pytest.fixture
def store(tmp_path):
    corpus = write_articles(tmp_path / "corpus", ARTICLES)
    s = open_store(corpus)
    yield s
    s.close()


@pytest.fixture
def records(store):
    return queries.timeline(store.db), queries.quotes(store.db)


def run(store, fmt, events, quotes, path=None) -> tuple[str, int]:
    out = io.StringIO(newline="")
    n = export(store.db, fmt, out, path, events=events, quotes=quotes)
    return out.getvalue(), n


def test_formats_and_corpus_sanity(records):
    events, quotes = records
    assert FORMATS == ("timelinejs", "ics", "csv", "jsonl", "sqlite")
    assert any(HOSTILE_BITS in q["text"] for q in quotes)
    assert any("<img" in e["text"] for e in events)
    assert all(q["said_on"] for q in quotes)


def test_unknown_format_and_directory_output_are_user_errors(store, records, tmp_path):
    with pytest.raises(ExportError, match="unknown export format"):
        run(store, "xml", *records)
    with pytest.raises(ExportError, match="is a directory"):
        run(store, "csv", *records, path=tmp_path)


# --- CSV and JSON Lines ----------------------------------------------------------------------


def test_csv_is_rfc4180_and_round_trips(store, records):
    events, quotes = records
    quotes = [*quotes, dict(quotes[0], id=999, text=NASTY)]
    text, n = run(store, "csv", events, quotes)
    assert n == len(events) + len(quotes)
    assert text.endswith("\r\n") and "\r\n" in text.split('"Line one', 1)[0]
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == n
    assert set(rows[0]) >= {"type"} | EVENT_KEYS | QUOTE_KEYS and "sentence_start" not in rows[0]
    assert [r["type"] for r in rows] == ["event"] * len(events) + ["quote"] * len(quotes)
    assert rows[-1]["text"] == NASTY  # commas, quote marks and newlines survive unchanged
    assert '"Line one, ""quoted""; back\\slash\nline two\r\nline three"' in text  # RFC 4180 quoting
    first = rows[0]
    assert json.loads(first["actors"]) == events[0]["actors"]
    assert first["inferred"] in ("true", "false")
    assert any(HOSTILE_BITS in r["text"] for r in rows)  # data formats keep the text as written


def test_jsonl_is_one_object_a_line_with_the_contract_keys(store, records):
    events, quotes = records
    quotes = [*quotes, dict(quotes[0], id=999, text=NASTY + "\u202e\u2028")]
    text, n = run(store, "jsonl", events, quotes)
    lines = text.splitlines()
    assert len(lines) == n == len(events) + len(quotes)
    assert "\u202e" not in text and "\u2028" not in text  # written as \u escapes
    rows = [json.loads(line) for line in lines]
    for row in rows:
        assert set(row) - {"type"} == (EVENT_KEYS if row["type"] == "event" else QUOTE_KEYS)
    assert rows[-1]["text"] == NASTY + "\u202e\u2028"
    assert {k: rows[0][k] for k in EVENT_KEYS} == {k: events[0][k] for k in EVENT_KEYS}


def test_text_formats_write_to_a_file(store, records, tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    out = io.StringIO()
    n = export(store.db, "csv", out, target, events=records[0], quotes=records[1])
    assert out.getvalue() == ""
    assert len(list(csv.reader(target.open(newline="", encoding="utf-8")))) == n + 1
    with pytest.raises(ExportError, match="cannot write"):
        export(store.db, "jsonl", None, tmp_path / "missing" / "x.jsonl", events=[], quotes=[])


# --- TimelineJS --------------------------------------------------------------------------------


def _check_date(obj) -> tuple:
    """A TimelineJS date object: integer year; month 1-12 and day 1-31 optional, day needs month."""
    assert isinstance(obj, dict) and isinstance(obj["year"], int) and not isinstance(obj["year"], bool)
    assert set(obj) <= {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}
    month, day = obj.get("month"), obj.get("day")
    if month is not None:
        assert 1 <= int(month) <= 12
    if day is not None:
        assert month is not None and 1 <= int(day) <= 31
    return (obj["year"], int(month or 1), int(day or 1))


def check_timelinejs(doc: dict) -> None:
    """The documented TimelineJS3 JSON: `events` (slides with start_date), optional `title`."""
    assert set(doc) <= {"title", "events", "eras", "scale"}
    assert isinstance(doc["events"], list)
    if "title" in doc:
        assert isinstance(doc["title"].get("text", {}).get("headline"), str)
    ids = [s["unique_id"] for s in doc["events"]]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    allowed = {
        "start_date", "end_date", "text", "media", "group", "display_date", "background", "autolink",
        "unique_id",
    }  # fmt: skip
    for slide in doc["events"]:
        assert set(slide) <= allowed
        start = _check_date(slide["start_date"])
        if "end_date" in slide:
            assert _check_date(slide["end_date"]) >= start
        text = slide["text"]
        assert set(text) <= {"headline", "text"} and all(isinstance(v, str) for v in text.values())
        for key in ("group", "display_date"):
            assert isinstance(slide.get(key, ""), str)


def test_timelinejs_matches_the_documented_format(store, records):
    events, quotes = records
    text, n = run(store, "timelinejs", *records)
    doc = json.loads(text)
    check_timelinejs(doc)
    assert n == len(doc["events"]) == len(events) + len(quotes)
    slides = {s["text"]["headline"]: s for s in doc["events"]}
    later = next(s for h, s in slides.items() if h == "later this month")
    assert later["start_date"] == {"year": 2025, "month": 8, "day": 21}
    assert later["end_date"] == {"year": 2025, "month": 8, "day": 31}  # the true extent
    year = next(s for s in doc["events"] if s["display_date"] == "1965")
    assert year["start_date"] == {"year": 1965} and year["end_date"] == {"year": 1965, "month": 12, "day": 31}
    day = next(s for h, s in slides.items() if h == "on Saturday")
    assert day["start_date"] == {"year": 2025, "month": 8, "day": 23} and "end_date" not in day
    assert day["group"] == "news/plain.txt"
    quote = next(s for s in doc["events"] if s["unique_id"].startswith("quote-") and "Ishiba" in s["group"])
    assert quote["start_date"] == {"year": 2025, "month": 8, "day": 23}
    assert quote["group"] == "Shigeru Ishiba"


def test_timelinejs_escapes_article_html(store, records):
    text, _ = run(store, "timelinejs", *records)
    for raw in ("<img", "</script", "onerror=alert(1)>"):
        assert raw not in text
    doc = json.loads(text)
    strings = [s["text"]["headline"] + s["text"]["text"] + s["group"] for s in doc["events"]]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in s for s in strings)
    assert any("&lt;/script&gt;" in s for s in strings)
    # the only tags are korjp's own paragraphs
    assert {t for s in strings for t in re.findall(r"</?\w+", s)} <= {"<p", "</p"}


def test_undated_quotes_are_left_out_of_calendars(store, records):
    events, quotes = records
    undated = dict(quotes[0], id=998, said_on=None)
    text, n = run(store, "timelinejs", [], [undated, quotes[0]])
    assert n == 1 and len(json.loads(text)["events"]) == 1


# --- iCalendar ---------------------------------------------------------------------------------


def test_ics_without_icalendar_names_the_extra(store, records, monkeypatch):
    monkeypatch.setitem(sys.modules, "icalendar", None)  # import fails as when not installed
    with pytest.raises(ExportError, match=re.escape("pip install 'korjp[ics]'")):
        run(store, "ics", *records)


def _vevents(text: str) -> list:
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical(text)
    return list(cal.walk("VEVENT"))


def test_ics_all_day_events_with_exclusive_end_and_stable_uids(store, records):
    pytest.importorskip("icalendar")
    events, quotes = records
    text, n = run(store, "ics", *records)
    again, _ = run(store, "ics", *records)
    vevents = _vevents(text)
    assert n == len(vevents) == len(events) + len(quotes)
    assert "DTSTART;VALUE=DATE:" in text and "DTEND;VALUE=DATE:" in text
    uids = [str(v["UID"]) for v in vevents]
    assert len(set(uids)) == len(uids) and all(u.endswith("@korjp") for u in uids)
    assert uids == [str(v["UID"]) for v in _vevents(again)]
    by_summary = {str(v["SUMMARY"]): v for v in vevents}
    later = by_summary["later this month"]
    assert str(later["DTSTART"].to_ical(), "ascii") == "20250821"
    assert str(later["DTEND"].to_ical(), "ascii") == "20250901"  # the day after the 31st
    day = by_summary["on Saturday"]
    assert (day["DTEND"].dt - day["DTSTART"].dt).days == 1
    assert "news/plain.txt, characters" in str(day["DESCRIPTION"])
    for v in vevents:
        assert "DTSTAMP" in v and v["DTSTART"].params.get("VALUE") == "DATE"


def test_ics_escapes_and_folds(store, records):
    pytest.importorskip("icalendar")
    events, quotes = records
    long_line = ("한국と日本, relations; " * 12)[:200]
    text, _ = run(
        store,
        "ics",
        [dict(events[0], evidence="a, b; c \\ d\ne\x1bf"), dict(events[1], evidence=long_line)],
        [dict(quotes[0], text='C:\\New, file; "x"\ny')],
    )
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert "\n" not in text.replace("\r\n", "")  # no bare line feed inside a value
    assert "\x1b" not in text
    assert "SUMMARY:a\\, b\\; c \\\\ d\\nef" in text
    summaries = [str(v["SUMMARY"]) for v in _vevents(text)]
    assert summaries[0] == "a, b; c \\ d\nef"
    assert summaries[1] == long_line  # unfolded back whole
    # RFC 5545: `\N` in the text is a backslash and an N, so the backslash is escaped
    assert 'C:\\\\New\\, file\\; "x"\\ny”' in text.replace("\r\n ", "")
    hostile = _vevents(run(store, "ics", *records)[0])
    assert any(HOSTILE_BITS.split("New ")[1] in str(v["SUMMARY"]) for v in hostile)  # `\N`: see above


def test_ics_description_holds_the_sentence_of_a_quote(store, records):
    pytest.importorskip("icalendar")
    text, _ = run(store, "ics", [], records[1])
    kim = next(v for v in _vevents(text) if "forget 1965" in str(v["SUMMARY"]))
    description = str(kim["DESCRIPTION"])
    assert '"We will not forget 1965," Kim Min-seok said on Tuesday.' in description
    assert "hostile.txt, characters" in description


# --- SQLite ------------------------------------------------------------------------------------


def test_sqlite_needs_output_and_never_overwrites(store, records, tmp_path):
    with pytest.raises(ExportError, match="--output"):
        run(store, "sqlite", *records)
    target = tmp_path / "taken.db"
    target.write_text("precious")
    with pytest.raises(ExportError, match="taken.db already exists"):
        run(store, "sqlite", *records, path=target)
    assert target.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".taken")) == []


def test_sqlite_copy_has_the_store_and_datasette_search(store, records, tmp_path):
    target = tmp_path / "copy.db"
    _, n = run(store, "sqlite", *records, path=target)
    copy = sqlite3.connect(target)
    tables = [r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        if table.startswith("search_"):
            continue  # korjp's own search index (and its FTS5 shadow tables) stays behind
        count = f"SELECT COUNT(*) FROM {table}"
        assert copy.execute(count).fetchone()[0] == store.db.execute(count).fetchone()[0], table
    assert n == len(records[0]) + len(records[1])
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []
    hit = copy.execute(
        "SELECT quotes.id, quotes.text FROM quotes JOIN quotes_fts ON quotes_fts.rowid = quotes.id "
        "WHERE quotes_fts MATCH 'neighbours'"
    ).fetchall()
    assert [t for _, t in hit] == ["Japan and South Korea are important neighbours"]
    assert copy.execute("SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH 'shuttle'").fetchone()[
        0
    ]
    # Datasette's detect_fts (datasette/utils): the table whose content= names the base table
    for table in ("quotes", "sentences"):
        found = copy.execute(
            "SELECT name FROM sqlite_master WHERE rootpage = 0 AND sql LIKE ?",
            (f'%VIRTUAL TABLE%USING FTS%content="{table}"%',),
        ).fetchall()
        assert found == [(f"{table}_fts",)]


def test_sqlite_copy_keeps_only_the_exported_records(store, records, tmp_path):
    events, quotes = records
    target = tmp_path / "lee.db"
    lee = [q for q in quotes if q["speaker"] == "Lee Jae-myung"]
    _, n = run(store, "sqlite", events[:2], lee, path=target)
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2
    assert {r[0] for r in copy.execute("SELECT id FROM quotes")} == {q["id"] for q in lee}
    assert n == 2 + len(lee)
    assert copy.execute("SELECT COUNT(*) FROM quotes_fts").fetchone()[0] == len(lee)
    assert (
        copy.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH 'neighbours'").fetchone()[0] == 0
    )


def test_module_sizes_stay_small():
    from pathlib import Path

    folder = Path(formats.__file__).parent
    for path in folder.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 400, path.name
