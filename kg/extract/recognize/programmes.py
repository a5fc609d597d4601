"""Programmes: quoted names with a head noun, quoted names that end in one, and unquoted ones after a verb.

“争星晋位”行动 and 某县“红心服务”工作方案 take the head noun (and a place or
body prefix) into the name, with the quoted core as an alias; “千村示范工程”
is a programme by its own ending; 开展“红色沙龙论坛” by the verb before it;
实施乡村振兴红色先锋行动 is an unquoted name closed by a head noun.
"""
from __future__ import annotations

import re

from kg.extract.recognize.bodies import suffix_at
from kg.extract.recognize.edges import CJK, left_edge
from kg.extract.recognize.scan import BODY_TYPES, Cand, Quote, Scan, longest_at, strip_marks
from kg.extract.recognize.vocabulary import Vocabulary

BOOK_TITLE = "《"  # the opening mark of a document title (documents.py reads those)


def _head(v: Vocabulary, text: str, qe: int) -> tuple[int, str | None]:
    """The programme head noun after a quote ending at ``qe`` (possibly after modifiers):
    (end of the head, head) or (qe, None)."""
    j, end_head, head = qe, qe, None
    while True:
        word = longest_at(text, j, v.head_words, v.head_word_sizes)
        if word is None:
            break
        j += len(word)
        if word in v.lex.programme_heads:
            end_head, head = j, word
    if head and any(text.startswith(w, end_head - len(w) + 1) for w in v.lex.words["programme_head_blockers"]):
        return qe, None
    return end_head, head


def _prefix_edge(v: Vocabulary, scan: Scan, qs: int) -> int:
    """Where a quoted programme's name begins: a place or body written before the quote, or an
    earlier quote of the same name (“五不能”“六不宜”清单)."""
    lex, text, quotes_by_end = v.lex, scan.text, scan.quotes_by_end
    edge = left_edge(v, scan, qs, 10)
    prev = None
    for pos in range(edge, qs + 1):
        p = scan.adjacent(pos, BODY_TYPES)
        if p is not None and p.end <= qs:
            prev = p
    if prev is not None and prev.end > edge:
        edge = prev.end
    # a prefix joined by 与/和 is a different thing; a prefix that is only generic words is dropped
    first = qs
    while first in quotes_by_end and quotes_by_end[first].start < first:
        first = quotes_by_end[first].start
    if first < qs:
        return first
    prefix = strip_marks(text[edge:qs], lex)
    if prefix and (v.generic(prefix) or len(prefix) < 2 or prefix.endswith(lex.prefix_stop_endings)):
        return qs
    return edge


def quoted(v: Vocabulary, scan: Scan) -> None:
    """Programmes named by a quote: with a head noun, by their own ending, in a run closed by
    等/a count and a head, or right after an implementing verb."""
    lex, text, quotes = v.lex, scan.text, scan.quotes
    chars = lex.chars
    for idx, q in enumerate(quotes):
        qs, qe = q.start, q.end
        if q.mark == BOOK_TITLE:
            continue
        core = strip_marks(q.content, lex)
        if not core or len(core) > 30:
            continue
        end, head = _head(v, text, qe)
        # an organisation or party body named by a quote: “红驹先锋”志愿服务队伍
        suf = suffix_at(v, text, qe)
        if suf is not None and suf.type != "Place" and (head is None or len(suf.text) >= len(head)
                                                        or suf.type == "PartyOrganisation"):
            continue  # the suffix recogniser builds these names (the quote is part of them)
        if head is not None:
            edge = _prefix_edge(v, scan, qs)
            name = strip_marks(text[edge:qs], lex) + core + strip_marks(text[qe:end], lex)
            cores = [strip_marks(o.content, lex) for o in quotes if edge <= o.start and o.end <= qe]
            aliases = tuple(c for c in cores if c and c != name)
            scan.add(Cand(edge, end, "Programme", name, f"quote+head:{head}", aliases=aliases))
            continue
        if not CJK.search(core) or any(ch in chars["list_marks"] for ch in core):
            continue
        # a quoted name that is a programme by its own ending: “千村示范工程”, “红心驿站”
        if core.endswith(v.heads_inside) and len(core) >= 3:
            scan.add(Cand(qs, qe, "Programme", core, "quote-inside"))
            continue
        # a run of quoted names closed by 等…<head>: “院落说事”“周末议事”等共商共治品牌
        listed = _listed_head(v, text, quotes, idx)
        if listed is not None:
            scan.add(Cand(qs, qe, "Programme", core + listed, "quote-list", aliases=(core,) if listed else ()))
            continue
        # a quoted name right after an implementing verb: 开展“红色沙龙论坛”
        before = text[max(0, qs - 4) : qs]
        follow = text[qe : qe + 1]
        if before.endswith(v.verb_endings) and len(core) >= 3 and (
                not follow or follow in v.hard_stops or follow in chars["quote_followers"] or follow.isdigit()):
            scan.add(Cand(qs, qe, "Programme", core, "quote-after-verb"))


def _joined(v: Vocabulary, text: str, a: int, b: int) -> bool:
    """True when what stands between two quotes joins them into one run (、, 和, nothing…)."""
    return text[a:b] in v.lex.words["quote_joiners"]


def _listed_head(v: Vocabulary, text: str, quotes: list[Quote], idx: int) -> str | None:
    """For a quote in a run of quotes closed by 等…<head> or by a count and a head
    (“组织强链”“服务护链”四大工程): the head each item takes ("" after 等), else None."""
    heads = v.heads_sorted
    k = idx
    while k + 1 < len(quotes) and _joined(v, text, quotes[k].end, quotes[k + 1].start):
        k += 1
    tail = text[quotes[k].end : quotes[k].end + 14]
    m = v.quote_tail_re.match(tail)
    counted = v.quote_count_re.match(tail)
    if not m or not (tail.startswith("等") or counted):
        return None
    rest = m.group(1)
    if any(x in rest for x in v.lex.non_programme_after):
        return None
    if counted and rest in heads and k > idx or (
            counted and rest in heads and idx > 0 and _joined(v, text, quotes[idx - 1].end, quotes[idx].start)):
        return rest
    return "" if any(h in rest for h in heads) else None


def after_verbs(v: Vocabulary, scan: Scan) -> None:
    """Unquoted programmes named right after an implementing verb, alone or in a 、-list:
    实施乡村振兴红色先锋行动 / 创新实施堡垒建设行动、先锋培育行动."""
    lex, text = v.lex, scan.text
    heads = v.heads_unquoted
    taken = [(c.start, c.end) for c in scan.cands if c.type == "Programme"]
    quote_chars = lex.chars["quote_chars"]
    for verb in lex.implement_verbs:
        for m in re.finditer(re.escape(verb), text):
            pos = m.end()
            while (w := longest_at(text, pos, lex.implement_verbs, v.verb_sizes)) is not None:
                pos += len(w)
            while pos < len(text):
                # an item runs to a list stop, 25 characters at most
                stop_at = v.list_stop_re.search(text, pos, pos + 25)
                end = stop_at.start() if stop_at else min(len(text), pos + 25)
                item = head_cut(v, text[pos:end], heads) if end - pos <= 18 else None
                if item is None:
                    if end < len(text) and text[end] == "、" and any(ch in quote_chars for ch in text[pos:end]):
                        pos = end + 1  # a quoted item in the list is the quote rule's; go on
                        continue
                    break
                stop = pos + len(item)
                body = item[: -len(next(h for h in heads if item.endswith(h)))]
                if 2 <= len(body) <= 14 and not any(a < stop and pos < b for a, b in taken) \
                        and body not in lex.generic_stems and not v.generic(body):
                    scan.add(Cand(pos, stop, "Programme", item, "after-verb"))
                if end < len(text) and text[end] == "、":
                    pos = end + 1
                    continue
                break


def head_cut(v: Vocabulary, item: str, heads: list[str]) -> str | None:
    """The programme name at the start of ``item``: up to a head noun that ends the
    item or is followed by a function word (技能培训行动为抓手 -> 技能培训行动)."""
    lex = v.lex
    if any(ch in lex.chars["quote_chars"] or ch in lex.chars["title_marks"] for ch in item) \
            or v.head_cut_count_re.search(item):
        return None
    endings = tuple(heads)
    for k in range(len(item), 1, -1):
        if item.endswith(endings, 0, k):
            rest = item[k:]
            if not rest or rest[0] in lex.chars["head_followers"] or rest.startswith(lex.words["head_follower_words"]):
                return item[:k]
    return None
