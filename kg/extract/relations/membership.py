"""Bodies that belong to an alliance, a joint committee or a parent body (``membership.tsv``)."""
from __future__ import annotations

from kg.extract.relations.context import BODIES, Context


def recruited(ctx: Context) -> None:
    """Bodies recruited by a verb (链接/吸纳…) after an alliance was named join that alliance."""
    lex, text = ctx.lex, ctx.text
    bodies = [c for c in ctx.outermost if c.type in BODIES]
    for a, b in ctx.sentences:
        clause = text[a:b]
        for verb in lex.membership_verbs:
            k = clause.find(verb)
            if k < 0:
                continue
            start = a + k + len(verb)
            stop = next((i for i in range(start, b) if text[i] in lex.chars["clause_stops"]), b)
            members = [c for c in bodies if start <= c.start < stop]
            alliance = None
            for c in bodies:
                if c.end <= a + k and c.name.endswith(lex.alliance_endings) and a - c.end < 400:
                    alliance = c
            if alliance is None:
                continue
            for m in members:
                if m.name != alliance.name:
                    ctx.add(m, "memberOf", alliance, m.start, f"membership:{verb}")
