"""Who implements each programme: the body that launches, builds or runs it.

In order, for each programme:

1. organisers the sentence names before it: 由甲、乙牵头, 丙承办; 在甲的推动下; 甲联合乙、丙开展
   (all of them implement it);
2. when the programme sits in a leading adverbial clause (通过实施…，该区…; 在实施…方面，某市…),
   the actor that opens a later clause of the sentence;
3. else the nearest body before it in its clause chain that is not an object (对接某公司),
   reported speech starting afresh after 某某介绍，;
4. else the subject of an earlier sentence of the paragraph, else the place of the title.

Referring words (该镇, 我们, 社区党委 written alone) count as the entity they stand for.
"""
from __future__ import annotations

import re

from kg.extract.recognize import Cand
from kg.extract.relations.clauses import clauses, opening, previous_subject
from kg.extract.relations.context import ACTORS, Context
from kg.extract.relations.coref import PLURAL_RULE


def implements(ctx: Context) -> None:
    pool = sorted([c for c in ctx.outermost + ctx.referring if c.type in ACTORS], key=lambda c: c.start)
    title_places = [c for c in ctx.cands if c.type == "Place" and c.end <= ctx.title_end]
    topic = title_places[-1] if title_places else None
    for prog in ctx.cands:
        if prog.type != "Programme":
            continue
        found = organisers(ctx, prog, pool)
        if not found:
            actor = (clause_actor(ctx, prog, pool) or previous_subject(ctx, ctx.sentence_at(prog.start)[0], pool)
                     or topic)
            found = [actor] if actor is not None else []
        for actor in _expanded(found, pool):
            ctx.add(ctx.real(actor), "implements", prog, prog.start, "actor")


def _expanded(actors: list[Cand], pool: list[Cand]) -> list[Cand]:
    """The actors, with a plural word (双方) standing for every body it names."""
    out = []
    for a in actors:
        if a.rule == PLURAL_RULE:
            out += [c for c in pool if (c.start, c.end, c.rule) == (a.start, a.end, PLURAL_RULE)]
        else:
            out.append(a)
    return out


def scope_start(ctx: Context, pos: int) -> int:
    """Where the sentence holding ``pos`` starts, or the reported speech in it (某某介绍，…)."""
    s_start, _ = ctx.sentence_at(pos)
    words = "|".join(re.escape(w) for w in ctx.vocab.words["reporting_verbs"])
    marks = re.escape("".join(ctx.vocab.words["speech_marks"]))
    starts = [m.end() for m in re.finditer(rf"(?:{words})[{marks}]", ctx.text[s_start:pos])]
    return s_start + starts[-1] if starts else s_start


def clause_actor(ctx: Context, prog: Cand, pool: list[Cand]) -> Cand | None:
    """The actor of a programme within its sentence (rules 2 and 3 of the module docstring)."""
    start = scope_start(ctx, prog.start)
    _, s_end = ctx.sentence_at(prog.start)
    parts = clauses(ctx, start, s_end)
    here = next((i for i, (a, b) in enumerate(parts) if a <= prog.start <= b), 0)
    a, _ = parts[here]
    frame = ctx.text[a : a + 4].startswith(ctx.vocab.words["frame_words"])
    if frame and not any(a <= c.start and c.end <= prog.start for c in pool):
        later = next((o for x, y in parts[here + 1 :] if (o := opening(pool, x, y)) is not None), None)
        return later or next((o for x, y in parts[:here] if (o := opening(pool, x, y)) is not None), None)
    actor = None
    for c in pool:
        if start <= c.start and c.end <= prog.start and not (prog.start <= c.start < prog.end):
            actor = c  # nearest before the programme
    subject = next((o for x, y in parts[: here + 1] if (o := opening(pool, x, min(y, prog.start))) is not None), None)
    if actor is not None and actor is not subject and _object_position(ctx, actor):
        actor = subject  # may be None: then the subject of an earlier sentence
    return actor


def organisers(ctx: Context, prog: Cand, pool: list[Cand]) -> list[Cand]:
    """Bodies the sentence names as organising what it launches: a list before 牵头/主办/承办, 在…的推动下,
    and a subject with the partners it acts with (甲联合乙、丙开展…)."""
    text, words = ctx.text, ctx.vocab.words
    start = scope_start(ctx, prog.start)
    before = [c for c in pool if start <= c.start and c.end <= prog.start]
    out: list[Cand] = []
    verbs = "|".join(re.escape(w) for w in words["organiser_verbs"])
    for m in re.finditer(verbs, text[start : prog.start]):
        out += _run_ending_at(ctx, before, start + m.start())
    for c in before:
        if text[max(start, c.start - 1) : c.start] == "在" and text.startswith(words["behind_frames"], c.end):
            out.append(c)
    for lead in before:
        verb = next((v for v in words["partner_verbs"] if text.startswith(v, lead.end)), None)
        if verb is not None and not out:
            partners = _run_starting_at(ctx, before, lead.end + len(verb))
            if partners:
                out = [lead, *partners]
    return out


def _run_ending_at(ctx: Context, cands: list[Cand], pos: int) -> list[Cand]:
    """The entities of a list joined by 、/和 whose last one ends at ``pos``."""
    by_end = {c.end: c for c in cands}
    out: list[Cand] = []
    while (c := by_end.get(pos)) is not None:
        out.insert(0, c)
        joiner = next((j for j in ctx.vocab.words["person_joiners"] if ctx.text.endswith(j, 0, c.start)), None)
        if joiner is None:
            break
        pos = c.start - len(joiner)
    return out


def _run_starting_at(ctx: Context, cands: list[Cand], pos: int) -> list[Cand]:
    """The entities of a list joined by 、/和 whose first one starts at ``pos``."""
    by_start = {c.start: c for c in cands}
    out: list[Cand] = []
    while (c := by_start.get(pos)) is not None:
        out.append(c)
        joiner = next((j for j in ctx.vocab.words["person_joiners"] if ctx.text.startswith(j, c.end)), None)
        if joiner is None:
            break
        pos = c.end + len(joiner)
    return out


def _object_position(ctx: Context, c: Cand) -> bool:
    """True when the entity is governed by a verb or is a listed object (对接某银行、某公司等)."""
    before = ctx.text[max(0, c.start - 2) : c.start]
    after = ctx.text[c.end : c.end + 1]
    verbs = tuple(ctx.lex.implement_verbs) + ctx.vocab.words["founding_verbs"] + ctx.vocab.words["object_verbs"]
    governed = ctx.text[max(0, c.start - 5) : c.start].rstrip("".join(ctx.vocab.words["aspect_particles"]))
    return (before.endswith(ctx.lex.words["object_markers_before"]) or after in ctx.lex.words["object_markers_after"]
            or governed.endswith(verbs))
