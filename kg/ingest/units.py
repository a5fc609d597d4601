"""A cleaned file as a sequence of units: one paragraph, heading, byline, caption or metadata line each.

Cleaning (``clean.py``) produces units in reading order; splitting
(``split.py``) groups them into articles and lays each article out.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.ingest.mapped import Mapped

BODY = "body"  # a paragraph of running text
HEADING = "heading"  # a title, subtitle, section heading or kicker
BYLINE = "byline"  # reporters' names (normalised line)
CAPTION = "caption"  # photo caption or credit: kept, but out of the running text
META = "meta"  # editor line, paper/date footer: kept at the article's end


@dataclass
class Unit:
    kind: str
    m: Mapped
    gap: int = 0  # blank lines before this unit's block (0 for a unit inside a block)
    md: bool = False  # was a markdown heading (# ...)
    names: tuple[str, ...] = ()  # byline names, for BYLINE units

    @property
    def text(self) -> str:
        return self.m.text
