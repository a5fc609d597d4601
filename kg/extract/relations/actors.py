"""Who implements each programme: the body that launches, builds or runs it.

The actor is the subject of the clause that names the programme, else the
subject of an earlier sentence of the paragraph, else the place of the title.
"""
from __future__ import annotations

from kg.extract.recognize import Cand
from kg.extract.relations.context import ACTORS, Context


def implements(ctx: Context) -> None:
    actors = [c for c in ctx.outermost if c.type in ACTORS]
    pool = sorted(actors + ctx.referring, key=lambda c: c.start)
    title_places = [c for c in ctx.cands if c.type == "Place" and c.end <= ctx.title_end]
    topic = title_places[-1] if title_places else None
    for prog in ctx.cands:
        if prog.type != "Programme":
            continue
        s_start, _ = ctx.sentence_at(prog.start)
        actor = None
        for c in pool:
            if s_start <= c.start and c.end <= prog.start and not (prog.start <= c.start < prog.end):
                actor = c  # nearest before the programme in its sentence
        subject = next((c for c in pool if s_start <= c.start <= s_start + 2 and c.end <= prog.start), None)
        if actor is not None and actor is not subject and _object_position(ctx, actor):
            actor = subject  # may be None: then the subject of an earlier sentence
        if actor is None:
            actor = _previous_subject(ctx, s_start, pool)
        if actor is None:
            actor = topic
        if actor is not None:
            ctx.add(ctx.real(actor), "implements", prog, prog.start, "actor")


def _object_position(ctx: Context, c: Cand) -> bool:
    """True when the entity is governed by a verb or is a listed object (对接某银行、某公司等)."""
    before = ctx.text[max(0, c.start - 2) : c.start]
    after = ctx.text[c.end : c.end + 1]
    return before.endswith(ctx.lex.words["object_markers_before"]) or after in ctx.lex.words["object_markers_after"]


def _previous_subject(ctx: Context, s_start: int, pool: list[Cand]) -> Cand | None:
    """The subject of the nearest earlier sentence of the same paragraph."""
    para_start = ctx.text.rfind("\n", 0, s_start) + 1
    earlier = [(a, b) for a, b in ctx.sentences if para_start <= a < s_start]
    for a, b in reversed(earlier):
        for c in pool:
            if a <= c.start < min(b, a + 8):
                return c
    return None
