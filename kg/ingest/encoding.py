"""Bytes to text: find the encoding of a Chinese news file, or decide it is not text.

Chinese copy arrives as UTF-8 (with or without BOM), GB18030/GBK, Big5 or
UTF-16. Simple strict tries settle most files; GB18030 and Big5 both accept
each other's bytes, so when both decode, the one whose characters are the
common ones of its own standard wins. charset-normalizer is the last resort.
Large files are decoded in chunks so the raw bytes are never held twice.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from kg.ingest.errors import IngestError

SAMPLE_BYTES = 1 << 20  # what detection looks at for a file read in chunks
WHOLE_FILE_BYTES = 16 << 20  # files up to this size are read and detected whole
CHUNK_BYTES = 4 << 20
NUL_HEAVY = 0.30  # more NUL bytes than this (and not UTF-16) means binary
CONTROL_MAX = 0.02  # more control characters than this in the decoded text means binary
LOW_SHARE = 0.3  # real Chinese scores ~0.95 everyday characters; below this the guess is doubtful

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0/C1 controls other than tab, newlines, form feed, escape and SUB; NUL is counted apart.
_CONTROL = re.compile("[\x01-\x08\x0e-\x19\x1c-\x1f\x7f\x80-\x9f]")
_LETTERS = re.compile("[^\x00-\x7f\u2000-\u206f\u3000-\u303f\uff00-\uffef]")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a whole file's bytes; returns (text, encoding name). Raises ``IngestError`` for binary."""
    if not data:
        return "", "utf-8"
    encoding, errors = detect(data, final=True)
    return data.decode(encoding, errors), encoding


def decode_file(path: str | Path, max_bytes: int | None = None) -> tuple[str, str]:
    """Decode a file, reading large ones in chunks; raises ``IngestError`` with a one-line reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise IngestError(str(path), f"file is {size / 2**20:.1f} MB, above the {max_bytes / 2**20:.0f} MB limit")
        with path.open("rb") as fh:
            if size <= WHOLE_FILE_BYTES:
                try:
                    return decode_bytes(fh.read())
                except IngestError as exc:
                    raise IngestError(str(path), exc.reason) from None
            sample = fh.read(SAMPLE_BYTES)
            try:
                encoding, errors = detect(sample, final=False)
            except IngestError as exc:
                raise IngestError(str(path), exc.reason) from None
            fh.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)(errors)
            parts: list[str] = []
            done = 0
            try:
                while chunk := fh.read(CHUNK_BYTES):
                    parts.append(decoder.decode(chunk))
                    done += len(chunk)
                parts.append(decoder.decode(b"", final=True))
            except UnicodeDecodeError as exc:
                raise IngestError(str(path), f"not valid {encoding} near byte {done + exc.start}") from None
    except PermissionError:
        raise IngestError(str(path), "cannot read: permission denied") from None
    except IsADirectoryError:
        raise IngestError(str(path), "is a directory, not a file") from None
    except FileNotFoundError:
        raise IngestError(str(path), "no such file") from None
    except OSError as exc:
        raise IngestError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return "".join(parts), encoding


def detect(data: bytes, *, final: bool = True) -> tuple[str, str]:
    """(encoding, error handler) for ``data``; ``final=False`` when it is only the head of a file."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            if _try(data, name, final) is None:
                raise IngestError("", f"starts with a {name} byte-order mark but is not valid {name}")
            return name, "strict"
    utf16 = _sniff_utf16(data)
    if utf16 and _try(data, utf16, final) is not None:
        return utf16, "strict"
    if data.count(0) > NUL_HEAVY * len(data):
        raise IngestError("", "binary file (mostly NUL bytes)")
    text = _try(data, "utf-8", final)
    if text is not None:
        _check_text(text)
        return "utf-8", "strict"
    loose = data.decode("utf-8", "replace")
    bad = loose.count("\ufffd")
    good = len(loose) - len(loose.encode("ascii", "ignore")) - bad
    if good >= 20 * bad:  # UTF-8 with a few damaged bytes: keep it, damaged bytes become U+FFFD
        _check_text(loose)
        return "utf-8", "replace"
    found = {name: t for name in ("gb18030", "big5") if (t := _try(data, name, final)) is not None}
    scores = {
        "gb18030": _common_share(found["gb18030"], "gb2312", 0xB0, 0xD7) if "gb18030" in found else -1.0,
        "big5": _common_share(found["big5"], "big5", 0xA4, 0xC6) if "big5" in found else -1.0,
    }
    if found:
        name = "big5" if scores["big5"] > scores["gb18030"] + 0.1 else "gb18030"
        if scores[name] < LOW_SHARE:  # decodes, but not as everyday Chinese: ask charset-normalizer
            try:
                return _normalizer(data, final)
            except IngestError:
                pass
        _check_text(found[name])
        return name, "strict"
    return _normalizer(data, final)


def _try(data: bytes, encoding: str, final: bool) -> str | None:
    try:
        return codecs.getincrementaldecoder(encoding)("strict").decode(data, final=final)
    except (UnicodeDecodeError, LookupError):
        return None


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: NULs sit on one byte of each pair (ASCII-range text)."""
    head = data[:4096]
    pairs = len(head) // 2
    if pairs < 2 or head.count(0) < 0.3 * len(head):
        return None
    even = sum(1 for i in range(0, 2 * pairs, 2) if head[i] == 0)
    odd = sum(1 for i in range(1, 2 * pairs, 2) if head[i] == 0)
    if odd > 0.6 * pairs and even < 0.05 * pairs:
        return "utf-16-le"
    if even > 0.6 * pairs and odd < 0.05 * pairs:
        return "utf-16-be"
    return None


def _check_text(text: str) -> None:
    sample = text[:200_000]
    body = sample.replace("\x00", "")
    if sample and not body:
        raise IngestError("", "binary file (only NUL bytes)")
    if body and len(_CONTROL.findall(body)) > CONTROL_MAX * len(body):
        raise IngestError("", "binary file (control bytes, not text)")


def _common_share(text: str, standard: str, lo: int, hi: int) -> float:
    """Share of the non-ASCII letters of ``text`` (punctuation aside) that are level-1 (everyday)
    Han characters of ``standard``. Text decoded with the wrong one of GB18030/Big5 scores low:
    rare characters, kana, private-use code points."""
    letters = _LETTERS.findall(text[:50_000])
    if not letters:
        return 0.0
    hits = 0
    for ch in letters:
        try:
            b = ch.encode(standard)
        except UnicodeEncodeError:
            continue
        hits += len(b) == 2 and lo <= b[0] <= hi
    return hits / len(letters)


def _normalizer(data: bytes, final: bool) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:SAMPLE_BYTES]).best()
    if best is None or best.encoding is None:
        raise IngestError("", "binary or undecodable file (no text encoding fits)")
    name = codecs.lookup(best.encoding).name
    text = _try(data, name, final)
    if text is None:
        raise IngestError("", f"undecodable file (best guess {name} does not fit)")
    _check_text(text)
    return name, "strict"
