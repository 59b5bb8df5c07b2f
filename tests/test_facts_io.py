"""Extraction as a map step (`korjp extract`) and the store built from its lines (`korjp
index --facts`): the same store as a direct build, and never a stale one."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import DATA, SEEDS, run_cli, store_rows

from korjp import facts_io
from korjp.corpus import list_articles, load_catalog
from korjp.index import extract_file, open_store
from korjp.paths import store_path
from korjp.store import INSERTS

WIRE = DATA / "wire" / "corpus"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
OLD = 1_600_000_000  # 2020-09-13: files that no build could have seen change


@pytest.fixture
def corpus(tmp_path) -> Path:
    """The wire corpus (catalog, subfolders) plus a file korjp cannot read, all old files."""
    root = tmp_path / "corpus"
    shutil.copytree(WIRE, root)
    (root / "c").mkdir()
    (root / "c" / "scan.txt").write_bytes(PNG)
    for path in root.rglob("*"):
        os.utime(path, (OLD, OLD))
    return root


def _extract(root: Path, out: Path, *paths: str) -> None:
    code, _, err = run_cli("extract", "--corpus", str(root), "--output", str(out), *(paths or [str(root)]))
    assert code == 0, err


def _reduce(root: Path, *facts: Path, cache: Path | None = None) -> tuple[int, str]:
    if cache is not None:
        os.environ["KORJP_CACHE_DIR"] = str(cache)
    args = [a for f in facts for a in ("--facts", str(f))]
    code, out, err = run_cli("index", "--corpus", str(root), *args)
    if code == 0:
        assert out.strip() == str(store_path(root))
    return code, err


def _direct(root: Path, cache: Path) -> Path:
    os.environ["KORJP_CACHE_DIR"] = str(cache)
    code, out, err = run_cli("index", "--corpus", str(root))
    assert code == 0, err
    return Path(out.strip())


@pytest.mark.parametrize("root", [WIRE, SEEDS], ids=["wire", "seeds"])
def test_facts_survive_a_json_line_exactly(root):
    catalog = load_catalog(root)
    for f in list_articles(root):
        result = extract_file(root, f, catalog)
        record = json.loads(facts_io.dumps(facts_io.to_record(result, None, 0)))
        original = result[2]
        assert original is not None and set(original) == set(INSERTS), f.article
        assert facts_io.rows_of(record, str(f.path), "test") == original, f.article
        assert record["warnings"] == result[3] and record["sha1"] == result[1]
        # on another machine, the articles row names the file there
        moved = facts_io.rows_of(record, "/elsewhere/x.txt", "test")["articles"][0]
        assert moved[:2] == (f.article, "/elsewhere/x.txt") and moved[2:] == original["articles"][0][2:]


def test_a_malformed_row_is_named_not_written(corpus, tmp_path):
    facts = tmp_path / "facts.jsonl"
    _extract(corpus, facts, str(corpus / "a" / "a01_yonhap_summit.txt"))
    record = json.loads(facts.read_text())
    for damage in (
        lambda r: r["rows"]["quotes"][0].pop(),
        lambda r: r["rows"]["events"][0].__setitem__(0, ["nested"]),
        lambda r: r["rows"].pop("sentences"),
        lambda r: r["rows"]["articles"][0].__setitem__(0, "b/other.txt"),
    ):
        broken = json.loads(json.dumps(record))
        damage(broken)
        facts.write_text(facts_io.dumps(broken) + "\n")
        code, err = _reduce(corpus, facts)
        assert code == 1 and f"{facts}:1: the facts of a/a01_yonhap_summit.txt are malformed" in err, err


def test_a_store_from_facts_has_the_rows_of_a_direct_build(corpus, tmp_path):
    facts = tmp_path / "facts.jsonl"
    _extract(corpus, facts)
    lines = [json.loads(line) for line in facts.read_text().splitlines()]
    assert [r["article"] for r in lines] == [f.article for f in list_articles(corpus)]
    unreadable = [r for r in lines if r["rows"] is None]
    assert [r["article"] for r in unreadable] == ["c/scan.txt"]
    assert "PNG image" in unreadable[0]["warnings"][0]

    code, err = _reduce(corpus, facts, cache=tmp_path / "reduced")
    assert code == 0, err
    assert "indexed 33 articles" in err and "extracted them" not in err
    reduced = store_rows(store_path(corpus))
    direct = store_rows(_direct(corpus, tmp_path / "direct"))
    assert reduced == direct
    assert len(reduced["quotes"]) > 100 and len(reduced["search_fts"]) > 500


def test_a_query_after_the_reduce_finds_the_store_fresh(corpus, tmp_path, monkeypatch):
    facts = tmp_path / "facts.jsonl"
    _extract(corpus, facts)
    code, err = _reduce(corpus, facts)
    assert code == 0, err
    path = store_path(corpus)
    before = path.stat()

    def no_extraction(*args, **kwargs):
        raise AssertionError("the store was not fresh: an article was extracted again")

    monkeypatch.setattr("korjp.extract.extract", no_extraction)
    store = open_store(corpus)
    try:
        assert not store.rebuilt and store.notices == []
        assert store.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 33
    finally:
        store.close()
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (
        before.st_ino,
        before.st_mtime_ns,
        before.st_size,
    )


def test_files_changed_deleted_or_added_since_the_map_step_are_named_and_fixed(corpus, tmp_path):
    facts = tmp_path / "facts.jsonl"
    _extract(corpus, facts)
    changed = corpus / "a" / "a01_yonhap_summit.txt"
    changed.write_text(changed.read_text() + '\n"We will meet again in May," Lee said on Tuesday.\n')
    (corpus / "b" / "b01_reuters_chips.txt").unlink()
    shutil.copy(corpus / "a" / "a02_kyodo_econsecurity.txt", corpus / "c" / "new.txt")

    code, err = _reduce(corpus, facts, cache=tmp_path / "reduced")
    assert code == 0, err
    assert "1 article(s) are no longer files of the corpus; left out: b/b01_reuters_chips.txt" in err
    assert "1 article(s) changed since their facts were made; extracted them again here: a/a01" in err
    assert "1 article(s) had no facts; extracted them here: c/new.txt" in err
    reduced = store_rows(store_path(corpus), ids=False)
    direct = store_rows(_direct(corpus, tmp_path / "direct"), ids=False)
    assert reduced == direct


def test_an_edit_that_keeps_size_and_mtime_is_caught_by_the_content_hash(corpus, tmp_path):
    """The racy rule: a file touched while the map step read it is compared by content."""
    facts = tmp_path / "facts.jsonl"
    target = corpus / "a" / "a01_yonhap_summit.txt"
    now = os.stat(target).st_mtime_ns
    _extract(corpus, facts)
    record = json.loads(facts.read_text().splitlines()[0])
    assert record["article"] == "a/a01_yonhap_summit.txt"
    text = target.read_bytes()
    target.write_bytes(text.replace(b"summit", b"SUMMIT", 1))
    # the edit lands in the same mtime tick as the read: only the content shows it
    os.utime(target, ns=(now, now))
    lines = facts.read_text().splitlines()
    record["read_ns"] = now
    lines[0] = facts_io.dumps(record)
    facts.write_text("\n".join(lines) + "\n")

    code, err = _reduce(corpus, facts)
    assert code == 0, err
    assert "changed since their facts were made; extracted them again here: a/a01_yonhap_summit.txt" in err


def test_a_bad_line_is_named_by_file_and_line_and_builds_nothing(corpus, tmp_path):
    facts = tmp_path / "facts.jsonl"
    _extract(corpus, facts)
    lines = facts.read_text().splitlines()
    lines[2] = lines[2][: len(lines[2]) // 2]  # cut short, as by a full disk
    facts.write_text("\n".join(lines) + "\n")
    code, err = _reduce(corpus, facts)
    assert code == 1
    assert f"{facts}:3: not valid JSON" in err and "Traceback" not in err
    assert not store_path(corpus).exists()
    assert not list(store_path(corpus).parent.glob(".build-*"))

    facts.write_text('{"hello": "world"}\n')
    code, err = _reduce(corpus, facts)
    assert code == 1 and f"{facts}:1: not a line of facts that `korjp extract` writes" in err


@pytest.mark.parametrize(
    "field, value, says",
    [
        ("extractor", "0" * 40, "other extraction code or word lists"),
        ("korjp_facts", 99, "facts in format 99"),
        ("catalog", None, "made with another corpus.toml (or none) than the corpus has now"),
    ],
)
def test_facts_another_korjp_or_catalog_made_are_refused(corpus, tmp_path, field, value, says):
    facts = tmp_path / "facts.jsonl"
    _extract(corpus, facts)
    lines = facts.read_text().splitlines()
    record = json.loads(lines[5])
    record[field] = value
    lines[5] = facts_io.dumps(record)
    facts.write_text("\n".join(lines) + "\n")
    code, err = _reduce(corpus, facts)
    assert code == 1 and f"{facts}:6: " in err and says in err
    assert "run korjp extract again" in err


def test_facts_of_another_corpus_are_refused(corpus, tmp_path):
    facts = tmp_path / "facts.jsonl"
    _extract(corpus, facts, str(corpus / "a"))
    other = tmp_path / "other"
    (other / "x").mkdir(parents=True)
    shutil.copy(corpus / "corpus.toml", other)
    (other / "x" / "one.txt").write_text("SEOUL, May 2 (Yonhap) -- Hello.\n")
    code, err = _reduce(other, facts)
    assert code == 1 and "none of the 16 articles in the facts is a file of the corpus" in err


def test_extract_takes_files_folders_and_stdin_and_checks_every_path(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(corpus)
    code, out, err = run_cli(
        "extract", "--corpus", ".", "a/a01_yonhap_summit.txt", "b", "a/a01_yonhap_summit.txt"
    )
    assert code == 0, err
    ids = [json.loads(line)["article"] for line in out.splitlines()]
    assert ids[0] == "a/a01_yonhap_summit.txt" and len(ids) == 17 and len(set(ids)) == 17
    assert all(i.startswith("b/") for i in ids[1:])
    assert "korjp: extracted 17 articles" in err

    from typer.testing import CliRunner

    from korjp.cli import app

    listing = f"{corpus / 'c' / 'scan.txt'}\n\n{corpus / 'a' / 'a02_kyodo_econsecurity.txt'}\n"
    result = CliRunner().invoke(app, ["extract", "--jsonl", "--corpus", str(corpus)], input=listing)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"] for r in records] == ["c/scan.txt", "a/a02_kyodo_econsecurity.txt"]
    assert "1 could not be read" in result.stderr

    outside = tmp_path / "elsewhere.txt"
    outside.write_text("text")
    code, out, err = run_cli("extract", "--corpus", ".", "missing.txt", str(outside), "corpus.toml", "a")
    assert code == 2 and out == ""
    assert "missing.txt: no such file" in err
    assert f"{outside}: not inside the corpus folder" in err
    assert "corpus.toml: not a .txt file" in err

    result = CliRunner().invoke(app, ["extract", "--corpus", str(corpus)], input="")
    assert result.exit_code == 1 and "no paths on stdin" in result.stderr


def test_gzip_parts_in_a_folder_and_stdin_reduce_to_one_store(corpus, tmp_path):
    parts = tmp_path / "parts"
    parts.mkdir()
    _extract(corpus, parts / "part-00000.jsonl.gz", str(corpus / "a"))
    _extract(corpus, parts / "part-00001.jsonl", str(corpus / "b"), str(corpus / "c"))
    with gzip.open(parts / "part-00000.jsonl.gz", "rt") as fh:
        assert json.loads(fh.readline())["article"] == "a/a01_yonhap_summit.txt"
    assert not list(parts.glob(".*"))  # no temporary files left behind

    code, err = _reduce(corpus, parts, cache=tmp_path / "from-folder")
    assert code == 0, err
    direct = store_rows(_direct(corpus, tmp_path / "direct"))
    assert store_rows(store_path(corpus)) == direct

    from typer.testing import CliRunner

    from korjp.cli import app

    os.environ["KORJP_CACHE_DIR"] = str(tmp_path / "from-stdin")
    with gzip.open(parts / "part-00000.jsonl.gz", "rt") as fh:
        piped = fh.read() + (parts / "part-00001.jsonl").read_text()
    result = CliRunner().invoke(app, ["index", "--corpus", str(corpus), "--facts", "-"], input=piped)
    assert result.exit_code == 0, result.stderr
    assert store_rows(store_path(corpus)) == direct

    (parts / "part-00001.jsonl").unlink()
    (parts / "part-00000.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    code, err = _reduce(corpus, parts)
    assert code == 1 and "part-00000.jsonl.gz: cannot be read" in err
    code, err = _reduce(corpus, tmp_path / "nothing-here")
    assert code == 1 and "facts file not found" in err
