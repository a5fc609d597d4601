"""Numbers as Chinese news writes them, read as exact decimals.

``三十七`` -> 37, ``两千`` -> 2000, ``1.2万`` -> 12000, ``4.1亿`` -> 410000000,
``百亿`` -> 10000000000, ``1,000`` -> 1000. Decimals, not floats, so 1.2345亿
is 123450000 exactly and the graph's ``xsd:decimal`` shows what the text said.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from kg.extract.facts.lexicon import FactLexicon


def decimal_text(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: ``Decimal("1.2E+4")`` -> ``"12000"``."""
    text = format(value.normalize(), "f")
    return text


def chinese_numeral(text: str, lex: FactLexicon) -> Decimal | None:
    """The value of a Chinese numeral (三十七, 一千二百, 两万, 百亿), or None when ``text`` is none.

    Within each 万/亿 section the small units (十百千) must fall from left to right, so a
    run such as 百千万 (a programme's name) is not read as a number.
    """
    if not text:
        return None
    if all(ch in lex.digits for ch in text):  # 二〇二三: digits read one by one
        return Decimal("".join(str(lex.digits[ch]) for ch in text)) if len(text) > 1 else Decimal(lex.digits[text])
    total = Decimal(0)
    section = Decimal(0)
    num: int | None = None
    last_small = 10**9
    last_big = 10**18
    for ch in text:
        if ch in lex.digits and lex.digits[ch] == 0:
            continue  # 一百零五: 零 only holds a place
        if ch in lex.digits:
            if num is not None:
                return None  # two digits in a row inside a numeral with units
            num = lex.digits[ch]
        elif ch in lex.small_units:
            unit = lex.small_units[ch]
            if unit >= last_small:
                return None
            section += (num if num is not None else 1) * unit
            num = None
            last_small = unit
        elif ch in lex.big_units:
            unit = lex.big_units[ch]
            if unit >= last_big and not (section == 0 and num is None):
                return None
            if section == 0 and num is None and total == 0:
                section = Decimal(1)  # 亿 alone (超亿元): one of it
            total = (total + section + (num or 0)) * unit
            section, num = Decimal(0), None
            last_small = 10**9
            last_big = unit
        else:
            return None
    return total + section + (num or 0)


def magnitude(text: str, lex: FactLexicon) -> Decimal | None:
    """The factor of a magnitude written after a number (万, 亿, 千万, 百万), or None."""
    if not text:
        return Decimal(1)
    factor = Decimal(1)
    for ch in text:
        if ch in lex.big_units:
            factor *= lex.big_units[ch]
        elif ch in lex.small_units:
            factor *= lex.small_units[ch]
        else:
            return None
    return factor


def arabic(text: str) -> Decimal | None:
    """``1,000`` -> 1000, ``92.6`` -> 92.6; fullwidth digits too."""
    cleaned = text.translate(_FULLWIDTH).replace(",", "").replace("，", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def parse_number(text: str, lex: FactLexicon) -> Decimal | None:
    """A number as written: Arabic with an optional magnitude (1.2万), or a Chinese numeral."""
    i = 0
    digits = text.translate(_FULLWIDTH)
    while i < len(digits) and (digits[i].isdigit() or digits[i] in ".,"):
        i += 1
    if i:
        base = arabic(digits[:i])
        factor = magnitude(digits[i:], lex)
        if base is None or factor is None:
            return None
        return base * factor
    return chinese_numeral(text, lex)


_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
