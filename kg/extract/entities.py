"""From overlapping candidates to one entity per name within an article.

Nested names are kept where the guidelines want both (单光屯社区 inside
青松社区党委) and dropped where the inner one is only part of the name
(泰安 inside 泰安高新区, 某市公安局 inside 某市公安局东区分局河滨派出所).
Aliases come from quoted cores, ``以下简称`` declarations, place short forms
that the gazetteer maps to the same code, and "该村"-style references.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from kg.extract.lexicon import Lexicon
from kg.extract.recognize import Cand
from kg.gazetteer import Gazetteer
from kg.model import Entity, Mention

Key = tuple[str, str]  # (type, name)

def _recurs(text: str, c: Cand, outer: Cand) -> bool:
    """True when the own part of a nested body name (东区分局 in 某市公安局东区分局) is
    written again elsewhere: then the article names that body on its own too."""
    if not c.parts:
        return False
    prefix = text[c.start : c.parts[-1].end]
    own = text[c.parts[-1].end : c.end]
    if len(own) < 3:
        return False
    return any(text[max(0, m.start() - len(prefix)) : m.start()] != prefix for m in re.finditer(re.escape(own), text))


def select(cands: list[Cand], lex: Lexicon, text: str = "") -> list[Cand]:
    """Drop candidates that are only parts of longer names or duplicates of them."""
    # a name containing or crossing c starts at most `longest` characters before c's end or start
    order = sorted(cands, key=lambda o: o.start)
    starts = [o.start for o in order]
    longest = max((o.end - o.start for o in cands), default=0)
    out = []
    for c in cands:
        drop = False
        for o in order[bisect_left(starts, c.end - longest) : bisect_right(starts, c.start)]:
            if o is c or not (o.start <= c.start and c.end <= o.end) or (o.start, o.end) == (c.start, c.end):
                continue
            if c.type == "Place" and o.type in ("Place", "Person") and not c.strong:
                drop = True  # 济宁 in 济宁高新区, 东城 in 东城街道, 新平 in a person's name
            elif c.type == o.type and c.type != "Place":
                if c.kind == "committee" and not any(o.name.endswith(d) for d in lex.departments):
                    continue  # 宁阳县委 inside 宁阳县委县直机关工委 is an organ of its own
                if c.type == "Organisation" and c.start == o.start and _recurs(text, c, o):
                    continue
                drop = True
            elif c.type == "Person" or o.type == "Programme":
                drop = True
            elif o.type == "Place" and c.type in ("Organisation", "Enterprise") and c.start == o.start:
                drop = True  # 某局宿舍 is a place named after a body
            if drop:
                break
        if drop:
            continue
        # crossing spans of the same type: keep the longer
        for o in order[bisect_left(starts, c.start - longest) : bisect_left(starts, c.end)]:
            if o is c or o.type != c.type:
                continue
            if o.start < c.start < o.end < c.end or c.start < o.start < c.end < o.end:
                if (o.end - o.start) > (c.end - c.start):
                    drop = True
                    break
        if not drop:
            out.append(c)
    # identical spans: keep one per (span, type)
    seen: set[tuple[int, int, str]] = set()
    uniq = []
    for c in sorted(out, key=lambda c: (c.start, -(c.end - c.start), c.type, c.rule)):
        key = (c.start, c.end, c.type)
        if key in seen:
            continue
        seen.add(key)
        uniq.append(c)
    return uniq


def abbreviations(text: str, cands: list[Cand], lex: Lexicon) -> dict[str, str]:
    """``以下简称`` declarations: alias -> full name of the entity just before them."""
    out: dict[str, str] = {}
    ends: dict[int, Cand] = {}
    for c in cands:  # the longest name ending right before the parenthesis
        prev = ends.get(c.end)
        if prev is None or c.end - c.start > prev.end - prev.start:
            ends[c.end] = c
    for m in lex.abbreviation_re.finditer(text):
        before = ends.get(m.start())
        if before is not None:
            out[m.group(1).strip()] = before.name
    return out


def resolve_demonstratives(text: str, cands: list[Cand], lex: Lexicon) -> list[Cand]:
    """Rename 该村党支部 to the party branch of the last village named before it."""
    out = []
    for c in cands:
        m = lex.demonstrative_re.match(text, c.start) if c.type != "Place" else None
        if m is None:
            # a body name that starts with 该X right before the candidate (该村党支部 is cut to 党支部…)
            m2 = lex.demonstrative_re.search(text, max(0, c.start - 3), c.start)
            if c.type == "PartyOrganisation" and m2 and m2.end() == c.start:
                m = m2
        if m is not None and c.type == "PartyOrganisation":
            word = m.group(1)
            ref = None
            for o in cands:
                if o.end <= m.start() and o.type in ("Place", "Enterprise") and o.name.endswith(word):
                    if ref is None or o.end > ref.end:
                        ref = o
            if ref is not None:
                suffix = text[m.end() : c.end]
                surface = text[m.start() : c.end]
                c = Cand(m.start(), c.end, c.type, ref.name + suffix, c.rule + "+coref",
                         aliases=tuple(c.aliases) + (surface,), kind=c.kind, parts=[ref])
        out.append(c)
    return out


def merge(text: str, cands: list[Cand], gaz: Gazetteer, lex: Lexicon,
          sentence_of: Callable[[int], int]) -> tuple[list[Entity], dict[Key, str]]:
    """One Entity per name and type; returns the entities and a (type, surface name) -> canonical name map.

    ``sentence_of``: the index of the sentence holding a character offset (-1: none)."""
    abbrev = abbreviations(text, cands, lex)
    groups: dict[Key, Entity] = {}
    canon: dict[Key, Key] = {}
    # places: gather by gazetteer code so 济宁 and 济宁市 become one, named by the fullest form
    context = {c.code for c in cands if c.type == "Place" and c.code and c.strong}
    code_of: dict[str, str] = {}
    for c in cands:
        if c.type == "Place":
            div = gaz.lookup(c.name, context) if (c.code or gaz.lookup(c.name)) else None
            if div is not None and (c.name == div.name or div.short == c.name or c.name in div.variants):
                code_of[c.name] = div.code
    by_code: dict[str, list[str]] = {}
    for name, code in code_of.items():
        by_code.setdefault(code, []).append(name)
    for same_place in by_code.values():
        full = max(same_place, key=lambda n: (len(n), n))
        for n in same_place:
            canon[("Place", n)] = ("Place", full)
    # 以下简称 aliases and names that equal another name's quoted core
    for alias, full in abbrev.items():
        for c in cands:
            if c.name == full:
                canon[(c.type, alias)] = (c.type, full)
                break
    # a bare committee (县委) is the one place committee of the article, when there is exactly one
    for c in cands:
        if c.rule == "committee-bare":
            owners = {o.name for o in cands
                      if o.kind == "committee" and o.rule == "committee" and o.name.endswith(c.name)}
            if len(owners) == 1:
                canon[(c.type, c.name)] = (c.type, owners.pop())
    # a body written later by the tail of its full name (松园派出所 for …分局松园派出所)
    bodies = sorted({(c.type, c.name) for c in cands if c.type in ("Organisation", "PartyOrganisation", "Enterprise")},
                    key=lambda k: (-len(k[1]), k))  # ties by name: a set's order follows the hash seed
    for t, n in bodies:
        for t2, full in bodies:
            if t2 == t and full != n and full.endswith(n) and len(n) >= 4 and (t, n) not in canon:
                canon[(t, n)] = (t, full)
                break
    # a listed item that repeats another name's place and quoted core (兖州 + 红色农机)
    for c in cands:
        if c.kind != "listed" or not c.aliases:
            continue
        item = c.aliases[0]
        for o in cands:
            if o is c or o.type != c.type or o.kind == "listed":
                continue
            for a in o.aliases:
                head = item[: len(item) - len(a)]
                if len(a) >= 2 and item.endswith(a) and head and o.name.startswith(head):
                    canon[(c.type, c.name)] = (o.type, o.name)
    # a place written without its suffix elsewhere (利城半岛 / 利城半岛小区) is the same place
    place_names = {c.name for c in cands if c.type == "Place"}
    for c in cands:
        if c.type == "Place" and c.kind in ("community", "compound", "town"):
            for suf in lex.words["place_forms"]:
                if c.name.endswith(suf) and c.name[: -len(suf)] in place_names and len(c.name) - len(suf) >= 2:
                    canon[("Place", c.name[: -len(suf)])] = ("Place", c.name)
    for c in cands:
        key = canon.get((c.type, c.name), (c.type, c.name))
        # a body named by an alias of an enterprise (华宇建材党支部) keeps its own name
        ent = groups.get(key)
        if ent is None:
            ent = groups[key] = Entity(name=key[1], type=key[0])
        if c.name != key[1]:
            ent.aliases.add(c.name)
        for a in c.aliases:
            if a and a != key[1]:
                ent.aliases.add(a)
        ent.mentions.append(Mention(c.start, c.end, text[c.start:c.end], c.type, key[1], tuple(c.aliases),
                                    c.rule, sentence_of(c.start)))
    for (_, n), (t2, full) in canon.items():
        if (t2, full) in groups and n != full:
            groups[(t2, full)].aliases.add(n)
    for ent in groups.values():
        if ent.type == "Place":
            place_code = code_of.get(ent.name)
            if place_code:
                ent.code = place_code
                ent.level = gaz.divisions[place_code].level
    names = {key: full for key, (_, full) in canon.items()}
    return sorted(groups.values(), key=lambda e: (e.mentions[0].start, e.type, e.name)), names
