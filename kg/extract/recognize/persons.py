"""Persons: byline names, credits (编辑：某某), names after a post (书记某某) and before a speech verb (某某说).

A name is a surname from ``surnames.txt`` and one or two more characters; the
segmenter's person tag (nr) or the word after it (a speech verb, the end of a
credit) decides how long it is.
"""
from __future__ import annotations

import re

from kg.extract import segment
from kg.extract.recognize.scan import Cand, Scan
from kg.extract.recognize.vocabulary import Vocabulary


def _hanzi(s: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in s)


def persons(v: Vocabulary, scan: Scan, byline: tuple[str, ...] | list[str] = ()) -> None:
    lex, text = v.lex, scan.text
    found: set[tuple[int, int]] = set()

    def add(a: int, b: int, name: str, rule: str) -> None:
        found.add((a, b))
        scan.add(Cand(a, b, "Person", name, rule))

    # byline names, where the text writes them
    head = text[:300]
    for name in byline:
        i = head.find(name)
        if i >= 0 and len(name) >= 2:
            add(i, i + len(name), name, "byline")
    # 编辑:王小明 组版:张红
    labels = "|".join(re.escape(w) for w in lex.words["credit_labels"])
    for m in re.finditer(rf"({labels})[:：]\s*([\u4e00-\u9fff]{{2,3}})(?=$|\s|[^\u4e00-\u9fff])", text):
        a, b = m.span(2)
        if (a, b) not in found and m.group(2)[0] in lex.surnames:
            add(a, b, m.group(2), "credit")
    for role in sorted(lex.roles, key=len, reverse=True):
        at = text.find(role)
        while at != -1:
            pos = at + len(role)
            at = text.find(role, pos)
            kind = lex.roles[role]
            name = name_at(v, text, pos, credit=kind == "credit")
            if name and kind == "none" and not any(text.startswith(w, pos + len(name)) for w in lex.speech_verbs):
                continue
            if name and (pos, pos + len(name)) not in found:
                add(pos, pos + len(name), name, f"role:{role}")
    # 王小明说 / 张红介绍
    for verb in sorted(lex.speech_verbs, key=len, reverse=True):
        for m in re.finditer(re.escape(verb), text):
            a = m.start()
            for L in (3, 2):
                cand = text[a - L : a] if a - L >= 0 else ""
                if len(cand) == L and looks_like_name(v, cand, text, a - L):
                    if any(s <= a - L < e for s, e in found):
                        break
                    add(a - L, a, cand, f"speech:{verb}")
                    break


def looks_like_name(v: Vocabulary, cand: str, text: str, start: int) -> bool:
    """True when ``cand`` at ``start`` is a surname and given name the segmenter tags as a person."""
    lex = v.lex
    if not _hanzi(cand):
        return False
    if cand[0] not in lex.surnames or cand in lex.non_person:
        return False
    window = text[max(0, start - 4) : start + len(cand) + 2]
    off = start - max(0, start - 4)
    pos = 0
    for w, f in segment.words(window):
        if pos == off and w == cand and f.startswith("nr"):
            return True
        pos += len(w)
    return False


def name_at(v: Vocabulary, text: str, pos: int, credit: bool = False) -> str | None:
    """A person's name starting at ``pos`` (after a post such as 书记), or None.
    After a credit (记者, 通讯员) a name may also just end at punctuation or a space."""
    lex = v.lex
    gaps = lex.chars["credit_gaps"]
    while credit and text[pos : pos + 1] in gaps:
        pos += 1
    seg = text[pos : pos + 4]
    if len(seg) < 2 or seg[0] not in lex.surnames:
        return None
    w0 = segment.words(text[pos : pos + 8])
    if w0 and w0[0][1].startswith("nr") and 2 <= len(w0[0][0]) <= 3 and w0[0][0] not in lex.non_person:
        return w0[0][0]
    # fall back on the words that follow a name
    for L in (3, 2):
        cand = text[pos : pos + L]
        if len(cand) < L or not _hanzi(cand) or cand in lex.non_person:
            continue
        rest = text[pos + L : pos + L + 3]
        if any(rest.startswith(w) for w in lex.speech_verbs):
            return cand
        if credit and (not rest or rest[0] in v.hard_stops or rest[0] in lex.chars["closing_brackets"]):
            return cand
    return None
