"""The clauses of a sentence and the entities that open them (their subjects).

Chinese reports carry a subject across commas and sentences: 某县坚持…，创新…。同时，建立….
An entity within a few characters of a clause's start is taken as its subject.
"""
from __future__ import annotations

from kg.extract.recognize import Cand
from kg.extract.relations.context import Context

CLAUSE_START = 3  # characters an actor may stand after a clause's start and still be its subject


def clauses(ctx: Context, a: int, b: int) -> list[tuple[int, int]]:
    """The clauses of ``a``–``b``, split at commas and semicolons."""
    stops = ctx.lex.chars["clause_stops"]
    out, start = [], a
    for k in range(a, b):
        if ctx.text[k] in stops:
            out.append((start, k))
            start = k + 1
    out.append((start, b))
    return out


def opening(pool: list[Cand], a: int, b: int) -> Cand | None:
    """The actor that opens ``a``–``b`` (its subject), if one does."""
    return next((c for c in pool if a <= c.start <= a + CLAUSE_START and c.end <= b), None)


def previous_subject(ctx: Context, s_start: int, pool: list[Cand]) -> Cand | None:
    """The subject of the nearest earlier sentence of the same paragraph: an actor near its start, else
    one that opens one of its clauses (干部队伍是…，某市以…为支撑)."""
    para_start = ctx.text.rfind("\n", 0, s_start) + 1
    earlier = [(a, b) for a, b in ctx.sentences if para_start <= a < s_start]
    for a, b in reversed(earlier):
        first = next((c for c in pool if a <= c.start < min(b, a + 8)), None)
        if first is None:
            first = next((o for x, y in clauses(ctx, a, b) if (o := opening(pool, x, y)) is not None), None)
        if first is not None:
            return first
    return None
