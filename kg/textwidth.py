"""Text in terminal columns: Chinese characters take two, so ``len`` cannot align a table.

``kg query`` tables and ``kg eval`` score tables both pad and clip with these.
"""
from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide and fullwidth (CJK) characters two, combining marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` filled with spaces to ``width`` columns (on the left when ``right``-aligned)."""
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` columns, ending in ``…`` when cut (``limit`` <= 0: never cut)."""
    if limit <= 0 or display_width(text) <= limit:
        return text
    out, width = [], 0
    for ch in text:
        w = display_width(ch)
        if width + w > limit - 1:
            break
        out.append(ch)
        width += w
    return "".join(out) + "…"
