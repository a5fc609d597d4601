"""The recognisers' configuration: the lexicon and gazetteer, indexed once for fast lookups.

Built once per pipeline and never changed while documents are read, so a
``Vocabulary`` can be shared by every call and every thread.
"""
from __future__ import annotations

import re

from kg.extract import segment
from kg.extract.lexicon import Lexicon
from kg.extract.recognize.scan import lengths, longest_at
from kg.gazetteer import Division, Gazetteer, ambiguous_shorts


def _class(chars: frozenset[str]) -> str:
    """A regex character class of ``chars``, in a stable order."""
    return "[" + re.escape("".join(sorted(chars))) + "]"


class Vocabulary:
    """Lexicon words, gazetteer names and the indexes the recognisers look them up by."""

    def __init__(self, lex: Lexicon, gaz: Gazetteer) -> None:
        self.lex = lex
        self.gaz = gaz
        ch, words = lex.chars, lex.words
        self.hard_stops = ch["hard_stops"]
        self.list_stops = ch["list_stops"]
        self.list_stop_re = re.compile(_class(ch["list_stops"]))
        self.measure_words = ch["measure_words"]
        self.count_chars = ch["count_chars"]
        self.left_stop_flags = lex.pos["left_stop"]
        self.function_word_flags = lex.pos["function_word"]
        self.ambiguous = ambiguous_shorts()
        self.names = set(gaz.names()) - self.ambiguous
        self.shorts = set(gaz.shorts())
        self.max_place = max(len(x) for x in self.names | self.shorts)
        # the lengths of the place names that start with each two characters, and of the suffixes that
        # end in each character: most positions need no lookup, the others only the lengths that exist
        place_lengths: dict[str, set[int]] = {}
        for x in self.names | self.shorts:
            if len(x) > 1:
                place_lengths.setdefault(x[:2], set()).add(len(x))
        self.place_lengths = {k: tuple(sorted(v, reverse=True)) for k, v in place_lengths.items()}
        self.place_first_re = re.compile(_class(frozenset(k[0] for k in place_lengths)))
        suffix_lengths: dict[str, set[int]] = {}
        for x in lex.suffixes:
            suffix_lengths.setdefault(x[-1], set()).add(len(x))
        self.suffix_lengths = {k: tuple(sorted(v, reverse=True)) for k, v in suffix_lengths.items()}
        self.suffix_last_re = re.compile(_class(frozenset(suffix_lengths)))
        self.suffix_sizes = lengths(lex.suffixes)
        # a continuation is tested on the two characters after a suffix: longer ones never match
        self.continuations = frozenset(c for c in lex.suffix_continuations if len(c) <= 2)
        self.party_suffixes = tuple(w for w, x in lex.suffixes.items() if x.type == "PartyOrganisation" and len(w) > 1)
        self.party_heads = tuple(sorted(w for w in self.party_suffixes if w.startswith("党")))  # 党委, 党支部…
        # every Party head noun, longest first (for alternations)
        self.party_heads_all = tuple(sorted((w for w, x in lex.suffixes.items() if x.type == "PartyOrganisation"),
                                            key=lambda w: (-len(w), w)))
        self.generic_sizes = lengths(lex.generic_stems)
        self.verb_sizes = lengths(lex.implement_verbs)
        self.verb_endings = tuple(lex.implement_verbs)
        self.name_sizes = lengths(self.names)
        self.head_words = lex.programme_heads | lex.head_modifiers
        self.head_word_sizes = lengths(self.head_words)
        self.heads_sorted = sorted(lex.programme_heads, key=len, reverse=True)
        self.heads_inside = tuple(sorted(lex.programme_heads_inside, key=len, reverse=True))
        self.heads_unquoted = sorted(lex.programme_heads_unquoted, key=len, reverse=True)
        self.tails = sorted(lex.enumeration_tails, key=lambda t: len(t[0]), reverse=True)
        # a 、-list closes only at a count or at an "item" tail, so only those stretches are tried
        item_tails = tuple(t[0] for t in self.tails if t[2] == "item")
        self.item_tails = item_tails if all(re.escape(t) == t for t in item_tails) else None
        self.stem_count_re = re.compile(_class(ch["stem_numerals"]))
        # counts: 三大行动, 12个产业链党建联盟 (list tails), “…”“…”四大工程 (quote runs), 两项制度 (items)
        numerals = re.escape("".join(sorted(ch["numerals"])))
        list_count = f"[0-9{numerals}]+{_class(ch['list_counters'])}"
        self.enum_counted = re.compile(f"^等?{list_count}")
        self.enum_count_at = re.compile(f"等?{list_count}")  # the same, for .match(s, pos)
        self.enum_clean = re.compile(f"^等?(?:{list_count})?")
        self.enum_modifiers = "|".join(re.escape(w) for w in words["enumeration_modifiers"])
        self.firm_count = f"[0-9{numerals}]+{_class(ch['firm_counters'])}"  # 6家: a count of firms
        quote_count = rf"[{numerals}\d]+{_class(ch['quote_list_counters'])}"
        openers = "|".join(re.escape(w) for w in words["quote_list_openers"])
        self.quote_count_re = re.compile(quote_count)
        tail_stops = re.escape("".join(sorted(ch["quote_tail_stops"])))
        self.quote_tail_re = re.compile(f"(?:{openers})?(?:{quote_count})?([^{tail_stops}]{{0,10}})")
        self.head_cut_count_re = re.compile(f"[0-9{numerals}]+{_class(ch['head_cut_counters'])}")
        self.umbrella_count = f"[{numerals}]+"

    def division(self, name: str) -> Division | None:
        return self.gaz.lookup(name)

    def generic(self, stem: str) -> bool:
        """True when the stem is generic words only: the longest one at the front is cut off, again and again."""
        rest = stem
        while rest:
            g = longest_at(rest, 0, self.lex.generic_stems, self.generic_sizes)
            if g is None:
                break
            rest = rest[len(g) :]
        return not rest

    def is_place_name(self, s: str) -> bool:
        """A gazetteer name or short form that is not ambiguous (a place in a chain or a zone's name)."""
        return (s in self.names or s in self.shorts) and s not in self.ambiguous

    @staticmethod
    def is_place_word(text: str, a: int, b: int) -> bool:
        """True when the segmenter reads text[a:b] as a place-name word (ns)."""
        lo = max(0, a - 4)
        window = text[lo : b + 3]
        pos = 0
        for w, f in segment.words(window):
            if pos == a - lo:
                return w == text[a:b] and f == "ns" or (w.startswith(text[a:b]) and f == "ns" and len(w) > b - a)
            pos += len(w)
            if pos > a - lo:
                return False
        return False
