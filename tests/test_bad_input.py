"""Bad input through the whole build: each file is processed or skipped with a one-line reason
naming it; the summary counts the skipped files; the exit status says whether any were."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDFS

from kg.cli import main
from kg.pipeline import build, extract_file_json, reason_kind

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED = (SEEDS / "000_260ebf55d2a37705.txt").read_text(encoding="utf-8")
SEED_LINES = [line for line in SEED.splitlines() if line.strip()]
TRADITIONAL = "濟寧市任城區古槐街道吉祥社區黨支部書記張三介紹，該社區推行「紅色物業」工程，黨員積極參與。\n"
SIMPLIFIED_BODY = "近年来，济宁市任城区古槐街道吉祥社区党支部推行“红色物业”工程，党员积极参与社区治理。\n"
HTML_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>页面</title>"
    "<script>var stolen = '脚本里的北京市公安局';</script><style>p { color: red }</style></head>"
    "<body><h1>安丘市扎实推进基层党建</h1><p>记者 郭文治</p>"
    "<p>山东省潍坊市安丘市扎实推进“百千万提升工程”，安丘市委组织部负责实施。</p>"
    "<script>document.write('恶意的同济大学')</script></body></html>"
)

GOOD = {  # file name -> (bytes, encoding ingest should find)
    "utf8.txt": (SEED.encode("utf-8"), "utf-8"),
    "bom.txt": (SEED.encode("utf-8-sig"), "utf-8-sig"),
    "gb18030.txt": (SEED.encode("gb18030"), "gb18030"),
    "gbk.txt": (SIMPLIFIED_BODY.encode("gbk"), "gb18030"),
    "big5.txt": (TRADITIONAL.encode("big5"), "big5"),
    "utf16.txt": (SEED.encode("utf-16"), "utf-16"),
    "utf16le.txt": (SEED.encode("utf-16-le"), "utf-16-le"),
    "mixed_eol.txt": ("".join(line + ("\r\n", "\r", "\n")[i % 3] for i, line in enumerate(SEED_LINES)).encode(),
                      "utf-8"),
    "nul_bytes.txt": (SEED.replace("。", "。\x00", 5).encode("utf-8"), "utf-8"),
    "page.txt": (HTML_PAGE.encode("utf-8"), "utf-8"),
    "long_line.txt": ("".join(f"第{i}段。" + "".join(SEED_LINES[2:]) for i in range(12)).encode("utf-8"), "utf-8"),
}
BAD = {  # file name -> (bytes, a word the reason must contain)
    "empty.txt": (b"", "empty"),
    "blank.txt": (" \n\t\u3000\n".encode("utf-8"), "no text"),
    "nuls.txt": (b"\x00" * 4096, "binary"),
    "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 32, "binary"),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mixed")
    for name, (data, _) in {**GOOD, **BAD}.items():
        (root / name).write_bytes(data)
    return root


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return build(corpus, out, formats=("turtle",), progress=False), out


def test_good_files_are_processed(built):
    result, _ = built
    sources = {a.source: a.encoding for a in result.kb.articles.values()}
    for name, (_, encoding) in GOOD.items():
        assert name in sources, f"{name} was not processed"
        assert sources[name] == encoding, name


def test_bad_files_are_skipped_with_a_reason_naming_them(built):
    result, _ = built
    reasons = {s.path: s.reason for s in result.kb.skipped}
    assert set(reasons) == set(BAD)
    for name, (_, word) in BAD.items():
        assert word in reasons[name], (name, reasons[name])
        assert "\n" not in reasons[name]
    summary = result.summary()
    for name in BAD:
        assert re.search(rf"^  {re.escape(name)}: \S", summary, re.M), summary
    assert f"skipped: {len(BAD)} file(s): " in summary


def test_summary_counts_skipped_files_by_kind(built):
    summary = built[0].summary()
    line = next(x for x in summary.splitlines() if x.startswith("skipped:"))
    counts = {kind: int(n) for kind, n in (item.rsplit(" ", 1) for item in line.split(": ", 1)[1].split(", "))}
    assert sum(counts.values()) == len(BAD)
    assert counts["empty file"] == 1 and sum(n for k, n in counts.items() if "binary" in k) == 2


def test_reason_kind_drops_details_and_numbers():
    assert reason_kind("binary file (mostly NUL bytes)") == "binary file"
    assert reason_kind("cannot read: permission denied") == "cannot read"
    assert reason_kind("file is 250.0 MB, above the 200 MB limit") == "file is N MB"


def test_graph_of_a_mixed_folder_is_clean(built):
    result, out = built
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "\x00" not in text and "\r" not in text
    graph = Graph().parse(out / "graph.ttl")
    labels = {str(o) for o in graph.objects(None, RDFS.label)}
    assert "安丘市委组织部" in labels  # from the HTML page's text
    assert not any("恶意" in x or "脚本" in x for x in labels), "script text leaked into the graph"
    assert "恶意" not in text and "脚本" not in text
    assert result.violations == 0


def test_traditional_article_keeps_its_own_characters(built):
    _, out = built
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    graph = Graph().parse(out / "graph.ttl")
    labels = {str(o) for o in graph.objects(None, RDFS.label)}
    assert {"吉祥社區黨支部", "張三", "吉祥社區"} <= labels
    assert "濟寧市任城區古槐街道吉祥社區黨支部書記張三介紹" in text  # evidence as written


def test_traditional_extraction_names_and_evidence(tmp_path):
    path = tmp_path / "trad.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    found = extract_file_json(path)
    names = {(e["type"], e["name"]) for e in found["entities"]}
    assert {("PartyOrganisation", "吉祥社區黨支部"), ("Person", "張三"), ("Place", "吉祥社區"),
            ("Place", "任城區"), ("Programme", "紅色物業工程")} <= names
    leads = [r for r in found["relations"] if r["rel"] == "leads"]
    assert [(r["head"], r["tail"]) for r in leads] == [("張三", "吉祥社區黨支部")]
    assert leads[0]["evidence"] == TRADITIONAL.strip()
    programme = next(e for e in found["entities"] if e["name"] == "紅色物業工程")
    assert programme["aliases"] == ["紅色物業"]
    assert programme["mentions"][0]["text"] == "「紅色物業」工程"


def test_cli_exit_status_and_one_line_per_skipped_file(corpus, tmp_path, capsys):
    rc = main(["build", str(corpus), "--out", str(tmp_path / "o"), "--quiet", "--format", "turtle"])
    out = capsys.readouterr().out
    assert rc == 1
    for name in BAD:
        assert sum(1 for line in out.splitlines() if line.startswith(f"  {name}: ")) == 1


def test_cli_exit_status_zero_when_nothing_skipped(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SEED, encoding="utf-8")
    assert main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--quiet", "--no-validate"]) == 0
    assert "skipped: none" in capsys.readouterr().out


def test_folder_without_txt_files(tmp_path, capsys):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "readme.md").write_text(SEED, encoding="utf-8")
    result = build(folder, tmp_path / "o", formats=("turtle",), validate=False)
    assert not result.kb.articles
    assert [(s.path, s.reason) for s in result.kb.skipped] == [
        (str(folder),
         "no article files (.txt, .html, .htm) in this folder; --include '*.md' reads its .md files as text")]
    assert [s.path for s in result.unread] == ["readme.md"]
    assert main(["build", str(folder), "--out", str(tmp_path / "o2"), "--quiet"]) == 2
    out = capsys.readouterr().out
    assert f"  {folder}: no article files (.txt, .html, .htm) in this folder" in out
    assert "not read: 1 file(s) by suffix (.md 1)\n  readme.md: " in out


def test_missing_input(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"), "--quiet"]) == 2
    assert "nowhere: no such file or folder" in capsys.readouterr().out


def test_nothing_read_keeps_the_previous_graph(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SEED, encoding="utf-8")
    assert main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--quiet", "--no-validate"]) == 0
    before = (tmp_path / "o" / "graph.ttl").read_bytes()
    assert main(["build", str(tmp_path / "gone"), "--out", str(tmp_path / "o"), "--quiet"]) == 2
    assert (tmp_path / "o" / "graph.ttl").read_bytes() == before
    assert "earlier outputs are left" in capsys.readouterr().out


def test_unreadable_file_simulated(tmp_path, monkeypatch):
    """Root reads anything, so the permission error is raised where the file is opened."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(SEED, encoding="utf-8")
    locked = tmp_path / "in" / "locked.txt"
    locked.write_text(SEED, encoding="utf-8")
    real_open = Path.open

    def guarded(self, *args, **kwargs):
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    result = build(tmp_path / "in", tmp_path / "o", formats=("turtle",), validate=False)
    assert {a.source for a in result.kb.articles.values()} == {"good.txt"}
    assert [(s.path, s.reason) for s in result.kb.skipped] == [("locked.txt", "cannot read: permission denied")]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_chmod(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(SEED, encoding="utf-8")
    locked = tmp_path / "in" / "locked.txt"
    locked.write_text(SEED, encoding="utf-8")
    locked.chmod(0)
    try:
        result = build(tmp_path / "in", tmp_path / "o", formats=("turtle",), validate=False)
    finally:
        locked.chmod(0o644)
    assert [s.path for s in result.kb.skipped] == ["locked.txt"]
    assert "permission denied" in result.kb.skipped[0].reason


@pytest.mark.slow
def test_100_mb_file(tmp_path):
    """A 100 MB file (one article, then padding) is read in chunks and built like any other."""
    folder = tmp_path / "in"
    folder.mkdir()
    with (folder / "big.txt").open("w", encoding="utf-8") as fh:
        fh.write(SEED)
        fh.write("\n")
        block = " " * (1 << 20)
        for _ in range(100):
            fh.write(block)
        fh.write("\n")
    assert (folder / "big.txt").stat().st_size > 100 * 2**20
    result = build(folder, tmp_path / "o", formats=("turtle",), validate=False)
    assert not result.kb.skipped
    assert {a.source for a in result.kb.articles.values()} == {"big.txt"}
    labels = {n.name for n in result.kb.nodes.values()}
    assert "安丘市委组织部" in labels
