"""What a Chinese personal name looks like, and the person names one document has so far.

A name is a surname from ``surnames.txt`` (one character, or two: 欧阳) and one
or two given characters. Words shaped like that which are not names
(``non_person.txt``: 党员, 全市, also as the start of a longer one: 党建某), a
surname and a way of addressing someone (钱师傅, 李大爷: ``person_generic_tails``)
and place-like names (某旗, 某庄: ``person_non_final``) are left out.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from kg.extract import segment
from kg.extract.lexicon import Lexicon
from kg.extract.recognize.scan import Cand, Scan

MAX_RUN = 12  # the longest stretch of names written together that is read as a list
MAX_DOTTED = 16  # the longest name written with dots between its parts


def hanzi(s: str) -> bool:
    """True when ``s`` is Chinese characters only (no digits, Latin letters or marks)."""
    return bool(s) and all("\u4e00" <= ch <= "\u9fff" for ch in s)


def surname_len(lex: Lexicon, s: str) -> int:
    """How many characters of ``s`` are its surname: 2 for a compound one (欧阳), 1, or 0 for none."""
    if len(s) >= 2 and s[:2] in lex.surnames:
        return 2
    return 1 if s[:1] in lex.surnames else 0


def name_shaped(lex: Lexicon, s: str) -> bool:
    """A surname and one or two given characters that is not a known non-name or a class of people."""
    k = surname_len(lex, s)
    return k > 0 and hanzi(s) and k + 1 <= len(s) <= k + 2 and not no_name(lex, s)


def no_name(lex: Lexicon, s: str) -> bool:
    """True when ``s`` is, or starts with, a word of ``non_person.txt`` (党员, 党建某), ends like a
    place or department (某旗, 某处) or is a surname and a form of address (钱师傅)."""
    return (s in lex.non_person or s[:2] in lex.non_person or s[-1] in lex.chars["person_non_final"]
            or s.endswith(lex.words["person_generic_tails"]))


def dotted_name(lex: Lexicon, s: str) -> bool:
    """A name of two or more parts written with a dot between them (某某·某某某), as many
    minority and foreign names are: no surname list applies to them."""
    parts = re.split(f"[{re.escape(''.join(sorted(lex.chars['name_dots'])))}]", s)
    return len(parts) >= 2 and len(s) <= MAX_DOTTED and all(len(p) >= 2 and hanzi(p) for p in parts)


def dictionary_word(s: str) -> bool:
    """True when the segmenter's dictionary holds ``s`` as a word that is not a person's name
    (风采, 理顺): a name-shaped string that is a common word is that word."""
    tag = segment.dictionary_tag(s)
    return tag is not None and not tag.startswith("nr")


def splits(lex: Lexicon, run: str) -> list[list[str]]:
    """Every way to cut ``run`` into two or more names (written together: 赵某钱某某), each name-shaped."""
    out: list[list[str]] = []

    def walk(rest: str, parts: list[str]) -> None:
        if not rest:
            if len(parts) >= 2:
                out.append(parts)
            return
        k = surname_len(lex, rest)
        for size in (k + 2, k + 1) if k else ():
            if size <= len(rest) and name_shaped(lex, rest[:size]):
                walk(rest[size:], parts + [rest[:size]])

    walk(run, [])
    return out


def split_run(lex: Lexicon, run: str, cuts: frozenset[int] = frozenset()) -> list[str] | None:
    """``run`` cut into names, or None when no cut fits. Of several cuts the one whose names start
    with common surnames wins (孙丽|周某某 over 孙丽周|某某), then the one whose boundaries the
    segmenters also draw (``cuts``), then the one with fewer names; a tie that remains is undecided."""
    options = splits(lex, run)
    if not options:
        return None
    common = lex.chars["common_surnames"]

    def score(parts: list[str]) -> tuple[int, int, int]:
        ends, pos = [], 0
        for p in parts[:-1]:
            pos += len(p)
            ends.append(pos)
        return (sum(p[0] in common for p in parts), sum(e in cuts for e in ends), -len(parts))

    best = max(score(p) for p in options)
    top = [p for p in options if score(p) == best]
    return top[0] if len(top) == 1 else None


def cuts(scan: Scan, a: int, b: int) -> frozenset[int]:
    """Offsets inside text[a:b] (relative to a) where jieba or the statistical tagger ends a word."""
    out = set(segment.boundaries(scan.text[a:b]))
    for spans in (scan.words, scan.ner):
        i = max(0, bisect_left(spans, a, key=lambda s: s.start) - 1)
        while i < len(spans) and spans[i].start < b:
            out |= {x - a for x in (spans[i].start, spans[i].end) if a < x < b}
            i += 1
    return frozenset(out)


def read_names(lex: Lexicon, scan: Scan, a: int, b: int) -> list[str] | None:
    """text[a:b] read as one name or as several written together, or None when it is not names."""
    run = scan.text[a:b]
    if name_shaped(lex, run):
        return None if dictionary_word(run) else [run]
    if len(run) < 4 or len(run) > MAX_RUN:
        return None
    parts = split_run(lex, run, cuts(scan, a, b))
    if parts is None or any(dictionary_word(p) for p in parts):
        return None
    return parts


class Found:
    """The person names found in one document so far, by span, in the order they were found."""

    def __init__(self) -> None:
        self.by_span: dict[tuple[int, int], Cand] = {}

    def add(self, a: int, b: int, name: str, rule: str) -> None:
        if (a, b) not in self.by_span:
            self.by_span[(a, b)] = Cand(a, b, "Person", name, rule)

    def covers(self, pos: int) -> bool:
        """True when a name found so far holds the character at ``pos``."""
        return any(a <= pos < b for a, b in self.by_span)

    def __iter__(self) -> Iterator[Cand]:
        return iter(list(self.by_span.values()))

    def __len__(self) -> int:
        return len(self.by_span)
