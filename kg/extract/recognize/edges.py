"""Where a name begins: walking left from its head noun until the words stop being name-like.

A Chinese name has no capital letters; its left edge is where a verb, a
preposition, a pronoun, punctuation or a number interrupts the run of nouns
before the head. The segmenter's POS tags tell those apart; a quoted stretch
counts as one noun.
"""
from __future__ import annotations

import re

from kg.extract import segment
from kg.extract.recognize.scan import Scan
from kg.extract.recognize.vocabulary import Vocabulary

CJK = re.compile(r"[\u3400-\u9fff]")
DIGITS = re.compile(r"^[0-9０-９.%]+$")

Token = tuple[int, int, str, str]  # start, end, word, POS flag ("nq" for a quote)


def tokens_before(v: Vocabulary, scan: Scan, pos: int, window: int) -> list[Token]:
    """Tokens ending at or before ``pos`` within ``window`` characters, nearest last."""
    text, quotes_by_end = scan.text, scan.quotes_by_end
    start = pos
    while start > 0 and pos - start < window and text[start - 1] not in v.hard_stops:
        if start in quotes_by_end:
            q = quotes_by_end[start]
            if len(q.content) > 15 or any(ch in v.hard_stops for ch in q.content):
                break
            start = q.start
            continue
        start -= 1
    toks: list[Token] = []
    piece_end = pos
    # split the window at quotes, which are single noun-like tokens
    spans = []
    i = pos
    while i > start:
        if i in quotes_by_end and quotes_by_end[i].start >= start:
            if piece_end > i:
                spans.append(("t", i, piece_end))
            qs = quotes_by_end[i].start
            spans.append(("q", qs, i))
            i = qs
            piece_end = i
            continue
        i -= 1
    if piece_end > start:
        spans.append(("t", start, piece_end))
    for kind, a, b in reversed(spans):
        if kind == "q":
            toks.append((a, b, text[a:b], "nq"))
            continue
        off = a
        for w, f in segment.words(text[a:b]):
            toks.append((off, off + len(w), w, f))
            off += len(w)
    return toks


def left_edge(v: Vocabulary, scan: Scan, pos: int, limit: int, verbs_stop: bool = True,
              generic_words: bool = False) -> int:
    """Start of the name-like stretch that ends at ``pos``, at most ``limit`` characters long.

    ``generic_words``: words of ``generic_stems.txt`` are part of the name whatever their POS tag
    (区|非公|党工委: the segmenter tags 非公 as an adverb)."""
    lex, text = v.lex, scan.text
    toks = tokens_before(v, scan, pos, limit + 4)
    edge = pos
    for a, _b, w, f in reversed(toks):
        if f == "nq" or generic_words and w in lex.generic_stems and w not in lex.stopwords:
            edge = a
            continue
        if w in lex.stopwords or w in lex.implement_verbs or (
                f in v.left_stop_flags and not (f == "d" and len(w) == 1)):
            break
        if verbs_stop and f.startswith("v") and f != "vn" and w not in lex.name_verbs:
            break
        if f == "m" and (DIGITS.match(w) or not CJK.search(w) or (
                w[-1] in v.measure_words and all(ch in v.count_chars for ch in w[:-1]))):
            break  # a number or a count (三个, 两家) is not part of the name after it
        if f == "a" and len(w) > 1:
            break
        if not CJK.search(w) and not w.isalnum():
            break
        if pos - a > limit:
            break
        edge = a
    # "88家农村专业合作社": a measure word after a number is not part of the name
    while edge < pos and text[edge] in v.measure_words and edge > 0 and (
            text[edge - 1].isdigit() or text[edge - 1] in v.count_chars):
        edge += 1
    return edge
