"""Text that remembers, for every character, where it came from.

Every cleaning step edits a ``Mapped`` instead of a plain ``str`` so the
provenance map (``Article.offsets``) stays exact after every edit. The rule:

* a character copied from the source keeps its source offset, so
  ``source[offsets[i]] == text[i]``;
* a *synthesised* character (a ``"\\n"`` or ``" "`` inserted or put in place of
  other whitespace, or a character decoded from an HTML entity) takes the offset
  of the first source character of the stretch it replaces; one inserted between
  two stretches takes the offset just after the preceding stretch when the next
  one follows it in the source, else the offset of the next stretch's first
  character. Every offset is a valid index into the source.

Offsets are held in an ``array('q')`` (8 bytes a character) while cleaning;
``list()`` turns them into the ``list[int]`` the data model carries.
"""
from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

SYNTHETIC = frozenset("\n ")  # the only characters cleaning may invent (besides HTML entities)


@dataclass(frozen=True, slots=True)
class Mapped:
    text: str
    offsets: array  # array('q'), one entry per character of text

    @classmethod
    def source(cls, text: str, start: int = 0) -> Mapped:
        """The text itself, character i at offset start + i."""
        return cls(text, array("q", range(start, start + len(text))))

    @classmethod
    def synth(cls, text: str, at: int) -> Mapped:
        """Invented text, every character pointing at ``at``."""
        return cls(text, array("q", [at]) * len(text))

    @classmethod
    def empty(cls) -> Mapped:
        return cls("", array("q"))

    def __len__(self) -> int:
        return len(self.text)

    def __bool__(self) -> bool:
        return bool(self.text)

    def __getitem__(self, key: slice) -> Mapped:
        return Mapped(self.text[key], self.offsets[key])

    def __add__(self, other: Mapped) -> Mapped:
        return Mapped(self.text + other.text, self.offsets + other.offsets)

    def end(self) -> int:
        """Offset just after the last character (0 for empty text)."""
        return self.offsets[-1] + 1 if self.offsets else 0

    def start(self) -> int:
        return self.offsets[0] if self.offsets else 0

    @staticmethod
    def join(parts: Iterable[Mapped], sep: str = "") -> Mapped:
        """Concatenate with a synthesised ``sep`` between parts. The separator points just after the
        preceding part when the next part follows it in the source (usually the newline or space it
        stands for), else at the next part's first character (always a valid offset)."""
        texts: list[str] = []
        offs = array("q")
        first = True
        for part in parts:
            if not first and sep:
                nxt = part.start() if part.offsets else (offs[-1] if offs else 0)
                at = offs[-1] + 1 if offs and offs[-1] + 1 <= nxt else nxt
                texts.append(sep)
                offs.extend([at] * len(sep))
            texts.append(part.text)
            offs.extend(part.offsets)
            first = False
        return Mapped("".join(texts), offs)

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> Mapped:
        """``re.sub`` that keeps the map: kept text keeps its offsets, replacements are synthesised
        (a replacement equal to the matched text is kept as copied)."""
        texts: list[str] = []
        offs = array("q")
        pos = 0
        text = self.text
        changed = False
        for m in pattern.finditer(text):
            new = repl(m) if callable(repl) else repl
            s, e = m.span()
            if new == m.group(0):
                continue
            changed = True
            texts.append(text[pos:s])
            offs.extend(self.offsets[pos:s])
            if new:
                at = self.offsets[s] if s < len(text) else self.end()
                texts.append(new)
                offs.extend([at] * len(new))
            pos = e
        if not changed:
            return self
        texts.append(text[pos:])
        offs.extend(self.offsets[pos:])
        return Mapped("".join(texts), offs)

    def strip(self, chars: str | None = None) -> Mapped:
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        if left == 0 and right == len(self.text):
            return self
        return self[left:max(left, right)]

    def split(self, sep: str) -> list[Mapped]:
        return list(self.isplit(sep))

    def isplit(self, sep: str) -> Iterator[Mapped]:
        """Pieces between occurrences of ``sep``, one at a time (large files)."""
        pos = 0
        text = self.text
        while True:
            i = text.find(sep, pos)
            if i < 0:
                yield self[pos:]
                return
            yield self[pos:i]
            pos = i + len(sep)

    def compose(self, outer: array | list[int]) -> Mapped:
        """Re-express offsets through ``outer`` (this text's offsets index into a text whose own
        offsets are ``outer``), e.g. cleaned-from-extracted-from-HTML back to the HTML file."""
        if not self.offsets:
            return self
        limit = len(outer)
        return Mapped(self.text, array("q", (outer[o] if o < limit else (outer[-1] + 1 if limit else 0)
                                             for o in self.offsets)))
