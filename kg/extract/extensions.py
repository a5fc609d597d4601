"""The ``Doc._`` attributes the project's components read and write, registered once.

Ingest facts (byline, where the title ends) go on the Doc before the pipeline
runs; each component leaves its results there for the next one and for
``kg.extract.article``, which turns them into plain records.
"""
from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS: dict[str, object] = {
    "kg_text": None,  # the Doc's text, kept: spaCy rebuilds doc.text from every token each time
    "kg_byline": (),  # author names from the article's byline (ingest)
    "kg_title_end": 0,  # where the title line ends, 0 when there is none (ingest)
    "kg_article_date": None,  # the article's publication date, ISO, when its text shows one (ingest)
    "kg_sentences": None,  # sentence spans in characters (kg_entities)
    "kg_raw": None,  # every candidate the recognisers found (kg_entities)
    "kg_cands": None,  # the candidates kept (kg_entities)
    "kg_entities": None,  # one Entity per name (kg_entities)
    "kg_canon": None,  # (type, surface name) -> canonical name (kg_entities)
    "kg_relations": None,  # Relations found (kg_relations)
    "kg_facts": None,  # Facts: amounts about entities (kg_facts)
    "kg_ner": None,  # statistical entities, (start, end, PER|LOC|ORG|TIME) (kg_ner_lac or kg_ner_model)
    "kg_lac_words": None,  # LAC's words, (start, end, POS or entity tag) (kg_ner_lac)
}

for _name, _default in EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
