"""`korjp add` (korjp/add.py): preview, safe copy into the corpus, corpus.toml kept as written.

Every error leaves the corpus folder exactly as it was; the tests compare a snapshot of
every file's bytes (and every link's target) before and after.
"""

from __future__ import annotations

import os
import tomllib
from datetime import date
from pathlib import Path

import pytest
from conftest import write_articles

import korjp
from korjp import add, queries
from korjp.add import AddError, add_articles, preview, safe_destination, slugify
from korjp.index import open_store

ARTICLE = (
    "Leaders vow closer ties\n\n"
    "SEOUL, Aug. 20 (Yonhap) -- Prime Minister Kim Min-seok said on Wednesday that relations "
    "with Japan were vital.\n"
    '"We will meet again next month," Kim told reporters. "The door is open."\n'
    "Japanese Prime Minister Shigeru Ishiba said Tokyo would consider the offer.\n"
)

CATALOG = """\
# Catalog of my Korea-Japan reading.   Keep this comment!
[articles."old.txt"]   # an entry with a trailing comment
published = 2024-03-05          # a TOML date, aligned on purpose
source    = 'Kyodo'

    # an indented comment, then no blank line at the end"""


def snapshot(folder: Path) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = path.read_bytes()
    return out


def empty(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_articles(tmp_path / "corpus", {"old.txt": "An older article.\n"}, CATALOG)


@pytest.fixture
def incoming(tmp_path) -> Path:
    path = tmp_path / "in" / "Summit Report (Yonhap).txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def add_to(corpus: Path, sources=None, stdin=None, published=None, source=None, dry_run=False):
    return add_articles(corpus, sources, stdin, published=published, source_name=source, dry_run=dry_run)


# --- preview ---------------------------------------------------------------------------------


def test_preview_reads_the_dateline_date_quotes_and_events(incoming):
    p = preview(incoming)
    assert p.article == "summit-report-yonhap.txt"
    assert p.source == str(incoming)
    assert p.title == "Leaders vow closer ties"
    assert p.dateline == "SEOUL, Aug. 20 (Yonhap)"
    assert (p.date, p.date_basis, p.dateline_date) == ("2025-08-20", "inferred", "2025-08-20")
    assert any("Wednesday" in e for e in p.year_evidence)
    speakers = {(q["speaker"], q["role"], q["kind"]) for q in p.quotes}
    assert ("Kim Min-seok", "Prime Minister of South Korea", "direct") in speakers
    assert ("Shigeru Ishiba", "Prime Minister of Japan", "indirect") in speakers
    for q in p.quotes:
        assert ARTICLE[q["start"] : q["end"]] == q["text"]
    assert {e["evidence"] for e in p.events} >= {"on Wednesday", "next month"}
    assert set(p.as_dict()) >= {"article", "date", "date_basis", "quotes", "events", "warnings"}


def test_preview_of_a_paste_with_a_published_date(corpus):
    p = preview("-", ARTICLE, published=date(2024, 8, 20), source_name="Yonhap", root=corpus)
    assert p.article == "leaders-vow-closer-ties.txt"
    assert (p.date, p.date_basis) == ("2024-08-20", "catalog")


def test_preview_warns_when_the_article_cannot_be_dated():
    p = preview("-", "A story with no dateline and no date at all.\n")
    assert p.date is None
    assert any("--published" in w for w in p.warnings)


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Summit Report (Yonhap)", "summit-report-yonhap"),
        ("Ishiba’s visit: Tōkyō & Seoul", "ishibas-visit-tokyo-seoul"),
        ("a01_yonhap_summit", "a01_yonhap_summit"),
        ("한일 정상회담", ""),
        ("../../etc/passwd", "etc-passwd"),
    ],
)
def test_slugs_are_ascii_file_name_stems(text, slug):
    assert slugify(text) == slug


def test_long_titles_are_cut_at_a_word():
    slug = slugify("word " * 40)
    assert len(slug) <= add.SLUG_LIMIT and not slug.endswith("-") and slug.endswith("word")


def test_a_name_with_no_ascii_falls_back_to_the_title_then_article(tmp_path):
    korean = tmp_path / "한일.txt"
    korean.write_text(ARTICLE, encoding="utf-8")
    assert preview(korean).article == "leaders-vow-closer-ties.txt"
    assert preview("-", "서울 뉴스\n\n한일 정상회담이 열렸다.\n").article == "article.txt"


# --- adding ----------------------------------------------------------------------------------


def test_add_copies_the_bytes_and_records_the_catalog_entry(corpus, incoming):
    open_store(corpus).close()  # an index built before the add
    [result] = add_to(corpus, [incoming], published=date(2025, 8, 20), source="Yonhap")
    assert result.written and result.article == "summit-report-yonhap.txt"
    assert result.path == corpus / result.article
    assert result.path.read_bytes() == incoming.read_bytes()
    entry = tomllib.loads((corpus / "corpus.toml").read_text())["articles"][result.article]
    assert entry == {"published": "2025-08-20", "source": "Yonhap"}
    store = open_store(corpus)  # the caller refreshes the index by opening the store
    [record] = queries.articles(store.db, result.article)
    assert (record["date"], record["date_basis"], record["source"]) == ("2025-08-20", "catalog", "Yonhap")
    assert record["warnings"] == []


def test_the_catalog_keeps_its_comments_byte_for_byte(corpus, incoming):
    before = (corpus / "corpus.toml").read_bytes()
    [result] = add_to(corpus, [incoming], published=date(2025, 8, 20), source="Yonhap")
    after = (corpus / "corpus.toml").read_bytes()
    assert after == before + (
        b'\n\n[articles."summit-report-yonhap.txt"]\npublished = "2025-08-20"\nsource = "Yonhap"\n'
    )
    assert tomllib.loads(after.decode())["articles"]["old.txt"]["source"] == "Kyodo"


def test_a_crlf_catalog_gets_crlf_lines(tmp_path, incoming):
    corpus = empty(tmp_path / "c")
    (corpus / "corpus.toml").write_bytes(b'# notes\r\n[articles."x.txt"]\r\nsource = "AP"\r\n')
    add_to(corpus, [incoming], source="Yonhap")
    after = (corpus / "corpus.toml").read_bytes()
    assert after.startswith(b'# notes\r\n[articles."x.txt"]\r\nsource = "AP"\r\n\r\n[articles.')
    assert b"\n" not in after.replace(b"\r\n", b"")


def test_no_metadata_leaves_the_catalog_alone(corpus, incoming, tmp_path):
    before = (corpus / "corpus.toml").read_bytes()
    [result] = add_to(corpus, [incoming])
    assert result.catalog_entry is None and result.written
    assert (corpus / "corpus.toml").read_bytes() == before
    bare = empty(tmp_path / "bare")
    add_to(bare, [incoming])
    assert not (bare / "corpus.toml").exists()


def test_a_new_catalog_starts_with_the_table(tmp_path, incoming):
    corpus = empty(tmp_path / "c")
    add_to(corpus, [incoming], source="Yonhap")
    assert (corpus / "corpus.toml").read_text() == (
        '[articles."summit-report-yonhap.txt"]\nsource = "Yonhap"\n'
    )


def test_a_source_name_is_escaped_for_toml(corpus, incoming):
    name = 'Yonhap "Wire" \\ Seoul\n\x1b[31m'
    [result] = add_to(corpus, [incoming], source=name)
    entry = tomllib.loads((corpus / "corpus.toml").read_text())["articles"][result.article]
    assert entry == {"source": name.strip()}


def test_never_overwrites_a_file_or_reuses_a_catalog_id(corpus, incoming):
    (corpus / "summit-report-yonhap.txt").write_text("someone else's\n")
    with (corpus / "corpus.toml").open("a") as fh:
        fh.write('\n[articles."summit-report-yonhap-2.txt"]\nsource = "AP"\n')
    results = add_to(corpus, [incoming, incoming], source="Yonhap")
    assert [r.article for r in results] == ["summit-report-yonhap-3.txt", "summit-report-yonhap-4.txt"]
    assert (corpus / "summit-report-yonhap.txt").read_text() == "someone else's\n"
    assert not (corpus / "summit-report-yonhap-2.txt").exists()


def test_a_link_in_the_corpus_is_never_written_through(corpus, incoming, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n")
    (corpus / "summit-report-yonhap.txt").symlink_to(outside)
    (corpus / "summit-report-yonhap-2.txt").symlink_to(tmp_path / "dangling.txt")
    [result] = add_to(corpus, [incoming])
    assert result.article == "summit-report-yonhap-3.txt"
    assert outside.read_text() == "keep me\n" and not (tmp_path / "dangling.txt").exists()


@pytest.mark.parametrize(
    "name", ["../escape.txt", "/tmp/abs.txt", "sub/x.txt", "..", ".hidden.txt", "x.md", "a\\b.txt", ""]
)
def test_names_that_would_leave_the_corpus_are_refused(corpus, name):
    with pytest.raises(AddError):
        safe_destination(corpus, name)


def test_existing_names_and_links_are_refused(corpus, tmp_path):
    (corpus / "link.txt").symlink_to(tmp_path / "elsewhere.txt")
    for name in ("old.txt", "link.txt"):
        with pytest.raises(AddError, match="never overwrites"):
            safe_destination(corpus, name)
    assert safe_destination(corpus, "new.txt") == corpus / "new.txt"


def test_a_pasted_article_is_added_under_its_title(corpus):
    before = snapshot(corpus)
    [result] = add_to(corpus, stdin=ARTICLE)
    assert result.preview.source == "-"
    assert result.article == "leaders-vow-closer-ties.txt"
    assert (corpus / result.article).read_text(encoding="utf-8") == ARTICLE
    assert set(snapshot(corpus)) - set(before) == {result.article}


def test_a_paste_may_come_as_bytes(corpus):
    [result] = add_to(corpus, stdin=ARTICLE.encode("utf-8"))
    assert (corpus / result.article).read_bytes() == ARTICLE.encode("utf-8")


def test_a_folder_adds_its_txt_files_in_order(corpus, tmp_path):
    folder = write_articles(
        tmp_path / "batch", {"b.txt": ARTICLE, "a.TXT": ARTICLE, "notes.md": "x", ".hidden.txt": ARTICLE}
    )
    (folder / "sub").mkdir()
    (folder / "sub" / "deeper.txt").write_text(ARTICLE)
    results = add_to(corpus, [folder], source="Yonhap")
    assert [r.article for r in results] == ["a.txt", "b.txt"]
    ids = tomllib.loads((corpus / "corpus.toml").read_text())["articles"]
    assert {"a.txt", "b.txt", "old.txt"} == set(ids)


def test_dry_run_previews_and_writes_nothing(corpus, incoming):
    before = snapshot(corpus)
    [result] = add_to(corpus, [incoming], stdin=None, published=date(2025, 8, 20), source="Y", dry_run=True)
    assert not result.written
    assert result.article == "summit-report-yonhap.txt" and result.path == corpus / result.article
    assert result.catalog_entry.startswith('[articles."summit-report-yonhap.txt"]')
    assert result.preview.quotes
    assert snapshot(corpus) == before


# --- errors: one actionable message, nothing written --------------------------------------------


BAD_FILES = {
    "png": (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
    "nul": (b"Seoul, Aug. 20 -- text with a NUL\x00 byte in it, and more text after it.\n", "NUL"),
    "cp1252": ("Seoul, Aug. 20 -- caf\u00e9 na\u00efve r\u00e9sum\u00e9.\n".encode("cp1252"), "UTF-8"),
    "utf16": ("Seoul, Aug. 20 -- a story saved as UTF-16.\n".encode("utf-16"), "UTF-16"),
    "empty": (b"", "empty"),
    "blank": (b" \n\t\n", "empty"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_file_that_is_not_text_is_refused_with_nothing_written(corpus, incoming, tmp_path, kind):
    data, words = BAD_FILES[kind]
    bad = tmp_path / "in" / f"bad-{kind}.txt"
    bad.write_bytes(data)
    before = snapshot(corpus)
    with pytest.raises(AddError) as exc:
        add_to(corpus, [incoming, bad], source="Yonhap")  # the good one is not added either
    assert str(bad) in str(exc.value) and words in str(exc.value)
    assert snapshot(corpus) == before


@pytest.mark.parametrize("paste", ["", "   \n\t \n", "\ufeff\n"])
def test_an_empty_paste_is_refused(corpus, paste):
    before = snapshot(corpus)
    with pytest.raises(AddError, match="pasted article.*empty.*Ctrl-D"):
        add_to(corpus, stdin=paste)
    assert snapshot(corpus) == before


def test_a_paste_that_is_not_utf8_is_refused(corpus):
    with pytest.raises(AddError, match="pasted article.*not UTF-8"):
        add_to(corpus, stdin="caf\u00e9 story".encode("cp1252"))
    with pytest.raises(AddError, match="pasted article.*NUL"):
        add_to(corpus, stdin="a\x00b")


def test_a_folder_without_txt_files_is_refused(corpus, tmp_path):
    folder = write_articles(tmp_path / "docs", {"a.md": "x", "b.docx": "y"})
    with pytest.raises(AddError, match=rf"{folder}.*no \.txt files"):
        add_to(corpus, [folder])


def test_a_missing_source_is_named(corpus, tmp_path):
    with pytest.raises(AddError, match="no such file"):
        add_to(corpus, [tmp_path / "nope.txt"])


def test_a_missing_corpus_folder_is_refused(tmp_path, incoming):
    missing = tmp_path / "no-corpus"
    with pytest.raises(AddError, match=rf"not found: {missing}.*--corpus"):
        add_to(missing, [incoming])
    assert not missing.exists()


def test_nothing_to_add_and_an_empty_source_name_are_refused(corpus, incoming):
    with pytest.raises(AddError, match="nothing to add"):
        add_to(corpus, [])
    with pytest.raises(AddError, match="--source is empty"):
        add_to(corpus, [incoming], source="  ")


def test_a_file_already_in_the_corpus_is_refused(corpus):
    before = snapshot(corpus)
    with pytest.raises(AddError, match="already in the corpus as old.txt"):
        add_to(corpus, [corpus / "old.txt"])
    with pytest.raises(AddError, match="already in the corpus"):
        add_to(corpus, [corpus])
    assert snapshot(corpus) == before


def test_the_bundled_seed_corpus_is_refused(incoming):
    with pytest.raises(AddError, match="bundled"):
        add_to(Path(korjp.__file__).parent / "data", [incoming], dry_run=True)


@pytest.mark.parametrize(
    "catalog, words",
    [
        ('[articles."x.txt"\nsource = "AP"\n', "not valid TOML"),
        ('articles = { "x.txt" = { source = "AP" } }\n', "Add them yourself"),
    ],
    ids=["invalid", "inline-table"],
)
def test_a_catalog_that_cannot_take_the_entry_is_refused(tmp_path, incoming, catalog, words):
    corpus = write_articles(empty(tmp_path / "c"), {}, catalog)
    before = snapshot(corpus)
    with pytest.raises(AddError, match=words) as exc:
        add_to(corpus, [incoming], source="Yonhap")
    assert "corpus.toml" in str(exc.value)
    assert snapshot(corpus) == before


def test_a_catalog_linked_from_outside_is_refused(tmp_path, incoming):
    outside = tmp_path / "shared.toml"
    outside.write_text("# shared\n")
    corpus = empty(tmp_path / "c")
    (corpus / "corpus.toml").symlink_to(outside)
    with pytest.raises(AddError, match="symbolic link"):
        add_to(corpus, [incoming], source="Yonhap")
    assert outside.read_text() == "# shared\n" and snapshot(corpus) == {"corpus.toml": f"-> {outside}"}


def test_a_failed_catalog_write_takes_the_articles_back(corpus, incoming, monkeypatch):
    def fail(path, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(add, "_replace_atomically", fail)
    before = snapshot(corpus)
    with pytest.raises(AddError, match="cannot write into the corpus folder"):
        add_to(corpus, [incoming], source="Yonhap")
    assert snapshot(corpus) == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_corpus_is_refused(corpus, incoming):
    corpus.chmod(0o555)
    try:
        with pytest.raises(AddError, match="writable"):
            add_to(corpus, [incoming])
    finally:
        corpus.chmod(0o755)
    assert sorted(p.name for p in corpus.iterdir()) == ["corpus.toml", "old.txt"]
