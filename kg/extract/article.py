"""Run the pipeline over one article and return plain records."""
from __future__ import annotations

from spacy.language import Language

from kg.model import Article, Extraction


def extract_article(nlp: Language, article: Article) -> Extraction:
    text = article.match_text or article.text
    doc = nlp.make_doc(text)
    doc._.kg_byline = tuple(article.byline)
    if article.title:
        first = text.find("\n")
        doc._.kg_title_end = first if first >= 0 else len(text)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    sentences = [text[a:b] for a, b in (doc._.kg_sentences or [])]
    return Extraction(article, list(doc._.kg_entities or []), list(doc._.kg_relations or []), sentences)
