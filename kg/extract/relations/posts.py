"""A person's posts: who leads which body, who sits on which committee (``roles.tsv``).

Posts are written before the name, alone or in a list (某局副局长、机关党委书记乙),
after it with a verb (甲任某村党支部书记; 丙、丁分别当选为某党委书记、副书记), or in
brackets after it (甲（某村党支部书记）). A post that leads (书记, 主任, 董事长…) gives
``leads``, a member's post (委员, 常委, 成员) ``memberOf``. A post written without its
body (某公司党委副书记、总经理甲) belongs to the body of the post before it, or, when
one is a Party post and the other is not, to that body's own organisation.
"""
from __future__ import annotations

from typing import NamedTuple

from kg.extract.recognize import Cand
from kg.extract.relations.context import BODIES, Context

POST_RELATIONS = ("leads", "memberOf")


class Post(NamedTuple):
    """One post of a person: where it starts (its body's start, if any), its body and its role word.
    ``named``: words stand where the body would be but name no entity found (工会主席)."""

    start: int
    end: int
    body: Cand | None
    role: str
    named: bool = False


def posts(ctx: Context) -> None:
    """Posts before each person's name, and in brackets right after it."""
    for p in ctx.persons:
        for body, role in holders(ctx, posts_before(ctx, p.start)):
            ctx.add(p, relation_of(ctx, role), ctx.real(body), p.start, f"post:{role}")
        if ctx.text[p.end : p.end + 1] in ctx.vocab.words["opening_brackets"]:
            inner = posts_after(ctx, p.end + 1)
            if inner and ctx.text[inner[-1].end : inner[-1].end + 1] in ctx.lex.chars["closing_brackets"]:
                for body, role in holders(ctx, inner):
                    ctx.add(p, relation_of(ctx, role), ctx.real(body), p.start, f"post-after:{role}")


def appointments(ctx: Context) -> None:
    """Persons given posts by a verb after their names (甲任…书记; 丙、丁分别当选为…书记、副书记)."""
    persons = ctx.persons
    words = ctx.vocab.words
    i = 0
    while i < len(persons):
        group = [persons[i]]
        while i + len(group) < len(persons) and _listed_next(ctx, group[-1], persons[i + len(group)]):
            group.append(persons[i + len(group)])
        i += len(group)
        pos = group[-1].end
        respectively = _word_at(ctx, pos, words["respectively"])
        pos += len(respectively or "")
        verb = _word_at(ctx, pos, words["appointment_verbs"])
        if verb is None:
            continue
        found = holders(ctx, posts_after(ctx, pos + len(verb)))
        if respectively and len(found) == len(group) > 1:
            pairs = list(zip(group, found, strict=True))
        else:
            pairs = [(p, f) for p in group for f in found]
        for p, (body, role) in pairs:
            ctx.add(p, relation_of(ctx, role), ctx.real(body), p.start, f"appointed:{role}")


def residents(ctx: Context) -> None:
    """A person introduced by a place and a word that only marks a person (某村村民甲, 某区快递小哥乙)
    or a post in a place rather than a body (某村村会计丙) lives or works there."""
    marks = sorted({r for r, rel in ctx.lex.roles.items() if rel == "none"} | set(ctx.vocab.words["resident_posts"]),
                   key=len, reverse=True)
    for p in ctx.persons:
        mark = _word_before(ctx, p.start, tuple(marks))
        if mark is None:
            continue
        places = [c for c in ctx.cands if c.end == p.start - len(mark) and c.type == "Place"]
        if places:
            ctx.add(p, "locatedIn", max(places, key=lambda c: c.end - c.start), p.start, f"resident:{mark}")


def prefer_leads(ctx: Context) -> None:
    """A person who leads a body is not also listed as its member (委员、副书记甲)."""
    leads = {(r.head, r.tail) for r in ctx.out.values() if r.rel == "leads"}
    for key in [k for k, r in ctx.out.items() if r.rel == "memberOf" and r.head_type == "Person"]:
        if (key[0], key[2]) in leads:
            del ctx.out[key]


# ---- reading posts -------------------------------------------------------
def _roles(ctx: Context) -> list[str]:
    """Role words a list of posts may hold, shortest first: those that give a relation, and titles that
    only mark a person (秘书, 教授), which the list reads past."""
    roles = {r for r, rel in ctx.lex.roles.items() if rel != "credit"} | set(ctx.vocab.words["member_titles"])
    return sorted(roles, key=lambda r: (len(r), r))


def relation_of(ctx: Context, role: str) -> str:
    """The relation a post gives: membership for a member's or staff title, else what roles.tsv says
    (``none`` for a title that gives none)."""
    return "memberOf" if role in ctx.vocab.words["member_titles"] else ctx.lex.roles[role]


def _word_at(ctx: Context, pos: int, words: tuple[str, ...]) -> str | None:
    """The longest of ``words`` written at ``pos``."""
    return max((w for w in words if ctx.text.startswith(w, pos)), key=len, default=None)


def _word_before(ctx: Context, pos: int, words: tuple[str, ...]) -> str | None:
    """The longest of ``words`` that ends at ``pos``."""
    return max((w for w in words if pos >= len(w) and ctx.text.endswith(w, 0, pos)), key=len, default=None)


def _body_ending_at(ctx: Context, pos: int) -> Cand | None:
    """The longest body name ending at ``pos``, looking past a bracketed aside (某村党支部（…）书记)."""
    text = ctx.text
    if pos and text[pos - 1] in ctx.lex.chars["closing_brackets"]:
        opening = max(text.rfind(b, max(0, pos - 40), pos) for b in ctx.vocab.words["opening_brackets"])
        if opening >= 0 and "\n" not in text[opening:pos]:
            pos = opening
    bodies = [c for c in ctx.cands + ctx.referring if c.end == pos and c.type in BODIES]
    return max(bodies, key=lambda c: c.end - c.start, default=None)


def _post_ending_at(ctx: Context, pos: int) -> Post | None:
    """The post that ends at ``pos``: of the role words ending there the shortest one with a body right
    before it (公司党委 + 书记 rather than 公司 + 党委书记), else the longest one alone."""
    roles = [r for r in _roles(ctx) if ctx.text.endswith(r, 0, pos)]
    prefixes = ctx.vocab.words["post_prefixes"]
    for role in roles:
        a = pos - len(role)
        a -= len(_word_before(ctx, a, prefixes) or "")
        body = _body_ending_at(ctx, a)
        if body is not None:
            return Post(body.start, pos, body, role)
    if not roles:
        return None
    a = pos - len(roles[-1])
    a -= len(_word_before(ctx, a, prefixes) or "")
    start = _unnamed_start(ctx, a)
    return Post(start, pos, None, roles[-1], named=start < a)


def _unnamed_start(ctx: Context, pos: int) -> int:
    """Where the words before a post without a body begin: back to a joiner, a stop or 12 characters."""
    joiners = ctx.vocab.words["post_joiners"]
    stops = ctx.lex.chars["hard_stops"]
    a = pos
    while a > max(0, pos - 12) and ctx.text[a - 1] not in stops and not _word_before(ctx, a, joiners):
        a -= 1
    return a


def posts_before(ctx: Context, pos: int) -> list[Post]:
    """The list of posts that ends at ``pos`` (a person's name), in text order; a space or one comma
    may stand between the last post and the name (某镇党委书记，甲)."""
    text = ctx.text
    while pos and text[pos - 1] in " \u3000":
        pos -= 1
    first = _post_ending_at(ctx, pos)
    if first is None and pos and text[pos - 1] in ctx.vocab.words["post_commas"]:
        first = _post_ending_at(ctx, pos - 1)
    if first is None:
        first = _unknown_title(ctx, pos)
    out = []
    post = first
    while post is not None:
        out.append(post)
        joiner = _word_before(ctx, post.start, ctx.vocab.words["post_joiners"])
        post = _post_ending_at(ctx, post.start - len(joiner)) if joiner else None
    return out[::-1]


def _unknown_title(ctx: Context, pos: int) -> Post | None:
    """A title no list knows, right before a name and after a joiner (某党委宣传委员、档案室文员甲): read
    past, so the posts before it still count; it gives no relation itself."""
    a = _unnamed_start(ctx, pos)
    if a < pos and _word_before(ctx, a, ctx.vocab.words["post_joiners"]) and all(
            "\u4e00" <= ch <= "\u9fff" for ch in ctx.text[a:pos]):
        return Post(a, pos, None, "", named=True)
    return None


def posts_after(ctx: Context, pos: int) -> list[Post]:
    """The list of posts written from ``pos`` on (after 当选为, 任…): [body] role, joined by 、/兼."""
    text, words = ctx.text, ctx.vocab.words
    roles = _roles(ctx)
    out: list[Post] = []
    while True:
        starting = [c for c in ctx.outermost + ctx.referring if c.start == pos and c.type in BODIES]
        body = max(starting, key=lambda c: c.end - c.start, default=None)
        q = body.end if body else pos
        if text[q : q + 1] in words["opening_brackets"]:
            close = min((k for k in (text.find(b, q, q + 40) for b in ctx.lex.chars["closing_brackets"]) if k > 0),
                        default=-1)
            q = close + 1 if close > 0 and "\n" not in text[q:close] else q
        q += len(_word_at(ctx, q, words["post_prefixes"]) or "")
        role = max((r for r in roles if text.startswith(r, q)), key=len, default=None)
        if role is None:
            return out
        out.append(Post(pos, q + len(role), body, role))
        joiner = _word_at(ctx, q + len(role), words["post_joiners"])
        if joiner is None:
            return out
        pos = q + len(role) + len(joiner)


def holders(ctx: Context, posts: list[Post]) -> list[tuple[Cand, str]]:
    """(body, role) of each post whose body is known: written, or taken from the post before it."""
    out = []
    for i, post in enumerate(posts):
        body = post.body
        if body is None and not post.named:
            left = next((p.body for p in reversed(posts[:i]) if p.body is not None), None)
            body = _same_kind(ctx, left, post.role) if left is not None else None
        if body is not None and post.role and relation_of(ctx, post.role) in POST_RELATIONS:
            out.append((body, post.role))
    return out


def _same_kind(ctx: Context, body: Cand, role: str) -> Cand | None:
    """The body a post without one belongs to, given the body of the post before it: that body when
    both are Party posts or neither is; a Party body's own enterprise or organisation for a post that
    is not a Party post (党委副书记、总经理); none for a Party post after a body's (主任、党组书记)."""
    party_post = role.endswith(ctx.vocab.words["party_post_endings"])
    if party_post == (body.type == "PartyOrganisation"):
        return body
    if party_post:
        return None
    return own_body(ctx, body)


def own_body(ctx: Context, party: Cand) -> Cand | None:
    """The enterprise or organisation a Party body belongs to: the one its name is built on, else one a
    ``partyOrgOf`` relation found so far names."""
    for p in reversed(party.parts):
        if p.type in ("Enterprise", "Organisation") and ctx.canon(p):
            return p
    name = ctx.canon(party)
    tails = {r.tail for r in ctx.out.values() if r.rel == "partyOrgOf" and r.head == name}
    return next((c for c in ctx.cands if c.type in ("Enterprise", "Organisation") and ctx.canon(c) in tails), None)


def _listed_next(ctx: Context, prev: Cand, nxt: Cand) -> bool:
    """True when ``nxt`` is the next person of a list that ``prev`` is in: a joiner (、和) between them,
    and at most the posts of ``nxt`` after it (甲、某公司党支部书记乙)."""
    joiner = _word_at(ctx, prev.end, ctx.vocab.words["person_joiners"])
    if joiner is None:
        return False
    start = prev.end + len(joiner)
    if start == nxt.start:
        return True
    before = posts_before(ctx, nxt.start)
    return bool(before) and before[0].start == start
