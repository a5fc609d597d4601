"""A person's posts: who leads which body, who sits on which committee (``roles.tsv``).

某村党支部书记甲 -> 甲 leads 某村党支部; 某党委委员乙 -> 乙 memberOf 某党委.
"""
from __future__ import annotations

from kg.extract.recognize import Cand
from kg.extract.relations.context import BODIES, Context


def posts(ctx: Context) -> None:
    by_end: dict[int, list[Cand]] = {}
    for c in ctx.cands:
        if c.type in BODIES:
            by_end.setdefault(c.end, []).append(c)
    for p in ctx.cands:
        if p.type != "Person":
            continue
        # the body written right before the post; of several (公司 + 党委书记 / 公司党委 + 书记)
        # the one that ends last, i.e. with the shortest post
        for role in sorted(ctx.lex.roles, key=len):
            a = p.start - len(role)
            rel = ctx.lex.roles[role]
            if a >= 0 and ctx.text[a:p.start] == role and rel in ("leads", "memberOf") and by_end.get(a):
                org = max(by_end[a], key=lambda o: o.end - o.start)
                ctx.add(p, rel, org, p.start, f"post:{role}")
                break
