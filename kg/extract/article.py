"""Run the pipeline over one article and return plain records.

Traditional-character articles are matched on ``Article.match_text`` (a
simplified copy of the same length, so every offset holds for both), but
names, mentions, aliases, sentences and evidence are taken back from
``Article.text``: the graph shows what the article wrote.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

import kg.extract.extensions  # noqa: F401  (registers the Doc._ attributes set here)
from kg.model import Article, Entity, Extraction, Fact, Mention, Relation


def extract_articles(nlp: Language, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Extraction]:
    """Run the pipeline over ``articles`` with ``nlp.pipe``, in order, one ``Extraction`` each."""
    articles = list(articles)
    docs = nlp.pipe((_doc(nlp, a) for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs, strict=True):
        yield _extraction(article, doc)


def extract_article(nlp: Language, article: Article) -> Extraction:
    """One article through the pipeline (see ``extract_articles`` for many)."""
    return next(extract_articles(nlp, [article]))


def _doc(nlp: Language, article: Article) -> Doc:
    """The article's Doc, tokenised, with what ingest knows about it (byline, title) on ``doc._``."""
    text = article.match_text or article.text
    doc = nlp.make_doc(text)
    doc._.kg_text = text  # the tokenizer keeps every character, so doc.text is text: no need to rebuild it
    doc._.kg_byline = tuple(_matchable(article.byline) if article.match_text else article.byline)
    doc._.kg_article_date = article.date
    if article.title:
        first = text.find("\n")
        doc._.kg_title_end = first if first >= 0 else len(text)
    return doc


def _extraction(article: Article, doc: Doc) -> Extraction:
    sentences = [article.text[a:b] for a, b in (doc._.kg_sentences or [])]
    entities = list(doc._.kg_entities or [])
    relations = list(doc._.kg_relations or [])
    facts = list(doc._.kg_facts or [])
    if article.match_text and article.match_text != article.text:
        original = _Original(article.text, article.match_text)
        names = original.names(entities)
        entities, relations = original.restore(entities, relations)
        facts = original.restore_facts(facts, names, sentences)
    return Extraction(article, entities, relations, sentences, facts)


def _matchable(names: Iterable[str]) -> list[str]:
    """Byline names as they appear in the simplified copy the rules match on."""
    from kg.ingest.simplify import simplified

    return [simplified(n) or n for n in names]


class _Original:
    """Maps strings found in the simplified copy back to the article's own characters."""

    def __init__(self, text: str, match: str) -> None:
        self.text = text
        self.match = match

    def string(self, s: str, spans: Iterable[tuple[int, int]] = ()) -> str:
        """``s`` as the article wrote it: the same stretch of a mention (or, for a name without its
        quote marks, the same characters of it), else its first occurrence; else ``s`` unchanged."""
        if not s:
            return s
        spans = list(spans)
        for a, b in spans:
            i = self.match.find(s, a, b)
            if i >= 0:
                return self.text[i : i + len(s)]
        for a, b in spans:
            picked = self._subsequence(s, a, b)
            if picked is not None:
                return "".join(self.text[i] for i in picked)
        i = self.match.find(s)
        return self.text[i : i + len(s)] if i >= 0 else s

    def _subsequence(self, s: str, a: int, b: int) -> list[int] | None:
        picked = []
        i = a
        for ch in s:
            i = self.match.find(ch, i, b)
            if i < 0:
                return None
            picked.append(i)
            i += 1
        return picked

    def names(self, entities: list[Entity]) -> dict[tuple[str, str], str]:
        """(type, name in the simplified copy) -> the name as the article wrote it."""
        return {(e.type, e.name): self.string(e.name, [(m.start, m.end) for m in e.mentions]) for e in entities}

    def restore_facts(self, facts: list[Fact], names: dict[tuple[str, str], str], sentences: list[str]) -> list[Fact]:
        """Facts with their subject, measure and evidence in the article's own characters."""
        return [dataclasses.replace(
            f, subject=names.get((f.subject_type, f.subject), f.subject),
            measure=self.string(f.measure, [(max(0, f.start - 20), f.end + 20)]) if f.measure else f.measure,
            evidence=sentences[f.sentence].strip() if 0 <= f.sentence < len(sentences) else self.string(f.evidence))
            for f in facts]

    def restore(self, entities: list[Entity], relations: list[Relation]) -> tuple[list[Entity], list[Relation]]:
        names: dict[tuple[str | None, str], str] = {}  # looked up by a relation's type, which may be None
        out_entities = []
        for e in entities:
            spans = [(m.start, m.end) for m in e.mentions]
            name = self.string(e.name, spans)
            names[(e.type, e.name)] = name
            mentions = [Mention(m.start, m.end, self.text[m.start : m.end], m.label,
                                self.string(m.name, [(m.start, m.end)]),
                                tuple(self.string(x, [(m.start, m.end)]) for x in m.aliases), m.rule, m.sentence)
                        for m in e.mentions]
            aliases = {self.string(x, spans) for x in e.aliases} - {name}
            out_entities.append(Entity(name, e.type, aliases, mentions, e.code, e.level))
            for alias in e.aliases:
                names.setdefault((e.type, alias), self.string(alias, spans))
        out_relations = [
            Relation(names.get((r.head_type, r.head)) or self.string(r.head), r.rel,
                     names.get((r.tail_type, r.tail)) or self.string(r.tail), self.string(r.evidence),
                     r.method, r.rule, r.head_type, r.tail_type)
            for r in relations
        ]
        return out_entities, out_relations
