"""Names in 、-lists that share a tail: 固链、补链、强链三大工程 are 固链工程, 补链工程, 强链工程.

A list of short items closes at a count and a tail from
``enumeration_tails.tsv``; each item becomes a name of the tail's type, formed
as the tail says (the item alone, item + tail, or item + the tail's first
word). The umbrella name after such a list (…等作风建设三大行动) is a
programme of its own.
"""
from __future__ import annotations

import re

from kg.extract import segment
from kg.extract.recognize.edges import left_edge
from kg.extract.recognize.programmes import BOOK_TITLE
from kg.extract.recognize.scan import Cand, Scan, occurrences, strip_marks
from kg.extract.recognize.vocabulary import Vocabulary

# a 、-list of names (or one name and 等) and what closes it
ENUM_ITEM = r"[\u4e00-\u9fff]{2,12}"
ENUMERATION = re.compile(
    rf"{ENUM_ITEM}(?:、{ENUM_ITEM})+[\u4e00-\u9fff0-9]{{1,14}}|{ENUM_ITEM}等[\u4e00-\u9fff0-9]{{1,10}}")

BODY_TAIL_TYPES = ("Enterprise", "Organisation", "PartyOrganisation")

Tail = tuple[str, str, str, str]  # tail, type, how the name is formed, the shared head


def enumerations(v: Vocabulary, scan: Scan) -> None:
    """One entity per item of a 、-list closed by a shared tail (see enumeration_tails.tsv)."""
    lex, text = v.lex, scan.text
    manners = lex.words["manner_nouns"]
    for m in ENUMERATION.finditer(text):
        if any(text.startswith(w, i + 1) for i in _positions(m.group(0), "等", m.start()) for w in manners):
            continue  # 自主建、联合建等方式: ways of doing, not names
        parts = m.group(0).split("、")
        last = parts[-1]
        found = _closing(v, last, single=len(parts) == 1)
        if found is None:
            continue
        cut, (tail, type_, how, rest_clean) = found
        items = parts[:-1] + [last[:cut]]
        first_end = m.start() + (len(parts[0]) if len(parts) > 1 else cut)  # a single item ends at the cut
        edge = max(left_edge(v, scan, first_end, 8), m.start())
        width = len(items[1]) if len(items) > 1 else first_end - edge
        # parallel lists: the first item may be as long as the next, if nothing name-breaking is in the
        # way and it does not start inside a word (走进|某某 is no item 进某某)
        cuts = segment.boundaries(text[m.start() : edge])
        for start in (first_end - width, m.start()):
            if m.start() <= start < edge and first_end - start <= max(width, 4) and start - m.start() in cuts \
                    and not any(w in lex.stopwords for w, _ in segment.words(text[start:edge])):
                edge = start
                break
        items[0] = text[edge:first_end]
        pos = edge
        for it in items:
            start, end = pos, pos + len(it)
            pos = end + 1
            if len(it) < 2 or it in lex.generic_stems or it in lex.stopwords or it.endswith(lex.non_name_endings):
                continue
            aliases: tuple[str, ...]
            if how == "item":
                name, aliases = it, ()
            elif how == "item+first":
                name, aliases = (it, ()) if it.endswith(tail) else (it + tail, (it,))
            else:
                name, aliases = it + rest_clean, (it,)
            places = [c for c in scan.cands if c.type == "Place" and c.start == start and c.end < end]
            scan.add(Cand(start, end, type_, name, f"enumeration:{tail}", aliases=aliases, kind="listed",
                          parts=places[:1] if type_ != "Place" else []))
    quoted_runs(v, scan)


def _positions(s: str, ch: str, offset: int) -> list[int]:
    """Where ``ch`` stands in ``s``, as positions of the text ``s`` starts at ``offset`` in."""
    return [offset + i for i, c in enumerate(s) if c == ch]


def quoted_runs(v: Vocabulary, scan: Scan) -> None:
    """A run of quoted names closed by a count and a body's tail (“甲”、“乙”和“丙”助农三个党建联盟):
    each quote names a body of the tail's type, by the quote alone (the tail decides the type)."""
    text, quotes, lex = scan.text, scan.quotes, v.lex
    i = 0
    while i < len(quotes):
        k = i
        while k + 1 < len(quotes) and text[quotes[k].end : quotes[k + 1].start] in lex.words["quote_joiners"]:
            k += 1
        type_ = _body_tail(v, text, quotes[k].end) if k > i else None
        if type_ is not None and all(q.mark != BOOK_TITLE for q in quotes[i : k + 1]):
            for q in quotes[i : k + 1]:
                core = strip_marks(q.content, lex)
                if len(core) >= 2:
                    scan.add(Cand(q.start, q.end, type_, core, "quoted-run", kind="listed"))
        i = k + 1


def _body_tail(v: Vocabulary, text: str, pos: int) -> str | None:
    """The body type named by a count and a tail a few words after ``pos`` (…三个党建联盟), else None."""
    stop = v.list_stop_re.search(text, pos, pos + 18)
    stretch = text[pos : stop.start() if stop else pos + 18]
    for m in v.enum_count_at.finditer(stretch):
        if m.start() > 8 or any(ch in v.lex.chars["quote_chars"] for ch in stretch[: m.start()]):
            break
        rest = stretch[m.end() :]
        for tail, type_, _how, *_flags in v.tails:
            if type_ in BODY_TAIL_TYPES and rest.startswith(tail):
                return type_
    return None


def _closing(v: Vocabulary, last: str, single: bool) -> tuple[int, Tail] | None:
    """Where the last list item ends and the tail that closes the list, if one does.

    last[cut:k] closes the list only if it holds a whole count (not after a single item) or ends
    in an "item" tail, so only those k are tried (all of them when a tail is a pattern)."""
    item_tails = v.item_tails
    tail_spans = [] if item_tails is None else sorted(occurrences(last, item_tails), key=lambda x: x[1])
    for cut in range(2, len(last) - 1):
        ends: list[int] | range
        if item_tails is None:
            ends = range(cut + 1, len(last) + 1)
        else:
            ends = [b for a, b in tail_spans if a >= cut]
            if not single and (counted := v.enum_count_at.match(last, cut)) is not None:
                ends = sorted(set(ends).union(range(counted.end(), len(last) + 1)))
        for k in ends:
            found = _tail(v, last[cut:k], single=single)
            if found:
                return cut, found
    return None


def _tail(v: Vocabulary, rest: str, single: bool) -> Tail | None:
    """(tail, type, how, shared head) when ``rest`` closes a list, else None."""
    counted = v.enum_counted.match(rest)
    clean = v.enum_clean.sub("", rest)
    if not clean:
        return None
    for tail, type_, how, *flags in v.tails:
        if how == "item":
            if _item_tail(v, rest, tail, counted="counted" in flags):
                return tail, type_, how, clean
            continue
        if single or not counted:
            continue
        if how == "item+first" and clean.startswith(tail):
            return tail, type_, how, clean
        if how == "item+tail" and clean.endswith(tail) and len(clean) - len(tail) <= 4:
            return tail, type_, how, clean
    return None


def _item_tail(v: Vocabulary, rest: str, tail: str, counted: bool) -> bool:
    """True when ``rest`` closes a list of names that are each one ``tail`` (华宇、鑫达等龙头企业;
    甲、乙等6家物业企业; 甲、乙等6家平台). ``counted``: only with a count of 家 (等6家平台)."""
    mods = v.enum_modifiers
    if not counted and re.fullmatch(f"(?:等)?(?:{mods})+{tail}", rest):
        return True
    m = re.fullmatch(f"等({v.firm_count})?(?:[\u4e00-\u9fff]{{1,3}}?)?(?:{mods})*{tail}", rest)
    return m is not None and (m.group(1) is not None or not counted)


def shared_bodies(v: Vocabulary, scan: Scan) -> None:
    """Branches listed right after a full branch name share its body: 某局机关党支部、物业支部、市政支部
    are 某局机关党支部, 某局物业支部 and 某局市政支部 (each item a stem and a Party suffix, no body of
    its own)."""
    text = scan.text
    heads = "|".join(re.escape(h) for h in v.party_heads_all)
    item_re = re.compile(rf"[\u4e00-\u9fff]{{1,6}}?(?:{heads})")
    starts = {c.start for c in scan.cands if c.type in BODY_TAIL_TYPES or c.type == "Place"}
    for c in list(scan.cands):
        if c.type != "PartyOrganisation" or not c.parts or c.parts[-1].type not in BODY_TAIL_TYPES:
            continue
        body, pos = c.parts[-1], c.end
        while pos < len(text) and text[pos] == "、":
            m = item_re.match(text, pos + 1)
            if m is None or m.start() in starts or v.generic(m.group(0)):
                break
            item = m.group(0)
            scan.add(Cand(m.start(), m.end(), "PartyOrganisation", body.name + item, "shared-body",
                          aliases=(item,), kind="party", parts=[body]))
            pos = m.end()


def umbrellas(v: Vocabulary, scan: Scan) -> None:
    """The umbrella name after a list of programmes: …等作风建设三大行动."""
    heads = "|".join(re.escape(h) for h in v.heads_unquoted)
    for m in re.finditer(rf"等([\u4e00-\u9fff]{{2,10}}?{v.umbrella_count}大(?:{heads}))", scan.text):
        scan.add(Cand(m.start(1), m.end(1), "Programme", m.group(1), "umbrella"))
