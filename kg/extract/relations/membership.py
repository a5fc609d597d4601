"""Bodies that belong to an alliance, a joint committee or a parent body (``memberOf``).

Four ways the prose states it:

- founders: the bodies that jointly set up a joint body are its members
  (甲村联合乙村、丙村成立片区联建党委; 甲公司与乙协会组建某联合党总支);
- member lists: a list closed by 等N家成员单位 belongs to the alliance named before it;
- subordinates: the branches a committee sets up (某党委下设甲、乙两个党支部);
- recruits: bodies an alliance recruits (某联盟…吸纳甲、乙) (``membership.tsv``).
"""
from __future__ import annotations

import re

from kg.extract.recognize import Cand
from kg.extract.relations.context import BODIES, Context

MEMBERS = (*BODIES, "Place")


def _members(ctx: Context) -> list[Cand]:
    return [c for c in ctx.outermost if c.type in MEMBERS] + [c for c in ctx.referring if c.type in MEMBERS]


def _joint(ctx: Context, c: Cand) -> bool:
    """True for a body made of several: named so (联盟, 联合会, 共同体…), or a Party body whose name says
    it joins several (联合党委, 联建党委, 两村联办的党总支…)."""
    if c.type not in ("PartyOrganisation", "Organisation"):
        return False
    words = ctx.vocab.words
    joined = c.type == "PartyOrganisation" and any(w in c.name for w in words["joint_party_markers"])
    return joined or c.name.endswith(words["joint_body_endings"])


def founders(ctx: Context) -> None:
    """The partners named before a founding verb are members of the joint body it founds: entities joined by
    a partner word (联合, 与, 、), and the one a 以…为龙头 phrase puts first."""
    text, words = ctx.text, ctx.vocab.words
    bodies = sorted(_members(ctx), key=lambda c: c.start)
    verbs = "|".join(re.escape(w) for w in sorted(words["founding_verbs"], key=len, reverse=True))
    for m in re.finditer(verbs, text):
        s_start, _ = ctx.sentence_at(m.start())
        joint = _joint_after(ctx, bodies, m.end())
        if joint is None:
            continue
        window = max(s_start, m.start() - 120)
        for c in bodies:
            if window <= c.start and c.end <= m.start() and c.name != joint.name and _partner(ctx, c):
                ctx.add(ctx.real(c), "memberOf", ctx.real(joint), m.start(), f"founder:{m.group()}")


def _joint_after(ctx: Context, bodies: list[Cand], pos: int) -> Cand | None:
    """The joint body named in the clause right after ``pos``: a name found there, else the tail of a joint
    body the article names in full elsewhere (成立片区联合党委 … 某公司片区联合党委)."""
    stops = ctx.lex.chars["clause_stops"] | ctx.lex.chars["sentence_ends"]
    end = next((k for k in range(pos, min(len(ctx.text), pos + 12)) if ctx.text[k] in stops), pos + 12)
    found = next((c for c in bodies if pos <= c.start < end and _joint(ctx, c)), None)
    if found is not None:
        return found
    for c in sorted({c.name: c for c in bodies if _joint(ctx, c)}.values(), key=lambda c: c.name):
        for k in range(len(c.name) - 4, 0, -1):
            at = ctx.text.find(c.name[k:], pos, end + len(c.name) - k)
            if at >= 0:
                return Cand(at, at + len(c.name) - k, c.type, c.name, c.rule, kind=c.kind)
    return None


def _partner(ctx: Context, c: Cand) -> bool:
    """True when an entity is written as one of several partners: a partner word right before or after it,
    or it is the one 以…为龙头 puts first."""
    words = ctx.vocab.words
    before, after = ctx.text[max(0, c.start - 12) : c.start], ctx.text[c.end : c.end + 4]
    if before.endswith(words["partner_words"]) or after.startswith(words["partner_words"]):
        return True
    if not after.startswith(words["leader_after"]):
        return False
    opener = max(before.rfind(w) for w in words["leader_before"])
    return opener >= 0 and not ctx.lex.chars["clause_stops"] & set(before[opener:])


def member_lists(ctx: Context) -> None:
    """A list closed by 等N家成员单位 (联盟成员, 成员企业): each item belongs to the nearest joint body
    named before the list, else to the article's main actor when that is one. Items the recognisers
    missed are skipped, the others still count (甲、某某、乙等5家成员单位)."""
    text, words = ctx.text, ctx.vocab.words
    count = re.escape("".join(sorted(ctx.lex.chars["count_chars"] | set("0123456789"))))
    measure = re.escape("".join(sorted(ctx.lex.chars["measure_words"])))
    heads = "|".join(re.escape(w) for w in sorted(words["member_list_heads"], key=len, reverse=True))
    closers = "|".join(re.escape(w) for w in words["list_closers"])
    closing = re.compile(rf"(?:等(?:{closers})?[{count}]*|[{count}]+)[{measure}]?(?:{heads})")
    bodies = sorted((c for c in _members(ctx) if c.type in BODIES), key=lambda c: c.start)
    for m in closing.finditer(text):
        items = list_before(ctx, bodies, m.start())
        if not items:
            continue
        alliance = next((c for c in reversed(bodies) if c.end <= items[0].start and _joint(ctx, c)), None)
        if alliance is None and ctx.main_actor is not None and _joint(ctx, ctx.main_actor):
            alliance = ctx.main_actor
        for item in items:
            if alliance is not None and item.name != alliance.name:
                ctx.add(ctx.real(item), "memberOf", ctx.real(alliance), m.start(), "member-list")


def list_before(ctx: Context, bodies: list[Cand], pos: int) -> list[Cand]:
    """The named items of the list that ends at ``pos``: each piece between 、 that is a name, or names
    joined by 和/及 (a name with 和 inside stays one); the first piece may start with other words."""
    stops = ctx.lex.chars["clause_stops"] | ctx.lex.chars["sentence_ends"] | {"：", ":"}
    start = max(ctx.text.rfind(s, 0, pos) for s in stops) + 1
    by_span = {(c.start, c.end): c for c in bodies}
    inner = [w for w in ctx.vocab.words["list_joiners"] if w not in stops and w != "、"]
    out, a = [], start
    pieces = ctx.text[start:pos].split("、")
    if len(pieces) < 2:
        return []
    for i, piece in enumerate(pieces):
        b = a + len(piece)
        item = by_span.get((a, b))
        if item is None and i == 0:
            item = max((c for c in bodies if c.end == b and c.start >= a), key=lambda c: c.end - c.start, default=None)
        if item is not None:
            out.append(item)
        else:
            out += _joined(ctx, by_span, a, b, inner)
        a = b + 1
    return out


def _joined(ctx: Context, by_span: dict[tuple[int, int], Cand], a: int, b: int, joiners: list[str]) -> list[Cand]:
    """Names that fill ``a``–``b`` exactly, joined by one of ``joiners`` (甲和乙), else none."""
    for j in joiners:
        k = ctx.text.find(j, a, b)
        if k > a and (a, k) in by_span and (k + len(j), b) in by_span:
            return [by_span[(a, k)], by_span[(k + len(j), b)]]
    return []


def subordinates(ctx: Context) -> None:
    """Branches a committee sets up or oversees (某党委下设甲、乙两个党支部; 辐射甲、乙社区党委): each listed
    Party body after the verb belongs to the nearest Party body before it in the sentence."""
    text = ctx.text
    bodies = sorted((c for c in _members(ctx) if c.type in ("PartyOrganisation", "Organisation")),
                    key=lambda c: c.start)
    verbs = "|".join(re.escape(w) for w in sorted(ctx.vocab.words["subordinate_verbs"], key=len, reverse=True))
    stops = ctx.lex.chars["clause_stops"]
    for m in re.finditer(verbs, text):
        s_start, _ = ctx.sentence_at(m.start())
        parent = next((c for c in reversed(bodies) if s_start <= c.start and c.end <= m.start()), None)
        if parent is None:
            continue
        stop = next((k for k in range(m.end(), len(text)) if text[k] in stops or text[k] == "\n"), len(text))
        for c in bodies:
            if m.end() <= c.start < stop and c.type == parent.type and not _joint(ctx, c) and c.name != parent.name:
                ctx.add(ctx.real(c), "memberOf", ctx.real(parent), c.start, f"subordinate:{m.group()}")


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
