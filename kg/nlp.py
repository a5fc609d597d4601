"""The spaCy pipeline: ``zh_core_web_sm`` when the user has it, else spaCy's
Chinese tokenizer with the jieba segmenter; then the project's components.

The components (``kg_entities``, ``kg_relations``) reach spaCy through the
``spacy_factories`` entry points in pyproject.toml, as third-party components
do, so ``spacy.blank("zh").add_pipe("kg_entities")`` works without importing kg.

The package index's ``zh-core-web-sm`` 999.9.9 is a squatted placeholder, so
the model is only ever detected at run time (``python -m spacy download
zh_core_web_sm`` installs the real one), never declared as a dependency.
"""
from __future__ import annotations

import importlib.util
import logging

import spacy
from spacy.language import Language

from kg.resources import read_lines

log = logging.getLogger(__name__)
MODEL = "zh_core_web_sm"


def model_available() -> bool:
    spec = importlib.util.find_spec(MODEL)
    if spec is None:
        return False
    try:
        from importlib.metadata import version

        return not version(MODEL).startswith("999")  # the squatted placeholder
    except Exception:  # noqa: BLE001 - metadata may be missing for a linked model
        return True


def load_nlp(model: str = "auto", lexicon_dir: str | None = None) -> Language:
    """Build the pipeline. ``model``: "auto" (use zh_core_web_sm if installed), "blank", or a model name."""
    nlp = None
    if model != "blank" and (model != "auto" or model_available()):
        name = MODEL if model == "auto" else model
        try:
            nlp = spacy.load(name, exclude=["ner"])
        except OSError as exc:
            if model != "auto":
                raise
            log.warning("could not load %s (%s); using the jieba segmenter", name, exc)
    if nlp is None:
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    punct = list(read_lines("lexicons/sentence_punct.txt"))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sentencizer", before="parser", config={"punct_chars": punct})
    else:
        nlp.add_pipe("sentencizer", config={"punct_chars": punct})
    nlp.add_pipe("kg_entities", config={"lexicon_dir": lexicon_dir})
    nlp.add_pipe("kg_relations", config={"lexicon_dir": lexicon_dir})
    return nlp


def describe(nlp: Language) -> str:
    meta = nlp.meta
    if meta.get("name") and meta.get("name") != "pipeline":
        return f"{meta.get('lang')}_{meta['name']} {meta.get('version', '')}".strip()
    return "blank zh + jieba segmenter"
