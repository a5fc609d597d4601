"""Ingest: bytes to text. Encodings, binary and broken files, streaming of large files."""
from __future__ import annotations

import random

import pytest

from kg.ingest import IngestError, decode_bytes, read_file
from kg.ingest import encoding as enc

SIMPLIFIED = "济宁高新区持续深化党建引领，不断探索创新为民服务新路径，让党组织真正成为听民意、解民忧的幸福港湾。"
TRADITIONAL = "濟寧高新區持續深化黨建引領，不斷探索創新為民服務新路徑，讓黨組織真正成為聽民意、解民憂的幸福港灣。"


@pytest.mark.parametrize(
    ("codec", "text", "expected"),
    [
        ("utf-8", SIMPLIFIED, "utf-8"),
        ("utf-8-sig", SIMPLIFIED, "utf-8-sig"),
        ("gb18030", SIMPLIFIED, "gb18030"),
        ("gbk", SIMPLIFIED, "gb18030"),
        ("gb18030", TRADITIONAL, "gb18030"),
        ("big5", TRADITIONAL, "big5"),
        ("utf-16", SIMPLIFIED, "utf-16"),
        ("utf-16", TRADITIONAL, "utf-16"),
        ("utf-16-le", "Party building 2024 report", "utf-16-le"),
        ("utf-16-be", "Party building 2024 report", "utf-16-be"),
        ("utf-8", "plain ASCII text", "utf-8"),
    ],
)
def test_decode_bytes_finds_the_encoding(codec: str, text: str, expected: str):
    decoded, name = decode_bytes(text.encode(codec))
    assert (decoded, name) == (text, expected)


def test_short_big5_and_gb_texts_are_told_apart():
    for text, name in (("黨建工作", "big5"), ("党建工作", "gb18030")):
        assert decode_bytes(text.encode("big5" if name == "big5" else "gb18030")) == (text, name)


def test_read_file_reports_the_encoding(tmp_path):
    for codec in ("utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(TRADITIONAL.encode(codec))
        (article,) = read_file(path)
        assert article.encoding == codec
        assert article.text == TRADITIONAL


def test_utf8_with_a_damaged_byte_stays_utf8():
    data = (SIMPLIFIED * 5).encode("utf-8")
    data = data[:39] + b"\xff" + data[39:]  # between two characters
    text, name = decode_bytes(data)
    assert name == "utf-8"
    assert text.count("\ufffd") == 1


@pytest.mark.parametrize(
    "data",
    [
        random.Random(7).randbytes(5000),
        b"\x89PNG\r\n\x1a\n" + random.Random(8).randbytes(3000),
        b"\x00" * 400,
        b"\x7fELF\x02\x01\x01" + b"\x00" * 200 + bytes(range(256)) * 4,
    ],
    ids=["random", "png", "nul-only", "elf"],
)
def test_binary_is_rejected(data: bytes):
    with pytest.raises(IngestError) as err:
        decode_bytes(data)
    assert "binary" in err.value.reason or "undecodable" in err.value.reason


def test_nul_bytes_in_text_are_stripped_and_offsets_still_hold(tmp_path):
    raw = "党建\x00引领\x00基层治理。"
    path = tmp_path / "nul.txt"
    path.write_bytes(raw.encode("utf-8"))
    (article,) = read_file(path)
    assert article.text == "党建引领基层治理。"
    assert all(raw[o] == c for o, c in zip(article.offsets, article.text, strict=True))


def test_empty_and_blank_files_are_errors(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes("  \n\u3000\r\n\t\n".encode("utf-8"))
    with pytest.raises(IngestError, match="empty file"):
        read_file(empty)
    with pytest.raises(IngestError, match="only whitespace"):
        read_file(blank)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(SIMPLIFIED * 100, encoding="utf-8")
    with pytest.raises(IngestError) as err:
        read_file(path, max_bytes=1000)
    assert "limit" in err.value.reason and err.value.path == str(path)
    assert read_file(path, max_bytes=None)


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "utf-16"])
def test_large_files_are_decoded_in_chunks(tmp_path, monkeypatch, codec: str):
    """Chunk borders fall inside multi-byte characters; the incremental decoder must carry them."""
    monkeypatch.setattr(enc, "WHOLE_FILE_BYTES", 100)
    monkeypatch.setattr(enc, "SAMPLE_BYTES", 301)
    monkeypatch.setattr(enc, "CHUNK_BYTES", 97)
    text = "\n\n".join(SIMPLIFIED for _ in range(40))
    path = tmp_path / "chunked.txt"
    path.write_bytes(text.encode(codec))
    decoded, name = enc.decode_file(path)
    assert decoded == text
    assert name == codec


def test_chunked_decoding_reports_where_it_breaks(tmp_path, monkeypatch):
    monkeypatch.setattr(enc, "WHOLE_FILE_BYTES", 100)
    monkeypatch.setattr(enc, "SAMPLE_BYTES", 200)
    monkeypatch.setattr(enc, "CHUNK_BYTES", 64)
    data = ("党建" * 200).encode("utf-8") + b"\xff\xfe\xfd" * 100
    path = tmp_path / "broken.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError, match="not valid utf-8 near byte"):
        enc.decode_file(path)
