"""Which entity an amount is about: the hard part of a quantitative fact.

The first rule that gives an answer wins:

1. the measure names a body's members (联盟成员单位15家, 成员企业): the last body of
   that kind named before it;
2. the amount's own clause, then the clauses before it in its sentence, nearest first:
   a reference by kind that opens the clause (全市, 该县, 该企业) means the place of that
   level the article is about, or the last entity of that kind named before; else a
   place or body that opens the clause (``某镇以金融赋能…,累计发放贷款120笔``).
   Only a few words may stand before it (在, 下辖的, 其中): after a verb a name is an
   object. In a chain (甲县乙镇丙村党支部) the innermost link counts, and a Party
   organisation followed by its leader's post (X村党支部书记某某) stands for its place.
   A clause that attributes speech (某某介绍) names the speaker, not the subject;
3. the same in the sentences before it in its paragraph, where a programme that opens
   a sentence (“某某管家”构建服务网) counts too: the subject carries over;
4. the article's main actor: the body a headline opens (安丘市：…), else the place the
   article names most (provinces last), else the body it names most.

Every occurrence of an entity's name or alias counts as a mention, not only those the
recognisers kept, so a name repeated in a later sentence is still seen there.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.facts.lexicon import Anaphor, FactLexicon
from kg.model import Entity

_CLAUSE = re.compile(r"[,，;；:：]")
_HEADLINE_LINES = 6


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    entity: Entity


class SubjectFinder:
    """Chooses subjects for the amounts of one article."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], entities: Sequence[Entity],
                 lex: FactLexicon, title_end: int = 0) -> None:
        self.text = text
        self.sentences = list(sentences)
        self.lex = lex
        self.entities = [e for e in entities if e.type in lex.subject_types]
        self.every_mention = _occurrences(text, self.entities)
        self.mentions = _outermost(self.every_mention)
        self.starts = [m.start for m in self.mentions]
        words = "|".join(re.escape(a.word) for a in lex.anaphora)
        self.anaphor_re = re.compile(words) if words else re.compile("(?!)")
        self.anaphors = {a.word: a for a in lex.anaphora}
        self.quotes = set(lex.quotes) | set(lex.quotes.values())
        self._context = ""  # the amount's clause up to the amount, while a subject is chosen
        self._position = -1  # ... where the amount starts
        self._measure_start = -1  # ... and where its measure starts, when the measure stands before it
        self.main = self._main_actor(title_end)

    # ---- the article's main actor

    def _main_actor(self, title_end: int) -> Entity | None:
        actors = [m for m in self.mentions if m.entity.type in self.lex.actor_types]
        head_end = 0
        for _ in range(_HEADLINE_LINES):
            nl = self.text.find("\n", head_end)
            line_end = len(self.text) if nl < 0 else nl
            opening = self._opening(head_end, line_end, actors)
            if opening is not None and self.text[opening.end:opening.end + 1] in (":", "："):
                return opening.entity
            if nl < 0:
                break
            head_end = nl + 1
        counts: dict[int, int] = {}
        first: dict[int, int] = {}
        for m in actors:
            counts[id(m.entity)] = counts.get(id(m.entity), 0) + 1
            first.setdefault(id(m.entity), m.start)
        if not counts:
            return None
        return max((m.entity for m in actors),
                   key=lambda e: (e.type == "Place" and e.level != "province", counts[id(e)], -first[id(e)]))

    def _opening(self, a: int, b: int, mentions: Sequence[_Mention]) -> _Mention | None:
        """The chain of names that opens ``text[a:b]``, by its innermost link."""
        first = next((m for m in mentions if a <= m.start < b), None)
        if first is None or first.start != a:
            return None
        inner = self._innermost(first, mentions)
        return next(m for m in mentions if m.entity is inner and m.start >= first.start)

    # ---- one amount

    def subject(self, sentence: int, position: int, measure: str = "") -> tuple[Entity | None, str]:
        """The entity the amount at ``position`` (in sentence number ``sentence``) is about,
        and the rule that chose it."""
        a, _ = self.sentences[sentence]
        clause_start = max((m.end() for m in _CLAUSE.finditer(self.text, a, position)), default=a)
        self._context = self.text[clause_start:position]
        self._position = position
        self._measure_start = self._measure_before(position, measure)
        for word, suffix in self.lex.measure_anaphora.items():
            if measure.startswith(word):
                entity = self._resolve(Anaphor(word, suffix=suffix), position)
                if entity is not None:
                    return entity, "members"
        found = self._in_stretch(a, position, nearest_first=True, programmes=False)
        if found[0] is not None:
            return found
        line_start = self.text.rfind("\n", 0, a) + 1
        for k in range(sentence - 1, -1, -1):
            pa, pb = self.sentences[k]
            if pb <= line_start:
                break
            entity, rule = self._in_stretch(pa, pb, nearest_first=False, programmes=True)
            if entity is not None:
                return entity, "paragraph-" + rule
        return self.main, "main-actor"

    def _in_stretch(self, a: int, b: int, nearest_first: bool, programmes: bool) -> tuple[Entity | None, str]:
        """The subject named in ``text[a:b]``, clause by clause."""
        clauses = []
        start = a
        for cut in [*(m.start() for m in _CLAUSE.finditer(self.text, a, b)), b]:
            if cut > start:
                clauses.append((start, cut))
            start = cut + 1
        order = list(reversed(clauses)) if nearest_first else clauses
        if nearest_first and clauses:
            entity, rule = self._in_amount_clause(*clauses[-1])
            if entity is not None:
                return entity, rule
        speech = [c for c in order if self._speech(*c) and c != clauses[-1]]
        for ca, cb in [c for c in order if c not in speech] + speech:
            opens_sentence = (ca, cb) == clauses[0]
            entity, rule = self._in_clause(ca, cb, programmes and opens_sentence)
            if entity is not None:
                return entity, rule + ("-speaker" if (ca, cb) in speech else "")
        return None, ""

    def _measure_before(self, position: int, measure: str) -> int:
        """Where the measure starts when it stands right before the amount (党委委员共7人), else -1."""
        k = position
        exact = next((w for w in self.lex.exact_before if self.text.startswith(w, k - len(w))), "")
        k -= len(exact)
        if measure and self.text.startswith(measure, k - len(measure)):
            return k - len(measure)
        return -1

    def _in_amount_clause(self, a: int, b: int) -> tuple[Entity | None, str]:
        """Before the amount in its own clause: the body whose members or parts are counted, named
        right before the measure (某商圈党委委员共9人, 某社区有居民…), or the possessor of what is
        counted, after 将/把 (就将某村的种植面积由…扩大到3000多亩)."""
        k = bisect_left(self.starts, a)
        named = [x for x in self.mentions[k:] if x.start < b and x.entity.type in self.lex.actor_types]
        if self._measure_start >= 0:
            owners = [x for x in named if x.end == self._measure_start
                      or (x.start == self._measure_start and x.end < self._position)  # 某党委委员: worded with it
                      or any(x.end + len(w) == self._measure_start and self.text.startswith(w, x.end)
                             for w in self.lex.exact_before)]
            if owners:
                return owners[-1].entity, "owner"
        possessors = [x for x in named if any(self.text.startswith(w, x.end) for w in self.lex.measure_linkers)
                      and _ends_with(self.text, x.start, self.lex.disposal_words)]
        if possessors and not self._lead_mention(a, b, named):
            return possessors[-1].entity, "possessor"
        return None, ""

    def _lead_mention(self, a: int, b: int, named: Sequence[_Mention]) -> _Mention | None:
        i = self._lead(a, b)
        return next((x for x in named if x.start in (a, i)), None)

    def _speech(self, a: int, b: int) -> bool:
        clause = self.text[a:b].rstrip()
        return any(clause.endswith(v) for v in self.lex.speech_verbs)

    def _lead(self, a: int, b: int) -> int:
        """Where a clause's subject may start: after quote marks and an opener (在, 下辖的)."""
        i = a
        moved = True
        while moved and i < b:
            moved = False
            while i < b and (self.text[i] in self.quotes or self.text[i].isspace()):
                i, moved = i + 1, True
            w = next((w for w in self.lex.subject_openers if self.text.startswith(w, i)), None)
            if w:
                i, moved = i + len(w), True
        return i

    def _in_clause(self, a: int, b: int, programmes: bool) -> tuple[Entity | None, str]:
        i = self._lead(a, b)
        types = self.lex.subject_types if programmes else self.lex.actor_types
        k = bisect_left(self.starts, a)
        named = [x for x in self.mentions[k:] if x.start < b and x.entity.type in types]
        opening = next((x for x in named if x.start in (a, i)), None)
        if opening is not None and b == self._position and any(
                w in self.text[opening.end:b] for w in self.lex.list_closers):
            opening = None  # 某甲、某乙等4家企业: a member of the counted list, not its subject
        m = self.anaphor_re.match(self.text, a, b) or self.anaphor_re.match(self.text, i, b)
        if m and (opening is None or opening.end - opening.start < len(m.group())):
            entity = self._resolve(self.anaphors[m.group()], a)
            if entity is not None:
                return entity, "anaphor"
        if opening is None or self._joint(opening, named):
            return None, ""
        inner = self._innermost(opening, named)
        collective = any(w in self._context for w in self.lex.collective_words)
        return self._place_of_leader(inner, named, collective), "clause-subject"

    def _joint(self, opening: _Mention, named: Sequence[_Mention]) -> bool:
        """甲党组织与乙党组织在…建成…: two bodies together are no one subject of the amount."""
        chain_end = opening.end
        for m in named:  # past the chain the opening name starts (甲县乙镇…)
            if m.start == chain_end:
                chain_end = m.end
        joiner = next((w for w in self.lex.list_joiners if self.text.startswith(w, chain_end)), None)
        if joiner is None:
            return False
        return any(m.start == chain_end + len(joiner) for m in named)

    def _innermost(self, first: _Mention, mentions: Sequence[_Mention]) -> Entity:
        """The last link of the chain of names that starts at ``first`` (山东省潍坊市安丘市 -> 安丘市)."""
        current = first
        for m in mentions:
            if m.start < first.start or m is first:
                continue
            if m.start > current.end:
                break
            if m.end > current.end:  # adjacent (the next link) or overlapping past it
                current = m
        return current.entity

    def _place_of_leader(self, entity: Entity, mentions: Sequence[_Mention], collective: bool = False) -> Entity:
        """X村党支部书记某某… (or 为村集体增收): the amount is the village's, not its Party branch's;
        某企业党支部书记某某介绍: the enterprise's."""
        if entity.type != "PartyOrganisation":
            return entity
        led = any(m.entity is entity and any(self.text.startswith(w, m.end) for w in self.lex.post_words)
                  for m in mentions)
        if led or collective:
            kinds = self.lex.actor_types if led else ("Place",)
            owners = [e for e in self.entities if e.type in kinds and e is not entity
                      and any(entity.name.startswith(n) and len(n) < len(entity.name) for n in (e.name, *e.aliases))]
            if owners:
                return max(owners, key=lambda e: max(len(n) for n in (e.name, *e.aliases) if entity.name.startswith(n)))
        return entity

    def _resolve(self, anaphor: Anaphor, position: int) -> Entity | None:
        """The entity a reference by kind means: the last one of that kind (a place of that level
        first) named before it (该县, 联盟, 全村); for an area word (全市, 我县) that none precedes,
        the place of that level the article names most."""
        def fits(e: Entity) -> bool:
            if anaphor.type and e.type != anaphor.type:
                return False
            if anaphor.level:
                return e.type == "Place" and (e.level == anaphor.level
                                              or (anaphor.suffix is not None and e.name.endswith(anaphor.suffix)))
            return anaphor.suffix is None or e.name.endswith(anaphor.suffix)

        before = [m for m in self.mentions[:bisect_left(self.starts, position)] if fits(m.entity)]
        if anaphor.level and not anaphor.word.startswith("该"):
            same_level = [m for m in before if m.entity.level == anaphor.level]
            if same_level:
                return same_level[-1].entity
            # a place named only inside another name (某地 in 某地日报) still counts here
            everywhere = [m for m in self.every_mention if m.entity.level == anaphor.level and fits(m.entity)]
            if everywhere:
                counts: dict[int, int] = {}
                for m in everywhere:
                    counts[id(m.entity)] = counts.get(id(m.entity), 0) + 1
                return max((m.entity for m in everywhere), key=lambda e: (counts[id(e)], -self._first(e)))
        return before[-1].entity if before else None

    def _first(self, entity: Entity) -> int:
        return min((m.start for m in self.mentions if m.entity is entity), default=0)


def _ends_with(text: str, pos: int, words: Sequence[str]) -> bool:
    return any(text.startswith(w, pos - len(w)) for w in words if pos >= len(w))


def _occurrences(text: str, entities: Sequence[Entity]) -> list[_Mention]:
    """Every occurrence in ``text`` of every entity's name, aliases and mention texts."""
    out: dict[tuple[int, int], _Mention] = {}
    for e in entities:
        surfaces = {e.name, *e.aliases, *(m.text for m in e.mentions)}
        for s in sorted(surfaces, key=lambda x: (-len(x), x)):  # sorted: a set's order varies by process
            if len(s) < 2:
                continue
            i = text.find(s)
            while i >= 0:
                key = (i, i + len(s))
                if key not in out:
                    out[key] = _Mention(i, i + len(s), e)
                i = text.find(s, i + 1)
        for m in e.mentions:  # what the recognisers found where the name is not written out
            out.setdefault((m.start, m.end), _Mention(m.start, m.end, e))
    return sorted(out.values(), key=lambda m: (m.start, -m.end, m.entity.type, m.entity.name))


def _outermost(mentions: Sequence[_Mention]) -> list[_Mention]:
    """Without the names inside a longer one (某县 in 某县经济开发区): part of it, not a mention."""
    kept: list[_Mention] = []
    reach = -1
    for m in mentions:
        if m.end <= reach:
            continue
        kept.append(m)
        reach = max(reach, m.end)
    return kept
