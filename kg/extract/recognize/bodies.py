"""Places and bodies named by their head noun: 街道, 社区, 党支部, 有限公司, 派出所…

A suffix from ``suffixes.tsv`` says what a name is; its left edge is found
by ``edges.left_edge``; a name written right after another entity is built
on it (西岭村 + 党支部 = 西岭村党支部, with the village as a part) when the
type order allows. Names are built in ``BUILD_ORDER``, so a body can include
the place or body written before it.
"""
from __future__ import annotations

from kg.extract import segment
from kg.extract.lexicon import Suffix
from kg.extract.recognize import tagged
from kg.extract.recognize.edges import left_edge
from kg.extract.recognize.places import place_start, split_chain, starts_place
from kg.extract.recognize.scan import BODY_TYPES, Cand, Scan, longest_at, strip_marks
from kg.extract.recognize.vocabulary import Vocabulary

BUILD_ORDER: tuple[str, ...] = BODY_TYPES
# the longest stem (characters before the suffix) a name of each type may have
SUFFIX_LIMITS = {"Place": 5, "Enterprise": 14, "Organisation": 12, "PartyOrganisation": 14}

Hit = tuple[int, int, str]  # start, end, suffix


def suffix_hits(v: Vocabulary, text: str) -> list[Hit]:
    """(start, end, suffix) of the longest known suffix ending at each position."""
    lex = v.lex
    hits = []
    for m in v.suffix_last_re.finditer(text):
        e = m.end()
        for L in v.suffix_lengths[text[e - 1]]:
            if L > e:
                continue
            suf = text[e - L : e]
            if suf in lex.suffixes:
                nxt = text[e : e + 2]
                if nxt[:1] in v.continuations or nxt in v.continuations:
                    break
                if L == 1 and (text[max(0, e - 2) : e] in lex.suffix_blocked_words
                               or segment.is_word(text[e - 1 : e + 1]) and not text.startswith(v.party_heads, e)
                               and not _doubled(v, text, e)):
                    break  # 乡村 is no 乡; but 乡党委 is a 乡's 党委, though 乡党 is a word
                hits.append((e - L, e, suf))
                break
    # a suffix that is the tail of a longer one ending at the same place was skipped above;
    # drop hits wholly inside a longer hit (党建联盟 inside 党建联盟 is fine, 委 inside 党委 not)
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[Hit] = []
    for h in hits:
        if kept and h[0] >= kept[-1][0] and h[1] <= kept[-1][1]:
            continue
        kept.append(h)
    return kept


def _doubled(v: Vocabulary, text: str, e: int) -> bool:
    """True when a one-character suffix ending at ``e`` is written again to start the next word or
    post (某村|村民, 某村|村委会, 某村|村医): 村村 is a word, but here the second 村 belongs to what follows."""
    if text[e : e + 1] != text[e - 1 : e] or len(longest_at(text, e, v.lex.suffixes, v.suffix_sizes) or "") > 1:
        return False  # 某村村委会 stays one name
    return segment.is_word(text[e : e + 2]) or segment.is_word(text[e : e + 3]) or any(
        text.startswith(r, e) for r in v.lex.roles if r[0] == text[e])


def suffix_at(v: Vocabulary, text: str, pos: int) -> Suffix | None:
    """The longest suffix written at ``pos``, if any."""
    seg = longest_at(text, pos, v.lex.suffixes, v.suffix_sizes)
    return None if seg is None else v.lex.suffixes[seg]


def suffix_names(v: Vocabulary, scan: Scan, hits: list[Hit], phase: str) -> None:
    """The names of type ``phase`` that end in one of ``hits``."""
    for s, e, suf in hits:
        sx = v.lex.suffixes[suf]
        if sx.type == phase:
            suffix_entity(v, scan, s, e, sx)


def _edge(v: Vocabulary, scan: Scan, s: int, e: int, sx: Suffix) -> int:
    """The left edge of the stem before suffix ``sx`` at [s, e), before any prefix entity is considered."""
    lex, text, by_end = v.lex, scan.text, scan.by_end
    edge = left_edge(v, scan, s, SUFFIX_LIMITS[sx.type], verbs_stop=sx.type != "Enterprise",
                     generic_words=sx.type == "PartyOrganisation")
    labels = tagged.edge_labels(sx.type, sx.kind)
    span = tagged.covering(scan, s, e, labels) or tagged.leading(scan, edge, s, labels)
    trim = lex.pos["tagger_left_stop"] | lex.pos["tagger_particle"]
    if span is not None and not any(ch in v.hard_stops for ch in text[span.start:s]) and (
            span.start < edge or sx.type in ("Enterprise", "Organisation")
            and tagged.last_break(scan, edge, span.start, trim) is not None):
        # the tagger saw where the name begins: 某某建设公司, not 公司 after a verb-like word; and a
        # company's name does not take in the verb before it (建起|某某厂, 成立了|某某合作社)
        edge = span.start
    if sx.type == "Organisation" and sx.text in lex.conjoined_bodies and edge > 0 \
            and text[edge - 1] in lex.chars["field_joiners"] and s - edge >= 2:
        left = left_edge(v, scan, edge - 1, 8)
        if edge - 1 - left >= 2 and not any(text.endswith(x, left, edge - 1) for x in lex.suffixes):
            edge = left  # 住房和城乡建设局 is one name; 某大学与某学院 are two
    for k in (4, 3, 2) if sx.type == "Enterprise" else ():  # a dictionary word ending in the suffix (农业银行)
        if s - k >= 0 and s - k < edge and segment.is_word(text[s - k : e]) and len(text[s - k : e]) >= 4:
            edge = s - k
            break
    if sx.type == "Place":
        edge = _place_stem_start(v, scan, edge, s, 4)  # 东昌府区道口铺街道: the chain fixes the stem
    elif sx.type in ("PartyOrganisation", "Organisation"):
        edge = _place_stem_start(v, scan, edge, s, 8)  # 某区|外卖配送行业|党委: a field of verbs after a place
    # do not run over an entity found earlier: a place chain splits at it, a body includes it;
    # a short place form (济宁) splits a chain only when a real stem follows it (高唐鱼丘湖社区)
    for end in range(s, edge, -1):  # the latest end that qualifies
        if any(c.start < s and (c.strong or sx.type != "Place" or (
                s - end >= 2 and not v.stem_count_re.match(text[end:s])))
               for c in by_end.get(end, ())):
            edge = end
            break
    if sx.type == "Place":
        for c in scan.weak_places:
            if edge < c.start and c.end <= s:
                edge = c.start
                break
        if "withplace" in sx.flags:
            edge = place_start(v, scan, edge, s)
        edge = split_chain(v, scan, edge, s)
        stop = tagged.last_break(scan, edge, s, lex.pos["tagger_left_stop"])
        if stop is not None and stop > edge:
            edge = stop  # a word the tagger reads as a verb or function word is not part of a place's name
    elif sx.type in ("Enterprise", "Organisation"):
        edge = _across_bracketed_place(v, scan, edge)
        if sx.type == "Enterprise":
            edge = _past_generic(v, text, edge, s)
    return edge


def _place_stem_start(v: Vocabulary, scan: Scan, edge: int, s: int, longest: int) -> int:
    """The earliest end of a strong place 2 to ``longest`` characters before the head noun at ``s``,
    when only content words (no stop or function words) stand between: the name starts after that
    place, whatever the segmenter's verb tags inside the stem say."""
    text, lex = scan.text, v.lex
    for end in range(max(0, s - longest), min(edge, s - 1)):
        if any(c.type == "Place" and c.strong for c in scan.by_end.get(end, ())) \
                and all("\u4e00" <= ch <= "\u9fff" for ch in text[end:s]) \
                and not any(w in lex.stopwords or f in v.function_word_flags
                            for w, f in segment.words(text[end:s])):
            return end
    return edge


def _past_generic(v: Vocabulary, text: str, start: int, edge: int) -> int:
    """``start`` moved past the generic words that open the stem [start, edge): a class noun before a
    company's name is no part of it (先进基层党组织|某某集团)."""
    while start < edge:
        g = longest_at(text, start, v.lex.generic_stems, v.generic_sizes)
        if g is None or len(g) < 2 or start + len(g) >= edge:
            break  # one-character generic words (新, 老) also begin real names (新疆…)
        start += len(g)
    return start


def _level_body(v: Vocabulary, stem: str, sx: Suffix) -> bool:
    """A Party body named by its level and field alone (县非公党工委, 省两新组织党工委) is the one body of
    that level the article means, though each word of its stem is generic."""
    first = longest_at(stem, 0, v.lex.generic_stems, v.generic_sizes)
    return sx.type == "PartyOrganisation" and first is not None and len(first) == 1 \
        and first in v.lex.chars["level_stems"]


def _across_bracketed_place(v: Vocabulary, scan: Scan, edge: int) -> int:
    """A company names its seat in brackets inside its name (某某新材料(宜城)有限公司): when a
    bracketed place ends right at the left edge, the name goes on before the brackets."""
    text = scan.text
    if edge < 4 or text[edge - 1] not in v.lex.chars["closing_brackets"]:
        return edge
    opening = max(text.rfind(ch, max(0, edge - 9), edge - 1) for ch in v.lex.chars["opening_brackets"])
    inner = text[opening + 1 : edge - 1]
    if opening < 1 or not v.is_place_name(inner):
        return edge
    left = left_edge(v, scan, opening, SUFFIX_LIMITS["Enterprise"], verbs_stop=False)
    stop = tagged.last_break(scan, left, opening, v.lex.pos["tagger_left_stop"])
    if stop is not None and stop > left:
        left = stop
    return left if opening - left >= 2 else edge


def suffix_entity(v: Vocabulary, scan: Scan, s: int, e: int, sx: Suffix) -> None:
    """A name ending in suffix ``sx`` at [s, e): find its left edge, decide whether it is
    built on the entity before it (单光屯社区 + 党委), and reject generic ones."""
    lex, text = v.lex, scan.text
    edge = _edge(v, scan, s, e, sx)
    if edge == s and s > 0 and text[s - 1] in lex.quote_pairs and text[e : e + 1] == lex.quote_pairs[text[s - 1]]:
        edge = s - 1
    stem = strip_marks(text[edge:s], lex)
    parts: list[Cand] = []
    prev = scan.adjacent(edge, BODY_TYPES)
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
    if "quoted" in sx.flags and not scan.quotes_in(edge, s) and not (
            edge > 0 and text[edge - 1] in lex.quote_pairs and text[e:e + 1] == lex.quote_pairs[text[edge - 1]]):
        return
    if "placed" in sx.flags and not (prev is not None and prev.type == "Place"):
        return
    if "bodied" in sx.flags and prev is None:
        return  # 支部 without 党 is a Party branch only right after a body's or place's name
    if sx.type == "Place" and sx.kind in ("town", "community", "compound") and not include_prev and len(stem) < 2:
        return
    demo = None
    if not stem and not include_prev and sx.type == "PartyOrganisation":
        demo = next((m for m in lex.demonstrative_re.finditer(text, max(0, edge - 4), edge) if m.end() == edge),
                    None)
    if demo is not None:
        scan.add(Cand(demo.start(), e, sx.type, text[demo.start():e], f"suffix:{sx.text}", kind=sx.kind))
        return
    if include_prev:
        assert prev is not None
        parts.append(prev)
        start = prev.start
    else:
        start = edge
    if not stem and not include_prev:
        if sx.type == "Place" and "bare" in sx.flags:
            nxt = text[e : e + 6]
            if longest_at(nxt, 0, v.names, v.name_sizes) is None and not starts_place(v, text, e):
                return
        else:
            return
    elif not include_prev and (len(stem) < 2 and not (stem in lex.chars["level_stems"]
                                                      and sx.type in ("Organisation", "Enterprise"))
                               or len(stem) >= 2 and v.generic(stem) and not _level_body(v, stem, sx)):
        return
    if sx.type == "PartyOrganisation" and any(w in stem for w in v.party_suffixes):
        if not include_prev:
            return
    if not include_prev and tagged.only_verbs(scan, edge, s, lex.pos["tagger_verb"], lex.pos["tagger_verbal_noun"]):
        return  # 指导联系规范|党建联盟: what the tagger reads as verbs only is an action, not a name
    surface = text[start:e]
    name = strip_marks(surface, lex)
    if name in lex.generic_names or len(name) < 2:
        return
    aliases = tuple(strip_marks(q.content, lex) for q in scan.quotes_in(start, s))
    if edge == s - 1 and text[e:e + 1] in lex.quote_pairs.values():
        aliases += (strip_marks(text[s:e], lex),)
        e += 1
    scan.add(Cand(start, e, sx.type, name, f"suffix:{sx.text}", aliases=aliases, kind=sx.kind, parts=parts,
                  strong=True))
