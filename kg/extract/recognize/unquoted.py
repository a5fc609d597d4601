"""Unquoted programme names right after an implementing verb: 实施乡村振兴红色先锋行动,
创新实施堡垒建设行动、先锋培育行动 (a 、-list), 开展党员先锋示范行动和青年人才培养计划 (a pair)."""
from __future__ import annotations

import re

from kg.extract.recognize.edges import CJK
from kg.extract.recognize.scan import Cand, Scan, longest_at
from kg.extract.recognize.vocabulary import Vocabulary


def after_verbs(v: Vocabulary, scan: Scan) -> None:
    """Unquoted programmes named right after an implementing verb, alone or in a 、-list:
    实施乡村振兴红色先锋行动 / 创新实施堡垒建设行动、先锋培育行动."""
    lex, text = v.lex, scan.text
    heads = v.heads_unquoted
    taken = [(c.start, c.end) for c in scan.cands if c.type == "Programme"]
    quote_chars = lex.chars["quote_chars"]
    for verb in sorted(lex.implement_verbs):
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
                item = _first_of_pair(v, item, heads)
                stop = pos + len(item)
                body = item[: -len(next(h for h in heads if item.endswith(h)))]
                if 2 <= len(body) <= 14 and not any(a < stop and pos < b for a, b in taken) \
                        and body not in lex.generic_stems and not v.generic(body):
                    scan.add(Cand(pos, stop, "Programme", item, "after-verb"))
                if stop < end:
                    pos = stop + 1  # 和/与/及 and a second name
                    continue
                if end < len(text) and text[end] == "、":
                    pos = end + 1
                    continue
                break


def _first_of_pair(v: Vocabulary, item: str, heads: list[str]) -> str:
    """The first of two names joined by 和/与/及, each closed by a head (党员先锋行动和青年培养计划
    -> 党员先锋行动), else ``item``."""
    joiners = tuple(w for w in v.lex.words["quote_joiners"] if len(w) == 1 and CJK.match(w))
    for k in range(2, len(item) - 2):
        if item.startswith(joiners, k) and item.endswith(tuple(heads), 0, k) \
                and head_cut(v, item[k + 1 :], heads) == item[k + 1 :]:
            return item[:k]
    return item


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
