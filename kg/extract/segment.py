"""Word segmentation with part-of-speech tags from jieba, used to find name edges.

spaCy's tokens decide nothing here: a name's left edge is where the words
before its head noun stop being name-like (a verb, a preposition, a pronoun),
which needs the segmenter's POS tags even when no trained model is installed.
"""
from __future__ import annotations

import logging
from functools import lru_cache

import jieba
import jieba.posseg as pseg

jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=50_000)
def words(text: str) -> tuple[tuple[str, str], ...]:
    """(word, POS flag) pairs for ``text``."""
    return tuple((w.word, w.flag) for w in pseg.cut(text))


@lru_cache(maxsize=50_000)
def boundaries(text: str) -> frozenset[int]:
    """Character offsets where jieba puts a word boundary (including 0 and len)."""
    out = {0}
    pos = 0
    for w, _ in words(text):
        pos += len(w)
        out.add(pos)
    return frozenset(out)


def is_word(text: str) -> bool:
    """True when ``text`` is a word of the segmenter's dictionary (乡村, 大局)."""
    return len(text) > 1 and jieba.dt.FREQ.get(text, 0) > 0


def dictionary_tag(text: str) -> str | None:
    """The POS flag the segmenter's dictionary gives the word ``text`` (风采: n), None when it is no word."""
    jieba.dt.check_initialized()
    return pseg.dt.word_tag_tab.get(text) if jieba.dt.FREQ.get(text, 0) > 0 else None
