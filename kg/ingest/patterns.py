"""The ingest stage's data files (``kg/resources/ingest/*.json``), loaded and compiled once.

Rules about what counts as furniture, a byline, a caption or a heading live in
those files, not in code, so they can be tuned for another paper without
touching the cleaner.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kg.resources import read_text


def load(name: str) -> dict[str, Any]:
    return json.loads(read_text(f"ingest/{name}"))


@dataclass(frozen=True)
class Text:
    """Character classes (regex class bodies) and heading limits."""

    cjk: str
    cjk_punct: str
    terminal: str
    closers: str
    separators: str
    sentence_punct: str
    quote_pairs: tuple[str, ...]
    symmetric_quotes: str
    heading_max_chars: int
    title_max_chars: int

    @property
    def wide(self) -> str:
        """Class body of characters whose neighbouring spaces are layout, not word breaks."""
        return self.cjk + self.cjk_punct


@cache
def text() -> Text:
    d = load("text.json")
    return Text(
        cjk=d["cjk"], cjk_punct=d["cjk_punct"], terminal=d["terminal"], closers=d["closers"],
        separators=d["separators"], sentence_punct=d["sentence_punct"],
        quote_pairs=tuple(d["quote_pairs"]), symmetric_quotes=d["symmetric_quotes"],
        heading_max_chars=int(d["heading_max_chars"]), title_max_chars=int(d["title_max_chars"]),
    )


@dataclass(frozen=True)
class Noise:
    line_drop: tuple[re.Pattern[str], ...]
    inline_drop: re.Pattern[str]
    footer_junk: re.Pattern[str]
    footer_keep: tuple[re.Pattern[str], ...]
    kickers: frozenset[str]


@cache
def noise() -> Noise:
    d = load("noise.json")
    return Noise(
        line_drop=tuple(re.compile(p) for p in d["line_drop"]),
        inline_drop=re.compile("|".join(f"(?:{p})" for p in d["inline_drop"]), re.S),
        footer_junk=re.compile("|".join(f"(?:{p})" for p in d["footer_junk"])),
        footer_keep=tuple(re.compile(p) for p in d["footer_keep"]),
        kickers=frozenset(d["kickers"]),
    )


@dataclass(frozen=True)
class Byline:
    bullets: str
    roles: tuple[str, ...]  # longest first, so a glued role prefix is split greedily
    role_suffixes: tuple[str, ...]
    role_prefix_max_chars: int
    separators: str
    role_colons: str
    max_name_chars: int
    max_names: int
    max_line_chars: int


@cache
def byline() -> Byline:
    d = load("byline.json")
    return Byline(
        bullets=d["bullets"], roles=tuple(sorted(d["roles"], key=len, reverse=True)),
        role_suffixes=tuple(d["role_suffixes"]), role_prefix_max_chars=int(d["role_prefix_max_chars"]),
        separators=d["separators"], role_colons=d["role_colons"], max_name_chars=int(d["max_name_chars"]),
        max_names=int(d["max_names"]), max_line_chars=int(d["max_line_chars"]),
    )


@dataclass(frozen=True)
class Captions:
    credit: tuple[re.Pattern[str], ...]
    marker: re.Pattern[str]
    max_chars: int


@cache
def captions() -> Captions:
    d = load("captions.json")
    return Captions(
        credit=tuple(re.compile(p) for p in d["credit"]), marker=re.compile(d["marker"]),
        max_chars=int(d["max_caption_chars"]),
    )


@cache
def metadata() -> re.Pattern[str]:
    """Matches the label that opens an editorial metadata line."""
    d = load("metadata.json")
    labels = "|".join(re.escape(x) for x in sorted(d["labels"], key=len, reverse=True))
    return re.compile(f"^(?:{labels})\\s*[{re.escape(d['colons'])}]")
