"""Relation rules: how the names found in an article are linked.

Four sources, all general: the structure of names (a place chain, a body
named after its place or enterprise), posts between a body and a person
(书记, 干事…), patterns between two entities from ``relation_patterns.jsonl``,
and the actor of each programme (the body that is the subject of the clause
that launches it, else of the sentences before it, else the article's place).
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache

from kg.extract.entities import demonstrative_refs
from kg.extract.lexicon import Lexicon
from kg.extract.recognize import PLACE_RANK, Cand
from kg.model import METHOD_NAME, METHOD_TEXT, Relation
from kg.resources import read_text

ACTORS = ("Place", "PartyOrganisation", "Enterprise", "Organisation")


def patterns() -> tuple[dict, ...]:
    """The relation patterns, a user lexicon folder's layered over the packaged ones (kg.user_lexicon)."""
    return _compiled(read_text("lexicons/relation_patterns.jsonl"))


@lru_cache(maxsize=4)
def _compiled(text: str) -> tuple[dict, ...]:
    rules = []
    for line in text.splitlines():
        if line.strip():
            rule = json.loads(line)
            rule["between_re"] = re.compile(rule["between"])
            # matched with .match(text, pos), which anchors at pos: a leading ^ would never match there
            rule["after_re"] = re.compile(rule["after"].lstrip("^")) if rule.get("after") else None
            rules.append(rule)
    return tuple(rules)


class RelationFinder:
    def __init__(self, text: str, raw: list[Cand], cands: list[Cand], canon: Callable[[Cand], str | None],
                 sentences: list[tuple[int, int]], lex: Lexicon, title_end: int,
                 aliases: dict[tuple[str, str], str] | None = None):
        self.text = text
        self.raw = raw
        self.cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
        self.canon = canon
        self.sentences = sentences
        self._sentence_starts = [a for a, _ in sentences]
        self.lex = lex
        self.title_end = title_end
        self.aliases = aliases or {}
        self.sentence_end = re.compile("[" + re.escape("".join(sorted(lex.chars["sentence_ends"]))) + "]")
        self.out: dict[tuple[str, str, str], Relation] = {}
        # for outer(): the furthest end at each start, and of all names that start before each start
        self._last_end: dict[int, int] = {}
        for c in self.cands:
            self._last_end[c.start] = max(c.end, self._last_end.get(c.start, c.end))
        self._starts = sorted(self._last_end)
        self._reach = [-1]
        for start in self._starts:
            self._reach.append(max(self._reach[-1], self._last_end[start]))

    # ---- helpers ---------------------------------------------------------
    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos``: sentences are in order and apart, so the last one starting by it."""
        i = bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        return pos, pos

    def evidence(self, pos: int) -> str:
        a, b = self.sentence_at(pos)
        return self.text[a:b].strip()

    def add(self, head: Cand, rel: str, tail: Cand, pos: int, rule: str, method: str = METHOD_TEXT) -> None:
        h, t = self.canon(head), self.canon(tail)
        if not h or not t or (h, head.type) == (t, tail.type):
            return
        key = (h, rel, t)
        if key not in self.out:
            self.out[key] = Relation(h, rel, t, self.evidence(pos), method, rule, head.type, tail.type)

    def outer(self, c: Cand) -> bool:
        """True when no other entity contains this one (a place inside a body name is not an actor): none
        that starts before it reaches its end, and none that starts with it ends after it."""
        before = self._reach[bisect_left(self._starts, c.start)]
        return not (before >= c.end or self._last_end.get(c.start, c.end) > c.end)

    # ---- rules -----------------------------------------------------------
    def run(self) -> list[Relation]:
        self.chains()
        self.name_parts()
        self.posts()
        self.pattern_rules()
        self.memberships()
        self.implements()
        return list(self.out.values())

    def chains(self) -> None:
        places = [c for c in self.cands if c.type == "Place"]
        by_start = {c.start: c for c in places}
        for a in places:
            b = by_start.get(a.end)
            if b is None:
                continue
            ra, rb = PLACE_RANK.get(a.kind, 3), PLACE_RANK.get(b.kind, 3)
            if rb >= ra:
                self.add(b, "locatedIn", a, a.start, "chain", METHOD_NAME)

    def _place_of(self, c: Cand) -> Cand | None:
        for p in c.parts:
            if p.type == "Place":
                return p
            inner = self._place_of(p)
            if inner is not None:
                return inner
        return None

    def name_parts(self) -> None:
        kept = {id(c) for c in self.cands}
        # a party body named by a declared short form (华宇建材党支部 after 以下简称“华宇建材”)
        for c in self.cands:
            if c.type != "PartyOrganisation" or c.parts or not c.rule.startswith("suffix:"):
                continue
            stem = c.name[: -len(c.rule.split(":", 1)[1])]
            full = self.aliases.get(("Enterprise", stem)) or self.aliases.get(("Organisation", stem))
            body = next((o for o in self.cands if o.name == full and o.type in ("Enterprise", "Organisation")), None)
            if body is not None:
                self.add(c, "partyOrgOf", body, c.start, "party-org-of-body", METHOD_NAME)
        for c in self.cands:
            for p in c.parts:
                if p.type == "Place":
                    self.add(c, "locatedIn", p, c.start, "name-prefix", METHOD_NAME)
                    continue
                place = self._place_of(p)
                if c.type == "PartyOrganisation" and p.type in ("Enterprise", "Organisation"):
                    self.add(c, "partyOrgOf", p, c.start, "party-org-of-body", METHOD_NAME)
                    if place is not None and p.type == "Organisation":
                        self.add(c, "locatedIn", place, c.start, "name-prefix", METHOD_NAME)
                elif c.type == "PartyOrganisation" and p.type == "PartyOrganisation":
                    if place is not None:
                        self.add(c, "locatedIn", place, c.start, "name-prefix", METHOD_NAME)
                    if p.kind == "committee" and not any(c.name.endswith(d) for d in self.lex.departments):
                        if id(p) in kept or any(self.canon(x) == self.canon(p) for x in self.cands):
                            self.add(c, "memberOf", p, c.start, "organ-of-committee", METHOD_NAME)
                elif c.type == p.type == "Organisation":
                    if id(p) in kept:
                        self.add(c, "memberOf", p, c.start, "sub-body", METHOD_NAME)
                    if place is not None:
                        self.add(c, "locatedIn", place, c.start, "name-prefix", METHOD_NAME)
        # a zone named after a place mentioned on its own elsewhere (昌吉高新区 / 昌吉市)
        for z in self.cands:
            if z.type != "Place" or z.kind != "zone":
                continue
            for w in self.raw:
                if w.type == "Place" and w.start == z.start and w.end < z.end and not w.strong:
                    named = [c for c in self.cands if c.type == "Place" and c is not z and self.canon(c) == self.canon(w)]
                    if named:
                        self.add(z, "locatedIn", w, z.start, "zone-of-place", METHOD_NAME)

    def posts(self) -> None:
        by_end: dict[int, list[Cand]] = {}
        for c in self.cands:
            if c.type in ("PartyOrganisation", "Organisation", "Enterprise"):
                by_end.setdefault(c.end, []).append(c)
        for p in self.cands:
            if p.type != "Person":
                continue
            # the body written right before the post; of several (公司 + 党委书记 / 公司党委 + 书记)
            # the one that ends last, i.e. with the shortest post
            for role in sorted(self.lex.roles, key=len):
                a = p.start - len(role)
                rel = self.lex.roles[role]
                if a >= 0 and self.text[a:p.start] == role and rel in ("leads", "memberOf") and by_end.get(a):
                    org = max(by_end[a], key=lambda o: o.end - o.start)
                    self.add(p, rel, org, p.start, f"post:{role}")
                    break

    def pattern_rules(self) -> None:
        refs = [Cand(a, b, ref.type, ref.name, "demonstrative", kind=ref.kind)
                for a, b, ref in demonstrative_refs(self.text, self.cands, self.lex)]
        cands = sorted([c for c in self.cands if self.outer(c)] + refs, key=lambda c: c.start)
        for i, left in enumerate(cands):
            for right in cands[i + 1 : i + 6]:
                if right.start < left.end:
                    continue
                if self.sentence_end.search(self.text, left.end, right.start):
                    break
                between = self.text[left.end : right.start]
                for rule in patterns():
                    if left.type not in rule["left"] or right.type not in rule["right"]:
                        continue
                    if not rule["between_re"].search(between):
                        continue
                    if rule["after_re"] is not None and not rule["after_re"].match(self.text, right.end):
                        continue
                    head, tail = (right, left) if rule["direction"] == "right->left" else (left, right)
                    self.add(self._real(head), rule["rel"], self._real(tail), right.start, rule["id"])

    def memberships(self) -> None:
        """Bodies recruited by a verb (链接/吸纳…) after an alliance was named join that alliance."""
        lex = self.lex
        bodies = [c for c in self.cands if c.type in ("Organisation", "Enterprise", "PartyOrganisation") and self.outer(c)]
        for a, b in self.sentences:
            clause = self.text[a:b]
            for verb in lex.membership_verbs:
                k = clause.find(verb)
                if k < 0:
                    continue
                start = a + k + len(verb)
                stop = next((i for i in range(start, b) if self.text[i] in lex.chars["clause_stops"]), b)
                members = [c for c in bodies if start <= c.start < stop]
                alliance = None
                for c in bodies:
                    if c.end <= a + k and c.name.endswith(lex.alliance_endings) and a - c.end < 400:
                        alliance = c
                if alliance is None:
                    continue
                for m in members:
                    if m.name != alliance.name:
                        self.add(m, "memberOf", alliance, m.start, f"membership:{verb}")

    def implements(self) -> None:
        refs = demonstrative_refs(self.text, self.cands, self.lex)
        actors = [c for c in self.cands if c.type in ACTORS and self.outer(c)]
        ref_actors = [Cand(a, b, ref.type, ref.name, "demonstrative", kind=ref.kind) for a, b, ref in refs]
        pool = sorted(actors + ref_actors, key=lambda c: c.start)
        title_places = [c for c in self.cands if c.type == "Place" and c.end <= self.title_end]
        topic = title_places[-1] if title_places else None
        for prog in self.cands:
            if prog.type != "Programme":
                continue
            s_start, _ = self.sentence_at(prog.start)
            actor = None
            for c in pool:
                if s_start <= c.start and c.end <= prog.start and not (prog.start <= c.start < prog.end):
                    actor = c  # nearest before the programme in its sentence
            subject = next((c for c in pool if s_start <= c.start <= s_start + 2 and c.end <= prog.start), None)
            if actor is not None and actor is not subject and self._object_position(actor):
                actor = subject  # may be None: then the subject of an earlier sentence
            if actor is None:
                actor = self._previous_subject(s_start, pool)
            if actor is None:
                actor = topic
            if actor is not None:
                ref = actor if actor.rule != "demonstrative" else next(
                    (c for c in self.cands if c.name == actor.name and c.type == actor.type), None)
                if ref is not None:
                    self.add(ref, "implements", prog, prog.start, "actor")

    def _real(self, c: Cand) -> Cand:
        """The entity a demonstrative (该区) stands for."""
        if c.rule != "demonstrative":
            return c
        return next((o for o in self.cands if o.name == c.name and o.type == c.type), c)

    def _object_position(self, c: Cand) -> bool:
        """True when the entity is governed by a verb or is a listed object (对接某银行、某公司等)."""
        before = self.text[max(0, c.start - 2) : c.start]
        after = self.text[c.end : c.end + 1]
        return before.endswith(self.lex.words["object_markers_before"]) or after in self.lex.words["object_markers_after"]

    def _previous_subject(self, s_start: int, pool: list[Cand]) -> Cand | None:
        """The subject of the nearest earlier sentence of the same paragraph."""
        para_start = self.text.rfind("\n", 0, s_start) + 1
        earlier = [(a, b) for a, b in self.sentences if para_start <= a < s_start]
        for a, b in reversed(earlier):
            for c in pool:
                if a <= c.start < min(b, a + 8):
                    return c
        return None
