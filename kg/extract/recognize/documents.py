"""Document titles (《…》) as programmes, and later mentions of a body by its short form.

A short form is declared (山东华宇建材有限公司(以下简称“华宇建材”)) or is the
quoted core of a body's name (“党建联盟” after 某县“党建联盟”); each later
place the text writes it is a mention of the full name.
"""
from __future__ import annotations

import re

from kg.extract.recognize.bodies import suffix_at
from kg.extract.recognize.programmes import BOOK_TITLE
from kg.extract.recognize.scan import Cand, Scan, strip_marks
from kg.extract.recognize.vocabulary import Vocabulary

NAMED_BODIES = ("Enterprise", "Organisation", "PartyOrganisation")


def book_titles(v: Vocabulary, scan: Scan) -> None:
    """《关于…的实施意见》: a document is a programme, unless a run of titles is closed by
    等 and a noun for books or slogans (non_programme_after.txt); 《某州日报》 is a body."""
    lex, text = v.lex, scan.text
    close = lex.quote_pairs[BOOK_TITLE]
    for q in scan.quotes:
        if q.mark != BOOK_TITLE:
            continue
        core = strip_marks(q.content, lex)
        k = q.end
        while text.startswith(BOOK_TITLE, k):
            k = text.find(close, k) + 1 if close in text[k:] else k + 1
        tail = text[k : k + 8]
        if tail.startswith("等") and any(x in tail for x in lex.non_programme_after):
            continue
        if core:
            scan.add(Cand(q.start, q.end, _title_type(v, core), core, "book-title"))


def _title_type(v: Vocabulary, core: str) -> str:
    """A title that ends in a body's suffix names that body (《某州日报》 is a newspaper); any
    other title is a document, a programme."""
    for size in v.suffix_sizes:
        suffix = v.lex.suffixes.get(core[-size:]) if size < len(core) else None
        if suffix is not None and suffix.type in NAMED_BODIES:
            return suffix.type
    return "Programme"


def alias_mentions(v: Vocabulary, scan: Scan) -> None:
    """Later mentions of a body by its short form: a declared 以下简称 form, or the
    quoted core of its name written alone (“党建联盟” after 某县“党建联盟”)."""
    lex, text = v.lex, scan.text
    short: dict[str, Cand] = {}
    ends = {c.end: c for c in scan.cands if c.type in NAMED_BODIES}
    for m in lex.abbreviation_re.finditer(text):
        c = ends.get(m.start())
        if c is not None:
            short[m.group(1).strip()] = c
    for c in list(scan.cands):
        if c.type in NAMED_BODIES:
            for form in c.aliases:
                if len(form) >= 2:
                    short.setdefault(form, c)
    if not short:
        return
    taken = [(c.start, c.end) for c in scan.cands]
    closing = set(lex.quote_pairs.values())
    for alias, c in sorted(short.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(re.escape(alias), text):
            a, b = m.span()
            if any(x <= a < y or x < b <= y for x, y in taken):
                continue
            if suffix_at(v, text, b) is not None and text[b:b + 1] not in closing:
                continue  # 华宇建材党支部 is a name of its own
            scan.add(Cand(a, b, c.type, c.name, "alias-mention", aliases=(alias,), kind=c.kind))
            taken.append((a, b))
