"""Where a quoted programme name's head noun is, and what a quote does not name.

After “争星晋位” the head may follow at once (行动), after modifiers (“说七说八”网格议事平台),
as a compound (工作模式), a few content words on (“稻香人家”特色产业品牌), or after 的 for a
method (“一心两翼”的合作机制: the quote alone is the name). A count word after a count
(8个“十佳”), a generic core, or a formula of class nouns (“党支部+协会”) names nothing.
"""
from __future__ import annotations

import re

from kg.extract import segment
from kg.extract.recognize.edges import CJK
from kg.extract.recognize.scan import Quote, lengths, longest_at
from kg.extract.recognize.vocabulary import Vocabulary

FORMULA_MARKS = "+＋"  # joins the parts of a formula name (“党建+网格”)
# how far after a quote a head noun may stand (“四方共治”党建引领老旧小区物业管理机制)
HEAD_WINDOW = 14


def head_after(v: Vocabulary, text: str, qe: int) -> tuple[int, str | None]:
    """The programme head noun after a quote ending at ``qe``: (end of the head, head) or (qe, None).

    Head words written right after the quote come first (“议事有约”网格议事平台); else a
    head that is good only there (“三村共富”建设); else the last head a few content
    words on (“课堂与田野”双平台)."""
    end_head, head = joined_head(v, text, qe)
    if head is None:
        direct = longest_at(text, qe, v.lex.programme_heads_direct, lengths(v.lex.programme_heads_direct))
        if direct is not None and qe + len(direct) in {pos for pos, _, _ in clause_words(v, text, qe)}:
            end_head, head = qe + len(direct), direct
    if head is None:
        end_head, head = window_head(v, text, qe)
    if head is None or text[qe:end_head] in v.lex.non_programme_heads:
        return qe, None
    return end_head, head


def joined_head(v: Vocabulary, text: str, qe: int) -> tuple[int, str | None]:
    """The last head among the head words and modifiers written one after another from ``qe``."""
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


def clause_words(v: Vocabulary, text: str, qe: int) -> list[tuple[int, str, str]]:
    """(end, word, POS) of the words after ``qe`` up to the next stop or quote, HEAD_WINDOW characters at most."""
    stop = qe
    limit = min(len(text), qe + HEAD_WINDOW)
    quote_chars = v.lex.chars["quote_chars"]
    while stop < limit and text[stop] not in v.hard_stops and text[stop] not in quote_chars:
        stop += 1
    out, pos = [], qe
    for w, f in segment.words(text[qe:stop]):
        pos += len(w)
        out.append((pos, w, f))
    return out


def window_head(v: Vocabulary, text: str, qe: int) -> tuple[int, str | None]:
    """The last head of two characters or more that ends a word among the content words after a quote.

    The words stop at a function word, a number, an implementing verb or a verb right after
    the quote (then the quote is the subject or object of a clause: “某某”推动发展)."""
    best: tuple[int, str | None] = (qe, None)
    after_body = False
    for i, (pos, w, f) in enumerate(clause_words(v, text, qe)):
        verb = f.startswith("v") and f != "vn"
        if f in v.function_word_flags or f in ("m", "q") or w in v.lex.implement_verbs or (
                verb and (i == 0 or after_body)) or v.quote_count_re.match(w):
            break
        after_body = ends_body(v, w)
        head = next((h for h in v.heads_sorted if len(h) > 1 and text.endswith(h, qe, pos)), None)
        if head is not None:
            best = (pos, head)
    return best


def ends_body(v: Vocabulary, word: str) -> bool:
    """True when ``word`` ends in a body suffix: a verb after it makes a clause with the body
    as subject (“某某”党支部创建…), so no programme head is read past it."""
    return any(word.endswith(s) and v.lex.suffixes[s].type != "Place" for s in v.party_suffixes) or (
        word in v.lex.suffixes and v.lex.suffixes[word].type != "Place")


def after_de(v: Vocabulary, text: str, qe: int) -> bool:
    """True when 的 and generic words close with a working-method head after a quote
    (“一心两翼”的协作机制): the quote alone names the programme."""
    if text[qe : qe + 1] != "的":
        return False
    j = qe + 1
    last = None
    while (word := longest_at(text, j, v.head_words, v.head_word_sizes)) is not None:
        j += len(word)
        last = word
    follow = text[j : j + 1]
    return last in v.lex.programme_heads_after_de and (
        not follow or follow in v.hard_stops or follow in v.lex.chars["head_followers"])


def count_word(v: Vocabulary, core: str) -> bool:
    """True for a quoted count word (“十佳”, “两委”, “五色”): two characters, a numeral first."""
    return len(core) == 2 and core[0] in v.count_chars and CJK.match(core[1]) is not None


def counted_class(v: Vocabulary, text: str, q: Quote, core: str) -> bool:
    """True for a count word written after a count (评出8个“十佳”品牌): it says which class the
    counted things are in, it names none of them (“五色”工作法 alone is a name)."""
    if not count_word(v, core) or q.start < 2 or text[q.start - 1] not in v.measure_words:
        return False
    return text[q.start - 2].isdigit() or text[q.start - 2] in v.count_chars


def generic_core(v: Vocabulary, core: str) -> bool:
    """True when a quoted core is generic words only (“党建+”, “党建联盟”), or a formula or list
    of class nouns (“党支部+协会”, “小区党支部、业主委员会”): generic formulas are no names."""
    parts = [p for p in re.split(f"[{re.escape(FORMULA_MARKS)}、，,]", core) if p]
    return not parts or all(class_noun(v, p) for p in parts)


def class_noun(v: Vocabulary, part: str) -> bool:
    """True for a noun that names a class of things: generic words, alone or before a body suffix."""
    if part in v.lex.generic_names or part in v.lex.suffixes or part in v.lex.stopwords or v.generic(part):
        return True
    return any(part[k:] in v.lex.suffixes and v.generic(part[:k]) for k in range(1, len(part)))
