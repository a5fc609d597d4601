"""What the relation rules share while they read one document.

A ``Context`` is made per document (per call of the component), so the
component itself holds configuration only and one pipeline can serve several
threads. It holds the text, the entities kept, sentence spans, the canonical
name of each entity, and the relations found so far.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cached_property

from kg.extract.lexicon import Lexicon
from kg.extract.recognize import Cand
from kg.extract.relations.coref import REF_RULE, main_actor, references
from kg.extract.relations.vocab import RelationVocab
from kg.model import METHOD_TEXT, Relation

ACTORS = ("Place", "PartyOrganisation", "Enterprise", "Organisation")
BODIES = ("PartyOrganisation", "Organisation", "Enterprise")


class Context:
    def __init__(self, text: str, raw: list[Cand], cands: list[Cand], canon: Callable[[Cand], str | None],
                 sentences: list[tuple[int, int]], lex: Lexicon, vocab: RelationVocab, title_end: int = 0,
                 aliases: dict[tuple[str, str], str] | None = None) -> None:
        self.text = text
        self.raw = raw
        self.cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
        self.canon = canon
        self.sentences = sentences
        self._sentence_starts = [a for a, _ in sentences]
        self.lex = lex
        self.vocab = vocab
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

    # ---- where things are ------------------------------------------------
    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos``: sentences are in order and apart, so the last one starting by it."""
        i = bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        return pos, pos

    def evidence(self, pos: int) -> str:
        a, b = self.sentence_at(pos)
        return self.text[a:b].strip()

    def outer(self, c: Cand) -> bool:
        """True when no other entity contains this one (a place inside a body name is not an actor): none
        that starts before it reaches its end, and none that starts with it ends after it."""
        before = self._reach[bisect_left(self._starts, c.start)]
        return not (before >= c.end or self._last_end.get(c.start, c.end) > c.end)

    @cached_property
    def outermost(self) -> list[Cand]:
        """The entities no other one contains, in text order."""
        return [c for c in self.cands if self.outer(c)]

    @cached_property
    def persons(self) -> list[Cand]:
        """Every written occurrence of each person's name, in text order: a recogniser records a name
        where a rule found it (after a post, before a speech verb), the relations may be stated anywhere."""
        found = [c for c in self.cands if c.type == "Person"]
        spans = {(c.start, c.end) for c in found}
        for name in sorted({c.name for c in found if len(c.name) >= 2}):
            for m in re.finditer(re.escape(name), self.text):
                if (m.start(), m.end()) not in spans and not self._inside_name(m.start(), m.end()):
                    found.append(Cand(m.start(), m.end(), "Person", name, "repeated"))
        return sorted(found, key=lambda c: c.start)

    def _inside_name(self, a: int, b: int) -> bool:
        """True when a stretch overlaps a name already found (a person's name written inside a body's)."""
        return self._reach[bisect_left(self._starts, b)] > a

    @cached_property
    def referring(self) -> list[Cand]:
        """The referring words (该镇…) of the document, each as the entity it stands for."""
        heads = tuple(s for s, suf in self.lex.suffixes.items() if suf.type == "PartyOrganisation")
        stops = self.lex.chars["hard_stops"] | self.lex.chars["joiners"]
        return references(self.text, self.cands, self.vocab, self.main_actor, heads, stops)

    @cached_property
    def main_actor(self) -> Cand | None:
        """The body or place the article is about (its title's first, else its first sentence's)."""
        first = next(((a, b) for a, b in self.sentences if a >= self.title_end), (0, 0))
        return main_actor(self.outermost, self.title_end, first)

    def real(self, c: Cand) -> Cand:
        """The entity a referring word stands for (itself for a name)."""
        if c.rule != REF_RULE:
            return c
        return next((o for o in self.cands if o.name == c.name and o.type == c.type), c)

    # ---- what was found --------------------------------------------------
    def add(self, head: Cand, rel: str, tail: Cand, pos: int, rule: str, method: str = METHOD_TEXT) -> bool:
        """Record a relation between two entities (by canonical name); the evidence is the sentence at ``pos``."""
        h, t = self.canon(head), self.canon(tail)
        if not h or not t or (h, head.type) == (t, tail.type):
            return False
        key = (h, rel, t)
        if key not in self.out:
            self.out[key] = Relation(h, rel, t, self.evidence(pos), method, rule, head.type, tail.type)
        return True

    def relations(self) -> list[Relation]:
        return list(self.out.values())
