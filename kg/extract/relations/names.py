"""Relations a name implies by its structure: place chains and the entities a name is built on.

某市某区某街道 is three places each inside the one before it; 某某社区党委
is located in 青松社区; 某某有限公司党支部 is that company's Party organisation;
宁阳县委县直机关工委 is an organ of 宁阳县委. These relations need no verb:
they are ``FromName`` in the graph.
"""
from __future__ import annotations

import re

from kg.extract.recognize import PLACE_RANK, Cand
from kg.extract.relations.context import Context
from kg.extract.relations.coref import nearest, own
from kg.model import METHOD_NAME


def chains(ctx: Context) -> None:
    """Each place of a written chain lies in the one before it, unless it is the wider one."""
    places = [c for c in ctx.cands if c.type == "Place"]
    by_start = {c.start: c for c in places}
    for a in places:
        b = by_start.get(a.end)
        if b is None:
            continue
        ra, rb = PLACE_RANK.get(a.kind, 3), PLACE_RANK.get(b.kind, 3)
        if rb >= ra:
            ctx.add(b, "locatedIn", a, a.start, "chain", METHOD_NAME)


def place_of(c: Cand) -> Cand | None:
    """The first place a name is built on, looking into the names it is built on."""
    for p in c.parts:
        if p.type == "Place":
            return p
        inner = place_of(p)
        if inner is not None:
            return inner
    return None


def declared_bodies(ctx: Context) -> None:
    """A party body named by a declared short form (华宇建材党支部 after 以下简称“华宇建材”)."""
    for c in ctx.cands:
        if c.type != "PartyOrganisation" or c.parts or not c.rule.startswith("suffix:"):
            continue
        stem = c.name[: -len(c.rule.split(":", 1)[1])]
        full = ctx.aliases.get(("Enterprise", stem)) or ctx.aliases.get(("Organisation", stem))
        body = next((o for o in ctx.cands if o.name == full and o.type in ("Enterprise", "Organisation")), None)
        if body is not None:
            ctx.add(c, "partyOrgOf", body, c.start, "party-org-of-body", METHOD_NAME)


def name_parts(ctx: Context) -> None:
    """Relations to the entities a name is built on: its place, its body, its parent committee."""
    kept = {id(c) for c in ctx.cands}
    for c in ctx.cands:
        for p in c.parts:
            if p.type == "Place":
                ctx.add(c, "locatedIn", p, c.start, "name-prefix", METHOD_NAME)
                continue
            place = place_of(p)
            if c.type == "PartyOrganisation" and p.type in ("Enterprise", "Organisation"):
                if own_party(ctx, c, p):
                    ctx.add(c, "partyOrgOf", p, c.start, "party-org-of-body", METHOD_NAME)
                if place is not None and p.type == "Organisation":
                    ctx.add(c, "locatedIn", place, c.start, "name-prefix", METHOD_NAME)
            elif c.type == "PartyOrganisation" and p.type == "PartyOrganisation":
                if place is not None:
                    ctx.add(c, "locatedIn", place, c.start, "name-prefix", METHOD_NAME)
                if p.kind == "committee" and p.parts and not any(c.name.endswith(d) for d in ctx.lex.departments):
                    # an organ of a committee named with its place (某市委|某工委); a bare 市委
                    # written only as a prefix names no body of its own
                    if id(p) in kept or any(ctx.canon(x) == ctx.canon(p) for x in ctx.cands):
                        ctx.add(c, "memberOf", p, c.start, "organ-of-committee", METHOD_NAME)
            elif c.type == p.type == "Organisation":
                if id(p) in kept:
                    ctx.add(c, "memberOf", p, c.start, "sub-body", METHOD_NAME)
                if place is not None:
                    ctx.add(c, "locatedIn", place, c.start, "name-prefix", METHOD_NAME)


def bracketed_places(ctx: Context) -> None:
    """A place in brackets inside a name says where that branch is (某某(宜城)有限公司, 襄阳(宜城)化工园区)."""
    opening, closing = ctx.lex.chars["opening_brackets"], ctx.lex.chars["closing_brackets"]
    places = [p for p in ctx.raw if p.type == "Place"]
    for c in ctx.outermost:
        for p in places:
            if (c.start < p.start - 1 and p.end < c.end and ctx.text[p.start - 1] in opening
                    and ctx.text[p.end] in closing):
                ctx.add(c, "locatedIn", p, c.start, "bracketed-place", METHOD_NAME)


def party_head(ctx: Context, name: str) -> str:
    """The Party head noun a name ends in (党支部, 党委…), or ""."""
    heads = [s for s, suf in ctx.lex.suffixes.items() if suf.type == "PartyOrganisation" and name.endswith(s)]
    return max(heads, key=len, default="")


def own_party(ctx: Context, party: Cand, body: Cand) -> bool:
    """True when the words between a body and the Party head name that body's own organisation
    (某公司党支部, 某局机关党委, 某公司第二党支部), not a joint or cross-body one built on it
    (某公司片区联合党委, 某学校“校地”联合党支部) or a sub-unit's (某学院某系教工党支部, 两方党支部)."""
    head = party_head(ctx, party.name)
    if not head or body.end > party.end - len(head):
        return not head
    between = ctx.text[body.end : party.end - len(head)]
    words = "|".join(re.escape(w) for w in ctx.vocab.words["own_party_modifiers"])
    numerals = re.escape("".join(sorted(ctx.lex.chars["stem_numerals"])))
    return re.fullmatch(rf"(?:{words}|第[{numerals}]+)*", between) is not None


def short_form_bodies(ctx: Context) -> None:
    """A Party body named by a short form of a body the article names in full (某纸业党支部 ->
    某某纸业有限公司), or by a bare word that stands for one (院党委 -> the hospital or college the
    article is about)."""
    bodies = [c for c in ctx.cands if c.type in ("Enterprise", "Organisation") and ctx.canon(c)]
    for c in ctx.cands:
        if c.type != "PartyOrganisation" or any(p.type in ("Enterprise", "Organisation") for p in c.parts):
            continue
        if ctx.canon(c) != c.name:
            continue  # a short form of a fuller name: that name's own relations hold
        head = party_head(ctx, c.name)
        places = [p for p in c.parts if p.type == "Place" and p.start == c.start]
        stem = ctx.text[max([c.start] + [p.end for p in places]) : c.end - len(head)] if head else ""
        ref = ctx.vocab.references.get(stem)
        if ref is not None:
            body = (own(ref, ctx.main_actor) or nearest(bodies, ref, c.start)) if _bare(ctx, c) else None
        elif len(stem) >= 2:
            fuller = {ctx.canon(b): b for b in bodies if stem in b.name and len(b.name) > len(stem)}
            body = next(iter(fuller.values())) if len(fuller) == 1 else None
        else:
            body = None
        if body is not None and body.type in ("Enterprise", "Organisation"):
            ctx.add(c, "partyOrgOf", body, c.start, "party-org-of-short-form", METHOD_NAME)


def _bare(ctx: Context, c: Cand) -> bool:
    """True when a name is written alone (院党委 after a stop or a joiner), not cut from a longer name
    the recogniser missed."""
    before = ctx.text[c.start - 1 : c.start]
    return not before or before in ctx.lex.chars["hard_stops"] or before in ctx.lex.chars["joiners"]


def zones_of_places(ctx: Context) -> None:
    """A zone named after a place mentioned on its own elsewhere (昌吉高新区 / 昌吉市)."""
    for z in ctx.cands:
        if z.type != "Place" or z.kind != "zone":
            continue
        for w in ctx.raw:
            if w.type == "Place" and w.start == z.start and w.end < z.end and not w.strong:
                named = [c for c in ctx.cands if c.type == "Place" and c is not z and ctx.canon(c) == ctx.canon(w)]
                if named:
                    ctx.add(z, "locatedIn", w, z.start, "zone-of-place", METHOD_NAME)
