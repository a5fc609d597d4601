"""What the recognisers share while they read one document: the text, its quotes and the candidates so far.

A ``Scan`` is made per call of ``Recognizer.recognise``, so the recogniser
itself holds configuration only and one pipeline can serve several threads.
"""
from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from kg.extract.lexicon import Lexicon


@dataclass
class Cand:
    """A candidate entity: a span of the text, its type and the name the rule proposes."""

    start: int
    end: int
    type: str
    name: str
    rule: str
    aliases: tuple[str, ...] = ()
    strong: bool = True  # a weak place (a short form like 济宁) may be swallowed by a longer name
    kind: str = ""  # place level or suffix kind
    code: str | None = None
    parts: list[Cand] = field(default_factory=list)  # entities this name is built on (prefix)


class Quote(NamedTuple):
    """A quoted stretch: ``end`` is after the closing mark, ``mark`` the opening one."""

    start: int
    end: int
    content: str
    mark: str


class NerSpan(NamedTuple):
    """A name a statistical tagger found (label PER, LOC, ORG or TIME)."""

    start: int
    end: int
    label: str


class TaggedWord(NamedTuple):
    """A word of the statistical tagger's own segmentation, with its POS or entity tag (n, v, PER…)."""

    start: int
    end: int
    tag: str


BODY_TYPES: tuple[str, ...] = ("Place", "Enterprise", "Organisation", "PartyOrganisation")


def strip_marks(s: str, lex: Lexicon) -> str:
    """``s`` without quote marks and whitespace, as names are compared."""
    return "".join(s.translate(lex.mark_table).split())


def lengths(words: Iterable[str]) -> tuple[int, ...]:
    """The lengths ``words`` come in, longest first: a longest-match lookup tries only these."""
    return tuple(sorted({len(w) for w in words}, reverse=True))


def longest_at(text: str, pos: int, words: Container[str], sizes: tuple[int, ...]) -> str | None:
    """The longest of ``words`` written at ``pos`` (``sizes``: their lengths, longest first)."""
    for size in sizes:
        w = text[pos : pos + size]
        if w in words:
            return w
    return None


def occurrences(s: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of each of ``words`` in ``s``, overlapping ones too."""
    out = []
    for w in words:
        i = s.find(w)
        while i != -1:
            out.append((i, i + len(w)))
            i = s.find(w, i + 1)
    return out


def find_quotes(text: str, lex: Lexicon) -> list[Quote]:
    """Quoted stretches of at most 60 characters on one line, in order."""
    out = []
    i = 0
    opening = lex.opening_re
    while (m := opening.search(text, i)) is not None:
        i = m.start()
        ch = text[i]
        j = text.find(lex.quote_pairs[ch], i + 1)
        if j == -1 or j - i > 60 or text.find("\n", i, j) != -1:
            i += 1
            continue
        out.append(Quote(i, j + 1, text[i + 1 : j], ch))
        i = j + 1
    return out


class Scan:
    """One document being read: its text and quotes, and the candidates found so far, by end."""

    def __init__(self, text: str, lex: Lexicon, ner: Iterable[tuple[int, int, str]] = (),
                 words: Iterable[tuple[int, int, str]] = ()) -> None:
        self.text = text
        self.quotes = find_quotes(text, lex)
        self.quotes_by_end: dict[int, Quote] = {q.end: q for q in self.quotes}
        self.ner = sorted(NerSpan(*x) for x in ner)
        self.words = sorted(TaggedWord(*x) for x in words)
        self.cands: list[Cand] = []
        self.by_end: dict[int, list[Cand]] = {}
        self.weak_places: list[Cand] = []

    def add(self, c: Cand) -> Cand:
        self.cands.append(c)
        self.by_end.setdefault(c.end, []).append(c)
        if c.type == "Place" and not c.strong:
            self.weak_places.append(c)
        return c

    def adjacent(self, pos: int, types: tuple[str, ...]) -> Cand | None:
        """The longest candidate of one of ``types`` that ends at ``pos``."""
        best = None
        for c in self.by_end.get(pos, []):
            if c.type in types and (best is None or c.start < best.start):
                best = c
        return best

    def quotes_in(self, a: int, b: int) -> list[Quote]:
        return [q for q in self.quotes_by_end.values() if q.start >= a and q.end <= b]
