"""Ingest: folders and files to articles; bad files are skipped with a reason, the rest goes on."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.ingest import IngestError, read_corpus, read_file
from kg.ingest.reader import SourceFile, corpus_sources, unread_files
from kg.model import Skipped

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ARTICLE = "# 党建引领基层治理\n\n■记者 张三 李四\n\n近年来,济宁市推进城市基层党建引领基层治理。\n"


def write(path: Path, text: str, codec: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(codec))
    return path


def test_folder_recursive_sorted_and_bad_files_skipped(tmp_path):
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / "a" / "z.txt", ARTICLE, "gb18030")
    write(tmp_path / "a" / "empty.txt", "")
    (tmp_path / "a" / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    write(tmp_path / "notes.md", ARTICLE)  # not .txt
    write(tmp_path / ".hidden" / "x.txt", ARTICLE)
    write(tmp_path / "C.TXT", ARTICLE)
    articles, skipped = read_corpus(tmp_path)
    assert [a.source for a in articles] == ["C.TXT", "a/z.txt", "b.txt"]
    assert [a.id for a in articles] == ["C", "z", "b"]
    assert articles[1].encoding == "gb18030"
    assert [s.path for s in skipped] == ["a/bin.txt", "a/empty.txt"]
    assert "binary" in skipped[0].reason and skipped[1].reason == "empty file"


def test_same_stem_in_two_folders_gets_distinct_ids(tmp_path):
    write(tmp_path / "x" / "news.txt", ARTICLE)
    write(tmp_path / "y" / "news.txt", ARTICLE)
    articles, _ = read_corpus(tmp_path)
    assert [a.id for a in articles] == ["x__news", "y__news"]


def test_corpus_sources_name_each_file_as_the_cache_keys_it(tmp_path):
    """The one corpus walk both read_corpus and the build cache use: order, keys, unique id bases."""
    write(tmp_path / "y" / "news.txt", ARTICLE)
    write(tmp_path / "x" / "news.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / ".cache" / "c.txt", ARTICLE)
    sources, skipped = corpus_sources(tmp_path)
    assert skipped == []
    assert [(s.rel, s.base) for s in sources] == [("b.txt", "b"), ("x/news.txt", "x__news"), ("y/news.txt", "y__news")]
    assert {s.root for s in sources} == {tmp_path} and all(s.path == tmp_path / s.rel for s in sources)
    one = tmp_path / "x" / "news.txt"
    assert corpus_sources(one) == ([SourceFile(one, one.parent, "news.txt", "news")], [])
    assert corpus_sources(tmp_path / "gone") == ([], [Skipped(str(tmp_path / "gone"), "no such file or folder")])


def test_folder_without_txt_files(tmp_path):
    write(tmp_path / "readme.md", "nothing")
    articles, skipped = read_corpus(tmp_path)
    assert articles == []
    assert skipped == [Skipped(str(tmp_path), "no article files (.txt, .html, .htm) in this folder; "
                                              "--include '*.md' reads its .md files as text")]


def test_single_file_and_missing_path(tmp_path):
    path = write(tmp_path / "one.txt", ARTICLE)
    articles, skipped = read_corpus(path)
    assert [(a.id, a.source, a.title, a.byline) for a in articles] == [
        ("one", "one.txt", "党建引领基层治理", ["张三", "李四"])]
    assert skipped == []
    articles, skipped = read_corpus(tmp_path / "nope")
    assert articles == [] and skipped[0].reason == "no such file or folder"


def test_read_file_errors_name_the_file(tmp_path):
    with pytest.raises(IngestError) as err:
        read_file(tmp_path / "missing.txt")
    assert str(tmp_path / "missing.txt") in str(err.value)
    assert "\n" not in str(err.value)


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    """Root reads anything, so the permission error is simulated where the file is opened."""
    good = write(tmp_path / "good.txt", ARTICLE)
    bad = write(tmp_path / "locked.txt", ARTICLE)
    real_open = Path.open

    def guarded(self, *args, **kwargs):
        if self.name == bad.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    articles, skipped = read_corpus(tmp_path)
    assert [a.source for a in articles] == [good.name]
    assert skipped == [Skipped("locked.txt", "cannot read: permission denied")]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_file_really_chmod(tmp_path):
    bad = write(tmp_path / "locked.txt", ARTICLE)
    bad.chmod(0)
    try:
        _, skipped = read_corpus(tmp_path)
    finally:
        bad.chmod(0o644)
    assert skipped == [Skipped("locked.txt", "cannot read: permission denied")]


def test_html_page_in_a_txt_file():
    (a,) = read_file(FIX / "page.txt")
    assert a.title == "“党建+”畅通基层治理动脉"
    assert a.byline == ["褚思雨", "汪淼"]
    assert a.text.split("\n") == [
        "“党建+”畅通基层治理动脉",
        "记者 褚思雨 通讯员 汪淼",
        "近年来，济宁市以获评“全国城市基层党建示范市”为契机，实施城市基层党建红色引领行动。",
        "党建引领新业态",
        "济宁市依托党群服务中心体系，千余个“红帆驿站”，让快递小哥感受到了家的温暖&关怀。",
        "编辑:褚思雨 组版:李腾",
    ]
    assert "广告" not in a.text and "font-size" not in a.text and "首页" not in a.text


def test_photo_fixture_end_to_end():
    (a,) = read_file(FIX / "photo_block.txt")
    assert a.byline == ["郭文治", "孟航"]
    assert a.text.split("\n")[1] == "记者 郭文治 孟航"
    assert a.text.split("\n")[-5:] == [
        "安丘市工业园区成立机械制造产业链党建联盟。",
        "安丘市委组织部供图",
        "济宁高新区创新谷党建文化广场",
        "济宁高新区柳行街道老年学堂",
        "编辑:褚思雨 组版:李腾 校对:孔媛媛",
    ]


def test_traditional_text_gets_a_simplified_match_text(tmp_path):
    pytest.importorskip("opencc")
    trad = "# 黨建引領基層治理\n\n■記者 張三 李四\n\n近年來，濟寧市推進城市基層黨建工作，裡面很多內容。\n"
    path = write(tmp_path / "trad.txt", trad, "big5")
    (a,) = read_file(path)
    assert a.encoding == "big5"
    assert a.text.startswith("黨建引領基層治理")  # text stays as written
    assert a.match_text is not None and len(a.match_text) == len(a.text)
    assert a.match_text.startswith("党建引领基层治理")
    assert "济宁市推进城市基层党建工作" in a.match_text
    (s,) = read_file(write(tmp_path / "simp.txt", ARTICLE))
    assert s.match_text is None  # nothing to convert


def test_size_limit_in_a_corpus(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE * 50)
    articles, skipped = read_corpus(tmp_path, max_bytes=1000)
    assert [a.source for a in articles] == ["a.txt"]
    assert skipped[0].path == "b.txt" and "limit" in skipped[0].reason


@pytest.mark.slow
def test_100_mb_file(tmp_path):
    """A 100 MB file is read in chunks. Peak memory is dominated by ``Article.offsets`` being a
    ``list[int]`` (about 36 bytes a character); the guard is against anything worse than that."""
    blob = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))) + "\n\n"
    path = tmp_path / "big.txt"
    size = 0
    with path.open("w", encoding="utf-8") as fh:
        while size < 100 * 2**20:
            fh.write(blob)
            size += len(blob.encode("utf-8"))
    code = (
        "import sys\n"
        "from kg.ingest import read_file\n"
        "arts = read_file(sys.argv[1])\n"
        # VmHWM, not ru_maxrss: ru_maxrss survives exec and would report the forking pytest's size
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(len(arts), sum(len(a.text) for a in arts), hwm)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    n_articles, n_chars, peak_kb = map(int, out.stdout.split())
    assert n_articles > 10_000
    peak = peak_kb * 1024
    print(f"100 MB file: {n_articles} articles, {n_chars} chars, peak RSS {peak / 2**20:.0f} MB")
    assert peak < 60 * n_chars  # list[int] offsets alone cost ~36 bytes a character


PAGE = ("<html><head><title>站点</title><script>var x = '党支部';</script></head><body>"
        "<h1>党建引领基层治理</h1><p>■记者 张三 李四</p>"
        "<p>近年来,济宁市推进城市基层党建引领基层治理。</p></body></html>")


def test_folder_reads_html_pages_and_lists_what_it_does_not_read(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "page.html", PAGE)
    write(tmp_path / "sub" / "old.HTM", PAGE)
    write(tmp_path / "notes.md", ARTICLE)
    write(tmp_path / "scan.pdf", "%PDF")
    write(tmp_path / ".git" / "config", "x")
    articles, skipped = read_corpus(tmp_path)
    assert [a.source for a in articles] == ["a.txt", "page.html", "sub/old.HTM"] and skipped == []
    assert "var x" not in articles[1].text and articles[1].title == "党建引领基层治理"
    unread = unread_files(tmp_path)
    assert [s.path for s in unread] == ["notes.md", "scan.pdf"]  # hidden folders stay out
    assert "--include '*.md'" in unread[0].reason
    # --include reads more kinds; they are then no longer "not read"
    articles, _ = read_corpus(tmp_path, include=("*.md",))
    assert "notes.md" in [a.source for a in articles]
    assert [s.path for s in unread_files(tmp_path, ("*.md",))] == ["scan.pdf"]


def test_a_folder_of_html_pages_is_a_corpus(tmp_path):
    write(tmp_path / "one.html", PAGE)
    write(tmp_path / "two.htm", PAGE)
    articles, skipped = read_corpus(tmp_path)
    assert [a.id for a in articles] == ["one", "two"] and skipped == []


def test_same_stem_with_two_suffixes_gets_distinct_ids(tmp_path):
    write(tmp_path / "page.txt", ARTICLE)
    write(tmp_path / "page.html", PAGE)
    write(tmp_path / "x" / "page.txt", ARTICLE)
    sources, _ = corpus_sources(tmp_path)
    assert [(s.rel, s.base) for s in sources] == [("page.html", "page_html"), ("page.txt", "page_txt"),
                                                   ("x/page.txt", "x__page")]


def test_the_output_folder_inside_the_input_is_not_read(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "out" / "graph.html", PAGE)
    sources, _ = corpus_sources(tmp_path, exclude=(tmp_path / "out",))
    assert [s.rel for s in sources] == ["a.txt"]
    assert unread_files(tmp_path, exclude=(tmp_path / "out",)) == []
