"""Where a sentence reports an amount, and what is counted.

An amount is a number with a unit (组建党组织120个, 1.5万亩, 130余个, 近600场次,
10%-15%, 3600余万元), or a bare 万/亿 sum next to a word for money (上千万收益).
What is not a fact is left out here (tests/gold/GUIDELINES.md):

* a number inside a short quotation or title (“1+4+N”模式, “五个一”) or joined by ``+``;
* an ordinal (第一党支部) and anything without a unit: dates, ages, phone, page and
  edition numbers, versions, rankings (500强) carry no unit of the list;
* a small count written in Chinese numerals (三个社区党委, 两个覆盖): rhetoric;
* the count of a list the text names (A、B、C三个…, 李某、王某等2人).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from kg.extract.facts.lexicon import FactLexicon
from kg.extract.facts.numbers import chinese_numeral, magnitude, parse_number

Word = tuple[int, int, str]  # (start, end, POS or entity tag) from the statistical tagger

_NOUNISH = frozenset({"n", "nz", "nw", "vn", "an", "f", "s", "ORG", "LOC", "ns", "nt", "PER"})
_VERBS = frozenset({"v", "vd"})
_NAMES = frozenset({"ORG", "LOC", "PER", "ns", "nt", "nr", "TIME", "t"})  # a name or a time is no measure
_MODIFIER = frozenset({"a", "b"})


@dataclass(frozen=True)
class Amount:
    start: int  # offsets in the text the sentence came from
    end: int
    value: Decimal
    unit: str
    approx: bool
    measure: str
    number_start: int  # where the digits start (after any 近/约/超过)


@dataclass(frozen=True)
class _Scanner:
    number: re.Pattern[str]
    units: tuple[str, ...]


@lru_cache(maxsize=4)
def _scanner(lex: FactLexicon) -> _Scanner:
    cn = "".join(sorted(set(lex.digits) | set(lex.small_units) | set(lex.big_units)))
    number = re.compile(rf"[0-9０-９]+(?:,[0-9]{{3}})*(?:[.．][0-9０-９]+)?|[{re.escape(cn)}]+")
    return _Scanner(number, tuple(lex.units))


def _starts(text: str, pos: int, words: Sequence[str]) -> str | None:
    """The first (longest-first sorted) word of ``words`` at ``text[pos:]``."""
    for w in words:
        if text.startswith(w, pos):
            return w
    return None


def _ends(text: str, pos: int, words: Sequence[str]) -> str | None:
    """The first word of ``words`` that ends at ``pos``."""
    for w in words:
        if pos >= len(w) and text.startswith(w, pos - len(w)):
            return w
    return None


def quoted_spans(text: str, lex: FactLexicon, limit: int = 16) -> list[tuple[int, int]]:
    """Short quotations and titles (“1+4+N”, 《…》): names and slogans, whose numbers are no amounts.
    Long ones are speech, whose amounts count."""
    out = []
    paired_until = -1
    for i, ch in enumerate(text):
        close = lex.quotes.get(ch)
        if close is None or i <= paired_until:
            continue
        if close == ch:  # "…": the next one closes it, and opens nothing
            j = text.find(close, i + 1)
            paired_until = j
            if 0 < j - i <= limit + 1:
                out.append((i, j + 1))
            continue
        j = text.find(close, i + 1, i + 2 + limit)
        if j > i:
            out.append((i, j + 1))
    return out


def find_amounts(text: str, start: int, end: int, lex: FactLexicon, words: Sequence[Word] = ()) -> list[Amount]:
    """The amounts in ``text[start:end]`` (one sentence), in order, with offsets in ``text``."""
    sc = _scanner(lex)
    quoted = quoted_spans(text[start:end], lex)
    out: list[Amount] = []
    pos = start
    while True:
        m = sc.number.search(text, pos, end)
        if m is None:
            break
        found = _amount_at(text, m, start, end, lex, sc)
        if found is None:
            pos = m.end()
            continue
        a, b, value, unit, approx, is_chinese = found
        pos = b
        if any(qa <= m.start() - start < qb for qa, qb in quoted):
            continue
        if is_chinese and value <= lex.small_chinese_max:
            continue
        if _joined(text, m.start(), b) or _ordinal(text, a, lex):
            continue
        if _condition(text, b, lex):
            continue
        measure = _measure(text, a, m.start(), b, start, end, lex, words)
        if _list_count(text, a, b + len(measure), start, end, value, lex):
            continue
        out.append(Amount(a, b, value, unit, approx, measure, m.start()))
    return out


def _amount_at(text: str, m: re.Match[str], start: int, end: int, lex: FactLexicon,
               sc: _Scanner) -> tuple[int, int, Decimal, str, bool, bool] | None:
    """(start, end, value, unit, approx, written in Chinese numerals) of the amount whose number
    ``m`` found, or None when no amount starts there."""
    raw = m.group()
    prev = text[m.start() - 1] if m.start() > start else ""
    if prev and (prev.isascii() and (prev.isalnum() or prev in ".-/:")):
        return None  # part of a code, a version, a time or a phone number
    approx = False
    is_chinese = not raw[0].isdigit() and raw[0] not in "０１２３４５６７８９"
    j = m.end()
    if is_chinese:
        value = chinese_numeral(raw, lex)
        if value is None:
            return None
        if all(ch in lex.big_units for ch in raw):
            if _ends(text, m.start(), lex.approx_before) is None:
                return None  # 万 or 亿 alone is a word (万众), unless 超亿元
    else:
        number_end = j
        tail = _starts(text, j, lex.approx_mid)
        if tail:
            approx, j = True, j + len(tail)
        mag_end = j
        while mag_end < end and (text[mag_end] in lex.big_units or text[mag_end] in lex.small_units):
            mag_end += 1
        factor = magnitude(text[j:mag_end], lex)
        if factor is None:
            return None
        value = parse_number(text[m.start():number_end], lex)
        if value is None:
            return None
        value *= factor
        j = mag_end
    tail = _starts(text, j, lex.approx_mid)
    if tail:
        approx, j = True, j + len(tail)
    unit = _unit_at(text, j, lex, sc)
    if unit is None:
        shared = _shared_unit(text, j, end, lex, sc)
        if shared is None:
            if value >= 10000 and _money_context(text, m.start(), j, lex):
                unit = lex.money_unit
            else:
                return None
        else:
            unit, j, ranged = shared
            approx = approx or ranged
            return _finish(text, m.start(), j, value, unit, approx, is_chinese, lex, start)
    else:
        j += len(unit)
        rng = _range_end(text, j, end, unit, lex, sc)
        if rng is not None:
            j, approx = rng, True
    return _finish(text, m.start(), j, value, unit, approx, is_chinese, lex, start)


def _finish(text: str, a: int, j: int, value: Decimal, unit: str, approx: bool, is_chinese: bool,
            lex: FactLexicon, start: int) -> tuple[int, int, Decimal, str, bool, bool]:
    after = _starts(text, j, lex.approx_tail)
    nxt = text[j + len(after):j + len(after) + 1] if after else ""
    if after and not (_is_word_char(nxt) and nxt not in lex.measure_linkers):  # 上下 in 上下游企业 is no tail
        approx, j = True, j + len(after)
    before = _ends(text, a, lex.approx_before)
    if before is None:
        exact = _ends(text, a, lex.exact_before)
        if exact is not None:
            before = _ends(text, a - len(exact), lex.approx_before)
    if before is not None and a - len(before) >= start:
        approx = True
    return a, j, value, unit, approx, is_chinese


def _unit_at(text: str, j: int, lex: FactLexicon, sc: _Scanner) -> str | None:
    unit = _starts(text, j, sc.units)
    if unit is None:
        return None
    nxt = text[j + len(unit): j + len(unit) + 1]
    if nxt and nxt in lex.unit_blocked_next.get(unit, ""):
        return None
    return unit


def _shared_unit(text: str, j: int, end: int, lex: FactLexicon, sc: _Scanner) -> tuple[str, int, bool] | None:
    """A bare number that takes the unit of the number after it: ``8、9个百分点`` (a list, each
    its own amount: the unit only) or ``2-3名`` (a range: the lower end, approximate, to its end)."""
    sep = text[j:j + 1]
    if not sep:
        return None
    ranged = _starts(text, j, lex.range_marks)
    if sep != "、" and ranged is None:
        return None
    k = j + (1 if sep == "、" else len(ranged or ""))
    m = _scanner(lex).number.match(text, k, end)
    if m is None or not m.group()[0].isdigit():
        return None
    unit = _unit_at(text, m.end(), lex, sc)
    if unit is None:
        return None
    if sep == "、":
        return unit, j, False
    return unit, m.end() + len(unit), True


def _range_end(text: str, j: int, end: int, unit: str, lex: FactLexicon, sc: _Scanner) -> int | None:
    """End of ``15%-20%`` after its first end ``15%``: the amount keeps the lower end, approximate."""
    mark = _starts(text, j, lex.range_marks)
    if mark is None:
        return None
    m = _scanner(lex).number.match(text, j + len(mark), end)
    if m is None or not text.startswith(unit, m.end()):
        return None
    return m.end() + len(unit)


def _money_context(text: str, a: int, j: int, lex: FactLexicon) -> bool:
    """A bare 万/亿 sum is money when a word for money follows it (收益) or a verb of earning
    stands just before it (多挣三万多)."""
    if _starts(text, j, lex.money_after):
        return True
    window = text[max(0, a - 4):a]
    return any(w in window for w in lex.money_before)


def _condition(text: str, b: int, lex: FactLexicon) -> bool:
    """``党员5名以上的,单独设立…``: a threshold in a condition, not an amount reported."""
    return any(text.startswith(w, b) for w in lex.condition_after)


def _joined(text: str, a: int, b: int) -> bool:
    """``1+4+N``, ``3+2``: numbers in a formula are part of a name."""
    return text[a - 1:a] in ("+", "＋") or text[b:b + 1] in ("+", "＋")


def _ordinal(text: str, a: int, lex: FactLexicon) -> bool:
    return _ends(text, a, lex.ordinal_before) is not None


def _list_count(text: str, a: int, b: int, start: int, end: int, value: Decimal, lex: FactLexicon) -> bool:
    """The amount counts a list the text names: the items right before it (A、B、C三个…,
    A、B等2人) or right after it (三个…：A、B、C), as many as the number says."""
    if value != int(value) or not 2 <= value <= 20:
        return False
    n = int(value)
    seg = text[start:a]
    closer = _ends(seg, len(seg), lex.list_closers)
    if closer:
        seg = seg[: -len(closer)]
    clause = re.split(r"[,，;；:：。!！?？]", seg)[-1]
    items = [x for x in re.split("[、]", clause) if x]
    if len(items) >= 2:
        last = items[-1]
        for j in lex.list_joiners:
            if j in last:
                items += [x for x in last.split(j)[1:] if x]
                break
    if len(items) == n:
        return True
    if closer:
        stretch = re.split(r"[;；:：。!！?？]", seg)[-1]
        pieces = [x for x in re.split(r"[,，]", stretch) if x]
        if len(pieces) == n:
            return True
    after = text[b:end]
    m = re.match(r"\s*(?:[:：]|[,，](?:即|分别是|分别为|包括))(.+?)(?:[。;；]|$)", after)
    if m:
        named = [x for x in re.split(r"[、,，]", m.group(1)) if x]
        return len(named) == n
    return False


def _measure(text: str, a: int, number_start: int, b: int, start: int, end: int, lex: FactLexicon,
             words: Sequence[Word]) -> str:
    """The counted thing as worded: the noun phrase right after the unit (组建党组织120个 has none
    there, so the one right before the number: 党组织)."""
    after = _measure_after(text, b, end, lex, words)
    if after:
        return after
    return _measure_before(text, a, start, lex, words)


def _is_quote(piece: str, lex: FactLexicon) -> bool:
    return piece in lex.quotes or piece in lex.quotes.values()


def _measure_after(text: str, b: int, end: int, lex: FactLexicon, words: Sequence[Word]) -> str:
    linker = _starts(text, b, lex.measure_linkers)
    if linker:
        b += len(linker)  # 95%以上的小区, 1200余人的志愿服务队伍
    if words:
        picked: list[str] = []
        for ws, we, tag in words:
            if ws < b:
                continue
            if ws >= end:
                break
            piece = text[ws:we]
            if _is_quote(piece, lex):
                continue
            if tag in _NOUNISH or (tag in _MODIFIER and not picked):
                picked.append(piece)
                continue
            break
        return "".join(picked)[:16]
    out: list[str] = []
    i = b
    while i < end and len(out) < 12:
        ch = text[i]
        if _is_quote(ch, lex):
            i += 1
            continue
        if ch in lex.measure_stop or not _is_word_char(ch) or _starts(text, i, lex.measure_verbs_after):
            break
        out.append(ch)
        i += 1
    return "".join(out)


def _measure_before(text: str, a: int, start: int, lex: FactLexicon, words: Sequence[Word]) -> str:
    exact = _ends(text, a, lex.exact_before)
    if exact:
        a -= len(exact)
    if words:
        picked: list[str] = []
        for ws, we, tag in reversed(words):
            if we > a:
                continue
            if ws < start:
                break
            piece = text[ws:we]
            if _is_quote(piece, lex):
                continue
            if (tag in _NOUNISH or tag in _MODIFIER) and tag not in _NAMES:
                picked.append(piece)
                continue
            # 纳税2300万元, 成本下降12%: the verb says what is counted, with the nouns before it
            if not picked and tag in _VERBS and we - ws > 1:
                picked.append(piece)
                continue
            break
        return "".join(reversed(picked))[-16:]
    out: list[str] = []
    i = a - 1
    while i >= start and len(out) < 8:
        ch = text[i]
        if ch in lex.measure_stop or not _is_word_char(ch) or _ends(text, i + 1, lex.measure_verbs_before):
            break
        out.append(ch)
        i -= 1
    return "".join(reversed(out))


def _is_word_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch.isalpha()
