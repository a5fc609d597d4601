"""Persons from the statistical tagger's PER spans (``Scan.ner``), checked by the rules.

The tagger sees names and their lengths that the rules cannot (王小明 where jieba
reads 王小 + 明, a name after a post not in ``roles.tsv``); the rules know what a
name looks like and what the other recognisers found. A PER span becomes a person
when it is name-shaped (``person_names``), not a common word, not inside a quote
and not part of a name of another type; it also sets the length of a name the
rules found at the same place. Without PER spans nothing here runs.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from kg.extract import segment
from kg.extract.recognize.person_names import (
    Found,
    dictionary_word,
    dotted_name,
    hanzi,
    name_shaped,
    no_name,
    read_names,
)
from kg.extract.recognize.scan import Cand, Scan
from kg.extract.recognize.vocabulary import Vocabulary

LIST_CLOSE = re.compile(r"(?:、[\u4e00-\u9fff]{2,4})*等")  # the rest of a 、-list, up to its 等


def tagged_spans(v: Vocabulary, scan: Scan) -> list[tuple[int, int]]:
    """The tagger's PER spans as name spans: a lone surname joined to the span right after it
    (时 + 万忠), the parts of a name written with a dot joined (某某·某某), names written together
    cut apart (赵某钱某某 after a credit word)."""
    lex, text = v.lex, scan.text
    pers = [(s.start, s.end) for s in scan.ner if s.label == "PER"]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(pers):
        a, b = pers[i]
        i += 1
        if i < len(pers) and (b - a == 1 and pers[i][0] == b and text[a] in lex.surnames
                              or pers[i][0] == b + 1 and text[b] in lex.chars["name_dots"]):
            b = pers[i][1]
            i += 1
        whole = name_shaped(lex, text[a:b]) or dotted_name(lex, text[a:b])
        names = [text[a:b]] if whole else read_names(lex, scan, a, b) or [text[a:b]]
        for name in names:
            out.append((a, a + len(name)))
            a += len(name)
    return out


def plausible(v: Vocabulary, scan: Scan, a: int, b: int) -> bool:
    """True when the PER span text[a:b] may be a person: a name, no common word, not quoted, not the
    stem of a department (欧某 + 处) and not part of a place, body or programme the other recognisers
    found (a short place name inside is fine: a name may start like a place)."""
    lex, text = v.lex, scan.text
    name = text[a:b]
    shaped = dotted_name(lex, name) or (
        (name_shaped(lex, name) or _introduced(v, text, a, b)) and not dictionary_word(name)
        and not listed_with_places(v, text, b))
    if not shaped or _body_stem(v, scan, b) or _cuts_a_word(text, a, b) or any(
            q.start < a and b < q.end for q in scan.quotes):
        return False
    for c in scan.cands:
        if c.type == "Person" or c.end <= a or c.start >= b:
            continue
        if not (c.type == "Place" and not c.strong and a <= c.start and c.end <= b):
            return False
    return True


def _introduced(v: Vocabulary, text: str, a: int, b: int) -> bool:
    """True when text[a:b] has no surname of the list but two to four characters between a post and
    a speech verb or punctuation (乡长某某某某说): a name with a rare surname or none (Tibetan names)."""
    lex = v.lex
    name = text[a:b]
    if not (2 <= len(name) <= 4 and hanzi(name)) or no_name(lex, name):
        return False
    after = text[b : b + 3]
    return any(text.endswith(r, 0, a) for r in lex.roles) and (
        after[:1] in v.list_stops or any(after.startswith(w) for w in lex.speech_verbs))


def _cuts_a_word(text: str, a: int, b: int) -> bool:
    """True when the segmenter reads a dictionary word across either edge of text[a:b] (林海 + 雪原
    in 林海雪原): the span is a piece of that word, not a name."""
    lo = max(0, a - 4)
    pos = lo
    for w, _ in segment.words(text[lo : b + 4]):
        end = pos + len(w)
        if (pos < a < end or pos < b < end) and dictionary_word(w):
            return True
        pos = end
    return False


def _body_stem(v: Vocabulary, scan: Scan, end: int) -> bool:
    """True when the tagger reads the character after the span as a word of its own that ends places
    and departments (欧某 + 处 + 处长): the span is the name of that body, not a person."""
    return scan.text[end : end + 1] in v.lex.chars["person_non_final"] and _next_word_end(scan, end) == end + 1


def listed_with_places(v: Vocabulary, text: str, end: int) -> bool:
    """True when the name ending at ``end`` is an item of a list that closes with a class of places
    or bodies (某某、某某等邻村 / 某某等企业): the items are of that class, not persons."""
    m = LIST_CLOSE.match(text, end)
    if m is None:
        return False
    words = segment.words(text[m.end() : m.end() + 6])
    return bool(words) and words[0][0].endswith(tuple(v.lex.suffixes))


def _next_word_end(scan: Scan, pos: int) -> int:
    """The end of the tagger's word that starts at ``pos`` (``pos`` when none does)."""
    i = bisect_right(scan.words, pos, key=lambda w: w.start) - 1
    if i >= 0 and scan.words[i].start == pos:
        return scan.words[i].end
    return pos


def _corrected(v: Vocabulary, scan: Scan, c: Cand, spans: list[tuple[int, int]]) -> Cand:
    """A rule's name with the tagger's length where they start together: longer (王小 -> 王小明), or
    shorter when the rule's last characters begin a word the tagger reads on past the name."""
    for a, b in spans:
        if a != c.start or b == c.end or not plausible(v, scan, a, b):
            continue
        if b > c.end or _next_word_end(scan, b) > c.end:
            return Cand(a, b, "Person", scan.text[a:b], c.rule + "+ner")
    return c


def reconcile(v: Vocabulary, scan: Scan, found: Found) -> Found:
    """The rules' names, their lengths corrected by the tagger, and the tagger's other plausible names."""
    spans = tagged_spans(v, scan)
    out = Found()
    for c in found:
        c = _corrected(v, scan, c, spans)
        out.add(c.start, c.end, c.name, c.rule)
    for a, b in spans:
        if not any(out.covers(x) for x in range(a, b)) and plausible(v, scan, a, b):
            out.add(a, b, scan.text[a:b], "ner")
    return out
