"""Where things are (``locatedIn``) beyond the structure of one name.

- referring chains: 该镇某村 -> 某村 in the town 该镇 stands for;
- elided chains: 某市甲区、乙区 -> 乙区 in 某市 too (a list continuing a chain);
- stated places: 某公司位于某市某区 -> in the last place of the chain (位于, 地处, 坐落于…);
- bodies written right after a place: 某区某某科技 -> 某某科技 in 某区;
- what a place holds: 某商圈内有甲、乙; 辖区甲;
- small places of the sentence's place: 某街道…完成甲社区、乙小区… -> each in 某街道, when
  nothing else places them (村, 社区, 小区 the gazetteer does not know).
"""
from __future__ import annotations

import re

from kg.extract.recognize import PLACE_RANK, Cand
from kg.extract.relations.clauses import clauses, opening, previous_subject
from kg.extract.relations.context import ACTORS, BODIES, Context
from kg.model import METHOD_NAME


def _rank(c: Cand) -> int:
    return PLACE_RANK.get(c.kind, 3)


def _places(ctx: Context) -> list[Cand]:
    return sorted((c for c in ctx.cands + ctx.referring if c.type == "Place"), key=lambda c: (c.start, -c.end))


def referring_chains(ctx: Context) -> None:
    """A place written right after a word that stands for a wider one (该镇东坡村) lies in it."""
    places = {c.start: c for c in ctx.cands if c.type == "Place"}
    for ref in ctx.referring:
        inner = places.get(ref.end)
        if ref.type == "Place" and inner is not None and _rank(inner) > _rank(ref):
            ctx.add(inner, "locatedIn", ctx.real(ref), ref.start, "chain-reference")


def elided_chains(ctx: Context) -> None:
    """Places listed after a chained one share its parent (某市甲区、乙区; 某县甲镇、某乡、乙乡等乡镇):
    each 、-item of the list that is a place of the chained one's level, past items not recognised."""
    places = _places(ctx)
    by_start = {c.start: c for c in places}
    stops = ctx.lex.chars["clause_stops"] | ctx.lex.chars["sentence_ends"]
    for parent in places:
        child = by_start.get(parent.end)
        if child is None or _rank(child) < _rank(parent) or not ctx.text.startswith("、", child.end):
            continue
        end = next((k for k in range(child.end, len(ctx.text)) if ctx.text[k] in stops), len(ctx.text))
        pos = child.end
        for piece in ctx.text[child.end + 1 : end].split("、"):
            pos += 1
            item = max((c for c in places if c.start == pos and c.end <= pos + len(piece)), key=lambda c: c.end,
                       default=None)
            if item is not None and _rank(item) == _rank(child) and by_start.get(item.end) is None:
                ctx.add(item, "locatedIn", ctx.real(parent), item.start, "chain-elided", METHOD_NAME)
            pos += len(piece)


def stated(ctx: Context) -> None:
    """An entity stated to be in a place (位于, 地处…) lies in the last place of the chain written there."""
    words = "|".join(re.escape(w) for w in sorted(ctx.vocab.words["location_verbs"], key=len, reverse=True))
    by_start: dict[int, Cand] = {}
    for c in _places(ctx):
        by_start.setdefault(c.start, c)
    for m in re.finditer(words, ctx.text):
        subject = next((c for c in ctx.outermost + ctx.referring if c.end == m.start()), None)
        place = by_start.get(m.end())
        if subject is None or place is None:
            continue
        while (nxt := by_start.get(place.end)) is not None and _rank(nxt) >= _rank(place):
            place = nxt
        ctx.add(ctx.real(subject), "locatedIn", ctx.real(place), m.start(), "stated")


def place_before_body(ctx: Context) -> None:
    """A body written right after a place, not built on it (某区某某科技), lies in that place."""
    places = {c.end: c for c in _places(ctx)}
    for c in ctx.outermost:
        place = places.get(c.start)
        if c.type in BODIES and place is not None and not any(p.type == "Place" for p in c.parts):
            ctx.add(c, "locatedIn", ctx.real(place), c.start, "place-before-body")


def named_after_places(ctx: Context) -> None:
    """A body named after a small place's own name without its suffix (“青松”志愿服务队 in an article
    about 青松社区) lies in that place."""
    small = [c for c in ctx.cands if _small_rank(ctx, c) is not None and ctx.canon(c)]
    for body in ctx.outermost:
        if body.type not in ("Organisation", "PartyOrganisation") or any(p.type == "Place" for p in body.parts):
            continue
        name = "".join(body.name.translate(ctx.lex.mark_table).split())
        for place in small:
            core = _core(ctx, place.name)
            if core and len(core) >= 2 and name.startswith(core) and not name.startswith(place.name):
                ctx.add(body, "locatedIn", place, body.start, "named-after-place", METHOD_NAME)
                break


def _core(ctx: Context, name: str) -> str:
    """A place's name without the suffix that makes it a place (青松社区 -> 青松)."""
    suffixes = [s for s, suf in ctx.lex.suffixes.items() if suf.type == "Place" and name.endswith(s)]
    return name[: -len(max(suffixes, key=len))] if suffixes else ""


def contents(ctx: Context) -> None:
    """What a place holds: 某商圈内有甲、乙 -> each in 某商圈 (also when only its head word is written:
    商圈内有…, the nearest place whose name ends so); 辖区甲 -> 甲 in the place the sentence is about."""
    text, words = ctx.text, ctx.vocab.words
    places = sorted((c for c in ctx.cands + ctx.referring if c.type == "Place"), key=lambda c: c.start)
    things = [c for c in ctx.outermost if c.type in ACTORS]
    stops = ctx.lex.chars["clause_stops"] | ctx.lex.chars["sentence_ends"]
    holding = "|".join(re.escape(w) for w in sorted(words["holding_words"], key=len, reverse=True))
    for m in re.finditer(holding, text):
        owner = next((c for c in places if c.end == m.start()), None) or _bare_place(ctx, places, m.start())
        end = next((k for k in range(m.end(), len(text)) if text[k] in stops), len(text))
        for c in things:
            if owner is not None and m.end() <= c.start < end and ctx.canon(c) != ctx.canon(owner):
                ctx.add(c, "locatedIn", ctx.real(owner), c.start, "contents")
    subjects = sorted((c for c in ctx.outermost + ctx.referring if c.type in ACTORS), key=lambda c: c.start)
    jurisdiction = "|".join(re.escape(w) for w in words["jurisdiction_words"])
    for m in re.finditer(rf"(?:{jurisdiction})(?:内的|内|的)?", text):
        thing = next((c for c in things if c.start == m.end()), None)
        s_start, _ = ctx.sentence_at(m.start())
        owner = next((o for x, y in clauses(ctx, s_start, m.start()) if (o := opening(subjects, x, y)) is not None),
                     None) or previous_subject(ctx, s_start, subjects)
        if thing is not None and owner is not None and owner.type == "Place":
            ctx.add(thing, "locatedIn", ctx.real(owner), m.start(), "jurisdiction")


def _bare_place(ctx: Context, places: list[Cand], pos: int) -> Cand | None:
    """A place written by its head word alone right before ``pos`` (，商圈内有…): the nearest place before
    it whose name ends in that word."""
    heads = [s for s, suf in ctx.lex.suffixes.items() if suf.type == "Place" and ctx.text.endswith(s, 0, pos)]
    head = max(heads, key=len, default="")
    before = ctx.text[pos - len(head) - 1 : pos - len(head)]
    if not head or (before and before not in ctx.lex.chars["hard_stops"]):
        return None
    return max((c for c in places if c.end <= pos - len(head) and c.name.endswith(head)), key=lambda c: c.end,
               default=None)


def sentence_places(ctx: Context) -> None:
    """A small place (村, 社区, 小区) that nothing else places lies in the wider place its sentence is
    about: the place (or 该镇…) that is the first subject of its clauses before it, else of an earlier
    sentence of the paragraph (某街道深入挖掘…；先后完成甲社区…). A sentence about a body is not one
    about a place."""
    placed = {r.head for r in ctx.out.values() if r.rel == "locatedIn" and r.head_type == "Place"}
    subjects = sorted((c for c in ctx.outermost + ctx.referring if c.type in ACTORS), key=lambda c: c.start)
    by_start = {c.start: c for c in ctx.cands if c.type == "Place"}
    widest = PLACE_RANK[ctx.vocab.words["sentence_place_widest"][0]]
    for p in ctx.cands:
        rank = _small_rank(ctx, p)
        if rank is None or p.code or ctx.canon(p) in placed:
            continue
        s_start, _ = ctx.sentence_at(p.start)
        subject = next((o for x, y in clauses(ctx, s_start, p.start) if (o := opening(subjects, x, y)) is not None),
                       None) or previous_subject(ctx, s_start, subjects)
        while subject is not None and (nxt := by_start.get(subject.end)) is not None and nxt.end <= p.start:
            subject = nxt  # the last place of a chain (某市某街道某村…) is what the sentence is about
        if subject is None or subject.type != "Place" or not widest <= place_rank(ctx, subject) < rank:
            continue
        if ctx.add(p, "locatedIn", ctx.real(subject), p.start, "sentence-place"):
            placed.add(ctx.canon(p) or p.name)


def place_rank(ctx: Context, p: Cand) -> int:
    """A place's level (PLACE_RANK): by the suffix of a small place, else by its kind."""
    small = _small_rank(ctx, p)
    return small if small is not None else _rank(p)


def _small_rank(ctx: Context, p: Cand) -> int | None:
    """The rank of a place the gazetteer cannot know by the suffix it ends in (村, 社区, 小区…), else None."""
    if p.type != "Place":
        return None
    small = ctx.vocab.words["small_place_kinds"]
    kinds = [suf.kind for s, suf in ctx.lex.suffixes.items()
             if suf.type == "Place" and suf.kind in small and p.name.endswith(s)]
    return max((PLACE_RANK[k] for k in kinds), default=None)
