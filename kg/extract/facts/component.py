"""``kg_facts``: the registered spaCy component that turns amounts into ``Fact`` records.

It runs after ``kg_relations`` and reads what the components before it left on
``doc._`` (sentences, entities, the tagger's words) and what ingest put there
(the article's date); it leaves ``doc._.kg_facts``.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc

import kg.extract.extensions  # noqa: F401  (registers the Doc._ attributes)
from kg.extract.components import doc_text
from kg.extract.facts.amounts import find_amounts
from kg.extract.facts.dates import YEAR, amount_date
from kg.extract.facts.lexicon import FactLexicon
from kg.extract.facts.numbers import decimal_text
from kg.extract.facts.subjects import SubjectFinder
from kg.model import Entity, Fact


class FactComponent:
    def __init__(self, lexicon_dir: str | None = None):
        self.lex = FactLexicon.load(lexicon_dir)

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_facts = find_facts(doc_text(doc), doc._.kg_sentences or [], doc._.kg_entities or [],
                                    self.lex, words=doc._.kg_lac_words or (), title_end=doc._.kg_title_end,
                                    article_date=doc._.kg_article_date)
        return doc


def find_facts(text: str, sentences: list[tuple[int, int]], entities: list, lex: FactLexicon,
               words: tuple = (), title_end: int = 0, article_date: str | None = None) -> list[Fact]:
    """Every fact of one article, in text order. An amount repeated in the same sense (the same
    subject, value and unit again) is one fact, and a title's amount that the body reports is the body's."""
    finder = SubjectFinder(text, sentences, entities, lex, title_end)
    word_starts = [w[0] for w in words]
    years = [(m.start(), m.group(1)) for m in YEAR.finditer(text)]
    year_starts = [p for p, _ in years]
    facts: list[Fact] = []
    seen: dict[tuple[str, str, str, str], list[int]] = {}  # -> indexes in facts
    for i, (a, b) in enumerate(sentences):
        sent_words = words[bisect_left(word_starts, a):bisect_right(word_starts, b)]
        amounts = find_amounts(text, a, b, lex, sent_words)
        if not amounts:
            continue
        k = bisect_left(year_starts, a)
        previous_year = years[k - 1][1] if k else None
        for amt in amounts:
            subject, rule = finder.subject(i, amt.start, amt.measure)
            if subject is None:
                continue
            fact = Fact(subject=subject.name, subject_type=subject.type, measure=_without(amt.measure, subject),
                        value=decimal_text(amt.value), unit=amt.unit, approx=amt.approx,
                        date=amount_date(text[a:b], amt.start - a, lex, article_date, previous_year),
                        evidence=text[a:b].strip(), start=amt.start, end=amt.end, sentence=i, rule=rule)
            # the same amount about the same subject in another sentence (a title, a summary) is a
            # repetition; in one sentence only the same wording is (2个甲支部、2个乙支部 are two facts)
            key = (fact.subject_type, fact.subject, fact.value, fact.unit)
            earlier = [k for k in seen.get(key, ()) if facts[k].sentence != fact.sentence
                       or facts[k].measure == fact.measure]
            if earlier:
                if facts[earlier[0]].start < title_end <= fact.start:
                    facts[earlier[0]] = fact  # the body's report, with its date, over the title's
                continue
            seen.setdefault(key, []).append(len(facts))
            facts.append(fact)
    in_body = {(f.value, f.unit) for f in facts if f.start >= title_end}
    return [f for f in facts if f.start >= title_end or (f.value, f.unit) not in in_body]


def _without(measure: str, subject: Entity) -> str:
    """The measure without its subject's name in front (某党委委员 -> 委员), when something is left."""
    for name in sorted({subject.name, *subject.aliases}, key=len, reverse=True):
        if name and measure.startswith(name) and len(measure) > len(name):
            return measure[len(name):]
    return measure


@Language.factory("kg_facts", default_config={"lexicon_dir": None})
def make_fact_component(nlp: Language, name: str, lexicon_dir: str | None) -> FactComponent:
    return FactComponent(lexicon_dir)
