"""Places from the national gazetteer, place chains split into levels, and place committees (县委).

Full gazetteer names are strong; short forms (济宁 for 济宁市) are weak and
count only where the segmenter reads them as place words, so a longer name
built on them may swallow them.
"""
from __future__ import annotations

import re

from kg.extract.recognize import tagged
from kg.extract.recognize.scan import Cand, Scan
from kg.extract.recognize.vocabulary import Vocabulary


def _place(v: Vocabulary, start: int, name: str, rule: str, strong: bool) -> Cand:
    div = v.division(name)
    return Cand(start, start + len(name), "Place", name, rule, strong=strong,
                kind=div.level if div else "", code=div.code if div else None)


def gazetteer_places(v: Vocabulary, scan: Scan) -> None:
    """Every gazetteer name in the text, longest first at each position, none inside another."""
    text = scan.text
    n = len(text)
    free = 0  # the first position not inside a place already found
    for m in v.place_first_re.finditer(text):
        i = m.start()
        if i < free:
            continue
        hit = None
        for L in v.place_lengths.get(text[i : i + 2], ()):
            if L > n - i:
                continue
            s = text[i : i + L]
            if s in v.names:
                hit = (s, True)
                break
            if s in v.shorts:
                hit = (s, False)
                break
        if hit is None:
            continue
        s, full = hit
        if not full and not (v.is_place_word(text, i, i + len(s)) or tagged.tagged_as(scan, i, i + len(s), "LOC")):
            continue  # a short form (济宁) only where a segmenter or the tagger reads a place name
        scan.add(_place(v, i, s, "gazetteer" if full else "gazetteer-short", full))
        free = i + len(s)


def place_start(v: Vocabulary, scan: Scan, edge: int, s: int) -> int:
    """A zone is named by its place (济宁高新区): start the name at the first
    gazetteer name in the stem, adding it as a (weak) place."""
    text = scan.text
    for p in range(edge, s - 1):
        for L in range(min(v.max_place, s - p), 1, -1):
            name = text[p : p + L]
            if v.is_place_name(name):
                if p > edge:
                    scan.add(_place(v, p, name, "gazetteer-zone", False))
                return p
    return edge


def split_chain(v: Vocabulary, scan: Scan, edge: int, s: int) -> int:
    """Split a place stem that is itself a chain (徐庄镇纸坊, 高唐鱼丘湖): each leading
    level becomes its own place, and the stem of the last one is returned."""
    text = scan.text
    while s - edge >= 4:
        stem = text[edge:s]
        cut = None
        for L in range(min(len(stem) - 2, v.max_place), 1, -1):
            head = stem[:L]
            if v.is_place_name(head) and not v.stem_count_re.match(stem[L:]):
                scan.add(_place(v, edge, head, "gazetteer-chain", head in v.names))
                cut = edge + L
                break
            sx = v.lex.suffixes.get(head[-1:]) or v.lex.suffixes.get(head[-2:])
            if sx is not None and sx.type == "Place" and len(head) - len(sx.text) >= 2:
                scan.add(Cand(edge, edge + L, "Place", head, f"suffix:{sx.text}", kind=sx.kind))
                cut = edge + L
                break
        if cut is None:
            break
        edge = cut
    return edge


def starts_place(v: Vocabulary, text: str, pos: int) -> bool:
    """True when a place name (a stem and a place suffix) begins at ``pos``."""
    for L in range(2, 8):
        seg = text[pos : pos + L]
        for suf, sx in v.lex.suffixes.items():
            if sx.type == "Place" and seg.endswith(suf) and len(seg) > len(suf):
                return True
    return False


def committees(v: Vocabulary, scan: Scan) -> None:
    """Place committees (<place>+委): 宁阳县委, 汶上县县委, or a bare one (县委)."""
    text, words = scan.text, v.lex.words
    chars = "".join(v.lex.committees)
    for m in re.finditer(f"[{re.escape(chars)}]委", text):
        a, b = m.start(), m.end()
        nxt = text[b : b + 2]
        if nxt.startswith(words["committee_continuations"]):
            continue
        place = scan.adjacent(b - 1, ("Place",))
        if place is not None and place.name.endswith(text[a]):
            scan.add(Cand(place.start, b, "PartyOrganisation", place.name + "委", "committee", kind="committee",
                          parts=[place]))
            continue
        place = scan.adjacent(a, ("Place",))
        if place is not None:
            scan.add(Cand(place.start, b, "PartyOrganisation", place.name + text[a:b], "committee",
                          kind="committee", parts=[place]))
            continue
        before = text[max(0, a - 2) : a]
        if a == 0 or text[a - 1] in v.hard_stops or before.endswith(words["bare_committee_after"]) \
                or text[a - 1] in v.lex.chars["joiners"]:
            if not nxt.startswith(words["committee_posts"]):
                scan.add(Cand(a, b, "PartyOrganisation", text[a:b], "committee-bare", kind="committee"))
