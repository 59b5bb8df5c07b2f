"""`korjp export`: the command around korjp.export.formats (tested in tests/test_export.py)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

from conftest import SEEDS
from test_cli import invoke


def test_csv_on_stdout_has_every_event_and_quote():
    code, out, _ = invoke("export", "--format", "csv", "--corpus", str(SEEDS))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8"))))
    _, events, _ = invoke("timeline", "--json", "--corpus", str(SEEDS))
    _, quotes, _ = invoke("quotes", "--json", "--corpus", str(SEEDS))
    assert sum(r["type"] == "event" for r in rows) == len(json.loads(events))
    assert sum(r["type"] == "quote" for r in rows) == len(json.loads(quotes))


def test_filters_apply_to_the_export():
    code, out, _ = invoke(
        "export", "-f", "jsonl", "--speaker", "Lee", "--kind", "direct", "--corpus", str(SEEDS)
    )
    assert code == 0
    quotes = [json.loads(line) for line in out.splitlines() if json.loads(line)["type"] == "quote"]
    assert quotes and all(q["speaker"] == "Lee Jae-myung" and q["kind"] == "direct" for q in quotes)


def test_sqlite_needs_an_output_file_and_never_overwrites(tmp_path):
    code, out, err = invoke("export", "--format", "sqlite", "--corpus", str(SEEDS))
    assert (code, out) == (2, b"") and "--output" in err
    target = tmp_path / "korjp.db"
    code, _, err = invoke("export", "-f", "sqlite", "-o", str(target), "--corpus", str(SEEDS))
    assert code == 0 and "wrote" in err
    hits = sqlite3.connect(target).execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'shuttle'")
    assert hits.fetchone()[0] > 0
    code, _, err = invoke("export", "-f", "sqlite", "-o", str(target), "--corpus", str(SEEDS))
    assert code == 1 and str(target) in err


def test_an_unknown_format_is_a_usage_error():
    code, out, _ = invoke("export", "--format", "pdf", "--corpus", str(SEEDS))
    assert (code, out) == (2, b"")
