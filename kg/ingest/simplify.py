"""Simplified-character copy of a traditional-Chinese text, for matching lexicons and patterns.

Optional: needs the ``opencc`` package. The copy must line up with the
original character for character (so offsets found in it hold for ``text``):
phrase-level conversion is used when it keeps the length, else characters are
converted one at a time and any that would change length are left as they are.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _converter() -> Any | None:
    try:
        import opencc
    except ImportError:
        return None
    for config in ("t2s", "t2s.json"):
        try:
            return opencc.OpenCC(config)
        except Exception:  # noqa: BLE001 - opencc raises plain errors for unknown configs
            continue
    return None


def simplified(text: str) -> str | None:
    """``text`` in simplified characters, same length; None when unchanged or opencc is missing."""
    conv = _converter()
    if conv is None or not text:
        return None
    out = conv.convert(text)
    if out == text:
        return None
    if len(out) != len(text):
        chars = []
        for ch in text:
            c = conv.convert(ch) if ord(ch) > 0x2E7F else ch
            chars.append(c if len(c) == 1 else ch)
        out = "".join(chars)
    return out if out != text else None
