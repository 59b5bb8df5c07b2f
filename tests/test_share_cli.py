"""`korjp show` and `korjp add` as commands (their libraries: tests/test_show.py, tests/test_add.py)."""

from __future__ import annotations

import json

from conftest import SEEDS
from test_cli import invoke

ARTICLE = (
    "Korea, Japan agree to expand exchanges\n\nSEOUL, Aug. 20 (Yonhap) -- Foreign Minister Cho Hyun said "
    "on Wednesday he would visit Tokyo next month.\n"
)


def test_show_piped_is_the_text_then_tab_separated_records():
    code, out, _ = invoke("show", "003_84e0aca2b85bf24c.txt", "--corpus", str(SEEDS))
    assert code == 0
    text = out.decode("utf-8")
    assert "shuttle diplomacy" in text and "\nquote\t" in text


def test_show_an_unknown_article_suggests_ids():
    code, out, err = invoke("show", "003_84e0aca2b85bf24c", "--corpus", str(SEEDS))
    assert code == 1 and out == b"" and "Did you mean" in err


def test_add_previews_copies_records_the_catalog_and_refreshes_the_index(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "corpus.toml").write_text("# my notes\n", encoding="utf-8")
    source = tmp_path / "paste.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    code, out, err = invoke(
        "add", str(source), "--published", "2025-08-20", "--source", "Yonhap", "--corpus", str(corpus)
    )
    assert code == 0, err
    assert out.decode().startswith("added paste.txt: 2025-08-20 (catalog)")
    assert (corpus / "corpus.toml").read_text(encoding="utf-8").startswith("# my notes\n")
    code, out, _ = invoke("quotes", "--json", "--corpus", str(corpus))
    assert [q["speaker"] for q in json.loads(out)] == ["Cho Hyun"]


def test_add_dry_run_writes_nothing_and_bad_input_is_an_error(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = invoke("add", str(source), "--dry-run", "--json", "--corpus", str(corpus))
    assert code == 0 and json.loads(out)[0]["preview"]["quotes"]
    assert list(corpus.iterdir()) == []
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, _, err = invoke("add", str(png), "--corpus", str(corpus))
    assert code == 1 and "photo.txt" in err and list(corpus.iterdir()) == []
    code, _, _ = invoke("add", str(source), "--published", "yesterday", "--corpus", str(corpus))
    assert code == 2


def test_timeline_html_writes_one_offline_page(tmp_path):
    page = tmp_path / "timeline.html"
    code, out, err = invoke("timeline", "--html", str(page), "--speaker", "Lee", "--corpus", str(SEEDS))
    assert code == 0 and out == b"" and "wrote" in err
    html = page.read_text(encoding="utf-8")
    assert "<script" in html and "http://" not in html.replace("http://www.w3.org", "")
    assert "on August 15" in html
