"""Persons in bylines and credits: 记者 甲 通讯员 乙 丙, 通讯员乙丙报道, 编辑：甲 | 责编：乙, （甲 摄）,
and the line of names in parentheses that closes an article (（某某公司甲、乙）).

Names in a credit are separated by spaces, 、 or nothing at all (the cleaner joins
Chinese characters across spaces): a run written together is cut where each piece
is a surname and one or two given characters (``person_names.split_run``). A
credit word is a ``credit`` post of ``roles.tsv`` or a ``credit_labels`` word; the
words written right after credited names (甲摄, 乙报道) are ``credit_tails``.
"""
from __future__ import annotations

import re

from kg.extract import segment
from kg.extract.recognize.person_names import MAX_RUN, Found, dictionary_word, name_shaped, read_names
from kg.extract.recognize.scan import Scan
from kg.extract.recognize.vocabulary import Vocabulary

MAX_NAMES = 8  # the most names one credit lists

CLOSING_LIST = re.compile(r"(?:^|(?<=[。！？!?]))\s*[（(]([^（）()\n]{2,40})[）)]\s*(?=\n|$)", re.M)


def credits(v: Vocabulary, scan: Scan, found: Found, byline: tuple[str, ...]) -> None:
    """Every credited name: the byline's, those after credit words, photo credits, closing lists."""
    head = scan.text[:300]
    for name in byline:
        i = head.find(name)
        if i < 0 or len(name) < 2:
            continue
        # a byline token of two names written together (孙某周某) is cut; any other token is kept as written
        parts = None if name_shaped(v.lex, name) else read_names(v.lex, scan, i, i + len(name))
        for part in parts or [name]:
            found.add(i, i + len(part), part, "byline")
            i += len(part)
    words = credit_words(v)
    for w in words:
        for m in re.finditer(re.escape(w), scan.text):
            chain(v, scan, found, m.end(), words, f"credit:{w}")
    photo_credits(v, scan, found, words)
    closing_lists(v, scan, found)


def credit_words(v: Vocabulary) -> tuple[str, ...]:
    """Credit words, longest first (本报记者 before 记者)."""
    lex = v.lex
    words = {r for r, kind in lex.roles.items() if kind == "credit"} | set(lex.words["credit_labels"])
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def _word_at(text: str, pos: int, words: tuple[str, ...]) -> str | None:
    return next((w for w in words if text.startswith(w, pos)), None)


def _run_end(v: Vocabulary, text: str, pos: int, stops: tuple[str, ...]) -> int:
    """Where the stretch of Chinese characters at ``pos`` ends: at a non-Chinese character or a word of ``stops``."""
    end = pos
    while end < len(text) and end - pos <= MAX_RUN and "\u4e00" <= text[end] <= "\u9fff":
        if end > pos + 1 and _word_at(text, end, stops):
            break
        end += 1
    return end


def _ends_credit(v: Vocabulary, text: str, end: int, stops: tuple[str, ...]) -> bool:
    """True when a credited name may end at ``end``: at the end, a stop, a bracket or another credit word."""
    lex = v.lex
    return (end >= len(text) or text[end] in v.hard_stops or text[end] in lex.chars["closing_brackets"]
            or _word_at(text, end, stops) is not None)


def chain(v: Vocabulary, scan: Scan, found: Found, pos: int, words: tuple[str, ...], rule: str) -> None:
    """The names after a credit word at ``pos``: 记者 甲 乙 通讯员 丙丁报道, until something else is written."""
    lex, text = v.lex, scan.text
    gaps = lex.chars["credit_gaps"] | {"、"}
    stops = words + lex.words["credit_tails"]
    first = True
    for _ in range(MAX_NAMES):
        while text[pos : pos + 1] in gaps and pos < len(text):
            pos += 1
        w = _word_at(text, pos, words)
        if w is not None:
            pos += len(w)
            continue
        end = _run_end(v, text, pos, stops)
        names = read_names(v.lex, scan, pos, end) if end - pos >= 2 and _ends_credit(v, text, end, stops) else None
        if names is None:
            if first:
                _first_name(v, scan, found, pos, rule)
            return
        for name in names:
            found.add(pos, pos + len(name), name, rule)
            pos += len(name)
        first = False


def _first_name(v: Vocabulary, scan: Scan, found: Found, pos: int, rule: str) -> None:
    """A credit in running text (记者王小明来到…): the segmenter's person word right after it."""
    lex, text = v.lex, scan.text
    if text[pos : pos + 1] not in lex.surnames and text[pos : pos + 2] not in lex.surnames:
        return
    w0 = segment.words(text[pos : pos + 8])
    if w0 and w0[0][1].startswith("nr") and name_shaped(lex, w0[0][0]):
        found.add(pos, pos + len(w0[0][0]), w0[0][0], rule)


def photo_credits(v: Vocabulary, scan: Scan, found: Found, words: tuple[str, ...]) -> None:
    """（甲 摄）, 甲、乙摄 on a line of its own: names right before a credit tail, from an opening
    bracket, a line start or a sentence end up to a closing bracket or the line end."""
    lex, text = v.lex, scan.text
    openers = lex.chars["credit_openers"]
    for tail in lex.words["credit_tails"]:
        for m in re.finditer(re.escape(tail), text):
            after = text[m.end() : m.end() + 1].strip(" 　")
            if after and after not in lex.chars["closing_brackets"] and after != "\n":
                continue
            spans = _names_before(v, scan, m.start(), openers, words)
            for a, b, name in spans or ():
                found.add(a, b, name, f"credit:{tail}")


def _names_before(v: Vocabulary, scan: Scan, end: int, openers: frozenset[str],
                  words: tuple[str, ...]) -> list[tuple[int, int, str]] | None:
    """The names written between an opener (or a credit word) and ``end``, spaces and 、 between
    them; None when anything else is written there."""
    text = scan.text
    out: list[tuple[int, int, str]] = []
    b = end
    while True:
        while b > 0 and text[b - 1] in " 　、":
            b -= 1
        a = b
        while a > 0 and b - a <= MAX_RUN and "\u4e00" <= text[a - 1] <= "\u9fff":
            a -= 1
        opened = a == 0 or text[a - 1] in openers
        inner = [text.rfind(w, a, b) + len(w) for w in words if text.rfind(w, a, b) >= 0]
        if inner:  # 记者王五摄: the credit word opens the list
            a, opened = max(inner), True
        names = read_names(v.lex, scan, a, b) if b - a >= 2 else None
        if names is None:
            return None
        k = a
        for name in names:
            out.append((k, k + len(name), name))
            k += len(name)
        if opened:
            return out
        if text[a - 1] not in " 　、":
            return None
        b = a


def closing_lists(v: Vocabulary, scan: Scan, found: Found) -> None:
    """（某某公司甲、乙） closing a paragraph: the names of the people who wrote or supplied the text,
    each alone or after the body they work for."""
    lex, text = v.lex, scan.text
    for m in CLOSING_LIST.finditer(text):
        if m.group(1).rstrip().endswith(lex.words["credit_tails"]):
            continue  # a photo credit
        items = re.split(r"[、，,\s]+", m.group(1).strip())
        spans: list[tuple[int, int, str]] = []
        pos = m.start(1)
        for item in items:
            at = text.find(item, pos)
            name = _listed_name(v, scan, at, at + len(item))
            if name is None:
                spans = []
                break
            spans.append((at + len(item) - len(name), at + len(item), name))
            pos = at + len(item)
        for a, b, name in spans:
            if not v.is_place_name(name):
                found.add(a, b, name, "credit:closing-list")


def _listed_name(v: Vocabulary, scan: Scan, a: int, b: int) -> str | None:
    """The name that ends item text[a:b] of a closing list: the item itself, or what follows the body
    it works for (a name ending in a suffix of suffixes.tsv, or a name the other rules found)."""
    lex, text = v.lex, scan.text
    for size in (3, 2, 4):
        k = b - size
        if k < a:
            continue
        name = text[k:b]
        if not name_shaped(lex, name) or dictionary_word(name):
            continue
        prefix = text[a:k]
        if not prefix or prefix.endswith(tuple(lex.suffixes)) or any(
                c.type != "Person" and c.start >= a for c in scan.by_end.get(k, [])):
            return name
    return None
