"""The statistical NER layer: one evidence slot, whatever filled it.

``kg_ner_lac`` tags the text with Baidu's LAC (``kg.extract.lac``);
``kg_ner_model`` takes the entities of a trained spaCy model's own ``ner``
(``zh_core_web_sm``). Both leave the same things on the Doc, with labels
normalised to PER, LOC, ORG and TIME (``lexicons/ner_labels.tsv``), so the
recognisers read one slot and need not know which ran:

``doc.spans["ner"]``
    the entities as spans (expanded to the tokens they touch)
``doc._.kg_ner``
    the same as ``(start, end, label)`` character offsets: the segmenter's
    tokens need not fall on the tagger's word edges; None (and no span group)
    when no statistical NER ran
``doc._.kg_lac_words``
    LAC's own segmentation, ``(start, end, tag)`` per word with its POS or
    entity tag (n, v, PER…); None when LAC did not run
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

import kg.extract.extensions  # noqa: F401  (registers kg_ner and kg_lac_words)
from kg.extract.components import doc_text
from kg.extract.lac import Word, get_tagger
from kg.resources import read_table

SLOT = "ner"


@lru_cache(maxsize=1)
def slot_labels() -> dict[str, str]:
    """Source label (LAC's or OntoNotes') -> the slot's label; labels not listed are dropped."""
    return {row[0]: row[1] for row in read_table("lexicons/ner_labels.tsv")}


def fill(doc: Doc, found: Iterable[tuple[int, int, str]]) -> Doc:
    """Put entities given as (start, end, source label) in the slot, labels normalised."""
    labels = slot_labels()
    entities = tuple((a, b, labels[label]) for a, b, label in found if label in labels and b > a)
    doc._.kg_ner = entities
    spans = [doc.char_span(a, b, label=label, alignment_mode="expand") for a, b, label in entities]
    doc.spans[SLOT] = [s for s in spans if s is not None]
    return doc


class LacNer:
    """Tags each Doc with LAC; ``pipe`` tags a whole batch of Docs in one call (bigger buckets)."""

    def __init__(self) -> None:
        self.tagger = get_tagger()

    def __call__(self, doc: Doc) -> Doc:
        return self._set(doc, self.tagger.tag([doc_text(doc)])[0])

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            for doc, words in zip(batch, self.tagger.tag([doc_text(d) for d in batch]), strict=True):
                yield self._set(doc, words)

    @staticmethod
    def _set(doc: Doc, words: Sequence[Word]) -> Doc:
        doc._.kg_lac_words = tuple((a, b, tag) for a, b, _, tag in words)
        return fill(doc, ((a, b, tag) for a, b, _, tag in words))


class ModelNer:
    """Copies the entities of the model's own ``ner`` component into the slot."""

    def __call__(self, doc: Doc) -> Doc:
        return fill(doc, ((e.start_char, e.end_char, e.label_) for e in doc.ents))


@Language.factory("kg_ner_lac")
def make_lac_ner(nlp: Language, name: str) -> LacNer:
    return LacNer()


@Language.factory("kg_ner_model")
def make_model_ner(nlp: Language, name: str) -> ModelNer:
    return ModelNer()
