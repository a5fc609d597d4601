"""The registered spaCy components that carry the project's rules.

``kg_entities`` finds and merges entity names; ``kg_relations`` links them.
Both read their vocabulary from data files (config ``lexicon_dir``; default:
the package's own lexicons), so they are configured, not hard-wired, like
spaCy's own ``entity_ruler``.
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

import kg.extract.extensions  # noqa: F401  (registers the Doc._ attributes)
from kg.extract.entities import merge, resolve_demonstratives, select
from kg.extract.lexicon import Lexicon
from kg.extract.recognize import Cand, Recognizer
from kg.extract.relations import RelationFinder, RelationVocab
from kg.gazetteer import Gazetteer


def doc_text(doc: Doc) -> str:
    """The text of ``doc``, kept in ``doc._.kg_text``: spaCy builds ``doc.text`` from every token each time."""
    if doc._.kg_text is None:
        doc._.kg_text = doc.text
    return doc._.kg_text


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence spans in characters; lines also end sentences (headings, captions)."""
    out = []
    text = doc_text(doc)
    for sent in doc.sents:
        a, b = sent.start_char, sent.end_char
        start = a
        while True:
            nl = text.find("\n", start, b)
            if nl == -1:
                out.append((start, b))
                break
            out.append((start, nl))
            start = nl + 1
    return [(a, b) for a, b in out if b > a]


class EntityComponent:
    def __init__(self, lexicon_dir: str | None = None):
        self.lex = Lexicon.load(lexicon_dir)
        self.gaz = Gazetteer.default()
        self.recognizer = Recognizer(self.lex, self.gaz)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        raw = self.recognizer.recognise(text, doc._.kg_byline, doc._.kg_ner or (), doc._.kg_lac_words or ())
        cands = resolve_demonstratives(text, select(raw, self.lex, text), self.lex)
        sents = _sentences(doc)
        doc._.kg_sentences = sents
        starts = [a for a, _ in sents]

        def sentence_of(pos: int) -> int:
            """Sentences are in order and apart: only the last one starting at or before pos can hold it."""
            i = bisect_right(starts, pos) - 1
            return i if i >= 0 and pos < sents[i][1] else -1

        entities, canon_names = merge(text, cands, self.gaz, self.lex, sentence_of)
        doc._.kg_raw = raw
        doc._.kg_cands = cands
        doc._.kg_entities = entities
        doc._.kg_canon = canon_names
        spans = []
        for c in cands:
            span = doc.char_span(c.start, c.end, label=c.type, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["kg"] = spans
        return doc


class RelationComponent:
    def __init__(self, lexicon_dir: str | None = None):
        self.lex = Lexicon.load(lexicon_dir)
        self.vocab = RelationVocab.load(lexicon_dir)

    def __call__(self, doc: Doc) -> Doc:
        cands = doc._.kg_cands or []
        canon_names = doc._.kg_canon or {}
        known = {(e.type, e.name) for e in doc._.kg_entities or []}

        def canon(c: Cand) -> str | None:
            name = canon_names.get((c.type, c.name), c.name)
            if (c.type, name) in known:
                return name
            if (c.type, c.name) in known:
                return c.name
            return None

        finder = RelationFinder(doc_text(doc), doc._.kg_raw or [], cands, canon, doc._.kg_sentences or _sentences(doc),
                                self.lex, doc._.kg_title_end, canon_names, self.vocab)
        doc._.kg_relations = sorted(finder.run(), key=lambda r: (r.rel, r.head, r.tail))
        return doc


@Language.factory("kg_entities", default_config={"lexicon_dir": None})
def make_entity_component(nlp: Language, name: str, lexicon_dir: str | None) -> EntityComponent:
    return EntityComponent(lexicon_dir)


@Language.factory("kg_relations", default_config={"lexicon_dir": None})
def make_relation_component(nlp: Language, name: str, lexicon_dir: str | None) -> RelationComponent:
    return RelationComponent(lexicon_dir)
