"""Incremental builds: only new and changed files are extracted, deleted files' facts go, and the
result is byte for byte that of a clean build of the same folder."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kg.ingest.reader
import kg.pipeline
from kg import cache
from kg.cache import BuildCache, extraction_from_json, extraction_to_json, pipeline_version, versioned_files
from kg.pipeline import build

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
OUTPUTS = ("graph.ttl", "graph.html")
FORMATS = ("turtle", "html")


def copy(name: str, folder: Path, target: str | None = None) -> Path:
    dest = folder / (target or name)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEEDS / name, dest)
    return dest


def same_as_clean(folder: Path, out: Path, tmp_path: Path) -> None:
    clean = tmp_path / f"clean-{out.name}"
    if clean.exists():
        shutil.rmtree(clean)
    build(folder, clean, formats=FORMATS, incremental=False, validate=False)
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), f"{name} differs from a clean build"


@pytest.fixture
def counted(monkeypatch):
    """Counts the articles sent to extraction and the files ingested."""
    calls = {"articles": [], "files": []}
    real_extract = kg.pipeline.run_extraction
    real_read = kg.ingest.reader.read_file

    def extract(articles, *args, **kwargs):
        calls["articles"].extend(a.source for a in articles)
        return real_extract(articles, *args, **kwargs)

    def read(path, *args, **kwargs):
        calls["files"].append(Path(path).name)
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(kg.pipeline, "run_extraction", extract)
    monkeypatch.setattr(kg.ingest.reader, "read_file", read)
    return calls


def test_add_change_delete_equals_clean_build(tmp_path, counted):
    folder, out = tmp_path / "in", tmp_path / "out"
    names = [p.name for p in SEED_FILES]
    for name in names[:3]:
        copy(name, folder)
    first = build(folder, out, formats=FORMATS, validate=False)
    assert first.cache.extracted == 3 and first.cache.reused == 0
    same_as_clean(folder, out, tmp_path)

    counted["articles"].clear()
    counted["files"].clear()
    copy(names[3], folder)  # new
    changed = folder / names[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n北京市昌平区松园社区党支部推行“红色物业”工程。\n",
                       encoding="utf-8")  # changed
    (folder / names[2]).unlink()  # deleted
    second = build(folder, out, formats=FORMATS, validate=False)
    assert set(counted["files"]) == {names[1], names[3]}
    assert set(counted["articles"]) == {names[1], names[3]}
    assert (second.cache.reused, second.cache.extracted, second.cache.removed) == (1, 2, 1)
    assert not any(a.source == names[2] for a in second.kb.articles.values())
    same_as_clean(folder, out, tmp_path)
    manifest = json.loads((out / ".kg" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == sorted([names[0], names[1], names[3]])
    assert manifest["pipeline"].startswith(kg.__version__ + "+")
    assert len(list((out / ".kg" / "extractions").iterdir())) == 3


def test_unchanged_rebuild_extracts_nothing(tmp_path, counted):
    folder, out = tmp_path / "in", tmp_path / "out"
    for p in SEED_FILES[:2]:
        copy(p.name, folder)
    build(folder, out, formats=FORMATS, validate=False)
    before = {n: (out / n).read_bytes() for n in OUTPUTS}
    counted["articles"].clear()
    counted["files"].clear()
    again = build(folder, out, formats=FORMATS, validate=False)
    assert counted["articles"] == [] and counted["files"] == []
    assert again.cache.reused == 2 and again.cache.extracted == 0
    assert {n: (out / n).read_bytes() for n in OUTPUTS} == before


def test_ids_that_depend_on_other_files(tmp_path):
    """Two files with one stem get folder-qualified ids; deleting one changes the other's id."""
    folder, out = tmp_path / "in", tmp_path / "out"
    copy(SEED_FILES[0].name, folder, "a/x.txt")
    copy(SEED_FILES[1].name, folder, "b/x.txt")
    copy(SEED_FILES[2].name, folder, "c.txt")
    first = build(folder, out, formats=FORMATS, validate=False)
    assert {a.id.split("-")[0] for a in first.kb.articles.values()} >= {"a__x", "b__x"}
    same_as_clean(folder, out, tmp_path)
    (folder / "b" / "x.txt").unlink()
    second = build(folder, out, formats=FORMATS, validate=False)
    assert second.cache.extracted == 1 and second.cache.reused == 1
    assert any(a.id.startswith("x") for a in second.kb.articles.values())
    same_as_clean(folder, out, tmp_path)


def test_skipped_files_and_single_file_input(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    copy(SEED_FILES[0].name, folder)
    (folder / "empty.txt").write_bytes(b"")
    first = build(folder, out, formats=FORMATS, validate=False)
    assert [s.path for s in first.kb.skipped] == ["empty.txt"]
    again = build(folder, out, formats=FORMATS, validate=False)
    assert [s.path for s in again.kb.skipped] == ["empty.txt"] and again.cache.reused == 1
    same_as_clean(folder, out, tmp_path)
    one = tmp_path / "one"
    build(folder / SEED_FILES[0].name, one, formats=FORMATS, validate=False)
    rebuilt = build(folder / SEED_FILES[0].name, one, formats=FORMATS, validate=False)
    assert rebuilt.cache.reused == 1
    same_as_clean(folder / SEED_FILES[0].name, one, tmp_path)


def test_corrupt_or_foreign_cache_is_a_miss(tmp_path, counted):
    folder, out = tmp_path / "in", tmp_path / "out"
    for p in SEED_FILES[:2]:
        copy(p.name, folder)
    build(folder, out, formats=FORMATS, validate=False)
    entries = sorted((out / ".kg" / "extractions").iterdir())
    entries[0].write_text("{not json", encoding="utf-8")
    counted["articles"].clear()
    rebuilt = build(folder, out, formats=FORMATS, validate=False)
    assert rebuilt.cache.extracted == 1 and rebuilt.cache.reused == 1
    same_as_clean(folder, out, tmp_path)
    (out / ".kg" / "manifest.json").write_text("[]", encoding="utf-8")
    assert build(folder, out, formats=FORMATS, validate=False).cache.extracted == 2


def test_pipeline_version_change_invalidates_everything(tmp_path, monkeypatch):
    folder, out = tmp_path / "in", tmp_path / "out"
    for p in SEED_FILES[:2]:
        copy(p.name, folder)
    build(folder, out, formats=FORMATS, validate=False)
    monkeypatch.setattr(cache, "pipeline_version", lambda model="", lexicon="": "0.0.0+changed-rules")
    rebuilt = build(folder, out, formats=FORMATS, validate=False)
    assert rebuilt.cache.extracted == 2 and rebuilt.cache.reused == 0


def test_no_cache_leaves_the_cache_alone(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    copy(SEED_FILES[0].name, folder)
    result = build(folder, out, formats=FORMATS, incremental=False, validate=False)
    assert result.cache is None and not (out / ".kg").exists()


def test_version_covers_rules_and_code():
    root = Path(kg.__file__).resolve().parent
    covered = {p.relative_to(root).as_posix() for p in versioned_files()}
    lexicons = {p.relative_to(root).as_posix() for p in (root / "resources" / "lexicons").iterdir() if p.is_file()}
    assert lexicons <= covered
    assert {"extract/recognize/bodies.py", "extract/relations/__init__.py", "extract/relations/posts.py",
            "ingest/clean.py", "resources/lexicons/markers.json"} <= covered
    assert pipeline_version("a") != pipeline_version("b")


def test_extraction_json_round_trip(seed_extractions):
    assert seed_extractions
    for ex in seed_extractions:  # conftest.py: extract_articles(read_corpus(seeds/)), once per session
        data = json.loads(json.dumps(extraction_to_json(ex), ensure_ascii=False))
        assert extraction_from_json(data) == ex
        assert len(data["article"]["offsets"]) < len(ex.article.offsets)


_ENTRY_NAMES = "import sys\nfrom kg.cache import BuildCache\nprint(*map(BuildCache.entry_name, sys.argv[1:]))\n"


def test_entry_names_are_stable():
    """A cache written by one process is read by the next: its entry names may not depend on the
    process (its hash seed), only on the relative path."""
    rels = ["a/b.txt", "a/c.txt", "新闻/第1期.txt"]
    here = [BuildCache.entry_name(rel) for rel in rels]
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"}
        done = subprocess.run([sys.executable, "-c", _ENTRY_NAMES, *rels], capture_output=True, text=True,
                              encoding="utf-8", env=env, check=True)
        assert done.stdout.split() == here, f"entry names differ with PYTHONHASHSEED={seed}"
    assert len(set(here)) == len(rels)
    assert all(re.fullmatch(r"[0-9A-Za-z_.-]+", name) for name in here), here  # a safe file name anywhere
