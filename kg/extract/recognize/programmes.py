"""Programmes: quoted names with a head noun, and quoted names that end in one.

Unquoted names after a verb are in ``unquoted``; where a quote's head noun is, ``programme_heads``.

“争星晋位”行动 and 某县“红心服务”工作方案 take the head noun (and a place or
body prefix) into the name, with the quoted core and the core with its head as
aliases; the head may stand a few content words on (“稻香人家”特色产业品牌) and
the last head decides over a body suffix before it. “千村示范工程” is a
programme by its own ending; 开展“红色沙龙论坛” by the verb before it; quotes in
a run share a head, a type or a verb (“甲”“乙”党建品牌, “甲”“乙”等); a quoted
、-list closed by a matching count gives one programme per item. Count words
after a count (8个“十佳”), generic cores and formulas of class nouns (“党支部+协会”)
name nothing. 实施乡村振兴红色先锋行动 is an unquoted name closed by a head noun.
"""
from __future__ import annotations

from kg.extract import segment
from kg.extract.recognize.bodies import suffix_at
from kg.extract.recognize.edges import CJK, left_edge
from kg.extract.recognize.programme_heads import (
    FORMULA_MARKS,
    after_de,
    count_word,
    counted_class,
    generic_core,
    head_after,
    joined_head,
)
from kg.extract.recognize.scan import BODY_TYPES, Cand, Quote, Scan, longest_at, strip_marks
from kg.extract.recognize.vocabulary import Vocabulary

BOOK_TITLE = "《"  # the opening mark of a document title (documents.py reads those)
NUMERAL_VALUES = {ch: i + 1 for i, ch in enumerate("一二三四五六七八九十")} | {"两": 2}
# the longest owner name written between the quotes of one run (甲公司“红帆”、乙矿业“绿叶”)
OWNER_LIMIT = 8


def _prefix_edge(v: Vocabulary, scan: Scan, idx: int) -> int:
    """Where a quoted programme's name begins: a place or body written before the quote, or an
    earlier quote of a numbered formula (“三不准”“四必须”清单); a one-character quote is
    part of the word around it (暖“心”驿站)."""
    lex, text, quotes = v.lex, scan.text, scan.quotes
    qs = quotes[idx].start
    first = _run_start(scan, idx)
    if first < idx:
        return quotes[first].start if _numbered(v, quotes[first : idx + 1]) else qs
    edge = left_edge(v, scan, qs, 10)
    prev = None
    for pos in range(edge, qs + 1):
        p = scan.adjacent(pos, BODY_TYPES)
        if p is not None and p.end <= qs:
            prev = p
    if prev is not None and prev.end > edge:
        edge = prev.end
    edge = _skip_generic(v, text, _past_verbs(v, text, edge, qs), qs)
    if _ends_in_verb(text[edge:qs]):
        return qs
    # a prefix joined by 与/和 is a different thing; a prefix that is only generic words is dropped
    prefix = strip_marks(text[edge:qs], lex)
    single = len(strip_marks(quotes[idx].content, lex)) == 1
    if prefix and (v.generic(prefix) or (len(prefix) < 2 and not single) or prefix.endswith(lex.prefix_stop_endings)):
        return qs
    return edge


def _past_verbs(v: Vocabulary, text: str, edge: int, qs: int) -> int:
    """Past the last implementing verb before ``qs``: none stands inside a name, though the
    segmenter may tag one as a noun (建立健全“某某”制度)."""
    ends = (text.rfind(w, edge, qs) + len(w) for w in v.verb_endings if w in text[edge:qs])
    return max(ends, default=edge)


def _ends_in_verb(prefix: str) -> bool:
    """True when a prefix ends in a verb or a two-character adjective (推进“某某”建设,
    健全“某某”机制): the quote is its object, the prefix no part of the name."""
    words = segment.words(prefix) if prefix else ()
    return bool(words) and (words[-1][1] == "v" or words[-1][1] == "a" and len(words[-1][0]) > 1)


def _skip_generic(v: Vocabulary, text: str, edge: int, qs: int) -> int:
    """Past the generic words of two characters or more that open a prefix (社区 in 社区暖“心”驿站)."""
    while edge < qs:
        g = longest_at(text, edge, v.lex.generic_stems, v.generic_sizes)
        if g is None or len(g) < 2 or edge + len(g) >= qs:
            break
        edge += len(g)
    return edge


def _run_start(scan: Scan, idx: int) -> int:
    """Index of the first quote of the run of quotes written one right after another up to ``idx``."""
    quotes = scan.quotes
    first = idx
    while first > 0 and quotes[first - 1].end == quotes[first].start and quotes[first - 1].mark != BOOK_TITLE:
        first -= 1
    return first


def _numbered(v: Vocabulary, run: list[Quote]) -> bool:
    """True when every quote of a run starts with a numeral: the parts of one numbered formula
    (“三不准”“四必须”清单 is one list), not names of their own."""
    return all(strip_marks(q.content, v.lex)[:1] in v.lex.chars["numerals"] for q in run)


def _run_end(v: Vocabulary, scan: Scan, idx: int) -> int:
    """Index of the last quote of the run joined to ``idx`` (by nothing, 、, 和…)."""
    quotes = scan.quotes
    k = idx
    while k + 1 < len(quotes) and _joined(v, scan, quotes[k].end, quotes[k + 1].start):
        k += 1
    return k


def _named_body(v: Vocabulary, text: str, qe: int, end: int, head: str | None) -> bool:
    """True when a body suffix right after the quote makes it a body's name (“青禾先锋”志愿服务队伍),
    unless a programme head closes the phrase further on (the tail decides)."""
    suf = suffix_at(v, text, qe)
    if suf is None or suf.type == "Place":
        return False
    if head is None:
        return True
    return not (end > qe + len(suf.text) or (len(suf.text) < len(head) and suf.type != "PartyOrganisation"))


def _add_headed(v: Vocabulary, scan: Scan, idx: int, end: int, head: str) -> None:
    """A quoted name and its head noun (and a prefix): the joined form is the name; the quoted
    core and the core with its head are aliases."""
    lex, text, quotes = v.lex, scan.text, scan.quotes
    q = quotes[idx]
    core = strip_marks(q.content, lex)
    edge = _prefix_edge(v, scan, idx)
    own = core + strip_marks(text[q.end:end], lex)
    name = strip_marks(text[edge:q.start], lex) + own
    cores = [strip_marks(o.content, lex) for o in quotes if edge <= o.start and o.end <= q.end]
    aliases = tuple(dict.fromkeys(c for c in (*cores, own) if c and c != name))
    scan.add(Cand(edge, end, "Programme", name, f"quote+head:{head}", aliases=aliases))


def quoted(v: Vocabulary, scan: Scan) -> None:
    """Programmes named by a quote: with a head noun, by their own ending, in a run closed by
    等/a count and a head, or right after an implementing verb."""
    lex, text = v.lex, scan.text
    for idx, q in enumerate(scan.quotes):
        core = strip_marks(q.content, lex)
        if q.mark == BOOK_TITLE or not core or len(core) > 30 or counted_class(v, text, q, core) or (
                len(core) > 1 and generic_core(v, core)):
            continue
        end, head = head_after(v, text, q.end)
        if head in lex.programme_heads_named and any(ch in lex.chars["list_marks"] for ch in core):
            continue  # a list of phrases before 原则/思路 describes, it does not name
        if _named_body(v, text, q.end, end, head):
            continue  # the suffix recogniser builds these names (the quote is part of them)
        if head is not None:
            _add_headed(v, scan, idx, end, head)
        elif _counted_items(v, scan, q, core):
            continue  # “甲、乙、丙”三大行动: one programme per item
        elif after_de(v, text, q.end):
            scan.add(Cand(q.start, q.end, "Programme", core, "quote+de"))  # “一心两翼”的协作机制
        else:
            _headless(v, scan, idx, core)


def _headless(v: Vocabulary, scan: Scan, idx: int, core: str) -> None:
    """A quoted name with no head of its own: a programme by its ending, by the head or the
    type its run shares, or by the implementing verb before it (or before its run)."""
    lex, text, q = v.lex, scan.text, scan.quotes[idx]
    # a list or formula names a programme only with a head; a formula may share one in a run
    formula = [ch for ch in core if ch in lex.chars["list_marks"]]
    if not CJK.search(core) or any(ch not in FORMULA_MARKS for ch in formula):
        return
    # a quoted name that is a programme by its own ending: “千村示范工程”, “红心驿站”
    if not formula and _inside(v, core):
        scan.add(Cand(q.start, q.end, "Programme", core, "quote-inside"))
        return
    # a run of quoted names closed by 等…<head>: “院落说事”“周末议事”等共商共治品牌
    listed = _listed_head(v, scan, idx)
    if listed is not None:
        scan.add(Cand(q.start, q.end, "Programme", core + listed, "quote-list", aliases=(core,) if listed else ()))
        return
    # a run closed by 等 in which another name is a programme by its ending: “红色小屋”“青年驿站”等
    if _in_programme_run(v, scan, idx):
        scan.add(Cand(q.start, q.end, "Programme", core, "quote-run"))
        return
    # a numbered name after the list it counts: 选题链、人才链、资金链“三链协同”
    if not formula and _abbreviates_list(v, text, q.start, core):
        scan.add(Cand(q.start, q.end, "Programme", core, "quote-abbreviation"))
        return
    # a quoted name right after an implementing verb, or in a run that is: 开展“红色沙龙论坛”
    first = scan.quotes[_run_start_joined(v, scan, idx)].start
    follow = text[q.end : q.end + 1]
    if not formula and text[max(0, first - 4) : first].endswith(v.verb_endings) and len(core) >= 3 and (
            not follow or follow in v.hard_stops or follow in lex.chars["quote_followers"] or follow.isdigit()):
        scan.add(Cand(q.start, q.end, "Programme", core, "quote-after-verb"))


def _abbreviates_list(v: Vocabulary, text: str, qs: int, core: str) -> bool:
    """True when a quote written right after a 、-list is the list's numbered short form: a
    numeral that counts its items and the character they all end in (甲链、乙链、丙链“三链协同”)."""
    if len(core) < 3 or _count_value(core[0]) < 2:
        return False
    start = qs  # back to the start of the clause, across the list's 、
    while start > 0 and (text[start - 1] == "、" or text[start - 1] not in v.hard_stops):
        start -= 1
    items = text[start:qs].split("、")
    return len(items) == _count_value(core[0]) and all(it.endswith(core[1]) for it in items)


def _counted_items(v: Vocabulary, scan: Scan, q: Quote, core: str) -> bool:
    """A quoted 、-list closed by a count of as many items and a head (“甲、乙、丙”三大行动):
    each item with the head is a programme. Returns True when it added them."""
    text, lex = scan.text, v.lex
    pieces = q.content.split("、")
    items = [strip_marks(p, lex) for p in pieces]
    counted = v.quote_count_re.match(text, q.end)
    if len(items) < 2 or counted is None or _count_value(counted.group(0)[:-1]) != len(items) or not all(
            2 <= len(it) <= 10 and CJK.search(it) for it in items):
        return False
    end, head = joined_head(v, text, counted.end())
    if head is None:
        return False
    shared = strip_marks(text[counted.end() : end], lex)
    start = q.start + 1
    for piece, it in zip(pieces, items, strict=True):
        scan.add(Cand(start, start + len(piece), "Programme", it + shared, "quote-items", aliases=(it,)))
        start += len(piece) + 1
    return True


def _count_value(numeral: str) -> int:
    """The value of a count written in digits or as one Chinese numeral (三 -> 3), else 0."""
    if numeral.isdigit():
        return int(numeral)
    return NUMERAL_VALUES.get(numeral, 0)


def _inside(v: Vocabulary, core: str) -> bool:
    """True when a quoted name ends in a programme head of its own (“千村示范工程”)."""
    return core.endswith(v.heads_inside) and len(core) >= 3


def _in_programme_run(v: Vocabulary, scan: Scan, idx: int) -> bool:
    """True when the quote is in a run closed by 等 whose other names include a programme by its
    own ending: items of one list are things of one kind."""
    text, quotes = scan.text, scan.quotes
    first, last = _run_start_joined(v, scan, idx), _run_end(v, scan, idx)
    tail = text[quotes[last].end : quotes[last].end + 8]
    if first == last or not tail.startswith("等") or any(x in tail for x in v.lex.non_programme_after):
        return False
    return any(_inside(v, strip_marks(quotes[k].content, v.lex)) for k in range(first, last + 1) if k != idx)


def _run_start_joined(v: Vocabulary, scan: Scan, idx: int) -> int:
    """Index of the first quote of the run joined to ``idx`` (by nothing, 、, 和…)."""
    quotes = scan.quotes
    k = idx
    while k > 0 and _joined(v, scan, quotes[k - 1].end, quotes[k].start):
        k -= 1
    return k


def _joined(v: Vocabulary, scan: Scan, a: int, b: int) -> bool:
    """True when what stands between two quotes joins them into one run: 、, 和, nothing…, or
    、 and the owner of the next quote's name (甲公司“红帆”、乙矿业“绿叶”等品牌): a stretch of
    name-like words only."""
    between = scan.text[a:b]
    if between in v.lex.words["quote_joiners"]:
        return True
    return between[:1] == "、" and 2 <= b - a - 1 <= OWNER_LIMIT and left_edge(v, scan, b, OWNER_LIMIT) == a + 1


def _listed_head(v: Vocabulary, scan: Scan, idx: int) -> str | None:
    """For a quote in a run of quotes closed by 等…<head>, by a count and a head
    (“强基固本”“育才兴业”四大工程) or by a head right after the last quote (“甲”“乙”党建品牌):
    the head each item takes ("" after 等), else None."""
    heads, text, quotes = v.heads_sorted, scan.text, scan.quotes
    k = _run_end(v, scan, idx)
    end_run = quotes[k].end
    if k > idx and not _numbered(v, quotes[idx : k + 1]):
        end, head = head_after(v, text, end_run)
        if head is not None and not _named_body(v, text, end_run, end, head):
            return strip_marks(text[end_run:end], v.lex)
    tail = _unquote_counts(v, text[end_run : end_run + 20])
    m = v.quote_tail_re.match(tail)
    counted = v.quote_count_re.match(tail)
    if not m or not (tail.startswith("等") or counted):
        return None
    rest = m.group(1)
    if any(x in rest for x in v.lex.non_programme_after):
        return None
    if counted and rest in heads and k > idx or (
            counted and rest in heads and idx > 0 and _joined(v, scan, quotes[idx - 1].end, quotes[idx].start)):
        return rest
    return "" if any(h in rest for h in heads) else None


def _unquote_counts(v: Vocabulary, tail: str) -> str:
    """``tail`` with the marks around quoted count words dropped (等10个“十佳”品牌 -> 等10个十佳品牌)."""
    for a, b in v.lex.quote_pairs.items():
        i = tail.find(a)
        while i != -1 and tail[i + 3 : i + 4] == b and count_word(v, tail[i + 1 : i + 3]):
            tail = tail[:i] + tail[i + 1 : i + 3] + tail[i + 4 :]
            i = tail.find(a)
    return tail
