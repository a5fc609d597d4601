"""Relation rules: how the names found in an article are linked.

One module per family, all general properties of Chinese Party-building prose:

``names``       the structure of names: place chains, a body named after its place or
                enterprise, a bracketed place (某某(宜城)有限公司), an organ of a committee
                (``locatedIn``, ``partyOrgOf``, ``memberOf``)
``posts``       a person's posts (书记, 主任, 委员…) before or after the name (``leads``, ``memberOf``)
``patterns``    the words between two entities of a sentence (``relation_patterns.jsonl``)
``membership``  alliances, joint committees and parent bodies and who belongs to them (``memberOf``)
``places``      where things are beyond one name: 该镇某村, lists continuing a chain, 位于,
                a body right after a place, small places of the sentence's place (``locatedIn``)
``actors``      the body that launches or runs each programme (``implements``)
``coref``       words that stand for an entity named elsewhere (该镇, 该企业)

``RelationFinder`` reads one document: the rules share a ``Context`` made for it,
so the component that calls them holds configuration only.
"""
from __future__ import annotations

from collections.abc import Callable

from kg.extract.lexicon import Lexicon
from kg.extract.recognize import Cand
from kg.extract.relations import actors, membership, names, patterns, places, posts
from kg.extract.relations.context import Context
from kg.extract.relations.vocab import RelationVocab
from kg.model import Relation

# the rules in the order they run: a relation found twice keeps the evidence and rule of the first
RULES: tuple[Callable[[Context], None], ...] = (
    names.chains,
    names.declared_bodies,
    names.name_parts,
    names.bracketed_places,
    names.short_form_bodies,
    names.zones_of_places,
    places.referring_chains,
    places.elided_chains,
    places.stated,
    places.place_before_body,
    places.named_after_places,
    places.contents,
    posts.posts,
    posts.appointments,
    posts.residents,
    patterns.pattern_rules,
    membership.recruited,
    membership.founders,
    membership.member_lists,
    membership.subordinates,
    actors.implements,
    places.sentence_places,
    posts.prefer_leads,
)


class RelationFinder:
    """The relations of one document."""

    def __init__(self, text: str, raw: list[Cand], cands: list[Cand], canon: Callable[[Cand], str | None],
                 sentences: list[tuple[int, int]], lex: Lexicon, title_end: int,
                 aliases: dict[tuple[str, str], str] | None = None, vocab: RelationVocab | None = None) -> None:
        self.ctx = Context(text, raw, cands, canon, sentences, lex, vocab or RelationVocab.load(), title_end, aliases)

    def run(self) -> list[Relation]:
        for rule in RULES:
            rule(self.ctx)
        return self.ctx.relations()


__all__ = ["RULES", "Context", "RelationFinder", "RelationVocab"]
