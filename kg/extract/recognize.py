"""Rule-based recognition of the six entity types from the structure of Chinese names.

A Chinese institutional name ends in a head noun that says what it is
(街道, 党支部, 有限公司, 派出所, 工程…) and begins where the words before it stop
being name-like: at a verb, a preposition, a pronoun, punctuation, or another
name it is chained to (济宁市任城区古槐街道). Places also come from the national
gazetteer, programmes from quoted names plus their head noun, persons from
bylines and the posts and speech verbs around them. All vocabulary is data
(``Lexicon``); this module only holds the procedure.
"""
from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from kg.extract import segment
from kg.extract.lexicon import Lexicon
from kg.gazetteer import Gazetteer, ambiguous_shorts

LIST_STOPS = set("、，,。；;：:！？!?\n")
LIST_STOP = re.compile(f"[{re.escape(''.join(sorted(LIST_STOPS)))}]")
MEASURE_WORDS = set("个家名处支项条座所批位户")
HARD_STOPS = set("，,。；;：:！？!?、（）()【】[]\n\r\t 　…—-/|·•■▶●◆★")
CJK = re.compile(r"[\u3400-\u9fff]")
DIGITS = re.compile(r"^[0-9０-９.%]+$")
LEFT_STOP_FLAGS = {"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "rr", "rz", "d", "y", "e", "o",
                   "x", "w", "f", "q", "t", "tg", "i", "l", "z", "dg", "ad", "vd"}
# Names are built in this order, so a body can include the place or body written before it.
BUILD_ORDER = ("Place", "Enterprise", "Organisation", "PartyOrganisation")
# In a place chain (街道 + 2–4 characters + 社区) only function words break the stem;
# the segmenter's other tags on rare place names (夏/tg, 北/f) are noise there.
FUNCTION_WORD_FLAGS = {"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "rr", "rz", "y", "e", "o", "x", "w"}
PLACE_RANK = {"province": 0, "city": 1, "county": 2, "zone": 3, "town": 4, "community": 5, "compound": 6}
SUFFIX_LIMITS = {"Place": 5, "Enterprise": 14, "Organisation": 12, "PartyOrganisation": 14}
# a 、-list of names (or one name and 等) and what closes it; the count before a list's tail
ENUM_ITEM = r"[\u4e00-\u9fff]{2,12}"
ENUMERATION = re.compile(
    rf"{ENUM_ITEM}(?:、{ENUM_ITEM})+[\u4e00-\u9fff0-9]{{1,14}}|{ENUM_ITEM}等[\u4e00-\u9fff]{{1,8}}")
ENUM_COUNTED = re.compile(r"^等?[0-9一二三四五六七八九十两]+[个家处项大条]")
ENUM_COUNT_AT = re.compile(r"等?[0-9一二三四五六七八九十两]+[个家处项大条]")  # the same, for .match(s, pos)
ENUM_CLEAN = re.compile(r"^等?(?:[0-9一二三四五六七八九十两]+[个家处项大条])?")


@dataclass
class Cand:
    start: int
    end: int
    type: str
    name: str
    rule: str
    aliases: tuple[str, ...] = ()
    strong: bool = True  # a weak place (a short form like 济宁) may be swallowed by a longer name
    kind: str = ""  # place level or suffix kind
    code: str | None = None
    parts: list["Cand"] = field(default_factory=list)  # entities this name is built on (prefix)


def strip_marks(s: str, lex: Lexicon) -> str:
    """``s`` without quote marks and whitespace, as names are compared."""
    return "".join(s.translate(lex.mark_table).split())


def lengths(words: Iterable[str]) -> tuple[int, ...]:
    """The lengths ``words`` come in, longest first: a longest-match lookup tries only these."""
    return tuple(sorted({len(w) for w in words}, reverse=True))


def longest_at(text: str, pos: int, words: Container[str], sizes: tuple[int, ...]) -> str | None:
    """The longest of ``words`` written at ``pos`` (``sizes``: their lengths, longest first)."""
    for size in sizes:
        w = text[pos : pos + size]
        if w in words:
            return w
    return None


def find_quotes(text: str, lex: Lexicon) -> list[tuple[int, int, str, str]]:
    """(start, end, content, opening mark) of quoted stretches; end is after the closing mark."""
    out = []
    i = 0
    opening = lex.opening_re
    while (m := opening.search(text, i)) is not None:
        i = m.start()
        ch = text[i]
        j = text.find(lex.quote_pairs[ch], i + 1)
        if j == -1 or j - i > 60 or text.find("\n", i, j) != -1:
            i += 1
            continue
        out.append((i, j + 1, text[i + 1 : j], ch))
        i = j + 1
    return out


def _occurrences(s: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of each of ``words`` in ``s``, overlapping ones too."""
    out = []
    for w in words:
        i = s.find(w)
        while i != -1:
            out.append((i, i + len(w)))
            i = s.find(w, i + 1)
    return out


class Recognizer:
    """Finds entity candidates in one article's text."""

    def __init__(self, lex: Lexicon, gaz: Gazetteer):
        self.lex = lex
        self.gaz = gaz
        self._ambiguous = ambiguous_shorts()
        self._names = set(gaz.names()) - self._ambiguous
        self._shorts = set(gaz.shorts())
        self._max_place = max(len(x) for x in self._names | self._shorts)
        # the lengths of the place names that start with each two characters, and of the suffixes that
        # end in each character: most positions need no lookup, the others only the lengths that exist
        place_lengths: dict[str, set[int]] = {}
        for x in self._names | self._shorts:
            if len(x) > 1:
                place_lengths.setdefault(x[:2], set()).add(len(x))
        self._place_lengths = {k: tuple(sorted(v, reverse=True)) for k, v in place_lengths.items()}
        self._place_first_re = re.compile(f"[{re.escape(''.join(sorted({k[0] for k in place_lengths})))}]")
        suffix_lengths: dict[str, set[int]] = {}
        for x in lex.suffixes:
            suffix_lengths.setdefault(x[-1], set()).add(len(x))
        self._suffix_lengths = {k: tuple(sorted(v, reverse=True)) for k, v in suffix_lengths.items()}
        self._suffix_last_re = re.compile(f"[{re.escape(''.join(sorted(suffix_lengths)))}]")
        self._suffix_sizes = lengths(lex.suffixes)
        # a continuation is tested on the two characters after a suffix: longer ones never match
        self._continuations = frozenset(c for c in lex.suffix_continuations if len(c) <= 2)
        self._party_suffixes = tuple(w for w, x in lex.suffixes.items() if x.type == "PartyOrganisation" and len(w) > 1)
        self._generic_sizes = lengths(lex.generic_stems)
        self._verb_sizes = lengths(lex.implement_verbs)
        self._verb_endings = tuple(lex.implement_verbs)
        self._name_sizes = lengths(self._names)
        self._head_words = lex.programme_heads | lex.head_modifiers
        self._head_word_sizes = lengths(self._head_words)
        self._heads_sorted = sorted(lex.programme_heads, key=len, reverse=True)
        self._heads_inside = tuple(sorted(lex.programme_heads_inside, key=len, reverse=True))
        self._heads_unquoted = sorted(lex.programme_heads_unquoted, key=len, reverse=True)
        self._tails = sorted(lex.enumeration_tails, key=lambda t: len(t[0]), reverse=True)
        # a 、-list closes only at a count or at an "item" tail, so only those stretches are tried
        item_tails = tuple(t[0] for t in self._tails if t[2] == "item")
        self._item_tails = item_tails if all(re.escape(t) == t for t in item_tails) else None

    # ---- left edges -------------------------------------------------------
    def _tokens_before(self, text: str, pos: int, window: int, quotes_by_end: dict[int, tuple]) -> list[tuple[int, int, str, str]]:
        """Tokens (start, end, word, flag) ending at or before ``pos``, nearest last."""
        start = pos
        while start > 0 and pos - start < window and text[start - 1] not in HARD_STOPS:
            if start in quotes_by_end:
                q = quotes_by_end[start]
                if len(q[2]) > 15 or any(ch in HARD_STOPS for ch in q[2]):
                    break
                start = q[0]
                continue
            start -= 1
        toks: list[tuple[int, int, str, str]] = []
        piece_end = pos
        # split the window at quotes, which are single noun-like tokens
        spans = []
        i = pos
        while i > start:
            if i in quotes_by_end and quotes_by_end[i][0] >= start:
                if piece_end > i:
                    spans.append(("t", i, piece_end))
                qs = quotes_by_end[i][0]
                spans.append(("q", qs, i))
                i = qs
                piece_end = i
                continue
            i -= 1
        if piece_end > start:
            spans.append(("t", start, piece_end))
        for kind, a, b in reversed(spans):
            if kind == "q":
                toks.append((a, b, text[a:b], "nq"))
                continue
            off = a
            for w, f in segment.words(text[a:b]):
                toks.append((off, off + len(w), w, f))
                off += len(w)
        return toks

    def left_edge(self, text: str, pos: int, limit: int, quotes_by_end: dict[int, tuple],
                  verbs_stop: bool = True) -> int:
        """Start of the name-like stretch that ends at ``pos``."""
        toks = self._tokens_before(text, pos, limit + 4, quotes_by_end)
        edge = pos
        for a, b, w, f in reversed(toks):
            if f == "nq":
                edge = a
                continue
            if w in self.lex.stopwords or w in self.lex.implement_verbs or (
                    f in LEFT_STOP_FLAGS and not (f == "d" and len(w) == 1)):
                break
            if verbs_stop and f.startswith("v") and f != "vn" and w not in self.lex.name_verbs:
                break
            if f == "m" and (DIGITS.match(w) or not CJK.search(w)):
                break
            if f == "a" and len(w) > 1:
                break
            if not CJK.search(w) and not w.isalnum():
                break
            if pos - a > limit:
                break
            edge = a
        # "88家农村专业合作社": a measure word after a number is not part of the name
        while edge < pos and text[edge] in MEASURE_WORDS and edge > 0 and (
                text[edge - 1].isdigit() or text[edge - 1] in "一二三四五六七八九十两百千万几多"):
            edge += 1
        return edge

    # ---- recognisers ----------------------------------------------------
    def gazetteer_places(self, text: str) -> list[Cand]:
        out = []
        n = len(text)
        free = 0  # the first position not inside a place already found
        for m in self._place_first_re.finditer(text):
            i = m.start()
            if i < free:
                continue
            hit = None
            for L in self._place_lengths.get(text[i : i + 2], ()):
                if L > n - i:
                    continue
                s = text[i : i + L]
                if s in self._names:
                    hit = (s, True)
                    break
                if s in self._shorts:
                    hit = (s, False)
                    break
            if hit is None:
                continue
            s, full = hit
            if not full and not self._is_place_word(text, i, i + len(s)):
                continue
            div = self.gaz.lookup(s)
            out.append(Cand(i, i + len(s), "Place", s, "gazetteer" if full else "gazetteer-short",
                            strong=full, kind=div.level if div else "", code=div.code if div else None))
            free = i + len(s)
        return out

    @staticmethod
    def _is_place_word(text: str, a: int, b: int) -> bool:
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

    def suffix_hits(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, suffix) of the longest known suffix ending at each position."""
        hits = []
        for m in self._suffix_last_re.finditer(text):
            e = m.end()
            for L in self._suffix_lengths[text[e - 1]]:
                if L > e:
                    continue
                suf = text[e - L : e]
                if suf in self.lex.suffixes:
                    nxt = text[e : e + 2]
                    if nxt[:1] in self._continuations or nxt in self._continuations:
                        break
                    if L == 1 and (text[max(0, e - 2) : e] in self.lex.suffix_blocked_words
                                   or segment.is_word(text[e - 1 : e + 1])):
                        break
                    hits.append((e - L, e, suf))
                    break
        # a suffix that is the tail of a longer one ending at the same place was skipped above;
        # drop hits wholly inside a longer hit (党建联盟 inside 党建联盟 is fine, 委 inside 党委 not)
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        kept: list[tuple[int, int, str]] = []
        for h in hits:
            if kept and h[0] >= kept[-1][0] and h[1] <= kept[-1][1]:
                continue
            kept.append(h)
        return kept

    def recognise(self, text: str, byline: list[str] | tuple[str, ...] = ()) -> list[Cand]:
        lex = self.lex
        quotes = find_quotes(text, lex)
        quotes_by_end = {q[1]: q for q in quotes}
        cands: list[Cand] = []
        self._cands = cands
        by_end: dict[int, list[Cand]] = {}
        self._by_end = by_end
        weak_places: list[Cand] = []
        self._weak_places = weak_places

        def add(c: Cand) -> Cand:
            cands.append(c)
            by_end.setdefault(c.end, []).append(c)
            if c.type == "Place" and not c.strong:
                weak_places.append(c)
            return c

        self._add = add

        def adjacent(pos: int, types: tuple[str, ...]) -> Cand | None:
            best = None
            for c in by_end.get(pos, []):
                if c.type in types and (best is None or c.start < best.start):
                    best = c
            return best

        for c in self.gazetteer_places(text):
            add(c)

        hits = self.suffix_hits(text)
        for phase in BUILD_ORDER:
            for s, e, suf in hits:
                sx = lex.suffixes[suf]
                if sx.type != phase:
                    continue
                self._suffix_entity(text, s, e, sx, quotes_by_end, adjacent, add)
            if phase == "Place":
                self._committees(text, adjacent, add)

        self._alias_mentions(text, quotes, add)
        self._quoted(text, quotes, adjacent, add)
        self._after_verbs(text, add)
        self._enumerations(text, quotes_by_end, add)
        self._umbrellas(text, add)
        self._book_titles(text, quotes, add)
        self._persons(text, byline, add)
        return [c for c in cands if c.name not in lex.generic_names]

    def _suffix_entity(self, text, s, e, sx, quotes_by_end, adjacent, add) -> None:
        """A name ending in suffix ``sx`` at [s, e): find its left edge, decide whether it is
        built on the entity before it (单光屯社区 + 党委), and reject generic ones."""
        lex = self.lex
        by_end = self._by_end
        edge = self.left_edge(text, s, SUFFIX_LIMITS[sx.type], quotes_by_end, verbs_stop=sx.type != "Enterprise")
        if sx.type == "Organisation" and sx.text in lex.conjoined_bodies and edge > 0 and text[edge - 1] == "和" \
                and s - edge >= 2:
            left = self.left_edge(text, edge - 1, 8, quotes_by_end)
            if edge - 1 - left >= 2:
                edge = left  # 住房和城乡建设局 is one name
        for k in (4, 3, 2) if sx.type == "Enterprise" else ():  # a dictionary word ending in the suffix (农业银行)
            if s - k >= 0 and s - k < edge and segment.is_word(text[s - k : e]) and len(text[s - k : e]) >= 4:
                edge = s - k
                break
        if sx.type == "Place":
            # the earliest end of a strong place 2-4 characters before the suffix (looked up by end)
            for end in range(max(0, s - 4), min(edge, s - 1)):
                if any(c.type == "Place" and c.strong for c in by_end.get(end, ())) \
                        and all("\u4e00" <= ch <= "\u9fff" for ch in text[end:s]) \
                        and not any(w in self.lex.stopwords or f in FUNCTION_WORD_FLAGS
                                    for w, f in segment.words(text[end:s])):
                    edge = end  # 东昌府区道口铺街道: the chain fixes the stem
                    break
        # do not run over an entity found earlier: a place chain splits at it, a body includes it;
        # a short place form (济宁) splits a chain only when a real stem follows it (高唐鱼丘湖社区)
        for end in range(s, edge, -1):  # the latest end that qualifies
            if any(c.start < s and (c.strong or sx.type != "Place" or (
                    s - end >= 2 and not re.match(r"[0-9一二三四五六七八九十两百千]", text[end:s])))
                   for c in by_end.get(end, ())):
                edge = end
                break
        if sx.type == "Place":
            for c in self._weak_places:
                if edge < c.start and c.end <= s:
                    edge = c.start
                    break
            if "withplace" in sx.flags:
                edge = self._place_start(text, edge, s)
            edge = self._split_chain(text, edge, s)
        if edge == s and s > 0 and text[s - 1] in lex.quote_pairs and text[e : e + 1] == lex.quote_pairs[text[s - 1]]:
            edge = s - 1
        stem = strip_marks(text[edge:s], lex)
        parts: list[Cand] = []
        prev = adjacent(edge, ("Place", "Enterprise", "Organisation", "PartyOrganisation"))
        include_prev = False
        if prev is not None:
            if sx.type == "Place":
                include_prev = "withplace" in sx.flags and (not stem or stem in lex.generic_stems) and prev.type == "Place"
            else:
                include_prev = BUILD_ORDER.index(prev.type) <= BUILD_ORDER.index(sx.type) or (
                    prev.type == "PartyOrganisation" and sx.type == "PartyOrganisation")
        if "afterplace" in sx.flags:
            if stem or prev is None or prev.type != "Place":
                return
            include_prev = True
        if "quoted" in sx.flags and not self._quotes_in(edge, s, quotes_by_end) and not (
                edge > 0 and text[edge - 1] in lex.quote_pairs and text[e:e + 1] == lex.quote_pairs[text[edge - 1]]):
            return
        if "placed" in sx.flags and not (prev is not None and prev.type == "Place"):
            return
        if sx.type == "Place" and sx.kind in ("town", "community", "compound") and not include_prev and len(stem) < 2:
            return
        demo = None
        if not stem and not include_prev and sx.type == "PartyOrganisation":
            demo = next((m for m in lex.demonstrative_re.finditer(text, max(0, edge - 4), edge) if m.end() == edge),
                        None)
        if demo is not None:
            add(Cand(demo.start(), e, sx.type, text[demo.start():e], f"suffix:{sx.text}", kind=sx.kind))
            return
        if include_prev:
            parts.append(prev)
            start = prev.start
        else:
            start = edge
        if not stem and not include_prev:
            if sx.type == "Place" and "bare" in sx.flags:
                nxt = text[e : e + 6]
                if longest_at(nxt, 0, self._names, self._name_sizes) is None and not self._starts_place(text, e):
                    return
            else:
                return
        elif not include_prev and (len(stem) < 2 and not (stem in "省市县" and sx.type in ("Organisation", "Enterprise"))
                                   or len(stem) >= 2 and self._generic(stem)):
            return
        if sx.type == "PartyOrganisation" and any(w in stem for w in self._party_suffixes):
            if not include_prev:
                return
        surface = text[start:e]
        name = strip_marks(surface, lex)
        if name in lex.generic_names or len(name) < 2:
            return
        aliases = tuple(strip_marks(q[2], lex) for q in self._quotes_in(start, s, quotes_by_end))
        if edge == s - 1 and text[e:e + 1] in lex.quote_pairs.values():
            aliases += (strip_marks(text[s:e], lex),)
            e += 1
        add(Cand(start, e, sx.type, name, f"suffix:{sx.text}", aliases=aliases, kind=sx.kind, parts=parts,
                 strong=True))

    def _place_start(self, text: str, edge: int, s: int) -> int:
        """A zone is named by its place (济宁高新区): start the name at the first
        gazetteer name in the stem, adding it as a (weak) place."""
        for p in range(edge, s - 1):
            for L in range(min(self._max_place, s - p), 1, -1):
                name = text[p : p + L]
                if (name in self._names or name in self._shorts) and name not in self._ambiguous:
                    if p > edge:
                        div = self.gaz.lookup(name)
                        self._add(Cand(p, p + L, "Place", name, "gazetteer-zone", strong=False,
                                       kind=div.level if div else "", code=div.code if div else None))
                    return p
        return edge

    def _split_chain(self, text: str, edge: int, s: int) -> int:
        """Split a place stem that is itself a chain (徐庄镇纸坊, 高唐鱼丘湖): each leading
        level becomes its own place, and the stem of the last one is returned."""
        while s - edge >= 4:
            stem = text[edge:s]
            cut = None
            for L in range(min(len(stem) - 2, self._max_place), 1, -1):
                head = stem[:L]
                if (head in self._names or head in self._shorts) and head not in self._ambiguous \
                        and not re.match(r"[0-9一二三四五六七八九十两百千]", stem[L:]):
                    div = self.gaz.lookup(head)
                    self._add(Cand(edge, edge + L, "Place", head, "gazetteer-chain", strong=head in self._names,
                                   kind=div.level if div else "", code=div.code if div else None))
                    cut = edge + L
                    break
                sx = self.lex.suffixes.get(head[-1:]) or self.lex.suffixes.get(head[-2:])
                if sx is not None and sx.type == "Place" and len(head) - len(sx.text) >= 2:
                    self._add(Cand(edge, edge + L, "Place", head, f"suffix:{sx.text}", kind=sx.kind))
                    cut = edge + L
                    break
            if cut is None:
                break
            edge = cut
        return edge

    def _alias_mentions(self, text: str, quotes, add) -> None:
        """Later mentions of a body by its short form: a declared 以下简称 form, or the
        quoted core of its name written alone (“党建联盟” after 某县“党建联盟”)."""
        short: dict[str, Cand] = {}
        ends = {c.end: c for c in self._cands if c.type in ("Enterprise", "Organisation", "PartyOrganisation")}
        for m in self.lex.abbreviation_re.finditer(text):
            c = ends.get(m.start())
            if c is not None:
                short[m.group(1).strip()] = c
        for c in list(self._cands):
            if c.type in ("Enterprise", "Organisation", "PartyOrganisation"):
                for a in c.aliases:
                    if len(a) >= 2:
                        short.setdefault(a, c)
        if not short:
            return
        taken = [(c.start, c.end) for c in self._cands]
        for alias, c in sorted(short.items(), key=lambda kv: -len(kv[0])):
            for m in re.finditer(re.escape(alias), text):
                a, b = m.span()
                if any(x <= a < y or x < b <= y for x, y in taken):
                    continue
                if self._suffix_at(text, b) is not None and text[b:b + 1] not in self.lex.quote_pairs.values():
                    continue  # 华宇建材党支部 is a name of its own
                add(Cand(a, b, c.type, c.name, "alias-mention", aliases=(alias,), kind=c.kind))
                taken.append((a, b))

    def _starts_place(self, text: str, pos: int) -> bool:
        for L in range(2, 8):
            seg = text[pos : pos + L]
            for suf, sx in self.lex.suffixes.items():
                if sx.type == "Place" and seg.endswith(suf) and len(seg) > len(suf):
                    return True
        return False

    def _generic(self, stem: str) -> bool:
        """True when the stem is generic words only: the longest one at the front is cut off, again and again."""
        rest = stem
        while rest:
            g = longest_at(rest, 0, self.lex.generic_stems, self._generic_sizes)
            if g is None:
                break
            rest = rest[len(g) :]
        return not rest

    @staticmethod
    def _quotes_in(a: int, b: int, quotes_by_end: dict[int, tuple]) -> list[tuple]:
        return [q for q in quotes_by_end.values() if q[0] >= a and q[1] <= b]

    def _committees(self, text, adjacent, add) -> None:
        """Place committees (<place>+委): 宁阳县委, 汶上县县委, or a bare one (县委)."""
        chars = "".join(self.lex.committees)
        for m in re.finditer(f"[{re.escape(chars)}]委", text):
            a, b = m.start(), m.end()
            nxt = text[b : b + 2]
            if nxt.startswith("员") or nxt.startswith("会"):
                continue
            place = adjacent(b - 1, ("Place",))
            if place is not None and place.name.endswith(text[a]):
                add(Cand(place.start, b, "PartyOrganisation", place.name + "委", "committee", kind="committee",
                         parts=[place]))
                continue
            place = adjacent(a, ("Place",))
            if place is not None:
                add(Cand(place.start, b, "PartyOrganisation", place.name + text[a:b], "committee",
                         kind="committee", parts=[place]))
                continue
            before = text[max(0, a - 2) : a]
            if a == 0 or text[a - 1] in HARD_STOPS or before.endswith(("贯彻", "落实", "按照")) or text[a - 1] in "的和与及":
                if not nxt.startswith("书记"):
                    add(Cand(a, b, "PartyOrganisation", text[a:b], "committee-bare", kind="committee"))

    def _quoted(self, text, quotes, adjacent, add) -> None:
        lex = self.lex
        heads = self._heads_sorted
        quotes_by_end = {q[1]: q for q in quotes}
        for idx, (qs, qe, content, mark) in enumerate(quotes):
            if mark == "《":
                continue
            core = strip_marks(content, lex)
            if not core or len(core) > 30:
                continue
            # quoted name + head noun phrase: “争星晋位”行动, “说七说八”网格议事平台, “…”机关服务品牌培树行动
            j, end_head, head = qe, None, None
            while True:
                word = longest_at(text, j, self._head_words, self._head_word_sizes)
                if word is None:
                    break
                j += len(word)
                if word in lex.programme_heads:
                    end_head, head = j, word
            if head and text.startswith("工作者", end_head - 2):
                head = None
            j = end_head - len(head) if head else qe
            # an organisation or party body named by a quote: “红驹先锋”志愿服务队伍
            suf = self._suffix_at(text, qe)
            if suf is not None and suf.type != "Place" and (head is None or len(suf.text) >= len(head) or suf.type == "PartyOrganisation"):
                continue  # the suffix recogniser builds these names (the quote is part of them)
            if head is not None:
                end = j + len(head)
                edge = self.left_edge(text, qs, 10, quotes_by_end)
                prev = None
                for pos in range(edge, qs + 1):
                    p = adjacent(pos, ("Place", "Enterprise", "Organisation", "PartyOrganisation"))
                    if p is not None and p.end <= qs:
                        prev = p
                if prev is not None and prev.end > edge:
                    edge = prev.end
                # a prefix joined by 与/和 is a different thing; a prefix that is only generic words is dropped
                first = qs
                while first in quotes_by_end and quotes_by_end[first][0] < first:  # “五不能”“六不宜”清单
                    first = quotes_by_end[first][0]
                if first < qs:
                    edge = first
                prefix = strip_marks(text[edge:qs], lex)
                if prefix and first == qs and (self._generic(prefix) or len(prefix) < 2
                                               or prefix.endswith(lex.prefix_stop_endings)):
                    edge, prefix = qs, ""
                name = prefix + core + strip_marks(text[qe:end], lex)
                cores = [strip_marks(q[2], lex) for q in quotes if edge <= q[0] and q[1] <= qe]
                aliases = tuple(c for c in cores if c and c != name)
                add(Cand(edge, end, "Programme", name, f"quote+head:{head}", aliases=aliases))
                continue
            if not CJK.search(core) or any(ch in core for ch in "、,，+;；。"):
                continue
            # a quoted name that is a programme by its own ending: “千村示范工程”, “红心驿站”
            if core.endswith(self._heads_inside) and len(core) >= 3:
                add(Cand(qs, qe, "Programme", core, "quote-inside"))
                continue
            # a run of quoted names closed by 等…<head>: “院落说事”“周末议事”等共商共治品牌
            listed = self._listed_programmes(text, quotes, idx, heads)
            if listed is not None:
                name = core + listed
                add(Cand(qs, qe, "Programme", name, "quote-list", aliases=(core,) if listed else ()))
                continue
            # a quoted name right after an implementing verb: 开展“红色沙龙论坛”
            before = text[max(0, qs - 4) : qs]
            follow = text[qe : qe + 1]
            if before.endswith(self._verb_endings) and len(core) >= 3 and (
                    not follow or follow in HARD_STOPS or follow in "等和与及“\"" or follow.isdigit()):
                add(Cand(qs, qe, "Programme", core, "quote-after-verb"))

    def _after_verbs(self, text: str, add) -> None:
        """Unquoted programmes named right after an implementing verb, alone or in a 、-list:
        实施乡村振兴红色先锋行动 / 创新实施堡垒建设行动、先锋培育行动."""
        lex = self.lex
        heads = self._heads_unquoted
        taken = [(c.start, c.end) for c in self._cands if c.type == "Programme"]
        for verb in lex.implement_verbs:
            for m in re.finditer(re.escape(verb), text):
                pos = m.end()
                while (v := longest_at(text, pos, lex.implement_verbs, self._verb_sizes)) is not None:
                    pos += len(v)
                while pos < len(text):
                    # an item runs to a list stop, 25 characters at most
                    stop_at = LIST_STOP.search(text, pos, pos + 25)
                    end = stop_at.start() if stop_at else min(len(text), pos + 25)
                    item = self._head_cut(text[pos:end], heads) if end - pos <= 18 else None
                    if item is None:
                        if end < len(text) and text[end] == "、" and any(ch in text[pos:end] for ch in "“”\"‘’"):
                            pos = end + 1  # a quoted item in the list is the quote rule's; go on
                            continue
                        break
                    stop = pos + len(item)
                    body = item[: -len(next(h for h in heads if item.endswith(h)))]
                    if 2 <= len(body) <= 14 and not any(a < stop and pos < b for a, b in taken) \
                            and body not in lex.generic_stems and not self._generic(body):
                        add(Cand(pos, stop, "Programme", item, "after-verb"))
                    if end < len(text) and text[end] == "、":
                        pos = end + 1
                        continue
                    break

    def _umbrellas(self, text: str, add) -> None:
        """The umbrella name after a list of programmes: …等作风建设三大行动."""
        heads = "|".join(re.escape(h) for h in sorted(self.lex.programme_heads_unquoted, key=len, reverse=True))
        for m in re.finditer(rf"等([\u4e00-\u9fff]{{2,10}}?[一二三四五六七八九十两]+大(?:{heads}))", text):
            add(Cand(m.start(1), m.end(1), "Programme", m.group(1), "umbrella"))

    def _head_cut(self, item: str, heads: list[str]) -> str | None:
        """The programme name at the start of ``item``: up to a head noun that ends the
        item or is followed by a function word (技能培训行动为抓手 -> 技能培训行动)."""
        if any(ch in item for ch in "“”\"《》‘’") or re.search(r"[0-9一二三四五六七八九十两]+[大项个条]", item):
            return None
        best = None
        endings = tuple(heads)
        for k in range(len(item), 1, -1):
            if item.endswith(endings, 0, k):
                rest = item[k:]
                if not rest or rest[0] in "为的和与及等中上以" or rest.startswith("方面"):
                    best = item[:k]
                    break
        return best

    def _enumerations(self, text: str, quotes_by_end, add) -> None:
        """One entity per item of a 、-list closed by a shared tail (see enumeration_tails.tsv)."""
        tails = self._tails
        item_tails = self._item_tails
        for m in ENUMERATION.finditer(text):
            parts = m.group(0).split("、")
            last = parts[-1]
            single = len(parts) == 1
            found = None
            # last[cut:k] closes the list only if it holds a whole count (not after a single item) or ends
            # in an "item" tail, so only those k are tried (all of them when a tail is a pattern)
            tail_spans = [] if item_tails is None else sorted(_occurrences(last, item_tails), key=lambda x: x[1])
            for cut in range(2, len(last) - 1):
                if item_tails is None:
                    ends = range(cut + 1, len(last) + 1)
                else:
                    ends = [b for a, b in tail_spans if a >= cut]
                    if not single and (counted := ENUM_COUNT_AT.match(last, cut)) is not None:
                        ends = sorted(set(ends).union(range(counted.end(), len(last) + 1)))
                for k in ends:
                    found = self._enum_tail(last[cut:k], tails, single=single)
                    if found:
                        found = (cut,) + found
                        break
                if found:
                    break
            if not found:
                continue
            cut, tail, type_, how, rest_clean = found
            items = parts[:-1] + [last[:cut]]
            first_end = m.start() + len(parts[0])
            edge = max(self.left_edge(text, first_end, 8, quotes_by_end), m.start())
            width = len(items[1]) if len(items) > 1 else first_end - edge
            # parallel lists: the first item may be as long as the next, if nothing name-breaking is in the way
            for start in (first_end - width, m.start()):
                if m.start() <= start < edge and first_end - start <= max(width, 4) and not any(
                        w in self.lex.stopwords for w, _ in segment.words(text[start:edge])):
                    edge = start
                    break
            items[0] = text[edge:first_end]
            pos = edge
            for it in items:
                start, end = pos, pos + len(it)
                pos = end + 1
                if len(it) < 2 or it in self.lex.generic_stems or it in self.lex.stopwords \
                        or it.endswith(self.lex.non_name_endings):
                    continue
                if how == "item":
                    name, aliases = it, ()
                elif how == "item+first":
                    name, aliases = (it, ()) if it.endswith(tail) else (it + tail, (it,))
                else:
                    name, aliases = it + rest_clean, (it,)
                places = [c for c in self._cands if c.type == "Place" and c.start == start and c.end < end]
                add(Cand(start, end, type_, name, f"enumeration:{tail}", aliases=aliases, kind="listed",
                         parts=places[:1] if type_ != "Place" else []))

    @staticmethod
    def _enum_tail(rest: str, tails, single: bool):
        """(tail, type, how, shared head) when ``rest`` closes a list, else None."""
        counted = ENUM_COUNTED.match(rest)
        clean = ENUM_CLEAN.sub("", rest)
        if not clean:
            return None
        for tail, type_, how in tails:
            if how == "item":
                if re.fullmatch(r"(?:等)?(?:链上|重点|龙头|骨干|规模以上|上下游)+" + tail, rest):
                    return tail, type_, how, clean
                continue
            if single or not counted:
                continue
            if how == "item+first" and clean.startswith(tail):
                return tail, type_, how, clean
            if how == "item+tail" and clean.endswith(tail) and len(clean) - len(tail) <= 4:
                return tail, type_, how, clean
        return None

    def _suffix_at(self, text: str, pos: int):
        seg = longest_at(text, pos, self.lex.suffixes, self._suffix_sizes)
        return None if seg is None else self.lex.suffixes[seg]

    def _listed_programmes(self, text, quotes, idx, heads) -> str | None:
        """For a quote in a run of quotes closed by 等…<head> or by a count and a head
        (“组织强链”“服务护链”四大工程): the head each item takes ("" after 等), else None."""
        k = idx
        while k + 1 < len(quotes) and self._joined(text, quotes[k][1], quotes[k + 1][0]):
            k += 1
        tail = text[quotes[k][1] : quotes[k][1] + 14]
        m = re.match(r"(?:等|和|以及)?(?:[一二三四五六七八九十两\d]+[个项大种类])?([^，,。；;：:！？!?、“”\"]{0,10})", tail)
        counted = re.match(r"[一二三四五六七八九十两\d]+[个项大种类]", tail)
        if not m or not (tail.startswith("等") or counted):
            return None
        rest = m.group(1)
        if any(x in rest for x in self.lex.non_programme_after):
            return None
        if counted and rest in heads and k > idx or (counted and rest in heads and idx > 0 and self._joined(text, quotes[idx - 1][1], quotes[idx][0])):
            return rest
        return "" if any(h in rest for h in heads) else None

    @staticmethod
    def _joined(text: str, a: int, b: int) -> bool:
        return text[a:b] in ("", "、", "和", "与", "及", ",", "，")

    def _book_titles(self, text, quotes, add) -> None:
        lex = self.lex
        for qs, qe, content, mark in quotes:
            if mark != "《":
                continue
            core = strip_marks(content, lex)
            k = qe
            while text.startswith("《", k):
                k = text.find("》", k) + 1 if "》" in text[k:] else k + 1
            tail = text[k : k + 8]
            if tail.startswith("等") and any(x in tail for x in lex.non_programme_after):
                continue
            if core:
                add(Cand(qs, qe, "Programme", core, "book-title"))

    # ---- persons ----------------------------------------------------------
    def _persons(self, text: str, byline, add) -> None:
        lex = self.lex
        found: set[tuple[int, int]] = set()
        # byline names, where the text writes them
        head = text[:300]
        for name in byline:
            i = head.find(name)
            if i >= 0 and len(name) >= 2:
                found.add((i, i + len(name)))
                add(Cand(i, i + len(name), "Person", name, "byline"))
        # 编辑:王小明 组版:张红
        for m in re.finditer(r"(编辑|组版|校对|摄影|通讯员|记者)[:：]\s*([\u4e00-\u9fff]{2,3})(?=$|\s|[^\u4e00-\u9fff])", text):
            a, b = m.span(2)
            if (a, b) not in found and m.group(2)[0] in lex.surnames:
                found.add((a, b))
                add(Cand(a, b, "Person", m.group(2), "credit"))
        roles = sorted(lex.roles, key=len, reverse=True)
        for role in roles:
            at = text.find(role)
            while at != -1:
                pos = at + len(role)
                at = text.find(role, pos)
                kind = lex.roles[role]
                name = self._name_at(text, pos, credit=kind == "credit")
                if name and kind == "none" and not any(text.startswith(v, pos + len(name)) for v in lex.speech_verbs):
                    continue
                if name and (pos, pos + len(name)) not in found:
                    found.add((pos, pos + len(name)))
                    add(Cand(pos, pos + len(name), "Person", name, f"role:{role}"))
        # 王小明说 / 张红介绍
        for verb in sorted(lex.speech_verbs, key=len, reverse=True):
            for m in re.finditer(re.escape(verb), text):
                a = m.start()
                for L in (3, 2):
                    cand = text[a - L : a] if a - L >= 0 else ""
                    if len(cand) == L and self._looks_like_name(cand, text, a - L):
                        if any(s <= a - L < e for s, e in found):
                            break
                        found.add((a - L, a))
                        add(Cand(a - L, a, "Person", cand, f"speech:{verb}"))
                        break

    def _looks_like_name(self, cand: str, text: str, start: int) -> bool:
        lex = self.lex
        if not all("\u4e00" <= ch <= "\u9fff" for ch in cand):
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

    def _name_at(self, text: str, pos: int, credit: bool = False) -> str | None:
        """A person's name starting at ``pos`` (after a post such as 书记), or None.
        After a credit (记者, 通讯员) a name may also just end at punctuation or a space."""
        lex = self.lex
        while credit and text[pos : pos + 1] in (" ", "\u3000", ":", "："):
            pos += 1
        seg = text[pos : pos + 4]
        if len(seg) < 2 or seg[0] not in lex.surnames:
            return None
        window = text[pos : pos + 8]
        w0 = segment.words(window)
        if w0 and w0[0][1].startswith("nr") and 2 <= len(w0[0][0]) <= 3 and w0[0][0] not in lex.non_person:
            return w0[0][0]
        # fall back on the words that follow a name
        for L in (3, 2):
            cand = text[pos : pos + L]
            if len(cand) < L or not all("\u4e00" <= ch <= "\u9fff" for ch in cand) or cand in lex.non_person:
                continue
            rest = text[pos + L : pos + L + 3]
            if any(rest.startswith(v) for v in lex.speech_verbs):
                return cand
            if credit and (not rest or rest[0] in HARD_STOPS or rest[0] in "）)】」"):
                return cand
        return None
