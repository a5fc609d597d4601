"""Rule-based recognition of the six entity types from the structure of Chinese names.

A Chinese institutional name ends in a head noun that says what it is
(街道, 党支部, 有限公司, 派出所, 工程…) and begins where the words before it stop
being name-like: at a verb, a preposition, a pronoun, punctuation, or another
name it is chained to (济宁市任城区古槐街道). Places also come from the national
gazetteer, programmes from quoted names plus their head noun, persons from
bylines and the posts and speech verbs around them. All vocabulary is data
(``Lexicon``); these modules only hold the procedure, one family each:

``places``        gazetteer names, place chains, place committees (县委)
``bodies``        places and bodies by head noun (suffixes.tsv)
``programmes``    quoted and unquoted programme names
``enumerations``  names in 、-lists sharing a tail, and the lists' umbrella names
``documents``     《》 titles, and later mentions of a body by its short form
``persons``       bylines, credits (``credits``), posts, speech verbs and the tagger's PER spans (``tagged_persons``)
``tagged``        what the statistical tagger adds: left edges, organisations no head noun ends
``known``         names the user listed (known_names.tsv)

The ``Recognizer`` holds configuration only (a ``Vocabulary``); each call
reads one document in a ``Scan`` of its own.
"""
from __future__ import annotations

from collections.abc import Iterable

from kg.extract.lexicon import Lexicon
from kg.extract.recognize import bodies, documents, enumerations, known, persons, places, programmes, tagged, unquoted
from kg.extract.recognize.bodies import BUILD_ORDER
from kg.extract.recognize.scan import Cand, NerSpan, Scan, TaggedWord
from kg.extract.recognize.vocabulary import Vocabulary
from kg.gazetteer import Gazetteer

# place levels from the widest down: a chain links a place to the one before it when it is not wider
PLACE_RANK = {"province": 0, "city": 1, "county": 2, "zone": 3, "town": 4, "community": 5, "compound": 6}


class Recognizer:
    """Finds entity candidates in one article's text."""

    def __init__(self, lex: Lexicon, gaz: Gazetteer) -> None:
        self.vocab = Vocabulary(lex, gaz)

    @property
    def lex(self) -> Lexicon:
        return self.vocab.lex

    def recognise(self, text: str, byline: Iterable[str] = (), ner: Iterable[tuple[int, int, str]] = (),
                  words: Iterable[tuple[int, int, str]] = ()) -> list[Cand]:
        """Every candidate name in ``text``, in the order the families found them.

        ``byline``: the article's author names; ``ner``: names a statistical tagger found, as
        (start, end, PER|LOC|ORG|TIME); ``words``: that tagger's segmentation, (start, end, tag)."""
        v = self.vocab
        scan = Scan(text, v.lex, ner, words)
        known.known_names(v, scan)
        known.pattern_names(v, scan)
        places.gazetteer_places(v, scan)
        hits = bodies.suffix_hits(v, text)
        for phase in BUILD_ORDER:
            bodies.suffix_names(v, scan, hits, phase)
            if phase == "Place":
                places.committees(v, scan)
        tagged.organisations(v, scan)
        documents.alias_mentions(v, scan)
        programmes.quoted(v, scan)
        unquoted.after_verbs(v, scan)
        enumerations.enumerations(v, scan)
        enumerations.umbrellas(v, scan)
        enumerations.shared_bodies(v, scan)
        documents.book_titles(v, scan)
        persons.persons(v, scan, tuple(byline))
        return [c for c in scan.cands if c.name not in v.lex.generic_names]


__all__ = ["BUILD_ORDER", "PLACE_RANK", "Cand", "NerSpan", "Recognizer", "Scan", "TaggedWord", "Vocabulary"]
